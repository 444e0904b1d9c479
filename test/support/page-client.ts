/**
 * A browser-like client for page tests without a browser: keeps cookies, reads the CSRF token of the
 * last page, posts forms, and shows where redirects go (it does not follow them by itself).
 */
export interface PageResponse {
  status: number;
  location: string | undefined;
  html: string;
  headers: Headers;
  setCookies: string[];
}

export class PageClient {
  readonly cookies = new Map<string, string>();
  #csrf = '';

  constructor(
    readonly base: string,
    readonly headers: Record<string, string> = {},
  ) {}

  async get(path: string): Promise<PageResponse> {
    return this.#send(path, { method: 'GET' });
  }

  /** Posts a form with the CSRF token of the last page (unless the fields carry their own `_csrf`). */
  async post(path: string, fields: Record<string, string>): Promise<PageResponse> {
    return this.#send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: this.#csrf, ...fields }).toString(),
    });
  }

  /** GET, then follow redirects to the page they end on. */
  async visit(path: string): Promise<PageResponse & { path: string }> {
    let current = path;
    for (let hop = 0; hop < 5; hop++) {
      const response = await this.get(current);
      if (!response.location) return { ...response, path: current };
      current = response.location;
    }
    throw new Error(`too many redirects from ${path}`);
  }

  async #send(path: string, init: RequestInit): Promise<PageResponse> {
    const response = await fetch(`${this.base}${path}`, {
      ...init,
      redirect: 'manual',
      headers: {
        ...this.headers,
        ...(init.headers as Record<string, string>),
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      },
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const html = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) this.#csrf = token;
    return {
      status: response.status,
      location: response.headers.get('location') ?? undefined,
      html,
      headers: response.headers,
      setCookies,
    };
  }
}

/** The text of an HTML fragment, for assertions on what a citizen reads. */
export const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
