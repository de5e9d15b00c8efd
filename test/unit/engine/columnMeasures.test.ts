import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { run } from '../../../src/cli/main';
import { columnPass1Sql, columnPass2Sql, ENGINE_COLUMN_MEASURES } from '../../../src/engine/columnMeasures';
import { DIALECTS } from '../../../src/engine/dialects';
import { tempFolder } from './engineFixtures';

const tables = join(__dirname, '..', '..', 'fixtures', 'tables');

/** The command line run in this process: its exit status, stdout and stderr. */
async function divergence(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const [out, err] = [process.stdout.write, process.stderr.write];
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    const status = await run(argv);
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

type Json = { value: number | string; normalized: boolean; sums?: { p: number; q?: number }; notes?: string[]; [k: string]: unknown };

async function json(...argv: string[]): Promise<Json> {
  const r = await divergence(...argv, '--json');
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Json;
}

/** Within 1e-12 relative (a 0 must be 0, "Infinity" must be "Infinity"). */
function close(what: string, engine: unknown, memory: unknown): void {
  if (typeof memory !== 'number' || typeof engine !== 'number') {
    assert.deepEqual(engine, memory, what);
    return;
  }
  const delta = memory === 0 ? Math.abs(engine) : Math.abs(engine - memory) / Math.abs(memory);
  assert.ok(delta <= 1e-12, `${what}: in memory ${memory}, engine ${engine}, relative ${delta}`);
}

/** The engine's JSON equals the in-memory one: every field, numbers within 1e-12 relative. */
function sameOutput(what: string, engine: Json, memory: Json): void {
  assert.deepEqual(Object.keys(engine).sort(), Object.keys(memory).sort(), `${what}: fields`);
  for (const [k, v] of Object.entries(memory)) {
    if (k === 'sums') for (const [s, x] of Object.entries(v as object)) close(`${what}: sums.${s}`, (engine.sums as Record<string, unknown>)[s], x);
    else close(`${what}: ${k}`, engine[k], v);
  }
}

const ONE = new Set(['entropy']);

async function compare(file: string, p: string, q: string, base?: string): Promise<void> {
  for (const measure of ENGINE_COLUMN_MEASURES) {
    const args = [measure, '--p', `@${file}:${p}`, ...(ONE.has(measure) ? [] : ['--q', `@${file}:${q}`]), ...(base ? ['--base', base] : [])];
    sameOutput(`${measure} ${p} ${q} of ${file}`, await json(...args, '--engine', 'duckdb'), await json(...args));
  }
}

describe('discrete measures of table columns on DuckDB (divergence kl --engine duckdb)', function () {
  this.timeout(120000);
  const dir = tempFolder('divergence-engine-measures-');
  let edge: string;
  let readme: string;
  before(async function () {
    edge = dir.path('edge.parquet');
    readme = dir.path('readme.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const d = DIALECTS.duckdb;
      await connection.run(
        `COPY (SELECT * FROM (VALUES (1.0, 2.0, 0.0), (3.0, 0.0, 5.0), (0.0, 1.0, 2.0), (NULL, 4.0, 1.0), (2.0, NULL, 3.0), (4.0, 4.0, 0.0)) AS t(p, q, r)) TO ${d.text(edge)} (FORMAT parquet)`,
      );
      await connection.run(`COPY (SELECT * FROM (VALUES (0.36, 1/3), (0.48, 1/3), (0.16, 1/3)) AS t(p, q)) TO ${d.text(readme)} (FORMAT parquet)`);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  for (const pair of [
    ['u8', 'u16'],
    ['u16', 'u32'],
    ['u32', 'u8'],
  ] as const) {
    it(`${pair.join(' and ')} of table_zstd.parquet and its CSV twin: the in-memory values`, async () => {
      await compare(join(tables, 'table_zstd.parquet'), pair[0], pair[1]);
      await compare(join(tables, 'table.csv'), pair[0], pair[1], '2');
    });
  }

  it("the README's example: the value it prints (0.08529960131837053 nats), to 1e-12", async () => {
    close('kl', (await json('kl', '--p', `@${readme}:p`, '--q', `@${readme}:q`, '--engine', 'duckdb')).value, 0.08529960131837053);
    await compare(readme, 'p', 'q');
  });

  it('q = 0 where p > 0 is Infinity, rows with a missing cell are dropped and said, as in memory', async () => {
    await compare(edge, 'p', 'q');
    await compare(edge, 'q', 'r');
    const kl = await json('kl', '--p', `@${edge}:p`, '--q', `@${edge}:q`, '--engine', 'duckdb');
    assert.equal(kl.value, 'Infinity');
    assert.deepEqual(kl.notes, ["2 rows where 'p' or 'q' is missing dropped from both"]);
    assert.equal(kl.normalized, true);
    assert.deepEqual(kl.sums, { p: 8, q: 7 });
  });

  it('columns of categories are counted where they are: the in-memory values, notes and category counts', async () => {
    const file = join(tables, 'table_zstd.parquet');
    await compare(file, 'word', 'maybe_word');
    await compare(file, 'maybe_word', 'code');
    await compare(file, 'flag', 'word');
    await compare(join(tables, 'table.csv'), 'word', 'maybe_word');
  });

  it('u64, which has zeros, against u8: Infinity for KL, finite for JS, as in memory', async () => {
    await compare(join(tables, 'table_zstd.parquet'), 'u8', 'u64');
  });

  it('refuses what in memory refuses, and what the engine does not compute', async () => {
    const file = join(tables, 'table_zstd.parquet');
    const negative = await divergence('kl', '--p', `@${file}:i8`, '--q', `@${file}:u8`, '--engine', 'duckdb');
    assert.equal(negative.status, 2);
    assert.match(negative.stderr, /P has \d+ values that are negative/);
    const renyi = await divergence('renyi', '--p', `@${file}:u8`, '--q', `@${file}:u16`, '--alpha', '2', '--engine', 'duckdb');
    assert.match(renyi.stderr, /--engine computes entropy, cross-entropy, kl/);
    const twoFiles = await divergence('kl', '--p', `@${file}:u8`, '--q', `@${join(tables, 'table.csv')}:u16`, '--engine', 'duckdb');
    assert.match(twoFiles.stderr, /give two columns of one file/);
  });

  it('takes every logarithm inside a CASE WHEN that excludes 0', () => {
    const input = { source: { kind: 'table', parts: ['t'] } as const, p: 'p', q: 'q' };
    assert.doesNotMatch(columnPass1Sql(input), /LN\(/);
    for (const measure of ENGINE_COLUMN_MEASURES) {
      const sql = columnPass2Sql(measure, input, { rows: 1, kept: 1, missingP: 0, missingQ: 0, badP: 0, badQ: 0, sumP: 2, sumQ: 3 });
      for (let i = sql.indexOf('LN('); i >= 0; i = sql.indexOf('LN(', i + 1)) {
        const branch = sql.slice(sql.lastIndexOf('CASE WHEN', i), i);
        assert.match(branch, /^CASE WHEN CAST\([pq] AS DOUBLE\) > 0 (AND CAST\([pq] AS DOUBLE\) > 0 )?THEN /, `${measure}: ${sql}`);
        assert.doesNotMatch(branch, /\bEND\b/, `${measure}: ${sql}`);
      }
    }
  });
});
