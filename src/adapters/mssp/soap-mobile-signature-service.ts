/**
 * The hub as an application provider of a mobile-signature service (ETSI TS 102 204 over its SOAP binding):
 * MSS_Signature in asynchronous mode (asynchClientServer) and MSS_StatusQuery, with the `soap` library on the
 * MSSP's published WSDL (the project's mssp.wsdl and ts102204.xsd in dev: the simulator serves them), AP_ID and
 * AP_PWD in every message, and client-certificate TLS when configured (production).
 *
 * Guarded like every partner (partner-guard.ts is made of the same parts): a circuit breaker, a timeout over each
 * exchange, call metrics and one log line for a call without a usable answer. The standard's refusals (SOAP
 * faults whose Subcode is mss:_<status>) are answers, not failures: 401 USER_CANCEL, 402 PIN_NR_BLOCKED, 208
 * EXPIRED_TRANSACTION, 404/105 no signature service. Anything else (down, slow, 5xx, our credentials refused
 * 104, a fault we did not expect) is `unavailable` and counts against the circuit.
 */
import { Agent } from 'node:https';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import * as soap from 'soap';
import { scrubDigits } from '../../lib/redaction.ts';
import type {
  MobileSignatureService,
  MobileSignatureStart,
  MobileSignatureStatus,
} from '../../usecases/ports/mobile-signature-service.ts';
import { CircuitBreaker, DEFAULT_BREAKER_SETTINGS } from '../http/circuit-breaker.ts';
import { createPartnerMetrics } from '../http/partner-metrics.ts';
import { readSignature, statusCodeOf, subcodeOf } from './mss-messages.ts';

const MSS_NS = 'http://uri.etsi.org/TS102204/v1.1.2#';
const PARTNER = 'mssp';

export interface MsspClientOptions {
  /** Where the MSSP's WSDL is (it names the two ports' addresses), e.g. `<base>/mssp/wsdl/mssp.wsdl`. */
  wsdlUrl: string;
  apId: string;
  apPwd: string;
  /** MSS_Format asked for: PKCS#7 (CMS with the certificate) by default, or PKCS#1 plus the certificate. */
  format?: 'PKCS7' | 'PKCS1';
  /** Client-certificate TLS (production): PEMs of the AP's certificate and key, and the MSSP's CA. */
  tls?: { cert: string; key: string; ca?: string };
  timeoutMs: number;
  now: () => Date;
  logger: Logger;
  registry: Registry;
}

type Port = (args: unknown, options: Record<string, unknown>) => Promise<[unknown, ...unknown[]]>;

class Refusal {
  constructor(readonly status: number) {}
}

