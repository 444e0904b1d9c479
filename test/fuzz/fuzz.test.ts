/**
 * The CI slice of the fuzzer (chaos/fuzz): a few thousand fuzzed requests against the whole system on each
 * store variant, then: no 5xx, nothing slower than 2 s, no unhandled error in the log. And a property:
 * every JSON endpoint answers any invalid body with problem+json carrying a `code`.
 * FUZZ_SEED replays a run; FUZZ_REQUESTS changes its size.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { edgeString, opaqueId, wrongType } from '../../chaos/fuzz/arbitraries.ts';
import { HttpClient } from '../../chaos/fuzz/http.ts';
import { runFuzz } from '../../chaos/fuzz/index.ts';
import { discoverEndpoints, type JsonEndpoint } from '../../chaos/fuzz/targets.ts';
import { startTestSystem, storeVariants, type TestSystem } from '../support/system.ts';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** Bodies no endpoint may accept: broken JSON, JSON that is not an object, wrong types, unknown fields. */
function invalidBodyArb(endpoint: JsonEndpoint): fc.Arbitrary<{ text: string; kind: string }> {
  const malformed = fc
    .constantFrom('{', '{"a":', '[1,', "{'a':1}", '{"a":1,}', 'tru', '\u0000', '{}}')
    .map((text) => ({ text, kind: 'malformed' }));
  if (!endpoint.hasBody || endpoint.fields.length === 0) return malformed;
  const field = fc.constantFrom(...endpoint.fields);
  const wrongTyped = fc
    .tuple(
      field,
      wrongType.filter((v) => typeof v.value !== 'string'),
    )
    .map(([name, value]) => ({
      text: JSON.stringify({ [name]: value.value }),
      kind: `${name}:${value.kind}`,
    }));
  const unknownField = fc
    .tuple(fc.string({ minLength: 1, maxLength: 12 }), edgeString)
    .filter(([name]) => !endpoint.fields.includes(name))
    .map(([name, value]) => ({
      text: JSON.stringify({ [name]: value.value }),
      kind: `unknown:${value.kind}`,
    }));
  const notAnObject = fc
    .oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.integer(), { maxLength: 3 }))
    .map((value) => ({ text: JSON.stringify(value), kind: 'not-an-object' }));
  return fc.oneof(malformed, wrongTyped, unknownField, notAnObject);
}

for (const variant of storeVariants) {
  describe(`fuzzing the whole system (${variant.name})`, { skip: variant.skip }, () => {
    let running: TestSystem;
    before(async () => {
      running = await startTestSystem(variant.name);
    });
    after(() => running?.close());

    it(`${REQUESTS} fuzzed requests: no 5xx, nothing over 2 s, no unhandled error`, async () => {
      const report = await runFuzz({
        baseUrl: running.url,
        requests: REQUESTS,
        timeBudgetMs: 45_000,
        concurrency: 8,
        ...(SEED !== undefined && { seed: SEED }),
      });
      assert.ok(report.requests >= Math.min(REQUESTS, 1000), `only ${report.requests} requests sent`);
      assert.deepEqual(report.fiveXx, [], 'answers 5xx');
      assert.deepEqual(report.slow, [], 'answers slower than 2 s');
      const unhandled = running.log.lines.filter((line) => line.includes('"unhandled error"'));
      assert.deepEqual(
        unhandled.map((line) => line.slice(0, 400)),
        [],
        'unhandled errors in the log',
      );
    });

    it('every JSON endpoint answers any invalid body with problem+json and a code', async () => {
      const client = new HttpClient(running.url, 4, 10_000);
      try {
        const endpoints = (await discoverEndpoints(client)).filter((e) => e.method !== 'GET');
        assert.ok(endpoints.length >= 8, 'the endpoints come from the OpenAPI document');
        for (const endpoint of endpoints) {
          await fc.assert(
            fc.asyncProperty(opaqueId, invalidBodyArb(endpoint), async (id, body) => {
              const path = endpoint.template.replace(/\{[^}]+\}/g, String(id.value) || 'x');
              const response = await client.send({
                method: endpoint.method,
                path,
                headers: { 'content-type': 'application/json', accept: 'application/json' },
                body: body.text,
              });
              const where = `${endpoint.method} ${endpoint.template} with ${body.kind}`;
              assert.equal(typeof response.status, 'number', where);
              assert.ok(
                Number(response.status) >= 400 && Number(response.status) < 500,
                `${where}: ${response.status}`,
              );
              assert.match(String(response.headers['content-type']), /^application\/problem\+json/, where);
              const problem = JSON.parse(response.body) as { code?: unknown; status?: unknown };
              assert.equal(typeof problem.code, 'string', where);
              assert.equal(problem.status, response.status, where);
            }),
            { numRuns: 25, ...(SEED !== undefined && { seed: SEED }) },
          );
        }
      } finally {
        client.close();
      }
    });
  });
}
