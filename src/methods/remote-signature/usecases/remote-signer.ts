/**
 * The remote (personal) signature as an asynchronous signer (src/usecases/registration/async-signer.ts): the ID
 * number and the provider chosen find the citizen's credential at the remote-signing service (none: 422
 * REMOTE_SIGNATURE_NOT_FOUND), the service asks the citizen to approve, in its app, signing the SHA-256 of the
 * hub's challenge ("Đăng ký tài khoản DVC — mã XXXX"), and once approved the hub has the hash signed with the SAD.
 * The pipeline verifies that bare signature with the credential's certificate and chain; the certificate must
 * name the ID number typed (a provider answering with someone else's key proves nobody).
 */
import { createHash } from 'node:crypto';
import { parseIdNumber } from '../../../domain/id-number.ts';
import type { Authentication } from '../../../usecases/accounts/sessions.ts';
import { failure, type Outcome, success } from '../../../usecases/outcome.ts';
import type { JourneyMetrics } from '../../../usecases/ports/journey-metrics.ts';
import type { PopulationRegistry } from '../../../usecases/ports/population-registry.ts';
import type { RemoteSigningService } from '../../../usecases/ports/remote-signing-service.ts';
import type { AsyncSigner, SignerPoll } from '../../../usecases/registration/index.ts';
import { createCitizenOfCertificate } from '../../../usecases/signatures/citizen-of-certificate.ts';

export const METHOD_ID = 'remote-signature';

/**
 * A remote signature authenticates the citizen by the provider's app enrolled on their phone, whose software key
 * (unlocked by the app's PIN) approves the signature: RFC 8176 `swk`. Not `hwk`: the signing key is the
 * provider's, in its HSM, not a device the citizen holds. The PIN is not listed on its own, as the token's PIN is
 * not beside `hwk`; `swk` is in hub.md's set of amr values, `pin` is not. A certificate signature: LoA2 (hub.md).
 */
export const REMOTE_SIGNATURE_SIGN_IN: Authentication = { amr: ['swk'], acr: 'LoA2' };

export interface RemoteEntries {
  /** 12 digits (CCCD) or 9 (CMND), as the certificate names it. */
  idNumber: string;
  provider: string;
}

/** The entries as typed, checked; field errors for a malformed ID number or a provider not offered. */
export function remoteEntriesOf(
  input: { idNumber?: string; provider?: string },
  providers: readonly string[],
): Outcome<RemoteEntries> {
  const id = parseIdNumber(input.idNumber ?? '');
  const provider = input.provider ?? '';
  const fieldErrors = [
    ...(id.ok ? [] : [{ field: 'idNumber', code: 'ID_NUMBER_INVALID' }]),
    ...(providers.includes(provider) ? [] : [{ field: 'provider', code: 'PROVIDER_REQUIRED' }]),
  ];
  if (!id.ok || fieldErrors.length > 0) return failure('VALIDATION_FAILED', { fieldErrors });
  return success({ idNumber: id.value.number, provider });
}

/** The method's state of one request, kept encrypted by the machinery between polls. */
interface RemoteRequest {
  provider: string;
  idNumber: string;
  credentialId: string;
  responseId: string;
  /** Base64 of the SHA-256 approved. */
  hash: string;
  certificate: string;
  chain: string[];
}

const TEXT = {
  registration: (code: string) => `Đăng ký tài khoản DVC — mã ${code}`,
  'sign-in': (code: string) => `Đăng nhập DVC — mã ${code}`,
};

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

export function createRemoteSigner(deps: {
  remoteSigning: RemoteSigningService;
  population: Pick<PopulationRegistry, 'lookup'>;
  metrics: JourneyMetrics;
}): AsyncSigner<RemoteEntries> {
  const { remoteSigning } = deps;
  const timed = async <T extends { outcome: string }>(call: string, work: () => Promise<T>) => {
    const started = performance.now();
    const answer = await work();
    deps.metrics.partnerCall(call, answer.outcome, (performance.now() - started) / 1000);
    return answer;
  };
  const unavailable = () => failure('REMOTE_SIGNATURE_UNAVAILABLE', { retryAfterSeconds: 30 });

  const citizenOf = createCitizenOfCertificate(deps);
  return {
    id: METHOD_ID,
    authentication: REMOTE_SIGNATURE_SIGN_IN,
    requestSubject: (entries) => ({ idNumber: entries.idNumber }),

    async request(entries, ask, context) {
      const found = await timed('remote_signing_credential', () =>
        remoteSigning.findCredential(entries.provider, entries.idNumber, context),
      );
      if (found.outcome === 'none') return failure('REMOTE_SIGNATURE_NOT_FOUND');
      if (found.outcome === 'unavailable') return unavailable();
      const hash = new Uint8Array(createHash('sha256').update(ask.dataToBeSigned).digest());
      const { credential } = found;
      const asked = await timed('remote_signing_authorize', () =>
        remoteSigning.authorize(
          entries.provider,
          credential.credentialId,
          { hash, description: TEXT[ask.purpose](ask.displayCode) },
          context,
        ),
      );
      if (asked.outcome !== 'requested') return unavailable();
      const kept: RemoteRequest = {
        provider: entries.provider,
        idNumber: entries.idNumber,
        credentialId: credential.credentialId,
        responseId: asked.responseId,
        hash: b64(hash),
        certificate: b64(credential.certificate),
        chain: credential.chain.map(b64),
      };
      return success({ request: JSON.stringify(kept) });
    },

    async poll(request, context): Promise<SignerPoll> {
      const kept = JSON.parse(request) as RemoteRequest;
      const status = await timed('remote_signing_check', () =>
        remoteSigning.checkAuthorization(kept.provider, kept.responseId, context),
      );
      if (status.outcome === 'pending' || status.outcome === 'unavailable')
        return { outcome: status.outcome };
      if (status.outcome === 'declined') return { outcome: 'refused', code: 'SIGNATURE_CANCELLED' };
      if (status.outcome === 'expired') return { outcome: 'refused', code: 'SIGNATURE_EXPIRED' };
      const signed = await timed('remote_signing_sign', () =>
        remoteSigning.signHash(
          kept.provider,
          { credentialId: kept.credentialId, sad: status.sad, hash: bytes(kept.hash) },
          context,
        ),
      );
      // A SAD refused (used by a poll that overran its claim, or lapsed) is not the citizen's refusal: the
      // request stays pending, and the signature window ends it if nothing else does.
      if (signed.outcome !== 'signed')
        return { outcome: signed.outcome === 'refused' ? 'pending' : 'unavailable' };
      return {
        outcome: 'signed',
        signed: {
          signature: signed.signature,
          certificate: bytes(kept.certificate),
          chain: kept.chain.map(bytes),
        },
      };
    },

    /** The citizen the verified certificate names, who must be the one whose ID number was typed. */
    async subjectOf(signer, context, request) {
      if (signer.kind !== 'citizen') return failure('CERTIFICATE_NO_IDENTITY');
      const kept = JSON.parse(request) as RemoteRequest;
      if (signer.idNumber !== kept.idNumber) return failure('REMOTE_SIGNATURE_ID_MISMATCH');
      return citizenOf(signer, context);
    },
  };
}
