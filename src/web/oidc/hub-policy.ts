/**
 * The provider's interaction policy and grants, by the hub's rules (hub.md): its session follows the hub session,
 * `max_age` by the hub's clock, LoA2 asked as a step-up, `prompt=create`; first-party portals never asked consent.
 */
import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import type { Session } from '../../usecases/accounts/sessions.ts';
import { requestedLevel } from '../../usecases/hub/hub-login.ts';
import { SESSION_COOKIE } from '../session-cookie.ts';

/**
 * The government's own portals never ask consent (hub.md): their grant is made on the spot with what they
 * asked for. Another client's grant exists only once the citizen consented (the consent page records it).
 */
export async function loadOrGrantFirstParty(ctx: KoaContextWithOIDC, firstParty: ReadonlySet<string>) {
  const { oidc } = ctx;
  const client = oidc.client!;
  const grantId = oidc.result?.consent?.grantId || oidc.session!.grantIdFor(client.clientId);
  const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  if (!firstParty.has(client.clientId)) return existing;
  const grant =
    existing ?? new oidc.provider.Grant({ clientId: client.clientId, accountId: oidc.session!.accountId! });
  const scope = String(oidc.params!.scope ?? '');
  const missingScope = scope.split(' ').filter((s) => s && !grant.getOIDCScope().split(' ').includes(s));
  const missingClaims = [...(oidc.requestParamClaims ?? [])].filter(
    (claim) => !grant.getOIDCClaims().includes(claim),
  );
  // A first-party portal asking for more than last time gets it without a page; saved only when it changed.
  if (existing && missingScope.length === 0 && missingClaims.length === 0) return existing;
  if (missingScope.length > 0) grant.addOIDCScope(missingScope.join(' '));
  if (missingClaims.length > 0) grant.addOIDCClaims(missingClaims);
  await grant.save();
  return grant;
}

/**
 * oidc-provider's prompts with the hub's rules in the login prompt. Its own session follows the citizen's hub
 * session (the `sid` cookie): a citizen signed in at the hub is signed in here too, even with `prompt=none`
 * (single sign-on), with the hub session's `acr`, `amr` and `auth_time`; without a hub session, or with another
 * account's, the provider's session does not count (signing out at the hub ends single sign-on). A request for
 * LoA2 on a LoA1 session needs the missing factor (`acr_values` alone would not ask for it; with `prompt=none`
 * the portal gets `interaction_required`). And `prompt=create`: registration, a page of the hub.
 */
export function interactionsPolicy(
  resumeHubSession: (token: string) => Promise<Session | undefined>,
  now: () => Date,
  signedInFromHub: (ctx: KoaContextWithOIDC) => Promise<boolean>,
) {
  const { Check, Prompt, base } = interactionPolicy;
  const policy = base();
  const login = policy.get('login')!;
  const noSession = login.checks.findIndex((check) => check.reason === 'no_session');
  login.checks.splice(
    noSession,
    1,
    new Check('no_session', 'End-User authentication is required', 'login_required', async (ctx) => {
      const session = ctx.oidc.session!;
      // The hub's cookie, not the provider's: unsigned (its value is an opaque token the store knows).
      const token = ctx.cookies.get(SESSION_COOKIE, { signed: false });
      const hub = token ? await resumeHubSession(token) : undefined;
      if (!hub) return Check.REQUEST_PROMPT;
      // Another citizen signed in at the hub meanwhile: the interaction switches the provider's session.
      if (session.accountId && session.accountId !== hub.accountId) return Check.REQUEST_PROMPT;
      const loginTs = Math.floor(hub.authTime.getTime() / 1000);
      const wasSignedIn = Boolean(session.accountId);
      if (wasSignedIn && session.acr === hub.acr && session.loginTs === loginTs)
        return Check.NO_NEED_TO_PROMPT;
      session.loginAccount({ accountId: hub.accountId, acr: hub.acr, amr: hub.amr, loginTs });
      // The provider loads the account and its grant before the prompts; signed in only now, do it here.
      if (!wasSignedIn && !(await signedInFromHub(ctx))) return Check.REQUEST_PROMPT;
      return Check.NO_NEED_TO_PROMPT;
    }),
  );
  const maxAge = login.checks.findIndex((check) => check.reason === 'max_age');
  login.checks.splice(
    maxAge,
    1,
    new Check('max_age', 'End-User authentication could not be obtained', 'login_required', (ctx) => {
      const { oidc } = ctx;
      if (oidc.params?.max_age === undefined) return Check.NO_NEED_TO_PROMPT;
      if (!oidc.session?.accountId) return Check.REQUEST_PROMPT;
      const age = Math.floor(now().getTime() / 1000) - (oidc.session.loginTs ?? 0);
      return age > Number(oidc.params.max_age) && !oidc.result?.login
        ? Check.REQUEST_PROMPT
        : Check.NO_NEED_TO_PROMPT;
    }),
  );
  login.checks.push(
    new Check(
      'acr_too_low',
      'The requested assurance level needs another factor',
      'interaction_required',
      (ctx) => {
        const requested = String(ctx.oidc.params?.acr_values ?? '')
          .split(' ')
          .filter(Boolean);
        if (requested.length === 0) return Check.NO_NEED_TO_PROMPT;
        const current = ctx.oidc.session?.acr === 'LoA2' ? 2 : 1;
        return current >= requestedLevel(requested) ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
      },
    ),
  );
  policy.add(new Prompt({ name: 'create', requestable: true }), 0);
  return policy;
}
