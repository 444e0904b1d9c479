// POSTID_*: in production all three or none (none: the method is not offered), a URL for the issuer, no colon in the
// client id; dev leaves them to the simulator.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readEnvironment } from './environment.ts';
import { readPostIdConfig } from './postid-config.ts';

// The POSTID_* problems (production also names the other settings missing here).
const read = (env: Record<string, string>, mode: 'dev' | 'production' = 'production') => {
  const { values, problems } = readEnvironment({ ...env, NODE_ENV: mode });
  const config = readPostIdConfig(values);
  return { config, problems: problems.filter((problem) => problem.startsWith('POSTID_')) };
};

const ALL = {
  POSTID_ISSUER: 'https://postid.vnpost.vn/auth/realms/idp',
  POSTID_CLIENT_ID: 'dichvucong-hub',
  POSTID_CLIENT_SECRET: 's3cret',
};

describe('POSTID_* configuration', () => {
  it('takes all three, or none (the method then not offered), in production', () => {
    assert.deepEqual(read(ALL).problems, []);
    assert.equal(read(ALL).config.issuer, ALL.POSTID_ISSUER);
    assert.deepEqual(read({}).problems, []);
    assert.equal(read({}).config.issuer, undefined);
    assert.match(read({ POSTID_ISSUER: ALL.POSTID_ISSUER }).problems.join(), /all three or none/);
  });

  it('refuses an issuer that is not an http(s) URL and a client id with a colon', () => {
    assert.match(
      read({ ...ALL, POSTID_ISSUER: 'postid.vnpost.vn' }).problems.join(),
      /POSTID_ISSUER must be/,
    );
    assert.match(read({ ...ALL, POSTID_CLIENT_ID: 'a:b' }).problems.join(), /must not contain/);
  });

  it('leaves everything to the simulator in dev', () => {
    assert.deepEqual(read({}, 'dev'), {
      problems: [],
      config: { issuer: undefined, clientId: undefined, clientSecret: undefined, timeoutMs: 3000 },
    });
  });
});
