/**
 * A method whose signature is made elsewhere and arrives later (SIM signature over ETSI TS 102 204, remote
 * signature over the CSC API): what the shared asynchronous machinery (awaiting-signature.ts, signature-sign-in.ts)
 * needs from it. The method asks its partner to have the citizen sign the hub's challenge and asks, when polled,
 * how that request stands; the machinery keeps the request, the window, the single poller, the pipeline, the
 * account and the refusals.
 */
import type { Authentication } from '../accounts/sessions.ts';
import { type FailureCode, failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { EphemeralStore } from '../ports/ephemeral-store.ts';
import type { JourneyMetrics } from '../ports/journey-metrics.ts';
import type { PersonalDataProtector } from '../ports/protection.ts';
import type { SignerIdentity } from '../signatures/index.ts';
import type { VerifiedSubject } from './register-verified.ts';

/** What the signer gave back: a CMS SignedData (detached) or a bare signature with its certificate and chain. */
export type SignedContent =
  | { signedData: Uint8Array }
  | { signature: Uint8Array; certificate: Uint8Array; chain: Uint8Array[] };

export type SignerPoll =
  /** Still waiting for the citizen; `request` when the partner's request moved on (kept for the next poll). */
  | { outcome: 'pending'; request?: string }
  | { outcome: 'signed'; signed: SignedContent }
  /** The partner ended the request: SIGNATURE_CANCELLED, SIM_PIN_BLOCKED, SIGNATURE_EXPIRED, ... */
  | { outcome: 'refused'; code: FailureCode }
  /** The partner did not answer this time: the request stays pending until its window ends. */
  | { outcome: 'unavailable' };

export interface SignatureAsk {
  /** The challenge's nonce, decoded: what the citizen's key signs. */
  dataToBeSigned: Uint8Array;
  /** The code shown on the page and on the phone, so the citizen knows the request is theirs. */
  displayCode: string;
  purpose: 'registration' | 'sign-in';
  /** The hub's own id of this request (the partner's AP transaction id, logs). */
  transactionId: string;
}

export interface AsyncSigner<Entries> {
  /** The method id (`sim-signature`, `remote-signature`). */
  id: string;
  /** Who the request goes to when that already names the citizen (an ID number), else a key of the request. */
  requestSubject(entries: Entries): { idNumber: string } | { key: string };
  /**
   * How a signature of this kind authenticates the citizen (the session's amr and acr); CERTIFICATE_SIGN_IN
   * (`hwk`, LoA2) when absent.
   */
  authentication?: Authentication;
  /** Where the account's phone may come from: a phone the partner's record ties to the signer, if any. */
  phoneOf?(entries: Entries): string | null;
  /** Asks the partner; `request` is the method's own state of it (kept encrypted), given back to `poll`. */
  request(
    entries: Entries,
    ask: SignatureAsk,
    context: RequestContext,
  ): Promise<Outcome<{ request: string }>>;
  poll(request: string, context: RequestContext): Promise<SignerPoll>;
  /**
   * The subject the account is made for, from the verified certificate (e.g. the population registry's spelling);
   * `request` is the method's state of the request that got the signature (what the citizen typed, to compare).
   */
  subjectOf(
    signer: SignerIdentity,
    context: RequestContext,
    request: string,
  ): Promise<Outcome<VerifiedSubject>>;
}

/** The parts of the signature pipeline (contract C2) the machinery uses. */
export interface SignaturePipeline {
  issueChallenge(): Promise<Outcome<{ challengeId: string; nonce: string; expiresAt: Date }>>;
  verifySignedChallenge(
    input: { challengeId: string } & SignedContent,
    context?: { requestId: string },
  ): Promise<Outcome<SignerIdentity>>;
}

export interface AsyncSignatureRules {
  /** How long the citizen has to sign (docs/methods.md: 2 minutes). */
  signatureWindowMs: number;
  /** How long one poll may hold the partner's request before another may ask again. */
  pollClaimMs: number;
}

export const DEFAULT_ASYNC_SIGNATURE_RULES: AsyncSignatureRules = {
  signatureWindowMs: 2 * 60_000,
  pollClaimMs: 15_000,
};

const DISPLAY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Four characters, without the ones a phone's font confuses (0/O, 1/I). */
export function displayCodeOf(random: { int(maxExclusive: number): number }): string {
  let code = '';
  for (let i = 0; i < 4; i++) code += DISPLAY_ALPHABET[random.int(DISPLAY_ALPHABET.length)];
  return code;
}

/** A signature asked of the method's partner: the challenge it is over, the code on both screens, the request. */
export interface AskedSignature {
  challengeId: string;
  displayCode: string;
  request: string;
}

const PROMPTS = 'signature-prompts:';
/** Prompts one phone (or person) may be sent per 10 minutes for each purpose: a stranger may not flood a SIM. */
export const PROMPTS_PER_SUBJECT = 5;
const TEN_MINUTES = 10 * 60_000;

/**
 * Asks the partner to sign a fresh challenge (registration and sign-in alike): the phone or the app shows the
 * display code and prompts the citizen, at most PROMPTS_PER_SUBJECT times per 10 minutes for one subject and
 * purpose (RATE_LIMITED past it). A refusal by the partner is counted under `step` with its code.
 */
export async function askSignature<Entries>(
  deps: {
    random: { int(maxExclusive: number): number };
    metrics: Pick<JourneyMetrics, 'step'>;
    store: Pick<EphemeralStore, 'incrementIfBelow'>;
    protector: Pick<PersonalDataProtector, 'blindIndex'>;
  },
  signer: AsyncSigner<Entries>,
  pipeline: Pick<SignaturePipeline, 'issueChallenge'>,
  ask: { entries: Entries; purpose: SignatureAsk['purpose']; transactionId: string; step: string },
  context: RequestContext,
): Promise<Outcome<AskedSignature>> {
  const subject = signer.requestSubject(ask.entries);
  const slot = await deps.store.incrementIfBelow(
    PROMPTS +
      deps.protector.blindIndex(
        `${PROMPTS}${signer.id}:${ask.purpose}`,
        'idNumber' in subject ? `id:${subject.idNumber}` : subject.key,
      ),
    PROMPTS_PER_SUBJECT,
    TEN_MINUTES,
  );
  if (!slot.allowed) {
    deps.metrics.step(ask.step, 'refused', { method: signer.id, reason: 'RATE_LIMITED' });
    return failure('RATE_LIMITED', {
      retryAfterSeconds: Math.max(1, Math.ceil(slot.resetInMs / 1000)),
    });
  }
  const challenge = await pipeline.issueChallenge();
  if (!challenge.ok) return challenge;
  const displayCode = displayCodeOf(deps.random);
  const asked = await signer.request(
    ask.entries,
    {
      dataToBeSigned: new Uint8Array(Buffer.from(challenge.value.nonce, 'base64')),
      displayCode,
      purpose: ask.purpose,
      transactionId: ask.transactionId,
    },
    context,
  );
  if (!asked.ok) {
    deps.metrics.step(ask.step, 'refused', { method: signer.id, reason: asked.failure.code });
    return asked;
  }
  return success({ challengeId: challenge.value.challengeId, displayCode, request: asked.value.request });
}
