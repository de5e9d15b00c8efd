/**
 * The error contract every measure of two distributions shares with klDivergence, as one suite each measure's
 * test file runs: the same codes, locations and messages for the same misuse.
 */
import { strict as assert } from 'node:assert';
import { DivergenceError, type MeasureOptions } from '../../../src/core';

type PairMeasure = (p: ArrayLike<number>, q: ArrayLike<number>, options?: MeasureOptions) => { readonly value: number };

export function describeErrorContract(name: string, measure: PairMeasure): void {
  describe(`${name}: errors (as klDivergence)`, () => {
    it('names the array, the 0-based index and the value of a bad value; P before Q at the same index', () => {
      assert.throws(() => measure([0.5, -1, 0.5], [0.3, 0.3, 0.4]), (e: unknown) => {
        assert.ok(e instanceof DivergenceError);
        assert.equal(e.code, 'invalid-value');
        assert.deepEqual(e.location, { array: 'P', index: 1 });
        assert.equal(e.message, 'P[1] is -1 (0-based index 1): probabilities must be finite and non-negative');
        return true;
      });
      for (const bad of [NaN, Infinity, -Infinity, -1e-300]) {
        assert.throws(() => measure([0.5, 0.5], [0.5, bad]), {
          code: 'invalid-value',
          location: { array: 'Q', index: 1 },
          message: `Q[1] is ${String(bad)} (0-based index 1): probabilities must be finite and non-negative`,
        });
      }
      assert.throws(() => measure([1, 1, -1], [1, NaN, 1]), { location: { array: 'Q', index: 1 } });
      assert.throws(() => measure([1, -1, 1], [1, NaN, 1]), { location: { array: 'P', index: 1 } });
      // A zero in Q where P > 0 (infinite for some measures) does not stop the validation.
      assert.throws(() => measure([1, 1, 1], [0, 1, -1]), { location: { array: 'Q', index: 2 } });
      assert.throws(() => measure([0, NaN], [0, 0], { input: 'log' }), {
        message: 'P[1] is NaN (0-based index 1): log-probabilities must be finite or -Infinity',
      });
      assert.throws(() => measure([0, 0], [Infinity, 0], { input: 'logits' }), {
        message: 'Q[0] is Infinity (0-based index 0): logits must be finite or -Infinity',
      });
    });

    it('length mismatch with both lengths, empty input, zero sums (P first)', () => {
      assert.throws(() => measure([1, 2, 3], [1, 2, 3, 4]), { code: 'length-mismatch', message: 'P has 3 values and Q has 4' });
      assert.throws(() => measure([1], [1, 2]), { code: 'length-mismatch', message: 'P has 1 value and Q has 2 values' });
      assert.throws(() => measure([], []), { code: 'empty-input', location: { array: 'P' } });
      assert.throws(() => measure([1], []), { code: 'empty-input', location: { array: 'Q' } });
      assert.throws(() => measure([0, 0], [1, 1]), { code: 'zero-sum', location: { array: 'P' } });
      assert.throws(() => measure([1, 1], [0, 0]), { code: 'zero-sum', location: { array: 'Q' } });
      assert.throws(() => measure([0, 0], [0, 0], { normalize: false }), { code: 'zero-sum', location: { array: 'P' } });
      assert.throws(() => measure([-Infinity], [0], { input: 'log' }), { code: 'zero-sum', location: { array: 'P' } });
    });

    it('bad options: base and input kind give invalid-parameter', () => {
      assert.throws(() => measure([1], [1], { base: 1 }), { code: 'invalid-parameter' });
      assert.throws(() => measure([1], [1], { base: 'two' }), { code: 'invalid-parameter' });
      assert.throws(() => measure([1], [1], { input: 'odds' as 'log' }), {
        code: 'invalid-parameter',
        message: "input must be 'prob', 'log' or 'logits', not 'odds'",
      });
    });

    it('is never NaN, also for extreme values (subnormals, overflowing sums, disjoint supports)', () => {
      const cases: [number[], number[]][] = [
        [[5e-324, 1], [1, 5e-324]],
        [[1e308, 1e308], [1e-300, 1e308]],
        [[1, 0], [0, 1]],
        [[1e-320, 0], [0, 1e-320]],
        [[1.7976931348623157e308, 0, 1], [0, 1.7976931348623157e308, 1]],
      ];
      for (const [p, q] of cases) {
        for (const normalize of [true, false]) {
          const v = measure(p, q, { normalize }).value;
          assert.ok(!Number.isNaN(v), `${name}(${p}, ${q}, normalize ${normalize}) is NaN`);
        }
      }
      for (const [a, b] of [[[0, -Infinity], [-Infinity, 0]], [[800, 0], [0, -800]], [[-1e308, 1e308], [1e308, -1e308]]]) {
        for (const input of ['log', 'logits'] as const) {
          for (const normalize of [true, false]) {
            const v = measure(a!, b!, { input, normalize }).value;
            assert.ok(!Number.isNaN(v), `${name}(${a}, ${b}, ${input}, normalize ${normalize}) is NaN`);
          }
        }
      }
    });
  });
}
