/**
 * Durable records the journeys need (PostgreSQL / PGlite in src/adapters/db). Personal fields travel here
 * already encrypted or blind-indexed: repositories never see personal data in clear.
 */
import type { ClaimEvidence } from '../../domain/identity-claims.ts';

export type RegistrationState =
  | 'code_sent'
  | 'code_verified'
  | 'completed'
  | 'superseded'
  /** A method that signs elsewhere (SIM, remote signature) waits for the partner's answer. */
  | 'awaiting_signature'
  /** An asynchronous registration that ended without an account; `refusalCode` says why. */
  | 'refused';

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
  /** Asynchronous signature methods: the partner's request (encrypted JSON, the method's own shape). */
  signatureRequestEnc?: string | null;
  /** Asynchronous signature methods: the end of the signature window (the registration keeps its own expiry). */
  signatureExpiresAt?: Date | null;
  /** Asynchronous signature methods: the code the page and the phone both show. */
  displayCode?: string | null;
  /** Why a `refused` registration ended (a FailureCode). */
  refusalCode?: string | null;
}

/**
 * A way to sign in (docs/methods.md "One shape for every method"); an account holds one or more, each unique
 * per type and identifier across all accounts (one certificate or external identity opens one account).
 */
export type NewCredential =
  /** Identifier: the account id (one password per account); secret: the password hash. */
  | { type: 'password'; identifier: string; secret: string }
  /** Identifier: SHA-256 hex of the certificate's DER; secret: JSON of its facts without the PEM, or ''. */
  | { type: 'certificate'; identifier: string; secret: string }
  /** Identifier: `<provider>:<subject>`, e.g. `vnpost:3f2…`; no secret. */
  | { type: 'federated'; identifier: string; secret: '' };

export type CredentialType = NewCredential['type'];

/** A credential as the account page lists it: never a password hash. */
export interface CredentialSummary {
  type: CredentialType;
  identifier: string;
  /** The certificate's facts (JSON) for a certificate; '' otherwise. */
  details: string;
  createdAt: Date;
}

export interface EncryptedContact {
  index: string;
  enc: string;
}

/** A contact as an account keeps it: when it was verified, or null for one only declared (an email typed on a form). */
export interface KeptContact extends EncryptedContact {
  verifiedAt: Date | null;
}

export type AccountKind = 'citizen' | 'organisation';

export interface NewAccount {
  id: string;
  kind: AccountKind;
  /** Blind index of the ID number (citizen) or of the tax code in its own namespace (organisation). */
  subjectIndex: string;
  /** Encrypted ID number (citizen) or tax code (organisation): the username. */
  idNumberEnc: string;
  /** Encrypted full name (citizen) or organisation name. */
  fullNameEnc: string;
  /** Encrypted birth date; null where the method proved none (organisations, some federated identities). */
  birthDateEnc: string | null;
  /** Encrypted sex (`M` | `F`) where the source gave it and the ID number cannot tell (a 9-digit CMND). */
  sexEnc?: string | null;
  /** Encrypted ID number of an organisation's legal representative, when the business registry gives one. */
  representativeIdEnc?: string | null;
  registrationMethod: string;
  /** The verified phone, where the method proved one. */
  phone: EncryptedContact | null;
  /**
   * The email the citizen declared on the form (blind index of its lower-case form): kept as an account
   * contact, not verified (nothing was sent to it).
   */
  email?: EncryptedContact | null;
  claims: ClaimEvidence[];
  credential: NewCredential;
  createdAt: Date;
}

export interface AccountRecord {
  id: string;
  kind: AccountKind;
  subjectIndex: string;
  idNumberEnc: string;
  fullNameEnc: string;
  birthDateEnc: string | null;
  sexEnc?: string | null;
  representativeIdEnc?: string | null;
  registrationMethod: string;
  createdAt: Date;
  phone: EncryptedContact | null;
  /** The account's email contact, verified or only declared (`verifiedAt` null); absent or null when none. */
  email?: KeptContact | null;
  /** The password credential, when the account has one. */
  password: { hash: string; changedAt: Date } | null;
}

/** A registration made complete in one go by a method without an SMS code (registerVerified). */
export interface CompletedRegistrationRecord {
  id: string;
  method: string;
  subjectIndex: string;
  identityEnc: string;
  partner: string | null;
  consentVersion: string;
  /**
   * The `awaiting_signature` registration this completes (asynchronous signature methods): that row moves to
   * completed instead of a new one being inserted, and only if it is still awaiting ('not_allowed' otherwise).
   */
  completes?: string;
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
      Pick<
        RegistrationRecord,
        | 'state'
        | 'codesSent'
        | 'codeExpiresAt'
        | 'resendAvailableAt'
        | 'verifiedAt'
        | 'signatureRequestEnc'
        | 'refusalCode'
      >
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
  /**
   * For methods without an SMS code: in one statement, supersedes the subject's unfinished registrations (any
   * method), inserts the registration as completed and creates the account with its credential, contact and
   * claims. 'account_exists' (nothing written) when the subject already has an account, 'credential_taken'
   * when the credential belongs to another account, 'not_allowed' when the registration it `completes` is no
   * longer awaiting a signature.
   */
  createCompletedWithAccount(
    registration: CompletedRegistrationRecord,
    account: NewAccount,
    now: Date,
  ): Promise<'completed' | 'account_exists' | 'credential_taken' | 'not_allowed'>;
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
  /** The account a credential opens (a certificate's fingerprint, a federated subject, ...). */
  findAccountByCredential(type: CredentialType, identifier: string): Promise<AccountRecord | undefined>;
  /**
   * 'taken' when this credential already belongs to an account (this one or another). `now` (the use case's
   * clock) dates it; omitted, the database's clock does.
   */
  addCredential(accountId: string, credential: NewCredential, now?: Date): Promise<'added' | 'taken'>;
  /** Never the account's last credential: decided and done in one atomic statement. */
  removeCredential(
    accountId: string,
    type: CredentialType,
    identifier: string,
  ): Promise<'removed' | 'last' | 'not_found'>;
  listCredentials(accountId: string): Promise<CredentialSummary[]>;
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
  | 'account.password_changed'
  | 'account.credential_added'
  | 'account.credential_removed';

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
