/**
 * The peer measurement: better-auth (bench/peer-server.ts) in its own process and its own fresh database
 * on the same PostgreSQL, driven by the same load generator (autocannon) at the same concurrency as the
 * portal's figures it is compared with.
 */
import { randomBytes, scrypt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort, startProcess } from './processes.ts';

export const PEER_PASSWORD_HASH = 'scrypt N=16384 r=16 p=1 dkLen=64 (better-auth default, node:crypto)';

export interface PeerResults {
  peerVersion: string;
  peerSignupsPerSec: number;
  peerSignupP99Ms: number;
  peerOtpSendsPerSec: number;
  peerOtpSendP99Ms: number;
  peerScryptHashesPerSec: number;
  peerNon2xx: { signUp: number; otpSend: number };
  peerErrors: { signUp: number; otpSend: number };
}

/** better-auth's default scrypt hashes per second, as many in flight as the thread pool runs. */
async function scryptBound(seconds: number): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const one = () =>
    new Promise<void>((resolve, reject) =>
      scrypt(
        randomBytes(12).toString('hex'),
        randomBytes(16).toString('hex'),
        64,
        { N: 16_384, r: 16, p: 1, maxmem: 128 * 16_384 * 16 * 2 },
        (error) => (error ? reject(error) : resolve()),
      ),
    );
  const worker = async () => {
    while (performance.now() < deadline) {
      await one();
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: availableParallelism() * 2 }, worker));
  return done / ((performance.now() - started) / 1000);
}

export async function measurePeer(options: {
  serverUrl: string;
  seconds: number;
  signUpConnections: number;
  otpConnections: number;
  profile: boolean;
}): Promise<PeerResults> {
  const name = `bench_peer_${process.pid}`;
  const admin = new pg.Client({ connectionString: options.serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const url = new URL(options.serverUrl);
  url.pathname = `/${name}`;
  try {
    const peerScryptHashesPerSec = await scryptBound(3);
    const server = await startProcess(
      'bench/peer-server.ts',
      {
        NODE_ENV: 'production',
        PORT: String(await freePort()),
        PEER_DATABASE_URL: url.toString(),
        BETTER_AUTH_SECRET: randomBytes(32).toString('hex'),
        BETTER_AUTH_TELEMETRY: '0',
      },
      'peer',
      options.profile ? ['--cpu-prof', '--cpu-prof-dir=bench/profiles/peer'] : [],
    );
    try {
      const base = String(server.line.peer);
      const run = `${process.pid.toString(36)}${randomBytes(2).toString('hex')}`;
      // OTP sends first: sign-ups leave scrypt work queued behind them when the run ends.
      let otps = 0;
      const otpRun = await autocannon({
        url: base,
        connections: options.otpConnections,
        duration: Math.min(options.seconds, 5),
        requests: [
          {
            method: 'POST',
            path: '/api/auth/phone-number/send-otp',
            setupRequest: (request) => ({
              ...request,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ phoneNumber: `+8490${String(otps++).padStart(7, '0')}` }),
            }),
          },
        ],
      });
      let signUps = 0;
      const signUpRun = await autocannon({
        url: base,
        connections: options.signUpConnections,
        duration: options.seconds,
        requests: [
          {
            method: 'POST',
            path: '/api/auth/sign-up/email',
            setupRequest: (request) => ({
              ...request,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                name: 'Nguyễn Văn An',
                email: `citizen.${run}.${signUps++}@example.vn`,
                password: 'Sông#Hồng2024xanh',
              }),
            }),
          },
        ],
      });
      const peerVersion = String(
        JSON.parse(readFileSync('node_modules/better-auth/package.json', 'utf8')).version,
      );
      return {
        peerVersion,
        peerSignupsPerSec: Number((signUpRun['2xx'] / signUpRun.duration).toFixed(1)),
        peerSignupP99Ms: signUpRun.latency.p99,
        peerOtpSendsPerSec: Math.round(otpRun['2xx'] / otpRun.duration),
        peerOtpSendP99Ms: otpRun.latency.p99,
        peerScryptHashesPerSec: Number(peerScryptHashesPerSec.toFixed(1)),
        peerNon2xx: { signUp: signUpRun.non2xx, otpSend: otpRun.non2xx },
        peerErrors: {
          signUp: signUpRun.errors + signUpRun.timeouts,
          otpSend: otpRun.errors + otpRun.timeouts,
        },
      };
    } finally {
      await server.stop();
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
