/**
 * What the API tests of the two asynchronous signature methods (SIM signature, remote signature) share: the
 * accounts counted, the session cookie of a response, the 202 start and the shared registration status, and the
 * virtual phone's screen where the request is answered (the SIM Toolkit prompt, the signing app's notification).
 */
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { PortalTables } from '../../src/adapters/db/portal-tables.ts';
import { solvedCaptcha } from './journey.ts';
import { call, type JsonResponse, type TestSystem } from './system.ts';

export const cookieOf = (response: JsonResponse) =>
  (response.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');

export interface AwaitedStart {
  registrationId: string;
  step: string;
  displayCode: string;
  expiresAt: string;
}

/** The calls of one method's tests; `system` is read at each call (it starts in `before`). */
export function awaitedSignatureCalls<Entries>(
  system: () => TestSystem,
  options: {
    /** `POST /api/v1/registrations/{method}`. */
    register: string;
    /** The start's own entries from the test's person. */
    body(entries: Entries): Record<string, unknown>;
    /** The phone's screen that shows the request: `sim-toolkit` or `signing-app`. */
    screen: string;
  },
) {
  const base = () => system().url;
  const db = () => system().system.database.as<PortalTables>() as Kysely<PortalTables>;

  const accounts = async () =>
    Number(
      (
        await db()
          .selectFrom('accounts')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const start = async (entries: Entries) =>
    call(base(), 'POST', options.register, {
      ...options.body(entries),
      ...(await solvedCaptcha(base())),
      consent: true,
    });

  async function started(entries: Entries) {
    const response = await start(entries);
    assert.equal(response.status, 202, JSON.stringify(response.body));
    return response.body as unknown as AwaitedStart;
  }

  const status = (registrationId: string) => call(base(), 'GET', `/api/v1/registrations/${registrationId}`);

  async function refusedWith(registrationId: string, code: string) {
    const polled = await status(registrationId);
    assert.equal(polled.status, 200, JSON.stringify(polled.body));
    assert.equal(polled.body.step, 'refused', JSON.stringify(polled.body));
    assert.equal(polled.body.code, code);
  }

  const screenOf = (phoneNumber: string) =>
    `/sim/phones/${encodeURIComponent(phoneNumber)}/${options.screen}`;

  /** The requests the phone shows now. */
  async function shownOnPhone(phoneNumber: string) {
    const shown = await call<Array<{ requestId: string; provider?: string; text: string }>>(
      base(),
      'GET',
      screenOf(phoneNumber),
    );
    assert.equal(shown.status, 200);
    return shown.body;
  }

  /** The first request shown, answered with a PIN or cancelled (declined); returned as it was shown. */
  async function answer(phoneNumber: string, reply: { pin: string } | { cancel: true }) {
    const [shown] = await shownOnPhone(phoneNumber);
    assert.ok(shown, 'the phone shows the request');
    const answered = await call(base(), 'POST', `${screenOf(phoneNumber)}/${shown.requestId}`, reply);
    assert.ok(answered.status < 300, JSON.stringify(answered.body));
    return shown;
  }

  return { accounts, start, started, status, refusedWith, shownOnPhone, answer, db };
}
