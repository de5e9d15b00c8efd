/**
 * The Jensen–Shannon kernel's terms (assembly/jsKernel.ts) against the TS reference's (src/core/jsDivergence.ts),
 * one element at a time: 4 copies of a pair (p, q) of raw values fill one vector block, whose Σ terms is then 4·t
 * exactly (lane sums of equal terms, subnormal ones included), t the kernel's term for that element in that
 * branch, compared with 4 times the reference's.
 *
 * Bounds (u = 2^-53), from the kernel's method (p, q, p - q, m and e are the reference's bits in both):
 * - |e| ≤ ½: the kernel's series is within about 1 ulp of g, the reference's 2e·atanh(e) + log1p(-e²) within
 *   about 3, where its two parts cancel by up to a factor 2 (P ≈ Q): 10u·t (the largest seen is printed after
 *   the suite);
 * - |e| > ½: the reference's operations (logRatio in two halves, the products, their sum): its term exactly.
 * The random families: independent values (both branches), |e| within a few ulps of ½, P ≈ Q, |e| near 1, zeros,
 * and values over the exponent range. Raw values take the kernel's path for two scaled sums of 1; normalised
 * values whose sums round to 1 (one or both) take the paths for one or two such sums with the sums' low parts,
 * and are compared through the compute API.
 */
import { strict as assert } from 'node:assert';
import kernelsWasm from '../../../build/kernels.wasm';
import { initSync, jsDivergence as computeJs } from '../../../src/compute';
import { jsDivergence } from '../../../src/core/jsDivergence';
import { seededRandom } from '../core/klFixtures';

const U = 2 ** -53;

interface JsExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  pairSetScale(pf1: number, pf2: number, sPHi: number, sPLo: number, qf1: number, qf2: number, sQHi: number, sQLo: number, lnRatio: number): void;
  jsAccumulate(pPtr: number, qPtr: number, n: number): void;
  jsTerms(): number;
}

/** The global WebAssembly object (the test project's types leave it out). */
const wasm = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object, imports: object) => { exports: unknown } } }).WebAssembly;
const kernel = new wasm.Instance(new wasm.Module(kernelsWasm), { env: { abort: () => undefined } }).exports as JsExports;
const CAPACITY = 1 << 13;
const BASE = kernel.memory.buffer.byteLength;
kernel.memory.grow(2);
const P = new Float64Array(kernel.memory.buffer, BASE, CAPACITY);
const Q = new Float64Array(kernel.memory.buffer, BASE + 8 * CAPACITY, CAPACITY);
kernel.pairSetScale(1, 1, 1, 0, 1, 1, 1, 0, 0);

/** Σ terms of the kernel over raw values (n ≤ CAPACITY). */
function kernelTerms(p: ArrayLike<number>, q: ArrayLike<number>): number {
  P.set(p);
  Q.set(q);
  kernel.jsAccumulate(BASE, BASE + 8 * CAPACITY, p.length);
  return kernel.jsTerms();
}

/** 4 times the kernel's term of one element, through a block of 4 copies (see the file's comment). */
function kernelTerm4(p: number, q: number): number {
  return kernelTerms([p, p, p, p], [q, q, q, q]);
}

/**
 * The reference's term of one element, times 4 (raw values: JSD = ½·Σ terms; the element (1, 1) adds nothing and
 * keeps the sums positive and normal).
 */
function referenceTerm4(p: number, q: number): number {
  return 8 * jsDivergence([p, 1], [q, 1], { normalize: false }).value;
}

