/**
 * The hub's pages that a portal sends citizens to (issue 12), in Chromium: the sign-in form for a portal (and its
 * error), the step-up code page, the consent page, the account's connected services, registration from a portal
 * (chooser and done page), the sign-out question and the signed-out page, and a stale interaction. Vietnamese at
 * 360 px and English at 1280 px with axe-core (WCAG 2.2 AA) on every page, and Vietnamese at 360 px without
 * JavaScript; screenshots `hub-*`. The portal is openid-client's authorization URL and, for its redirect URI, a
 * small local server that answers anything.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { authorizationRequest, conformanceClientEnv, discover, RP_SECRET } from '../oidc/rp.ts';
import {
  codeSentTo,
  newIdentity,
  registerCompletely,
  registerSubscriber,
  STRONG_PASSWORD,
} from '../support/journey.ts';
import { call, startTestSystem, type TestSystem } from '../support/system.ts';
import { CHROMIUM_MISSING, checkPage, launchChromium, openContext, type Viewing } from './browser.ts';

const VIEWINGS: Viewing[] = [
  { lang: 'vi', width: 360, height: 740, javaScript: true },
  { lang: 'en', width: 1280, height: 800, javaScript: true },
  { lang: 'vi', width: 360, height: 740, javaScript: false },
];

const skip = CHROMIUM_MISSING;
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

describe('the hub pages a portal sends citizens to, in Chromium', { skip, concurrency: false }, () => {
  let system: TestSystem;
  let browser: Browser;
  let portal: Server;
  let portalUrl = '';
  const redirect = () => ({ redirect_uri: `${portalUrl}/auth/callback` });

  before(async () => {
    portal = createServer((_request, response) => response.end('portal'));
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
    portalUrl = `http://127.0.0.1:${(portal.address() as { port: number }).port}`;
    system = await startTestSystem(
      'embedded',
      conformanceClientEnv([
        {
          client_id: 'national',
          client_secret: RP_SECRET,
          redirect_uris: [`${portalUrl}/auth/callback`],
          post_logout_redirect_uris: [`${portalUrl}/`],
          first_party: true,
        },
      ]),
    );
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await system?.close();
    portal?.close();
  });

  for (const viewing of VIEWINGS) {
    const name = `${viewing.lang} ${viewing.width}px${viewing.javaScript ? '' : ' without JavaScript'}`;
    const en = viewing.lang === 'en';
    const words = {
      signIn: en ? 'Sign in' : 'Đăng nhập',
      confirm: en ? 'Confirm' : 'Xác nhận',
      allow: en ? 'Allow' : 'Cho phép',
      signOut: en ? 'Sign out' : 'Đăng xuất',
      sendCode: en ? 'Send the code' : 'Gửi mã OTP',
      finish: en ? 'Finish registration' : 'Hoàn tất đăng ký',
      continueTo: en
        ? 'to continue to National Public Service Portal'
        : 'để tiếp tục tới Cổng Dịch vụ công quốc gia',
      wrong: en ? 'The ID number or the password is not right.' : 'Số giấy tờ hoặc mật khẩu không đúng.',
      stepUp: en ? 'needs a higher assurance level' : 'yêu cầu mức bảo đảm cao hơn',
      consent: en
        ? 'Allow Ứng dụng Thử to receive your details'
        : 'Cho phép Ứng dụng Thử nhận thông tin của bạn',
      connected: en ? 'Connected services' : 'Dịch vụ đã kết nối',
      doneContinue: en
        ? 'Continue to National Public Service Portal'
        : 'Tiếp tục tới Cổng Dịch vụ công quốc gia',
      signOutQuestion: en ? 'Do you want to sign out' : 'Bạn có muốn đăng xuất',
      signedOut: en ? 'You have signed out' : 'Bạn đã đăng xuất',
      expired: en ? 'This sign-in request has expired' : 'Yêu cầu đăng nhập đã hết hạn',
    };
    const step = (what: string) => `hub-${what}`;

    /** A browser context in the viewing's language. */
    async function newPage(): Promise<{
      context: BrowserContext;
      page: Page;
      check: (what: string) => Promise<void>;
    }> {
      const context = await openContext(browser, viewing);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${system.url}/language/${viewing.lang}?next=/`);
      return { context, page, check: (what) => checkPage(page, viewing, step(what)) };
    }

    async function submit(page: Page, text: string) {
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        page.getByRole('button', { name: text, exact: true }).first().click(),
      ]);
    }

    const main = async (page: Page) => (await page.textContent('main')) ?? '';
    const atPortal = (page: Page) => new URL(page.url()).origin === portalUrl;

    async function aCitizen() {
      const identity = newIdentity();
      await registerSubscriber(system.url, identity);
      await registerCompletely(system.url, identity);
      return identity;
    }

    it(`sign-in for a portal, then step-up, then signing out: ${name}`, async () => {
      const identity = await aCitizen();
      const config = await discover(system.url, 'national');
      const { context, page, check } = await newPage();

      await page.goto((await authorizationRequest(config, redirect())).url.href);
      assert.ok((await main(page)).includes(words.continueTo), await main(page));
      await check('01-sign-in');
      await page.fill('#username', identity.idNumber);
      await page.fill('#password', 'Sai#MatKhau2024');
      await submit(page, words.signIn);
      assert.ok((await main(page)).includes(words.wrong));
      await check('02-sign-in-error');
      await page.fill('#password', STRONG_PASSWORD);
      await submit(page, words.signIn);
      assert.ok(atPortal(page), page.url());

      await page.goto((await authorizationRequest(config, { ...redirect(), acr_values: 'LoA2' })).url.href);
      assert.ok((await main(page)).includes(words.stepUp), await main(page));
      await check('03-step-up');
      await page.fill('#code', await codeSentTo(system.url, identity.phoneNumber, 2));
      await submit(page, words.confirm);
      assert.ok(atPortal(page), page.url());

      await page.goto(config.serverMetadata().end_session_endpoint ?? '');
      assert.ok((await main(page)).includes(words.signOutQuestion), await main(page));
      await check('04-sign-out');
      await submit(page, words.signOut);
      assert.ok((await main(page)).includes(words.signedOut), await main(page));
      await check('05-signed-out');
      await context.close();
    });

    it(`consent for a client that is not first-party, and the connected services: ${name}`, async () => {
      const identity = await aCitizen();
      const metadata = (
        await call<{ registration_endpoint: string }>(system.url, 'GET', '/.well-known/openid-configuration')
      ).body;
      const registered = await fetch(metadata.registration_endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_name: 'Ứng dụng Thử', redirect_uris: [`${portalUrl}/auth/callback`] }),
      });
      const client = (await registered.json()) as { client_id: string; client_secret: string };
      const config = await discover(system.url, client.client_id, client.client_secret);
      const { context, page, check } = await newPage();
      await page.goto(
        (await authorizationRequest(config, { ...redirect(), scope: 'openid profile citizen_id phone' })).url
          .href,
      );
      await page.fill('#username', identity.idNumber);
      await page.fill('#password', STRONG_PASSWORD);
      await submit(page, words.signIn);
      assert.ok((await main(page)).includes(words.consent), await main(page));
      await check('06-consent');
      await submit(page, words.allow);
      assert.ok(atPortal(page), page.url());
      await page.goto(`${system.url}/account`);
      assert.ok((await main(page)).includes(words.connected));
      await check('07-account-connected');
      await context.close();
    });

    it(`registration from a portal, and a stale interaction: ${name}`, async () => {
      const identity = newIdentity();
      await registerSubscriber(system.url, identity);
      const config = await discover(system.url, 'national');
      const { context, page, check } = await newPage();
      await page.goto((await authorizationRequest(config, { ...redirect(), prompt: 'create' })).url.href);
      assert.equal(new URL(page.url()).pathname, '/register');
      assert.ok((await main(page)).includes(words.continueTo), await main(page));
      await check('08-register-chooser');
      system.clock.set(new Date(Math.max(Date.now(), system.clock.now().getTime())));

      await page.goto(`${system.url}/register/mobile`);
      await page.fill('#idNumber', identity.idNumber);
      await page.fill('#fullName', identity.fullName);
      await page.fill('#birthDate', ddmmyyyy(identity.birthDate));
      await page.fill('#phoneNumber', identity.phoneNumber);
      const captchaId = await page.inputValue('input[name=captchaId]');
      const answer = await call<{ answer: string }>(system.url, 'GET', `/sim/captchas/${captchaId}`);
      await page.fill('#captchaAnswer', answer.body.answer);
      await page.locator('#consent').check();
      await submit(page, words.sendCode);
      await page.fill('#code', await codeSentTo(system.url, identity.phoneNumber));
      await submit(page, words.confirm);
      await page.fill('#password', STRONG_PASSWORD);
      await page.fill('#confirmPassword', STRONG_PASSWORD);
      await submit(page, words.finish);
      await check('09-register-done');
      const interaction = await page.getByRole('link', { name: words.doneContinue }).getAttribute('href');
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        page.getByRole('link', { name: words.doneContinue }).click(),
      ]);
      assert.ok(atPortal(page), page.url());

      await page.goto(`${system.url}${interaction}/login`);
      assert.ok((await main(page)).includes(words.expired), await main(page));
      await check('10-expired');
      await context.close();
    });
  }
});
