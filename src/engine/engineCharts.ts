/**
 * The Drift view's charts of a report an engine computed: each column's counts over the bins the in-memory
 * chart draws (`chartBins`: Sturges' edges from the pooled minimum, maximum and size for a numerical column
 * with more than 20 distinct reference values, else one bin per value or category), taken from the report's
 * pass 2 where it counted them already, else from one more statement of the same kind. No empirical CDFs:
 * the engine returns the KS statistic, not the two CDFs.
 */
import { binEdgesOfRange } from '../core/histogram';
import type { ColumnPass1, ColumnPass2, ColumnPlan, DriftColumnChart } from '../drift';
import { MAX_VALUE_BINS } from '../drift/binning';
import { valueBins } from '../drift/driftCharts';
import { countsOverKeys } from '../drift/fromAggregates';
import { readAggregateRows } from './aggregateRows';
import { pass2Sql, type DriftSources } from './driftSql';
import type { EngineDrift, SqlEngine } from './engine';

/** What a column's chart counts: Sturges bins of a numerical column with many values, else values or categories. */
function chartPlan(p1: ColumnPass1): ColumnPlan {
  if (p1.type === 'categorical' || p1.reference.distinct! <= MAX_VALUE_BINS) return { column: p1.column, type: p1.type, values: true, cdf: false };
  const n = p1.reference.present + p1.current.present;
  const { edges } = binEdgesOfRange(Math.min(p1.reference.min!, p1.current.min!), Math.max(p1.reference.max!, p1.current.max!), n, 'sturges', () => new Float64Array(0));
  return { column: p1.column, type: p1.type, edges, values: false, cdf: false };
}

const counted = (plan: ColumnPlan, p2: ColumnPass2 | undefined) => (plan.edges ? p2?.bins : p2?.values) !== undefined;

/** The chart of a column from its plan and counts (bins past the last counted one are empty). */
function chartOf(p1: ColumnPass1, plan: ColumnPlan, p2: ColumnPass2): DriftColumnChart {
  const n = { reference: p1.reference.present, current: p1.current.present };
  if (plan.edges) {
    const k = plan.edges.length - 1;
    const dense = (c: Float64Array) => Array.from({ length: k }, (_, i) => c[i] ?? 0);
    return { column: p1.column, n, bins: { rule: 'sturges', edges: Array.from(plan.edges), reference: dense(p2.bins!.reference), current: dense(p2.bins!.current) } };
  }
  const { keys, reference, current } = countsOverKeys(p2.values!);
  return { column: p1.column, n, bins: valueBins(keys, reference, current) };
}

/** Each reported column's chart (the report's order), with at most one more statement on `engine`. */
export async function chartsOnEngine(engine: SqlEngine, src: DriftSources, drift: EngineDrift): Promise<DriftColumnChart[]> {
  const byName = new Map(drift.aggregates.columns.map((c) => [c.pass1.column, c]));
  const columns = drift.report.columns.map((c) => byName.get(c.column)!);
  const plans = columns.map((c) => chartPlan(c.pass1));
  const wanted = plans.filter((plan, i) => !counted(plan, columns[i]!.pass2));
  const sql = pass2Sql(engine.dialect, src, wanted, new Map(columns.map((c) => [c.pass1.column, c.pass1])));
  const more = sql === undefined ? new Map<string, ColumnPass2>() : readAggregateRows([...drift.rows, ...(await engine.query(sql))]).pass2;
  return columns.map((c, i) => chartOf(c.pass1, plans[i]!, counted(plans[i]!, c.pass2) ? c.pass2! : more.get(c.pass1.column)!));
}
