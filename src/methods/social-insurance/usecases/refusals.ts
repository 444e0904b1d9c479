/**
 * The refusals only registration by social-insurance number gives:
 * API codes (api.md) this method declares itself.
 * Their HTTP statuses are the plug-in's `refusals`; their problem texts are in the method's catalog file.
 */
declare module '../../../usecases/outcome.ts' {
  interface MethodFailureCodes {
    INSURANCE_RECORD_MISMATCH: 'social-insurance';
    INSURANCE_NO_PHONE: 'social-insurance';
    SOCIAL_INSURANCE_UNAVAILABLE: 'social-insurance';
  }
}

export {};
