/**
 * The faults, one phase each: baseline window under load, the fault, a recovery window; then the
 * measurements and the invariants. Plus the burst phase (every limit and lockout at once) and the fuzz phase.
 */
import { DEFAULT_BREAKER_SETTINGS } from '../src/adapters/http/circuit-breaker.ts';
import type { Cluster } from './cluster.ts';
import {
  CARRIER_TIMEOUT_MS,
  LIMITS,
  MSSP_TIMEOUT_MS,
  POSTID_TIMEOUT_MS,
  portalVitals,
  REGISTRY_TIMEOUT_MS,
  REMOTE_SIGNING_TIMEOUT_MS,
  REVOCATION_TIMEOUT_MS,
} from './cluster.ts';
import { send } from './http.ts';
import { type Check, rowInvariants } from './invariants.ts';
import { type Citizens, type JourneyKind, nextClientIp } from './load.ts';
import { percentile, type Recorder, type WindowStats } from './recorder.ts';

export interface Windows {
  baselineMs: number;
  faultMs: number;
  recoveryMs: number;
  citizens: number;
  fuzzRequests: number;
  fuzzBudgetMs: number;
}

export interface PhaseResult {
  name: string;
  description: string;
  windows: Record<string, WindowSummary>;
  timeToReadyMs?: number;
  timeToFirstSuccessMs?: number;
  maxLagMs: number;
  maxRssMb: number;
  unhandledErrors: string[];
  checks: Check[];
  extra?: Record<string, unknown>;
}

export interface WindowSummary {
  seconds: number;
  requests: number;
  journeysOkPerSec: number;
  journeysOk: Record<string, number>;
  journeysFailed: Record<string, number>;
  byAnswer: Record<string, number>;
  unclean: number;
  uncleanSamples: string[];
  killedInFlight: number;
  p50Ms: number;
  p99Ms: number;
}

export interface PhaseTools {
  cluster: Cluster;
  recorder: Recorder;
  citizens: Citizens;
  windows: Windows;
}

