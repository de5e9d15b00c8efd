/**
 * Fuzzing every reader of src/data with valid inputs, near-valid mutations (truncation, byte flips, inserted
 * junk, deletions, duplications) and adversarial ones. The only allowed failure is a DivergenceError with a
 * known code, and for the text readers a position (line and column, or an index) on every parse-error.
 * Runs: FUZZ_RUNS per property (default 10^4), seed FUZZ_SEED; see fuzzSupport.ts for replaying a failure.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { deflateRawSync } from 'node:zlib';
import type { DivergenceError } from '../../../src/core/errors';
import { csvColumn, csvColumnList, csvColumns, parseCsv } from '../../../src/data/csv';
import { listDataArrays } from '../../../src/data/dataFileArrays';
import { inflateRaw } from '../../../src/data/inflateRaw';
import { jsonArray } from '../../../src/data/json';
import { parseNpy } from '../../../src/data/npy';
import { listNpz, npzArray } from '../../../src/data/npz';
import { findArrayLiterals, parseArrayLiteral } from '../../../src/data/parseArrayLiteral';
import { parseDecimal } from '../../../src/data/parseDecimal';
import { parseTextMatrix, parseTextNumbers } from '../../../src/data/textNumbers';
import { encodeValues, npyBytes, zipBytes } from '../data/binaryWriters';
import {
  checkError,
  clean,
  fuzz,
  interestingNumber,
  junk,
  mutateBytesAll,
  mutateTextAll,
  mutations,
  timeoutFor,
  writeNumber,
} from './fuzzSupport';

/** Text parsers: a parse-error must say where. */
const TEXT = { position: true } as const;

/** Errors about the selector (a CSV column that does not exist), not about a place in the text. */
const SELECTION = /^(no column\b|column name .* appears \d+ times)/;

function positioned(e: DivergenceError | undefined): void {
  // Only parse-errors are about a place in the text; empty-input, usage etc. are about the whole input.
  if (e && e.code === 'parse-error' && !SELECTION.test(e.message)) checkError(e, TEXT);
}

const numbers = fc.array(interestingNumber, { minLength: 0, maxLength: 12 });
const style = fc.nat({ max: 19 });

/** A literal in one of the syntaxes the editor and the CLI read. */
const literal = fc
  .tuple(numbers, style, fc.nat({ max: 9 }), fc.nat({ max: 3 }))
  .map(([xs, s, wrap, rows]) => {
    const items = xs.map((x) => writeNumber(x, s));
    const list = items.join(s % 3 === 0 ? ', ' : s % 3 === 1 ? ',' : ' ');
    const matrix = `[${Array.from({ length: rows + 1 }, () => `[${items.join(', ')}]`).join(', ')}]`;
    switch (wrap) {
      case 0:
        return `[${list}]`;
      case 1:
        return `np.array([${items.join(', ')}])`;
      case 2:
        return `torch.tensor([${items.join(', ')}], dtype=torch.float64)`;
      case 3:
        return `c(${items.join(', ')})`;
      case 4:
        return matrix;
      case 5:
        return items.join(' ');
      case 6:
        return `p = [${items.join(', ')}]  # probabilities\nq = [${items.slice().reverse().join(', ')}]`;
      case 7:
        return `{"p": [${items.join(', ')}], "name": "x"}`;
      case 8:
        return `[${items.join('; ')}]`;
      default:
        return `x <- c(${items.join(', ')})\nprint(x[1])`;
    }
  });

const junkText = fc.array(junk, { maxLength: 30 }).map((a) => a.join(''));
const text = fc.oneof({ weight: 4, arbitrary: fc.tuple(literal, mutations).map(([t, m]) => mutateTextAll(t, m)) }, { weight: 1, arbitrary: junkText }, { weight: 1, arbitrary: fc.string({ maxLength: 60, unit: 'grapheme' }) });

