/**
 * OpenID Provider settings for a throwaway hub started in production mode (bench, chaos, start-up tests), which
 * refuses to start without them: fresh signing keys, one placeholder portal client, the issuer given.
 */
import { randomBytes } from 'node:crypto';
import { generateSigningKeys } from '../../src/config/oidc-config.ts';

export function throwawayOidcEnv(publicUrl: string): Record<string, string> {
  return {
    PUBLIC_URL: publicUrl,
    OIDC_SIGNING_KEYS: JSON.stringify({ keys: generateSigningKeys('throwaway') }),
    OIDC_CLIENTS: JSON.stringify([
      {
        client_id: 'throwaway-portal',
        client_secret: randomBytes(24).toString('base64url'),
        redirect_uris: [`${publicUrl}/unused/auth/callback`],
      },
    ]),
  };
}
