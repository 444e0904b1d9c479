/**
 * The identity hub in the bench: authorization-code flows of a first-party client by citizens who already have
 * a hub session (signed in once through the sign-in API, as a citizen coming back from another portal is).
 * One flow is what a portal's sign-in costs the hub: authorize (with PKCE S256) and its redirects until the
 * code reaches the portal's redirect URI, the code redeemed at the token endpoint, then userinfo.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Answer, request } from './http.ts';

export const BENCH_CLIENT = {
  client_id: 'bench-portal',
  client_secret: randomBytes(24).toString('base64url'),
  redirect_uris: ['http://127.0.0.1:9/auth/callback'],
  first_party: true,
};

/** A citizen's browser at the hub: its cookies by name (one host, so paths and domains do not matter). */
export class Jar {
  private readonly cookies = new Map<string, string>();

  header(): Record<string, string> {
    return this.cookies.size === 0
      ? {}
      : { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }

  keep(answer: Answer) {
    for (const line of answer.headers['set-cookie'] ?? []) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      if (/expires=Thu, 01 Jan 1970|max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(at + 1));
    }
  }
}

async function signedIn(base: string, username: string, password: string): Promise<Jar> {
  const jar = new Jar();
  const answer = await request(`${base}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (answer.status !== 201) throw new Error(`bench sign-in answered ${answer.status}`);
  jar.keep(answer);
  return jar;
}

/** One whole flow; throws if any step is not what a portal needs. */
async function flow(base: string, jar: Jar): Promise<void> {
  const verifier = randomBytes(32).toString('base64url');
  const redirectUri = BENCH_CLIENT.redirect_uris[0]!;
  const state = randomBytes(12).toString('base64url');
  const query = new URLSearchParams({
    client_id: BENCH_CLIENT.client_id,
    response_type: 'code',
    scope: 'openid profile',
    redirect_uri: redirectUri,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state,
    nonce: randomBytes(12).toString('base64url'),
  });
  let next = `${base}/oidc/auth?${query}`;
  let code: string | null = null;
  for (let hop = 0; hop < 6 && !code; hop++) {
    const answer = await request(next, { headers: jar.header() });
    jar.keep(answer);
    const location = answer.headers.location;
    if (answer.status < 300 || answer.status >= 400 || !location)
      throw new Error(`authorize stopped at ${new URL(next).pathname} with ${answer.status}`);
    const target = new URL(location, next);
    if (target.href.startsWith(redirectUri)) code = target.searchParams.get('code');
    else next = target.href;
  }
  if (!code) throw new Error('the hub gave no code');
  const basic = Buffer.from(`${BENCH_CLIENT.client_id}:${BENCH_CLIENT.client_secret}`).toString('base64');
  const token = await request(`${base}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }).toString(),
  });
  if (token.status !== 200) throw new Error(`token answered ${token.status}: ${token.text.slice(0, 200)}`);
  const { access_token: accessToken } = JSON.parse(token.text) as { access_token: string };
  const userinfo = await request(`${base}/oidc/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  if (userinfo.status !== 200) throw new Error(`userinfo answered ${userinfo.status}`);
}

export interface HubFlowRun {
  flows: number;
  failures: number;
  /** Each completed flow's duration, ms. */
  durations: number[];
  seconds: number;
  firstError?: string;
}

/**
 * Citizens with a hub session, each through one flow already: the provider's own session is made on a citizen's
 * first authorization, which is not what is measured.
 */
export async function hubCitizens(base: string, usernames: string[], password: string): Promise<Jar[]> {
  if (usernames.length === 0) throw new Error('no accounts to sign in with');
  const jars = await Promise.all(usernames.map((name) => signedIn(base, name, password)));
  await Promise.all(jars.map((jar) => flow(base, jar)));
  return jars;
}

/** Each citizen runs flows back to back for `seconds`; a failed flow is counted, not timed, its error kept. */
export async function runHubFlows(base: string, jars: Jar[], seconds: number): Promise<HubFlowRun> {
  const run: HubFlowRun = { flows: 0, failures: 0, durations: [], seconds: 0 };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    jars.map(async (jar) => {
      while (performance.now() < deadline) {
        const flowStarted = performance.now();
        try {
          await flow(base, jar);
          run.durations.push(performance.now() - flowStarted);
          run.flows++;
        } catch (error) {
          run.failures++;
          run.firstError ??= String((error as Error).message ?? error);
        }
      }
    }),
  );
  run.seconds = (performance.now() - started) / 1000;
  return run;
}
