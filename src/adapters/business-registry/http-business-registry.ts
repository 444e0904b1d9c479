/**
 * The BusinessRegistry port over the registry's look-up API (`GET {baseUrl}/businesses/{taxCode}`, HTTP Basic
 * client authentication; src/simulators/business-registry/README.md), behind the shared partner guard (circuit
 * breaker, timeout, metrics, one log line). A 404 is an answer (no such business); any call without a usable
 * answer throws BusinessRegistryUnavailableError.
 */
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { parseIdNumber } from '../../domain/id-number.ts';
import {
  type BusinessRecord,
  type BusinessRegistry,
  BusinessRegistryUnavailableError,
} from '../../usecases/ports/business-registry.ts';
import { basicAuthorization } from '../http/basic-authorization.ts';
import { checkedHttpUrl, isJsonObject } from '../http/http-call.ts';
import { createPartnerGuard } from '../http/partner-guard.ts';

export interface HttpBusinessRegistryOptions {
  /** The look-up API, e.g. http://127.0.0.1:3000/business-registry/v1 */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Per call, the whole exchange. */
  timeoutMs: number;
  now: () => Date;
  logger: Logger;
  /** Where the metrics go; a private registry when absent. */
  registry?: Registry;
}

const STATUSES = new Set(['active', 'suspended', 'closed']);

/** What a look-up found: the business, or `null` for none (a 404 is the registry's answer, not its failure). */
type LookUp = { business: BusinessRecord | null };

export function createHttpBusinessRegistry(options: HttpBusinessRegistryOptions): BusinessRegistry {
  const base = checkedHttpUrl(options.baseUrl, 'baseUrl').replace(/\/+$/, '');
  const headers = { authorization: basicAuthorization(options) };
  const guard = createPartnerGuard({
    partner: 'business_registry',
    timeoutMs: options.timeoutMs,
    now: options.now,
    logger: options.logger.child({ component: 'business-registry' }),
    registry: options.registry ?? new Registry(),
    errorCodeOf: (body) => (isJsonObject(body) && isJsonObject(body.error) ? body.error.code : undefined),
  });

  return {
    async lookUp(taxCode, context) {
      const answer = await guard.call<LookUp>({
        operation: 'look_up',
        request: {
          method: 'GET',
          url: `${base}/businesses/${encodeURIComponent(taxCode)}`,
          headers,
          // A question without side effects: repeating it once after a refused or reset connection is safe.
          retryOnConnectionError: true,
        },
        read: readBusiness,
        readRefusal: (status, body) =>
          status === 404 && isJsonObject(body) && isJsonObject(body.error) && body.error.code === 'NOT_FOUND'
            ? { business: null }
            : undefined,
        requestId: context.requestId,
      });
      if (!answer) throw new BusinessRegistryUnavailableError();
      return answer.business;
    },
    ping: () => guard.ping(),
  };
}

function readBusiness(body: unknown): LookUp | undefined {
  if (!isJsonObject(body)) return undefined;
  const { name, status, representativeIdNumber } = body;
  if (typeof name !== 'string' || name.trim() === '' || typeof status !== 'string' || !STATUSES.has(status))
    return undefined;
  const representative =
    typeof representativeIdNumber === 'string' && parseIdNumber(representativeIdNumber).ok
      ? representativeIdNumber
      : undefined;
  return {
    business: {
      name: name.trim(),
      status: status as BusinessRecord['status'],
      ...(representative && { representativeIdNumber: representative }),
    },
  };
}
