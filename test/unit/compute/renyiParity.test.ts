/**
 * Rényi's divergence: the WASM kernel (assembly/renyiKernel.ts, host src/compute/wasmRenyi.ts) against the TS
 * reference (src/core/renyi.ts), through the public `renyi` with backend 'wasm' and 'ts'.
 *
 * Bounds, in u = 2^-53:
 * - where the terms do not cancel (every input below but nearly equal P and Q): 8 u relative. The weights are
 *   the reference's bit for bit, each ln-ratio within a few ulps of the reference's, expm1/exp/log1p within an
 *   ulp, and the sums are Neumaier sums in another order (per slice of 2^16 elements, then of the slices);
 * - nearly equal P and Q (the terms of Z = Σ w·expm1(tℓ)/t have both signs and cancel to about ε², as KL's):
 *   8 u relative plus 8 u of the cancellation scale C = Σ w_i·|ℓ_i|·max(1, e^{tℓ_i}) (absolute), the
 *   error both the reference and the kernel make in summing Z;
 * - the special orders and conventions exactly: +Infinity for α ≥ 1 where some q_i = 0 < p_i, for α < 1 only
 *   for disjoint supports, 0 for P = Q, α = ∞ as ln max p̂_i/q̂_i, α = 1 as KL.
 */
import { strict as assert } from 'node:assert';
import { seededRandom } from '../core/klFixtures';
import { bhattacharyya, init, renyi } from '../../../src/compute';
import { errorOf, generate, KINDS, SIZES, U } from './measureParityHelpers';

const ORDERS = [1e-6, 0.1, 0.3, 0.5, 0.9, 1 - 1e-9, 1, 1 + 1e-9, 1.5, 2, 3, 10, 200, Infinity];

function both(p: ArrayLike<number>, q: ArrayLike<number>, alpha: number, normalize: boolean): { wasm: number; ts: number } {
  const w = renyi(p, q, { alpha, normalize, backend: 'wasm' });
  const t = renyi(p, q, { alpha, normalize, backend: 'ts' });
  // Sums from 2^960 on go to the reference, which rescales.
  assert.equal(w.backend, Math.max(t.sums.p, t.sums.q) < 2 ** 960 ? 'wasm' : 'ts');
  assert.deepEqual({ ...w, value: 0, backend: 'ts' }, { ...t, value: 0 }, 'the same result but for the value');
  return { wasm: w.value, ts: t.value };
}

/** Asserts |wasm - ts| ≤ 8u·|ts| + absolute (both infinite alike, or equal). */
function close(r: { wasm: number; ts: number }, absolute: number, where: string): void {
  if (!Number.isFinite(r.ts) || r.ts === 0) {
    assert.ok(Object.is(r.wasm, r.ts), `${where}: ${r.wasm} vs ${r.ts}`);
    return;
  }
  const error = Math.abs(r.wasm - r.ts);
  assert.ok(error <= 8 * U * Math.abs(r.ts) + absolute, `${where}: ${r.wasm} vs ${r.ts} (${(error / (U * Math.abs(r.ts))).toFixed(1)} u)`);
}

/** C = Σ w_i·|ℓ_i|·max(1, e^{tℓ_i}) over p̂, q̂ (see the file's comment), for the orientation of α. */
function cancellationScale(p: Float64Array, q: Float64Array, alpha: number): number {
  const sp = p.reduce((s, x) => s + x, 0);
  const sq = q.reduce((s, x) => s + x, 0);
  const swapped = alpha < 0.5;
  const t = swapped ? -alpha : alpha - 1;
  let c = 0;
  for (let i = 0; i < p.length; i++) {
    const w = swapped ? q[i]! / sq : p[i]! / sp;
    const l = Math.log(p[i]! / sp / (q[i]! / sq)) * (swapped ? -1 : 1);
    if (Number.isFinite(l)) c += w * Math.abs(l) * Math.max(1, Math.exp(t * l));
  }
  return c;
}

