/**
 * HTTP side of the social-insurance registry: the record-match API under `/vss/v1` (HTTP Basic client
 * authentication, fault switches, errors as `{ error: { code, message, requestId, details? } }`) and the dev
 * routes under `/sim/social-insurance`. README.md is the contract.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseDate } from '../../domain/dates.ts';
import { parseIdNumber } from '../../domain/id-number.ts';
import { cleanName, namesMatch } from '../../domain/name.ts';
import { normalizeMobileNumber } from '../../domain/phone.ts';
import { basicClientCheck, type ClientCredentials, clientGuard } from '../kit/clients.ts';
import { partnerErrors } from '../kit/errors.ts';
import { type FaultSwitches, faultSwitchRoutes, partnerFaults } from '../kit/faults.ts';
import type { InsuranceRecord, RecordStore } from './records.ts';

export type { ClientCredentials, FaultSwitches };

interface RoutesOptions {
  store: RecordStore;
  clients: readonly ClientCredentials[];
  faults: FaultSwitches;
  devApi: boolean;
  now: () => Date;
}

export async function socialInsuranceRoutes(app: FastifyInstance, options: RoutesOptions) {
  await app.register(recordsApi, { ...options, prefix: '/vss/v1' });
  if (options.devApi) await app.register(devRoutes, options);
}

type ErrorCode = 'INVALID_REQUEST' | 'UNAUTHORIZED' | 'NOT_FOUND' | 'SERVICE_UNAVAILABLE';
interface FieldIssue {
  field: string;
  issue: string;
}

function fail(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: ErrorCode,
  message: string,
  details?: FieldIssue[],
) {
  return reply
    .code(status)
    .type('application/json')
    .send({ error: { code, message, requestId: request.id, ...(details && { details }) } });
}

const SOCIAL_INSURANCE_NUMBER = /^\d{10}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealIsoDate(value: string): boolean {
  const parts = ISO_DATE.exec(value);
  if (!parts) return false;
  const date = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
  return date.toISOString().slice(0, 10) === value;
}

interface MatchQuery {
  socialInsuranceNumber: string;
  idNumber: string;
  fullName: string;
  birthDate: string;
}

/** The request as the registry accepts it, or what is wrong with each field. */
export function validateMatchQuery(body: unknown): { query: MatchQuery } | { issues: FieldIssue[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { issues: [{ field: '', issue: 'the body must be a JSON object' }] };
  const fields = body as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  const text = (field: string, valid: (value: string) => boolean, issue: string) => {
    const value = fields[field];
    if (typeof value !== 'string' || !valid(value.trim())) issues.push({ field, issue });
    return typeof value === 'string' ? value.trim() : '';
  };
  const query = {
    socialInsuranceNumber: text(
      'socialInsuranceNumber',
      (v) => SOCIAL_INSURANCE_NUMBER.test(v),
      'must be 10 digits',
    ),
    idNumber: text('idNumber', (v) => parseIdNumber(v).ok, 'must be a 12-digit ID number or a 9-digit CMND'),
    fullName: text('fullName', (v) => v.length > 0 && v.length <= 100, 'must be 1 to 100 characters'),
    birthDate: text('birthDate', isRealIsoDate, 'must be a date as YYYY-MM-DD'),
  };
  const unknown = Object.keys(fields).filter((key) => !(key in query));
  for (const field of unknown) issues.push({ field, issue: 'is not a field of this request' });
  return issues.length > 0 ? { issues } : { query };
}

const recordMatches = (record: InsuranceRecord, query: MatchQuery) =>
  record.idNumber === query.idNumber &&
  record.birthDate === query.birthDate &&
  namesMatch(record.fullName, query.fullName);

async function recordsApi(app: FastifyInstance, options: RoutesOptions) {
  partnerErrors(app, {
    // The registry's own storage failing is, to its callers, the registry being unavailable.
    failed: 'social insurance registry failed',
    invalid: (request, reply, status) =>
      fail(request, reply, status, 'INVALID_REQUEST', 'The request body is not valid JSON.'),
    unavailable: (request, reply) => fail(request, reply, 503, 'SERVICE_UNAVAILABLE', 'Try again later.'),
    notFound: (request, reply) => fail(request, reply, 404, 'NOT_FOUND', 'No such resource.'),
  });

  app.addHook(
    'onRequest',
    partnerFaults(options.faults, (request, reply) =>
      fail(
        request,
        reply,
        503,
        'SERVICE_UNAVAILABLE',
        'The social insurance registry is temporarily unavailable.',
      ),
    ),
  );
  app.addHook(
    'onRequest',
    clientGuard(basicClientCheck(options.clients), 'Basic realm="vss"', (request, reply) =>
      fail(request, reply, 401, 'UNAUTHORIZED', 'Valid client credentials are required.'),
    ),
  );

  app.post('/records/match', { schema: { hide: true } }, async (request, reply) => {
    const checked = validateMatchQuery(request.body);
    if ('issues' in checked)
      return fail(request, reply, 400, 'INVALID_REQUEST', 'The request is not valid.', checked.issues);
    const record = await options.store.bySocialInsuranceNumber(checked.query.socialInsuranceNumber);
    // One answer for an unknown number and for a differing field: the caller learns nothing more.
    if (!record || !recordMatches(record, checked.query)) return { match: false };
    return { match: true, phoneNumber: record.phoneNumber };
  });
}

async function devRoutes(app: FastifyInstance, options: RoutesOptions) {
  app.post('/sim/social-insurance/records', { schema: { hide: true } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const problems: string[] = [];
    const text = (field: string) => {
      const value = body[field];
      if (typeof value !== 'string' || !value.trim()) problems.push(`${field} is required`);
      return typeof value === 'string' ? value.trim() : '';
    };
    const socialInsuranceNumber = text('socialInsuranceNumber');
    if (socialInsuranceNumber && !SOCIAL_INSURANCE_NUMBER.test(socialInsuranceNumber))
      problems.push('socialInsuranceNumber is 10 digits');
    const idNumber = text('idNumber');
    if (idNumber && !parseIdNumber(idNumber).ok)
      problems.push('idNumber is a 12-digit ID number or a 9-digit CMND');
    const fullName = cleanName(text('fullName'));
    const birth = parseDate(text('birthDate'), options.now());
    if (!birth.ok) problems.push('birthDate is not a valid date');
    const rawPhone = body.phoneNumber;
    const phone =
      rawPhone === undefined || rawPhone === null
        ? undefined
        : normalizeMobileNumber(typeof rawPhone === 'string' ? rawPhone : '');
    if (phone && !phone.ok) problems.push('phoneNumber is not a Vietnamese mobile number');
    if (problems.length > 0 || !birth.ok || (phone && !phone.ok))
      return reply.code(422).send({ error: 'invalid record', details: problems });
    const saved = await options.store.upsert({
      socialInsuranceNumber,
      idNumber,
      fullName,
      birthDate: birth.value,
      phoneNumber: phone ? phone.value.e164 : null,
    });
    return reply.code(201).send(saved);
  });

  app.get<{ Params: { key: string } }>(
    '/sim/social-insurance/records/:key',
    { schema: { hide: true } },
    async (request, reply) => {
      const key = request.params.key.trim();
      const record = SOCIAL_INSURANCE_NUMBER.test(key)
        ? await options.store.bySocialInsuranceNumber(key)
        : await options.store.byIdNumber(key);
      return record ?? reply.code(404).send({ error: 'no such record' });
    },
  );

  faultSwitchRoutes(app, '/sim/social-insurance', options.faults);
}
