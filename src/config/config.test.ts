import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CARRIER_IDS } from '../domain/carriers.ts';
import { ConfigError, DEFAULT_HTTP_TIMEOUTS, loadConfig } from './config.ts';
import { generateSigningKeys } from './oidc-config.ts';

const KEY = Buffer.alloc(32, 7).toString('base64');

const devEnv = (extra: Record<string, string> = {}) => ({
  DATA_DIR: mkdtempSync(join(tmpdir(), 'config-test-')),
  ...extra,
});

const SIGNING_KEYS = JSON.stringify({ keys: generateSigningKeys('test') });
const PORTAL_CLIENTS = JSON.stringify([
  {
    client_id: 'national',
    client_secret: 'national-secret',
    redirect_uris: ['https://dichvucong.example/auth/callback'],
    post_logout_redirect_uris: ['https://dichvucong.example/'],
    backchannel_logout_uri: 'https://dichvucong.example/auth/backchannel-logout',
    first_party: true,
  },
]);

// Any PEM certificate will do: the configuration only reads the files.
const TRUST_ANCHOR_FILE = fileURLToPath(new URL('../../test/pki/fixtures/foreign-root.pem', import.meta.url));

const productionEnv = (extra: Record<string, string> = {}) => ({
  NODE_ENV: 'production',
  TRUST_ANCHORS: TRUST_ANCHOR_FILE,
  PUBLIC_URL: 'https://id.example',
  OIDC_SIGNING_KEYS: SIGNING_KEYS,
  OIDC_CLIENTS: PORTAL_CLIENTS,
  DATABASE_URL: 'postgres://portal@db/portal',
  REDIS_URL: 'redis://redis:6379',
  HMAC_KEY: KEY,
  DATA_KEY: KEY,
  COOKIE_SECRET: Buffer.alloc(32, 9).toString('base64'),
  SMPP_HOST: 'smsc',
  SMPP_SYSTEM_ID: 'portal',
  SMPP_PASSWORD: 'secret',
  MNP_URL: 'https://mnp.example/v1',
  POPULATION_BASE_URL: 'https://population.example/population/v1',
  POPULATION_API_KEY: 'population-key',
  SOCIAL_INSURANCE_BASE_URL: 'https://vss.example/vss/v1',
  SOCIAL_INSURANCE_CLIENT_ID: 'portal',
  SOCIAL_INSURANCE_CLIENT_SECRET: 'vss-secret',
  BUSINESS_REGISTRY_BASE_URL: 'https://dkkd.example/business-registry/v1',
  BUSINESS_REGISTRY_CLIENT_ID: 'portal',
  BUSINESS_REGISTRY_CLIENT_SECRET: 'dkkd-secret',
  MSSP_WSDL_URL: 'https://mssp.example/MSSP/services?wsdl',
  MSSP_AP_ID: 'http://dichvucong.example/ap',
  MSSP_AP_PWD: 'ap-secret',
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
      'POPULATION_TIMEOUT_MS',
      'SOCIAL_INSURANCE_TIMEOUT_MS',
    ]) {
      for (const value of ['abc', '', '1e3', '-5', '2.5']) {
        const problems = problemsOf(devEnv({ [name]: value }));
        assert.deepEqual(problems, [`${name} must be a whole number, got "${value}"`], `${name}=${value}`);
      }
    }
    assert.equal(problemsOf(devEnv({ POSTID_PORT: 'abc' })).length, 1, 'POSTID_PORT=abc is refused');
    assert.equal(loadConfig(devEnv({ POSTID_PORT: '4555' })).simulators.postIdPort, 4555);
    const unset = loadConfig(devEnv());
    assert.equal(unset.simulators.postIdPort, unset.port + 3, 'unset: PORT+3');
    assert.equal(loadConfig(devEnv({ PORT: '0' })).simulators.postIdPort, 0, 'PORT=0: any free port');
    assert.deepEqual(problemsOf(devEnv({ HTTP_REQUEST_TIMEOUT_MS: '0' })), [
      'HTTP_REQUEST_TIMEOUT_MS must be more than 0 (0 would disable the timeout)',
    ]);
    assert.deepEqual(problemsOf(devEnv({ HTTP_HEADERS_TIMEOUT_MS: '40000' })), [
      'HTTP_HEADERS_TIMEOUT_MS must not be longer than HTTP_REQUEST_TIMEOUT_MS',
    ]);
  });
});

