/**
 * Normalised measures of subnormal inputs (src/core): scaled exactly into the normal range before computing,
 * they equal the measures of the same distributions at scale 1 (see subnormalCases.ts for the values).
 */
import { strict as assert } from 'node:assert';
import { CORE_MEASURE_FUNCTIONS, klDivergence } from '../../../src/core';
import { checkSubnormalCases, Q, times } from './subnormalCases';

describe('subnormal inputs (TS reference)', () => {
  it('every measure gives at P·2^k, Q·2^k (k down to -1074) what it gives at scale 1', () => {
    const { entropy, klDivergence, crossEntropy, renyi, ...pairs } = CORE_MEASURE_FUNCTIONS;
    const renyiHalf = (p: number[], q: number[]) => renyi(p, q, { alpha: 0.5 });
    checkSubnormalCases({ entropy, klDivergence, crossEntropy, others: { ...pairs, renyiHalf, renyi2: (p, q) => renyi(p, q, { alpha: 2 }) } });
  });

  it('raw values (normalize: false) are not rescaled: Σ p ln(p/q) of the values as given', () => {
    // P = Q·2^-1: the raw D = Σ p_i·(-ln 2) = -ln 2·Σp, here at 2^-1000 (normal terms).
    const q = times(Q, -999);
    const p = times(Q, -1000);
    const raw = klDivergence(p, q, { normalize: false });
    const expected = -Math.LN2 * 10 * 2 ** -1000;
    assert.ok(Math.abs(raw.value - expected) <= 4 * 2 ** -53 * Math.abs(expected), String(raw.value));
    assert.equal(klDivergence(p, q).value, 0);
  });
});
