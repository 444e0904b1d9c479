/**
 * Issue 12: two hub processes in production mode share one PostgreSQL database and one Redis prefix (and the
 * same OIDC keys, clients and secrets), and an authorization may hop between them at every request, as a
 * round-robin balancer sends it. Each request of the flow goes to the other process than the one before (PAR,
 * authorize, the sign-in interaction, its resume, token, JWKS, userinfo), and the ID token verifies; a hub
 * session made on one process serves single sign-on on the other, also through the balancer itself. Production
 * also closes Dynamic Client Registration, and refuses to start without signing keys.
 * PostgreSQL and Redis only: in-memory stores would be per process by design.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose';
import pg from 'pg';
import { type LoadBalancer, startLoadBalancer } from '../../chaos/proxy.ts';
import { createArgon2PasswordHasher } from '../../src/adapters/crypto/argon2-password-hasher.ts';
import { createPersonalDataProtector } from '../../src/adapters/crypto/personal-data-protector.ts';
import { CARRIER_IDS } from '../../src/domain/carriers.ts';
import { Browser, client, conformanceClientEnv, discover, RP_REDIRECT, signIn } from '../oidc/rp.ts';
import { createScratchDatabase, dropScratchDatabase } from '../support/databases.ts';
import { testKeyPrefix } from '../support/ephemeral-stores.ts';
import { type Identity, newIdentity, STRONG_PASSWORD } from '../support/journey.ts';
import { throwawayOidcEnv } from '../support/oidc-env.ts';
import { formAction, type Page } from '../support/oidc-rp.ts';
import { type PortalProcess, spawnPortal, stopChild } from '../support/portal-process.ts';

const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL;
const skip =
  DATABASE_URL && REDIS_URL ? undefined : 'DATABASE_URL and REDIS_URL are not both set: two hubs not run';

interface Hub {
  name: 'A' | 'B';
  origin: string;
}

/** Production settings both processes share; partners point nowhere (no registration happens here). */
function sharedEnv(publicUrl: string, databaseUrl: string, keys: { hmac: Buffer; data: Buffer }) {
  const nowhere = 'http://127.0.0.1:9';
  const carriers = Object.fromEntries(
    CARRIER_IDS.flatMap((id) => {
      const key = `CARRIER_${id.toUpperCase()}`;
      return [
        [`${key}_URL`, `${nowhere}/carriers/${id}`],
        [`${key}_CLIENT_ID`, `portal-${id}`],
        [`${key}_CLIENT_SECRET`, randomBytes(12).toString('hex')],
      ];
    }),
  );
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    REDIS_URL: REDIS_URL!,
    REDIS_KEY_PREFIX: testKeyPrefix(),
    HMAC_KEY: keys.hmac.toString('base64'),
    DATA_KEY: keys.data.toString('base64'),
    COOKIE_SECRET: randomBytes(32).toString('base64'),
    SMPP_HOST: '127.0.0.1',
    SMPP_PORT: '9',
    SMPP_SYSTEM_ID: 'portal',
    SMPP_PASSWORD: randomBytes(6).toString('hex'),
    MNP_URL: `${nowhere}/mnp/v1`,
    POPULATION_BASE_URL: `${nowhere}/population/v1`,
    POPULATION_API_KEY: randomBytes(12).toString('hex'),
    SOCIAL_INSURANCE_BASE_URL: `${nowhere}/vss/v1`,
    SOCIAL_INSURANCE_CLIENT_ID: 'portal',
    SOCIAL_INSURANCE_CLIENT_SECRET: randomBytes(12).toString('hex'),
    BUSINESS_REGISTRY_BASE_URL: `${nowhere}/business-registry/v1`,
    BUSINESS_REGISTRY_CLIENT_ID: 'portal',
    BUSINESS_REGISTRY_CLIENT_SECRET: randomBytes(12).toString('hex'),
    MSSP_WSDL_URL: `${nowhere}/mssp/wsdl/mssp.wsdl`,
    MSSP_AP_ID: 'http://dichvucong.gov.vn/ap',
    MSSP_AP_PWD: randomBytes(12).toString('hex'),
    // Production needs trust anchors; no signature is checked here.
    TRUST_ANCHORS: fileURLToPath(new URL('../pki/fixtures/foreign-root.pem', import.meta.url)),
    ...carriers,
    // One set of signing keys for both processes; the test's first-party client replaces the placeholder.
    ...throwawayOidcEnv(publicUrl),
    ...conformanceClientEnv(),
  };
}

