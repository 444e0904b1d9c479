/**
 * Registering from a portal (`prompt=create`): the method chooser names the portal, the registration pages work as
 * they do on their own, and the done page continues the authorization, so the portal receives a code for the new
 * account (acr LoA1, amr pwd: the registration's session, a sign-in with the password just set) without the password being typed again. Without a portal,
 * registration ends on the hub's own account link as before. Real HTTP, both store variants.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  codeSentTo,
  type Identity,
  newIdentity,
  registerSubscriber,
  STRONG_PASSWORD,
} from '../support/journey.ts';
import {
  authorize,
  formAction,
  type Landing,
  nationalPortalEnv,
  type Page,
  pageOf,
  portalOf,
  redeem,
  submit,
  textOf,
  visit,
} from '../support/oidc-rp.ts';
import { call, startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';
import { Browser, discover } from './rp.ts';

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('/');

for (const variant of storeVariants) {
  describe(`registration from a portal (${variant.name})`, { skip: variant.skip }, () => {
    let hub: TestSystem;
    before(async () => {
      hub = await startTestSystem(variant.name, nationalPortalEnv());
    });
    after(() => hub.close());

    /** The mobile method's pages from its form to the done page. */
    async function registerWithPages(browser: Browser, identity: Identity): Promise<Page> {
      const form = pageOf(await visit(browser, hub.url, '/register/mobile'));
      const captchaId = /name="captchaId" value="([^"]+)"/.exec(form.html)?.[1] ?? '';
      const answer = await call<{ answer: string }>(hub.url, 'GET', `/sim/captchas/${captchaId}`);
      const codePage = pageOf(
        await submit(browser, hub.url, form, formAction(form, '/register/mobile'), {
          idNumber: identity.idNumber,
          fullName: identity.fullName,
          birthDate: ddmmyyyy(identity.birthDate),
          phoneNumber: identity.phoneNumber,
          captchaId,
          captchaAnswer: answer.body.answer,
          consent: 'yes',
        }),
      );
      const code = await codeSentTo(hub.url, identity.phoneNumber);
      const passwordPage = pageOf(
        await submit(browser, hub.url, codePage, formAction(codePage, '/register/mobile/code'), { code }),
      );
      return pageOf(
        await submit(browser, hub.url, passwordPage, formAction(passwordPage, '/register/mobile/password'), {
          password: STRONG_PASSWORD,
          confirmPassword: STRONG_PASSWORD,
        }),
      );
    }

    it('prompt=create: the chooser names the portal, and the done page continues to it with a code for the new account', async () => {
      const identity = newIdentity();
      await registerSubscriber(hub.url, identity);
      const config = await discover(hub.url, 'national');
      const browser = new Browser();
      const { request, landing } = await authorize(config, browser, hub.url, { prompt: 'create' });
      // The provider dates the request by the real clock; the hub's session by the injected one.
      hub.clock.set(new Date(Math.max(Date.now(), hub.clock.now().getTime())));

      const chooser = pageOf(landing);
      assert.equal(chooser.url.pathname, '/register');
      assert.match(textOf(chooser), /Đăng ký tài khoản để tiếp tục tới Cổng Dịch vụ công quốc gia\./);

      const done = await registerWithPages(browser, identity);
      assert.match(textOf(done), /Tài khoản của bạn đã được tạo và bạn đã đăng nhập\./);
      const next = /<a class="button" href="([^"]+)">Tiếp tục tới Cổng Dịch vụ công quốc gia<\/a>/.exec(
        done.html,
      );
      assert.ok(next?.[1], 'the done page continues to the portal');

      const portal = portalOf(await visit(browser, hub.url, next[1]));
      const { claims } = await redeem(config, request, portal);
      assert.match(String(claims.sub), /^[0-9a-f-]{36}$/);
      assert.equal(claims.acr, 'LoA1');
      assert.deepEqual(claims.amr, ['pwd']);
    });

    it('prompt=create asking LoA2: after registering, only the missing factor, a new SMS code (not the password again)', async () => {
      const identity = newIdentity();
      await registerSubscriber(hub.url, identity);
      const config = await discover(hub.url, 'national');
      const browser = new Browser();
      const { request } = await authorize(config, browser, hub.url, { prompt: 'create', acr_values: 'LoA2' });
      hub.clock.set(new Date(Math.max(Date.now(), hub.clock.now().getTime())));
      const done = await registerWithPages(browser, identity);
      const next = /<a class="button" href="([^"]+)">Tiếp tục tới/.exec(done.html)?.[1];
      assert.ok(next);

      const stepUp = pageOf(await visit(browser, hub.url, next));
      assert.match(stepUp.url.pathname, /\/step-up$/);
      assert.ok(!stepUp.html.includes('name="password"'), 'no password asked: the session has it');
      assert.ok(stepUp.html.includes('name="code"'), 'the code form');
      const code = await codeSentTo(hub.url, identity.phoneNumber, 2);
      const portal = portalOf(
        await submit(browser, hub.url, stepUp, formAction(stepUp, '/step-up'), { code }),
      );
      const { claims } = await redeem(config, request, portal);
      assert.equal(claims.acr, 'LoA2');
      assert.deepEqual(claims.amr, ['pwd', 'sms']);
    });

    it('from the sign-in page of an authorization: "No account yet? Register" keeps the portal too', async () => {
      const config = await discover(hub.url, 'national');
      const browser = new Browser();
      const form = pageOf((await authorize(config, browser, hub.url)).landing);
      const register = /<a href="([^"]+\/register)">/.exec(form.html)?.[1];
      assert.ok(register);
      const chooser: Landing = await visit(browser, hub.url, register);
      assert.match(textOf(pageOf(chooser)), /để tiếp tục tới Cổng Dịch vụ công quốc gia/);
    });

    it('without a portal, registration ends on the hub as before', async () => {
      const identity = newIdentity();
      await registerSubscriber(hub.url, identity);
      const browser = new Browser();
      const chooser = pageOf(await visit(browser, hub.url, '/register'));
      assert.doesNotMatch(textOf(chooser), /để tiếp tục tới/);
      const done = await registerWithPages(browser, identity);
      assert.match(done.html, /href="\/account"/);
      assert.doesNotMatch(textOf(done), /Tiếp tục tới/);
    });
  });
}
