/**
 * The CSC adapter against the remote-signing simulators over real HTTP (test/remote-signing/support.ts: both
 * providers, their keys certified by a real test PKI): the credential found by ID number with its certificate
 * and chain, an authorisation approved in the provider's app then signHash, whose bare signature passes the hub's
 * signature pipeline; declined and lapsed authorisations; no credential; an outage answered "unavailable" fast;
 * wrong client credentials; a second provider kept apart.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import pino from 'pino';
import { CLIENTS, type CscWorld, startCscWorld } from '../../../test/remote-signing/support.ts';
import { x509 } from '../pki/engine.ts';
import { createCscRemoteSigningService } from './csc-remote-signing-service.ts';

const ID = '079088004321';
const PHONE = '+84903222333';
const context = { requestId: 'test' };
const sha256 = (data: Uint8Array) => new Uint8Array(createHash('sha256').update(data).digest());

describe('CSC remote-signing adapter over the simulators', () => {
  let t: CscWorld;
  let adapter: ReturnType<typeof createCscRemoteSigningService>;
  before(async () => {
    t = await startCscWorld();
    await t.signing.service.addUser({
      provider: 'smartca',
      idNumber: ID,
      fullName: 'Trần Văn Bình',
      phoneNumber: PHONE,
      pin: '2468',
    });
    adapter = createCscRemoteSigningService({
      providers: {
        smartca: { baseUrl: `${t.url}/rssp/smartca`, ...CLIENTS.smartca },
        mysign: { baseUrl: `${t.url}/rssp/mysign/`, ...CLIENTS.mysign },
      },
      timeoutMs: 2000,
      now: () => t.world.clock.now(),
      logger: pino({ level: 'silent' }),
    });
  });
  after(() => t.close());

  /** A challenge of the pipeline, its hash asked to be approved. */
  async function authorize() {
    const found = await adapter.findCredential('smartca', ID, context);
    assert.equal(found.outcome, 'found');
    const issued = await t.world.signatures.issueChallenge();
    assert.ok(issued.ok);
    const hash = sha256(new Uint8Array(Buffer.from(issued.value.nonce, 'base64')));
    const asked = await adapter.authorize(
      'smartca',
      found.credential.credentialId,
      { hash, description: 'Đăng ký tài khoản DVC — mã K7PQ' },
      context,
    );
    assert.equal(asked.outcome, 'requested');
    return {
      credential: found.credential,
      challengeId: issued.value.challengeId,
      hash,
      responseId: asked.responseId,
    };
  }

  it('finds the credential by ID number with the certificate naming that citizen and its issuing chain', async () => {
    assert.deepEqual(adapter.providers, ['smartca', 'mysign']);
    const found = await adapter.findCredential('smartca', ID, context);
    assert.equal(found.outcome, 'found');
    const certificate = new x509.X509Certificate(found.credential.certificate);
    assert.match(certificate.subject, new RegExp(`CCCD:${ID}`));
    assert.equal(found.credential.chain.length, 1);
    assert.equal(new x509.X509Certificate(found.credential.chain[0]!).subject, certificate.issuer);
    assert.deepEqual(
      await adapter.findCredential('mysign', ID, context),
      { outcome: 'none' },
      'per provider',
    );
    assert.deepEqual(await adapter.findCredential('smartca', '079088009999', context), { outcome: 'none' });
    assert.deepEqual(await adapter.findCredential('acme', ID, context), { outcome: 'unavailable' });
  });

  it('approved in the app with the PIN: the SAD signs the hash, and the pipeline accepts the signature', async () => {
    const asked = await authorize();
    assert.deepEqual(await adapter.checkAuthorization('smartca', asked.responseId, context), {
      outcome: 'pending',
    });
    const [shown] = t.signing.signingApp.pending(PHONE);
    assert.equal(shown?.text, 'Đăng ký tài khoản DVC — mã K7PQ');
    assert.equal(shown?.provider, 'smartca');
    assert.deepEqual(t.signing.signingApp.answer(PHONE, asked.responseId, { pin: '2468' }), {
      outcome: 'approved',
    });
    const approved = await adapter.checkAuthorization('smartca', asked.responseId, context);
    assert.equal(approved.outcome, 'approved');
    const signed = await adapter.signHash(
      'smartca',
      { credentialId: asked.credential.credentialId, sad: approved.sad, hash: asked.hash },
      context,
    );
    assert.equal(signed.outcome, 'signed');
    const verified = await t.world.signatures.verifySignedChallenge({
      challengeId: asked.challengeId,
      signature: signed.signature,
      certificate: asked.credential.certificate,
      chain: asked.credential.chain,
    });
    assert.ok(verified.ok, JSON.stringify(!verified.ok && verified.failure));
    assert.equal(verified.value.kind === 'citizen' && verified.value.idNumber, ID);
    const again = await adapter.signHash(
      'smartca',
      { credentialId: asked.credential.credentialId, sad: approved.sad, hash: asked.hash },
      context,
    );
    assert.deepEqual(again, { outcome: 'refused' }, 'the SAD is single use');
  });

  it('declined in the app is declined; left unanswered past its window is expired', async () => {
    const declined = await authorize();
    t.signing.signingApp.answer(PHONE, declined.responseId, { cancel: true });
    assert.deepEqual(await adapter.checkAuthorization('smartca', declined.responseId, context), {
      outcome: 'declined',
    });
    const lapsed = await authorize();
    t.world.clock.advance(121_000);
    assert.deepEqual(await adapter.checkAuthorization('smartca', lapsed.responseId, context), {
      outcome: 'expired',
    });
  });

  it('a provider down is unavailable for every call, and answers again once it is back', async () => {
    t.signing.faults.down = true;
    try {
      assert.deepEqual(await adapter.findCredential('smartca', ID, context), { outcome: 'unavailable' });
      assert.deepEqual(await adapter.checkAuthorization('smartca', 'x'.repeat(24), context), {
        outcome: 'unavailable',
      });
    } finally {
      t.signing.faults.down = false;
    }
    assert.equal((await adapter.findCredential('smartca', ID, context)).outcome, 'found');
  });

  it('refused client credentials are unavailable (never a citizen’s refusal)', async () => {
    const wrong = createCscRemoteSigningService({
      providers: {
        smartca: { baseUrl: `${t.url}/rssp/smartca`, clientId: 'dichvucong-hub', clientSecret: 'nope' },
      },
      timeoutMs: 2000,
      now: () => t.world.clock.now(),
      logger: pino({ level: 'silent' }),
    });
    assert.deepEqual(await wrong.findCredential('smartca', ID, context), { outcome: 'unavailable' });
  });

  it('asks for a new token once when the provider no longer knows the one it holds', async () => {
    // This adapter's clock stands still, so it keeps its token; the provider lets it lapse after an hour and
    // answers 401 invalid_token: the adapter asks for a new one and the call goes through.
    const frozen = new Date(t.world.clock.now().getTime());
    const kept = createCscRemoteSigningService({
      providers: { smartca: { baseUrl: `${t.url}/rssp/smartca`, ...CLIENTS.smartca } },
      timeoutMs: 2000,
      now: () => frozen,
      logger: pino({ level: 'silent' }),
    });
    assert.equal((await kept.findCredential('smartca', ID, context)).outcome, 'found');
    t.world.clock.advance(3_601_000);
    assert.equal((await kept.findCredential('smartca', ID, context)).outcome, 'found');
  });
});

