import { strict as assert } from 'node:assert';
import { driftReport } from '../../../src/drift';
import { DIALECTS } from '../../../src/engine/dialects';
import { openDuckDb } from '../../../src/engine/duckdbEngine';
import { driftOnEngine } from '../../../src/engine/engine';
import { HOSTILE_NAMES, hostileTable, sameReport, tempFolder, writeParquet } from './engineFixtures';

const d = DIALECTS.duckdb;

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
