/**
 * The fuzzer: property-based requests (fast-check) against a running portal, over every JSON endpoint of
 * its OpenAPI document and every page form, with and without CSRF tokens. Bounded by count and by time,
 * a fixed number in flight; every 5xx and every answer slower than 2 s is reported with a data-free
 * description of its input. The seed is printed: the same seed sends the same requests again.
 */
import fc from 'fast-check';
import { type BodySpec, type FuzzCase, fuzzCaseArb } from './cases.ts';
import { HttpClient, type RawRequest, type RawResponse } from './http.ts';
import { discoverTargets, type Targets } from './targets.ts';

export interface FuzzOptions {
  baseUrl: string;
  requests: number;
  timeBudgetMs: number;
  seed?: number;
  concurrency?: number;
}

export interface FuzzReport {
  requests: number;
  byStatus: Record<string, number>;
  fiveXx: Array<{ method: string; path: string; status: number; sample?: string }>;
  slow: Array<{ method: string; path: string; ms: number }>;
}

export { discoverTargets, type Targets } from './targets.ts';

const SLOW_MS = 2000;
/** A request with no answer after this long is a hang: reported as slow, status `timeout`. */
const HANG_MS = 10_000;
const BATCH = 200;
/** Enough of each failure to act on, not so many that one defect floods the report. */
const MAX_REPORTED = 50;
const MAX_LABEL = 400;

interface CsrfSession {
  cookie: string;
  token: string;
}

/** A token and its secret cookie, from the first crawled page that has a form. */
async function openCsrfSession(client: HttpClient, targets: Targets): Promise<CsrfSession | undefined> {
  // Pages without a captcha first: each captcha page spends one of the IP's captcha allowance.
  const candidates = ['/sign-in', ...targets.pages];
  for (const path of candidates) {
    const response = await client.send({ method: 'GET', path, headers: { accept: 'text/html' } });
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const cookie = setCookie.map((line) => line.split(';')[0]!).find((pair) => pair.startsWith('_csrf='));
    if (token && cookie) return { cookie, token };
  }
  return undefined;
}

function oversizedBody(bytes: number, shape: 'json' | 'form'): string {
  return shape === 'json'
    ? `{"idNumber":"${'9'.repeat(Math.max(0, bytes - 16))}"}`
    : `fullName=${'A'.repeat(bytes)}`;
}

function bodyOf(spec: BodySpec, csrf: CsrfSession | undefined): { body?: string; cookies: string[] } {
  switch (spec.type) {
    case 'none':
      return { cookies: [] };
    case 'json':
      return { body: JSON.stringify(spec.value) ?? 'null', cookies: [] };
    case 'raw':
      return { body: spec.text, cookies: [] };
    case 'oversized':
      return { body: oversizedBody(spec.bytes, spec.shape), cookies: csrf ? [csrf.cookie] : [] };
    case 'form': {
      const fields = new URLSearchParams(spec.fields);
      if (spec.csrf === 'real-token' && csrf) fields.append('_csrf', csrf.token);
      if (spec.csrf === 'wrong-token')
        fields.append('_csrf', `${csrf?.token.slice(0, 10) ?? ''}forged-token`);
      const cookies = csrf && spec.csrf !== 'no-token-no-cookie' ? [csrf.cookie] : [];
      return { body: fields.toString(), cookies };
    }
  }
}

export function toRawRequest(fuzzCase: FuzzCase, csrf: CsrfSession | undefined): RawRequest {
  const { body, cookies } = bodyOf(fuzzCase.body, csrf);
  const cookie = [...cookies, ...fuzzCase.cookies].join('; ');
  return {
    method: fuzzCase.method,
    path: fuzzCase.path,
    headers: { ...fuzzCase.headers, ...(cookie && { cookie }) },
    ...(body !== undefined && { body }),
  };
}

/** The cases of a run, made a batch at a time from the seed (a run of 100 k never holds them all). */
function* casesFrom(arbitrary: fc.Arbitrary<FuzzCase>, seed: number, count: number): Generator<FuzzCase> {
  for (let batch = 0; batch * BATCH < count; batch++) {
    const size = Math.min(BATCH, count - batch * BATCH);
    yield* fc.sample(arbitrary, { seed: (seed + batch) | 0, numRuns: size });
  }
}

class Tally {
  readonly report: FuzzReport = { requests: 0, byStatus: {}, fiveXx: [], slow: [] };

  record(fuzzCase: FuzzCase, response: RawResponse) {
    const { report } = this;
    report.requests++;
    const status = String(response.status);
    report.byStatus[status] = (report.byStatus[status] ?? 0) + 1;
    const shortPath = fuzzCase.path.length > 200 ? `${fuzzCase.path.slice(0, 200)}…` : fuzzCase.path;
    if (
      typeof response.status === 'number' &&
      response.status >= 500 &&
      report.fiveXx.length < MAX_REPORTED
    ) {
      report.fiveXx.push({
        method: fuzzCase.method,
        path: shortPath,
        status: response.status,
        sample: fuzzCase.label.slice(0, MAX_LABEL),
      });
    }
    if ((response.ms > SLOW_MS || response.status === 'timeout') && report.slow.length < MAX_REPORTED) {
      report.slow.push({ method: fuzzCase.method, path: shortPath, ms: response.ms });
    }
  }
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const seed = options.seed ?? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  const concurrency = Math.max(1, options.concurrency ?? 16);
  const deadline = performance.now() + options.timeBudgetMs;
  console.log(
    `fuzz: seed ${seed} (replay with seed: ${seed}), ${options.requests} requests, ${concurrency} in flight`,
  );
  const client = new HttpClient(options.baseUrl, concurrency, HANG_MS);
  try {
    const targets = await discoverTargets(client);
    const csrf = await openCsrfSession(client, targets);
    const cases = casesFrom(fuzzCaseArb(targets), seed, options.requests);
    const tally = new Tally();
    const worker = async () => {
      for (let next = cases.next(); !next.done && performance.now() < deadline; next = cases.next()) {
        tally.record(next.value, await client.send(toRawRequest(next.value, csrf)));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return tally.report;
  } finally {
    client.close();
  }
}
