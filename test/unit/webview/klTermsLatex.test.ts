import { strict as assert } from 'node:assert';
import { klSubstitutedLatex, logLatex } from '../../../webview/klTermsLatex';
import { sampleView } from '../shared/protocolFixtures';

describe('klSubstitutedLatex', () => {
  it('writes every term for a short input, then the total with its unit', () => {
    assert.equal(
      klSubstitutedLatex(sampleView),
      '\\begin{aligned} D_{\\mathrm{KL}}(P\\,\\|\\,Q) &= 0.36\\,\\ln\\frac{0.36}{0.3333} + 0.48\\,\\ln\\frac{0.48}{0.3333} + ' +
        '0.16\\,\\ln\\frac{0.16}{0.3333} \\\\ &= 0.0853\\ \\text{nats} \\end{aligned}',
    );
  });

  it('shows normalised values when the inputs were normalised', () => {
    const latex = klSubstitutedLatex({ ...sampleView, p: [2, 6], q: [1, 1], n: 2, normalized: true, sums: { p: 8, q: 2 } });
    assert.match(latex, /^\\begin\{aligned\} D_\{\\mathrm\{KL\}\}\(P\\,\\\|\\,Q\) &= 0\.25\\,\\ln\\frac\{0\.25\}\{0\.5\} \+ 0\.75\\,\\ln\\frac\{0\.75\}\{0\.5\}/);
  });

  it('keeps the six largest contributors of a long input, in index order, and counts the rest', () => {
    const n = 20;
    const p = Array.from({ length: n }, (_, i) => (i === 3 || i === 17 ? 0.2 : 0.6 / 18));
    const q = Array.from({ length: n }, () => 1 / n);
    const latex = klSubstitutedLatex({ ...sampleView, p, q, n });
    assert.equal((latex.match(/\\frac/g) ?? []).length, 6);
    assert.match(latex, /\\text\{14 more terms\}/);
    // Both 0.2 terms lead; ties among the rest keep index order (0, 1, 2, 4); shown in index order.
    const shownP = [...latex.matchAll(/([\d.]+)\\,\\ln/g)].map((m) => m[1]);
    assert.deepEqual(shownP, ['0.03333', '0.03333', '0.03333', '0.2', '0.03333', '0.2']);
  });

  it('writes infinities and tiny numbers as LaTeX', () => {
    const latex = klSubstitutedLatex({ ...sampleView, p: [0.5, 0.5], q: [1, 0], n: 2, value: Infinity });
    assert.match(latex, /\\frac\{0\.5\}\{0\} \\\\ &= \\infty\\ \\text\{nats\} \\end\{aligned\}$/);
    const tiny = klSubstitutedLatex({ ...sampleView, value: 1.5e-12 });
    assert.match(tiny, /&= 1\.5\\times 10\^\{-12\}\\ \\text\{nats\} \\end\{aligned\}$/);
    const long = klSubstitutedLatex({ ...sampleView, p: [0.1, 0.2, 0.3, 0.4], q: [0.25, 0.25, 0.25, 0.25], n: 4 });
    assert.match(long, /\\frac\{0\.3\}\{0\.25\} \\\\ &\\quad \+ 0\.4\\,\\ln/);
  });

  it('names the logarithm of the base', () => {
    assert.equal(logLatex(Math.E), '\\ln');
    assert.equal(logLatex(2), '\\log_{2}');
    assert.equal(logLatex(10), '\\log_{10}');
  });
});
