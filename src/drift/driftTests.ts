/**
 * The tests and distances a drift report applies to one column, each a score with a threshold and a
 * direction (see docs/drift.md). Binned measures (PSI, KL, JS distance, Hellinger, TV) use `binCounts`.
 */
import { chiSquareSf } from '../core/chiSquareSf';
import { hellinger } from '../core/hellinger';
import { jsDistance } from '../core/jsDistance';
import { ksTest } from '../core/ksTest';
import { logRatio, NeumaierSum, neumaierSum } from '../core/numeric';
import { normalSf } from '../core/specialFunctions';
import { totalVariation } from '../core/totalVariation';
import { wasserstein } from '../core/wasserstein';
import { binCounts, countsOverValues, fillEmptyBins, fractions, type BinCounts, type Sample } from './binning';

export const DRIFT_TEST_NAMES = ['psi', 'kl', 'js-distance', 'wasserstein-normed', 'ks', 'chisquare', 'z', 'hellinger', 'tv'] as const;
export type DriftTestName = (typeof DRIFT_TEST_NAMES)[number];

/** Evidently's names of the same tests. */
export const DRIFT_TEST_ALIASES: Readonly<Record<string, DriftTestName>> = {
  kl_div: 'kl',
  jensenshannon: 'js-distance',
  wasserstein: 'wasserstein-normed',
  chisquare: 'chisquare',
  ks: 'ks',
  z: 'z',
  psi: 'psi',
};

/** The number of distinct values of two sorted samples together (0 and -0 one value, as a `Set` counts them). */
function distinctOfSorted(a: Float64Array, b: Float64Array): number {
  let distinct = 0;
  let last = NaN;
  for (let i = 0, j = 0; i < a.length || j < b.length; ) {
    const v = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (v !== last) distinct++;
    last = v;
  }
  return distinct;
}

/** The distinct values of both samples together, as a `Set` counts them. */
function distinctOfAny(reference: Sample, current: Sample): number {
  const seen = new Set<number | string>();
  for (const v of reference) seen.add(v);
  for (const v of current) seen.add(v);
  return seen.size;
}

/** Both sides of a column without their missing cells, and what the tests derive from them (computed once). */
export class ColumnSamples {
  private bins: BinCounts | undefined;
  /** Distinct values of both sides together. */
  readonly distinct: number;
  /**
   * A numerical column's values sorted (each side once: Wasserstein and KS take them sorted, and the distinct
   * values are counted from them, without a Set of boxed doubles).
   */
  readonly sorted: { readonly reference: Float64Array; readonly current: Float64Array } | undefined;

  constructor(
    readonly type: 'numerical' | 'categorical',
    readonly reference: Sample,
    readonly current: Sample,
  ) {
    if (reference instanceof Float64Array && current instanceof Float64Array) {
      this.sorted = { reference: Float64Array.from(reference).sort(), current: Float64Array.from(current).sort() };
      this.distinct = distinctOfSorted(this.sorted.reference, this.sorted.current);
    } else {
      this.distinct = distinctOfAny(reference, current);
    }
  }

  binned(): BinCounts {
    this.bins ??= binCounts(this.reference, this.current);
    return this.bins;
  }
}

/** What a score says: a distance drifts at or above its threshold, a p-value at (KS) or below it. */
export interface DriftTest {
  readonly name: DriftTestName;
  readonly kind: 'distance' | 'p-value';
  readonly defaultThreshold: number;
  drifted(score: number, threshold: number): boolean;
  applies(s: ColumnSamples): boolean;
  score(s: ColumnSamples): number;
}

/** The fractions of both sides over the binned values, empty bins filled (see `fillEmptyBins`). */
export function filledFractions(s: ColumnSamples): { reference: Float64Array; current: Float64Array; filled: number } {
  const b = s.binned();
  const r = fillEmptyBins(fractions(b.reference));
  const c = fillEmptyBins(fractions(b.current));
  return { reference: r.fractions, current: c.fractions, filled: r.filled + c.filled };
}

/** Σ term(r_i, c_i) over the filled fractions, compensated. */
function sumOverFilled(s: ColumnSamples, term: (r: number, c: number) => number): number {
  const { reference, current } = filledFractions(s);
  const sum = new NeumaierSum();
  for (let i = 0; i < reference.length; i++) sum.add(term(reference[i]!, current[i]!));
  return sum.value;
}

/** The population standard deviation √(Σ(x − x̄)²/n), as `numpy.std`. */
export function populationStd(x: Float64Array): number {
  const mean = neumaierSum(x) / x.length;
  return Math.sqrt(neumaierSum(x.map((v) => (v - mean) ** 2)) / x.length);
}

/**
 * Pearson's chi-square p-value of the current counts against the reference's proportions, as Evidently
 * calls `scipy.stats.chisquare`: categories are the pooled distinct values, expected_i = ref_i · n_cur/n_ref,
 * χ² = Σ (cur_i − expected_i)²/expected_i (+Infinity when a category is absent from the reference), df = k − 1;
 * one category: p = 1.
 */
