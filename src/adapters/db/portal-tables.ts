/** Kysely types of the portal's tables (schema `public`), mirroring the migrations. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

export interface AccountsTable {
  id: string;
  kind: ColumnType<string, string | undefined, string>;
  /** Blind index of the citizen's ID number (of the tax code for an organisation): one account each. */
  subject_index: string;
  id_number_enc: string;
  full_name_enc: string;
  /** Null where the method proved no birth date (organisations, some federated identities). */
  birth_date_enc: string | null;
  sex_enc: ColumnType<string | null, string | null | undefined, string | null>;
  representative_id_enc: ColumnType<string | null, string | null | undefined, string | null>;
  registration_method: string;
  created_at: Timestamp;
}

export interface CredentialsTable {
  id: string;
  account_id: string;
  type: string;
  identifier: string;
  secret: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccountContactsTable {
  account_id: string;
  kind: string;
  value_index: string;
  value_enc: string;
  /** Null for a contact only declared (migration 0007): an email typed on a form. */
  verified_at: ColumnType<Date | null, Date | null, Date | null>;
}

export interface AccountIdentityClaimsTable {
  account_id: string;
  claim: string;
  source: string;
  level: number;
  verified_at: Timestamp;
}

export interface RegistrationsTable {
  id: string;
  method: string;
  state: string;
  subject_index: string;
  phone_index: string | null;
  identity_enc: string;
  partner: string | null;
  consent_version: string;
  consented_at: Timestamp;
  created_at: Timestamp;
  expires_at: Timestamp;
  codes_sent: ColumnType<number, number | undefined, number>;
  code_expires_at: Timestamp | null;
  resend_available_at: Timestamp | null;
  verified_at: Timestamp | null;
  completed_at: Timestamp | null;
  account_id: string | null;
  signature_request_enc: ColumnType<string | null, string | null | undefined, string | null>;
  signature_expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  display_code: ColumnType<string | null, string | null | undefined, string | null>;
  refusal_code: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: Timestamp;
  event: string;
  method: string | null;
  registration_id: string | null;
  account_id: string | null;
  subject: string | null;
  masked_phone: string | null;
  partner: string | null;
  reason: string | null;
  request_id: string | null;
  client_ip: string | null;
}

export interface PortalTables {
  accounts: AccountsTable;
  credentials: CredentialsTable;
  account_contacts: AccountContactsTable;
  account_identity_claims: AccountIdentityClaimsTable;
  registrations: RegistrationsTable;
  audit_events: AuditEventsTable;
}
