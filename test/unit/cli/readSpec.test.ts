import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMatrixSpec, readSpec } from '../../../src/cli/readSpec';
import { npyF8, zipBytes } from '../data/binaryWriters';
import { assertValues, expectError } from '../data/dataAssert';

const root = join(__dirname, '..', '..', '..');
const examples = join(root, 'examples');
const fixtures = join(root, 'test', 'fixtures', 'data');
const seattlePath = join(examples, 'seattle-weather.csv');
const seattle = readFileSync(seattlePath, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));

/** Days of drizzle, fog, rain, snow, sun per year 2012-2015, counted here from the CSV. */
function weatherByYear(): number[][] {
  const kinds = ['drizzle', 'fog', 'rain', 'snow', 'sun'];
  const counts = [0, 1, 2, 3].map(() => kinds.map(() => 0));
  for (const cells of seattle) counts[Number(cells[0].slice(0, 4)) - 2012][kinds.indexOf(cells[5])] += 1;
  return counts;
}

describe('readSpec', () => {
  let dir: string;
  const file = (name: string, content: string | Uint8Array): string => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'divergence-readspec-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('inline text', () => {
    it('any array literal; a matrix only where a matrix is wanted', () => {
      assertValues(readSpec('[0.36, 0.48, 0.16]', '--p'), [0.36, 0.48, 0.16]);
      assertValues(readSpec('np.array([1/3, 2/3])', '--q'), [1 / 3, 2 / 3]);
      assertValues(readSpec('[[0.5, 0.5]]', '--p'), [0.5, 0.5]);
      const m = readMatrixSpec('[[1, 2], [3, 4], [5, 6]]', '--cov0');
      assertValues(m.values, [1, 2, 3, 4, 5, 6]);
      assert.deepEqual(m.shape, [3, 2]);
      expectError(() => readSpec('[[1, 2], [3, 4]]', '--p'), 'usage', { array: '--p' }, '--p: this is a 2 x 2 matrix, but a vector is wanted here; give one row');
      expectError(() => readSpec('[0.5, abc]', '--p'), 'parse-error', { array: '--p', line: 1 }, /^--p: /);
    });
  });

  describe('the example files', () => {
    it('seattle-weather.csv: the first numeric column (precipitation), by name, by index, as a matrix', () => {
      const precipitation = seattle.map((c) => Number(c[1]));
      assertValues(readSpec(`@${seattlePath}`, '--p'), precipitation);
      assertValues(readSpec(`@${seattlePath}:precipitation`, '--p'), precipitation);
      assertValues(readSpec(`@${seattlePath}:2`, '--p'), seattle.map((c) => Number(c[2])));
      const all = readMatrixSpec(`@${seattlePath}`, '--p');
      assert.deepEqual(all.shape, [1461, 4]);
      const two = readMatrixSpec(`@${seattlePath}:temp_max,temp_min`, '--p');
      assert.deepEqual(two.shape, [1461, 2]);
      assertValues(two.values.subarray(0, 4), [12.8, 5, 10.6, 2.8]);
      assert.deepEqual(readMatrixSpec(`@${seattlePath}:wind`, '--p').shape, [1461]);
      expectError(
        () => readSpec(`@${seattlePath}:rainfall`, '--q'),
        'parse-error',
        { array: '--q' },
        `--q: ${seattlePath}: no column named 'rainfall'; columns: 'date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather'`,
      );
      expectError(() => readSpec(`@${seattlePath}:weather`, '--q'), 'parse-error', { line: 2, index: 0 }, `--q: ${seattlePath}: line 2, column 6 ('weather'): 'drizzle' is not a number`);
    });

    it('penguins.json: Body Mass (g) has two nulls (records 3 and 339): a parse-error naming the first', () => {
      const path = join(examples, 'penguins.json');
      expectError(
        () => readSpec(`@${path}:Body Mass (g)`, '--p'),
        'parse-error',
        { array: '--p', index: 3, line: 35, column: 22 },
        `--p: ${path}: record 3 has null for 'Body Mass (g)': 2 of 344 records lack a number there (records 3, 339) (line 35, column 22)`,
      );
      assertValues(readSpec(`@${path}:0.Body Mass (g)`, '--p'), [3750]);
    });

    it('normal-2d.json: a field of each record', () => {
      const path = join(examples, 'normal-2d.json');
      const records = JSON.parse(readFileSync(path, 'utf8')) as { u: number; v: number }[];
      assertValues(readSpec(`@${path}:u`, '--p'), records.map((r) => r.u));
      assertValues(readSpec(`@${path}:v`, '--p'), records.map((r) => r.v));
    });

    it('weather-by-year.npy: a 4 x 5 matrix; a vector must pick a row', () => {
      const path = join(examples, 'weather-by-year.npy');
      const expected = weatherByYear();
      const m = readMatrixSpec(`@${path}`, '--p');
      assert.deepEqual(m.shape, [4, 5]);
      assertValues(m.values, expected.flat());
      for (let y = 0; y < 4; y++) assertValues(readSpec(`@${path}:${y}`, '--p'), expected[y], `row ${y}`);
      expectError(() => readSpec(`@${path}`, '--p'), 'usage', undefined, `--p: ${path}: this is a 4 x 5 matrix, but a vector is wanted here; pick a row with @FILE.npy:ROW`);
      expectError(() => readSpec(`@${path}:4`, '--p'), 'parse-error', { index: 4 }, `--p: ${path}: there is no row 4: the array has 4 rows (0 to 3)`);
      expectError(() => readSpec(`@${path}:sun`, '--p'), 'usage', undefined, `--p: ${path}: ':sun' is not a row number; a .npy array takes :ROW, a 0-based row of a 2-D array`);
    });
  });

  describe('.npy and .npz', () => {
    it('npz members by name, a row of a member, the only member without a name', () => {
      const stored = join(fixtures, 'stored.npz');
      // np.linspace(-1, 1, 7), as numpy computes it.
      assertValues(readSpec(`@${stored}:a`, '--p'), [-1, -0.6666666666666667, -0.33333333333333337, 0, 0.33333333333333326, 0.6666666666666665, 1]);
      assertValues(readSpec(`@${stored}:b:1`, '--p'), [3, 4, 5]);
      assert.deepEqual(readMatrixSpec(`@${stored}:b`, '--p').shape, [2, 3]);
      expectError(() => readSpec(`@${stored}`, '--p'), 'parse-error', undefined, `--p: ${stored}: the archive holds 3 arrays; name one of them: 'a', 'b', 'c'`);
      expectError(() => readSpec(`@${stored}:z`, '--p'), 'parse-error', undefined, `--p: ${stored}: the archive has no array named 'z'; its arrays: 'a', 'b', 'c'`);
      assert.equal(readSpec(`@${join(fixtures, 'single.npz')}`, '--p').length, 12);
      // A member whose own name ends in :digits wins over the row reading.
      const z = file('colon.npz', zipBytes([{ name: 'w:1.npy', data: npyF8([7, 8]) }, { name: 'w.npy', data: npyF8([1, 2, 3, 4], [2, 2]) }]));
      assertValues(readSpec(`@${z}:w:1`, '--p'), [7, 8]);
      assertValues(readSpec(`@${z}:w:0`, '--p'), [1, 2]);
    });

    it('int64 values beyond 2^53 are reported through notes', () => {
      const notes: string[] = [];
      const path = join(fixtures, 'i8.npy');
      readSpec(`@${path}`, '--p', notes);
      assert.deepEqual(notes, [`--p: ${path}: 4 int64 values are beyond ±2^53 and were rounded to the nearest double (the first at index 1)`]);
    });

    it('empty arrays, unsupported and damaged files carry the code, --p and the file', () => {
      const empty = join(fixtures, 'empty_f8.npy');
      expectError(() => readSpec(`@${empty}`, '--p'), 'empty-input', { array: '--p' }, `--p: ${empty}: the array is empty`);
      const cube = join(fixtures, 'f8_3d.npy');
      expectError(() => readSpec(`@${cube}`, '--q'), 'unsupported-file', { array: '--q' }, `--q: ${cube}: the array has shape (2, 3, 4): 3-D arrays are not supported, only 0-D, 1-D and 2-D`);
      const fake = file('fake.npy', '0.1 0.9\n');
      expectError(() => readSpec(`@${fake}`, '--p'), 'unsupported-file', undefined, `--p: ${fake}: not a .npy file: it does not start with the magic string \\x93NUMPY`);
      const truncated = file('cut.npy', npyF8([1, 2, 3]).subarray(0, 140));
      expectError(() => readSpec(`@${truncated}`, '--p'), 'parse-error', undefined, /needs 24 bytes of data but the file has 12: it is truncated/);
    });
  });

  describe('text files', () => {
    it('.txt numbers, a .txt array literal, .txt rows as a matrix, a file without extension, .tsv, .json', () => {
      assertValues(readSpec(`@${file('p.txt', '0.36\n0.48\n0.16\n')}`, '--p'), [0.36, 0.48, 0.16]);
      assertValues(readSpec(`@${file('lit.txt', 'p = np.array([0.25, 0.75])\n')}`, '--p'), [0.25, 0.75]);
      const m = readMatrixSpec(`@${file('m.txt', '1 2 3\n4 5 6\n')}`, '--p');
      assert.deepEqual(m.shape, [2, 3]);
      assertValues(readSpec(`@${file('counts', '3, 4, 5\n')}`, '--p'), [3, 4, 5]);
      assertValues(readSpec(`@${file('t.tsv', 'a\tb\n1\t0.5\n2\t0.5\n')}:b`, '--p'), [0.5, 0.5]);
      assertValues(readSpec(`@${file('q.json', '{"q": [0.2, 0.8]}')}:q`, '--p'), [0.2, 0.8]);
      assertValues(readSpec(`@${file('UPPER.CSV', 'x\n1\n2\n')}`, '--p'), [1, 2]);
    });

    it('errors in text files: position, what and file', () => {
      const bad = file('bad.txt', '0.1\n0.2 x\n');
      expectError(() => readSpec(`@${bad}`, '--p'), 'parse-error', { line: 2, column: 5, array: '--p' }, `--p: ${bad}: line 2, column 5: 'x' is not a number`);
      const blank = file('blank.txt', '\n# nothing\n');
      expectError(() => readSpec(`@${blank}`, '--p'), 'empty-input', undefined, `--p: ${blank}: the text holds no numbers`);
      const txt = file('sel.txt', '1 2');
      expectError(() => readSpec(`@${txt}:a`, '--p'), 'usage', undefined, `--p: ${txt}: a .txt file holds one list of numbers: ':a' selects nothing in it`);
      const bin = file('bin.csv', Uint8Array.of(0x61, 0x0a, 0x31, 0x00, 0x32));
      expectError(() => readSpec(`@${bin}`, '--p'), 'unsupported-file', undefined, `--p: ${bin}: this is a binary file, not text: it has a NUL byte at byte 3`);
    });

    it('text files over 1 GiB are refused before reading', () => {
      const big = file('big.txt', '');
      truncateSync(big, 2 ** 30 + 1); // sparse: nothing is written
      expectError(() => readSpec(`@${big}`, '--p'), 'unsupported-file', undefined, `--p: ${big}: the file is 1073741825 bytes; text files of more than 1073741824 bytes are not read (they are read whole into memory)`);
    });

    it('CSV files over 1 GiB are read in pieces: a sparse one is refused at its first piece (NUL bytes)', () => {
      const big = file('big.csv', '');
      truncateSync(big, 2 ** 30 + 1); // sparse: nothing is written
      expectError(() => readSpec(`@${big}`, '--p'), 'unsupported-file', undefined, `--p: ${big}: this looks like a binary file, not CSV text: it has a NUL byte at line 1, column 1`);
    });
  });

  describe('paths', () => {
    it("a ':' in a file name: the whole name first, then a selector after the last ':'", () => {
      const p = file('a:b.csv', 'x,y\n1,2\n3,4\n');
      assertValues(readSpec(`@${p}`, '--p'), [1, 3]);
      assertValues(readSpec(`@${p}:y`, '--p'), [2, 4]);
      const q = file('k.json', '{"a:b": [5, 6]}');
      assertValues(readSpec(`@${q}:a:b`, '--p'), [5, 6]);
    });

    it('missing files, directories, unknown extensions', () => {
      const missing = join(dir, 'nope.csv');
      expectError(() => readSpec(`@${missing}`, '--p'), 'file-not-found', { array: '--p' }, `--p: cannot read '${missing}': no such file`);
      expectError(() => readSpec(`@${missing}:temp`, '--p'), 'file-not-found', undefined, `--p: cannot read '${missing}:temp' (nor '${missing}'): no such file`);
      const sub = join(dir, 'sub');
      mkdirSync(sub);
      expectError(() => readSpec(`@${sub}`, '--p'), 'file-not-found', undefined, `--p: '${sub}' is a directory, not a file`);
      expectError(() => readSpec('@', '--p'), 'usage', undefined, "--p: '@' must be followed by a file path");
      const xlsx = file('data.xlsx', 'PK');
      expectError(() => readSpec(`@${xlsx}`, '--p'), 'unsupported-file', undefined, `--p: ${xlsx}: .xlsx files are not read; use .csv, .tsv, .json, .npy, .npz, .txt (or a text file without extension)`);
    });
  });
});
