import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DivergenceError } from '../../../src/core/errors';
import {
  expm1MinusX,
  GAUSSIAN_KL_FORMULA_LATEX,
  gaussianKl,
  gaussianKlBoth,
  scaleDivergence,
} from '../../../src/core/gaussianKl';
import { checkClose, gaussianFixtures } from './gaussianFixtures';
import { relativeError } from './klFixtures';

/** A fast-check run that is the same on every run: properties are tests, and tests must be reproducible. */
const runs = (seed: number, numRuns = 300) => ({ seed, numRuns });

function throwsParameter(f: () => unknown, name: string, message: string): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof DivergenceError, `not a DivergenceError: ${String(e)}`);
    assert.equal(e.code, 'invalid-parameter');
    assert.equal(e.location.array, name);
    assert.equal(e.message, message);
    return true;
  });
}

describe('gaussianKl', () => {
  describe('against 50-digit mpmath fixtures', () => {
    for (const c of gaussianFixtures().univariate) {
      it(`${c.name}`, () => {
        const r = gaussianKl(c.mu0, c.sigma0, c.mu1, c.sigma1, { base: c.base });
        const input = `gaussianKl(${c.mu0}, ${c.sigma0}, ${c.mu1}, ${c.sigma1}, base ${c.base}) (textbook formula: ${c.textbook})`;
        checkClose('mpmath', input, Number(c.exact), r.value, c.rtol);
      });
    }

    it('is more accurate than the textbook formula where σ0 ≈ σ1 (which the fixtures record)', () => {
      const near = gaussianFixtures().univariate.filter((c) => c.name.startsWith('near-equal'));
      assert.ok(near.length >= 10);
      let textbookWrong = 0;
      for (const c of near) {
        if (typeof c.textbook === 'number' && relativeError(c.textbook, Number(c.exact)) > 1e-3) textbookWrong++;
      }
      // The textbook formula has no correct digit in most of them; the library is within 4e-15 in all (above).
      assert.ok(textbookWrong >= 10, `${textbookWrong} of ${near.length}`);
    });
  });

  describe('result', () => {
    it('has the measure, value, unit, base and closedForm fields', () => {
      assert.deepEqual(gaussianKl(0, 1, 1, 2), {
        measure: 'gaussian-kl',
        value: 0.4431471805599453,
        unit: 'nats',
        base: Math.E,
        closedForm: true,
      });
    });

    it('converts units: bits = nats / ln 2', () => {
      const nats = gaussianKl(0, 1, 1, 2).value;
      const bits = gaussianKl(0, 1, 1, 2, { base: 2 });
      assert.equal(bits.unit, 'bits');
      assert.equal(bits.value, nats / Math.LN2);
      assert.equal(gaussianKl(0, 1, 1, 2, { base: '10' }).unit, 'bans');
    });

    it('is exactly 0 for equal distributions', () => {
      assert.equal(gaussianKl(0.3, 1.7, 0.3, 1.7).value, 0);
      assert.equal(gaussianKl(-1e300, 1e-300, -1e300, 1e-300).value, 0);
    });

    it('is Infinity, not NaN, where the value exceeds the doubles', () => {
      assert.equal(gaussianKl(0, 1e155, 0, 1).value, Infinity);
      assert.equal(gaussianKl(1e200, 1, -1e200, 1e-200).value, Infinity);
      assert.equal(gaussianKl(0, 1e300, 0, 1e-300).value, Infinity);
      // μ0 − μ1 overflows, (μ0 − μ1)/σ1 does not: 4.5e296.
      checkClose('overflowing mean difference', '1.5e308, 1, -1.5e308, 1e160', 4.5e296, gaussianKl(1.5e308, 1, -1.5e308, 1e160).value, 4e-15);
    });

    it('gives both directions and Jeffreys\' J with gaussianKlBoth', () => {
      const both = gaussianKlBoth(0, 1, 1, 2, { base: 2 });
      assert.deepEqual(both.forward, gaussianKl(0, 1, 1, 2, { base: 2 }));
      assert.deepEqual(both.reverse, gaussianKl(1, 2, 0, 1, { base: 2 }));
      assert.equal(both.jeffreys, both.forward.value + both.reverse.value);
      checkClose('reverse', 'N(1, 4) from N(0, 1)', 1.3068528194400546945, gaussianKl(1, 2, 0, 1).value, 4e-16);
    });

    it('exports the formula the panel renders', () => {
      assert.equal(
        GAUSSIAN_KL_FORMULA_LATEX,
        'D_{\\mathrm{KL}}\\big(\\mathcal{N}(\\mu_0,\\sigma_0^2)\\,\\|\\,\\mathcal{N}(\\mu_1,\\sigma_1^2)\\big) = ' +
          '\\ln\\frac{\\sigma_1}{\\sigma_0} + \\frac{\\sigma_0^2 + (\\mu_0-\\mu_1)^2}{2\\sigma_1^2} - \\frac{1}{2}',
      );
    });
  });

  describe('errors', () => {
    it('names a standard deviation that is not finite and > 0', () => {
      throwsParameter(() => gaussianKl(0, 0, 0, 1), 'sigma0', 'sigma0 is 0: a standard deviation must be finite and > 0');
      throwsParameter(() => gaussianKl(0, 1, 0, -2), 'sigma1', 'sigma1 is -2: a standard deviation must be finite and > 0');
      throwsParameter(() => gaussianKl(0, NaN, 0, 1), 'sigma0', 'sigma0 is NaN: a standard deviation must be finite and > 0');
      throwsParameter(() => gaussianKl(0, 1, 0, Infinity), 'sigma1', 'sigma1 is Infinity: a standard deviation must be finite and > 0');
    });

    it('names a mean that is not finite', () => {
      throwsParameter(() => gaussianKl(NaN, 1, 0, 1), 'mu0', 'mu0 is NaN: a mean must be a finite number');
      throwsParameter(() => gaussianKl(0, 1, -Infinity, 1), 'mu1', 'mu1 is -Infinity: a mean must be a finite number');
    });

    it('checks the parameters in order mu0, sigma0, mu1, sigma1, after the base', () => {
      throwsParameter(() => gaussianKl(NaN, -1, NaN, -1), 'mu0', 'mu0 is NaN: a mean must be a finite number');
      assert.throws(() => gaussianKl(NaN, 1, 0, 1, { base: 1 }), { code: 'invalid-parameter', location: { array: 'base' } });
    });
  });

  describe('expm1MinusX and scaleDivergence', () => {
    // e^x − 1 − x from mpmath (50 digits, from the exact binary x), at and around the switch points ±1 and near 0.
    const reference: [number, number][] = [
      [1e-300, 0],
      [1e-10, 5.0000000001666670309928065065275410946213661605483e-21],
      [-1e-10, 4.9999999998333336976594731367614342215991902406425e-21],
      [1e-5, 5.000016666708334234701434862396675388796799531079e-11],
      [0.5, 0.14872127070012814684865078781416357165377610071015],
      [-0.5, 0.10653065971263342360379953499118045344191813548719],
      [1, 0.71828182845904523536028747135266249775724709369996],
      [-1, 0.36787944117144232159552377016146086744581113103177],
      [1.0000000000000002, 0.71828182845904561689549722140184644992577906683637],
      [-1.0000000000000002, 0.3678794411714424619544835202385709292844072345856],
      [3, 16.085536923187667740928529654581717896987907838554],
      [-30, 29.000000000000093576229688401746049158322233787067],
      [700, 1.0142320547350045094553295952312676152046795722431e304],
    ];
    for (const [x, expected] of reference) {
      it(`expm1MinusX(${x}) within 4 ulp`, () => {
        if (expected === 0) {
          assert.equal(expm1MinusX(x), 0); // x²/2 underflows
          return;
        }
        checkClose('mpmath', `expm1MinusX(${x})`, expected, expm1MinusX(x), 9e-16);
      });
    }

    it('is ≥ 0 everywhere and 0 only at 0', () => {
      assert.equal(expm1MinusX(0), 0);
      fc.assert(fc.property(fc.double({ min: -1e6, max: 700, noNaN: true }), (x) => (x === 0 ? true : expm1MinusX(x) > 0 || Math.abs(x) < 1e-154)), runs(1));
    });

    it('scaleDivergence(σ0, σ1) is gaussianKl with equal means', () => {
      fc.assert(
        fc.property(fc.double({ min: 1e-100, max: 1e100, noNaN: true }), fc.double({ min: 1e-100, max: 1e100, noNaN: true }), (s0, s1) => {
          return scaleDivergence(s0, s1) === gaussianKl(0, s0, 0, s1).value;
        }),
        runs(2),
      );
    });
  });

  describe('properties', () => {
    const mean = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    const sd = fc.double({ min: 1e-6, max: 1e6, noNaN: true });

    it('D ≥ 0, and D = 0 only when the distributions are equal (or D is below the smallest double)', () => {
      fc.assert(
        fc.property(mean, sd, mean, sd, (m0, s0, m1, s1) => {
          const v = gaussianKl(m0, s0, m1, s1).value;
          const z = (m0 - m1) / s1;
          const representable = s0 !== s1 || 0.5 * z * z > 0;
          return m0 === m1 && s0 === s1 ? v === 0 : representable ? v > 0 : v === 0;
        }),
        runs(3),
      );
    });

    it('D > 0 for neighbouring doubles (the stable form resolves them)', () => {
      fc.assert(
        fc.property(sd, (s) => {
          const next = s + s * 2 ** -52;
          return s === next || gaussianKl(0, s, 0, next).value > 0;
        }),
        runs(4),
      );
    });

    it('is invariant under a common affine map x → a·x + b (μ → a·μ + b, σ → |a|·σ), to 1e-12', () => {
      const small = fc.double({ min: -100, max: 100, noNaN: true });
      const scale = fc.double({ min: 0.01, max: 100, noNaN: true });
      fc.assert(
        fc.property(small, scale, small, scale, fc.double({ min: -50, max: 50, noNaN: true }), small, (m0, s0, m1, s1, a, b) => {
          if (Math.abs(a) < 0.02) return true;
          const before = gaussianKl(m0, s0, m1, s1).value;
          const after = gaussianKl(a * m0 + b, Math.abs(a) * s0, a * m1 + b, Math.abs(a) * s1).value;
          // a·μ + b rounds: the shift of the means changes by about u·|b|, relative to σ.
          const slack = 1e-12 * before + 4e-16 * (1 + Math.abs(b / (a * s1))) * Math.sqrt(2 * before) + 1e-300;
          return Math.abs(after - before) <= slack;
        }),
        runs(5),
      );
    });

    it('with equal σ it is symmetric, (μ0 − μ1)²/(2σ²)', () => {
      fc.assert(
        fc.property(mean, sd, mean, (m0, s, m1) => {
          const f = gaussianKl(m0, s, m1, s).value;
          const expected = ((m0 - m1) / s) ** 2 / 2;
          // Below 2^-1022 the doubles are subnormal: absolute, not relative, precision.
          return f === gaussianKl(m1, s, m0, s).value && Math.abs(f - expected) <= Math.max(4e-16 * expected, 2 ** -1070);
        }),
        runs(6),
      );
    });
  });
});
