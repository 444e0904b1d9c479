/**
 * Sends one-time code `number` to a citizen's phone: within the daily SMS limits per phone and per ID
 * number, stored as a keyed hash before the SMS leaves, and handed to the SMS centre. When the limits or
 * the SMS centre say no, nothing is kept and nothing counts against the citizen. Registration and
 * recovery both send their codes through here.
 */
import type { OneTimeCodes } from './one-time-codes.ts';
import { otpSmsText } from './otp-message.ts';
import { failure, type Outcome, success } from './outcome.ts';
import type { JourneyMetrics } from './ports/journey-metrics.ts';
import { type SmsSender, SmsUnavailableError } from './ports/sms-sender.ts';
import type { RegistrationRules } from './registration/rules.ts';
import type { SmsQuota } from './sms-quota.ts';

export interface CodeSendingDependencies {
  codes: OneTimeCodes;
  sms: SmsSender;
  smsQuota: SmsQuota;
  metrics: JourneyMetrics;
  rules: Pick<RegistrationRules, 'smsPerPhonePerDay' | 'smsPerIdNumberPerDay' | 'codeTtlMs'>;
  portalName: string;
}

export async function sendCode(
  deps: CodeSendingDependencies,
  input: {
    owner: string;
    number: number;
    to: string;
    phoneIndex: string;
    idNumberIndex: string;
    nowMs: number;
  },
): Promise<Outcome<void>> {
  const { rules } = deps;
  const quota = await deps.smsQuota.reserve(
    [
      { key: `phone:${input.phoneIndex}`, perDay: rules.smsPerPhonePerDay },
      { key: `id:${input.idNumberIndex}`, perDay: rules.smsPerIdNumberPerDay },
    ],
    `${input.owner}:${input.number}`,
    input.nowMs,
  );
  if (!quota.allowed)
    return failure('RATE_LIMITED', { retryAfterSeconds: Math.ceil(quota.retryAfterMs / 1000) });

  const code = await deps.codes.issue(input.owner, input.number);
  const started = performance.now();
  try {
    await deps.sms.send({
      to: input.to,
      text: otpSmsText({
        portalName: deps.portalName,
        code,
        validMinutes: Math.round(rules.codeTtlMs / 60_000),
      }),
    });
    deps.metrics.partnerCall('sms_handover', 'sent', (performance.now() - started) / 1000);
    return success(undefined);
  } catch (error) {
    deps.metrics.partnerCall('sms_handover', 'failed', (performance.now() - started) / 1000);
    await Promise.all([quota.release(), deps.codes.withdraw(input.owner, input.number)]);
    if (error instanceof SmsUnavailableError) return failure('SMS_UNAVAILABLE', { retryAfterSeconds: 30 });
    throw error;
  }
}
