/**
 * The drift report's two statements in any dialect (docs/engines.md). Each is one SELECT, a UNION ALL of
 * pieces that all return the columns of {@link AGGREGATE_COLUMNS}, so that a warehouse exports one table per
 * pass. Numbers are compared and summed as doubles (integers are cast before any division); nothing takes a
 * logarithm, so no LN(0) can be reached.
 *
 * Pass 1, per column and side: rows, non-missing cells, and for a numerical column its distinct values,
 * minimum, maximum and population standard deviation (two-pass, √(Σ(v − mean)²/n) with the dialect's
 * accurate sum, where it has one: the in-memory formula); the pooled distinct values of a numerical column.
 * Pass 2, as `planColumn` asks: counts in the Sturges bins (a CASE over the edges, each a double written by
 * the code), counts per value or category, and from the sorted pooled value counts (window sums) the KS
 * statistic max |F_ref − F_cur| and the Wasserstein-1 distance Σ |F_ref − F_cur|·(x_{i+1} − x_i).
 */
import { DivergenceError } from '../core/errors';
import type { ColumnPass1, ColumnPlan } from '../drift/fromAggregates';
import { doubleLiteral, type Dialect } from './dialects';
import { fromItem, type TableRef } from './tableRef';

/** The columns of every result row, in order, with their types. */
export const AGGREGATE_COLUMNS = [
  ['stat', 'string'],
  ['col', 'string'],
  ['side', 'string'],
  ['bin', 'bigint'],
  ['num_key', 'double'],
  ['text_key', 'string'],
  ['n_rows', 'bigint'],
  ['n_present', 'bigint'],
  ['n_distinct', 'bigint'],
  ['cnt', 'bigint'],
  ['min_value', 'double'],
  ['max_value', 'double'],
  ['std_value', 'double'],
  ['ks', 'double'],
  ['wasserstein', 'double'],
] as const;
export type AggregateField = (typeof AGGREGATE_COLUMNS)[number][0];

/** A column to compare and its type on both sides. */
export interface DriftColumnSpec {
  readonly name: string;
  readonly type: 'numerical' | 'categorical';
}

/** Both tables of a report. */
export interface DriftSources {
  readonly reference: TableRef;
  readonly current: TableRef;
}

type Side = 'reference' | 'current';
const SIDES: readonly Side[] = ['reference', 'current'];

/** One piece of the UNION ALL: every aggregate column, NULL (cast to its type) unless given. */
function piece(d: Dialect, given: Partial<Record<AggregateField, string>>, from: string, tail = ''): string {
  const items = AGGREGATE_COLUMNS.map(([f, t]) => `${given[f] ?? `CAST(NULL AS ${d.types[t]})`} AS ${f}`);
  return `SELECT ${items.join(', ')}\nFROM ${from}${tail}`;
}

/**
 * The column's cells as doubles (numerical) or strings (categorical), named v. A NaN or ±Infinity is NULL,
 * a missing cell, as the in-memory readers take it: x − x is 0 for a finite double only (NaN for the others,
 * and NaN = 0 is false in every dialect).
 */
function valueOf(d: Dialect, c: DriftColumnSpec): string {
  if (c.type === 'categorical') return `CAST(${d.ident(c.name)} AS ${d.types.string})`;
  const x = `CAST(${d.ident(c.name)} AS ${d.types.double})`;
  return `CASE WHEN ${x} - ${x} = 0 THEN ${x} END`;
}

/** A count as an integer literal. */
function integerLiteral(n: number): string {
  if (!Number.isSafeInteger(n)) throw new DivergenceError('invalid-value', `${n} cannot be written into a statement as a count`);
  return String(n);
}

/** `(SELECT <value> AS v FROM <side>) AS t`. */
function sideValues(d: Dialect, src: DriftSources, side: Side, c: DriftColumnSpec): string {
  return `(SELECT ${valueOf(d, c)} AS v FROM ${fromItem(d, src[side])}) AS t`;
}

function labels(d: Dialect, stat: string, c: DriftColumnSpec, side?: Side): Partial<Record<AggregateField, string>> {
  return { stat: d.text(stat), col: d.text(c.name), ...(side ? { side: d.text(side) } : {}) };
}

function union(pieces: readonly string[]): string {
  return pieces.join('\nUNION ALL\n');
}

