/**
 * Entry point of `npm start`: reads the configuration, starts the system, and shuts it down gracefully on
 * SIGTERM/SIGINT (stop accepting, finish in-flight requests, close pools). A configuration problem exits
 * non-zero with a message naming what is missing.
 *
 * In dev mode it tells the developer what it is doing as it goes: loading the code and opening the database
 * take many seconds on a first start, and a silent terminal looks stuck. Production writes JSON logs only.
 */
import type { Config } from './config/config.ts';
import type { DevPortals } from './dev/portals.ts';
import type { DevSigningAgent } from './dev/signing-agent.ts';
import type { DevSimulators } from './dev-simulators.ts';

const devMode = process.env.NODE_ENV !== 'production';
// Before any import that costs time: the modules below take seconds to load.
if (devMode) say('Starting the portal in dev mode: loading the code…');

function say(line: string) {
  process.stdout.write(`${(performance.now() / 1000).toFixed(1).padStart(5)} s  ${line}\n`);
}

async function main() {
  // Before the configuration is read: the hub registers the dev portals at the ports they will listen on.
  if (devMode) await (await import('./dev/portals.ts')).fixDevPortalPorts(process.env);
  // Likewise the signing agent's, which SIGNING_AGENT_URL's default names.
  if (devMode) await (await import('./dev/signing-agent.ts')).fixDevSigningAgentPort(process.env);
  const { ConfigError, loadConfig } = await import('./config/config.ts');
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nThe portal did not start. See README.md, "Production mode".\n`);
      process.exit(2);
    }
    throw error;
  }
  const { startSystem } = await import('./compose.ts');
  const dev = config.mode === 'dev';
  const system = await startSystem(config, {
    logFormat: dev && process.stdout.isTTY ? 'lines' : 'json',
    ...(dev && { progress: say }),
  });
  system.logger.info({ url: system.url, mode: config.mode }, 'portal listening');
  let portals: DevPortals | undefined;
  let signingAgent: DevSigningAgent | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    system.logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const forced = setTimeout(() => {
      system.logger.error('shutdown took longer than 20 s; exiting');
      process.exit(1);
    }, 20_000);
    forced.unref();
    await Promise.all([system.close(), portals?.supervisor.stop(), signingAgent?.supervisor.stop()]);
    process.exit(0);
  };
  // Before the portals start: a signal while they load must still drain the hub and stop them.
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  if (dev) {
    say(`Ready: ${system.url}`);
    const devPortals = await import('./dev/portals.ts');
    if (stopping) return;
    portals = startPortals(devPortals, config, system.oidc.issuer);
    const agent = system.simulators
      ? await startSigningAgent(config, system.url, system.oidc.issuer)
      : undefined;
    signingAgent = typeof agent === 'string' ? undefined : agent;
    const [portalsReady, agentReady] = await Promise.all([
      portals.supervisor.ready(PORTALS_READY_TIMEOUT_MS),
      signingAgent?.supervisor.ready(PORTALS_READY_TIMEOUT_MS) ?? false,
    ]);
    if (system.simulators && !stopping) {
      const agentLines = await signingAgentBanner(agent, agentReady);
      process.stdout.write(await devBanner(system.url, system.simulators, portals, portalsReady, agentLines));
    }
  }
}

/**
 * Dev mode: the two portals as supervised child processes, with the client secrets the hub registered for
 * them (the banner waits, bounded, until they listen, so its addresses answer).
 */
function startPortals(
  { DEV_PORTALS, startDevPortals }: typeof import('./dev/portals.ts'),
  config: Config,
  issuer: string,
): DevPortals {
  const portals = DEV_PORTALS.flatMap((portal) => {
    const client = config.oidc.clients.find((c) => c.clientId === portal.id);
    const port = Number(process.env[portal.portVariable]);
    return client?.clientSecret ? [{ id: portal.id, port, clientSecret: client.clientSecret }] : [];
  });
  return startDevPortals({
    portals,
    issuer,
    host: config.host,
    write: (line) => process.stdout.write(`${line}\n`),
    linesFormat: process.stdout.isTTY,
  });
}

/**
 * Dev mode: the local signing agent simulator (USB token) as a supervised child process, once the hub
 * listens (it asks the hub's test PKI for its demo certificates); or why it cannot run here.
 */
async function startSigningAgent(
  config: Config,
  hubUrl: string,
  issuer: string,
): Promise<DevSigningAgent | string> {
  const { softHsmMissing, startDevSigningAgent } = await import('./dev/signing-agent.ts');
  const missing = softHsmMissing(process.env);
  if (missing) return missing;
  return startDevSigningAgent({
    port: Number(process.env.SIGNING_AGENT_PORT),
    hubUrl,
    allowedOrigins: [new URL(issuer).origin, new URL(hubUrl).origin],
    dataDir: config.dataDir,
    write: (line) => process.stdout.write(`${line}\n`),
  });
}

/** The agent's address, the demo token's PIN and holders (its own prefixed lines say the same as it starts). */
async function signingAgentBanner(
  agent: DevSigningAgent | string | undefined,
  ready: boolean,
): Promise<string[]> {
  if (agent === undefined) return [];
  if (typeof agent === 'string')
    return [
      `WARNING: the local signing agent (USB token) is not running: ${agent}. Install SoftHSM2 (apt-get install -y softhsm2) to try registration with a certificate; everything else runs.`,
    ];
  const { demoHolders } = await import('./simulators/signing-agent/demo.ts');
  const { DEFAULT_DEMO_PIN } = await import('./simulators/signing-agent/config.ts');
  return [
    `Local signing agent (USB token simulator): ${agent.url}${ready ? '' : '  (not answering yet: its [signing-agent] lines say why)'}`,
    `  open ${agent.httpsUrl} once in the browser and accept its certificate; demo token PIN ${process.env.SIGNING_AGENT_PIN ?? DEFAULT_DEMO_PIN}, holding:`,
    ...demoHolders().map((holder) => `    ${holder.describe}`),
  ];
}

// Loading a portal's code takes a few seconds; the banner does not wait longer than this for them.
const PORTALS_READY_TIMEOUT_MS = 20_000;

/** Dev mode only: where to look, and seeded (fictional) subscribers to try the journey with. */
async function devBanner(
  url: string,
  simulators: DevSimulators,
  portals: DevPortals,
  portalsReady: boolean,
  /** The signing agent's lines (signingAgentBanner), before the closing line. */
  agentLines: string[],
): Promise<string> {
  const { formatDdMmYyyy } = await import('./domain/dates.ts');
  const rows = simulators.demo.map(
    (d) =>
      `  ${d.phoneNumber.replace('+84', '0')}  ${d.idNumber.padEnd(12)}  ${formatDdMmYyyy(d.birthDate)}  ${d.fullName}  → ${d.shows}`,
  );
  const insurance = simulators.insuranceDemo.map(
    (r) =>
      `  ${r.socialInsuranceNumber}  ${r.idNumber.padEnd(12)}  ${formatDdMmYyyy(r.birthDate)}  ${r.fullName}  → ${r.phoneNumber ? `code to ${r.phoneNumber.replace('+84', '0')}` : 'no phone on the record: refused'}`,
  );
  const { DEV_PORTALS } = await import('./dev/portals.ts');
  const portalLines = DEV_PORTALS.filter((portal) => portals.urls[portal.id]).map(
    (portal) => `  ${portal.label.padEnd(30)} ${portals.urls[portal.id]}/  (client ${portal.id})`,
  );
  if (!portalsReady)
    portalLines.push('  (a portal is not answering yet: its own lines, prefixed with its name, say why)');
  return [
    'The three apps:',
    `  ${'Identity hub'.padEnd(30)} ${url}/`,
    ...portalLines,
    `  citizen pages ${url}/ · API docs ${url}/api/docs · virtual phones ${url}/sim/phones · health ${url}/readyz`,
    `Demo subscribers (phone, ID number, birth date, name; also on ${url}/sim/phones):`,
    ...rows,
    'Social-insurance records (BHXH number, ID number, birth date, name):',
    ...insurance,
    ...postIdLines(simulators.postId),
    ...(await signingServiceLines(url, simulators)),
    ...agentLines,
    "Requests are logged below, one line each (the portals' prefixed with their name). Ctrl+C stops the portals and the hub.",
    '',
  ].join('\n');
}

/** PostID: its address, the dev clerk of its counter console, and the demo PostID accounts (one approved, one pending). */
function postIdLines(postId: DevSimulators['postId']): string[] {
  return [
    `PostID (Vietnam Post identity provider, test): ${postId.url}/ · clerk console ${postId.clerk.url} (clerk ${postId.clerk.username} / ${postId.clerk.password})`,
    ...postId.demo.map(
      (d) =>
        `  PostID ${d.username} / ${d.password}  ${d.idNumber.padEnd(12)}  ${d.fullName}  → ${d.status === 'approved' ? 'approved at the counter' : 'waiting for counter approval'}`,
    ),
  ];
}

/** The SIM-signature and remote-signature simulators' demo people (seeded once the hub listens: waited for). */
async function signingServiceLines(url: string, simulators: DevSimulators): Promise<string[]> {
  await simulators.signingDemo.ready;
  const { sims, remote } = simulators.signingDemo;
  return [
    `SIM signature (MSSP, ETSI TS 102 204 at ${url}/mssp/soap/services/…; SIM PIN on the phone's page ${url}/sim/phones/<phone>):`,
    ...sims.map(
      (s) =>
        `  ${s.phoneNumber.replace('+84', '0')}  ${s.idNumber.padEnd(12)}  ${s.fullName}  → ${s.service ? `signature service, SIM PIN ${s.pin}` : 'no signature service: refused'}`,
    ),
    `Remote signature (CSC API v2 at ${url}/rssp/smartca and ${url}/rssp/mysign; approve in the app on the phone's page):`,
    ...remote.map(
      (r) =>
        `  ${r.provider.padEnd(8)} ${r.idNumber.padEnd(12)}  ${r.fullName}  phone ${r.phoneNumber.replace('+84', '0')}, app PIN ${r.pin}`,
    ),
  ];
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The portal failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
