/**
 * Test set-up of the engine tests: drift tables written as Parquet by DuckDB (the values as doubles or
 * strings, missing cells as NULL, so that the engine reads exactly the values the in-memory report sees),
 * hostile names, and the comparison of an engine's report with the in-memory one.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DriftReport, DriftTable } from '../../../src/drift';
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
