/**
 * parseDecimalBytes must give, for every text, what parseDecimal gives for the same text as a string: the
 * very double `Number()` gives (0 ulps, -0 and NaN included), or undefined where parseDecimal refuses. Checked
 * on random doubles printed shortest, with 16, 17, 19 and 21 digits and in exponent form, on long mantissas,
 * exponents near underflow and overflow, subnormals, exact halfway cases, and the spellings the grammar
 * accepts or refuses.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseDecimalBytes } from '../../../src/data/fastFloat';
import { parseDecimal } from '../../../src/data/parseDecimal';

const encoder = new TextEncoder();

function check(text: string): void {
  const bytes = encoder.encode(text);
  const got = parseDecimalBytes(bytes, 0, bytes.length);
  const want = parseDecimal(text, 0, text.length);
  assert.ok(Object.is(got, want), `${JSON.stringify(text)}: expected ${want}, got ${got}`);
}

/** Random doubles over the whole range, from random bit patterns (finite ones). */
function randomDoubles(count: number, seed: number): number[] {
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  const out: number[] = [];
  while (out.length < count) {
    words[0] = next();
    words[1] = next();
    if (Number.isFinite(bits[0])) out.push(bits[0]);
  }
  return out;
}

describe('parseDecimalBytes', () => {
  it('reads random doubles printed shortest, and with 16, 17, 19 and 21 digits, to the double Number() gives', () => {
    for (const x of randomDoubles(10_000, 20261207)) {
      check(String(x));
      check(x.toPrecision(16));
      check(x.toPrecision(17));
      check(x.toExponential(18));
      check(x.toPrecision(21));
    }
  });

  it('reads random values of every scale between 1e-30 and 1e30 (the double-double lane)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-30, max: 1e30, noNaN: true }), fc.integer({ min: 1, max: 21 }), (x, digits) => {
        check(x.toPrecision(digits));
        check(String(x));
      }),
      { seed: 20261207, numRuns: 20_000 },
    );
  });

  it('reads exact halfway cases, powers of two and their neighbours, as Number() does', () => {
    const cases = [
      '9007199254740993', // 2^53 + 1: halfway between 2^53 and 2^53 + 2, ties to even
      '9007199254740995',
      '9007199254740992',
      '18014398509481985',
      '2.2250738585072011e-308', // below the smallest normal, rounds up to it
      '2.2250738585072012e-308',
      '2.2250738585072014e-308',
      '4.9406564584124654e-324', // the smallest subnormal
      '2.4703282292062327e-324', // half of it: rounds to 0
      '2.4703282292062328e-324',
      '1.7976931348623157e308',
      '1.7976931348623158e308', // rounds down to the largest double
      '1.7976931348623159e308', // overflows to Infinity
      '1e308',
      '1e309',
      '1e-324',
      '1e-400',
      '1e400',
      '0.1',
      '0.3',
      '1.5',
      '123456789012345678901234567890',
      '0.000000000000000000000000000000000001234567890123456789',
      '1.00000000000000011102230246251565404236316680908203125', // 1 + 2^-53 written out: halfway
      '1.00000000000000011102230246251565404236316680908203126',
      '1.00000000000000011102230246251565404236316680908203124',
      '7.2057594037927933e16', // 2^56 + 1 area
      '5e-324',
      '8.98846567431158e307',
      '4503599627370496.5', // halfway at 2^52
      '4503599627370497.5',
      '1e22',
      '1e23',
      '9999999999999999999',
      '99999999999999999999',
      '1.2345678901234567e-260',
      '1.2345678901234567e-261',
      '1.2345678901234567e260',
      '1.2345678901234567e261',
    ];
    for (const text of cases) {
      check(text);
      check(`-${text}`);
    }
    for (let e = -330; e <= 310; e++) {
      check(`1e${e}`);
      check(`9.999999999999999e${e}`);
      check(`2.2250738585072014e${e}`);
    }
  });

  it('accepts and refuses the spellings parseDecimal accepts and refuses', () => {
    const spellings = [
      '+1', '-1', '+', '-', '', ' ', '007', '-007.50', '.5', '5.', '-.5', '+.5e1', '.', '.e1', '5.e3', '1e', '1e+', '1e-',
      '1E5', '1e+05', '1e-05', '1.2.3', '1e5e5', '1e5.5', '12abc', 'abc', '0x10', '1_000', '1,000', ' 1.5 ', '\t2\t',
      'nan', 'NaN', 'NAN', '-nan', '+nan', 'inf', '-inf', '+Inf', 'INF', 'infinity', '-Infinity', 'INFINITY', 'infinit',
      'infinityy', 'na', 'nan5', 'inf5', 'in', 'none', '0', '-0', '+0', '-0.0', '0e999999', '-0e-999999', '1e99999999999',
      '1e-99999999999', '00000000000000000000001', '0.00000000000000000000001', '1' + '0'.repeat(400), '0.' + '0'.repeat(400) + '1',
      '١', '1\u00a0', '−1',
    ];
    for (const text of spellings) check(text);
  });

  it('reads digits of any length and exponent to what Number() gives', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[+-]?[0-9]{0,25}(\.[0-9]{0,25})?([eE][+-]?[0-9]{1,3})?$/), (text) => check(text)),
      { seed: 20261208, numRuns: 20_000 },
    );
  });
});