export function createSoapMobileSignatureService(options: MsspClientOptions): MobileSignatureService {
  const { logger } = options;
  const metrics = createPartnerMetrics(options.registry);
  const breaker = new CircuitBreaker({
    ...DEFAULT_BREAKER_SETTINGS,
    now: options.now,
    onStateChange(state) {
      metrics.breakerState(PARTNER, state);
      const log = state === 'open' ? logger.warn.bind(logger) : logger.info.bind(logger);
      log({ partner: PARTNER, state }, `circuit ${state.replace('_', '-')}`);
    },
  });
  metrics.breakerState(PARTNER, 'closed');
  const httpsAgent = options.tls
    ? new Agent({
        cert: options.tls.cert,
        key: options.tls.key,
        ...(options.tls.ca && { ca: options.tls.ca }),
        keepAlive: true,
      })
    : undefined;
  const callOptions = { timeout: options.timeoutMs, ...(httpsAgent && { httpsAgent }) };
  const formatUri = `${MSS_NS}${options.format ?? 'PKCS7'}`;
  let client: Promise<soap.Client> | undefined;

  /** The client from the WSDL, loaded once; a failed load is tried again on the next call. */
  function clientOf(): Promise<soap.Client> {
    client ??= soap
      .createClientAsync(options.wsdlUrl, {
        forceSoap12Headers: true,
        wsdl_options: callOptions,
        returnFault: true,
      })
      .catch((error: unknown) => {
        client = undefined;
        throw error;
      });
    return client;
  }

  const apInfo = (transactionId: string) => ({
    attributes: {
      AP_ID: options.apId,
      AP_TransID: transactionId,
      AP_PWD: options.apPwd,
      Instant: options.now().toISOString(),
    },
  });
  const header = (transactionId: string) => ({
    AP_Info: apInfo(transactionId),
    MSSP_Info: { MSSP_ID: {} },
  });

  /** One guarded exchange: the answer's message, a Refusal (a status fault), or undefined (no usable answer). */
  async function exchange(
    operation: 'MSS_Signature' | 'MSS_StatusQuery',
    args: unknown,
    requestId: string,
    expected: readonly number[],
  ): Promise<Record<string, unknown> | Refusal | undefined> {
    const permit = breaker.tryAcquire();
    const context = { partner: PARTNER, operation, requestId };
    if (!permit) {
      metrics.rejected(PARTNER, 'circuit_open');
      logger.warn({ ...context, failure: 'circuit_open' }, `${PARTNER} not asked: its circuit is open`);
      return undefined;
    }
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    const seconds = () => (performance.now() - started) / 1000;
    try {
      // One deadline over the whole exchange, the WSDL's first load included.
      const timeout = AbortSignal.timeout(options.timeoutMs);
      const exchangeOnce = async () => {
        const ready = await clientOf();
        // Each operation is on its own port of the WSDL; the client's `<operation>Async` is bound to it.
        const call = (ready as unknown as Record<string, Port | undefined>)[`${operation}Async`];
        if (!call) throw new Error(`the WSDL has no ${operation}`);
        return call.call(ready, args, { ...callOptions, signal: timeout });
      };
      const [answer] = await Promise.race([
        exchangeOnce(),
        new Promise<never>((_, reject) =>
          timeout.addEventListener('abort', () => reject(new Error('timed out')), { once: true }),
        ),
      ]);
      permit.succeed();
      metrics.call(PARTNER, operation, 'ok', seconds());
      return (answer ?? {}) as Record<string, unknown>;
    } catch (error) {
      const status = subcodeOf(error);
      if (status !== undefined && expected.includes(status)) {
        // The MSSP worked: it answered with one of the standard's refusals.
        permit.succeed();
        metrics.call(PARTNER, operation, `status_${status}`, seconds());
        return new Refusal(status);
      }
      permit.fail();
      const failure = status !== undefined ? `status_${status}` : 'no_answer';
      metrics.call(PARTNER, operation, failure, seconds());
      const detail = scrubDigits(error instanceof Error ? error.message : String(error)).slice(0, 200);
      const level = status === 104 ? 'error' : 'warn';
      logger[level](
        { ...context, failure, ms: ms(), ...(status === undefined && { detail }) },
        status === 104
          ? `${PARTNER} refused our application-provider credentials`
          : `${PARTNER} gave no usable answer`,
      );
      return undefined;
    }
  }

  return {
    async requestSignature(request, context): Promise<MobileSignatureStart> {
      const transactionId = `T${request.transactionId.replace(/[^A-Za-z0-9_.-]/g, '')}`;
      const answer = await exchange(
        'MSS_Signature',
        {
          MSS_SignatureReq: {
            attributes: { MajorVersion: '1', MinorVersion: '1', MessagingMode: 'asynchClientServer' },
            ...header(transactionId),
            MobileUser: { MSISDN: request.phoneNumber },
            DataToBeSigned: {
              attributes: { MimeType: 'application/octet-stream', Encoding: 'base64' },
              $value: Buffer.from(request.dataToBeSigned).toString('base64'),
            },
            DataToBeDisplayed: {
              attributes: { MimeType: 'text/plain', Encoding: 'UTF-8' },
              $value: request.dataToBeDisplayed,
            },
            MSS_Format: { mssURI: formatUri },
          },
        },
        context.requestId,
        [404, 105],
      );
      if (answer === undefined) return { outcome: 'unavailable' };
      if (answer instanceof Refusal) return { outcome: 'not_enabled' };
      const response = answer.MSS_SignatureResp as Record<string, unknown> | undefined;
      const msspTransactionId = (response?.attributes as Record<string, string> | undefined)?.MSSP_TransID;
      if (statusCodeOf(response) !== 100 || !msspTransactionId) {
        logger.warn(
          { partner: PARTNER, requestId: context.requestId },
          `${PARTNER} answered what we cannot read`,
        );
        return { outcome: 'unavailable' };
      }
      return { outcome: 'accepted', msspTransactionId };
    },

    async queryStatus(msspTransactionId, context): Promise<MobileSignatureStatus> {
      const answer = await exchange(
        'MSS_StatusQuery',
        {
          MSS_StatusReq: {
            attributes: { MajorVersion: '1', MinorVersion: '1', MSSP_TransID: msspTransactionId },
            ...header(`Q${context.requestId.replace(/[^A-Za-z0-9_.-]/g, '')}`),
          },
        },
        context.requestId,
        [401, 402, 208],
      );
      if (answer === undefined) return { outcome: 'unavailable' };
      if (answer instanceof Refusal)
        return {
          outcome: answer.status === 401 ? 'cancelled' : answer.status === 402 ? 'pin_blocked' : 'expired',
        };
      const response = answer.MSS_StatusResp as Record<string, unknown> | undefined;
      const status = statusCodeOf(response);
      if (status === 504) return { outcome: 'pending' };
      if (status === 401) return { outcome: 'cancelled' };
      if (status === 402) return { outcome: 'pin_blocked' };
      if (status === 208) return { outcome: 'expired' };
      const signed = (status === 500 || status === 502) && readSignature(response?.MSS_Signature);
      if (signed) return { outcome: 'signed', ...signed };
      logger.warn(
        { partner: PARTNER, requestId: context.requestId, status },
        `${PARTNER} answered what we cannot read`,
      );
      return { outcome: 'unavailable' };
    },

    async ping() {
      if (breaker.state === 'open')
        throw new Error("the mobile-signature service's circuit is open: its recent calls failed");
    },
  };
}
