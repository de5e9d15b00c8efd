/**
 * The scale-invariance oracle of the fuzz suites: a normalised measure of P and Q is unchanged when P and Q
 * are multiplied by a power of two 2^k, for every k that keeps the values exact, down to the deepest
 * subnormals. The generated values are integers m < 2^20 (so m·2^k is exact for every k ≥ -1074) or doubles
 * in [2^-30, 1] (exact while m·2^k stays normal), with zeros among them.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { powerOfTwoFactors } from '../../../src/core/distributionInput';
import { isDivergenceError } from '../../../src/core';

/** Bits of the integer values: sums of up to 12 of them stay below 2^24. */
const INTEGER_BITS = 20;
const LENGTH = { minLength: 1, maxLength: 12 } as const;

const integerValue = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 2 ** INTEGER_BITS - 1 }) });
const doubleValue = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.double({ min: 2 ** -30, max: 1, noNaN: true }) });

/** P, Q of one length and k: k over the whole range where every value·2^k is exact and every sum finite. */
export const scaledPair = fc.oneof(
  fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.tuple(fc.array(integerValue, { minLength: n, maxLength: n }), fc.array(integerValue, { minLength: n, maxLength: n }), fc.integer({ min: -1074, max: 1023 - INTEGER_BITS - 4 })),
  ),
  fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.tuple(fc.array(doubleValue, { minLength: n, maxLength: n }), fc.array(doubleValue, { minLength: n, maxLength: n }), fc.integer({ min: -1022 + 30, max: 1023 - 4 })),
  ),
);

/** One distribution and k, as {@link scaledPair}. */
export const scaledVector = fc.tuple(fc.array(integerValue, LENGTH), fc.integer({ min: -1074, max: 1023 - INTEGER_BITS - 4 }));

/** x·2^k, exactly for the values above. */
export function scaled(x: readonly number[], k: number): number[] {
  const [f1, f2] = powerOfTwoFactors(k);
  return x.map((v) => v * f1 * f2);
}

/**
 * Relative tolerance of the oracle: 2^-44 (about 5.7e-14), a few hundred ulps. Both results are computed from
 * the same values up to a power of two; they differ only where a term of the unscaled or scaled input
 * rounds in the subnormal range (at most 2^-115 of a sum from 2^-960, far below this), or where the
 * two inputs take different branches (a sum near 2^960 or 2^-960).
 */
export const SCALE_TOLERANCE = 2 ** -44;
/** Absolute tolerance for results near 0 (nearly equal P and Q): the rounding of 1 in the normalised sums. */
export const SCALE_ABSOLUTE_TOLERANCE = 2 ** -100;

/**
 * Asserts that `f` gives the same outcome for the inputs as given and scaled: the same error code, or values
 * equal within the tolerances (the same infinity).
 */
export function assertScaleInvariant(f: (scale: (x: readonly number[]) => number[]) => number, k: number): void {
  const plain = outcome(() => f((x) => [...x]));
  const atScale = outcome(() => f((x) => scaled(x, k)));
  if (typeof plain === 'string' || typeof atScale === 'string') {
    assert.equal(atScale, plain, 'the same error at every scale');
    return;
  }
  if (!Number.isFinite(plain)) {
    assert.equal(atScale, plain);
    return;
  }
  const tolerance = SCALE_TOLERANCE * Math.abs(plain) + SCALE_ABSOLUTE_TOLERANCE;
  assert.ok(Math.abs(atScale - plain) <= tolerance, `unscaled ${plain}, scaled by 2^${k}: ${atScale} (difference ${atScale - plain})`);
}

function outcome(f: () => number): number | string {
  try {
    return f();
  } catch (e) {
    if (isDivergenceError(e)) return e.code;
    throw e;
  }
}
