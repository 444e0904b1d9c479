/** Kysely types of the portal's tables (schema `public`), mirroring the migrations. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

export interface AccountsTable {
  id: string;
  id_number_index: string;
  id_number_enc: string;
  full_name_enc: string;
  birth_date_enc: string;
  phone_index: string;
  phone_enc: string;
  registration_method: string;
  password_hash: string;
  created_at: Timestamp;
  password_changed_at: Timestamp;
}

export interface RegistrationsTable {
  id: string;
  method: string;
  state: string;
  id_number_index: string;
  phone_index: string;
  personal_enc: string;
  carrier: string | null;
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
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: Timestamp;
  event: string;
  registration_id: string | null;
  account_id: string | null;
  subject: string | null;
  masked_phone: string | null;
  carrier: string | null;
  reason: string | null;
  request_id: string | null;
  client_ip: string | null;
}

export interface PortalTables {
  accounts: AccountsTable;
  registrations: RegistrationsTable;
  audit_events: AuditEventsTable;
}