interface Fault {
  name: string;
  description: string;
  inject(tools: PhaseTools): Promise<void>;
  heal(tools: PhaseTools): Promise<void>;
  /** Checks of this fault beyond the common ones, run after the recovery window. */
  checks?(tools: PhaseTools): Check[];
  /**
   * The journeys the fault stops, when it stops only some: recovery is then the first of these to succeed
   * after the fault, not any journey (sign-ins go on through a registry outage).
   */
  affects?: readonly JourneyKind[];
  /**
   * Left out of `--quick`. The registry outages are: their circuit breakers keep refusing for 30 s after
   * the fault, which would take the CI slice past its budget; the slow registry stays as their stand-in.
   */
  notInQuick?: true;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How long after a partner's fault its journeys may take to succeed again: its circuit breaker, opened
 * during the fault, lets a trial call through only `resetAfterMs` after opening; then a journey's length.
 */
const PARTNER_RECOVERY_GRACE_MS = DEFAULT_BREAKER_SETTINGS.resetAfterMs + 15_000;
/** What a start may add to its partner's timeout (captcha, limits, audit) on a loaded two-core machine. */
const START_BEYOND_TIMEOUT_MS = 1000;

let redisDown: { from: number; to: number } | undefined;

/** How long a fault may be held past its window waiting to be felt (a journey that crosses it is a long one). */
const FELT_WITHIN_MS = 25_000;

/**
 * Holds the fault until one of `keys` (step status [code]) was answered in the fault window, at most
 * FELT_WITHIN_MS: a rare journey, or one whose partner is slow on every step (PostID's pages), may otherwise not
 * reach the hub's call to the partner before the window ends, and the fault would test nothing there (seen on a
 * loaded machine: ca-slow and remote-signing-slow ended with no sign-in by certificate or remote signature at all).
 */
async function untilFelt(recorder: Recorder, keys: string[]) {
  const deadline = Date.now() + FELT_WITHIN_MS;
  while (Date.now() < deadline) {
    const answers = recorder.windows.get('fault')?.byAnswer ?? {};
    if (keys.some((key) => (answers[key] ?? 0) > 0)) return;
    await sleep(250);
  }
}

export const FAULTS: Fault[] = [
  {
    name: 'portal-kill',
    description: 'kill -9 of portal a; the balancer skips it; it is started again',
    async inject({ cluster, recorder }) {
      recorder.killedBackend = 'a';
      await cluster.portals[0]!.kill();
    },
    async heal({ cluster }) {
      await cluster.portals[0]!.start();
    },
  },
  {
    name: 'postgres-restart',
    description: 'PostgreSQL stopped as by a crash (-m immediate), down for the fault window, started again',
    async inject({ cluster }) {
      await cluster.postgres.stop('immediate');
    },
    async heal({ cluster }) {
      await cluster.postgres.start();
    },
  },
  {
    name: 'postgres-terminate',
    description: 'pg_terminate_backend of every portal connection, three times over the fault window',
    async inject({ cluster, windows }) {
      for (let i = 0; i < 3; i++) {
        await cluster.postgres.terminateBackends().catch(() => 0);
        await sleep(windows.faultMs / 3);
      }
    },
    async heal() {},
  },
  {
    name: 'redis-restart',
    description: 'Redis killed, down for the fault window, started again empty',
    async inject({ cluster }) {
      await cluster.redis.stop();
      redisDown = { from: Date.now(), to: Number.POSITIVE_INFINITY };
    },
    async heal({ cluster }) {
      if (redisDown) redisDown.to = Date.now();
      await cluster.redis.start();
    },
    checks({ recorder }) {
      const window = redisDown ?? { from: 0, to: 0 };
      const accepted = recorder.facts.otpAccepted.filter(
        (o) => o.startedAt >= window.from && o.endedAt <= window.to,
      );
      return [
        {
          name: 'no code accepted while Redis is down',
          invariant: true,
          ok: accepted.length === 0,
          detail: `${accepted.length} OTPs accepted by requests made entirely while Redis was down`,
        },
      ];
    },
  },
  {
    name: 'carrier-down',
    description:
      "VinaPhone's CAMARA API down (the simulator's outage switch); every journey's SIM is VinaPhone",
    async inject({ cluster }) {
      await cluster.setCarrierOutage('vinaphone', true);
    },
    async heal({ cluster }) {
      await cluster.setCarrierOutage('vinaphone', false);
    },
  },
  {
    name: 'carrier-slow',
    description: `every carrier and MNP call ${CARRIER_TIMEOUT_MS} ms+ slower (latency proxy, beyond CARRIER_TIMEOUT_MS)`,
    async inject({ cluster }) {
      // Each way, so a call takes 1.5× the portal's timeout: the carrier is slow enough to time out.
      cluster.carriers.setLatency(Math.ceil(CARRIER_TIMEOUT_MS * 0.75));
    },
    async heal({ cluster }) {
      cluster.carriers.setLatency(0);
    },
  },
  {
    name: 'smsc-down',
    description: 'the SMS centre unreachable (SMPP connections reset and refused)',
    async inject({ cluster }) {
      cluster.smsc.setDown(true);
    },
    async heal({ cluster }) {
      cluster.smsc.setDown(false);
    },
  },
  {
    name: 'social-insurance-down',
    description: "VSS's record-match API answers 503 (the simulator's outage switch)",
    affects: ['registration-si'],
    notInQuick: true,
    async inject({ cluster }) {
      await cluster.setRegistryOutage('socialInsurance', true);
    },
    async heal({ cluster }) {
      await cluster.setRegistryOutage('socialInsurance', false);
    },
    checks: ({ recorder }) => [refusedInFault(recorder, 'si-start', 'SOCIAL_INSURANCE_UNAVAILABLE')],
  },
  {
    name: 'social-insurance-slow',
    description: `every call to VSS ${Math.ceil(REGISTRY_TIMEOUT_MS.socialInsurance * 1.5)} ms slow (latency proxy, beyond SOCIAL_INSURANCE_TIMEOUT_MS ${REGISTRY_TIMEOUT_MS.socialInsurance} ms)`,
    affects: ['registration-si'],
    async inject({ cluster }) {
      // Each way, so a call takes 1.5× the portal's timeout: the registry is slow enough to time out.
      cluster.registries.socialInsurance.setLatency(Math.ceil(REGISTRY_TIMEOUT_MS.socialInsurance * 0.75));
    },
    async heal({ cluster }) {
      cluster.registries.socialInsurance.setLatency(0);
    },
    checks: ({ recorder }) => [
      refusedInFault(recorder, 'si-start', 'SOCIAL_INSURANCE_UNAVAILABLE'),
      answeredWithin(recorder, 'si-start', REGISTRY_TIMEOUT_MS.socialInsurance + START_BEYOND_TIMEOUT_MS),
    ],
  },
  {
    name: 'population-down',
    description: 'the population registry unreachable (connections reset and refused)',
    affects: ['registration-linked'],
    notInQuick: true,
    async inject({ cluster }) {
      cluster.registries.population.setDown(true);
    },
    async heal({ cluster }) {
      cluster.registries.population.setDown(false);
    },
    checks: ({ recorder }) => [refusedInFault(recorder, 'linked-start', 'POPULATION_UNAVAILABLE')],
  },
  {
    name: 'ca-down',
    description: "the test CA's OCSP responder and CRL both answer 503 (its outage switch): fail closed",
    affects: ['certificate-check'],
    notInQuick: true,
    async inject({ cluster, recorder }) {
      await cluster.setCaOutage('ca', true);
      await untilFelt(recorder, ['cert-sign-in 503 REVOCATION_UNAVAILABLE']);
    },
    async heal({ cluster }) {
      await cluster.setCaOutage('ca', false);
    },
    checks: ({ recorder }) => [refusedInFault(recorder, 'cert-sign-in', 'REVOCATION_UNAVAILABLE')],
  },
  {
    name: 'ocsp-down',
    description: "the test CA's OCSP responder answers 503; its CRL still answers (the fallback)",
    affects: ['certificate-check'],
    notInQuick: true,
    async inject({ cluster, recorder }) {
      await cluster.setCaOutage('ocsp', true);
      // Held until a sign-in was answered in the fault: the fallback must be seen to answer.
      await untilFelt(recorder, [
        'cert-sign-in 401 CERTIFICATE_NOT_REGISTERED',
        'cert-sign-in 503 REVOCATION_UNAVAILABLE',
      ]);
    },
    async heal({ cluster }) {
      await cluster.setCaOutage('ocsp', false);
    },
    checks: ({ recorder }) => [notRefusedInFault(recorder, 'cert-sign-in', 'REVOCATION_UNAVAILABLE')],
  },
  {
    name: 'ca-slow',
    description: `every OCSP and CRL answer ${Math.ceil(REVOCATION_TIMEOUT_MS * 1.5)} ms slow (the CA's latency switch, beyond REVOCATION_TIMEOUT_MS ${REVOCATION_TIMEOUT_MS} ms)`,
    affects: ['certificate-check'],
    async inject({ cluster, recorder }) {
      await cluster.setCaLatency(Math.ceil(REVOCATION_TIMEOUT_MS * 1.5));
      await untilFelt(recorder, ['cert-sign-in 503 REVOCATION_UNAVAILABLE']);
    },
    async heal({ cluster }) {
      await cluster.setCaLatency(0);
    },
    checks: ({ recorder }) => [
      refusedInFault(recorder, 'cert-sign-in', 'REVOCATION_UNAVAILABLE'),
      // OCSP then the CRL, each up to the timeout, before the 503.
      answeredWithin(recorder, 'cert-sign-in', 2 * REVOCATION_TIMEOUT_MS + START_BEYOND_TIMEOUT_MS),
    ],
  },
  {
    name: 'remote-signing-down',
    description: "both remote-signing services' CSC APIs answer 503 (the simulators' outage switch)",
    affects: ['remote-signature-check'],
    notInQuick: true,
    async inject({ cluster, recorder }) {
      await cluster.setRemoteSigningOutage(true);
      await untilFelt(recorder, ['remote-start 503 REMOTE_SIGNATURE_UNAVAILABLE']);
    },
    async heal({ cluster }) {
      await cluster.setRemoteSigningOutage(false);
    },
    checks: ({ recorder }) => [refusedInFault(recorder, 'remote-start', 'REMOTE_SIGNATURE_UNAVAILABLE')],
  },
  {
    name: 'remote-signing-slow',
    description: `every CSC answer of the remote-signing services ${Math.ceil(REMOTE_SIGNING_TIMEOUT_MS * 1.5)} ms slow (their latency switch, beyond REMOTE_SIGNING_TIMEOUT_MS ${REMOTE_SIGNING_TIMEOUT_MS} ms)`,
    affects: ['remote-signature-check'],
    async inject({ cluster, recorder }) {
      await cluster.setRemoteSigningLatency(Math.ceil(REMOTE_SIGNING_TIMEOUT_MS * 1.5));
      await untilFelt(recorder, ['remote-start 503 REMOTE_SIGNATURE_UNAVAILABLE']);
    },
    async heal({ cluster }) {
      await cluster.setRemoteSigningLatency(0);
    },
    checks: ({ recorder }) => [
      refusedInFault(recorder, 'remote-start', 'REMOTE_SIGNATURE_UNAVAILABLE'),
      // The first call that times out answers the start: the token's (or the list's, with a kept token).
      answeredWithin(recorder, 'remote-start', REMOTE_SIGNING_TIMEOUT_MS + START_BEYOND_TIMEOUT_MS),
    ],
  },
  {
    name: 'mssp-down',
    description: "the mobile-signature service's SOAP ports answer 503 (the MSSP's outage switch)",
    affects: ['sim-signature-check'],
    notInQuick: true,
    async inject({ cluster, recorder }) {
      await cluster.setMsspOutage(true);
      await untilFelt(recorder, ['sim-start 503 MOBILE_SIGNATURE_UNAVAILABLE']);
    },
    async heal({ cluster }) {
      await cluster.setMsspOutage(false);
    },
    checks: ({ recorder }) => [refusedInFault(recorder, 'sim-start', 'MOBILE_SIGNATURE_UNAVAILABLE')],
  },
  {
    name: 'mssp-slow',
    description: `every SOAP answer of the MSSP ${Math.ceil(MSSP_TIMEOUT_MS * 1.5)} ms slow (its latency switch, beyond MSSP_TIMEOUT_MS ${MSSP_TIMEOUT_MS} ms)`,
    affects: ['sim-signature-check'],
    async inject({ cluster, recorder }) {
      await cluster.setMsspLatency(Math.ceil(MSSP_TIMEOUT_MS * 1.5));
      await untilFelt(recorder, ['sim-start 503 MOBILE_SIGNATURE_UNAVAILABLE']);
    },
    async heal({ cluster }) {
      await cluster.setMsspLatency(0);
    },
    checks: ({ recorder }) => [
      refusedInFault(recorder, 'sim-start', 'MOBILE_SIGNATURE_UNAVAILABLE'),
      // MSS_Signature is the start's one call to the MSSP (the WSDL is loaded once, before the fault).
      answeredWithin(recorder, 'sim-start', MSSP_TIMEOUT_MS + START_BEYOND_TIMEOUT_MS),
    ],
  },
  {
    name: 'business-registry-down',
    description: "the business registry's look-up API answers 503 (the simulator's outage switch)",
    affects: ['registration-organisation'],
    notInQuick: true,
    async inject({ cluster, recorder }) {
      await cluster.setRegistryOutage('businessRegistry', true);
      await untilFelt(recorder, ['org-register 503 BUSINESS_REGISTRY_UNAVAILABLE']);
    },
    async heal({ cluster }) {
      await cluster.setRegistryOutage('businessRegistry', false);
    },
    checks: ({ recorder }) => [refusedInFault(recorder, 'org-register', 'BUSINESS_REGISTRY_UNAVAILABLE')],
  },
  {
    name: 'business-registry-slow',
    description: `every call to the business registry ${Math.ceil(REGISTRY_TIMEOUT_MS.businessRegistry * 1.5)} ms slow (latency proxy, beyond BUSINESS_REGISTRY_TIMEOUT_MS ${REGISTRY_TIMEOUT_MS.businessRegistry} ms)`,
    affects: ['registration-organisation'],
    async inject({ cluster, recorder }) {
      // Each way, so a call takes 1.5× the portal's timeout: the registry is slow enough to time out.
      cluster.registries.businessRegistry.setLatency(Math.ceil(REGISTRY_TIMEOUT_MS.businessRegistry * 0.75));
      await untilFelt(recorder, ['org-register 503 BUSINESS_REGISTRY_UNAVAILABLE']);
    },
    async heal({ cluster }) {
      cluster.registries.businessRegistry.setLatency(0);
    },
    checks: ({ recorder }) => [
      refusedInFault(recorder, 'org-register', 'BUSINESS_REGISTRY_UNAVAILABLE'),
      // The signature, chain and revocation (the CA answers at once), then the look-up up to its timeout.
      answeredWithin(
        recorder,
        'org-register',
        REGISTRY_TIMEOUT_MS.businessRegistry + START_BEYOND_TIMEOUT_MS,
      ),
    ],
  },
  {
    name: 'postid-down',
    description:
      "PostID's every page and endpoint answers 503 (its outage switch): trips stop at PostID, callbacks in flight get the hub's 503 page",
    affects: ['registration-vnpost'],
    async inject({ cluster, recorder }) {
      await cluster.setPostIdOutage(true);
      await untilFelt(recorder, ['postid-authorize 503', 'postid-interaction 503', 'vnpost-callback 503']);
    },
    async heal({ cluster }) {
      await cluster.setPostIdOutage(false);
    },
    checks: ({ recorder }) => [
      refusedAnyInFault(recorder, 'PostID trips refused during the fault (by PostID or by the hub)', [
        'postid-authorize 503',
        'postid-interaction 503',
        'postid-login 503',
        'postid-resume 503',
        'vnpost-callback 503',
      ]),
      // The hub's callback: the token request to PostID refused at once.
      answeredWithin(recorder, 'vnpost-callback', POSTID_TIMEOUT_MS + START_BEYOND_TIMEOUT_MS),
    ],
  },
  {
    name: 'postid-slow',
    description: `every answer of PostID ${Math.ceil(POSTID_TIMEOUT_MS * 1.5)} ms slow (its latency switch, beyond POSTID_TIMEOUT_MS ${POSTID_TIMEOUT_MS} ms): the hub's callback answers its 503 page`,
    affects: ['registration-vnpost'],
    async inject({ cluster, recorder }) {
      await cluster.setPostIdLatency(Math.ceil(POSTID_TIMEOUT_MS * 1.5));
      // A trip crosses PostID's slow pages four times before the hub's callback asks PostID for the token.
      await untilFelt(recorder, ['vnpost-callback 503']);
    },
    async heal({ cluster }) {
      await cluster.setPostIdLatency(0);
    },
    checks: ({ recorder }) => [
      refusedAnyInFault(recorder, "the hub's callback answered 503 during the fault", [
        'vnpost-callback 503',
      ]),
      // The token request times out: the callback's one call to PostID (discovery is done before the fault).
      answeredWithin(recorder, 'vnpost-callback', POSTID_TIMEOUT_MS + START_BEYOND_TIMEOUT_MS),
    ],
  },
];

/** The fault was felt: some answer in the fault window is one of `keys` (step status [code]). */
function refusedAnyInFault(recorder: Recorder, name: string, keys: string[]): Check {
  const answers = recorder.windows.get('fault')?.byAnswer ?? {};
  const counts = keys.map((key) => [key, answers[key] ?? 0] as const).filter(([, n]) => n > 0);
  return {
    name,
    invariant: false,
    ok: counts.length > 0,
    detail: counts.length > 0 ? counts.map(([key, n]) => `${key}×${n}`).join(', ') : 'none',
  };
}

/** The fallback held: no answer of `step` in the fault window is 503 `code`, and some are answered. */
function notRefusedInFault(recorder: Recorder, step: string, code: string): Check {
  const answers = Object.entries(recorder.windows.get('fault')?.byAnswer ?? {}).filter(([key]) =>
    key.startsWith(`${step} `),
  );
  const refused = answers.find(([key]) => key === `${step} 503 ${code}`)?.[1] ?? 0;
  const all = answers.reduce((n, [, count]) => n + count, 0);
  return {
    name: `${step} never answered 503 ${code} during the fault (the fallback answered)`,
    invariant: false,
    ok: all > 0 && refused === 0,
    detail: `${refused} of ${all} answers were 503 ${code}`,
  };
}

/** The fault was felt where it should be: some of `step`'s answers in the fault window are 503 `code`. */
function refusedInFault(recorder: Recorder, step: string, code: string): Check {
  const answers = Object.entries(recorder.windows.get('fault')?.byAnswer ?? {}).filter(([key]) =>
    key.startsWith(`${step} `),
  );
  const refused = answers.find(([key]) => key === `${step} 503 ${code}`)?.[1] ?? 0;
  const all = answers.reduce((n, [, count]) => n + count, 0);
  return {
    name: `${step} answered 503 ${code} during the fault`,
    invariant: false,
    ok: refused > 0,
    detail: `${refused} of ${all} (${answers.map(([key, count]) => `${key.slice(step.length + 1)}×${count}`).join(', ')})`,
  };
}

/** No answer of `step`, during the fault or after it, took longer than `boundMs`. */
function answeredWithin(recorder: Recorder, step: string, boundMs: number): Check {
  const slowest = Math.max(
    0,
    ...(['fault', 'recovery'] as const).map((name) => recorder.windows.get(name)?.slowestMs[step] ?? 0),
  );
  return {
    name: `${step} answered within ${boundMs} ms`,
    invariant: false,
    ok: slowest <= boundMs,
    detail: `slowest ${slowest} ms`,
  };
}

/** Samples the portals' event-loop lag and RSS every second until stopped. */
function sampleVitals(cluster: Cluster) {
  let maxLagMs = 0;
  let maxRssMb = 0;
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      for (const portal of cluster.portals) {
        const vitals = await portalVitals(portal.port);
        if (vitals && Number.isFinite(vitals.lagMs)) maxLagMs = Math.max(maxLagMs, vitals.lagMs);
        if (vitals && Number.isFinite(vitals.rssMb)) maxRssMb = Math.max(maxRssMb, vitals.rssMb);
      }
      await sleep(1000);
    }
  })();
  return async () => {
    stopped = true;
    await done;
    return { maxLagMs, maxRssMb };
  };
}

