/**
 * Registration and sign-in by remote signature on fakes (the shared asynchronous machinery with the remote
 * signer): a remote-signing service that records what it was asked and answers as the test says (approve,
 * decline, expire, refuse the SAD), a pipeline whose challenges are single use and whose bare "signature" must
 * be over the SHA-256 of the challenge's nonce, the registration fakes' repositories.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { aCitizen, registrationDoubles, requestFrom } from '../../../../test/support/registration-fakes.ts';
import { failure, type Outcome, success } from '../../../usecases/outcome.ts';
import type {
  RemoteAuthorizationStatus,
  RemoteCredentialLookup,
  RemoteSigningService,
} from '../../../usecases/ports/remote-signing-service.ts';
import type { SignaturePipeline } from '../../../usecases/registration/index.ts';
import type { SignerIdentity } from '../../../usecases/signatures/index.ts';
import { createRemoteSigner, remoteEntriesOf } from './remote-signer.ts';

const sha256 = (data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest());
const json = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value)));

class FakeRemoteSigning implements RemoteSigningService {
  readonly providers = ['smartca', 'mysign'];
  readonly authorizations: Array<{
    provider: string;
    credentialId: string;
    hash: Uint8Array;
    description: string;
  }> = [];
  readonly signed: string[] = [];
  /** Whose certificate the provider holds, per `${provider}:${idNumber}`. */
  readonly holders = new Map<string, SignerIdentity>();
  lookup: 'normal' | 'unavailable' = 'normal';
  status: RemoteAuthorizationStatus = { outcome: 'pending' };
  sadRefused = false;

  async findCredential(provider: string, idNumber: string): Promise<RemoteCredentialLookup> {
    if (this.lookup === 'unavailable') return { outcome: 'unavailable' };
    const who = this.holders.get(`${provider}:${idNumber}`);
    if (!who) return { outcome: 'none' };
    return {
      outcome: 'found',
      credential: {
        credentialId: `cred-${provider}-${idNumber}`,
        certificate: json(who),
        chain: [json('CA')],
      },
    };
  }
  async authorize(
    provider: string,
    credentialId: string,
    request: { hash: Uint8Array; description: string },
  ) {
    this.authorizations.push({ provider, credentialId, ...request });
    return { outcome: 'requested' as const, responseId: `R${this.authorizations.length}` };
  }
  async checkAuthorization() {
    return this.status;
  }
  async signHash(_provider: string, request: { credentialId: string; sad: string; hash: Uint8Array }) {
    if (this.sadRefused) return { outcome: 'refused' as const };
    this.signed.push(request.credentialId);
    return {
      outcome: 'signed' as const,
      signature: json({ hash: Buffer.from(request.hash).toString('base64') }),
    };
  }
  async ping() {}
}

/** Challenges used up by any verification; the signature is valid when it is over SHA-256(nonce). */
function fakePipeline() {
  const challenges = new Map<string, Uint8Array>();
  let made = 0;
  const pipeline: SignaturePipeline & { verifications: number } = {
    verifications: 0,
    async issueChallenge() {
      const challengeId = `challenge-${++made}-abcdefghijklmnop`;
      const nonce = new Uint8Array(Buffer.from(`nonce-${made}`));
      challenges.set(challengeId, nonce);
      return success({ challengeId, nonce: Buffer.from(nonce).toString('base64'), expiresAt: new Date() });
    },
    async verifySignedChallenge(input): Promise<Outcome<SignerIdentity>> {
      pipeline.verifications++;
      const nonce = challenges.get(input.challengeId);
      challenges.delete(input.challengeId);
      if (!nonce || !('signature' in input)) return failure('CHALLENGE_INVALID');
      const { hash } = JSON.parse(Buffer.from(input.signature).toString()) as { hash: string };
      if (hash !== Buffer.from(sha256(nonce)).toString('base64')) return failure('SIGNATURE_INVALID');
      const who = JSON.parse(Buffer.from(input.certificate).toString()) as SignerIdentity;
      return success({
        ...who,
        certificate: {
          ...who.certificate,
          notBefore: new Date(who.certificate.notBefore),
          notAfter: new Date(who.certificate.notAfter),
        },
      });
    },
  };
  return pipeline;
}

const signerOf = (idNumber: string, fullName = 'Nguyen Thi Hoa'): SignerIdentity => ({
  kind: 'citizen',
  idNumber,
  idType: idNumber.length === 12 ? 'CCCD' : 'CMND',
  fullName,
  certificate: {
    fingerprint: `fp-${idNumber}`,
    serialNumber: '0a1b',
    issuer: 'VNPT-CA (TEST)',
    subject: fullName,
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2028-01-01T00:00:00Z'),
    pem: '-----BEGIN CERTIFICATE-----',
  },
});

