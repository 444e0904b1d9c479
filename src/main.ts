/**
 * Entry point of `npm start`: reads the configuration, starts the system, and shuts it down gracefully on
 * SIGTERM/SIGINT (stop accepting, finish in-flight requests, close pools). A configuration problem exits
 * non-zero with a message naming what is missing.
 */
import { startSystem } from './compose.ts';
import { ConfigError, loadConfig } from './config/config.ts';
import { formatDdMmYyyy } from './domain/dates.ts';
import type { DemoIdentity } from './simulators/carrier-network/index.ts';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nThe portal did not start. See README.md, "Production mode".\n`);
      process.exit(2);
    }
    throw error;
  }
  const system = await startSystem(config);
  system.logger.info({ url: system.url, mode: config.mode }, 'portal listening');
  if (system.simulators) process.stdout.write(devBanner(system.url, system.simulators.demo));

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
function devBanner(url: string, demo: DemoIdentity[]): string {
  const rows = demo.map(
    (d) =>
      `  ${d.phoneNumber.replace('+84', '0')}  ${d.idNumber.padEnd(12)}  ${formatDdMmYyyy(d.birthDate)}  ${d.fullName}  → ${d.shows}`,
  );
  return [
    '',
    `Portal (dev mode): ${url}`,
    `  API docs ${url}/api/docs · virtual phones ${url}/sim/phones · health ${url}/readyz`,
    'Demo subscribers (phone, ID number, birth date, name):',
    ...rows,
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The portal failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
