/** The append-only audit trail in SQL. Identifiers arrive masked or as blind indexes, never in clear. */
import type { Kysely } from 'kysely';
import type { AuditLog } from '../../usecases/ports/repositories.ts';
import type { PortalTables } from './portal-tables.ts';

export function createAuditLog(db: Kysely<PortalTables>): AuditLog {
  return {
    async record(event) {
      await db
        .insertInto('audit_events')
        .values({
          at: event.at,
          event: event.event,
          registration_id: event.registrationId ?? null,
          account_id: event.accountId ?? null,
          subject: event.subject ?? null,
          masked_phone: event.maskedPhone ?? null,
          carrier: event.carrier ?? null,
          reason: event.reason ?? null,
          request_id: event.requestId ?? null,
          client_ip: event.clientIp ?? null,
        })
        .execute();
    },
  };
}
