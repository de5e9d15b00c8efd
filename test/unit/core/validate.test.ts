import { strict as assert } from 'node:assert';
import { DivergenceError } from '../../../src/core/errors';
import { findInvalidValue, isAdmissible, validatePair } from '../../../src/core/validate';

describe('validatePair', () => {
  it('accepts finite non-negative probabilities of equal length (zeros and -0 included)', () => {
    validatePair([0, 0.5, -0, 1e308], [1, 2, 3, 5e-324]);
  });

  it('names the first bad value: "P[1] is -1 (0-based index 1): probabilities must be finite and non-negative"', () => {
    assert.throws(
      () => validatePair([0.5, -1], [0.5, 0.5]),
      (e: unknown) =>
        e instanceof DivergenceError &&
        e.code === 'invalid-value' &&
        e.location.array === 'P' &&
        e.location.index === 1 &&
        e.message === 'P[1] is -1 (0-based index 1): probabilities must be finite and non-negative',
    );
  });

  it('checks lengths before values', () => {
    assert.throws(() => validatePair([NaN], [1, 2]), { code: 'length-mismatch', message: 'P has 1 value and Q has 2 values' });
    assert.throws(() => validatePair([], [1]), { code: 'empty-input', message: 'P has no values' });
  });

  it('log-probabilities and logits: finite or -Infinity', () => {
    validatePair([0, -Infinity, -700], [3, 1e300, -Infinity], 'log');
    assert.throws(() => validatePair([0, Infinity], [0, 0], 'logits'), {
      message: 'P[1] is Infinity (0-based index 1): logits must be finite or -Infinity',
    });
  });
});

describe('findInvalidValue / isAdmissible', () => {
  it('scans by index, P before Q at the same index', () => {
    assert.deepEqual(findInvalidValue([1, -1], [NaN, 1])?.location, { array: 'Q', index: 0 });
    assert.deepEqual(findInvalidValue([1, -1], [1, NaN])?.location, { array: 'P', index: 1 });
    assert.equal(findInvalidValue([1, 2], [3, 4]), undefined);
  });

  it('admits exactly the documented values', () => {
    assert.deepEqual([0, -0, 1, Infinity, -1, NaN].map((x) => isAdmissible(x, 'prob')), [true, true, true, false, false, false]);
    assert.deepEqual([0, -Infinity, -1, Infinity, NaN].map((x) => isAdmissible(x, 'log')), [true, true, true, false, false]);
  });
});
