/**
 * The remote-signing simulators through the CSC API v2 (every request and answer checked against the schemas):
 * service authorisation, credentials by user id, credential information with the certificate chain, the
 * asynchronous authorisation approved, declined or left to expire in the provider's app, signHash with the SAD,
 * and the signature verified through the hub's pipeline to the test root (revocation at the test PKI included).
 */
import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { x509 } from '../../src/adapters/pki/engine.ts';
import { accessToken, addUser, CLIENTS, type CscWorld, csc, startCscWorld } from './support.ts';

const ID = '079088001234';
const NAME = 'Nguyễn Thị Hồng';
const PHONE = '+84903111222';
const SHA256 = '2.16.840.1.101.3.4.2.1';
const SHA256_RSA = '1.2.840.113549.1.1.11';

describe('remote-signing simulators (CSC API v2)', () => {
  let t: CscWorld;
  let token: string;
  let credentialID: string;
  before(async () => {
    t = await startCscWorld();
    const created = await addUser(t, {
      provider: 'smartca',
      idNumber: ID,
      fullName: NAME,
      phoneNumber: '0903111222',
      pin: '4321',
    });
    assert.equal(created.status, 201);
    assert.match(created.body.serialNumber, /^[0-9a-f]+$/);
    token = await accessToken(t, 'smartca');
    const listed = await csc(t, 'smartca', 'credentials/list', { userID: ID }, { token });
    credentialID = listed.body.credentialIDs[0];
    assert.ok(credentialID);
  });
  after(() => t.close());

  async function authorizeNonce(description = 'Đăng ký tài khoản DVC — mã H4X9', id = credentialID) {
    const issued = await t.world.signatures.issueChallenge();
    assert.ok(issued.ok);
    const hash = createHash('sha256').update(Buffer.from(issued.value.nonce, 'base64')).digest('base64');
    const answer = await csc(
      t,
      'smartca',
      'credentials/authorize',
      {
        credentialID: id,
        numSignatures: 1,
        hashes: [hash],
        hashAlgorithmOID: SHA256,
        description,
        operationMode: 'A',
      },
      { token },
    );
    assert.equal(answer.status, 200);
    assert.equal(answer.body.expiresIn, 120);
    return {
      challengeId: issued.value.challengeId,
      nonce: Buffer.from(issued.value.nonce, 'base64'),
      hash,
      responseID: answer.body.responseID as string,
    };
  }

  it('info answers without a token and names the OAuth 2.0 server and the asynchronous mode', async () => {
    const answer = await csc(t, 'mysign', 'info', {});
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.authType, ['oauth2client']);
    assert.equal(answer.body.oauth2, `${t.url}/rssp/mysign`);
    assert.equal(answer.body.asynchronousOperationMode, true);
    assert.ok(answer.body.methods.includes('credentials/authorize'));
  });

  it('service authorisation: a wrong client secret is invalid_client, a call without a token invalid_token', async () => {
    const response = await fetch(`${t.url}/rssp/smartca/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${CLIENTS.smartca.clientId}&client_secret=guess`,
    });
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { error: string }).error, 'invalid_client');
    const byBody = await fetch(`${t.url}/rssp/smartca/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${CLIENTS.smartca.clientId}&client_secret=${encodeURIComponent(CLIENTS.smartca.clientSecret)}`,
    });
    assert.equal(byBody.status, 200);
    const anonymous = await csc(t, 'smartca', 'credentials/list', { userID: ID });
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error, 'invalid_token');
    // A token of one provider is no token at the other.
    const elsewhere = await csc(t, 'mysign', 'credentials/list', { userID: ID }, { token });
    assert.equal(elsewhere.status, 401);
  });

  it('credentials/list: by user id; an unknown user (or one of the other provider) has none; userID is required', async () => {
    assert.deepEqual(
      (await csc(t, 'smartca', 'credentials/list', { userID: '001099000001' }, { token })).body,
      { credentialIDs: [] },
    );
    const mysignToken = await accessToken(t, 'mysign');
    assert.deepEqual(
      (await csc(t, 'mysign', 'credentials/list', { userID: ID }, { token: mysignToken })).body,
      { credentialIDs: [] },
    );
    const missing = await csc(t, 'smartca', 'credentials/list', {}, { token });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error, 'invalid_request');
  });

  it('credentials/info gives the chain, the key algorithm and implicit (in-app) authorisation at SCAL 2', async () => {
    const answer = await csc(
      t,
      'smartca',
      'credentials/info',
      { credentialID, certificates: 'chain', certInfo: true, authInfo: true },
      { token },
    );
    assert.equal(answer.status, 200);
    assert.equal(answer.body.key.len, 2048);
    assert.ok(answer.body.key.algo.includes(SHA256_RSA));
    assert.deepEqual(answer.body.auth, { mode: 'implicit' });
    assert.equal(answer.body.scal, '2');
    const [leaf, ca] = answer.body.cert.certificates.map(
      (b64: string) => new x509.X509Certificate(Buffer.from(b64, 'base64')),
    );
    assert.match(leaf.subject, new RegExp(`CCCD:${ID}`));
    assert.match(leaf.subject, /CN=Nguyễn Thị Hồng/);
    assert.match(ca.subject, /VNPT/);
    assert.equal(answer.body.cert.serialNumber, leaf.serialNumber.toLowerCase().replace(/^0+/, ''));
    const unknown = await csc(t, 'smartca', 'credentials/info', { credentialID: 'nope' }, { token });
    assert.equal(unknown.status, 400);
  });

  it('approve in the app (after a wrong PIN): SAD, signHash, and the signature passes the hub pipeline', async () => {
    const { challengeId, nonce, hash, responseID } = await authorizeNonce();
    assert.deepEqual(
      (await csc(t, 'smartca', 'credentials/authorizeCheck', { responseID }, { token })).body,
      { status: 'pending' },
    );
    const [notification] = t.signing.signingApp.pending(PHONE);
    assert.deepEqual(notification && { ...notification, at: undefined }, {
      requestId: responseID,
      provider: 'smartca',
      text: 'Đăng ký tài khoản DVC — mã H4X9',
      at: undefined,
    });
    assert.deepEqual(t.signing.signingApp.answer(PHONE, responseID, { pin: '0000' }), {
      outcome: 'wrong_pin',
      triesLeft: 4,
    });
    assert.deepEqual(t.signing.signingApp.answer(PHONE, responseID, { pin: '4321' }), {
      outcome: 'approved',
    });
    assert.deepEqual(t.signing.signingApp.pending(PHONE), []);

    const approved = await csc(t, 'smartca', 'credentials/authorizeCheck', { responseID }, { token });
    assert.equal(approved.body.status, 'approved');
    const signed = await csc(
      t,
      'smartca',
      'signatures/signHash',
      {
        credentialID,
        SAD: approved.body.SAD,
        hashes: [hash],
        hashAlgorithmOID: SHA256,
        signAlgo: SHA256_RSA,
      },
      { token },
    );
    assert.equal(signed.status, 200);
    const signature = new Uint8Array(Buffer.from(signed.body.signatures[0], 'base64'));

    const info = await csc(
      t,
      'smartca',
      'credentials/info',
      { credentialID, certificates: 'chain' },
      { token },
    );
    const [certificate, ...chain] = info.body.cert.certificates.map(
      (b64: string) => new Uint8Array(Buffer.from(b64, 'base64')),
    );
    const publicKey = createPublicKey({
      key: Buffer.from(new x509.X509Certificate(certificate).publicKey.rawData),
      format: 'der',
      type: 'spki',
    });
    const issued = await t.world.signatures.verifySignedChallenge({
      challengeId,
      signature,
      certificate,
      chain,
    });
    assert.ok(issued.ok, JSON.stringify(issued));
    assert.equal(issued.value.kind === 'citizen' && issued.value.idNumber, ID);
    assert.equal(verify('sha256', nonce, publicKey, signature), true, 'PKCS#1 v1.5 over the nonce');

    // The SAD is spent: a second signature with it is refused.
    const again = await csc(
      t,
      'smartca',
      'signatures/signHash',
      { credentialID, SAD: approved.body.SAD, hashes: [hash], signAlgo: SHA256_RSA },
      { token },
    );
    assert.equal(again.status, 400);
    assert.equal(again.body.error, 'invalid_request');
  });

  it('a SAD signs only the hashes the user approved', async () => {
    const { responseID } = await authorizeNonce();
    t.signing.signingApp.answer(PHONE, responseID, { pin: '4321' });
    const { body } = await csc(t, 'smartca', 'credentials/authorizeCheck', { responseID }, { token });
    const other = createHash('sha256').update('something else').digest('base64');
    const refused = await csc(
      t,
      'smartca',
      'signatures/signHash',
      { credentialID, SAD: body.SAD, hashes: [other], signAlgo: SHA256_RSA },
      { token },
    );
    assert.equal(refused.status, 400);
  });

  it('Decline in the app: access_denied; nothing to sign', async () => {
    const { responseID } = await authorizeNonce();
    assert.deepEqual(t.signing.signingApp.answer(PHONE, responseID, { cancel: true }), {
      outcome: 'declined',
    });
    const declined = await csc(t, 'smartca', 'credentials/authorizeCheck', { responseID }, { token });
    assert.equal(declined.status, 400);
    assert.equal(declined.body.error, 'access_denied');
  });

  it('no answer within 2 minutes: expired_token, and the notification leaves the app', async () => {
    const { responseID } = await authorizeNonce();
    t.world.clock.advance(119_000);
    assert.equal(
      (await csc(t, 'smartca', 'credentials/authorizeCheck', { responseID }, { token })).body.status,
      'pending',
    );
    t.world.clock.advance(1_000);
    const expired = await csc(t, 'smartca', 'credentials/authorizeCheck', { responseID }, { token });
    assert.equal(expired.status, 400);
    assert.equal(expired.body.error, 'expired_token');
    assert.deepEqual(t.signing.signingApp.pending(PHONE), []);
    assert.deepEqual(t.signing.signingApp.answer(PHONE, responseID, { pin: '4321' }), {
      outcome: 'not_found',
    });
  });

  it('a certificate revoked at the test PKI fails the pipeline with CERTIFICATE_REVOKED', async () => {
    const created = await addUser(t, {
      provider: 'mysign',
      idNumber: '079088005555',
      fullName: 'Phạm Văn Đức',
      phoneNumber: '0903555666',
      pin: '1111',
    });
    assert.equal(await t.world.pki.revoke(created.body.serialNumber), 'revoked');
    const mysignToken = await accessToken(t, 'mysign');
    const issued = await t.world.signatures.issueChallenge();
    assert.ok(issued.ok);
    const hash = createHash('sha256').update(Buffer.from(issued.value.nonce, 'base64')).digest('base64');
    const id = created.body.credentialID;
    const { body } = await csc(
      t,
      'mysign',
      'credentials/authorize',
      { credentialID: id, numSignatures: 1, hashes: [hash], operationMode: 'A' },
      { token: mysignToken },
    );
    t.signing.signingApp.answer('+84903555666', body.responseID, { pin: '1111' });
    const check = await csc(
      t,
      'mysign',
      'credentials/authorizeCheck',
      { responseID: body.responseID },
      { token: mysignToken },
    );
    const signed = await csc(
      t,
      'mysign',
      'signatures/signHash',
      {
        credentialID: id,
        SAD: check.body.SAD,
        hashes: [hash],
        hashAlgorithmOID: SHA256,
        signAlgo: '1.2.840.113549.1.1.1',
      },
      { token: mysignToken },
    );
    const info = await csc(
      t,
      'mysign',
      'credentials/info',
      { credentialID: id, certificates: 'chain' },
      { token: mysignToken },
    );
    const [certificate, ...chain] = info.body.cert.certificates.map(
      (b64: string) => new Uint8Array(Buffer.from(b64, 'base64')),
    );
    const outcome = await t.world.signatures.verifySignedChallenge({
      challengeId: issued.value.challengeId,
      signature: new Uint8Array(Buffer.from(signed.body.signatures[0], 'base64')),
      certificate,
      chain,
    });
    assert.equal(!outcome.ok && outcome.failure.code, 'CERTIFICATE_REVOKED');
  });

  it('bad requests are invalid_request: synchronous mode, an unknown field, a hash that is not SHA-256', async () => {
    const hash = createHash('sha256').update('n').digest('base64');
    const sync = await csc(
      t,
      'smartca',
      'credentials/authorize',
      { credentialID, numSignatures: 1, hashes: [hash], operationMode: 'S' },
      { token },
    );
    assert.equal(sync.status, 400);
    const unknownField = await csc(
      t,
      'smartca',
      'credentials/authorize',
      { credentialID, numSignatures: 1, hashes: [hash], operationMode: 'A', pin: '4321' },
      { token, raw: true },
    );
    assert.equal(unknownField.status, 400);
    assert.equal(unknownField.body.error, 'invalid_request');
    const short = await csc(
      t,
      'smartca',
      'credentials/authorize',
      { credentialID, numSignatures: 1, hashes: ['AAAA'], operationMode: 'A' },
      { token },
    );
    assert.equal(short.status, 400);
  });

  it('outage switch: 503 temporarily_unavailable with Retry-After on every method; latency delays answers', async () => {
    await fetch(`${t.url}/sim/remote-signing/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"down":true}',
    });
    const down = await csc(t, 'smartca', 'credentials/list', { userID: ID }, { token });
    assert.equal(down.status, 503);
    assert.equal(down.body.error, 'temporarily_unavailable');
    assert.equal(down.headers.get('retry-after'), '30');
    await fetch(`${t.url}/sim/remote-signing/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"down":false}',
    });
    await fetch(`${t.url}/sim/remote-signing/latency`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"ms":300}',
    });
    const started = Date.now();
    assert.equal((await csc(t, 'smartca', 'info', {})).status, 200);
    assert.ok(Date.now() - started >= 290);
    await fetch(`${t.url}/sim/remote-signing/latency`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"ms":0}',
    });
  });

  it('the dev API refuses a user it cannot create', async () => {
    const refused = await addUser(t, {
      provider: 'other',
      idNumber: '1',
      fullName: '',
      phoneNumber: 'x',
      pin: '12',
    });
    assert.equal(refused.status, 422);
    assert.equal(refused.body.details.length, 5);
  });
});