describe('configuration of the population and social-insurance registries', () => {
  it('dev: unset means the built-in simulators, with 2 s and 3 s timeouts', () => {
    const config = loadConfig(devEnv());
    assert.deepEqual(config.population, { baseUrl: undefined, apiKey: undefined, timeoutMs: 2000 });
    assert.deepEqual(config.socialInsurance, {
      baseUrl: undefined,
      clientId: undefined,
      clientSecret: undefined,
      timeoutMs: 3000,
    });
  });

  it('reads the URL, credentials and timeout of each registry', () => {
    const config = loadConfig(
      productionEnv({ POPULATION_TIMEOUT_MS: '1500', SOCIAL_INSURANCE_TIMEOUT_MS: '2500' }),
    );
    assert.deepEqual(config.population, {
      baseUrl: 'https://population.example/population/v1',
      apiKey: 'population-key',
      timeoutMs: 1500,
    });
    assert.deepEqual(config.socialInsurance, {
      baseUrl: 'https://vss.example/vss/v1',
      clientId: 'portal',
      clientSecret: 'vss-secret',
      timeoutMs: 2500,
    });
  });

  it('production refuses to start without them, naming each one', () => {
    const names = [
      'POPULATION_BASE_URL',
      'POPULATION_API_KEY',
      'SOCIAL_INSURANCE_BASE_URL',
      'SOCIAL_INSURANCE_CLIENT_ID',
      'SOCIAL_INSURANCE_CLIENT_SECRET',
      'BUSINESS_REGISTRY_BASE_URL',
      'BUSINESS_REGISTRY_CLIENT_ID',
      'BUSINESS_REGISTRY_CLIENT_SECRET',
    ];
    const env: Record<string, string> = productionEnv();
    for (const name of names) delete env[name];
    assert.deepEqual(
      problemsOf(env),
      names.map((name) => `${name} is missing`),
    );
    assert.deepEqual(problemsOf(productionEnv({ SOCIAL_INSURANCE_CLIENT_SECRET: '' })), [
      'SOCIAL_INSURANCE_CLIENT_SECRET is missing',
    ]);
  });

  it('refuses a base URL that is not http(s) and a timeout of 0', () => {
    assert.deepEqual(problemsOf(devEnv({ POPULATION_BASE_URL: 'population.example/v1' })), [
      'POPULATION_BASE_URL must be an http(s) URL, got "population.example/v1"',
    ]);
    assert.deepEqual(problemsOf(productionEnv({ SOCIAL_INSURANCE_BASE_URL: 'ftp://vss.example' })), [
      'SOCIAL_INSURANCE_BASE_URL must be an http(s) URL, got "ftp://vss.example"',
    ]);
    assert.deepEqual(problemsOf(devEnv({ POPULATION_TIMEOUT_MS: '0', SOCIAL_INSURANCE_TIMEOUT_MS: '0' })), [
      'POPULATION_TIMEOUT_MS must be more than 0 (0 would disable the timeout)',
      'SOCIAL_INSURANCE_TIMEOUT_MS must be more than 0 (0 would disable the timeout)',
    ]);
  });
});

