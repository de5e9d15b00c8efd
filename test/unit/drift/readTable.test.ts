import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { driftReport, readDriftTable, selectRows } from '../../../src/drift';

const dir = join(__dirname, '..', '..', 'fixtures', 'tables');
const bytes = (name: string) => new Uint8Array(readFileSync(join(dir, name)));

describe('readDriftTable', () => {
  it('reads a Parquet file and an Arrow file into the drift report the same rows of its CSV twin give', async () => {
    const csv = await readDriftTable('table.csv', bytes('table.csv'));
    for (const name of ['table_zstd.parquet', 'table.arrow', 'table.arrows']) {
      const other = await readDriftTable(name, bytes(name));
      // The Arrow files hold the table's first rows (scripts/gen_table_fixtures.mjs).
      const twin = selectRows(csv.table, Array.from({ length: other.table.rows }, (_, i) => i));
      const names = other.table.columns.map((c) => c.name).filter((n) => csv.table.columns.some((c) => c.name === n));
      assert.ok(names.length >= 2, `${name} shares columns with table.csv`);
      const a = driftReport(csv.table, twin, { columns: names });
      const b = driftReport(csv.table, other.table, { columns: names });
      assert.equal(b.columns.length, names.length);
      assert.deepEqual(b.columns.map((c) => [c.column, c.score]), a.columns.map((c) => [c.column, c.score]), name);
    }
  });

  it('refuses an extension it does not read, naming the ones it does', async () => {
    await assert.rejects(readDriftTable('a.xlsx', new Uint8Array(0)), /reads \.csv, .*not '\.xlsx'/);
  });
});
