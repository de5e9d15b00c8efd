/**
 * What the charts draw for large inputs: bars summed over runs of consecutive indices, curves decimated,
 * sample histograms and ECDFs. Pure (no DOM, no Chart.js): unit-tested in Node.
 */

/** At most this many bars per chart; longer inputs are binned (and the chart says so). */
export const MAX_BARS = 200;
/** At most this many points per line chart; longer curves are decimated. */
export const MAX_POINTS = 1000;

export interface Binned {
  /** One value per bar: the sum of its indices' values (so probability mass is kept). */
  readonly values: number[];
  /** First index of each bar. */
  readonly starts: number[];
  /** Indices per bar (the last bar may have fewer); 1 when not binned. */
  readonly binSize: number;
  readonly binned: boolean;
}

/**
 * Sums runs of ⌈n / maxBars⌉ consecutive values, so a chart of n values has at most `maxBars` bars; inputs of
 * at most `maxBars` values are returned as they are.
 */
export function binSums(values: readonly number[], maxBars = MAX_BARS): Binned {
  const n = values.length;
  if (n <= maxBars) return { values: [...values], starts: values.map((_, i) => i), binSize: 1, binned: false };
  const binSize = Math.ceil(n / maxBars);
  const out: number[] = [];
  const starts: number[] = [];
  for (let s = 0; s < n; s += binSize) {
    let sum = 0;
    for (let i = s; i < Math.min(n, s + binSize); i++) sum += values[i]!;
    out.push(sum);
    starts.push(s);
  }
  return { values: out, starts, binSize, binned: true };
}

/** Label of a bar: its index, or the range of indices it sums ("0–9"). */
export function binLabel(start: number, binSize: number, n: number): string {
  if (binSize === 1) return String(start);
  return `${start}–${Math.min(n, start + binSize) - 1}`;
}

/** Running sums: the cumulative distribution over the index. */
export function cumulative(values: readonly number[]): number[] {
  const out: number[] = [];
  let s = 0;
  for (const v of values) {
    s += v;
    out.push(s);
  }
  return out;
}

/**
 * Indices of at most `maxPoints` evenly spaced points of a curve of n points, always with the first and the
 * last; all indices when n ≤ maxPoints.
 */
export function decimateIndices(n: number, maxPoints = MAX_POINTS): number[] {
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  const step = (n - 1) / (maxPoints - 1);
  for (let k = 0; k < maxPoints; k++) out.push(Math.round(k * step));
  return out;
}

/** The per-index contributions in index order, or sorted by value (largest first) with their indices. */
export function orderContributions(values: readonly number[], sorted: boolean): { index: number; value: number }[] {
  const items = values.map((value, index) => ({ index, value }));
  if (sorted) items.sort((a, b) => b.value - a.value || a.index - b.index);
  return items;
}

export interface Histogram {
  /** Left edges of the bins, and the right edge of the last one. */
  readonly edges: number[];
  /** Fraction of the sample in each bin (sums to 1). */
  readonly density: number[];
}

/**
 * A histogram of `sample` on `bins` equal bins over [lo, hi] (the last bin closed), as fractions of the
 * sample; values outside [lo, hi] are not counted.
 */
export function histogram(sample: readonly number[], lo: number, hi: number, bins: number): Histogram {
  const width = hi > lo ? (hi - lo) / bins : 1;
  const edges = Array.from({ length: bins + 1 }, (_, k) => lo + k * width);
  const counts = new Array<number>(bins).fill(0);
  for (const x of sample) {
    if (!(x >= lo && x <= hi)) continue;
    counts[Math.min(bins - 1, Math.floor((x - lo) / width))]!++;
  }
  const n = sample.length || 1;
  return { edges, density: counts.map((c) => c / n) };
}

/** ECDF of a sorted sample as step points (x, F(x) after x), decimated to at most `maxPoints`. */
export function ecdfPoints(sorted: readonly number[], maxPoints = MAX_POINTS): { x: number; y: number }[] {
  const n = sorted.length;
  return decimateIndices(n, maxPoints).map((i) => ({ x: sorted[i]!, y: (i + 1) / n }));
}
