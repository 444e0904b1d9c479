/**
 * Why a SIM did not prove its owner, through the real server (api.md): `SUBSCRIBER_NOT_OWNER` with its
 * `reason` (DETAILS_MISMATCH, SIM_INACTIVE, SIM_RECENTLY_CHANGED with `retryAfter`, the instant the 72 hours
 * end), each with its own localised title and detail in Vietnamese and English, never saying which detail
 * differed; and ACCOUNT_EXISTS said only to the SIM's owner, so typing somebody else's ID number tells
 * nothing about their account. The audit trail keeps the carrier's own reasons.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PortalTables } from '../../src/adapters/db/portal-tables.ts';
import {
  type Identity,
  newIdentity,
  registerCompletely,
  registerSubscriber,
  smsReceived,
  startRegistration,
} from '../support/journey.ts';
import { expectProblem, startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';

const HOUR = 3_600_000;
const LANGUAGES = [
  {
    lang: 'vi',
    titles: {
      DETAILS_MISMATCH: 'Thông tin chưa khớp với chủ thuê bao',
      SIM_INACTIVE: 'SIM đang bị khóa hoặc ngừng hoạt động',
      SIM_RECENTLY_CHANGED: 'SIM vừa được đổi',
    },
    exists: /Tài khoản/,
  },
  {
    lang: 'en',
    titles: {
      DETAILS_MISMATCH: "Your details do not match the SIM's owner",
      SIM_INACTIVE: 'This SIM is not in service',
      SIM_RECENTLY_CHANGED: 'This SIM was changed recently',
    },
    exists: /account/i,
  },
] as const;

/** The problem body without what names the request (nothing should tell two refusals apart but that). */
const comparable = (body: Record<string, unknown>) => {
  const { instance: _instance, ...rest } = body;
  return rest;
};

