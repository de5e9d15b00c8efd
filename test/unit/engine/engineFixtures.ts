/**
 * Test set-up of the engine tests: drift tables written as Parquet by DuckDB (the values as doubles or
 * strings, missing cells as NULL, so that the engine reads exactly the values the in-memory report sees),
 * hostile names, and the comparison of an engine's report with the in-memory one.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { csvTable, jsonRecordsTable, parseSplit, splitTable, type ColumnPass1, type DriftColumn, type DriftReport, type DriftTable } from '../../../src/drift';
import { DIALECTS } from '../../../src/engine/dialects';

const d = DIALECTS.duckdb;

/** Writes `table` to the Parquet file `path`. */
export async function writeParquet(table: DriftTable, path: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const columns = table.columns.map((c) => `${d.ident(c.name)} ${c.kind === 'numeric' ? 'DOUBLE' : 'VARCHAR'}`);
    await connection.run(`CREATE TABLE t (${columns.join(', ')})`);
    const appender = await connection.createAppender('t');
    for (let row = 0; row < table.rows; row++) {
      for (const c of table.columns) {
        if (c.missing[row]) appender.appendNull();
        else if (c.kind === 'numeric') appender.appendDouble(c.values[row]!);
        else appender.appendVarchar(c.values[row]!);
      }
      appender.endRow();
    }
    appender.closeSync();
    await connection.run(`COPY t TO ${d.text(path)} (FORMAT parquet)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Scores within 1e-12 relative of the in-memory report (a 0 must be 0); everything else identical. */
const REL = 1e-12;

function close(what: string, actual: number, expected: number): void {
  const delta = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(delta <= REL, `${what}: in memory ${expected}, engine ${actual}, relative ${delta}`);
}

/** The engine's report equals the in-memory one: counts, bins, tests and verdicts exactly, scores to 1e-12. */
export function sameReport(name: string, engine: DriftReport, memory: DriftReport): void {
  assert.deepEqual(engine.columns.map((c) => c.column), memory.columns.map((c) => c.column), `${name}: columns`);
  engine.columns.forEach((e, i) => {
    const m = memory.columns[i]!;
    const what = `${name}, ${m.column}`;
    const { score: es, measures: em, ...eRest } = e;
    const { score: ms, measures: mm, ...mRest } = m;
    assert.deepEqual(eRest, mRest, what);
    close(`${what}: score`, es, ms);
    assert.deepEqual(Object.keys(em ?? {}), Object.keys(mm ?? {}), `${what}: measures`);
    for (const [k, v] of Object.entries(mm ?? {})) close(`${what}: ${k}`, em![k as keyof typeof em]!, v);
  });
  const verdict = (r: DriftReport) => [r.only_in_reference, r.only_in_current, r.empty_columns, r.drifted_columns, r.columns_tested, r.share_drifted, r.dataset_drift];
  assert.deepEqual(verdict(engine), verdict(memory), `${name}: verdict`);
}


/** Names with quotes of every dialect, statement separators, comments, reserved words, spaces, unicode. */
export const HOSTILE_NAMES = ['a"b', 'a`b', "a'b", 'x"; DROP TABLE keep; --', 'x`; DROP TABLE keep; --', "x'); DROP TABLE keep; --", 'select', 'from', 'with space', 'naïve 列 😀', 'back\\slash', 'line\nbreak', 'semi;colon'];

/** A temporary folder for the enclosing describe block: made before its tests, removed after them. */
export function tempFolder(prefix: string): { path(...names: string[]): string } {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  return { path: (...names) => join(dir, ...names) };
}

const root = join(__dirname, '..', '..', '..');

/** The drift fixtures' dataset pairs (test/fixtures/drift/drift.json): the file splits and the generated pairs. */
export function driftCases(): { name: string; reference: DriftTable; current: DriftTable }[] {
  const fixtures = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'drift', 'drift.json'), 'utf8')) as {
    files: { name: string; file: string; split: string }[];
    generated: { name: string; reference_records: unknown[]; current_records: unknown[] }[];
  };
  const out = fixtures.files.map((c) => {
    const text = readFileSync(join(root, c.file), 'utf8');
    const table = c.file.endsWith('.json') ? jsonRecordsTable(text) : csvTable(text);
    return { name: c.name, ...splitTable(table, parseSplit(c.split)) };
  });
  for (const c of fixtures.generated) {
    out.push({ name: `generated: ${c.name}`, reference: jsonRecordsTable(JSON.stringify(c.reference_records)), current: jsonRecordsTable(JSON.stringify(c.current_records)) });
  }
  return out;
}

/** A table whose columns carry the hostile names: numbers in even ones, categories in odd ones. */
export function hostileTable(rows: number, shift: number): DriftTable {
  const columns = HOSTILE_NAMES.map((name, k): DriftColumn => {
    const missing = Uint8Array.from({ length: rows }, (_, i) => (i % 11 === k % 11 ? 1 : 0));
    if (k % 2 === 0) return { kind: 'numeric', name, values: Float64Array.from({ length: rows }, (_, i) => ((i * (k + 3)) % 37) / 4 + shift), missing };
    return { kind: 'categorical', name, values: Array.from({ length: rows }, (_, i) => `c${(i + shift * k) % (k + 2)}`), missing };
  });
  return { rows, columns };
}

/** Pass 1 of a small numerical column `amount`, for statements and plans. */
export const AMOUNT_PASS1: ColumnPass1 = {
  column: 'amount',
  type: 'numerical',
  reference: { rows: 10, present: 9, distinct: 30, min: 0, max: 1, std: 0.3 },
  current: { rows: 10, present: 10, distinct: 30, min: 0.5, max: 2, std: 0.3 },
  distinct: 50,
};

/**
 * A SELECT of `rows` rows of side s (0 or 1) in DuckDB's or PostgreSQL's SQL. x: doubles with NaN, ±Infinity
 * and NULL among them; d, ts: a date and a timestamp; c: categories.
 */
export function specialValuesSql(dialect: 'duckdb' | 'postgres', s: 0 | 1, rows: number): string {
  const double = DIALECTS[dialect].types.double;
  const rowsOf = dialect === 'duckdb' ? `range(${rows})` : `generate_series(0, ${rows - 1})`;
  return `SELECT CASE WHEN r % 50 = 0 THEN CAST('NaN' AS ${double}) WHEN r % 70 = 0 THEN CAST('Infinity' AS ${double})
      WHEN r % 90 = 0 THEN CAST('-Infinity' AS ${double}) WHEN r % 97 = 0 THEN NULL ELSE CAST((r * 7 % 101) / 10.0 + ${s} AS ${double}) END AS x,
    DATE '2020-01-01' + CAST(r % 40 + ${s * 10} AS INTEGER) AS d, TIMESTAMP '2020-01-01 00:00:00' + (r % 30) * INTERVAL '1 hour' AS ts,
    'k' || (r % (4 + ${s})) AS c FROM ${rowsOf} AS t(r)`;
}

/** The same table as the in-memory reports should see it: non-finite x missing, d and ts left out. */
export function specialValuesTable(s: 0 | 1, rows: number): DriftTable {
  const finite = (r: number) => r % 50 !== 0 && r % 70 !== 0 && r % 90 !== 0 && r % 97 !== 0;
  const missing = Uint8Array.from({ length: rows }, (_, r) => (finite(r) ? 0 : 1));
  return {
    rows,
    columns: [
      { kind: 'numeric', name: 'x', values: Float64Array.from({ length: rows }, (_, r) => (finite(r) ? ((r * 7) % 101) / 10 + s : 0)), missing },
      { kind: 'categorical', name: 'c', values: Array.from({ length: rows }, (_, r) => `k${r % (4 + s)}`), missing: new Uint8Array(rows) },
    ],
  };
}

/** `rows` values, nearly all distinct: x_i from a multiplicative hash, scaled by `scale`. */
export function manyDistinct(rows: number, scale: number): DriftTable {
  const values = Float64Array.from({ length: rows }, (_, i) => (((i * 2654435761) % 4294967296) / 4294967296) ** 2 * scale * 1000 + i * 1e-7);
  return { rows, columns: [{ kind: 'numeric', name: 'x', values, missing: new Uint8Array(rows) }] };
}
