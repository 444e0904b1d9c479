/**
 * The PostID simulator: Vietnam Post's identity service as its own OpenID Provider on its own port (README.md).
 * Its own Fastify server carries the provider (`/.well-known/openid-configuration`, `/oidc/*`), the citizens'
 * pages and the clerk console (`/clerk`); its data lives in schema `postid`. The hub reaches it only over
 * OpenID Connect, as it would reach the real PostID; the dev switches (`/sim/postid/*`) mount on the hub's
 * dev server like the other simulators'.
 */
import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from 'pino';
import type { SqlDatabase } from '../../lib/database.ts';
import { partnerFaults } from '../kit/faults.ts';
import type { Person } from '../population/people.ts';
import { personalMobileNumber } from '../population/people.ts';
import { ActivationCodes } from './activation-codes.ts';
import { type CitizenSession, citizenRoutes } from './citizen-routes.ts';
import { type ClerkSession, clerkRoutes } from './clerk-routes.ts';
import { type FaultSwitches, postIdDevRoutes } from './dev-routes.ts';
import { esc, page, STYLE } from './html.ts';
import { MemoryModels } from './memory-adapter.ts';
import { hashPassword } from './passwords.ts';
import { createPostIdProvider, type HubClient } from './provider.ts';
import { migratePostId } from './schema.ts';
import { smppGateway } from './sms.ts';
import { createPostIdStore, type PostIdStore } from './store.ts';
import { type Lang, type TextKey, type Translate, translator } from './texts.ts';
import { COOKIES, MemorySessions, sendHtml } from './web-kit.ts';

export type { FaultSwitches, PostIdStore };

export const POSTID_CLIENT_ID = 'dichvucong-hub';
/** Where the hub's dev clerk works: approvals made by it (and by the dev API) name this post office. */
export const DEV_POST_OFFICE = 'Bưu cục Hoàn Kiếm, Hà Nội';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** The hub's client at PostID, derived from the dev secret, so the hub's dev config and the simulator agree. */
export function devPostIdClient(secret: string): ClientCredentials {
  return {
    clientId: POSTID_CLIENT_ID,
    clientSecret: createHmac('sha256', secret).update('postid-client:dichvucong-hub').digest('base64url'),
  };
}

/** The dev clerk's sign-in at the console, derived from the dev secret (printed at start). */
export function devPostIdClerk(secret: string) {
  const digest = createHmac('sha256', secret).update('postid-clerk').digest('base64url');
  return {
    username: 'buucuc.hoankiem',
    password: `Bd-${digest.slice(0, 12)}`,
    fullName: 'Nguyễn Thị Giao Dịch',
  };
}

export interface DemoPostIdAccount {
  username: string;
  password: string;
  fullName: string;
  idNumber: string;
  phoneNumber: string;
  status: 'approved' | 'pending';
}

export interface PostIdOptions {
  database: SqlDatabase;
  /** The dev secret: the hub's client secret and the dev clerk's password derive from it. */
  secret: string;
  host?: string;
  /** 0: any free port. */
  port: number;
  /** Default `http://<host>:<port>`. */
  issuer?: string;
  /** The hub's public URL when known at start (else `setHubUrl` once it listens). */
  hubUrl?: string;
  smsc: { host: string; port: number; systemId: string; password: string };
  /** People for the demo accounts (one approved, one pending). */
  demoPeople?: [Person, Person];
  now?: () => Date;
  /** Activation codes (tests may fix them); 6 random digits by default. */
  randomCode?: () => string;
  logger?: Logger;
}

export interface PostId {
  issuer: string;
  url: string;
  client: ClientCredentials;
  clerk: { url: string; username: string; password: string };
  demo: DemoPostIdAccount[];
  store: PostIdStore;
  faults: FaultSwitches;
  /** The hub's public URL: its `/vnpost/callback` becomes the client's redirect URI. */
  setHubUrl(url: string): void;
  /** `/sim/postid/*`, for the hub's dev server. */
  devRoutes: FastifyPluginAsync;
  close(): Promise<void>;
}

