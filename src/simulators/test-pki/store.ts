/** Issued certificates and their revocations, in `test_pki.certificates`. */
import type { SqlDatabase } from '../../lib/database.ts';
import type { CertificateStatus } from './revocation.ts';
import type { TestPkiTables } from './schema.ts';

export interface CertificateStore {
  add(entry: {
    serialNumber: string;
    authority: string;
    certificatePem: string;
    notAfter: Date;
  }): Promise<void>;
  /** `revoked` the first time, `already` after; `not_found` for a serial this PKI never issued. */
  revoke(serialNumber: string, at: Date): Promise<'revoked' | 'already' | 'not_found'>;
  statusOf(authority: string, serialNumber: string): Promise<CertificateStatus>;
  revokedBy(authority: string): Promise<Array<{ serialNumber: string; revokedAt: Date }>>;
}

export function createCertificateStore(database: SqlDatabase): CertificateStore {
  const db = database.as<TestPkiTables>();
  return {
    async add(entry) {
      await db
        .insertInto('test_pki.certificates')
        .values({
          serial_number: entry.serialNumber,
          authority: entry.authority,
          certificate_pem: entry.certificatePem,
          not_after: entry.notAfter,
          revoked_at: null,
        })
        .execute();
    },
    async revoke(serialNumber, at) {
      const updated = await db
        .updateTable('test_pki.certificates')
        .set({ revoked_at: at })
        .where('serial_number', '=', serialNumber)
        .where('revoked_at', 'is', null)
        .returning('serial_number')
        .executeTakeFirst();
      if (updated) return 'revoked';
      const existing = await db
        .selectFrom('test_pki.certificates')
        .select('serial_number')
        .where('serial_number', '=', serialNumber)
        .executeTakeFirst();
      return existing ? 'already' : 'not_found';
    },
    async statusOf(authority, serialNumber) {
      const row = await db
        .selectFrom('test_pki.certificates')
        .select('revoked_at')
        .where('serial_number', '=', serialNumber)
        .where('authority', '=', authority)
        .executeTakeFirst();
      if (!row) return { status: 'unknown' };
      return row.revoked_at ? { status: 'revoked', at: new Date(row.revoked_at) } : { status: 'good' };
    },
    async revokedBy(authority) {
      const rows = await db
        .selectFrom('test_pki.certificates')
        .select(['serial_number', 'revoked_at'])
        .where('authority', '=', authority)
        .where('revoked_at', 'is not', null)
        .execute();
      return rows.map((row) => ({ serialNumber: row.serial_number, revokedAt: new Date(row.revoked_at!) }));
    },
  };
}
