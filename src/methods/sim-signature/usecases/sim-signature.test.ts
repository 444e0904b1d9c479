/**
 * Registration and sign-in by SIM signature on fakes (the shared asynchronous machinery with the SIM signer):
 * a mobile-signature service that records what it was asked and answers as the test says, a pipeline whose
 * challenges are single use and whose "signature" names the signer, the registration fakes' repositories.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aCitizen, registrationDoubles, requestFrom } from '../../../../test/support/registration-fakes.ts';
import { failure, type Outcome, success } from '../../../usecases/outcome.ts';
import type {
  MobileSignatureService,
  MobileSignatureStart,
  MobileSignatureStatus,
} from '../../../usecases/ports/mobile-signature-service.ts';
import type { SignaturePipeline } from '../../../usecases/registration/index.ts';
import type { SignerIdentity } from '../../../usecases/signatures/index.ts';
import { createSimSigner, simEntriesOf } from './sim-signer.ts';

class FakeMssp implements MobileSignatureService {
  readonly requests: Array<{ phoneNumber: string; text: string; data: Uint8Array }> = [];
  queries = 0;
  start: MobileSignatureStart['outcome'] = 'accepted';
  status: MobileSignatureStatus = { outcome: 'pending' };
  /** Holds each status query until released, to race two polls. */
  hold: Promise<void> | undefined;

  async requestSignature(request: {
    phoneNumber: string;
    dataToBeSigned: Uint8Array;
    dataToBeDisplayed: string;
  }) {
    this.requests.push({
      phoneNumber: request.phoneNumber,
      text: request.dataToBeDisplayed,
      data: request.dataToBeSigned,
    });
    if (this.start !== 'accepted') return { outcome: this.start } as MobileSignatureStart;
    return { outcome: 'accepted' as const, msspTransactionId: `T${this.requests.length}` };
  }
  async queryStatus() {
    this.queries++;
    await this.hold;
    return this.status;
  }
  async ping() {}
  /** The SIM signs what it was last asked to sign, as `who`. */
  signs(who: SignerIdentity) {
    const last = this.requests.at(-1);
    assert.ok(last);
    const payload = JSON.stringify({ nonce: Buffer.from(last.data).toString('base64'), who });
    this.status = { outcome: 'signed', signedData: new Uint8Array(Buffer.from(payload)) };
  }
}

/** Challenges used up by any verification; the "signature" is valid when it names the challenge's nonce. */
function fakePipeline(verdict: { failure?: 'CERTIFICATE_REVOKED' } = {}) {
  const challenges = new Map<string, string>();
  let made = 0;
  const pipeline: SignaturePipeline & { verifications: number } = {
    verifications: 0,
    async issueChallenge() {
      const challengeId = `challenge-${++made}-abcdefghijklmnop`;
      const nonce = Buffer.from(`nonce-${made}`).toString('base64');
      challenges.set(challengeId, nonce);
      return success({ challengeId, nonce, expiresAt: new Date() });
    },
    async verifySignedChallenge(input): Promise<Outcome<SignerIdentity>> {
      pipeline.verifications++;
      const nonce = challenges.get(input.challengeId);
      challenges.delete(input.challengeId);
      if (!nonce || !('signedData' in input)) return failure('CHALLENGE_INVALID');
      const signed = JSON.parse(Buffer.from(input.signedData).toString()) as {
        nonce: string;
        who: SignerIdentity;
      };
      if (signed.nonce !== nonce) return failure('SIGNATURE_INVALID');
      if (verdict.failure) return failure(verdict.failure);
      const { certificate } = signed.who;
      return success({
        ...signed.who,
        certificate: {
          ...certificate,
          notBefore: new Date(certificate.notBefore),
          notAfter: new Date(certificate.notAfter),
        },
      });
    },
  };
  return pipeline;
}

const signerOf = (
  idNumber: string,
  fullName = 'Nguyen Thi Hoa',
  fingerprint = `fp-${idNumber}`,
): SignerIdentity => ({
  kind: 'citizen',
  idNumber,
  idType: idNumber.length === 12 ? 'CCCD' : 'CMND',
  fullName,
  certificate: {
    fingerprint,
    serialNumber: '0a1b',
    issuer: 'Viettel-CA (TEST)',
    subject: fullName,
    notBefore: new Date('2026-01-01T00:00:00Z'),
    notAfter: new Date('2028-01-01T00:00:00Z'),
    pem: '-----BEGIN CERTIFICATE-----',
  },
});

