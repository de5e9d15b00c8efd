/**
 * The one-pass entropy and cross-entropy (src/compute/wasmBackend.ts `entropyParts`, `crossEntropyParts`;
 * assembly/crossEntropyKernel.ts `crossEntropyFused`): raw values always, and normalised values whose total
 * (Q's for the cross-entropy) lies within 2^-10 of 1 with no value above half of it, take one pass over the
 * slices, H = Σ p·ln(1/q)/s_p + ln s_q; every other input takes the scan and the terms pass, as before.
 * Here: which inputs take one pass (a runner that records the passes), and that the result agrees with the
 * TS reference (src/core/entropy.ts, crossEntropy.ts) on both sides of each condition's boundary, on two
 * threads as on one, with the same errors.
 *
 * Tolerance: 16·u·|ts| normalised (the terms are ≥ 0 and each within 2 ulp; |ln s| ≤ 0.0015·H, so the one
 * pass is as accurate as the two: in practice 0-3 ulps), 16·u·Σ|terms| raw; 0 ulps between one and two
 * threads and between the one-pass raw result and the terms pass it replaces.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crossEntropy, entropy, initSync } from '../../../src/compute';
import { SLICE_LENGTH, WasmBackend } from '../../../src/compute/wasmBackend';
import { SLICE_OP, type SliceOp, type SliceRunner } from '../../../src/compute/sliceOps';
import { seededRandom } from '../core/klFixtures';
import { errorOf, U, within } from './measureParityHelpers';
import { ROOT } from './workerBundle';

const backend = WasmBackend.instantiateSync(readFileSync(join(ROOT, 'build', 'kernels.wasm')));

/** A runner that records the passes it runs (then runs them on `backend`). */
function recording(): { runner: SliceRunner; passes: SliceOp[] } {
  const passes: SliceOp[] = [];
  return {
    passes,
    runner: {
      runSlices(op, p, q, params, add) {
        passes.push(op);
        backend.runSlices(op, p, q, params, add);
      },
    },
  };
}

/** n Dirichlet(1) values (normalised exponentials), scaled by `scale`. */
function dirichlet(n: number, random: () => number, scale = 1): Float64Array {
  const x = Float64Array.from({ length: n }, () => -Math.log(1 - random()));
  const s = x.reduce((a, b) => a + b, 0);
  return x.map((v) => (v / s) * scale);
}

/** Σ|p_i ln q_i|: the raw tolerance's scale. */
function rawScale(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) s += Math.abs(p[i]! * Math.log(q[i]!));
  return s;
}

/** H(P, Q) by the recording runner, checked against the TS reference; returns the passes it took. */
function checkCrossEntropy(p: Float64Array, q: Float64Array, normalize: boolean): SliceOp[] {
  const { runner, passes } = recording();
  const nats = backend.crossEntropyParts(p, q, normalize, runner)!.nats;
  const ts = crossEntropy(p, q, { normalize, backend: 'ts' }).value;
  const tol = 16 * U * (normalize ? Math.abs(ts) : rawScale(p, q));
  assert.ok(within(nats, ts, tol), `H(P, Q): wasm ${nats}, ts ${ts} (${((nats - ts) / (U * Math.abs(ts))).toFixed(1)} u), n = ${p.length}`);
  assert.equal(crossEntropy(p, q, { normalize, backend: 'wasm' }).value, nats);
  return passes;
}

/** H(P) by the recording runner, checked against the TS reference; returns the passes it took. */
function checkEntropy(p: Float64Array, normalize: boolean): SliceOp[] {
  const { runner, passes } = recording();
  const nats = backend.entropyParts(p, normalize, runner)!.nats;
  const ts = entropy(p, { normalize, backend: 'ts' }).value;
  const tol = 16 * U * (normalize ? Math.abs(ts) : rawScale(p, p));
  assert.ok(within(nats, ts, tol), `H(P): wasm ${nats}, ts ${ts} (${((nats - ts) / (U * Math.abs(ts))).toFixed(1)} u), n = ${p.length}`);
  assert.equal(entropy(p, { normalize, backend: 'wasm' }).value, nats);
  return passes;
}

const ONE_ENTROPY = [SLICE_OP.entropyFused];
const TWO_ENTROPY = [SLICE_OP.entropyScan, SLICE_OP.entropyAccumulate];
const ONE_CROSS = [SLICE_OP.crossEntropyFused];
const TWO_CROSS = [SLICE_OP.crossEntropyScan, SLICE_OP.crossEntropyAccumulate];

