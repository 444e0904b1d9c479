/**
 * The certificate pages through the real server as the form posts them (the client module's part replaced by a
 * challenge signed in the test): the CSP lets the page reach the agent, a post without a signature comes back
 * asking for one (the email and consent kept), registration ends on the done page signed in, a refusal has its
 * own page with the way forward (vi and en), sign-in continues to the account or to a portal's authorization,
 * and adding a certificate from the account page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { person } from '../../src/simulators/population/people.ts';
import { PageClient, textOf } from '../support/page-client.ts';
import { call, startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';
import { issueCertificate, signedChallenge } from './usb-token-support.ts';

const AGENT_URL = 'wss://127.0.0.1:45678/plugin';
const people = Array.from({ length: 200 }, (_, n) => person(3800 + n)).filter((p) => !p.oldIdNumber);
let next = 0;
const citizen = () => people[next++]!;
const captchaIdOf = (html: string) => /name="captchaId" value="([^"]+)"/.exec(html)?.[1] ?? '';

for (const variant of storeVariants) {
  describe(`USB-token pages (${variant.name})`, { skip: variant.skip }, () => {
    let t: TestSystem;
    before(async () => {
      t = await startTestSystem(variant.name, { SIGNING_AGENT_URL: AGENT_URL });
    });
    after(() => t?.close());

    async function registrationForm(client: PageClient) {
      const page = await client.get('/register/usb-token');
      assert.equal(page.status, 200);
      const captchaId = captchaIdOf(page.html);
      const answer = await call<{ answer: string }>(t.url, 'GET', `/sim/captchas/${captchaId}`);
      return { page, captchaId, captchaAnswer: answer.body.answer };
    }

    it("serves the page with the agent's address, its module, and a CSP that lets it reach the agent", async () => {
      const page = await new PageClient(t.url).get('/register/usb-token');
      assert.match(page.html, /data-agent-url="wss:\/\/127\.0\.0\.1:45678\/plugin"/);
      const module = /<script type="module" src="(\/static\/usb-token\.[0-9a-f]+\.js)"/.exec(page.html)?.[1];
      assert.ok(module, 'the client module');
      const script = await fetch(`${t.url}${module}`);
      assert.equal(script.status, 200);
      assert.match(script.headers.get('content-type') ?? '', /javascript/);
      const csp = page.headers.get('content-security-policy') ?? '';
      assert.match(csp, /connect-src 'self' wss:\/\/127\.0\.0\.1:45678/);
      assert.match(csp, /script-src 'self'/);
      const text = textOf(page.html);
      for (const expected of ['Trang này cần JavaScript', 'Bạn cần chuẩn bị', 'Chọn cách đăng ký khác'])
        assert.ok(text.includes(expected), expected);
    });

    it('sends a post without a signature back to the page, keeping the email and the consent', async () => {
      const client = new PageClient(t.url, { 'accept-language': 'en' });
      const { captchaId, captchaAnswer } = await registrationForm(client);
      const back = await client.post('/register/usb-token', {
        challengeId: '',
        signedData: '',
        email: 'an@example.vn',
        captchaId,
        captchaAnswer,
        consent: 'yes',
      });
      assert.equal(back.status, 303);
      assert.equal(back.location, '/register/usb-token');
      const page = await client.get('/register/usb-token');
      const text = textOf(page.html);
      assert.ok(text.includes('Choose a certificate and sign with your USB token.'), text);
      assert.match(page.html, /id="email"[^>]*value="an@example.vn"|value="an@example.vn"[^>]*id="email"/);
      assert.equal(captchaIdOf(page.html), captchaId, 'the captcha, never checked, is kept');
      assert.doesNotMatch(
        page.html,
        /<form[^>]*id="certificate-form"[^>]*hidden/,
        'the form shows its errors',
      );
    });

    it('registers from the form, signed in, and a second time says the account exists on its own page', async () => {
      const p = citizen();
      const issued = await issueCertificate(t.url, { idNumber: p.idNumber, fullName: p.fullName });
      const client = new PageClient(t.url);
      const { captchaId, captchaAnswer } = await registrationForm(client);
      const done = await client.post('/register/usb-token', {
        ...(await signedChallenge(t.url, issued)),
        email: '',
        captchaId,
        captchaAnswer,
        consent: 'yes',
      });
      assert.equal(done.location, '/register/usb-token/done');
      const donePage = await client.get('/register/usb-token/done');
      assert.ok(textOf(donePage.html).includes('Đăng ký thành công'));
      assert.match(donePage.html, /href="\/account"/);
      const account = await client.get('/account');
      assert.equal(account.status, 200);
      assert.ok(textOf(account.html).includes(p.idNumber));
      assert.ok(textOf(account.html).includes('Thêm chứng thư số'), 'the account page offers adding one');

      for (const [lang, title, again] of [
        ['vi', 'Tài khoản đã tồn tại', 'Thử lại'],
        ['en', 'Account already exists', 'Try again'],
      ] as const) {
        const other = new PageClient(t.url, { 'accept-language': lang });
        const form = await registrationForm(other);
        const second = await issueCertificate(t.url, {
          idNumber: p.idNumber,
          fullName: p.fullName,
          ca: 'fpt',
        });
        const refused = await other.post('/register/usb-token', {
          ...(await signedChallenge(t.url, second)),
          captchaId: form.captchaId,
          captchaAnswer: form.captchaAnswer,
          consent: 'yes',
        });
        assert.equal(refused.location, '/usb-token/refused/ACCOUNT_EXISTS?journey=registration');
        const page = await other.get(refused.location!);
        const text = textOf(page.html);
        assert.ok(text.includes(title), text);
        assert.ok(text.includes(again));
        assert.match(page.html, /href="\/sign-in"/);
      }
    });

    it('signs in with a certificate to the account page; an unregistered one gets a page offering to register', async () => {
      const p = citizen();
      const issued = await issueCertificate(t.url, { idNumber: p.idNumber, fullName: p.fullName });
      const stranger = new PageClient(t.url, { 'accept-language': 'en' });
      await stranger.get('/sign-in/certificate');
      const refused = await stranger.post('/sign-in/certificate', await signedChallenge(t.url, issued));
      assert.equal(refused.location, '/usb-token/refused/CERTIFICATE_NOT_REGISTERED?journey=sign-in');
      const page = await stranger.get(refused.location!);
      assert.match(page.html, /href="\/register\/usb-token"/);
      assert.ok(textOf(page.html).includes('No account holds this certificate'));

      const client = new PageClient(t.url);
      const form = await registrationForm(client);
      await client.post('/register/usb-token', {
        ...(await signedChallenge(t.url, issued)),
        captchaId: form.captchaId,
        captchaAnswer: form.captchaAnswer,
        consent: 'yes',
      });
      const later = new PageClient(t.url);
      const signIn = await later.get('/sign-in');
      assert.match(signIn.html, /href="\/sign-in\/certificate"/, 'the sign-in page offers the certificate');
      await later.get('/sign-in/certificate');
      const signedIn = await later.post('/sign-in/certificate', await signedChallenge(t.url, issued));
      assert.equal(signedIn.location, '/account');
      assert.ok(textOf((await later.get('/account')).html).includes(p.idNumber));
      // A portal's sign-in continues its authorization at the provider's glue.
      const portal = new PageClient(t.url);
      await portal.get('/sign-in/certificate?interaction=abcdefghijklmnop');
      const continued = await portal.post('/sign-in/certificate', {
        ...(await signedChallenge(t.url, issued)),
        interaction: 'abcdefghijklmnop',
      });
      assert.equal(continued.location, '/oidc/interaction/abcdefghijklmnop');
    });

    it('adds a certificate from the account page and refuses one naming somebody else', async () => {
      const p = citizen();
      const first = await issueCertificate(t.url, { idNumber: p.idNumber, fullName: p.fullName });
      const client = new PageClient(t.url);
      const form = await registrationForm(client);
      await client.post('/register/usb-token', {
        ...(await signedChallenge(t.url, first)),
        captchaId: form.captchaId,
        captchaAnswer: form.captchaAnswer,
        consent: 'yes',
      });
      assert.equal((await new PageClient(t.url).get('/account/certificates/new')).location, '/sign-in');
      await client.get('/account/certificates/new');
      const second = await issueCertificate(t.url, {
        idNumber: p.idNumber,
        fullName: p.fullName,
        ca: 'viettel',
      });
      const added = await client.post('/account/certificates/new', await signedChallenge(t.url, second));
      assert.equal(added.location, '/account');
      assert.ok(textOf((await client.get('/account')).html).includes('Đã thêm chứng thư số'));

      const somebody = citizen();
      const theirs = await issueCertificate(t.url, {
        idNumber: somebody.idNumber,
        fullName: somebody.fullName,
      });
      await client.get('/account/certificates/new');
      const refused = await client.post('/account/certificates/new', await signedChallenge(t.url, theirs));
      assert.equal(refused.location, '/usb-token/refused/CERTIFICATE_NOT_YOURS?journey=account');
      const page = await client.get(refused.location!);
      assert.ok(textOf(page.html).includes('Chứng thư số không phải của chủ tài khoản'));
      assert.match(page.html, /href="\/account"/);
    });
  });
}
