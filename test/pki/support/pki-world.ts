/**
 * A test PKI served over real HTTP and the signature pipeline with its real adapters, on one manual clock:
 * what the pipeline tests sign against.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { MemoryEphemeralStore } from '../../../src/adapters/ephemeral/memory-store.ts';
import { createRevocationChecker } from '../../../src/adapters/pki/revocation-checker.ts';
import { createSignatureVerifier } from '../../../src/adapters/pki/signature-verifier.ts';
import { anchorsFromPem, createTrustPaths } from '../../../src/adapters/pki/trust-paths.ts';
import { openDatabase, type SqlDatabase } from '../../../src/lib/database.ts';
import { createTestPki, type TestPki } from '../../../src/simulators/test-pki/index.ts';
import { ManualClock } from '../../../src/usecases/ports/clock.ts';
import type { EphemeralStore } from '../../../src/usecases/ports/ephemeral-store.ts';
import { cryptoRandom } from '../../../src/usecases/ports/random.ts';
import { createSignatures, type SignatureUseCases } from '../../../src/usecases/signatures/index.ts';

export interface PkiWorld {
  clock: ManualClock;
  pki: TestPki;
  signatures: SignatureUseCases;
  revocation: ReturnType<typeof createRevocationChecker>;
  database: SqlDatabase;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startPkiWorld(
  options: {
    start?: string;
    extraAnchorsPem?: string[];
    store?: (clock: ManualClock) => Promise<EphemeralStore>;
  } = {},
): Promise<PkiWorld> {
  const clock = new ManualClock(options.start ?? '2026-06-01T08:00:00Z');
  const database = await openDatabase({});
  const logger = pino({ level: 'silent' });
  let baseUrl = '';
  const pki = await createTestPki({ database, clock, logger, baseUrl: () => baseUrl });
  const app: FastifyInstance = Fastify();
  await app.register(async (scope) => pki.routes(scope));
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const revocation = createRevocationChecker({ timeoutMs: 2000, now: () => clock.now(), logger });
  const store = options.store ? await options.store(clock) : new MemoryEphemeralStore(clock);
  const signatures = createSignatures({
    store,
    clock,
    random: cryptoRandom,
    verifier: createSignatureVerifier(),
    trust: createTrustPaths({ anchors: anchorsFromPem([pki.rootPem(), ...(options.extraAnchorsPem ?? [])]) }),
    revocation,
  });
  return {
    clock,
    pki,
    signatures,
    revocation,
    database,
    baseUrl,
    async close() {
      await app.close();
      await store.close();
      await database.close();
    },
  };
}
