import { strict as assert } from 'node:assert';
import { driftReport, type DriftColumn, type DriftTable } from '../../../src/drift';
import { DIALECTS } from '../../../src/engine/dialects';
import { openDuckDb } from '../../../src/engine/duckdbEngine';
import { driftOnEngine } from '../../../src/engine/engine';
import { HOSTILE_NAMES, sameReport, tempFolder, writeParquet } from './engineFixtures';

const d = DIALECTS.duckdb;

/** A table whose columns carry the hostile names: numbers in even ones, categories in odd ones. */
function hostileTable(rows: number, shift: number): DriftTable {
  const columns = HOSTILE_NAMES.map((name, k): DriftColumn => {
    const missing = Uint8Array.from({ length: rows }, (_, i) => (i % 11 === k % 11 ? 1 : 0));
    if (k % 2 === 0) return { kind: 'numeric', name, values: Float64Array.from({ length: rows }, (_, i) => ((i * (k + 3)) % 37) / 4 + shift), missing };
    return { kind: 'categorical', name, values: Array.from({ length: rows }, (_, i) => `c${(i + shift * k) % (k + 2)}`), missing };
  });
  return { rows, columns };
}

const REF_TABLE = 'ref"; DROP TABLE keep; --';
const CUR_TABLE = "cur`'; DROP TABLE keep; SELECT '";

describe('DuckDB: hostile table and column names are measured and harm nothing', function () {
  this.timeout(60000);
  const dir = tempFolder('divergence-hostile-');

  it('gives the in-memory report, and the other table and the statement count are untouched', async () => {
    const reference = hostileTable(400, 0);
    const current = hostileTable(300, 1);
    await writeParquet(reference, dir.path('ref.parquet'));
    await writeParquet(current, dir.path('cur.parquet'));
    const engine = await openDuckDb([
      'CREATE TABLE keep AS SELECT * FROM range(3) AS r(x)',
      `CREATE TABLE ${d.ident(REF_TABLE)} AS SELECT * FROM read_parquet(${d.text(dir.path('ref.parquet'))})`,
      `CREATE TABLE ${d.ident(CUR_TABLE)} AS SELECT * FROM read_parquet(${d.text(dir.path('cur.parquet'))})`,
    ]);
    try {
      const run = await driftOnEngine(engine, { reference: { kind: 'table', parts: [REF_TABLE] }, current: { kind: 'table', parts: [CUR_TABLE] } }, { allMeasures: true });
      assert.deepEqual(run.report.columns.map((c) => c.column), HOSTILE_NAMES);
      sameReport('hostile names', run.report, driftReport(reference, current, { allMeasures: true }));
      assert.equal(run.statements.length, 2);
      const tables = await engine.query('SELECT table_name FROM duckdb_tables() ORDER BY table_name');
      assert.deepEqual(tables.map((t) => t.table_name).sort(), ['keep', REF_TABLE, CUR_TABLE].sort());
      assert.deepEqual(await engine.query('SELECT count(*) AS n FROM keep'), [{ n: 3 }]);
    } finally {
      await engine.close();
    }
  });

  it('refuses text that holds more than one statement', async () => {
    const engine = await openDuckDb(['CREATE TABLE keep AS SELECT * FROM range(3) AS r(x)']);
    try {
      await assert.rejects(engine.query('SELECT 1; DROP TABLE keep'), /refusing to run 2 statements/);
      assert.deepEqual(await engine.query('SELECT count(*) AS n FROM keep'), [{ n: 3 }]);
    } finally {
      await engine.close();
    }
  });
});
