/**
 * The refusals only the remote (personal) signature gives (registering or signing in):
 * API codes (api.md) this method declares itself.
 * Their HTTP statuses are the plug-in's `refusals`; their problem texts are in the method's catalog file.
 */
declare module '../../../usecases/outcome.ts' {
  interface MethodFailureCodes {
    REMOTE_SIGNATURE_NOT_FOUND: 'remote-signature';
    REMOTE_SIGNATURE_UNAVAILABLE: 'remote-signature';
    REMOTE_SIGNATURE_ID_MISMATCH: 'remote-signature';
  }
}

export {};
