/**
 * The registry's storage: people are written in batches of one INSERT … SELECT FROM unnest(arrays) each
 * (seven parameters whatever the batch size: 2–3× faster than multi-row VALUES on both PGlite and
 * PostgreSQL), and found by either ID number through its unique index.
 */
import { sql } from 'kysely';
import type { Sex } from '../../domain/id-number.ts';
import { provinceByCode } from '../../domain/provinces.ts';
import type { SqlDatabase } from '../../lib/database.ts';
import type { Person } from './people.ts';
import type { PeopleTable, PopulationTables } from './schema.ts';

export interface PeopleStore {
  count(): Promise<number>;
  /** Inserts people; those already present (same index) are left as they are. */
  insert(people: readonly Person[]): Promise<void>;
  byIdNumber(idOrOldId: string): Promise<Person | undefined>;
}

export function createPeopleStore(database: SqlDatabase): PeopleStore {
  const db = database.as<PopulationTables>();
  return {
    async count() {
      const row = await db
        .selectFrom('population.people')
        .select((eb) => eb.fn.countAll<number>().as('count'))
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },
    async insert(people) {
      if (people.length === 0) return;
      const column = <T>(value: (p: Person) => T) => people.map(value);
      await sql`
        insert into population.people
          (person_index, id_number, old_id_number, full_name, birth_date, sex, province_code)
        select * from unnest(
          ${column((p) => p.index)}::int[], ${column((p) => p.idNumber)}::text[],
          ${column((p) => p.oldIdNumber ?? null)}::text[], ${column((p) => p.fullName)}::text[],
          ${column((p) => p.birthDate)}::date[], ${column((p) => p.sex)}::text[],
          ${column((p) => p.province.code)}::text[])
        on conflict do nothing`.execute(db);
    },
    async byIdNumber(idOrOldId) {
      const row = await db
        .selectFrom('population.people')
        .selectAll()
        .where((eb) => eb.or([eb('id_number', '=', idOrOldId), eb('old_id_number', '=', idOrOldId)]))
        .executeTakeFirst();
      return row && personFromRow(row);
    },
  };
}

function personFromRow(row: PeopleTable): Person {
  return {
    index: row.person_index,
    idNumber: row.id_number,
    ...(row.old_id_number && { oldIdNumber: row.old_id_number }),
    fullName: row.full_name,
    birthDate: row.birth_date,
    sex: row.sex as Sex,
    province: { code: row.province_code, name: provinceByCode(row.province_code)?.name ?? row.province_code },
  };
}
