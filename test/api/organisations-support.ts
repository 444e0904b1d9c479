/**
 * Accounts of the methods without an SMS code, made in a running test system as those methods make them (the
 * shared tail, registerVerified, on the system's own database and keys), and a hub session for one: so the
 * account page and API can be tested before, and independently of, each method's own journey.
 */
import { createPersonalDataProtector } from '../../src/adapters/crypto/personal-data-protector.ts';
import { createAccountRepository } from '../../src/adapters/db/account-repository.ts';
import { createRegistrationRepository } from '../../src/adapters/db/registration-repository.ts';
import { loadConfig } from '../../src/config/config.ts';
import { CERTIFICATE_SIGN_IN, createSessions } from '../../src/usecases/accounts/sessions.ts';
import { noMetrics } from '../../src/usecases/ports/journey-metrics.ts';
import { cryptoRandom } from '../../src/usecases/ports/random.ts';
import type { RegistrationDependencies } from '../../src/usecases/registration/dependencies.ts';
import {
  createRegisterVerified,
  type VerifiedRegistrationInput,
} from '../../src/usecases/registration/register-verified.ts';
import { DEFAULT_REGISTRATION_RULES } from '../../src/usecases/registration/rules.ts';
import type { TestSystem } from '../support/system.ts';

export function systemAccounts(test: TestSystem) {
  const config = loadConfig(test.env);
  const protector = createPersonalDataProtector({
    current: config.secrets.dataKey,
    hmacKey: config.secrets.hmacKey,
  });
  const db = test.system.database.as();
  const accounts = createAccountRepository(db as never);
  const deps = {
    registrations: createRegistrationRepository(db as never),
    accounts,
    audit: { record: async () => {} },
    protector,
    clock: test.clock,
    random: cryptoRandom,
    metrics: noMetrics,
    rules: DEFAULT_REGISTRATION_RULES,
  } as unknown as RegistrationDependencies;
  const sessions = createSessions({
    store: test.system.store,
    protector,
    random: cryptoRandom,
    clock: test.clock,
  });
  return {
    accounts,
    registerVerified: createRegisterVerified(deps),
    /** The `sid` cookie of a new hub session of the account, as a certificate sign-in would open. */
    async sessionCookie(accountId: string, authentication = CERTIFICATE_SIGN_IN) {
      const session = await sessions.create(accountId, authentication);
      return `sid=${session.token}`;
    },
  };
}

export const anOrganisation = (taxCode: string, fingerprint: string): VerifiedRegistrationInput => ({
  method: 'usb-token',
  partner: 'vnpt',
  subject: {
    kind: 'organisation',
    taxCode,
    organisationName: 'Công ty TNHH Phần mềm Sông Hồng',
    claims: [
      { claim: 'taxCode', source: 'CA', level: 3 },
      { claim: 'organisationName', source: 'CA', level: 3 },
    ],
  },
  credential: () => ({
    type: 'certificate',
    identifier: fingerprint,
    secret: JSON.stringify({
      fingerprint,
      serialNumber: '1a2b',
      issuer: 'VNPT-CA (TEST)',
      subject: 'Công ty TNHH Phần mềm Sông Hồng',
      notBefore: '2026-01-01T00:00:00.000Z',
      notAfter: '2028-03-31T00:00:00.000Z',
    }),
  }),
});
