/**
 * Starts the signing agent simulator as its own process (as `npm start` does), on a free port, with its data
 * folder in a temp dir unless given; resolves once it prints its address. For this folder's tests and the
 * USB-token browser walk: connect with `ws` trusting `tlsCertificate` (or Chromium with ignoreHTTPSErrors).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitOf, killOnExit, stopChild } from '../support/portal-process.ts';

export interface AgentProcess {
  child: ChildProcess;
  /** `wss://127.0.0.1:<port>/plugin` */
  url: string;
  /** `https://127.0.0.1:<port>` (the page to accept the certificate, and `/dev/token…`). */
  httpsUrl: string;
  dataDir: string;
  /** PEM of the agent's self-signed TLS certificate, for a client to trust. */
  tlsCertificate: string;
  output: () => string;
  stop(): Promise<number | null>;
}

export async function startAgentProcess(options: {
  /** The hub (or a stand-in) serving `/sim/ca/certificates` and `/sim/ca/root.pem`. */
  pkiUrl: string;
  allowedOrigins: string[];
  dataDir?: string;
  pin?: string;
  env?: Record<string, string>;
  startTimeoutMs?: number;
}): Promise<AgentProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'signing-agent-'));
  const child = killOnExit(
    spawn(process.execPath, ['--import', 'tsx', 'src/simulators/signing-agent/main.ts'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        SIGNING_AGENT_PORT: '0',
        SIGNING_AGENT_DATA_DIR: dataDir,
        SIGNING_AGENT_PKI_URL: options.pkiUrl,
        SIGNING_AGENT_ALLOWED_ORIGINS: options.allowedOrigins.join(','),
        ...(options.pin && { SIGNING_AGENT_PIN: options.pin }),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  let output = '';
  const exited = exitOf(child);
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${message}:\n${output}`));
    };
    const timer = setTimeout(() => fail(`signing agent did not start in ${timeoutMs / 1000} s`), timeoutMs);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /signing agent listening on (wss:\/\/[^\s]+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      const url = match[1]!;
      resolve({
        child,
        url,
        httpsUrl: new URL(url).origin.replace(/^wss:/, 'https:'),
        dataDir,
        tlsCertificate: readFileSync(join(dataDir, 'tls', 'cert.pem'), 'utf8'),
        output: () => output,
        stop: () => stopChild(child, 10_000),
      });
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.once('error', (error) => fail(`signing agent could not be spawned (${error.message})`));
    void exited.then((code) => fail(`signing agent exited with ${code} before listening`));
  });
}
