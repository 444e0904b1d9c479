/**
 * Step 2: the code the citizen received. Accepted once (of 20 identical concurrent submissions exactly
 * one moves the journey on), refused with the attempts left, locked after the fifth wrong answer.
 */
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { RegistrationDependencies } from './dependencies.ts';
import { loadForAction } from './load-registration.ts';

export function createVerifyCode(deps: RegistrationDependencies) {
  return async function verifyCode(
    registrationId: string,
    code: string,
    context: RequestContext,
  ): Promise<Outcome<{ step: 'password' }>> {
    const now = deps.clock.now();
    const loaded = await loadForAction(deps, registrationId, 'verify_code', now);
    if (!loaded.ok) return loaded;
    const registration = loaded.value;
    const audit = (
      event: 'registration.code_failed' | 'registration.code_locked' | 'registration.code_verified',
      reason?: string,
    ) =>
      deps.audit.record({
        event,
        at: now,
        registrationId,
        subject: registration.idNumberIndex,
        requestId: context.requestId,
        clientIp: context.clientIp,
        ...(reason && { reason }),
      });

    if (!registration.codeExpiresAt || registration.codeExpiresAt.getTime() <= now.getTime()) {
      deps.metrics.step('verify', 'expired');
      return failure('OTP_EXPIRED');
    }
    const submitted = code.trim();
    const check =
      /^\d+$/.test(submitted) && submitted.length === deps.rules.codeLength
        ? await deps.codes.check(registrationId, registration.codesSent, submitted)
        : await deps.codes.check(registrationId, registration.codesSent, 'not-a-code');
    switch (check.result) {
      case 'locked':
        deps.metrics.step('verify', 'locked');
        await audit('registration.code_locked');
        return failure('OTP_LOCKED');
      case 'wrong':
        deps.metrics.step('verify', 'wrong');
        await audit('registration.code_failed', `attempts_left=${check.attemptsLeft}`);
        return failure('OTP_INVALID', { attemptsLeft: check.attemptsLeft });
      case 'gone':
        return failure('STEP_NOT_ALLOWED');
      case 'accepted':
        break;
    }
    const moved = await deps.registrations.transition(
      registrationId,
      { state: 'code_sent' },
      { state: 'code_verified', verifiedAt: now },
    );
    if (!moved) return failure('STEP_NOT_ALLOWED');
    deps.metrics.step('verify', 'verified');
    await audit('registration.code_verified');
    return success({ step: 'password' as const });
  };
}
