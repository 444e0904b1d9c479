/** Enforces ARCHITECTURE.md: each layer imports only what its rule allows. Tests are exempt. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';

const SRC = resolve('src');

type Layer =
  | 'domain'
  | 'usecases'
  | 'adapters'
  | 'web'
  | 'config'
  | 'lib'
  | 'simulators'
  | 'portals'
  | 'dev'
  | 'root';

const ALLOWED: Record<Layer, Layer[]> = {
  domain: ['domain'],
  usecases: ['domain', 'usecases', 'lib'],
  adapters: ['adapters', 'usecases', 'domain', 'lib'],
  web: ['web', 'usecases', 'domain', 'lib', 'config'],
  config: ['config', 'domain', 'lib'],
  lib: ['lib'],
  simulators: ['simulators', 'domain', 'lib'],
  // The portal apps are relying parties: they know the hub only through OpenID Connect, never its code.
  portals: ['portals', 'lib'],
  dev: ['dev', 'lib'],
  root: ['domain', 'usecases', 'adapters', 'web', 'config', 'lib', 'simulators', 'dev', 'root'],
};

/**
 * A registration method (`src/methods/<id>/`) is a vertical slice: its `usecases/` and `web/` folders are in
 * those layers, and its `plugin.ts` (like `src/methods/index.ts`, the method list) is composition.
 */
function layerOf(file: string): Layer {
  const [top = '', , layer] = relative(SRC, file).split('/');
  if (top === 'methods') return layer === 'usecases' || layer === 'web' ? layer : 'root';
  // The composition root is split by concern (src/compose/); it may use every layer, like compose.ts.
  if (top === 'compose') return 'root';
  return (top.endsWith('.ts') ? 'root' : top) as Layer;
}

const sourceFiles = readdirSync(SRC, { recursive: true })
  .map((f) => join(SRC, String(f)))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

describe('architecture: layer import rules', () => {
  it('every import stays within what its layer may use', () => {
    const violations: string[] = [];
    for (const file of sourceFiles) {
      const from = layerOf(file);
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const to = layerOf(resolve(dirname(file), spec));
        if (!ALLOWED[from].includes(to))
          violations.push(`${relative(SRC, file)} (${from}) imports ${spec} (${to})`);
      }
    }
    assert.deepEqual(violations, []);
  });

  it('the domain does no I/O', () => {
    const io = /^(node:)?(fs|net|http|https|dgram|child_process|worker_threads)(\/|$)/;
    const violations = sourceFiles
      .filter((f) => layerOf(f) === 'domain')
      .flatMap((f) =>
        importsOf(f)
          .filter((spec) => io.test(spec) || /pg|ioredis|pglite|fastify|smpp/.test(spec))
          .map((s) => `${relative(SRC, f)}: ${s}`),
      );
    assert.deepEqual(violations, []);
  });
});
