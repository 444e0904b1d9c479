/**
 * The first step of every method that ends in an SMS code: validate the method's entries, hold the per-IP
 * limit, spend the captcha, let the method prove the identity, refuse a citizen who already has an account
 * (only now, so that only the person the source vouched for learns it), then send the first code to the
 * phone the source vouches for. A registration exists only once its code was handed to the SMS centre: a
 * refusal or an outage leaves nothing behind and costs the citizen nothing.
 */
import { maskPhone } from '../../domain/phone.ts';
import { codeTimes } from '../codes/code-rules.ts';
import { sendCode } from '../codes/send-code.ts';
import {
  type Failure,
  type FieldError,
  failure,
  type Outcome,
  type RequestContext,
  success,
} from '../outcome.ts';
import type { AuditEventName } from '../ports/repositories.ts';
import type { RegistrationDependencies } from './dependencies.ts';
import type { CaptchaAnswer, CodeRegistrationMethod } from './method.ts';
import { sealIdentity } from './verified-identity.ts';

export interface StartedRegistration {
  registrationId: string;
  maskedPhone: string;
  otpExpiresAt: Date;
  resendAvailableAt: Date;
}

/** A method's start, and its field checks alone for a form that must show every error in one pass. */
export interface StartWithCode<Input> {
  (input: Input, context: RequestContext): Promise<Outcome<StartedRegistration>>;
  /** The entries' field errors, all at once; nothing is counted and the captcha is not spent. */
  check(input: Input): FieldError[];
}

export function createStartWithCode<Input extends CaptchaAnswer, Entries extends { idNumber: string }>(
  deps: RegistrationDependencies,
  method: CodeRegistrationMethod<Input, Entries>,
): StartWithCode<Input> {
  const { rules, protector } = deps;
  const check = (input: Input): FieldError[] => {
    const entries = method.validate(input, deps.clock.now());
    return entries.ok ? [] : (entries.failure.fieldErrors ?? []);
  };

  return Object.assign(start, { check });

  async function start(input: Input, context: RequestContext): Promise<Outcome<StartedRegistration>> {
    const now = deps.clock.now();
    const labels = (extra: { reason?: string; partner?: string | undefined } = {}) => ({
      method: method.id,
      ...(extra.reason && { reason: extra.reason }),
      ...(extra.partner && { partner: extra.partner }),
    });
    const entries = method.validate(input, now);
    if (!entries.ok) {
      deps.metrics.step('start', 'invalid', labels({ reason: 'VALIDATION_FAILED' }));
      return entries;
    }
    const audit = (
      event: AuditEventName,
      subject: string,
      extra: { reason?: string; partner?: string | undefined; registrationId?: string; maskedPhone?: string },
    ) =>
      deps.audit.record({
        event,
        at: now,
        method: method.id,
        subject,
        requestId: context.requestId,
        clientIp: context.clientIp,
        ...(extra.reason && { reason: extra.reason }),
        ...(extra.partner && { partner: extra.partner }),
        ...(extra.registrationId && { registrationId: extra.registrationId }),
        ...(extra.maskedPhone && { maskedPhone: extra.maskedPhone }),
      });
    /** Refused before an identity was proven: the audit links it to the ID number as typed. */
    const refuseUnproven = async (refused: Failure, partner?: string, detail?: string) => {
      deps.metrics.step('start', 'refused', labels({ reason: refused.code, partner }));
      await audit('registration.refused', protector.blindIndex('id', entries.value.idNumber), {
        reason: detail ? `${refused.code}:${detail}` : refused.code,
        partner,
      });
      return { ok: false as const, failure: refused };
    };

    const ipKey = `starts-ip:${protector.blindIndex('ip', context.clientIp)}`;
    const perIp = await deps.store.increment(ipKey, 10 * 60_000);
    if (perIp.count > rules.startsPerIpPer10Minutes)
      return refuseUnproven({
        code: 'RATE_LIMITED',
        limit: 'STARTS_PER_IP',
        retryAfterSeconds: Math.ceil(perIp.resetInMs / 1000),
      });
    if (!(await deps.verifyCaptcha(input.captchaId, input.captchaAnswer)))
      return refuseUnproven({ code: 'CAPTCHA_INVALID' });

    const proof = await method.prove(entries.value, context);
    if (!proof.proven) return refuseUnproven(proof.failure, proof.partner, proof.detail);

    const { identity, partner } = proof;
    const subject = protector.blindIndex('id', identity.idNumber);
    const maskedPhone = maskPhone(identity.phoneNumber);
    const refuse = async (
      code: Parameters<typeof failure>[0],
      details: Parameters<typeof failure>[1] = {},
    ) => {
      deps.metrics.step('start', 'refused', labels({ reason: code, partner }));
      await audit('registration.refused', subject, { reason: code, partner, maskedPhone });
      return failure<StartedRegistration>(code, details);
    };
    if (await deps.accounts.existsForSubject(subject)) return refuse('ACCOUNT_EXISTS');

    const registrationId = deps.random.token();
    const phoneIndex = protector.blindIndex('phone', identity.phoneNumber);
    const sent = await sendCode(deps, {
      purpose: 'registration',
      owner: registrationId,
      number: 1,
      to: identity.phoneNumber,
      phoneIndex,
      idNumberIndex: subject,
      nowMs: now.getTime(),
    });
    if (!sent.ok) {
      if (sent.failure.code === 'SMS_UNAVAILABLE')
        await audit('registration.code_send_failed', subject, { partner, maskedPhone });
      return refuse(sent.failure.code, {
        retryAfterSeconds: sent.failure.retryAfterSeconds ?? 30,
        ...(sent.failure.limit && { limit: sent.failure.limit }),
      });
    }

    const times = codeTimes(rules, now.getTime());
    const otpExpiresAt = new Date(times.codeExpiresAtMs);
    const resendAvailableAt = new Date(times.resendAvailableAtMs);
    await deps.registrations.createSupersedingUnfinished({
      id: registrationId,
      method: method.id,
      state: 'code_sent',
      subjectIndex: subject,
      phoneIndex,
      identityEnc: sealIdentity(protector, identity),
      partner,
      consentVersion: rules.consentVersion,
      consentedAt: now,
      createdAt: now,
      expiresAt: new Date(now.getTime() + rules.registrationTtlMs),
      codesSent: 1,
      codeExpiresAt: otpExpiresAt,
      resendAvailableAt,
      verifiedAt: null,
      completedAt: null,
      accountId: null,
    });
    // Recorded together, so the audit log can write both in one statement.
    await Promise.all([
      audit('registration.started', subject, { registrationId, partner, maskedPhone }),
      audit('registration.code_sent', subject, { registrationId, partner, maskedPhone }),
    ]);
    deps.metrics.step('start', 'code_sent', labels({ partner }));
    return success({ registrationId, maskedPhone, otpExpiresAt, resendAvailableAt });
  }
}
