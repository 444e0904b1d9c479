/**
 * What the conformance tests share: one carrier network over real HTTP with a clock the test moves, short-lived
 * 2-legged tokens (an expired one is a clock move away), subscribers made to order, and the checks every
 * CAMARA test plan repeats (status, code, friendly message, body against the definition, x-correlator echoed).
 */
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import type { CarrierId } from '../../../domain/carriers.ts';
import type { SqlDatabase } from '../../../lib/database.ts';
import { type CamaraOperation, type CamaraValidator, createCamaraValidator } from '../camara-validation.ts';
import {
  type CarrierNetwork,
  createCarrierNetwork,
  devCarrierClients,
  type SubscriberInput,
} from '../index.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const TOKEN_TTL_SECONDS = 600;
const CARRIER: CarrierId = 'viettel';
const clients = devCarrierClients('conformance');

export const OWNER = {
  fullName: 'Nguyễn Văn Minh An',
  birthDate: '1990-05-17',
  idType: 'CCCD',
  idNumber: '001090012345',
} as const;

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

export interface PostOptions {
  bearer?: string | null;
  correlator?: string;
  /** Sent as is instead of JSON.stringify(body); undefined sends no body at all. */
  raw?: string | undefined;
}

export interface Simulated {
  network: CarrierNetwork;
  now(): Date;
  advance(ms: number): void;
  /** A fresh subscriber of the carrier under test (Viettel), with the owner's identity unless told otherwise. */
  subscriber(extra?: Partial<SubscriberInput>): Promise<string>;
  /** A live 2-legged (client-credentials) access token of the carrier under test. */
  token(): Promise<string>;
  /** A token that has expired by the simulator's clock (the clock is moved past its lifetime). */
  expiredToken(): Promise<string>;
  post(path: string, body: unknown, options?: PostOptions): Promise<Answer>;
  /** A 200 whose body fits the operation's response schema, with x-correlator echoed and JSON content. */
  expectSuccess(operation: CamaraOperation, answer: Answer): Record<string, unknown>;
  /** A CAMARA error: status, code, the same status in the body, a friendly message, the schema of that status. */
  expectError(operation: CamaraOperation, answer: Answer, status: number, code: string): void;
  close(): Promise<void>;
}

export async function startSimulated(database: SqlDatabase): Promise<Simulated> {
  let at = Date.parse('2026-06-01T08:00:00Z');
  const now = () => new Date(at);
  const network = await createCarrierNetwork({
    database,
    clients,
    now,
    devApi: false,
    tokenTtlSeconds: TOKEN_TTL_SECONDS,
  });
  const app: FastifyInstance = Fastify();
  await app.register(network.plugin);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/carriers/${CARRIER}`;
  const camara: CamaraValidator = await createCamaraValidator();
  let numbers = 0;

  async function token(): Promise<string> {
    const { clientId, clientSecret } = clients[CARRIER];
    const response = await fetch(`${base}/oauth2/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    assert.equal(response.status, 200);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  function expectCorrelated(answer: Answer, correlator: string | null) {
    assert.equal(answer.headers.get('x-correlator'), correlator, 'x-correlator echoed');
    assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
  }

  return {
    network,
    now,
    advance: (ms) => {
      at += ms;
    },
    async subscriber(extra = {}) {
      numbers += 1;
      const phoneNumber = `+8496${String(1_000_000 + numbers).padStart(7, '0')}`;
      await network.upsertSubscriber({
        phoneNumber,
        ...OWNER,
        idIssueDate: '2021-06-01',
        idIssuePlace: 'Cục Cảnh sát quản lý hành chính về trật tự xã hội',
        activatedAt: new Date(at - 400 * DAY),
        ...extra,
      });
      return phoneNumber;
    },
    token,
    async expiredToken() {
      const stale = await token();
      at += TOKEN_TTL_SECONDS * 1000 + 1;
      return stale;
    },
    async post(path, body, options = {}) {
      const correlator = options.correlator ?? crypto.randomUUID();
      const bearer = options.bearer === undefined ? await token() : options.bearer;
      const raw = 'raw' in options ? options.raw : JSON.stringify(body);
      const response = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          ...(raw !== undefined && { 'content-type': 'application/json' }),
          'x-correlator': correlator,
          ...(bearer !== null && { authorization: `Bearer ${bearer}` }),
        },
        ...(raw !== undefined && { body: raw }),
      });
      const answer = {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as Record<string, unknown>,
      };
      expectCorrelated(answer, correlator);
      return answer;
    },
    expectSuccess(operation, answer) {
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(
        camara.responseProblem(operation, answer.body, 200),
        undefined,
        JSON.stringify(answer.body),
      );
      return answer.body;
    },
    expectError(operation, answer, status, code) {
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      assert.equal(answer.body.status, status);
      assert.equal(answer.body.code, code);
      assert.ok(
        typeof answer.body.message === 'string' && answer.body.message.length > 10,
        'a friendly message',
      );
      assert.equal(
        camara.responseProblem(operation, answer.body, status),
        undefined,
        JSON.stringify(answer.body),
      );
    },
    async close() {
      await app.close();
    },
  };
}
