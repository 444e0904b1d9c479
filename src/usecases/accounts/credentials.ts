/**
 * The signed-in account's ways to sign in (docs/methods.md: an account holds several and adds more later):
 * listed for the account page, added by the methods that prove one (a certificate, a PostID link, a
 * password), removed but never the last one (the repository decides that in one atomic statement, so two
 * removals racing cannot leave an account nobody can open).
 */
import { afterCommit } from '../after-commit.ts';
import { failure, type Outcome, type RequestContext, success } from '../outcome.ts';
import type { CredentialSummary, CredentialType, NewCredential } from '../ports/repositories.ts';
import type { AccountDependencies } from './dependencies.ts';

export type CredentialView =
  | { type: 'password'; identifier: string; addedAt: Date }
  | {
      type: 'certificate';
      /** The SHA-256 fingerprint: how the page names it for removal. */
      identifier: string;
      /** The certificate's subject CN, issuing CA's CN and end of validity, when its facts were kept. */
      subject?: string;
      issuer?: string;
      notAfter?: Date;
      addedAt: Date;
    }
  | {
      type: 'federated';
      identifier: string;
      /** The identity provider's id (`vnpost`). */
      provider: string;
      addedAt: Date;
    };

export function createCredentialUseCases(
  deps: Pick<AccountDependencies, 'accounts' | 'audit' | 'clock' | 'warn'>,
) {
  const audit = (
    event: 'account.credential_added' | 'account.credential_removed',
    accountId: string,
    type: CredentialType,
    context: RequestContext,
  ) =>
    afterCommit(deps.warn, `audit of ${event} not written`, { accountId }, () =>
      deps.audit.record({
        event,
        at: deps.clock.now(),
        accountId,
        // The type only: a certificate's fingerprint or an external subject is no business of the trail's reader.
        reason: type,
        requestId: context.requestId,
        clientIp: context.clientIp,
      }),
    );

  return {
    async list(accountId: string): Promise<CredentialView[]> {
      return (await deps.accounts.listCredentials(accountId)).map(viewOf);
    },

    async add(accountId: string, credential: NewCredential, context: RequestContext): Promise<Outcome<void>> {
      const added = await deps.accounts.addCredential(accountId, credential, deps.clock.now());
      if (added === 'taken') return failure('CREDENTIAL_TAKEN');
      await audit('account.credential_added', accountId, credential.type, context);
      return success(undefined);
    },

    async remove(
      accountId: string,
      type: CredentialType,
      identifier: string,
      context: RequestContext,
    ): Promise<Outcome<void>> {
      const removed = await deps.accounts.removeCredential(accountId, type, identifier);
      if (removed === 'last') return failure('LAST_CREDENTIAL');
      if (removed === 'not_found') return failure('CREDENTIAL_NOT_FOUND');
      await audit('account.credential_removed', accountId, type, context);
      return success(undefined);
    },
  };
}

export type CredentialUseCases = ReturnType<typeof createCredentialUseCases>;

function viewOf(credential: CredentialSummary): CredentialView {
  const { identifier, createdAt: addedAt } = credential;
  if (credential.type === 'federated') {
    const provider = identifier.slice(0, Math.max(0, identifier.indexOf(':'))) || identifier;
    return { type: 'federated', identifier, provider, addedAt };
  }
  if (credential.type === 'certificate')
    return { type: 'certificate', identifier, ...factsOf(credential.details), addedAt };
  return { type: 'password', identifier, addedAt };
}

/** The facts a certificate method kept (CertificateFacts without the PEM), read leniently: they are display only. */
function factsOf(details: string): { subject?: string; issuer?: string; notAfter?: Date } {
  if (!details) return {};
  try {
    const facts = JSON.parse(details) as Record<string, unknown>;
    const notAfter = typeof facts.notAfter === 'string' ? new Date(facts.notAfter) : undefined;
    return {
      ...(typeof facts.subject === 'string' && { subject: facts.subject }),
      ...(typeof facts.issuer === 'string' && { issuer: facts.issuer }),
      ...(notAfter && !Number.isNaN(notAfter.getTime()) && { notAfter }),
    };
  } catch {
    return {};
  }
}
