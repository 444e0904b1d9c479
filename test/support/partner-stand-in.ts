/**
 * For adapter tests: a partner stand-in that answers every request the same way (a body the real partner
 * would never send), and a look at one labelled value of a metric.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export class StandIns {
  readonly #servers: Server[] = [];

  /** The base URL of a server answering every request with this status, content type and body. */
  async answering(status: number, contentType: string, body: string): Promise<string> {
    const server = createServer((_request, response) => {
      response.writeHead(status, { 'content-type': contentType });
      response.end(body);
    });
    this.#servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** The base URL of a port where nothing listens any more (connections refused). */
  async nobodyListening(): Promise<string> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await new Promise((resolve) => server.close(resolve));
    return url;
  }

  closeAll() {
    for (const server of this.#servers.splice(0)) server.close();
  }
}

/** The value of `name` for the series whose `label` is `value` (undefined when there is none yet). */
export async function metricValue(
  registry: Registry,
  name: string,
  label: { [label: string]: string },
): Promise<number | undefined> {
  const metric = registry.getSingleMetric(name);
  const values = metric ? (await metric.get()).values : [];
  const [[key, wanted]] = Object.entries(label) as [[string, string]];
  return values.find((v) => v.labels[key] === wanted)?.value;
}
