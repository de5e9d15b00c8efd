/**
 * D_∞ reads only the slices that may hold the maximum (src/compute/wasmRenyi.ts `largestOver`): the pair scan
 * also gives each slice's largest p_i/q_i and smallest non-zero values, and the maximum's pass then runs on the
 * slices that cannot be shown to lie below the largest ratio found. The result must be the one the pass over
 * every slice gives, bit for bit (0 ulps: the same kernel on the same values, and a maximum does not depend on
 * the order), and within 8 u of the TS reference; the slices left out are counted, so that the skipping is
 * seen to happen where it should and not where it should not.
 */
import { strict as assert } from 'node:assert';
import kernelsWasm from '../../../build/kernels.wasm';
import { renyi } from '../../../src/compute';
import { SLICE_LENGTH } from '../../../src/compute/chunking';
import { PARAM, RENYI_INFINITE, RENYI_LARGEST, SLICE_OP, type SliceOp, type SliceRunner } from '../../../src/compute/sliceOps';
import { WasmMeasures } from '../../../src/compute/wasmMeasures';
import { wasmRenyi } from '../../../src/compute/wasmRenyi';
import { seededRandom } from '../core/klFixtures';
import { U } from './measureParityHelpers';

const host = WasmMeasures.instantiateSync(kernelsWasm);

/** The host as a runner that counts the elements each pass reads. */
function countingRunner(): { runner: SliceRunner; read: Map<SliceOp, number> } {
  const read = new Map<SliceOp, number>();
  const runner: SliceRunner = {
    runSlices(op, p, q, params, add) {
      read.set(op, (read.get(op) ?? 0) + p.length);
      host.runSlices(op, p, q, params, add);
    },
  };
  return { runner, read };
}

/** D_∞ from the maximum's pass over every slice (what the code did before it skipped slices). */
function everySlice(p: ArrayLike<number>, q: ArrayLike<number>, normalize: boolean): number {
  const scanned = host.scanPair(p, q, normalize, host)!;
  const params = scanned.params.slice();
  params[PARAM.order] = 1;
  params[PARAM.swapped] = 0;
  params[PARAM.shift] = 0;
  params[PARAM.maxOnly] = 1;
  let largest = -Infinity;
  let infinite = false;
  host.runSlices(SLICE_OP.renyiPowerSum, p, q, params, (out, at) => {
    largest = Math.max(largest, out[at + RENYI_LARGEST]!);
    infinite ||= out[at + RENYI_INFINITE] !== 0;
  });
  const nats = infinite ? Infinity : largest;
  return normalize ? Math.max(0, nats) : nats;
}

const SLICES = 5;
const N = SLICES * SLICE_LENGTH - 1234;

/** Checks one input both ways and returns how many elements the maximum's pass read (normalised). */
function check(name: string, p: ArrayLike<number>, q: ArrayLike<number>): number {
  let readNormalised = 0;
  for (const normalize of [true, false]) {
    const { runner, read } = countingRunner();
    const skipping = wasmRenyi(host, p, q, Infinity, normalize, runner)!.value;
    const full = everySlice(p, q, normalize);
    assert.ok(Object.is(skipping, full), `${name}, normalize ${normalize}: ${skipping} (slices skipped) vs ${full} (every slice)`);
    const ts = renyi(p, q, { alpha: Infinity, normalize, backend: 'ts' }).value;
    if (Number.isFinite(ts) && ts !== 0) assert.ok(Math.abs(skipping - ts) <= 8 * U * Math.abs(ts), `${name}, normalize ${normalize}: ${skipping} vs reference ${ts}`);
    else assert.ok(Object.is(skipping, ts), `${name}, normalize ${normalize}: ${skipping} vs reference ${ts}`);
    assert.equal(read.get(SLICE_OP.pairScanRatio), p.length, 'the scan reads everything once');
    if (normalize) readNormalised = read.get(SLICE_OP.renyiPowerSum) ?? 0;
  }
  return readNormalised;
}

