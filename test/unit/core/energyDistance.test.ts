import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { ENERGY_DISTANCE_FORMULA_LATEX, energyDistance } from '../../../src/core/energyDistance';
import { checkClose, describeSample, expandSample, loadSampleFixtures } from './samplesFixtures';

describe('energyDistance (1-D energy distance)', () => {
  describe('against scipy.stats.energy_distance', () => {
    for (const c of loadSampleFixtures().energy) {
      it(`${c.name}${c.pWeights || c.qWeights ? ' (weighted)' : ''}`, () => {
        const p = expandSample(c.p);
        const q = expandSample(c.q);
        const pWeights = c.pWeights ? expandSample(c.pWeights) : undefined;
        const qWeights = c.qWeights ? expandSample(c.qWeights) : undefined;
        const r = energyDistance(p, q, { pWeights, qWeights });
        checkClose(c.name, `P = ${describeSample(c.p, p)}, Q = ${describeSample(c.q, q)}`, c.value, r.value, c.rtol, c.atol);
      });
    }
  });

  it('reports a distance: the square root, √2·(∫(F_P − F_Q)²)^½', () => {
    assert.deepEqual(energyDistance([0], [2]), { measure: 'energy', kind: 'distance', value: 2.0000000000000004, weighted: false, n: 1, m: 1 });
    assert.ok(ENERGY_DISTANCE_FORMULA_LATEX.startsWith('D_E'));
  });

  it('errors as wasserstein: empty, non-finite, bad weights', () => {
    assert.throws(() => energyDistance([1], []), { code: 'empty-input', location: { array: 'Q' } });
    assert.throws(() => energyDistance([1], [2], { qWeights: [1, 2] }), { code: 'length-mismatch', message: 'Q has 1 value and 2 weights' });
    assert.throws(() => energyDistance([1], [2], { qWeights: [0] }), { code: 'zero-sum' });
  });

  it('energy² = 2E|X−Y| − E|X−X′| − E|Y−Y′| (the definition, summed over all pairs) (seeded)', () => {
    const sample = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(sample, sample, (p, q) => {
        const mean = (a: number[], b: number[]): number => a.reduce((s, x) => s + b.reduce((t, y) => t + Math.abs(x - y), 0), 0) / (a.length * b.length);
        const squared = 2 * mean(p, q) - mean(p, p) - mean(q, q);
        const v = energyDistance(p, q).value;
        return v >= 0 && Math.abs(v * v - squared) <= 1e-12 * Math.max(1, squared) + 1e-12;
      }),
      { seed: 20240616, numRuns: 300 },
    );
  });

  it('≥ 0 and symmetric (seeded)', () => {
    const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 });
    fc.assert(
      fc.property(sample, sample, (p, q) => {
        const a = energyDistance(p, q).value;
        return a >= 0 && a === energyDistance(q, p).value;
      }),
      { seed: 20240617, numRuns: 300 },
    );
  });
});
