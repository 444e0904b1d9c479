/**
 * Races through the real server over HTTP when registration by social insurance joins mobile: concurrent
 * code submissions for one social-insurance registration, and two journeys for one ID number, one by each
 * method, racing at the password step. On the embedded stores and on PostgreSQL + Redis.
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

    async function startedByMobile(insured: InsuredPerson) {
      const inboxBefore = (await smsReceived(base, insured.phoneNumber)).length;
      const { socialInsuranceNumber: _number, ...citizen } = insured;
      const started = await startRegistration(base, citizen);
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
    // social-insurance record. A later start supersedes an unfinished registration of the same citizen (under
    // a per-citizen lock, so even simultaneous starts leave one live), so two live journeys cannot be reached
    // through the API; the last line of defence, the account's unique index, is tested here by restoring the
    // superseded one to where it was.
    const [mobileFirst, insuranceFirst] = peopleKnownToBoth(2);
    for (const [order, who] of [
      ['mobile then social insurance', mobileFirst!],
      ['social insurance then mobile', insuranceFirst!],
    ] as const) {
      it(`one ID number, two methods (${order}), both at the password step: exactly one account, the other ACCOUNT_EXISTS`, async () => {
        const [first, second] =
          order === 'mobile then social insurance'
            ? [await startedByMobile(who), await startedByInsurance(who)]
            : [await startedByInsurance(who), await startedByMobile(who)];
        const firstRow = await db
          .updateTable('registrations')
          .set({ state: 'code_sent' })
          .where('id', '=', first.id)
          .where('state', '=', 'superseded')
          .returning('id')
          .execute();
        assert.equal(firstRow.length, 1, 'the second start superseded the first');

        const verified = await Promise.all(
          [first, second].map(({ id, code }) =>
            call(base, 'POST', `/api/v1/registrations/${id}/otp`, { code }),
          ),
        );
        assert.deepEqual(verified.map(codeOf), [200, 200], 'both journeys reach the password step');

        const passwords = await Promise.all(
          [first, second].map(({ id }) =>
            call(base, 'POST', `/api/v1/registrations/${id}/password`, {
              password: STRONG_PASSWORD,
              confirmPassword: STRONG_PASSWORD,
            }),
          ),
        );
        const outcomes = passwords.map(codeOf).sort();
        assert.deepEqual(outcomes, [201, '409 ACCOUNT_EXISTS'].sort(), outcomes.join(', '));
        const winner = passwords.find((p) => p.status === 201)!;
        assert.equal(winner.body.username, who.idNumber);

        const accounts = await db
          .selectFrom('accounts')
          .innerJoin('registrations', 'registrations.subject_index', 'accounts.subject_index')
          .select(['accounts.id', 'accounts.registration_method'])
          .where('registrations.id', '=', first.id)
          .execute();
        assert.equal(accounts.length, 1, 'exactly one account for the ID number');
        assert.equal(accounts[0]!.id, winner.body.accountId);
        const winnerIndex = passwords.indexOf(winner);
        const winnerMethod = (
          await call(base, 'GET', `/api/v1/registrations/${[first, second][winnerIndex]!.id}`)
        ).body.method;
        assert.equal(accounts[0]!.registration_method, winnerMethod);

        // Neither method starts again for that citizen.
        const { socialInsuranceNumber: _number, ...citizen } = who;
        assert.equal(codeOf(await startRegistration(base, citizen)), '409 ACCOUNT_EXISTS');
        assert.equal(codeOf(await startInsuranceRegistration(base, who)), '409 ACCOUNT_EXISTS');
      });
    }
  });
}
