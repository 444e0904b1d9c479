/**
 * Sustained SMS throughput from the portal's SMPP sender to a virtual phone through the simulated SMS
 * centre, over real SMPP on 127.0.0.1. Usage: npx tsx bench/sms-throughput.ts [--messages 20000] [--rate 5000]
 */
import { createSmppSender } from '../src/adapters/sms/smpp-sender.ts';
import { VirtualPhones } from '../src/simulators/phones/virtual-phones.ts';
import { startSmsc } from '../src/simulators/smsc/server.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
const messages = arg('--messages', 20_000);
const rate = arg('--rate', 5000);

const phones = new VirtualPhones({ messagesPerPhone: 10 });
const account = { systemId: 'bench', password: 'bench' };
const smsc = await startSmsc({ host: '127.0.0.1', port: 0, accounts: [account], phones });
const sender = createSmppSender({
  host: '127.0.0.1',
  port: smsc.port,
  ...account,
  sourceAddr: 'DVCQG',
  sendRatePerSecond: rate,
  queueLimit: messages,
  deadlineMs: 120_000,
});
while (!sender.isReady()) await new Promise((resolve) => setTimeout(resolve, 10));

let delivered = 0;
const phoneCount = 1000;
for (let i = 0; i < phoneCount; i++)
  phones.subscribe(`+8491${String(i).padStart(7, '0')}`, () => delivered++);

const started = performance.now();
await Promise.all(
  Array.from({ length: messages }, (_, i) =>
    sender.send({
      to: `+8491${String(i % phoneCount).padStart(7, '0')}`,
      text: `DVCQG: Ma xac thuc cua ban la ${String(i).padStart(6, '0')}, hieu luc 5 phut.`,
    }),
  ),
);
while (delivered < messages) await new Promise((resolve) => setTimeout(resolve, 5));
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ messages, seconds: Number(seconds.toFixed(2)), messagesPerSec: Math.round(messages / seconds), configuredRate: rate })}\n`,
);
await sender.close();
await smsc.close();
