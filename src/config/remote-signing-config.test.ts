/** REMOTE_SIGNING_*: a provider with all three settings is configured; one with some of them stops the start. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readEnvironment } from './environment.ts';
import { readRemoteSigningConfig } from './remote-signing-config.ts';

const read = (env: Record<string, string>) => {
  const { values, problems } = readEnvironment(env);
  return { config: readRemoteSigningConfig(values), problems };
};

describe('remote-signing configuration', () => {
  it('none configured: no providers (dev fills them from the simulators), the default timeout', () => {
    assert.deepEqual(read({}), { config: { providers: {}, timeoutMs: 3000 }, problems: [] });
  });

  it('a provider with its URL and client credentials is configured; the other stays absent', () => {
    const { config, problems } = read({
      REMOTE_SIGNING_MYSIGN_URL: 'https://rs.example.vn/mysign',
      REMOTE_SIGNING_MYSIGN_CLIENT_ID: 'dichvucong-hub',
      REMOTE_SIGNING_MYSIGN_CLIENT_SECRET: 's3cret',
      REMOTE_SIGNING_TIMEOUT_MS: '1500',
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      providers: {
        mysign: {
          baseUrl: 'https://rs.example.vn/mysign',
          clientId: 'dichvucong-hub',
          clientSecret: 's3cret',
        },
      },
      timeoutMs: 1500,
    });
  });

  it('some settings of a provider without the others, a URL that is not one, a colon in the client id: named', () => {
    const { config, problems } = read({
      REMOTE_SIGNING_SMARTCA_URL: 'https://rs.example.vn/smartca',
      REMOTE_SIGNING_MYSIGN_URL: 'ftp://rs.example.vn',
      REMOTE_SIGNING_MYSIGN_CLIENT_ID: 'a:b',
      REMOTE_SIGNING_MYSIGN_CLIENT_SECRET: 'x',
    });
    assert.deepEqual(problems, [
      'REMOTE_SIGNING_SMARTCA_URL, REMOTE_SIGNING_SMARTCA_CLIENT_ID and REMOTE_SIGNING_SMARTCA_CLIENT_SECRET go together',
      'REMOTE_SIGNING_MYSIGN_URL must be an http(s) URL, got "ftp://rs.example.vn"',
      'REMOTE_SIGNING_MYSIGN_CLIENT_ID must not contain ":"',
    ]);
    assert.equal(config.providers.smartca, undefined);
  });
});
