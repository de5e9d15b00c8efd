import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { histogramBinEdges, histogramCounts, MAX_BINS } from '../../../src/core/histogram';
import { describeSample, expandSample, loadSampleFixtures } from './samplesFixtures';

describe('histogram (numpy.histogram_bin_edges / numpy.histogram)', () => {
  describe('edges and counts against NumPy on the pooled samples of the histogram-KL fixtures', () => {
    for (const c of loadSampleFixtures().histKl) {
      it(`${c.name} (bins ${c.bins})`, () => {
        const p = expandSample(c.p);
        const q = expandSample(c.q);
        const pooled = Float64Array.from([...p, ...q]);
        const e = histogramBinEdges(pooled, c.bins);
        const inputs = `P = ${describeSample(c.p, p)}, Q = ${describeSample(c.q, q)}`;
        assert.equal(e.count, c.binCount, `${c.name}: number of bins for ${inputs}`);
        assert.equal(e.edges[0], c.firstEdge);
        assert.equal(e.edges[e.count], c.lastEdge);
        assert.deepEqual(Array.from(histogramCounts(p, e.edges)), c.countsP, `${c.name}: counts of P`);
        assert.deepEqual(Array.from(histogramCounts(q, e.edges)), c.countsQ, `${c.name}: counts of Q`);
      });
    }
  });

  it('rules: names, widths and degenerate ranges', () => {
    assert.deepEqual(Array.from(histogramBinEdges([0, 1, 2, 3, 4, 5, 6, 7], 'sturges').edges), [0, 1.75, 3.5, 5.25, 7]);
    assert.equal(histogramBinEdges([0, 1, 2, 3, 4, 5, 6, 7], 'sturges').rule, 'sturges');
    assert.deepEqual(histogramBinEdges([2, 2, 2], 3), { rule: 'count', count: 3, edges: Float64Array.of(1.5, 1.8333333333333333, 2.1666666666666665, 2.5) });
    // FD with IQR = 0: one bin.
    assert.equal(histogramBinEdges([1, 1, 1, 1, 1, 9], 'fd').count, 1);
  });

  it('counts: half-open bins, the last one closed, values outside not counted', () => {
    assert.deepEqual(Array.from(histogramCounts([0, 1, 1, 2], Float64Array.of(0, 1, 2))), [1, 3]);
    assert.deepEqual(Array.from(histogramCounts([-1, 0.5, 3], Float64Array.of(0, 1, 2))), [1, 0]);
  });

  it('errors: empty, non-finite, bad bin counts, too many bins', () => {
    assert.throws(() => histogramBinEdges([], 'fd'), { code: 'empty-input' });
    assert.throws(() => histogramBinEdges([1, NaN], 'fd'), { code: 'invalid-value', location: { index: 1 } });
    for (const bad of [0, -3, 2.5, NaN]) assert.throws(() => histogramBinEdges([1, 2], bad), { code: 'invalid-parameter', location: { array: 'bins' } });
    assert.throws(() => histogramBinEdges([1, 2], 'auto' as never), { code: 'invalid-parameter' });
    assert.throws(() => histogramBinEdges([1, 2], MAX_BINS + 1), { code: 'invalid-parameter' });
    // An outlier far from a tight cluster: FD asks for ~1e9 bins.
    const data = [...Array.from({ length: 100 }, (_, i) => i * 1e-6), 1e3];
    assert.throws(() => histogramBinEdges(data, 'fd'), { code: 'invalid-parameter', message: /the 'fd' rule gives \d+ bins/ });
    assert.throws(() => histogramBinEdges([1, 1 + 2e-16], 1000), { code: 'invalid-parameter', message: /too narrow/ });
  });

  it('every value is counted once, edges increase from min to max (seeded)', () => {
    const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 });
    const rule = fc.oneof(fc.constant('fd' as const), fc.constant('sturges' as const), fc.integer({ min: 1, max: 50 }));
    fc.assert(
      fc.property(sample, rule, (x, bins) => {
        let binned;
        try {
          binned = histogramBinEdges(x, bins);
        } catch (e) {
          // A rule may ask for more than MAX_BINS bins (a cluster and an outlier): an error that says so.
          return (e as { code?: string }).code === 'invalid-parameter' && /rule gives \S+ bins/.test((e as Error).message);
        }
        const { edges, count } = binned;
        const total = histogramCounts(x, edges).reduce((s, c) => s + c, 0);
        let increasing = true;
        for (let i = 0; i < count; i++) increasing &&= edges[i]! < edges[i + 1]!;
        return total === x.length && increasing && edges[0] <= Math.min(...x) && edges[count] >= Math.max(...x);
      }),
      { seed: 20240618, numRuns: 300 },
    );
  });
});
