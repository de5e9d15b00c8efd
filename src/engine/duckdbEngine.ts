/**
 * DuckDB, embedded (`@duckdb/node-api`, loaded only when used): reads Parquet, CSV and JSON files and globs
 * where they are, streaming and spilling past memory, on all cores. A source is a file or glob
 * (`events/2024-*.parquet`), `table@file.duckdb`, or a SELECT. Every statement is parsed first and refused
 * unless it is exactly one statement.
 */
import { DivergenceError } from '../core/errors';
import { MISSING_TEXT } from '../drift/tableText';
import type { AggregateRow } from './aggregateRows';
import { DIALECTS } from './dialects';
import { engineError, type EngineColumn, type SqlEngine } from './engine';
import { fromItem, parseTableRef, type TableRef } from './tableRef';

/** The module `@duckdb/node-api`, as `import()` or a `require` from another folder gives it. */
export type DuckDbApi = typeof import('@duckdb/node-api');
type DuckDbConnection = Awaited<ReturnType<Awaited<ReturnType<DuckDbApi['DuckDBInstance']['create']>>['connect']>>;

const d = DIALECTS.duckdb;

/** DuckDB's type names of numbers (https://duckdb.org/docs/stable/sql/data_types/numeric). */
const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL(\(\d+,\s*\d+\))?)$/i;

/**
 * DuckDB's types no drift test applies to, left out as the in-memory Parquet reader leaves them out: dates,
 * times, timestamps (TIMESTAMP_NS, … WITH TIME ZONE), intervals, binary, and nested types
 * (https://duckdb.org/docs/stable/sql/data_types/overview).
 */
const UNSUPPORTED_TYPE = /^(DATE|TIME|TIMESTAMP|INTERVAL|BLOB|BIT|STRUCT|MAP|UNION)|\]$/i;

/**
 * The types DuckDB's CSV sniffer may give a column: numbers, else text, as the in-memory CSV reader reads
 * cells (no dates or booleans: their text is a category there)
 * (https://duckdb.org/docs/stable/data/csv/auto_detection#type-detection, auto_type_candidates).
 */
const CSV_TYPES = `auto_type_candidates = [${['BIGINT', 'DOUBLE', 'VARCHAR'].map((t) => d.text(t)).join(', ')}]`;

/** The module, or a message saying how to get it. */
async function loadDuckDb(): Promise<DuckDbApi> {
  try {
    return await import('@duckdb/node-api');
  } catch (e) {
    throw new DivergenceError(
      'unsupported-file',
      `--engine duckdb needs the package @duckdb/node-api, which is not installed here (${e instanceof Error ? e.message.split('\n')[0] : String(e)}): ` +
        'run `npm install -g @duckdb/node-api` next to the divergence command, or print the SQL with `divergence sql drift --dialect duckdb` and run it in the duckdb CLI',
    );
  }
}

/**
 * The FROM item of a command-line source: `TABLE@FILE.duckdb` (the file attached read-only as `alias`),
 * a SELECT, or a file or glob read by its extension (CSV cells in `MISSING_TEXT` are NULL, as the
 * in-memory reader takes them).
 *
 * https://duckdb.org/docs/stable/data/parquet/overview (read_parquet),
 * https://duckdb.org/docs/stable/data/csv/overview (read_csv, nullstr, delim),
 * https://duckdb.org/docs/stable/data/json/loading_json (read_json_auto),
 * https://duckdb.org/docs/stable/sql/statements/attach (ATTACH … (READ_ONLY)).
 */
export function duckDbSource(text: string, alias: string): { ref: TableRef; attach?: string } {
  const at = text.lastIndexOf('@');
  if (at > 0 && /\.(duckdb|db)$/i.test(text)) {
    const table = parseTableRef(text.slice(0, at));
    if (table.kind !== 'table') throw new DivergenceError('usage', `'${text}': give TABLE@FILE.duckdb`);
    return { ref: { kind: 'source', sql: fromItem(d, { kind: 'table', parts: [alias, ...table.parts] }) }, attach: `ATTACH ${d.text(text.slice(at + 1))} AS ${d.ident(alias)} (READ_ONLY)` };
  }
  const ref = parseTableRef(text);
  if (ref.kind === 'query') return { ref };
  const path = d.text(text);
  const lower = text.toLowerCase();
  const nulls = `nullstr = [${[...MISSING_TEXT].map((s) => d.text(s)).join(', ')}]`;
  if (lower.endsWith('.parquet')) return { ref: { kind: 'source', sql: `read_parquet(${path})` } };
  if (lower.endsWith('.csv')) return { ref: { kind: 'source', sql: `read_csv(${path}, ${nulls}, ${CSV_TYPES})` } };
  if (lower.endsWith('.tsv')) return { ref: { kind: 'source', sql: `read_csv(${path}, delim = ${d.text('\t')}, ${nulls}, ${CSV_TYPES})` } };
  if (lower.endsWith('.json')) return { ref: { kind: 'source', sql: `read_json_auto(${path})` } };
  throw new DivergenceError('unsupported-file', `'${text}': --engine duckdb reads .parquet, .csv, .tsv and .json files or globs, TABLE@FILE.duckdb, or a SELECT`);
}

/** A number as JavaScript has it: DuckDB gives BIGINT and HUGEINT as bigint. */
function plain(v: unknown): unknown {
  return typeof v === 'bigint' ? Number(v) : v;
}

class DuckDbEngine implements SqlEngine {
  readonly dialect = d;

  constructor(
    private readonly connection: DuckDbConnection,
    private readonly closeInstance: () => void,
  ) {}

  /** Runs exactly one statement; refuses text that parses as more (or none). */
  async run(sql: string): Promise<AggregateRow[]> {
    try {
      const extracted = await this.connection.extractStatements(sql);
      if (extracted.count !== 1) throw new DivergenceError('invalid-parameter', `refusing to run ${extracted.count} statements where one was written`);
      const reader = await (await extracted.prepare(0)).runAndReadAll();
      return reader.getRowObjectsJS().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plain(v)])));
    } catch (e) {
      throw engineError('duckdb', e);
    }
  }

  async columns(ref: TableRef): Promise<EngineColumn[]> {
    const rows = await this.run(`DESCRIBE SELECT * FROM ${fromItem(d, ref)}`);
    return rows.map((r) => {
      const type = String(r.column_type);
      return { name: String(r.column_name), numeric: NUMERIC_TYPE.test(type), type, ...(UNSUPPORTED_TYPE.test(type) ? { unsupported: type } : {}) };
    });
  }

  query(sql: string): Promise<AggregateRow[]> {
    return this.run(sql);
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.closeInstance();
  }
}

/** An in-memory DuckDB with the given statements (ATTACH …) run first; `module` when already loaded (else imported). */
export async function openDuckDb(setup: readonly string[] = [], module?: DuckDbApi): Promise<SqlEngine & { run(sql: string): Promise<AggregateRow[]> }> {
  const api = module ?? (await loadDuckDb());
  const instance = await api.DuckDBInstance.create(':memory:');
  const engine = new DuckDbEngine(await instance.connect(), () => instance.closeSync());
  for (const statement of setup) await engine.run(statement);
  return engine;
}
