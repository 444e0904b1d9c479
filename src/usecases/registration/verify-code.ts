/**
 * The shared code step: the code the citizen received. Accepted once (of 20 identical concurrent submissions
 * exactly one moves the journey on), refused with the attempts left, locked after the fifth wrong answer.
 */
import { codeCheckRefusal, submittedCode } from '../codes/code-rules.ts';
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
    const labels = { method: registration.method };
    const audit = (
      event: 'registration.code_failed' | 'registration.code_locked' | 'registration.code_verified',
      reason?: string,
    ) =>
      deps.audit.record({
        event,
        at: now,
        method: registration.method,
        registrationId,
        subject: registration.subjectIndex,
        requestId: context.requestId,
        clientIp: context.clientIp,
        ...(reason && { reason }),
      });

    if (!registration.codeExpiresAt || registration.codeExpiresAt.getTime() <= now.getTime()) {
      deps.metrics.step('verify', 'expired', labels);
      return failure('OTP_EXPIRED');
    }
    const check = await deps.codes.check(
      registrationId,
      registration.codesSent,
      submittedCode(deps.rules, code),
    );
    const refusal = codeCheckRefusal(check);
    if (check.result === 'locked') {
      deps.metrics.step('verify', 'locked', labels);
      await audit('registration.code_locked');
    } else if (check.result === 'wrong') {
      deps.metrics.step('verify', 'wrong', labels);
      await audit('registration.code_failed', `attempts_left=${check.attemptsLeft}`);
    }
    if (refusal) return refusal;
    const moved = await deps.registrations.transition(
      registrationId,
      { state: 'code_sent' },
      { state: 'code_verified', verifiedAt: now },
    );
    if (!moved) return failure('STEP_NOT_ALLOWED');
    deps.metrics.step('verify', 'verified', labels);
    await audit('registration.code_verified');
    return success({ step: 'password' as const });
  };
}