/** The pass-1 statement of the columns. @throws DivergenceError `usage` when there is no column. */
export function pass1Sql(d: Dialect, src: DriftSources, columns: readonly DriftColumnSpec[]): string {
  if (columns.length === 0) throw new DivergenceError('usage', 'no column to compare');
  const pieces: string[] = [];
  for (const c of columns) {
    for (const side of SIDES) {
      const twoPass = c.type === 'numerical' && d.exactSums;
      const std = twoPass ? `SQRT(${d.accurateSum('(v - mean) * (v - mean)')} / COUNT(v))` : 'STDDEV_POP(v)';
      const numeric = c.type === 'numerical' ? { n_distinct: 'COUNT(DISTINCT v)', min_value: 'MIN(v)', max_value: 'MAX(v)', std_value: std } : {};
      const from = twoPass ? `${sideValues(d, src, side, c)}\nCROSS JOIN (SELECT ${d.accurateSum('v')} / COUNT(v) AS mean FROM ${sideValues(d, src, side, c)}) AS m` : sideValues(d, src, side, c);
      pieces.push(piece(d, { ...labels(d, 'summary', c, side), n_rows: 'COUNT(*)', n_present: 'COUNT(v)', ...numeric }, from));
    }
    if (c.type === 'numerical') {
      const both = SIDES.map((side) => `SELECT ${valueOf(d, c)} AS v FROM ${fromItem(d, src[side])}`).join(' UNION ALL ');
      pieces.push(piece(d, { ...labels(d, 'pooled', c), n_distinct: 'COUNT(DISTINCT v)' }, `(${both}) AS t`));
    }
  }
  return union(pieces);
}

/** CASE v < e_1 THEN 0 … ELSE K−1: the bin [e_k, e_{k+1}) of v, the last bin closed (as numpy.histogram). */
function binCase(d: Dialect, edges: Float64Array): string {
  const k = edges.length - 1;
  if (k === 1) return '0';
  const whens: string[] = [];
  for (let i = 1; i < k; i++) whens.push(`WHEN v < ${doubleLiteral(d, edges[i]!)} THEN ${i - 1}`);
  return `CASE ${whens.join(' ')} ELSE ${k - 1} END`;
}

/** Window frame of a running sum over the sorted values. */
const RUNNING = 'OVER (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)';

/**
 * KS statistic and Wasserstein-1 distance of a numerical column from its sorted pooled value counts. W1 is
 * Σ |C_ref·m − C_cur·n|·(x_{i+1} − x_i) / (n·m), C the running counts and n, m the two sizes: the integer
 * |C_ref·m − C_cur·n| is exact (64-bit while n·m < 2^63), each term one rounding, and the sum the dialect's
 * `accurateSum`, so that W1 does not depend on the order the engine adds in (DuckDB, PostgreSQL).
 */
function cdfPiece(d: Dialect, src: DriftSources, c: DriftColumnSpec, p1: ColumnPass1): string {
  const side = (s: Side, r: number) => `SELECT ${valueOf(d, c)} AS v, ${r} AS rc, ${1 - r} AS cc FROM ${fromItem(d, src[s])}`;
  const counts = `SELECT v, SUM(rc) AS rc, SUM(cc) AS cc FROM (${side('reference', 1)} UNION ALL ${side('current', 0)}) AS u WHERE v IS NOT NULL GROUP BY v`;
  const [n, m] = [p1.reference.present, p1.current.present];
  const fr = `CAST(SUM(rc) ${RUNNING} AS ${d.types.double}) / ${doubleLiteral(d, n)}`;
  const fc = `CAST(SUM(cc) ${RUNNING} AS ${d.types.double}) / ${doubleLiteral(d, m)}`;
  const spread = `CAST(ABS(SUM(rc) ${RUNNING} * ${integerLiteral(m)} - SUM(cc) ${RUNNING} * ${integerLiteral(n)}) AS ${d.types.double})`;
  const cdfs = `(SELECT v, ${fr} AS fr, ${fc} AS fc, ${spread} AS spread, LEAD(v) OVER (ORDER BY v) AS nv FROM (${counts}) AS g) AS w`;
  const w1 = `COALESCE(${d.accurateSum('spread * (nv - v)')}, ${doubleLiteral(d, 0)}) / ${doubleLiteral(d, n * m)}`;
  return piece(d, { ...labels(d, 'cdf', c), ks: 'MAX(ABS(fr - fc))', wasserstein: w1 }, cdfs);
}

/**
 * The pass-2 statement of the planned columns (their pass 1 by name), or undefined when no column needs
 * one. Edges must be finite; every count is written as a number by the code.
 */
export function pass2Sql(d: Dialect, src: DriftSources, plans: readonly ColumnPlan[], pass1: ReadonlyMap<string, ColumnPass1>): string | undefined {
  const pieces: string[] = [];
  for (const plan of plans) {
    const c: DriftColumnSpec = { name: plan.column, type: plan.type };
    for (const side of SIDES) {
      if (plan.edges) {
        const bins = `(SELECT ${binCase(d, plan.edges)} AS b FROM ${sideValues(d, src, side, c)} WHERE v IS NOT NULL) AS bins`;
        pieces.push(piece(d, { ...labels(d, 'bin', c, side), bin: `CAST(b AS ${d.types.bigint})`, cnt: 'COUNT(*)' }, bins, '\nGROUP BY b'));
      }
      if (plan.values) {
        const key = plan.type === 'numerical' ? { num_key: 'v' } : { text_key: 'v' };
        pieces.push(piece(d, { ...labels(d, 'value', c, side), ...key, cnt: 'COUNT(*)' }, sideValues(d, src, side, c), '\nWHERE v IS NOT NULL GROUP BY v'));
      }
    }
    if (plan.cdf) pieces.push(cdfPiece(d, src, c, pass1.get(plan.column)!));
  }
  return pieces.length === 0 ? undefined : union(pieces);
}