describe('CSC remote-signing adapter: answers that break the CSC schemas', () => {
  it('a provider whose answers do not match the schemas is unavailable, never read', async () => {
    // A provider that speaks OAuth correctly, then answers credentials/list and authorizeCheck out of the schema.
    const app = Fastify();
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_request, body, done) => done(null, body),
    );
    app.post('/p/csc/v2/info', async () => ({
      specs: '2.0.0.2',
      name: 'odd',
      authType: ['oauth2client'],
      methods: [],
    }));
    app.post('/p/oauth2/token', async () => ({
      access_token: 'token-of-sixteen-chars',
      token_type: 'Bearer',
      expires_in: 60,
    }));
    app.post('/p/csc/v2/credentials/list', async () => ({ credentialIDs: 'not-an-array' }));
    // A valid info answer: without the list's check, the adapter would go on and "find" a credential.
    app.post('/p/csc/v2/credentials/info', async () => ({
      key: { status: 'enabled', algo: ['1.2.840.113549.1.1.11'] },
      cert: { status: 'valid', certificates: ['AAAA'] },
    }));
    app.post('/p/csc/v2/credentials/authorizeCheck', async () => ({ status: 'approved' }));
    app.post('/p/csc/v2/signatures/signHash', async () => ({ signatures: ['***'] }));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const adapter = createCscRemoteSigningService({
        providers: {
          odd: { baseUrl: `${url.replace('localhost', '127.0.0.1')}/p`, clientId: 'hub', clientSecret: 'x' },
        },
        timeoutMs: 2000,
        now: () => new Date(),
        logger: pino({ level: 'silent' }),
      });
      assert.deepEqual(await adapter.findCredential('odd', ID, context), { outcome: 'unavailable' });
      assert.deepEqual(
        await adapter.checkAuthorization('odd', 'r', context),
        { outcome: 'unavailable' },
        'approved without a SAD',
      );
      assert.deepEqual(
        await adapter.signHash('odd', { credentialId: 'c', sad: 's', hash: new Uint8Array(32) }, context),
        { outcome: 'unavailable' },
      );
    } finally {
      await app.close();
    }
  });
});
