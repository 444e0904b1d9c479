/**
 * A new code for the same registration: not before the resend delay, at most five codes per registration,
 * within the daily SMS limits. The new code replaces the old one only once the SMS centre has taken it.
 */
import { otpSmsText } from '../otp-message.ts';
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import { SmsUnavailableError } from '../ports/sms-sender.ts';
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
      const quota = await deps.smsQuota.reserve(
        [
          { key: `phone:${registration.phoneIndex}`, perDay: rules.smsPerPhonePerDay },
          { key: `id:${registration.idNumberIndex}`, perDay: rules.smsPerIdNumberPerDay },
        ],
        `${registrationId}:${number}`,
        now.getTime(),
      );
      if (!quota.allowed)
        return failure('RATE_LIMITED', { retryAfterSeconds: Math.ceil(quota.retryAfterMs / 1000) });

      const personal = JSON.parse(deps.protector.decrypt(registration.personalEnc)) as PersonalEntries;
      const code = await deps.codes.issue(registrationId, number);
      try {
        await deps.sms.send({
          to: personal.phoneNumber,
          text: otpSmsText({
            portalName: deps.portalName,
            code,
            validMinutes: Math.round(rules.codeTtlMs / 60_000),
          }),
        });
      } catch (error) {
        await Promise.all([quota.release(), deps.codes.withdraw(registrationId, number)]);
        if (error instanceof SmsUnavailableError)
          return failure('SMS_UNAVAILABLE', { retryAfterSeconds: 30 });
        throw error;
      }
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
