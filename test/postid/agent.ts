/**
 * A browser without a browser, for PostID's pages over HTTP: keeps cookies per origin, follows nothing by itself
 * (each step's redirect is asserted), reads the CSRF token from a form and posts it back.
 */
import assert from 'node:assert/strict';

export class PageAgent {
  readonly #cookies = new Map<string, Map<string, string>>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const target = new URL(url);
    const jar = this.#jar(target.origin);
    const headers: Record<string, string> = { accept: 'text/html' };
    if (jar.size > 0) headers.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(target, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      redirect: 'manual',
      ...(init.form && { body: new URLSearchParams(init.form).toString() }),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    const body = await response.text();
    const location = response.headers.get('location');
    return {
      status: response.status,
      body,
      location: location ? new URL(location, target).href : undefined,
      headers: response.headers,
    };
  }

  /** GETs a page with a form and posts `form` with the page's CSRF token; returns the answer to the post. */
  async submit(pageUrl: string, action: string, form: Record<string, string>) {
    const page = await this.request(pageUrl);
    assert.equal(page.status, 200, page.body.slice(0, 500));
    return this.post(new URL(action, pageUrl).href, form, csrfOf(page.body));
  }

  post(url: string, form: Record<string, string>, csrf: string) {
    return this.request(url, { form: { _csrf: csrf, ...form } });
  }

  cookie(origin: string, name: string) {
    return this.#jar(origin).get(name);
  }

  #jar(origin: string) {
    let jar = this.#cookies.get(origin);
    if (!jar) {
      jar = new Map();
      this.#cookies.set(origin, jar);
    }
    return jar;
  }
}

export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(match, 'the page has a CSRF token');
  return match[1]!;
}
