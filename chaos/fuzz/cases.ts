/**
 * One fuzzed request as data: method, path, headers, a body description and a label. Bodies that need
 * the run's CSRF token, or that are too large to keep by the thousand, are made only when sent.
 */
import fc from 'fast-check';
import {
  acceptLanguage,
  cookieJarNoise,
  edgeString,
  fuzzedValueFor,
  type Labelled,
  pathParam,
  queryString,
  valueFor,
} from './arbitraries.ts';
import type { JsonEndpoint, PageForm, Targets } from './targets.ts';

export type CsrfMode = 'real-token' | 'wrong-token' | 'no-token' | 'no-token-no-cookie';

export type BodySpec =
  | { type: 'none' }
  | { type: 'json'; value: unknown }
  | { type: 'raw'; text: string }
  | { type: 'form'; fields: Array<[string, string]>; csrf: CsrfMode }
  | { type: 'oversized'; bytes: number; shape: 'json' | 'form' };

export interface FuzzCase {
  method: string;
  path: string;
  headers: Record<string, string>;
  cookies: string[];
  body: BodySpec;
  /** What was generated, by kind only (never the values): safe to print, enough to tell cases apart. */
  label: string;
}

const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  ' ',
  'a.b',
  '$where',
];

/** Header values node:http would refuse to send (control characters, anything beyond Latin-1). */
const headerSafe = (text: string) => text.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

interface PickedHeaders {
  accept: string;
  language?: Labelled<string>;
  cookie?: Labelled<string>;
  requestId?: string;
  forwardedFor?: string;
}

const ACCEPTS = [
  'application/json',
  'text/html',
  '*/*',
  'text/html;q=0.1, */*;q=0.9',
  'image/svg+xml',
  '',
  ';;;',
];

const noisyHeaders: fc.Arbitrary<PickedHeaders> = fc.record(
  {
    accept: fc.constantFrom(...ACCEPTS),
    language: acceptLanguage,
    cookie: cookieJarNoise,
    requestId: fc.constantFrom('short', 'x'.repeat(200), '../../etc', 'ok-request-id-123456', ''),
    forwardedFor: fc.constantFrom('1.2.3.4', 'garbage', '::1, 10.0.0.1', '999.999.999.999', '"]'),
  },
  { requiredKeys: ['accept'] },
);

/** Mostly what a browser or client sends; a third of the time, odd headers and forged cookies. */
const headersArb: fc.Arbitrary<PickedHeaders> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ accept: fc.constantFrom(...ACCEPTS) }) },
  { weight: 1, arbitrary: noisyHeaders },
);

function headersOf(picked: PickedHeaders) {
  const headers: Record<string, string> = { accept: picked.accept };
  const kinds: string[] = [];
  if (picked.language) {
    headers['accept-language'] = headerSafe(picked.language.value);
    kinds.push(picked.language.kind);
  }
  if (picked.requestId !== undefined) {
    headers['x-request-id'] = picked.requestId;
    kinds.push('x-request-id');
  }
  if (picked.forwardedFor !== undefined) {
    headers['x-forwarded-for'] = picked.forwardedFor;
    kinds.push('x-forwarded-for');
  }
  const cookies = picked.cookie ? [headerSafe(picked.cookie.value)] : [];
  if (picked.cookie) kinds.push(picked.cookie.kind);
  return { headers, cookies, kinds };
}

const fillTemplate = (template: string, params: Labelled<string>[]) => {
  let index = 0;
  return template.replace(/\{[^}]+\}/g, () => params[index++]?.value ?? 'x');
};

function fieldsArb(fields: string[], json: boolean) {
  return fc.tuple(
    ...fields.map((field) =>
      fc.option(fuzzedValueFor(field, json), { freq: 6 }).map((value) => ({ field, value })),
    ),
  );
}

const extraFieldsArb = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })), edgeString),
  { maxLength: 3 },
);

const JSON_CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/problem+json',
  'application/json;;;',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/html',
  '',
];