export function chiSquarePValue(reference: Sample, current: Sample): number {
  const counts = countsOverValues(reference, current);
  return chiSquarePValueOfCounts(counts.reference, counts.current);
}

/** `chiSquarePValue` from the counts of each side over the pooled values (in `pooledKeys` order). */
export function chiSquarePValueOfCounts(reference: Float64Array, current: Float64Array): number {
  const k = reference.length;
  if (k < 2) return 1;
  const scale = neumaierSum(current) / neumaierSum(reference);
  const stat = new NeumaierSum();
  for (let i = 0; i < k; i++) {
    const expected = reference[i]! * scale;
    stat.add((current[i]! - expected) ** 2 / expected);
  }
  return chiSquareSf(stat.value, k - 1);
}

/**
 * The two-proportion z-test p-value 2·Φ̄(|z|), z = (p₁ − p₂)/√(P(1 − P)(1/n₁ + 1/n₂)), p₁ and p₂ the share
 * of the first pooled value on each side, P = (p₁n₁ + p₂n₂)/(n₁ + n₂). One distinct value overall: p = 1.
 */
export function twoProportionZPValue(reference: Sample, current: Sample): number {
  const counts = countsOverValues(reference, current);
  return twoProportionZPValueOfCounts(counts.reference, counts.current);
}

/** `twoProportionZPValue` from the counts of each side over the pooled values (in `pooledKeys` order). */
export function twoProportionZPValueOfCounts(reference: Float64Array, current: Float64Array): number {
  if (reference.length < 2) return 1;
  const n1 = neumaierSum(reference);
  const n2 = neumaierSum(current);
  const p1 = reference[0]! / n1;
  const p2 = current[0]! / n2;
  const pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return 2 * normalSf(Math.abs(z));
}

const numerical = (s: ColumnSamples) => s.type === 'numerical';
const always = () => true;

function distance(name: DriftTestName, applies: (s: ColumnSamples) => boolean, score: (s: ColumnSamples) => number): DriftTest {
  return { name, kind: 'distance', defaultThreshold: 0.1, drifted: (x, t) => x >= t, applies, score };
}

function pValueTest(name: DriftTestName, atThreshold: boolean, applies: (s: ColumnSamples) => boolean, score: (s: ColumnSamples) => number): DriftTest {
  return { name, kind: 'p-value', defaultThreshold: 0.05, drifted: atThreshold ? (p, t) => p <= t : (p, t) => p < t, applies, score };
}

const binnedPair = (s: ColumnSamples) => [fractions(s.binned().reference), fractions(s.binned().current)] as const;

/** Every test, by name. */
export const DRIFT_TESTS: Readonly<Record<DriftTestName, DriftTest>> = {
  psi: distance('psi', always, (s) => sumOverFilled(s, (r, c) => (r - c) * logRatio(r, c))),
  kl: distance('kl', always, (s) => sumOverFilled(s, (r, c) => r * logRatio(r, c))),
  'js-distance': distance('js-distance', always, (s) => jsDistance(...binnedPair(s)).value),
  'wasserstein-normed': distance('wasserstein-normed', numerical, (s) => {
    const { reference, current } = s.sorted!;
    return wasserstein(reference, current).value / Math.max(populationStd(s.reference as Float64Array), 0.001);
  }),
  ks: pValueTest('ks', true, numerical, (s) => ksTest(s.sorted!.reference, s.sorted!.current).pvalue),
  chisquare: pValueTest('chisquare', false, (s) => s.type === 'categorical' || s.distinct <= 5, (s) => chiSquarePValue(s.reference, s.current)),
  z: pValueTest('z', false, (s) => s.distinct <= 2, (s) => twoProportionZPValue(s.reference, s.current)),
  hellinger: distance('hellinger', always, (s) => hellinger(...binnedPair(s)).value),
  tv: distance('tv', always, (s) => totalVariation(...binnedPair(s)).value),
};

/** A reference with more rows than this takes the distance defaults (Wasserstein, JS) instead of tests. */
export const SMALL_REFERENCE_ROWS = 1000;

/**
 * Evidently's default test of a column. Reference of ≤ 1000 rows: numerical with > 5 distinct (pooled)
 * values → KS; numerical with 3–5, or categorical with > 2 → chi-square; ≤ 2 → z. More rows: numerical with
 * > 5 distinct → Wasserstein normed; otherwise JS distance.
 */
export function defaultTest(s: ColumnSamples, referenceRows: number): DriftTestName {
  const manyValues = s.type === 'numerical' && s.distinct > 5;
  if (referenceRows > SMALL_REFERENCE_ROWS) return manyValues ? 'wasserstein-normed' : 'js-distance';
  if (manyValues) return 'ks';
  return s.distinct > 2 ? 'chisquare' : 'z';
}
