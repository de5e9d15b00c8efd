/**
 * The discrete measures of one or two columns of a table (`divergence kl --engine duckdb --p @t.parquet:p
 * --q @t.parquet:q`) computed by DuckDB where the file is: two statements of aggregates, and the result
 * assembled here. Only sums come back, never the values.
 *
 * - Pass 1: the rows, the cells that are not NULL (two columns of one table are paired by row: a row missing
 *   in either is dropped from both, as in memory), the values that are not probabilities (negative, NaN,
 *   ±Infinity), and the sums s_p and s_q (DuckDB's `fsum`, a compensated sum:
 *   https://duckdb.org/docs/stable/sql/functions/aggregates#fsumarg).
 * - Pass 2, of p̂ = p/s_p and q̂ = q/s_q (the CLI normalises counts, and says so): the sum each measure needs,
 *   with every logarithm guarded by `CASE WHEN` so that no `LN(0)` is ever taken, and the count of the rows
 *   that make a measure infinite (q = 0 < p for KL and cross-entropy, one of p, q zero for Jeffreys).
 *
 *   entropy        H = Σ p ln(s_p/p) / s_p                  cross-entropy  H = Σ p ln(s_q/q) / s_p
 *   kl             D = Σ p̂ ln(p̂/q̂)                          jeffreys       J = Σ (p̂ - q̂) ln(p̂/q̂)
 *   js             ½ Σ p̂ ln(2p̂/(p̂+q̂)) + q̂ ln(2q̂/(p̂+q̂))      js-distance    √JSD
 *   tv             ½ Σ |p̂ - q̂|                              hellinger      √H², H² = ½ Σ (√p̂ - √q̂)²
 *   bhattacharyya  -log1p(-H²) where H² ≤ ½, else -ln BC with BC = Σ √(p̂ q̂) (Infinity when it is 0)
 *
 * Columns of categories (text, booleans) are first counted where they are, as in memory: P's and Q's count of
 * each value over the union of their values (`GROUP BY`), and the measure is of those counts.
 *
 * The values are those of the in-memory functions of src/core within about 1e-12 relative (the sums are in
 * the engine's order); Infinity exactly where they give it.
 */
import { DivergenceError } from '../core/errors';
import { NORMALIZATION_TOLERANCE } from '../core/klDivergence';
import { resolveBase } from '../core/logBase';
import type { MeasureValue } from '../core/measures';
import { DIALECTS, doubleLiteral } from './dialects';
import type { SqlEngine } from './engine';
import { fromItem, type TableRef } from './tableRef';

const d = DIALECTS.duckdb;

/** The measures an engine computes: those of src/core/measures.ts whose sums SQL can form (not Rényi's order). */
export const ENGINE_COLUMN_MEASURES = ['entropy', 'cross-entropy', 'kl', 'jeffreys', 'js', 'js-distance', 'tv', 'hellinger', 'bhattacharyya'] as const;
export type EngineColumnMeasure = (typeof ENGINE_COLUMN_MEASURES)[number];

/** The column(s) a measure reads: P, and Q of the same table for a measure of two distributions. */
export interface ColumnMeasureInput {
  readonly source: TableRef;
  readonly p: string;
  readonly q?: string;
}

/** What pass 1 found. */
export interface ColumnPass1 {
  readonly rows: number;
  /** Rows kept: P (and Q) not NULL. */
  readonly kept: number;
  readonly missingP: number;
  readonly missingQ: number;
  /** Kept values that are not probabilities (negative, NaN, ±Infinity). */
  readonly badP: number;
  readonly badQ: number;
  readonly sumP: number;
  readonly sumQ: number;
}

const P = 'CAST(p AS DOUBLE)';
const Q = 'CAST(q AS DOUBLE)';

/** The kept rows as a subquery of two columns `p` and `q` (q = p for a measure of one). */
function keptRows(input: ColumnMeasureInput): string {
  const p = d.ident(input.p);
  const q = d.ident(input.q ?? input.p);
  return `(SELECT ${p} AS p, ${q} AS q FROM ${fromItem(d, input.source)} WHERE ${p} IS NOT NULL AND ${q} IS NOT NULL) AS kept`;
}

/** Pass 1 (see the module doc). */
export function columnPass1Sql(input: ColumnMeasureInput): string {
  const p = d.ident(input.p);
  const q = d.ident(input.q ?? input.p);
  const bad = (x: string) => `SUM(CASE WHEN ${x} IS NOT NULL AND NOT (isfinite(CAST(${x} AS DOUBLE)) AND ${x} >= 0) THEN 1 ELSE 0 END)`;
  return [
    'SELECT',
    `  COUNT(*) AS n_rows,`,
    `  SUM(CASE WHEN ${p} IS NOT NULL AND ${q} IS NOT NULL THEN 1 ELSE 0 END) AS n_kept,`,
    `  SUM(CASE WHEN ${p} IS NULL THEN 1 ELSE 0 END) AS n_missing_p,`,
    `  SUM(CASE WHEN ${q} IS NULL THEN 1 ELSE 0 END) AS n_missing_q,`,
    `  ${bad(p)} AS n_bad_p,`,
    `  ${bad(q)} AS n_bad_q,`,
    `  fsum(CASE WHEN ${q} IS NOT NULL THEN CAST(${p} AS DOUBLE) END) AS sum_p,`,
    `  fsum(CASE WHEN ${p} IS NOT NULL THEN CAST(${q} AS DOUBLE) END) AS sum_q`,
    `FROM ${fromItem(d, input.source)}`,
  ].join('\n');
}

