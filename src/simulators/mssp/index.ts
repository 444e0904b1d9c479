/**
 * The mobile-signature service simulator (MSSP, ETSI TS 102 204): SIM subscribers whose keys the test PKI
 * certifies, MSS_Signature (asynchronous) and MSS_StatusQuery over the standard's SOAP binding on the hub's dev
 * server and on its own client-certificate TLS port, the SIM Toolkit prompts the virtual phones show, outage and
 * latency switches and the dev API of methods.md (`/sim/mssp/*`). README.md is the contract; never imports hub code.
 */
import { createHmac } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { Person } from '../population/people.ts';
import { personalMobileNumber } from '../population/people.ts';
import { msspDevRoutes } from './dev-routes.ts';
import {
  createMsspEngine,
  type MsspEngine,
  type PromptAnswer,
  type PromptOutcome,
  type SimPrompt,
} from './engine.ts';
import type { IssueCertificate } from './keys.ts';
import { type ApplicationProvider, createMsspSoapPlugin, type MsspFaults } from './soap.ts';
import { makeTlsMaterial, type TlsMaterial } from './tls.ts';

export { SOAP_PATH } from './soap.ts';
export type { ApplicationProvider, MsspEngine, MsspFaults, PromptAnswer, PromptOutcome, SimPrompt };

export const MSSP_ID = 'http://mssp.sim.dichvucong.test';
/** The SIM PIN of the seeded subscribers (printed at start in dev). */
export const DEMO_SIM_PIN = '123456';

/** The hub's application-provider credentials, derived from the dev secret so the hub and the MSSP agree. */
export function devMsspApplicationProvider(secret: string): ApplicationProvider {
  return {
    apId: 'http://dichvucong.gov.vn/ap',
    apPwd: createHmac('sha256', secret).update('mssp-ap:dichvucong').digest('base64url'),
  };
}

export interface DemoSimSubscriber {
  phoneNumber: string;
  idNumber: string;
  fullName: string;
  pin: string;
  service: boolean;
}

export interface MsspOptions {
  issue: IssueCertificate;
  applicationProviders: readonly ApplicationProvider[];
  now?: () => Date;
  random?: (bytes: number) => Uint8Array;
  logger?: Logger;
  /** Start the client-certificate TLS port (0: any free port). */
  tls?: { port: number; host?: string };
  onEnvelope?: (direction: 'in' | 'out', operation: string, xml: string) => void;
}

export interface Mssp {
  engine: MsspEngine;
  faults: MsspFaults;
  /** The SOAP ports (`/mssp/soap/services/*`) for a Fastify server. */
  soapRoutes: FastifyPluginAsync;
  /** `/sim/mssp/*`. */
  devRoutes: FastifyPluginAsync;
  /** The SIM Toolkit side, for the virtual phones. */
  simToolkit: {
    pending(phone: string): SimPrompt[];
    answer(phone: string, requestId: string, answer: PromptAnswer): PromptOutcome;
  };
  /** Where the TLS port listens (https://127.0.0.1:<port>) and the AP's client certificate, when started. */
  tls?: { url: string; material: TlsMaterial };
  /** Seeds SIM subscribers from these people: all but the last with the signature service. */
  seedDemo(people: Person[]): Promise<DemoSimSubscriber[]>;
  close(): Promise<void>;
}

export async function createMssp(options: MsspOptions): Promise<Mssp> {
  const now = options.now ?? (() => new Date());
  const engine = createMsspEngine({
    now,
    issue: options.issue,
    ...(options.random && { random: options.random }),
  });
  const faults: MsspFaults = { down: false, latencyMs: 0 };
  const soapRoutes = await createMsspSoapPlugin({
    engine,
    applicationProviders: options.applicationProviders,
    msspId: MSSP_ID,
    faults,
    now,
    ...(options.onEnvelope && { onEnvelope: options.onEnvelope }),
  });

  let tlsServer: FastifyInstance | undefined;
  let tls: Mssp['tls'];
  if (options.tls) {
    const material = await makeTlsMaterial(now(), 'dichvucong-hub');
    tlsServer = Fastify({
      https: {
        key: material.server.key,
        cert: material.server.cert,
        ca: [material.client.cert],
        requestCert: true,
        rejectUnauthorized: true,
      },
    });
    await tlsServer.register(soapRoutes);
    const host = options.tls.host ?? '127.0.0.1';
    await tlsServer.listen({ port: options.tls.port, host });
    const port = (tlsServer.server.address() as { port: number }).port;
    tls = { url: `https://${host}:${port}`, material };
    options.logger?.info({ port }, 'MSSP client-certificate TLS port listening');
  }

  return {
    engine,
    faults,
    soapRoutes,
    devRoutes: async (app) => msspDevRoutes(app, { engine, faults }),
    simToolkit: { pending: (phone) => engine.prompts(phone), answer: (p, id, a) => engine.answer(p, id, a) },
    ...(tls && { tls }),
    async seedDemo(people) {
      const seeded: DemoSimSubscriber[] = [];
      for (const [i, person] of people.entries()) {
        const service = i < people.length - 1;
        const phoneNumber = personalMobileNumber(person.index);
        await engine.addSubscriber({
          msisdn: phoneNumber,
          idNumber: person.idNumber,
          fullName: person.fullName,
          pin: DEMO_SIM_PIN,
          service,
        });
        seeded.push({
          phoneNumber,
          idNumber: person.idNumber,
          fullName: person.fullName,
          pin: DEMO_SIM_PIN,
          service,
        });
      }
      options.logger?.info({ subscribers: seeded.length }, 'MSSP seeded');
      return seeded;
    },
    async close() {
      await tlsServer?.close();
    },
  };
}
