import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { databaseVariants } from '../../../test/support/databases.ts';
import type { SqlDatabase } from '../../lib/database.ts';
import { bulkLoad, copyLine } from './bulk-load.ts';
import { createRegistry } from './registry.ts';
import { type CarrierTables, migrateCarrierNetwork } from './schema.ts';
import { generatedSubscriber } from './seed.ts';

describe('CSV lines for COPY', () => {
  it('quotes text fields and leaves absent instants empty (NULL)', () => {
    const line = copyLine({
      phoneNumber: '0912345678',
      fullName: 'Lê "Bé" An',
      birthDate: '1990-01-02',
      idType: 'CCCD',
      idNumber: '001090000001',
      idIssueDate: '2020-01-01',
      idIssuePlace: 'Hà Nội, Việt Nam',
      activatedAt: '2020-01-01T00:00:00Z',
      simChangedAt: null,
    });
    assert.equal(
      line,
      '+84912345678,vinaphone,active,"Lê ""Bé"" An",1990-01-02,CCCD,001090000001,2020-01-01,"Hà Nội, Việt Nam",2020-01-01T00:00:00.000Z,\n',
    );
  });
});

for (const variant of databaseVariants) {
  describe(`bulk loading the registry (${variant.name})`, { skip: variant.skip }, () => {
    let database: SqlDatabase;
    let url: string | undefined;
    let drop: () => Promise<void>;
    before(async () => {
      const opened = await variant.open();
      ({ database, url, drop } = opened);
      await migrateCarrierNetwork(database.as());
    });
    after(() => drop());

    it('loads generated subscribers with unique phones, reports progress, and keeps look-ups indexed', async () => {
      const now = new Date('2026-01-01T00:00:00Z');
      const seen: number[] = [];
      const rows = Array.from({ length: 12_000 }, (_, i) => generatedSubscriber(i, now));
      assert.equal(new Set(rows.map((r) => r.phoneNumber)).size, rows.length, 'phones are unique');
      const loaded = await bulkLoad({ database, url }, rows, (n) => seen.push(n));
      assert.equal(loaded, 12_000);
      assert.equal(seen.at(-1), 12_000);
      const registry = createRegistry(database.as<CarrierTables>(), () => now);
      assert.equal(await registry.count(), 12_000);
      const one = rows[4321]!;
      const found = await registry.byPhone(one.phoneNumber);
      assert.equal(found?.idNumber, one.idNumber);
      assert.ok((await registry.byIdNumber(one.idNumber)).some((s) => s.phoneNumber === one.phoneNumber));
      const { rows: plan } = await sql<
        Record<string, string>
      >`explain select * from carrier_network.subscribers where id_number = ${one.idNumber}`.execute(
        database.as(),
      );
      assert.match(plan.map((r) => Object.values(r).join(' ')).join('\n'), /Index|Bitmap/);
    });
  });
}
