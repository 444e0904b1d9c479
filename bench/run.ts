/**
 * `npm run bench`: the registration journey measured against its physical bound, in production
 * configuration (PostgreSQL + Redis on 127.0.0.1, the portal with NODE_ENV=production) with the partners
 * simulated in a process of their own. The bench drives everything over HTTP from this third process:
 * start/verify per database size (how cost grows), whole journeys, sign-in, then the peer (better-auth in
 * its own process and database, bench/peer.ts). Prints a table, then one JSON line, also written to
 * bench/results/latest.json. See BENCHMARKS.md.
 */

import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { hash } from '@node-rs/argon2';
import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { generatedSubscriber } from '../src/simulators/carrier-network/seed.ts';
import { createScratchDatabase, dropScratchDatabase } from '../test/support/databases.ts';
import { throwawayOidcEnv } from '../test/support/oidc-env.ts';
import { type CertificateSignInRun, certificateHolders, runCertificateSignIns } from './cert-sign-ins.ts';
import { type CoreUse, cpuMeter, cpuMsPerRequest, phaseBounds } from './cpu.ts';
import { fillAccounts, loadSubscribers } from './growth.ts';
import { requestJson } from './http.ts';
import { BENCH_CLIENT, hubCitizens, runHubFlows } from './hub-flows.ts';
import { measurePeer, PEER_PASSWORD_HASH, type PeerResults } from './peer.ts';
import { freePort, peakRssMb, startPortal, startProcess } from './processes.ts';
import { runSimSignatureRegistrations, type SimSignatureRun, simSubscribers } from './sim-signatures.ts';

const DATABASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 128);
/** Start-registration requests per measurement (each with its own identity and solved captcha). */
const STARTS = Number(process.env.BENCH_STARTS ?? 4000);
const CONNECTIONS = 64;
/** Citizens running hub flows at once, each with its own hub session. */
const HUB_CITIZENS = 16;
const PASSWORD = 'Sông#Hồng2024xanh';
const OUR_PASSWORD_HASH = 'Argon2id m=19456 KiB t=2 p=1 (@node-rs/argon2)';
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/**
 * How cost grows: start and verify are measured once per size, the database filled up in between. The
 * default run does the first two sizes; BENCH_GROWTH=full adds 1 M accounts / 10 M subscribers.
 */
const SIZES = [
  { accounts: 1_000, subscribers: 10_000 },
  { accounts: 100_000, subscribers: 1_000_000 },
  { accounts: 1_000_000, subscribers: 10_000_000 },
].slice(0, process.env.BENCH_GROWTH === 'full' ? 3 : process.env.BENCH_GROWTH === 'small' ? 1 : 2);

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1));
};

/** Runs `count` tasks with at most `width` in flight; results in task order. */
async function inPool<T>(count: number, width: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < count) {
      const index = nextIndex++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

/** Argon2id hashes per second with the portal's parameters, as many in flight as the thread pool runs. */
async function argon2Bound(seconds: number): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      await hash(randomBytes(12).toString('hex'), ARGON2);
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: availableParallelism() * 2 }, worker));
  return done / ((performance.now() - started) / 1000);
}

/** Deletes this run's Redis keys (codes, quotas, captchas: some would otherwise live for a day). */
async function forgetKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url);
  try {
    const stream = client.scanStream({ match: `${prefix}*`, count: 1000 });
    for await (const keys of stream as AsyncIterable<string[]>)
      if (keys.length > 0) await client.unlink(...keys);
  } finally {
    client.disconnect();
  }
}

interface Person {
  idNumber: string;
  fullName: string;
  birthDate: string;
  phoneNumber: string;
}

/** Identities the carrier seed (subscribers [from, to)) registers to an active, unswapped SIM under a 12-digit ID. */
function* owners(from: number, to: number, now: Date): Generator<Person> {
  for (let i = from; i < to; i++) {
    const s = generatedSubscriber(i, now);
    if (
      s.status === 'inactive' ||
      s.idType === 'CMND' ||
      (s.simChangedAt && now.getTime() - new Date(s.simChangedAt).getTime() < 4 * 86_400_000)
    )
      continue;
    yield { idNumber: s.idNumber, fullName: s.fullName, birthDate: s.birthDate, phoneNumber: s.phoneNumber };
  }
}

