/**
 * Races through the real server over HTTP when registration by social insurance joins mobile: concurrent
 * code submissions for one social-insurance registration, and two journeys for one ID number, one by each
 * method, started at once. On the embedded stores and on PostgreSQL + Redis.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import type { PortalTables } from '../../src/adapters/db/portal-tables.ts';
import { codeSentTo, STRONG_PASSWORD, smsReceived, startRegistration } from '../support/journey.ts';
import {
  type InsuredPerson,
  insuredWithRecord,
  peopleKnownToBoth,
  startInsuranceRegistration,
} from '../support/social-insurance.ts';
import {
  call,
  type JsonResponse,
  startTestSystem,
  storeVariants,
  type TestSystem,
} from '../support/system.ts';

const wrongFor = (code: string) => (code === '000000' ? '111111' : '000000');
const codeOf = (answer: JsonResponse) =>
  answer.status < 300 ? answer.status : `${answer.status} ${answer.body.code}`;

for (const variant of storeVariants) {
  describe(`races across registration methods (${variant.name})`, { skip: variant.skip }, () => {
    let t: TestSystem;
    let base: string;
    let db: Kysely<PortalTables>;
    before(async () => {
      t = await startTestSystem(variant.name);
      base = t.url;
      db = t.system.database.as<PortalTables>() as Kysely<PortalTables>;
    });
    after(() => t.close());

    async function startedByInsurance(insured: InsuredPerson) {
      const inboxBefore = (await smsReceived(base, insured.phoneNumber)).length;
      const started = await startInsuranceRegistration(base, insured);
      assert.equal(started.status, 201, JSON.stringify(started.body));
      const code = await codeSentTo(base, insured.phoneNumber, inboxBefore + 1);
      return { id: started.body.registrationId as string, code };
    }

    it('of 20 identical correct code submissions for a social-insurance registration, exactly one moves on', async () => {
      const { id, code } = await startedByInsurance(await insuredWithRecord(base));
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code })),
      );
      assert.equal(answers.filter((a) => a.status === 200).length, 1);
      assert.ok(
        answers
          .filter((a) => a.status !== 200)
          .every((a) => a.body.code === 'STEP_NOT_ALLOWED' || a.body.code === 'OTP_LOCKED'),
        answers.map(codeOf).join(', '),
      );
      assert.equal((await call(base, 'GET', `/api/v1/registrations/${id}`)).body.step, 'password');
    });

    it('a burst of 200 wrong codes + the right one last never gets a social-insurance code accepted', async () => {
      const { id, code } = await startedByInsurance(await insuredWithRecord(base));
      const otp = `/api/v1/registrations/${id}/otp`;
      const answers = await Promise.all([
        ...Array.from({ length: 200 }, () => call(base, 'POST', otp, { code: wrongFor(code) })),
        call(base, 'POST', otp, { code }),
      ]);
      assert.equal(answers.filter((a) => a.status === 200).length, 0);
      assert.equal(codeOf(answers.at(-1)!), '423 OTP_LOCKED');
      assert.deepEqual(
        answers
          .filter((a) => a.status === 422)
          .map((a) => a.body.attemptsLeft)
          .sort(),
        [1, 2, 3, 4],
      );
    });

    // Person #n of the population is known to both partners on one phone: the carrier's SIM and the
    // social-insurance record. A later start supersedes an unfinished registration of the same citizen, and
    // the database keeps one unfinished registration per citizen however the starts race (migration 0004).
    const [mobileFirst, insuranceFirst] = peopleKnownToBoth(2);
    for (const [order, who] of [
      ['mobile then social insurance', mobileFirst!],
      ['social insurance then mobile', insuranceFirst!],
    ] as const) {
      it(`one ID number, two methods (${order}) at once: one live journey, exactly one account`, async () => {
        const { socialInsuranceNumber: _number, ...citizen } = who;
        const startMobile = () => startRegistration(base, citizen);
        const startInsurance = () => startInsuranceRegistration(base, who);
        const starts = await Promise.all(
          order === 'mobile then social insurance'
            ? [startMobile(), startInsurance()]
            : [startInsurance(), startMobile()],
        );
        assert.deepEqual(starts.map(codeOf), [201, 201]);
        const ids = starts.map((s) => String(s.body.registrationId));
        const found = await Promise.all(ids.map((id) => call(base, 'GET', `/api/v1/registrations/${id}`)));
        assert.deepEqual(found.map(codeOf).sort(), [200, '404 REGISTRATION_NOT_FOUND'].sort());
        const live = ids[found.findIndex((f) => f.status === 200)]!;
        const superseded = ids[found.findIndex((f) => f.status !== 200)]!;

        // Both codes went to the one phone; which is the live one's depends on the SMS centre's order.
        const codes = (await smsReceived(base, who.phoneNumber))
          .slice(-2)
          .map((sms) => /\b(\d{6})\b/.exec(sms.text)?.[1] ?? '');
        const verified = await Promise.all([
          ...codes.map((code) => call(base, 'POST', `/api/v1/registrations/${superseded}/otp`, { code })),
        ]);
        assert.ok(
          verified.every((v) => v.status === 404),
          'the superseded journey takes no code',
        );
        const accepted = [];
        for (const code of codes)
          accepted.push((await call(base, 'POST', `/api/v1/registrations/${live}/otp`, { code })).status);
        assert.ok(accepted.includes(200), `one of the codes opens the live journey (${accepted})`);

        const password = { password: STRONG_PASSWORD, confirmPassword: STRONG_PASSWORD };
        const passwords = await Promise.all(
          [live, superseded].map((id) =>
            call(base, 'POST', `/api/v1/registrations/${id}/password`, password),
          ),
        );
        assert.deepEqual(passwords.map(codeOf), [201, '404 REGISTRATION_NOT_FOUND']);
        assert.equal(passwords[0]!.body.username, who.idNumber);

        const accounts = await db
          .selectFrom('accounts')
          .innerJoin('registrations', 'registrations.subject_index', 'accounts.subject_index')
          .select(['accounts.id', 'accounts.registration_method'])
          .where('registrations.id', '=', live)
          .execute();
        assert.equal(accounts.length, 1, 'exactly one account for the ID number');
        assert.equal(accounts[0]!.id, passwords[0]!.body.accountId);
        const liveMethod = found.find((f) => f.status === 200)!.body.method;
        assert.equal(accounts[0]!.registration_method, liveMethod);

        // Neither method starts again for that citizen.
        assert.equal(codeOf(await startMobile()), '409 ACCOUNT_EXISTS');
        assert.equal(codeOf(await startInsurance()), '409 ACCOUNT_EXISTS');
      });
    }
  });
}
