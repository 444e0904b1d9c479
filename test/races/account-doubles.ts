/**
 * Account use cases on test doubles: a real store (memory or Redis), the real protector, a manual clock,
 * and fakes that count the work done (password verifications, store operations, SMS) and can hold every
 * password verification at a gate, so a race is set up deterministically before any verification ends.
 */
import { randomBytes } from 'node:crypto';
import { createPersonalDataProtector } from '../../src/adapters/crypto/personal-data-protector.ts';
import type { AccountDependencies, SignInRules } from '../../src/usecases/accounts/dependencies.ts';
import { DEFAULT_SIGN_IN_RULES } from '../../src/usecases/accounts/dependencies.ts';
import { createOneTimeCodes } from '../../src/usecases/codes/one-time-codes.ts';
import { createSmsQuota } from '../../src/usecases/codes/sms-quota.ts';
import { ManualClock } from '../../src/usecases/ports/clock.ts';
import type { EphemeralStore } from '../../src/usecases/ports/ephemeral-store.ts';
import { noMetrics } from '../../src/usecases/ports/journey-metrics.ts';
import { cryptoRandom } from '../../src/usecases/ports/random.ts';
import type { AccountRecord } from '../../src/usecases/ports/repositories.ts';
import { DEFAULT_REGISTRATION_RULES } from '../../src/usecases/registration/rules.ts';

export const RIGHT_PASSWORD = 'Sông#Hồng2024xanh';

/** A promise the test opens when it chooses. */
export function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Yields to the event loop (and the store's sockets) until `ready()` holds; not a timed sleep. */
export async function until(ready: () => boolean, giveUpAfterMs = 10_000) {
  const deadline = Date.now() + giveUpAfterMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error('the awaited condition never held');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export function accountDoubles(
  store: EphemeralStore,
  options: { signInRules?: Partial<SignInRules>; clock?: ManualClock } = {},
) {
  const clock = options.clock ?? new ManualClock();
  const protector = createPersonalDataProtector({
    current: { id: 'k', key: randomBytes(32) },
    hmacKey: randomBytes(32),
  });
  const accountsByIndex = new Map<string, AccountRecord>();
  const verification = { entered: 0, gate: undefined as Promise<void> | undefined };
  const sms: Array<{ to: string; text: string }> = [];
  const codeRules = DEFAULT_REGISTRATION_RULES;

  const deps: AccountDependencies = {
    accounts: {
      existsForSubject: async (index) => accountsByIndex.has(index),
      findBySubject: async (index) => accountsByIndex.get(index),
      findById: async (id) => [...accountsByIndex.values()].find((a) => a.id === id),
      setPassword: async () => {},
      claimsOf: async () => [],
      findAccountByCredential: async () => undefined,
      addCredential: async () => 'added',
      removeCredential: async () => 'not_found',
      listCredentials: async () => [],
    },
    audit: { record: async () => {} },
    store,
    sessions: {
      create: async (accountId, authentication) => ({
        token: cryptoRandom.token(),
        accountId,
        ...authentication,
        authTime: clock.now(),
        expiresAt: clock.now(),
      }),
      resume: async () => undefined,
      end: async () => {},
      endAllOf: async () => {},
    },
    passwords: {
      hash: async (password) => `hash:${password}`,
      async verify(hash, password) {
        verification.entered++;
        await verification.gate;
        return hash === `hash:${password}`;
      },
      needsRehash: () => false,
    },
    protector,
    sms: {
      async send(message) {
        sms.push(message);
        return { messageId: String(sms.length) };
      },
      isReady: () => true,
      close: async () => {},
    },
    smsQuota: createSmsQuota(store),
    recoveryCodes: createOneTimeCodes({
      purpose: 'recovery',
      store,
      protector,
      random: cryptoRandom,
      length: codeRules.codeLength,
      retentionMs: codeRules.registrationTtlMs,
      maxWrongAnswers: codeRules.maxWrongAnswersPerCode,
    }),
    verifyCaptcha: async () => true,
    clock,
    random: cryptoRandom,
    metrics: noMetrics,
    signInRules: { ...DEFAULT_SIGN_IN_RULES, ...options.signInRules },
    codeRules,
    portalName: 'Cổng thử',
  };

  function addAccount(idNumber: string, phone = '+84911234567'): AccountRecord {
    const account: AccountRecord = {
      id: `acc-${accountsByIndex.size + 1}`,
      kind: 'citizen',
      subjectIndex: protector.blindIndex('id', idNumber),
      idNumberEnc: protector.encrypt(idNumber),
      fullNameEnc: protector.encrypt('NGUYEN THI HOA'),
      birthDateEnc: protector.encrypt('1990-05-17'),
      phone: { index: protector.blindIndex('phone', phone), enc: protector.encrypt(phone) },
      registrationMethod: 'mobile',
      password: { hash: `hash:${RIGHT_PASSWORD}`, changedAt: clock.now() },
      createdAt: clock.now(),
    };
    accountsByIndex.set(account.subjectIndex, account);
    return account;
  }

  return { deps, clock, protector, verification, sms, addAccount };
}
