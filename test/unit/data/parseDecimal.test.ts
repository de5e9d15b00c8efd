import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseDecimal } from '../../../src/data/parseDecimal';
import { assertValues } from './dataAssert';

function parse(s: string): number | undefined {
  return parseDecimal(s, 0, s.length);
}

describe('parseDecimal', () => {
  it('the grammar: signs, fractions, exponents, surrounding blanks, non-finite words', () => {
    const ok: [string, number][] = [
      ['0', 0],
      ['-0', -0],
      ['+3', 3],
      ['1.5', 1.5],
      ['5.', 5],
      ['.5', 0.5],
      ['-.5e1', -5],
      ['1e-3', 0.001],
      ['2E+5', 200000],
      [' \t7 ', 7],
      ['007', 7],
      ['nan', NaN],
      ['NaN', NaN],
      ['-inf', -Infinity],
      ['Infinity', Infinity],
      ['1e400', Infinity],
      ['-1e-400', -0],
    ];
    assertValues(ok.map(([s]) => parse(s) as number), ok.map(([, v]) => v));
    for (const s of ['', ' ', '-', '+', '.', 'e5', '1e', '1e+', '1.2.3', '0x1F', '1_000', '1,5', 'NA', 'infinite', '--1', '1 2', '1d0', '٣']) {
      assert.equal(parse(s), undefined, JSON.stringify(s));
    }
  });

  it('reads a range of a larger text without slicing its neighbours', () => {
    assert.equal(parseDecimal('a,12.5,b', 2, 6), 12.5);
    assert.equal(parseDecimal('-1', 1, 2), 1);
  });

  it('is correctly rounded: the same double as Number() for any decimal text', () => {
    const digits = fc.stringMatching(/^[0-9]{1,25}$/);
    fc.assert(
      fc.property(fc.boolean(), digits, fc.option(digits), fc.option(fc.integer({ min: -340, max: 320 })), (neg, int, frac, exp) => {
        const s = `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `e${exp}`}`;
        assert.ok(Object.is(parse(s), Number(s)), `${s}: ${parse(s)} vs ${Number(s)}`);
      }),
      { seed: 20240526, numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.double(), (x) => {
        const s = Object.is(x, -0) ? '-0' : String(x);
        assert.ok(Object.is(parse(s), x), s);
      }),
      { seed: 20240526, numRuns: 3000 },
    );
  });
});
