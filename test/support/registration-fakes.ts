/**
 * The registration journey and its methods on fakes: no HTTP, no database, no sleeping. The repositories
 * keep their rows in maps with the SQL adapters' semantics (compare-and-set transitions, superseding, one
 * account per citizen and per credential, nothing written when the account exists); the ephemeral store is
 * the real embedded one on a ManualClock; the partners (carrier, population registry, social-insurance
 * registry, SMS centre, captchas) hold the records a test gives them, record what they were asked, and can
 * be taken down. The same idea for the account use cases is test/races/account-doubles.ts.
 */
import { randomBytes } from 'node:crypto';
import { createPersonalDataProtector } from '../../src/adapters/crypto/personal-data-protector.ts';
import { MemoryEphemeralStore } from '../../src/adapters/ephemeral/memory-store.ts';
import type { CarrierId } from '../../src/domain/carriers.ts';
import { makePersonalIdNumber } from '../../src/domain/id-number.ts';
import { type ClaimEvidence, vouchedBy } from '../../src/domain/identity-claims.ts';
import { namesMatch } from '../../src/domain/name.ts';
import { createSessions } from '../../src/usecases/accounts/sessions.ts';
import { createOneTimeCodes } from '../../src/usecases/codes/one-time-codes.ts';
import { createSmsQuota } from '../../src/usecases/codes/sms-quota.ts';
import type { RequestContext } from '../../src/usecases/outcome.ts';
import type {
  CarrierCheck,
  OwnerCheckDecision,
  OwnerCheckRequest,
} from '../../src/usecases/ports/carrier-check.ts';
import { ManualClock } from '../../src/usecases/ports/clock.ts';
import type { JourneyMetrics, StepLabels } from '../../src/usecases/ports/journey-metrics.ts';
import type { PopulationAnswer, PopulationRegistry } from '../../src/usecases/ports/population-registry.ts';
import type { PasswordHasher } from '../../src/usecases/ports/protection.ts';
import { cryptoRandom } from '../../src/usecases/ports/random.ts';
import type {
  AccountRecord,
  AccountRepository,
  AuditEvent,
  AuditEventName,
  AuditLog,
  CompletedRegistrationRecord,
  CredentialType,
  NewAccount,
  NewCredential,
  RegistrationRecord,
  RegistrationRepository,
  RegistrationState,
} from '../../src/usecases/ports/repositories.ts';
import { type SmsSender, SmsUnavailableError } from '../../src/usecases/ports/sms-sender.ts';
import type {
  InsuranceRecordAnswer,
  InsuranceRecordQuery,
  SocialInsuranceRegistry,
} from '../../src/usecases/ports/social-insurance-registry.ts';
import {
  createRegistrationJourney,
  type RegistrationDependencies,
} from '../../src/usecases/registration/index.ts';
import { DEFAULT_REGISTRATION_RULES, type RegistrationRules } from '../../src/usecases/registration/rules.ts';

export const STRONG_PASSWORD = 'Sông#Hồng2024xanh';

export const requestFrom = (clientIp = '203.0.113.7', requestId = 'req-1'): RequestContext => ({
  requestId,
  clientIp,
});

/** A citizen as the authoritative sources hold them: a valid 12-digit ID number and a VinaPhone number. */
export interface Citizen {
  idNumber: string;
  fullName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** E.164 */
  phoneNumber: string;
}

let citizens = 0;

export function aCitizen(overrides: Partial<Citizen> = {}): Citizen {
  citizens++;
  const birthDate = overrides.birthDate ?? '1990-05-17';
  return {
    idNumber: makePersonalIdNumber({ provinceCode: '001', sex: 'female', birthDate, serial: citizens }),
    fullName: 'Nguyễn Thị Hoà',
    birthDate,
    phoneNumber: `+8491${String(1_000_000 + citizens).slice(-7)}`,
    ...overrides,
  };
}

export interface StoredAccount extends Omit<NewAccount, 'credential'> {
  credentials: Array<NewCredential & { updatedAt: Date }>;
}

/** The accounts tables: unique on the citizen's blind index and on each credential's type and identifier. */
export class InMemoryAccounts implements AccountRepository {
  readonly #byId = new Map<string, StoredAccount>();

  /** Writes the account, its credential, contact and claims, or nothing (false) on a unique violation. */
  insert(account: NewAccount): boolean {
    return this.tryInsert(account) === 'inserted';
  }

