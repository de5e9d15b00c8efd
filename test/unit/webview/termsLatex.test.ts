import { strict as assert } from 'node:assert';
import { asProbabilities, detailLines, measureLabel, rowResultView, selectTerms, substitutedLatex, termsOf } from '../../../webview/termsLatex';
import type { DiscreteResultView } from '../../../src/shared/protocol';
import { entropyView, sampleTable, sampleView } from '../shared/protocolFixtures';

const pair = (measure: DiscreteResultView['measure'], extra: Partial<DiscreteResultView> = {}): DiscreteResultView => ({
  ...sampleView,
  measure,
  pinskerTvBound: undefined,
  ...extra,
});

describe('substitutedLatex: every measure with the user\'s numbers', () => {
  it('reverse KL swaps the roles of P and Q', () => {
    assert.equal(
      substitutedLatex(pair('reverse-kl', { value: 0.09745500678538754 })),
      '\\begin{aligned} D_{\\mathrm{KL}}(Q\\,\\|\\,P) &= 0.3333\\,\\ln\\frac{0.3333}{0.36} + 0.3333\\,\\ln\\frac{0.3333}{0.48} + ' +
        '0.3333\\,\\ln\\frac{0.3333}{0.16} \\\\ &= 0.09746\\ \\text{nats} \\end{aligned}',
    );
  });

  it('entropy writes p log(1/p) for one array', () => {
    assert.equal(
      substitutedLatex(entropyView),
      '\\begin{aligned} H(P) &= 0.36\\,\\ln\\frac{1}{0.36} + 0.48\\,\\ln\\frac{1}{0.48} + 0.16\\,\\ln\\frac{1}{0.16} \\\\ &= 1.013\\ \\text{nats} \\end{aligned}',
    );
  });

  it('cross-entropy writes p log(1/q)', () => {
    assert.match(substitutedLatex(pair('cross-entropy', { value: 1.0986122886681098 })), /^\\begin\{aligned\} H\(P, Q\) &= 0\.36\\,\\ln\\frac\{1\}\{0\.3333\} \+ /);
  });

  it('Jensen-Shannon writes one term a line with the mixture m = (p + q)/2', () => {
    assert.equal(
      substitutedLatex(pair('js', { value: 0.02251882484855498 })),
      '\\begin{aligned} \\mathrm{JSD}(P\\,\\|\\,Q) &= \\tfrac12\\big(0.36\\,\\ln\\frac{0.36}{0.3467} + 0.3333\\,\\ln\\frac{0.3333}{0.3467}\\big) \\\\ ' +
        '&\\quad + \\tfrac12\\big(0.48\\,\\ln\\frac{0.48}{0.4067} + 0.3333\\,\\ln\\frac{0.3333}{0.4067}\\big) \\\\ ' +
        '&\\quad + \\tfrac12\\big(0.16\\,\\ln\\frac{0.16}{0.2467} + 0.3333\\,\\ln\\frac{0.3333}{0.2467}\\big) \\\\ &= 0.02252\\ \\text{nats} \\end{aligned}',
    );
  });

  it('total variation has no unit', () => {
    assert.equal(
      substitutedLatex(pair('tv', { value: 0.17333333333333334, unit: '' })),
      '\\begin{aligned} \\delta(P, Q) &= \\tfrac12\\lvert 0.36 - 0.3333 \\rvert + \\tfrac12\\lvert 0.48 - 0.3333 \\rvert + ' +
        '\\tfrac12\\lvert 0.16 - 0.3333 \\rvert \\\\ &= 0.1733 \\end{aligned}',
    );
  });

  it('Hellinger and Bhattacharyya write the coefficient BC, then the function of it', () => {
    assert.equal(
      substitutedLatex(pair('hellinger', { value: 0.10494, unit: '' })),
      '\\begin{aligned} \\mathrm{BC} &= \\sqrt{0.36 \\cdot 0.3333} + \\sqrt{0.48 \\cdot 0.3333} + \\sqrt{0.16 \\cdot 0.3333} \\\\ ' +
        'H(P, Q) &= \\sqrt{1 - \\mathrm{BC}} = 0.1049 \\end{aligned}',
    );
    assert.match(substitutedLatex(pair('bhattacharyya', { base: 2, unit: 'bits' })), /D_B\(P, Q\) &= -\\log_\{2\}\\mathrm\{BC\} = 0\.0853\\ \\text\{bits\} \\end\{aligned\}$/);
  });

  it('Rényi writes its order, and the maximum ratio for order ∞', () => {
    assert.equal(
      substitutedLatex(pair('renyi', { alpha: 2 })),
      '\\begin{aligned} S_{2} &= 0.36^{2}\\,0.3333^{-1} + 0.48^{2}\\,0.3333^{-1} + 0.16^{2}\\,0.3333^{-1} \\\\ ' +
        'D_{2}(P\\,\\|\\,Q) &= \\frac{1}{2 - 1}\\,\\ln S_{2} = 0.0853\\ \\text{nats} \\end{aligned}',
    );
    assert.equal(
      substitutedLatex(pair('renyi', { alpha: Infinity })),
      '\\begin{aligned} M &= \\max\\big(\\frac{0.36}{0.3333},\\ \\frac{0.48}{0.3333},\\ \\frac{0.16}{0.3333}\\big) \\\\ ' +
        'D_{\\infty}(P\\,\\|\\,Q) &= \\ln M = 0.0853\\ \\text{nats} \\end{aligned}',
    );
  });

  it('Jeffreys and JS distance', () => {
    assert.match(substitutedLatex(pair('jeffreys')), /^\\begin\{aligned\} J\(P, Q\) &= \(0\.36 - 0\.3333\)\\,\\ln\\frac\{0\.36\}\{0\.3333\} \+ \(0\.48 - 0\.3333\)/);
    assert.match(substitutedLatex(pair('js-distance')), /\\\\ d_\{\\mathrm\{JS\}\}\(P, Q\) &= \\sqrt\{\\mathrm\{JSD\}\} = 0\.0853\\ \\text\{nats\} \\end\{aligned\}$/);
  });

  it('a long input shows the six largest contributions and counts the rest', () => {
    const n = 100;
    const p = Array.from({ length: n }, (_, i) => (i === 50 ? 0.5 : 0.5 / 99));
    const latex = substitutedLatex(pair('entropy', { p, q: undefined, n, sums: { p: 1 } }));
    assert.equal((latex.match(/\\frac/g) ?? []).length, 6);
    assert.match(latex, /\\cdots\\;\(\\text\{94 more terms\}\)/);
    assert.match(latex, /0\.5\\,\\ln\\frac\{1\}\{0\.5\}/);
  });
});

