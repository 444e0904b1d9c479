/**
 * HTTP side of the business registry: the look-up API the hub calls under `/business-registry/v1` (HTTP Basic
 * client authentication, fault switches, errors as `{ error: { code, message, requestId } }`) and the dev
 * routes of docs/methods.md under `/sim/business-registry`. README.md is the contract.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseIdNumber } from '../../domain/id-number.ts';
import { cleanName } from '../../domain/name.ts';
import { parseTaxCode } from '../../domain/tax-code.ts';
import { basicClientCheck, type ClientCredentials, clientGuard } from '../kit/clients.ts';
import { partnerErrors } from '../kit/errors.ts';
import { type FaultSwitches, faultSwitchRoutes, partnerFaults } from '../kit/faults.ts';
import { BUSINESS_STATUSES, type BusinessStatus, type BusinessStore } from './businesses.ts';

export type { ClientCredentials, FaultSwitches };

interface RoutesOptions {
  store: BusinessStore;
  clients: readonly ClientCredentials[];
  faults: FaultSwitches;
  devApi: boolean;
}

export async function businessRegistryRoutes(app: FastifyInstance, options: RoutesOptions) {
  await app.register(lookUpApi, { ...options, prefix: '/business-registry/v1' });
  if (options.devApi) await app.register(devRoutes, options);
}

type ErrorCode = 'INVALID_REQUEST' | 'UNAUTHORIZED' | 'NOT_FOUND' | 'SERVICE_UNAVAILABLE';

function fail(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
) {
  return reply
    .code(status)
    .type('application/json')
    .send({ error: { code, message, requestId: request.id } });
}

async function lookUpApi(app: FastifyInstance, options: RoutesOptions) {
  partnerErrors(app, {
    // The registry's own storage failing is, to its callers, the registry being unavailable.
    failed: 'business registry failed',
    invalid: (request, reply, status) =>
      fail(request, reply, status, 'INVALID_REQUEST', 'The request is not valid.'),
    unavailable: (request, reply) => fail(request, reply, 503, 'SERVICE_UNAVAILABLE', 'Try again later.'),
    notFound: (request, reply) => fail(request, reply, 404, 'NOT_FOUND', 'No such resource.'),
  });

  app.addHook(
    'onRequest',
    partnerFaults(options.faults, (request, reply) =>
      fail(request, reply, 503, 'SERVICE_UNAVAILABLE', 'The business registry is temporarily unavailable.'),
    ),
  );
  app.addHook(
    'onRequest',
    clientGuard(basicClientCheck(options.clients), 'Basic realm="business-registry"', (request, reply) =>
      fail(request, reply, 401, 'UNAUTHORIZED', 'Valid client credentials are required.'),
    ),
  );

  app.get<{ Params: { taxCode: string } }>(
    '/businesses/:taxCode',
    { schema: { hide: true } },
    async (request, reply) => {
      const taxCode = parseTaxCode(request.params.taxCode);
      if (!taxCode.ok)
        return fail(
          request,
          reply,
          400,
          'INVALID_REQUEST',
          'A tax code is 10 digits, or 10 digits-3 digits.',
        );
      const business = await options.store.byTaxCode(taxCode.value.taxCode);
      return business ?? fail(request, reply, 404, 'NOT_FOUND', 'No business with this tax code.');
    },
  );
}

/** The dev API's body for a business, or what is wrong with it. */
function readBusiness(
  body: unknown,
): { business: Parameters<BusinessStore['upsert']>[0] } | { problems: string[] } {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const problems: string[] = [];
  const taxCode = parseTaxCode(typeof fields.taxCode === 'string' ? fields.taxCode : '');
  if (!taxCode.ok) problems.push('taxCode is 10 digits, or 10 digits-3 digits for a branch');
  const name = typeof fields.name === 'string' ? cleanName(fields.name) : '';
  if (!name || name.length > 200) problems.push('name is required (at most 200 characters)');
  const status = fields.status;
  if (!BUSINESS_STATUSES.includes(status as BusinessStatus))
    problems.push('status is active, suspended or closed');
  const representative = fields.representativeIdNumber;
  if (
    representative !== undefined &&
    representative !== null &&
    (typeof representative !== 'string' || !parseIdNumber(representative).ok)
  )
    problems.push('representativeIdNumber is a 12-digit ID number or a 9-digit CMND');
  if (problems.length > 0 || !taxCode.ok) return { problems };
  return {
    business: {
      taxCode: taxCode.value.taxCode,
      name,
      status: status as BusinessStatus,
      ...(typeof representative === 'string' && { representativeIdNumber: representative.trim() }),
    },
  };
}

async function devRoutes(app: FastifyInstance, options: RoutesOptions) {
  app.post('/sim/business-registry/businesses', { schema: { hide: true } }, async (request, reply) => {
    const read = readBusiness(request.body);
    if ('problems' in read)
      return reply.code(422).send({ error: 'invalid business', details: read.problems });
    return reply.code(201).send(await options.store.upsert(read.business));
  });

  app.get<{ Params: { taxCode: string } }>(
    '/sim/business-registry/businesses/:taxCode',
    { schema: { hide: true } },
    async (request, reply) => {
      const taxCode = parseTaxCode(request.params.taxCode);
      const business = taxCode.ok ? await options.store.byTaxCode(taxCode.value.taxCode) : undefined;
      return business ?? reply.code(404).send({ error: 'no such business' });
    },
  );

  faultSwitchRoutes(app, '/sim/business-registry', options.faults);
}