/** The rows of the source, and those whose P (and Q) are not NULL: for columns of any type. */
export function rowCountSql(input: ColumnMeasureInput): string {
  const p = d.ident(input.p);
  const q = d.ident(input.q ?? input.p);
  return `SELECT COUNT(*) AS n_rows, SUM(CASE WHEN ${p} IS NOT NULL AND ${q} IS NOT NULL THEN 1 ELSE 0 END) AS n_kept FROM ${fromItem(d, input.source)}`;
}

/**
 * The counts of categorical columns as a source of two columns `p` and `q`: one row per value of either
 * (as text) over the kept rows, P's count and Q's (for one column, q = p).
 */
export function categoryCountsSource(input: ColumnMeasureInput): TableRef {
  const p = d.ident(input.p);
  const q = d.ident(input.q ?? input.p);
  const kept = `FROM ${fromItem(d, input.source)} WHERE ${p} IS NOT NULL AND ${q} IS NOT NULL`;
  const side = (col: string, cp: string, cq: string) => `SELECT CAST(${col} AS VARCHAR) AS k, ${cp} AS cp, ${cq} AS cq ${kept}`;
  const union = input.q === undefined ? side(p, '1.0', '1.0') : `${side(p, '1.0', '0.0')} UNION ALL ${side(q, '0.0', '1.0')}`;
  return { kind: 'source', sql: `(SELECT SUM(cp) AS p, SUM(cq) AS q FROM (${union}) AS v GROUP BY k) AS counts` };
}

/** The sum pass 2 takes for a measure (in nats, of p̂ and q̂ written as `ph`, `qh`), and its infinite rows. */
function measureSums(measure: EngineColumnMeasure, ph: string, qh: string): { sum: string; infinite: string } {
  const ratio = `(${ph}) / (${qh})`;
  const mid = `(${ph}) + (${qh})`;
  switch (measure) {
    case 'entropy':
      return { sum: `CASE WHEN ${P} > 0 THEN ${ph} * LN(1 / (${ph})) ELSE 0 END`, infinite: '0' };
    case 'cross-entropy':
      return { sum: `CASE WHEN ${P} > 0 AND ${Q} > 0 THEN ${ph} * LN(1 / (${qh})) ELSE 0 END`, infinite: `CASE WHEN ${P} > 0 AND ${Q} = 0 THEN 1 ELSE 0 END` };
    case 'kl':
      return { sum: `CASE WHEN ${P} > 0 AND ${Q} > 0 THEN ${ph} * LN(${ratio}) ELSE 0 END`, infinite: `CASE WHEN ${P} > 0 AND ${Q} = 0 THEN 1 ELSE 0 END` };
    case 'jeffreys':
      return {
        sum: `CASE WHEN ${P} > 0 AND ${Q} > 0 THEN ((${ph}) - (${qh})) * LN(${ratio}) ELSE 0 END`,
        infinite: `CASE WHEN (${P} > 0 AND ${Q} = 0) OR (${P} = 0 AND ${Q} > 0) THEN 1 ELSE 0 END`,
      };
    case 'js':
    case 'js-distance':
      return {
        sum:
          `(CASE WHEN ${P} > 0 THEN 0.5 * (${ph}) * LN(2 * (${ph}) / (${mid})) ELSE 0 END) + ` +
          `(CASE WHEN ${Q} > 0 THEN 0.5 * (${qh}) * LN(2 * (${qh}) / (${mid})) ELSE 0 END)`,
        infinite: '0',
      };
    case 'tv':
      return { sum: `0.5 * ABS((${ph}) - (${qh}))`, infinite: '0' };
    case 'hellinger':
    case 'bhattacharyya':
      return { sum: `0.5 * POWER(SQRT(${ph}) - SQRT(${qh}), 2)`, infinite: '0' };
  }
}

/** Pass 2: the measure's sum over the kept rows, with s_p and s_q from pass 1 as literals. */
export function columnPass2Sql(measure: EngineColumnMeasure, input: ColumnMeasureInput, first: ColumnPass1): string {
  const ph = `${P} / ${doubleLiteral(d, first.sumP)}`;
  const qh = `${Q} / ${doubleLiteral(d, first.sumQ)}`;
  const { sum, infinite } = measureSums(measure, ph, qh);
  const coefficient = measure === 'bhattacharyya' ? `,\n  fsum(SQRT((${ph}) * (${qh}))) AS coefficient` : '';
  return `SELECT\n  fsum(${sum}) AS total,\n  SUM(${infinite}) AS n_infinite${coefficient}\nFROM ${keptRows(input)}`;
}

