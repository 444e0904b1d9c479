/**
 * The demo token's home: a SoftHSM2 configuration whose token directory lives in the agent's data folder (so
 * the token survives restarts and `rm -rf data/` removes it), and the token initialised there on first start
 * with `softhsm2-util`, as a CA's registration officer would personalise a real USB token before handing it over.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TOKEN_LABEL = 'DVC Demo Token';

export type SoftHsmSetup = { ok: true; created: boolean } | { ok: false; reason: string };

/**
 * Writes the configuration, points SOFTHSM2_CONF at it (the module reads it when initialised, in this
 * process) and initialises the token when the folder holds none yet.
 */
export function prepareSoftHsm(options: {
  dataDir: string;
  module: string;
  util: string;
  pin: string;
}): SoftHsmSetup {
  if (!existsSync(options.module))
    return {
      ok: false,
      reason: `the SoftHSM2 module ${options.module} is missing (apt-get install -y softhsm2)`,
    };
  const tokenDir = join(options.dataDir, 'tokens');
  mkdirSync(tokenDir, { recursive: true, mode: 0o700 });
  const conf = join(options.dataDir, 'softhsm2.conf');
  writeFileSync(
    conf,
    [`directories.tokendir = ${tokenDir}`, 'objectstore.backend = file', 'log.level = ERROR', ''].join('\n'),
  );
  process.env.SOFTHSM2_CONF = conf;
  if (readdirSync(tokenDir).length > 0) return { ok: true, created: false };
  // The security officer's PIN is never needed again: the agent unblocks the user PIN itself (pin-counter.ts).
  const result = spawnSync(
    options.util,
    [
      '--init-token',
      '--free',
      '--label',
      TOKEN_LABEL,
      '--pin',
      options.pin,
      '--so-pin',
      randomBytes(12).toString('hex'),
    ],
    { env: process.env, encoding: 'utf8' },
  );
  if (result.error)
    return {
      ok: false,
      reason: `${options.util} could not run (${result.error.message}); apt-get install -y softhsm2`,
    };
  if (result.status !== 0)
    return {
      ok: false,
      reason: `${options.util} --init-token failed: ${result.stderr.trim() || result.stdout.trim()}`,
    };
  return { ok: true, created: true };
}
