/**
 * Shared by the WASM vs TS parity tests of the measures with kernels (entropyParity, crossEntropyParity, mvnParity,
 * mvnThreads): input generators around the kernels' vector (4), block (64) and chunk (2^20) boundaries, random
 * SPD matrices, and error capture.
 */
import { strict as assert } from 'node:assert';
import { DivergenceError } from '../../../src/core/errors';

/** The unit roundoff of doubles. */
export const U = 2 ** -53;

/** Sizes around the vector, block and auto-threshold boundaries. */
export const SIZES = [1, 2, 3, 4, 5, 7, 8, 9, 63, 64, 65, 67, 127, 128, 129, 255, 256, 257, 511, 512, 513, 1023, 1024, 1025, 2047, 2048, 2049, 4095, 4096, 4097, 5000];

export type Kind = 'uniform' | 'zeros' | 'subnormals' | 'exponent range' | 'counts' | 'one dominant' | 'huge' | 'ties';
export const KINDS: readonly Kind[] = ['uniform', 'zeros', 'subnormals', 'exponent range', 'counts', 'one dominant', 'huge', 'ties'];

/** n values of the given kind (at least one positive). */
export function generate(kind: Kind, n: number, random: () => number): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = random();
    switch (kind) {
      case 'zeros':
        if (random() < 0.3) x[i] = 0;
        break;
      case 'subnormals':
        if (random() < 0.05) x[i] = random() * 2e-308;
        break;
      case 'exponent range':
        x[i] = 10 ** (600 * random() - 300);
        break;
      case 'counts':
        x[i] = Math.floor(10 * random());
        break;
      case 'one dominant':
        x[i] = random() * 1e-12;
        break;
      case 'huge':
        x[i] = random() * 1e300;
        break;
      case 'ties':
        x[i] = 1 + Math.floor(3 * random());
        break;
      case 'uniform':
        break;
    }
  }
  if (kind === 'one dominant') x[Math.floor(random() * n)] = 1;
  if (!x.some((v) => v > 0)) x[0] = 1;
  return x;
}

/** The DivergenceError f throws. */
export function errorOf(f: () => unknown): DivergenceError {
  try {
    f();
  } catch (e) {
    if (e instanceof DivergenceError) return e;
    throw e;
  }
  assert.fail('expected a DivergenceError');
}

/** a and b within tol (equal infinities included). */
export function within(a: number, b: number, tol: number): boolean {
  return a === b || Math.abs(a - b) <= tol;
}

/** A random SPD d×d matrix B·Bᵀ/r + δI (row-major, exactly symmetric), condition number growing as δ shrinks. */
export function spd(d: number, random: () => number, delta = 0.5, r = d + 3): Float64Array {
  const b = Float64Array.from({ length: d * r }, () => 2 * random() - 1);
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < r; k++) s += b[i * r + k]! * b[j * r + k]!;
      a[i * d + j] = a[j * d + i] = s / r + (i === j ? delta : 0);
    }
  }
  return a;
}
