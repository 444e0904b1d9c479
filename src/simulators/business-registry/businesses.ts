/**
 * The registry's businesses: tax code (also the enterprise code), registered name, status and legal
 * representative. The seed is a fixed set drawn from the population (the same on every machine): business
 * #0 is suspended, #1 closed, the others active, each represented by a person of the population.
 */
import { type Kysely, sql } from 'kysely';
import type { SqlDatabase } from '../../lib/database.ts';
import type { Person } from '../population/people.ts';
import type { BusinessRegistryTables } from './schema.ts';

export type BusinessStatus = 'active' | 'suspended' | 'closed';
export const BUSINESS_STATUSES: readonly BusinessStatus[] = ['active', 'suspended', 'closed'];

export interface Business {
  taxCode: string;
  name: string;
  status: BusinessStatus;
  /** The legal representative's ID number, when known. */
  representativeIdNumber?: string;
}

export const SEEDED_BUSINESSES = 200;

const FORMS = ['Công ty TNHH', 'Công ty Cổ phần', 'Doanh nghiệp tư nhân'];
const TRADES = ['Thương mại', 'Xây dựng', 'Phần mềm', 'Vận tải', 'Thực phẩm', 'Du lịch', 'Nông sản'];
const NAMES = [
  'Sông Hồng',
  'Bình Minh',
  'Hoa Sen',
  'Trường Sơn',
  'Phương Nam',
  'Thăng Long',
  'Cửu Long',
  'An Phát',
];

/**
 * Seeded tax codes: Ho Chi Minh City's area (03) in a block of its own, `0399` and six digits, so they stay
 * clear of the codes tests make up.
 */
export const seededTaxCode = (n: number): string => `0399${String(n).padStart(6, '0')}`;

/** Business #n of the seed, represented by `representative`. */
export function seededBusiness(n: number, representative: Pick<Person, 'idNumber'>): Business {
  const name = `${FORMS[n % FORMS.length]} ${TRADES[Math.floor(n / FORMS.length) % TRADES.length]} ${
    NAMES[n % NAMES.length]
  } ${n + 1}`;
  return {
    taxCode: seededTaxCode(n),
    name,
    status: n === 0 ? 'suspended' : n === 1 ? 'closed' : 'active',
    representativeIdNumber: representative.idNumber,
  };
}

export function createBusinessStore(database: SqlDatabase) {
  const db = database.as<BusinessRegistryTables>() as Kysely<BusinessRegistryTables>;
  const table = 'business_registry.businesses' as const;
  const toBusiness = (row: {
    tax_code: string;
    name: string;
    status: string;
    representative_id_number: string | null;
  }): Business => ({
    taxCode: row.tax_code,
    name: row.name,
    status: row.status as BusinessStatus,
    ...(row.representative_id_number && { representativeIdNumber: row.representative_id_number }),
  });
  const columns = ['tax_code', 'name', 'status', 'representative_id_number'] as const;
  const values = (business: Business, seedIndex: number | null = null) => ({
    tax_code: business.taxCode,
    name: business.name,
    status: business.status,
    representative_id_number: business.representativeIdNumber ?? null,
    seed_index: seedIndex,
  });

  return {
    async byTaxCode(taxCode: string): Promise<Business | undefined> {
      const row = await db
        .selectFrom(table)
        .select(columns)
        .where('tax_code', '=', taxCode)
        .executeTakeFirst();
      return row && toBusiness(row);
    },
    async upsert(business: Business): Promise<Business> {
      const row = await db
        .insertInto(table)
        .values(values(business))
        .onConflict((c) =>
          c.column('tax_code').doUpdateSet({
            name: business.name,
            status: business.status,
            representative_id_number: business.representativeIdNumber ?? null,
          }),
        )
        .returning(columns)
        .executeTakeFirstOrThrow();
      return toBusiness(row);
    },
    /** Adds an active business unless the tax code is registered already (then leaves it as it is). */
    async addIfMissing(taxCode: string, name: string): Promise<boolean> {
      const added = await db
        .insertInto(table)
        .values(values({ taxCode, name, status: 'active' }))
        .onConflict((c) => c.column('tax_code').doNothing())
        .returning('tax_code')
        .executeTakeFirst();
      return added !== undefined;
    },
    async seededCount(): Promise<number> {
      const row = await db
        .selectFrom(table)
        .select(sql<number>`count(*)::int`.as('n'))
        .where('seed_index', 'is not', null)
        .executeTakeFirstOrThrow();
      return row.n;
    },
    async insertSeeded(businesses: Array<{ business: Business; seedIndex: number }>): Promise<void> {
      if (businesses.length === 0) return;
      await db
        .insertInto(table)
        .values(businesses.map(({ business, seedIndex }) => values(business, seedIndex)))
        .onConflict((c) => c.doNothing())
        .execute();
    },
  };
}

export type BusinessStore = ReturnType<typeof createBusinessStore>;
