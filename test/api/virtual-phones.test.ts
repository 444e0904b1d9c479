/**
 * Virtual phones through the real system: the JSON API of api.md, and a citizen texting TTTB to 1414 from
 * a phone's page (a plain form post, no JavaScript) and reading the carrier's answer on that page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newIdentity, registerSubscriber } from '../support/journey.ts';
import { call, startTestSystem, type TestSystem } from '../support/system.ts';

describe('virtual phones and the 1414 service', () => {
  let t: TestSystem;
  before(async () => {
    t = await startTestSystem('embedded');
  });
  after(() => t.close());

  async function inbox(phone: string, count: number) {
    const deadline = Date.now() + 5000;
    for (;;) {
      const messages = (
        await call<Array<{ from: string; text: string; at: string }>>(
          t.url,
          'GET',
          `/sim/phones/${encodeURIComponent(phone)}/sms`,
        )
      ).body;
      if (messages.length >= count || Date.now() > deadline) return messages;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('texting TTTB to 1414 from the phone page shows the carrier’s answer on that page', async () => {
    const identity = newIdentity({ fullName: 'Trần Thị Bích' });
    await registerSubscriber(t.url, identity);
    const national = `0${identity.phoneNumber.slice(3)}`;
    const page = await fetch(`${t.url}/sim/phones/${national}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<form method="post"/);

    const sent = await fetch(`${t.url}/sim/phones/${national}/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'to=1414&text=TTTB',
      redirect: 'manual',
    });
    assert.equal(sent.status, 303);
    const [answer] = await inbox(identity.phoneNumber, 1);
    assert.equal(answer!.from, '1414');
    assert.match(answer!.text, /Ho ten: Tran Thi Bich/);
    const after = await (await fetch(`${t.url}${sent.headers.get('location')}`)).text();
    assert.match(after, /Ho ten: Tran Thi Bich/);
    assert.match(after, /So giay to:/);
    const index = await (await fetch(`${t.url}/sim/phones`)).text();
    assert.ok(index.includes(national));
  });

  it('the JSON API sends (202) and lists messages oldest first; bad numbers are 400', async () => {
    const identity = newIdentity();
    await registerSubscriber(t.url, identity);
    assert.equal(
      (await call(t.url, 'POST', `/sim/phones/${identity.phoneNumber}/sms`, { to: '1414', text: 'TTTB' }))
        .status,
      202,
    );
    await inbox(identity.phoneNumber, 1);
    assert.equal(
      (await call(t.url, 'POST', `/sim/phones/${identity.phoneNumber}/sms`, { to: '1414', text: 'HELLO' }))
        .status,
      202,
    );
    const messages = await inbox(identity.phoneNumber, 2);
    assert.equal(messages.length, 2);
    assert.ok(messages[0]!.at <= messages[1]!.at);
    assert.match(messages[0]!.text, /Ho ten/);
    assert.match(messages[1]!.text, /Cu phap/);
    assert.equal((await call(t.url, 'GET', '/sim/phones/12345/sms')).status, 400);
    assert.equal(
      (await call(t.url, 'POST', `/sim/phones/${identity.phoneNumber}/sms`, { to: '1414' })).status,
      400,
    );
  });

  it('pages escape what they show', async () => {
    const identity = newIdentity();
    await call(t.url, 'POST', `/sim/phones/${identity.phoneNumber}/sms`, {
      to: identity.phoneNumber,
      text: '<script>alert(1)</script>',
    });
    await inbox(identity.phoneNumber, 1);
    const page = await (
      await fetch(`${t.url}/sim/phones/${encodeURIComponent(identity.phoneNumber)}`)
    ).text();
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!page.includes('<script>alert(1)'));
  });
  it('the inbox can wait for a message (?after=N&waitMs=M) and answers at once when it arrives', async () => {
    const identity = newIdentity();
    await registerSubscriber(t.url, identity);
    const path = `/sim/phones/${encodeURIComponent(identity.phoneNumber)}/sms`;
    const started = performance.now();
    const empty = await call<unknown[]>(t.url, 'GET', `${path}?after=0&waitMs=100`);
    assert.deepEqual(empty.body, []);
    assert.ok(performance.now() - started >= 90, 'waited for the message');

    const waiting = call<Array<{ from: string }>>(t.url, 'GET', `${path}?after=0&waitMs=5000`);
    await call(t.url, 'POST', path, { to: '1414', text: 'TTTB' });
    const sent = performance.now();
    const [answer] = (await waiting).body;
    assert.equal(answer!.from, '1414');
    assert.ok(performance.now() - sent < 2000, 'answered when the message arrived, not at the deadline');
  });
});
