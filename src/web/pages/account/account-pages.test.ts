/**
 * Sign-in, account, password change, sign-out and recovery pages through the real system, plus the
 * language switch and the pages' own error pages; the account page's email, declared and not verified.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemAccounts } from '../../../../test/api/organisations-support.ts';
import {
  codeSentTo,
  newIdentity,
  registerCompletely,
  registerSubscriber,
  STRONG_PASSWORD,
} from '../../../../test/support/journey.ts';
import { PageClient, textOf } from '../../../../test/support/page-client.ts';
import { call, startTestSystem, storeVariants, type TestSystem } from '../../../../test/support/system.ts';

const NEW_PASSWORD = 'Mây!Trắng2025bay';

for (const variant of storeVariants) {
  describe(`account pages (${variant.name})`, { skip: variant.skip }, () => {
    let system: TestSystem;
    before(async () => {
      system = await startTestSystem(variant.name);
    });
    after(() => system?.close());

    async function registered() {
      const identity = newIdentity({ fullName: 'Đỗ Thị Hạnh' });
      await registerSubscriber(system.url, identity);
      await registerCompletely(system.url, identity);
      return identity;
    }

    it('signs in, shows the account, changes the password and signs out', async () => {
      const identity = await registered();
      const client = new PageClient(system.url);
      assert.equal((await client.get('/account')).location, '/sign-in');

      await client.get('/sign-in');
      await client.post('/sign-in', { username: identity.idNumber, password: 'Wrong#Pass123' });
      const wrong = await client.get('/sign-in');
      assert.ok(textOf(wrong.html).includes('Số giấy tờ hoặc mật khẩu không đúng'));
      assert.match(wrong.html, new RegExp(`value="${identity.idNumber}"`), 'the username is kept');

      const signedIn = await client.post('/sign-in', {
        username: identity.idNumber,
        password: STRONG_PASSWORD,
      });
      assert.equal(signedIn.location, '/account');
      assert.match(
        signedIn.setCookies.find((c) => c.startsWith('sid=')) ?? '',
        /HttpOnly.*SameSite=Lax|SameSite=Lax.*HttpOnly/i,
      );
      const account = textOf((await client.get('/account')).html);
      assert.ok(account.includes('Đỗ Thị Hạnh') && account.includes('Đăng nhập thành công'));
      assert.ok(!account.includes('Email'), 'no email row for an account without one');
      assert.equal((await client.get('/sign-in')).location, '/account');

      await client.get('/account/password');
      await client.post('/account/password', {
        currentPassword: 'Not#The1Current',
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      });
      assert.ok(
        textOf((await client.get('/account/password')).html).includes('Mật khẩu hiện tại không đúng'),
      );
      const changed = await client.post('/account/password', {
        currentPassword: STRONG_PASSWORD,
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      });
      assert.equal(changed.location, '/account');
      assert.ok(textOf((await client.get('/account')).html).includes('Đã đổi mật khẩu'));

      await client.get('/account');
      assert.equal((await client.post('/sign-out', {})).location, '/');
      assert.ok(textOf((await client.get('/')).html).includes('Bạn đã đăng xuất'));
      assert.equal((await client.get('/account')).location, '/sign-in');

      const again = new PageClient(system.url);
      await again.get('/sign-in');
      assert.equal(
        (await again.post('/sign-in', { username: identity.idNumber, password: NEW_PASSWORD })).location,
        '/account',
      );
    });

    it('shows the email declared at registration, marked as not verified, in Vietnamese and English', async () => {
      const made = systemAccounts(system);
      const identity = newIdentity({ fullName: 'Trần Thị Hạnh' });
      const done = await made.registerVerified(
        {
          method: 'usb-token',
          partner: 'vnpt',
          subject: {
            kind: 'citizen',
            idNumber: identity.idNumber,
            fullName: identity.fullName,
            birthDate: identity.birthDate,
            phoneNumber: null,
            claims: [{ claim: 'idNumber', source: 'CA', level: 3 }],
          },
          credential: () => ({ type: 'certificate', identifier: `fp-${identity.idNumber}`, secret: '' }),
          email: 'Hanh.Tran@Example.vn',
        },
        { requestId: 'account-email', clientIp: '203.0.113.9' },
      );
      assert.ok(done.ok);
      const sid = (await made.sessionCookie(done.value.accountId)).slice('sid='.length);
      for (const [lang, label, unverified] of [
        ['vi', 'Email', 'chưa xác minh'],
        ['en', 'Email', 'not verified'],
      ] as const) {
        const client = new PageClient(system.url, { 'accept-language': lang });
        client.cookies.set('sid', sid);
        const page = await client.get('/account');
        assert.equal(page.status, 200);
        assert.match(
          page.html,
          new RegExp(
            `<dt>${label}</dt>\\s*<dd><span>Hanh\\.Tran@Example\\.vn</span><span class="tag">${unverified}</span>`,
          ),
        );
        assert.ok(textOf(page.html).includes(unverified));
      }
    });

    it('recovers a password with a code sent to the account phone, guarding each step', async () => {
      const identity = await registered();
      const client = new PageClient(system.url);
      assert.equal((await client.get('/forgot-password/password')).location, '/forgot-password');
      const start = await client.get('/forgot-password');
      const captchaId = /name="captchaId" value="([^"]+)"/.exec(start.html)?.[1] ?? '';
      const answer = await call<{ answer: string }>(system.url, 'GET', `/sim/captchas/${captchaId}`);
      const started = await client.post('/forgot-password', {
        idNumber: identity.idNumber,
        captchaId,
        captchaAnswer: answer.body.answer,
      });
      assert.equal(started.location, '/forgot-password/code');
      assert.equal((await client.get('/forgot-password/password')).location, '/forgot-password/code');
      await client.get('/forgot-password/code');
      const code = await codeSentTo(system.url, identity.phoneNumber, 2);
      assert.equal(
        (await client.post('/forgot-password/code', { code })).location,
        '/forgot-password/password',
      );
      await client.get('/forgot-password/password');
      await client.post('/forgot-password/password', {
        newPassword: 'Aa@123456',
        confirmPassword: 'Aa@123456',
      });
      const tooCommon = await client.get('/forgot-password/password');
      assert.ok(textOf(tooCommon.html).includes('“aa123456”'), 'says which common password it is');
      assert.match(tooCommon.html, /data-rule="common" class="rule-unmet"/);
      const done = await client.post('/forgot-password/password', {
        newPassword: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      });
      assert.equal(done.location, '/forgot-password/done');
      assert.equal((await client.get('/forgot-password/code')).location, '/forgot-password');
    });

    it('switches language with a cookie, and only ever back to a page of this site', async () => {
      const client = new PageClient(system.url);
      const switched = await client.get('/language/en?next=%2Fsign-in');
      assert.equal(switched.location, '/sign-in');
      assert.match(switched.setCookies.join(), /lang=en/);
      const page = await client.get('/sign-in');
      assert.match(page.html, /<html lang="en"/);
      assert.ok(textOf(page.html).includes('Forgot your password?'));
      for (const next of ['//evil.example', 'https://evil.example', '/\\evil.example'])
        assert.equal((await client.get(`/language/vi?next=${encodeURIComponent(next)}`)).location, '/');
    });

    it('shows browsers a page for an unknown address, and API clients problem+json', async () => {
      const page = await fetch(`${system.url}/no-such-page`, { headers: { accept: 'text/html' } });
      assert.equal(page.status, 404);
      assert.ok(textOf(await page.text()).includes('Không tìm thấy'));
      const api = await fetch(`${system.url}/api/v1/nothing`, { headers: { accept: 'text/html' } });
      assert.equal(api.status, 404);
      assert.match(api.headers.get('content-type') ?? '', /^application\/problem\+json/);
    });

    it('answers an oversized form with a page, and keeps pages out of the API document', async () => {
      const client = new PageClient(system.url);
      await client.get('/sign-in');
      const big = await client.post('/sign-in', { username: 'x', password: 'y'.repeat(20_000) });
      assert.equal(big.status, 413);
      assert.match(big.headers.get('content-type') ?? '', /^text\/html/);
      const docs = await call<{ paths: Record<string, unknown> }>(system.url, 'GET', '/api/docs');
      const paths = Object.keys(docs.body.paths ?? {});
      const pages = /^\/($|register|sign-in|sign-out|account|forgot-password|refused|language|static)/;
      assert.ok(paths.includes('/api/v1/registrations/mobile'));
      assert.deepEqual(
        paths.filter((path) => pages.test(path)),
        [],
      );
    });
  });
}
