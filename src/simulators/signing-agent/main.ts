/**
 * The local signing agent simulator as its own process (`npx tsx src/simulators/signing-agent/main.ts`;
 * `npm start` runs it beside the hub): the demo SoftHSM2 token in its data folder, certified by the hub's
 * test PKI on first start, behind `wss://127.0.0.1:<SIGNING_AGENT_PORT>/plugin` (PROTOCOL.md).
 *
 * Without SoftHSM2 it still runs, as an agent with no token plugged in, and says why; a page then shows
 * "no token" rather than "agent not running".
 */
import { join } from 'node:path';
import { AgentConfigError, readAgentConfig } from './config.ts';
import { demoHolders } from './demo.ts';
import { enrolDemoHolders } from './enrol.ts';
import { PinCounter } from './pin-counter.ts';
import { createProtocol } from './protocol.ts';
import { startAgentServer } from './server.ts';
import { prepareSoftHsm, TOKEN_LABEL } from './softhsm.ts';
import { loadOrCreateTls } from './tls.ts';
import { Pkcs11Token } from './token.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const warn = (line: string) => process.stderr.write(`WARNING: ${line}\n`);

async function main() {
  const config = readAgentConfig();
  const now = () => new Date();
  const holders = demoHolders();
  const setup = prepareSoftHsm({ dataDir: config.dataDir, ...config.softhsm, pin: config.pin });
  let token: Pkcs11Token | undefined;
  if (!setup.ok) warn(`signing agent runs with no token: ${setup.reason}`);
  else {
    try {
      token = Pkcs11Token.open(config.softhsm.module, TOKEN_LABEL);
    } catch (error) {
      // A damaged token folder must not make the supervisor restart the agent forever.
      warn(
        `signing agent runs with no token: ${error instanceof Error ? error.message : String(error)}; remove ${join(config.dataDir, 'tokens')} to make a new one`,
      );
    }
    if (token && setup.created)
      say(`made the demo token "${TOKEN_LABEL}" in ${join(config.dataDir, 'tokens')}`);
  }
  if (token) await enrolUntilDone(token, config.pin, config.pkiUrl, holders, now);
  const state = { present: true };
  const pins = new PinCounter(join(config.dataDir, 'pin-state.json'));
  const tls = await loadOrCreateTls(config.dataDir, now());
  const server = await startAgentServer({
    host: config.host,
    port: config.port,
    tls,
    allowedOrigins: config.allowedOrigins,
    answer: createProtocol({ token, pins, state, now, log: say }),
    ...(config.devControls && { dev: { state, pins } }),
    log: say,
  });
  say(`signing agent listening on ${server.url}`);
  say(`  pages allowed: ${config.allowedOrigins.join(', ')}; TLS certificate ${tls.certFile}`);
  say(
    `  a browser trusts it once https://${config.host}:${server.port}/ is opened and accepted (PROTOCOL.md)`,
  );
  if (token) {
    say(`  demo token "${TOKEN_LABEL}", PIN ${config.pin} (5 wrong tries lock it):`);
    for (const holder of holders) say(`    ${holder.describe}`);
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    token?.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // Started by `npm start`'s supervisor: an IPC channel that closes means the hub went away without us.
  process.on('disconnect', () => void stop());
}

/**
 * Certifies the holders' keys; those the PKI could not certify (the hub not answering yet) are asked for
 * again every 30 s in the background, while the agent already serves what the token holds.
 */
async function enrolUntilDone(
  token: Pkcs11Token,
  pin: string,
  pkiUrl: string,
  holders: ReturnType<typeof demoHolders>,
  now: () => Date,
): Promise<void> {
  const outcomes = await enrolDemoHolders({ token, pin, pkiUrl, holders, now });
  for (const outcome of outcomes)
    if (outcome.status === 'issued')
      say(`the test PKI certified the ${outcome.holder.label} key on the token`);
    else if (outcome.status === 'failed')
      warn(
        `no certificate for the ${outcome.holder.label} key yet (${outcome.reason}); asking ${pkiUrl} again in 30 s`,
      );
  const missing = outcomes.flatMap((o) => (o.status === 'failed' ? [o.holder] : []));
  if (missing.length > 0)
    setTimeout(() => void enrolUntilDone(token, pin, pkiUrl, missing, now), 30_000).unref();
}

main().catch((error: unknown) => {
  if (error instanceof AgentConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `The signing agent failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
