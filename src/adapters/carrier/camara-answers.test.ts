/**
 * Every answer the CAMARA definitions allow a carrier (KYC Match 0.4.0, SIM Swap 2.1.0), from a scripted
 * carrier over real HTTP, and the owner-check decision the adapter makes of it. The product rules:
 * any 'false' or 'not_available' for ID number, name or birth date is a refusal (nothing proves the SIM
 * is the citizen's; the carrier's record has to be fixed at the carrier); an inactive line and a recent
 * swap are refusals; a number the carrier does not know is unknown; every other error is the carrier's
 * side (or the portal's set-up with it), so carrier_unavailable (503 CARRIER_UNAVAILABLE, Retry-After).
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { OwnerCheckDecision } from '../../usecases/ports/carrier-check.ts';
import { createCamaraCarrierCheck } from './camara-carrier-check.ts';

type Reply = [status: number, body: unknown];

const PHONE = '+84961234567';
const NOW = Date.parse('2026-06-01T08:00:00Z');
const HOUR = 3_600_000;
const ALL_TRUE = { idDocumentMatch: 'true', nameMatch: 'true', birthdateMatch: 'true' };
const NOT_SWAPPED: Reply = [200, { swapped: false }];
const error = (status: number, code: string): Reply => [
  status,
  { status, code, message: `${code} (scripted)` },
];

/** The carrier's next answers per operation; the last one repeats. */
const script: Record<'kyc' | 'check' | 'date', Reply[]> = { kyc: [], check: [], date: [] };
const calls: string[] = [];

function answer(operation: keyof typeof script): Reply {
  const replies = script[operation];
  return (replies.length > 1 ? replies.shift() : replies[0]) ?? error(500, 'INTERNAL');
}

async function route(request: IncomingMessage): Promise<Reply> {
  for await (const _ of request);
  const path = request.url ?? '';
  calls.push(path);
  if (path.startsWith('/mnp/v1/numbers/'))
    return [200, { phoneNumber: PHONE, carrier: 'viettel', allocatedCarrier: 'viettel', ported: false }];
  if (path.endsWith('/oauth2/token'))
    return [200, { access_token: `t${calls.length}`, token_type: 'Bearer', expires_in: 3600 }];
  if (path.endsWith('/kyc-match/v0.4/match')) return answer('kyc');
  if (path.endsWith('/sim-swap/v2/check')) return answer('check');
  if (path.endsWith('/sim-swap/v2/retrieve-date')) return answer('date');
  return error(404, 'NOT_FOUND');
}