function world() {
  const d = registrationDoubles();
  const remote = new FakeRemoteSigning();
  const pipeline = fakePipeline();
  const signer = createRemoteSigner({ remoteSigning: remote, population: d.population, metrics: d.metrics });
  const method = d.journey.awaitingSignature(signer, pipeline);
  const entries = (idNumber: string, provider = 'smartca') => {
    const parsed = remoteEntriesOf({ idNumber, provider }, remote.providers);
    assert.ok(parsed.ok);
    return parsed.value;
  };
  const start = (idNumber: string, provider?: string) =>
    method.start(entries(idNumber, provider), d.captchas.solved(), requestFrom());
  const status = async (id: string, requestId = 'poll') => {
    const got = await d.journey.status(id, requestFrom('203.0.113.7', requestId));
    assert.ok(got.ok, JSON.stringify(!got.ok && got.failure));
    return got.value;
  };
  return { d, remote, pipeline, method, entries, start, status };
}

describe('remote signature: entries', () => {
  it('needs a well-formed ID number and a provider offered, each named', () => {
    const providers = ['smartca', 'mysign'];
    const bad = remoteEntriesOf({ idNumber: '12345', provider: 'acme' }, providers);
    assert.ok(!bad.ok);
    assert.deepEqual(
      bad.failure.fieldErrors?.map((e) => [e.field, e.code]),
      [
        ['idNumber', 'ID_NUMBER_INVALID'],
        ['provider', 'PROVIDER_REQUIRED'],
      ],
    );
    const good = remoteEntriesOf({ idNumber: ' 001090000001 ', provider: 'mysign' }, providers);
    assert.deepEqual(good.ok && good.value, { idNumber: '001090000001', provider: 'mysign' });
  });
});