function world(options: { verdict?: { failure?: 'CERTIFICATE_REVOKED' } } = {}) {
  const d = registrationDoubles();
  const mssp = new FakeMssp();
  const pipeline = fakePipeline(options.verdict);
  const signer = createSimSigner({ mobileSignature: mssp, population: d.population, metrics: d.metrics });
  const sim = d.journey.awaitingSignature(signer, pipeline);
  const entries = (phone = '0912345678') => {
    const parsed = simEntriesOf({ phoneNumber: phone });
    assert.ok(parsed.ok);
    return parsed.value;
  };
  const start = (phone?: string) => sim.start(entries(phone), d.captchas.solved(), requestFrom());
  const status = async (id: string, requestId = 'poll') => {
    const got = await d.journey.status(id, requestFrom('203.0.113.7', requestId));
    assert.ok(got.ok, JSON.stringify(!got.ok && got.failure));
    return got.value;
  };
  return { d, mssp, pipeline, sim, entries, start, status };
}

describe('SIM signature: registration awaiting a signature', () => {
  it('starts awaiting with a display code and the 2-minute window, the SIM shows the code; signed, the account is made once', async () => {
    const w = world();
    const citizen = aCitizen();
    w.d.population.addPerson(citizen.idNumber, [], 'Nguyễn Thị Hoa');
    const started = await w.start();
    assert.ok(started.ok);
    const { registrationId, displayCode, expiresAt } = started.value;
    assert.match(displayCode, /^[A-HJ-NP-Z2-9]{4}$/);
    assert.equal(expiresAt.getTime(), w.d.clock.now().getTime() + 120_000);
    assert.equal(w.mssp.requests[0]?.phoneNumber, '+84912345678');
    assert.equal(w.mssp.requests[0]?.text, `Đăng ký tài khoản DVC — mã ${displayCode}`);

    const waiting = await w.status(registrationId);
    assert.equal(waiting.step, 'awaiting-signature');
    assert.equal(waiting.displayCode, displayCode);
    assert.deepEqual(waiting.signatureExpiresAt, expiresAt);
    assert.equal(w.mssp.queries, 1);

    w.mssp.signs(signerOf(citizen.idNumber));
    const done = await w.status(registrationId);
    assert.equal(done.step, 'completed');
    assert.equal(done.username, citizen.idNumber);
    assert.ok(done.session, 'the poll that completed it signs the citizen in');
    assert.deepEqual(done.session?.amr, ['hwk']);
    const [account] = w.d.accounts.all();
    assert.equal(account?.id, done.accountId);
    assert.equal(account?.registrationMethod, 'sim-signature');
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
    assert.equal(w.mssp.queries, 2, 'a finished registration asks the partner nothing');
    assert.equal(w.d.registrations.all().length, 1, 'the awaiting registration itself completed');
  });

  it('a SIM without the service or an MSSP that does not answer refuses at the start and creates nothing', async () => {
    const w = world();
    w.mssp.start = 'not_enabled';
    const refused = await w.start();
    assert.equal(!refused.ok && refused.failure.code, 'MOBILE_SIGNATURE_NOT_ENABLED');
    w.mssp.start = 'unavailable';
    const down = await w.start();
    assert.ok(!down.ok);
    assert.equal(down.failure.code, 'MOBILE_SIGNATURE_UNAVAILABLE');
    assert.equal(down.failure.retryAfterSeconds, 30);
    assert.equal(w.d.registrations.all().length, 0);
  });

  it('a wrong phone number is a field error and spends neither the captcha nor a prompt', () => {
    const parsed = simEntriesOf({ phoneNumber: '12345' });
    assert.ok(!parsed.ok);
    assert.deepEqual(parsed.failure.fieldErrors, [{ field: 'phoneNumber', code: 'PHONE_NUMBER_INVALID' }]);
  });

  it('a wrong captcha asks nothing of the MSSP', async () => {
    const w = world();
    const refused = await w.sim.start(w.entries(), { captchaId: 'x', captchaAnswer: 'y' }, requestFrom());
    assert.equal(!refused.ok && refused.failure.code, 'CAPTCHA_INVALID');
    assert.equal(w.mssp.requests.length, 0);
  });

  for (const [status, code] of [
    ['cancelled', 'SIGNATURE_CANCELLED'],
    ['pin_blocked', 'SIM_PIN_BLOCKED'],
    ['expired', 'SIGNATURE_EXPIRED'],
  ] as const) {
    it(`the MSSP's ${status} ends the registration refused ${code}, nothing created`, async () => {
      const w = world();
      const started = await w.start();
      assert.ok(started.ok);
      w.mssp.status = { outcome: status };
      const refused = await w.status(started.value.registrationId);
      assert.equal(refused.step, 'refused');
      assert.equal(refused.refusalCode, code);
      assert.equal(w.d.accounts.all().length, 0);
      assert.equal(w.d.audit.named('registration.refused')[0]?.reason, code);
    });
  }

  it('an MSSP that does not answer a poll leaves it awaiting; past the window it ends SIGNATURE_EXPIRED without asking', async () => {
    const w = world();
    const started = await w.start();
    assert.ok(started.ok);
    w.mssp.status = { outcome: 'unavailable' };
    assert.equal((await w.status(started.value.registrationId)).step, 'awaiting-signature');
    const asked = w.mssp.queries;
    w.d.clock.advance(120_000);
    const expired = await w.status(started.value.registrationId);
    assert.equal(expired.step, 'refused');
    assert.equal(expired.refusalCode, 'SIGNATURE_EXPIRED');
    assert.equal(w.mssp.queries, asked);
  });

  it('a revoked certificate (the pipeline) ends refused CERTIFICATE_REVOKED', async () => {
    const w = world({ verdict: { failure: 'CERTIFICATE_REVOKED' } });
    const started = await w.start();
    assert.ok(started.ok);
    w.mssp.signs(signerOf(aCitizen().idNumber));
    const refused = await w.status(started.value.registrationId);
    assert.equal(refused.refusalCode, 'CERTIFICATE_REVOKED');
    assert.equal(w.d.accounts.all().length, 0);
  });

  it('a citizen who already has an account learns it only from the signature: refused ACCOUNT_EXISTS', async () => {
    const w = world();
    const citizen = aCitizen();
    w.d.addAccount(citizen);
    const started = await w.start();
    assert.ok(started.ok, 'the start knows only a phone');
    w.mssp.signs(signerOf(citizen.idNumber));
    const refused = await w.status(started.value.registrationId);
    assert.equal(refused.refusalCode, 'ACCOUNT_EXISTS');
    assert.equal(w.d.accounts.all().length, 1);
  });

  it('a new start for the same SIM supersedes the awaiting one: refused SUPERSEDED, and its signature makes nothing', async () => {
    const w = world();
    const first = await w.start();
    const second = await w.start();
    assert.ok(first.ok && second.ok);
    const superseded = await w.status(first.value.registrationId);
    assert.equal(superseded.step, 'refused');
    assert.equal(superseded.refusalCode, 'SUPERSEDED');
    assert.equal((await w.status(second.value.registrationId)).step, 'awaiting-signature');
  });

  it("the signature reveals the ID: that citizen's unfinished registration by another method is superseded", async () => {
    const w = world();
    const citizen = aCitizen();
    const now = w.d.clock.now();
    await w.d.registrations.createSupersedingUnfinished({
      id: 'mobile-unfinished-1',
      method: 'mobile',
      state: 'code_sent',
      subjectIndex: w.d.protector.blindIndex('id', citizen.idNumber),
      phoneIndex: 'p',
      identityEnc: 'x',
      partner: 'viettel',
      consentVersion: 'v',
      consentedAt: now,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 900_000),
      codesSent: 1,
      codeExpiresAt: null,
      resendAvailableAt: null,
      verifiedAt: null,
      completedAt: null,
      accountId: null,
    });
    const started = await w.start();
    assert.ok(started.ok);
    assert.equal(
      (await w.d.registrations.find('mobile-unfinished-1'))?.state,
      'code_sent',
      'a phone is not an ID',
    );
    w.mssp.signs(signerOf(citizen.idNumber));
    assert.equal((await w.status(started.value.registrationId)).step, 'completed');
    assert.equal((await w.d.registrations.find('mobile-unfinished-1'))?.state, 'superseded');
  });

  it('two polls racing (two processes) ask the MSSP once and make one account; the race loser just reads', async () => {
    const w = world();
    const citizen = aCitizen();
    const started = await w.start();
    assert.ok(started.ok);
    w.mssp.signs(signerOf(citizen.idNumber));
    let release!: () => void;
    w.mssp.hold = new Promise((resolve) => {
      release = resolve;
    });
    const first = w.status(started.value.registrationId, 'poll-a');
    const second = w.status(started.value.registrationId, 'poll-b');
    await new Promise((resolve) => setImmediate(resolve));
    release();
    const answers = await Promise.all([first, second]);
    assert.equal(w.mssp.queries, 1, 'one poll at a time per registration');
    assert.equal(answers.filter((a) => a.session).length, 1);
    assert.equal((await w.status(started.value.registrationId)).step, 'completed');
    assert.equal(w.d.accounts.all().length, 1);
    assert.equal(w.pipeline.verifications, 1);
  });

  it('approved twice anyway (the first poll outlived its claim): one verification, one account, no refusal', async () => {
    const d = registrationDoubles();
    const mssp = new FakeMssp();
    const pipeline = fakePipeline();
    const signer = createSimSigner({ mobileSignature: mssp, population: d.population, metrics: d.metrics });
    const sim = d.journey.awaitingSignature(signer, pipeline, { signatureWindowMs: 120_000, pollClaimMs: 5 });
    const entries = simEntriesOf({ phoneNumber: '0912345678' });
    assert.ok(entries.ok);
    const started = await sim.start(entries.value, d.captchas.solved(), requestFrom());
    assert.ok(started.ok);
    const id = started.value.registrationId;
    mssp.signs(signerOf(aCitizen().idNumber));
    let release!: () => void;
    mssp.hold = new Promise((resolve) => {
      release = resolve;
    });
    const first = sim.poll(id, requestFrom('203.0.113.7', 'poll-a'));
    await new Promise((resolve) => setImmediate(resolve));
    d.clock.advance(10);
    const second = sim.poll(id, requestFrom('203.0.113.8', 'poll-b'));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    const sessions = await Promise.all([first, second]);
    assert.equal(mssp.queries, 2, 'the lapsed claim let a second poll ask');
    assert.equal(sessions.filter(Boolean).length, 1);
    assert.equal(pipeline.verifications, 2);
    const status = await d.journey.status(id, requestFrom());
    assert.equal(status.ok && status.value.step, 'completed');
    assert.equal(d.accounts.all().length, 1);
  });
});

