/**
 * Registrations whose signature arrives later (SIM, remote signature): the start asks the method's partner
 * and records the registration `awaiting_signature` with the 2-minute signature window; each poll (the API's
 * GET, the waiting page's refresh) asks the partner once, and ends the registration `completed` or `refused`.
 *
 * - One poll at a time per registration, across processes: a poll claims it in the ephemeral store first;
 *   another poll meanwhile just reads the row. No background job: the citizen's polling drives it.
 * - The signature goes through the pipeline (contract C2), which uses the challenge up: of two polls that
 *   both got the signature, only one verifies it; the account is made by registerVerified completing this
 *   row as a compare-and-set, so a registration approved twice makes exactly one account.
 * - Past the window the partner is not asked any more: the registration ends SIGNATURE_EXPIRED.
 * - A start for the same subject supersedes an awaiting registration (its status: refused SUPERSEDED).
 */
import { type ClaimEvidence, vouchedBy } from '../../domain/identity-claims.ts';
import { CERTIFICATE_SIGN_IN, type Session } from '../accounts/sessions.ts';
import type { SignInWithCredential } from '../accounts/sign-in-with-credential.ts';
import { citizenSubjectIndex } from '../accounts/subject-index.ts';
import { afterCommit } from '../after-commit.ts';
import { type FailureCode, failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { RegistrationRecord } from '../ports/repositories.ts';
import type { SignerIdentity } from '../signatures/index.ts';
import {
  type AsyncSignatureRules,
  type AsyncSigner,
  askSignature,
  DEFAULT_ASYNC_SIGNATURE_RULES,
  type SignaturePipeline,
} from './async-signer.ts';
import type { RegistrationDependencies } from './dependencies.ts';
import type { RegisterVerified } from './register-verified.ts';

export interface AwaitingStart {
  registrationId: string;
  displayCode: string;
  /** The end of the signature window. */
  expiresAt: Date;
}

interface KeptRequest {
  challengeId: string;
  request: string;
}

const CLAIM = 'signature-poll:';

export function createAwaitingSignature<Entries>(
  deps: RegistrationDependencies & {
    registerVerified: RegisterVerified;
    signInWithCredential: SignInWithCredential;
  },
  signer: AsyncSigner<Entries>,
  pipeline: SignaturePipeline,
  rules: AsyncSignatureRules = DEFAULT_ASYNC_SIGNATURE_RULES,
) {
  const { protector, clock } = deps;
  const labels = { method: signer.id };

  async function start(
    entries: Entries,
    captcha: { captchaId: string; captchaAnswer: string },
    context: RequestContext,
  ): Promise<Outcome<AwaitingStart>> {
    if (!(await deps.verifyCaptcha(captcha.captchaId, captcha.captchaAnswer))) {
      deps.metrics.step('start', 'refused', { ...labels, reason: 'CAPTCHA_INVALID' });
      return failure('CAPTCHA_INVALID', {
        fieldErrors: [{ field: 'captchaAnswer', code: 'CAPTCHA_INVALID' }],
      });
    }
    const registrationId = deps.random.token();
    const asked = await askSignature(
      deps,
      signer,
      pipeline,
      { entries, purpose: 'registration', transactionId: registrationId, step: 'start' },
      context,
    );
    if (!asked.ok) return asked;
    const { displayCode } = asked.value;
    const now = clock.now();
    const subject = signer.requestSubject(entries);
    const subjectIndex =
      'idNumber' in subject
        ? citizenSubjectIndex(protector, subject.idNumber)
        : protector.blindIndex(`signature-request:${signer.id}`, subject.key);
    const signatureExpiresAt = new Date(now.getTime() + rules.signatureWindowMs);
    const kept: KeptRequest = { challengeId: asked.value.challengeId, request: asked.value.request };
    const record: RegistrationRecord = {
      id: registrationId,
      method: signer.id,
      state: 'awaiting_signature',
      subjectIndex,
      phoneIndex: null,
      identityEnc: protector.encrypt(JSON.stringify({ phoneNumber: signer.phoneOf?.(entries) ?? null })),
      partner: null,
      consentVersion: deps.rules.consentVersion,
      consentedAt: now,
      createdAt: now,
      expiresAt: new Date(now.getTime() + deps.rules.registrationTtlMs),
      codesSent: 0,
      codeExpiresAt: null,
      resendAvailableAt: null,
      verifiedAt: null,
      completedAt: null,
      accountId: null,
      signatureRequestEnc: protector.encrypt(JSON.stringify(kept)),
      signatureExpiresAt,
      displayCode,
    };
    await deps.registrations.createSupersedingUnfinished(record);
    deps.metrics.step('start', 'awaiting_signature', labels);
    await afterCommit(deps.warn, 'audit of registration.started not written', { registrationId }, () =>
      deps.audit.record({
        event: 'registration.started',
        at: now,
        method: signer.id,
        registrationId,
        subject: subjectIndex,
        requestId: context.requestId,
        clientIp: context.clientIp,
      }),
    );
    return success({ registrationId, displayCode, expiresAt: signatureExpiresAt });
  }

  /** Ends the registration refused (when it still awaits); the audit says why. */
  async function refuse(registration: RegistrationRecord, code: FailureCode, context: RequestContext) {
    const moved = await deps.registrations.transition(
      registration.id,
      { state: 'awaiting_signature' },
      { state: 'refused', refusalCode: code },
    );
    if (!moved) return;
    deps.metrics.step('signature', 'refused', { ...labels, reason: code });
    await afterCommit(
      deps.warn,
      'audit of registration.refused not written',
      { registrationId: registration.id },
      () =>
        deps.audit.record({
          event: 'registration.refused',
          at: clock.now(),
          method: signer.id,
          registrationId: registration.id,
          subject: registration.subjectIndex,
          reason: code,
          requestId: context.requestId,
          clientIp: context.clientIp,
        }),
    );
  }

  /**
   * Asks the partner once about an awaiting registration and moves it on. Returns the session of the
   * account it just made (the poll that completed it signs the citizen in, as the other methods' last step).
   */
  async function poll(registrationId: string, context: RequestContext): Promise<Session | undefined> {
    const registration = await deps.registrations.find(registrationId);
    if (registration?.state !== 'awaiting_signature' || !registration.signatureRequestEnc) return undefined;
    const now = clock.now();
    if (registration.expiresAt <= now) return undefined;
    if (registration.signatureExpiresAt && registration.signatureExpiresAt <= now) {
      await refuse(registration, 'SIGNATURE_EXPIRED', context);
      return undefined;
    }
    const claim = `${CLAIM}${registrationId}`;
    if (!(await deps.store.setIfAbsent(claim, context.requestId, rules.pollClaimMs))) return undefined;
    try {
      return await advance(registration, context);
    } finally {
      await deps.store.compareAndDelete(claim, context.requestId);
    }
  }

  async function advance(registration: RegistrationRecord, context: RequestContext) {
    const kept = JSON.parse(protector.decrypt(registration.signatureRequestEnc as string)) as KeptRequest;
    const answer = await signer.poll(kept.request, context);
    if (answer.outcome === 'unavailable') {
      deps.metrics.step('signature', 'partner_unavailable', labels);
      return undefined;
    }
    if (answer.outcome === 'pending') {
      if (answer.request && answer.request !== kept.request)
        await deps.registrations.transition(
          registration.id,
          { state: 'awaiting_signature' },
          { signatureRequestEnc: protector.encrypt(JSON.stringify({ ...kept, request: answer.request })) },
        );
      return undefined;
    }
    if (answer.outcome === 'refused') {
      await refuse(registration, answer.code, context);
      return undefined;
    }
    const verified = await pipeline.verifySignedChallenge(
      { challengeId: kept.challengeId, ...answer.signed },
      { requestId: context.requestId },
    );
    // The challenge is used up by the first verification: another poll got there first and finishes it.
    if (!verified.ok && verified.failure.code === 'CHALLENGE_INVALID') return undefined;
    if (!verified.ok) {
      await refuse(registration, verified.failure.code, context);
      return undefined;
    }
    const subject = await signer.subjectOf(verified.value, context, kept.request);
    if (!subject.ok) {
      await refuse(registration, subject.failure.code, context);
      return undefined;
    }
    const registered = await deps.registerVerified(
      {
        method: signer.id,
        partner: partnerOf(verified.value),
        subject: subject.value,
        credential: () => credentialOf(verified.value),
        consentVersion: registration.consentVersion,
        completes: registration.id,
      },
      context,
    );
    if (!registered.ok) {
      if (registered.failure.code !== 'STEP_NOT_ALLOWED')
        await refuse(registration, registered.failure.code, context);
      return undefined;
    }
    const opened = await deps.signInWithCredential(
      registered.value.accountId,
      signer.authentication ?? CERTIFICATE_SIGN_IN,
      context,
      signer.id,
    );
    return opened.ok ? opened.value.session : undefined;
  }

  return { start, poll };
}

/** The CA that vouched, for metrics and audit. */
function partnerOf(signer: SignerIdentity): string {
  return signer.certificate.issuer;
}

/** A certificate as the account's credential (contract C3): its fingerprint, and its facts without the PEM. */
export function credentialOf(signer: SignerIdentity) {
  const { pem: _pem, ...facts } = signer.certificate;
  return {
    type: 'certificate' as const,
    identifier: signer.certificate.fingerprint,
    secret: JSON.stringify({
      ...facts,
      notBefore: facts.notBefore.toISOString(),
      notAfter: facts.notAfter.toISOString(),
    }),
  };
}

/** The claims a CA's certificate vouches for (the CA checked the person at issuance). */
export const CERTIFICATE_CLAIMS: ClaimEvidence[] = vouchedBy('CA', 3, ['idNumber', 'fullName']);

export type AwaitingSignature = ReturnType<typeof createAwaitingSignature>;
