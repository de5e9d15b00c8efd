/**
 * Fuzzing every public function of src/core with valid, borderline and adversarial inputs: zeros, subnormals,
 * the largest doubles, NaN, ±Infinity, negative values, mismatched lengths, empty arrays, bad options. The
 * only allowed failure is a DivergenceError with a known code; a result never holds NaN (a true +Infinity is
 * allowed where the conventions say so: a divergence, a statistic of zero-variance samples).
 * Runs: FUZZ_RUNS per property (default 10^4), seed FUZZ_SEED; see fuzzSupport.ts for replaying a failure.
 */
import fc from 'fast-check';
import {
  allMeasures,
  bhattacharyya,
  crossEntropy,
  entropy,
  hellinger,
  jeffreys,
  jsDistance,
  jsDivergence,
  klDivergence,
  measureTable,
  renyi,
  totalVariation,
  type MeasureOptions,
} from '../../../src/core';
import { energyDistance } from '../../../src/core/energyDistance';
import { gaussianEntropy, mvnEntropy } from '../../../src/core/gaussianEntropy';
import { gaussianKl, gaussianKlBoth } from '../../../src/core/gaussianKl';
import { gmmKl } from '../../../src/core/gmmKl';
import { histogramKl } from '../../../src/core/histogramKl';
import { klDivLoss } from '../../../src/core/klDivLoss';
import { knnKl } from '../../../src/core/knnKl';
import { ksTest } from '../../../src/core/ksTest';
import { mvnKl } from '../../../src/core/mvnKl';
import { twoSampleZ } from '../../../src/core/twoSampleZ';
import { vaeKl } from '../../../src/core/vaeKl';
import { wasserstein } from '../../../src/core/wasserstein';
import { welchT } from '../../../src/core/welchT';
import { base, measureOptions, vector, vectorPair } from './arbitraries';
import { assertNoNaN, clean, fuzz, interestingNumber, timeoutFor } from './fuzzSupport';
import { assertScaleInvariant, scaledPair, scaledVector } from './scaleInvariance';

/** A log base below 1 flips every sign: +Infinity becomes -Infinity. */
function flips(b: number | string | undefined): boolean {
  const x = typeof b === 'string' ? Number(b) : b;
  return typeof x === 'number' && x > 0 && x < 1;
}

/** -Infinity is a true value when the base flips signs or a raw sum (normalize: false) has negative terms. */
function infinities(o: MeasureOptions): string[] {
  if (flips(o.base)) return ['*', '-*'];
  return o.normalize === false ? ['*', '-value', '-pinskerTvBound'] : ['*'];
}

const alpha = fc.oneof(fc.constantFrom(0.5, 2, Infinity, 1, 0, -1, NaN, 1e-300, 1e300, 0.999999999, 1.0000001), fc.double({ min: 0, max: 50, noNaN: true }));

const sample = fc.array(fc.oneof({ weight: 5, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) }, { weight: 2, arbitrary: fc.integer({ min: -3, max: 3 }) }, { weight: 1, arbitrary: interestingNumber }), { minLength: 0, maxLength: 12 });
const param = fc.oneof({ weight: 4, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) }, { weight: 1, arbitrary: interestingNumber });
const sigma = fc.oneof({ weight: 4, arbitrary: fc.double({ min: 1e-3, max: 10, noNaN: true }) }, { weight: 1, arbitrary: interestingNumber });

/** A d×d matrix: usually A·Aᵀ + εI (positive definite), sometimes anything. */
const covariance = (d: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: d * d, maxLength: d * d }), fc.constantFrom(0, 1e-12, 1e-3, 1)).map(([a, eps]) => {
      const v = new Float64Array(d * d);
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
        let s = i === j ? eps : 0;
        for (let k = 0; k < d; k++) s += a[i * d + k]! * a[j * d + k]!;
        v[i * d + j] = s;
      }
      return { values: v, shape: [d, d] as const };
    }) },
    { weight: 1, arbitrary: fc.array(param, { minLength: d * d, maxLength: d * d }).map((v) => ({ values: v, shape: [d, d] as const })) },
    { weight: 1, arbitrary: fc.tuple(fc.array(param, { maxLength: 10 }), fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 3 })).map(([v, s]) => ({ values: v, shape: s as unknown as readonly [number, number] })) },
  );

const mixture = fc.integer({ min: 0, max: 4 }).chain((k) =>
  fc.record({
    weights: fc.array(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), interestingNumber), { minLength: k, maxLength: k + (k % 2) }),
    means: fc.array(param, { minLength: k, maxLength: k }),
    sigmas: fc.array(sigma, { minLength: k, maxLength: k }),
  }),
);

