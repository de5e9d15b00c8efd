import { strict as assert } from 'node:assert';
import { arraySummaryMarkdown } from '../../../src/shared/arraySummary';

describe('arraySummaryMarkdown (the hover text)', () => {
  it('a distribution: size, sum, range and its entropy in the unit and in bits', () => {
    // H([0.36, 0.48, 0.16]) = 1.0133126873497391 nats = 1.4619011889093374 bits (scipy.stats.entropy)
    const md = arraySummaryMarkdown(
      { n: 3, sum: 1, min: 0.16, max: 0.48, shape: [3], entropy: { value: 1.0133126873497391, unit: 'nats', bits: 1.4619011889093374, normalized: false } },
      4,
    );
    assert.equal(md, '**Divergence Lens** · 3 values\n\nsum 1 · min 0.16 · max 0.48\n\nH(P) = **1.013 nats** (1.462 bits)');
  });

  it('says when it normalised, and writes bits once when the unit is bits', () => {
    const md = arraySummaryMarkdown(
      { n: 4, sum: 100, min: 12, max: 41, shape: [4], entropy: { value: 1.9, unit: 'bits', bits: 1.9, normalized: true } },
      4,
    );
    assert.match(md, /H\(P\) = \*\*1\.9 bits\*\* · normalised from its sum$/);
  });

  it('a matrix, a non-distribution, a pinned reference and a truncated literal', () => {
    const md = arraySummaryMarkdown(
      {
        n: 6,
        sum: -1,
        min: -2,
        max: 1,
        shape: [2, 3],
        notDistribution: 'P[1] is -2',
        vsPinned: { kl: 0.5, reverseKl: 0.25, js: 0.1, unit: 'nats' },
        truncated: true,
      },
      3,
    );
    assert.match(md, /^\*\*Divergence Lens\*\* · 2 × 3 values/);
    assert.match(md, /Not a distribution: P\[1\] is -2\./);
    assert.match(md, /vs pinned Q: D\(P‖Q\) = 0\.5 · D\(Q‖P\) = 0\.25 · JS = 0\.1 nats/);
    assert.match(md, /hover limit/);
  });
});
