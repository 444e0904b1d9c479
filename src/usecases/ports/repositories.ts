/**
 * Durable records the journeys need (PostgreSQL / PGlite in src/adapters/db). Personal fields travel here
 * already encrypted or blind-indexed: repositories never see personal data in clear.
 */

export type RegistrationState = 'code_sent' | 'code_verified' | 'completed' | 'superseded';

export interface RegistrationRecord {
  id: string;
  method: 'mobile';
  state: RegistrationState;
  idNumberIndex: string;
  phoneIndex: string;
  /** Encrypted JSON of the citizen's entries (ID number, name, birth date, phone). */
  personalEnc: string;
  carrier: string | null;
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

export interface NewAccount {
  id: string;
  idNumberIndex: string;
  idNumberEnc: string;
  fullNameEnc: string;
  birthDateEnc: string;
  phoneIndex: string;
  phoneEnc: string;
  registrationMethod: string;
  passwordHash: string;
  createdAt: Date;
}

export interface AccountRecord extends NewAccount {
  passwordChangedAt: Date;
}

export interface RegistrationRepository {
  /** Inserts a registration and supersedes every unfinished one of the same citizen, in one transaction. */
  createSupersedingUnfinished(record: RegistrationRecord, now: Date): Promise<void>;
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
  existsForIdNumber(idNumberIndex: string): Promise<boolean>;
  findByIdNumber(idNumberIndex: string): Promise<AccountRecord | undefined>;
  findById(id: string): Promise<AccountRecord | undefined>;
  updatePassword(id: string, passwordHash: string, now: Date): Promise<void>;
}

export type AuditEventName =
  | 'registration.started'
  | 'registration.refused'
  | 'registration.owner_checked'
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
  carrier?: string;
  reason?: string;
  requestId?: string;
  clientIp?: string;
}

export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
}
