import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DivergenceError } from '../../../src/core/errors';
import { KNN_KL_FORMULA_LATEX, knnKl } from '../../../src/core/knnKl';
import { checkClose, describeSample, expandSample, loadSampleFixtures } from './samplesFixtures';

describe('knnKl (Wang–Kulkarni–Verdú k-NN estimate)', () => {
  describe('against the same formula on scipy.spatial.cKDTree distances', () => {
    for (const c of loadSampleFixtures().knnKl) {
      it(`${c.name} (d = ${c.d}, k = ${c.k}, duplicates ${c.duplicates})`, () => {
        const p = expandSample(c.p);
        const q = expandSample(c.q);
        const r = knnKl(p, q, { d: c.d, k: c.k, duplicates: c.duplicates });
        const inputs = `P = ${describeSample(c.p, p)}, Q = ${describeSample(c.q, q)}`;
        checkClose(c.name, inputs, c.value, r.value, c.rtol, c.atol);
        assert.deepEqual(r.duplicates, { policy: c.duplicates, zeroRho: c.zeroRho, zeroNu: c.zeroNu, skipped: c.skipped });
        assert.equal(r.n, p.length / c.d);
        assert.equal(r.m, q.length / c.d);
      });
    }
  });

  it('reports an estimate with k, d, the sizes and the duplicate counts', () => {
    const r = knnKl([0, 1, 2, 3], [0.5, 1.5, 2.5, 3.5]);
    assert.deepEqual(r, {
      measure: 'knn-kl',
      kind: 'estimate',
      value: r.value,
      unit: 'nats',
      base: Math.E,
      k: 1,
      d: 1,
      n: 4,
      m: 4,
      duplicates: { policy: 'error', zeroRho: 0, zeroNu: 0, skipped: 0 },
    });
    // Every ρ = 1, ν = ½: (1/4)·4·ln ½ + ln(4/3) = ln(2/3); negative: an estimate, reported as computed.
    checkClose('grid', 'P = 0..3, Q = P + ½', Math.log(2 / 3), r.value, 4e-16);
    assert.equal(knnKl([0, 1, 2, 3], [0.5, 1.5, 2.5, 3.5], { base: 2 }).unit, 'bits');
    assert.ok(KNN_KL_FORMULA_LATEX.includes('\\nu_k(i)'));
  });

  it('duplicates: an error by default with the counts, or skipped and reported', () => {
    assert.throws(() => knnKl([0, 1, 1, 3], [0.5, 1.5, 2.5, 3.5]), (e: unknown) => {
      assert.ok(e instanceof DivergenceError);
      assert.equal(e.code, 'invalid-value');
      assert.match(e.message, /2 points of P with ≥ 1 exact duplicate in P \(ρ = 0\)/);
      assert.match(e.message, /duplicates: 'skip'/);
      return true;
    });
    assert.throws(() => knnKl([0, 1, 2], [1, 5]), { code: 'invalid-value', message: /1 point of P with ≥ 1 exact copy in Q \(ν = 0\)/ });
    const r = knnKl([0, 1, 1, 3], [0.5, 1.5, 2.5, 3.5], { duplicates: 'skip' });
    assert.deepEqual(r.duplicates, { policy: 'skip', zeroRho: 2, zeroNu: 0, skipped: 2 });
    // The kept points 0 (ρ = 1, ν = ½) and 3 (ρ = 2, ν = ½): ½·ln(⅛) + ln(4/3).
    checkClose('skip', 'P = [0, 1, 1, 3]', 0.5 * Math.log(1 / 8) + Math.log(4 / 3), r.value, 4e-16);
    // A duplicate pair is no longer a problem at k = 2.
    assert.equal(knnKl([0, 1, 1, 3], [0.5, 1.5, 2.5, 3.5], { k: 2 }).duplicates.zeroRho, 0);
    assert.throws(() => knnKl([1, 1], [2, 3], { duplicates: 'skip' }), { code: 'invalid-value', message: /no point is left/ });
    // In 2-D, a point repeated in P.
    assert.throws(() => knnKl([0, 0, 0, 0, 1, 1], [0.5, 0.5, 2, 2], { d: 2 }), { code: 'invalid-value', message: /2 points of P/ });
  });

  it('errors: shapes, sizes, parameters, non-finite values', () => {
    assert.throws(() => knnKl([], [1]), { code: 'empty-input', location: { array: 'P' } });
    assert.throws(() => knnKl([1, 2, 3], [1, 2], { d: 2 }), { code: 'length-mismatch', message: 'P has 3 values, not a whole number of points of dimension 2' });
    assert.throws(() => knnKl([1, 2], [1, 2], { k: 2 }), { code: 'invalid-parameter', message: /P has 2 points: the k-NN estimate needs at least k \+ 1 = 3/ });
    assert.throws(() => knnKl([1, 2, 3], [1], { k: 2 }), { code: 'invalid-parameter', location: { array: 'Q' } });
    for (const k of [0, 1.5, NaN]) assert.throws(() => knnKl([1, 2], [1], { k }), { code: 'invalid-parameter', location: { array: 'k' } });
    assert.throws(() => knnKl([1, 2], [1], { d: 0 }), { code: 'invalid-parameter', location: { array: 'd' } });
    assert.throws(() => knnKl([1, 2], [1], { duplicates: 'jitter' as never }), { code: 'invalid-parameter' });
    assert.throws(() => knnKl([0, 1, 2, NaN], [1, 2], { d: 2 }), { code: 'invalid-value', message: 'P[1][1] is NaN: sample values must be finite' });
    assert.throws(() => knnKl([0, 0, 1e200, 0, 2e200, 0], [1e200, 1], { d: 2 }), { code: 'invalid-value', message: /squared distances .* overflow/ });
  });

  describe('properties (seeded)', () => {
    it('finite on distinct points, in 1 to 4 dimensions, for k = 1..3', () => {
      const setup = fc.record({ d: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 4, max: 60 }), m: fc.integer({ min: 3, max: 60 }), k: fc.integer({ min: 1, max: 3 }) });
      fc.assert(
        fc.property(setup, fc.integer(), ({ d, n, m, k }, seed) => {
          // Distinct points: a random walk with strictly positive steps in the first coordinate.
          let x = seed % 1000;
          const draw = (count: number, offset: number): number[] => {
            const out: number[] = [];
            for (let i = 0; i < count; i++) {
              x += 0.25 + ((i * 7919 + offset) % 13) / 13;
              out.push(x, ...Array.from({ length: d - 1 }, (_, c) => ((i * (c + 3) * 104729 + offset) % 97) / 9.7));
            }
            return out;
          };
          const r = knnKl(draw(n, 1), draw(m, 2), { d, k });
          return Number.isFinite(r.value) && r.duplicates.skipped === 0;
        }),
        { seed: 20240620, numRuns: 300 },
      );
    });

    it('the same answer in 1-D by sorting as by the k-d tree (d = 1 rows through the 2-D path with a zero column)', () => {
      const sample = fc.uniqueArray(fc.integer({ min: -10000, max: 10000 }), { minLength: 4, maxLength: 80 });
      fc.assert(
        fc.property(sample, sample, fc.integer({ min: 1, max: 3 }), (p, q0, k) => {
          const q = q0.map((v) => v + 0.5); // never equal to a point of P
          if (q.length < k) return true;
          const oneD = knnKl(p, q, { k }).value;
          const twoD = knnKl(p.flatMap((v) => [v, 0]), q.flatMap((v) => [v, 0]), { d: 2, k }).value;
          // The distances are the same; only the factor d differs: D − ln(m/(n−1)) = (d/n)·Σ ln(ν/ρ).
          const shift = Math.log(q.length / (p.length - 1));
          return Math.abs((oneD - shift) - (twoD - shift) / 2) <= 1e-12 * (1 + Math.abs(oneD));
        }),
        { seed: 20240621, numRuns: 200 },
      );
    });
  });
});
