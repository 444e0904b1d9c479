/**
 * Sends one-time code `number` to a citizen's phone: within the daily SMS limits per phone and per ID
 * number, stored as a keyed hash before the SMS leaves, and handed to the SMS centre. When the limits or
 * the SMS centre say no, nothing is kept and nothing counts against the citizen. Registration and
 * recovery both send their codes through here; recovery hands its codes over after answering (see
 * recovery.ts), through `deliverIssuedCode`.
 */

import { failure, type Outcome, success } from '../outcome.ts';
import type { JourneyMetrics } from '../ports/journey-metrics.ts';
import { type SmsSender, SmsUnavailableError } from '../ports/sms-sender.ts';
import type { CodeRules } from './code-rules.ts';
import type { OneTimeCodes } from './one-time-codes.ts';
import { type CodePurpose, otpSmsText } from './otp-message.ts';
import type { SmsQuota } from './sms-quota.ts';

export interface CodeSendingDependencies {
  codes: OneTimeCodes;
  sms: SmsSender;
  smsQuota: SmsQuota;
  metrics: JourneyMetrics;
  rules: Pick<CodeRules, 'smsPerPhonePerDay' | 'smsPerIdNumberPerDay' | 'codeTtlMs'>;
  portalName: string;
}

interface Delivery {
  /** What the code is for: each purpose has its own SMS text. */
  purpose: CodePurpose;
  owner: string;
  number: number;
  to: string;
  phoneIndex: string;
  idNumberIndex: string;
  nowMs: number;
}

export async function sendCode(deps: CodeSendingDependencies, input: Delivery): Promise<Outcome<void>> {
  const quota = await reserveDailySms(deps, input);
  if (!quota.allowed)
    return failure('RATE_LIMITED', {
      limit: quota.limit,
      retryAfterSeconds: Math.ceil(quota.retryAfterMs / 1000),
    });
  const code = await deps.codes.issue(input.owner, input.number);
  const handed = await handOver(deps, input, code);
  if (handed.ok) return success(undefined);
  await Promise.all([quota.release(), deps.codes.withdraw(input.owner, input.number)]);
  return handed;
}

/**
 * Sends a code that is already issued, within the daily SMS limits; a send the SMS centre refused does not
 * count. The code stays stored either way: an undelivered code is as unguessable as any other.
 */
export async function deliverIssuedCode(
  deps: Omit<CodeSendingDependencies, 'codes'>,
  input: Delivery & { code: string },
): Promise<'sent' | 'over_daily_limit' | 'sms_unavailable'> {
  const quota = await reserveDailySms(deps, input);
  if (!quota.allowed) return 'over_daily_limit';
  const handed = await handOver(deps, input, input.code);
  if (handed.ok) return 'sent';
  await quota.release();
  return 'sms_unavailable';
}

function reserveDailySms(deps: Omit<CodeSendingDependencies, 'codes'>, input: Delivery) {
  return deps.smsQuota.reserve(
    [
      { key: `phone:${input.phoneIndex}`, perDay: deps.rules.smsPerPhonePerDay, limit: 'SMS_PER_PHONE' },
      {
        key: `id:${input.idNumberIndex}`,
        perDay: deps.rules.smsPerIdNumberPerDay,
        limit: 'SMS_PER_ID_NUMBER',
      },
    ],
    `${input.owner}:${input.number}`,
    input.nowMs,
  );
}

async function handOver(
  deps: Omit<CodeSendingDependencies, 'codes'>,
  input: Pick<Delivery, 'to' | 'purpose'>,
  code: string,
): Promise<Outcome<void>> {
  const started = performance.now();
  try {
    await deps.sms.send({
      to: input.to,
      text: otpSmsText({
        purpose: input.purpose,
        portalName: deps.portalName,
        code,
        validMinutes: Math.round(deps.rules.codeTtlMs / 60_000),
      }),
    });
    deps.metrics.partnerCall('sms_handover', 'sent', (performance.now() - started) / 1000);
    return success(undefined);
  } catch (error) {
    deps.metrics.partnerCall('sms_handover', 'failed', (performance.now() - started) / 1000);
    if (error instanceof SmsUnavailableError) return failure('SMS_UNAVAILABLE', { retryAfterSeconds: 30 });
    throw error;
  }
}
