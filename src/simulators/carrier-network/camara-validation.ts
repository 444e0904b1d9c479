/**
 * Validates requests to (and, in tests, responses from) the simulated CAMARA APIs against the unmodified
 * CAMARA definitions (kyc-match 0.4.0, sim-swap 2.1.0) with openapi-backend, instead of hand-written checks.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ajvFormats from 'ajv-formats';
import { type Document, OpenAPIBackend } from 'openapi-backend';
import { parse } from 'yaml';

type Ajv = Parameters<NonNullable<ConstructorParameters<typeof OpenAPIBackend>[0]['customizeAjv']>>[0];
// ajv-formats is CommonJS: its module object is the function that adds the formats (date, email, …).
const addFormats = ajvFormats as unknown as (ajv: Ajv) => Ajv;

const load = (file: string) =>
  parse(readFileSync(fileURLToPath(new URL(`./camara/${file}`, import.meta.url)), 'utf8')) as Document;

export type CamaraOperation = 'KYC_Match' | 'checkSimSwap' | 'retrieveSimSwapDate';

export interface CamaraValidator {
  /** The first problem with a request body, or undefined when it fits the definition. */
  requestProblem(
    operation: CamaraOperation,
    body: unknown,
    headers: Record<string, unknown>,
  ): string | undefined;
  /** The first problem with a response body for a status, or undefined (for contract tests). */
  responseProblem(operation: CamaraOperation, body: unknown, status: number): string | undefined;
}

export async function createCamaraValidator(): Promise<CamaraValidator> {
  const options = {
    validate: true,
    ajvOpts: { strict: false },
    customizeAjv: (ajv: Ajv) => addFormats(ajv),
  };
  const kyc = new OpenAPIBackend({ definition: load('kyc-match.yaml'), ...options });
  const swap = new OpenAPIBackend({ definition: load('sim-swap.yaml'), ...options });
  await Promise.all([kyc.init(), swap.init()]);
  const apiOf = (operation: CamaraOperation) => (operation === 'KYC_Match' ? kyc : swap);
  const pathOf: Record<CamaraOperation, string> = {
    KYC_Match: '/match',
    checkSimSwap: '/check',
    retrieveSimSwapDate: '/retrieve-date',
  };
  const describe = (errors: Array<{ instancePath?: string; message?: string }> | null | undefined) =>
    errors?.[0]
      ? `${errors[0].instancePath || 'body'} ${errors[0].message ?? 'is invalid'}`.trim()
      : 'invalid request';

  return {
    requestProblem(operation, body, headers) {
      const result = apiOf(operation).validateRequest(
        {
          method: 'post',
          path: pathOf[operation],
          body: body as object,
          headers: headers as Record<string, string>,
          query: {},
        },
        operation,
      );
      return result.valid ? undefined : describe(result.errors);
    },
    responseProblem(operation, body, status) {
      const result = apiOf(operation).validateResponse(body, operation, status);
      return result.valid ? undefined : describe(result.errors);
    },
  };
}
