/**
 * The PopulationRegistry port over the registry's data-sharing API (`POST {baseUrl}/lookup`, the API key
 * as a bearer token; src/simulators/population/README.md), behind a circuit breaker and a timeout. Any
 * call without a usable answer is `unavailable`.
 */
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import type { PopulationAnswer, PopulationRegistry } from '../../usecases/ports/population-registry.ts';
import { checkedHttpUrl, isJsonObject } from '../http/http-call.ts';
import { createPartnerGuard } from '../http/partner-guard.ts';

export interface HttpPopulationRegistryOptions {
  /** The data-sharing API, e.g. http://127.0.0.1:3000/population/v1 */
  baseUrl: string;
  apiKey: string;
  /** Per call, the whole exchange. */
  timeoutMs: number;
  now: () => Date;
  logger: Logger;
  /** Where the metrics go; a private registry when absent. */
  registry?: Registry;
}

const CURRENT_ID_NUMBER = /^\d{12}$/;
/** Old numbers: 9-digit CMNDs, and the 12-digit CMNDs issued before the CCCD. */
const OLD_ID_NUMBER = /^(\d{9}|\d{12})$/;
/** Longer than any name a form accepts: an answer with one is not read. */
const MAX_NAME_LENGTH = 200;

export function createHttpPopulationRegistry(options: HttpPopulationRegistryOptions): PopulationRegistry {
  const url = `${checkedHttpUrl(options.baseUrl, 'baseUrl').replace(/\/+$/, '')}/lookup`;
  if (!options.apiKey) throw new RangeError('apiKey is required');
  const guard = createPartnerGuard({
    partner: 'population',
    timeoutMs: options.timeoutMs,
    now: options.now,
    logger: options.logger.child({ component: 'population-registry' }),
    registry: options.registry ?? new Registry(),
    errorCodeOf: (body) => (isJsonObject(body) ? body.code : undefined),
  });
  const headers = { authorization: `Bearer ${options.apiKey}` };

  return {
    async lookup(idNumber, context) {
      const answer = await guard.call({
        operation: 'lookup',
        // A read: repeating it once after a refused or reset connection is safe.
        request: { method: 'POST', url, headers, body: { idNumber }, retryOnConnectionError: true },
        read: readLookup,
        requestId: context.requestId,
      });
      return answer ?? { outcome: 'unavailable' };
    },
    ping: () => guard.ping(),
  };
}

function readLookup(body: unknown): PopulationAnswer | undefined {
  if (!isJsonObject(body)) return undefined;
  if (body.found === false) return { outcome: 'not_found' };
  const { idNumber, oldIdNumbers, fullName } = body;
  if (
    body.found === true &&
    typeof idNumber === 'string' &&
    CURRENT_ID_NUMBER.test(idNumber) &&
    Array.isArray(oldIdNumbers) &&
    oldIdNumbers.every((old) => typeof old === 'string' && OLD_ID_NUMBER.test(old)) &&
    typeof fullName === 'string' &&
    fullName.trim() !== '' &&
    fullName.length <= MAX_NAME_LENGTH
  )
    return { outcome: 'found', idNumber, oldIdNumbers: oldIdNumbers as string[], fullName };
  return undefined;
}
