/**
 * The CarrierCheck port over the carriers' CAMARA APIs: find the serving carrier (MNP, then prefix), ask
 * it KYC Match and SIM Swap side by side behind a per-carrier circuit breaker, and decide.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { CARRIER_IDS, type CarrierId } from '../../domain/carriers.ts';
import { maskPhone, normalizeMobileNumber } from '../../domain/phone.ts';
import type {
  CarrierCheck,
  OwnerCheckDecision,
  OwnerCheckRequest,
} from '../../usecases/ports/carrier-check.ts';
import { CircuitBreaker, DEFAULT_BREAKER_SETTINGS } from '../http/circuit-breaker.ts';
import { checkedHttpUrl } from '../http/http-call.ts';
import { type CamaraClient, type CarrierEndpoint, createCamaraClient } from './camara-client.ts';
import { createCarrierMetrics } from './carrier-metrics.ts';
import { decideOwner } from './owner-decision.ts';
import { createServingCarrierLookup } from './serving-carrier.ts';

export type { CarrierEndpoint };

export interface CamaraCarrierCheckOptions {
  /** Number-portability service, e.g. http://127.0.0.1:3000/mnp/v1 */
  mnpBaseUrl: string;
  /** Per carrier; a carrier without an endpoint is answered carrier_unavailable. */
  carriers: Partial<Record<CarrierId, CarrierEndpoint>>;
  /** Per HTTP call (token, MNP lookup, KYC Match, SIM Swap). Default 2000. */
  timeoutMs?: number;
  /** A SIM changed within this many hours fails the check. Default 72 (CAMARA allows 1-2400). */
  simSwapMaxAgeHours?: number;
  /** Per carrier and for the MNP service. Default: open after 5 consecutive failures, trial after 30 s. */
  breaker?: { failureThreshold: number; resetAfterMs: number };
  /**
   * Checks waiting on one carrier at once; beyond this a check is answered carrier_unavailable at once,
   * so a carrier that hangs cannot hold every request until the breaker has seen enough timeouts. Default 100.
   */
  maxInFlightPerCarrier?: number;
  logger?: Logger;
  /** Where the metrics go; a private registry when absent. */
  registry?: Registry;
  now?: () => Date;
}

/** CAMARA's x-correlator pattern: a request id that does not fit it is replaced, not sent. */
const CORRELATOR = /^[a-zA-Z0-9\-_:;./<>{}]{1,256}$/;