describe('selectTerms', () => {
  it('keeps all terms for n ≤ 12, else the largest six by magnitude, ties in index order', () => {
    const terms = [3, -9, 1, 0, 8, 2, 7, -7, 5].map((contribution, index) => ({ index, p: 0, q: 0, contribution }));
    assert.deepEqual(selectTerms(terms, 9).shown.map((t) => t.index), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const sel = selectTerms(terms, 20);
    assert.deepEqual(sel.shown.map((t) => t.index), [0, 1, 4, 6, 7, 8]);
    assert.equal(sel.hidden, 14);
  });
});

describe('asProbabilities and termsOf', () => {
  it('normalises by the original sums, exponentiates log input, softmaxes logits', () => {
    assert.deepEqual(asProbabilities([2, 6], undefined, 8, true), [0.25, 0.75]);
    assert.deepEqual(asProbabilities([2, 6], undefined, 8, false), [2, 6]);
    const fromLogs = asProbabilities([Math.log(0.25), Math.log(0.75)], 'log', 1, false);
    assert.ok(Math.abs(fromLogs[0]! - 0.25) <= 1e-15 && Math.abs(fromLogs[1]! - 0.75) <= 1e-15);
    const softmax = asProbabilities([0, Math.log(3)], 'logits', 1, false);
    assert.ok(Math.abs(softmax[0]! - 0.25) <= 1e-15 && Math.abs(softmax[1]! - 0.75) <= 1e-15);
  });

  it('KL contributions sum to the KL value (SciPy rel_entr: 0.08529960131837057, rel. 1e-15)', () => {
    const total = termsOf(sampleView).reduce((s, t) => s + t.contribution, 0);
    assert.ok(Math.abs(total - 0.08529960131837057) <= 1e-15 * 0.0853, String(total));
  });
});

describe('detailLines', () => {
  it('states source, normalisation, unit, Pinsker and backend for KL', () => {
    assert.deepEqual(detailLines(sampleView), [
      'From distributions.py, lines 6-7; n = 3.',
      'P and Q were used as given (each sums to 1).',
      'Unit: nats (logarithms to base e).',
      "Pinsker's inequality: TV(P, Q) ≤ √(D/2) = 0.2065 (D in nats).",
      'Computed by the TypeScript backend.',
    ]);
  });

  it('gives the original sums when normalised, and says how logs and logits became probabilities', () => {
    assert.deepEqual(detailLines({ ...entropyView, normalized: true, sums: { p: 2 } }).slice(1, 2), ['P was normalised to sum to 1 (it summed to 2).']);
    assert.deepEqual(detailLines({ ...sampleView, normalized: true, sums: { p: 8, q: 2 }, backend: 'wasm' }).slice(1, 2), [
      'P and Q were normalised to sum to 1 (P summed to 8, Q to 2).',
    ]);
    assert.equal(detailLines({ ...sampleView, input: 'log' })[1], 'The numbers were read as natural logarithms of probabilities: p_i = exp(x_i).');
    const logits = detailLines({ ...sampleView, input: 'logits', base: 2, unit: 'bits' });
    assert.equal(logits[1], 'The numbers were read as logits and turned into probabilities by softmax: p_i = exp(x_i) / Σ_j exp(x_j).');
    assert.equal(logits[2], 'Unit: bits (logarithms to base 2).');
    assert.equal(detailLines(pair('tv', { unit: '' }))[2], 'No unit: a number between 0 and 1 for distributions.');
    assert.equal(detailLines({ ...sampleView, n: 5000 })[0], 'From distributions.py, lines 6-7; n = 5000 (the first 3 values were sent to the panel).');
  });
});

describe('rowResultView and labels', () => {
  it('turns a table row into the formula view of its measure', () => {
    const renyi = rowResultView(sampleTable, sampleTable.rows[1]!);
    assert.equal(renyi.measure, 'renyi');
    assert.equal(renyi.alpha, 2);
    assert.deepEqual(renyi.q, sampleTable.q);
    assert.equal(measureLabel(renyi), 'D_2(P‖Q)');
    const hq = rowResultView(sampleTable, { measure: 'entropy', label: 'H(Q)', name: 'Entropy of Q', value: 1.0986, unit: 'nats', formulaLatex: 'H', ofQ: true });
    assert.deepEqual(hq.p, sampleTable.q);
    assert.equal(hq.q, undefined);
    assert.deepEqual(hq.sums, { p: 1 });
  });
});
