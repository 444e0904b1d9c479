/** A real SMPP 3.4 session over 127.0.0.1 between the portal's sender and the simulated SMS centre. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { VirtualPhones } from '../../simulators/phones/virtual-phones.ts';
import { type Smsc, startSmsc } from '../../simulators/smsc/server.ts';
import { connectShortCodeApp, type ShortCodeApp } from '../../simulators/smsc/short-code-app.ts';
import { SmsUnavailableError } from '../../usecases/ports/sms-sender.ts';
import { createSmppSender } from './smpp-sender.ts';

const PORTAL = { systemId: 'portal', password: 'secret1' };
const APP = { systemId: 'tttb', password: 'tttb1' };

async function eventually<T>(probe: () => T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('condition not met in time');
}

describe('SMS over SMPP', () => {
  let phones: VirtualPhones;
  let smsc: Smsc;
  let app: ShortCodeApp;
  const receipts: string[] = [];
  let sender: ReturnType<typeof createSmppSender>;

  before(async () => {
    phones = new VirtualPhones();
    smsc = await startSmsc({ host: '127.0.0.1', port: 0, accounts: [PORTAL, APP], phones });
    app = await connectShortCodeApp({
      host: '127.0.0.1',
      port: smsc.port,
      ...APP,
      shortCode: '1414',
      onMessage: async (from, text) =>
        text.trim().toUpperCase() === 'TTTB' ? `Thue bao ${from.slice(-3)}: OK` : 'Sai cu phap',
    });
    sender = createSmppSender({
      host: '127.0.0.1',
      port: smsc.port,
      ...PORTAL,
      sourceAddr: 'DVCQG',
      sendRatePerSecond: 500,
      onDeliveryReceipt: (r) => receipts.push(r.stat),
    });
    await eventually(() => (sender.isReady() ? true : undefined));
  });
  after(async () => {
    await sender.close();
    await app.close();
    await smsc.close();
  });

  it('delivers GSM-7, UCS-2 Vietnamese and long concatenated texts to the right phone', async () => {
    const { messageId } = await sender.send({ to: '+84912000001', text: 'DVCQG: Ma xac thuc la 123456' });
    assert.ok(messageId);
    await sender.send({ to: '+84912000002', text: 'Xin chào Nguyễn Văn An, mã của bạn là 654321' });
    const long = `Thong bao dai: ${'abcdefghij'.repeat(35)} het.`;
    await sender.send({ to: '+84912000001', text: long });
    const first = await eventually(() =>
      phones.inbox('+84912000001').length === 2 ? phones.inbox('+84912000001') : undefined,
    );
    assert.equal(first[0]!.text, 'DVCQG: Ma xac thuc la 123456');
    assert.equal(first[0]!.from, 'DVCQG');
    assert.equal(first[1]!.text, long);
    assert.equal(phones.inbox('+84912000002')[0]!.text, 'Xin chào Nguyễn Văn An, mã của bạn là 654321');
    await eventually(() => (receipts.filter((s) => s === 'DELIVRD').length >= 3 ? true : undefined));
  });

  it('routes a text to 1414 to the short-code application and brings its answer back', async () => {
    assert.deepEqual(smsc.sendFromPhone('+84987000003', '1414', ' tttb '), { delivered: true });
    const reply = await eventually(() => phones.inbox('+84987000003')[0]);
    assert.equal(reply.text, 'Thue bao 003: OK');
    assert.equal(reply.from, '1414');
  });

  it('refuses a bind with a wrong password: sends fail as unavailable', async () => {
    const wrong = createSmppSender({
      host: '127.0.0.1',
      port: smsc.port,
      systemId: 'portal',
      password: 'nope',
      sourceAddr: 'X',
      deadlineMs: 300,
    });
    try {
      await assert.rejects(wrong.send({ to: '+84912000009', text: 'x' }), SmsUnavailableError);
      assert.equal(wrong.isReady(), false);
    } finally {
      await wrong.close();
    }
  });

  it('honours throttling: every message arrives, none lost', async () => {
    smsc.setThrottle(20);
    try {
      const sends = Array.from({ length: 30 }, (_, i) =>
        sender.send({ to: '+84912000010', text: `msg ${i}` }).catch((e: Error) => e),
      );
      const slow = createSmppSender({
        host: '127.0.0.1',
        port: smsc.port,
        ...PORTAL,
        sourceAddr: 'X',
        deadlineMs: 10_000,
      });
      await eventually(() => (slow.isReady() ? true : undefined));
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => slow.send({ to: '+84912000011', text: `slow ${i}` })),
      );
      await slow.close();
      assert.equal(results.length, 40);
      await eventually(() => (phones.inbox('+84912000011').length === 40 ? true : undefined));
      assert.deepEqual(
        phones
          .inbox('+84912000011')
          .map((m) => m.text)
          .sort(),
        Array.from({ length: 40 }, (_, i) => `slow ${i}`).sort(),
      );
      await Promise.all(sends);
    } finally {
      smsc.setThrottle(null);
    }
  });

  it('answers SmsUnavailableError within 2 s while the SMS centre is down, and reconnects when it is back', async () => {
    await smsc.setDown(true);
    const started = Date.now();
    await assert.rejects(sender.send({ to: '+84912000020', text: 'down' }), SmsUnavailableError);
    assert.ok(Date.now() - started < 2200, `${Date.now() - started} ms`);
    assert.equal(sender.isReady(), false);
    await smsc.setDown(false);
    await eventually(() => (sender.isReady() ? true : undefined), 8000);
    await sender.send({ to: '+84912000020', text: 'back' });
    assert.equal((await eventually(() => phones.inbox('+84912000020')[0])).text, 'back');
  });
});
