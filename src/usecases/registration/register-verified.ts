/**
 * The tail of the methods that end without an SMS code (PostID, certificates): the method has proved who the
 * citizen or organisation is, and hands over the identity with its evidence and the credential it makes. In
 * one statement: the subject's unfinished registrations (any method) are superseded, a registration is
 * recorded as completed, and the account is made with its claims, verified phone, credential and the email the
 * citizen declared (kept unverified: nothing proved it, so it is never a verified contact nor a claim). The unique
 * index on the subject (the ID number's blind index; the tax code's, in its own namespace) makes racing
 * registrations of one subject, by any methods, end with exactly one account; the others get ACCOUNT_EXISTS.
 * Once the account is committed the answer is success: the audit row is best effort, as in the SMS tail.
 */
import { randomUUID } from 'node:crypto';
import { parseEmail } from '../../domain/email.ts';
import { parseIdNumber } from '../../domain/id-number.ts';
import type { ClaimEvidence } from '../../domain/identity-claims.ts';
import { cleanName } from '../../domain/name.ts';
import { normalizeMobileNumber } from '../../domain/phone.ts';
import { parseTaxCode } from '../../domain/tax-code.ts';
import { citizenSubjectIndex, organisationSubjectIndex } from '../accounts/subject-index.ts';
import { afterCommit } from '../after-commit.ts';
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { NewAccount, NewCredential } from '../ports/repositories.ts';
import type { RegistrationDependencies } from './dependencies.ts';

/** What a method proved, as the authoritative source holds it. */
export type VerifiedSubject =
  | {
      kind: 'citizen';
      idNumber: string;
      fullName: string;
      /** `YYYY-MM-DD`, where the source gave it. */
      birthDate: string | null;
      /** Where the source vouches for one: becomes the account's verified phone (any Vietnamese form). */
      phoneNumber: string | null;
      /** From the source, where the ID number cannot tell (a 9-digit CMND). */
      sex?: 'M' | 'F';
      claims: ClaimEvidence[];
    }
  | {
      kind: 'organisation';
      taxCode: string;
      organisationName: string;
      /** The legal representative's ID number, when the business registry gives one. */
      representativeIdNumber?: string;
      claims: ClaimEvidence[];
    };

export interface VerifiedRegistrationInput {
  /** The method's id (`vnpost`, `usb-token`, ...): the account's registration method, metrics and audit. */
  method: string;
  /** The partner that vouched (`vnpost`, a CA, ...), for metrics and audit. */
  partner: string | null;
  subject: VerifiedSubject;
  /** The method's credential for the new account (given its id: a password's identifier is the account id). */
  credential: (accountId: string) => NewCredential;
  /**
   * Declared by the citizen on the form (the method checked its shape): kept as the account's email contact,
   * not verified. Blank is none; a malformed one is VALIDATION_FAILED, as any other nonsense handed over.
   */
  email?: string;
  consentVersion?: string;
  /**
   * The id of the `awaiting_signature` registration this completes (asynchronous signature methods): that
   * registration becomes the completed one, only if it is still awaiting (else STEP_NOT_ALLOWED, nothing made).
   */
  completes?: string;
}

export interface VerifiedRegistration {
  registrationId: string;
  accountId: string;
  /** The ID number (citizen) or the tax code (organisation). */
  username: string;
  accountType: 'citizen' | 'organisation';
  /** The full name, or the organisation's name. */
  displayName: string;
}

export type RegisterVerified = (
  input: VerifiedRegistrationInput,
  context: RequestContext,
) => Promise<Outcome<VerifiedRegistration>>;