function count(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}

function pass1Of(row: Record<string, unknown>): ColumnPass1 {
  return {
    rows: count(row.n_rows),
    kept: count(row.n_kept),
    missingP: count(row.n_missing_p),
    missingQ: count(row.n_missing_q),
    badP: count(row.n_bad_p),
    badQ: count(row.n_bad_q),
    sumP: count(row.sum_p),
    sumQ: count(row.sum_q),
  };
}

/** Refuses what the in-memory functions refuse: no values, values that are not probabilities, a zero sum. */
function check(first: ColumnPass1, two: boolean): void {
  if (first.kept === 0) throw new DivergenceError('empty-input', 'the column has no values that are not missing');
  for (const [name, bad] of [['P', first.badP], ['Q', two ? first.badQ : 0]] as const) {
    if (bad > 0) throw new DivergenceError('invalid-value', `${name} has ${bad} values that are negative, NaN or infinite: a distribution's values must be finite and >= 0`);
  }
  if (first.sumP === 0) throw new DivergenceError('zero-sum', 'P sums to 0: it is not a distribution');
  if (two && first.sumQ === 0) throw new DivergenceError('zero-sum', 'Q sums to 0: it is not a distribution');
}

function isOne(sum: number): boolean {
  return Math.abs(sum - 1) <= NORMALIZATION_TOLERANCE;
}

/** The value (in the unit of `base`) of the measure's sum in nats, as the in-memory function writes it. */
function valueOf(measure: EngineColumnMeasure, nats: number, lnBase: number, coefficient: number): number {
  switch (measure) {
    case 'js-distance':
      return Math.sqrt(Math.max(0, nats) / lnBase);
    case 'tv':
      return Math.min(1, nats);
    case 'hellinger':
      return Math.sqrt(Math.min(1, nats));
    case 'bhattacharyya':
      return Math.max(0, nats <= 0.5 ? -Math.log1p(-nats) : -Math.log(coefficient)) / lnBase;
    case 'kl':
    case 'jeffreys':
    case 'js':
      return Math.max(0, nats) / lnBase;
    default:
      return nats / lnBase;
  }
}

const UNIT_FREE = new Set<EngineColumnMeasure>(['tv', 'hellinger']);

/** A column measure computed by `engine`: the result as the in-memory function returns it, and pass 1. */
export async function columnMeasureOnEngine(
  engine: SqlEngine,
  measure: EngineColumnMeasure,
  input: ColumnMeasureInput,
  base: number | string = 'e',
): Promise<{ result: MeasureValue; pass1: ColumnPass1; statements: string[]; categories?: { count: number; p: number; q: number } }> {
  const logBase = resolveBase(base);
  const two = input.q !== undefined;
  const types = await engine.columns(input.source);
  const numeric = (name: string) => {
    const c = types.find((t) => t.name === name);
    if (c === undefined) throw new DivergenceError('usage', `no column '${name}'; columns: ${types.map((t) => t.name).join(', ')}`);
    return c.numeric;
  };
  const kinds = [numeric(input.p), ...(input.q !== undefined ? [numeric(input.q)] : [])];
  if (kinds.length === 2 && kinds[0] !== kinds[1]) throw new DivergenceError('usage', `'${input.p}' and '${input.q}' must both hold numbers, or both categories`);
  const categorical = !kinds[0];
  const target: ColumnMeasureInput = categorical ? { source: categoryCountsSource(input), p: 'p', ...(two ? { q: 'q' } : {}) } : input;
  const statements = [columnPass1Sql(target)];
  let first = pass1Of((await engine.query(statements[0]!))[0] ?? {});
  let categories: { count: number; p: number; q: number } | undefined;
  if (categorical) {
    categories = { count: first.kept, p: first.sumP, q: first.sumQ };
    statements.push(rowCountSql(input));
    const rows = (await engine.query(statements[1]!))[0] ?? {};
    first = { ...first, rows: count(rows.n_rows), kept: count(rows.n_kept) };
  }
  check(first, two);
  statements.push(columnPass2Sql(measure, target, first));
  const second = (await engine.query(statements[statements.length - 1]!))[0] ?? {};
  const nats = count(second.n_infinite) > 0 ? Infinity : count(second.total);
  const value = valueOf(measure, nats, logBase.lnBase, count(second.coefficient));
  const unit = UNIT_FREE.has(measure) ? undefined : measure === 'js-distance' ? `sqrt(${logBase.unit})` : logBase.unit;
  const result: MeasureValue = {
    value,
    ...(unit !== undefined ? { unit, base: logBase.base } : {}),
    normalized: !(isOne(first.sumP) && (!two || isOne(first.sumQ))),
    sums: two ? { p: first.sumP, q: first.sumQ } : { p: first.sumP },
    n: first.kept,
    backend: 'ts',
    ...(measure === 'kl' ? { pinskerTvBound: Math.sqrt(nats / 2) } : {}),
  };
  return { result, pass1: first, statements, ...(categories ? { categories } : {}) };
}
