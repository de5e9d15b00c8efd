/**
 * The KL kernel's terms one at a time (assembly/klKernel.ts klAccumulate on one block of 4 elements, one of them
 * with p > 0): its vector path (the exponent split on the bits, Σ p·k apart, klLogRatio.ts) and the limits where
 * blocks go to the scalar path.
 *
 * Bounds: p·ln(p/q) within 2.5 ulp of the term from the 60-digit ln(p/q) of test/fixtures/logRatio.json (3209
 * pairs: random, nearly equal, extreme exponents, subnormals), the exact product formed with Dekker's two-product;
 * within 3 ulp of the reference's p·logRatio(p, q) (itself within 2 ulp) on 2^14 pairs of each family below;
 * and sums of blocks that mix zeros, the vector path's limits and exponent offsets within 8 ulps of the
 * reference's compensated sum of its terms.
 */
import { strict as assert } from 'node:assert';
import kernelsWasm from '../../../build/kernels.wasm';
import { klSums } from '../../../src/core/klDivergence';
import { logRatio } from '../../../src/core/numeric';
import { loadLogRatioFixtures, seededRandom, ulp } from '../core/klFixtures';

interface KlExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  klAccumulate(pPtr: number, qPtr: number, n: number, offset: number): number;
  klTerms(): number;
  klSumP(): number;
  klSumQ(): number;
  klSumDifference(): number;
}

/** The global WebAssembly object (the test project's types leave it out). */
const wasm = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object, imports: object) => { exports: unknown } } }).WebAssembly;
const kernel = new wasm.Instance(new wasm.Module(kernelsWasm), { env: { abort: () => undefined } }).exports as KlExports;
const MAX_LENGTH = 4096;
const BASE = kernel.heapBase();
kernel.memory.grow(Math.ceil((BASE + 16 * MAX_LENGTH) / 65536));
const P_PTR = BASE;
const Q_PTR = BASE + 8 * MAX_LENGTH;

/** The kernel's Σ p_i·ln(p_i·2^offset/q_i) of P and Q (at most MAX_LENGTH elements). */
function kernelTerms(p: ArrayLike<number>, q: ArrayLike<number>, offset = 0): number {
  new Float64Array(kernel.memory.buffer, P_PTR, p.length).set(p);
  new Float64Array(kernel.memory.buffer, Q_PTR, q.length).set(q);
  assert.equal(kernel.klAccumulate(P_PTR, Q_PTR, p.length, offset), 0);
  return kernel.klTerms();
}

/** The kernel's term p·ln(p/q), alone in a vector block (the other lanes have p = 0). */
function singleTerm(p: number, q: number): number {
  return kernelTerms([p, 0, 0, 0], [q, 1, 1, 1]);
}

/** a·b = high + low exactly (Dekker's two-product with Veltkamp's split; no overflow here). */
function twoProduct(a: number, b: number): [number, number] {
  const split = (x: number): [number, number] => {
    const c = 134217729 * x;
    const high = c - (c - x);
    return [high, x - high];
  };
  const high = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [high, ah * bh - high + ah * bl + al * bh + al * bl];
}

const MIN_NORMAL = 2.2250738585072014e-308;