const csvText = fc
  .tuple(
    fc.array(fc.array(fc.oneof(interestingNumber.map((x) => writeNumber(x, 0)), fc.constantFrom('', 'abc', '"1.5"', '"a,b"', '"x""y"', ' 2 ', 'NA', '-')), { minLength: 1, maxLength: 4 }), { minLength: 0, maxLength: 8 }),
    fc.boolean(),
    fc.constantFrom(',', '\t', ';'),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean(),
    mutations,
  )
  .map(([rows, header, delim, eol, bom, ms]) => {
    const width = rows[0]?.length ?? 1;
    const lines = rows.map((r) => r.join(delim));
    if (header) lines.unshift(Array.from({ length: width }, (_, k) => (k === 1 ? '"col, 1"' : `c${k}`)).join(delim));
    return mutateTextAll((bom ? '\ufeff' : '') + lines.join(eol) + (rows.length % 2 ? eol : ''), ms);
  });
const csvSelector = fc.oneof(fc.constant(undefined), fc.nat({ max: 5 }), fc.constantFrom('c0', 'c1', 'col, 1', '1', '99', '', 'c0,c2', '0,1'));

const jsonText = fc
  .tuple(
    fc.oneof(
      numbers.map((xs) => JSON.stringify(xs.map((x) => (Number.isFinite(x) ? x : 0)))),
      fc.array(numbers, { maxLength: 4 }).map((rows) => JSON.stringify(rows.map((r) => r.map((x) => (Number.isFinite(x) ? x : null))))),
      fc.array(fc.record({ a: interestingNumber.map((x) => (Number.isFinite(x) ? x : null)), 'b.c': fc.double({ noNaN: true, noDefaultInfinity: true }), s: fc.string({ maxLength: 3 }) }), { maxLength: 5 }).map((r) => JSON.stringify(r)),
      fc.json({ maxDepth: 4 }),
      numbers.map((xs) => `[${xs.map((x) => (Number.isNaN(x) ? 'NaN' : x === Infinity ? 'Infinity' : x === -Infinity ? '-Infinity' : String(x))).join(', ')}]`),
      fc.nat({ max: 40 }).map((d) => '['.repeat(d) + '1' + ']'.repeat(d)),
    ),
    mutations,
  )
  .map(([t, m]) => mutateTextAll(t, m));
const jsonKey = fc.oneof(fc.constant(undefined), fc.constantFrom('a', 'b.c', 'b', '0', '0.a', '1.0', 's', '', '.', 'a.', '__proto__', 'constructor', 'length'));

const DTYPES = ['<f8', '>f8', '<f4', '>f4', '<f2', '<i8', '>i8', '<u8', '<i4', '>u4', '<i2', '|i1', '|u1', '|b1', '=f8'];
const npyFile = fc
  .tuple(
    fc.constantFrom(...DTYPES),
    fc.oneof(fc.constant<number[]>([]), fc.tuple(fc.nat({ max: 6 })).map((a) => [...a]), fc.tuple(fc.nat({ max: 4 }), fc.nat({ max: 4 })).map((a) => [...a]), fc.array(fc.nat({ max: 3 }), { maxLength: 4 })),
    fc.boolean(),
    fc.constantFrom<[number, number]>([1, 0], [2, 0], [3, 0]),
    fc.array(fc.double(), { maxLength: 24 }),
  )
  .map(([descr, shape, fortranOrder, version, pool]) => {
    const count = shape.reduce((a, b) => a * b, 1);
    const values = Array.from({ length: count }, (_, i) => {
      const x = pool.length ? pool[i % pool.length]! : i;
      if (descr.includes('f')) return x;
      if (descr.includes('b')) return i % 2;
      const bits = Number(descr.slice(2)) * 8;
      const v = Number.isFinite(x) ? Math.trunc(x) % 2 ** Math.min(bits - 1, 31) : i;
      return descr.includes('u') ? Math.abs(v) : v;
    });
    const data = encodeValues(
      descr.endsWith('8') && (descr.includes('i') || descr.includes('u')) ? values.map((v) => BigInt(v)) : values,
      descr.replace('=', '<'),
    );
    return npyBytes({ descr, shape, fortranOrder, version, data });
  });
