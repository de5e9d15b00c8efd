import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DivergenceError } from '../../../src/core/errors';
import { gaussianKl } from '../../../src/core/gaussianKl';
import { GMM_DEFAULT_SAMPLES, gmmKl, type GaussianMixture, type GmmKlOptions } from '../../../src/core/gmmKl';
import { checkClose, gaussianFixtures } from './gaussianFixtures';

const runs = (seed: number, numRuns = 100) => ({ seed, numRuns });

function show(m: GaussianMixture): string {
  return `{w ${JSON.stringify(Array.from(m.weights))}, μ ${JSON.stringify(Array.from(m.means))}, σ ${JSON.stringify(Array.from(m.sigmas))}}`;
}

const bimodal: GaussianMixture = { weights: [0.5, 0.5], means: [-1, 1], sigmas: [0.5, 0.5] };
const standard: GaussianMixture = { weights: [1], means: [0], sigmas: [1] };

function throwsWith(f: () => unknown, code: string, array: string, message: string, index?: number): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof DivergenceError, `not a DivergenceError: ${String(e)}`);
    assert.equal(e.message, message);
    assert.equal(e.code, code);
    assert.equal(e.location.array, array);
    assert.equal(e.location.index, index);
    return true;
  });
}

describe('gmmKl', () => {
  describe('against quadrature and mpmath re-implementations', () => {
    for (const c of gaussianFixtures().gmm) {
      const input = `p = ${show(c.p)}, q = ${show(c.q)}, base ${c.base}`;

      it(`${c.name}: Monte Carlo (${c.mc.samples} samples, seed ${c.mc.seed}) within 4 standard errors of the quadrature value`, () => {
        const r = gmmKl(c.p, c.q, { method: 'mc', samples: c.mc.samples, seed: c.mc.seed, base: c.base });
        assert.ok(r.stderr! >= 0);
        const within = Math.abs(r.value - c.exact) <= 4 * r.stderr! || (c.exact === 0 && r.value === 0);
        assert.ok(within, `${input}: quadrature ${c.exact}, MC ${r.value} ± ${r.stderr} (${((r.value - c.exact) / r.stderr!).toFixed(2)} standard errors)`);
      });

      it(`${c.name}: Monte Carlo replayed sample by sample in Python (seed ${c.mcReplay.seed}), to 1e-12`, () => {
        const r = gmmKl(c.p, c.q, { method: 'mc', samples: c.mcReplay.samples, seed: c.mcReplay.seed, base: c.base });
        checkClose('value', input, c.mcReplay.value, r.value, 1e-12, 1e-15);
        checkClose('stderr', input, c.mcReplay.stderr, r.stderr!, 1e-10, 1e-15);
      });

      it(`${c.name}: variational and unscented (κ = 0, 2) formulas, to 1e-12`, () => {
        checkClose('variational', input, c.variational, gmmKl(c.p, c.q, { method: 'variational', base: c.base }).value, c.rtol, c.atol);
        checkClose('unscented', input, c.unscented, gmmKl(c.p, c.q, { method: 'unscented', base: c.base }).value, c.rtol, c.atol);
        checkClose('unscented κ = 2', input, c.unscentedKappa2, gmmKl(c.p, c.q, { method: 'unscented', kappa: 2, base: c.base }).value, c.rtol, c.atol);
      });
    }
  });

  describe('result', () => {
    it('Monte Carlo: value, stderr, samples, seed and a note; reproducible from the seed', () => {
      const a = gmmKl(bimodal, standard, { seed: 1 });
      const b = gmmKl(bimodal, standard, { method: 'mc', seed: 1 });
      assert.deepEqual(a, b);
      assert.equal(a.method, 'mc');
      assert.equal(a.samples, GMM_DEFAULT_SAMPLES);
      assert.equal(a.seed, 1);
      assert.equal(a.measure, 'gmm-kl');
      assert.equal(a.unit, 'nats');
      assert.match(a.note, /^Monte Carlo estimate from 100000 samples of p \(xoshiro128\*\*, seed 1\)/);
      assert.deepEqual(a.weightSums, { p: 1, q: 1 });
      assert.equal(a.normalized, false);
      assert.deepEqual(a.components, { p: 2, q: 1 });
    });

    it('Monte Carlo: different seeds give different estimates, the default seed is 0', () => {
      const a = gmmKl(bimodal, standard, { samples: 1000, seed: 1 });
      const b = gmmKl(bimodal, standard, { samples: 1000, seed: 2 });
      assert.notEqual(a.value, b.value);
      assert.deepEqual(gmmKl(bimodal, standard, { samples: 1000 }), gmmKl(bimodal, standard, { samples: 1000, seed: 0 }));
    });

    it('Monte Carlo: the standard error shrinks as 1/√samples', () => {
      const small = gmmKl(bimodal, standard, { samples: 10_000, seed: 3 }).stderr!;
      const large = gmmKl(bimodal, standard, { samples: 1_000_000, seed: 3 }).stderr!;
      const ratio = small / large;
      assert.ok(ratio > 9 && ratio < 11, `stderr ratio ${ratio} for 100 times the samples`);
    });

    it('Monte Carlo of equal mixtures is exactly 0 with stderr 0', () => {
      const r = gmmKl(bimodal, bimodal, { samples: 500 });
      assert.equal(r.value, 0);
      assert.equal(r.stderr, 0);
    });

    it('variational: says it can be negative; unscented: says which sigma points', () => {
      const v = gmmKl(standard, bimodal, { method: 'variational' });
      assert.equal(v.method, 'variational');
      assert.match(v.note, /Hershey & Olsen \(2007\) variational approximation.*can be negative/);
      assert.equal(v.stderr, undefined);
      const u = gmmKl(standard, bimodal, { method: 'unscented' });
      assert.equal(u.kappa, 0);
      assert.match(u.note, /unscented approximation .*μ ± σ/);
      assert.ok(u.value < 0, `the two-point unscented value of this pair is negative (${u.value})`);
      assert.match(gmmKl(standard, bimodal, { method: 'unscented', kappa: 2 }).note, /κ = 2/);
    });

    it('normalises weights and says so, dropping zero-weight components', () => {
      const p = { weights: [2, 0, 2], means: [-1, 100, 1], sigmas: [0.5, 1, 0.5] };
      const r = gmmKl(p, { weights: [3], means: [0], sigmas: [1] }, { method: 'variational' });
      assert.equal(r.normalized, true);
      assert.deepEqual(r.weightSums, { p: 4, q: 3 });
      assert.deepEqual(r.components, { p: 3, q: 1 });
      assert.equal(r.value, gmmKl(bimodal, standard, { method: 'variational' }).value);
      assert.deepEqual(
        gmmKl(p, standard, { samples: 1000, seed: 4 }).value,
        gmmKl(bimodal, standard, { samples: 1000, seed: 4 }).value,
      );
    });

    it('converts units (value and stderr)', () => {
      const nats = gmmKl(bimodal, standard, { samples: 1000 });
      const bits = gmmKl(bimodal, standard, { samples: 1000, base: 2 });
      assert.equal(bits.unit, 'bits');
      assert.equal(bits.value, nats.value / Math.LN2);
      assert.equal(bits.stderr, nats.stderr! / Math.LN2);
    });
  });

  describe('errors', () => {
    it('names the mixture parameter and index', () => {
      const bad = (p: GaussianMixture, q: GaussianMixture) => () => gmmKl(p, q);
      throwsWith(
        bad({ weights: [1, 1], means: [0, 1], sigmas: [1, 0] }, standard),
        'invalid-parameter',
        'p-sigmas',
        'p-sigmas[1] is 0: a standard deviation must be finite and > 0',
        1,
      );
      throwsWith(
        bad(standard, { weights: [-1], means: [0], sigmas: [1] }),
        'invalid-value',
        'q-weights',
        'q-weights[0] is -1: weights must be finite and non-negative',
        0,
      );
      throwsWith(bad(standard, { weights: [1], means: [NaN], sigmas: [1] }), 'invalid-value', 'q-means', 'q-means[0] is NaN: means must be finite', 0);
      throwsWith(
        bad({ weights: [0, 0], means: [0, 1], sigmas: [1, 1] }, standard),
        'zero-sum',
        'p-weights',
        'p-weights sums to zero: at least one weight must be positive',
      );
      throwsWith(
        bad({ weights: [1, 1], means: [0], sigmas: [1, 1] }, standard),
        'length-mismatch',
        'p-means',
        'p-weights has 2 values but p-means has 1: one of each per component',
      );
      throwsWith(
        bad(standard, { weights: [], means: [], sigmas: [] }),
        'empty-input',
        'q-weights',
        'q-weights has no values: a mixture needs at least one component',
      );
    });

    it('rejects bad options', () => {
      const bad = (options: GmmKlOptions) => () => gmmKl(standard, standard, options);
      const samplesRule = 'it must be an integer from 2 to 100000000';
      throwsWith(bad({ method: 'exact' as never }), 'invalid-parameter', 'method', "method must be 'mc', 'variational' or 'unscented', not 'exact'");
      throwsWith(bad({ samples: 1 }), 'invalid-parameter', 'samples', `samples is 1: ${samplesRule}`);
      throwsWith(bad({ samples: 10.5 }), 'invalid-parameter', 'samples', `samples is 10.5: ${samplesRule}`);
      throwsWith(bad({ seed: -1 }), 'invalid-parameter', 'seed', 'seed -1 is invalid: it must be an integer from 0 to 2^53 - 1');
      throwsWith(bad({ method: 'unscented', kappa: -0.5 }), 'invalid-parameter', 'kappa', 'kappa is -0.5: it must be finite and ≥ 0');
    });
  });

  describe('properties', () => {
    const mean = fc.double({ min: -10, max: 10, noNaN: true });
    const sd = fc.double({ min: 0.05, max: 20, noNaN: true });

    it('variational = unscented = the closed form when each mixture has one component (to 1e-12)', () => {
      fc.assert(
        fc.property(mean, sd, mean, sd, fc.double({ min: 0.1, max: 10, noNaN: true }), (m0, s0, m1, s1, w) => {
          const p = { weights: [w], means: [m0], sigmas: [s0] };
          const q = { weights: [1], means: [m1], sigmas: [s1] };
          const exact = gaussianKl(m0, s0, m1, s1).value;
          const variational = gmmKl(p, q, { method: 'variational' }).value;
          const unscented = gmmKl(p, q, { method: 'unscented' }).value;
          const tol = 1e-12 * exact + 1e-13 * (1 + ((m0 - m1) / s1) ** 2 + (s0 / s1) ** 2);
          return variational === exact && Math.abs(unscented - exact) <= tol;
        }),
        runs(31),
      );
    });

    it('the same seed reproduces the Monte Carlo estimate exactly', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 2 ** 31 }), mean, sd, (seed, m, s) => {
          const p = { weights: [0.3, 0.7], means: [m, -m], sigmas: [s, 1] };
          const a = gmmKl(p, standard, { samples: 200, seed });
          const b = gmmKl(p, standard, { samples: 200, seed });
          return a.value === b.value && a.stderr === b.stderr;
        }),
        runs(32, 50),
      );
    });
  });
});
