/**
 * A new code for the same registration: not before the resend delay, at most five codes per registration,
 * within the daily SMS limits. The new code replaces the old one only once the SMS centre has taken it.
 */
import { codeTimes, resendRefusal } from '../codes/code-rules.ts';
import { sendCode } from '../codes/send-code.ts';
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { RegistrationDependencies } from './dependencies.ts';
import { loadForAction } from './load-registration.ts';
import { openIdentity } from './verified-identity.ts';

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
    const refusal = resendRefusal(
      rules,
      {
        codesSent: registration.codesSent,
        codeExpiresAtMs: registration.codeExpiresAt?.getTime() ?? 0,
        resendAvailableAtMs: registration.resendAvailableAt?.getTime() ?? 0,
        journeyExpiresAtMs: registration.expiresAt.getTime(),
      },
      now.getTime(),
    );
    if (refusal) return refusal;
    // One resend at a time per registration: a double click must not send two codes.
    const lockKey = `resend-lock:${registrationId}`;
    if (!(await deps.store.setIfAbsent(lockKey, '1', 10_000)))
      return failure('OTP_RESEND_TOO_SOON', { retryAfterSeconds: 1 });
    try {
      const number = registration.codesSent + 1;
      const identity = openIdentity(deps.protector, registration.identityEnc);
      const sent = await sendCode(deps, {
        purpose: 'registration',
        owner: registrationId,
        number,
        to: identity.phoneNumber,
        phoneIndex: registration.phoneIndex ?? deps.protector.blindIndex('phone', identity.phoneNumber),
        idNumberIndex: registration.subjectIndex,
        nowMs: now.getTime(),
      });
      if (!sent.ok) return sent;
      const times = codeTimes(rules, now.getTime());
      const otpExpiresAt = new Date(times.codeExpiresAtMs);
      const resendAvailableAt = new Date(times.resendAvailableAtMs);
      const moved = await deps.registrations.transition(
        registrationId,
        { state: 'code_sent', codesSent: registration.codesSent },
        { codesSent: number, codeExpiresAt: otpExpiresAt, resendAvailableAt },
      );
      if (!moved) return failure('STEP_NOT_ALLOWED');
      deps.metrics.step('resend', 'code_sent', { method: registration.method });
      await deps.audit.record({
        event: 'registration.code_sent',
        at: now,
        method: registration.method,
        registrationId,
        subject: registration.subjectIndex,
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