describe('configuration of the secrets', () => {
  it('production refuses to start without COOKIE_SECRET, or with one shorter than 32 bytes', () => {
    const { COOKIE_SECRET: _, ...withoutCookieSecret } = productionEnv();
    assert.deepEqual(problemsOf(withoutCookieSecret), [
      'COOKIE_SECRET is missing: 32 random bytes, base64 (e.g. `openssl rand -base64 32`)',
    ]);
    assert.deepEqual(problemsOf(productionEnv({ COOKIE_SECRET: Buffer.alloc(16).toString('base64') })), [
      'COOKIE_SECRET must be at least 32 bytes of base64',
    ]);
    assert.deepEqual(loadConfig(productionEnv()).secrets.cookieKey, Buffer.alloc(32, 9));
  });

  it('dev makes the cookie key once per DATA_DIR, apart from the data key', () => {
    const env = devEnv();
    const first = loadConfig(env).secrets;
    assert.equal(first.cookieKey.length, 32);
    assert.notDeepEqual(first.cookieKey, first.dataKey.key);
    assert.notDeepEqual(first.cookieKey, first.hmacKey);
    assert.deepEqual(loadConfig(env).secrets.cookieKey, first.cookieKey, 'the same after a restart');
  });

  it('dev adds the cookie key to an older dev-secrets.json, keeping the keys the data was encrypted with', () => {
    const env = devEnv();
    const file = join(env.DATA_DIR, 'dev-secrets.json');
    const older = { hmacKey: KEY, dataKey: KEY, smppPassword: 'pw123456', simulatorSecret: KEY };
    writeFileSync(file, JSON.stringify(older));
    const config = loadConfig(env);
    assert.deepEqual(config.secrets.dataKey.key, Buffer.from(KEY, 'base64'));
    assert.deepEqual(config.secrets.hmacKey, Buffer.from(KEY, 'base64'));
    assert.equal(config.sms.password, 'pw123456');
    assert.equal(config.secrets.cookieKey.length, 32);
    const rewritten = JSON.parse(readFileSync(file, 'utf8'));
    assert.deepEqual(Object.keys(rewritten).sort(), [
      'cookieKey',
      'dataKey',
      'hmacKey',
      'mpsClientSecret',
      'nationalClientSecret',
      'simulatorSecret',
      'smppPassword',
    ]);
    assert.deepEqual(
      { ...rewritten, cookieKey: undefined, mpsClientSecret: undefined, nationalClientSecret: undefined },
      { ...older, cookieKey: undefined, mpsClientSecret: undefined, nationalClientSecret: undefined },
    );
    assert.equal(rewritten.cookieKey, config.secrets.cookieKey.toString('base64'));
  });
});