  /** As insert, saying which unique index refused. */
  tryInsert(account: NewAccount): 'inserted' | 'subject_taken' | 'credential_taken' {
    const existing = [...this.#byId.values()];
    const { credential, ...rest } = account;
    if (existing.some((a) => a.subjectIndex === account.subjectIndex)) return 'subject_taken';
    if (this.#credentialOwner(credential.type, credential.identifier)) return 'credential_taken';
    this.#byId.set(account.id, {
      ...structuredClone(rest),
      credentials: [{ ...credential, updatedAt: account.createdAt }],
    });
    return 'inserted';
  }

  #credentialOwner(type: CredentialType, identifier: string) {
    return this.#findStored((a) => a.credentials.some((c) => c.type === type && c.identifier === identifier));
  }

  async findAccountByCredential(type: CredentialType, identifier: string) {
    const stored = this.#credentialOwner(type, identifier);
    return stored && toAccountRecord(stored);
  }

  async addCredential(accountId: string, credential: NewCredential, now = new Date()) {
    const stored = this.#byId.get(accountId);
    if (!stored) throw new Error(`no account ${accountId}`);
    if (this.#credentialOwner(credential.type, credential.identifier)) return 'taken' as const;
    stored.credentials.push({ ...credential, updatedAt: now });
    return 'added' as const;
  }

  async removeCredential(accountId: string, type: CredentialType, identifier: string) {
    const stored = this.#byId.get(accountId);
    const index = stored?.credentials.findIndex((c) => c.type === type && c.identifier === identifier) ?? -1;
    if (!stored || index < 0) return 'not_found' as const;
    if (stored.credentials.length === 1) return 'last' as const;
    stored.credentials.splice(index, 1);
    return 'removed' as const;
  }

  async listCredentials(accountId: string) {
    return (this.#byId.get(accountId)?.credentials ?? []).map((c) => ({
      type: c.type,
      identifier: c.identifier,
      details: c.type === 'password' ? '' : c.secret,
      createdAt: new Date(c.updatedAt),
    }));
  }

  /** Every account with its credentials, contact and claims, for assertions. */
  all(): StoredAccount[] {
    return [...this.#byId.values()].map((account) => structuredClone(account));
  }

  async existsForSubject(subjectIndex: string) {
    return this.#findStored((a) => a.subjectIndex === subjectIndex) !== undefined;
  }

  async findBySubject(subjectIndex: string) {
    const stored = this.#findStored((a) => a.subjectIndex === subjectIndex);
    return stored && toAccountRecord(stored);
  }

  async findById(id: string) {
    const stored = this.#byId.get(id);
    return stored && toAccountRecord(stored);
  }

  async setPassword(accountId: string, passwordHash: string, now: Date) {
    const stored = this.#byId.get(accountId);
    if (!stored) return;
    const password = stored.credentials.find((c) => c.type === 'password');
    if (password) Object.assign(password, { secret: passwordHash, updatedAt: now });
    else
      stored.credentials.push({
        type: 'password',
        identifier: accountId,
        secret: passwordHash,
        updatedAt: now,
      });
  }

  async claimsOf(accountId: string): Promise<ClaimEvidence[]> {
    return structuredClone(this.#byId.get(accountId)?.claims ?? []);
  }

  #findStored(matches: (account: StoredAccount) => boolean) {
    return [...this.#byId.values()].find(matches);
  }
}

function toAccountRecord(stored: StoredAccount): AccountRecord {
  const password = stored.credentials.find((c) => c.type === 'password');
  return {
    id: stored.id,
    kind: stored.kind,
    subjectIndex: stored.subjectIndex,
    idNumberEnc: stored.idNumberEnc,
    fullNameEnc: stored.fullNameEnc,
    birthDateEnc: stored.birthDateEnc,
    registrationMethod: stored.registrationMethod,
    createdAt: new Date(stored.createdAt),
    phone: stored.phone && { ...stored.phone },
    // A declared email: the registration tail never verifies one.
    email: stored.email ? { ...stored.email, verifiedAt: null } : null,
    password: password ? { hash: password.secret, changedAt: new Date(password.updatedAt) } : null,
  };
}

const UNFINISHED: RegistrationState[] = ['code_sent', 'code_verified', 'awaiting_signature'];

/**
 * The registrations table as src/adapters/db/registration-repository.ts uses it. A start's statement sees
 * the rows committed when it began: a test can hold starts between that moment and their commit
 * (`holdCommitsUntil`), as two statements running at once do; then, as the index of one unfinished
 * registration per citizen makes the start that lost the race run again, the later one supersedes the other.
 */
export class InMemoryRegistrations implements RegistrationRepository {
  readonly #rows = new Map<string, RegistrationRecord>();
  readonly #accounts: InMemoryAccounts;
  #commits: Promise<void> | undefined;
  /** Starts held between their snapshot and their commit. */
  waitingToCommit = 0;

  constructor(accounts: InMemoryAccounts) {
    this.#accounts = accounts;
  }

  holdCommitsUntil(opened: Promise<void>) {
    this.#commits = opened;
  }

  all(): RegistrationRecord[] {
    return [...this.#rows.values()].map((row) => structuredClone(row));
  }

  async createSupersedingUnfinished(record: RegistrationRecord) {
    if (this.#commits) {
      this.waitingToCommit++;
      await this.#commits;
      this.waitingToCommit--;
    }
    for (const row of this.#rows.values())
      if (row.subjectIndex === record.subjectIndex && UNFINISHED.includes(row.state))
        row.state = 'superseded';
    this.#rows.set(record.id, structuredClone(record));
  }

  /**
   * Puts a superseded registration back where it was, which no start can do: for testing that the account
   * itself stays exactly-once even with two live journeys.
   */
  reopen(id: string, state: RegistrationState = 'code_sent') {
    const row = this.#rows.get(id);
    if (row?.state !== 'superseded') throw new Error(`${id} is not superseded`);
    row.state = state;
  }

  async find(id: string) {
    const row = this.#rows.get(id);
    return row && structuredClone(row);
  }

  async discard(id: string) {
    this.#rows.delete(id);
  }

  async transition(
    id: string,
    expected: { state: RegistrationState; codesSent?: number },
    changes: Parameters<RegistrationRepository['transition']>[2],
  ) {
    const row = this.#rows.get(id);
    if (!row || row.state !== expected.state) return false;
    if (expected.codesSent !== undefined && row.codesSent !== expected.codesSent) return false;
    Object.assign(row, structuredClone(changes));
    return true;
  }

  async completeWithAccount(registrationId: string, account: NewAccount, now: Date) {
    const row = this.#rows.get(registrationId);
    if (row?.state !== 'code_verified') return 'not_allowed' as const;
    if (!this.#accounts.insert(account)) return 'account_exists' as const;
    Object.assign(row, { state: 'completed', completedAt: now, accountId: account.id });
    return 'completed' as const;
  }

  async createCompletedWithAccount(
    registration: CompletedRegistrationRecord,
    account: NewAccount,
    now: Date,
  ) {
    const awaiting = registration.completes ? this.#rows.get(registration.completes) : undefined;
    if (registration.completes && awaiting?.state !== 'awaiting_signature') return 'not_allowed' as const;
    const inserted = this.#accounts.tryInsert(account);
    if (inserted === 'subject_taken') return 'account_exists' as const;
    if (inserted === 'credential_taken') return 'credential_taken' as const;
    for (const row of this.#rows.values())
      if (
        row.subjectIndex === registration.subjectIndex &&
        UNFINISHED.includes(row.state) &&
        row.id !== registration.completes
      )
        row.state = 'superseded';
    if (awaiting) {
      Object.assign(awaiting, {
        state: 'completed',
        subjectIndex: registration.subjectIndex,
        identityEnc: registration.identityEnc,
        verifiedAt: now,
        completedAt: now,
        accountId: account.id,
      });
      return 'completed' as const;
    }
    this.#rows.set(registration.id, {
      ...registration,
      state: 'completed',
      phoneIndex: null,
      consentedAt: now,
      createdAt: now,
      expiresAt: now,
      codesSent: 0,
      codeExpiresAt: null,
      resendAvailableAt: null,
      verifiedAt: now,
      completedAt: now,
      accountId: account.id,
    });
    return 'completed' as const;
  }
}

export class RecordingAuditLog implements AuditLog {
  readonly events: AuditEvent[] = [];

  async record(event: AuditEvent) {
    this.events.push(structuredClone(event));
  }

  named(name: AuditEventName): AuditEvent[] {
    return this.events.filter((e) => e.event === name);
  }
}

export class RecordingMetrics implements JourneyMetrics {
  readonly steps: Array<{ step: string; outcome: string; labels: StepLabels }> = [];
  readonly partnerCalls: Array<{ call: string; outcome: string }> = [];

  step(step: string, outcome: string, labels: StepLabels = {}) {
    this.steps.push({ step, outcome, labels: { ...labels } });
  }

  partnerCall(call: string, outcome: string) {
    this.partnerCalls.push({ call, outcome });
  }
}

/** The SMS centre: keeps what it was handed; while `down`, refuses as the SMPP sender does. */
export class RecordingSmsSender implements SmsSender {
  readonly sent: Array<{ to: string; text: string }> = [];
  down = false;

  async send(message: { to: string; text: string }) {
    if (this.down) throw new SmsUnavailableError('the SMS centre is down (fake)');
    this.sent.push({ ...message });
    return { messageId: String(this.sent.length) };
  }

  isReady() {
    return !this.down;
  }

  async close() {}

  to(phoneNumber: string) {
    return this.sent.filter((m) => m.to === phoneNumber);
  }

  /** The code in the newest SMS to `phoneNumber`. */
  lastCodeTo(phoneNumber: string): string {
    const code = /\b(\d{6})\b/.exec(this.to(phoneNumber).at(-1)?.text ?? '')?.[1];
    if (!code) throw new Error('no code was sent to that phone');
    return code;
  }
}

/** Single-use captchas whose answer is always `right`. */
export class FakeCaptchas {
  readonly #issued = new Map<string, string>();
  #made = 0;
  /** How many answers were checked (a checked captcha is spent). */
  checks = 0;

  solved(): { captchaId: string; captchaAnswer: string } {
    const captchaId = `captcha-${++this.#made}`;
    this.#issued.set(captchaId, 'right');
    return { captchaId, captchaAnswer: 'right' };
  }

  readonly verify = async (captchaId: string, answer: string) => {
    this.checks++;
    const expected = this.#issued.get(captchaId);
    this.#issued.delete(captchaId);
    return expected !== undefined && expected === answer;
  };
}

/** A test hasher: cheap, and the hash is not the password. */
export const fakePasswordHasher: PasswordHasher = {
  hash: async (password) => `fake-hash:${Buffer.from(password).toString('base64')}`,
  verify: async (hash, password) => hash === `fake-hash:${Buffer.from(password).toString('base64')}`,
  needsRehash: () => false,
};

export interface Sim {
  phoneNumber: string;
  carrier: CarrierId;
  /** The ID number the SIM is registered to (a CCCD, or an old CMND). */
  idNumber: string;
  fullName: string;
  birthDate: string;
  /** The line is blocked or suspended: the carrier answers nothing about its owner. */
  inactive?: boolean;
  /** The SIM was changed lately; the check refuses it until then. */
  swapWaitEndsAt?: Date;
}

/** The carriers' owner check over their subscriber registers: name compared as the carriers compare it. */
export class FakeCarrier implements CarrierCheck {
  readonly #sims = new Map<string, Sim>();
  readonly requests: OwnerCheckRequest[] = [];
  down = false;
  /** The carrier goes down from this check on (1 = the first): an outage in the middle of a proof. */
  downFromCheck: number | undefined;

  addSim(sim: Sim) {
    this.#sims.set(sim.phoneNumber, sim);
  }

  async checkOwner(request: OwnerCheckRequest): Promise<OwnerCheckDecision> {
    this.requests.push({ ...request });
    const sim = this.#sims.get(request.phoneNumber);
    const down =
      this.down || (this.downFromCheck !== undefined && this.requests.length >= this.downFromCheck);
    if (down) return { outcome: 'carrier_unavailable', ...(sim && { carrier: sim.carrier }) };
    if (!sim) return { outcome: 'unknown_number' };
    if (sim.inactive) return { outcome: 'not_owner', carrier: sim.carrier, reasons: ['inactive'] };
    const reasons: Array<'id_number' | 'name' | 'birth_date' | 'recent_sim_swap'> = [];
    if (sim.idNumber !== request.idNumber) reasons.push('id_number');
    if (!namesMatch(sim.fullName, request.fullName)) reasons.push('name');
    if (sim.birthDate !== request.birthDate) reasons.push('birth_date');
    if (sim.swapWaitEndsAt) reasons.push('recent_sim_swap');
    if (reasons.length === 0) return { outcome: 'owner', carrier: sim.carrier };
    return {
      outcome: 'not_owner',
      carrier: sim.carrier,
      reasons,
      ...(sim.swapWaitEndsAt && { simChangeWaitEndsAt: sim.swapWaitEndsAt }),
    };
  }

  async ping() {}
}

/**
 * The population registry's links between a citizen's 12-digit number and their old 9-digit CMNDs, and
 * each person's name as the registry spells it (by default aCitizen()'s, diacritics and all).
 */
export class FakePopulationRegistry implements PopulationRegistry {
  readonly #people: Array<{ idNumber: string; oldIdNumbers: string[]; fullName: string }> = [];
  readonly lookups: string[] = [];
  down = false;

  addPerson(idNumber: string, oldIdNumbers: string[] = [], fullName = 'Nguyễn Thị Hoà') {
    this.#people.push({ idNumber, oldIdNumbers, fullName });
  }

  async lookup(idNumber: string): Promise<PopulationAnswer> {
    this.lookups.push(idNumber);
    if (this.down) return { outcome: 'unavailable' };
    const person = this.#people.find((p) => p.idNumber === idNumber || p.oldIdNumbers.includes(idNumber));
    return person ? { outcome: 'found', ...structuredClone(person) } : { outcome: 'not_found' };
  }

  async ping() {}
}

export interface InsuranceRecord {
  socialInsuranceNumber: string;
  idNumber: string;
  fullName: string;
  birthDate: string;
  /** E.164, or null for a record without a usable mobile number. */
  phoneNumber: string | null;
}

/** Vietnam Social Security's records: a match needs all four facts and says only which phone it holds. */
export class FakeSocialInsuranceRegistry implements SocialInsuranceRegistry {
  readonly #records = new Map<string, InsuranceRecord>();
  readonly queries: InsuranceRecordQuery[] = [];
  down = false;

  addRecord(record: InsuranceRecord) {
    this.#records.set(record.socialInsuranceNumber, record);
  }

  async match(query: InsuranceRecordQuery): Promise<InsuranceRecordAnswer> {
    this.queries.push({ ...query });
    if (this.down) return { outcome: 'unavailable' };
    const record = this.#records.get(query.socialInsuranceNumber);
    const matches =
      record !== undefined &&
      record.idNumber === query.idNumber &&
      namesMatch(record.fullName, query.fullName) &&
      record.birthDate === query.birthDate;
    return matches ? { outcome: 'match', phoneNumber: record.phoneNumber } : { outcome: 'no_match' };
  }

  async ping() {}
}

/**
 * Everything the registration journey and the methods need, on fakes; `rules` replaces some of the
 * defaults (e.g. a per-IP limit of 2). Returns the dependencies, the journey built on them, and each fake.
 */
export function registrationDoubles(
  options: { rules?: Partial<RegistrationRules>; clock?: ManualClock } = {},
) {
  const clock = options.clock ?? new ManualClock();
  const store = new MemoryEphemeralStore(clock);
  const protector = createPersonalDataProtector({
    current: { id: 'k', key: randomBytes(32) },
    hmacKey: randomBytes(32),
  });
  const rules = { ...DEFAULT_REGISTRATION_RULES, ...options.rules };
  const accounts = new InMemoryAccounts();
  const registrations = new InMemoryRegistrations(accounts);
  const audit = new RecordingAuditLog();
  const metrics = new RecordingMetrics();
  const sms = new RecordingSmsSender();
  const captchas = new FakeCaptchas();
  const warnings: Array<{ message: string; details: Record<string, unknown> }> = [];

  const deps: RegistrationDependencies = {
    registrations,
    accounts,
    audit,
    store,
    sms,
    passwords: fakePasswordHasher,
    protector,
    clock,
    random: cryptoRandom,
    metrics,
    verifyCaptcha: captchas.verify,
    codes: createOneTimeCodes({
      purpose: 'registration',
      store,
      protector,
      random: cryptoRandom,
      length: rules.codeLength,
      retentionMs: rules.registrationTtlMs,
      maxWrongAnswers: rules.maxWrongAnswersPerCode,
    }),
    smsQuota: createSmsQuota(store),
    rules,
    sessions: createSessions({ store, protector, random: cryptoRandom, clock }),
    portalName: 'Cổng thử',
    warn: (message, details) => warnings.push({ message, details }),
  };

  /** A citizen who already has an account (made by another method, e.g. at a post office). */
  function addAccount(citizen: Citizen, registrationMethod = 'vnpost') {
    const id = crypto.randomUUID();
    accounts.insert({
      id,
      kind: 'citizen',
      subjectIndex: protector.blindIndex('id', citizen.idNumber),
      idNumberEnc: protector.encrypt(citizen.idNumber),
      fullNameEnc: protector.encrypt(citizen.fullName),
      birthDateEnc: protector.encrypt(citizen.birthDate),
      registrationMethod,
      phone: null,
      claims: vouchedBy('VNPOST', 3, ['idNumber', 'fullName', 'birthDate']),
      credential: { type: 'password', identifier: id, secret: 'fake-hash:x' },
      createdAt: clock.now(),
    });
    return id;
  }

  return {
    deps,
    journey: createRegistrationJourney(deps),
    clock,
    store,
    protector,
    rules,
    registrations,
    accounts,
    audit,
    metrics,
    sms,
    captchas,
    warnings,
    carrier: new FakeCarrier(),
    population: new FakePopulationRegistry(),
    socialInsurance: new FakeSocialInsuranceRegistry(),
    addAccount,
  };
}

export type RegistrationDoubles = ReturnType<typeof registrationDoubles>;
