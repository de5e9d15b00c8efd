import { histogramBinEdges, histogramCounts } from '../core/histogram';

/** The non-missing values of one side of a column. */
export type Sample = Float64Array | readonly string[];

/** Counts of both sides of a column over shared bins. */
export interface BinCounts {
  /** 'sturges': equal-width bins over the pooled values; 'values': one bin per distinct value. */
  readonly rule: 'sturges' | 'values';
  readonly reference: Float64Array;
  readonly current: Float64Array;
}

/** A numeric column with more distinct reference values than this is binned by Sturges' rule. */
export const MAX_VALUE_BINS = 20;

/** How often each value occurs. */
export function valueCounts(values: Sample): Map<number | string, number> {
  const counts = new Map<number | string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/** The distinct values of both sides together, sorted (numbers ascending, strings by code unit). */
export function pooledKeys(reference: Sample, current: Sample): (number | string)[] {
  const keys = [...new Set<number | string>([...reference, ...current])];
  return typeof keys[0] === 'number' ? (keys as number[]).sort((a, b) => a - b) : (keys as string[]).sort();
}

/** Counts of each side over the pooled distinct values, in {@link pooledKeys} order. */
export function countsOverValues(reference: Sample, current: Sample): { reference: Float64Array; current: Float64Array } {
  const keys = pooledKeys(reference, current);
  const r = valueCounts(reference);
  const c = valueCounts(current);
  return { reference: Float64Array.from(keys, (k) => r.get(k) ?? 0), current: Float64Array.from(keys, (k) => c.get(k) ?? 0) };
}

/** Whether `values` holds more than `limit` distinct values (stops counting past it). */
function hasMoreValuesThan(values: Float64Array, limit: number): boolean {
  const seen = new Set<number>();
  for (const v of values) {
    seen.add(v);
    if (seen.size > limit) return true;
  }
  return false;
}

/**
 * The bins of PSI, KL, JS, Hellinger and TV: a numeric column with more than {@link MAX_VALUE_BINS} distinct
 * reference values gets the edges of `numpy.histogram_bin_edges(pooled, 'sturges')` and the counts of
 * `numpy.histogram` (bins [e_k, e_{k+1}), the last closed); any other column one bin per distinct value.
 */
export function binCounts(reference: Sample, current: Sample): BinCounts {
  if (reference instanceof Float64Array && current instanceof Float64Array && hasMoreValuesThan(reference, MAX_VALUE_BINS)) {
    const pooled = new Float64Array(reference.length + current.length);
    pooled.set(reference);
    pooled.set(current, reference.length);
    const { edges } = histogramBinEdges(pooled, 'sturges');
    return { rule: 'sturges', reference: histogramCounts(reference, edges), current: histogramCounts(current, edges) };
  }
  return { rule: 'values', ...countsOverValues(reference, current) };
}

/** Counts divided by their sum (the number of values of that side). */
export function fractions(counts: Float64Array): Float64Array {
  let n = 0;
  for (const c of counts) n += c;
  return counts.map((c) => c / n);
}

/** Fractions with their empty bins filled, and how many were filled with what (0 and NaN when none). */
export interface FilledFractions {
  readonly fractions: Float64Array;
  readonly filled: number;
  readonly fill: number;
}

/**
 * Empty bins filled so that ln(r/c) is finite, as Evidently does for PSI and KL: each zero becomes the
 * smallest non-zero fraction / 10⁶ when that is ≤ 10⁻⁴, else 10⁻⁴. The result no longer sums to exactly 1
 * and is not renormalised.
 */
export function fillEmptyBins(f: Float64Array): FilledFractions {
  let smallest = Infinity;
  let filled = 0;
  for (const x of f) {
    if (x === 0) filled++;
    else if (x < smallest) smallest = x;
  }
  if (filled === 0) return { fractions: f, filled: 0, fill: NaN };
  const fill = smallest <= 1e-4 ? smallest / 1e6 : 1e-4;
  return { fractions: f.map((x) => (x === 0 ? fill : x)), filled, fill };
}