/** Headers that lie: a shape or dtype not matching the data, absurd sizes, junk dicts. */
const lyingHeader = fc.oneof(
  fc.constantFrom(
    "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000, 1000000), }",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999999999,), }",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }",
    "{'descr': '<c16', 'fortran_order': False, 'shape': (2,), }",
    "{'descr': 'O', 'fortran_order': False, 'shape': (2,), }",
    "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,), }",
    "{'descr': '<f8', 'fortran_order': 0, 'shape': (2,), }",
    "{'descr': '<f8', 'shape': (2,), }",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1}",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2, 2), }",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (2.5,), }",
    "{'descr': '<f8', 'fortran_order': False, 'shape': [2], }",
    "__import__('os').system('echo pwned')",
    "{'descr': '<f8', 'fortran_order': False, 'shape': (" + '('.repeat(5000) + ')'.repeat(5000) + ',), }',
  ),
  fc.string({ maxLength: 80 }),
);
const npyText = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(npyFile, mutations).map(([b, m]) => mutateBytesAll(b, m)) },
  { weight: 1, arbitrary: fc.tuple(lyingHeader, fc.uint8Array({ maxLength: 64 })).map(([header, data]) => npyBytes({ shape: [], header, data })) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 80 }) },
);

const npzFile = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom('a.npy', 'b.npy', 'p.npy', 'x/y.npy', 'q', ''), npyFile, fc.constantFrom(0, 8, 12), fc.boolean()), { minLength: 0, maxLength: 3 }),
    fc.boolean(),
    fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
  )
  .map(([members, zip64End, comment]) =>
    zipBytes(
      members.map(([name, data, method, zip64]) => ({ name, data, method, zip64 })),
      { zip64End, ...(comment !== undefined ? { comment } : {}) },
    ),
  );
const npzBytes = fc.oneof({ weight: 4, arbitrary: fc.tuple(npzFile, mutations).map(([b, m]) => mutateBytesAll(b, m)) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 120 }) });

