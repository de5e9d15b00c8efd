import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { jsonArray, MAX_JSON_DEPTH } from '../../../src/data/json';
import { assertValues, expectError, onlyDivergenceErrors } from './dataAssert';

const examples = join(__dirname, '..', '..', '..', 'examples');
const penguinsText = readFileSync(join(examples, 'penguins.json'), 'utf8');
const penguins = JSON.parse(penguinsText) as Record<string, number | string | null>[];

describe('json', () => {
  describe('arrays', () => {
    it('a top-level array of numbers, exactly', () => {
      const a = jsonArray('[0.36, 0.48, 0.16, -0, 1e-320, 1.7976931348623157e308]');
      assertValues(a.values, [0.36, 0.48, 0.16, -0, 1e-320, 1.7976931348623157e308]);
      assert.deepEqual(a.shape, [6]);
      assert.equal(a.skipped, 0);
    });

    it('rows: values row-major with their shape; a single number is 0-D', () => {
      const a = jsonArray('[[1, 2, 3],\n [4, 5, 6]]');
      assertValues(a.values, [1, 2, 3, 4, 5, 6]);
      assert.deepEqual(a.shape, [2, 3]);
      const s = jsonArray(' 2.5 ');
      assertValues(s.values, [2.5]);
      assert.deepEqual(s.shape, []);
    });

    it('NaN, Infinity and -Infinity as Python json.dump writes them', () => {
      assertValues(jsonArray('[NaN, Infinity, -Infinity, 0.5]').values, [NaN, Infinity, -Infinity, 0.5]);
      assertValues(jsonArray('{"logp": [-Infinity, -0.69]}', 'logp').values, [-Infinity, -0.69]);
    });

    it('a BOM is skipped and positions still count it', () => {
      assertValues(jsonArray('\ufeff[1, 2]').values, [1, 2]);
      expectError(() => jsonArray('\ufeff[1, x]'), 'parse-error', { line: 1, column: 6, offset: 5 });
    });
  });

  describe('key paths', () => {
    const doc = '{\n  "p": [0.5, 0.5],\n  "model": {"layers": [{"w": [1, 2]}, {"w": [3, 4]}], "p.value": [9]},\n  "n": 3\n}';

    it('a key, a dotted path with indices, a key containing dots', () => {
      assertValues(jsonArray(doc, 'p').values, [0.5, 0.5]);
      assertValues(jsonArray(doc, 'model.layers.1.w').values, [3, 4]);
      assertValues(jsonArray(doc, 'model.p.value').values, [9]);
      assertValues(jsonArray(doc, 'p.1').values, [0.5]);
      assert.deepEqual(jsonArray(doc, 'n').shape, []);
    });

    it('records: a field of every record, also through nested objects', () => {
      assertValues(jsonArray(doc, 'model.layers.w.0').values, [1, 3]);
      assertValues(jsonArray('[{"a": {"b": 1}}, {"a": {"b": 2}}]', 'a.b').values, [1, 2]);
    });

    it('a path that is not there says what is', () => {
      expectError(() => jsonArray(doc, 'q'), 'parse-error', { line: 1, column: 1 }, "the top level has no key 'q'; its keys: 'p', 'model', 'n' (line 1, column 1)");
      expectError(() => jsonArray(doc, 'model'), 'parse-error', { line: 3, column: 12 }, /^'model' is an object, not an array; name one of its keys after 'model': 'layers', 'p.value'/);
      expectError(() => jsonArray(doc, 'p.5'), 'parse-error', { line: 2, column: 8 }, /^'p' has 2 elements; there is no element 5/);
      expectError(() => jsonArray(doc, 'n.x'), 'parse-error', { line: 4, column: 8 }, /^'n' is a number: there is no key 'x' in it/);
      expectError(() => jsonArray(doc), 'parse-error', undefined, /^the top level is an object, not an array; name one of its keys: 'p', 'model', 'n'/);
    });
  });

  describe('penguins.json (vega-datasets records)', () => {
    it('Body Mass (g) has nulls: an error naming the first record, its position and the count', () => {
      const nulls = penguins.flatMap((r, i) => (r['Body Mass (g)'] === null ? [i] : []));
      assert.deepEqual(nulls, [3, 339]);
      const line = penguinsText.slice(0, penguinsText.indexOf('"Body Mass (g)": null')).split('\n').length;
      expectError(
        () => jsonArray(penguinsText, 'Body Mass (g)'),
        'parse-error',
        { line, column: 22, index: 3 },
        `record 3 has null for 'Body Mass (g)': 2 of 344 records lack a number there (records 3, 339) (line ${line}, column 22)`,
      );
    });

    it("missing: 'skip' leaves them out and says how many", () => {
      const a = jsonArray(penguinsText, 'Body Mass (g)', { missing: 'skip' });
      const expected = penguins.map((r) => r['Body Mass (g)']).filter((v): v is number => typeof v === 'number');
      assertValues(a.values, expected);
      assert.equal(a.skipped, 2);
      assert.deepEqual(a.shape, [342]);
    });

    it('a text field, a missing field, and no field at all', () => {
      expectError(() => jsonArray(penguinsText, 'Species'), 'parse-error', { line: 3, column: 16, index: 0 }, "record 0 has a string ('Adelie') for 'Species', not a number (line 3, column 16)");
      expectError(() => jsonArray(penguinsText, 'Mass'), 'parse-error', { index: 0 }, /^no record has a number for 'Mass'; record 0 has no 'Mass': 344 of 344 records/);
      expectError(() => jsonArray(penguinsText), 'parse-error', { line: 1, column: 1 }, /^the top level is an array of records; name a field: 'Species', 'Island',/);
    });
  });

  describe('errors', () => {
    it('syntax errors: line and column of the offending character', () => {
      expectError(() => jsonArray('[1,\n 2,}'), 'parse-error', { line: 2, column: 4, offset: 7 }, "line 2, column 4: unexpected '}' where a value should be");
      expectError(() => jsonArray('[1 2]'), 'parse-error', { line: 1, column: 4 }, "line 1, column 4: expected ',' or ']', found '2'");
      expectError(() => jsonArray('[1,]'), 'parse-error', { line: 1, column: 4 });
      expectError(() => jsonArray('{"a": 1'), 'parse-error', { line: 1, column: 8 }, 'line 1, column 8: the text ends inside an object');
      expectError(() => jsonArray('["ab'), 'parse-error', { line: 1, column: 2 }, 'line 1, column 2: a string is never closed');
      expectError(() => jsonArray('{a: 1}'), 'parse-error', { line: 1, column: 2 }, "line 1, column 2: expected a key in double quotes, found 'a'");
      expectError(() => jsonArray('[1] 2'), 'parse-error', { line: 1, column: 5 }, "line 1, column 5: unexpected '2' after the end of the JSON value");
      expectError(() => jsonArray('[-]'), 'parse-error', { line: 1, column: 3 }, "line 1, column 3: a digit must follow '-'");
      expectError(() => jsonArray(''), 'parse-error', { line: 1, column: 1 }, 'line 1, column 1: the text ends where a value should be');
      expectError(() => jsonArray('[nan]'), 'parse-error', { line: 1, column: 2 });
    });

    it('elements of the wrong kind: index and position', () => {
      expectError(() => jsonArray('[1, null, 3]'), 'parse-error', { line: 1, column: 5, index: 1 }, 'element 1 of the top level is null, not a number (line 1, column 5)');
      expectError(() => jsonArray('[1, "2"]'), 'parse-error', { index: 1 }, /element 1 of the top level is a string \('2'\), not a number/);
      expectError(() => jsonArray('[1, [2]]'), 'parse-error', { index: 1 }, /element 1 of the top level is an array, but element 0 is a number/);
      expectError(() => jsonArray('[[1, 2], [3]]'), 'parse-error', { line: 1, column: 10, index: 1 }, 'row 1 of the top level has 1 element but row 0 has 2 (line 1, column 10)');
      expectError(() => jsonArray('[[1, 2], [3, true]]'), 'parse-error', { index: 3 }, /element \[1\]\[1\] of the top level is true, not a number/);
      expectError(() => jsonArray('[[[1]]]'), 'unsupported-file', undefined, 'the top level has 3 or more dimensions; only 1-D and 2-D arrays are read');
      expectError(() => jsonArray('[]'), 'empty-input', undefined, 'the array at the top level is empty');
      expectError(() => jsonArray('"x"'), 'parse-error', undefined, /the top level is a string \('x'\), not an array of numbers/);
    });

    it(`nesting deeper than ${MAX_JSON_DEPTH} levels is refused before JSON.parse, at its position`, () => {
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const t0 = Date.now();
      expectError(() => jsonArray(deep), 'parse-error', { line: 1, column: MAX_JSON_DEPTH + 1 }, /nest deeper than 10000 levels/);
      expectError(() => jsonArray(`{"a": ${'{"a": '.repeat(20_000)}1${'}'.repeat(20_001)}`), 'parse-error', undefined, /nest deeper than 10000 levels/);
      assert.ok(Date.now() - t0 < 2000);
      // Brackets inside strings do not count.
      assertValues(jsonArray(`{"s": "${'['.repeat(20_000)}", "v": [1]}`, 'v').values, [1]);
    });

    it('binary input is unsupported-file', () => {
      expectError(() => jsonArray('[1, 2]\u0000\u0000'), 'unsupported-file', { offset: 6 });
    });
  });

  describe('properties', () => {
    const seed = 20240522;

    it('any array of finite doubles round-trips through JSON.stringify', () => {
      fc.assert(
        fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 50 }), (xs) => {
          assertValues(jsonArray(JSON.stringify(xs)).values, xs.map((x) => (Object.is(x, -0) ? 0 : x)));
        }),
        { seed, numRuns: 1000 },
      );
    });

    it('garbage never throws anything but a DivergenceError', () => {
      const alphabet = fc.constantFrom('[', ']', '{', '}', ',', ':', '"', '1', '-', '.5', 'e3', 'NaN', 'null', 'true', ' ', '\n', 'a', '\\', '-Infinity');
      fc.assert(
        fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), fc.constantFrom(undefined, 'a', '0', 'a.b'), (text, key) => {
          onlyDivergenceErrors(() => jsonArray(text, key));
        }),
        { seed, numRuns: 3000 },
      );
    });
  });
});