/**
 * A citizen's account written straight into the shared database with the hubs' own keys, as the shared tail of
 * a registration writes it: registering needs the partners, which this suite is not about.
 */
async function seedAccount(databaseUrl: string, keys: { hmac: Buffer; data: Buffer }, person: Identity) {
  const protector = createPersonalDataProtector({
    current: { id: 'k1', key: keys.data },
    hmacKey: keys.hmac,
  });
  const passwordHash = await createArgon2PasswordHasher().hash(STRONG_PASSWORD);
  const id = randomUUID();
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('begin');
    await db.query(
      `insert into accounts (id, kind, subject_index, id_number_enc, full_name_enc, birth_date_enc,
         registration_method, created_at) values ($1, 'citizen', $2, $3, $4, $5, 'mobile', now())`,
      [
        id,
        protector.blindIndex('id', person.idNumber),
        protector.encrypt(person.idNumber),
        protector.encrypt(person.fullName),
        protector.encrypt(person.birthDate),
      ],
    );
    await db.query(
      `insert into credentials (id, account_id, type, identifier, secret, created_at, updated_at)
       values ($1, $2, 'password', $3, $4, now(), now())`,
      [randomUUID(), id, id, passwordHash],
    );
    await db.query(
      `insert into account_contacts (account_id, kind, value_index, value_enc, verified_at)
       values ($1, 'phone', $2, $3, now())`,
      [id, protector.blindIndex('phone', person.phoneNumber), protector.encrypt(person.phoneNumber)],
    );
    for (const claim of ['idNumber', 'fullName', 'birthDate', 'phoneNumber'])
      await db.query(
        `insert into account_identity_claims (account_id, claim, source, level, verified_at)
         values ($1, $2, 'CARRIER', 2, now())`,
        [id, claim],
      );
    await db.query('commit');
  } finally {
    await db.end();
  }
  return id;
}

/**
 * Sends every request to the other process than the last one, whatever address the hub or the RP library
 * asked for (the issuer's, i.e. the balancer's), and remembers which process answered what.
 */
class Alternation {
  readonly log: Array<{ hub: Hub['name']; method: string; path: string; status: number }> = [];
  private turn = 0;
  constructor(
    private readonly publicOrigin: string,
    private readonly hubs: [Hub, Hub],
  ) {}

  private nextHub(): Hub {
    return this.hubs[this.turn++ % 2]!;
  }

  private onHub(url: string | URL, hub: Hub): URL {
    const at = new URL(url, this.publicOrigin);
    assert.ok(
      at.origin === this.publicOrigin || this.hubs.some((h) => h.origin === at.origin),
      `a request for the hub, not ${at.origin}`,
    );
    return new URL(`${at.pathname}${at.search}`, hub.origin);
  }

  private record(hub: Hub, method: string | undefined, url: URL, response: Response) {
    this.log.push({ hub: hub.name, method: method ?? 'GET', path: url.pathname, status: response.status });
  }

  /** The RP library's requests (PAR, discovery, token, JWKS, userinfo). */
  readonly fetch: typeof fetch = async (url, init) => {
    const hub = this.nextHub();
    const at = this.onHub(String(url), hub);
    const response = await fetch(at, init);
    this.record(hub, init?.method, at, response);
    return response;
  };

