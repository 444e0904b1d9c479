/**
 * Dev mode (`npm start`): the local signing agent simulator (src/simulators/signing-agent) beside the hub, as
 * a supervised child process, started once the hub listens (its first start asks the hub's test PKI to
 * certify the demo token's keys). Its port: SIGNING_AGENT_PORT, else PORT+4, else (PORT=0) a free port fixed
 * before the hub reads its configuration, so SIGNING_AGENT_URL's default points at it.
 *
 * Without SoftHSM2 (the module or softhsm2-util missing) it is not started: the caller prints why, and the
 * rest of the system runs; the USB-token pages then say the agent is not running.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './portals.ts';
import { type Supervisor, supervise } from './supervisor.ts';

export const SOFTHSM2_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export async function fixDevSigningAgentPort(env: Record<string, string | undefined>): Promise<void> {
  if (env.SIGNING_AGENT_PORT) return;
  const hubPort = Number(env.PORT ?? '3000');
  if (!Number.isInteger(hubPort)) return;
  env.SIGNING_AGENT_PORT = String(hubPort === 0 ? await freePort() : hubPort + 4);
}

/** Why the agent cannot run here, or undefined when SoftHSM2 is installed. */
export function softHsmMissing(env: Record<string, string | undefined>): string | undefined {
  const module = env.SOFTHSM2_MODULE ?? SOFTHSM2_MODULE;
  if (!existsSync(module)) return `the SoftHSM2 module ${module} is missing`;
  const util = env.SOFTHSM2_UTIL ?? 'softhsm2-util';
  if (spawnSync(util, ['--version']).error) return `${util} is not installed`;
  return undefined;
}

export interface DevSigningAgent {
  supervisor: Supervisor;
  url: string;
  /** The page a browser opens once to accept the agent's certificate. */
  httpsUrl: string;
}

// What the agent needs from the hub's environment to run at all.
const PASSED_THROUGH = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'TERM', 'LANG', 'NODE_OPTIONS'];
const OWN = [
  'SIGNING_AGENT_PIN',
  'SIGNING_AGENT_HOST',
  'SIGNING_AGENT_DEV_CONTROLS',
  'SOFTHSM2_MODULE',
  'SOFTHSM2_UTIL',
];

export function startDevSigningAgent(options: {
  port: number;
  /** The hub's own address: its `/sim/ca` certifies the demo keys. */
  hubUrl: string;
  /** Origins of the pages that may use the agent: the hub's public origin. */
  allowedOrigins: string[];
  dataDir: string;
  write: (line: string) => void;
}): DevSigningAgent {
  const main = fileURLToPath(new URL('../simulators/signing-agent/main.ts', import.meta.url));
  const env = Object.fromEntries([...PASSED_THROUGH, ...OWN].map((name) => [name, process.env[name]]));
  const host = process.env.SIGNING_AGENT_HOST ?? '127.0.0.1';
  const supervisor = supervise(
    [
      {
        name: 'signing-agent',
        command: process.execPath,
        args: ['--import', 'tsx', main],
        env: {
          ...env,
          SIGNING_AGENT_PORT: String(options.port),
          SIGNING_AGENT_DATA_DIR: join(options.dataDir, 'signing-agent'),
          SIGNING_AGENT_PKI_URL: options.hubUrl,
          SIGNING_AGENT_ALLOWED_ORIGINS: [...new Set(options.allowedOrigins)].join(','),
        },
        readyWhen: /signing agent listening/,
      },
    ],
    { write: options.write },
  );
  return {
    supervisor,
    url: `wss://${host}:${options.port}/plugin`,
    httpsUrl: `https://${host}:${options.port}/`,
  };
}