function jsonBodyArb(endpoint: JsonEndpoint): fc.Arbitrary<{ body: BodySpec; kind: string }> {
  const fields = endpoint.fields;
  const validShaped = fc.tuple(...fields.map((field) => valueFor(field))).map((values) => ({
    body: {
      type: 'json',
      value: Object.fromEntries(fields.map((f, i) => [f, values[i]!.value])),
    } as BodySpec,
    kind: `valid-shaped[${values.map((v) => v.kind).join(',')}]`,
  }));
  const fuzzedFields = fc.tuple(fieldsArb(fields, true), extraFieldsArb).map(([present, extra]) => {
    const object: Record<string, unknown> = {};
    const kinds: string[] = [];
    for (const { field, value } of present) {
      if (value === null) kinds.push(`${field}:absent`);
      else {
        object[field] = value.value;
        kinds.push(`${field}:${value.kind}`);
      }
    }
    for (const [key, value] of extra) {
      Object.defineProperty(object, key, {
        value: value.value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
      kinds.push(`extra:${value.kind}`);
    }
    return { body: { type: 'json', value: object } as BodySpec, kind: `fields[${kinds.join(',')}]` };
  });
  const nonObject = fc
    .oneof(fc.jsonValue({ maxDepth: 3 }), fc.array(fc.object({ maxDepth: 1 }), { maxLength: 3 }))
    .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
    .map((value) => ({ body: { type: 'json', value } as BodySpec, kind: 'non-object-json' }));
  const first = fields[0] ?? 'code';
  const raw = fc
    .constantFrom(
      '{',
      '{"a":',
      '}',
      "{'single':'quotes'}",
      '{"a":1,}',
      'nul\u0000l',
      '\ufeff{}',
      '{}garbage',
      'null',
      '"string"',
      '[]',
      '1e99999',
      `{"${first}":"1","${first}":"2"}`,
      `{"${first}":"1","${first}":{"nested":true}}`,
      '{"__proto__":{"polluted":true}}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
      `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`,
      '{"\\ud800":"\\udfff"}',
      '\xff\xfe\x00{',
    )
    .map((text) => ({ body: { type: 'raw', text } as BodySpec, kind: `raw-json(${text.length}B)` }));
  const oversized = fc.integer({ min: 16 * 1024, max: 1024 * 1024 }).map((bytes) => ({
    body: { type: 'oversized', bytes, shape: 'json' } as BodySpec,
    kind: `oversized(${bytes}B)`,
  }));
  const empty = fc.constant({ body: { type: 'none' } as BodySpec, kind: 'no-body' });
  return fc.oneof(
    { weight: endpoint.hasBody ? 3 : 1, arbitrary: validShaped },
    { weight: endpoint.hasBody ? 6 : 1, arbitrary: fuzzedFields },
    { weight: 1, arbitrary: nonObject },
    { weight: 2, arbitrary: raw },
    { weight: 1, arbitrary: oversized },
    { weight: endpoint.hasBody ? 1 : 6, arbitrary: empty },
  );
}

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

export function jsonCaseArb(endpoint: JsonEndpoint): fc.Arbitrary<FuzzCase> {
  const paramCount = (endpoint.template.match(/\{/g) ?? []).length;
  return fc
    .record({
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant(endpoint.method) },
        { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) },
      ),
      params: fc.array(pathParam, { minLength: paramCount, maxLength: paramCount }),
      query: queryString,
      body: jsonBodyArb(endpoint),
      contentType: fc.oneof(
        { weight: 8, arbitrary: fc.constant('application/json') },
        { weight: 2, arbitrary: fc.constantFrom(...JSON_CONTENT_TYPES) },
      ),
      headers: headersArb,
    })
    .map(({ method, params, query, body, contentType, headers }) => {
      const extra = headersOf(headers);
      // A body after HEAD would be read as the next request on the connection: a client error, not the server's.
      const sent: BodySpec = method === 'HEAD' ? { type: 'none' } : body.body;
      if (sent.type !== 'none' && contentType !== '') extra.headers['content-type'] = contentType;
      const paramKinds = params.map((p) => p.kind).join(',');
      return {
        method,
        path: fillTemplate(endpoint.template, params) + query.value,
        headers: extra.headers,
        cookies: extra.cookies,
        body: sent,
        label: [
          `${endpoint.method} ${endpoint.template}`,
          method !== endpoint.method && `as-${method}`,
          paramKinds && `params[${paramKinds}]`,
          query.kind !== 'no-query' && query.kind,
          body.kind,
          `ct=${contentType || 'none'}`,
          ...extra.kinds,
        ]
          .filter(Boolean)
          .join(' '),
      };
    });
}

const FORM_CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=----x',
  '',
];

