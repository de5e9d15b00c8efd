/**
 * Two sources on DuckDB, shared by `divergence drift --engine duckdb` and the editor's Drift view: the engine
 * opened with both attached, and, for Parquet files, the columns the in-memory Parquet reader compares
 * (numbers, booleans and strings) apart from those it leaves out (temporal, binary, nested), so that the
 * engine's report has the same columns as the in-memory one.
 */
import { duckDbSource, NUMERIC_TYPE, openDuckDb, type DuckDbApi } from './duckdbEngine';
import type { SqlEngine } from './engine';
import { fromItem, type TableRef } from './tableRef';

/** DuckDB's types the in-memory readers compare: numbers (numerical), booleans and text (categorical). */
const isCompared = (type: string) => NUMERIC_TYPE.test(type) || /^(BOOLEAN|VARCHAR)$/i.test(type);

/** DuckDB with REF and CUR (files, globs, `TABLE@FILE.duckdb` or SELECTs) as its sources; `module` when already loaded. */
export async function openDuckDbPair(reference: string, current: string, module?: DuckDbApi): Promise<{ engine: SqlEngine; reference: TableRef; current: TableRef }> {
  const r = duckDbSource(reference, 'ref_db');
  const c = duckDbSource(current, 'cur_db');
  const engine = await openDuckDb([r.attach, c.attach].filter((s): s is string => s !== undefined), module);
  return { engine, reference: r.ref, current: c.ref };
}

/**
 * The columns of both sources the report compares (reference order, then the current's others) and the
 * others as "name (TYPE)", as the in-memory reader lists the columns it leaves out.
 */
export async function comparedColumns(engine: SqlEngine, sources: readonly TableRef[]): Promise<{ columns: string[]; skipped: string[] }> {
  const types = new Map<string, string[]>();
  for (const ref of sources) {
    for (const row of await engine.query(`DESCRIBE SELECT * FROM ${fromItem(engine.dialect, ref)}`)) {
      const name = String(row.column_name);
      types.set(name, [...(types.get(name) ?? []), String(row.column_type)]);
    }
  }
  const all = [...types];
  const compared = ([, t]: [string, string[]]) => t.every(isCompared);
  return {
    columns: all.filter(compared).map(([name]) => name),
    skipped: all.filter((e) => !compared(e)).map(([name, t]) => `${name} (${[...new Set(t)].join(' / ')})`),
  };
}
