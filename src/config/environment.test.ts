// The schema of the environment: README's configuration table names exactly its variables, its defaults are
// values of their kind, and each kind refuses what it is not.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CARRIER_IDS } from '../domain/carriers.ts';
import { ENVIRONMENT, REMOTE_SIGNING_PROVIDERS, readEnvironment } from './environment.ts';

/** The variables named in the first column of README's "Configuration" table, placeholders expanded. */
function readmeVariables(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? '';
  const placeholders: Record<string, readonly string[]> = {
    '<ID>': CARRIER_IDS,
    '<PROVIDER>': REMOTE_SIGNING_PROVIDERS,
  };
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_<>]*)`/g)].map((m) => m[1]!))
    .flatMap((name) => {
      const placeholder = Object.keys(placeholders).find((p) => name.includes(p));
      return placeholder
        ? placeholders[placeholder]!.map((id) => name.replace(placeholder, id.toUpperCase()))
        : [name];
    });
}

describe('the schema of the environment', () => {
  it("README's configuration table names every variable of the schema, and no other", () => {
    const documented = readmeVariables();
    const schema = Object.keys(ENVIRONMENT);
    assert.deepEqual(
      documented.filter((name) => !schema.includes(name)),
      [],
      'in README, not in the schema',
    );
    assert.deepEqual(
      schema.filter((name) => !documented.includes(name)),
      [],
      'in the schema, not in README',
    );
    assert.equal(new Set(documented).size, documented.length, 'each named once');
  });

  it('its defaults are values of their kind: an empty environment is fine in dev, and production names only what it needs', () => {
    assert.deepEqual(readEnvironment({}).problems, []);
    const { problems } = readEnvironment({ NODE_ENV: 'production' });
    assert.ok(problems.length > 0);
    for (const problem of problems) assert.match(problem, /^[A-Z0-9_, ]+(and [A-Z0-9_]+ )?(is|are) missing/);
    assert.equal(readEnvironment({ NODE_ENV: 'production' }).values.SIMULATORS, 'off');
    assert.equal(readEnvironment({}).values.SIMULATORS, 'on');
  });

  it('an empty variable is unset, except a number, which is refused', () => {
    const { values, problems } = readEnvironment({ PORTAL_NAME: '', MNP_URL: '', LIMIT_STARTS_PER_IP: '' });
    assert.equal(values.PORTAL_NAME, 'DVCQG');
    assert.equal(values.MNP_URL, undefined);
    assert.deepEqual(problems, ['LIMIT_STARTS_PER_IP must be a whole number, got ""']);
  });

  it('refuses a port, a URL, a switch or an enum value that is not one, naming each at once', () => {
    const { problems } = readEnvironment({
      PORT: '1e3',
      SMSC_PORT: '70000',
      MNP_URL: 'mnp.example',
      SIMULATORS: 'yes',
      LOG_LEVEL: 'verbose',
    });
    assert.deepEqual(problems, [
      'PORT must be a port number, got "1e3"',
      'LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent, got "verbose"',
      'SIMULATORS must be on or off, got "yes"',
      'SMSC_PORT must be a port number, got "70000"',
      'MNP_URL must be an http(s) URL, got "mnp.example"',
    ]);
  });

  it('reads each value as its kind, a dev-only variable in dev only', () => {
    const env = { PORT: ' 3100 ', HMAC_KEY: Buffer.alloc(32, 1).toString('base64'), MPS_PORTAL_PORT: '5005' };
    const dev = readEnvironment(env).values;
    assert.equal(dev.PORT, 3100);
    assert.deepEqual(dev.HMAC_KEY, Buffer.alloc(32, 1));
    assert.equal(dev.MPS_PORTAL_PORT, 5005);
    assert.equal(readEnvironment({ ...env, NODE_ENV: 'production' }).values.MPS_PORTAL_PORT, undefined);
  });
});
