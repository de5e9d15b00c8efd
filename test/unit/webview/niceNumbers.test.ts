import { strict as assert } from 'node:assert';
import { niceBins, niceEdgeLabel, niceNumber } from '../../../webview/niceNumbers';

describe('nice numbers for axes', () => {
  it('rounds to 1, 2 or 5 times a power of ten', () => {
    assert.deepEqual([0.0081, 0.14, 0.27, 0.6, 0.8, 3.2, 74].map((x) => niceNumber(x, true)), [0.01, 0.1, 0.2, 0.5, 1, 5, 100]);
    assert.deepEqual([0.14, 1, 2.1, 5, 5.1].map((x) => niceNumber(x, false)), [0.2, 1, 5, 5, 10]);
  });

  it('bins a histogram of -0.695 … 2.51 on edges -0.7, -0.6, … 2.6 (the labels were -0.695, 2.51)', () => {
    const bins = niceBins(-0.695, 2.51, 40);
    assert.equal(bins.step, 0.1);
    assert.equal(bins.decimals, 1);
    assert.equal(bins.count, 33);
    const labels = Array.from({ length: bins.count + 1 }, (_, k) => niceEdgeLabel(bins, k));
    assert.equal(labels[0], '-0.7');
    assert.equal(labels[7], '0');
    assert.equal(labels[8], '0.1');
    assert.equal(labels.at(-1), '2.6');
    for (const label of labels) assert.match(label, /^-?\d+(\.\d)?$/);
    assert.ok(bins.lo <= -0.695 && bins.lo + bins.count * bins.step >= 2.51);
  });

  it('steps of 2 and 5 keep their decimals; large and single values', () => {
    const b = niceBins(0.013, 0.37, 40);
    assert.equal(b.step, 0.01);
    assert.equal(niceEdgeLabel(b, 0), '0.01');
    const wide = niceBins(-130, 2400, 40);
    assert.equal(wide.step, 50);
    assert.equal(niceEdgeLabel(wide, 0), '-150');
    const one = niceBins(3, 3, 40);
    assert.ok(one.count >= 1 && one.lo <= 3 && one.lo + one.count * one.step >= 3);
  });
});
