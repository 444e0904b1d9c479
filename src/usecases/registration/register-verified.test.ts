import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { aCitizen, registrationDoubles, requestFrom } from '../../../test/support/registration-fakes.ts';
import { vouchedBy } from '../../domain/identity-claims.ts';
import { CERTIFICATE_SIGN_IN, FEDERATED_SIGN_IN } from '../accounts/sessions.ts';
import type { VerifiedRegistrationInput } from './register-verified.ts';

const certificate = (fingerprint: string) => () => ({
  type: 'certificate' as const,
  identifier: fingerprint,
  secret: '{"issuer":"VNPT-CA (TEST)"}',
});

function citizenInput(
  citizen: ReturnType<typeof aCitizen>,
  overrides: Partial<VerifiedRegistrationInput> = {},
): VerifiedRegistrationInput {
  return {
    method: 'vnpost',
    partner: 'vnpost',
    subject: {
      kind: 'citizen',
      idNumber: citizen.idNumber,
      fullName: `  ${citizen.fullName} `,
      birthDate: citizen.birthDate,
      phoneNumber: '0912345678',
      claims: vouchedBy('VNPOST', 3, ['idNumber', 'fullName', 'birthDate']),
    },
    credential: () => ({ type: 'federated', identifier: `vnpost:${citizen.idNumber}-sub`, secret: '' }),
    ...overrides,
  };
}

const organisation = (taxCode = '0101234567'): VerifiedRegistrationInput => ({
  method: 'usb-token',
  partner: 'vnpt',
  subject: {
    kind: 'organisation',
    taxCode,
    organisationName: 'Công ty TNHH Sông Hồng',
    representativeIdNumber: aCitizen().idNumber,
    claims: vouchedBy('CA', 3, ['taxCode', 'organisationName']),
  },
  credential: certificate(`fp-${taxCode}`),
});

