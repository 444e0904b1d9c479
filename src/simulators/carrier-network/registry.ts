/** The subscriber registry: every carrier's subscribers, each row served by one carrier (after porting, the new one). */
import type { Kysely } from 'kysely';
import { type CarrierId, isCarrierId } from '../../domain/carriers.ts';
import { normalizeMobileNumber } from '../../domain/phone.ts';
import type { CarrierTables, SubscribersTable } from './schema.ts';

export const ID_TYPES = ['CCCD', 'CMND', 'CAN_CUOC', 'PASSPORT'] as const;
export type IdType = (typeof ID_TYPES)[number];

export interface SubscriberInput {
  phoneNumber: string;
  carrier?: CarrierId;
  fullName: string;
  birthDate: string;
  idType: IdType;
  idNumber: string;
  idIssueDate: string;
  idIssuePlace: string;
  status?: 'active' | 'inactive';
  simChangedAt?: string | Date | null;
  activatedAt?: string | Date;
}

export interface Subscriber {
  phoneNumber: string;
  carrier: CarrierId;
  allocatedCarrier: CarrierId;
  status: 'active' | 'inactive';
  fullName: string;
  birthDate: string;
  idType: IdType;
  idNumber: string;
  idIssueDate: string;
  idIssuePlace: string;
  activatedAt: string;
  simChangedAt: string | null;
}

function toSubscriber(row: SubscribersTable): Subscriber {
  const phone = normalizeMobileNumber(row.phone_number);
  return {
    phoneNumber: row.phone_number,
    carrier: isCarrierId(row.carrier) ? row.carrier : 'viettel',
    allocatedCarrier: phone.ok ? phone.value.allocatedCarrier : 'viettel',
    status: row.status === 'inactive' ? 'inactive' : 'active',
    fullName: row.full_name,
    birthDate: row.birth_date,
    idType: row.id_type as IdType,
    idNumber: row.id_number,
    idIssueDate: row.id_issue_date,
    idIssuePlace: row.id_issue_place,
    activatedAt: row.activated_at.toISOString(),
    simChangedAt: row.sim_changed_at ? row.sim_changed_at.toISOString() : null,
  };
}

/** The table row of a subscriber: E.164 number, carrier defaulting to the prefix's (another one = ported). */
export function subscriberRow(input: SubscriberInput, now: Date): SubscribersTable {
  const phone = normalizeMobileNumber(input.phoneNumber);
  if (!phone.ok) throw new RangeError(`not a Vietnamese mobile number: ${input.phoneNumber.slice(0, 4)}…`);
  return {
    phone_number: phone.value.e164,
    carrier: input.carrier ?? phone.value.allocatedCarrier,
    status: input.status ?? 'active',
    full_name: input.fullName,
    birth_date: input.birthDate,
    id_type: input.idType,
    id_number: input.idNumber,
    id_issue_date: input.idIssueDate,
    id_issue_place: input.idIssuePlace,
    activated_at: input.activatedAt ? new Date(input.activatedAt) : now,
    sim_changed_at: input.simChangedAt ? new Date(input.simChangedAt) : null,
  };
}

/**
 * How long byPhone answers are reused. One registration asks about the same number three times within
 * milliseconds (number portability, KYC Match, SIM Swap); reusing the first answer for a moment saves two
 * of the three queries. Writes through upsert drop the entry at once; rows changed behind this registry's
 * back (bulk loads) are seen after at most this long. Misses are never reused.
 */
const READ_REUSE_MS = 1000;
const READ_REUSE_MAX = 10_000;

export function createRegistry(db: Kysely<CarrierTables>, now: () => Date) {
  const table = 'carrier_network.subscribers' as const;
  const recent = new Map<string, { until: number; answer: Promise<Subscriber | undefined> }>();
  return {
    /** Creates or replaces; the carrier defaults to the prefix's (a different one means the number was ported). */
    async upsert(input: SubscriberInput): Promise<Subscriber> {
      const row = subscriberRow(input, now());
      const { phone_number: _key, ...changes } = row;
      recent.delete(row.phone_number);
      await db
        .insertInto(table)
        .values(row)
        .onConflict((c) => c.column('phone_number').doUpdateSet(changes))
        .execute();
      recent.delete(row.phone_number);
      return toSubscriber({ ...row, birth_date: row.birth_date });
    },

    byPhone(e164: string): Promise<Subscriber | undefined> {
      const at = performance.now();
      const reused = recent.get(e164);
      if (reused && reused.until > at) return reused.answer;
      const answer = db
        .selectFrom(table)
        .selectAll()
        .where('phone_number', '=', e164)
        .executeTakeFirst()
        .then((row) => row && toSubscriber(row));
      recent.set(e164, { until: at + READ_REUSE_MS, answer });
      // A miss or a failure is asked again next time.
      answer.then(
        (found) => {
          if (!found && recent.get(e164)?.answer === answer) recent.delete(e164);
        },
        () => {
          if (recent.get(e164)?.answer === answer) recent.delete(e164);
        },
      );
      if (recent.size > READ_REUSE_MAX) recent.delete(recent.keys().next().value!);
      return answer;
    },

    async byIdNumber(idNumber: string, limit = 20): Promise<Subscriber[]> {
      const rows = await db
        .selectFrom(table)
        .selectAll()
        .where('id_number', '=', idNumber)
        .orderBy('phone_number')
        .limit(limit)
        .execute();
      return rows.map(toSubscriber);
    },

    async count(): Promise<number> {
      const row = await db
        .selectFrom(table)
        .select(db.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type Registry = ReturnType<typeof createRegistry>;
