/**
 * What the editor's Drift view draws for one column of a drift report: both sides' counts over the bins the
 * report uses (`binCounts`: Sturges' edges over the pooled values, or one bin per distinct value), and for a
 * column tested by KS the two empirical CDFs with the KS gap. Counts, not fractions, so that they can be
 * checked exactly; the view divides by each side's number of values.
 */
import { histogramBinEdges } from '../core/histogram';
import { ksTest } from '../core/ksTest';
import { binCounts, pooledKeys, type Sample } from './binning';
import { asCategorical, presentValues, type DriftColumn } from './driftColumn';
import type { ColumnDrift } from './driftReport';

/** At most this many bars of distinct values per chart: the others are summed into `others`. */
export const MAX_CHART_VALUES = 50;
/** At most this many points per empirical CDF (the steps are thinned evenly, the first and last kept). */
export const MAX_ECDF_POINTS = 500;

/** Sturges bins of a numerical column: count + 1 edges, and each side's count per bin. */
export interface HistogramBins {
  readonly rule: 'sturges';
  readonly edges: readonly number[];
  readonly reference: readonly number[];
  readonly current: readonly number[];
}

/** One bin per distinct value (numbers ascending, strings by code unit), the less frequent beyond the cap summed. */
export interface ValueBins {
  readonly rule: 'values';
  readonly values: readonly string[];
  readonly reference: readonly number[];
  readonly current: readonly number[];
  /** Counts of the values left out (the pooled least frequent beyond {@link MAX_CHART_VALUES}), when any was. */
  readonly others?: { readonly values: number; readonly reference: number; readonly current: number };
}

export interface EcdfPoint {
  readonly x: number;
  readonly y: number;
}

/** Both empirical CDFs, F(x) = share of values ≤ x at each distinct value, and where KS measured its statistic. */
export interface EcdfPair {
  readonly reference: readonly EcdfPoint[];
  readonly current: readonly EcdfPoint[];
  /** D = |F_ref(at) − F_cur(at)|, the largest gap; `reference` and `current` are F of each side at `at`. */
  readonly gap: { readonly at: number; readonly statistic: number; readonly reference: number; readonly current: number };
}

export interface DriftColumnChart {
  readonly column: string;
  /** Non-missing values of each side. */
  readonly n: { readonly reference: number; readonly current: number };
  readonly bins: HistogramBins | ValueBins;
  /** For a column tested by KS. */
  readonly ecdf?: EcdfPair;
}

/** The number of values ≤ x in an ascending array. */
function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** F at each distinct value of an ascending array, thinned to at most `max` points (first and last kept). */
export function ecdfSteps(sorted: Float64Array, max = MAX_ECDF_POINTS): EcdfPoint[] {
  const steps: EcdfPoint[] = [];
  const n = sorted.length;
  for (let i = 0; i < n; i++) if (i === n - 1 || sorted[i + 1] !== sorted[i]) steps.push({ x: sorted[i]!, y: (i + 1) / n });
  if (steps.length <= max) return steps;
  const step = (steps.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, k) => steps[Math.round(k * step)]!);
}

/** The two empirical CDFs and the KS gap (its location as `ksTest` reports it). */
export function ecdfPair(reference: Float64Array, current: Float64Array): EcdfPair {
  const r = Float64Array.from(reference).sort();
  const c = Float64Array.from(current).sort();
  const ks = ksTest(r, c);
  return {
    reference: ecdfSteps(r),
    current: ecdfSteps(c),
    gap: { at: ks.location, statistic: ks.statistic, reference: countAtMost(r, ks.location) / r.length, current: countAtMost(c, ks.location) / c.length },
  };
}

/** The distinct-value bins, the {@link MAX_CHART_VALUES} most frequent (both sides together) kept in key order. */
export function valueBins(keys: readonly (number | string)[], reference: Float64Array, current: Float64Array): ValueBins {
  const all = keys.map((k, i) => ({ label: String(k), r: reference[i]!, c: current[i]!, i }));
  const kept = all.length <= MAX_CHART_VALUES ? all : [...all].sort((a, b) => b.r + b.c - (a.r + a.c) || a.i - b.i).slice(0, MAX_CHART_VALUES).sort((a, b) => a.i - b.i);
  const bins = { rule: 'values' as const, values: kept.map((b) => b.label), reference: kept.map((b) => b.r), current: kept.map((b) => b.c) };
  if (kept.length === all.length) return bins;
  const left = new Set(kept.map((b) => b.i));
  const rest = all.filter((b) => !left.has(b.i));
  return { ...bins, others: { values: rest.length, reference: rest.reduce((s, b) => s + b.r, 0), current: rest.reduce((s, b) => s + b.c, 0) } };
}

/** Both sides' bins as `binCounts` makes them, with Sturges' edges or the values' labels. */
export function chartBins(reference: Sample, current: Sample): HistogramBins | ValueBins {
  const counts = binCounts(reference, current);
  if (counts.rule === 'values') return valueBins(pooledKeys(reference, current), counts.reference, counts.current);
  const pooled = new Float64Array(reference.length + current.length);
  pooled.set(reference as Float64Array);
  pooled.set(current as Float64Array, reference.length);
  return { rule: 'sturges', edges: Array.from(histogramBinEdges(pooled, 'sturges').edges), reference: Array.from(counts.reference), current: Array.from(counts.current) };
}

/**
 * The chart of one reported column from the two tables' columns of that name: its missing cells dropped, read
 * as the report read it (`drift.type`), and the ECDFs when its test was KS.
 */
export function driftColumnChart(reference: DriftColumn, current: DriftColumn, drift: Pick<ColumnDrift, 'column' | 'type' | 'test'>): DriftColumnChart {
  let r: Sample;
  let c: Sample;
  if (drift.type === 'numerical' && reference.kind === 'numeric' && current.kind === 'numeric') {
    r = presentValues(reference);
    c = presentValues(current);
  } else {
    r = presentValues(asCategorical(reference));
    c = presentValues(asCategorical(current));
  }
  return {
    column: drift.column,
    n: { reference: r.length, current: c.length },
    bins: chartBins(r, c),
    ...(drift.test === 'ks' && r instanceof Float64Array && c instanceof Float64Array ? { ecdf: ecdfPair(r, c) } : {}),
  };
}
