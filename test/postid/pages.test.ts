/**
 * PostID's pages over HTTP, through the real system: sign-up, the activation code read from the virtual phone
 * (sent over SMPP through the SMS centre), the status page; the clerk console (sign-in, search, document check,
 * approval and rejection with their audit rows, a second decision refused, CSRF refused); sign-in through the
 * provider goes back to the interaction after activation. Both store variants.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { call, startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';
import { csrfOf, PageAgent } from './agent.ts';

const SIGN_UP = {
  password: 'Matkhau-2026',
  fullName: 'Lê Văn Bưu',
  sex: 'M',
  birthDate: '12/05/1988',
  address: '12 Đinh Tiên Hoàng, Hoàn Kiếm, Hà Nội',
};

for (const variant of storeVariants) {
  describe(`PostID pages (${variant.name})`, { skip: variant.skip }, () => {
    let test: TestSystem;
    let issuer: string;

    before(async () => {
      test = await startTestSystem(variant.name);
      issuer = test.system.simulators!.postId.issuer;
    });
    after(() => test?.close());

    const inbox = async (phone: string, after: number) =>
      (
        await call<Array<{ from: string; text: string }>>(
          test.url,
          'GET',
          `/sim/phones/${phone}/sms?after=${after}&waitMs=5000`,
        )
      ).body;

    /** Signs up and activates through the pages; returns the agent (signed in) and the account's ID number. */
    async function signUpAndActivate(username: string, idNumber: string, phone: string) {
      const agent = new PageAgent();
      const before = (await inbox(phone, 0)).length;
      const signUp = await agent.submit(`${issuer}/signup`, '/signup', {
        ...SIGN_UP,
        username,
        idNumber,
        phoneNumber: phone,
      });
      assert.equal(signUp.status, 303, signUp.body.slice(0, 800));
      assert.equal(signUp.location, `${issuer}/activate`);
      const messages = await inbox(phone, before);
      const sms = messages.at(-1)!;
      assert.equal(sms.from, 'VNPOST');
      const code = /(\d{6})/.exec(sms.text)![1]!;
      const wrong = await agent.submit(`${issuer}/activate`, '/activate', {
        code: code === '000000' ? '111111' : '000000',
      });
      assert.equal(wrong.status, 422);
      const activated = await agent.submit(`${issuer}/activate`, '/activate', { code });
      assert.equal(activated.status, 303);
      assert.equal(activated.location, `${issuer}/account`);
      return agent;
    }

    it('sign-up refuses malformed entries with each field named, in the chosen language', async () => {
      const agent = new PageAgent();
      await agent.request(`${issuer}/signup?lang=en`);
      const page = await agent.request(`${issuer}/signup`);
      assert.match(page.body, /<html lang="en">/);
      const answer = await agent.post(
        `${issuer}/signup`,
        {
          username: 'x',
          password: 'short',
          fullName: 'A1',
          birthDate: '31/02/1990',
          idNumber: '12',
          phoneNumber: '123',
          address: '',
        },
        csrfOf(page.body),
      );
      assert.equal(answer.status, 422);
      for (const message of [
        'username is not valid',
        'password needs',
        'full name',
        'date of birth',
        'ID number',
        'mobile number',
        'Choose your sex',
      ])
        assert.ok(answer.body.includes(message), message);
      const forged = await agent.post(
        `${issuer}/signup`,
        { username: 'abcd' },
        'not-the-token-not-the-token-not-the',
      );
      assert.equal(forged.status, 403);
    });

    it('sign-up, SMS activation, status page waiting for the counter; the username cannot be taken twice', async () => {
      const agent = await signUpAndActivate('le.van.buu', '001088000123', '0913555001');
      const status = await agent.request(`${issuer}/account`);
      assert.equal(status.status, 200);
      assert.match(status.body, /Đang chờ xác minh tại quầy/);
      assert.match(status.body, /001088000123/);
      const again = await new PageAgent().submit(`${issuer}/signup`, '/signup', {
        ...SIGN_UP,
        username: 'le.van.buu',
        idNumber: '001088000124',
        phoneNumber: '0913555002',
      });
      assert.equal(again.status, 422);
      assert.match(again.body, /đã có người dùng/);
    });

    async function clerkAgent() {
      const clerk = (await call(test.url, 'GET', '/sim/postid/clerk')).body as {
        url: string;
        username: string;
        password: string;
      };
      const agent = new PageAgent();
      const wrong = await agent.submit(clerk.url, '/clerk/signin', {
        username: clerk.username,
        password: 'nope-nope-1',
      });
      assert.equal(wrong.status, 401);
      const signedIn = await agent.submit(clerk.url, '/clerk/signin', {
        username: clerk.username,
        password: clerk.password,
      });
      assert.equal(signedIn.status, 303);
      return { agent, clerk };
    }

    async function decide(agent: PageAgent, idNumber: string, form: Record<string, string>) {
      const search = await agent.request(`${issuer}/clerk/search?idNumber=${idNumber}`);
      assert.equal(search.status, 200);
      const link = /href="(\/clerk\/citizens\/[0-9a-f-]{36})"/.exec(search.body);
      assert.ok(link, 'the pending citizen is found');
      const recordUrl = `${issuer}${link[1]}`;
      return { recordUrl, answer: await agent.submit(recordUrl, `${link[1]}/decision`, form) };
    }

    it('the clerk approves after the document check: audit row, status page and a second decision refused', async () => {
      const citizen = await signUpAndActivate('tran.approve', '001088000321', '0913555003');
      const { agent, clerk } = await clerkAgent();
      const mismatch = await decide(agent, '001088000321', {
        documentType: 'CCCD',
        documentNumberSeen: '001088000999',
        matches: 'yes',
        decision: 'approve',
      });
      assert.equal(mismatch.answer.status, 422, 'a number seen that differs is not approved');
      const { recordUrl, answer } = await decide(agent, '001088000321', {
        documentType: 'CCCD',
        documentNumberSeen: '001088000321',
        matches: 'yes',
        decision: 'approve',
      });
      assert.equal(answer.status, 303);
      const record = await agent.request(answer.location!);
      assert.match(record.body, /Đã ghi quyết định/);
      const status = await citizen.request(`${issuer}/account`);
      assert.match(status.body, /Đã xác minh tại Bưu cục Hoàn Kiếm, Hà Nội ngày \d{2}\/\d{2}\/\d{4}/);
      const rows = await test.system.database
        .as<Record<string, Record<string, unknown>>>()
        .selectFrom('postid.decisions' as never)
        .selectAll()
        .execute();
      const row = (rows as Array<Record<string, unknown>>).find(
        (r) => r.document_number_seen === '001088000321',
      )!;
      assert.equal(row.clerk_username, clerk.username);
      assert.equal(row.decision, 'approved');
      assert.equal(row.document_type, 'CCCD');
      assert.equal(row.document_matches, true);
      const twice = await agent.post(
        `${recordUrl}/decision`,
        {
          documentType: 'CCCD',
          documentNumberSeen: '001088000321',
          matches: 'no',
          reason: 'x',
          decision: 'reject',
        },
        csrfOf(record.body),
      );
      assert.equal(twice.status, 409, 'the record is no longer pending');
      assert.match(twice.body, /không còn chờ duyệt/);
      assert.equal(rows.length, 1, 'one decision recorded, not two');
      const after = await test.system.database
        .as<Record<string, Record<string, unknown>>>()
        .selectFrom('postid.decisions' as never)
        .selectAll()
        .execute();
      assert.equal(after.length, 1);
    });

    it('the clerk rejects with a reason (required): the citizen sees it, the audit row keeps it', async () => {
      const citizen = await signUpAndActivate('pham.reject', '001088000456', '0913555004');
      const { agent } = await clerkAgent();
      const noReason = await decide(agent, '001088000456', {
        documentType: 'CMND',
        documentNumberSeen: '123456789',
        matches: 'no',
        decision: 'reject',
      });
      assert.equal(noReason.answer.status, 422);
      const { answer } = await decide(agent, '001088000456', {
        documentType: 'CMND',
        documentNumberSeen: '123456789',
        matches: 'no',
        reason: 'Ảnh trên CMND không khớp',
        decision: 'reject',
      });
      assert.equal(answer.status, 303);
      const status = await citizen.request(`${issuer}/account`);
      assert.match(status.body, /Bị từ chối: Ảnh trên CMND không khớp/);
      const userinfoState = await test.system.simulators!.postId.store.byUsername('pham.reject');
      assert.equal(userinfoState?.status, 'rejected');
      const decisions = await test.system.simulators!.postId.store.decisionsFor(userinfoState!.subject);
      assert.deepEqual(
        decisions.map((d) => [d.decision, d.reason, d.documentMatches]),
        [['rejected', 'Ảnh trên CMND không khớp', false]],
      );
    });

    it('the console needs a clerk: without one every page goes to its sign-in', async () => {
      const anonymous = new PageAgent();
      const search = await anonymous.request(`${issuer}/clerk/search?idNumber=001088000456`);
      assert.equal(search.status, 303);
      assert.equal(search.location, `${issuer}/clerk`);
      const page = await anonymous.request(`${issuer}/clerk`);
      assert.match(page.body, /Đăng nhập nhân viên/);
    });
  });
}