export async function createPostId(options: PostIdOptions): Promise<PostId> {
  const now = options.now ?? (() => new Date());
  const host = options.host ?? '127.0.0.1';
  await migratePostId(options.database.as());
  const store = createPostIdStore(options.database);
  const models = new MemoryModels();
  const faults: FaultSwitches = { down: false, latencyMs: 0 };
  const client = devPostIdClient(options.secret);
  const hubUrls = new Set<string>(options.hubUrl ? [options.hubUrl.replace(/\/$/, '')] : []);
  const hubClient: HubClient = {
    ...client,
    redirectUris: () => [...hubUrls].map((url) => `${url}/vnpost/callback`),
    postLogoutRedirectUris: () => [...hubUrls].map((url) => `${url}/`),
  };
  const sms = smppGateway({ ...options.smsc, sourceAddr: 'VNPOST' });
  const codes = new ActivationCodes(now, options.randomCode);
  const citizenSessions = new MemorySessions<CitizenSession>(COOKIES.citizen, 60 * 60_000);
  const clerkSessions = new MemorySessions<ClerkSession>(COOKIES.clerk, 8 * 60 * 60_000);

  // Kept in the schema: tokens signed before a restart still verify, sessions' cookies still open.
  const signingKey = JSON.parse(
    await store.secret('signing-key', () =>
      JSON.stringify({
        ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
        kid: `postid-${randomBytes(4).toString('hex')}`,
        use: 'sig',
        alg: 'RS256',
      }),
    ),
  ) as Record<string, unknown>;
  const cookieKey = await store.secret('cookie-key', () => randomBytes(32).toString('base64url'));

  const devClerk = devPostIdClerk(options.secret);
  await store.upsertClerk({
    username: devClerk.username,
    passwordHash: await hashPassword(devClerk.password),
    fullName: devClerk.fullName,
    postOffice: DEV_POST_OFFICE,
    role: 'clerk',
  });
  const demo = options.demoPeople ? await seedDemo(store, options.demoPeople, now) : [];

  let provider: Provider | undefined;
  let callback: ReturnType<Provider['callback']> | undefined;
  const app: FastifyInstance = Fastify({ logger: false });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  // Faults first: an outage or a slow PostID is the same for every page and endpoint.
  app.addHook(
    'onRequest',
    partnerFaults(faults, (request, reply) => {
      const html = (request.headers.accept ?? '').includes('text/html');
      const lang: Lang = request.cookies[COOKIES.lang] === 'en' ? 'en' : 'vi';
      const t = translator(lang);
      if (!html) return reply.send({ error: 'temporarily_unavailable', error_description: 'PostID is down' });
      return sendHtml(
        reply,
        page(
          { lang, t, title: t('errorTitle'), switchHref: '/' },
          `<h1>${esc(t('errorTitle'))}</h1><p>${esc(t('unavailable'))}</p>`,
        ),
        503,
      );
    }),
  );
  app.get('/assets/postid.css', async (_request, reply) =>
    reply.type('text/css').header('cache-control', 'max-age=3600').send(STYLE),
  );
  await app.register(async (protocol) => {
    // The provider reads the bodies itself (form posts to /oidc/token).
    protocol.removeAllContentTypeParsers();
    protocol.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    const handOver = async (
      request: import('fastify').FastifyRequest,
      reply: import('fastify').FastifyReply,
    ) => {
      if (!callback)
        return reply.code(503).header('retry-after', '1').send({ error: 'temporarily_unavailable' });
      reply.hijack();
      callback(request.raw, reply.raw);
    };
    const method = ['GET', 'POST', 'OPTIONS'] as Array<'GET' | 'POST' | 'OPTIONS'>;
    protocol.route({ method, url: '/.well-known/openid-configuration', handler: handOver });
    protocol.route({ method, url: '/oidc/*', handler: handOver });
  });
  await app.register(citizenRoutes, {
    store,
    provider: () => provider,
    sessions: citizenSessions,
    codes,
    sms,
    now,
    clientName: (clientId) => (clientId === client.clientId ? 'Cổng Dịch vụ công quốc gia' : clientId),
  });
  await app.register(clerkRoutes, { store, sessions: clerkSessions, now });

  await app.listen({ host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${host}:${port}`;
  const issuer = options.issuer ?? url;
  const logout = logoutPages();
  provider = createPostIdProvider({
    issuer,
    models,
    store,
    client: hubClient,
    signingKey,
    cookieKeys: [cookieKey],
    ...logout,
  });
  provider.on('server_error', (_ctx, error) =>
    options.logger?.error({ err: error }, 'PostID provider error'),
  );
  callback = provider.callback();
  const clerk = { url: `${url}/clerk`, username: devClerk.username, password: devClerk.password };
  options.logger?.info({ issuer, clerk: clerk.url }, 'PostID listening');

  return {
    issuer,
    url,
    client,
    clerk,
    demo,
    store,
    faults,
    setHubUrl: (hubUrl) => hubUrls.add(hubUrl.replace(/\/$/, '')),
    devRoutes: async (hub) =>
      postIdDevRoutes(hub, { store, faults, clerk: () => clerk, now, postOffice: DEV_POST_OFFICE }),
    async close() {
      await app.close();
      await sms.close();
      models.close();
    },
  };
}

/** PostID's own sign-out confirmation and signed-out pages, and its error page (lang, contrast, its look). */
function logoutPages() {
  type KoaPage = { cookies: { get(name: string): string | undefined }; body: string; type: string };
  /** Answers with one of PostID's pages, in the language its cookie names. */
  const render = (ctx: KoaContextWithOIDC, title: TextKey, body: (t: Translate) => string) => {
    const koa = ctx as unknown as KoaPage;
    const lang: Lang = koa.cookies.get(COOKIES.lang) === 'en' ? 'en' : 'vi';
    const t = translator(lang);
    koa.type = 'html';
    koa.body = page({ lang, t, title: t(title), switchHref: '/' }, `<h1>${esc(t(title))}</h1>${body(t)}`);
  };
  return {
    logoutSource: async (ctx: KoaContextWithOIDC, form: string) =>
      render(
        ctx,
        'logoutTitle',
        (t) => `${form}<div class="actions">
<button type="submit" form="op.logoutForm" name="logout" value="yes">${esc(t('logoutConfirm'))}</button>
<button class="secondary" type="submit" form="op.logoutForm">${esc(t('logoutCancel'))}</button></div>`,
      ),
    postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) =>
      render(ctx, 'signedOutTitle', (t) => `<p><a href="/">${esc(t('backHome'))}</a></p>`),
    renderError: async (ctx: KoaContextWithOIDC, out: { error?: string; error_description?: string }) =>
      render(
        ctx,
        'errorTitle',
        (t) =>
          `<p><code>${esc(String(out.error ?? ''))}</code> ${esc(String(out.error_description ?? ''))}</p><p><a href="/">${esc(t('backHome'))}</a></p>`,
      ),
  };
}

/** Two people of the population with PostID accounts: one approved at the counter, one still waiting. */
async function seedDemo(
  store: PostIdStore,
  people: [Person, Person],
  now: () => Date,
): Promise<DemoPostIdAccount[]> {
  const statuses = ['approved', 'pending'] as const;
  const demo: DemoPostIdAccount[] = [];
  for (const [i, person] of people.entries()) {
    const status = statuses[i]!;
    const account: DemoPostIdAccount = {
      username: `demo.${status === 'approved' ? 'daduyet' : 'choduyet'}`,
      password: 'PostID-demo-2026',
      fullName: person.fullName,
      idNumber: person.idNumber,
      phoneNumber: personalMobileNumber(person.index),
      status,
    };
    if (!(await store.byUsername(account.username)))
      await store.createAccount(
        {
          username: account.username,
          passwordHash: await hashPassword(account.password),
          fullName: person.fullName,
          sex: person.sex === 'male' ? 'M' : 'F',
          birthDate: person.birthDate,
          idNumber: person.idNumber,
          phoneNumber: account.phoneNumber,
          address: `${person.province.name}, Việt Nam`,
          activated: true,
          status,
          ...(status === 'approved' && { postOffice: DEV_POST_OFFICE, decidedAt: now() }),
        },
        now(),
      );
    demo.push(account);
  }
  return demo;
}
