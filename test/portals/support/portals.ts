/**
 * The real hub in-process (test/support/system.ts) with both portal apps in-process beside it, on free ports,
 * registered at the hub as first-party clients through OIDC_CLIENTS (how a production portal is registered)
 * with signing keys this harness holds, so tests can also sign back-channel logout tokens as the hub does.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { JWK } from 'jose';
import { createLogger } from '../../../src/lib/logger.ts';
import { PORTALS } from '../../../src/portals/index.ts';
import { createPortalApp, type PortalApp } from '../../../src/portals/kit/app.ts';
import { loadPortalConfig } from '../../../src/portals/kit/config.ts';
import { MemoryLog } from '../../support/memory-log.ts';
import { type StoreVariant, startTestSystem, type TestSystem } from '../../support/system.ts';

export interface PortalUnderTest extends PortalApp {
  id: string;
  url: string;
  clientSecret: string;
  log: MemoryLog;
  /** The bodies of the Pushed Authorization Requests this portal sent. */
  pushed: URLSearchParams[];
  /** When set, rewrites the hub's next token response (a man in the middle, for refusal tests). */
  tamperTokens: ((tokens: Record<string, unknown>) => Record<string, unknown>) | undefined;
}

export interface HubAndPortals {
  hub: TestSystem;
  national: PortalUnderTest;
  mps: PortalUnderTest;
  /** The hub's signing key (private JWK, with kid): the first, which signs. */
  signingKey: JWK & { kid: string };
  close(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function signingKeys() {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return [
    { ...rsa, kid: 'test-rs256', alg: 'RS256', use: 'sig' },
    { ...ec, kid: 'test-es256', alg: 'ES256', use: 'sig' },
  ];
}

export async function startHubAndPortals(variant: StoreVariant['name']): Promise<HubAndPortals> {
  const ids = ['national', 'mps'] as const;
  const ports = { national: await freePort(), mps: await freePort() };
  const secrets = {
    national: randomBytes(18).toString('base64url'),
    mps: randomBytes(18).toString('base64url'),
  };
  const keys = signingKeys();
  const clients = ids.map((id) => {
    const base = `http://127.0.0.1:${ports[id]}`;
    return {
      client_id: id,
      client_secret: secrets[id],
      redirect_uris: [`${base}/auth/callback`],
      post_logout_redirect_uris: [`${base}/`],
      backchannel_logout_uri: `${base}/auth/backchannel-logout`,
      first_party: true,
    };
  });
  const hub = await startTestSystem(variant, {
    OIDC_CLIENTS: JSON.stringify(clients),
    OIDC_SIGNING_KEYS: JSON.stringify({ keys }),
  });
  const started: PortalUnderTest[] = [];
  try {
    for (const id of ids) started.push(await startPortal(id, ports[id], secrets[id], hub.system.oidc.issuer));
  } catch (error) {
    await Promise.all(started.map((portal) => portal.app.close()));
    await hub.close();
    throw error;
  }
  const [national, mps] = started as [PortalUnderTest, PortalUnderTest];
  return {
    hub,
    national,
    mps,
    signingKey: keys[0]! as JWK & { kid: string },
    async close() {
      await Promise.all(started.map((portal) => portal.app.close()));
      await hub.close();
    },
  };
}

async function startPortal(
  id: string,
  port: number,
  secret: string,
  issuer: string,
): Promise<PortalUnderTest> {
  const config = loadPortalConfig(
    { PORT: String(port), PORTAL_ISSUER: issuer, PORTAL_CLIENT_SECRET: secret, LOG_LEVEL: 'info' },
    { clientId: id, port },
  );
  const log = new MemoryLog();
  const pushed: URLSearchParams[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    // Only an authorization request carries a PKCE challenge: what the portal pushed to the hub.
    const body =
      typeof init?.body === 'string'
        ? init.body
        : init?.body instanceof URLSearchParams
          ? init.body.toString()
          : '';
    if (body.includes('code_challenge=')) pushed.push(new URLSearchParams(body));
    const response = await fetch(input, init);
    const tamper = portal.tamperTokens;
    if (!tamper || !body.includes('grant_type=authorization_code')) return response;
    portal.tamperTokens = undefined;
    const tokens = tamper((await response.json()) as Record<string, unknown>);
    return new Response(JSON.stringify(tokens), { status: response.status, headers: response.headers });
  };
  const portal = { tamperTokens: undefined } as Pick<PortalUnderTest, 'tamperTokens'>;
  const app = await createPortalApp(PORTALS[id]!, config, {
    logger: createLogger({ level: 'info', destination: log }),
    fetch: recordingFetch,
  });
  await app.app.listen({ host: '127.0.0.1', port });
  return Object.assign(portal, {
    ...app,
    id,
    url: `http://127.0.0.1:${port}`,
    clientSecret: secret,
    log,
    pushed,
  });
}
