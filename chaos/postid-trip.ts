/**
 * The Vietnam Post journey of the load: a registration with an approved PostID account, as a browser without
 * JavaScript makes it. The hub's pages through the balancer (CSRF forms, cookies, the citizen's address), PostID's
 * own pages on its own port (its login interaction), the redirects between them followed one by one, each answer
 * recorded under its step. PostID is made a fresh approved account first, through the simulators' dev API.
 */
import { makePersonalIdNumber } from '../src/domain/id-number.ts';
import { HUB_PUBLIC_URL } from './cluster.ts';
import { type Answer, send } from './http.ts';
import type { Recorder } from './recorder.ts';

/** A journey step that failed: thrown as the load's own (it names the step). */
export type Fail = (step: string) => Error;

const PASSWORD = 'Buu-dien-2024';
let serial = 0;

/** Cookies per origin, as a browser keeps them; set-cookie with an empty value or max-age=0 forgets one. */
class Jar {
  readonly #byOrigin = new Map<string, Map<string, string>>();

  header(origin: string): Record<string, string> {
    const jar = this.#byOrigin.get(origin);
    return jar && jar.size > 0
      ? { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') }
      : {};
  }

  keep(origin: string, answer: Answer) {
    const jar = this.#byOrigin.get(origin) ?? new Map<string, string>();
    this.#byOrigin.set(origin, jar);
    for (const line of ([] as string[]).concat(answer.headers['set-cookie'] ?? [])) {
      const [pair, ...attributes] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      if (value === '' || attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a)))
        jar.delete(name);
      else jar.set(name, value);
    }
  }
}

export interface PostIdTripContext {
  lbUrl: string;
  simUrl: string;
  recorder: Recorder;
  fail: Fail;
}

export interface PostIdTripResult {
  accountId: string;
  idNumber: string;
}

/**
 * The whole trip. The hub's callback or consent answering 503 (PostID down or slow when the hub asks it for the
 * token and the userinfo) is reported through `refusedByOutage` before the step fails: nothing may exist for
 * that ID number afterwards.
 */
export async function postIdRegistration(
  context: PostIdTripContext,
  ip: string,
  refusedByOutage: (idNumber: string) => void,
): Promise<PostIdTripResult> {
  const { lbUrl, recorder, fail } = context;
  serial++;
  const birthDate = '1993-07-21';
  const idNumber = makePersonalIdNumber({
    provinceCode: '036',
    sex: 'male',
    birthDate,
    serial: 980_000 + serial,
  });
  const username = `chaos.${process.pid}.${serial}`;
  const created = await send(`${context.simUrl}/sim/postid/accounts`, 'POST', {
    body: {
      username,
      password: PASSWORD,
      fullName: 'Đỗ Văn Bưu',
      birthDate,
      idNumber,
      phoneNumber: `0914${String(100_000 + serial).slice(-6)}`,
      sex: 'M',
      status: 'approved',
    },
  });
  if (created.status !== 201) throw fail('postid-account');

  const jar = new Jar();
  const hubOrigin = new URL(lbUrl).origin;
  /** One request of the browser: to the hub (through the balancer, from the citizen's address) or to PostID. */
  const go = async (
    step: string,
    url: string,
    form?: Record<string, string>,
  ): Promise<Answer & { location?: string }> => {
    const target = new URL(url);
    const toHub = target.origin === hubOrigin;
    const answer = await send(target.href, form ? 'POST' : 'GET', {
      ...(form && { form }),
      headers: {
        accept: 'text/html',
        ...jar.header(target.origin),
        ...(toHub && { 'x-forwarded-for': ip }),
      },
    });
    recorder.answer(step, answer);
    jar.keep(target.origin, answer);
    const location = answer.headers.location;
    return { ...answer, ...(location && { location: new URL(location, target).href }) };
  };
  const redirected = (step: string, answer: Answer & { location?: string }) => {
    if (answer.status !== 303 && answer.status !== 302) throw fail(step);
    return answer.location!;
  };
  const csrfOf = (step: string, answer: Answer) => {
    const token = /name="_csrf" value="([^"]+)"/.exec(answer.text ?? '')?.[1];
    if (answer.status !== 200 || !token) throw fail(step);
    return token;
  };
  /** The hub named by its public URL in PostID's redirect: the same path and query, to the balancer. */
  const atHub = (url: string) => {
    const parsed = new URL(url);
    if (parsed.origin !== new URL(HUB_PUBLIC_URL).origin && parsed.origin !== hubOrigin)
      throw fail('postid-return');
    return `${lbUrl}${parsed.pathname}${parsed.search}`;
  };

  const intro = await go('vnpost-intro', `${lbUrl}/register/vnpost`);
  const started = await go('vnpost-start', `${lbUrl}/vnpost/start`, {
    _csrf: csrfOf('vnpost-intro', intro),
    purpose: 'register',
  });
  const authorize = await go('postid-authorize', redirected('vnpost-start', started));
  const interactionUrl = new URL(redirected('postid-authorize', authorize));
  const interaction = await go('postid-interaction', interactionUrl.href);
  const login = await go('postid-login', `${interactionUrl.origin}${interactionUrl.pathname}/login`, {
    _csrf: csrfOf('postid-interaction', interaction),
    username,
    password: PASSWORD,
  });
  const resumed = await go('postid-resume', redirected('postid-login', login));
  const callback = await go('vnpost-callback', atHub(redirected('postid-resume', resumed)));
  if (callback.status === 503) refusedByOutage(idNumber);
  const consentUrl = atHub(redirected('vnpost-callback', callback));
  const consentPage = await go('vnpost-consent', consentUrl);
  const decided = await go('vnpost-decide', consentUrl, {
    _csrf: csrfOf('vnpost-consent', consentPage),
    decision: 'accept',
  });
  if (decided.status === 503) refusedByOutage(idNumber);
  const done = redirected('vnpost-decide', decided);
  if (new URL(done).pathname !== '/register/vnpost/done') throw fail('vnpost-decide');
  const me = await go('vnpost-me', `${lbUrl}/api/v1/me`);
  const accountId = me.status === 200 ? me.body.accountId : undefined;
  if (typeof accountId !== 'string') throw fail('vnpost-me');
  return { accountId, idNumber };
}
