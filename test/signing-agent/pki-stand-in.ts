/**
 * The hub's test PKI (src/simulators/test-pki) on a server of its own, as the agent meets it at
 * `{hub}/sim/ca/*`: the real simulator on an in-memory PGlite database.
 */
import Fastify from 'fastify';
import pino from 'pino';
import { openDatabase } from '../../src/lib/database.ts';
import { createTestPki, type TestPki } from '../../src/simulators/test-pki/index.ts';

export interface PkiStandIn {
  url: string;
  pki: TestPki;
  /** How many certificates it issued (the agent must not ask again once its token holds them). */
  issued(): number;
  close(): Promise<void>;
}

export async function startPkiStandIn(): Promise<PkiStandIn> {
  const database = await openDatabase({});
  const app = Fastify();
  let url = '';
  const pki = await createTestPki({ database, logger: pino({ level: 'silent' }), baseUrl: () => url });
  let issued = 0;
  app.addHook('onResponse', async (request, reply) => {
    if (request.method === 'POST' && request.url === '/sim/ca/certificates' && reply.statusCode === 201)
      issued += 1;
  });
  await pki.routes(app);
  url = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
  return {
    url,
    pki,
    issued: () => issued,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
