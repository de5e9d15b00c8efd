import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseTextMatrix, parseTextNumbers } from '../../../src/data/textNumbers';
import { assertValues, expectError, onlyDivergenceErrors } from './dataAssert';

describe('textNumbers', () => {
  it('numbers separated by newlines, spaces, tabs and commas, with # comments', () => {
    assertValues(parseTextNumbers('0.36\n0.48\n0.16\n'), [0.36, 0.48, 0.16]);
    assertValues(parseTextNumbers('# weights\n1 2\t3,4 , 5,\n6 # six\r\n\r\n7e-1,-.5, +8.\n'), [1, 2, 3, 4, 5, 6, 0.7, -0.5, 8]);
    assertValues(parseTextNumbers('nan inf -Infinity -0'), [NaN, Infinity, -Infinity, -0]);
  });

  it('np.savetxt output of a matrix', () => {
    const text = '1.000000000000000000e+00 2.500000000000000000e-01\n-3.000000000000000000e+00 4.000000000000000083e-01\n';
    assertValues(parseTextNumbers(text), [1, 0.25, -3, 0.4]);
    const m = parseTextMatrix(text);
    assertValues(m.values, [1, 0.25, -3, 0.4]);
    assert.deepEqual(m.shape, [2, 2]);
  });

  it('matrix shapes: one line or one number a line is a vector; ragged lines are an error', () => {
    assert.deepEqual(parseTextMatrix('1 2 3').shape, [3]);
    assert.deepEqual(parseTextMatrix('1\n2\n# c\n\n3\n').shape, [3]);
    assert.deepEqual(parseTextMatrix('1, 2,\n3, 4,\n5, 6\n').shape, [3, 2]);
    expectError(() => parseTextMatrix('1 2\n3 4\n5\n'), 'parse-error', { line: 3, column: 1 }, 'line 3 has 1 number but the first line has 2');
    expectError(() => parseTextMatrix('1\n2\n3 4\n'), 'parse-error', { line: 3 }, 'line 3 has 2 numbers but the first line has 1');
  });

  it('a token that is not a number: line, column, and the index it would have had', () => {
    expectError(() => parseTextNumbers('1 2\n3 abc 4'), 'parse-error', { line: 2, column: 3, offset: 6, index: 3 }, "line 2, column 3: 'abc' is not a number");
    expectError(() => parseTextNumbers('1;2'), 'parse-error', { line: 1, column: 1 }, "line 1, column 1: '1;2' is not a number");
    expectError(() => parseTextNumbers('[1, 2]'), 'parse-error', { line: 1, column: 1 }, "line 1, column 1: '[1' is not a number");
    expectError(() => parseTextNumbers('1, NA, 3'), 'parse-error', { line: 1, column: 4, index: 1 }, "line 1, column 4: 'NA' is not a number");
    expectError(() => parseTextNumbers('x = 1,000'), 'parse-error', { line: 1, column: 1 });
    expectError(() => parseTextNumbers('2 1,000'), 'parse-error', { line: 1, column: 5, index: 2 }, /^line 1, column 5: '1,000': a comma before a number with a leading zero looks like a thousands separator or a decimal comma/);
    expectError(() => parseTextNumbers('0.5 1,05'), 'parse-error', { line: 1, column: 7 }, /^line 1, column 7: '1,05'/);
    assertValues(parseTextNumbers('1, 000,0.5,0'), [1, 0, 0.5, 0]);
  });

  it('commas: a missing value between two, or one starting a line, is an error', () => {
    expectError(() => parseTextNumbers('1,,3'), 'parse-error', { line: 1, column: 2 }, 'line 1, column 2: two commas with no number between them (a missing value?)');
    expectError(() => parseTextNumbers('1\n, 2'), 'parse-error', { line: 2, column: 1 }, 'line 2, column 1: a comma with no number before it on its line');
  });

  it('empty and binary text', () => {
    expectError(() => parseTextNumbers(''), 'empty-input', undefined, 'the text holds no numbers');
    expectError(() => parseTextNumbers('# only a comment\n\n'), 'empty-input');
    expectError(() => parseTextNumbers('1 2\u0000'), 'unsupported-file', { offset: 3 });
  });

  describe('properties', () => {
    const seed = 20240525;

    it('any array of doubles round-trips through text with random separators', () => {
      const sep = fc.constantFrom(' ', '\n', ', ', ',', '\t', ' \r\n', ' # note\n');
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.double(), sep), { minLength: 1, maxLength: 50 }), (items) => {
          const text = items.map(([x, s]) => (Object.is(x, -0) ? '-0' : String(x)) + s).join('');
          assertValues(parseTextNumbers(text), items.map(([x]) => x));
        }),
        { seed, numRuns: 2000 },
      );
    });

    it('garbage never throws anything but a DivergenceError', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 60 }), (text) => {
          onlyDivergenceErrors(() => parseTextNumbers(text));
          onlyDivergenceErrors(() => parseTextMatrix(text));
        }),
        { seed, numRuns: 2000 },
      );
    });
  });
});
