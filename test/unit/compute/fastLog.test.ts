/**
 * The table-driven logarithm of the entropy and cross-entropy kernels' vector paths (assembly/fastLog.ts,
 * through its test entry `fastLogRatioOf`: ln(t/x_i) for an array, as the kernels' lanes compute it).
 *
 * Bounds: for t = 1 (−ln x), within 2 ulp of Math.log (V8's fdlibm port, itself below 1 ulp) on 2^21 values of
 * each family below, 1.3·10^7 in all: random over [0, 1) and over every binade, nearly 1 (1 ± 2^-k·random for
 * k = 1..52, where the result must keep its relative digits), powers of two and their neighbours, every
 * interval boundary of the table (±3 ulp) in every binade, and the ends of the normal range. For other t
 * (the normalising sums of the measures), within 2 ulp of the reference's log-ratio (src/core/numeric.ts
 * logRatio, within 2 ulp itself) wherever |ln(t/x)| ≥ ln 2: the kernels' terms ln(s/p_i) with p_i ≤ s/2.
 */
import { strict as assert } from 'node:assert';
import kernelsWasm from '../../../build/kernels.wasm';
import { logRatio } from '../../../src/core/numeric';
import { seededRandom } from '../core/klFixtures';

const LENGTH = 1 << 21;
const MIN_NORMAL = 2.2250738585072014e-308;

interface FastLogExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  fastLogRatioOf(src: number, dst: number, n: number, total: number): void;
}

/** The global WebAssembly object (the test project's types leave it out). */
const wasm = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object, imports: object) => { exports: unknown } } }).WebAssembly;
const exports = new wasm.Instance(new wasm.Module(kernelsWasm), { env: { abort: () => undefined } }).exports as FastLogExports;
const BASE = exports.memory.buffer.byteLength;
exports.memory.grow(Math.ceil((2 * 8 * LENGTH) / 65536));
const input = new Float64Array(exports.memory.buffer, BASE, LENGTH);
const output = new Float64Array(exports.memory.buffer, BASE + 8 * LENGTH, LENGTH);

const scratch = new Float64Array(1);
const words = new Int32Array(scratch.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The spacing of the doubles at |y| (y normal or 0: the smallest subnormal). */
function ulp(y: number): number {
  scratch[0] = y;
  const exponent = (words[HIGH]! >>> 20) & 0x7ff;
  return exponent <= 52 ? 5e-324 : 2 ** (exponent - 1075);
}

/** The double k steps (ulps) away from x > 0. */
function step(x: number, k: number): number {
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  bits[0] = bits[0]! + BigInt(k);
  return new Float64Array(bits.buffer)[0]!;
}

/** The largest |fast − reference| in ulps of the reference over the LENGTH values of `family`, and where. */
function worstError(family: (i: number) => number, total: number, reference: (x: number) => number): { ulps: number; at: number } {
  for (let i = 0; i < LENGTH; i++) input[i] = family(i);
  exports.fastLogRatioOf(BASE, BASE + 8 * LENGTH, LENGTH, total);
  let ulps = 0;
  let at = NaN;
  for (let i = 0; i < LENGTH; i++) {
    const expected = reference(input[i]!);
    const error = Math.abs(output[i]! - expected) / ulp(expected);
    if (!(error <= ulps)) {
      ulps = error;
      at = input[i]!;
    }
  }
  return { ulps, at };
}

const boundaries: number[] = [];
for (let j = 0; j < 256; j++) boundaries.push(new Float64Array(new BigUint64Array([0x3fe6780000000000n + (BigInt(j) << 44n)]).buffer)[0]!);

describe('compute: the fast vector logarithm (assembly/fastLog.ts)', function () {
  this.timeout(120000);
  const random = seededRandom(4242);
  const families: Record<string, (i: number) => number> = {
    'random over [0, 1)': () => random() || 0.5,
    'random over every binade': () => (1 + random()) * 2 ** (Math.floor(random() * 2046) - 1022),
    'nearly 1: 1 ± 2^-k·random, k = 1..52': (i) => 1 + (random() - 0.5) * 2 ** -(1 + (i % 52)),
    'powers of two and their neighbours': (i) => Math.max(MIN_NORMAL, step(2 ** ((i % 2046) - 1022), (((i / 2046) | 0) % 9) - 4)),
    'the table boundaries ±3 ulp in every binade': (i) => step(boundaries[i & 255]! * 2 ** (((i >> 8) % 2040) - 1016), ((i >> 8) % 7) - 3),
    'the ends of the normal range': (i) => (i & 1 ? step(MIN_NORMAL, i % 1000) : step(Number.MAX_VALUE, -(i % 1000))),
  };

  for (const [name, family] of Object.entries(families)) {
    it(`−ln x within 2 ulp of Math.log: ${name}`, () => {
      const { ulps, at } = worstError(family, 1, (x) => -Math.log(x));
      assert.ok(ulps <= 2, `${ulps.toFixed(3)} ulp at x = ${at}`);
    });
  }

  it('−ln 1 is 0 exactly, and ln of the powers of two as the reference', () => {
    const { ulps } = worstError((i) => 2 ** ((i % 2046) - 1022), 1, (x) => -Math.log(x));
    assert.equal(ulps, 0);
    assert.equal(worstError(() => 1, 1, () => 0).ulps, 0);
  });

  for (const total of [3, 0.7, 1 + 2 ** -40, 1e300, 1e-300, 4 * MIN_NORMAL]) {
    it(`ln(t/x) within 2 ulp of the reference's log-ratio for t = ${total}, x ≤ t/2`, () => {
      const { ulps, at } = worstError(
        (i) => Math.max(MIN_NORMAL, total * 0.5 * (i & 1 ? random() || 0.5 : 2 ** -(random() * 60))),
        total,
        (x) => logRatio(total, x),
      );
      assert.ok(ulps <= 2, `${ulps.toFixed(3)} ulp at x = ${at}`);
    });
  }
});