export function createRegisterVerified(deps: RegistrationDependencies): RegisterVerified {
  return async function registerVerified(input, context) {
    const now = deps.clock.now();
    const prepared = prepare(deps, input.subject);
    const email = input.email?.trim() ? parseEmail(input.email) : undefined;
    if (!prepared || (email && !email.ok)) {
      deps.metrics.step('complete', 'refused', { method: input.method, reason: 'VALIDATION_FAILED' });
      return failure('VALIDATION_FAILED');
    }
    const { protector } = deps;
    const accountId = randomUUID();
    const registrationId = input.completes ?? deps.random.token();
    const account: NewAccount = {
      id: accountId,
      kind: input.subject.kind,
      subjectIndex: prepared.subjectIndex,
      idNumberEnc: protector.encrypt(prepared.username),
      fullNameEnc: protector.encrypt(prepared.displayName),
      birthDateEnc: prepared.birthDate ? protector.encrypt(prepared.birthDate) : null,
      sexEnc: prepared.sex ? protector.encrypt(prepared.sex) : null,
      representativeIdEnc: prepared.representativeIdNumber
        ? protector.encrypt(prepared.representativeIdNumber)
        : null,
      registrationMethod: input.method,
      phone: prepared.phoneNumber
        ? {
            index: protector.blindIndex('phone', prepared.phoneNumber),
            enc: protector.encrypt(prepared.phoneNumber),
          }
        : null,
      email: email?.ok
        ? {
            index: protector.blindIndex('email', email.value.lookupForm),
            enc: protector.encrypt(email.value.address),
          }
        : null,
      claims: input.subject.claims,
      credential: input.credential(accountId),
      createdAt: now,
    };
    const result = await deps.registrations.createCompletedWithAccount(
      {
        id: registrationId,
        method: input.method,
        subjectIndex: prepared.subjectIndex,
        identityEnc: protector.encrypt(
          JSON.stringify({ ...input.subject, phoneNumber: prepared.phoneNumber }),
        ),
        partner: input.partner,
        consentVersion: input.consentVersion ?? deps.rules.consentVersion,
        ...(input.completes && { completes: input.completes }),
      },
      account,
      now,
    );
    const labels = { method: input.method, ...(input.partner && { partner: input.partner }) };
    const audit = (event: 'registration.completed' | 'registration.refused', extra: object) =>
      afterCommit(deps.warn, `audit of ${event} not written`, { registrationId }, () =>
        deps.audit.record({
          event,
          at: now,
          method: input.method,
          registrationId,
          subject: prepared.subjectIndex,
          ...(input.partner && { partner: input.partner }),
          requestId: context.requestId,
          clientIp: context.clientIp,
          ...extra,
        }),
      );
    if (result === 'not_allowed') {
      // Another poll (or process) finished this registration first: it made the account, or refused it.
      deps.metrics.step('complete', 'not_allowed', labels);
      return failure('STEP_NOT_ALLOWED');
    }
    if (result !== 'completed') {
      // A credential already opening another account means that subject's account exists under it.
      deps.metrics.step('complete', 'account_exists', labels);
      await audit('registration.refused', { reason: 'ACCOUNT_EXISTS' });
      return failure('ACCOUNT_EXISTS');
    }
    deps.metrics.step('complete', 'completed', labels);
    await audit('registration.completed', { accountId });
    return success({
      registrationId,
      accountId,
      username: prepared.username,
      accountType: input.subject.kind,
      displayName: prepared.displayName,
    });
  };
}

interface Prepared {
  subjectIndex: string;
  username: string;
  displayName: string;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  phoneNumber: string | null;
  representativeIdNumber: string | null;
}

/** The subject in its kept form (normalised numbers and names), or undefined when a method handed over nonsense. */
function prepare(deps: RegistrationDependencies, subject: VerifiedSubject): Prepared | undefined {
  if (subject.kind === 'organisation') {
    const taxCode = parseTaxCode(subject.taxCode);
    const name = cleanName(subject.organisationName);
    const representative = subject.representativeIdNumber?.trim();
    if (!taxCode.ok || name === '') return undefined;
    if (representative && !parseIdNumber(representative).ok) return undefined;
    return {
      subjectIndex: organisationSubjectIndex(deps.protector, taxCode.value.taxCode),
      username: taxCode.value.taxCode,
      displayName: name,
      birthDate: null,
      sex: null,
      phoneNumber: null,
      representativeIdNumber: representative || null,
    };
  }
  const idNumber = parseIdNumber(subject.idNumber);
  const name = cleanName(subject.fullName);
  const phone = subject.phoneNumber ? normalizeMobileNumber(subject.phoneNumber) : undefined;
  if (!idNumber.ok || name === '' || (phone && !phone.ok)) return undefined;
  if (subject.birthDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(subject.birthDate)) return undefined;
  return {
    subjectIndex: citizenSubjectIndex(deps.protector, idNumber.value.number),
    username: idNumber.value.number,
    displayName: name,
    birthDate: subject.birthDate,
    sex: subject.sex ?? null,
    phoneNumber: phone?.ok ? phone.value.e164 : null,
    representativeIdNumber: null,
  };
}