describe('fuzz: data readers', function () {
  this.timeout(timeoutFor(1, 2));

  it('parseArrayLiteral: literals, mutated literals, junk', () => {
    fuzz(__filename, 'parseArrayLiteral: literals, mutated literals, junk', [text], (t) => {
      positioned(
        clean(
          () => parseArrayLiteral(t),
          (r) => assert.equal(r.values.length, r.shape.reduce((a, b) => a * b, 1), 'values match the shape'),
          {},
        ),
      );
    });
  });

  it('findArrayLiterals: literals, mutated literals, junk', () => {
    fuzz(__filename, 'findArrayLiterals: literals, mutated literals, junk', [text, fc.option(fc.integer({ min: -2, max: 20 }), { nil: undefined })], (t, max) => {
      positioned(
        clean(
          () => findArrayLiterals(t, max === undefined ? undefined : { maxElements: max }),
          (found) => {
            for (const r of found) assert.equal(r.values.length, r.shape.reduce((a, b) => a * b, 1));
          },
        ),
      );
    });
  });

  it('parseDecimal: never throws; a number is what Number() reads', () => {
    const decimal = fc.tuple(fc.constantFrom('', '+', '-'), fc.stringMatching(/^[0-9]{0,20}(\.[0-9]{0,20})?([eE][+-]?[0-9]{1,4})?$/)).map(([s, d]) => s + d);
    fuzz(__filename, 'parseDecimal: never throws; a number is what Number() reads', [fc.oneof(decimal, junkText, text), fc.nat(), fc.nat()], (t, a, b) => {
      const start = t.length ? a % (t.length + 1) : 0;
      const end = start + (t.length - start ? b % (t.length - start + 1) : 0);
      const v = parseDecimal(t, start, end);
      if (v === undefined) return;
      assert.equal(typeof v, 'number');
      const slice = t.slice(start, end).trim();
      if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(slice)) assert.ok(Object.is(v, Number(slice)), `${JSON.stringify(slice)}: ${v} vs ${Number(slice)}`);
    });
  });

  it('parseTextNumbers and parseTextMatrix', () => {
    fuzz(__filename, 'parseTextNumbers and parseTextMatrix', [text], (t) => {
      positioned(clean(() => parseTextNumbers(t)));
      positioned(
        clean(
          () => parseTextMatrix(t),
          (m) => assert.equal(m.values.length, m.shape.reduce((a, b) => a * b, 1)),
        ),
      );
    });
  });

  it('CSV/TSV: parseCsv, csvColumn, csvColumns, csvColumnList', () => {
    fuzz(__filename, 'CSV/TSV: parseCsv, csvColumn, csvColumns, csvColumnList', [fc.oneof({ weight: 4, arbitrary: csvText }, { weight: 1, arbitrary: text }), csvSelector, fc.constantFrom<',' | '\t' | 'auto'>(',', '\t', 'auto'), fc.constantFrom<boolean | 'auto'>(true, false, 'auto')], (t, sel, delimiter, header) => {
      const o = { delimiter, header };
      positioned(clean(() => parseCsv(t, o)));
      positioned(clean(() => csvColumn(t, sel, o)));
      positioned(
        clean(
          () => csvColumns(t, sel === undefined ? undefined : [sel], o),
          (m) => assert.equal(m.values.length, m.shape[0] * m.shape[1]),
        ),
      );
      if (typeof sel === 'string') positioned(clean(() => csvColumnList(t, sel, o)));
    });
  });

  it('JSON: jsonArray with and without key paths', () => {
    fuzz(__filename, 'JSON: jsonArray with and without key paths', [fc.oneof({ weight: 4, arbitrary: jsonText }, { weight: 1, arbitrary: text }), jsonKey, fc.constantFrom<'error' | 'skip'>('error', 'skip')], (t, key, missing) => {
      positioned(
        clean(
          () => jsonArray(t, key, { missing }),
          (r) => assert.equal(r.values.length, r.shape.reduce((a, b) => a * b, 1)),
        ),
      );
    });
  });

  it('.npy: valid files of every dtype, mutated files, lying headers, random bytes', () => {
    fuzz(__filename, '.npy: valid files of every dtype, mutated files, lying headers, random bytes', [npyText], (b) => {
      clean(
        () => parseNpy(b),
        (a) => assert.equal(a.values.length, a.shape.reduce((x, y) => x * y, 1)),
      );
    });
  });

  it('.npz: archives of stored and deflated members, mutated, random bytes', () => {
    fuzz(__filename, '.npz: archives of stored and deflated members, mutated, random bytes', [npzBytes, fc.constantFrom(undefined, 'a', 'b.npy', 'p', 'x/y', 'zz')], (b, name) => {
      clean(() => listNpz(b));
      clean(
        () => npzArray(b, name),
        (a) => assert.equal(a.values.length, a.shape.reduce((x, y) => x * y, 1)),
      );
    });
  });

  it('inflateRaw: random and mutated DEFLATE streams', () => {
    const stream = fc.tuple(fc.uint8Array({ maxLength: 100 }), mutations).map(([b, m]) => ({ bytes: mutateBytesAll(new Uint8Array(deflateRawSync(b)), m), size: b.length }));
    fuzz(__filename, 'inflateRaw: random and mutated DEFLATE streams', [fc.oneof(stream, fc.tuple(fc.uint8Array({ maxLength: 60 }), fc.nat({ max: 500 })).map(([bytes, size]) => ({ bytes, size })))], ({ bytes, size }) => {
      clean(
        () => inflateRaw(bytes, size),
        (out) => assert.equal(out.length, size),
      );
    });
  });

  it('listDataArrays: every kind of data file', () => {
    const file = fc.oneof(
      fc.tuple(fc.constant('d.csv'), csvText.map((t) => new TextEncoder().encode(t))),
      fc.tuple(fc.constant('d.tsv'), csvText.map((t) => new TextEncoder().encode(t))),
      fc.tuple(fc.constant('d.json'), jsonText.map((t) => new TextEncoder().encode(t))),
      fc.tuple(fc.constant('d.npy'), npyText),
      fc.tuple(fc.constant('d.npz'), npzBytes),
      fc.tuple(fc.constantFrom('d.csv', 'd.json', 'd.bin', 'noext', 'd.CSV'), fc.uint8Array({ maxLength: 60 })),
    );
    fuzz(__filename, 'listDataArrays: every kind of data file', [file], ([name, bytes]) => {
      clean(() => listDataArrays(name, bytes));
    });
  });
});
