/**
 * The accounts as the OpenID Provider sees them: the decrypted subject its claims are made of. The account and
 * its claim evidence are read together (two queries in flight at once: round trips are what a sign-in costs).
 */
import type { PersonalDataProtector } from '../ports/protection.ts';
import type { AccountRepository } from '../ports/repositories.ts';
import type { ClaimsSubject } from './claims.ts';

export interface HubAccounts {
  /** The account's claims subject; undefined when no such account (any more). */
  subjectOf(accountId: string): Promise<ClaimsSubject | undefined>;
}

export function createHubAccounts(deps: {
  accounts: Pick<AccountRepository, 'findById' | 'claimsOf'>;
  protector: Pick<PersonalDataProtector, 'decrypt'>;
}): HubAccounts {
  return {
    async subjectOf(accountId) {
      if (!UUID.test(accountId)) return undefined;
      const [account, evidence] = await Promise.all([
        deps.accounts.findById(accountId),
        deps.accounts.claimsOf(accountId),
      ]);
      if (!account) return undefined;
      const decrypt = (ciphertext: string) => deps.protector.decrypt(ciphertext);
      return {
        // The random account id: stable, opaque, and already what the hub's own API calls the account.
        sub: account.id,
        kind: account.kind,
        idNumber: decrypt(account.idNumberEnc),
        fullName: decrypt(account.fullNameEnc),
        ...(account.birthDateEnc && { birthDate: decrypt(account.birthDateEnc) }),
        ...(account.sexEnc && { sex: decrypt(account.sexEnc) === 'F' ? ('F' as const) : ('M' as const) }),
        ...(account.phone && { phoneNumber: decrypt(account.phone.enc) }),
        evidence,
      };
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