describe('compute: the KL kernel one term at a time (assembly/klLogRatio.ts)', function () {
  this.timeout(60000);

  it('p·ln(p/q) within 2.5 ulp of the 60-digit term for every pair of logRatio.json', () => {
    let worst = 0;
    let where = '';
    for (const [p, q, rounded, residual] of loadLogRatioFixtures()) {
      if (!(p > 0) || !(q > 0) || p < MIN_NORMAL) continue;
      const [high, low] = twoProduct(p, rounded);
      const exact = high + (low + p * residual);
      if (exact === 0 || !Number.isFinite(exact) || Math.abs(exact) < 2 ** -1000) continue;
      const error = Math.abs(singleTerm(p, q) - high - (low + p * residual)) / ulp(exact);
      if (error > worst) {
        worst = error;
        where = `p = ${p}, q = ${q}`;
      }
    }
    assert.ok(worst <= 2.5, `${worst.toFixed(3)} ulp at ${where}`);
  });

  const random = seededRandom(2718);
  const families: Record<string, (i: number) => [number, number]> = {
    'random over [0, 10^-5]': () => [1e-5 * random() || 1e-6, 1e-5 * random() || 1e-6],
    'random over the binades': () => [(1 + random()) * 2 ** Math.floor(1900 * random() - 950), (1 + random()) * 2 ** Math.floor(1900 * random() - 950)],
    'nearly equal: q = p·(1 ± 2^-j·random), j = 1..52': (i) => {
      const p = (1 + random()) * 2 ** Math.floor(60 * random() - 40);
      return [p, p * (1 + (random() - 0.5) * 2 ** -(1 + (i % 52)))];
    },
    'p/q near √2·2^j (the fold)': () => {
      const p = (1 + random()) * 2 ** -12;
      return [p, (p / Math.SQRT2) * (1 + (random() - 0.5) * 2 ** -30) * 2 ** Math.floor(9 * random() - 4)];
    },
    'p/q near 2^j, j ≠ 0': (i) => {
      const p = (1 + random()) * 2 ** -12;
      return [p, p * 2 ** (Math.floor(40 * random()) - 20 || 7) * (1 + (random() - 0.5) * 2 ** -(1 + (i % 52)))];
    },
  };
  for (const [name, family] of Object.entries(families)) {
    it(`within 3 ulp of the reference's p·logRatio(p, q): ${name}`, () => {
      let worst = 0;
      let where = '';
      for (let i = 0; i < 1 << 14; i++) {
        const [p, q] = family(i);
        const expected = p * logRatio(p, q);
        const error = Math.abs(singleTerm(p, q) - expected) / ulp(expected);
        if (error > worst) {
          worst = error;
          where = `p = ${p}, q = ${q}`;
        }
      }
      assert.ok(worst <= 3, `${worst.toFixed(3)} ulp at ${where}`);
    });
  }

  /** The kernel's sum against the reference's compensated sum of the same terms (with `offset`), within 8 ulps. */
  function assertBlockSum(p: number[], q: number[], offset = 0): void {
    const expected = klSums(p, q, offset).terms;
    const actual = kernelTerms(p, q, offset);
    assert.ok(Math.abs(actual - expected) <= 8 * ulp(expected), `P = ${p}, Q = ${q}, offset ${offset}: ${actual} against ${expected}`);
  }

  it('p = 0 lanes with any admissible q (0, subnormal, MAX_VALUE) add nothing to a vector block', () => {
    const p = [0.25, 0, 0.5, 0, 0, 0.125, 0, 0.125];
    const q = [0.5, 0, 0.125, 5e-324, Number.MAX_VALUE, 0.25, 2 ** -1050, 0.125];
    assertBlockSum(p, q);
    assert.equal(singleTerm(0, 0), 0);
    assert.equal(kernelTerms([0, 0, 0, 0], [0, 5e-324, Number.MAX_VALUE, 1]), 0);
  });

  it('values beside the vector path limits (2^-1021, 2^990) agree with the reference, and so do offset terms', () => {
    const edges = [2 ** -1022, 2 ** -1021 * (1 - 2 ** -53), 2 ** -1021, 2 ** 990 * (1 - 2 ** -53), 2 ** 990, 2 ** 1000];
    for (const x of edges) {
      assertBlockSum([x, 0.5, 0.25, 0.25], [0.5, x, 0.25, 0.125]);
      assertBlockSum([x, x, x, x], [x * 1.5, x / 3, x, x * 0.75]);
    }
    const p = Array.from({ length: 64 }, (_, i) => (1 + i) * 2 ** (i % 40 - 20));
    const q = Array.from({ length: 64 }, (_, i) => (64 - i) * 2 ** (20 - (i % 40)));
    for (const offset of [0, 1, -1, 40, -40, 2000, -2000]) assertBlockSum(p, q, offset);
  });
});
