/**
 * The remote-signing simulators over real HTTP for the tests: both providers on one Fastify server, their keys
 * certified by a real test PKI (test/pki/support's world: its clock and the hub's signature pipeline), and a
 * small CSC client that checks every answer against the CSC v2 schemas the simulator is written from.
 */
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  createRemoteSigning,
  devRemoteSigningClients,
  type ProviderId,
  type RemoteSigning,
} from '../../src/simulators/remote-signing/index.ts';
import { CSC, problemOf } from '../../src/simulators/remote-signing/schemas.ts';
import { type PkiWorld, startPkiWorld } from '../pki/support/pki-world.ts';

export const CLIENTS = devRemoteSigningClients('test-secret');

export interface CscWorld {
  world: PkiWorld;
  signing: RemoteSigning;
  url: string;
  close(): Promise<void>;
}

export async function startCscWorld(): Promise<CscWorld> {
  const world = await startPkiWorld();
  const signing = createRemoteSigning({
    issue: (request) => world.pki.issue(request),
    clients: CLIENTS,
    now: () => world.clock.now(),
  });
  const app: FastifyInstance = Fastify();
  await app.register(signing.routes);
  await app.register(signing.devRoutes);
  const url = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
  return {
    world,
    signing,
    url,
    async close() {
      await app.close();
      await world.close();
    },
  };
}

type Checker = (typeof CSC)[keyof typeof CSC];
const ANSWER_SCHEMA: Record<string, Checker> = {
  info: CSC.info,
  'credentials/list': CSC.list,
  'credentials/info': CSC.credentialInfo,
  'credentials/authorize': CSC.authorize,
  'credentials/authorizeCheck': CSC.authorizeCheck,
  'signatures/signHash': CSC.signHash,
};
const REQUEST_SCHEMA: Record<string, Checker> = {
  info: CSC.infoRequest,
  'credentials/list': CSC.listRequest,
  'credentials/info': CSC.credentialInfoRequest,
  'credentials/authorize': CSC.authorizeRequest,
  'credentials/authorizeCheck': CSC.authorizeCheckRequest,
  'signatures/signHash': CSC.signHashRequest,
};

// biome-ignore lint/suspicious/noExplicitAny: JSON answers, checked against the schemas before use
export type Json = Record<string, any>;

/**
 * One CSC call. A valid request is asserted valid by the schema first (so the tests speak the API as a client
 * must), unless `raw` says the test sends a bad one on purpose; the answer is asserted against its schema:
 * the method's on 200, the CSC error object otherwise.
 */
export async function csc(
  t: { url: string },
  provider: ProviderId,
  method: string,
  body: unknown,
  options: { token?: string; raw?: boolean } = {},
): Promise<{ status: number; body: Json; headers: Headers }> {
  if (!options.raw && REQUEST_SCHEMA[method])
    assert.equal(problemOf(REQUEST_SCHEMA[method]!, body), undefined);
  const response = await fetch(`${t.url}/rssp/${provider}/csc/v2/${method}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token && { authorization: `Bearer ${options.token}` }),
    },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Json;
  const schema = response.status === 200 ? ANSWER_SCHEMA[method] : CSC.error;
  assert.ok(schema, method);
  assert.equal(problemOf(schema, json), undefined, `${method} ${response.status}: ${JSON.stringify(json)}`);
  return { status: response.status, body: json, headers: response.headers };
}

export async function accessToken(t: { url: string }, provider: ProviderId): Promise<string> {
  const client = CLIENTS[provider];
  const response = await fetch(`${t.url}/rssp/${provider}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
  });
  assert.equal(response.status, 200);
  const json = await response.json();
  assert.equal(problemOf(CSC.token, json), undefined);
  return (json as { access_token: string }).access_token;
}

export async function addUser(t: { url: string }, body: Record<string, unknown>) {
  const response = await fetch(`${t.url}/sim/remote-signing/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}