describe('fuzz: core functions', function () {
  this.timeout(timeoutFor(1, 3));

  const DISCRETE = { klDivergence, crossEntropy, jeffreys, jsDivergence, jsDistance, totalVariation, hellinger, bhattacharyya } as const;
  for (const [name, fn] of Object.entries(DISCRETE)) {
    const title = `${name}: probabilities, counts, logs, junk, bad options`;
    it(title, () => {
      fuzz(__filename, title, [vectorPair, measureOptions], ([p, q], o) => {
        clean(() => fn(p, q, o), (r) => assertNoNaN(r, infinities(o)));
      });
    });
  }

  const SCALE_FREE = { ...DISCRETE, renyiHalf: (p: number[], q: number[], o: MeasureOptions) => renyi(p, q, { ...o, alpha: 0.5 }), renyi3: (p: number[], q: number[], o: MeasureOptions) => renyi(p, q, { ...o, alpha: 3 }) };
  for (const [name, fn] of Object.entries(SCALE_FREE)) {
    const title = `${name}: invariant under P, Q times 2^k, subnormals included`;
    it(title, () => {
      fuzz(__filename, title, [scaledPair, base], ([p, q, k], b) => {
        assertScaleInvariant((s) => fn(s(p), s(q), { base: b }).value, k);
      });
    });
  }

  it('entropy: invariant under P times 2^k, subnormals included', () => {
    fuzz(__filename, 'entropy: invariant under P times 2^k, subnormals included', [scaledVector, base], ([p, k], b) => {
      assertScaleInvariant((s) => entropy(s(p), { base: b }).value, k);
    });
  });

  it('measureTable: every row invariant under P, Q times 2^k', () => {
    const rows = measureTable([1], [1]).length;
    fuzz(__filename, 'measureTable: every row invariant under P, Q times 2^k', [scaledPair], ([p, q, k]) => {
      for (let row = 0; row < rows; row++) assertScaleInvariant((s) => measureTable(s(p), s(q))[row]!.result.value, k);
    }, 0.2);
  });

  it('entropy: probabilities, counts, logs, junk, bad options', () => {
    fuzz(__filename, 'entropy: probabilities, counts, logs, junk, bad options', [vector, measureOptions], (p, o) => {
      clean(() => entropy(p, o), (r) => assertNoNaN(r, infinities(o)));
    });
  });

  it('renyi: every order, including 0, 1, ∞ and junk', () => {
    fuzz(__filename, 'renyi: every order, including 0, 1, ∞ and junk', [vectorPair, measureOptions, alpha], ([p, q], o, a) => {
      clean(() => renyi(p, q, { ...o, alpha: a }), (r) => assertNoNaN(r, infinities(o)));
    });
  });

  it('allMeasures', () => {
    fuzz(__filename, 'allMeasures', [vectorPair, measureOptions, fc.option(fc.array(alpha, { maxLength: 3 }), { nil: undefined })], ([p, q], o, orders) => {
      clean(() => allMeasures(p, q, { ...o, ...(orders ? { renyiOrders: orders } : {}) }), (r) => assertNoNaN(r, infinities(o)));
    });
  });

  it('gaussianKl, gaussianKlBoth, gaussianEntropy', () => {
    fuzz(__filename, 'gaussianKl, gaussianKlBoth, gaussianEntropy', [param, sigma, param, sigma, base], (m0, s0, m1, s1, b) => {
      clean(() => gaussianKl(m0, s0, m1, s1, { base: b }), (r) => assertNoNaN(r, infinities({ base: b })));
      clean(() => gaussianKlBoth(m0, s0, m1, s1, { base: b }), (r) => assertNoNaN(r, infinities({ base: b })));
      // A differential entropy can be negative, but it is finite for every finite σ > 0.
      clean(() => gaussianEntropy(s0, { base: b }), (r) => assertNoNaN(r, flips(b) ? ['-*'] : []));
    });
  });

  it('mvnKl and mvnEntropy: positive definite, singular, asymmetric, misshapen', () => {
    const input = fc.integer({ min: 0, max: 4 }).chain((d) =>
      fc.tuple(fc.array(param, { minLength: d, maxLength: d + (d === 3 ? 1 : 0) }), covariance(d), fc.array(param, { minLength: d, maxLength: d }), covariance(d)),
    );
    fuzz(__filename, 'mvnKl and mvnEntropy: positive definite, singular, asymmetric, misshapen', [input, base], ([mu0, cov0, mu1, cov1], b) => {
      clean(() => mvnKl(mu0, cov0, mu1, cov1, { base: b }), (r) => assertNoNaN(r, infinities({ base: b })));
      clean(() => mvnEntropy(cov0, { base: b }), (r) => assertNoNaN(r, flips(b) ? ['-*'] : []));
    });
  });

  it('vaeKl: vectors and batches', () => {
    fuzz(__filename, 'vaeKl: vectors and batches', [sample, sample, fc.option(fc.integer({ min: -1, max: 5 }), { nil: undefined }), base], (mu, logvar, rows, b) => {
      clean(() => vaeKl(mu, logvar, { base: b, ...(rows !== undefined ? { rows } : {}) }), (r) => assertNoNaN(r, infinities({ base: b })));
    });
  });

  it('gmmKl: variational, unscented and small Monte Carlo', () => {
    const method = fc.constantFrom<'mc' | 'variational' | 'unscented'>('mc', 'variational', 'unscented');
    const mc = fc.record({ samples: fc.oneof(fc.integer({ min: 2, max: 64 }), fc.constantFrom(0, 1, -5, 2.5, NaN)), seed: fc.oneof(fc.nat(), fc.constantFrom(-1, 0.5, 2 ** 53)), kappa: fc.oneof(fc.constant(undefined), fc.constantFrom(0, 1, -1, NaN, 2)) });
    fuzz(__filename, 'gmmKl: variational, unscented and small Monte Carlo', [mixture, mixture, method, mc, base], (p, q, m, o, b) => {
      clean(() => gmmKl(p, q, { method: m, samples: o.samples, seed: o.seed, ...(o.kappa !== undefined ? { kappa: o.kappa } : {}), base: b }), (r) => assertNoNaN(r, infinities({ base: b })));
    });
  });

  it('ksTest, twoSampleZ, welchT', () => {
    fuzz(__filename, 'ksTest, twoSampleZ, welchT', [sample, sample], (p, q) => {
      clean(() => ksTest(p, q), (r) => assertNoNaN(r, ['*', '-location']));
      // z and t are ±Infinity for samples of zero variance with different means (a certain difference).
      clean(() => twoSampleZ(p, q), (r) => assertNoNaN(r, ['*', '-statistic']));
      clean(() => welchT(p, q), (r) => assertNoNaN(r, ['*', '-statistic']));
    });
  });

  it('wasserstein and energyDistance, weighted or not', () => {
    const weights = fc.option(fc.array(fc.oneof(fc.double({ min: 0, max: 5, noNaN: true }), interestingNumber), { maxLength: 12 }), { nil: undefined });
    fuzz(__filename, 'wasserstein and energyDistance, weighted or not', [sample, sample, weights, weights], (p, q, pw, qw) => {
      const o = { ...(pw ? { pWeights: pw } : {}), ...(qw ? { qWeights: qw } : {}) };
      clean(() => wasserstein(p, q, o), (r) => assertNoNaN(r));
      clean(() => energyDistance(p, q, o), (r) => assertNoNaN(r));
    });
  });

  it('knnKl: 1-D and d-D samples, duplicates, bad k and d', () => {
    const o = fc.record({ d: fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, -1, 1.5, NaN)), k: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom(0, -1, 1.5, NaN, 100)), duplicates: fc.constantFrom<'error' | 'skip'>('error', 'skip') });
    fuzz(__filename, 'knnKl: 1-D and d-D samples, duplicates, bad k and d', [sample, sample, o, base], (p, q, opts, b) => {
      // An estimate: it may be negative, but it is finite (zero and overflowing distances are refused).
      clean(() => knnKl(p, q, { ...opts, base: b }), (r) => assertNoNaN(r, flips(b) ? ['-*'] : []));
    });
  });

  it('histogramKl: fd, sturges, bin counts, smoothing', () => {
    const bins = fc.oneof(fc.constantFrom<'fd' | 'sturges'>('fd', 'sturges'), fc.integer({ min: 1, max: 50 }), fc.constantFrom(0, -1, 2.5, NaN, 1e9));
    const smoothing = fc.option(fc.oneof(fc.double({ min: 0, max: 2, noNaN: true }), fc.constantFrom(-1, NaN, Infinity)), { nil: undefined });
    fuzz(__filename, 'histogramKl: fd, sturges, bin counts, smoothing', [sample, sample, bins, smoothing, base], (p, q, bn, s, b) => {
      clean(() => histogramKl(p, q, { bins: bn, base: b, ...(s !== undefined ? { smoothing: s } : {}) }), (r) => assertNoNaN(r, infinities({ base: b })));
    });
  });

  it('klDivLoss: vectors and matrices, every reduction, log targets', () => {
    const logs = fc.array(fc.oneof(fc.double({ min: -20, max: 0, noNaN: true }), interestingNumber), { maxLength: 12 });
    const asInput = fc.tuple(logs, fc.option(fc.tuple(fc.integer({ min: -1, max: 4 }), fc.integer({ min: -1, max: 4 })), { nil: undefined })).map(([v, s]) => (s ? { values: v, shape: s } : v));
    const reduction = fc.constantFrom<'none' | 'sum' | 'mean' | 'batchmean'>('none', 'sum', 'mean', 'batchmean', 'bogus' as 'sum');
    fuzz(__filename, 'klDivLoss: vectors and matrices, every reduction, log targets', [asInput, asInput, reduction, fc.boolean()], (input, target, red, logTarget) => {
      // A loss, not a divergence: pointwise terms t·(log t − x) are negative where x > log t, and −Infinity
      // where the input is +Infinity: only NaN is a bug.
      clean(() => klDivLoss(input, target, { reduction: red, logTarget }), (r) => assertNoNaN(r, ['*', '-value']));
    });
  });
});
