/**
 * Organisation accounts and accounts with several credentials through the real server: /api/v1/me for an
 * organisation, the account page's organisation details and "Sign-in methods" (Remove, refused for the last
 * one, in vi and en), the credentials API, and password sign-in on an account that has no password.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createArgon2PasswordHasher } from '../../src/adapters/crypto/argon2-password-hasher.ts';
import { PageClient, textOf } from '../support/page-client.ts';
import { call, expectProblem, startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';
import { anOrganisation, systemAccounts } from './organisations-support.ts';

let taxCodes = 0;
const nextTaxCode = () => `0109${String(100_000 + ++taxCodes).slice(-6)}`;

for (const variant of storeVariants) {
  describe(`organisation accounts and sign-in methods (${variant.name})`, { skip: variant.skip }, () => {
    let system: TestSystem;
    let made: ReturnType<typeof systemAccounts>;
    before(async () => {
      system = await startTestSystem(variant.name);
      made = systemAccounts(system);
    });
    after(() => system?.close());

    async function organisation() {
      const taxCode = nextTaxCode();
      const fingerprint = `${taxCode}`.padEnd(64, 'a');
      const registered = await made.registerVerified(anOrganisation(taxCode, fingerprint), {
        requestId: 'test',
        clientIp: '203.0.113.9',
      });
      assert.ok(registered.ok);
      const cookie = await made.sessionCookie(registered.value.accountId);
      return { taxCode, fingerprint, accountId: registered.value.accountId, cookie };
    }

    it('/api/v1/me of an organisation: accountType, displayName, the tax code as username, no fullName or phone', async () => {
      const org = await organisation();
      const me = await call(system.url, 'GET', '/api/v1/me', undefined, { cookie: org.cookie });
      assert.equal(me.status, 200);
      assert.deepEqual(
        { ...me.body, createdAt: undefined },
        {
          accountId: org.accountId,
          username: org.taxCode,
          accountType: 'organisation',
          displayName: 'Công ty TNHH Phần mềm Sông Hồng',
          registrationMethod: 'usb-token',
          createdAt: undefined,
        },
      );
    });

    it('the credentials API lists the certificate and refuses to remove the last one (409), then removes one of two', async () => {
      const org = await organisation();
      const headers = { cookie: org.cookie };
      const listed = await call<Array<Record<string, unknown>>>(
        system.url,
        'GET',
        '/api/v1/me/credentials',
        undefined,
        headers,
      );
      assert.equal(listed.status, 200);
      assert.deepEqual(
        listed.body.map(({ addedAt, ...rest }) => rest),
        [
          {
            type: 'certificate',
            identifier: org.fingerprint,
            subject: 'Công ty TNHH Phần mềm Sông Hồng',
            issuer: 'VNPT-CA (TEST)',
            notAfter: '2028-03-31T00:00:00.000Z',
          },
        ],
      );
      const path = `/api/v1/me/credentials/certificate/${org.fingerprint}`;
      expectProblem(await call(system.url, 'DELETE', path, undefined, headers), 409, 'LAST_CREDENTIAL');
      expectProblem(
        await call(
          system.url,
          'DELETE',
          '/api/v1/me/credentials/federated/vnpost:nobody',
          undefined,
          headers,
        ),
        404,
        'CREDENTIAL_NOT_FOUND',
      );
      expectProblem(
        await call(system.url, 'DELETE', '/api/v1/me/credentials/smartcard/x', undefined, headers),
        400,
        'BAD_REQUEST',
      );
      expectProblem(await call(system.url, 'DELETE', path), 401, 'UNAUTHENTICATED');

      assert.equal(
        await made.accounts.addCredential(org.accountId, {
          type: 'federated',
          identifier: 'vnpost:s-1',
          secret: '',
        }),
        'added',
      );
      assert.equal((await call(system.url, 'DELETE', path, undefined, headers)).status, 204);
      const after = await call<Array<{ type: string }>>(
        system.url,
        'GET',
        '/api/v1/me/credentials',
        undefined,
        headers,
      );
      assert.deepEqual(
        after.body.map((c) => c.type),
        ['federated'],
      );
    });

    it('the account page shows the organisation and its sign-in methods; Remove is refused for the last one, in vi and en', async () => {
      const org = await organisation();
      const client = new PageClient(system.url);
      client.cookies.set('sid', org.cookie.slice('sid='.length));
      const page = await client.get('/account');
      const text = textOf(page.html);
      assert.ok(text.includes('Tên tổ chức') && text.includes('Công ty TNHH Phần mềm Sông Hồng'));
      assert.ok(text.includes('Mã số thuế') && text.includes(org.taxCode));
      assert.ok(!text.includes('Họ và tên') && !text.includes('Số điện thoại'), 'no citizen fields');
      assert.ok(text.includes('Cách đăng nhập') && text.includes('VNPT-CA (TEST)'));
      assert.ok(text.includes('Đây là cách đăng nhập duy nhất'), 'no Remove button for the only one');
      assert.ok(!text.includes('Đổi mật khẩu'), 'no password to change');

      // The server refuses even when asked directly (a stale page, or a removal racing another).
      const refused = await client.post('/account/sign-in-methods/remove', {
        type: 'certificate',
        identifier: org.fingerprint,
      });
      assert.equal(refused.location, '/account');
      assert.ok(
        textOf((await client.get('/account')).html).includes('không thể gỡ. Hãy thêm một cách khác trước'),
      );

      await made.accounts.addCredential(org.accountId, {
        type: 'federated',
        identifier: 'vnpost:s-2',
        secret: '',
      });
      const two = textOf((await client.get('/account')).html);
      assert.ok(two.includes('Tài khoản Bưu điện Việt Nam (PostID)'));
      assert.ok(two.includes('Gỡ Chứng thư số'));
      const removed = await client.post('/account/sign-in-methods/remove', {
        type: 'federated',
        identifier: 'vnpost:s-2',
      });
      assert.equal(removed.location, '/account');
      assert.ok(
        textOf((await client.get('/account')).html).includes(
          'Đã gỡ Tài khoản Bưu điện Việt Nam (PostID) khỏi tài khoản',
        ),
      );
      const gone = await client.post('/account/sign-in-methods/remove', {
        type: 'federated',
        identifier: 'vnpost:s-2',
      });
      assert.equal(gone.location, '/account');
      assert.ok(textOf((await client.get('/account')).html).includes('không còn trong tài khoản'));

      await client.get('/language/en?next=/account');
      const english = textOf((await client.get('/account')).html);
      assert.ok(english.includes('Organisation') && english.includes('Tax code'), english);
      assert.ok(english.includes('Sign-in methods') && english.includes('This is the only sign-in method'));
    });

    it('password sign-in on an account without a password answers as a wrong password', async () => {
      const org = await organisation();
      const wrong = await call(system.url, 'POST', '/api/v1/sessions', {
        username: org.taxCode,
        password: 'Any#Password123',
      });
      expectProblem(wrong, 401, 'INVALID_CREDENTIALS');
      const stranger = await call(system.url, 'POST', '/api/v1/sessions', {
        username: nextTaxCode(),
        password: 'Any#Password123',
      });
      expectProblem(stranger, 401, 'INVALID_CREDENTIALS');
    });

    it('an organisation with a password signs in with its tax code as username', async () => {
      const org = await organisation();
      const hash = await createArgon2PasswordHasher().hash('Sông#Hồng2024xanh');
      await made.accounts.setPassword(org.accountId, hash, system.clock.now());
      const signedIn = await call(system.url, 'POST', '/api/v1/sessions', {
        username: org.taxCode,
        password: 'Sông#Hồng2024xanh',
      });
      assert.equal(signedIn.status, 201, JSON.stringify(signedIn.body));
      assert.equal(signedIn.body.accountId, org.accountId);
    });
  });
}
