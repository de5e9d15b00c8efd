/** The table fixtures of scripts/gen_table_fixtures.mjs: the CSV twin as reference, and byte patches. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DivergenceError, type DivergenceErrorCode } from '../../../src/core/errors';
import type { TableColumn } from '../../../src/data/table';

export const TABLES = join(__dirname, '..', '..', 'fixtures', 'tables');

export interface Expected {
  readonly rows: number;
  readonly columns: Record<string, { duckdbType: string; nulls: number; counts?: Record<string, number>; distinct?: number; first?: number; last?: number; min?: number; max?: number }>;
  readonly parquet: string[];
  readonly arrow: string[];
  readonly arrowBatches: number;
  readonly arrowRows: number;
}

export const expected = JSON.parse(readFileSync(join(TABLES, 'expected.json'), 'utf8')) as Expected;

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(TABLES, name)));
}

/** The CSV twin: column name -> its fields (null for an empty field). */
export const twin: Map<string, (string | null)[]> = (() => {
  const lines = readFileSync(join(TABLES, 'table.csv'), 'utf8').trimEnd().split('\n');
  const names = lines[0]!.split(',');
  const cols = names.map(() => [] as (string | null)[]);
  for (const line of lines.slice(1)) line.split(',').forEach((f, c) => cols[c]!.push(f === '' ? null : f));
  return new Map(names.map((n, c) => [n, cols[c]!]));
})();

/**
 * Asserts a column read from a file equals its CSV twin (its first `rows` rows) exactly: values, null rows,
 * kind; over the whole table also the numbers of expected.json.
 */
export function assertMatchesTwin(col: TableColumn, file: string, rows = expected.rows): void {
  const fields = twin.get(col.name)?.slice(0, rows);
  assert.ok(fields !== undefined, `no twin for ${col.name}`);
  assert.equal(col.rowCount, fields.length, `${file}:${col.name} rows`);
  const nulls = fields.flatMap((f, i) => (f === null ? [i] : []));
  assert.deepEqual(Array.from(col.nullRows), nulls, `${file}:${col.name} null rows`);
  const present = fields.filter((f): f is string => f !== null);
  const numeric = !['VARCHAR', 'BOOLEAN'].includes(expected.columns[col.name]!.duckdbType);
  assert.equal(col.kind, numeric ? 'numeric' : 'categorical', `${file}:${col.name} kind`);
  assert.equal(col.values.length, present.length, `${file}:${col.name} values`);
  for (let i = 0; i < present.length; i++) {
    const want = numeric ? Number(present[i]) : present[i];
    if (!Object.is(col.values[i], want)) assert.fail(`${file}:${col.name} value ${i}: expected ${want}, got ${col.values[i]}`);
  }
  const e = expected.columns[col.name]!;
  if (rows !== expected.rows) return;
  if (col.kind === 'numeric' && col.values.length > 0) {
    assert.equal(col.values[0], e.first, `${file}:${col.name} first`);
    assert.equal(col.values[col.values.length - 1], e.last, `${file}:${col.name} last`);
    assert.equal(col.values.reduce((a, b) => Math.min(a, b)), e.min, `${file}:${col.name} min`);
    assert.equal(col.values.reduce((a, b) => Math.max(a, b)), e.max, `${file}:${col.name} max`);
  }
  assert.equal(col.nullRows.length, e.nulls, `${file}:${col.name} nulls`);
}

/** A copy of `bytes` with the first occurrence of `find` at or after `from` replaced by `by` (same length). */
export function patch(bytes: Uint8Array, find: readonly number[], by: readonly number[], from = 0): Uint8Array {
  assert.equal(find.length, by.length);
  for (let i = from; i + find.length <= bytes.length; i++) {
    if (find.every((b, k) => bytes[i + k] === b)) {
      const out = bytes.slice();
      out.set(by, i);
      return out;
    }
  }
  throw new Error(`pattern ${find.join(',')} not found`);
}

/** Where the Parquet footer starts. */
export function footerStart(bytes: Uint8Array): number {
  const n = bytes.length;
  const len = bytes[n - 8]! | (bytes[n - 7]! << 8) | (bytes[n - 6]! << 16) | (bytes[n - 5]! << 24);
  return n - 8 - len;
}

/** Awaits `p`, which must reject with a DivergenceError of `code` whose message matches `message`. */
export async function rejects(p: Promise<unknown>, code: DivergenceErrorCode, message: RegExp): Promise<DivergenceError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DivergenceError, `expected a DivergenceError, got ${e instanceof Error ? e.stack : String(e)}`);
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    assert.doesNotMatch(e.message, /\n/);
    return e;
  }
  assert.fail('expected a rejection');
}

/** A numeric column's values as an array. */
export const numbers = (c: TableColumn | undefined): number[] => Array.from(c!.values as Float64Array);
