/**
 * An engine that runs SQL where the data lives, and the drift report computed through it: pass 1, the
 * plan, pass 2, and the report from the aggregates (docs/engines.md). Only aggregates come back: per column
 * a few counts, the bin or category counts, two statistics.
 */
import { DivergenceError } from '../core/errors';
import { driftReportFromAggregates, isEmptyColumn, planColumn, type DriftAggregates, type DriftOptions, type DriftReport } from '../drift';
import { readAggregateRows, type AggregateRow } from './aggregateRows';
import type { Dialect } from './dialects';
import { pass1Sql, pass2Sql, type DriftColumnSpec, type DriftSources } from './driftSql';
import type { TableRef } from './tableRef';

/** An engine's own failure (no such file, table or column, a syntax error) as the command's error. */
export function engineError(engine: string, e: unknown): DivergenceError {
  if (e instanceof DivergenceError) return e;
  const message = (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
  return new DivergenceError('invalid-parameter', `${engine}: ${message}`);
}

/** A column of a table as an engine describes it. */
export interface EngineColumn {
  readonly name: string;
  /** A number type (integer, decimal, floating point): the column may be numerical. */
  readonly numeric: boolean;
  /** The engine's own name of the column's type, where it gives one (DuckDB: `DOUBLE`, `VARCHAR`, `DATE`…). */
  readonly type?: string;
  /**
   * The engine's type name of a column no drift test applies to (dates, times, timestamps, intervals,
   * binary): the report leaves it out and names it, as the in-memory Parquet and Arrow readers do.
   */
  readonly unsupported?: string;
}

/** A column left out of a report, with its type. */
export interface SkippedColumn {
  readonly name: string;
  readonly type: string;
}

/** The columns of both sides that the report leaves out (each name and type once, the reference's first). */
function skippedColumns(reference: readonly EngineColumn[], current: readonly EngineColumn[], names?: readonly string[]): SkippedColumn[] {
  const out: SkippedColumn[] = [];
  for (const c of [...reference, ...current]) {
    if (c.unsupported === undefined || (names !== undefined && !names.includes(c.name))) continue;
    if (!out.some((o) => o.name === c.name && o.type === c.unsupported)) out.push({ name: c.name, type: c.unsupported });
  }
  return out;
}

const readable = (columns: readonly EngineColumn[]) => columns.filter((c) => c.unsupported === undefined);

export interface SqlEngine {
  readonly dialect: Dialect;
  /** The columns of a table or query, in order. */
  columns(ref: TableRef): Promise<EngineColumn[]>;
  /** The rows of one SELECT statement. */
  query(sql: string): Promise<AggregateRow[]>;
  close(): Promise<void>;
}

/** The compared columns (given, or every name of either side) with their types, and the one-sided names. */
export function matchColumns(reference: readonly EngineColumn[], current: readonly EngineColumn[], names?: readonly string[]): {
  columns: DriftColumnSpec[];
  onlyInReference: string[];
  onlyInCurrent: string[];
} {
  const ref = new Map(reference.map((c) => [c.name, c]));
  const cur = new Map(current.map((c) => [c.name, c]));
  const wanted = names ?? [...new Set([...ref.keys(), ...cur.keys()])];
  const columns: DriftColumnSpec[] = [];
  for (const name of wanted) {
    if (!ref.has(name) && !cur.has(name)) throw new DivergenceError('usage', `no column '${name}' in either table; columns: ${[...ref.keys()].join(', ')}`);
    const r = ref.get(name);
    const c = cur.get(name);
    if (r && c) columns.push({ name, type: r.numeric && c.numeric ? 'numerical' : 'categorical' });
  }
  return { columns, onlyInReference: wanted.filter((n) => ref.has(n) && !cur.has(n)), onlyInCurrent: wanted.filter((n) => cur.has(n) && !ref.has(n)) };
}

/** The statements an engine ran for a report, for --show-sql and tests. */
export interface EngineDrift {
  readonly report: DriftReport;
  readonly statements: string[];
  /** The aggregates the report was computed from, as the engine returned them. */
  readonly aggregates: DriftAggregates;
  readonly rows: AggregateRow[];
  /** Rows of the reference table. */
  readonly referenceRows: number;
  readonly currentRows: number;
  /** Columns left out: a type no drift test applies to (`EngineColumn.unsupported`). */
  readonly skipped: readonly SkippedColumn[];
}

/** The drift report of `src` computed by `engine` in two statements. */
export async function driftOnEngine(engine: SqlEngine, src: DriftSources, options: DriftOptions = {}): Promise<EngineDrift> {
  const [refColumns, curColumns] = [await engine.columns(src.reference), await engine.columns(src.current)];
  const skipped = skippedColumns(refColumns, curColumns, options.columns);
  const wanted = options.columns?.filter((name) => !skipped.some((c) => c.name === name));
  const matched = matchColumns(readable(refColumns), readable(curColumns), wanted);
  const statements = [pass1Sql(engine.dialect, src, matched.columns)];
  const firstRows = await engine.query(statements[0]!);
  const { pass1 } = readAggregateRows(firstRows);
  const referenceRows = pass1[0]?.reference.rows ?? 0;
  const plans = pass1.filter((c) => !isEmptyColumn(c)).map((c) => planColumn(c, referenceRows, options));
  const second = pass2Sql(engine.dialect, src, plans, new Map(pass1.map((c) => [c.column, c])));
  const rows = second === undefined ? firstRows : [...firstRows, ...(await engine.query(second))];
  if (second !== undefined) statements.push(second);
  const { pass2 } = readAggregateRows(rows);
  const aggregates = { columns: pass1.map((c) => ({ pass1: c, pass2: pass2.get(c.column) })), onlyInReference: matched.onlyInReference, onlyInCurrent: matched.onlyInCurrent };
  const report = driftReportFromAggregates(aggregates, options);
  return { report, statements, aggregates, rows, referenceRows, currentRows: pass1[0]?.current.rows ?? 0, skipped };
}
