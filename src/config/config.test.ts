import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CARRIER_IDS } from '../domain/carriers.ts';
import { ConfigError, DEFAULT_HTTP_TIMEOUTS, loadConfig } from './config.ts';

const KEY = Buffer.alloc(32, 7).toString('base64');

const devEnv = (extra: Record<string, string> = {}) => ({
  DATA_DIR: mkdtempSync(join(tmpdir(), 'config-test-')),
  ...extra,
});

const productionEnv = (extra: Record<string, string> = {}) => ({
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://portal@db/portal',
  REDIS_URL: 'redis://redis:6379',
  HMAC_KEY: KEY,
  DATA_KEY: KEY,
  SMPP_HOST: 'smsc',
  SMPP_SYSTEM_ID: 'portal',
  SMPP_PASSWORD: 'secret',
  MNP_URL: 'https://mnp.example/v1',
  ...Object.fromEntries(
    CARRIER_IDS.flatMap((id) => {
      const prefix = `CARRIER_${id.toUpperCase()}`;
      return [
        [`${prefix}_URL`, `https://${id}.example`],
        [`${prefix}_CLIENT_ID`, 'portal'],
        [`${prefix}_CLIENT_SECRET`, 'secret'],
      ];
    }),
  ),
  ...extra,
});

/** The problems a configuration is refused for (none when it loads). */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('configuration of the HTTP edge', () => {
  it('defaults: no trusted proxy, bounded timeouts, metrics public in dev only', () => {
    const dev = loadConfig(devEnv());
    assert.equal(dev.http.trustProxy, false);
    assert.deepEqual(
      {
        headersTimeoutMs: dev.http.headersTimeoutMs,
        requestTimeoutMs: dev.http.requestTimeoutMs,
        keepAliveTimeoutMs: dev.http.keepAliveTimeoutMs,
      },
      DEFAULT_HTTP_TIMEOUTS,
    );
    assert.deepEqual(dev.metrics, { exposed: true, token: undefined });
    assert.deepEqual(loadConfig(productionEnv()).metrics, { exposed: false, token: undefined });
    assert.deepEqual(loadConfig(productionEnv({ METRICS_TOKEN: 'tok' })).metrics, {
      exposed: true,
      token: 'tok',
    });
  });

  it('TRUST_PROXY takes proxy addresses and CIDRs', () => {
    const config = loadConfig(productionEnv({ TRUST_PROXY: ' 10.0.0.1, 10.1.0.0/16 ,fd00::/8,loopback' }));
    assert.equal(config.http.trustProxy, '10.0.0.1,10.1.0.0/16,fd00::/8,loopback');
    assert.equal(loadConfig(devEnv({ TRUST_PROXY: 'off' })).http.trustProxy, false);
  });

  it('TRUST_PROXY refuses malformed values, hop counts, and trusting everyone in production', () => {
    for (const value of [
      'abc',
      '10.0.0.1,abc',
      '10.0.0.0/33',
      '1.2.3.4/x',
      '3',
      'true',
      '*',
      '0.0.0.0/0',
      '::/0',
    ]) {
      const problems = problemsOf(productionEnv({ TRUST_PROXY: value }));
      assert.ok(
        problems.some((p) => p.startsWith('TRUST_PROXY')),
        `${value}: ${problems.join('; ')}`,
      );
    }
    assert.equal(loadConfig(devEnv({ TRUST_PROXY: 'true' })).http.trustProxy, true, 'dev may trust all');
  });

  it('refuses a malformed number instead of reading NaN', () => {
    for (const name of [
      'HTTP_HEADERS_TIMEOUT_MS',
      'HTTP_REQUEST_TIMEOUT_MS',
      'HTTP_KEEP_ALIVE_TIMEOUT_MS',
      'LIMIT_STARTS_PER_IP',
      'LIMIT_CAPTCHAS_PER_IP',
      'SMS_RATE_PER_SECOND',
      'CARRIER_TIMEOUT_MS',
    ]) {
      for (const value of ['abc', '', '1e3', '-5', '2.5']) {
        const problems = problemsOf(devEnv({ [name]: value }));
        assert.deepEqual(problems, [`${name} must be a whole number, got "${value}"`], `${name}=${value}`);
      }
    }
    assert.deepEqual(problemsOf(devEnv({ HTTP_REQUEST_TIMEOUT_MS: '0' })), [
      'HTTP_REQUEST_TIMEOUT_MS must be more than 0 (0 would disable the timeout)',
    ]);
    assert.deepEqual(problemsOf(devEnv({ HTTP_HEADERS_TIMEOUT_MS: '40000' })), [
      'HTTP_HEADERS_TIMEOUT_MS must not be longer than HTTP_REQUEST_TIMEOUT_MS',
    ]);
  });
});
