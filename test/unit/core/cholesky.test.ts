import { strict as assert } from 'node:assert';
import { choleskyInPlace, forwardSolveInPlace, sumLogDiagonal } from '../../../src/core/cholesky';
import { expandSpd } from './gaussianFixtures';
import { describeArray, seededRandom } from './klFixtures';

/** A random symmetric positive-definite n×n matrix B·Bᵀ/n + I (condition number below about 5). */
function randomSpd(n: number, seed: number): Float64Array {
  const rnd = seededRandom(seed);
  const b = Float64Array.from({ length: n * n }, () => rnd() - 0.5);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let x = i === j ? 1 : 0;
      for (let k = 0; k < n; k++) x += (b[i * n + k]! * b[j * n + k]!) / n;
      a[i * n + j] = x;
      a[j * n + i] = x;
    }
  }
  return a;
}

/** The plain textbook algorithm (column by column), as the reference for the blocked one. */
function naiveCholesky(a0: Float64Array, n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let s = a0[j * n + j]!;
    for (let k = 0; k < j; k++) s -= a[j * n + k]! ** 2;
    a[j * n + j] = Math.sqrt(s);
    for (let i = j + 1; i < n; i++) {
      let t = a0[i * n + j]!;
      for (let k = 0; k < j; k++) t -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = t / a[j * n + j]!;
    }
  }
  return a;
}

function maxAbsDifference(x: Float64Array, y: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]! - y[i]!));
  return m;
}

describe('choleskyInPlace', () => {
  it('factors [[4, 2], [2, 5]] as [[2, 0], [1, 2]] without reading the upper triangle', () => {
    const a = Float64Array.of(4, NaN, 2, 5);
    assert.equal(choleskyInPlace(a, 2), -1);
    assert.deepEqual(Array.from(a), [2, 0, 1, 2]);
  });

  it('factors a 1×1 matrix', () => {
    const a = Float64Array.of(9);
    assert.equal(choleskyInPlace(a, 1), -1);
    assert.deepEqual(Array.from(a), [3]);
  });

  // Sizes around the 4-row and 2-column blocks, and larger ones.
  for (const n of [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 31, 64, 101]) {
    it(`n = ${n}: L·Lᵀ = A, and L matches the textbook algorithm to 1e-14`, () => {
      const a0 = randomSpd(n, n);
      const l = a0.slice();
      assert.equal(choleskyInPlace(l, n), -1);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) assert.equal(l[i * n + j], 0, `upper entry [${i}][${j}] is not 0`);
      }
      let residual = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          let s = 0;
          for (let k = 0; k <= j; k++) s += l[i * n + k]! * l[j * n + k]!;
          residual = Math.max(residual, Math.abs(s - a0[i * n + j]!));
        }
      }
      assert.ok(residual <= 8 * n * 2 ** -53, `max |L·Lᵀ − A| = ${residual} for n = ${n}, A = ${describeArray(a0)}`);
      const delta = maxAbsDifference(l, naiveCholesky(a0, n));
      assert.ok(delta <= 1e-14, `max |L − L_naive| = ${delta}`);
    });
  }

  it('factors the 200×200 recipe matrix of the fixtures (exact integers)', () => {
    const a0 = expandSpd({ kind: 'spd-hash', d: 200, seed: 1, m: 21, shift: 2000, scaleExp: 12 });
    const l = a0.slice();
    assert.equal(choleskyInPlace(l, 200), -1);
    const delta = maxAbsDifference(l, naiveCholesky(a0, 200));
    assert.ok(delta <= 1e-13, `max |L − L_naive| = ${delta}`);
  });

  it('returns the 0-based row of a negative pivot and leaves the pivot there', () => {
    const a = Float64Array.of(1, 0, 2, 1); // [[1, 2], [2, 1]]: pivot 1 − 4 = −3
    assert.equal(choleskyInPlace(a, 2), 1);
    assert.equal(a[3], -3);
    const b = Float64Array.of(2, 0, 0, 0, 3, 0, 0, 0, -1);
    assert.equal(choleskyInPlace(b, 3), 2);
    assert.equal(b[8], -1);
  });

  it('rejects a negative or zero variance at row 0, and a NaN pivot', () => {
    assert.equal(choleskyInPlace(Float64Array.of(-1, 0, 0, 1), 2), 0);
    assert.equal(choleskyInPlace(Float64Array.of(0, 0, 0, 1), 2), 0);
    assert.equal(choleskyInPlace(Float64Array.of(1, 0, NaN, 1), 2), 1);
  });

  it('rejects a singular matrix (an exact zero pivot) and a numerically singular one', () => {
    assert.equal(choleskyInPlace(Float64Array.of(1, 1, 1, 1), 2), 1);
    // [[1, c], [c, c²]] with c = 0.1·3: c² − c·c rounds to a pivot at the rounding level of c².
    const c = 0.1 * 3;
    const a = Float64Array.of(1, c, c, c * c + 2 ** -56); // one ulp above c²
    assert.equal(choleskyInPlace(a, 2), 1);
    assert.ok(a[3]! > 0 && a[3]! <= 2 * 2 ** -52 * (c * c), `pivot ${a[3]}`);
  });

  it('rejects a rank-deficient 50×50 matrix at its first dependent row', () => {
    const n = 50;
    const rnd = seededRandom(9);
    const b = Float64Array.from({ length: n * 10 }, () => rnd() - 0.5); // rank 10
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < 10; k++) a[i * n + j]! += b[i * 10 + k]! * b[j * 10 + k]!;
    assert.equal(choleskyInPlace(a, n), 10);
  });

  it('works on widely scaled variables (the pivot threshold is relative to each diagonal entry)', () => {
    const s = [1e-150, 1, 1e150];
    const base = Float64Array.of(1, 0.5, 0.2, 0.5, 1, 0.3, 0.2, 0.3, 1);
    const a = base.map((x, k) => x * s[Math.floor(k / 3)]! * s[k % 3]!);
    assert.equal(choleskyInPlace(a, 3), -1);
    const l = base.slice();
    choleskyInPlace(l, 3);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j <= i; j++) {
        const expected = l[i * 3 + j]! * s[i]!;
        assert.ok(Math.abs(a[i * 3 + j]! - expected) <= 4e-16 * Math.abs(expected), `[${i}][${j}]: ${a[i * 3 + j]} vs ${expected}`);
      }
    }
  });
});

