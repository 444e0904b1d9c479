/**
 * Social-insurance records: one per person of the population, derived from the person alone (mã số BHXH:
 * the two-digit province code, then eight digits unique per person; about one record in ten holds no
 * phone), and their storage (batched INSERT … SELECT FROM unnest, as the population's).
 */
import { sql } from 'kysely';
import type { SqlDatabase } from '../../lib/database.ts';
import { type Person, personalMobileNumber } from '../population/people.ts';
import { seededRandom } from '../seeded-random.ts';
import type { RecordsTable, SocialInsuranceTables } from './schema.ts';

export interface InsuranceRecord {
  /** mã số BHXH, 10 digits */
  socialInsuranceNumber: string;
  idNumber: string;
  fullName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** E.164, or null when the insured person never gave one. */
  phoneNumber: string | null;
}

const RECORD_SEED = 0xb4_0c_5a_11;
const NO_PHONE_SHARE = 0.1;

/** The seeded record of a person: the same on every machine. */
export function recordOf(person: Person): InsuranceRecord {
  const random = seededRandom(RECORD_SEED ^ Math.imul(person.index + 1, 2246822519));
  // 7907 is coprime with 10^8: the eight digits never repeat below 10^8 people.
  const serial = (person.index * 7907 + 52_718_306) % 100_000_000;
  return {
    socialInsuranceNumber: `${person.province.code.slice(1)}${String(serial).padStart(8, '0')}`,
    idNumber: person.idNumber,
    fullName: person.fullName,
    birthDate: person.birthDate,
    phoneNumber: random() < NO_PHONE_SHARE ? null : personalMobileNumber(person.index),
  };
}

/** Seeded records to try the method with: the first with a phone, and the first without one. */
export function demoRecords(personAt: (index: number) => Person): InsuranceRecord[] {
  const records = Array.from({ length: 100 }, (_, index) => recordOf(personAt(index)));
  return [records.find((r) => r.phoneNumber), records.find((r) => !r.phoneNumber)].filter(
    (r): r is InsuranceRecord => r !== undefined,
  );
}

export interface RecordStore {
  /** How many people of the population already have their seeded record. */
  seededCount(): Promise<number>;
  insertSeeded(records: ReadonlyArray<InsuranceRecord & { personIndex: number }>): Promise<void>;
  upsert(record: InsuranceRecord): Promise<InsuranceRecord>;
  bySocialInsuranceNumber(number: string): Promise<InsuranceRecord | undefined>;
  byIdNumber(idNumber: string): Promise<InsuranceRecord | undefined>;
}

export function createRecordStore(database: SqlDatabase): RecordStore {
  const db = database.as<SocialInsuranceTables>();
  return {
    async seededCount() {
      const row = await db
        .selectFrom('social_insurance.records')
        .select((eb) => eb.fn.max<number | null>('person_index').as('last'))
        .executeTakeFirstOrThrow();
      return row.last === null ? 0 : Number(row.last) + 1;
    },
    async insertSeeded(records) {
      if (records.length === 0) return;
      const column = <T>(value: (r: InsuranceRecord & { personIndex: number }) => T) => records.map(value);
      // A record added by hand under the same number stays: the dev API's word wins over the seed.
      await sql`
        insert into social_insurance.records
          (social_insurance_number, id_number, full_name, birth_date, phone_number, person_index)
        select * from unnest(
          ${column((r) => r.socialInsuranceNumber)}::text[], ${column((r) => r.idNumber)}::text[],
          ${column((r) => r.fullName)}::text[], ${column((r) => r.birthDate)}::date[],
          ${column((r) => r.phoneNumber)}::text[], ${column((r) => r.personIndex)}::int[])
        on conflict do nothing`.execute(db);
    },
    async upsert(record) {
      const row = {
        social_insurance_number: record.socialInsuranceNumber,
        id_number: record.idNumber,
        full_name: record.fullName,
        birth_date: record.birthDate,
        phone_number: record.phoneNumber,
      };
      const saved = await db
        .insertInto('social_insurance.records')
        .values(row)
        .onConflict((c) => c.column('social_insurance_number').doUpdateSet(row))
        .returningAll()
        .executeTakeFirstOrThrow();
      return recordFromRow(saved);
    },
    async bySocialInsuranceNumber(number) {
      const row = await db
        .selectFrom('social_insurance.records')
        .selectAll()
        .where('social_insurance_number', '=', number)
        .executeTakeFirst();
      return row && recordFromRow(row);
    },
    async byIdNumber(idNumber) {
      const row = await db
        .selectFrom('social_insurance.records')
        .selectAll()
        .where('id_number', '=', idNumber)
        .orderBy('social_insurance_number')
        .executeTakeFirst();
      return row && recordFromRow(row);
    },
  };
}

const recordFromRow = (row: RecordsTable): InsuranceRecord => ({
  socialInsuranceNumber: row.social_insurance_number,
  idNumber: row.id_number,
  fullName: row.full_name,
  birthDate: row.birth_date,
  phoneNumber: row.phone_number,
});