describe('configuration of the OpenID Provider', () => {
  it('production refuses to start without PUBLIC_URL, signing keys and clients, naming each', () => {
    const { PUBLIC_URL: _u, OIDC_SIGNING_KEYS: _k, OIDC_CLIENTS: _c, ...without } = productionEnv();
    assert.deepEqual(problemsOf(without), [
      "PUBLIC_URL is missing: the hub's public base URL, the OpenID issuer",
      'OIDC_SIGNING_KEYS is missing: a JWKS (JSON, or the path of a JSON file) of private keys with a kid, RS256 and ES256',
      'OIDC_CLIENTS is missing: a JSON array (or the path of a JSON file) of the portals registered',
    ]);
  });

  it('production reads the issuer, the keys in order (the first signs) and the clients; registration closed', () => {
    const config = loadConfig(productionEnv({ PUBLIC_URL: 'https://id.example/' }));
    assert.equal(config.oidc.issuer, 'https://id.example');
    assert.deepEqual(
      config.oidc.signingKeys.map((key) => [key.kid, key.alg]),
      [
        ['rs256-test', 'RS256'],
        ['es256-test', 'ES256'],
      ],
    );
    assert.deepEqual(config.oidc.clients, [
      {
        clientId: 'national',
        clientSecret: 'national-secret',
        redirectUris: ['https://dichvucong.example/auth/callback'],
        postLogoutRedirectUris: ['https://dichvucong.example/'],
        backchannelLogoutUri: 'https://dichvucong.example/auth/backchannel-logout',
        firstParty: true,
      },
    ]);
    assert.equal(config.oidc.registrationOpen, false);
  });

  it('production refuses Dynamic Client Registration open', () => {
    assert.deepEqual(problemsOf(productionEnv({ OIDC_DYNAMIC_REGISTRATION: 'open' })), [
      'OIDC_DYNAMIC_REGISTRATION=open is a dev-only switch and must be closed in production',
    ]);
  });

  it('refuses keys without a kid, public keys, a missing algorithm family, and malformed JSON', () => {
    const [rsa, ec] = JSON.parse(SIGNING_KEYS).keys;
    const { kid: _, ...noKid } = rsa;
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicRsa } = rsa;
    assert.deepEqual(
      problemsOf(productionEnv({ OIDC_SIGNING_KEYS: JSON.stringify({ keys: [noKid, ec] }) })),
      ['OIDC_SIGNING_KEYS key 1 has no kid'],
    );
    assert.deepEqual(
      problemsOf(productionEnv({ OIDC_SIGNING_KEYS: JSON.stringify({ keys: [publicRsa, ec] }) })),
      ['OIDC_SIGNING_KEYS key 1 (rs256-test) is not a private key'],
    );
    assert.deepEqual(problemsOf(productionEnv({ OIDC_SIGNING_KEYS: JSON.stringify({ keys: [ec] }) })), [
      'OIDC_SIGNING_KEYS must hold an RSA key (RS256, the default for clients that name no algorithm)',
    ]);
    assert.deepEqual(problemsOf(productionEnv({ OIDC_SIGNING_KEYS: '{not json' })), [
      'OIDC_SIGNING_KEYS is not valid JSON',
    ]);
  });

  it('reads keys and clients from files too (mounted secrets)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oidc-config-'));
    writeFileSync(join(dir, 'keys.json'), SIGNING_KEYS);
    writeFileSync(join(dir, 'clients.json'), PORTAL_CLIENTS);
    const config = loadConfig(
      productionEnv({ OIDC_SIGNING_KEYS: join(dir, 'keys.json'), OIDC_CLIENTS: join(dir, 'clients.json') }),
    );
    assert.equal(config.oidc.signingKeys.length, 2);
    assert.equal(config.oidc.clients[0]?.clientId, 'national');
    assert.deepEqual(problemsOf(productionEnv({ OIDC_CLIENTS: join(dir, 'missing.json') })), [
      `OIDC_CLIENTS is neither JSON nor a readable file: "${join(dir, 'missing.json')}"`,
    ]);
  });

  it('refuses a client without redirect URIs or credentials, naming the entry', () => {
    assert.deepEqual(problemsOf(productionEnv({ OIDC_CLIENTS: JSON.stringify([{ client_id: 'x' }]) })), [
      'OIDC_CLIENTS entry 1: redirect_uris is missing',
      'OIDC_CLIENTS entry 1: client_secret (client_secret_basic) or jwks (private_key_jwt) is missing',
    ]);
    assert.deepEqual(
      problemsOf(
        productionEnv({
          OIDC_CLIENTS: JSON.stringify([
            { client_id: 'x', client_secret: 's', redirect_uris: ['javascript:x'] },
          ]),
        }),
      ),
      ['OIDC_CLIENTS entry 1: redirect_uris must be a list of http(s) URLs'],
    );
    assert.deepEqual(problemsOf(productionEnv({ OIDC_CLIENTS: '[]' })), [
      'OIDC_CLIENTS registers no client: production needs at least the portals',
    ]);
    const es = (alg: string) =>
      JSON.stringify([
        {
          client_id: 'x',
          client_secret: 's',
          redirect_uris: ['https://x.example/cb'],
          id_token_signed_response_alg: alg,
        },
      ]);
    assert.deepEqual(problemsOf(productionEnv({ OIDC_CLIENTS: es('HS256') })), [
      'OIDC_CLIENTS entry 1: id_token_signed_response_alg must be RS256 or ES256',
    ]);
    assert.equal(
      loadConfig(productionEnv({ OIDC_CLIENTS: es('ES256') })).oidc.clients[0]?.idTokenSignedResponseAlg,
      'ES256',
    );
  });

  it('dev: the two portals first-party on PORT+1 and PORT+2 with secrets kept in DATA_DIR, keys made once, DCR open', () => {
    const env = devEnv({ PORT: '4000' });
    const config = loadConfig(env);
    assert.equal(config.oidc.issuer, undefined, 'the listening address');
    assert.equal(config.oidc.registrationOpen, true);
    const [national, mps] = config.oidc.clients;
    assert.deepEqual(
      { ...national, clientSecret: undefined },
      {
        clientId: 'national',
        clientName: 'Cổng Dịch vụ công quốc gia',
        clientSecret: undefined,
        redirectUris: ['http://127.0.0.1:4001/auth/callback'],
        postLogoutRedirectUris: ['http://127.0.0.1:4001/'],
        backchannelLogoutUri: 'http://127.0.0.1:4001/auth/backchannel-logout',
        firstParty: true,
      },
    );
    assert.equal(mps?.redirectUris[0], 'http://127.0.0.1:4002/auth/callback');
    assert.ok(national?.clientSecret && national.clientSecret !== mps?.clientSecret);
    const again = loadConfig(env);
    assert.equal(again.oidc.clients[0]?.clientSecret, national?.clientSecret, 'the same after a restart');
    assert.deepEqual(again.oidc.signingKeys, config.oidc.signingKeys, 'the keys too');
    assert.equal(
      loadConfig(devEnv({ MPS_PORTAL_PORT: '5005' })).oidc.clients[1]?.redirectUris[0],
      'http://127.0.0.1:5005/auth/callback',
    );
  });
});

