/**
 * What the pages need from the OpenID Provider to serve its interactions (sign-in, step-up, consent, registration
 * from a portal): the interaction in progress, the client that started it, recording a consent, and ending the
 * interaction with an error. Finishing a sign-in is the provider glue's (src/web/oidc/interaction.ts), from the
 * hub session the pages open.
 * The pages see this small surface, never the provider's internals; `providerInteractions` implements it on
 * oidc-provider, whose interaction cookie is scoped to `/oidc/interaction/{uid}`, so every page that reads or finishes
 * an interaction lives under that path.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';
import { endProviderSession } from '../sign-out/end-provider-session.ts';

/** Where the provider sends the browser for an interaction (its `interactions.url`), and the pages under it. */
export const INTERACTION_ROUTE = '/oidc/interaction/:uid';
export const interactionPath = (uid: string, step = '') =>
  `/oidc/interaction/${encodeURIComponent(uid)}${step ? `/${step}` : ''}`;

export interface Interaction {
  uid: string;
  /** The prompt the provider asks for (`login`, `consent`, `create`, ...) and why. */
  prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
  params: Record<string, unknown>;
  clientId: string;
  /** The account of the provider's session, when it has one. */
  accountId?: string | undefined;
  /** When the portal's authorization request reached the hub. */
  startedAt: Date;
}

export interface HubClient {
  clientId: string;
  /** As the client registered it; the pages name the two government portals in the citizen's language. */
  name?: string | undefined;
}

export interface HubInteractions {
  /** The interaction this browser is in, or undefined when it expired, ended or belongs to another browser. */
  details(request: FastifyRequest, reply: FastifyReply): Promise<Interaction | undefined>;
  client(clientId: string): Promise<HubClient | undefined>;
  /** Grants what the consent prompt asked for (missing scopes and claims) to the signed-in account. */
  consent(request: FastifyRequest, reply: FastifyReply, interaction: Interaction): Promise<string>;
  /** Ends the interaction with an OAuth error for the client (`access_denied`). */
  fail(request: FastifyRequest, reply: FastifyReply, error: string, description: string): Promise<string>;
  /** Ends this browser's provider session everywhere: back-channel logout to every portal in it. */
  endSession(request: FastifyRequest, reply: FastifyReply): Promise<void>;
}

/** On the provider, which exists once the server listens (its issuer is the address it got). */
export function providerInteractions(providerOf: () => Provider | undefined): HubInteractions {
  const started = () => {
    const provider = providerOf();
    if (!provider) throw new Error('the OpenID Provider is not started yet');
    return provider;
  };
  return {
    async details(request, reply) {
      try {
        const found = await started().interactionDetails(request.raw, reply.raw);
        return {
          uid: found.uid,
          prompt: {
            name: found.prompt.name,
            reasons: [...found.prompt.reasons],
            details: { ...found.prompt.details },
          },
          params: { ...found.params },
          clientId: String(found.params.client_id ?? ''),
          accountId: found.session?.accountId,
          startedAt: new Date(found.iat * 1000),
        };
      } catch (error) {
        if (error instanceof errors.SessionNotFound) return undefined;
        throw error;
      }
    },

    async client(clientId) {
      const client = await started().Client.find(clientId);
      return client ? { clientId: client.clientId, name: client.clientName } : undefined;
    },

    async consent(request, reply, interaction) {
      const provider = started();
      const found = await provider.interactionDetails(request.raw, reply.raw);
      const accountId = found.session?.accountId;
      if (!accountId) throw new errors.SessionNotFound('no signed-in account to grant for');
      const grant =
        (found.grantId ? await provider.Grant.find(found.grantId) : undefined) ??
        new provider.Grant({ accountId, clientId: interaction.clientId });
      const missingScopes = found.prompt.details.missingOIDCScope as string[] | undefined;
      const missingClaims = found.prompt.details.missingOIDCClaims as string[] | undefined;
      if (missingScopes?.length) grant.addOIDCScope(missingScopes.join(' '));
      if (missingClaims?.length) grant.addOIDCClaims(missingClaims);
      const grantId = await grant.save();
      return provider.interactionResult(
        request.raw,
        reply.raw,
        { consent: found.grantId ? {} : { grantId } },
        { mergeWithLastSubmission: true },
      );
    },

    fail(request, reply, error, description) {
      return started().interactionResult(
        request.raw,
        reply.raw,
        { error, error_description: description },
        { mergeWithLastSubmission: false },
      );
    },

    async endSession(request, reply) {
      const provider = providerOf();
      if (provider) await endProviderSession(provider, request, reply);
    },
  };
}