describe('forwardSolveInPlace and sumLogDiagonal', () => {
  it('solves [[2, 0], [1, 2]]·y = [2, 5]: y = [1, 2]', () => {
    const y = Float64Array.of(2, 5);
    forwardSolveInPlace(Float64Array.of(2, 0, 1, 2), 2, y);
    assert.deepEqual(Array.from(y), [1, 2]);
  });

  it('solves L·y = b with residual at rounding level (n = 37)', () => {
    const n = 37;
    const l = randomSpd(n, 5);
    choleskyInPlace(l, n);
    const rnd = seededRandom(6);
    const b = Float64Array.from({ length: n }, () => rnd());
    const y = b.slice();
    forwardSolveInPlace(l, n, y);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k <= i; k++) s += l[i * n + k]! * y[k]!;
      assert.ok(Math.abs(s - b[i]!) <= 1e-14, `row ${i}: ${s} vs ${b[i]}`);
    }
  });

  it('gives half the log-determinant without forming it: 0.1·I in 400 dimensions has ln|A| = 400 ln 0.1', () => {
    const n = 400;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) a[i * n + i] = 0.1;
    assert.equal(choleskyInPlace(a, n), -1);
    const expected = 200 * Math.log(0.1); // ½·ln|A|
    const actual = sumLogDiagonal(a, n);
    assert.ok(Math.abs(actual - expected) <= 1e-15 * Math.abs(expected), `expected ${expected}, actual ${actual}`);
  });
});
