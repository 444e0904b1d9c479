/**
 * Starts one portal process: `tsx src/portals/main.ts --portal national|mps`. Its configuration is the hub's
 * issuer URL, its client id and secret, its public URL and cookie key (PORTAL_* variables, PORT, HOST);
 * production refuses to start without them (exit code 2, naming each). SIGTERM/SIGINT: stop accepting,
 * finish what is in flight, exit 0.
 */
import { parseArgs } from 'node:util';
import { createLogger } from '../lib/logger.ts';
import { PORTALS } from './index.ts';
import { createPortalApp } from './kit/app.ts';
import { loadPortalConfig, PortalConfigError } from './kit/config.ts';

const DEFAULT_HUB_PORT = 3000;

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function main() {
  const { values } = parseArgs({ options: { portal: { type: 'string' } }, strict: true });
  const definition = values.portal ? PORTALS[values.portal] : undefined;
  if (!definition) fail(`Usage: src/portals/main.ts --portal ${Object.keys(PORTALS).join('|')}`, 2);

  let config: ReturnType<typeof loadPortalConfig>;
  try {
    config = loadPortalConfig(process.env, {
      clientId: definition.id,
      port: DEFAULT_HUB_PORT + definition.portOffset,
    });
  } catch (error) {
    if (error instanceof PortalConfigError)
      fail(`${error.message}\nThe ${definition.id} portal did not start. See README.md, "The portals".`, 2);
    throw error;
  }
  const logger = createLogger({
    level: config.logLevel,
    // Under `npm start` the output goes through the supervisor to a terminal: it says which format.
    format:
      config.mode === 'dev' && (process.stdout.isTTY || process.env.PORTAL_LOG_FORMAT === 'lines')
        ? 'lines'
        : 'json',
  });
  const { app } = await createPortalApp(definition, config, { logger });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  app.log.info(
    { url: `http://${config.host}:${port}`, publicUrl: config.publicUrl.href },
    'portal listening',
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // Started by `npm start`'s supervisor: its IPC channel closes when it goes, even killed outright.
  if (process.connected) process.on('disconnect', () => void stop());
}

main().catch((error: unknown) => {
  fail(`The portal failed to start: ${error instanceof Error ? error.message : String(error)}`, 1);
});
