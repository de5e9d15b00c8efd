import { strict as assert } from 'node:assert';
import {
  allMeasures,
  bhattacharyya,
  crossEntropy,
  DEFAULT_RENYI_ORDERS,
  entropy,
  hellinger,
  jeffreys,
  jsDistance,
  jsDivergence,
  klDivergence,
  renyi,
  totalVariation,
  type MeasureOptions,
} from '../../../src/core';

describe('allMeasures', () => {
  const cases: [string, number[], number[], MeasureOptions][] = [
    ['probabilities, nats', [0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3], {}],
    ['counts, bits', [3, 1, 0, 6], [2, 2, 1, 5], { base: 2 }],
    ['counts, raw, base 3.5', [3, 1, 0, 6], [2, 2, 1, 5], { base: 3.5, normalize: false }],
    ['logits', [1, 2, 3, -4], [0.5, 2.5, 2, 0], { input: 'logits' }],
    ['log-probabilities with a zero in Q', [Math.log(0.5), Math.log(0.5)], [0, -Infinity], { input: 'log' }],
  ];
  for (const [name, p, q, options] of cases) {
    it(`gives each measure exactly as its own function does: ${name}`, () => {
      const all = allMeasures(p, q, options);
      assert.deepEqual(all, {
        entropyP: entropy(p, options),
        entropyQ: entropy(q, options),
        crossEntropy: crossEntropy(p, q, options),
        kl: klDivergence(p, q, options),
        jeffreys: jeffreys(p, q, options),
        js: jsDivergence(p, q, options),
        jsDistance: jsDistance(p, q, options),
        tv: totalVariation(p, q, options),
        hellinger: hellinger(p, q, options),
        bhattacharyya: bhattacharyya(p, q, options),
        renyi: DEFAULT_RENYI_ORDERS.map((alpha) => renyi(p, q, { ...options, alpha })),
      });
    });
  }

  it('takes the Rényi orders to report', () => {
    const all = allMeasures([0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3], { renyiOrders: [1, 3] });
    assert.deepEqual(
      all.renyi.map((r) => r.alpha),
      [1, 3],
    );
    assert.deepEqual(DEFAULT_RENYI_ORDERS, [0.5, 2, Infinity]);
  });

  it('checks everything before computing: options, then values (P before Q), then zero sums', () => {
    assert.throws(() => allMeasures([1], [1], { renyiOrders: [2, 0] }), { code: 'invalid-parameter', location: { array: 'alpha' } });
    assert.throws(() => allMeasures([1], [1], { base: 1 }), { code: 'invalid-parameter' });
    assert.throws(() => allMeasures([1, 2], [1]), { code: 'length-mismatch', message: 'P has 2 values and Q has 1' });
    assert.throws(() => allMeasures([1, NaN], [-1, 1]), { code: 'invalid-value', location: { array: 'Q', index: 0 } });
    assert.throws(() => allMeasures([1, 1], [0, 0]), { code: 'zero-sum', location: { array: 'Q' } });
    assert.throws(() => allMeasures([0, 0], [0, 0]), { code: 'zero-sum', location: { array: 'P' } });
  });
});
