/**
 * A new code for the same registration: not before the resend delay, at most five codes per registration,
 * within the daily SMS limits. The new code replaces the old one only once the SMS centre has taken it.
 */
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import { sendCode } from '../send-code.ts';
import type { PersonalEntries, RegistrationDependencies } from './dependencies.ts';
import { loadForAction } from './load-registration.ts';

export function createResendCode(deps: RegistrationDependencies) {
  const { rules } = deps;
  return async function resendCode(
    registrationId: string,
    context: RequestContext,
  ): Promise<Outcome<{ otpExpiresAt: Date; resendAvailableAt: Date }>> {
    const now = deps.clock.now();
    const loaded = await loadForAction(deps, registrationId, 'resend_code', now);
    if (!loaded.ok) return loaded;
    const registration = loaded.value;
    const waitMs = (registration.resendAvailableAt?.getTime() ?? 0) - now.getTime();
    if (waitMs > 0) return failure('OTP_RESEND_TOO_SOON', { retryAfterSeconds: Math.ceil(waitMs / 1000) });
    if (registration.codesSent >= rules.maxCodesPerRegistration) {
      return failure('OTP_LIMIT_REACHED', {
        retryAfterSeconds: Math.ceil((registration.expiresAt.getTime() - now.getTime()) / 1000),
      });
    }
    // One resend at a time per registration: a double click must not send two codes.
    const lockKey = `resend-lock:${registrationId}`;
    if (!(await deps.store.setIfAbsent(lockKey, '1', 10_000)))
      return failure('OTP_RESEND_TOO_SOON', { retryAfterSeconds: 1 });
    try {
      const number = registration.codesSent + 1;
      const personal = JSON.parse(deps.protector.decrypt(registration.personalEnc)) as PersonalEntries;
      const sent = await sendCode(deps, {
        owner: registrationId,
        number,
        to: personal.phoneNumber,
        phoneIndex: registration.phoneIndex,
        idNumberIndex: registration.idNumberIndex,
        nowMs: now.getTime(),
      });
      if (!sent.ok) return sent;
      const otpExpiresAt = new Date(now.getTime() + rules.codeTtlMs);
      const resendAvailableAt = new Date(now.getTime() + rules.resendAfterMs);
      const moved = await deps.registrations.transition(
        registrationId,
        { state: 'code_sent', codesSent: registration.codesSent },
        { codesSent: number, codeExpiresAt: otpExpiresAt, resendAvailableAt },
      );
      if (!moved) return failure('STEP_NOT_ALLOWED');
      deps.metrics.step('resend', 'code_sent');
      await deps.audit.record({
        event: 'registration.code_sent',
        at: now,
        registrationId,
        subject: registration.idNumberIndex,
        reason: `code=${number}`,
        requestId: context.requestId,
        clientIp: context.clientIp,
      });
      return success({ otpExpiresAt, resendAvailableAt });
    } finally {
      await deps.store.delete(lockKey);
    }
  };
}
