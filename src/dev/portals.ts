/**
 * Dev mode (`npm start`): the two portal apps run beside the hub as supervised child processes, each
 * configured exactly as in production (issuer URL, client id and secret, public URL), from what the hub
 * registered for them. Their ports: NATIONAL_PORTAL_PORT / MPS_PORTAL_PORT, else PORT+1 / PORT+2, else (PORT=0)
 * free ports chosen before the hub registers its clients, so both sides agree.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Supervisor, supervise } from './supervisor.ts';

export const DEV_PORTALS = [
  { id: 'national', portVariable: 'NATIONAL_PORTAL_PORT', offset: 1, label: 'Cổng Dịch vụ công quốc gia' },
  { id: 'mps', portVariable: 'MPS_PORTAL_PORT', offset: 2, label: 'Cổng Dịch vụ công Bộ Công an' },
] as const;

export type DevPortalId = (typeof DEV_PORTALS)[number]['id'];

/**
 * Fixes each portal's port in `env` (the hub's configuration reads the same variables to register the
 * portals' redirect URIs). Leaves a malformed PORT for the hub's configuration to report.
 */
export async function fixDevPortalPorts(env: Record<string, string | undefined>): Promise<void> {
  const hubPort = Number(env.PORT ?? '3000');
  if (!Number.isInteger(hubPort)) return;
  for (const portal of DEV_PORTALS) {
    if (env[portal.portVariable]) continue;
    env[portal.portVariable] = String(hubPort === 0 ? await freePort() : hubPort + portal.offset);
  }
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

export interface DevPortal {
  id: DevPortalId;
  port: number;
  clientSecret: string;
}

export interface DevPortals {
  supervisor: Supervisor;
  urls: Record<DevPortalId, string>;
}

// What a portal process needs from the hub's environment to run at all; nothing of the hub's settings.
const PASSED_THROUGH = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'TERM', 'LANG', 'NODE_OPTIONS', 'LOG_LEVEL'];

export function startDevPortals(options: {
  portals: DevPortal[];
  issuer: string;
  host: string;
  write: (line: string) => void;
  linesFormat: boolean;
}): DevPortals {
  const main = fileURLToPath(new URL('../portals/main.ts', import.meta.url));
  const inherited = Object.fromEntries(PASSED_THROUGH.map((name) => [name, process.env[name]]));
  const urls = {} as Record<DevPortalId, string>;
  const children = options.portals.map((portal) => {
    urls[portal.id] = `http://127.0.0.1:${portal.port}`;
    return {
      name: portal.id,
      command: process.execPath,
      args: ['--import', 'tsx', main, '--portal', portal.id],
      env: {
        ...inherited,
        PORT: String(portal.port),
        HOST: options.host,
        PORTAL_ISSUER: options.issuer,
        PORTAL_CLIENT_ID: portal.id,
        PORTAL_CLIENT_SECRET: portal.clientSecret,
        PORTAL_PUBLIC_URL: urls[portal.id],
        // Sessions live in the portal's memory: a key per start loses nothing a restart had not lost.
        PORTAL_COOKIE_SECRET: randomBytes(32).toString('base64'),
        ...(options.linesFormat && { PORTAL_LOG_FORMAT: 'lines' }),
      },
      readyWhen: /portal listening/,
    };
  });
  return { supervisor: supervise(children, { write: options.write }), urls };
}
