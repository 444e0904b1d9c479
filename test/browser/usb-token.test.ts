/**
 * The USB token in a real browser, through the real local signing agent (its own process, its SoftHSM2 demo
 * token certified by the hub's test PKI) over its WebSocket with TLS on loopback: register the demo citizen and
 * the demo business (vi, 360 px), sign in with the token and see the organisation on the account page (en,
 * 1280 px), a wrong PIN and an unplugged token said clearly, and the page without JavaScript. Every page is
 * screenshotted and checked with axe-core (WCAG 2.2 AA) where JavaScript runs. The agent's self-signed TLS
 * certificate is accepted as a citizen accepts it once (ignoreHTTPSErrors); the page comes from loopback, so
 * Chromium's Local Network Access does not ask.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { request } from 'node:https';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { freePort } from '../../src/dev/portals.ts';
import { demoHolders } from '../../src/simulators/signing-agent/demo.ts';
import { type AgentProcess, startAgentProcess } from '../signing-agent/agent-process.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';
import { CHROMIUM, checkPage, launchChromium, type Viewing } from './browser.ts';
import { captchaAnswer, submit } from './page-actions.ts';

const skip = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is not installed (apt-get install -y chromium)`
  : !existsSync('/usr/lib/softhsm/libsofthsm2.so')
    ? 'SoftHSM2 is not installed (apt-get install -y softhsm2)'
    : undefined;

const PIN = '24681357';
const [CITIZEN, BUSINESS] = demoHolders().map((holder) => holder.request) as unknown as [
  { idNumber: string; fullName: string },
  { taxCode: string; organisationName: string },
];

describe('USB token in Chromium, through the local signing agent', { skip, concurrency: false }, () => {
  let system: TestSystem;
  let agent: AgentProcess;
  let browser: Browser;

  before(async () => {
    const agentPort = await freePort();
    system = await startTestSystem('embedded', { SIGNING_AGENT_URL: `wss://127.0.0.1:${agentPort}/plugin` });
    agent = await startAgentProcess({
      pkiUrl: system.url,
      allowedOrigins: [system.url],
      pin: PIN,
      env: { SIGNING_AGENT_PORT: String(agentPort) },
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await agent?.stop().catch(() => undefined);
    await system?.close();
  });

  async function newPage(viewing: Viewing) {
    const context = await browser.newContext({
      viewport: { width: viewing.width, height: viewing.height },
      javaScriptEnabled: viewing.javaScript,
      // axe-core is injected by the test, which the hub's CSP would refuse; the CSP itself is tested over HTTP.
      bypassCSP: true,
      ignoreHTTPSErrors: true,
      locale: viewing.lang === 'en' ? 'en-GB' : 'vi-VN',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    if (viewing.lang === 'en') await page.goto(`${system.url}/language/en?next=/`);
    return { context, page, check: (step: string) => checkPage(page, viewing, `usb-${step}`) };
  }

  /** Finds the token's certificates, chooses the one naming `holder`, signs with `pin`. */
  async function sign(page: Page, holder: string, pin = PIN) {
    await page.locator('[data-usb-list] label', { hasText: holder }).waitFor();
    await page.locator('[data-usb-list] label', { hasText: holder }).click();
    await page.locator('#usb-pin').fill(pin);
    await page.locator('[data-usb-sign]').click();
  }

  /** Plugs the demo token in or out (the agent's dev switch, over its own TLS). */
  const plugged = (present: boolean) =>
    new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ present });
      const outgoing = request(
        `${agent.httpsUrl}/dev/token`,
        {
          method: 'POST',
          ca: agent.tlsCertificate,
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  const vi: Viewing = { lang: 'vi', width: 360, height: 740, javaScript: true };
  const en: Viewing = { lang: 'en', width: 1280, height: 800, javaScript: true };

  it('registers the demo citizen and the demo business with the token (vi, 360 px)', async () => {
    const { context, page, check } = await newPage(vi);
    try {
      await page.goto(`${system.url}/register`);
      await page
        .getByRole('link', { name: /USB ký số/ })
        .first()
        .click();
      await page.waitForURL(/\/register\/usb-token$/);
      await page.locator('[data-usb-list] label').first().waitFor();
      assert.ok(await page.locator('[data-usb-nojs]').isHidden(), 'the no-JavaScript notice is hidden');
      await check('register-certificates');

      // A wrong PIN: said with the tries left; nothing signed.
      await sign(page, CITIZEN.fullName, '00000000');
      await page.locator('[data-usb-status]', { hasText: /Mã PIN không đúng.*4 lần/ }).waitFor();
      assert.ok(await page.locator('#certificate-form').isHidden());
      await check('register-wrong-pin');

      await sign(page, CITIZEN.fullName);
      await page.locator('[data-usb-identity]').waitFor();
      assert.equal((await page.locator('[data-usb-name]').textContent())?.trim(), CITIZEN.fullName);
      assert.equal((await page.locator('[data-usb-uid]').textContent())?.trim(), CITIZEN.idNumber);
      assert.match((await page.locator('[data-usb-issuer]').textContent()) ?? '', /VNPT/);
      await page.getByLabel('Ký tự trong ảnh', { exact: false }).fill(await captchaAnswer(system, page));
      await page.locator('#consent').check();
      await check('register-confirm');
      await submit(page, /^Đăng ký$/);
      assert.match(page.url(), /\/register\/usb-token\/done$/);
      assert.match((await page.locator('h1').textContent()) ?? '', /Đăng ký thành công/);
      await check('register-done');
      await page
        .getByRole('link', { name: /tài khoản/i })
        .first()
        .click();
      await page.waitForURL(/\/account$/);
      assert.ok(((await page.locator('body').textContent()) ?? '').includes(CITIZEN.idNumber));
      await submit(page, /Đăng xuất/);

      await page.goto(`${system.url}/register/usb-token`);
      await sign(page, BUSINESS.organisationName);
      await page.locator('[data-usb-identity]').waitFor();
      assert.equal((await page.locator('[data-usb-uid]').textContent())?.trim(), BUSINESS.taxCode);
      await page.getByLabel('Ký tự trong ảnh', { exact: false }).fill(await captchaAnswer(system, page));
      await page.locator('#consent').check();
      await submit(page, /^Đăng ký$/);
      assert.match(page.url(), /\/register\/usb-token\/done$/);
      await page
        .getByRole('link', { name: /tài khoản/i })
        .first()
        .click();
      await page.waitForURL(/\/account$/);
      const account = (await page.locator('body').textContent()) ?? '';
      assert.ok(account.includes(BUSINESS.taxCode), 'the tax code on the account page');
      await check('register-business-account');
    } finally {
      await context.close();
    }
  });

  it('signs in with the token and shows the organisation on the account page (en, 1280 px)', async () => {
    const { context, page, check } = await newPage(en);
    try {
      await page.goto(`${system.url}/sign-in`);
      await page.getByRole('link', { name: /digital certificate/i }).click();
      await page.waitForURL(/\/sign-in\/certificate$/);
      await page.locator('[data-usb-list] label').first().waitFor();
      await check('sign-in-certificates');
      await sign(page, BUSINESS.organisationName);
      await page.locator('[data-usb-identity]').waitFor();
      await check('sign-in-confirm');
      await submit(page, /^Sign in$/);
      await page.waitForURL(/\/account$/);
      const account = (await page.locator('body').textContent()) ?? '';
      assert.ok(account.includes(BUSINESS.taxCode), 'the tax code');
      await check('sign-in-account');

      // The token unplugged: said as such, with the way to search again.
      assert.equal(await plugged(false), 200);
      await page.goto(`${system.url}/account/certificates/new`);
      await page.locator('[data-usb-status]', { hasText: /No USB token found/ }).waitFor();
      await check('add-no-token');
    } finally {
      await plugged(true);
      await context.close();
    }
  });

  it('says without JavaScript what the page needs and offers the other methods (vi, 360 px)', async () => {
    const viewing: Viewing = { ...vi, javaScript: false };
    const { context, page, check } = await newPage(viewing);
    try {
      await page.goto(`${system.url}/register/usb-token`);
      const text = (await page.locator('body').textContent()) ?? '';
      assert.ok(text.includes('Trang này cần JavaScript'));
      assert.ok(text.includes('USB token'));
      assert.ok(await page.locator('#usb-signer').isHidden());
      assert.ok(await page.locator('#certificate-form').isHidden());
      assert.ok(await page.getByRole('link', { name: 'Chọn cách đăng ký khác' }).first().isVisible());
      await check('register-nojs');
    } finally {
      await context.close();
    }
  });

  it('says clearly when the agent is not running, with the local-network and certificate hints (en, 1280 px)', async () => {
    await agent.stop();
    const { context, page, check } = await newPage(en);
    try {
      await page.goto(`${system.url}/sign-in/certificate`);
      await page.locator('[data-usb-status]', { hasText: /could not be reached/ }).waitFor();
      assert.ok(await page.locator('[data-usb-unreachable]').isVisible(), 'the Local Network Access hint');
      assert.ok(await page.getByRole('link', { name: agent.httpsUrl }).first().isVisible());
      await check('agent-unreachable');
    } finally {
      await context.close();
    }
  });
});
