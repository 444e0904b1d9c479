/**
 * Contract tests of the carrier network simulator over real HTTP: each CAMARA API with valid and invalid
 * requests, compared with the CAMARA definitions (status, code, body schema, x-correlator); MNP; dev API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { databaseVariants } from '../../../test/support/databases.ts';
import { ManualClock } from '../../usecases/ports/clock.ts';
import { type CamaraValidator, createCamaraValidator } from './camara-validation.ts';
import { SIM_ON_LINKED_OLD_CMND, SIM_ON_UNLINKED_CMND } from './demo-identities.ts';
import { type CarrierNetwork, createCarrierNetwork, devCarrierClients } from './index.ts';
import { createRegistry } from './registry.ts';
import type { CarrierTables } from './schema.ts';

const clients = devCarrierClients('contract-test');

for (const variant of databaseVariants) {
  describe(`carrier network contract (${variant.name})`, { skip: variant.skip }, () => {
    const clock = new ManualClock('2026-06-01T08:00:00Z');
    let app: FastifyInstance;
    let base: string;
    let network: CarrierNetwork;
    let drop: () => Promise<void>;
    let camara: CamaraValidator;

    before(async () => {
      const opened = await variant.open();
      drop = opened.drop;
      network = await createCarrierNetwork({
        database: opened.database,
        clients,
        now: () => clock.now(),
        devApi: true,
        tokenTtlSeconds: 600,
      });
      app = Fastify();
      await app.register(network.plugin);
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      camara = await createCamaraValidator();
      const subscriber = (phoneNumber: string, extra: Record<string, unknown> = {}) =>
        network.upsertSubscriber({
          phoneNumber,
          fullName: 'Nguyễn Văn An',
          birthDate: '1990-05-17',
          idType: 'CCCD',
          idNumber: '001090012345',
          idIssueDate: '2021-06-01',
          idIssuePlace: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
          ...extra,
        });
      await subscriber('+84961000001');
      await subscriber('+84961000002', { status: 'inactive' });
      await subscriber('+84961000003', {
        simChangedAt: new Date(clock.now().getTime() - 3_600_000).toISOString(),
      });
      await subscriber('+84961000004', {
        simChangedAt: new Date(clock.now().getTime() - 30 * 86_400_000).toISOString(),
      });
      await subscriber('+84912000005', { carrier: 'viettel' });
    });
    after(async () => {
      await app.close();
      await drop();
    });

    async function token(carrier: string, credentials = clients[carrier as keyof typeof clients]) {
      const response = await fetch(`${base}/carriers/${carrier}/oauth2/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`,
        },
        body: 'grant_type=client_credentials',
      });
      return {
        status: response.status,
        body: (await response.json()) as { access_token: string; token_type: string; expires_in: number },
      };
    }

    async function call(
      carrier: string,
      path: string,
      body: unknown,
      bearer?: string,
      correlator = 'corr-123',
    ) {
      const response = await fetch(`${base}/carriers/${carrier}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-correlator': correlator,
          ...(bearer && { authorization: `Bearer ${bearer}` }),
        },
        body: JSON.stringify(body),
      });
      assert.equal(response.headers.get('x-correlator'), correlator, 'x-correlator echoed');
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    }

    const operationOf = (path: string) =>
      (path.includes('kyc')
        ? 'KYC_Match'
        : path.endsWith('check')
          ? 'checkSimSwap'
          : 'retrieveSimSwapDate') as 'KYC_Match';

    async function expectCamara(
      carrier: string,
      path: string,
      body: unknown,
      bearer: string | undefined,
      status: number,
      code?: string,
    ) {
      const answer = await call(carrier, path, body, bearer);
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      assert.equal(
        camara.responseProblem(operationOf(path), answer.body, status),
        undefined,
        `fits the CAMARA schema: ${JSON.stringify(answer.body)}`,
      );
      if (code) assert.equal(answer.body.code, code);
      return answer.body;
    }

    const KYC = '/kyc-match/v0.4/match';
    const SWAP = '/sim-swap/v2/check';
    const match = {
      phoneNumber: '+84961000001',
      idDocument: '001090012345',
      name: 'NGUYEN VAN AN',
      birthdate: '1990-05-17',
    };

    it('issues OAuth2 client-credentials tokens only for the right client', async () => {
      const issued = await token('viettel');
      assert.equal(issued.status, 200);
      assert.equal(issued.body.token_type, 'Bearer');
      assert.equal(issued.body.expires_in, 600);
      assert.equal((await token('viettel', clients.mobifone)).status, 401);
    });

    it('KYC Match: all "true" for the owner, strings not booleans', async () => {
      const { body: t } = await token('viettel');
      const body = await expectCamara('viettel', KYC, match, t.access_token, 200);
      assert.deepEqual(body, { idDocumentMatch: 'true', nameMatch: 'true', birthdateMatch: 'true' });
    });

    it('KYC Match: "false" with a Jaro-Winkler score only on a differing name; birth date and ID exact', async () => {
      const { body: t } = await token('viettel');
      const name = await expectCamara(
        'viettel',
        KYC,
        { ...match, name: 'Nguyễn Văn Anh' },
        t.access_token,
        200,
      );
      assert.equal(name.nameMatch, 'false');
      assert.ok(
        typeof name.nameMatchScore === 'number' && name.nameMatchScore > 80 && name.nameMatchScore <= 99,
      );
      const other = await expectCamara(
        'viettel',
        KYC,
        { ...match, birthdate: '1990-05-18', idDocument: '001090012346' },
        t.access_token,
        200,
      );
      assert.deepEqual(other, { idDocumentMatch: 'false', nameMatch: 'true', birthdateMatch: 'false' });
      assert.ok(!('birthdateMatchScore' in other));
    });

    it('KYC Match errors: 400 INVALID_ARGUMENT, INVALID_PARAM_COMBINATION, 401, 404, 422 inactive, 503 outage', async () => {
      const { body: t } = await token('viettel');
      await expectCamara(
        'viettel',
        KYC,
        { ...match, phoneNumber: '0961000001' },
        t.access_token,
        400,
        'INVALID_ARGUMENT',
      );
      await expectCamara(
        'viettel',
        KYC,
        { phoneNumber: '+84961000001' },
        t.access_token,
        400,
        'KNOW_YOUR_CUSTOMER.INVALID_PARAM_COMBINATION',
      );
      await expectCamara('viettel', KYC, match, undefined, 401, 'UNAUTHENTICATED');
      await expectCamara('viettel', KYC, match, 'forged-token', 401, 'UNAUTHENTICATED');
      const { body: other } = await token('mobifone');
      await expectCamara('viettel', KYC, match, other.access_token, 401, 'UNAUTHENTICATED');
      await expectCamara(
        'viettel',
        KYC,
        { ...match, phoneNumber: '+84961999999' },
        t.access_token,
        404,
        'IDENTIFIER_NOT_FOUND',
      );
      await expectCamara(
        'viettel',
        KYC,
        { ...match, phoneNumber: '+84961000002' },
        t.access_token,
        422,
        'SERVICE_NOT_APPLICABLE',
      );
      network.setOutage('viettel', true);
      try {
        await expectCamara('viettel', KYC, match, t.access_token, 503, 'UNAVAILABLE');
      } finally {
        network.setOutage('viettel', false);
      }
    });

    it('tokens expire by the clock', async () => {
      const { body: t } = await token('viettel');
      clock.advance(601_000);
      await expectCamara('viettel', KYC, match, t.access_token, 401, 'UNAUTHENTICATED');
    });

    it('SIM Swap check: swapped 1 h ago is true within 72 h, 30 days ago is false; invalid maxAge is 400', async () => {
      const { body: t } = await token('viettel');
      assert.deepEqual(
        await expectCamara('viettel', SWAP, { phoneNumber: '+84961000003', maxAge: 72 }, t.access_token, 200),
        { swapped: true },
      );
      assert.deepEqual(
        await expectCamara('viettel', SWAP, { phoneNumber: '+84961000004', maxAge: 72 }, t.access_token, 200),
        { swapped: false },
      );
      assert.deepEqual(
        await expectCamara('viettel', SWAP, { phoneNumber: '+84961000001', maxAge: 72 }, t.access_token, 200),
        { swapped: false },
      );
      await expectCamara(
        'viettel',
        SWAP,
        { phoneNumber: '+84961000001', maxAge: 0 },
        t.access_token,
        400,
        'INVALID_ARGUMENT',
      );
      const date = await expectCamara(
        'viettel',
        '/sim-swap/v2/retrieve-date',
        { phoneNumber: '+84961000003' },
        t.access_token,
        200,
      );
      assert.equal(typeof date.latestSimChange, 'string');
    });

    it('a ported number is answered by its new carrier and unknown at the old one; MNP says who serves it', async () => {
      const { body: viettel } = await token('viettel');
      const { body: vinaphone } = await token('vinaphone');
      const ported = { ...match, phoneNumber: '+84912000005' };
      await expectCamara('viettel', KYC, ported, viettel.access_token, 200);
      await expectCamara('vinaphone', KYC, ported, vinaphone.access_token, 404, 'IDENTIFIER_NOT_FOUND');
      const mnp = await (await fetch(`${base}/mnp/v1/numbers/0912000005`)).json();
      assert.deepEqual(mnp, {
        phoneNumber: '+84912000005',
        carrier: 'viettel',
        allocatedCarrier: 'vinaphone',
        ported: true,
      });
      const plain = await (await fetch(`${base}/mnp/v1/numbers/%2B84912345000`)).json();
      assert.deepEqual(plain, {
        phoneNumber: '+84912345000',
        carrier: 'vinaphone',
        allocatedCarrier: 'vinaphone',
        ported: false,
      });
      assert.equal((await fetch(`${base}/mnp/v1/numbers/0241234567`)).status, 400);
    });

    it('dev API: creates, reads and refuses bad subscribers without a 5xx', async () => {
      const created = await fetch(`${base}/sim/subscribers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          phoneNumber: '0987000111',
          fullName: 'Lê Thị Mai',
          birthDate: '1985-02-03',
          idType: 'CMND',
          idNumber: '012345678',
          idIssueDate: '2010-01-01',
          idIssuePlace: 'Công an Hà Nội',
        }),
      });
      assert.equal(created.status, 201);
      const read = (await (await fetch(`${base}/sim/subscribers/0987000111`)).json()) as Record<
        string,
        unknown
      >;
      assert.equal(read.carrier, 'viettel');
      assert.equal(read.idType, 'CMND');
      assert.equal((await fetch(`${base}/sim/subscribers/0987000999`)).status, 404);
      const bad = await fetch(`${base}/sim/subscribers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phoneNumber: 'x', idType: 'DRIVING' }),
      });
      assert.equal(bad.status, 422);
      assert.equal(
        (
          await fetch(`${base}/sim/carriers/nope/outage`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"down":true}',
          })
        ).status,
        404,
      );
    });

    it('seeds a deterministic population of at least 1,000 subscribers once, with demo identities', async () => {
      const demo = await network.seed({ count: 1200 });
      const again = await network.seed({ count: 1200 });
      assert.deepEqual(demo, again);
      assert.equal(demo.length, 7);
      const { body: t } = await token('viettel');
      for (const identity of demo.slice(0, 1)) {
        const mnp = (await (
          await fetch(`${base}/mnp/v1/numbers/${encodeURIComponent(identity.phoneNumber)}`)
        ).json()) as { carrier: string };
        const { body: carrierToken } = mnp.carrier === 'viettel' ? { body: t } : await token(mnp.carrier);
        const answer = await call(
          mnp.carrier,
          KYC,
          {
            phoneNumber: identity.phoneNumber,
            idDocument: identity.idNumber,
            name: identity.fullName,
            birthdate: identity.birthDate,
          },
          carrierToken.access_token,
        );
        assert.deepEqual(answer.body, { idDocumentMatch: 'true', nameMatch: 'true', birthdateMatch: 'true' });
      }
    });

    it('seeds the SIMs registered to a CMND: the carrier matches the person but not their CCCD', async () => {
      await network.seed({ count: 1200 });
      for (const identity of [SIM_ON_LINKED_OLD_CMND, SIM_ON_UNLINKED_CMND]) {
        const held = (await (
          await fetch(`${base}/sim/subscribers/${encodeURIComponent(identity.phoneNumber)}`)
        ).json()) as { carrier: string; idType: string; idNumber: string };
        assert.deepEqual([held.idType, held.idNumber], ['CMND', identity.simIdNumber]);
        const { body: carrierToken } = await token(held.carrier);
        const kyc = async (idDocument: string) =>
          (
            await call(
              held.carrier,
              KYC,
              {
                phoneNumber: identity.phoneNumber,
                idDocument,
                name: identity.fullName,
                birthdate: identity.birthDate,
              },
              carrierToken.access_token,
            )
          ).body;
        const samePerson = { nameMatch: 'true', birthdateMatch: 'true' };
        assert.deepEqual(await kyc(identity.idNumber), { idDocumentMatch: 'false', ...samePerson });
        assert.deepEqual(await kyc(held.idNumber), { idDocumentMatch: 'true', ...samePerson });
      }
    });

    it('seeds a registry that already holds as many subscribers of an earlier seed', async () => {
      const opened = await variant.open();
      try {
        const earlier = await createCarrierNetwork({ database: opened.database, clients, devApi: false });
        for (let i = 0; i < 60; i++)
          await earlier.upsertSubscriber({
            phoneNumber: `+8497100${String(i).padStart(4, '0')}`,
            fullName: 'Nguyễn Văn An',
            birthDate: '1990-05-17',
            idType: 'CCCD',
            idNumber: '001090012345',
            idIssueDate: '2021-06-01',
            idIssuePlace: 'Bộ Công an',
          });
        const demo = await earlier.seed({ count: 50 });
        assert.ok(demo.length > 0);
        const registry = createRegistry(opened.database.as<CarrierTables>(), () => clock.now());
        assert.equal(await registry.count(), 110);
        for (const identity of demo) assert.ok(await registry.byPhone(identity.phoneNumber), identity.shows);
      } finally {
        await opened.drop();
      }
    });
  });
}
