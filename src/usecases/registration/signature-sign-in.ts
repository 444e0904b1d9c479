/**
 * Sign-in by a signature made elsewhere (SIM, remote signature): the start asks the method's partner to have the
 * citizen sign a challenge; each poll asks the partner once (claimed in the ephemeral store, as for
 * registrations) and, once signed, verifies the signature through the pipeline and opens a session for the
 * account the certificate is a credential of (CERTIFICATE_SIGN_IN: amr hwk, LoA2). Nothing durable: the attempt
 * lives in the ephemeral store for its window. Starts are limited per request key (a phone number) so nobody
 * can flood a citizen's phone with prompts.
 */
import { CERTIFICATE_SIGN_IN, type Session } from '../accounts/sessions.ts';
import type { SignInWithCredential } from '../accounts/sign-in-with-credential.ts';
import { type FailureCode, failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { Clock } from '../ports/clock.ts';
import type { EphemeralStore } from '../ports/ephemeral-store.ts';
import type { JourneyMetrics } from '../ports/journey-metrics.ts';
import type { PersonalDataProtector } from '../ports/protection.ts';
import type { Random } from '../ports/random.ts';
import type { AccountRepository } from '../ports/repositories.ts';
import {
  type AsyncSignatureRules,
  type AsyncSigner,
  askSignature,
  DEFAULT_ASYNC_SIGNATURE_RULES,
  type SignaturePipeline,
} from './async-signer.ts';

export interface SignatureSignInDependencies {
  store: EphemeralStore;
  protector: PersonalDataProtector;
  clock: Clock;
  random: Random;
  metrics: JourneyMetrics;
  accounts: Pick<AccountRepository, 'findAccountByCredential'>;
  signInWithCredential: SignInWithCredential;
}

export type SignInStep = 'awaiting-signature' | 'completed' | 'refused';

export interface SignInStatus {
  signInId: string;
  step: SignInStep;
  /** The end of the signature window. */
  expiresAt: Date;
  displayCode?: string;
  /** Why a refused sign-in ended. */
  code?: FailureCode;
  /** The session this very poll opened (later polls only say `completed`). */
  session?: Session;
}

interface Attempt {
  method: string;
  state: SignInStep;
  challengeId: string;
  /** The method's request, encrypted (it may hold the phone number). */
  requestEnc: string;
  displayCode: string;
  expiresAt: number;
  code?: FailureCode;
}

const KEY = 'signature-sign-in:';
const CLAIM = 'signature-sign-in-poll:';
const SIGN_IN_ID = /^[A-Za-z0-9_-]{16,64}$/;

export function createSignatureSignIn<Entries>(
  deps: SignatureSignInDependencies,
  signer: AsyncSigner<Entries>,
  pipeline: SignaturePipeline,
  rules: AsyncSignatureRules = DEFAULT_ASYNC_SIGNATURE_RULES,
) {
  const { store, clock, protector } = deps;
  const labels = { method: signer.id };
  // Kept a little past the window, so a late poll still learns how it ended.
  const keep = rules.signatureWindowMs + 5 * 60_000;

  const read = async (signInId: string): Promise<Attempt | undefined> => {
    if (!SIGN_IN_ID.test(signInId)) return undefined;
    const raw = await store.get(KEY + signInId);
    const attempt = raw ? (JSON.parse(raw) as Attempt) : undefined;
    return attempt?.method === signer.id ? attempt : undefined;
  };
  const write = (signInId: string, attempt: Attempt) =>
    store.set(KEY + signInId, JSON.stringify(attempt), keep);
  const statusOf = (signInId: string, attempt: Attempt, session?: Session): SignInStatus => ({
    signInId,
    step: attempt.state,
    expiresAt: new Date(attempt.expiresAt),
    ...(attempt.state === 'awaiting-signature' && { displayCode: attempt.displayCode }),
    ...(attempt.code && { code: attempt.code }),
    ...(session && { session }),
  });

  async function start(entries: Entries, context: RequestContext): Promise<Outcome<SignInStatus>> {
    const signInId = deps.random.token();
    const asked = await askSignature(
      deps,
      signer,
      pipeline,
      { entries, purpose: 'sign-in', transactionId: signInId, step: 'sign_in' },
      context,
    );
    if (!asked.ok) return asked;
    const { displayCode } = asked.value;
    const attempt: Attempt = {
      method: signer.id,
      state: 'awaiting-signature',
      challengeId: asked.value.challengeId,
      requestEnc: protector.encrypt(asked.value.request),
      displayCode,
      expiresAt: clock.now().getTime() + rules.signatureWindowMs,
    };
    await write(signInId, attempt);
    deps.metrics.step('sign_in', 'awaiting_signature', labels);
    return success(statusOf(signInId, attempt));
  }

  async function poll(signInId: string, context: RequestContext): Promise<Outcome<SignInStatus>> {
    const attempt = await read(signInId);
    if (!attempt) return failure('CHALLENGE_INVALID');
    if (attempt.state !== 'awaiting-signature') return success(statusOf(signInId, attempt));
    if (clock.now().getTime() >= attempt.expiresAt)
      return success(statusOf(signInId, await end(attempt, 'SIGNATURE_EXPIRED')));
    const claim = CLAIM + signInId;
    if (!(await store.setIfAbsent(claim, context.requestId, rules.pollClaimMs)))
      return success(statusOf(signInId, attempt));
    try {
      const session = await advance(signInId, attempt, context);
      const now = (await read(signInId)) ?? attempt;
      return success(statusOf(signInId, now, session));
    } finally {
      await store.compareAndDelete(claim, context.requestId);
    }

    async function end(ended: Attempt, code: FailureCode) {
      const refused: Attempt = { ...ended, state: 'refused', code };
      await write(signInId, refused);
      deps.metrics.step('sign_in', 'refused', { ...labels, reason: code });
      return refused;
    }

    async function advance(id: string, current: Attempt, ctx: RequestContext): Promise<Session | undefined> {
      const answer = await signer.poll(protector.decrypt(current.requestEnc), ctx);
      if (answer.outcome === 'unavailable') return undefined;
      if (answer.outcome === 'pending') {
        if (answer.request) await write(id, { ...current, requestEnc: protector.encrypt(answer.request) });
        return undefined;
      }
      if (answer.outcome === 'refused') {
        await end(current, answer.code);
        return undefined;
      }
      const verified = await pipeline.verifySignedChallenge(
        { challengeId: current.challengeId, ...answer.signed },
        { requestId: ctx.requestId },
      );
      if (!verified.ok) {
        // Used up by another poll that got here first: that one finishes the sign-in.
        if (verified.failure.code !== 'CHALLENGE_INVALID') await end(current, verified.failure.code);
        return undefined;
      }
      const account = await deps.accounts.findAccountByCredential(
        'certificate',
        verified.value.certificate.fingerprint,
      );
      if (!account) {
        await end(current, 'CERTIFICATE_NOT_REGISTERED');
        return undefined;
      }
      const opened = await deps.signInWithCredential(
        account.id,
        signer.authentication ?? CERTIFICATE_SIGN_IN,
        ctx,
        signer.id,
      );
      if (!opened.ok) {
        await end(current, opened.failure.code);
        return undefined;
      }
      await write(id, { ...current, state: 'completed' });
      return opened.value.session;
    }
  }

  return { start, poll };
}

export type SignatureSignIn = ReturnType<typeof createSignatureSignIn>;
