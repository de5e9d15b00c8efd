/**
 * fast-check arbitraries and checks shared by the property tests of the discrete measures. Every property
 * runs with a fixed seed (`PROPERTY_RUNS`), so a failure reproduces.
 */
import fc from 'fast-check';

/** Seeded runs: fc.assert(property, PROPERTY_RUNS). */
export const PROPERTY_RUNS = { seed: 20250301, numRuns: 200 } as const;

/** Zeros, and values far enough from the subnormals that rescaling by 2^±60 stays exact. */
export const value = fc.oneof(fc.constant(0), fc.double({ min: 1e-200, max: 1e6, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }));

/** n values, at least one positive. */
export function distribution(n: number): fc.Arbitrary<number[]> {
  return fc.array(value, { minLength: n, maxLength: n }).filter((x) => x.some((v) => v > 0));
}

/** Two distributions of a common length 1..40. */
export const pair = fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(distribution(n), distribution(n)));

/** Two distributions without zeros (every measure finite). */
export const positivePair = fc
  .integer({ min: 1, max: 40 })
  .chain((n) => fc.tuple(fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: n, maxLength: n }), fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: n, maxLength: n })));

/** A permutation of 0..n-1 from a seed (Fisher–Yates with a small LCG). */
export function permutation(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

export function permute(x: readonly number[], order: readonly number[]): number[] {
  return order.map((i) => x[i]!);
}

/** a and b agree to `rtol` relative (both infinite and equal counts as agreeing). */
export function close(a: number, b: number, rtol: number, atol = 0): boolean {
  return a === b || Math.abs(a - b) <= Math.max(rtol * Math.max(Math.abs(a), Math.abs(b)), atol);
}
