/**
 * Everything the suite starts registers how to undo it here, so children and temp dirs go away on a normal
 * end, an exception, or SIGINT/SIGTERM: a leftover PostgreSQL or Redis would hold ports and disk on a
 * machine shared with other engineers.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

type Undo = { label: string; sync: () => void; async?: () => Promise<void> };

const undos: Undo[] = [];
let installed = false;

/** Registers an undo; the newest runs first. Returns a function that forgets it (once undone by hand). */
export function onCleanup(undo: Undo): () => void {
  install();
  undos.push(undo);
  return () => {
    const index = undos.indexOf(undo);
    if (index >= 0) undos.splice(index, 1);
  };
}

export function killOnCleanup(label: string, child: ChildProcess): () => void {
  const forget = onCleanup({
    label,
    sync: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  });
  child.once('exit', forget);
  return forget;
}

export function removeOnCleanup(label: string, dir: string): void {
  onCleanup({ label, sync: () => rmSync(dir, { recursive: true, force: true }) });
}

/** Runs every undo, newest first: the async form where there is one (graceful), else the sync one. */
export async function cleanUpAll(): Promise<void> {
  while (undos.length > 0) {
    const undo = undos.pop()!;
    try {
      if (undo.async) await undo.async();
      else undo.sync();
    } catch (error) {
      process.stderr.write(`cleanup of ${undo.label} failed: ${(error as Error).message}\n`);
      try {
        undo.sync();
      } catch {
        // the sync form is the last resort; nothing more to try
      }
    }
  }
}

function cleanUpSync() {
  while (undos.length > 0) {
    try {
      undos.pop()!.sync();
    } catch {
      // best effort on the way out
    }
  }
}

function install() {
  if (installed) return;
  installed = true;
  process.on('exit', cleanUpSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping every server the suite started…\n`);
      void cleanUpAll().finally(() => process.exit(130));
    });
}
