/**
 * HTTP side of the population registry: the data-sharing API under `/population/v1` (API key as a bearer
 * token, fault switches, errors as `{ status, code, message }`) and the dev routes under `/sim/population`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseIdNumber } from '../../domain/id-number.ts';
import { clientGuard } from '../kit/clients.ts';
import { partnerErrors } from '../kit/errors.ts';
import { type FaultSwitches, faultSwitchRoutes, partnerFaults } from '../kit/faults.ts';
import type { Person } from './people.ts';
import type { PeopleStore } from './registry.ts';

export interface ApiClient {
  clientId: string;
  apiKey: string;
}

export type { FaultSwitches };

interface RoutesOptions {
  store: PeopleStore;
  clients: readonly ApiClient[];
  faults: FaultSwitches;
  devApi: boolean;
}

export async function populationRoutes(app: FastifyInstance, options: RoutesOptions) {
  await app.register(dataSharingApi, { ...options, prefix: '/population/v1' });
  if (options.devApi) await app.register(devRoutes, options);
}

type ErrorCode = 'INVALID_ARGUMENT' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'UNAVAILABLE';

const fail = (reply: FastifyReply, status: number, code: ErrorCode, message: string) =>
  reply.code(status).type('application/json').send({ status, code, message });

const digest = (value: string) => createHash('sha256').update(value).digest();

async function dataSharingApi(app: FastifyInstance, options: RoutesOptions) {
  const keys = options.clients.map((c) => ({ clientId: c.clientId, key: digest(c.apiKey) }));
  // Hashing first gives equal lengths, so the comparison takes the same time whatever the guess.
  const clientOf = (authorization: string | undefined) => {
    const match = /^Bearer ([^\s]+)$/.exec(authorization ?? '');
    if (!match) return undefined;
    const presented = digest(match[1]!);
    return keys.find((k) => timingSafeEqual(k.key, presented))?.clientId;
  };

  partnerErrors(app, {
    // The registry's own storage failing is, to its callers, the registry being unavailable.
    failed: 'population registry failed',
    invalid: (_request, reply, status) =>
      fail(reply, status, 'INVALID_ARGUMENT', 'The request body is not a JSON object.'),
    unavailable: (_request, reply) => fail(reply, 503, 'UNAVAILABLE', 'The registry could not answer.'),
    notFound: (_request, reply) => fail(reply, 404, 'NOT_FOUND', 'No such resource.'),
  });

  app.addHook(
    'onRequest',
    partnerFaults(options.faults, (_request, reply) =>
      fail(reply, 503, 'UNAVAILABLE', 'The registry is unavailable.'),
    ),
  );
  app.addHook(
    'onRequest',
    clientGuard(
      (authorization) => Boolean(clientOf(authorization)),
      'Bearer realm="population"',
      (_request, reply) => fail(reply, 401, 'UNAUTHENTICATED', 'A valid API key is required.'),
    ),
  );

  app.post('/lookup', { schema: { hide: true } }, async (request, reply) => {
    const body = request.body as { idNumber?: unknown } | undefined;
    const idNumber = typeof body?.idNumber === 'string' ? body.idNumber.trim() : undefined;
    if (!idNumber || !parseIdNumber(idNumber).ok)
      return fail(reply, 400, 'INVALID_ARGUMENT', 'idNumber must be a 12-digit ID number or a 9-digit CMND.');
    const found = await options.store.byIdNumber(idNumber);
    // The link, and the name as the registry spells it (the hub keeps its diacritics); nothing else: the
    // hub already holds the birth date it checks and needs no more.
    if (!found) return { found: false };
    return {
      found: true,
      idNumber: found.idNumber,
      oldIdNumbers: found.oldIdNumber ? [found.oldIdNumber] : [],
      fullName: found.fullName,
    };
  });
}

const publicRecord = (p: Person) => ({
  idNumber: p.idNumber,
  ...(p.oldIdNumber && { oldIdNumber: p.oldIdNumber }),
  fullName: p.fullName,
  birthDate: p.birthDate,
  sex: p.sex,
  province: p.province.name,
});

async function devRoutes(app: FastifyInstance, options: RoutesOptions) {
  app.get<{ Params: { idNumber: string } }>(
    '/sim/population/:idNumber',
    { schema: { hide: true } },
    async (request, reply) => {
      const found = await options.store.byIdNumber(request.params.idNumber.trim());
      return found ? publicRecord(found) : reply.code(404).send({ error: 'no such person' });
    },
  );
  faultSwitchRoutes(app, '/sim/population', options.faults);
}
