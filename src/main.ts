/**
 * Entry point of `npm start`: reads the configuration, starts the system, and shuts it down gracefully on
 * SIGTERM/SIGINT (stop accepting, finish in-flight requests, close pools). A configuration problem exits
 * non-zero with a message naming what is missing.
 *
 * In dev mode it tells the developer what it is doing as it goes: loading the code and opening the database
 * take many seconds on a first start, and a silent terminal looks stuck. Production writes JSON logs only.
 */
import type { Config } from './config/config.ts';
import type { DevSimulators } from './dev-simulators.ts';

const devMode = process.env.NODE_ENV !== 'production';
// Before any import that costs time: the modules below take seconds to load.
if (devMode) say('Starting the portal in dev mode: loading the code…');

function say(line: string) {
  process.stdout.write(`${(performance.now() / 1000).toFixed(1).padStart(5)} s  ${line}\n`);
}

async function main() {
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
  if (dev) {
    say(`Ready: ${system.url}`);
    if (system.simulators) process.stdout.write(await devBanner(system.url, system.simulators));
  }

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
    await system.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** Dev mode only: where to look, and seeded (fictional) subscribers to try the journey with. */
async function devBanner(url: string, simulators: DevSimulators): Promise<string> {
  const { formatDdMmYyyy } = await import('./domain/dates.ts');
  const rows = simulators.demo.map(
    (d) =>
      `  ${d.phoneNumber.replace('+84', '0')}  ${d.idNumber.padEnd(12)}  ${formatDdMmYyyy(d.birthDate)}  ${d.fullName}  → ${d.shows}`,
  );
  const insurance = simulators.insuranceDemo.map(
    (r) =>
      `  ${r.socialInsuranceNumber}  ${r.idNumber.padEnd(12)}  ${formatDdMmYyyy(r.birthDate)}  ${r.fullName}  → ${r.phoneNumber ? `code to ${r.phoneNumber.replace('+84', '0')}` : 'no phone on the record: refused'}`,
  );
  return [
    `  citizen pages ${url}/ · API docs ${url}/api/docs · virtual phones ${url}/sim/phones · health ${url}/readyz`,
    `Demo subscribers (phone, ID number, birth date, name; also on ${url}/sim/phones):`,
    ...rows,
    'Social-insurance records (BHXH number, ID number, birth date, name):',
    ...insurance,
    'Requests are logged below, one line each. Ctrl+C stops the portal.',
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The portal failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
