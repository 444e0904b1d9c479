/**
 * What a developer's terminal shows per request in dev mode: one short line (method, route pattern, status,
 * ms), static assets and liveness probes only at debug level, and never a phone number from a path or query.
 * Production keeps Fastify's JSON records.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { MemoryLog } from '../../test/support/memory-log.ts';
import { createLogger, type LogFormat } from '../lib/logger.ts';
import { buildApp } from './app.ts';

async function appLoggingTo(
  log: MemoryLog,
  options: { production: boolean; format: LogFormat; level?: string },
) {
  return buildApp({
    logger: createLogger({ level: options.level ?? 'info', destination: log, format: options.format }),
    registry: new Registry(),
    portalName: 'Test',
    production: options.production,
    readiness: { database: async () => {}, ephemeralStore: async () => {} },
    routes: async (scope) => {
      scope.get('/sim/phones/:phone', async () => ({ ok: true }));
      scope.get('/static/site.css', async (_request, reply) => reply.type('text/css').send('body{}'));
    },
  });
}

const PHONE = '0912345678';

async function browse(app: Awaited<ReturnType<typeof appLoggingTo>>) {
  await app.inject(`/sim/phones/${PHONE}?from=${PHONE}`);
  await app.inject('/static/site.css');
  await app.inject('/healthz');
  await app.inject(`/nowhere/${PHONE}`);
}

describe('request logging', () => {
  it('dev: one line per request with the route pattern, no raw phone numbers, assets quiet', async () => {
    const log = new MemoryLog();
    const app = await appLoggingTo(log, { production: false, format: 'lines' });
    await browse(app);
    await app.close();

    const requestLines = log.lines.filter((line) => / \d+ ms$/.test(line));
    assert.equal(requestLines.length, 2, log.text());
    assert.match(requestLines[0]!, /^\d\d:\d\d:\d\d GET \/sim\/phones\/:phone 200 \d+ ms$/);
    assert.match(requestLines[1]!, /^\d\d:\d\d:\d\d GET \/nowhere\/091\*\*\*\*678 404 \d+ ms$/);
    assert.doesNotMatch(log.text(), /912345678|\{"level"/);
  });

  it('dev at debug level also shows static assets and liveness, one line each', async () => {
    const log = new MemoryLog();
    const app = await appLoggingTo(log, { production: false, format: 'lines', level: 'debug' });
    await browse(app);
    await app.close();

    const requestLines = log.lines.filter((line) => / \d+ ms$/.test(line));
    assert.deepEqual(
      requestLines.map((line) => line.replace(/^\S+ (DEBUG )?/, '').replace(/\d+ ms$/, 'ms')),
      [
        'GET /sim/phones/:phone 200 ms',
        'GET /static/site.css 200 ms',
        'GET /healthz 200 ms',
        'GET /nowhere/091****678 404 ms',
      ],
    );
  });

  it('production: Fastify JSON records as before, URLs scrubbed', async () => {
    const log = new MemoryLog();
    const app = await appLoggingTo(log, { production: true, format: 'json' });
    await app.inject(`/sim/phones/${PHONE}`);
    await app.close();

    const records = log.lines.map((line) => JSON.parse(line) as { msg: string });
    assert.deepEqual(
      records.map((record) => record.msg).filter((msg) => msg.includes('request')),
      ['incoming request', 'request completed'],
    );
    assert.doesNotMatch(log.text(), /912345678/);
  });
});