function base(seed: number): [Float64Array, Float64Array] {
  const random = seededRandom(seed);
  const p = Float64Array.from({ length: N }, () => 1 + random());
  const q = Float64Array.from({ length: N }, () => 1 + random());
  return [p, q];
}

describe('compute: D_∞ reads only the slices that may hold the maximum', () => {
  it('a clear maximum in one slice: that slice alone, wherever it lies', () => {
    for (const at of [0, 2 * SLICE_LENGTH + 777, N - 1]) {
      const [p, q] = base(1);
      p[at] = 50 * q[at]!;
      const read = check(`maximum at ${at}`, p, q);
      const last = Math.floor(at / SLICE_LENGTH) === SLICES - 1;
      assert.equal(read, last ? N - (SLICES - 1) * SLICE_LENGTH : SLICE_LENGTH, `maximum at ${at}: one slice read`);
    }
  });

  it('every ratio equal (P = Q/3), or maxima an ulp apart in two slices: every slice that may hold it', () => {
    const [p, q] = base(2);
    q.set(p.map((x) => 3 * x));
    assert.equal(check('P = Q/3', p, q), N);
    const [a, b] = base(3);
    b.set(a);
    a[70] = b[70]! * (1 + 1e-12);
    a[3 * SLICE_LENGTH + 5] = b[3 * SLICE_LENGTH + 5]! * (1 + 1e-12) * (1 + 2 ** -52);
    assert.equal(check('two maxima one ulp apart', a, b), 2 * SLICE_LENGTH);
  });

  it('nearly equal distributions: ratios within a few ulps, the maximum 1e-13 above them', () => {
    const [p, q] = base(4);
    q.set(p);
    for (let i = 0; i < N; i++) p[i] = q[i]! * (1 + (i % 5) * 2 ** -52);
    p[4 * SLICE_LENGTH + 9] = q[4 * SLICE_LENGTH + 9]! * (1 + 1e-13);
    assert.equal(check('nearly equal', p, q), N - 4 * SLICE_LENGTH);
  });

  it('q = 0 < p: +Infinity, its slice read', () => {
    const [p, q] = base(5);
    p[10] = 40 * q[10]!;
    q[3 * SLICE_LENGTH + 1] = 0;
    check('q = 0 < p', p, q);
  });

  it('values that scale to subnormals: their slices always read', () => {
    const [p, q] = base(6);
    p[100] = 60 * q[100]!;
    p[2 * SLICE_LENGTH + 3] = 1e-310;
    q[2 * SLICE_LENGTH + 3] = 3e-311;
    assert.equal(check('a subnormal pair holding the maximum', p, q), 2 * SLICE_LENGTH);
    const [a, b] = base(7);
    a[100] = 60 * b[100]!;
    b[4 * SLICE_LENGTH] = 1e-312; // its ratio overflows: the maximum, in a slice read for its subnormal
    // Slice 0 holds the largest ratio of the slices without subnormals, from which the others are measured.
    assert.equal(check('a subnormal q', a, b), SLICE_LENGTH + N - 4 * SLICE_LENGTH);
  });

  it('ratios that overflow (q normal), then a larger one: both slices read, the larger ℓ', () => {
    // fl(p/q) = +∞ for both (ln-ratios 1335.5 and 1372.3); sums stay below 2^960, where the kernels serve.
    const [p, q] = base(8);
    p[100] = 1e280;
    q[100] = 1e-300;
    p[4 * SLICE_LENGTH + 2] = 1e288;
    q[4 * SLICE_LENGTH + 2] = 2.3e-308;
    assert.equal(check('overflowing ratios', p, q), SLICE_LENGTH + N - 4 * SLICE_LENGTH);
  });

  it('P with zeros, and plain arrays (a copy of the slices read)', () => {
    const [p, q] = base(9);
    for (let i = 0; i < N; i += 3) p[i] = 0;
    p[SLICE_LENGTH + 8] = 30 * q[SLICE_LENGTH + 8]!;
    assert.equal(check('zeros in P', p, q), SLICE_LENGTH);
    assert.equal(check('plain arrays', Array.from(p), Array.from(q)), SLICE_LENGTH);
  });
});
