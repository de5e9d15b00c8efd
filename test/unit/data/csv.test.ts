import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { csvColumn, csvColumnList, csvColumns, parseCsv } from '../../../src/data/csv';
import { assertValues, expectError, onlyDivergenceErrors } from './dataAssert';

const examples = join(__dirname, '..', '..', '..', 'examples');
const seattle = readFileSync(join(examples, 'seattle-weather.csv'), 'utf8');

/** The seattle file read the obvious way (it has no quotes), as an independent reference. */
function seattleColumn(k: number): number[] {
  return seattle
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(',')[k]));
}

describe('csv', () => {
  describe('seattle-weather.csv (vega-datasets)', () => {
    it('finds the header, 1461 rows, and which columns are numeric', () => {
      const t = parseCsv(seattle);
      assert.equal(t.header, true);
      assert.equal(t.rows, 1461);
      assert.equal(t.delimiter, ',');
      assert.deepEqual(
        t.columns.map((c) => [c.name, c.index, c.values === null]),
        [
          ['date', 0, true],
          ['precipitation', 1, false],
          ['temp_max', 2, false],
          ['temp_min', 3, false],
          ['wind', 4, false],
          ['weather', 5, true],
        ],
      );
      assert.deepEqual(t.columns[0].firstBadCell, { line: 2, column: 1, text: '2012-01-01' });
      assert.deepEqual(t.columns[5].firstBadCell, { line: 2, column: 6, text: 'drizzle' });
      for (const k of [1, 2, 3, 4]) assertValues(t.columns[k].values!, seattleColumn(k), t.columns[k].name);
    });

    it('the first numeric column is precipitation; by name and by index give the same values', () => {
      const precipitation = seattleColumn(1);
      assertValues(csvColumn(seattle, undefined), precipitation);
      assertValues(csvColumn(seattle, 'precipitation'), precipitation);
      assertValues(csvColumn(seattle, 1), precipitation);
      assertValues(csvColumn(seattle, '1'), precipitation);
      assertValues(csvColumn(seattle, 'temp_min'), seattleColumn(3));
      const v = csvColumn(seattle, 'precipitation');
      assert.equal(v.length, 1461);
      assertValues(v.subarray(0, 5), [0, 10.9, 0.8, 20.3, 1.3]);
    });

    it('every numeric column as a matrix, and a list of columns', () => {
      const m = csvColumns(seattle, undefined);
      assert.deepEqual(m.shape, [1461, 4]);
      assert.deepEqual(m.names, ['precipitation', 'temp_max', 'temp_min', 'wind']);
      assert.deepEqual(m.indices, [1, 2, 3, 4]);
      assertValues(m.values.subarray(0, 8), [0, 12.8, 5, 4.7, 10.9, 10.6, 2.8, 4.5]);
      const l = csvColumnList(seattle, 'temp_min,temp_max');
      assert.deepEqual(l.shape, [1461, 2]);
      assertValues(l.values.subarray(0, 4), [5, 12.8, 2.8, 10.6]);
      assert.deepEqual(csvColumnList(seattle, '4,1').names, ['wind', 'precipitation']);
    });

    it('a bad selection names what there is', () => {
      expectError(
        () => csvColumn(seattle, 'rain'),
        'parse-error',
        undefined,
        "no column named 'rain'; columns: 'date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather'",
      );
      expectError(() => csvColumn(seattle, 6), 'parse-error', undefined, /^no column 6: the file has 6 columns \(0-based indices 0 to 5\)/);
      expectError(() => csvColumn(seattle, 'weather'), 'parse-error', { line: 2, column: 29, offset: 78, index: 0 }, "line 2, column 6 ('weather'): 'drizzle' is not a number");
    });
  });

  describe('RFC 4180', () => {
    it('quoted fields hold delimiters, "" and line breaks; lines after them are counted right', () => {
      const text = 'name,"value, in g"\n"a ""quoted"" name",1.5\n"two\nlines",2\nc,"3"\nd,x\n';
      const t = parseCsv(text);
      assert.equal(t.header, true);
      assert.deepEqual(t.columns.map((c) => c.name), ['name', 'value, in g']);
      assert.equal(t.rows, 4);
      assert.deepEqual(t.columns[0].firstBadCell, { line: 2, column: 1, text: 'a "quoted" name' });
      expectError(() => csvColumn(text, 'value, in g'), 'parse-error', { line: 6, column: 3, offset: 65, index: 3 }, "line 6, column 2 ('value, in g'): 'x' is not a number");
      assertValues(csvColumn('v\n"1.5"\n" 2 "\n3', 'v'), [1.5, 2, 3]);
    });

    it('BOM, CRLF, a lone CR, trailing blank lines', () => {
      const expected = [1, -2.5, 3e-3];
      for (const text of ['\ufeffx,y\r\n1,a\r\n-2.5,b\r\n3e-3,c\r\n', 'x,y\r1,a\r-2.5,b\r3e-3,c', 'x,y\n1,a\n-2.5,b\n3e-3,c\n\n\n', 'x,y\n1,a\n-2.5,b\n3e-3,c\n  \n\t\n']) {
        assertValues(csvColumn(text, undefined), expected, JSON.stringify(text));
        assert.equal(parseCsv(text).columns[0].name, 'x');
      }
      expectError(() => csvColumn('x,y\r\n1,a\r\n-2.5\r\n', 'x'), 'parse-error', { line: 3, column: 1, offset: 10 }, 'line 3 has 1 field but the first record has 2');
    });

    it('TSV by option and by detection; commas inside TSV cells are text', () => {
      const tsv = 'a\tb, c\n1\t2\n3\t4\n';
      assertValues(csvColumn(tsv, 'b, c', { delimiter: '\t' }), [2, 4]);
      assert.equal(parseCsv(tsv).delimiter, '\t');
      assertValues(csvColumn(tsv, 1), [2, 4]);
      assert.equal(parseCsv('a,b\tc\n1,2\n').delimiter, ',');
      assertValues(csvColumn('a,b\n1,2\n', 'b', { delimiter: ',' }), [2]);
    });

    it('malformed quoting is a parse-error with a position', () => {
      expectError(() => parseCsv('a,b\n1,"2\n3,4\n'), 'parse-error', { line: 2, column: 3, offset: 6 }, 'line 2, column 2: a quoted field is never closed');
      expectError(() => parseCsv('a,b\n1,"2"x\n'), 'parse-error', { line: 2, column: 6, offset: 9 }, /^line 2, column 2: 'x' after the closing quote/);
      assertValues(csvColumn('a,b\n1,"2"  \n', 'b'), [2]);
    });
  });

  describe('header detection', () => {
    it('numbers only: no header, columns by index', () => {
      const t = parseCsv('1,2\n3,4\n');
      assert.equal(t.header, false);
      assert.deepEqual(t.columns.map((c) => c.name), ['', '']);
      assertValues(csvColumn('1,2\n3,4\n', 1), [2, 4]);
      expectError(() => csvColumn('1,2\n3,4\n', 'b'), 'parse-error', undefined, "no column named 'b'; the file has no header row");
    });

    it('a header of numbers is taken as data unless header: true; header: false reads the first row as data', () => {
      assertValues(csvColumn('2012,2013\n1,2\n3,4', 1), [2013, 2, 4]);
      assertValues(csvColumn('2012,2013\n1,2\n3,4', '2013', { header: true }), [2, 4]);
      expectError(() => csvColumn('a,b\n1,2', 1, { header: false }), 'parse-error', { line: 1, index: 0 }, "line 1, column 2: 'b' is not a number");
    });

    it('a header cell may be empty (pandas index column)', () => {
      const t = parseCsv(',p\n0,0.5\n1,0.5\n');
      assert.equal(t.header, true);
      assert.deepEqual(t.columns.map((c) => c.name), ['', 'p']);
      assertValues(csvColumn(',p\n0,0.5\n1,0.5\n', 'p'), [0.5, 0.5]);
    });

    it('duplicate names are ambiguous; a trimmed name matches', () => {
      expectError(() => csvColumn('a,b,a\n1,2,3', 'a'), 'parse-error', undefined, "column name 'a' appears 2 times (columns 1, 3); select it by its 0-based index");
      assertValues(csvColumn(' a , b \n1,2', 'b'), [2]);
    });
  });

  describe('cells that are not numbers', () => {
    it('an empty cell in the chosen column: line, column and row index', () => {
      const text = 'date,precipitation,temp_max\n2012-01-01,0.0,12.8\n2012-01-02,10.9,\n';
      expectError(() => csvColumn(text, 'temp_max'), 'parse-error', { line: 3, column: 17, offset: 64, index: 1 }, "line 3, column 3 ('temp_max'): the cell is empty");
      const t = parseCsv(text);
      assert.equal(t.columns[2].values, null);
      assert.deepEqual(t.columns[2].firstBadCell, { line: 3, column: 3, text: '' });
      assertValues(t.columns[1].values!, [0, 10.9]);
    });

    it('the first numeric column is never skipped for a bad cell: it is an error', () => {
      expectError(() => csvColumn('d,p,q\nx,1,2\ny,NA,3\n', undefined), 'parse-error', { line: 3, index: 1 }, "line 3, column 2 ('p'): 'NA' is not a number");
      // An empty first cell leaves the column undecided until a non-empty one.
      expectError(() => csvColumn('a,b\n,1\n2,3\n', undefined), 'parse-error', { line: 2, column: 1 }, "line 2, column 1 ('a'): the cell is empty");
      assertValues(csvColumn('a,b\n,1\nt,3\n', undefined), [1, 3]);
      assertValues(csvColumn('a,b\n,1\n,3\n', undefined), [1, 3]);
    });

    it('a matrix of numeric columns fails on the first bad cell of a numeric column', () => {
      expectError(() => csvColumns('a,b,c\n1,x,2\n3,y,z\n', undefined), 'parse-error', { line: 3, index: 1 }, "line 3, column 3 ('c'): 'z' is not a number");
    });

    it('no numeric column, no data', () => {
      expectError(() => csvColumn('a,b\nx,y\n', undefined), 'parse-error', undefined, "no column is numeric; columns: 'a', 'b'");
      expectError(() => csvColumn('a,b\n', 'a'), 'empty-input', undefined, 'the file has a header but no data rows');
      expectError(() => csvColumn('', undefined), 'empty-input', undefined, 'the file is empty');
      expectError(() => parseCsv('\n\n'), 'empty-input');
      assert.equal(parseCsv('a,b\n').rows, 0);
    });

    it('ragged records and blank lines inside the data name their line', () => {
      expectError(() => parseCsv('a,b,c\n1,2,3\n4,5\n'), 'parse-error', { line: 3, column: 1, offset: 12 }, 'line 3 has 2 fields but the first record has 3');
      expectError(() => parseCsv('a,b,c\n1,2,3\n4,5,6,7\n'), 'parse-error', { line: 3 }, 'line 3 has 4 fields but the first record has 3');
      expectError(() => parseCsv('a,b\n1,2\n\n3,4\n'), 'parse-error', { line: 3 }, 'line 3 is blank, but records have 2 fields');
      expectError(() => csvColumn('a\n1\n\n3\n', 'a'), 'parse-error', { line: 3, index: 1 }, "line 3, column 1 ('a'): the cell is empty");
      assertValues(csvColumn('\n\na\n1\n', 'a'), [1]);
    });

    it('accepts nan and inf as numbers (rejecting them is the core\'s job)', () => {
      assertValues(csvColumn('v\nnan\n-inf\nInfinity\n-0\n', 'v'), [NaN, -Infinity, Infinity, -0]);
    });
  });

  describe('binary input', () => {
    it('NUL bytes: unsupported-file with the position', () => {
      expectError(() => parseCsv('a,b\n1,2\u0000\n'), 'unsupported-file', { line: 2, column: 4, offset: 7 }, /NUL byte at line 2, column 4/);
    });

    it('bulk replacement characters are refused; a few are tolerated', () => {
      expectError(() => parseCsv('\ufffd\ufffd\u0001PK\ufffd'.repeat(20)), 'unsupported-file', undefined, /invalid UTF-8 or control codes/);
      assertValues(csvColumn('city,v\nZ\ufffdrich,1\n', 'v'), [1]);
    });
  });

  it('reads 2·10^6 rows in one column and keeps only the columns asked for', function () {
    this.timeout(60000);
    const n = 2_000_000;
    const parts: string[] = ['id,x,label'];
    for (let i = 0; i < n; i++) parts.push(`${i},${i % 1000}.25,r${i % 7}`);
    const text = parts.join('\n');
    const x = csvColumn(text, 'x');
    assert.equal(x.length, n);
    assert.equal(x[0], 0.25);
    assert.equal(x[n - 1], 999.25);
    assert.equal(x[123_456], 456.25);
    const first = csvColumn(text, undefined);
    assert.equal(first[n - 1], n - 1);
  });

  describe('properties', () => {
    const seed = 20240521;
    const finite = fc.double({ noNaN: true });

    it('any Float64Array survives a trip through CSV text (String(x), quoted or not, LF or CRLF)', () => {
      fc.assert(
        fc.property(fc.array(finite, { minLength: 1, maxLength: 60 }), fc.boolean(), fc.boolean(), fc.boolean(), (xs, quote, crlf, withHeader) => {
          const eol = crlf ? '\r\n' : '\n';
          const cell = (x: number): string => {
            const s = Object.is(x, -0) ? '-0' : String(x);
            return quote ? `"${s}"` : s;
          };
          const lines = xs.map((x, i) => `${i},${cell(x)},t${i}`);
          const text = (withHeader ? ['i,"x, value",label', ...lines] : lines).join(eol) + eol;
          assertValues(csvColumn(text, 1), xs);
          if (withHeader) assertValues(csvColumn(text, 'x, value'), xs);
        }),
        { seed, numRuns: 2000 },
      );
    });

    it('garbage text never throws anything but a DivergenceError', () => {
      const alphabet = fc.constantFrom(',', '"', '\n', '\r', '\t', ' ', '1', '2.5', 'e', '-', 'a', '\u0000', '\ufffd', '#');
      fc.assert(
        fc.property(fc.array(alphabet, { maxLength: 80 }).map((a) => a.join('')), fc.constantFrom(undefined, 0, 1, 'a'), (text, sel) => {
          onlyDivergenceErrors(() => parseCsv(text));
          onlyDivergenceErrors(() => csvColumn(text, sel));
          onlyDivergenceErrors(() => csvColumns(text, undefined));
        }),
        { seed, numRuns: 3000 },
      );
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
          onlyDivergenceErrors(() => parseCsv(new TextDecoder().decode(bytes)));
        }),
        { seed, numRuns: 2000 },
      );
    });
  });
});