  /** The browser's requests; a redirect is followed on the other process, until the hub sends it to the RP. */
  async browse(
    browser: Browser,
    url: string | URL,
    init: RequestInit = {},
  ): Promise<{ portal: URL } | { page: Page }> {
    let next = { url: String(url), init };
    for (let hop = 0; hop < 12; hop++) {
      const hub = this.nextHub();
      const at = this.onHub(next.url, hub);
      const response = await browser.get(at, next.init);
      this.record(hub, next.init.method, at, response);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location)
        return { page: { url: at, status: response.status, html: await response.text() } };
      const target = new URL(location, at);
      if (target.href.startsWith(RP_REDIRECT)) return { portal: target };
      next = { url: target.href, init: {} };
    }
    throw new Error('too many redirects');
  }
}

const stepsOn = (log: Alternation['log'], path: RegExp, method = 'GET') =>
  log.filter((step) => step.method === method && path.test(step.path)).map((step) => step.hub);

describe('two hub processes sharing PostgreSQL and Redis', { skip }, () => {
  const keys = { hmac: randomBytes(32), data: randomBytes(32) };
  let databaseUrl: string;
  const processes: PortalProcess[] = [];
  let hubs: [Hub, Hub];
  let balancer: LoadBalancer;
  let publicOrigin: string;
  let person: Identity;
  let accountId: string;

  before(async () => {
    databaseUrl = await createScratchDatabase(DATABASE_URL!);
    // The balancer first: its address is the issuer both hubs are configured with; the hubs join it once up.
    balancer = await startLoadBalancer([], 60_000);
    publicOrigin = `http://127.0.0.1:${balancer.port}`;
    const env = sharedEnv(publicOrigin, databaseUrl, keys);
    // One after the other: both would run the same migrations at once.
    processes.push(await spawnPortal(env));
    processes.push(await spawnPortal(env));
    hubs = [
      { name: 'A', origin: processes[0]!.url },
      { name: 'B', origin: processes[1]!.url },
    ];
    for (const hub of hubs)
      balancer.backends.push({ name: hub.name, port: Number(new URL(hub.origin).port), healthy: true });
    person = newIdentity();
    accountId = await seedAccount(databaseUrl, keys, person);
  });

  after(async () => {
    await balancer?.close();
    await Promise.all(processes.map((p) => stopChild(p.child)));
    if (databaseUrl) await dropScratchDatabase(DATABASE_URL!, databaseUrl);
  });

  /** The first-party client, discovering the hub at the public (balancer's) address, its requests alternating. */
  async function relyingParty(route: Alternation) {
    const config = await discover(publicOrigin);
    config[client.customFetch] = route.fetch;
    return config;
  }

  async function pkceParams() {
    const verifier = client.randomPKCECodeVerifier();
    const params = {
      redirect_uri: RP_REDIRECT,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: client.randomState(),
      nonce: client.randomNonce(),
    };
    return { verifier, params };
  }

  it('PAR, authorize, sign-in, resume, token and userinfo each on the other process: the flow completes and the ID token verifies', async () => {
    const route = new Alternation(publicOrigin, hubs);
    const config = await relyingParty(route);
    const { verifier, params } = await pkceParams();
    const browser = new Browser();

    const authorizeUrl = await client.buildAuthorizationUrlWithPAR(config, params);
    assert.ok(authorizeUrl.searchParams.get('request_uri'), 'the request was pushed');
    const login = await route.browse(browser, authorizeUrl);
    assert.ok('page' in login, 'no session yet: the sign-in page');
    assert.equal(login.page.status, 200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(login.page.html)?.[1];
    assert.ok(csrf, 'the sign-in form has its CSRF token');
    const landing = await route.browse(browser, new URL(formAction(login.page, '/login'), login.page.url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrf,
        username: person.idNumber,
        password: STRONG_PASSWORD,
      }).toString(),
    });
    assert.ok('portal' in landing, `signed in, the portal gets its answer (${JSON.stringify(route.log)})`);

    const tokens = await client.authorizationCodeGrant(config, landing.portal, {
      pkceCodeVerifier: verifier,
      expectedState: params.state,
      expectedNonce: params.nonce,
    });
    const jwks = (await (await route.fetch(`${publicOrigin}/oidc/jwks`)).json()) as JSONWebKeySet;
    const { payload } = await jwtVerify(tokens.id_token!, createLocalJWKSet(jwks), {
      issuer: publicOrigin,
      audience: 'conformance',
    });
    assert.equal(payload.sub, accountId);
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, accountId);
    assert.equal(userinfo.sub, accountId);

    for (let i = 1; i < route.log.length; i++)
      assert.notEqual(route.log[i]!.hub, route.log[i - 1]!.hub, 'every request on the other process');
    assert.equal(stepsOn(route.log, /^\/oidc\/request$/, 'POST').length, 1, 'PAR');
    assert.equal(stepsOn(route.log, /^\/oidc\/interaction\/[^/]+\/login$/, 'POST').length, 1, 'sign-in');
    assert.equal(stepsOn(route.log, /^\/oidc\/token$/, 'POST').length, 1, 'token');
    assert.equal(stepsOn(route.log, /^\/oidc\/me$/).length, 1, 'userinfo');
    const served = new Set(route.log.map((step) => step.hub));
    assert.deepEqual([...served].sort(), ['A', 'B']);
    assert.ok(
      route.log.every((step) => step.status < 500),
      JSON.stringify(route.log),
    );
  });

  it('a hub session made on one process serves single sign-on on the other', async () => {
    const browser = new Browser();
    await signIn(hubs[0].origin, browser, person);
    const route = new Alternation(publicOrigin, [hubs[1], hubs[0]]);
    const config = await relyingParty(route);
    const { verifier, params } = await pkceParams();
    const landing = await route.browse(browser, client.buildAuthorizationUrl(config, params));
    assert.ok('portal' in landing, 'no sign-in page: the session made on A is known to B');
    assert.equal(route.log[0]!.hub, 'B');
    const tokens = await client.authorizationCodeGrant(config, landing.portal, {
      pkceCodeVerifier: verifier,
      expectedState: params.state,
      expectedNonce: params.nonce,
    });
    assert.equal(tokens.claims()!.sub, accountId);
  });

  it('production closes Dynamic Client Registration: discovery names no registration endpoint, and none registers a client', async () => {
    for (const hub of hubs) {
      const metadata = (await (
        await fetch(`${hub.origin}/.well-known/openid-configuration`)
      ).json()) as Record<string, unknown>;
      assert.equal(metadata.issuer, publicOrigin);
      assert.equal(metadata.registration_endpoint, undefined, hub.name);
      const attempt = await fetch(`${hub.origin}/oidc/reg`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          redirect_uris: [RP_REDIRECT],
          token_endpoint_auth_method: 'client_secret_basic',
        }),
      });
      assert.ok(attempt.status >= 400 && attempt.status < 500, `${hub.name}: ${attempt.status}`);
      assert.doesNotMatch(await attempt.text(), /client_secret/, 'no client was registered');
    }
  });

  it('a production hub configured like these but without OIDC_SIGNING_KEYS refuses to start (exit code 2, naming it)', () => {
    const configured: Record<string, string> = sharedEnv(publicOrigin, databaseUrl, keys);
    const { OIDC_SIGNING_KEYS: _keys, ...withoutKeys } = configured;
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, PORT: '0', ...withoutKeys },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /OIDC_SIGNING_KEYS is missing/);
    assert.doesNotMatch(result.stdout, /listening/i);
  });

  it('through the round-robin balancer itself, flows with one session complete whichever process answers', async () => {
    const browser = new Browser();
    await signIn(publicOrigin, browser, person);
    const config = await discover(publicOrigin);
    for (let round = 0; round < 3; round++) {
      const { verifier, params } = await pkceParams();
      const { location } = await browser.follow(client.buildAuthorizationUrl(config, params), publicOrigin);
      assert.ok(location, `round ${round}: the portal got its answer without a sign-in page`);
      const tokens = await client.authorizationCodeGrant(config, location, {
        pkceCodeVerifier: verifier,
        expectedState: params.state,
        expectedNonce: params.nonce,
      });
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, accountId);
      assert.equal(userinfo.sub, accountId);
    }
  });
});
