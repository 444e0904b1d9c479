/**
 * The SocialInsuranceRegistry port over Vietnam Social Security's record-match API (`POST
 * {baseUrl}/records/match`, HTTP Basic client authentication; src/simulators/social-insurance/README.md),
 * behind a circuit breaker and a timeout. Any call without a usable answer is `unavailable`.
 */
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { normalizeMobileNumber } from '../../domain/phone.ts';
import type {
  InsuranceRecordAnswer,
  SocialInsuranceRegistry,
} from '../../usecases/ports/social-insurance-registry.ts';
import { basicAuthorization } from '../http/basic-authorization.ts';
import { checkedHttpUrl, isJsonObject } from '../http/http-call.ts';
import { createPartnerGuard } from '../http/partner-guard.ts';

export interface HttpSocialInsuranceRegistryOptions {
  /** The record-match API, e.g. http://127.0.0.1:3000/vss/v1 */
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

export function createHttpSocialInsuranceRegistry(
  options: HttpSocialInsuranceRegistryOptions,
): SocialInsuranceRegistry {
  const url = `${checkedHttpUrl(options.baseUrl, 'baseUrl').replace(/\/+$/, '')}/records/match`;
  const headers = { authorization: basicAuthorization(options) };
  const guard = createPartnerGuard({
    partner: 'social_insurance',
    timeoutMs: options.timeoutMs,
    now: options.now,
    logger: options.logger.child({ component: 'social-insurance-registry' }),
    registry: options.registry ?? new Registry(),
    errorCodeOf: (body) => (isJsonObject(body) && isJsonObject(body.error) ? body.error.code : undefined),
  });

  return {
    async match(query, context) {
      const answer = await guard.call({
        operation: 'match',
        request: {
          method: 'POST',
          url,
          headers,
          body: {
            socialInsuranceNumber: query.socialInsuranceNumber,
            idNumber: query.idNumber,
            fullName: query.fullName,
            birthDate: query.birthDate,
          },
          // A question without side effects: repeating it once after a refused or reset connection is safe.
          retryOnConnectionError: true,
        },
        read: readMatch,
        requestId: context.requestId,
      });
      return answer ?? { outcome: 'unavailable' };
    },
    ping: () => guard.ping(),
  };
}

function readMatch(body: unknown): InsuranceRecordAnswer | undefined {
  if (!isJsonObject(body)) return undefined;
  if (body.match === false) return { outcome: 'no_match' };
  if (body.match !== true) return undefined;
  if (body.phoneNumber === null) return { outcome: 'match', phoneNumber: null };
  if (typeof body.phoneNumber !== 'string') return undefined;
  // A record may hold a landline or a mistyped number: to the citizen that is no usable phone, which they
  // can fix in the VssID app, rather than an outage they can only wait out.
  const phone = normalizeMobileNumber(body.phoneNumber);
  return { outcome: 'match', phoneNumber: phone.ok ? phone.value.e164 : null };
}
