/**
 * Back-channel logout token verification (OpenID Connect Back-Channel Logout 1.0 §2.6), on local keys. Each test
 * names the item of the OpenID Foundation's RP back-channel logout tests it covers (rp-backchannel-rpinitlogout…),
 * or says "Beyond the plans" and names the rule instead.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import {
  BACKCHANNEL_LOGOUT_EVENT,
  LogoutTokenError,
  logoutTokenVerifier,
} from '../../src/portals/kit/logout-token.ts';

const ISSUER = 'http://127.0.0.1:3000';
const CLIENT = 'mps';
const NOW = new Date('2026-12-01T08:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

const hubKeys = await generateKeyPair('RS256');
const otherKeys = await generateKeyPair('RS256');
const publicJwk = { ...(await exportJWK(hubKeys.publicKey)), kid: 'hub-1', alg: 'RS256' };

function verifier(now = NOW) {
  return logoutTokenVerifier({
    issuer: ISSUER,
    clientId: CLIENT,
    keys: createLocalJWKSet({ keys: [publicJwk] }),
    algorithms: ['RS256', 'ES256'],
    now: () => now,
  });
}

let counter = 0;
function validClaims(): JWTPayload {
  counter += 1;
  return {
    iss: ISSUER,
    aud: CLIENT,
    iat: nowSeconds - 5,
    exp: nowSeconds + 115,
    jti: `jti-${counter}`,
    sub: 'subject-1',
    sid: 'hub-session-1',
    events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
  };
}

async function sign(claims: JWTPayload, key = hubKeys.privateKey, kid = 'hub-1') {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'logout+jwt' }).sign(key);
}

async function refusal(token: string, verify = verifier()): Promise<string> {
  const error = await verify(token).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof LogoutTokenError, `refused with a LogoutTokenError, got ${String(error)}`);
  return error.message;
}

describe('back-channel logout token verification', () => {
  it('rp-backchannel-rpinitlogout: accepts a token of the hub for this portal and names its session and subject', async () => {
    assert.deepEqual(await verifier()(await sign(validClaims())), { sid: 'hub-session-1', sub: 'subject-1' });
  });

  it('Beyond the plans (§2.4: sub or sid): accepts a token naming only the subject, or only the session', async () => {
    const verify = verifier();
    const { sid: _sid, ...subOnly } = validClaims();
    assert.deepEqual(await verify(await sign(subOnly)), { sid: undefined, sub: 'subject-1' });
    const { sub: _sub, ...sidOnly } = validClaims();
    assert.deepEqual(await verify(await sign(sidOnly)), { sid: 'hub-session-1', sub: undefined });
  });

  it('Beyond the plans (§2.6 step 3, signature): refuses a token signed by a key that is not the hub’s (forged)', async () => {
    assert.match(await refusal(await sign(validClaims(), otherKeys.privateKey)), /signature/);
  });

  it('Beyond the plans (§2.6 step 3, exp and iat): refuses an expired token, and one issued too long ago', async () => {
    assert.match(await refusal(await sign({ ...validClaims(), exp: nowSeconds - 60 })), /expired/);
    const { exp: _exp, ...noExp } = validClaims();
    assert.match(await refusal(await sign({ ...noExp, iat: nowSeconds - 600 })), /iat|expired/);
  });

  it('rp-backchannel-rpinitlogout-lt-wrong-aud, -lt-wrong-issuer: refuses a token for another portal or from another issuer', async () => {
    assert.match(await refusal(await sign({ ...validClaims(), aud: 'national' })), /aud/);
    assert.match(await refusal(await sign({ ...validClaims(), iss: 'http://evil.example' })), /iss/);
  });

  it('rp-backchannel-rpinitlogout-lt-no-event, -lt-wrong-event, -lt-with-nonce: refuses a token without the logout event, with a nonce (an ID token), or naming no one', async () => {
    const { events: _events, ...noEvent } = validClaims();
    assert.match(await refusal(await sign(noEvent)), /event/);
    assert.match(await refusal(await sign({ ...validClaims(), events: { other: {} } })), /event/);
    assert.match(await refusal(await sign({ ...validClaims(), nonce: 'n-1' })), /nonce/);
    const { sub: _sub, sid: _sid, ...noOne } = validClaims();
    assert.match(await refusal(await sign(noOne)), /neither/);
  });

  it('Beyond the plans (§2.6 steps 3 and 7, iat, jti): refuses a token without iat or jti, and a jti already used (replay)', async () => {
    const { iat: _iat, ...noIat } = validClaims();
    assert.match(await refusal(await sign(noIat)), /iat/);
    const { jti: _jti, ...noJti } = validClaims();
    assert.match(await refusal(await sign(noJti)), /jti/);
    const verify = verifier();
    const token = await sign(validClaims());
    await verify(token);
    assert.match(await refusal(token, verify), /already used/);
  });

  it('rp-backchannel-rpinitlogout-lt-wrong-alg: refuses a token signed with an algorithm the hub does not announce', async () => {
    const rs384 = await new SignJWT(validClaims())
      .setProtectedHeader({ alg: 'RS384', kid: 'hub-1', typ: 'logout+jwt' })
      .sign((await generateKeyPair('RS384')).privateKey);
    assert.match(await refusal(rs384), /ALG_NOT_ALLOWED/);
    const hs256 = await new SignJWT(validClaims())
      .setProtectedHeader({ alg: 'HS256', kid: 'hub-1', typ: 'logout+jwt' })
      .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
    assert.match(await refusal(hs256), /ALG_NOT_ALLOWED/);
  });

  it('rp-backchannel-rpinitlogout-lt-alg-none: refuses something that is not a signed token at all', async () => {
    await refusal('not-a-jwt');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(validClaims())).toString('base64url')}.`;
    await refusal(unsigned);
  });
});