export function summarise(window: WindowStats): WindowSummary {
  const seconds = Math.max(0.001, ((window.endedAt || Date.now()) - window.startedAt) / 1000);
  const ok = Object.values(window.journeysOk).reduce((a, b) => a + b, 0);
  return {
    seconds: Math.round(seconds * 10) / 10,
    requests: window.requests,
    journeysOkPerSec: Math.round((ok / seconds) * 10) / 10,
    journeysOk: window.journeysOk,
    journeysFailed: window.journeysFailed,
    byAnswer: window.byAnswer,
    unclean: window.unclean,
    uncleanSamples: window.uncleanSamples,
    killedInFlight: window.killedInFlight,
    p50Ms: percentile(window.durationsMs, 50),
    p99Ms: percentile(window.durationsMs, 99),
  };
}

function windowsOf(recorder: Recorder): Record<string, WindowSummary> {
  recorder.current.endedAt = Date.now();
  return Object.fromEntries([...recorder.windows].map(([name, w]) => [name, summarise(w)]));
}

export async function runFault(fault: Fault, tools: PhaseTools): Promise<PhaseResult> {
  const { cluster, recorder, citizens, windows } = tools;
  const stopVitals = sampleVitals(cluster);
  cluster.newUnhandledErrors();
  recorder.beginPhase();
  recorder.enter('baseline');
  const total = windows.baselineMs + windows.faultMs + windows.recoveryMs + 180_000;
  const load = citizens.run(windows.citizens, total);
  await sleep(windows.baselineMs);
  recorder.enter('fault');
  const faultStart = Date.now();
  await fault.inject(tools);
  await sleep(Math.max(0, windows.faultMs - (Date.now() - faultStart)));
  // The fault ends when the healing starts: a restarted portal's start-up counts in its time to ready.
  const healedAt = Date.now();
  recorder.enter('recovery');
  recorder.awaitFirstSuccess(fault.affects);
  await fault.heal(tools);
  const ready = await cluster.readyMs().then(
    () => Date.now() - healedAt,
    () => undefined,
  );
  const timeToReadyMs = ready;
  await sleep(Math.max(0, windows.recoveryMs - (Date.now() - healedAt)));
  if (fault.affects)
    while (
      recorder.firstSuccessAfter?.firstOkAt === undefined &&
      Date.now() - healedAt < PARTNER_RECOVERY_GRACE_MS
    )
      await sleep(250);
  citizens.stop();
  await load;
  const firstOkAt = recorder.firstSuccessAfter?.firstOkAt;
  const summary = windowsOf(recorder);
  const { maxLagMs, maxRssMb } = await stopVitals();
  const unclean = Object.values(summary).reduce((n, w) => n + w.unclean, 0);
  const baselineOk = summary.baseline?.journeysOkPerSec ?? 0;
  const checks: Check[] = [
    ...(await rowInvariants(cluster, recorder.facts)),
    ...(fault.checks?.(tools) ?? []),
    { name: 'no unclean 5xx', invariant: false, ok: unclean === 0, detail: `${unclean} unclean answers` },
    {
      name: 'recovered',
      invariant: false,
      ok: firstOkAt !== undefined && timeToReadyMs !== undefined,
      detail:
        firstOkAt === undefined
          ? `no successful ${fault.affects?.join(' or ') ?? 'journey'} in the recovery window`
          : `ready ${timeToReadyMs} ms, first ${fault.affects?.join(' or ') ?? 'journey'} success ${firstOkAt - healedAt} ms after the fault ended`,
    },
    {
      name: 'load held in baseline',
      invariant: false,
      ok: baselineOk > 0,
      detail: `${baselineOk} journeys/s before the fault`,
    },
  ];
  recorder.killedBackend = undefined;
  return {
    name: fault.name,
    description: fault.description,
    windows: summary,
    ...(timeToReadyMs !== undefined && { timeToReadyMs }),
    ...(firstOkAt !== undefined && { timeToFirstSuccessMs: firstOkAt - healedAt }),
    maxLagMs,
    maxRssMb,
    unhandledErrors: cluster.newUnhandledErrors(),
    checks,
  };
}