describe('remote signature: registration awaiting the approval in the app', () => {
  it('asks the provider to approve the hash of the challenge with the display code; approved, signs and makes the account once', async () => {
    const w = world();
    const citizen = aCitizen();
    w.d.population.addPerson(citizen.idNumber, [], 'Nguyễn Thị Hoa');
    w.remote.holders.set(`mysign:${citizen.idNumber}`, signerOf(citizen.idNumber));
    const started = await w.start(citizen.idNumber, 'mysign');
    assert.ok(started.ok, JSON.stringify(!started.ok && started.failure));
    const { registrationId, displayCode, expiresAt } = started.value;
    assert.match(displayCode, /^[A-HJ-NP-Z2-9]{4}$/);
    assert.equal(expiresAt.getTime(), w.d.clock.now().getTime() + 120_000);
    const [asked] = w.remote.authorizations;
    assert.equal(asked?.provider, 'mysign');
    assert.equal(asked?.credentialId, `cred-mysign-${citizen.idNumber}`);
    assert.equal(asked?.description, `Đăng ký tài khoản DVC — mã ${displayCode}`);
    assert.deepEqual(asked?.hash, sha256(new Uint8Array(Buffer.from('nonce-1'))));

    const waiting = await w.status(registrationId);
    assert.equal(waiting.step, 'awaiting-signature');
    assert.equal(waiting.displayCode, displayCode);
    assert.equal(w.remote.signed.length, 0, 'nothing signed before the approval');

    w.remote.status = { outcome: 'approved', sad: 'sad-1' };
    const done = await w.status(registrationId);
    assert.equal(done.step, 'completed');
    assert.equal(done.username, citizen.idNumber);
    assert.deepEqual(
      done.session?.amr,
      ['swk'],
      'a remote key approved in the app: not the citizen’s hardware key',
    );
    assert.equal(done.session?.acr, 'LoA2');
    const [account] = w.d.accounts.all();
    assert.equal(account?.registrationMethod, 'remote-signature');
    assert.deepEqual(
      account?.credentials.map((c) => [c.type, c.identifier]),
      [['certificate', `fp-${citizen.idNumber}`]],
    );
    assert.equal(
      w.d.protector.decrypt(account!.fullNameEnc),
      'Nguyễn Thị Hoa',
      'the registry spells the name',
    );

    const later = await w.status(registrationId);
    assert.equal(later.step, 'completed');
    assert.equal(later.session, undefined);
    assert.deepEqual(w.remote.signed, [`cred-mysign-${citizen.idNumber}`], 'signed once');
    assert.equal(w.d.accounts.all().length, 1);
  });

  it('no credential at that provider, or a provider that does not answer, refuses at the start and creates nothing', async () => {
    const w = world();
    const citizen = aCitizen();
    w.remote.holders.set(`mysign:${citizen.idNumber}`, signerOf(citizen.idNumber));
    const none = await w.start(citizen.idNumber, 'smartca');
    assert.ok(!none.ok);
    assert.equal(none.failure.code, 'REMOTE_SIGNATURE_NOT_FOUND');
    w.remote.lookup = 'unavailable';
    const down = await w.start(citizen.idNumber, 'mysign');
    assert.ok(!down.ok);
    assert.equal(down.failure.code, 'REMOTE_SIGNATURE_UNAVAILABLE');
    assert.equal(down.failure.retryAfterSeconds, 30);
    assert.equal(w.d.registrations.all().length, 0);
    assert.equal(w.remote.authorizations.length, 0, 'no request reached anyone’s phone');
  });

  for (const [answer, code] of [
    ['declined', 'SIGNATURE_CANCELLED'],
    ['expired', 'SIGNATURE_EXPIRED'],
  ] as const)
    it(`${answer} in the app ends the registration refused ${code}, with no account`, async () => {
      const w = world();
      const citizen = aCitizen();
      w.remote.holders.set(`smartca:${citizen.idNumber}`, signerOf(citizen.idNumber));
      const started = await w.start(citizen.idNumber);
      assert.ok(started.ok);
      w.remote.status = { outcome: answer };
      const ended = await w.status(started.value.registrationId);
      assert.equal(ended.step, 'refused');
      assert.equal(ended.refusalCode, code);
      assert.equal(w.d.accounts.all().length, 0);
      assert.equal(w.pipeline.verifications, 0);
    });

  it('a certificate naming someone else than the ID typed proves nobody: refused, no account', async () => {
    const w = world();
    const citizen = aCitizen();
    const other = aCitizen({ idNumber: '079090000002' });
    w.remote.holders.set(`smartca:${citizen.idNumber}`, signerOf(other.idNumber));
    const started = await w.start(citizen.idNumber);
    assert.ok(started.ok);
    w.remote.status = { outcome: 'approved', sad: 'sad-1' };
    const ended = await w.status(started.value.registrationId);
    assert.equal(ended.step, 'refused');
    assert.equal(ended.refusalCode, 'REMOTE_SIGNATURE_ID_MISMATCH');
    assert.equal(w.d.accounts.all().length, 0);
  });

  it('a SAD the provider refuses leaves the request waiting (not the citizen’s refusal) until the window ends', async () => {
    const w = world();
    const citizen = aCitizen();
    w.remote.holders.set(`smartca:${citizen.idNumber}`, signerOf(citizen.idNumber));
    const started = await w.start(citizen.idNumber);
    assert.ok(started.ok);
    w.remote.status = { outcome: 'approved', sad: 'sad-1' };
    w.remote.sadRefused = true;
    assert.equal((await w.status(started.value.registrationId)).step, 'awaiting-signature');
    w.d.clock.advance(120_000);
    const ended = await w.status(started.value.registrationId);
    assert.equal(ended.refusalCode, 'SIGNATURE_EXPIRED');
    assert.equal(w.d.accounts.all().length, 0);
  });
});

describe('remote signature: sign-in', () => {
  it('opens a session (swk, LoA2) for the account the certificate is a credential of; none: CERTIFICATE_NOT_REGISTERED', async () => {
    const w = world();
    const citizen = aCitizen();
    w.remote.holders.set(`smartca:${citizen.idNumber}`, signerOf(citizen.idNumber));
    const unknown = await w.method.signIn.start(w.entries(citizen.idNumber), requestFrom());
    assert.ok(unknown.ok);
    w.remote.status = { outcome: 'approved', sad: 'sad-0' };
    const notYet = await w.method.signIn.poll(unknown.value.signInId, requestFrom());
    assert.equal(notYet.ok && notYet.value.code, 'CERTIFICATE_NOT_REGISTERED');

    w.remote.status = { outcome: 'pending' };
    const registered = await w.start(citizen.idNumber);
    assert.ok(registered.ok);
    w.remote.status = { outcome: 'approved', sad: 'sad-1' };
    assert.equal((await w.status(registered.value.registrationId)).step, 'completed');

    w.remote.status = { outcome: 'pending' };
    const started = await w.method.signIn.start(w.entries(citizen.idNumber), requestFrom());
    assert.ok(started.ok);
    assert.equal(
      w.remote.authorizations.at(-1)?.description,
      `Đăng nhập DVC — mã ${started.value.displayCode}`,
    );
    w.remote.status = { outcome: 'approved', sad: 'sad-2' };
    const polled = await w.method.signIn.poll(started.value.signInId, requestFrom());
    assert.ok(polled.ok);
    assert.equal(polled.value.step, 'completed');
    assert.deepEqual(polled.value.session?.amr, ['swk']);
    assert.equal(polled.value.session?.acr, 'LoA2');
  });
});
