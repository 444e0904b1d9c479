/**
 * What a consent page lists: the claims of the scopes (and single claims) the portal asks for and has not been
 * granted yet, by the names citizens know (họ tên, ngày sinh, số định danh, ...), each once, in the order of
 * hub.md's claims table. `openid` is the account's opaque identifier; claims the hub does not know keep their name.
 */
import { SCOPE_CLAIMS } from '../../../usecases/hub/claims.ts';
import type { PageContext } from '../kit/context.ts';

/** Claims every ID token carries whatever the scopes: nothing for the citizen to decide. */
const ALWAYS = new Set(['sub', 'sid', 'auth_time', 'acr', 'amr', 'iss']);

export function consentClaimNames(ctx: PageContext, details: Record<string, unknown>): string[] {
  const scopes = stringsOf(details.missingOIDCScope);
  const claims = [
    ...scopes.flatMap((scope) =>
      scope === 'openid' ? ['account'] : [...(SCOPE_CLAIMS[scope as keyof typeof SCOPE_CLAIMS] ?? [])],
    ),
    ...stringsOf(details.missingOIDCClaims),
  ].filter((claim) => !ALWAYS.has(claim));
  const names = ctx.m.claims as Record<string, string | undefined>;
  return [...new Set(claims)].map((claim) => names[claim] ?? claim);
}

const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