describe('TRUST_ANCHORS', () => {
  it('production refuses to start without trust anchors, naming the setting', () => {
    const { TRUST_ANCHORS: _, ...without } = productionEnv();
    assert.ok(problemsOf(without).some((p) => p.startsWith('TRUST_ANCHORS is missing')));
  });

  it('reads each listed PEM file, and names a file that is missing or holds no certificate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anchors-'));
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'hello');
    const config = loadConfig(
      productionEnv({ TRUST_ANCHORS: ` ${TRUST_ANCHOR_FILE} , ${TRUST_ANCHOR_FILE}` }),
    );
    assert.equal(config.signatures.trustAnchorsPem.length, 2);
    assert.match(config.signatures.trustAnchorsPem[0]!, /-----BEGIN CERTIFICATE-----/);
    const problems = problemsOf(productionEnv({ TRUST_ANCHORS: `${notPem},${join(dir, 'absent.pem')}` }));
    assert.ok(problems.includes(`TRUST_ANCHORS: ${notPem} holds no PEM certificate`), problems.join('; '));
    assert.ok(problems.includes(`TRUST_ANCHORS: ${join(dir, 'absent.pem')} cannot be read`));
  });

  it('dev needs none (the test PKI stands in) and reads the revocation timeout and challenge limit', () => {
    const config = loadConfig(devEnv({ REVOCATION_TIMEOUT_MS: '1500', LIMIT_CHALLENGES_PER_IP: '7' }));
    assert.deepEqual(config.signatures, {
      trustAnchorFiles: [],
      trustAnchorsPem: [],
      revocationTimeoutMs: 1500,
      challengesPer10Minutes: 7,
    });
    assert.ok(
      problemsOf(devEnv({ REVOCATION_TIMEOUT_MS: '0' })).some((p) => p.startsWith('REVOCATION_TIMEOUT_MS')),
    );
  });
});

describe('MSSP (the SIM signature)', () => {
  it('production refuses to start without the WSDL and the application provider credentials, naming each', () => {
    const { MSSP_WSDL_URL: _u, MSSP_AP_ID: _i, MSSP_AP_PWD: _p, ...without } = productionEnv();
    const problems = problemsOf(without);
    for (const name of ['MSSP_WSDL_URL', 'MSSP_AP_ID', 'MSSP_AP_PWD'])
      assert.ok(problems.includes(`${name} is missing`), problems.join('; '));
  });

  it('reads them, refuses a WSDL URL that is not http(s), a format other than PKCS7/PKCS1 and half a client certificate', () => {
    const config = loadConfig(productionEnv({ MSSP_FORMAT: 'PKCS1' }));
    assert.equal(config.mobileSignature.wsdlUrl, 'https://mssp.example/MSSP/services?wsdl');
    assert.equal(config.mobileSignature.apId, 'http://dichvucong.example/ap');
    assert.equal(config.mobileSignature.format, 'PKCS1');
    assert.equal(config.mobileSignature.tls, undefined);
    const problems = problemsOf(
      productionEnv({
        MSSP_WSDL_URL: 'ftp://mssp',
        MSSP_FORMAT: 'XML',
        MSSP_TLS_CERT_FILE: TRUST_ANCHOR_FILE,
      }),
    );
    assert.ok(
      problems.some((p) => p.startsWith('MSSP_WSDL_URL must be an http(s) URL')),
      problems.join('; '),
    );
    assert.ok(problems.some((p) => p.startsWith('MSSP_FORMAT must be PKCS7 or PKCS1')));
    assert.ok(problems.some((p) => p.startsWith('MSSP_TLS_CERT_FILE and MSSP_TLS_KEY_FILE go together')));
  });
});
