// Registration and sign-in through Vietnam Post, through real HTTP between the hub and the PostID simulator, on both
// store variants: approved / pending / rejected / existing account, consent declined, sign-in with the link and
// without one, state and nonce (another transaction's code) tampering, a replayed callback, PostID down and slow (a
// 503 page, nothing created), link and unlink from the account page, and adding a password.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newIdentity, registerCompletely, registerSubscriber, STRONG_PASSWORD } from '../support/journey.ts';
import { call, startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';
import { accountCount, HubBrowser, postIdAccount } from './vnpost-support.ts';

/** The account page's generic removal of a sign-in method (never the last one). */
const REMOVE = '/account/sign-in-methods/remove';
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

for (const variant of storeVariants) {
  describe(`Vietnam Post (PostID) at the hub (${variant.name})`, { skip: variant.skip }, () => {
    let test: TestSystem;
    before(async () => {
      // The hub's PostID timeout, short for the slow case yet above a cold call on a shared, loaded machine.
      test = await startTestSystem(variant.name, { POSTID_TIMEOUT_MS: '2000' });
    });
    after(() => test?.close());

    /** Registers through PostID up to the consent page; returns the browser there. */
    async function atConsent(citizen: Awaited<ReturnType<typeof postIdAccount>>) {
      const browser = new HubBrowser(test.url);
      const { answer } = await browser.roundTrip('/register/vnpost', { purpose: 'register' }, citizen);
      assert.equal(answer.status, 303, answer.body.slice(0, 300));
      assert.equal(answer.location, `${test.url}/register/vnpost/consent`);
      return browser;
    }

    it('registers an approved PostID identity after the consent page: linked account, fed session, VNPOST loAs', async () => {
      const citizen = await postIdAccount(test, 'approved');
      const before = await accountCount(test);
      const browser = await atConsent(citizen);
      assert.equal(await accountCount(test), before, 'nothing before consent');
      const consent = await browser.get('/register/vnpost/consent');
      assert.equal(consent.status, 200);
      assert.match(text(consent.body), new RegExp(citizen.idNumber));
      assert.match(text(consent.body), /Trần Thị Bưu/);
      assert.match(text(consent.body), /091\*+\d{3}/, 'the phone masked');

      const accepted = await browser.submit('/register/vnpost/consent', '/register/vnpost/consent', {
        decision: 'accept',
      });
      assert.equal(accepted.status, 303);
      assert.equal(accepted.location, `${test.url}/register/vnpost/done`);
      const done = await browser.get('/register/vnpost/done');
      assert.equal(done.status, 200);
      const me = await browser.me();
      assert.equal(me.status, 200, JSON.stringify(me.body));
      assert.equal(me.body.username, citizen.idNumber);
      assert.equal(me.body.registrationMethod, 'vnpost');
      assert.equal(await accountCount(test), before + 1);

      // Signed out, then back with PostID: the link signs the same account in.
      const signedOut = await browser.submit('/account', '/sign-out', {});
      assert.equal(signedOut.status, 303);
      assert.equal((await browser.me()).status, 401);
      const again = await browser.roundTrip('/sign-in', { purpose: 'sign-in' }, citizen);
      assert.equal(again.answer.status, 303);
      assert.equal(again.answer.location, `${test.url}/account`);
      assert.equal((await browser.me()).body.username, citizen.idNumber);
      assert.equal(await accountCount(test), before + 1);
    });

    it('creates nothing for a pending or rejected identity, each with its page', async () => {
      const before = await accountCount(test);
      const pending = await postIdAccount(test, 'pending');
      const browser = new HubBrowser(test.url);
      let { answer } = await browser.roundTrip('/register/vnpost', { purpose: 'register' }, pending);
      assert.equal(answer.status, 200);
      assert.match(text(answer.body), /chưa được duyệt/);
      assert.match(text(answer.body), /bưu cục/);

      // The clerk's reason reaches the hub as PostID's LyDoTuChoi and is shown as text (markup in it is escaped).
      const reason = 'Ảnh trên CCCD không khớp <b>người đến quầy</b>';
      const rejected = await postIdAccount(test, 'rejected', { reason });
      ({ answer } = await new HubBrowser(test.url).roundTrip(
        '/register/vnpost',
        { purpose: 'register' },
        rejected,
      ));
      assert.equal(answer.status, 200);
      assert.match(text(answer.body), /từ chối/);
      assert.match(
        answer.body,
        /Lý do bưu điện đưa ra: Ảnh trên CCCD không khớp &lt;b(>|&gt;)người đến quầy&lt;\/b(>|&gt;)/,
      );
      assert.ok(!answer.body.includes('<b>người'), 'the reason is escaped');
      assert.equal(await accountCount(test), before);
    });

    it('says ACCOUNT_EXISTS for an ID number that has an account, pointing to sign in and link', async () => {
      const first = await postIdAccount(test, 'approved');
      const browser = await atConsent(first);
      await browser.submit('/register/vnpost/consent', '/register/vnpost/consent', { decision: 'accept' });
      const before = await accountCount(test);
      // Another PostID account of the same person (same ID number).
      const second = await postIdAccount(test, 'approved', { idNumber: first.idNumber });
      const { answer } = await new HubBrowser(test.url).roundTrip(
        '/register/vnpost',
        { purpose: 'register' },
        second,
      );
      assert.equal(answer.status, 409);
      assert.match(text(answer.body), /đã có tài khoản/);
      assert.match(answer.body, /href="\/sign-in"/);
      assert.equal(await accountCount(test), before);
    });

    it('keeps nothing when the citizen declines the consent', async () => {
      const citizen = await postIdAccount(test, 'approved');
      const before = await accountCount(test);
      const browser = await atConsent(citizen);
      const declined = await browser.submit('/register/vnpost/consent', '/register/vnpost/consent', {
        decision: 'decline',
      });
      assert.equal(declined.status, 200);
      assert.match(text(declined.body), /Chưa tạo tài khoản/);
      assert.equal(await accountCount(test), before);
      assert.equal((await browser.get('/register/vnpost/consent')).status, 400, 'the identity is gone');
    });

    it('offers to create the account when signing in with a PostID that is linked to none', async () => {
      const citizen = await postIdAccount(test, 'approved');
      const browser = new HubBrowser(test.url);
      const { answer } = await browser.roundTrip('/sign-in', { purpose: 'sign-in' }, citizen);
      assert.equal(answer.location, `${test.url}/register/vnpost/consent`);
      const consent = await browser.get('/register/vnpost/consent');
      assert.match(text(consent.body), /Chưa có tài khoản nào liên kết/);
    });

    it('refuses a tampered state and a replayed callback, creating nothing', async () => {
      const citizen = await postIdAccount(test, 'approved');
      const before = await accountCount(test);
      const browser = new HubBrowser(test.url);
      const started = await browser.startPostId('/register/vnpost', { purpose: 'register' });
      const callback = new URL(await browser.loginAtPostId(started.location!, citizen));
      const tampered = new URL(callback);
      tampered.searchParams.set('state', 'not-the-state-of-this-trip');
      const refused = await browser.agent.request(tampered.href);
      assert.equal(refused.status, 400);
      assert.match(text(refused.body), /Không chấp nhận phản hồi từ PostID/);
      // The trip was used up by that attempt: the genuine callback after it finds nothing either.
      const replayed = await browser.agent.request(callback.href);
      assert.equal(replayed.status, 400);
      assert.match(text(replayed.body), /hết hạn/);
      assert.equal(await accountCount(test), before);
    });

    it('refuses a crafted callback that carries another transaction’s code under this browser’s state (PKCE, nonce)', async () => {
      const victim = new HubBrowser(test.url);
      const attacker = new HubBrowser(test.url);
      const attackerCitizen = await postIdAccount(test, 'approved');
      const before = await accountCount(test);
      // The victim's trip starts (its state is in the authorization URL it is sent to) ...
      const victimStart = await victim.startPostId('/register/vnpost', { purpose: 'register' });
      const victimState = new URL(victimStart.location!).searchParams.get('state')!;
      // ... the attacker completes their own PostID login and grafts their code onto the victim's state.
      const attackerStart = await attacker.startPostId('/register/vnpost', { purpose: 'register' });
      const attackerCallback = new URL(
        await attacker.loginAtPostId(attackerStart.location!, attackerCitizen),
      );
      attackerCallback.searchParams.set('state', victimState);
      const answer = await victim.agent.request(attackerCallback.href);
      assert.equal(answer.status, 400, answer.body.slice(0, 300));
      assert.match(text(answer.body), /Không chấp nhận phản hồi từ PostID/);
      assert.equal(await accountCount(test), before);
      assert.equal((await victim.me()).status, 401, 'the victim is not signed in as the attacker');
    });

    it('answers a 503 page with Retry-After when PostID is down or slow, creating nothing', async () => {
      const citizen = await postIdAccount(test, 'approved');
      const before = await accountCount(test);
      // Down between the login and the callback: the code exchange fails.
      const browser = new HubBrowser(test.url);
      const started = await browser.startPostId('/register/vnpost', { purpose: 'register' });
      const callback = await browser.loginAtPostId(started.location!, citizen);
      await call(test.url, 'POST', '/sim/postid/outage', { down: true });
      try {
        const answer = await browser.agent.request(callback);
        assert.equal(answer.status, 503);
        assert.ok(Number(answer.headers.get('retry-after')) > 0);
        assert.match(text(answer.body), /tạm thời không phản hồi/);
      } finally {
        await call(test.url, 'POST', '/sim/postid/outage', { down: false });
      }
      // Slow: the answer comes after the hub's timeout (2000 ms here).
      await call(test.url, 'POST', '/sim/postid/latency', { ms: 6000 });
      try {
        const slow = new HubBrowser(test.url);
        const started2 = await slow.startPostId('/register/vnpost', { purpose: 'register' });
        const callback2 = await slow.loginAtPostId(started2.location!, citizen);
        const startedAt = Date.now();
        const answer = await slow.agent.request(callback2);
        assert.equal(answer.status, 503);
        assert.ok(Date.now() - startedAt < 5500, 'the hub gave up at its timeout');
      } finally {
        await call(test.url, 'POST', '/sim/postid/latency', { ms: 0 });
      }
      assert.equal(await accountCount(test), before);
    });

    it('links a PostID account to a mobile account from the account page, signs in with it, and unlinks it', async () => {
      const identity = newIdentity({ fullName: 'Trần Thị Bưu', birthDate: '1991-03-04' });
      await registerSubscriber(test.url, identity);
      await registerCompletely(test.url, identity);
      const citizen = await postIdAccount(test, 'approved', { idNumber: identity.idNumber });
      const stranger = await postIdAccount(test, 'approved');

      /** A browser signed in to the mobile account with its password (and not yet at PostID). */
      const signedInBrowser = async () => {
        const browser = new HubBrowser(test.url);
        const signedIn = await browser.submit('/sign-in', '/sign-in', {
          username: identity.idNumber,
          password: STRONG_PASSWORD,
        });
        assert.equal(signedIn.status, 303);
        return browser;
      };

      // Another person's PostID is refused.
      const refused = await (await signedInBrowser()).roundTrip(
        '/account/vnpost/link',
        { purpose: 'link' },
        stranger,
      );
      assert.equal(refused.answer.status, 422);
      assert.match(text(refused.answer.body), /không phải của bạn/);

      const browser = await signedInBrowser();
      const account = await browser.get('/account');
      assert.match(account.body, /href="\/account\/vnpost\/link"/);
      const linked = await browser.roundTrip('/account/vnpost/link', { purpose: 'link' }, citizen);
      assert.equal(linked.answer.status, 303);
      assert.equal(linked.answer.location, `${test.url}/account`);
      assert.match(text((await browser.get('/account')).body), /Đã liên kết tài khoản PostID/);

      const other = new HubBrowser(test.url);
      const viaPostId = await other.roundTrip('/sign-in', { purpose: 'sign-in' }, citizen);
      assert.equal(viaPostId.answer.location, `${test.url}/account`);
      assert.equal((await other.me()).body.username, identity.idNumber);

      const unlinked = await browser.submit('/account', REMOVE, {
        type: 'federated',
        identifier: `vnpost:${citizen.subject}`,
      });
      assert.equal(unlinked.status, 303);
      assert.doesNotMatch((await browser.get('/account')).body, /data-credential-type="federated"/);
      const nowUnlinked = await new HubBrowser(test.url).roundTrip(
        '/sign-in',
        { purpose: 'sign-in' },
        citizen,
      );
      assert.equal(nowUnlinked.answer.status, 409, 'the ID number has an account, no longer linked');
    });

    it('never unlinks PostID while it is the only way in; adds a password, after which PostID can be unlinked', async () => {
      const citizen = await postIdAccount(test, 'approved');
      const browser = await atConsent(citizen);
      await browser.submit('/register/vnpost/consent', '/register/vnpost/consent', { decision: 'accept' });

      const link = { type: 'federated', identifier: `vnpost:${citizen.subject}` };
      const refusedUnlink = await browser.submit('/account', REMOVE, link);
      assert.notEqual(refusedUnlink.status, 500);
      assert.match((await browser.get('/account')).body, /data-credential-type="federated"/, 'still linked');
      const account = await browser.get('/account');
      assert.match(account.body, /href="\/account\/add-password"/);

      const page = await browser.get('/account/add-password');
      assert.equal(page.status, 200);
      const added = await browser.submit('/account/add-password', '/account/add-password', {
        newPassword: STRONG_PASSWORD,
        confirmPassword: STRONG_PASSWORD,
      });
      assert.equal(added.status, 303);
      assert.equal(added.location, `${test.url}/account`);
      const session = await call(test.url, 'POST', '/api/v1/sessions', {
        username: citizen.idNumber,
        password: STRONG_PASSWORD,
      });
      assert.equal(session.status, 201, JSON.stringify(session.body));

      assert.doesNotMatch((await browser.get('/account')).body, /href="\/account\/add-password"/);
      const unlinked = await browser.submit('/account', REMOVE, link);
      assert.equal(unlinked.status, 303);
      assert.doesNotMatch((await browser.get('/account')).body, /data-credential-type="federated"/);
    });
  });
}