/** Every limit and lockout under a concurrent burst, while the steady load runs. */
export async function runBursts(tools: PhaseTools): Promise<PhaseResult> {
  const { cluster, recorder, citizens, windows } = tools;
  const stopVitals = sampleVitals(cluster);
  cluster.newUnhandledErrors();
  recorder.beginPhase();
  recorder.enter('burst');
  const load = citizens.run(Math.max(1, windows.citizens >> 1), 180_000);
  const post = (path: string, ip: string, body?: unknown) =>
    send(`${cluster.lbUrl}${path}`, 'POST', { body, headers: { 'x-forwarded-for': ip } }).then((answer) => {
      recorder.answer(`burst ${path.replace(/[A-Za-z0-9_-]{16,}/g, ':id')}`, answer);
      return answer;
    });
  const checks: Check[] = [];
  const extra: Record<string, unknown> = {};

  // 200 wrong OTP guesses at once, then the right code: at most 5 are judged, and the right one is refused.
  {
    const ip = nextClientIp();
    const identity = await citizens.newCitizen();
    const solved = await citizens.solvedCaptcha(ip);
    const started = await post('/api/v1/registrations/mobile', ip, { ...identity, ...solved, consent: true });
    const id = String(started.body.registrationId);
    const { code } = await citizens.codeFor(identity.phoneNumber, 0);
    const wrong = Array.from({ length: 200 }, (_, i) =>
      String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'),
    );
    const answers = await Promise.all(
      wrong.map((guess) => post(`/api/v1/registrations/${id}/otp`, ip, { code: guess })),
    );
    const right = await post(`/api/v1/registrations/${id}/otp`, ip, { code });
    const judged = answers.filter((a) => a.body.code === 'OTP_INVALID').length;
    const accepted = answers.filter((a) => a.status === 200).length;
    extra.otpBurst = {
      started: started.status,
      judged,
      accepted,
      right: `${right.status} ${right.body.code ?? ''}`,
    };
    checks.push({
      name: 'OTP: 200 wrong guesses + the right one last never accepted',
      invariant: true,
      ok: started.status === 201 && right.status !== 200 && accepted === 0,
      detail: `start ${started.status}; right code answered ${right.status} ${right.body.code ?? ''}`,
    });
    checks.push({
      name: 'OTP: no guess judged past the limit (5)',
      invariant: true,
      ok: judged <= 5,
      detail: `${judged} of 200 concurrent wrong guesses answered OTP_INVALID`,
    });
  }

  // Wrong passwords at once, then the right one: at most 5 are judged, and the right one is refused.
  {
    const account = await citizens.register(nextClientIp());
    const ip = nextClientIp();
    const username = account.identity.idNumber;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post('/api/v1/sessions', ip, { username, password: `Wrong#Pass${i}x` }),
      ),
    );
    const right = await post('/api/v1/sessions', ip, { username, password: account.password });
    const judged = answers.filter((a) => a.status === 401).length;
    extra.signInBurst = { judged, right: `${right.status} ${right.body.code ?? ''}` };
    checks.push({
      name: 'sign-in: 50 wrong passwords + the right one last refused',
      invariant: true,
      ok: right.status !== 201,
      detail: `right password answered ${right.status} ${right.body.code ?? ''}`,
    });
    checks.push({
      name: 'sign-in: no password judged past the lockout (5)',
      invariant: true,
      ok: judged <= 5,
      detail: `${judged} of 50 concurrent wrong passwords answered 401`,
    });
  }

  // Per-IP limits: one address asks for more than its allowance at once; the limiter must hold exactly.
  {
    const ip = nextClientIp();
    const over = LIMITS.startsPerIp + 20;
    const starts = await Promise.all(
      Array.from({ length: over }, () => {
        const identity = { ...citizensIdentity() };
        return post('/api/v1/registrations/mobile', ip, {
          ...identity,
          captchaId: 'chaos-burst-captcha-id',
          captchaAnswer: 'WRONG',
          consent: true,
        });
      }),
    );
    const passed = starts.filter((a) => a.body.code !== 'RATE_LIMITED').length;
    checks.push({
      name: `per-IP registration starts ≤ ${LIMITS.startsPerIp}`,
      invariant: true,
      ok: passed <= LIMITS.startsPerIp,
      detail: `${passed} of ${over} concurrent starts from one address passed the limiter`,
    });
    const captchaIp = nextClientIp();
    const captchaOver = LIMITS.captchasPerIp + 20;
    const captchas = await Promise.all(
      Array.from({ length: captchaOver }, () => post('/api/v1/captchas', captchaIp)),
    );
    const issued = captchas.filter((a) => a.status === 201).length;
    checks.push({
      name: `per-IP captchas ≤ ${LIMITS.captchasPerIp}`,
      invariant: true,
      ok: issued <= LIMITS.captchasPerIp,
      detail: `${issued} of ${captchaOver} concurrent captchas from one address issued`,
    });
  }

  citizens.stop();
  await load;
  const summary = windowsOf(recorder);
  const { maxLagMs, maxRssMb } = await stopVitals();
  const unclean = Object.values(summary).reduce((n, w) => n + w.unclean, 0);
  checks.push(...(await rowInvariants(cluster, recorder.facts)));
  checks.push({
    name: 'no unclean 5xx',
    invariant: false,
    ok: unclean === 0,
    detail: `${unclean} unclean answers`,
  });
  return {
    name: 'bursts',
    description: 'concurrent bursts against the OTP attempt limit, the sign-in lockout and the per-IP limits',
    windows: summary,
    maxLagMs,
    maxRssMb,
    unhandledErrors: cluster.newUnhandledErrors(),
    checks,
    extra,
  };
}

