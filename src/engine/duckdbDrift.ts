/**
 * Two sources on DuckDB, shared by `divergence drift --engine duckdb` and the editor's Drift view: the engine
 * opened with both attached, and, for Parquet files, the columns the in-memory Parquet reader compares
 * (numbers, booleans and strings) apart from those it leaves out (temporal, binary, nested), so that the
 * engine's report has the same columns as the in-memory one.
 */
import { duckDbSource, openDuckDb, type DuckDbApi } from './duckdbEngine';
import type { SqlEngine } from './engine';
import type { TableRef } from './tableRef';

/** DuckDB's types the in-memory readers compare besides numbers: booleans and text (categorical). */
const CATEGORY_TYPE = /^(BOOLEAN|VARCHAR)$/i;

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
  const compared = new Set<string>();
  const refused = new Set<string>();
  for (const ref of sources) {
    for (const c of await engine.columns(ref)) {
      const type = c.type ?? '';
      types.set(c.name, [...(types.get(c.name) ?? []), type]);
      (c.numeric || CATEGORY_TYPE.test(type) ? compared : refused).add(c.name);
    }
  }
  const all = [...types];
  const isCompared = ([name]: [string, string[]]) => compared.has(name) && !refused.has(name);
  return {
    columns: all.filter(isCompared).map(([name]) => name),
    skipped: all.filter((e) => !isCompared(e)).map(([name, t]) => `${name} (${[...new Set(t)].join(' / ')})`),
  };
}
