/**
 * PostgreSQL ends the portal's connections (restart, failover, pg_terminate_backend) while requests are in
 * flight and while the pool is idle: the real process keeps running, answers 503 problem+json with
 * Retry-After (never 500) while its connections are broken, and answers again by itself afterwards.
 * Only the connections to this test's own scratch database are terminated.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createScratchDatabase, dropScratchDatabase } from '../support/databases.ts';
import { eventually } from '../support/eventually.ts';
import { type PortalProcess, spawnPortal, stopChild } from '../support/portal-process.ts';

const serverUrl = process.env.DATABASE_URL;
const skip = serverUrl ? undefined : 'DATABASE_URL is not set: PostgreSQL outage not run';

/** More requests than the portal's pool has connections, so some wait for a connection when it breaks. */
const CONCURRENT_REQUESTS = 60;

interface Answer {
  status: number;
  contentType: string;
  retryAfter: string | null;
  body: string;
}

async function askStatus(url: string): Promise<Answer> {
  const response = await fetch(`${url}/api/v1/registrations/${randomUUID()}`).catch((error: Error) => error);
  if (response instanceof Error) {
    return {
      status: 0,
      contentType: '',
      retryAfter: null,
      body: `no answer (${response.cause ?? response})`,
    };
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    retryAfter: response.headers.get('retry-after'),
    body: await response.text(),
  };
}

function assertNoServerFault(answers: Answer[]) {
  for (const answer of answers) {
    assert.ok([404, 503].includes(answer.status), `unexpected ${answer.status}: ${answer.body}`);
    if (answer.status === 503) {
      assert.match(answer.contentType, /application\/problem\+json/);
      assert.ok(Number(answer.retryAfter) >= 1, 'a 503 says when to retry');
      assert.equal(JSON.parse(answer.body).status, 503);
    }
  }
}

describe('PostgreSQL ends the portal connections', { skip }, () => {
  let scratchUrl: string;
  let databaseName: string;
  let portal: PortalProcess | undefined;
  let admin: pg.Client;

  const terminatePortalConnections = (exceptPid: number) =>
    admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> $2 and pid <> pg_backend_pid()',
      [databaseName, exceptPid],
    );

  before(async () => {
    scratchUrl = await createScratchDatabase(serverUrl!);
    databaseName = new URL(scratchUrl).pathname.slice(1);
    admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    portal = await spawnPortal({ DATABASE_URL: scratchUrl });
  });
  after(async () => {
    await stopChild(portal?.child);
    await admin?.end();
    if (scratchUrl) await dropScratchDatabase(serverUrl!, scratchUrl);
  });

  it('terminated under load: the process survives, in-flight requests get 503, then it answers again', async () => {
    const url = portal!.url;
    // A lock held by the test keeps every portal query waiting, so the termination hits queries in flight.
    const locker = new pg.Client({ connectionString: scratchUrl });
    await locker.connect();
    const lockerPid = (await locker.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
    await locker.query('begin');
    await locker.query('lock table registrations in access exclusive mode');
    const answers = Promise.all(Array.from({ length: CONCURRENT_REQUESTS }, () => askStatus(url)));
    await eventually(async () => {
      const waiting = await admin.query(
        "select count(*)::int as n from pg_stat_activity where datname = $1 and wait_event_type = 'Lock'",
        [databaseName],
      );
      return waiting.rows[0].n >= 5 ? true : undefined;
    });
    await terminatePortalConnections(lockerPid);
    await locker.query('rollback');
    await locker.end();

    const during = await answers;
    assertNoServerFault(during);
    assert.ok(
      during.some((answer) => answer.status === 503),
      'requests whose connection was terminated are told 503',
    );
    assert.equal(portal!.child.exitCode, null, `the process is still running:\n${portal!.output()}`);

    await eventually(async () => ((await askStatus(url)).status === 404 ? true : undefined));
    const afterwards = await Promise.all(Array.from({ length: CONCURRENT_REQUESTS }, () => askStatus(url)));
    assert.deepEqual(new Set(afterwards.map((answer) => answer.status)), new Set([404]));
    assert.equal((await fetch(`${url}/readyz`)).status, 200);
  });

  it('terminated while idle: the next requests find working connections', async () => {
    const url = portal!.url;
    await Promise.all(Array.from({ length: 10 }, () => askStatus(url)));
    await terminatePortalConnections(0);
    const answers = await Promise.all(Array.from({ length: 20 }, () => askStatus(url)));
    assertNoServerFault(answers);
    assert.equal(portal!.child.exitCode, null, `the process is still running:\n${portal!.output()}`);
    await eventually(async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined));
    assert.equal((await askStatus(url)).status, 404);
  });
});