export function formCaseArb(form: PageForm): fc.Arbitrary<FuzzCase> {
  return fc
    .record({
      fields: fieldsArb(form.fields, false),
      duplicate: fc.oneof(
        { weight: 4, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom(...(form.fields.length ? form.fields : ['x'])) },
      ),
      extra: extraFieldsArb,
      csrf: fc.constantFrom<CsrfMode>(
        'real-token',
        'real-token',
        'real-token',
        'wrong-token',
        'no-token',
        'no-token-no-cookie',
      ),
      query: queryString,
      contentType: fc.oneof(
        { weight: 9, arbitrary: fc.constant(FORM_CONTENT_TYPES[0]!) },
        { weight: 1, arbitrary: fc.constantFrom(...FORM_CONTENT_TYPES) },
      ),
      oversized: fc.oneof(
        { weight: 19, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.integer({ min: 16 * 1024, max: 512 * 1024 }) },
      ),
      headers: headersArb,
    })
    .map(({ fields, duplicate, extra, csrf, query, contentType, oversized, headers }) => {
      const h = headersOf({ ...headers, accept: 'text/html' });
      const pairs: Array<[string, string]> = [];
      const kinds: string[] = [];
      for (const { field, value } of fields) {
        if (value === null) {
          kinds.push(`${field}:absent`);
          continue;
        }
        pairs.push([field, String(value.value)]);
        kinds.push(`${field}:${value.kind}`);
        if (duplicate === field) {
          pairs.push([field, String(value.value)]);
          kinds.push(`${field}:twice`);
        }
      }
      for (const [key, value] of extra) {
        pairs.push([key, String(value.value)]);
        kinds.push(`extra:${value.kind}`);
      }
      if (contentType) h.headers['content-type'] = contentType;
      const body: BodySpec = oversized
        ? { type: 'oversized', bytes: oversized, shape: 'form' }
        : { type: 'form', fields: pairs, csrf };
      return {
        method: 'POST',
        path: form.action + query.value,
        headers: h.headers,
        cookies: h.cookies,
        body,
        label: [
          `POST ${form.action} (form)`,
          `csrf=${csrf}`,
          query.kind !== 'no-query' && query.kind,
          oversized ? `oversized(${oversized}B)` : `fields[${kinds.join(',')}]`,
          `ct=${contentType || 'none'}`,
          ...h.kinds,
        ]
          .filter(Boolean)
          .join(' '),
      };
    });
}

export function pageCaseArb(pages: string[]): fc.Arbitrary<FuzzCase> {
  const refusalCode = fc.oneof(
    fc.constantFrom('SUBSCRIBER_NOT_OWNER', 'OTP_LOCKED', 'RATE_LIMITED', 'CARRIER_UNAVAILABLE'),
    pathParam.map((p) => p.value),
  );
  const path = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...pages).map((p) => ({ path: p, kind: p })) },
    {
      weight: 1,
      arbitrary: refusalCode.map((code) => ({ path: `/refused/${code}`, kind: '/refused/{code}' })),
    },
    {
      weight: 1,
      arbitrary: pathParam.map((p) => ({ path: `/language/${p.value}`, kind: `/language/{${p.kind}}` })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom('vi', 'en'), edgeString).map(([lang, next]) => ({
        path: `/language/${lang}?next=${encodeURIComponent(`/${String(next.value).replace(/[\ud800-\udfff]/g, '')}`)}`,
        kind: `/language/${lang}?next=/{${next.kind}}`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...pages), pathParam)
        .map(([page, p]) => ({ path: `${page.replace(/\/$/, '')}/${p.value}`, kind: `${page}/{${p.kind}}` })),
    },
  );
  return fc
    .record({
      path,
      query: queryString,
      method: fc.constantFrom('GET', 'GET', 'GET', 'GET', 'HEAD', 'OPTIONS', 'DELETE'),
      headers: headersArb,
    })
    .map(({ path: target, query, method, headers }) => {
      const h = headersOf({ ...headers, accept: headers.accept || 'text/html' });
      return {
        method,
        path: target.path + query.value,
        headers: h.headers,
        cookies: h.cookies,
        body: { type: 'none' },
        label: [`${method} ${target.kind} (page)`, query.kind !== 'no-query' && query.kind, ...h.kinds]
          .filter(Boolean)
          .join(' '),
      };
    });
}

/** Every kind of request over every target: half to the JSON API, most of the rest to forms. */
export function fuzzCaseArb(targets: Targets): fc.Arbitrary<FuzzCase> {
  const json = fc.oneof(...targets.endpoints.map(jsonCaseArb));
  const forms = targets.forms.length > 0 ? fc.oneof(...targets.forms.map(formCaseArb)) : json;
  return fc.oneof(
    { weight: 10, arbitrary: json },
    { weight: 7, arbitrary: forms },
    { weight: 3, arbitrary: pageCaseArb(targets.pages) },
  );
}
