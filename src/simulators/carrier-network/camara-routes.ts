/**
 * Each carrier's CAMARA APIs: OAuth2 token endpoint, KYC Match 0.4 (`/kyc-match/v0.4/match`) and SIM Swap
 * 2.1 (`/sim-swap/v2/check`, `/retrieve-date`); registered under the prefix `/carriers`, so `/carriers/{carrier}/…`. Requests are validated
 * against the CAMARA definitions; errors are CAMARA's `{ status, code, message }`; `x-correlator` is echoed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type CarrierId, isCarrierId } from '../../domain/carriers.ts';
import { nameMatchKey } from '../../domain/name.ts';
import type { CamaraOperation, CamaraValidator } from './camara-validation.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import type { Registry, Subscriber } from './registry.ts';
import type { createTokenIssuer } from './tokens.ts';

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
      const phoneNumber = body.phoneNumber;
      if (typeof phoneNumber !== 'string') {
        return camaraError(reply, 422, 'MISSING_IDENTIFIER', 'The device cannot be identified.');
      }
      if (Object.keys(body).every((key) => key === 'phoneNumber')) {
        return camaraError(
          reply,
          400,
          'KNOW_YOUR_CUSTOMER.INVALID_PARAM_COMBINATION',
          'No property to match was provided.',
        );
      }
      const subscriber = await served(carrier, phoneNumber, reply);
      if (!subscriber) return reply;
      const answer: Record<string, string | number> = {};
      if (typeof body.idDocument === 'string')
        answer.idDocumentMatch = String(body.idDocument.trim() === subscriber.idNumber);
      if (typeof body.name === 'string') {
        const typed = nameMatchKey(body.name);
        const held = nameMatchKey(subscriber.fullName);
        answer.nameMatch = String(typed === held);
        if (typed !== held) answer.nameMatchScore = Math.min(99, Math.floor(jaroWinkler(typed, held) * 100));
      }
      if (typeof body.birthdate === 'string')
        answer.birthdateMatch = String(body.birthdate === subscriber.birthDate);
      for (const field of [
        'givenName',
        'familyName',
        'address',
        'email',
        'gender',
        'idDocumentType',
        'nationality',
      ]) {
        if (field in body) answer[`${field}Match`] = 'not_available';
      }
      return answer;
    },
  );

  const swapRoute = (path: 'check' | 'retrieve-date', operation: CamaraOperation) =>
    app.post<{ Params: Params; Body: { phoneNumber?: string; maxAge?: number } }>(
      `/:carrier/sim-swap/v2/${path}`,
      { schema: { hide: true } },
      async (request, reply) => {
        const carrier = admit(request, reply, true);
        if (!carrier || invalid(reply, operation, request)) return reply;
        const { phoneNumber, maxAge = 240 } = request.body;
        if (typeof phoneNumber !== 'string')
          return camaraError(reply, 422, 'MISSING_IDENTIFIER', 'The device cannot be identified.');
        const subscriber = await served(carrier, phoneNumber, reply);
        if (!subscriber) return reply;
        const changed = subscriber.simChangedAt ? new Date(subscriber.simChangedAt) : undefined;
        if (operation === 'retrieveSimSwapDate') {
          return changed
            ? { latestSimChange: changed.toISOString() }
            : { latestSimChange: null, monitoredPeriod: 120 };
        }
        const swapped = !!changed && options.now().getTime() - changed.getTime() < maxAge * 3_600_000;
        return { swapped };
      },
    );
  swapRoute('check', 'checkSimSwap');
  swapRoute('retrieve-date', 'retrieveSimSwapDate');
}
