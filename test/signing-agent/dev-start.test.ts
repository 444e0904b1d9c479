/**
 * `npm start`'s side (src/dev/signing-agent.ts): the agent's port is fixed before the hub's configuration is
 * read, SoftHSM2's absence is found before starting anything, and the supervised agent starts against the
 * hub's test PKI, announces itself, and stops with the supervisor.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  fixDevSigningAgentPort,
  SOFTHSM2_MODULE,
  softHsmMissing,
  startDevSigningAgent,
} from '../../src/dev/signing-agent.ts';
import { startPkiWorld } from '../pki/support/pki-world.ts';
import { eventually } from '../support/eventually.ts';
import { connectAgent } from './agent-client.ts';

describe('dev mode: the signing agent beside the hub', () => {
  it('its port: SIGNING_AGENT_PORT as given, else PORT+4, else a free port when PORT=0', async () => {
    const given = { PORT: '3100', SIGNING_AGENT_PORT: '4555' };
    await fixDevSigningAgentPort(given);
    assert.equal(given.SIGNING_AGENT_PORT, '4555');
    const next: Record<string, string | undefined> = { PORT: '3100' };
    await fixDevSigningAgentPort(next);
    assert.equal(next.SIGNING_AGENT_PORT, '3104');
    const free: Record<string, string | undefined> = { PORT: '0' };
    await fixDevSigningAgentPort(free);
    assert.ok(Number(free.SIGNING_AGENT_PORT) > 0);
  });

  it('says why it cannot run when the SoftHSM2 module or softhsm2-util is missing', () => {
    assert.match(
      softHsmMissing({ SOFTHSM2_MODULE: '/nonexistent.so' }) ?? '',
      /module \/nonexistent.so is missing/,
    );
    if (!existsSync(SOFTHSM2_MODULE)) return;
    assert.match(softHsmMissing({ SOFTHSM2_UTIL: 'no-such-softhsm2-util' }) ?? '', /not installed/);
    assert.equal(softHsmMissing({}), undefined);
  });

  it('starts the supervised agent against the hub, which a page of the hub can reach; stops it with the supervisor', {
    skip: !existsSync(SOFTHSM2_MODULE) && 'softhsm2 is not installed',
  }, async () => {
    const pki = await startPkiWorld({ start: new Date().toISOString() });
    const env: Record<string, string | undefined> = { PORT: '0' };
    await fixDevSigningAgentPort(env);
    const lines: string[] = [];
    const agent = startDevSigningAgent({
      port: Number(env.SIGNING_AGENT_PORT),
      hubUrl: pki.baseUrl,
      allowedOrigins: [pki.baseUrl, pki.baseUrl],
      dataDir: mkdtempSync(join(tmpdir(), 'dev-agent-')),
      write: (line) => lines.push(line),
    });
    try {
      assert.equal(await agent.supervisor.ready(60_000), true, lines.join('\n'));
      assert.equal(agent.url, `wss://127.0.0.1:${env.SIGNING_AGENT_PORT}/plugin`);
      assert.ok(lines.some((line) => line.startsWith('[signing-agent] signing agent listening on')));
      // Ready is the "listening" line; the lines after it may still be on their way from the child.
      const certificate = (
        await eventually(async () => lines.find((line) => line.includes('TLS certificate')))
      ).replace(/.*TLS certificate /, '');
      const client = await connectAgent(agent.url, {
        ca: readFileSync(certificate, 'utf8'),
        origin: new URL(pki.baseUrl).origin,
      });
      assert.equal(((await client.call('listCertificates')).result as unknown[]).length, 2);
      client.close();
    } finally {
      await agent.supervisor.stop();
      await pki.close();
    }
    assert.deepEqual(agent.supervisor.starts(), { 'signing-agent': 1 });
  });
});
