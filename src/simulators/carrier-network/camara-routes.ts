/**
 * Each carrier's CAMARA APIs: OAuth2 token endpoint, KYC Match 0.4 (`/kyc-match/v0.4/match`) and SIM Swap
 * 2.1 (`/sim-swap/v2/check`, `/retrieve-date`); registered under the prefix `/carriers`, so `/carriers/{carrier}/…`. Requests are validated
 * against the CAMARA definitions; errors are CAMARA's `{ status, code, message }`; `x-correlator` is echoed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type CarrierId, isCarrierId } from '../../domain/carriers.ts';
import type { CamaraOperation, CamaraValidator } from './camara-validation.ts';
import { isMatchProperty, matchKyc } from './kyc-match.ts';
import type { Registry, Subscriber } from './registry.ts';
import type { createTokenIssuer } from './tokens.ts';

/** SIM Swap 2.1.0 bounds of maxAge, and how far back this carrier keeps SIM changes (retrieve-date). */
const DEFAULT_MAX_AGE_HOURS = 240;
const MAX_AGE_HOURS = 2400;
export const MONITORED_PERIOD_DAYS = 120;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const CORRELATOR = /^[a-zA-Z0-9\-_:;./<>{}]{0,256}$/;

export interface CamaraRoutesOptions {
  registry: Registry;
  validator: CamaraValidator;
  tokens: ReturnType<typeof createTokenIssuer>;
  isDown: (carrier: CarrierId) => boolean;
  now: () => Date;
}

export function camaraError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).type('application/json').send({ status, code, message });
}

type Params = { carrier: string };

