/** Drives the registration journey over HTTP as a client would, reading codes from the virtual phone. */
import assert from 'node:assert/strict';
import { makePersonalIdNumber } from '../../src/domain/id-number.ts';
import { call, type JsonResponse } from './system.ts';

export interface Identity {
  idNumber: string;
  fullName: string;
  birthDate: string;
  phoneNumber: string;
}

/** Every identity and code this test process used, so tests can prove none reached the logs. */
export const usedIdentities: Identity[] = [];
export const usedCodes: string[] = [];

let next = 0;
const runSalt = Math.floor(Math.random() * 400_000);

/** A fresh citizen with a VinaPhone SIM in their own name (not yet in the carrier's registry). */
export function newIdentity(overrides: Partial<Identity> = {}): Identity {
  next++;
  const serial = runSalt + next;
  const birthDate = overrides.birthDate ?? '1990-05-17';
  const identity = {
    idNumber: makePersonalIdNumber({ provinceCode: '001', sex: 'female', birthDate, serial }),
    fullName: 'Nguyễn Thị Hoà',
    birthDate,
    phoneNumber: `+8491${String(1_000_000 + serial).slice(-7)}`,
    ...overrides,
  };
  usedIdentities.push(identity);
  return identity;
}

export async function registerSubscriber(
  base: string,
  identity: Identity,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const created = await call(base, 'POST', '/sim/subscribers', {
    phoneNumber: identity.phoneNumber,
    fullName: identity.fullName,
    birthDate: identity.birthDate,
    idType: 'CCCD',
    idNumber: identity.idNumber,
    idIssueDate: '2021-06-01',
    idIssuePlace: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
    ...extra,
  });
  if (created.status !== 201)
    throw new Error(`subscriber not created: ${created.status} ${JSON.stringify(created.body)}`);
}

export async function solvedCaptcha(base: string): Promise<{ captchaId: string; captchaAnswer: string }> {
  const captcha = await call<{ captchaId: string }>(base, 'POST', '/api/v1/captchas');
  const answer = await call<{ answer: string }>(base, 'GET', `/sim/captchas/${captcha.body.captchaId}`);
  return { captchaId: captcha.body.captchaId, captchaAnswer: answer.body.answer };
}

export async function startRegistration(
  base: string,
  identity: Identity,
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  return call(
    base,
    'POST',
    '/api/v1/registrations/mobile',
    { ...identity, ...(await solvedCaptcha(base)), consent: true, ...overrides },
    headers,
  );
}

export async function smsReceived(
  base: string,
  phone: string,
): Promise<Array<{ from: string; text: string }>> {
  const inbox = await call<Array<{ from: string; text: string }>>(
    base,
    'GET',
    `/sim/phones/${encodeURIComponent(phone)}/sms`,
  );
  return Array.isArray(inbox.body) ? inbox.body : [];
}

/** Waits for the phone to have `count` messages and returns the code in the newest one. */
export async function codeSentTo(base: string, phone: string, count = 1): Promise<string> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const inbox = await smsReceived(base, phone);
    if (inbox.length >= count) {
      const code = /\b(\d{6})\b/.exec(inbox[inbox.length - 1]!.text)?.[1];
      if (code) {
        usedCodes.push(code);
        return code;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no code reached ${phone}`);
}

export const STRONG_PASSWORD = 'Sông#Hồng2024xanh';

/** The whole journey; returns the registration id and the created account. */
export async function registerCompletely(base: string, identity: Identity) {
  const started = await startRegistration(base, identity);
  if (started.status !== 201) throw new Error(`start failed: ${JSON.stringify(started.body)}`);
  const registrationId = started.body.registrationId as string;
  const code = await codeSentTo(base, identity.phoneNumber);
  await call(base, 'POST', `/api/v1/registrations/${registrationId}/otp`, { code });
  const done = await call(base, 'POST', `/api/v1/registrations/${registrationId}/password`, {
    password: STRONG_PASSWORD,
    confirmPassword: STRONG_PASSWORD,
  });
  if (done.status !== 201) throw new Error(`password failed: ${JSON.stringify(done.body)}`);
  return { registrationId, accountId: done.body.accountId as string };
}

/** Asserts that no ID number, phone number (any form), code or password used by this process is in `text`. */
export function assertNoSecretsIn(text: string, passwords: string[]) {
  for (const identity of usedIdentities) {
    const digits = identity.phoneNumber.replace(/\D/g, '');
    // Shorter strings (the deliberately invalid entries of validation tests) occur by chance in timestamps.
    for (const form of [identity.idNumber, digits, `0${digits.slice(2)}`].filter((f) => /^\d{9,}$/.test(f))) {
      assert.ok(
        !new RegExp(`(?<!\\d)${form}(?!\\d)`).test(text),
        `personal data in the logs: ${form.slice(0, 3)}…`,
      );
    }
  }
  for (const code of usedCodes)
    assert.ok(!new RegExp(`(?<![\\da-f-])${code}(?![\\da-f-])`).test(text), 'a code in the logs');
  for (const password of passwords) assert.ok(!text.includes(password), 'a password in the logs');
}