for (const variant of storeVariants) {
  describe(`SIM refusals with their reason (${variant.name})`, { skip: variant.skip }, () => {
    let t: TestSystem;
    before(async () => {
      t = await startTestSystem(variant.name);
    });
    after(() => t.close());

    async function subscriber(overrides: Partial<Identity> = {}, sim: Record<string, unknown> = {}) {
      const identity = newIdentity(overrides);
      await registerSubscriber(t.url, identity, sim);
      return identity;
    }

    async function latestRefusalReason(): Promise<string | null | undefined> {
      const row = await t.system.database
        .as<PortalTables>()
        .selectFrom('audit_events')
        .select('reason')
        .where('event', '=', 'registration.refused')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.reason;
    }

    for (const { lang, titles } of LANGUAGES) {
      const headers = { 'accept-language': lang };

      it(`DETAILS_MISMATCH (${lang}): the same answer whichever detail differs, naming the carrier`, async () => {
        const identity = await subscriber();
        const bodies = [];
        for (const [typed, carrierReason] of [
          [{ birthDate: '1990-05-18' }, 'birth_date'],
          [{ fullName: 'Trần Văn Bình' }, 'name'],
          [{ idNumber: newIdentity().idNumber }, 'id_number'],
        ] as const) {
          const body = expectProblem(
            await startRegistration(t.url, { ...identity, ...typed }, {}, headers),
            422,
            'SUBSCRIBER_NOT_OWNER',
          );
          bodies.push(comparable(body));
          assert.equal(await latestRefusalReason(), `SUBSCRIBER_NOT_OWNER:${carrierReason}`, 'audit');
        }
        const [first] = bodies;
        for (const body of bodies) assert.deepEqual(body, first, 'no answer tells which detail differed');
        assert.equal(first!.reason, 'DETAILS_MISMATCH');
        assert.equal(first!.title, titles.DETAILS_MISMATCH);
        assert.equal(first!.carrier, 'vinaphone');
        assert.equal(first!.carrierHotline, '18001091');
        assert.equal(first!.retryAfter, undefined);
        assert.match(first!.detail as string, /TTTB/);
        assert.match(first!.detail as string, /1414/);
        assert.match(first!.detail as string, /18001091/);
        assert.equal((await smsReceived(t.url, identity.phoneNumber)).length, 0, 'no code for a refused SIM');
      });

      it(`SIM_INACTIVE (${lang}): a line not in service, to have reopened at the carrier`, async () => {
        const identity = await subscriber({}, { status: 'inactive' });
        const body = expectProblem(
          await startRegistration(t.url, identity, {}, headers),
          422,
          'SUBSCRIBER_NOT_OWNER',
        );
        assert.equal(body.reason, 'SIM_INACTIVE');
        assert.equal(body.title, titles.SIM_INACTIVE);
        assert.match(body.detail as string, /18001091/);
        assert.equal(body.retryAfter, undefined);
        assert.equal(await latestRefusalReason(), 'SUBSCRIBER_NOT_OWNER:inactive');
      });

      it(`SIM_RECENTLY_CHANGED (${lang}): retryAfter is the change plus 72 hours`, async () => {
        const changedAt = t.clock.now().getTime() - 5 * HOUR;
        const identity = await subscriber({}, { simChangedAt: new Date(changedAt).toISOString() });
        const refused = await startRegistration(t.url, identity, {}, headers);
        const body = expectProblem(refused, 422, 'SUBSCRIBER_NOT_OWNER');
        assert.equal(body.reason, 'SIM_RECENTLY_CHANGED');
        assert.equal(body.title, titles.SIM_RECENTLY_CHANGED);
        assert.equal(body.retryAfter, new Date(changedAt + 72 * HOUR).toISOString());
        assert.match(body.detail as string, /72/);
        assert.equal(await latestRefusalReason(), 'SUBSCRIBER_NOT_OWNER:recent_sim_swap');

        // A mistyped birth date on the same SIM: the mismatch, and nothing about the SIM or when.
        const mistyped = expectProblem(
          await startRegistration(t.url, { ...identity, birthDate: '1990-05-18' }, {}, headers),
          422,
          'SUBSCRIBER_NOT_OWNER',
        );
        assert.equal(mistyped.reason, 'DETAILS_MISMATCH');
        assert.equal(mistyped.retryAfter, undefined);
        assert.equal(await latestRefusalReason(), 'SUBSCRIBER_NOT_OWNER:birth_date,recent_sim_swap');

        // Once the 72 hours are over, the same citizen goes through.
        t.clock.set(new Date(changedAt + 72 * HOUR + 1000));
        assert.equal((await startRegistration(t.url, identity)).status, 201);
      });

      it(`ACCOUNT_EXISTS (${lang}) only after the owner check: another person's ID number tells nothing`, async () => {
        const holder = await subscriber();
        await registerCompletely(t.url, holder);
        const stranger = await subscriber();
        const neverRegistered = newIdentity();

        // The stranger types the holder's ID number with their own SIM, then an ID nobody registered.
        const aboutHolder = expectProblem(
          await startRegistration(
            t.url,
            { ...stranger, idNumber: holder.idNumber, fullName: holder.fullName },
            {},
            headers,
          ),
          422,
          'SUBSCRIBER_NOT_OWNER',
        );
        const aboutNobody = expectProblem(
          await startRegistration(
            t.url,
            { ...stranger, idNumber: neverRegistered.idNumber, fullName: holder.fullName },
            {},
            headers,
          ),
          422,
          'SUBSCRIBER_NOT_OWNER',
        );
        assert.deepEqual(comparable(aboutHolder), comparable(aboutNobody));
        assert.equal(aboutHolder.reason, 'DETAILS_MISMATCH');

        // The holder, whose SIM proves the ID, is told.
        const exists = expectProblem(
          await startRegistration(t.url, holder, {}, headers),
          409,
          'ACCOUNT_EXISTS',
        );
        assert.match(exists.title as string, LANGUAGES.find((l) => l.lang === lang)!.exists);
        assert.equal(exists.reason, undefined);
        assert.equal((await smsReceived(t.url, stranger.phoneNumber)).length, 0, 'no code to the stranger');
      });
    }
  });
}
