/**
 * Registration by social insurance over HTTP as a client would drive it: insured people whose record the
 * test adds to the simulated registry (src/simulators/social-insurance/README.md), the start call, the whole
 * journey, and people of the seeded population who are known both to social insurance and to a carrier.
 */

import { seededSim } from '../../src/simulators/carrier-network/seed.ts';
import { person } from '../../src/simulators/population/people.ts';
import { recordOf } from '../../src/simulators/social-insurance/records.ts';
import {
  codeSentTo,
  type Identity,
  newIdentity,
  STRONG_PASSWORD,
  solvedCaptcha,
  usedIdentities,
} from './journey.ts';
import { call, type JsonResponse } from './system.ts';

/** A citizen with a social-insurance number; `phoneNumber` is the phone their record holds. */
export interface InsuredPerson extends Identity {
  socialInsuranceNumber: string;
}

/**
 * A fresh insured citizen (not yet in the registry). Their number begins with 99, which no province code
 * gives, so it never replaces a seeded record.
 */
export function newInsuredPerson(overrides: Partial<InsuredPerson> = {}): InsuredPerson {
  const { socialInsuranceNumber, ...identity } = overrides;
  const citizen = newIdentity(identity);
  return { ...citizen, socialInsuranceNumber: socialInsuranceNumber ?? `99${citizen.phoneNumber.slice(-8)}` };
}

/** Adds (or replaces) the person's record; `phoneNumber: null` gives a record without a phone. */
export async function addInsuranceRecord(
  base: string,
  insured: InsuredPerson,
  record: { phoneNumber?: string | null } = {},
): Promise<void> {
  const created = await call(base, 'POST', '/sim/social-insurance/records', {
    socialInsuranceNumber: insured.socialInsuranceNumber,
    idNumber: insured.idNumber,
    fullName: insured.fullName,
    birthDate: insured.birthDate,
    phoneNumber: 'phoneNumber' in record ? record.phoneNumber : insured.phoneNumber,
  });
  if (created.status !== 201)
    throw new Error(`record not created: ${created.status} ${JSON.stringify(created.body)}`);
}

/** An insured citizen whose record (with their phone) is in the registry. */
export async function insuredWithRecord(
  base: string,
  overrides: Partial<InsuredPerson> = {},
): Promise<InsuredPerson> {
  const insured = newInsuredPerson(overrides);
  await addInsuranceRecord(base, insured);
  return insured;
}

/** The entries of the social-insurance form, as the API takes them. */
export const insuranceEntries = (insured: InsuredPerson) => ({
  socialInsuranceNumber: insured.socialInsuranceNumber,
  idNumber: insured.idNumber,
  fullName: insured.fullName,
  birthDate: insured.birthDate,
});

export async function startInsuranceRegistration(
  base: string,
  insured: InsuredPerson,
  overrides: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  return call(
    base,
    'POST',
    '/api/v1/registrations/social-insurance',
    { ...insuranceEntries(insured), ...(await solvedCaptcha(base)), consent: true, ...overrides },
    headers,
  );
}

/** Start, code from the record's phone, password: the registration id and the new account. */
export async function registerCompletelyByInsurance(base: string, insured: InsuredPerson) {
  const sentBefore = await messagesOn(base, insured.phoneNumber);
  const started = await startInsuranceRegistration(base, insured);
  if (started.status !== 201) throw new Error(`start failed: ${JSON.stringify(started.body)}`);
  const registrationId = started.body.registrationId as string;
  const code = await codeSentTo(base, insured.phoneNumber, sentBefore + 1);
  const verified = await call(base, 'POST', `/api/v1/registrations/${registrationId}/otp`, { code });
  if (verified.status !== 200) throw new Error(`code refused: ${JSON.stringify(verified.body)}`);
  const done = await call(base, 'POST', `/api/v1/registrations/${registrationId}/password`, {
    password: STRONG_PASSWORD,
    confirmPassword: STRONG_PASSWORD,
  });
  if (done.status !== 201) throw new Error(`password failed: ${JSON.stringify(done.body)}`);
  return { registrationId, accountId: done.body.accountId as string };
}

async function messagesOn(base: string, phone: string): Promise<number> {
  const inbox = await call<unknown[]>(base, 'GET', `/sim/phones/${encodeURIComponent(phone)}/sms`);
  return Array.isArray(inbox.body) ? inbox.body.length : 0;
}

/**
 * People of the seeded population (the test system seeds the first 5,000 people and the first 2,000 SIMs)
 * whom both partners know on the same phone: their social-insurance record holds their personal mobile
 * number, and SIM #n, on that number, is active, registered to their CCCD, never swapped.
 */
export function peopleKnownToBoth(count: number, from = 0): InsuredPerson[] {
  const found: InsuredPerson[] = [];
  for (let n = from; n < 2000 && found.length < count; n++) {
    const record = recordOf(person(n));
    const sim = seededSim(n);
    const plainSim = sim.document === 'CCCD' && sim.swap === null && sim.subscriber.status === 'active';
    if (!record.phoneNumber || !plainSim || sim.subscriber.phoneNumber !== record.phoneNumber) continue;
    const insured: InsuredPerson = {
      socialInsuranceNumber: record.socialInsuranceNumber,
      idNumber: record.idNumber,
      fullName: record.fullName,
      birthDate: record.birthDate,
      phoneNumber: record.phoneNumber,
    };
    usedIdentities.push(insured);
    found.push(insured);
  }
  if (found.length < count) throw new Error(`only ${found.length} seeded people are known to both`);
  return found;
}
