import { strict as assert } from 'node:assert';
import { HISTOGRAM_KL_FORMULA_LATEX, histogramKl } from '../../../src/core/histogramKl';
import { checkClose, describeSample, expandSample, jsonNumber, loadSampleFixtures } from './samplesFixtures';

describe('histogramKl (plug-in KL estimate on shared bins)', () => {
  describe('against scipy.stats.entropy of numpy.histogram counts on numpy.histogram_bin_edges of the pooled sample', () => {
    for (const c of loadSampleFixtures().histKl) {
      it(`${c.name} (bins ${c.bins}${c.smoothing ? `, smoothing ${c.smoothing}` : ''}${c.base !== 'e' ? `, base ${c.base}` : ''})`, () => {
        const p = expandSample(c.p);
        const q = expandSample(c.q);
        const r = histogramKl(p, q, { bins: c.bins, smoothing: c.smoothing, base: c.base });
        checkClose(c.name, `P = ${describeSample(c.p, p)}, Q = ${describeSample(c.q, q)}`, jsonNumber(c.value), r.value, c.rtol);
        assert.equal(r.bins.count, c.binCount);
        assert.equal(r.bins.rule, typeof c.bins === 'number' ? 'count' : c.bins);
        assert.equal(r.smoothing, c.smoothing ?? null);
        const withoutQ = c.countsP.filter((v, k) => v > 0 && c.countsQ[k] === 0).length;
        assert.equal(r.binsWithoutQ, withoutQ);
        if (!c.smoothing) assert.equal(r.value === Infinity, withoutQ > 0);
      });
    }
  });

  it('reports an estimate with its bins, counts and smoothing', () => {
    const r = histogramKl([0, 1, 2, 3], [2, 3, 4, 5], { bins: 2 });
    assert.equal(r.measure, 'hist-kl');
    assert.equal(r.kind, 'estimate');
    assert.equal(r.unit, 'nats');
    assert.deepEqual(Array.from(r.bins.edges), [0, 2.5, 5]);
    assert.deepEqual(Array.from(r.counts.p), [3, 1]);
    assert.deepEqual(Array.from(r.counts.q), [1, 3]);
    checkClose('value', '(3/4)ln 3 + (1/4)ln(1/3) = ½ ln 3', 0.5 * Math.log(3), r.value, 4e-16);
    assert.equal(r.smoothing, null);
    assert.equal(histogramKl([0, 1, 2, 3], [2, 3, 4, 5]).bins.rule, 'fd'); // the default
    assert.ok(HISTOGRAM_KL_FORMULA_LATEX.includes('\\alpha'));
  });

  it('a bin with P but no Q gives +Infinity and says how many; smoothing makes it finite and is reported', () => {
    const r = histogramKl([0, 0, 10], [0, 0, 0.5], { bins: 2 });
    assert.equal(r.value, Infinity);
    assert.equal(r.binsWithoutQ, 1);
    const s = histogramKl([0, 0, 10], [0, 0, 0.5], { bins: 2, smoothing: 0.5 });
    assert.equal(s.smoothing, 0.5);
    assert.equal(s.binsWithoutQ, 1);
    // p̂ = (2.5, 1.5)/4, q̂ = (3.5, 0.5)/4.
    checkClose('smoothed', 'p̂ = [5/8, 3/8], q̂ = [7/8, 1/8]', (5 / 8) * Math.log(5 / 7) + (3 / 8) * Math.log(3), s.value, 1e-15);
  });

  it('errors: empty or non-finite samples, bad smoothing, bad bins, bad base', () => {
    assert.throws(() => histogramKl([], [1]), { code: 'empty-input', location: { array: 'P' } });
    assert.throws(() => histogramKl([1], [Infinity]), { code: 'invalid-value', location: { array: 'Q', index: 0 } });
    for (const bad of [0, -1, NaN, Infinity]) {
      assert.throws(() => histogramKl([1], [2], { smoothing: bad }), { code: 'invalid-parameter', location: { array: 'smoothing' } });
    }
    assert.throws(() => histogramKl([1], [2], { bins: 0 }), { code: 'invalid-parameter', location: { array: 'bins' } });
    assert.throws(() => histogramKl([1], [2], { base: 1 }), { code: 'invalid-parameter' });
  });
});