/** A well-formed identity that no subscriber has: the per-IP limiter counts before the captcha and carrier. */
function citizensIdentity() {
  const serial = 900_000 + Math.floor(Math.random() * 99_999);
  return {
    idNumber: `001190${String(serial).padStart(6, '0')}`,
    fullName: 'Trần Văn Bùng',
    birthDate: '1990-05-17',
    phoneNumber: `+8491${String(serial).padStart(7, '0')}`,
  };
}

interface FuzzReport {
  requests: number;
  byStatus: Record<string, number>;
  fiveXx: Array<{ method: string; path: string; status: number }>;
  slow: Array<{ method: string; path: string; ms: number }>;
}
type RunFuzz = (options: {
  baseUrl: string;
  requests: number;
  timeBudgetMs: number;
  seed?: number;
}) => Promise<FuzzReport>;

export async function runFuzzPhase(tools: PhaseTools, required: boolean): Promise<PhaseResult> {
  const { cluster, recorder, windows } = tools;
  const stopVitals = sampleVitals(cluster);
  cluster.newUnhandledErrors();
  recorder.beginPhase();
  recorder.enter('fuzz');
  // A variable specifier: the fuzzer is another engineer's module and the suite runs without it.
  const specifier = './fuzz/index.ts';
  const runFuzz = await import(specifier).then(
    (module: { runFuzz?: RunFuzz }) => module.runFuzz,
    () => undefined,
  );
  const checks: Check[] = [];
  let report: FuzzReport | undefined;
  if (!runFuzz) {
    checks.push({
      name: 'fuzzer present',
      invariant: false,
      ok: !required,
      detail: 'chaos/fuzz/index.ts has no runFuzz (skipped in --quick, a failure in the full run)',
    });
  } else {
    const seed = Math.floor(Math.random() * 2 ** 31);
    report = await runFuzz({
      baseUrl: cluster.lbUrl,
      requests: windows.fuzzRequests,
      timeBudgetMs: windows.fuzzBudgetMs,
      seed,
    });
    checks.push(
      {
        name: `≥ ${windows.fuzzRequests} fuzzed requests`,
        invariant: false,
        ok: report.requests >= windows.fuzzRequests,
        detail: `${report.requests} requests (seed ${seed})`,
      },
      {
        name: 'fuzz: no 5xx',
        invariant: false,
        ok: report.fiveXx.length === 0,
        detail: JSON.stringify(report.fiveXx.slice(0, 5)),
      },
      {
        name: 'fuzz: nothing over 2 s',
        invariant: false,
        ok: report.slow.length === 0,
        detail: JSON.stringify(report.slow.slice(0, 5)),
      },
    );
  }
  const unhandledErrors = cluster.newUnhandledErrors();
  checks.push({
    name: 'no "unhandled error" in the logs',
    invariant: false,
    ok: unhandledErrors.length === 0,
    detail: `${unhandledErrors.length} lines`,
  });
  const { maxLagMs, maxRssMb } = await stopVitals();
  return {
    name: 'fuzz',
    description: 'the fuzzer (chaos/fuzz/) against the balancer',
    windows: windowsOf(recorder),
    maxLagMs,
    maxRssMb,
    unhandledErrors,
    checks,
    extra: report
      ? {
          byStatus: report.byStatus,
          requests: report.requests,
          fiveXx: report.fiveXx.length,
          slow: report.slow.length,
        }
      : {},
  };
}
