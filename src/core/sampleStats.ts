import { DivergenceError } from './errors';
import { NeumaierSum, productError } from './numeric';

/** Which sample an error is about: 'P' or 'Q' (the first and second sample). */
export type SampleName = 'P' | 'Q';

function values(n: number): string {
  return n === 1 ? '1 value' : `${n} values`;
}

/**
 * Throws unless `x` is a usable sample: at least `minLength` values (`empty-input` for none, naming the
 * sample; `invalid-parameter` for too few, saying how many the method needs and why), every value finite
 * (`invalid-value` naming the first bad index: "P[3] is NaN: sample values must be finite").
 */
export function validateSample(x: ArrayLike<number>, name: SampleName, minLength = 1, why = ''): void {
  if (x.length === 0) throw new DivergenceError('empty-input', `${name} has no values`, { array: name });
  if (x.length < minLength) {
    throw new DivergenceError('invalid-parameter', `${name} has ${values(x.length)}: ${why || `at least ${minLength} are needed`}`, {
      array: name,
    });
  }
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isFinite(v)) {
      throw new DivergenceError('invalid-value', `${name}[${i}] is ${String(v)}: sample values must be finite`, { array: name, index: i });
    }
  }
}

/** A sample's size, mean and unbiased variance (ddof = 1). */
export interface SampleMoments {
  readonly n: number;
  /** The mean, rounded to a double. */
  readonly mean: number;
  /** The mean's rounding error: mean + meanError is the exact mean to about twice the precision. */
  readonly meanError: number;
  /** Σ(x − mean)²/(n − 1): NaN for n = 1. */
  readonly variance: number;
}

/**
 * Mean and variance with ddof = 1 in two compensated passes: the mean, then Σ(x − mean)² plus the
 * correction −(Σ(x − mean))²/n for the rounding of the mean (the "corrected two-pass" algorithm of Chan,
 * Golub & LeVeque 1983): accurate to a few ulp even when the mean is large against the spread. The mean also
 * comes with its rounding error (from the compensated sum's two parts), so that a difference of two nearly
 * equal means keeps its relative accuracy. Values beyond 1e150 are scaled by the largest |x| first so that
 * their squares do not overflow.
 */
export function sampleMoments(x: ArrayLike<number>): SampleMoments {
  const n = x.length;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(x[i]!));
  const s = scale > 1e150 ? scale : 1;
  // Neumaier's sum, kept as its two parts: sum + compensation is Σx to about twice the precision.
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]! / s;
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  const mean = (sum + compensation) / n;
  // (sum + compensation − mean·n)/n, with mean·n split exactly into its rounded value and error.
  const product = mean * n;
  const meanError = (sum - product - productError(mean, n, product) + compensation) / n;
  const squares = new NeumaierSum();
  const deviations = new NeumaierSum();
  for (let i = 0; i < n; i++) {
    const d = x[i]! / s - mean;
    squares.add(d * d);
    deviations.add(d);
  }
  const variance = (squares.value - (deviations.value * deviations.value) / n) / (n - 1);
  return { n, mean: mean * s, meanError: meanError * s, variance: Math.max(0, variance) * s * s };
}