describe('registerVerified: the tail of methods without an SMS code', () => {
  it('makes a citizen account with its claims, verified phone and credential, and supersedes unfinished registrations', async () => {
    const d = registrationDoubles();
    const citizen = aCitizen();
    // An unfinished mobile registration of the same citizen, waiting for its code.
    await d.registrations.createSupersedingUnfinished({
      id: 'mobile-1',
      method: 'mobile',
      state: 'code_sent',
      subjectIndex: d.protector.blindIndex('id', citizen.idNumber),
      phoneIndex: 'p',
      identityEnc: 'x',
      partner: 'viettel',
      consentVersion: 'v',
      consentedAt: d.clock.now(),
      createdAt: d.clock.now(),
      expiresAt: d.clock.now(),
      codesSent: 1,
      codeExpiresAt: null,
      resendAvailableAt: null,
      verifiedAt: null,
      completedAt: null,
      accountId: null,
    });

    const done = await d.journey.registerVerified(citizenInput(citizen), requestFrom());
    assert.ok(done.ok);
    assert.equal(done.value.username, citizen.idNumber);
    assert.equal(done.value.accountType, 'citizen');
    assert.equal(done.value.displayName, citizen.fullName);

    const [account] = d.accounts.all();
    assert.ok(account);
    assert.equal(account.id, done.value.accountId);
    assert.equal(account.kind, 'citizen');
    assert.equal(account.registrationMethod, 'vnpost');
    assert.equal(d.protector.decrypt(account.phone?.enc ?? ''), '+84912345678');
    assert.deepEqual(
      account.credentials.map((c) => [c.type, c.identifier]),
      [['federated', `vnpost:${citizen.idNumber}-sub`]],
    );
    assert.equal(account.claims.length, 3);

    const rows = d.registrations.all();
    assert.equal(rows.find((r) => r.id === 'mobile-1')?.state, 'superseded');
    const completed = rows.find((r) => r.id === done.value.registrationId);
    assert.equal(completed?.state, 'completed');
    assert.equal(completed?.accountId, account.id);

    assert.deepEqual(
      d.metrics.steps.filter((s) => s.step === 'complete'),
      [{ step: 'complete', outcome: 'completed', labels: { method: 'vnpost', partner: 'vnpost' } }],
    );
    const [audit] = d.audit.named('registration.completed');
    assert.equal(audit?.method, 'vnpost');
    assert.equal(audit?.accountId, account.id);
  });

  it('one account per ID number whatever the method: a second registration gets ACCOUNT_EXISTS and writes nothing', async () => {
    const d = registrationDoubles();
    const citizen = aCitizen();
    d.addAccount(citizen, 'mobile');
    const again = await d.journey.registerVerified(
      citizenInput(citizen, { method: 'usb-token', credential: certificate('fp-1') }),
      requestFrom(),
    );
    assert.deepEqual(again, { ok: false, failure: { code: 'ACCOUNT_EXISTS' } });
    assert.equal(d.accounts.all().length, 1);
    assert.equal(d.registrations.all().length, 0);
    assert.equal(d.audit.named('registration.refused')[0]?.reason, 'ACCOUNT_EXISTS');
  });

  it('a credential that already opens another account is ACCOUNT_EXISTS too', async () => {
    const d = registrationDoubles();
    const first = await d.journey.registerVerified(organisation('0101234567'), requestFrom());
    assert.ok(first.ok);
    const sameCertificate = { ...organisation('0309876543'), credential: certificate('fp-0101234567') };
    const second = await d.journey.registerVerified(sameCertificate, requestFrom());
    assert.equal(second.ok, false);
    assert.equal(d.accounts.all().length, 1);
  });

  it('an organisation: username the tax code, display name its name, no birth date or phone, its own index namespace', async () => {
    const d = registrationDoubles();
    const done = await d.journey.registerVerified(organisation('0101234567-001'), requestFrom());
    assert.ok(done.ok);
    assert.deepEqual(
      { username: done.value.username, type: done.value.accountType, name: done.value.displayName },
      { username: '0101234567-001', type: 'organisation', name: 'Công ty TNHH Sông Hồng' },
    );
    const [account] = d.accounts.all();
    assert.equal(account?.kind, 'organisation');
    assert.equal(account?.birthDateEnc, null);
    assert.equal(account?.phone, null);
    assert.ok(account?.representativeIdEnc);
    assert.notEqual(account?.subjectIndex, d.protector.blindIndex('id', '0101234567-001'));
    // The same tax code again is the same organisation.
    const again = await d.journey.registerVerified(organisation('0101234567-001'), requestFrom());
    assert.equal(again.ok, false);
  });

  it('refuses an identity a method should never hand over (bad ID number, tax code, phone or date)', async () => {
    const d = registrationDoubles();
    const citizen = aCitizen();
    const broken: VerifiedRegistrationInput[] = [
      citizenInput({ ...citizen, idNumber: '12345' }),
      citizenInput({ ...citizen, birthDate: '17/05/1990' }),
      { ...citizenInput(citizen), subject: { ...citizenInput(citizen).subject, phoneNumber: '12' } as never },
      organisation('0101'),
    ];
    for (const input of broken) {
      const refused = await d.journey.registerVerified(input, requestFrom());
      assert.deepEqual(refused, { ok: false, failure: { code: 'VALIDATION_FAILED' } });
    }
    assert.equal(d.accounts.all().length, 0);
  });

  it('keeps the email the citizen declared as an unverified contact: encrypted, indexed in lower case, never in clear', async () => {
    const d = registrationDoubles();
    const citizen = aCitizen();
    const done = await d.journey.registerVerified(
      citizenInput(citizen, { method: 'usb-token', email: '  Hoa.Nguyen@Example.VN ' }),
      requestFrom(),
    );
    assert.ok(done.ok);
    const [account] = d.accounts.all();
    assert.ok(account?.email, 'the email is kept');
    assert.equal(d.protector.decrypt(account.email.enc), 'Hoa.Nguyen@Example.VN');
    assert.equal(account.email.index, d.protector.blindIndex('email', 'hoa.nguyen@example.vn'));
    const record = await d.accounts.findById(done.value.accountId);
    assert.equal(record?.email?.verifiedAt, null, 'not verified');
    // Beside it, the verified phone is still the phone: the email is no verified contact.
    assert.equal(d.protector.decrypt(record?.phone?.enc ?? ''), '+84912345678');
    const written = JSON.stringify([d.accounts.all(), d.registrations.all(), d.audit.events, d.warnings]);
    assert.ok(!written.toLowerCase().includes('hoa.nguyen'), 'the email is nowhere in clear');
  });

  it('keeps no email when none was declared (absent or blank), and refuses a malformed one writing nothing', async () => {
    const d = registrationDoubles();
    for (const email of [undefined, '', '   ']) {
      const done = await d.journey.registerVerified(
        citizenInput(aCitizen(), email === undefined ? {} : { email }),
        requestFrom(),
      );
      assert.ok(done.ok);
      assert.equal((await d.accounts.findById(done.value.accountId))?.email, null);
    }
    const refused = await d.journey.registerVerified(
      citizenInput(aCitizen(), { email: 'an@' }),
      requestFrom(),
    );
    assert.deepEqual(refused, { ok: false, failure: { code: 'VALIDATION_FAILED' } });
    assert.equal(d.accounts.all().length, 3);
  });

  it('racing registrations of one citizen by several methods end with exactly one account', async () => {
    const d = registrationDoubles();
    const citizen = aCitizen();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        d.journey.registerVerified(
          citizenInput(citizen, { credential: certificate(`fp-${i}`) }),
          requestFrom(),
        ),
      ),
    );
    assert.equal(results.filter((r) => r.ok).length, 1);
    assert.ok(results.filter((r) => !r.ok).every((r) => !r.ok && r.failure.code === 'ACCOUNT_EXISTS'));
    assert.equal(d.accounts.all().length, 1);
  });

  it('signInWithCredential opens a session of the account found by its credential, with the way it was proved', async () => {
    const d = registrationDoubles();
    const done = await d.journey.registerVerified(organisation(), requestFrom());
    assert.ok(done.ok);
    const found = await d.journey.findAccountByCredential('certificate', 'fp-0101234567');
    assert.equal(found?.id, done.value.accountId);
    assert.equal(await d.journey.findAccountByCredential('certificate', 'fp-other'), undefined);

    const signed = await d.journey.signInWithCredential(
      done.value.accountId,
      CERTIFICATE_SIGN_IN,
      requestFrom(),
      'usb-token',
    );
    assert.ok(signed.ok);
    assert.deepEqual([signed.value.session.amr, signed.value.session.acr], [['hwk'], 'LoA2']);
    const resumed = await d.deps.sessions.create(done.value.accountId, FEDERATED_SIGN_IN);
    assert.deepEqual([resumed.amr, resumed.acr], [['fed'], 'LoA1']);
    assert.equal(d.audit.named('session.signed_in').at(-1)?.method, 'usb-token');

    const nobody = await d.journey.signInWithCredential(
      crypto.randomUUID(),
      CERTIFICATE_SIGN_IN,
      requestFrom(),
    );
    assert.deepEqual(nobody, { ok: false, failure: { code: 'UNAUTHENTICATED' } });
  });
});
