/**
 * Step 1 of registration by mobile subscriber: validate the entries, spend the captcha, make sure no
 * account exists, ask the carrier whether the SIM is registered to this citizen, then send the first
 * code. A registration exists only once its code was handed to the SMS centre: a refusal or an outage
 * leaves nothing behind and costs the citizen nothing.
 */
import { CARRIERS } from '../../domain/carriers.ts';
import { parseDate } from '../../domain/dates.ts';
import { checkIdNumberAgainstBirthDate } from '../../domain/id-number.ts';
import { validateFullName } from '../../domain/name.ts';
import { maskPhone, normalizeMobileNumber } from '../../domain/phone.ts';
import { type FieldError, failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import { sendCode } from '../send-code.ts';
import type { PersonalEntries, RegistrationDependencies } from './dependencies.ts';

export interface StartRegistrationInput {
  idNumber: string;
  fullName: string;
  birthDate: string;
  phoneNumber: string;
  captchaId: string;
  captchaAnswer: string;
}

export interface StartedRegistration {
  registrationId: string;
  maskedPhone: string;
  otpExpiresAt: Date;
  resendAvailableAt: Date;
}

export function validateEntries(input: StartRegistrationInput, today: Date): Outcome<PersonalEntries> {
  const errors: FieldError[] = [];
  const birthDate = parseDate(input.birthDate, today);
  if (!birthDate.ok) errors.push({ field: 'birthDate', code: birthDate.error });
  const idNumber = birthDate.ok
    ? checkIdNumberAgainstBirthDate(input.idNumber.trim(), birthDate.value)
    : undefined;
  if (idNumber && !idNumber.ok) errors.push({ field: 'idNumber', code: idNumber.error });
  if (!birthDate.ok && !/^\d{9}$|^\d{12}$/.test(input.idNumber.trim())) {
    errors.push({ field: 'idNumber', code: 'ID_NUMBER_INVALID' });
  }
  const fullName = validateFullName(input.fullName);
  if (!fullName.ok) errors.push({ field: 'fullName', code: fullName.error });
  const phone = normalizeMobileNumber(input.phoneNumber);
  if (!phone.ok) errors.push({ field: 'phoneNumber', code: phone.error });
  if (errors.length > 0 || !birthDate.ok || !idNumber?.ok || !fullName.ok || !phone.ok) {
    return failure('VALIDATION_FAILED', { fieldErrors: errors });
  }
  return success({
    idNumber: idNumber.value.number,
    fullName: fullName.value,
    birthDate: birthDate.value,
    phoneNumber: phone.value.e164,
  });
}

export function createStartRegistration(deps: RegistrationDependencies) {
  const { rules, protector } = deps;

  return async function startRegistration(
    input: StartRegistrationInput,
    context: RequestContext,
  ): Promise<Outcome<StartedRegistration>> {
    const now = deps.clock.now();
    const entries = validateEntries(input, now);
    if (!entries.ok) {
      deps.metrics.step('start', 'invalid', { reason: 'VALIDATION_FAILED' });
      return entries;
    }
    const personal = entries.value;
    const subject = protector.blindIndex('id', personal.idNumber);
    const phoneIndex = protector.blindIndex('phone', personal.phoneNumber);
    const maskedPhone = maskPhone(personal.phoneNumber);
    const audit = (
      event: Parameters<typeof deps.audit.record>[0]['event'],
      extra: { reason?: string; carrier?: string; registrationId?: string } = {},
    ) =>
      deps.audit.record({
        event,
        at: now,
        subject,
        maskedPhone,
        requestId: context.requestId,
        clientIp: context.clientIp,
        ...extra,
      });
    const refuse = async <T>(
      code: Parameters<typeof failure>[0],
      details: Parameters<typeof failure>[1] = {},
      carrier?: string,
    ): Promise<Outcome<T>> => {
      deps.metrics.step('start', 'refused', { reason: code, ...(carrier && { carrier }) });
      await audit('registration.refused', { reason: code, ...(carrier && { carrier }) });
      return failure(code, details);
    };

    const ipKey = `starts-ip:${protector.blindIndex('ip', context.clientIp)}`;
    const perIp = await deps.store.increment(ipKey, 10 * 60_000);
    if (perIp.count > rules.startsPerIpPer10Minutes) {
      return refuse('RATE_LIMITED', { retryAfterSeconds: Math.ceil(perIp.resetInMs / 1000) });
    }
    if (!(await deps.verifyCaptcha(input.captchaId, input.captchaAnswer))) return refuse('CAPTCHA_INVALID');
    if (await deps.accounts.existsForIdNumber(subject)) return refuse('ACCOUNT_EXISTS');

    const checkStarted = performance.now();
    const decision = await deps.carrier.checkOwner(personal, { requestId: context.requestId });
    deps.metrics.partnerCall('owner_check', decision.outcome, (performance.now() - checkStarted) / 1000);
    switch (decision.outcome) {
      case 'carrier_unavailable':
        return refuse('CARRIER_UNAVAILABLE', { retryAfterSeconds: 30 }, decision.carrier);
      case 'unknown_number':
        return refuse('SUBSCRIBER_NOT_FOUND');
      case 'not_owner':
        await audit('registration.owner_checked', {
          carrier: decision.carrier,
          reason: decision.reasons.join(','),
        });
        return refuse('SUBSCRIBER_NOT_OWNER', { carrier: CARRIERS[decision.carrier] }, decision.carrier);
      case 'owner':
        break;
    }

    const registrationId = deps.random.token();
    const sent = await sendCode(deps, {
      owner: registrationId,
      number: 1,
      to: personal.phoneNumber,
      phoneIndex,
      idNumberIndex: subject,
      nowMs: now.getTime(),
    });
    if (!sent.ok) {
      if (sent.failure.code === 'SMS_UNAVAILABLE')
        await audit('registration.code_send_failed', { carrier: decision.carrier });
      return refuse(
        sent.failure.code,
        { retryAfterSeconds: sent.failure.retryAfterSeconds ?? 30 },
        decision.carrier,
      );
    }

    const otpExpiresAt = new Date(now.getTime() + rules.codeTtlMs);
    const resendAvailableAt = new Date(now.getTime() + rules.resendAfterMs);
    await deps.registrations.createSupersedingUnfinished(
      {
        id: registrationId,
        method: 'mobile',
        state: 'code_sent',
        idNumberIndex: subject,
        phoneIndex,
        personalEnc: protector.encrypt(JSON.stringify(personal)),
        carrier: decision.carrier,
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
      },
      now,
    );
    // Recorded together, so the audit log can write both in one statement.
    await Promise.all([
      audit('registration.started', { registrationId, carrier: decision.carrier }),
      audit('registration.code_sent', { registrationId, carrier: decision.carrier }),
    ]);
    deps.metrics.step('start', 'code_sent', { carrier: decision.carrier });
    return success({ registrationId, maskedPhone, otpExpiresAt, resendAvailableAt });
  };
}
