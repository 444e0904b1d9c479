/**
 * Asynchronous signature registrations in the bench (issue 18): SIM-signature registrations with the citizen's
 * approval automated on the simulated phone. One registration: a captcha, `POST /api/v1/registrations/sim-signature`
 * (202: the hub issues a challenge and sends MSS_Signature to the MSSP over SOAP), the SIM Toolkit prompt read and
 * answered with the PIN through the phone's JSON API, then `GET /api/v1/registrations/{id}` polled until
 * `completed` (each poll is one MSS_StatusQuery; the completing one verifies the CMS signature, the chain and
 * revocation, and makes the account). Each registration needs its own person and SIM (one account per ID
 * number), made before the clock starts: the rate is completed registrations per second of the measured window,
 * the p99 is the whole registration's (start to completed).
 *
 * Alone: `npx tsx bench/sim-signatures.ts` starts the whole system in this process (dev mode, PostgreSQL + Redis
 * of this machine: DATABASE_URL, REDIS_URL) and prints the figures.
 */
import { person } from '../src/simulators/population/people.ts';
import { requestJson } from './http.ts';

export interface SimSubscriber {
  phoneNumber: string;
  pin: string;
}

export interface SimSignatureRun {
  registrations: number;
  seconds: number;
  durations: number[];
  failures: number;
  firstError?: string;
  /** Subscribers left unused when the window closed (the pool was large enough when > 0). */
  unused: number;
}

const PIN = '2580';

/** `count` SIM subscribers with the signature service (a certificate each from the test PKI), `parallel` at a time. */
export async function simSubscribers(simUrl: string, count: number, parallel = 8): Promise<SimSubscriber[]> {
  const salt = Math.floor(Math.random() * 9000);
  const made: SimSubscriber[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const p = person(10_000 + ((salt * 131 + n) % 80_000));
      const phoneNumber = `+8492${String(1_000_000 + salt * 1000 + n).slice(-7)}`;
      const created = await requestJson(`${simUrl}/sim/mssp/subscribers`, 'POST', {
        phoneNumber,
        idNumber: p.idNumber,
        fullName: p.fullName,
        pin: PIN,
      });
      if (created.status !== 201) throw new Error(`MSSP subscriber answered ${created.status}`);
      made.push({ phoneNumber, pin: PIN });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return made;
}

async function registerOne(
  base: string,
  simUrl: string,
  sim: SimSubscriber,
  captcha: () => Promise<{ captchaId: string; captchaAnswer: string }>,
): Promise<void> {
  const started = await requestJson(`${base}/api/v1/registrations/sim-signature`, 'POST', {
    phoneNumber: sim.phoneNumber,
    ...(await captcha()),
    consent: true,
  });
  if (started.status !== 202) throw new Error(`start answered ${started.status} ${started.body.code ?? ''}`);
  const id = String(started.body.registrationId);
  const phone = `${simUrl}/sim/phones/${encodeURIComponent(sim.phoneNumber)}/sim-toolkit`;
  // The SIM's prompt is there as soon as the MSSP answered the start.
  const prompts = (await requestJson(phone)).body as unknown as Array<{ requestId: string }>;
  const prompt = prompts[0];
  if (!prompt) throw new Error('no SIM Toolkit prompt');
  const answered = await requestJson(`${phone}/${encodeURIComponent(prompt.requestId)}`, 'POST', {
    pin: sim.pin,
  });
  if (answered.status >= 300) throw new Error(`the phone answered ${answered.status}`);
  for (let poll = 0; poll < 20; poll++) {
    const status = await requestJson(`${base}/api/v1/registrations/${id}`);
    if (status.body.step === 'completed') return;
    if (status.body.step === 'refused') throw new Error(`refused ${status.body.code}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('not completed after 20 polls');
}

/** `workers` citizens at once, each registering with a fresh SIM until the window or the pool ends. */
export async function runSimSignatureRegistrations(
  base: string,
  simUrl: string,
  pool: SimSubscriber[],
  seconds: number,
  captcha: () => Promise<{ captchaId: string; captchaAnswer: string }>,
  workers = 16,
): Promise<SimSignatureRun> {
  const run: SimSignatureRun = { registrations: 0, seconds, durations: [], failures: 0, unused: 0 };
  const started = performance.now();
  const until = started + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < until && next < pool.length) {
        const sim = pool[next++]!;
        const begun = performance.now();
        try {
          await registerOne(base, simUrl, sim, captcha);
          run.registrations++;
          run.durations.push(performance.now() - begun);
        } catch (error) {
          run.failures++;
          run.firstError ??= String((error as Error).message ?? error);
        }
      }
    }),
  );
  run.seconds = (performance.now() - started) / 1000;
  run.unused = pool.length - next;
  return run;
}

/** The p-th percentile (nearest rank) of `values`, in whole ms. */
export function p(values: number[], percentile: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((percentile / 100) * sorted.length) - 1)]!);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { startTestSystem } = await import('../test/support/system.ts');
  const variant = process.env.DATABASE_URL && process.env.REDIS_URL ? 'servers' : 'embedded';
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const t = await startTestSystem(variant, { LOG_LEVEL: 'warn', LIMIT_CAPTCHAS_PER_IP: '1000000' });
  try {
    const pool = await simSubscribers(t.url, Number(process.env.BENCH_SIMS ?? 400));
    const captcha = async () => {
      const created = await requestJson(`${t.url}/api/v1/captchas`, 'POST');
      const answer = await requestJson(`${t.url}/sim/captchas/${created.body.captchaId}`);
      return { captchaId: String(created.body.captchaId), captchaAnswer: String(answer.body.answer) };
    };
    // The clock stays put: real time passes, the hub's windows are measured on its own clock.
    const run = await runSimSignatureRegistrations(t.url, t.url, pool, seconds, captcha);
    process.stdout.write(
      `${JSON.stringify({
        variant,
        simSignatureRegistrationsPerSec: Number((run.registrations / run.seconds).toFixed(1)),
        simSignatureRegistrationP99Ms: p(run.durations, 99),
        simSignatureFailures: run.failures,
        unusedSims: run.unused,
        ...(run.firstError && { firstError: run.firstError.slice(0, 300) }),
      })}\n`,
    );
  } finally {
    await t.close();
  }
}
