/** Assertions shared by the data reader tests. */
import { strict as assert } from 'node:assert';
import { DivergenceError, type DivergenceErrorCode, type ErrorLocation } from '../../../src/core/errors';

/** Element-wise Object.is, so -0 and NaN are checked exactly; prints index, expected and actual. */
export function assertValues(actual: ArrayLike<number>, expected: ArrayLike<number>, context = ''): void {
  assert.equal(actual.length, expected.length, `length ${context}`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      assert.fail(`element ${i}: expected ${Object.is(expected[i], -0) ? '-0' : expected[i]}, got ${Object.is(actual[i], -0) ? '-0' : actual[i]} ${context}`);
    }
  }
}

/**
 * Runs `fn`, which must throw a DivergenceError with `code`; checks the location fields given and the message
 * (exact string or pattern). Returns the error.
 */
export function expectError(fn: () => unknown, code: DivergenceErrorCode, location?: Partial<ErrorLocation>, message?: string | RegExp): DivergenceError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof DivergenceError, `expected a DivergenceError, got ${caught instanceof Error ? caught.stack : String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (location) {
    for (const [k, v] of Object.entries(location)) {
      assert.equal(caught.location[k as keyof ErrorLocation], v, `location.${k} in: ${caught.message} ${JSON.stringify(caught.location)}`);
    }
  }
  if (typeof message === 'string') assert.equal(caught.message, message);
  else if (message !== undefined) assert.match(caught.message, message);
  assert.doesNotMatch(caught.message, /\n/, 'messages are one line');
  return caught;
}

/** Runs `fn`; anything it throws must be a DivergenceError (for fuzzing). */
export function onlyDivergenceErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DivergenceError)) throw e;
    assert.doesNotMatch(e.message, /\n/, 'messages are one line');
  }
}

/** The JSON encoding of scripts/gen_data_fixtures.py: strings for NaN, ±Infinity and -0. */
export function decodeExpected(values: readonly (number | string)[]): number[] {
  return values.map((v) => (v === '-0' ? -0 : typeof v === 'string' ? Number(v) : v));
}
