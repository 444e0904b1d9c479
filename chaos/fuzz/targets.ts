/**
 * What there is to fuzz, found on the running server: the JSON endpoints from its OpenAPI document (so
 * new endpoints are fuzzed without touching the fuzzer) and the page forms from the pages themselves
 * (crawled from the home page), plus the forms that only show inside a journey or a session.
 */
import type { HttpClient } from './http.ts';

export interface JsonEndpoint {
  method: string;
  /** The path template, `{name}` for each path parameter. */
  template: string;
  /** Body fields from the schema, empty when the operation takes no body. */
  fields: string[];
  required: string[];
  hasBody: boolean;
}

export interface PageForm {
  action: string;
  /** Field names of the form, `_csrf` excluded. */
  fields: string[];
}

export interface Targets {
  endpoints: JsonEndpoint[];
  pages: string[];
  forms: PageForm[];
}

interface OpenApiOperation {
  requestBody?: {
    content?: Record<string, { schema?: { properties?: Record<string, unknown>; required?: string[] } }>;
  };
}

/**
 * Forms shown only to a citizen in a registration, a recovery or a session: a crawl never sees them, but
 * a forged or stale cookie reaches their handlers all the same.
 */
const FORMS_BEHIND_GUARDS: PageForm[] = [
  { action: '/register/mobile/code', fields: ['code'] },
  { action: '/register/mobile/code/resend', fields: [] },
  { action: '/register/mobile/password', fields: ['password', 'confirmPassword'] },
  { action: '/forgot-password/code', fields: ['code'] },
  { action: '/forgot-password/code/resend', fields: [] },
  { action: '/forgot-password/password', fields: ['newPassword', 'confirmPassword'] },
  { action: '/account/password', fields: ['currentPassword', 'newPassword', 'confirmPassword'] },
  { action: '/sign-out', fields: [] },
];

const PAGES_BEHIND_GUARDS = [
  '/register/mobile/code',
  '/register/mobile/password',
  '/register/mobile/done',
  '/forgot-password/code',
  '/forgot-password/password',
  '/forgot-password/done',
  '/account',
  '/account/password',
  '/refused/SUBSCRIBER_NOT_OWNER',
  '/refused/OTP_LOCKED',
  '/language/en',
];

export async function discoverEndpoints(client: HttpClient): Promise<JsonEndpoint[]> {
  const response = await client.send({
    method: 'GET',
    path: '/api/docs',
    headers: { accept: 'application/json' },
  });
  if (response.status !== 200) throw new Error(`GET /api/docs answered ${response.status}`);
  const document = JSON.parse(response.body) as { paths: Record<string, Record<string, OpenApiOperation>> };
  return Object.entries(document.paths).flatMap(([template, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      return {
        method: method.toUpperCase(),
        template,
        fields: Object.keys(schema?.properties ?? {}),
        required: schema?.required ?? [],
        hasBody: schema !== undefined,
      };
    }),
  );
}

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const unescapeHtml = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** The POST forms of a page, with the names of their fields. */
export function formsOf(html: string): PageForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].flatMap(([, open = '', inner = '']) => {
    const action = attribute(open, 'action');
    if (!action || !/method="post"/i.test(open)) return [];
    const names = [...inner.matchAll(/<(?:input|select|textarea|button)\b[^>]*>/g)]
      .map(([tag]) => attribute(tag, 'name'))
      .filter((name): name is string => name !== undefined && name !== '_csrf');
    return [{ action: unescapeHtml(action), fields: [...new Set(names)] }];
  });
}

const linksOf = (html: string) =>
  [...html.matchAll(/<a\b[^>]*\shref="(\/[^"/][^"]*|\/)"/g)].map(
    ([, href = '']) => unescapeHtml(href).split('#')[0]!,
  );

/** Walks the site from its home page (same-site links only, a bounded number of pages) and reads its forms. */
export async function crawlPages(
  client: HttpClient,
  maxPages = 40,
): Promise<{ pages: string[]; forms: PageForm[] }> {
  const seen = new Set<string>();
  const queue = ['/'];
  const forms = new Map<string, PageForm>();
  while (queue.length > 0 && seen.size < maxPages) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const response = await client.send({ method: 'GET', path, headers: { accept: 'text/html' } });
    const location = response.headers.location;
    if (typeof location === 'string' && location.startsWith('/')) queue.push(location);
    if (response.status !== 200 || !/text\/html/.test(String(response.headers['content-type']))) continue;
    for (const form of formsOf(response.body)) forms.set(form.action.split('?')[0]!, form);
    for (const link of linksOf(response.body))
      if (!link.startsWith('/sim/') && !link.startsWith('/api/')) queue.push(link);
  }
  for (const form of FORMS_BEHIND_GUARDS) if (!forms.has(form.action)) forms.set(form.action, form);
  const pages = [...new Set([...seen, ...PAGES_BEHIND_GUARDS].map((p) => p.split('?')[0]!))];
  return { pages, forms: [...forms.values()] };
}

export async function discoverTargets(client: HttpClient): Promise<Targets> {
  const [endpoints, site] = await Promise.all([discoverEndpoints(client), crawlPages(client)]);
  return { endpoints, ...site };
}
