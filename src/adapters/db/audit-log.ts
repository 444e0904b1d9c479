/**
 * The append-only audit trail in SQL. Identifiers arrive masked or as blind indexes, never in clear.
 *
 * Group commit: events recorded while an insert is in flight are written together by the next one, as one
 * multi-row INSERT, so under load one statement and one commit carry many events instead of one each.
 * `record` still resolves only once its row is committed (a request is answered after its trail is
 * durable), and rows keep the order in which they were recorded.
 */
import type { Insertable, Kysely } from 'kysely';
import type { AuditEvent, AuditLog } from '../../usecases/ports/repositories.ts';
import type { AuditEventsTable, PortalTables } from './portal-tables.ts';

/** Rows per INSERT at most (11 parameters each, far below PostgreSQL's 65,535). */
const MAX_BATCH = 500;

interface Pending {
  row: Insertable<AuditEventsTable>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createAuditLog(db: Kysely<PortalTables>): AuditLog {
  let queue: Pending[] = [];
  let writing = false;

  async function drain() {
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(batch.length);
      try {
        await db
          .insertInto('audit_events')
          .values(batch.map((pending) => pending.row))
          .execute();
        for (const pending of batch) pending.resolve();
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
    writing = false;
  }

  return {
    record(event: AuditEvent) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ row: toRow(event), resolve, reject });
        if (writing) return;
        writing = true;
        // Events recorded in the same tick (e.g. "started" and "code_sent") share the first insert.
        queueMicrotask(() => void drain());
      });
    },
  };
}

function toRow(event: AuditEvent): Insertable<AuditEventsTable> {
  return {
    at: event.at,
    event: event.event,
    registration_id: event.registrationId ?? null,
    account_id: event.accountId ?? null,
    subject: event.subject ?? null,
    masked_phone: event.maskedPhone ?? null,
    method: event.method ?? null,
    partner: event.partner ?? null,
    reason: event.reason ?? null,
    request_id: event.requestId ?? null,
    client_ip: event.clientIp ?? null,
  };
}
