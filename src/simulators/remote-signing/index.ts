/**
 * The remote-signing service simulators (`smartca`, `mysign`, test services): each speaks the CSC API v2 under its
 * own base path (`/rssp/{provider}`), keeps its users' keys and has them certified by the test PKI, and asks the
 * user to approve each authorisation in its app on the virtual phone. Outage and latency switches, the dev API of
 * methods.md (`/sim/remote-signing/*`). README.md is the contract; never imports hub code.
 */
import { createHmac } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { Logger } from 'pino';
import type { IssueCertificate } from '../mssp/keys.ts';
import type { Person } from '../population/people.ts';
import { personalMobileNumber } from '../population/people.ts';
import { remoteSigningDevRoutes } from './dev-routes.ts';
import { basePath, type ClientCredentials, cscRoutes, type RemoteSigningFaults } from './routes.ts';
import {
  type AppAnswer,
  type AppNotification,
  type AppOutcome,
  createRemoteSigningService,
  PROVIDERS,
  type ProviderId,
  type RemoteSigningService,
} from './service.ts';

export type { AppAnswer, AppNotification, AppOutcome, ClientCredentials, ProviderId, RemoteSigningFaults };
export { basePath, PROVIDERS };

/** The app PIN of the seeded users (printed at start in dev). */
export const DEMO_APP_PIN = '1234';

/** The hub's OAuth 2.0 client at each provider, derived from the dev secret so the hub and the providers agree. */
export function devRemoteSigningClients(secret: string): Record<ProviderId, ClientCredentials> {
  const client = (provider: ProviderId) => ({
    clientId: 'dichvucong-hub',
    clientSecret: createHmac('sha256', secret)
      .update(`remote-signing-client:${provider}`)
      .digest('base64url'),
  });
  return { smartca: client('smartca'), mysign: client('mysign') };
}

export interface DemoRemoteUser {
  provider: ProviderId;
  idNumber: string;
  fullName: string;
  phoneNumber: string;
  pin: string;
}

export interface RemoteSigning {
  service: RemoteSigningService;
  faults: RemoteSigningFaults;
  /** Both providers' CSC APIs. */
  routes: FastifyPluginAsync;
  /** `/sim/remote-signing/*`. */
  devRoutes: FastifyPluginAsync;
  /** The providers' apps, for the virtual phones. */
  signingApp: {
    pending(phone: string): AppNotification[];
    answer(phone: string, requestId: string, answer: AppAnswer): AppOutcome;
  };
  /** One user per person, alternating providers. */
  seedDemo(people: Person[]): Promise<DemoRemoteUser[]>;
}

export function createRemoteSigning(options: {
  issue: IssueCertificate;
  clients: Record<ProviderId, ClientCredentials>;
  now?: () => Date;
  random?: (bytes: number) => Uint8Array;
  logger?: Logger;
}): RemoteSigning {
  const now = options.now ?? (() => new Date());
  const service = createRemoteSigningService({
    now,
    issue: options.issue,
    ...(options.random && { random: options.random }),
  });
  const faults: RemoteSigningFaults = { down: false, latencyMs: 0 };
  return {
    service,
    faults,
    routes: async (app) => {
      for (const provider of PROVIDERS)
        await app.register(
          async (scope) =>
            cscRoutes(scope, { provider, service, clients: [options.clients[provider]], faults, now }),
          { prefix: basePath(provider) },
        );
    },
    devRoutes: async (app) => remoteSigningDevRoutes(app, { service, faults }),
    signingApp: {
      pending: (phone) => service.notifications(phone),
      answer: (p, id, a) => service.answer(p, id, a),
    },
    async seedDemo(people) {
      const seeded: DemoRemoteUser[] = [];
      for (const [i, person] of people.entries()) {
        const user = {
          provider: PROVIDERS[i % PROVIDERS.length]!,
          idNumber: person.idNumber,
          fullName: person.fullName,
          phoneNumber: personalMobileNumber(person.index),
          pin: DEMO_APP_PIN,
        };
        await service.addUser(user);
        seeded.push(user);
      }
      options.logger?.info({ users: seeded.length }, 'remote signing services seeded');
      return seeded;
    },
  };
}

export { basePath as remoteSigningBasePath };
