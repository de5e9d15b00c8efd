import { strict as assert } from 'node:assert';
import { binLabel, binSums, cumulative, decimateIndices, ecdfPoints, histogram, orderContributions } from '../../../src/shared/binning';

describe('chart binning and decimation', () => {
  it('leaves short inputs alone', () => {
    assert.deepEqual(binSums([0.2, 0.3, 0.5], 200), { values: [0.2, 0.3, 0.5], starts: [0, 1, 2], binSize: 1, binned: false });
    assert.equal(binLabel(2, 1, 3), '2');
  });

  it('sums runs of ⌈n/maxBars⌉ values so the mass is kept', () => {
    const b = binSums([1, 2, 3, 4, 5, 6, 7], 3);
    assert.deepEqual(b, { values: [6, 15, 7], starts: [0, 3, 6], binSize: 3, binned: true });
    assert.deepEqual(b.starts.map((s) => binLabel(s, b.binSize, 7)), ['0–2', '3–5', '6–6']);
    const million = binSums(new Array(1_000_000).fill(1e-6), 200);
    assert.equal(million.values.length, 200);
    assert.equal(million.binSize, 5000);
    assert.ok(Math.abs(million.values.reduce((a, v) => a + v, 0) - 1) <= 1e-9);
  });

  it('cumulative sums, decimated to evenly spaced indices with the first and last', () => {
    assert.deepEqual(cumulative([0.25, 0.25, 0.5]), [0.25, 0.5, 1]);
    assert.deepEqual(decimateIndices(3, 10), [0, 1, 2]);
    assert.deepEqual(decimateIndices(11, 3), [0, 5, 10]);
    assert.deepEqual(decimateIndices(10, 4), [0, 3, 6, 9]);
  });

  it('orders contributions by index or by value, largest first', () => {
    assert.deepEqual(orderContributions([0.1, -0.2, 0.3], false), [
      { index: 0, value: 0.1 },
      { index: 1, value: -0.2 },
      { index: 2, value: 0.3 },
    ]);
    assert.deepEqual(orderContributions([0.1, -0.2, 0.3, 0.1], true).map((c) => c.index), [2, 0, 3, 1]);
  });

  it('histograms as fractions of the sample, last bin closed', () => {
    assert.deepEqual(histogram([0, 0.5, 1, 1.5, 2, 5], 0, 2, 2), { edges: [0, 1, 2], density: [2 / 6, 3 / 6] });
  });

  it('ECDF step points of a sorted sample', () => {
    assert.deepEqual(ecdfPoints([1, 2, 3, 4]), [
      { x: 1, y: 0.25 },
      { x: 2, y: 0.5 },
      { x: 3, y: 0.75 },
      { x: 4, y: 1 },
    ]);
    assert.equal(ecdfPoints(Array.from({ length: 5000 }, (_, i) => i), 100).length, 100);
  });
});
