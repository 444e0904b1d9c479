/**
 * Step-up to LoA2 as the hub's page: a portal asking `acr_values=LoA2` of a citizen signed in with the password
 * gets only the missing factor (the SMS code to the verified phone, sent once when the page opens), the code form's
 * errors, then a code whose ID token says acr LoA2, amr pwd + sms; the hub session keeps LoA2 (the next LoA2
 * request asks nothing). Without any session: the password first, then the code. With `prompt=none` on a LoA1
 * session: interaction_required. Real HTTP, both store variants.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  assertNoSecretsIn,
  codeSentTo,
  newIdentity,
  registerCompletely,
  registerSubscriber,
  STRONG_PASSWORD,
  smsReceived,
  usedCodes,
} from '../support/journey.ts';
import {
  authorize,
  formAction,
  nationalPortalEnv,
  pageOf,
  portalOf,
  redeem,
  submit,
  textOf,
  visit,
} from '../support/oidc-rp.ts';
import { startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';
import { Browser, discover, signIn } from './rp.ts';

for (const variant of storeVariants) {
  describe(`step-up interaction (${variant.name})`, { skip: variant.skip }, () => {
    let hub: TestSystem;
    before(async () => {
      hub = await startTestSystem(variant.name, nationalPortalEnv());
    });
    after(() => hub.close());

    async function signedInCitizen() {
      const identity = newIdentity();
      await registerSubscriber(hub.url, identity);
      const { accountId } = await registerCompletely(hub.url, identity);
      const browser = new Browser();
      await signIn(hub.url, browser, identity);
      return { identity, accountId, browser };
    }

    it('LoA2 on a password session: one SMS when the page opens, a wrong code stays, the right one gives acr LoA2 (pwd + sms)', async () => {
      const { identity, accountId, browser } = await signedInCitizen();
      const config = await discover(hub.url, 'national');
      const { request, landing } = await authorize(config, browser, hub.url, { acr_values: 'LoA2' });

      const page = pageOf(landing);
      assert.match(page.url.pathname, /^\/oidc\/interaction\/[\w-]+\/step-up$/);
      const masked = `0${identity.phoneNumber.slice(3, 5)}****${identity.phoneNumber.slice(-3)}`;
      assert.match(textOf(page), /Cổng Dịch vụ công quốc gia yêu cầu mức bảo đảm cao hơn/);
      assert.ok(textOf(page).includes(masked), 'the masked phone');
      assert.ok(!page.html.includes(identity.phoneNumber.slice(3)), 'never the whole number');
      const code = await codeSentTo(hub.url, identity.phoneNumber, 2);
      assert.match(
        (await smsReceived(hub.url, identity.phoneNumber)).at(-1)?.text ?? '',
        /XAC NHAN DANG NHAP/,
      );

      const reopened = pageOf(await visit(browser, hub.url, page.url));
      assert.equal(reopened.status, 200);
      assert.equal(
        (await smsReceived(hub.url, identity.phoneNumber)).length,
        2,
        'opening it again sends nothing',
      );

      const wrong = pageOf(
        await submit(browser, hub.url, reopened, formAction(reopened, '/step-up'), {
          code: code === '000000' ? '111111' : '000000',
        }),
      );
      assert.match(textOf(wrong), /Bạn còn 4 lần thử/);

      const portal = portalOf(
        await submit(browser, hub.url, wrong, formAction(wrong, '/step-up'), {
          code: `${code.slice(0, 3)} ${code.slice(3)}`,
        }),
      );
      const { claims } = await redeem(config, request, portal);
      assert.equal(claims.sub, accountId);
      assert.equal(claims.acr, 'LoA2');
      assert.deepEqual(claims.amr, ['pwd', 'sms']);

      const account = await browser.get(`${hub.url}/account`);
      assert.equal(account.status, 200, 'the stepped-up session is the browser’s hub session');
      const again = await authorize(config, browser, hub.url, { acr_values: 'LoA2' });
      const next = await redeem(config, again.request, portalOf(again.landing));
      assert.equal(next.claims.acr, 'LoA2', 'the session keeps LoA2: nothing asked');
    });

    it('LoA2 without a session: the password first, then the SMS code', async () => {
      const identity = newIdentity();
      await registerSubscriber(hub.url, identity);
      await registerCompletely(hub.url, identity);
      const config = await discover(hub.url, 'national');
      const browser = new Browser();
      const { request, landing } = await authorize(config, browser, hub.url, { acr_values: 'LoA2' });
      const form = pageOf(landing);
      hub.clock.set(new Date(Math.max(Date.now(), hub.clock.now().getTime())));
      const stepUp = pageOf(
        await submit(browser, hub.url, form, formAction(form, '/login'), {
          username: identity.idNumber,
          password: STRONG_PASSWORD,
        }),
      );
      assert.match(stepUp.url.pathname, /\/step-up$/);
      const code = await codeSentTo(hub.url, identity.phoneNumber, 2);
      const portal = portalOf(
        await submit(browser, hub.url, stepUp, formAction(stepUp, '/step-up'), { code }),
      );
      const { claims } = await redeem(config, request, portal);
      assert.equal(claims.acr, 'LoA2');
    });

    it('prompt=none on a portal session at LoA1 asking LoA2: interaction_required, and no SMS', async () => {
      const { identity, browser } = await signedInCitizen();
      const config = await discover(hub.url, 'national');
      portalOf((await authorize(config, browser, hub.url)).landing);
      const { landing } = await authorize(config, browser, hub.url, { acr_values: 'LoA2', prompt: 'none' });
      assert.equal(portalOf(landing).searchParams.get('error'), 'interaction_required');
      assert.equal(
        (await smsReceived(hub.url, identity.phoneNumber)).length,
        1,
        'only the registration code',
      );
    });

    it('an account without a verified phone: a page that says why, no SMS, and going back tells the portal access_denied', async () => {
      const { identity, accountId, browser } = await signedInCitizen();
      // No registration method here makes such an account yet (post-office and certificate ones will): its phone
      // contact is removed, as an account registered at a counter without a mobile would be.
      await hub.system.database
        .as<{ account_contacts: { account_id: string } }>()
        .deleteFrom('account_contacts')
        .where('account_id', '=', accountId)
        .execute();
      const config = await discover(hub.url, 'national');
      const page = pageOf((await authorize(config, browser, hub.url, { acr_values: 'LoA2' })).landing);
      assert.equal(page.status, 200);
      assert.match(textOf(page), /Chưa thể xác thực ở mức 2/);
      assert.match(textOf(page), /chưa có số điện thoại đã xác minh/);
      assert.ok(!page.html.includes('name="code"'), 'no code form');
      assert.equal(
        (await smsReceived(hub.url, identity.phoneNumber)).length,
        1,
        'only the registration code',
      );
      const portal = portalOf(await submit(browser, hub.url, page, formAction(page, '/abort')));
      assert.equal(portal.searchParams.get('error'), 'access_denied');
    });

    it('going back from the step-up tells the portal access_denied', async () => {
      const { browser } = await signedInCitizen();
      const config = await discover(hub.url, 'national');
      const page = pageOf((await authorize(config, browser, hub.url, { acr_values: 'LoA2' })).landing);
      const portal = portalOf(await submit(browser, hub.url, page, formAction(page, '/abort')));
      assert.equal(portal.searchParams.get('error'), 'access_denied');
    });

    it('no ID number, phone number, SMS code or password in the hub’s logs', () => {
      assert.ok(usedCodes.length > 0 && hub.log.lines.length > 0);
      assertNoSecretsIn(hub.log.text(), [STRONG_PASSWORD]);
    });
  });
}