describe('CAMARA carrier check: the whole answer space of KYC Match and SIM Swap', () => {
  let server: Server;
  let base: string;

  before(async () => {
    server = createServer(async (request, response) => {
      const [status, body] = await route(request);
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** One owner check against a fresh adapter (no breaker or token history) with the carrier's scripted answers. */
  async function decide(kyc: Reply | Reply[], check: Reply | Reply[], date: Reply[] = []) {
    calls.length = 0;
    script.kyc = Array.isArray(kyc[0]) ? [...(kyc as Reply[])] : [kyc as Reply];
    script.check = Array.isArray(check[0]) ? [...(check as Reply[])] : [check as Reply];
    script.date = [...date];
    const adapter = createCamaraCarrierCheck({
      mnpBaseUrl: `${base}/mnp/v1`,
      carriers: { viettel: { baseUrl: `${base}/carriers/viettel`, clientId: 'portal', clientSecret: 's' } },
      timeoutMs: 1000,
      now: () => new Date(NOW),
    });
    return adapter.checkOwner({
      phoneNumber: PHONE,
      idNumber: '001090012345',
      fullName: 'Nguyễn Văn An',
      birthDate: '1990-05-17',
    });
  }

  const owner: OwnerCheckDecision = { outcome: 'owner', carrier: 'viettel' };
  const unavailable: OwnerCheckDecision = { outcome: 'carrier_unavailable', carrier: 'viettel' };
  const refused = (...reasons: Extract<OwnerCheckDecision, { outcome: 'not_owner' }>['reasons']) => ({
    outcome: 'not_owner' as const,
    carrier: 'viettel' as const,
    reasons,
  });

  it('KYC Match 200: owner only on three "true"; any "false" or "not_available" refuses, naming the fact', async () => {
    assert.deepEqual(await decide([200, ALL_TRUE], NOT_SWAPPED), owner);
    // Properties the portal did not ask about, and scores, change nothing.
    assert.deepEqual(
      await decide([200, { ...ALL_TRUE, addressMatch: 'not_available', nameMatchScore: 99 }], NOT_SWAPPED),
      owner,
    );
    const facts = [
      ['idDocumentMatch', 'id_number'],
      ['nameMatch', 'name'],
      ['birthdateMatch', 'birth_date'],
    ] as const;
    for (const [property, reason] of facts) {
      for (const value of ['false', 'not_available']) {
        const body = { ...ALL_TRUE, [property]: value };
        assert.deepEqual(await decide([200, body], NOT_SWAPPED), refused(reason), `${property}: ${value}`);
      }
      const { [property]: _, ...missing } = ALL_TRUE;
      assert.deepEqual(await decide([200, missing], NOT_SWAPPED), refused(reason), `${property} absent`);
    }
    assert.deepEqual(
      await decide(
        [
          200,
          { idDocumentMatch: 'not_available', nameMatch: 'not_available', birthdateMatch: 'not_available' },
        ],
        NOT_SWAPPED,
      ),
      refused('id_number', 'name', 'birth_date'),
    );
  });

  it("KYC Match errors: a refusal for the subscriber's facts, unknown_number for 404, the carrier's fault otherwise", async () => {
    const cases: Array<[Reply, OwnerCheckDecision]> = [
      [error(403, 'KNOW_YOUR_CUSTOMER.ID_DOCUMENT_MISMATCH'), refused('id_number')],
      [error(422, 'SERVICE_NOT_APPLICABLE'), refused('inactive')],
      [error(404, 'IDENTIFIER_NOT_FOUND'), { outcome: 'unknown_number' }],
      [error(400, 'INVALID_ARGUMENT'), unavailable],
      [error(400, 'KNOW_YOUR_CUSTOMER.INVALID_PARAM_COMBINATION'), unavailable],
      [error(403, 'PERMISSION_DENIED'), unavailable],
      [error(403, 'INVALID_TOKEN_CONTEXT'), unavailable],
      [error(403, 'KNOW_YOUR_CUSTOMER.ID_DOCUMENT_REQUIRED'), unavailable],
      [error(404, 'NOT_FOUND'), unavailable],
      [error(422, 'MISSING_IDENTIFIER'), unavailable],
      [error(422, 'UNNECESSARY_IDENTIFIER'), unavailable],
      [error(429, 'TOO_MANY_REQUESTS'), unavailable],
      [error(500, 'INTERNAL'), unavailable],
      [error(503, 'UNAVAILABLE'), unavailable],
      [[200, 'not an object'], unavailable],
    ];
    for (const [reply, expected] of cases)
      assert.deepEqual(await decide(reply, NOT_SWAPPED), expected, JSON.stringify(reply));
  });

  it("401 UNAUTHENTICATED: one new token and one more try; still 401 is the carrier's fault", async () => {
    assert.deepEqual(await decide([error(401, 'UNAUTHENTICATED'), [200, ALL_TRUE]], NOT_SWAPPED), owner);
    assert.deepEqual(await decide(error(401, 'UNAUTHENTICATED'), NOT_SWAPPED), unavailable);
    assert.equal(calls.filter((path) => path.endsWith('/kyc-match/v0.4/match')).length, 2, 'no third try');
    assert.deepEqual(await decide([200, ALL_TRUE], error(401, 'UNAUTHENTICATED')), unavailable);
  });

  /** A swap refusal, with the instant the wait ends: the change plus the 72 hours asked about. */
  const swappedAt = (changedAtMs: number) => ({
    ...refused('recent_sim_swap'),
    simChangeWaitEndsAt: new Date(changedAtMs + 72 * HOUR),
  });

  it("SIM Swap check: swapped refuses, not swapped passes, 422 inactive refuses, other errors are the carrier's", async () => {
    const changedAt = NOW - 5 * HOUR;
    assert.deepEqual(
      await decide(
        [200, ALL_TRUE],
        [200, { swapped: true }],
        [[200, { latestSimChange: new Date(changedAt).toISOString() }]],
      ),
      swappedAt(changedAt),
    );
    assert.ok(
      calls.some((path) => path.endsWith('/sim-swap/v2/retrieve-date')),
      'asked when it changed',
    );
    // Without the date the refusal stands, saying the longest wait (72 hours from now), never a shorter one.
    for (const date of [error(503, 'UNAVAILABLE'), [200, { latestSimChange: null }] as Reply])
      assert.deepEqual(await decide([200, ALL_TRUE], [200, { swapped: true }], [date]), swappedAt(NOW));
    assert.deepEqual(await decide([200, ALL_TRUE], NOT_SWAPPED), owner);
    assert.ok(!calls.some((path) => path.endsWith('/retrieve-date')), 'no date asked when not swapped');
    assert.deepEqual(
      await decide([200, ALL_TRUE], error(422, 'SERVICE_NOT_APPLICABLE')),
      refused('inactive'),
    );
    for (const reply of [
      error(400, 'INVALID_ARGUMENT'),
      error(403, 'PERMISSION_DENIED'),
      error(403, 'INVALID_TOKEN_CONTEXT'),
      error(404, 'NOT_FOUND'),
      // KYC Match knows the number: the two APIs contradict each other, so nothing is decided.
      error(404, 'IDENTIFIER_NOT_FOUND'),
      error(422, 'MISSING_IDENTIFIER'),
      error(422, 'UNNECESSARY_IDENTIFIER'),
      error(429, 'TOO_MANY_REQUESTS'),
      error(503, 'UNAVAILABLE'),
      [200, { swapped: 'false' }] as Reply,
    ])
      assert.deepEqual(await decide([200, ALL_TRUE], reply), unavailable, JSON.stringify(reply));
  });

  it('SIM Swap check 400 OUT_OF_RANGE: the latest change date decides; null is no swap known', async () => {
    const outOfRange = error(400, 'OUT_OF_RANGE');
    const dated = (msAgo: number): Reply => [200, { latestSimChange: new Date(NOW - msAgo).toISOString() }];
    assert.deepEqual(await decide([200, ALL_TRUE], outOfRange, [[200, { latestSimChange: null }]]), owner);
    assert.deepEqual(
      await decide([200, ALL_TRUE], outOfRange, [[200, { latestSimChange: null, monitoredPeriod: 2 }]]),
      owner,
    );
    assert.deepEqual(await decide([200, ALL_TRUE], outOfRange, [dated(HOUR)]), swappedAt(NOW - HOUR));
    assert.ok(
      calls.some((path) => path.endsWith('/sim-swap/v2/retrieve-date')),
      'asked retrieve-date',
    );
    assert.deepEqual(
      await decide([200, ALL_TRUE], outOfRange, [dated(72 * HOUR)]),
      swappedAt(NOW - 72 * HOUR),
    );
    assert.deepEqual(await decide([200, ALL_TRUE], outOfRange, [dated(73 * HOUR)]), owner);
    assert.deepEqual(
      await decide([200, ALL_TRUE], outOfRange, [error(422, 'SERVICE_NOT_APPLICABLE')]),
      refused('inactive'),
    );
    for (const reply of [
      error(503, 'UNAVAILABLE'),
      error(400, 'INVALID_ARGUMENT'),
      error(404, 'IDENTIFIER_NOT_FOUND'),
      [200, { latestSimChange: 'yesterday' }] as Reply,
      [200, {}] as Reply,
    ])
      assert.deepEqual(
        await decide([200, ALL_TRUE], outOfRange, [reply]),
        unavailable,
        JSON.stringify(reply),
      );
  });
});
