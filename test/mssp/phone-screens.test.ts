/**
 * The virtual phone's signing screens with the real MSSP and remote-signing simulators behind them: the JSON API
 * of methods.md (`/sim/phones/{p}/sim-toolkit`, `/signing-app`), and in Chromium the phone's page showing the SIM
 * Toolkit prompt and the app's notification with their display code, answered by plain form posts (no JavaScript),
 * in Vietnamese at 360 px and English at 1280 px, axe-clean. The partner then answers the caller accordingly.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { createMssp, type Mssp } from '../../src/simulators/mssp/index.ts';
import { phonesRoutes } from '../../src/simulators/phones/routes.ts';
import { VirtualPhones } from '../../src/simulators/phones/virtual-phones.ts';
import { createRemoteSigning, type RemoteSigning } from '../../src/simulators/remote-signing/index.ts';
import type { Smsc } from '../../src/simulators/smsc/server.ts';
import {
  CHROMIUM_MISSING,
  checkPage,
  launchChromium,
  openContext,
  type Viewing,
} from '../browser/browser.ts';
import { type PkiWorld, startPkiWorld } from '../pki/support/pki-world.ts';
import { accessToken, addUser, CLIENTS, csc } from '../remote-signing/support.ts';
import { AP, call, signatureRequest, statusRequest } from './support.ts';

const LOCAL = '0987654321';

interface World {
  pki: PkiWorld;
  mssp: Mssp;
  signing: RemoteSigning;
  url: string;
  app: FastifyInstance;
  client: Awaited<ReturnType<typeof import('soap').createClientAsync>>;
}

async function startWorld(): Promise<World> {
  const pki = await startPkiWorld();
  const now = () => pki.clock.now();
  const mssp = await createMssp({ issue: (r) => pki.pki.issue(r), applicationProviders: [AP], now });
  const signing = createRemoteSigning({ issue: (r) => pki.pki.issue(r), clients: CLIENTS, now });
  const app = Fastify();
  await app.register(phonesRoutes, {
    phones: new VirtualPhones({ now }),
    smsc: {} as Smsc,
    signing: { simToolkit: mssp.simToolkit, signingApp: signing.signingApp },
  });
  await app.register(mssp.soapRoutes);
  await app.register(mssp.devRoutes);
  await app.register(signing.routes);
  await app.register(signing.devRoutes);
  const url = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
  const soap = await import('soap');
  const { WSDL_FILE } = await import('../../src/simulators/mssp/soap.ts');
  const client = await soap.createClientAsync(WSDL_FILE, {
    forceSoap12Headers: true,
  } as import('soap').IOptions);
  await fetch(`${url}/sim/mssp/subscribers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      phoneNumber: LOCAL,
      idNumber: '001190054321',
      fullName: 'Đặng Thu Hà',
      pin: '2580',
    }),
  });
  await addUser(
    { url },
    {
      provider: 'mysign',
      idNumber: '001190054321',
      fullName: 'Đặng Thu Hà',
      phoneNumber: LOCAL,
      pin: '1470',
    },
  );
  return { pki, mssp, signing, url, app, client };
}

async function startSimSignature(w: World, code: string) {
  const answer = await call(
    w,
    'MSS_Signature',
    signatureRequest(LOCAL, 'AAAA', { display: `Đăng ký tài khoản DVC — mã ${code}` }),
  );
  assert.ok('result' in answer);
  return answer.result.MSS_SignatureResp.attributes.MSSP_TransID as string;
}

async function startAppApproval(w: World, code: string) {
  const token = await accessToken(w, 'mysign');
  const list = await csc(w, 'mysign', 'credentials/list', { userID: '001190054321' }, { token });
  const hash = Buffer.alloc(32, 7).toString('base64');
  const answer = await csc(
    w,
    'mysign',
    'credentials/authorize',
    {
      credentialID: list.body.credentialIDs[0],
      numSignatures: 1,
      hashes: [hash],
      description: `Đăng ký tài khoản DVC — mã ${code}`,
      operationMode: 'A',
    },
    { token },
  );
  return { token, responseID: answer.body.responseID as string };
}

describe('virtual phone signing screens: JSON API', () => {
  let w: World;
  before(async () => {
    w = await startWorld();
  });
  after(async () => {
    await w.app.close();
    await w.pki.close();
  });

  it('lists the SIM prompt and the app notification, and takes a PIN or a cancel as JSON', async () => {
    const id = await startSimSignature(w, 'Q7M4');
    const prompts = (await (await fetch(`${w.url}/sim/phones/${LOCAL}/sim-toolkit`)).json()) as Array<
      Record<string, string>
    >;
    assert.deepEqual(
      prompts.map((p) => [p.requestId, p.text]),
      [[id, 'Đăng ký tài khoản DVC — mã Q7M4']],
    );
    const post = (path: string, body: unknown) =>
      fetch(`${w.url}/sim/phones/${LOCAL}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    assert.equal((await post(`sim-toolkit/${id}`, { pin: '12' })).status, 422);
    assert.deepEqual(await (await post(`sim-toolkit/${id}`, { pin: '0000' })).json(), {
      outcome: 'wrong_pin',
      triesLeft: 2,
    });
    assert.deepEqual(await (await post(`sim-toolkit/${id}`, { pin: '2580' })).json(), { outcome: 'signed' });
    assert.equal((await post(`sim-toolkit/${id}`, { pin: '2580' })).status, 404, 'answered already');
    const status = await call(w, 'MSS_StatusQuery', statusRequest(id));
    assert.ok('result' in status);
    assert.equal(Number(status.result.MSS_StatusResp.Status.StatusCode.attributes.Value), 500);

    const { token, responseID } = await startAppApproval(w, 'Z2P8');
    const notifications = (await (await fetch(`${w.url}/sim/phones/${LOCAL}/signing-app`)).json()) as Array<
      Record<string, string>
    >;
    assert.deepEqual(
      notifications.map((n) => [n.requestId, n.provider, n.text]),
      [[responseID, 'mysign', 'Đăng ký tài khoản DVC — mã Z2P8']],
    );
    assert.deepEqual(await (await post(`signing-app/${responseID}`, { cancel: true })).json(), {
      outcome: 'declined',
    });
    const check = await csc(w, 'mysign', 'credentials/authorizeCheck', { responseID }, { token });
    assert.equal(check.body.error, 'access_denied');
  });
});

const skip = CHROMIUM_MISSING;

describe('virtual phone signing screens in Chromium', { skip, concurrency: false }, () => {
  let w: World;
  let browser: Browser;
  before(async () => {
    w = await startWorld();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await w.app.close();
    await w.pki.close();
  });

  const viewings: Viewing[] = [
    { lang: 'vi', width: 360, height: 740, javaScript: true },
    { lang: 'vi', width: 360, height: 740, javaScript: false },
    { lang: 'en', width: 1280, height: 800, javaScript: true },
  ];
  for (const viewing of viewings) {
    it(`${viewing.lang} ${viewing.width}px${viewing.javaScript ? '' : ' without JavaScript'}: prompt, wrong PIN, approve; notification, approve`, async () => {
      const code = `C${viewing.width}${viewing.javaScript ? 'J' : 'N'}`.slice(0, 4);
      const id = await startSimSignature(w, code);
      const { token, responseID } = await startAppApproval(w, code);
      const context = await openContext(browser, viewing);
      const page = await context.newPage();
      const t =
        viewing.lang === 'vi'
          ? {
              ok: 'OK',
              approve: 'Đồng ý ký',
              wrong: 'Sai mã PIN. Còn 2 lần thử.',
              signed: 'Đã ký.',
              approved: 'Đã đồng ý.',
              sim: 'Mã PIN ký số của SIM',
              app: 'Mã PIN ứng dụng',
            }
          : {
              ok: 'OK',
              approve: 'Approve',
              wrong: 'Wrong PIN. 2 tries left.',
              signed: 'Signed.',
              approved: 'Approved.',
              sim: 'SIM signature PIN',
              app: 'App PIN',
            };
      await page.goto(`${w.url}/sim/phones/${LOCAL}${viewing.lang === 'en' ? '?lang=en' : ''}`);
      const simPrompt = page.locator('#sim-toolkit article', { hasText: `mã ${code}` });
      const appPrompt = page.locator('#signing-app article', { hasText: `mã ${code}` });
      assert.equal(await simPrompt.count(), 1);
      assert.equal(await appPrompt.count(), 1);
      assert.match((await appPrompt.textContent()) ?? '', /Viettel MySign/);
      await checkPage(page, viewing, 'phone-signing-prompts');

      await simPrompt.getByLabel(t.sim).fill('9999');
      await Promise.all([
        page.waitForURL(/result=wrong_pin/),
        simPrompt.getByRole('button', { name: t.ok }).click(),
      ]);
      assert.match(
        (await page.locator('[role=status]').textContent()) ?? '',
        new RegExp(t.wrong.replace('.', '\\.')),
      );
      await checkPage(page, viewing, 'phone-signing-wrong-pin');
      await simPrompt.getByLabel(t.sim).fill('2580');
      await Promise.all([
        page.waitForURL(/result=signed/),
        simPrompt.getByRole('button', { name: t.ok }).click(),
      ]);
      assert.match((await page.locator('[role=status]').textContent()) ?? '', new RegExp(t.signed));
      assert.equal(await page.locator('#sim-toolkit article', { hasText: `mã ${code}` }).count(), 0);

      await appPrompt.getByLabel(t.app).fill('1470');
      await Promise.all([
        page.waitForURL(/result=approved/),
        appPrompt.getByRole('button', { name: t.approve }).click(),
      ]);
      assert.match((await page.locator('[role=status]').textContent()) ?? '', new RegExp(t.approved));
      assert.equal(await page.getAttribute('html', 'lang'), viewing.lang);
      await checkPage(page, viewing, 'phone-signing-answered');
      await context.close();

      const status = await call(w, 'MSS_StatusQuery', statusRequest(id));
      assert.ok('result' in status);
      assert.equal(Number(status.result.MSS_StatusResp.Status.StatusCode.attributes.Value), 500);
      assert.equal(
        (await csc(w, 'mysign', 'credentials/authorizeCheck', { responseID }, { token })).body.status,
        'approved',
      );
    });
  }
});
