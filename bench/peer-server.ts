/**
 * The peer of `npm run bench`: better-auth (npm) configured as its documentation says, in a process of its
 * own, on node:http through better-auth's `toNodeHandler`. Email + password sign-up (its defaults: scrypt
 * N=16384, r=16, p=1 through node:crypto, auto sign-in with a session row) and the phone-number plugin,
 * whose `sendOTP` only counts. Its tables are created by its own migration API (`getMigrations`) in the
 * fresh database given in PEER_DATABASE_URL. Prints one JSON line `{"peer": url}` when it listens.
 *
 * Two settings differ from a bare copy of the docs, both for the measurement: the per-IP rate limiter is
 * off (all the load comes from one address; the portal's per-IP limits are raised for the same reason), and
 * telemetry is off (nothing may leave the machine).
 */
import { createServer } from 'node:http';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import { phoneNumber } from 'better-auth/plugins';
import pg from 'pg';

const url = process.env.PEER_DATABASE_URL;
if (!url) throw new Error('PEER_DATABASE_URL is required');
const port = Number(process.env.PORT ?? 0);

let otpsSent = 0;
const options = {
  baseURL: `http://127.0.0.1:${port}`,
  secret: process.env.BETTER_AUTH_SECRET,
  database: new pg.Pool({ connectionString: url }),
  emailAndPassword: { enabled: true },
  plugins: [
    phoneNumber({
      sendOTP: () => {
        otpsSent++;
      },
    }),
  ],
  rateLimit: { enabled: false },
  telemetry: { enabled: false },
};
const auth = betterAuth(options);
const { runMigrations } = await getMigrations(auth.options);
await runMigrations();

const handler = toNodeHandler(auth);
const server = createServer((request, response) => {
  if (request.url === '/bench/otps-sent') {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ otpsSent }));
    return;
  }
  void handler(request, response);
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ peer: `http://127.0.0.1:${address.port}` })}\n`);
});
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void options.database.end().then(() => process.exit(0));
});