/** Σx, Neumaier-compensated: dividing by it leaves sums within about an ulp of 1. */
function compensatedTotal(x: Float64Array): number {
  let sum = 0;
  let compensation = 0;
  for (const v of x) {
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return sum + compensation;
}

/** |e| of the reference for raw values. */
function absE(p: number, q: number): number {
  const m = 0.5 * p + 0.5 * q;
  return Math.abs((0.5 * (p - q)) / m);
}

/** The tolerance of a term, in units of u·t (see the file's comment). */
function bound(p: number, q: number): number {
  return absE(p, q) <= 0.5 ? 10 : 0;
}

type Family = (random: () => number) => [number, number];

const FAMILIES: Record<string, Family> = {
  independent: (r) => [r(), r()],
  'near |e| = ½': (r) => {
    const p = 0.1 + r();
    const q = 3 * p * (1 + Math.round(128 * r() - 64) * 2 ** -52);
    return r() < 0.5 ? [p, q] : [q, p];
  },
  'P ≈ Q': (r) => {
    const p = 0.1 + r();
    return [p, p * (1 + (2 * r() - 1) * 10 ** (-15 * r()))];
  },
  '|e| near 1': (r) => {
    const p = 0.1 + r();
    const q = p * 10 ** (-20 * r());
    return r() < 0.5 ? [p, q] : [q, p];
  },
  zeros: (r) => (r() < 0.5 ? [0, r() + 1e-3] : [r() + 1e-3, 0]),
  'exponent range': (r) => [10 ** (560 * r() - 280), 10 ** (560 * r() - 280)],
};

describe('JS kernel: terms against the TS reference', () => {
  const worst: string[] = [];
  after(() => console.log(`      largest |kernel - reference| / (u·t): ${worst.join(', ')}`));

  for (const [name, family] of Object.entries(FAMILIES)) {
    it(`${name}: 200000 random pairs, each term within its bound`, () => {
      const random = seededRandom(700 + name.length);
      let largest = 0;
      for (let i = 0; i < 200000; i++) {
        const [p, q] = family(random);
        const expected = referenceTerm4(p, q);
        const actual = kernelTerm4(p, q);
        const ulps = expected === actual ? 0 : Math.abs(actual - expected) / (U * expected);
        largest = Math.max(largest, ulps);
        assert.ok(ulps <= bound(p, q), `P = ${p}, Q = ${q} (|e| = ${absE(p, q)}): kernel ${actual}, reference ${expected} (${ulps.toFixed(2)} u)`);
      }
      worst.push(`${name} ${largest.toFixed(2)}`);
    });
  }

  it('around |e| = ½ (p = 1, q = 3 and neighbours, both ways): the branch of the reference (its bits above ½)', () => {
    let above = 0;
    for (let k = -4; k <= 4; k++) {
      for (const scale of [1, 0.25, 1e-100]) {
        const p = scale;
        const q = 3 * scale * (1 + k * 2 ** -52);
        for (const [a, b] of [
          [p, q],
          [q, p],
        ] as const) {
          const expected = referenceTerm4(a, b);
          const actual = kernelTerm4(a, b);
          if (absE(a, b) > 0.5) {
            above++;
            assert.equal(actual, expected, `${a}, ${b}`);
          } else {
            assert.ok(Math.abs(actual - expected) <= 10 * U * expected, `${a}, ${b}: kernel ${actual}, reference ${expected}`);
          }
        }
      }
    }
    assert.ok(above > 0 && above < 54, `${above} of 54 above ½`);
  });

  it('a zero (+0 or -0) on one side: q·ln 2 (m = q/2) as the reference, and nothing where both are 0', () => {
    assert.equal(kernelTerm4(0, 0), 0);
    for (const q of [1e-300, 1e-10, 0.5, 1, 3, 1e300]) {
      for (const zero of [0, -0]) {
        assert.equal(kernelTerm4(zero, q), referenceTerm4(zero, q), `${zero}, ${q}`);
        assert.equal(kernelTerm4(q, zero), referenceTerm4(zero, q), `${q}, ${zero}`);
      }
    }
  });

  it('a subnormal p or q with |e| > ½: the scalar path, the reference term exactly', () => {
    const random = seededRandom(731);
    for (let i = 0; i < 2000; i++) {
      const p = 2 ** (-1000 + 30 * random());
      const q = 2 ** (-1074 + 50 * random());
      assert.equal(kernelTerm4(p, q), referenceTerm4(p, q), `${p}, ${q}`);
      assert.equal(kernelTerm4(q, p), referenceTerm4(q, p), `${q}, ${p}`);
    }
  });

  it('blocks mixing both branches in every lane pattern: Σ terms within the bounds of its terms', () => {
    const random = seededRandom(733);
    for (const n of [4, 8, 60, 64, 68, 130, 4096]) {
      const p = new Float64Array(n);
      const q = new Float64Array(n);
      let expected = 0;
      let tolerance = 0;
      for (let i = 0; i < n; i++) {
        const family = Object.values(FAMILIES)[Math.floor(random() * 5)]!;
        [p[i], q[i]] = family(random);
        const t = referenceTerm4(p[i]!, q[i]!) / 4;
        expected += t;
        tolerance += bound(p[i]!, q[i]!) * U * t;
      }
      const actual = kernelTerms(p, q);
      assert.ok(Math.abs(actual - expected) <= tolerance + 2 * n * U * expected, `n ${n}: kernel ${actual}, reference ${expected}`);
    }
  });

  it('normalised values whose sums round to 1 (S_p or S_q = 1, low parts not 0) or not: within 8u of the reference', () => {
    initSync();
    const random = seededRandom(737);
    const paths = new Map<string, number>();
    for (let trial = 0; trial < 60; trial++) {
      const n = 64 + Math.floor(4000 * random());
      const raw = [Float64Array.from({ length: n }, () => -Math.log(1 - random())), Float64Array.from({ length: n }, () => -Math.log(1 - random()))];
      const [p, q] = raw.map((x) => {
        const total = compensatedTotal(x);
        return x.map((v) => v / total);
      }) as [Float64Array, Float64Array];
      const ts = computeJs(p, q, { backend: 'ts' });
      const wasm = computeJs(p, q, { backend: 'wasm' });
      const path = `${ts.sums.p === 1 ? 'S_p = 1' : 'S_p ≠ 1'}, ${ts.sums.q === 1 ? 'S_q = 1' : 'S_q ≠ 1'}`;
      paths.set(path, (paths.get(path) ?? 0) + 1);
      assert.ok(Math.abs(wasm.value - ts.value) <= 8 * U * ts.value, `n ${n}: wasm ${wasm.value}, ts ${ts.value}`);
    }
    assert.equal(paths.size, 4, `every path taken: ${JSON.stringify([...paths])}`);
  });
});
