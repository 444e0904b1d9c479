/**
 * One carrier's CAMARA APIs as the owner check uses them: KYC Match 0.4 and SIM Swap 2 `check`, with a
 * cached bearer token (renewed once on a 401), an x-correlator, a timeout and no retries. Each call
 * returns a classified answer and never throws, so both calls can run side by side.
 */
import type { Logger } from 'pino';
import type { CarrierId } from '../../domain/carriers.ts';
import { CallFailure, callHttp, type HttpAnswer, isJsonObject } from '../http/http-call.ts';
import type { CarrierMetrics, Operation } from './carrier-metrics.ts';
import type { KycAnswer, SimSwapAnswer } from './owner-decision.ts';
import { createTokenCache, TokenFailure } from './token-cache.ts';

export interface CarrierEndpoint {
  /** e.g. http://127.0.0.1:3000/carriers/viettel (token, KYC Match and SIM Swap paths hang under it). */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface KycMatchInput {
  phoneNumber: string;
  idNumber: string;
  fullName: string;
  birthDate: string;
}

export interface CamaraClient {
  kycMatch(input: KycMatchInput, correlator: string): Promise<KycAnswer>;
  simSwapCheck(phoneNumber: string, maxAgeHours: number, correlator: string): Promise<SimSwapAnswer>;
}

export interface CamaraClientOptions {
  carrier: CarrierId;
  endpoint: CarrierEndpoint;
  timeoutMs: number;
  now: () => Date;
  metrics: CarrierMetrics;
  logger: Logger | undefined;
}

type Exchange = { answer: HttpAnswer } | { failed: string };

export function createCamaraClient(options: CamaraClientOptions): CamaraClient {
  const { carrier, metrics } = options;
  const base = options.endpoint.baseUrl.replace(/\/+$/, '');
  const tokens = createTokenCache({
    tokenUrl: `${base}/oauth2/token`,
    clientId: options.endpoint.clientId,
    clientSecret: options.endpoint.clientSecret,
    timeoutMs: options.timeoutMs,
    now: options.now,
    onFetch(outcome, seconds) {
      metrics.tokenFetch(carrier, outcome);
      metrics.call(carrier, 'token', outcome, seconds);
    },
  });

  async function post(
    operation: Operation,
    path: string,
    body: unknown,
    correlator: string,
  ): Promise<Exchange> {
    const started = performance.now();
    const finish = (exchange: Exchange): Exchange => {
      const outcome = 'failed' in exchange ? exchange.failed : outcomeOf(exchange.answer);
      metrics.call(carrier, operation, outcome, (performance.now() - started) / 1000);
      if ('failed' in exchange)
        options.logger?.warn(
          { correlator, carrier, operation, failure: exchange.failed },
          'carrier call failed',
        );
      return exchange;
    };
    const send = (token: string) =>
      callHttp({
        method: 'POST',
        url: `${base}${path}`,
        headers: { authorization: `Bearer ${token}`, 'x-correlator': correlator },
        body,
        timeoutMs: options.timeoutMs,
      });
    try {
      let token = await tokens.get(correlator);
      let answer = await send(token);
      if (answer.status === 401) {
        // Revoked or expired early on the carrier's side: one fresh token, one more try.
        tokens.invalidate(token);
        token = await tokens.get(correlator);
        answer = await send(token);
      }
      return finish({ answer });
    } catch (error) {
      if (error instanceof TokenFailure) return finish({ failed: `token_${error.outcome}` });
      if (error instanceof CallFailure) return finish({ failed: error.kind });
      throw error;
    }
  }

  /** A non-200 answer that is not a known business answer: log what the carrier said (code only). */
  function unexpected(operation: Operation, answer: HttpAnswer, correlator: string): { kind: 'failed' } {
    options.logger?.warn(
      { correlator, carrier, operation, status: answer.status, code: camaraCode(answer.body) },
      'carrier answered with an error',
    );
    return { kind: 'failed' };
  }

  const client: CamaraClient = {
    async kycMatch(input, correlator) {
      const exchange = await post(
        'kyc_match',
        '/kyc-match/v0.4/match',
        {
          phoneNumber: input.phoneNumber,
          idDocument: input.idNumber,
          name: input.fullName,
          birthdate: input.birthDate,
        },
        correlator,
      );
      if ('failed' in exchange) return { kind: 'failed' };
      const { status, body } = exchange.answer;
      const code = camaraCode(body);
      if (status === 200 && isJsonObject(body))
        return {
          kind: 'match',
          idDocumentMatch: body.idDocumentMatch,
          nameMatch: body.nameMatch,
          birthdateMatch: body.birthdateMatch,
        };
      if (status === 404 && code === 'IDENTIFIER_NOT_FOUND') return { kind: 'not_found' };
      if (status === 422 && code === 'SERVICE_NOT_APPLICABLE') return { kind: 'not_applicable' };
      if (status === 403 && code === 'KNOW_YOUR_CUSTOMER.ID_DOCUMENT_MISMATCH')
        return { kind: 'id_document_mismatch' };
      return unexpected('kyc_match', exchange.answer, correlator);
    },

    async simSwapCheck(phoneNumber, maxAgeHours, correlator) {
      const exchange = await post(
        'sim_swap',
        '/sim-swap/v2/check',
        { phoneNumber, maxAge: maxAgeHours },
        correlator,
      );
      if ('failed' in exchange) return { kind: 'failed' };
      const { status, body } = exchange.answer;
      const code = camaraCode(body);
      if (status === 200 && isJsonObject(body) && typeof body.swapped === 'boolean')
        return body.swapped
          ? {
              kind: 'checked',
              swapped: true,
              waitEndsAt: await swapWaitEnd(phoneNumber, maxAgeHours, correlator),
            }
          : { kind: 'checked', swapped: false };
      if (status === 404 && code === 'IDENTIFIER_NOT_FOUND') return { kind: 'not_found' };
      if (status === 422 && code === 'SERVICE_NOT_APPLICABLE') return { kind: 'not_applicable' };
      // A carrier whose privacy rules keep less history than maxAge may refuse the question but still
      // tell the date of the latest change, or that it knows of none.
      if (status === 400 && code === 'OUT_OF_RANGE') {
        unexpected('sim_swap', exchange.answer, correlator);
        return latestChangeWithin(phoneNumber, maxAgeHours, correlator);
      }
      return unexpected('sim_swap', exchange.answer, correlator);
    },
  };

  /** SIM Swap retrieve-date read as a check: a change within maxAge is a swap; `null` is no swap known. */
  async function latestChangeWithin(
    phoneNumber: string,
    maxAgeHours: number,
    correlator: string,
  ): Promise<SimSwapAnswer> {
    const exchange = await post('sim_swap_date', '/sim-swap/v2/retrieve-date', { phoneNumber }, correlator);
    if ('failed' in exchange) return { kind: 'failed' };
    const { status, body } = exchange.answer;
    const code = camaraCode(body);
    if (status === 200 && isJsonObject(body)) {
      if (body.latestSimChange === null) return { kind: 'checked', swapped: false };
      const changedAt =
        typeof body.latestSimChange === 'string' ? Date.parse(body.latestSimChange) : Number.NaN;
      if (!Number.isNaN(changedAt)) {
        const waitEndsAt = new Date(changedAt + maxAgeHours * HOUR_MS);
        return waitEndsAt.getTime() >= options.now().getTime()
          ? { kind: 'checked', swapped: true, waitEndsAt }
          : { kind: 'checked', swapped: false };
      }
    }
    if (status === 404 && code === 'IDENTIFIER_NOT_FOUND') return { kind: 'not_found' };
    if (status === 422 && code === 'SERVICE_NOT_APPLICABLE') return { kind: 'not_applicable' };
    return unexpected('sim_swap_date', exchange.answer, correlator);
  }

  /**
   * When a swap the check reported stops counting: the latest change (retrieve-date) plus the window. The
   * refusal stands without it, so when the date cannot be had the longest wait (the window from now) is
   * said: never earlier than the carrier would allow.
   */
  async function swapWaitEnd(phoneNumber: string, maxAgeHours: number, correlator: string): Promise<Date> {
    const latest = await latestChangeWithin(phoneNumber, maxAgeHours, correlator);
    if (latest.kind === 'checked' && latest.waitEndsAt) return latest.waitEndsAt;
    return new Date(options.now().getTime() + maxAgeHours * HOUR_MS);
  }

  return client;
}

const HOUR_MS = 3_600_000;

function outcomeOf(answer: HttpAnswer): string {
  return answer.status === 200 ? 'ok' : `http_${answer.status}`;
}

/** The CAMARA error code, when the body is a CAMARA error; never the message, which may quote input. */
function camaraCode(body: unknown): string | undefined {
  return isJsonObject(body) && typeof body.code === 'string' ? body.code.slice(0, 80) : undefined;
}
