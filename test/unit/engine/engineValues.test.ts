import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { bytesReader } from '../../../src/data/table';
import { driftReport, driftReportOfFiles } from '../../../src/drift';
import { DIALECTS } from '../../../src/engine/dialects';
import { duckDbSource, openDuckDb } from '../../../src/engine/duckdbEngine';
import { driftOnEngine } from '../../../src/engine/engine';
import { manyDistinct, sameReport, specialValuesSql, specialValuesTable, tempFolder, writeParquet } from './engineFixtures';

const d = DIALECTS.duckdb;

async function withDuckDb(f: (run: (sql: string) => Promise<unknown>) => Promise<void>): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await f((sql) => connection.run(sql));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function engineReport(refPath: string, curPath: string, options = { allMeasures: true }) {
  const engine = await openDuckDb();
  try {
    return await driftOnEngine(engine, { reference: duckDbSource(refPath, 'r').ref, current: duckDbSource(curPath, 'c').ref }, options);
  } finally {
    await engine.close();
  }
}

const file = (path: string) => ({ name: path, reader: bytesReader(new Uint8Array(readFileSync(path))) });

describe('NaN, ±Infinity and dates: DuckDB as in memory', function () {
  this.timeout(60000);
  const dir = tempFolder('divergence-values-');
  const rows = 2000;
  const expected = driftReport(specialValuesTable(0, rows), specialValuesTable(1, rows), { allMeasures: true });

  it('NaN and ±Infinity of a DOUBLE column are missing cells; DATE and TIMESTAMP columns are left out and named (Parquet)', async () => {
    await withDuckDb(async (run) => {
      for (const s of [0, 1] as const) await run(`COPY (${specialValuesSql('duckdb', s, rows)}) TO ${d.text(dir.path(`side${s}.parquet`))} (FORMAT parquet)`);
    });
    const [ref, cur] = [dir.path('side0.parquet'), dir.path('side1.parquet')];
    const memory = await driftReportOfFiles(file(ref), file(cur), { allMeasures: true });
    sameReport('in memory', memory.report, expected);
    assert.deepEqual(memory.report.columns[0]!.missing, { reference: 98, current: 98 });
    assert.deepEqual(memory.skipped.map((c) => c.name), ['d', 'ts']);
    const engine = await engineReport(ref, cur);
    sameReport('duckdb', engine.report, expected);
    assert.deepEqual(engine.skipped, [{ name: 'd', type: 'DATE' }, { name: 'ts', type: 'TIMESTAMP' }]);
  });

  it('CSV: nan, inf and -inf are missing; date text is a category, as in memory', async () => {
    await withDuckDb(async (run) => {
      for (const s of [0, 1] as const) await run(`COPY (${specialValuesSql('duckdb', s, rows)}) TO ${d.text(dir.path(`side${s}.csv`))} (HEADER)`);
    });
    const [ref, cur] = [dir.path('side0.csv'), dir.path('side1.csv')];
    const memory = await driftReportOfFiles(file(ref), file(cur), { allMeasures: true });
    assert.deepEqual(memory.report.columns.map((c) => [c.column, c.type]), [['x', 'numerical'], ['d', 'categorical'], ['ts', 'categorical'], ['c', 'categorical']]);
    const engine = await engineReport(ref, cur);
    sameReport('duckdb, csv', engine.report, memory.report);
    assert.deepEqual(engine.skipped, []);
  });
});

describe('Wasserstein-1 and the standard deviation at 2·10^5 distinct values: DuckDB as in memory', function () {
  this.timeout(120000);
  const dir = tempFolder('divergence-w1-');

  it('W1 normed within 1e-15 relative (compensated sums of exact integer CDF differences; plain sums: 2.6e-15)', async () => {
    const [reference, current] = [manyDistinct(200000, 1), manyDistinct(200000, 1.001)];
    for (const [name, table] of [['ref', reference], ['cur', current]] as const) await writeParquet(table, dir.path(`${name}.parquet`));
    const memory = driftReport(reference, current, { allMeasures: true });
    const engine = await engineReport(dir.path('ref.parquet'), dir.path('cur.parquet'));
    sameReport('2e5 distinct values', engine.report, memory);
    const [e, m] = [engine.report.columns[0]!, memory.columns[0]!];
    assert.equal(m.test, 'wasserstein-normed');
    assert.ok(m.distinct > 399000, `${m.distinct} distinct values`);
    assert.ok(Math.abs(e.score - m.score) <= 1e-15 * m.score, `in memory ${m.score}, engine ${e.score}`);
  });
});