describe('compute: one-pass entropy and cross-entropy', () => {
  before(() => initSync());

  it('probability vectors take one pass, normalised and raw, around the slice boundaries', () => {
    const random = seededRandom(701);
    for (const n of [1000, 4097, SLICE_LENGTH - 3, SLICE_LENGTH + 65, 3 * SLICE_LENGTH + 1]) {
      const p = dirichlet(n, random);
      const q = dirichlet(n, random);
      for (const normalize of [true, false]) {
        assert.deepEqual(checkEntropy(p, normalize), ONE_ENTROPY, `n = ${n}`);
        assert.deepEqual(checkCrossEntropy(p, q, normalize), ONE_CROSS, `n = ${n}`);
      }
    }
  });

  it('the total: within 2^-10 of 1 one pass, beyond it two (the sampled guess tried one), the same value', () => {
    const random = seededRandom(702);
    const p = dirichlet(5000, random);
    const q = dirichlet(5000, random);
    for (const scale of [1 + 0.999 * 2 ** -10, 1 - 0.999 * 2 ** -10, 1 + 2 ** -11]) {
      assert.deepEqual(checkEntropy(p.map((v) => v * scale), true), ONE_ENTROPY, `scale ${scale}`);
      assert.deepEqual(checkCrossEntropy(p, q.map((v) => v * scale), true), ONE_CROSS, `scale ${scale}`);
      assert.deepEqual(checkCrossEntropy(p.map((v) => v * 1000), q.map((v) => v * scale), true), ONE_CROSS, `s_p = 1000, scale ${scale}`);
    }
    for (const scale of [1 + 2 ** -9, 1 - 2 ** -9, 2, 0.5]) {
      assert.deepEqual(checkEntropy(p.map((v) => v * scale), true), [SLICE_OP.entropyFused, SLICE_OP.entropyAccumulate], `scale ${scale}`);
      assert.deepEqual(checkCrossEntropy(p, q.map((v) => v * scale), true), [SLICE_OP.crossEntropyFused, SLICE_OP.crossEntropyAccumulate], `scale ${scale}`);
    }
  });

  it('the largest value: at most half the total one pass, above it two (log1p of the rest, as the reference)', () => {
    const random = seededRandom(703);
    for (const top of [0.25, 0.499, 0.501, 0.9, 1 - 1e-12]) {
      const p = dirichlet(3000, random, 1 - top);
      p[1234] += top;
      // Above half: the terms pass too (after the scan, or after a one pass the sampled guess tried).
      const entropyPasses = checkEntropy(p, true);
      const crossPasses = checkCrossEntropy(dirichlet(3000, random), p, true);
      if (top < 0.5) {
        assert.deepEqual([entropyPasses, crossPasses], [ONE_ENTROPY, ONE_CROSS], `top ${top}`);
      } else {
        assert.deepEqual([entropyPasses.length, entropyPasses[1], crossPasses.length, crossPasses[1]], [2, SLICE_OP.entropyAccumulate, 2, SLICE_OP.crossEntropyAccumulate], `top ${top}`);
      }
    }
  });

  it('counts and other totals far from 1 go straight to two passes; raw values always take one', () => {
    const random = seededRandom(704);
    const counts = Float64Array.from({ length: 5000 }, () => Math.floor(random() * 50));
    const weights = Float64Array.from({ length: 5000 }, () => random() * 1e-9);
    for (const x of [counts, weights]) {
      assert.deepEqual(checkEntropy(x, true), TWO_ENTROPY);
      assert.deepEqual(checkCrossEntropy(dirichlet(5000, random), x, true), TWO_CROSS);
      assert.deepEqual(checkEntropy(x, false), ONE_ENTROPY);
      assert.deepEqual(checkCrossEntropy(x, x.map((v) => v + 1), false), ONE_CROSS);
    }
  });

  it('zeros, subnormals and p > 0 where q = 0 (the scalar paths) inside a probability vector', () => {
    const random = seededRandom(705);
    const p = dirichlet(4096, random);
    const q = dirichlet(4096, random);
    for (let i = 0; i < 4096; i += 97) p[i + 1] += p[i];
    for (let i = 0; i < 4096; i += 97) p[i] = 0;
    for (let i = 5; i < 4096; i += 301) q[i + 1] += q[i];
    for (let i = 5; i < 4096; i += 301) q[i] = 3e-310;
    p[700] = -0;
    assert.deepEqual(checkEntropy(p, true), ONE_ENTROPY);
    assert.deepEqual(checkCrossEntropy(p, q, true), ONE_CROSS);
    q[100] = 0;
    assert.deepEqual(checkCrossEntropy(p, q, true), ONE_CROSS);
    assert.equal(backend.crossEntropyParts(p, q, true)!.nats, Infinity);
    assert.equal(backend.crossEntropyParts(p, q, false)!.nats, Infinity);
  });

  it('an invalid value in a probability vector: the same error as the reference (first index, P before Q)', () => {
    const random = seededRandom(706);
    for (const bad of [NaN, -1e-3, Infinity, -Infinity]) {
      for (const at of [0, 63, 64, 4095, SLICE_LENGTH + 5]) {
        const p = dirichlet(SLICE_LENGTH + 100, random);
        const q = dirichlet(SLICE_LENGTH + 100, random);
        p[at] = bad;
        q[Math.max(0, at - 1)] = bad;
        const ts = errorOf(() => entropy(p, { backend: 'ts' }));
        assert.deepEqual([errorOf(() => entropy(p, { backend: 'wasm' })).message], [ts.message]);
        const tsCross = errorOf(() => crossEntropy(p, q, { backend: 'ts' }));
        assert.deepEqual([errorOf(() => crossEntropy(p, q, { backend: 'wasm' })).message], [tsCross.message]);
        assert.match(tsCross.message, new RegExp(`index ${Math.max(0, at - 1)}\\b`));
      }
    }
  });

  it('the raw one pass gives the terms pass it replaces, bit for bit', () => {
    const random = seededRandom(707);
    const p = dirichlet(SLICE_LENGTH + 999, random, 3);
    const q = dirichlet(SLICE_LENGTH + 999, random);
    p[17] = 0;
    const terms = (op: SliceOp, a: Float64Array, b: Float64Array): number => {
      const params = new Float64Array(32);
      params[1] = 1; // PARAM.total
      params[2] = -1; // PARAM.exclude
      let sum = 0;
      let c = 0;
      backend.runSlices(op, a, b, params, (out, at) => {
        const x = out[at]!; // ACC_TERMS
        const t = sum + x;
        c += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
        sum = t;
      });
      return sum + c;
    };
    assert.equal(backend.entropyParts(p, false)!.nats, terms(SLICE_OP.entropyAccumulate, p, p));
    assert.equal(backend.crossEntropyParts(p, q, false)!.nats, terms(SLICE_OP.crossEntropyAccumulate, p, q));
  });
});