describe('compute: Rényi WASM kernel against the TS reference', function () {
  this.timeout(120000);
  before(() => init({ threads: 'lazy' }));

  it('random and adversarial inputs (zeros, subnormals, 600 decades, counts, one dominant, huge, ties): within 8 u', () => {
    const random = seededRandom(2027);
    for (const kind of KINDS) {
      for (const n of SIZES.filter((_, i) => i % 3 === 0)) {
        const p = generate(kind, n, random);
        const q = generate(kind, n, random);
        for (const alpha of ORDERS) {
          for (const normalize of [true, false]) close(both(p, q, alpha, normalize), 0, `${kind}, n = ${n}, α = ${alpha}, normalize ${normalize}`);
        }
      }
    }
  });

  it('across the slices of 2^16 elements (the sums in another order): within 8 u', () => {
    const random = seededRandom(7);
    const n = 3 * 65536 + 101;
    const p = generate('uniform', n, random);
    const q = generate('zeros', n, random);
    for (const alpha of ORDERS) close(both(p, q, alpha, true), 0, `α = ${alpha}`);
  });

  it('nearly equal P and Q (terms cancelling): within 8 u plus 8 u of the cancellation scale', () => {
    const random = seededRandom(11);
    for (const [n, epsilon] of [[600, 1e-3], [5000, 1e-6], [70000, 1e-6], [70000, 1e-10]] as const) {
      const p = generate('uniform', n, random);
      const q = p.map((x) => x * (1 + epsilon * (random() - 0.5)));
      for (const alpha of ORDERS) {
        for (const normalize of [true, false]) {
          close(both(p, q, alpha, normalize), 8 * U * cancellationScale(p, q, alpha), `n = ${n}, ε = ${epsilon}, α = ${alpha}, normalize ${normalize}`);
        }
      }
    }
  });

  it('normalised α = ½ (2·D_B, bit for bit) and α = 2 (log1p χ²): exact where P ≈ Q (mpmath, 60 digits)', () => {
    const random = seededRandom(91);
    const p = Float64Array.from({ length: 5000 }, () => random());
    const q = Float64Array.from({ length: 5000 }, () => random());
    assert.equal(renyi(p, q, { alpha: 0.5, backend: 'wasm' }).value, 2 * bhattacharyya(p, q, { backend: 'wasm' }).value);
    // P uniform over 1024, Q = P·(1 ± ε) alternating: D_½ = -2 ln Σ √(p̂ q̂) and D_2 = ln Σ p̂²/q̂ from the exact
    // doubles (the power sum kept 6 and 7 digits at ε = 10^-9).
    const exact: Array<[number, number, number]> = [
      [1e-3, 2.500000937500248e-7, 1.0000005000002241e-6],
      [1e-6, 2.4999999998671603e-13, 9.999999999469891e-13],
      [1e-9, 2.5000001361461e-19, 1.00000005445844e-18],
    ];
    for (const [epsilon, half, two] of exact) {
      const uniform = new Float64Array(1024).fill(1 / 1024);
      const near = uniform.map((v, i) => (i % 2 === 0 ? v * (1 + epsilon) : v * (1 - epsilon)));
      for (const [alpha, expected] of [[0.5, half], [2, two]] as const) {
        for (const backend of ['wasm', 'ts'] as const) {
          const value = renyi(uniform, near, { alpha, backend }).value;
          assert.ok(Math.abs(value - expected) <= 4 * U * expected, `${backend}, α = ${alpha}, ε = ${epsilon}: ${value} vs ${expected}`);
        }
      }
    }
  });

  it('α = 2 normalised: q = 0 < p is +∞; a q that underflows when normalised takes the power sum, as the reference', () => {
    const p = new Float64Array(600).fill(1e-3);
    const q = new Float64Array(600).fill(1e-3);
    q[300] = 0;
    assert.equal(renyi(p, q, { alpha: 2, backend: 'wasm' }).value, Infinity);
    // Σq = 1e280: q̂_9 = 1e-50/1e280 underflows to 0, p̂_9 = 1e-150/0.6 does not (D_2 ≈ ln 2.8e30).
    q[300] = 1e-3;
    q[7] = 1e280;
    q[9] = 1e-50;
    p[9] = 1e-150;
    const both = [renyi(p, q, { alpha: 2, backend: 'wasm' }).value, renyi(p, q, { alpha: 2, backend: 'ts' }).value];
    assert.ok(Number.isFinite(both[0]) && Math.abs(both[0] - both[1]) <= 8 * U * both[1], `${both[0]} vs ${both[1]}`);
    p[11] = -0;
    p[13] = 0;
    q[13] = -0;
    const signed = [renyi(p, q, { alpha: 2, backend: 'wasm' }).value, renyi(p, q, { alpha: 2, backend: 'ts' }).value];
    assert.ok(Math.abs(signed[0] - signed[1]) <= 8 * U * signed[1], `${signed[0]} vs ${signed[1]}`);
  });

  it('the special orders and conventions exactly', () => {
    const n = 1000;
    const p = Float64Array.from({ length: n }, (_, i) => 1 + (i % 7));
    const q = Float64Array.from({ length: n }, (_, i) => 1 + (i % 5));
    // P = Q: 0 for every order.
    for (const alpha of ORDERS) assert.equal(renyi(p, p, { alpha, backend: 'wasm' }).value, 0);
    // α = 1 is KL; α = ∞ is ln max p̂/q̂; α = ½ is 2·D_B: as the reference gives them.
    for (const alpha of [1, Infinity, 0.5]) close(both(p, q, alpha, true), 0, `α = ${alpha}`);
    // Some q_i = 0 < p_i: +Infinity for α ≥ 1, finite below.
    const q0 = q.slice();
    q0[500] = 0;
    for (const alpha of ORDERS) {
      const r = both(p, q0, alpha, true);
      assert.equal(r.wasm === Infinity, alpha >= 1, `α = ${alpha}: ${r.wasm}`);
      close(r, 0, `q = 0, α = ${alpha}`);
    }
    // Disjoint supports: +Infinity for every order.
    const left = Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 : 0));
    const right = Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? 0 : 1));
    for (const alpha of ORDERS) assert.equal(renyi(left, right, { alpha, backend: 'wasm' }).value, Infinity, `α = ${alpha}`);
  });

  it('α = ∞ visits only the blocks that may hold the maximum: the largest ln-ratio wherever it lies', () => {
    // The kernel skips a block of 64 whose every p_i/q_i lies 2^-30 below the largest so far, and always
    // visits blocks with q_i = 0 < p_i or a value that scales to a subnormal.
    const n = 5000;
    const random = seededRandom(31);
    const base = Float64Array.from({ length: n }, () => 1 + random());
    const cases: [string, (p: Float64Array, q: Float64Array) => void][] = [
      ['P = Q/3 (every ratio equal)', (p, q) => q.set(p.map((x) => 3 * x))],
      ['nearly equal, the maximum 1e-13 above the rest, late', (p, q) => {
        q.set(p);
        for (let i = 0; i < n; i += 97) p[i] = q[i]! * (1 + 1e-13);
        p[4900] = q[4900]! * (1 + 2e-13);
      }],
      ['nearly equal, two maxima one ulp apart in different blocks', (p, q) => {
        q.set(p);
        p[70] = q[70]! * (1 + 1e-12);
        p[3000] = q[3000]! * (1 + 1e-12) * (1 + 2 ** -52);
      }],
      ['falling ratios (every block below the first)', (p, q) => q.set(p.map((x, i) => x * (1 + i / n)))],
      ['q = 0 < p after a ratio that overflows', (p, q) => {
        p[10] = 1e300;
        q[10] = 1e-300;
        q[4000] = 0;
      }],
      ['the maximum at a value that scales to a subnormal', (p, q) => {
        q.set(p);
        p[2500] = 1e-310;
        q[2500] = 3e-311;
      }],
      ['nearly equal, ratios within a few ulps of each other', (p, q) => {
        q.set(p);
        for (let i = 0; i < n; i++) p[i] = q[i]! * (1 + (i % 5) * 2 ** -52);
      }],
      ['P subnormal, Q near 1 (ratios below 2^-1022)', (p, q) => p.set(q.map((x, i) => x * 1e-320 * (1 + (i % 3))))],
      ['ratios that overflow with q normal, then larger finite ones', (p, q) => {
        p[100] = 1e300;
        q[100] = 1e-300;
        p[4000] = 1e308;
        q[4000] = 2.3e-308;
      }],
    ];
    for (const [name, shape] of cases) {
      const p = base.slice();
      const q = base.slice();
      shape(p, q);
      for (const normalize of [true, false]) close(both(p, q, Infinity, normalize), 0, `${name}, normalize ${normalize}`);
    }
  });

  it('throws the reference errors: α, invalid values (P before Q), zero sums', () => {
    const p = new Float64Array(600).fill(1);
    const q = new Float64Array(600).fill(2);
    for (const alpha of [0, -1, Number.NaN, undefined]) {
      assert.deepEqual(errorOf(() => renyi(p, q, { alpha: alpha as number, backend: 'wasm' })), errorOf(() => renyi(p, q, { alpha: alpha as number, backend: 'ts' })));
    }
    const badP = p.slice();
    badP[300] = -1;
    const badQ = q.slice();
    badQ[200] = Number.NaN;
    for (const [a, b] of [[badP, q], [p, badQ], [badP, badQ], [new Float64Array(600), q]]) {
      const wasm = errorOf(() => renyi(a!, b!, { alpha: 2, backend: 'wasm' }));
      const ts = errorOf(() => renyi(a!, b!, { alpha: 2, backend: 'ts' }));
      assert.equal(wasm.message, ts.message);
      assert.deepEqual(wasm.location, ts.location);
    }
  });
});