export async function camaraRoutes(app: FastifyInstance, options: CamaraRoutesOptions) {
  const { registry, validator, tokens } = options;
  await app.register(import('@fastify/formbody'));

  app.addHook('onRequest', async (request, reply) => {
    const correlator = request.headers['x-correlator'];
    if (typeof correlator === 'string' && CORRELATOR.test(correlator))
      reply.header('x-correlator', correlator);
  });
  app.setErrorHandler((error: { statusCode?: number }, _request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? 400 : 500;
    return status === 400
      ? camaraError(
          reply,
          400,
          'INVALID_ARGUMENT',
          'Client specified an invalid argument, request body or query param.',
        )
      : camaraError(reply, 500, 'INTERNAL', 'Server error.');
  });
  app.setNotFoundHandler((_request, reply) =>
    camaraError(reply, 404, 'NOT_FOUND', 'The specified resource is not found.'),
  );

  /** Carrier known and up, and (for APIs) a valid bearer token of that carrier; else the reply is sent. */
  function admit(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    api: boolean,
  ): CarrierId | undefined {
    const carrier = request.params.carrier;
    if (!isCarrierId(carrier)) {
      void camaraError(reply, 404, 'NOT_FOUND', 'The specified resource is not found.');
      return undefined;
    }
    if (options.isDown(carrier)) {
      void camaraError(reply, 503, 'UNAVAILABLE', 'Service Unavailable.');
      return undefined;
    }
    if (api && !tokens.valid(carrier, request.headers.authorization)) {
      void camaraError(
        reply,
        401,
        'UNAUTHENTICATED',
        'Request not authenticated due to missing, invalid, or expired credentials.',
      );
      return undefined;
    }
    return carrier;
  }

  function invalid(reply: FastifyReply, operation: CamaraOperation, request: FastifyRequest): boolean {
    const problem = validator.requestProblem(operation, request.body, request.headers);
    if (!problem) return false;
    void camaraError(
      reply,
      400,
      'INVALID_ARGUMENT',
      `Client specified an invalid argument: ${problem.replace(/"[^"]*"/g, '…')}`,
    );
    return true;
  }

  /** The subscriber named by a 2-legged request's phoneNumber; sends 422 MISSING_IDENTIFIER without one. */
  function identified(
    carrier: CarrierId,
    phoneNumber: string | undefined,
    reply: FastifyReply,
  ): Promise<Subscriber | undefined> | undefined {
    if (typeof phoneNumber === 'string') return served(carrier, phoneNumber, reply);
    void camaraError(reply, 422, 'MISSING_IDENTIFIER', 'The device cannot be identified.');
    return undefined;
  }

  /** The subscriber this carrier serves at that number; sends 404/422 otherwise. */
  async function served(
    carrier: CarrierId,
    phoneNumber: string,
    reply: FastifyReply,
  ): Promise<Subscriber | undefined> {
    const subscriber = await registry.byPhone(phoneNumber);
    if (!subscriber || subscriber.carrier !== carrier) {
      void camaraError(reply, 404, 'IDENTIFIER_NOT_FOUND', 'Device identifier not found.');
      return undefined;
    }
    if (subscriber.status !== 'active') {
      void camaraError(
        reply,
        422,
        'SERVICE_NOT_APPLICABLE',
        'The service is not available for the provided identifier.',
      );
      return undefined;
    }
    return subscriber;
  }

  app.post<{ Params: Params; Body: Record<string, string> }>(
    '/:carrier/oauth2/token',
    { schema: { hide: true } },
    async (request, reply) => {
      const carrier = admit(request, reply, false);
      if (!carrier) return reply;
      const body = request.body ?? {};
      const basic = /^Basic (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
      const clientId = decodeURIComponent(basicId ?? body.client_id ?? '');
      const clientSecret = decodeURIComponent(basicSecret ?? body.client_secret ?? '');
      if (body.grant_type !== 'client_credentials')
        return reply.code(400).send({ error: 'unsupported_grant_type' });
      const issued = tokens.issue(carrier, clientId, clientSecret);
      if (!issued) return reply.code(401).send({ error: 'invalid_client' });
      return { access_token: issued.token, token_type: 'Bearer', expires_in: issued.expiresIn };
    },
  );

  app.post<{ Params: Params; Body: Record<string, unknown> }>(
    '/:carrier/kyc-match/v0.4/match',
    { schema: { hide: true } },
    async (request, reply) => {
      const carrier = admit(request, reply, true);
      if (!carrier || invalid(reply, 'KYC_Match', request)) return reply;
      const body = request.body;
      // 0.4.0: "at least one of the other fields must be provided, otherwise … INVALID_PARAM_COMBINATION",
      // whatever phoneNumber says: checked before the subject, so `{}` is this 400 and not 422 MISSING_IDENTIFIER.
      if (!Object.keys(body).some(isMatchProperty)) {
        return camaraError(
          reply,
          400,
          'KNOW_YOUR_CUSTOMER.INVALID_PARAM_COMBINATION',
          'No property to match was provided.',
        );
      }
      const subscriber = await identified(carrier, body.phoneNumber as string | undefined, reply);
      if (!subscriber) return reply;
      return matchKyc(body, subscriber);
    },
  );

  app.post<{ Params: Params; Body: { phoneNumber?: string; maxAge?: unknown } }>(
    '/:carrier/sim-swap/v2/check',
    { schema: { hide: true } },
    async (request, reply) => {
      const carrier = admit(request, reply, true);
      if (!carrier) return reply;
      const maxAge = request.body?.maxAge;
      // A well-formed number of hours beyond the limit is OUT_OF_RANGE (check_sim_swap_400.2), not a syntax error.
      if (Number.isInteger(maxAge) && (maxAge as number) > MAX_AGE_HOURS)
        return camaraError(
          reply,
          400,
          'OUT_OF_RANGE',
          `maxAge cannot exceed ${MAX_AGE_HOURS} hours (the monitored period is ${MONITORED_PERIOD_DAYS} days).`,
        );
      if (invalid(reply, 'checkSimSwap', request)) return reply;
      const subscriber = await identified(carrier, request.body?.phoneNumber, reply);
      if (!subscriber) return reply;
      const hours = (maxAge as number | undefined) ?? DEFAULT_MAX_AGE_HOURS;
      const swappedAt = subscriber.simChangedAt ? Date.parse(subscriber.simChangedAt) : undefined;
      const swapped = swappedAt !== undefined && options.now().getTime() - swappedAt <= hours * HOUR_MS;
      return { swapped };
    },
  );

  app.post<{ Params: Params; Body: { phoneNumber?: string } }>(
    '/:carrier/sim-swap/v2/retrieve-date',
    { schema: { hide: true } },
    async (request, reply) => {
      const carrier = admit(request, reply, true);
      if (!carrier || invalid(reply, 'retrieveSimSwapDate', request)) return reply;
      const subscriber = await identified(carrier, request.body?.phoneNumber, reply);
      if (!subscriber) return reply;
      // With no swap, the latest change is the activation; beyond the window the carrier may not tell.
      const latest = Date.parse(subscriber.simChangedAt ?? subscriber.activatedAt);
      const withinWindow = options.now().getTime() - latest <= MONITORED_PERIOD_DAYS * DAY_MS;
      return withinWindow
        ? { latestSimChange: new Date(latest).toISOString() }
        : { latestSimChange: null, monitoredPeriod: MONITORED_PERIOD_DAYS };
    },
  );
}
