import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { csvTable, parseSplit, splitTable, type DriftReport } from '../../../src/drift';
import { DIALECTS } from '../../../src/engine/dialects';
import { sameReport, tempFolder, writeParquet } from './engineFixtures';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');

function divergence(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function jsonOut(r: { status: number | null; stdout: string; stderr: string }): DriftReport & { reference: { rows: number }; current: { rows: number } } {
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as DriftReport & { reference: { rows: number }; current: { rows: number } };
}

/** Runs one printed statement in DuckDB and exports its rows as a warehouse would (CSV with a header, or JSON lines). */
async function exportRows(sql: string, path: string, format: 'csv' | 'json'): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const statement = sql.trim().replace(/;$/, '');
    await connection.run(`COPY (${statement}) TO ${DIALECTS.duckdb.text(path)} (FORMAT ${format}${format === 'csv' ? ', HEADER' : ''})`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('divergence drift --engine duckdb, sql drift and --aggregates (dist/cli.js)', function () {
  this.timeout(60000);
  const dir = tempFolder('divergence-engine-cli-');
  let refPath: string;
  let curPath: string;
  let memory: ReturnType<typeof jsonOut>;
  before(async function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does)');
    const { reference, current } = splitTable(csvTable(readFileSync(join(root, 'examples', 'seattle-weather.csv'), 'utf8')), parseSplit('date=2012,2015'));
    refPath = dir.path('ref.parquet');
    curPath = dir.path('cur.parquet');
    await writeParquet(reference, refPath);
    await writeParquet(current, curPath);
    memory = jsonOut(divergence('drift', 'examples/seattle-weather.csv', '--split', 'date=2012,2015', '--all-measures', '--json'));
  });

  it('--engine duckdb on Parquet gives the in-memory report', () => {
    const out = jsonOut(divergence('drift', refPath, curPath, '--engine', 'duckdb', '--all-measures', '--json'));
    sameReport('seattle-weather --engine duckdb', out, memory);
    assert.deepEqual([out.reference.rows, out.current.rows], [366, 365]);
  });

  it('a glob reads every file it matches; the text table says the rows', () => {
    const r = divergence('drift', dir.path('*.parquet'), curPath, '--engine', 'duckdb', '--columns', 'wind');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\(731 rows\)/);
  });

  it('sql drift prints the statements; their rows through --aggregates give the in-memory report', async () => {
    const common = ['--dialect', 'duckdb', '--ref', `SELECT * FROM read_parquet('${refPath}')`, '--cur', `SELECT * FROM read_parquet('${curPath}')`];
    const columns = ['--columns', 'precipitation,temp_max,temp_min,wind,weather', '--categorical', 'weather'];
    const first = divergence('sql', 'drift', ...common, ...columns);
    assert.equal(first.status, 0, first.stderr);
    await exportRows(first.stdout, dir.path('pass1.csv'), 'csv');
    const second = divergence('sql', 'drift', ...common, ...columns, '--all-measures', '--pass1', dir.path('pass1.csv'));
    assert.equal(second.status, 0, second.stderr);
    await exportRows(second.stdout, dir.path('pass2.json'), 'json');
    const out = jsonOut(divergence('drift', '--aggregates', `${dir.path('pass1.csv')},${dir.path('pass2.json')}`, '--all-measures', '--json'));
    sameReport('seattle-weather --aggregates', out, memory);
  });

  it('CSV files (types detected, NA cells missing) give the in-memory report', () => {
    const [header, ...lines] = readFileSync(join(root, 'examples', 'seattle-weather.csv'), 'utf8').trim().split('\n');
    writeFileSync(dir.path('even.csv'), [header, ...lines.filter((_, i) => i % 2 === 0)].join('\n'));
    writeFileSync(dir.path('odd.csv'), [header, ...lines.filter((_, i) => i % 2 === 1).map((l) => l.replace(/,rain$/, ',NA'))].join('\n'));
    const files = [dir.path('even.csv'), dir.path('odd.csv')];
    const inMemory = jsonOut(divergence('drift', ...files, '--all-measures', '--json'));
    assert.ok(inMemory.columns.find((c) => c.column === 'weather')!.missing.current > 300);
    sameReport('seattle-weather halves as CSV', jsonOut(divergence('drift', ...files, '--engine', 'duckdb', '--all-measures', '--json')), inMemory);
  });

  it('an engine error and an unknown dialect are one line and exit 2', () => {
    const r = divergence('drift', dir.path('none.parquet'), curPath, '--engine', 'duckdb');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^divergence: duckdb: .*none\.parquet/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    const dialect = divergence('sql', 'drift', '--dialect', 'oracle', '--ref', 'a', '--cur', 'b', '--columns', 'x');
    assert.equal(dialect.status, 2);
    assert.equal(dialect.stderr, "divergence: unknown SQL dialect 'oracle'; known: duckdb, postgres, spark, bigquery, snowflake, trino\n");
  });
  it('a date column is left out and named as in memory (text and --json)', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const dated = [dir.path('dated-ref.parquet'), dir.path('dated-cur.parquet')];
    try {
      for (const [k, path] of dated.entries()) {
        await connection.run(
          `COPY (SELECT DATE '2024-01-01' + CAST(i AS INTEGER) AS day, CAST(i % ${7 + k} AS DOUBLE) AS x FROM range(200) t(i)) TO ${DIALECTS.duckdb.text(path)} (FORMAT parquet)`,
        );
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    const inMemory = jsonOut(divergence('drift', dated[0]!, dated[1]!, '--json')) as ReturnType<typeof jsonOut> & { skipped_columns?: unknown };
    const onEngine = jsonOut(divergence('drift', dated[0]!, dated[1]!, '--engine', 'duckdb', '--json')) as typeof inMemory;
    const names = (out: typeof inMemory) => ((out.skipped_columns ?? []) as { name: string }[]).map((c) => c.name);
    assert.deepEqual(names(inMemory), ['day']);
    assert.deepEqual(names(onEngine), ['day']);
    assert.deepEqual(onEngine.columns.map((c) => c.column), ['x']);
    const text = divergence('drift', dated[0]!, dated[1]!, '--engine', 'duckdb');
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /not read \(no drift test applies to type DATE\): day\n$/);
  });
});
