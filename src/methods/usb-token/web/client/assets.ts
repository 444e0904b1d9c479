/**
 * The client module of the USB-token pages (usb-token.js, beside this file): read once, served under a
 * content-hashed name from the hub's own origin, so the CSP's `script-src 'self'` allows it and browsers may
 * cache it for a year. Only these pages load it; every other page stays script-light.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

let loaded: { url: string; body: Buffer } | undefined;

export function clientModule() {
  if (!loaded) {
    const body = readFileSync(new URL('./usb-token.js', import.meta.url));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    loaded = { url: `/static/usb-token.${hash}.js`, body };
  }
  return loaded;
}

export function serveClientModule(app: FastifyInstance) {
  const { url, body } = clientModule();
  app.get(url, async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .send(body),
  );
}
