/**
 * The pages' one stylesheet and one script, read once at start and served under a content-hashed name so
 * browsers may cache them for a year (a cheap phone on a slow network downloads them once).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

export interface Assets {
  css: string;
  js: string;
}

const STATIC_DIR = new URL('../../static/', import.meta.url);

function load(name: string, type: string) {
  const body = readFileSync(new URL(name, STATIC_DIR));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const [base, ext] = name.split('.');
  return { url: `/static/${base}.${hash}.${ext}`, body, type };
}

let files: ReturnType<typeof load>[] | undefined;
const loaded = () => {
  files ??= [load('site.css', 'text/css; charset=utf-8'), load('site.js', 'text/javascript; charset=utf-8')];
  return files;
};

/** The hashed addresses of the stylesheet and the script. */
export function assetUrls(): Assets {
  const [css, js] = loaded();
  return { css: css!.url, js: js!.url };
}

export function registerAssets(app: FastifyInstance): Assets {
  for (const file of loaded()) {
    app.get(file.url, async (_request, reply) =>
      reply.type(file.type).header('cache-control', 'public, max-age=31536000, immutable').send(file.body),
    );
  }
  return assetUrls();
}
