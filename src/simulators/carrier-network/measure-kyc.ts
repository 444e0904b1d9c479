/**
 * Measures KYC Match latency over HTTP against a loaded registry (e.g. after `npm run carrier -- generate
 * --count 10000000`): a simulator on a free port, one token, then autocannon with random existing numbers.
 * Usage: DATABASE_URL=… npx tsx src/simulators/carrier-network/measure-kyc.ts [--seconds 10] [--connections 20]
 */
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { normalizeMobileNumber } from '../../domain/phone.ts';
import { openDatabase } from '../../lib/database.ts';
import { createCarrierNetwork, devCarrierClients } from './index.ts';
import { createRegistry } from './registry.ts';
import type { CarrierTables } from './schema.ts';
import { generatedSubscriber } from './seed.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;

const database = await openDatabase({ url: process.env.DATABASE_URL, poolSize: 20 });
const clients = devCarrierClients('measure');
const network = await createCarrierNetwork({ database, clients, devApi: false });
const total = await createRegistry(database.as<CarrierTables>(), () => new Date()).count();
const app = Fastify();
await app.register(network.plugin);
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

const tokens: Record<string, string> = {};
for (const [carrier, credentials] of Object.entries(clients)) {
  const response = await fetch(`${base}/carriers/${carrier}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
  });
  tokens[carrier] = ((await response.json()) as { access_token: string }).access_token;
}

const now = new Date();
const result = await autocannon({
  url: base,
  connections: arg('--connections', 20),
  duration: arg('--seconds', 10),
  requests: [
    {
      method: 'POST',
      setupRequest: (request) => {
        const s = generatedSubscriber(Math.floor(Math.random() * total), now);
        const phone = normalizeMobileNumber(s.phoneNumber);
        const carrier = s.carrier ?? (phone.ok ? phone.value.allocatedCarrier : 'viettel');
        return {
          ...request,
          path: `/carriers/${carrier}/kyc-match/v0.4/match`,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[carrier]}` },
          body: JSON.stringify({
            phoneNumber: s.phoneNumber,
            idDocument: s.idNumber,
            name: s.fullName,
            birthdate: s.birthDate,
          }),
        };
      },
    },
  ],
});

process.stdout.write(
  `${JSON.stringify({ subscribers: total, requests: result.requests.total, perSecond: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors })}\n`,
);
await app.close();
await database.close();
