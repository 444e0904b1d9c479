/**
 * Graceful shutdown without dropping requests. Closing idle keep-alive sockets (what Node's server.close()
 * does) races with clients that are sending on them at that instant, and those requests are lost. So:
 * stop accepting new connections, answer every request still arriving on open connections with
 * `Connection: close`, wait for the connections to drain (bounded), then close the app.
 */
import { Server as NetServer } from 'node:net';
import type { FastifyInstance } from 'fastify';

const draining = new WeakSet<FastifyInstance>();

/** Registers the hook that tells clients to close their connection once shutdown has begun. */
export function connectionCloseWhileDraining(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply) => {
    if (draining.has(app)) reply.header('connection', 'close');
  });
}

export async function closeGracefully(app: FastifyInstance, graceMs = 10_000): Promise<void> {
  draining.add(app);
  const server = app.server;
  if (server.listening) {
    // net.Server's own close stops accepting but, unlike http.Server's, leaves open connections alone.
    NetServer.prototype.close.call(server);
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline && (await openConnections(server)) > 0) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    server.closeAllConnections();
  }
  await app.close();
}

function openConnections(server: NetServer): Promise<number> {
  return new Promise((resolve) => server.getConnections((error, count) => resolve(error ? 0 : count)));
}