describe('SIM signature: sign-in', () => {
  it('signs in the account whose credential the SIM certificate is (hwk, LoA2); an unknown certificate is not registered', async () => {
    const w = world();
    const citizen = aCitizen();
    const registered = await w.start();
    assert.ok(registered.ok);
    w.mssp.signs(signerOf(citizen.idNumber));
    const accountId = (await w.status(registered.value.registrationId)).accountId;

    const started = await w.sim.signIn.start(w.entries(), requestFrom());
    assert.ok(started.ok);
    assert.equal(started.value.step, 'awaiting-signature');
    assert.equal(w.mssp.requests.at(-1)?.text, `Đăng nhập DVC — mã ${started.value.displayCode}`);
    w.mssp.status = { outcome: 'pending' };
    const pending = await w.sim.signIn.poll(started.value.signInId, requestFrom());
    assert.equal(pending.ok && pending.value.step, 'awaiting-signature');
    w.mssp.signs(signerOf(citizen.idNumber));
    const done = await w.sim.signIn.poll(started.value.signInId, requestFrom());
    assert.ok(done.ok);
    assert.equal(done.value.step, 'completed');
    assert.equal(done.value.session?.accountId, accountId);
    assert.equal(done.value.session?.acr, 'LoA2');
    const again = await w.sim.signIn.poll(started.value.signInId, requestFrom());
    assert.equal(again.ok && again.value.session, undefined);

    const stranger = await w.sim.signIn.start(w.entries('0987654321'), requestFrom());
    assert.ok(stranger.ok);
    w.mssp.signs(signerOf(aCitizen().idNumber));
    const refused = await w.sim.signIn.poll(stranger.value.signInId, requestFrom());
    assert.equal(refused.ok && refused.value.code, 'CERTIFICATE_NOT_REGISTERED');
  });

  it('a phone is sent at most 5 registration prompts per 10 minutes, apart from its sign-in prompts', async () => {
    const w = world();
    for (let i = 0; i < 5; i++) assert.ok((await w.start()).ok);
    const limited = await w.start();
    assert.equal(!limited.ok && limited.failure.code, 'RATE_LIMITED');
    assert.ok(!limited.ok && (limited.failure.retryAfterSeconds ?? 0) > 0);
    assert.equal(w.mssp.requests.length, 5);
    assert.ok((await w.start('0987654321')).ok, 'another phone is not limited');
    assert.ok((await w.sim.signIn.start(w.entries(), requestFrom())).ok, 'sign-in has its own budget');
  });

  it('a phone is sent at most 5 sign-in prompts per 10 minutes', async () => {
    const w = world();
    for (let i = 0; i < 5; i++) assert.ok((await w.sim.signIn.start(w.entries(), requestFrom())).ok);
    const limited = await w.sim.signIn.start(w.entries(), requestFrom());
    assert.equal(!limited.ok && limited.failure.code, 'RATE_LIMITED');
    assert.equal(w.mssp.requests.length, 5);
  });
});
