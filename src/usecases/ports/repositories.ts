/**
 * Durable records the journeys need (PostgreSQL / PGlite in src/adapters/db). Personal fields travel here
 * already encrypted or blind-indexed: repositories never see personal data in clear.
 */
import type { ClaimEvidence } from '../../domain/identity-claims.ts';

export type RegistrationState = 'code_sent' | 'code_verified' | 'completed' | 'superseded';

export interface RegistrationRecord {
  id: string;
  /** The registration method's id (`mobile`, `social-insurance`, ...). */
  method: string;
  state: RegistrationState;
  /** Blind index of the ID number: one account, and one unfinished registration, per citizen. */
  subjectIndex: string;
  /** Blind index of the phone the codes go to, for methods that send codes. */
  phoneIndex: string | null;
  /** Encrypted JSON of the verified identity the method proved (see registration/verified-identity.ts). */
  identityEnc: string;
  /** The partner that vouched for the identity (a carrier id, `vss`, ...), for metrics and audit. */
  partner: string | null;
  consentVersion: string;
  consentedAt: Date;
  createdAt: Date;
  expiresAt: Date;
  codesSent: number;
  codeExpiresAt: Date | null;
  resendAvailableAt: Date | null;
  verifiedAt: Date | null;
  completedAt: Date | null;
  accountId: string | null;
}

/** A way to sign in. Password now; certificates and federated links come with their methods. */
export interface NewCredential {
  type: 'password';
  /** Password: the account id (one per account). Unique per type across all accounts. */
  identifier: string;
  secret: string;
}

export interface EncryptedContact {
  index: string;
  enc: string;
}

export interface NewAccount {
  id: string;
  kind: 'citizen';
  subjectIndex: string;
  idNumberEnc: string;
  fullNameEnc: string;
  birthDateEnc: string;
  registrationMethod: string;
  /** The verified phone, where the method proved one. */
  phone: EncryptedContact | null;
  claims: ClaimEvidence[];
  credential: NewCredential;
  createdAt: Date;
}

export interface AccountRecord {
  id: string;
  kind: 'citizen';
  subjectIndex: string;
  idNumberEnc: string;
  fullNameEnc: string;
  birthDateEnc: string;
  registrationMethod: string;
  createdAt: Date;
  phone: EncryptedContact | null;
  /** The password credential, when the account has one. */
  password: { hash: string; changedAt: Date } | null;
}

export interface RegistrationRepository {
  /**
   * Inserts a registration and supersedes every unfinished one of the same citizen (expired or not), in one
   * transaction: however many starts race, one unfinished registration per citizen remains.
   */
  createSupersedingUnfinished(record: RegistrationRecord): Promise<void>;
  find(id: string): Promise<RegistrationRecord | undefined>;
  /** Removes a registration that never got going (its code could not be sent): nothing is kept. */
  discard(id: string): Promise<void>;
  /**
   * Compare-and-set on the state (and, when given, on `codesSent`): applies `changes` only if the row is
   * still as the caller saw it. True for the one caller whose change applied.
   */
  transition(
    id: string,
    expected: { state: RegistrationState; codesSent?: number },
    changes: Partial<
      Pick<RegistrationRecord, 'state' | 'codesSent' | 'codeExpiresAt' | 'resendAvailableAt' | 'verifiedAt'>
    >,
  ): Promise<boolean>;
  /**
   * Creates the account and completes the registration atomically. Returns 'account_exists' when the citizen
   * already has an account, 'not_allowed' when the registration left `code_verified` meanwhile.
   */
  completeWithAccount(
    registrationId: string,
    account: NewAccount,
    now: Date,
  ): Promise<'completed' | 'account_exists' | 'not_allowed'>;
}

export interface AccountRepository {
  existsForSubject(subjectIndex: string): Promise<boolean>;
  /** The account of a citizen (by the blind index of the ID number, the username) with its phone and password. */
  findBySubject(subjectIndex: string): Promise<AccountRecord | undefined>;
  findById(id: string): Promise<AccountRecord | undefined>;
  /** Sets the account's password credential (adds it when the account has none). */
  setPassword(accountId: string, passwordHash: string, now: Date): Promise<void>;
  /** Where each identity claim of the account came from. */
  claimsOf(accountId: string): Promise<ClaimEvidence[]>;
}

export type AuditEventName =
  | 'registration.started'
  | 'registration.refused'
  | 'registration.code_sent'
  | 'registration.code_send_failed'
  | 'registration.code_failed'
  | 'registration.code_locked'
  | 'registration.code_verified'
  | 'registration.completed'
  | 'session.signed_in'
  | 'session.sign_in_failed'
  | 'session.locked'
  | 'session.signed_out'
  | 'session.stepped_up'
  | 'account.password_recovered'
  | 'account.password_changed';

export interface AuditEvent {
  event: AuditEventName;
  at: Date;
  registrationId?: string;
  accountId?: string;
  /** Blind index of the citizen's ID number: links events of one citizen without revealing who. */
  subject?: string;
  maskedPhone?: string;
  /** The registration method, on registration events. */
  method?: string;
  /** The partner involved (a carrier id, `vss`, ...). */
  partner?: string;
  reason?: string;
  requestId?: string;
  clientIp?: string;
}

export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
}