export function createCamaraCarrierCheck(options: CamaraCarrierCheckOptions): CarrierCheck {
  const timeoutMs = options.timeoutMs ?? 2000;
  const maxAgeHours = options.simSwapMaxAgeHours ?? 72;
  const breakerSettings = options.breaker ?? DEFAULT_BREAKER_SETTINGS;
  const maxInFlight = options.maxInFlightPerCarrier ?? 100;
  const now = options.now ?? (() => new Date());
  const logger = options.logger?.child({ component: 'carrier-check' });
  const metrics = createCarrierMetrics(options.registry ?? new Registry());
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0))
    throw new RangeError('timeoutMs must be a positive number');
  if (!(Number.isInteger(maxAgeHours) && maxAgeHours >= 1 && maxAgeHours <= 2400))
    throw new RangeError('simSwapMaxAgeHours must be an integer from 1 to 2400');
  if (!(Number.isInteger(maxInFlight) && maxInFlight >= 1))
    throw new RangeError('maxInFlightPerCarrier must be an integer >= 1');

  const breakerFor = (target: string) =>
    new CircuitBreaker({
      ...breakerSettings,
      now,
      onStateChange(state) {
        metrics.breakerState(target, state);
        const log = state === 'open' ? logger?.warn.bind(logger) : logger?.info.bind(logger);
        log?.({ target, state }, `circuit ${state.replace('_', '-')}`);
      },
    });

  const servingCarrier = createServingCarrierLookup({
    mnpBaseUrl: checkedHttpUrl(options.mnpBaseUrl, 'mnpBaseUrl'),
    timeoutMs,
    breaker: breakerFor('mnp'),
    metrics,
    logger,
  });

  const carriers = new Map<CarrierId, { client: CamaraClient; breaker: CircuitBreaker; inFlight: number }>();
  for (const carrier of CARRIER_IDS) {
    const endpoint = options.carriers[carrier];
    if (!endpoint) continue;
    checkedHttpUrl(endpoint.baseUrl, `carriers.${carrier}.baseUrl`);
    carriers.set(carrier, {
      client: createCamaraClient({ carrier, endpoint, timeoutMs, now, metrics, logger }),
      breaker: breakerFor(carrier),
      inFlight: 0,
    });
    metrics.breakerState(carrier, 'closed');
  }
  metrics.breakerState('mnp', 'closed');

  async function decide(request: OwnerCheckRequest, correlator: string, log: Record<string, unknown>) {
    const phone = normalizeMobileNumber(request.phoneNumber);
    if (!phone.ok) return { outcome: 'unknown_number' } satisfies OwnerCheckDecision;
    const { e164, allocatedCarrier } = phone.value;
    log.maskedPhone = maskPhone(e164);

    const serving = await servingCarrier.resolve(e164, allocatedCarrier, correlator);
    if (serving.kind === 'unknown') return { outcome: 'unknown_number' } satisfies OwnerCheckDecision;
    const { carrier } = serving;
    log.carrier = carrier;
    log.via = serving.via;

    const target = carriers.get(carrier);
    if (!target) {
      logger?.error({ correlator, carrier }, 'no endpoint is configured for this carrier');
      return { outcome: 'carrier_unavailable', carrier } satisfies OwnerCheckDecision;
    }
    if (target.inFlight >= maxInFlight) {
      metrics.rejected(carrier, 'too_many_in_flight');
      return { outcome: 'carrier_unavailable', carrier } satisfies OwnerCheckDecision;
    }
    const permit = target.breaker.tryAcquire();
    if (!permit) {
      metrics.rejected(carrier, 'circuit_open');
      return { outcome: 'carrier_unavailable', carrier } satisfies OwnerCheckDecision;
    }
    let answered = false;
    target.inFlight += 1;
    try {
      const [kyc, swap] = await Promise.all([
        target.client.kycMatch(
          {
            phoneNumber: e164,
            idNumber: request.idNumber,
            fullName: request.fullName,
            birthDate: request.birthDate,
          },
          correlator,
        ),
        target.client.simSwapCheck(e164, maxAgeHours, correlator),
      ]);
      answered = kyc.kind !== 'failed' && swap.kind !== 'failed';
      return decideOwner(carrier, kyc, swap);
    } finally {
      target.inFlight -= 1;
      // The breaker measures whether the carrier answers, not what it answers.
      if (answered) permit.succeed();
      else permit.fail();
    }
  }

  return {
    async checkOwner(request, context) {
      const started = performance.now();
      const requestId = context?.requestId;
      const correlator = requestId && CORRELATOR.test(requestId) ? requestId : randomUUID();
      const log: Record<string, unknown> = { correlator };
      let decision: OwnerCheckDecision;
      try {
        decision = await decide(request, correlator, log);
      } catch (error) {
        // A bug here must read as "could not ask", never as an answer about the citizen.
        logger?.error({ ...log, err: error }, 'owner check failed unexpectedly');
        decision = {
          outcome: 'carrier_unavailable',
          ...(typeof log.carrier === 'string' && { carrier: log.carrier as CarrierId }),
        };
      }
      const carrier = 'carrier' in decision ? decision.carrier : undefined;
      const reasons = decision.outcome === 'not_owner' ? decision.reasons : undefined;
      metrics.decision(carrier, decision.outcome, reasons);
      logger?.info(
        { ...log, outcome: decision.outcome, reasons, ms: Math.round(performance.now() - started) },
        'owner check decided',
      );
      return decision;
    },
    ping: () => servingCarrier.ping(),
  };
}
