/**
 * The refusals only registration by mobile subscriber gives:
 * API codes (api.md) this method declares itself.
 * Their HTTP statuses are the plug-in's `refusals`; their problem texts are in the method's catalog file.
 */
declare module '../../../usecases/outcome.ts' {
  interface MethodFailureCodes {
    SUBSCRIBER_NOT_OWNER: 'mobile';
    SUBSCRIBER_NOT_FOUND: 'mobile';
    CARRIER_UNAVAILABLE: 'mobile';
  }
}

export {};
