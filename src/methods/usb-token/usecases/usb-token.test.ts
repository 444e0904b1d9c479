/**
 * The USB-token use cases with fakes for the pipeline, the registries and the tail: the order of the checks
 * (fields, captcha, signature, identity, account), what each refusal spends, and the identity handed on.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failure, type Outcome, success } from '../../../usecases/outcome.ts';
import type { PopulationAnswer } from '../../../usecases/ports/population-registry.ts';
import { createAddCertificate } from './add-certificate.ts';
import type {
  CertificateCredential,
  CertificateFacts,
  RegisterVerified,
  SignerIdentity,
  VerifiedSubject,
} from './contracts.ts';
import { createRegisterWithCertificate } from './register-with-certificate.ts';
import { createSignInWithCertificate } from './sign-in-with-certificate.ts';
import { createSubjectOfSigner } from './subject-of-signer.ts';

const context = { requestId: 'req-1', clientIp: '192.0.2.1' };
const SIGNED = Buffer.from('a CMS SignedData, as far as the fake pipeline cares').toString('base64');
const CHALLENGE = 'challenge-0123456789';

const certificate = (fingerprint = 'ab'.repeat(32)): CertificateFacts => ({
  fingerprint,
  serialNumber: '0a1b',
  issuer: 'VNPT-CA (TEST)',
  subject: 'Nguyễn Văn An',
  notBefore: new Date('2026-01-01T00:00:00Z'),
  notAfter: new Date('2027-01-01T00:00:00Z'),
  pem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
});

const citizenSigner = (idNumber = '001090000123', idType: 'CCCD' | 'CMND' = 'CCCD'): SignerIdentity => ({
  kind: 'citizen',
  idNumber,
  idType,
  fullName: 'NGUYEN VAN AN',
  certificate: certificate(),
});

const businessSigner: SignerIdentity = {
  kind: 'organisation',
  taxCode: '0101234567',
  organisationName: 'CTY ABC',
  certificate: certificate('cd'.repeat(32)),
};

function world(
  options: {
    signer?: Outcome<SignerIdentity>;
    population?: PopulationAnswer;
    organisation?: Outcome<{ name: string }>;
    captcha?: boolean;
    registered?: Outcome<{
      accountId: string;
      username: string;
      accountType: 'citizen' | 'organisation';
      displayName: string;
    }>;
  } = {},
) {
  const calls: string[] = [];
  const handedOn: Array<{ subject: VerifiedSubject; credential: CertificateCredential; email?: string }> = [];
  const steps: string[] = [];
  const metrics = {
    step: (step: string, outcome: string, labels?: { reason?: string }) =>
      steps.push(`${step}:${outcome}:${labels?.reason ?? ''}`),
    partnerCall: () => {},
  };
  const subjectOf = createSubjectOfSigner({
    population: {
      lookup: async (idNumber) => {
        calls.push(`population:${idNumber}`);
        return options.population ?? { outcome: 'not_found' };
      },
    },
    verifyOrganisation: async (taxCode) => {
      calls.push(`business:${taxCode}`);
      return (
        options.organisation ?? success({ name: 'Công ty TNHH ABC', representativeIdNumber: '001090000999' })
      );
    },
    metrics,
  });
  const registerVerified: RegisterVerified = async (input) => {
    calls.push('registerVerified');
    handedOn.push({
      subject: input.subject,
      credential: input.credential('account-1'),
      ...(input.email && { email: input.email }),
    });
    return (
      options.registered ??
      success({ accountId: 'account-1', username: 'u', accountType: 'citizen', displayName: 'd' })
    );
  };
  const verify = async (input: { challengeId: string; signedData: Uint8Array }) => {
    calls.push(`verify:${input.challengeId}:${input.signedData.length}`);
    return options.signer ?? success(citizenSigner());
  };
  const register = createRegisterWithCertificate({
    verifyCaptcha: async () => {
      calls.push('captcha');
      return options.captcha ?? true;
    },
    verify,
    subjectOf,
    registerVerified,
    metrics,
  });
  return { calls, handedOn, steps, register, verify, subjectOf, metrics };
}

const entries = (changes: Record<string, unknown> = {}) => ({
  challengeId: CHALLENGE,
  signedData: SIGNED,
  captchaId: 'captcha-1',
  captchaAnswer: 'x7k2p9',
  consent: true,
  ...changes,
});

describe('registration with a certificate (use case)', () => {
  it('gives every field error at once, spending neither the captcha nor the challenge', async () => {
    const w = world();
    const refused = await w.register(
      entries({
        challengeId: 'no',
        signedData: 'not base64!',
        email: 'an@',
        captchaAnswer: ' ',
        consent: false,
      }),
      context,
    );
    assert.equal(refused.ok, false);
    if (refused.ok) return;
    assert.equal(refused.failure.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      refused.failure.fieldErrors?.map((e) => `${e.field}:${e.code}`),
      [
        'challengeId:CHALLENGE_ID_INVALID',
        'signedData:SIGNED_DATA_INVALID',
        'email:EMAIL_INVALID',
        'captchaAnswer:REQUIRED',
        'consent:CONSENT_REQUIRED',
      ],
    );
    assert.deepEqual(w.calls, []);
  });

  it('checks the captcha before the signature: a wrong answer leaves the challenge unused', async () => {
    const w = world({ captcha: false });
    const refused = await w.register(entries(), context);
    assert.deepEqual(refused, failure('CAPTCHA_INVALID'));
    assert.deepEqual(w.calls, ['captcha']);
  });

  it('passes the pipeline refusal on and goes no further', async () => {
    for (const code of ['SIGNATURE_INVALID', 'CERTIFICATE_REVOKED', 'REVOCATION_UNAVAILABLE'] as const) {
      const w = world({ signer: failure(code as never) });
      const refused = await w.register(entries(), context);
      assert.equal(refused.ok ? '' : refused.failure.code, code);
      assert.equal(w.calls.length, 2, 'captcha, verify: no registry, no account');
      assert.deepEqual(w.steps, [`start:refused:${code}`]);
    }
  });

  it('registers a citizen under the CCCD the registry links to an old CMND, in its spelling, with CA evidence', async () => {
    const w = world({
      signer: success(citizenSigner('012345678', 'CMND')),
      population: {
        outcome: 'found',
        idNumber: '001090000123',
        oldIdNumbers: ['012345678'],
        fullName: 'Nguyễn Văn An',
      },
    });
    const done = await w.register(entries({ email: ' an@example.vn ' }), context);
    assert.ok(done.ok);
    assert.deepEqual(w.calls, [
      'captcha',
      `verify:${CHALLENGE}:${Buffer.from(SIGNED, 'base64').length}`,
      'population:012345678',
      'registerVerified',
    ]);
    const [handed] = w.handedOn;
    assert.deepEqual(handed?.subject, {
      kind: 'citizen',
      idNumber: '001090000123',
      fullName: 'Nguyễn Văn An',
      birthDate: null,
      phoneNumber: null,
      claims: [
        { claim: 'idNumber', source: 'CA', level: 3 },
        { claim: 'fullName', source: 'CA', level: 3 },
      ],
    });
    assert.equal(handed?.email, 'an@example.vn');
    assert.equal(handed?.credential.type, 'certificate');
    assert.equal(handed?.credential.identifier, 'ab'.repeat(32));
    const secret = JSON.parse(handed?.credential.secret ?? '{}');
    assert.equal(secret.issuer, 'VNPT-CA (TEST)');
    assert.equal(secret.notAfter, '2027-01-01T00:00:00.000Z');
    assert.equal(secret.pem, undefined, 'the certificate itself is not kept as the secret');
  });

  it("keeps the certificate's name when the registry's is another person's", async () => {
    const w = world({
      population: { outcome: 'found', idNumber: '001090000123', oldIdNumbers: [], fullName: 'Trần Thị Bình' },
    });
    assert.ok((await w.register(entries(), context)).ok);
    assert.equal(
      w.handedOn[0]?.subject.kind === 'citizen' && w.handedOn[0].subject.fullName,
      'NGUYEN VAN AN',
    );
  });

  it('goes on with a CCCD certificate while the registry is down, but not with a CMND one', async () => {
    const cccd = world({ population: { outcome: 'unavailable' } });
    assert.ok((await cccd.register(entries(), context)).ok);
    const cmnd = world({
      population: { outcome: 'unavailable' },
      signer: success(citizenSigner('012345678', 'CMND')),
    });
    const refused = await cmnd.register(entries(), context);
    assert.equal(refused.ok ? '' : refused.failure.code, 'POPULATION_UNAVAILABLE');
    assert.ok(!cmnd.calls.includes('registerVerified'), 'nothing created');
  });

  it('registers an active organisation under its registry name; refuses one the registry does not say is active', async () => {
    const active = world({ signer: success(businessSigner) });
    assert.ok((await active.register(entries(), context)).ok);
    assert.deepEqual(active.handedOn[0]?.subject, {
      kind: 'organisation',
      taxCode: '0101234567',
      organisationName: 'Công ty TNHH ABC',
      representativeIdNumber: '001090000999',
      claims: [],
    });
    assert.ok(active.calls.includes('business:0101234567'));

    for (const code of ['ORGANISATION_NOT_ACTIVE', 'BUSINESS_REGISTRY_UNAVAILABLE'] as const) {
      const w = world({ signer: success(businessSigner), organisation: failure(code as never) });
      const refused = await w.register(entries(), context);
      assert.equal(refused.ok ? '' : refused.failure.code, code);
      assert.ok(!w.calls.includes('registerVerified'));
    }
  });

  it('says ACCOUNT_EXISTS only from the tail, once the signature and identity were proven', async () => {
    const w = world({ registered: failure('ACCOUNT_EXISTS') });
    const refused = await w.register(entries(), context);
    assert.equal(refused.ok ? '' : refused.failure.code, 'ACCOUNT_EXISTS');
    assert.deepEqual(w.calls.slice(0, 2), [
      'captcha',
      `verify:${CHALLENGE}:${Buffer.from(SIGNED, 'base64').length}`,
    ]);
  });
});

describe('sign-in with a certificate (use case)', () => {
  const signIn = (options: { signer?: Outcome<SignerIdentity>; holder?: string }) => {
    const opened: string[] = [];
    const w = world(options.signer ? { signer: options.signer } : {});
    const use = createSignInWithCertificate({
      verify: w.verify,
      findAccountByCertificate: async (fingerprint) =>
        options.holder && fingerprint === 'ab'.repeat(32) ? { id: options.holder } : undefined,
      openSession: async (accountId) => {
        opened.push(accountId);
        return success({ accountId, token: 't' });
      },
      metrics: w.metrics,
    });
    return { use, opened, w };
  };

  it("opens a session on the certificate's account", async () => {
    const { use, opened } = signIn({ holder: 'account-7' });
    const session = await use({ challengeId: CHALLENGE, signedData: SIGNED }, context);
    assert.deepEqual(session, success({ accountId: 'account-7', token: 't' }));
    assert.deepEqual(opened, ['account-7']);
  });

  it('refuses a valid certificate no account holds, and passes the pipeline refusals on', async () => {
    const { use, opened } = signIn({});
    const refused = await use({ challengeId: CHALLENGE, signedData: SIGNED }, context);
    assert.equal(refused.ok ? '' : refused.failure.code, 'CERTIFICATE_NOT_REGISTERED');
    const expired = signIn({ holder: 'account-7', signer: failure('CERTIFICATE_EXPIRED' as never) });
    const answer = await expired.use({ challengeId: CHALLENGE, signedData: SIGNED }, context);
    assert.equal(answer.ok ? '' : answer.failure.code, 'CERTIFICATE_EXPIRED');
    assert.deepEqual([...opened, ...expired.opened], []);
  });

  it('refuses malformed entries without reaching the pipeline (the challenge stays usable)', async () => {
    const { use, w } = signIn({ holder: 'account-7' });
    const refused = await use({ challengeId: CHALLENGE, signedData: '%%%' }, context);
    assert.equal(refused.ok ? '' : refused.failure.code, 'VALIDATION_FAILED');
    assert.deepEqual(w.calls, []);
  });
});

describe('adding a certificate to an account (use case)', () => {
  const adding = (options: {
    account: { accountType: 'citizen' | 'organisation'; username: string };
    signer?: Outcome<SignerIdentity>;
    holder?: string;
    population?: PopulationAnswer;
  }) => {
    const added: Array<[string, string]> = [];
    const w = world({
      ...(options.signer && { signer: options.signer }),
      ...(options.population && { population: options.population }),
    });
    const use = createAddCertificate({
      verify: w.verify,
      subjectOf: w.subjectOf,
      accountOf: async () => options.account,
      findAccountByCertificate: async () => (options.holder ? { id: options.holder } : undefined),
      addCredential: async (accountId, credential) => {
        added.push([accountId, credential.identifier]);
        return 'added';
      },
    });
    return { use: () => use('account-1', { challengeId: CHALLENGE, signedData: SIGNED }, context), added };
  };

  it("adds a certificate naming the account's citizen, an old CMND resolved", async () => {
    const { use, added } = adding({
      account: { accountType: 'citizen', username: '001090000123' },
      signer: success(citizenSigner('012345678', 'CMND')),
      population: {
        outcome: 'found',
        idNumber: '001090000123',
        oldIdNumbers: ['012345678'],
        fullName: 'Nguyễn Văn An',
      },
    });
    const done = await use();
    assert.ok(done.ok && done.value.added);
    assert.deepEqual(added, [['account-1', 'ab'.repeat(32)]]);
  });

  it("refuses another person's certificate, and a business certificate on a citizen's account", async () => {
    for (const [account, signer] of [
      [{ accountType: 'citizen', username: '001090000999' }, citizenSigner()],
      [{ accountType: 'citizen', username: '0101234567' }, businessSigner],
    ] as const) {
      const { use, added } = adding({ account, signer: success(signer) });
      const refused = await use();
      assert.equal(refused.ok ? '' : refused.failure.code, 'CERTIFICATE_NOT_YOURS');
      assert.deepEqual(added, []);
    }
  });

  it('refuses a certificate another account holds; one this account holds changes nothing', async () => {
    const other = adding({
      account: { accountType: 'citizen', username: '001090000123' },
      holder: 'account-2',
    });
    const refused = await other.use();
    assert.equal(refused.ok ? '' : refused.failure.code, 'CERTIFICATE_IN_USE');
    const own = adding({
      account: { accountType: 'citizen', username: '001090000123' },
      holder: 'account-1',
    });
    const again = await own.use();
    assert.ok(again.ok && !again.value.added);
    assert.deepEqual([...other.added, ...own.added], []);
  });
});
