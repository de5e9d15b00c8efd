import { DivergenceError } from './errors';

/**
 * How to choose histogram bins: 'fd' (Freedman–Diaconis: width 2·IQR·n^{−1/3}), 'sturges' (⌈log2 n⌉ + 1
 * bins' worth: width range/(log2 n + 1)), or an explicit number of equal-width bins.
 */
export type BinRule = 'fd' | 'sturges' | number;

/** More bins than this is a mistake (a single outlier with the 'fd' rule, a typo): an error, not an allocation. */
export const MAX_BINS = 1000000;

export interface BinEdges {
  /** The rule as named in results: 'fd', 'sturges', or 'count' for an explicit number. */
  readonly rule: 'fd' | 'sturges' | 'count';
  /** Number of bins (edges.length − 1). */
  readonly count: number;
  /** count + 1 increasing edges from min to max of the data (min − ½, max + ½ when all values are equal). */
  readonly edges: Float64Array;
}

function invalid(message: string): DivergenceError {
  return new DivergenceError('invalid-parameter', message, { array: 'bins' });
}

/**
 * The q-th quantile (0 ≤ q ≤ 1) of sorted data by linear interpolation, as `numpy.percentile(x, 100q)`
 * (method 'linear'): index (n − 1)·q, and NumPy's two-sided lerp (from the upper neighbour when the weight
 * is ≥ ½), so that the same doubles come out.
 */
function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const index = (n - 1) * q;
  if (index >= n - 1) return sorted[n - 1]!;
  const lo = Math.floor(index);
  const gamma = index - lo;
  const a = sorted[lo]!;
  const b = sorted[lo + 1]!;
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/**
 * Bin edges for `values`, exactly as `numpy.histogram_bin_edges(values, bins)` for bins 'fd', 'sturges' or
 * an integer: the range [min, max] (widened by ½ on each side when it is empty), for a rule the number of
 * bins ⌈range/width⌉ (1 when the width is 0, as for 'fd' with IQR = 0), and `numpy.linspace` edges
 * (edge i = min + i·(range/count), the last one max itself).
 *
 * @throws DivergenceError `empty-input` for no values, `invalid-value` for a non-finite one, and
 *   `invalid-parameter` for a bin count that is not a positive integer, more than {@link MAX_BINS} bins, or
 *   bins too narrow to be distinct doubles.
 * @example histogramBinEdges([0, 1, 2, 3, 4, 5, 6, 7], 'sturges').edges // [0, 1.75, 3.5, 5.25, 7]
 */
export function histogramBinEdges(values: ArrayLike<number>, bins: BinRule): BinEdges {
  const n = values.length;
  if (n === 0) throw new DivergenceError('empty-input', 'no values to bin');
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (!Number.isFinite(x)) throw new DivergenceError('invalid-value', `value ${i} is ${String(x)}: values to bin must be finite`, { index: i });
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return binEdgesOfRange(min, max, n, bins, () => Float64Array.from(values).sort());
}

/**
 * The edges `histogramBinEdges` gives for n finite values from `min` to `max` (the 'fd' rule also needs
 * them `sorted`): for an engine that computed n, min and max where the data lives.
 *
 * @throws DivergenceError as `histogramBinEdges`.
 */
export function binEdgesOfRange(min: number, max: number, n: number, bins: BinRule, sorted: () => Float64Array): BinEdges {
  if (!(max - min < Infinity)) {
    throw new DivergenceError('invalid-value', `the values span from ${min} to ${max}, a range beyond the largest double: rescale them`);
  }
  let first = min;
  let last = max;
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  let count: number;
  let rule: BinEdges['rule'];
  if (bins === 'fd' || bins === 'sturges') {
    rule = bins;
    let width: number;
    if (bins === 'fd') {
      const data = sorted();
      const iqr = quantileSorted(data, 0.75) - quantileSorted(data, 0.25);
      width = 2 * iqr * n ** (-1 / 3);
    } else {
      width = (max - min) / (Math.log2(n) + 1);
    }
    count = width ? Math.ceil((last - first) / width) : 1;
    if (!(count <= MAX_BINS)) {
      throw invalid(`the '${bins}' rule gives ${count} bins (width ${width} over [${first}, ${last}]), more than ${MAX_BINS}: give a number of bins`);
    }
  } else if (typeof bins === 'number') {
    rule = 'count';
    if (!(Number.isInteger(bins) && bins >= 1)) throw invalid(`bins is ${String(bins)}: give 'fd', 'sturges' or a positive integer`);
    if (bins > MAX_BINS) throw invalid(`bins is ${bins}: at most ${MAX_BINS} bins`);
    count = bins;
  } else {
    throw invalid(`bins is '${String(bins)}': give 'fd', 'sturges' or a positive integer`);
  }
  const edges = linspace(first, last, count + 1);
  for (let i = 0; i < count; i++) {
    if (!(edges[i]! < edges[i + 1]!)) {
      throw invalid(`${count} bins over [${first}, ${last}] are too narrow to be distinct doubles: use fewer bins`);
    }
  }
  return { rule, count, edges };
}

/** `numpy.linspace(start, stop, num)` with endpoint: i·step + start, step = (stop − start)/(num − 1), last = stop. */
function linspace(start: number, stop: number, num: number): Float64Array {
  const y = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) y[i] = (step === 0 ? (i / div) * delta : i * step) + start;
  y[num - 1] = stop;
  return y;
}

/**
 * Counts of `values` in the bins [e_k, e_{k+1}) (the last bin closed, [e_{K−1}, e_K]), values outside
 * [e_0, e_K] not counted: `numpy.histogram(values, bins=edges)[0]`, by binary search per value.
 *
 * @example histogramCounts([0, 1, 1, 2], Float64Array.of(0, 1, 2)) // [1, 3]
 */
export function histogramCounts(values: ArrayLike<number>, edges: Float64Array): Float64Array {
  const k = edges.length - 1;
  const counts = new Float64Array(k);
  const lastEdge = edges[k]!;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!(x >= edges[0]! && x <= lastEdge)) continue;
    if (x === lastEdge) {
      counts[k - 1]!++;
      continue;
    }
    // The largest index b with edges[b] ≤ x.
    let lo = 0;
    let hi = k;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid]! <= x) lo = mid;
      else hi = mid;
    }
    counts[lo]!++;
  }
  return counts;
}
