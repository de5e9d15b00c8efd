import { DivergenceError } from './errors';
import { NeumaierSum } from './numeric';
import { validateSample, type SampleName } from './sampleStats';

/** Weights of the values of P and Q, for the distances between empirical CDFs. */
export interface SampleWeights {
  /** Non-negative weights of P's values (same length; normalised by their sum). Default: all equal. */
  readonly pWeights?: ArrayLike<number>;
  /** Non-negative weights of Q's values. */
  readonly qWeights?: ArrayLike<number>;
}

/** The result of a distance between two 1-D empirical distributions (Wasserstein-1, energy distance). */
export interface CdfDistanceResult<M extends string> {
  readonly measure: M;
  /** A distance between the two empirical distributions (a metric), not a test. */
  readonly kind: 'distance';
  /** The distance ≥ 0, in the units of the values; 0 when P and Q are the same weighted sample. */
  readonly value: number;
  /** True when weights were given for P or Q. */
  readonly weighted: boolean;
  readonly n: number;
  readonly m: number;
}

/** The result object of `measure` with its `value` for the samples p and q and their `weights`. */
export function cdfDistanceResult<M extends string>(
  measure: M,
  value: number,
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  weights: SampleWeights,
): CdfDistanceResult<M> {
  return {
    measure,
    kind: 'distance',
    value,
    weighted: weights.pWeights !== undefined || weights.qWeights !== undefined,
    n: p.length,
    m: q.length,
  };
}

/** A 1-D sample with optional weights, sorted by value, with the cumulative weights the CDF needs. */
interface SortedSample {
  readonly values: Float64Array;
  /** cumulative[i] = total weight of the i smallest values (compensated); undefined when unweighted. */
  readonly cumulative?: Float64Array;
  readonly total: number;
}

/**
 * Throws unless `weights` fit `values`: the same length (`length-mismatch`), each weight finite and ≥ 0
 * (`invalid-value` naming `pWeights`/`qWeights` and the index), a positive (`zero-sum`) and finite
 * (`invalid-value`) total.
 */
function validateWeights(values: ArrayLike<number>, weights: ArrayLike<number>, name: SampleName): number {
  const array = name === 'P' ? 'pWeights' : 'qWeights';
  if (weights.length !== values.length) {
    throw new DivergenceError(
      'length-mismatch',
      `${name} has ${values.length} ${values.length === 1 ? 'value' : 'values'} and ${weights.length} ${weights.length === 1 ? 'weight' : 'weights'}`,
      { array },
    );
  }
  const total = new NeumaierSum();
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (!(w >= 0 && w < Infinity)) {
      throw new DivergenceError('invalid-value', `${array}[${i}] is ${String(w)}: weights must be finite and non-negative`, { array, index: i });
    }
    total.add(w);
  }
  if (total.value === 0) throw new DivergenceError('zero-sum', `the weights of ${name} sum to zero: at least one must be positive`, { array });
  if (!(total.value < Infinity)) throw new DivergenceError('invalid-value', `the weights of ${name} sum to more than the largest double`, { array });
  return total.value;
}

function sortSample(values: ArrayLike<number>, weights: ArrayLike<number> | undefined, name: SampleName): SortedSample {
  validateSample(values, name);
  if (!weights) return { values: Float64Array.from(values).sort(), total: values.length };
  const total = validateWeights(values, weights, name);
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => values[i]! - values[j]!);
  const sorted = new Float64Array(n);
  const cumulative = new Float64Array(n + 1);
  const running = new NeumaierSum();
  for (let k = 0; k < n; k++) {
    sorted[k] = values[order[k]!]!;
    running.add(weights[order[k]!]!);
    cumulative[k + 1] = running.value;
  }
  return { values: sorted, cumulative, total };
}

/**
 * ∫ |F_P(x) − F_Q(x)|^power dx for the empirical (optionally weighted) CDFs of two 1-D samples, SciPy's
 * `_cdf_distance` before its final root: the pooled values sorted, and between consecutive ones the CDF
 * difference (right-continuous, as searchsorted 'right') times the gap. Unweighted CDF differences are formed
 * exactly as (i·m − j·n)/(n·m) while n·m < 2^53; weighted ones from compensated cumulative weights; the
 * integral is a compensated sum. power is 1 (Wasserstein-1) or 2 (energy distance, Cramér).
 *
 * @throws DivergenceError `empty-input`, `invalid-value` (non-finite value or weight, negative weight),
 *   `length-mismatch` (weights vs values), `zero-sum` (weights all 0).
 */
export function cdfDistanceIntegral(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  power: 1 | 2,
  pWeights?: ArrayLike<number>,
  qWeights?: ArrayLike<number>,
): number {
  const u = sortSample(p, pWeights, 'P');
  const v = sortSample(q, qWeights, 'Q');
  const n = u.values.length;
  const m = v.values.length;
  const exactCounts = !u.cumulative && !v.cumulative && n * m < 2 ** 53;
  const nm = n * m;
  const sum = new NeumaierSum();
  let i = 0;
  let j = 0;
  let x = Math.min(u.values[0]!, v.values[0]!);
  for (;;) {
    while (i < n && u.values[i]! <= x) i++;
    while (j < m && v.values[j]! <= x) j++;
    if (i === n && j === m) break;
    const next = Math.min(i < n ? u.values[i]! : Infinity, j < m ? v.values[j]! : Infinity);
    const difference = exactCounts
      ? Math.abs(i * m - j * n) / nm
      : Math.abs((u.cumulative ? u.cumulative[i]! : i) / u.total - (v.cumulative ? v.cumulative[j]! : j) / v.total);
    sum.add((power === 1 ? difference : difference * difference) * (next - x));
    x = next;
  }
  return sum.value;
}
