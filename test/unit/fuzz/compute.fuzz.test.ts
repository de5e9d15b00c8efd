/**
 * Fuzzing the compute API's klDivergence, entropy and crossEntropy on both backends (the TypeScript reference
 * and the WASM kernels), with the inputs of the core fuzz plus lengths around the kernels' vector and block
 * boundaries. Each backend must give a result without NaN or an allowed DivergenceError, and both must agree
 * on which (same error code; same infinite/finite outcome).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { bhattacharyya, crossEntropy, entropy, hellinger, initSync, isWasmReady, jsDivergence, klDivergence, totalVariation } from '../../../src/compute';
import type { MeasureOptions } from '../../../src/core';
import { base, entry, measureOptions, vectorPair } from './arbitraries';
import { assertNoNaN, clean, fuzz, timeoutFor } from './fuzzSupport';
import { assertScaleInvariant, scaledPair, scaledVector } from './scaleInvariance';

/** Lengths that cross the kernels' 2-lane vectors and unrolled blocks. */
const longPair = fc
  .constantFrom(7, 8, 9, 15, 16, 17, 31, 33, 63, 65, 511, 512, 513)
  .chain((n) => fc.tuple(fc.array(entry, { minLength: n, maxLength: n }), fc.array(entry, { minLength: n, maxLength: n })));
const pairs = fc.oneof({ weight: 3, arbitrary: vectorPair }, { weight: 1, arbitrary: longPair });

function flipsOrRaw(o: MeasureOptions): string[] {
  const b = typeof o.base === 'string' ? Number(o.base) : o.base;
  if (typeof b === 'number' && b > 0 && b < 1) return ['*', '-*'];
  return o.normalize === false ? ['*', '-value', '-pinskerTvBound'] : ['*'];
}

type Outcome = { code: string } | { value: number };

function outcome(f: () => { value: number }, o: MeasureOptions): Outcome {
  let value = NaN;
  const e = clean(f, (r) => {
    assertNoNaN(r, flipsOrRaw(o));
    value = r.value;
  });
  return e ? { code: e.code } : { value };
}

function agree(ts: Outcome, wasm: Outcome, o: MeasureOptions): void {
  if (o.input !== undefined && o.input !== 'prob') {
    // Forced WASM takes probabilities only, and says so (src/compute/dispatch.ts).
    if (!('code' in ts && ts.code !== 'invalid-parameter')) assert.deepEqual(wasm, { code: 'invalid-parameter' });
    return;
  }
  if ('code' in ts || 'code' in wasm) {
    assert.deepEqual(wasm, ts, 'both backends throw the same error');
    return;
  }
  // Same kind of number: both finite, or the same infinity (the values' agreement is the parity suite's job).
  assert.equal(Number.isFinite(wasm.value), Number.isFinite(ts.value), `ts ${ts.value}, wasm ${wasm.value}`);
  if (!Number.isFinite(ts.value)) assert.equal(wasm.value, ts.value);
}

describe('fuzz: compute API on both backends', function () {
  this.timeout(timeoutFor(1, 4));
  before(() => {
    initSync();
    assert.ok(isWasmReady(), 'the WASM backend must be ready for this suite');
  });

  it('klDivergence: ts and wasm', () => {
    fuzz(__filename, 'klDivergence: ts and wasm', [pairs, measureOptions], ([p, q], o) => {
      agree(outcome(() => klDivergence(p, q, { ...o, backend: 'ts' }), o), outcome(() => klDivergence(p, q, { ...o, backend: 'wasm' }), o), o);
    });
  });

  it('entropy: ts and wasm', () => {
    fuzz(__filename, 'entropy: ts and wasm', [pairs, measureOptions], ([p], o) => {
      agree(outcome(() => entropy(p, { ...o, backend: 'ts' }), o), outcome(() => entropy(p, { ...o, backend: 'wasm' }), o), o);
    });
  });

  it('crossEntropy: ts and wasm', () => {
    fuzz(__filename, 'crossEntropy: ts and wasm', [pairs, measureOptions], ([p, q], o) => {
      agree(outcome(() => crossEntropy(p, q, { ...o, backend: 'ts' }), o), outcome(() => crossEntropy(p, q, { ...o, backend: 'wasm' }), o), o);
    });
  });

  const WASM_PAIR = { klDivergence, crossEntropy, jsDivergence, totalVariation, hellinger, bhattacharyya } as const;
  for (const [name, fn] of Object.entries(WASM_PAIR)) {
    const title = `${name} on wasm: invariant under P, Q times 2^k, subnormals included`;
    it(title, () => {
      fuzz(__filename, title, [scaledPair, base], ([p, q, k], b) => {
        assertScaleInvariant((s) => fn(s(p), s(q), { base: b, backend: 'wasm' }).value, k);
      });
    });
  }

  it('entropy on wasm: invariant under P times 2^k, subnormals included', () => {
    fuzz(__filename, 'entropy on wasm: invariant under P times 2^k, subnormals included', [scaledVector, base], ([p, k], b) => {
      assertScaleInvariant((s) => entropy(s(p), { base: b, backend: 'wasm' }).value, k);
    });
  });
});
