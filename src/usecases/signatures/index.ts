/**
 * The signature pipeline every signing method uses (USB token, SIM signature, remote signature): a challenge
 * (a random nonce, single use, 5 minutes, in the ephemeral store), then the verification of what was signed
 * over it, in this order: the signature; the certificate's validity period at the clock and its key usage;
 * the path from the signer's own certificate to a configured trust anchor; revocation (OCSP, else the CRL,
 * failing closed); the identity in the subject's UID. docs/methods.md, "Digital signatures: the common pipeline".
 *
 * A challenge is used up by any request that reaches verification, whatever the outcome; so also when the
 * CA's OCSP and CRL both fail to answer (503 REVOCATION_UNAVAILABLE): the signer starts again with a fresh
 * challenge, and no captured signature can be replayed later, once the CA answers again.
 */
import { failure, type Outcome, success } from '../outcome.ts';
import type { Clock } from '../ports/clock.ts';
import type { EphemeralStore } from '../ports/ephemeral-store.ts';
import type { Random } from '../ports/random.ts';
import type {
  RevocationChecker,
  SignatureCheck,
  SignatureVerifier,
  TrustPaths,
} from '../ports/signatures.ts';
import { type SignerIdentity, signerIdentityOf } from './signer-identity.ts';

export type { CertificateFacts } from '../ports/signatures.ts';
export type { SignerIdentity };

export interface SignatureRules {
  challengeTtlMs: number;
  /** Challenges one address may ask for per 10 minutes (carrier-grade NAT: generous). */
  challengesPerIpPer10Minutes: number;
}

export const DEFAULT_SIGNATURE_RULES: SignatureRules = {
  challengeTtlMs: 5 * 60_000,
  challengesPerIpPer10Minutes: 600,
};

export interface SignatureDependencies {
  store: EphemeralStore;
  clock: Clock;
  random: Random;
  verifier: SignatureVerifier;
  trust: TrustPaths;
  revocation: RevocationChecker;
  rules?: SignatureRules;
}

export interface Challenge {
  challengeId: string;
  /** Base64 of 32 random bytes: what the signer signs is the decoded bytes. */
  nonce: string;
  expiresAt: Date;
}

export type SignedChallengeInput =
  | { challengeId: string; signedData: Uint8Array }
  | { challengeId: string; signature: Uint8Array; certificate: Uint8Array; chain: Uint8Array[] };

export interface SignatureUseCases {
  issueChallenge(context?: { clientIp: string }): Promise<Outcome<Challenge>>;
  verifySignedChallenge(
    input: SignedChallengeInput,
    context?: { requestId: string },
  ): Promise<Outcome<SignerIdentity>>;
}

const KEY = 'signature-challenge:';
const IP_KEY = 'signature-challenges-ip:';
const TEN_MINUTES = 10 * 60_000;
const CHALLENGE_ID = /^[A-Za-z0-9_-]{16,64}$/;

export function createSignatures(deps: SignatureDependencies): SignatureUseCases {
  const rules = deps.rules ?? DEFAULT_SIGNATURE_RULES;
  const { store, clock } = deps;

  async function takeChallenge(challengeId: string): Promise<Uint8Array | undefined> {
    if (!CHALLENGE_ID.test(challengeId)) return undefined;
    const stored = await store.take(KEY + challengeId);
    if (!stored) return undefined;
    const { nonce, expiresAt } = JSON.parse(stored) as { nonce: string; expiresAt: number };
    // The store's TTL only collects garbage: expiry is decided by the clock.
    if (clock.now().getTime() >= expiresAt) return undefined;
    return new Uint8Array(Buffer.from(nonce, 'base64'));
  }

  async function checkSignature(input: SignedChallengeInput, content: Uint8Array): Promise<SignatureCheck> {
    if ('signedData' in input) return deps.verifier.verifyCms(input.signedData, content);
    return deps.verifier.verifyRaw({
      signature: input.signature,
      certificate: input.certificate,
      chain: input.chain,
      content,
    });
  }

  return {
    async issueChallenge(context) {
      if (context) {
        const slot = await store.incrementIfBelow(
          IP_KEY + context.clientIp,
          rules.challengesPerIpPer10Minutes,
          TEN_MINUTES,
        );
        if (!slot.allowed)
          return failure('RATE_LIMITED', {
            limit: 'CHALLENGES_PER_IP',
            retryAfterSeconds: Math.max(1, Math.ceil(slot.resetInMs / 1000)),
          });
      }
      const challengeId = deps.random.token(24);
      const nonce = Buffer.from(deps.random.token(32), 'base64url').toString('base64');
      const expiresAt = new Date(clock.now().getTime() + rules.challengeTtlMs);
      await store.set(
        KEY + challengeId,
        JSON.stringify({ nonce, expiresAt: expiresAt.getTime() }),
        rules.challengeTtlMs,
      );
      return success({ challengeId, nonce, expiresAt });
    },

    async verifySignedChallenge(input, context = { requestId: 'signature' }) {
      const content = await takeChallenge(input.challengeId);
      if (!content) return failure('CHALLENGE_INVALID');
      const signed = await checkSignature(input, content);
      if (signed.outcome === 'invalid') return failure('SIGNATURE_INVALID');
      const { signer, supplied } = signed;
      const now = clock.now();
      if (now < signer.facts.notBefore || now >= signer.facts.notAfter) return failure('CERTIFICATE_EXPIRED');
      if (!fitForSigning(signer.keyUsage, signer.isCa)) return failure('CERTIFICATE_UNTRUSTED');
      const path = await deps.trust.validate(signer, supplied, now);
      if (path.outcome === 'untrusted') return failure('CERTIFICATE_UNTRUSTED');
      const revocation = await deps.revocation.status(signer, path.issuer, context);
      if (revocation === 'revoked') return failure('CERTIFICATE_REVOKED');
      if (revocation === 'unavailable') return failure('REVOCATION_UNAVAILABLE', { retryAfterSeconds: 30 });
      const identity = signerIdentityOf(signer);
      return identity ? success(identity) : failure('CERTIFICATE_NO_IDENTITY');
    },
  };
}

/** A signing certificate: an end entity whose key usage (when stated) allows signatures. */
function fitForSigning(keyUsage: string[] | null, isCa: boolean): boolean {
  if (isCa) return false;
  return keyUsage === null || keyUsage.includes('digitalSignature') || keyUsage.includes('nonRepudiation');
}
