import { strict as assert } from 'node:assert';
import { klTerm } from '../../../src/core/klDivergence';
import { longInputSummary } from '../../../src/shared/measureTerms';
import { detailLines, substitutedLatex } from '../../../webview/termsLatex';
import { sampleView } from './protocolFixtures';

describe('measureTerms: long inputs summarised over all n values', () => {
  // P: 10^6 values, mass 0.5 at index 777777, the rest uniform; Q uniform.
  const n = 1_000_000;
  const p = new Array<number>(n).fill(0.5 / (n - 1));
  p[777_777] = 0.5;
  const q = new Array<number>(n).fill(1 / n);

  it('keeps the six largest contributors, largest first, over all n (not just the values sent)', () => {
    const s = longInputSummary(klTerm, p, q);
    assert.equal(s.top!.length, 6);
    assert.deepEqual(s.top![0], { index: 777_777, p: 0.5, q: 1e-6 });
    // The rest tie: index order.
    assert.deepEqual(s.top!.slice(1).map((t) => t.index), [0, 1, 2, 3, 4]);
  });

  it('bins probabilities and contributions over ⌈n/200⌉ indices, keeping the mass and the KL sum', () => {
    const s = longInputSummary(klTerm, p, q);
    const b = s.bins!;
    assert.equal(b.binSize, 5000);
    assert.equal(b.p.length, 200);
    assert.ok(Math.abs(b.p.reduce((a, v) => a + v, 0) - 1) <= 1e-9);
    assert.ok(Math.abs(b.q!.reduce((a, v) => a + v, 0) - 1) <= 1e-9);
    // KL = 0.5 ln(0.5·10^6) + 0.5 ln(0.5·10^6/(10^6 − 1)) (exact sum of the two kinds of terms), rel. 1e-9.
    const want = 0.5 * Math.log(0.5e6) + 0.5 * Math.log(0.5e6 / (n - 1));
    const got = b.terms.reduce((a, v) => a + v, 0);
    assert.ok(Math.abs(got - want) <= 1e-9 * want, `${got} vs ${want}`);
    assert.equal(b.infinite, 0);
  });

  it('the formula and the notes use them when n exceeds the values sent', () => {
    const s = longInputSummary(klTerm, p, q);
    const view = { ...sampleView, p: p.slice(0, 1000), q: q.slice(0, 1000), n, ...s };
    const latex = substitutedLatex(view);
    assert.match(latex, /0\.5\\,\\ln\\frac\{0\.5\}\{1\\times 10\^\{-6\}\}/);
    assert.match(latex, /\\text\{999994 more terms\}/);
    assert.equal(
      detailLines(view)[0],
      'From distributions.py, lines 6-7; n = 1000000 (the formula writes the 6 largest terms of all 1000000; the charts draw all 1000000 values in bins of 5000).',
    );
  });

  it('counts infinite terms apart', () => {
    const s = longInputSummary(klTerm, [0.5, 0.5], [1, 0]);
    assert.equal(s.bins!.infinite, 1);
    assert.deepEqual(s.bins!.terms, [0.5 * Math.log(0.5), 0]);
  });
});
