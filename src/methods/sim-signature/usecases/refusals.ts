/**
 * The refusals only the SIM signature gives (registering or signing in):
 * API codes (api.md) this method declares itself.
 * Their HTTP statuses are the plug-in's `refusals`; their problem texts are in the method's catalog file.
 */
declare module '../../../usecases/outcome.ts' {
  interface MethodFailureCodes {
    SIM_PIN_BLOCKED: 'sim-signature';
    MOBILE_SIGNATURE_NOT_ENABLED: 'sim-signature';
    MOBILE_SIGNATURE_UNAVAILABLE: 'sim-signature';
  }
}

export {};