async function main() {
  const profile = Boolean(process.env.BENCH_PROFILE);
  const scratch = await createScratchDatabase(DATABASE);
  const prefix = `bench:${randomBytes(4).toString('hex')}:`;
  const redis = new Redis(REDIS, { keyPrefix: prefix });
  const secret = randomBytes(16).toString('hex');
  const stops: Array<() => Promise<void>> = [];
  const now = new Date();
  try {
    if (process.env.BENCH_ASYNC_COMMIT) {
      // Diagnosis only: shows how much of the journey waits on WAL flushes (durability is NOT what production wants).
      const admin = new (await import('pg')).default.Client({ connectionString: scratch });
      await admin.connect();
      await admin.query(`alter database ${new URL(scratch).pathname.slice(1)} set synchronous_commit = off`);
      await admin.end();
    }
    process.stdout.write(`loading ${SIZES[0]!.subscribers} carrier subscribers…\n`);
    loadSubscribers(scratch, 0, SIZES[0]!.subscribers);
    const smscPort = await freePort();
    const sims = await startProcess(
      'src/simulators/main.ts',
      {
        DATABASE_URL: scratch,
        SIM_PORT: '0',
        SMSC_PORT: String(smscPort),
        SIM_SECRET: secret,
        SMPP_SYSTEM_ID: 'portal',
        SMPP_PASSWORD: 'benchpw',
      },
      'simulators',
      profile ? ['--cpu-prof', '--cpu-prof-dir=bench/profiles/simulators'] : [],
    );
    stops.push(sims.stop);
    const simUrl = String(sims.line.url);
    const { devCarrierClients } = await import('../src/simulators/carrier-network/index.ts');
    const { devPopulationClients } = await import('../src/simulators/population/index.ts');
    const { devSocialInsuranceClients } = await import('../src/simulators/social-insurance/index.ts');
    const [populationClient] = devPopulationClients(secret);
    const [insuranceClient] = devSocialInsuranceClients(secret);
    const { devBusinessRegistryClients } = await import('../src/simulators/business-registry/index.ts');
    const [businessClient] = devBusinessRegistryClients(secret);
    const { devMsspApplicationProvider } = await import('../src/simulators/mssp/index.ts');
    const msspAp = devMsspApplicationProvider(secret);
    const carrierEnv: Record<string, string> = {};
    for (const [id, client] of Object.entries(devCarrierClients(secret))) {
      const key = `CARRIER_${id.toUpperCase()}`;
      carrierEnv[`${key}_URL`] = `${simUrl}/carriers/${id}`;
      carrierEnv[`${key}_CLIENT_ID`] = client.clientId;
      carrierEnv[`${key}_CLIENT_SECRET`] = client.clientSecret;
    }
    const port = await freePort();
    const portal = await startPortal(
      {
        NODE_ENV: 'production',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        DATABASE_URL: scratch,
        REDIS_URL: REDIS,
        REDIS_KEY_PREFIX: prefix,
        HMAC_KEY: randomBytes(32).toString('base64'),
        DATA_KEY: randomBytes(32).toString('base64'),
        COOKIE_SECRET: randomBytes(32).toString('base64'),
        SMPP_HOST: '127.0.0.1',
        SMPP_PORT: String(smscPort),
        SMPP_SYSTEM_ID: 'portal',
        SMPP_PASSWORD: 'benchpw',
        SMS_RATE_PER_SECOND: '5000',
        MNP_URL: `${simUrl}/mnp/v1`,
        ...throwawayOidcEnv(`http://127.0.0.1:${port}`),
        // The hub phase's first-party portal (no consent page), in place of the throwaway placeholder.
        OIDC_CLIENTS: JSON.stringify([BENCH_CLIENT]),
        POPULATION_BASE_URL: `${simUrl}/population/v1`,
        POPULATION_API_KEY: populationClient!.apiKey,
        SOCIAL_INSURANCE_BASE_URL: `${simUrl}/vss/v1`,
        SOCIAL_INSURANCE_CLIENT_ID: insuranceClient!.clientId,
        SOCIAL_INSURANCE_CLIENT_SECRET: insuranceClient!.clientSecret,
        BUSINESS_REGISTRY_BASE_URL: `${simUrl}/business-registry/v1`,
        BUSINESS_REGISTRY_CLIENT_ID: businessClient!.clientId,
        BUSINESS_REGISTRY_CLIENT_SECRET: businessClient!.clientSecret,
        // The simulators' MSSP (SIM signature), as the hub's application provider.
        MSSP_WSDL_URL: `${simUrl}/mssp/wsdl/mssp.wsdl`,
        MSSP_AP_ID: msspAp.apId,
        MSSP_AP_PWD: msspAp.apPwd,
        // The simulators' test PKI root: production needs trust anchors.
        TRUST_ANCHORS: String(sims.line.trustAnchor),
        LIMIT_STARTS_PER_IP: '10000000',
        LIMIT_CAPTCHAS_PER_IP: '10000000',
        // Production serves /metrics only to a scraper with this token.
        METRICS_TOKEN: 'bench-metrics',
        ...carrierEnv,
      },
      // BENCH_PROFILE=1 writes the portal's CPU profile to bench/profiles/ (open it in Chrome DevTools).
      profile ? ['--cpu-prof', '--cpu-prof-dir=bench/profiles'] : [],
    );
    stops.push(portal.stop);
    const meter = cpuMeter({ portal: portal.child.pid!, simulators: sims.child.pid! });
    const cores: Record<string, CoreUse | null> = {};
    const base = `http://127.0.0.1:${port}`;
    const post = (path: string, body?: unknown) => requestJson(`${base}${path}`, 'POST', body);
    const captcha = async () => {
      const created = await post('/api/v1/captchas');
      const stored = JSON.parse((await redis.get(`captcha:${created.body.captchaId}`)) ?? '{}') as {
        answer: string;
      };
      return { captchaId: String(created.body.captchaId), captchaAnswer: stored.answer };
    };
    /** The phone's inbox once it holds more than `after` messages (the simulator waits, up to 5 s). */
    const inbox = async (phone: string, after = 0) =>
      (await requestJson(`${simUrl}/sim/phones/${encodeURIComponent(phone)}/sms?after=${after}&waitMs=5000`))
        .body as unknown as Array<{ text: string }>;
    const latestCode = async (phone: string, count: number) => {
      const messages = await inbox(phone, count - 1);
      if (messages.length < count) throw new Error('no code arrived');
      return /\b(\d{6})\b/.exec(messages[messages.length - 1]!.text)![1]!;
    };

    /** Start registration at fixed concurrency, then each registration's own code submitted once. */
    const startAndVerify = async (people: Generator<Person>, label: string) => {
      const prepared = await inPool(STARTS, CONNECTIONS, async () => {
        const person = people.next().value;
        if (!person) throw new Error('the carrier seed ran out of fresh identities');
        return { person, solved: await captcha() };
      });
      let cursor = 0;
      const registrations: Array<{ id: string; phone: string }> = [];
      const statuses: Record<string, number> = {};
      // autocannon ends an `amount` run on its next 1 s tick: the rate is timed to the last answer instead.
      const startT0 = performance.now();
      let startLast = startT0;
      const {
        result: startRun,
        cores: startCores,
        seconds: startSeconds,
      } = await meter.measure(`start@${label}`, () =>
        autocannon({
          url: base,
          connections: CONNECTIONS,
          amount: prepared.length,
          requests: [
            {
              method: 'POST',
              path: '/api/v1/registrations/mobile',
              setupRequest: (request, context: { phone?: string }) => {
                const item = prepared[cursor++ % prepared.length]!;
                context.phone = item.person.phoneNumber;
                return {
                  ...request,
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ ...item.person, ...item.solved, consent: true }),
                };
              },
              onResponse: (status, body, context: { phone?: string }) => {
                startLast = performance.now();
                const code = status === 201 ? '201' : String(JSON.parse(body).code ?? status);
                statuses[code] = (statuses[code] ?? 0) + 1;
                if (status === 201)
                  registrations.push({
                    id: String(JSON.parse(body).registrationId),
                    phone: String(context.phone),
                  });
              },
            },
          ],
        }),
      );
      const verifyItems = (
        await inPool(registrations.length, CONNECTIONS, async (i) => {
          const r = registrations[i]!;
          const messages = await inbox(r.phone);
          const code = messages.length
            ? /\b(\d{6})\b/.exec(messages[messages.length - 1]!.text)?.[1]
            : undefined;
          return code ? { id: r.id, code } : undefined;
        })
      ).filter((item): item is { id: string; code: string } => item !== undefined);
      let verifyCursor = 0;
      const verifyT0 = performance.now();
      let verifyLast = verifyT0;
      const {
        result: verifyRun,
        cores: verifyCores,
        seconds: verifySeconds,
      } = await meter.measure(`verify@${label}`, () =>
        autocannon({
          url: base,
          connections: CONNECTIONS,
          amount: Math.max(1, verifyItems.length),
          requests: [
            {
              method: 'POST',
              setupRequest: (request) => {
                const item = verifyItems[verifyCursor++ % Math.max(1, verifyItems.length)]!;
                return {
                  ...request,
                  path: `/api/v1/registrations/${item.id}/otp`,
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ code: item.code }),
                };
              },
              onResponse: () => {
                verifyLast = performance.now();
              },
            },
          ],
        }),
      );
      const startPerSec = Math.round(startRun['2xx'] / ((startLast - startT0) / 1000));
      const otpVerifyPerSec = Math.round(verifyRun['2xx'] / ((verifyLast - verifyT0) / 1000));
      return {
        cores: { start: startCores, verify: verifyCores },
        cpuMsPerStart: cpuMsPerRequest(startCores, startSeconds, startRun['2xx']),
        cpuMsPerVerify: cpuMsPerRequest(verifyCores, verifySeconds, verifyRun['2xx']),
        startPerSec,
        startP99Ms: startRun.latency.p99,
        otpVerifyPerSec,
        otpVerifyP99Ms: verifyRun.latency.p99,
        non2xx: { start: startRun.non2xx, verify: verifyRun.non2xx },
        startStatuses: statuses,
      };
    };

    const syntheticHash = await hash(randomBytes(16).toString('hex'), ARGON2);

    const growth: Array<
      { accounts: number; subscribers: number } & Awaited<ReturnType<typeof startAndVerify>>
    > = [];
    const growTo = async (index: number, people: Generator<Person>) => {
      const size = SIZES[index]!;
      const previous = SIZES[index - 1];
      if (previous) {
        process.stdout.write(`loading subscribers up to ${size.subscribers.toLocaleString('en')}…\n`);
        loadSubscribers(scratch, previous.subscribers, size.subscribers);
      }
      const accounts = await fillAccounts(scratch, size.accounts, syntheticHash);
      process.stdout.write(
        `start and verify with ${accounts.toLocaleString('en')} accounts, ${size.subscribers.toLocaleString('en')} subscribers…\n`,
      );
      growth.push({
        accounts,
        subscribers: size.subscribers,
        ...(await startAndVerify(people, String(size.subscribers))),
      });
    };
    // The cheap steps at the smallest size come first; the journeys take their identities after them.
    const basePeople = owners(0, SIZES[0]!.subscribers, now);
    await growTo(0, basePeople);

    // The bound right before the journeys it is compared with: the machine is shared, its load drifts.
    process.stdout.write('measuring the Argon2id bound…\n');
    const argon2HashesPerSec = await argon2Bound(5);

    process.stdout.write('whole journeys…\n');
    const steps: Record<string, number[]> = { captcha: [], start: [], sms: [], verify: [], password: [] };
    const accounts: Array<{ username: string }> = [];
    const journeyDeadline = performance.now() + SECONDS * 1000;
    const timed = async <T>(step: string, work: () => Promise<T>) => {
      const started = performance.now();
      const result = await work();
      steps[step]!.push(performance.now() - started);
      return result;
    };
    const citizen = async () => {
      while (performance.now() < journeyDeadline) {
        const person = basePeople.next().value;
        if (!person) throw new Error('the carrier seed ran out of fresh identities');
        const solved = await timed('captcha', captcha);
        const started = await timed('start', () =>
          post('/api/v1/registrations/mobile', { ...person, ...solved, consent: true }),
        );
        if (started.status !== 201) continue;
        const id = String(started.body.registrationId);
        const code = await timed('sms', () => latestCode(person.phoneNumber, 1));
        await timed('verify', () => post(`/api/v1/registrations/${id}/otp`, { code }));
        const done = await timed('password', () =>
          post(`/api/v1/registrations/${id}/password`, { password: PASSWORD, confirmPassword: PASSWORD }),
        );
        if (done.status === 201) accounts.push({ username: person.idNumber });
      }
    };
    const journeyStarted = performance.now();
    cores.journeys = (
      await meter.measure('journeys', () => Promise.all(Array.from({ length: CITIZENS }, citizen)))
    ).cores;
    const registrationsPerSec = accounts.length / ((performance.now() - journeyStarted) / 1000);

    process.stdout.write('sign-in…\n');
    let signInCursor = 0;
    const { result: signInRun, cores: signInCores } = await meter.measure('signIn', () =>
      autocannon({
        url: base,
        connections: 16,
        duration: SECONDS,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/sessions',
            setupRequest: (request) => {
              const account = accounts[signInCursor++ % Math.max(1, accounts.length)]!;
              return {
                ...request,
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ username: account.username, password: PASSWORD }),
              };
            },
          },
        ],
      }),
    );
    cores.signIn = signInCores;

    process.stdout.write('hub: authorization-code flows with a hub session…\n');
    const hubJars = await hubCitizens(
      base,
      accounts.slice(0, HUB_CITIZENS).map((account) => account.username),
      PASSWORD,
    );
    const {
      result: hubRun,
      cores: hubCores,
      seconds: hubSeconds,
    } = await meter.measure('hubFlows', () => runHubFlows(base, hubJars, SECONDS));
    cores.hubFlows = hubCores;

    // Certificate sign-ins (issue 15): needs the test PKI on the simulators' server and its root as the hub's trust anchor.
    process.stdout.write('certificate sign-ins (signature, chain, cached OCSP)…\n');
    let certRun: CertificateSignInRun | undefined;
    let certError: string | undefined;
    try {
      const holders = await certificateHolders(
        base,
        simUrl,
        accounts.slice(HUB_CITIZENS, 2 * HUB_CITIZENS),
        PASSWORD,
      );
      const measured = await meter.measure('certSignIns', () =>
        runCertificateSignIns(base, holders, SECONDS),
      );
      certRun = measured.result;
      cores.certSignIns = measured.cores;
    } catch (error) {
      certError = String((error as Error).message ?? error).slice(0, 300);
    }

    // Asynchronous signature registrations (issue 18): SIM signatures, the approval on the phone automated.
    process.stdout.write('SIM-signature registrations (MSSP over SOAP, approval automated)…\n');
    let simRun: SimSignatureRun | undefined;
    let simError: string | undefined;
    try {
      const pool = await simSubscribers(simUrl, Number(process.env.BENCH_SIMS ?? 300));
      const measured = await meter.measure('simSignatures', () =>
        runSimSignatureRegistrations(base, simUrl, pool, SECONDS, captcha),
      );
      simRun = measured.result;
      cores.simSignatures = measured.cores;
    } catch (error) {
      simError = String((error as Error).message ?? error).slice(0, 300);
    }

    // Where start-registration time goes: the portal's own histograms of partner calls.
    const metrics = await (
      await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer bench-metrics' } })
    ).text();
    const meanMs = (partner: string) => {
      const sum =
        metrics.match(
          new RegExp(`journey_partner_call_seconds_sum\\{partner="${partner}"[^}]*\\} ([\\d.e+-]+)`, 'g'),
        ) ?? [];
      const count =
        metrics.match(
          new RegExp(`journey_partner_call_seconds_count\\{partner="${partner}"[^}]*\\} ([\\d.e+-]+)`, 'g'),
        ) ?? [];
      const total = (lines: string[]) => lines.reduce((n, line) => n + Number(line.split(' ').pop()), 0);
      return Number(((total(sum) / Math.max(1, total(count))) * 1000).toFixed(1));
    };

    let peer: PeerResults | { peerError: string } = { peerError: 'skipped (BENCH_PEER=off)' };
    if (process.env.BENCH_PEER !== 'off')
      process.stdout.write('the peer (better-auth): sign-ups and OTP sends…\n');
    if (process.env.BENCH_PEER !== 'off')
      try {
        peer = await measurePeer({
          serverUrl: DATABASE,
          seconds: SECONDS,
          signUpConnections: CITIZENS,
          otpConnections: CONNECTIONS,
          profile,
        });
      } catch (error) {
        peer = { peerError: String((error as Error).message ?? error).slice(0, 500) };
      }

    for (let index = 1; index < SIZES.length; index++)
      await growTo(index, owners(SIZES[index - 1]!.subscribers, SIZES[index]!.subscribers, now));

    const first = growth[0]!;
    const peerSignupsPerSec = 'peerSignupsPerSec' in peer ? peer.peerSignupsPerSec : null;
    const results = {
      argon2HashesPerSec: Math.round(argon2HashesPerSec),
      registrationsPerSec: Number(registrationsPerSec.toFixed(1)),
      registrationToBound: Number((registrationsPerSec / argon2HashesPerSec).toFixed(2)),
      startPerSec: first.startPerSec,
      startP99Ms: first.startP99Ms,
      otpVerifyPerSec: first.otpVerifyPerSec,
      otpVerifyP99Ms: first.otpVerifyP99Ms,
      signInPerSec: Math.round(signInRun['2xx'] / signInRun.duration),
      signInToBound: Number((signInRun['2xx'] / signInRun.duration / argon2HashesPerSec).toFixed(2)),
      hubFlowsPerSec: Number((hubRun.flows / hubRun.seconds).toFixed(1)),
      hubFlowP99Ms: percentile(hubRun.durations, 99),
      // The hub process alone: what one more portal sign-in costs the hub (PostgreSQL and Redis are in cpuCores).
      cpuMsPerHubFlow:
        hubCores && hubRun.flows > 0
          ? Number(((hubCores.portal * hubSeconds * 1000) / hubRun.flows).toFixed(2))
          : null,
      hubFlowFailures: hubRun.failures,
      ...(hubRun.firstError && { hubFlowFirstError: hubRun.firstError.slice(0, 300) }),
      certSignInsPerSec: certRun ? Number((certRun.signIns / certRun.seconds).toFixed(1)) : null,
      certSignInP99Ms: certRun ? percentile(certRun.durations, 99) : null,
      certSignInFailures: certRun?.failures ?? null,
      ...((certError ?? certRun?.firstError) && {
        certSignInError: (certError ?? certRun?.firstError)!.slice(0, 300),
      }),
      simSignatureRegistrationsPerSec: simRun
        ? Number((simRun.registrations / simRun.seconds).toFixed(1))
        : null,
      simSignatureRegistrationP99Ms: simRun ? percentile(simRun.durations, 99) : null,
      simSignatureFailures: simRun?.failures ?? null,
      ...((simError ?? simRun?.firstError) && {
        simSignatureError: (simError ?? simRun?.firstError)!.slice(0, 300),
      }),
      peerSignupsPerSec,
      vsPeer: peerSignupsPerSec ? Number((registrationsPerSec / peerSignupsPerSec).toFixed(1)) : null,
      peerOtpSendsPerSec: 'peerOtpSendsPerSec' in peer ? peer.peerOtpSendsPerSec : null,
      passwordHash: { ours: OUR_PASSWORD_HASH, peer: PEER_PASSWORD_HASH },
      peakRssMb: await peakRssMb(portal.child.pid!),
      steps: Object.fromEntries(
        Object.entries(steps).map(([step, values]) => [
          step,
          { p50Ms: percentile(values, 50), p99Ms: percentile(values, 99) },
        ]),
      ),
      growth,
      non2xx: { ...first.non2xx, signIn: signInRun.non2xx },
      startStatuses: first.startStatuses,
      partnerCallMeanMs: { ownerCheck: meanMs('owner_check'), smsHandover: meanMs('sms_handover') },
      cpuCores: { start: first.cores.start, verify: first.cores.verify, ...cores } as Record<
        string,
        CoreUse | null
      >,
      peer,
      machine: { cores: availableParallelism(), node: process.version },
    };
    const rows: Array<[string, string]> = [
      ['Argon2id hashes/s (bound)', String(results.argon2HashesPerSec)],
      [
        'registrations/s (whole journey)',
        `${results.registrationsPerSec}  (${results.registrationToBound} of the bound)`,
      ],
      ...Object.entries(results.steps).map(([step, v]): [string, string] => [
        `  ${step} p50 / p99 ms`,
        `${v.p50Ms} / ${v.p99Ms}`,
      ]),
      ['start registration req/s, p99 ms', `${results.startPerSec}, ${results.startP99Ms}`],
      ['OTP verify req/s, p99 ms', `${results.otpVerifyPerSec}, ${results.otpVerifyP99Ms}`],
      ['sign-in/s', `${results.signInPerSec}  (${results.signInToBound} of the bound)`],
      [
        'hub flows/s, p99 ms, hub CPU ms/flow',
        `${results.hubFlowsPerSec}, ${results.hubFlowP99Ms}, ${results.cpuMsPerHubFlow ?? '-'}${results.hubFlowFailures ? `  (${results.hubFlowFailures} failed: ${results.hubFlowFirstError})` : ''}`,
      ],
      [
        'certificate sign-ins/s, p99 ms',
        results.certSignInsPerSec === null
          ? `not measured: ${results.certSignInError ?? '-'}`
          : `${results.certSignInsPerSec}, ${results.certSignInP99Ms}${results.certSignInFailures ? `  (${results.certSignInFailures} failed: ${results.certSignInError})` : ''}`,
      ],
      [
        'SIM-signature registrations/s, p99 ms',
        results.simSignatureRegistrationsPerSec === null
          ? `not measured: ${results.simSignatureError ?? '-'}`
          : `${results.simSignatureRegistrationsPerSec}, ${results.simSignatureRegistrationP99Ms}${results.simSignatureFailures ? `  (${results.simSignatureFailures} failed: ${results.simSignatureError})` : ''}`,
      ],
      [
        'peer (better-auth) sign-ups/s',
        'peerSignupsPerSec' in peer
          ? `${peer.peerSignupsPerSec}  (p99 ${peer.peerSignupP99Ms} ms; vsPeer ${results.vsPeer})`
          : `failed: ${peer.peerError}`,
      ],
      [
        'peer OTP sends/s, p99 ms',
        'peerOtpSendsPerSec' in peer ? `${peer.peerOtpSendsPerSec}, ${peer.peerOtpSendP99Ms}` : '-',
      ],
      [
        'password hash, ours / peer',
        `${OUR_PASSWORD_HASH} / ${'peerScryptHashesPerSec' in peer ? `scrypt N=16384 r=16 p=1, ${peer.peerScryptHashesPerSec} hashes/s` : '-'}`,
      ],
      ['portal peak RSS MB', String(results.peakRssMb)],
    ];
    for (const [label, value] of rows) process.stdout.write(`${label.padEnd(36)} ${value}\n`);
    process.stdout.write(
      '\nhow cost grows (start / verify at 64 connections; CPU ms per request of portal + simulators + PostgreSQL + Redis)\n',
    );
    const columns: Array<[string, number, (g: (typeof growth)[number]) => string]> = [
      ['accounts', 10, (g) => g.accounts.toLocaleString('en')],
      ['subscribers', 12, (g) => g.subscribers.toLocaleString('en')],
      ['start/s', 8, (g) => String(g.startPerSec)],
      ['p99 ms', 7, (g) => String(g.startP99Ms)],
      ['CPU ms', 7, (g) => String(g.cpuMsPerStart ?? '-')],
      ['verify/s', 9, (g) => String(g.otpVerifyPerSec)],
      ['p99 ms', 7, (g) => String(g.otpVerifyP99Ms)],
      ['CPU ms', 7, (g) => String(g.cpuMsPerVerify ?? '-')],
      ['other cores', 12, (g) => String(g.cores.start?.other ?? '-')],
    ];
    process.stdout.write(`${columns.map(([title, width]) => title.padStart(width)).join(' ')}\n`);
    for (const g of growth)
      process.stdout.write(`${columns.map(([, width, value]) => value(g).padStart(width)).join(' ')}\n`);
    process.stdout.write('\ncores used during each phase (2 = the whole machine)\n');
    const parties = ['portal', 'simulators', 'bench', 'postgres', 'redis', 'other'] as const;
    process.stdout.write(`${'phase'.padEnd(10)}${parties.map((p) => p.padStart(11)).join('')}\n`);
    for (const [phase, use] of Object.entries(results.cpuCores))
      if (use)
        process.stdout.write(
          `${phase.padEnd(10)}${parties.map((p) => String(use[p]).padStart(11)).join('')}\n`,
        );
    if (profile) mkdirSync('bench/profiles', { recursive: true });
    if (profile) writeFileSync('bench/profiles/phases.json', `${JSON.stringify(phaseBounds, null, 2)}\n`);
    const shared = Object.entries(results.cpuCores)
      .concat(
        results.growth
          .slice(1)
          .flatMap((g) =>
            Object.entries(g.cores).map(([k, v]): [string, CoreUse | null] => [`${k}@${g.subscribers}`, v]),
          ),
      )
      .filter(([, use]) => use && use.other > 0.3)
      .map(([phase, use]) => `${phase} (${use!.other} cores)`);
    if (shared.length > 0)
      process.stdout.write(
        `\nnote: other jobs used this machine during ${shared.join(', ')}: rates from those phases are low; compare the CPU ms columns and ratios\n`,
      );
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(results)}\n`);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    redis.disconnect();
    await forgetKeys(REDIS, prefix).catch(() => {});
    await dropScratchDatabase(DATABASE, scratch);
  }
}

await main();
