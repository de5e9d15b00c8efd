/**
 * Subnormal inputs on both backends of the compute API: the WASM host scales them exactly into the normal
 * range before the kernels, as the reference does, so both give the values of test/unit/core/subnormalCases.ts
 * and agree with each other.
 */
import { strict as assert } from 'node:assert';
import { bhattacharyya, crossEntropy, entropy, hellinger, initSync, isWasmReady, jsDivergence, klDivergence, totalVariation, type ComputeMeasureOptions } from '../../../src/compute';
import { checkSubnormalCases, EXPONENTS, P, Q, SUBNORMAL_TOLERANCE, times } from '../core/subnormalCases';

function api(backend: 'ts' | 'wasm') {
  const o: ComputeMeasureOptions = { backend };
  return {
    entropy: (p: number[]) => entropy(p, o),
    klDivergence: (p: number[], q: number[]) => klDivergence(p, q, o),
    crossEntropy: (p: number[], q: number[]) => crossEntropy(p, q, o),
    others: {
      jsDivergence: (p: number[], q: number[]) => jsDivergence(p, q, o),
      totalVariation: (p: number[], q: number[]) => totalVariation(p, q, o),
      hellinger: (p: number[], q: number[]) => hellinger(p, q, o),
      bhattacharyya: (p: number[], q: number[]) => bhattacharyya(p, q, o),
    },
  };
}

describe('subnormal inputs on both backends', () => {
  before(() => {
    initSync();
    assert.ok(isWasmReady());
  });

  for (const backend of ['ts', 'wasm'] as const) {
    it(`${backend}: every measure gives at P·2^k, Q·2^k (k down to -1074) what it gives at scale 1`, () => {
      checkSubnormalCases(api(backend));
    });
  }

  it('wasm agrees with ts within the cases tolerance, and reports the same sums', () => {
    const ts = api('ts');
    const wasm = api('wasm');
    for (const k of EXPONENTS) {
      const p = times(P, k);
      const q = times(Q, k);
      for (const f of ['klDivergence', 'crossEntropy'] as const) {
        const a = ts[f](p, q);
        const b = wasm[f](p, q);
        assert.ok(Math.abs(a.value - b.value) <= SUBNORMAL_TOLERANCE * a.value, `${f} at 2^${k}: ts ${a.value}, wasm ${b.value}`);
        assert.deepEqual(b.sums, a.sums);
        assert.equal(b.normalized, a.normalized);
      }
      assert.deepEqual(wasm.entropy(p).sums, ts.entropy(p).sums);
    }
  });
});
