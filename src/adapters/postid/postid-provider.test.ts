// The PostID adapter against a small stand-in OpenID Provider over real HTTP: discovery, the code with PKCE, the ID
// token validated by openid-client (signature, nonce), userinfo read into the identity; and every way an answer is
// refused (another nonce, a refused code, a foreign state, a cancel) or PostID is unavailable (down, slow, a token
// signed by someone else, garbage), each fast and never a throw.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { pino } from 'pino';
import { MemoryLog } from '../../../test/support/memory-log.ts';
import type { FederationTransaction } from '../../usecases/ports/federated-identity-provider.ts';
import { createPostIdProvider } from './postid-provider.ts';

const CLIENT = { id: 'dichvucong-hub', secret: 'postid-test-secret' };
const REDIRECT = 'http://127.0.0.1:9/vnpost/callback';

type Mode = 'ok' | 'wrong-nonce' | 'foreign-key' | 'down' | 'slow' | 'garbage' | 'refuse-code';

interface Issued {
  nonce: string;
  challenge: string;
}

const userinfo = {
  SoCMND: '001190012345',
  HoVaTen: 'Lê Thị Mai',
  NgayThangNamSinh: '19900517',
  GioiTinh: 'Nữ',
  SoDienThoai: '0912345678',
  TrangThaiPheDuyet: 'DA_DUYET',
  loAs: [
    { claim: 'SoCMND', level: 3, src: 'VNPOST' },
    { claim: 'HoVaTen', level: 3, src: 'VNPOST' },
    { claim: 'NgayThangNamSinh', level: 3, src: 'VNPOST' },
    { claim: 'SoDienThoai', level: 2, src: 'VNPOST' },
  ],
};

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('PostID adapter (openid-client) against a stand-in OpenID Provider', () => {
  let server: Server;
  let issuer: string;
  let mode: Mode = 'ok';
  const codes = new Map<string, Issued>();
  let key: Awaited<ReturnType<typeof generateKeyPair>>;
  let foreignKey: Awaited<ReturnType<typeof generateKeyPair>>;
  let publicJwk: JWK;

  before(async () => {
    key = await generateKeyPair('RS256');
    foreignKey = await generateKeyPair('RS256');
    publicJwk = { ...(await exportJWK(key.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer(async (request, response) => {
      const json = (status: number, value: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      if (mode === 'down') return json(503, { error: 'temporarily_unavailable' });
      if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, 1500));
      const url = new URL(request.url ?? '/', issuer);
      if (url.pathname === '/.well-known/openid-configuration')
        return json(200, {
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/me`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
        });
      if (url.pathname === '/jwks') return json(200, { keys: [publicJwk] });
      if (url.pathname === '/token') {
        const form = new URLSearchParams(await body(request));
        // RFC 6749 §2.3.1: id and secret are form-encoded before Basic (openid-client encodes even '-').
        const [id = '', secret = ''] = Buffer.from(
          (request.headers.authorization ?? '').replace(/^Basic /, ''),
          'base64',
        )
          .toString('utf8')
          .split(':')
          .map((part) => decodeURIComponent(part));
        const issued = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (
          mode === 'refuse-code' ||
          id !== CLIENT.id ||
          secret !== CLIENT.secret ||
          !issued ||
          issued.challenge !== challenge
        )
          return json(400, { error: 'invalid_grant' });
        if (mode === 'garbage') {
          response.writeHead(200, { 'content-type': 'application/json' });
          return response.end('{"access_token": ');
        }
        const idToken = await new SignJWT({
          nonce: mode === 'wrong-nonce' ? 'another-transaction' : issued.nonce,
          acr: 'LoA3',
        })
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setIssuer(issuer)
          .setAudience(CLIENT.id)
          .setSubject('postid-subject-1')
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(mode === 'foreign-key' ? foreignKey.privateKey : key.privateKey);
        return json(200, { access_token: 'at-1', token_type: 'Bearer', expires_in: 300, id_token: idToken });
      }
      if (url.pathname === '/me') {
        if (request.headers.authorization !== 'Bearer at-1') return json(401, { error: 'invalid_token' });
        return json(200, { sub: 'postid-subject-1', ...userinfo });
      }
      json(404, { error: 'not_found' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    mode = 'ok';
  });

  const adapter = (log = new MemoryLog()) =>
    createPostIdProvider({
      issuer,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      redirectUri: REDIRECT,
      timeoutMs: 400,
      now: () => new Date(),
      logger: pino({ level: 'info' }, log),
    });

  const transaction = (): FederationTransaction => ({
    state: randomBytes(16).toString('base64url'),
    nonce: randomBytes(16).toString('base64url'),
    codeVerifier: randomBytes(48).toString('base64url'),
  });

  /** What PostID does between the redirect and the callback: a code bound to the request's nonce and challenge. */
  function authorize(authorizationUrl: string, state?: string): URL {
    const request = new URL(authorizationUrl);
    assert.equal(request.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(request.searchParams.get('scope'), 'openid profile phone');
    const code = randomBytes(12).toString('base64url');
    codes.set(code, {
      nonce: request.searchParams.get('nonce') ?? '',
      challenge: request.searchParams.get('code_challenge') ?? '',
    });
    const callback = new URL(REDIRECT);
    callback.searchParams.set('code', code);
    callback.searchParams.set('state', state ?? request.searchParams.get('state') ?? '');
    return callback;
  }

  it('gives the approved identity with its levels, read from userinfo after the ID token checked out', async () => {
    const postId = adapter();
    const trip = transaction();
    const url = await postId.authorizationUrl(trip, { uiLocales: 'vi' });
    assert.ok(url?.startsWith(`${issuer}/auth?`));
    const answer = await postId.finish(authorize(url as string), trip);
    assert.deepEqual(answer, {
      outcome: 'identity',
      identity: {
        subject: 'postid-subject-1',
        idNumber: '001190012345',
        fullName: 'Lê Thị Mai',
        birthDate: '1990-05-17',
        phoneNumber: '+84912345678',
        sex: 'F',
        approval: 'approved',
        rejectionReason: null,
        levels: { idNumber: 3, fullName: 3, birthDate: 3, phoneNumber: 2 },
      },
    });
  });

  it('refuses an ID token that carries another transaction’s nonce', async () => {
    const postId = adapter();
    const trip = transaction();
    const callback = authorize((await postId.authorizationUrl(trip, { uiLocales: 'vi' }))!);
    mode = 'wrong-nonce';
    assert.deepEqual(await postId.finish(callback, trip), { outcome: 'refused', reason: 'tampered' });
  });

  it('refuses a callback whose code belongs to another transaction (PKCE) or whose state is not this one', async () => {
    const postId = adapter();
    const mine = transaction();
    const theirs = transaction();
    const theirCallback = authorize((await postId.authorizationUrl(theirs, { uiLocales: 'vi' }))!);
    // Their code under my state: PostID refuses it, as my verifier is not theirs.
    const crafted = new URL(theirCallback);
    crafted.searchParams.set('state', mine.state);
    assert.deepEqual(await postId.finish(crafted, mine), { outcome: 'refused', reason: 'tampered' });
    // Their whole callback in my browser: the state is not mine; PostID is not even asked.
    assert.deepEqual(await postId.finish(theirCallback, mine), { outcome: 'refused', reason: 'tampered' });
  });

  it('tells a cancel at PostID from tampering', async () => {
    const postId = adapter();
    const trip = transaction();
    const callback = new URL(REDIRECT);
    callback.searchParams.set('error', 'access_denied');
    callback.searchParams.set('state', trip.state);
    assert.deepEqual(await postId.finish(callback, trip), { outcome: 'refused', reason: 'cancelled' });
  });

  for (const [fault, why] of [
    ['foreign-key', 'an ID token signed by a key PostID does not publish'],
    ['garbage', 'a token answer that is not JSON'],
    ['down', 'PostID answering 503'],
  ] as const)
    it(`is unavailable on ${why}, with one log line and no personal data`, async () => {
      const log = new MemoryLog();
      const postId = adapter(log);
      const trip = transaction();
      const callback = authorize((await postId.authorizationUrl(trip, { uiLocales: 'vi' }))!);
      mode = fault;
      assert.deepEqual(await postId.finish(callback, trip), { outcome: 'unavailable' });
      assert.doesNotMatch(log.text(), /001190012345|0912345678|Lê Thị Mai/);
    });

  it('gives up on a slow PostID within its timeout, and says so without a URL', async () => {
    const postId = adapter();
    mode = 'slow';
    const started = Date.now();
    assert.equal(await postId.authorizationUrl(transaction(), { uiLocales: 'en' }), undefined);
    assert.ok(Date.now() - started < 1200, 'the 400 ms timeout, not the 1.5 s answer');
    mode = 'ok';
    assert.ok(
      await postId.authorizationUrl(transaction(), { uiLocales: 'en' }),
      'discovery asked again later',
    );
  });

  it('opens its circuit after repeated failures: PostID is then not asked, and readiness says so', async () => {
    const postId = adapter();
    mode = 'down';
    for (let i = 0; i < 5; i += 1)
      assert.equal(await postId.authorizationUrl(transaction(), { uiLocales: 'vi' }), undefined);
    await assert.rejects(postId.ping(), /circuit is open/);
    mode = 'ok';
    assert.equal(
      await postId.authorizationUrl(transaction(), { uiLocales: 'vi' }),
      undefined,
      'circuit still open',
    );
  });
});
