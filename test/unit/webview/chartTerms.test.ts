import { strict as assert } from 'node:assert';
import { MEASURES } from '../../../src/core/measures';
import { cdfScales, cdfSteps } from '../../../webview/cdfSteps';
import { termsInResultUnit, termSymbolLatex } from '../../../webview/termsLatex';

describe("the contribution chart's heading and unit come from the registry", () => {
  it("names each measure's own summand (JS's is not p log(p/q))", () => {
    const heading = (measure: (typeof MEASURES)[number]['id'], base = Math.E, alpha?: number) => termSymbolLatex({ measure, base, alpha });
    assert.equal(heading('kl'), 'p\\,\\ln\\frac{p}{q}');
    assert.equal(heading('kl', 2), 'p\\,\\log_{2}\\frac{p}{q}');
    assert.equal(heading('reverse-kl'), 'q\\,\\ln\\frac{q}{p}');
    assert.equal(heading('entropy'), 'p\\,\\ln\\frac{1}{p}');
    assert.equal(heading('js'), '\\tfrac12\\big(p\\,\\ln\\frac{p}{m} + q\\,\\ln\\frac{q}{m}\\big)');
    assert.equal(heading('tv'), '\\tfrac12\\lvert p - q \\rvert');
    assert.equal(heading('hellinger'), '\\sqrt{p \\cdot q}');
    assert.equal(heading('renyi', Math.E, 2), 'p^{2}\\,q^{-1}');
    // The JS distance's terms are JSD's summands in nats (not in its unit, sqrt(bits)).
    assert.equal(heading('js-distance', 2), heading('js'));
  });

  it('draws in the result\'s unit exactly the measures whose terms are logarithms summed to the result', () => {
    const inUnit = MEASURES.filter((d) => termsInResultUnit({ measure: d.id })).map((d) => d.id);
    assert.deepEqual(inUnit.sort(), ['cross-entropy', 'entropy', 'jeffreys', 'js', 'kl', 'reverse-kl']);
  });
});

describe('the cumulative chart', () => {
  it('gives the last step the width of the others and starts the y-axis at 0', () => {
    assert.deepEqual(cdfSteps([0.36, 0.84, 1], 1, 3), [
      { x: 0, y: 0.36 },
      { x: 1, y: 0.84 },
      { x: 2, y: 1 },
      { x: 3, y: 1 },
    ]);
    assert.deepEqual(cdfSteps([0.5, 1], 10, 17).map((p) => p.x), [0, 10, 17]);
    assert.deepEqual(cdfSteps([], 1, 0), []);
    const scales = cdfScales(3);
    assert.equal(scales.y.min, 0);
    assert.deepEqual([scales.x.min, scales.x.max], [0, 3]);
  });
});
