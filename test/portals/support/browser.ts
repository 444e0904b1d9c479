/**
 * A browser without rendering for tests across the hub and the portals: one cookie jar per host name (as
 * browsers share cookies across the ports of a host, which is why each app names its cookies apart), and
 * redirects followed across origins, remembering each address passed through.
 */
export interface BrowserResponse {
  url: string;
  status: number;
  location: string | undefined;
  html: string;
  headers: Headers;
}

export class Browser {
  readonly #jars = new Map<string, Map<string, string>>();

  constructor(readonly headers: Record<string, string> = {}) {}

  cookies(url: string): Map<string, string> {
    const host = new URL(url).hostname;
    let jar = this.#jars.get(host);
    if (!jar) {
      jar = new Map();
      this.#jars.set(host, jar);
    }
    return jar;
  }

  async request(url: string, init: RequestInit = {}): Promise<BrowserResponse> {
    const jar = this.cookies(url);
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...this.headers,
        ...(init.headers as Record<string, string>),
        cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; '),
      },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1);
      const expired = attributes.some(
        (a) =>
          /^\s*max-age=0\s*$/i.test(a) ||
          (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()),
      );
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    const location = response.headers.get('location');
    return {
      url,
      status: response.status,
      location: location ? new URL(location, url).href : undefined,
      html: await response.text(),
      headers: response.headers,
    };
  }

  /** Requests `url`, then follows redirects; returns the last answer and every address passed through. */
  async follow(url: string, init: RequestInit = {}): Promise<BrowserResponse & { hops: string[] }> {
    const hops = [url];
    let response = await this.request(url, init);
    while (response.location) {
      if (hops.length > 15) throw new Error(`too many redirects:\n${hops.join('\n')}`);
      hops.push(response.location);
      response = await this.request(response.location);
    }
    return { ...response, hops };
  }

  /** Posts a form (url-encoded) and follows where it leads. */
  postForm(url: string, fields: Record<string, string>) {
    return this.follow(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

/** The value of a hidden or text input of the page. */
export function inputValue(html: string, name: string): string | undefined {
  return new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(html)?.[1];
}
