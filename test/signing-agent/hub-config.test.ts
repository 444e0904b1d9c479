/** SIGNING_AGENT_URL in the hub's configuration: where the USB-token pages reach the citizen's agent. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

const dev = (env: Record<string, string>) =>
  loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'agent-config-')), ...env });

describe('hub configuration: SIGNING_AGENT_URL', () => {
  it('dev default: the simulator on PORT+4, or on SIGNING_AGENT_PORT', () => {
    assert.equal(dev({ PORT: '3100' }).signingAgent.url, 'wss://127.0.0.1:3104/plugin');
    assert.equal(
      dev({ PORT: '3100', SIGNING_AGENT_PORT: '4455' }).signingAgent.url,
      'wss://127.0.0.1:4455/plugin',
    );
  });

  it('an explicit URL wins; one that is not a WebSocket URL stops the start, naming it', () => {
    assert.equal(
      dev({ SIGNING_AGENT_URL: 'wss://localhost:8987/plugin' }).signingAgent.url,
      'wss://localhost:8987/plugin',
    );
    assert.throws(
      () => dev({ SIGNING_AGENT_URL: 'https://127.0.0.1:3004/plugin' }),
      (error: unknown) =>
        error instanceof ConfigError && error.problems.some((p) => p.includes('SIGNING_AGENT_URL')),
    );
  });

  it('production refuses a plain ws:// agent (its pages are https)', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', SIGNING_AGENT_URL: 'ws://127.0.0.1:3004/plugin' }),
      (error: unknown) =>
        error instanceof ConfigError && error.problems.some((p) => p.includes('SIGNING_AGENT_URL')),
    );
  });
});
