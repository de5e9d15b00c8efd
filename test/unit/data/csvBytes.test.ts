/**
 * csvColumn, csvColumns and csvColumnList given a file's bytes must give what they give for its text (the
 * text being the bytes decoded as UTF-8, a BOM kept): the same values (0 ulps: the byte lane's numbers are
 * Number()'s), or the same error (code, message, line, column, offset, data row). Checked on generated CSV
 * texts (fast-check, seeded) with every selector form, headers or not, quoted numbers, spaces and tabs
 * around numbers, non-ASCII text, a BOM, blank lines, ragged records and cells that are not numbers.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DivergenceError } from '../../../src/core/errors';
import { csvColumn, csvColumnArrays, csvColumnList, csvColumns } from '../../../src/data/csv';

const SEED = 20261207;

type Outcome = { values: number[]; shape?: number[]; names?: string[]; indices?: number[] } | { code: string; message: string; location: object };

function outcomeOf(f: () => Float64Array | { values: Float64Array; shape: [number, number]; names: string[]; indices: number[] }): Outcome {
  try {
    const m = f();
    if (m instanceof Float64Array) return { values: Array.from(m) };
    return { values: Array.from(m.values), shape: [...m.shape], names: m.names, indices: m.indices };
  } catch (e) {
    if (!(e instanceof DivergenceError)) throw e;
    return { code: e.code, message: e.message, location: e.location };
  }
}

const number = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => String(x)),
  fc.double({ min: 1e-12, max: 1, noNaN: true }).map((x) => x.toPrecision(17)),
  fc.integer({ min: -999, max: 999 }).map(String),
  fc.constantFrom('0.5', '1e-3', '2.5E+2', '.25', '5.', '+7', '-0', '007', 'nan', '-inf', 'Infinity', '1e400', '12345678901234567890123'),
);
const cell = fc.oneof(
  { weight: 10, arbitrary: number },
  { weight: 1, arbitrary: number.map((x) => `"${x}"`) },
  { weight: 1, arbitrary: number.map((x) => ` ${x}\t`) },
  { weight: 1, arbitrary: number.map((x) => `" ${x} " `) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('', ' ', 'abc', 'été', '"a,b"', '"line\nbreak"', 'x"y', '"q""uote"', '"1""2"', ' "1"', '"1"x', '1 2', '1e', '-', '.', 'nan5', '\u00a01', '١'),
  },
);

const cleanCell = fc.oneof({ weight: 6, arbitrary: number }, { weight: 1, arbitrary: number.map((x) => `"${x}"`) }, { weight: 1, arbitrary: number.map((x) => ` ${x} `) });

const csvText = fc
  .record({
    columns: fc.integer({ min: 1, max: 4 }),
    header: fc.constantFrom('plain', 'quoted', 'none', 'numbers'),
    rows: fc.oneof(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 30 }), fc.array(fc.array(cleanCell, { minLength: 1, maxLength: 5 }), { maxLength: 30 })),
    ragged: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    blanks: fc.array(fc.nat(35), { maxLength: 2 }),
    trailing: fc.nat(3),
    delimiter: fc.constantFrom(',', '\t'),
    bom: fc.boolean(),
  })
  .map((r) => {
    const lines: string[] = [];
    const names = Array.from({ length: r.columns }, (_, k) => (k === 1 ? 'température' : `c${k}`));
    if (r.header === 'plain') lines.push(names.join(r.delimiter));
    if (r.header === 'quoted') lines.push(names.map((n) => `"${n}"`).join(r.delimiter));
    if (r.header === 'numbers') lines.push(names.map((_, k) => String(2012 + k)).join(r.delimiter));
    for (const row of r.rows) {
      const fields = r.ragged ? row : Array.from({ length: r.columns }, (_, k) => row[k % row.length]!);
      lines.push(fields.join(r.delimiter));
    }
    for (const b of r.blanks) lines.splice(Math.min(b, lines.length), 0, '');
    return { text: (r.bom ? '\ufeff' : '') + lines.join(r.eol) + r.eol.repeat(r.trailing), names, columns: r.columns };
  });

function sameBothWays(text: string, read: (input: string | Uint8Array) => ReturnType<Parameters<typeof outcomeOf>[0]>): void {
  const bytes = new TextEncoder().encode(text);
  assert.deepEqual(outcomeOf(() => read(bytes)), outcomeOf(() => read(text)), JSON.stringify(text.slice(0, 300)));
}

describe('data: CSV read from bytes (the byte lane)', function () {
  this.timeout(120000);

  it(`equals the text reader for every selector form, values or error (fast-check, seed ${SEED})`, () => {
    fc.assert(
      fc.property(csvText, fc.nat(3), ({ text, names, columns }, pick) => {
        const last = columns - 1;
        sameBothWays(text, (input) => csvColumn(input, undefined));
        sameBothWays(text, (input) => csvColumns(input, undefined));
        sameBothWays(text, (input) => csvColumns(input, [names[last]!, names[0]!]));
        sameBothWays(text, (input) => csvColumns(input, [last, 0, last]));
        sameBothWays(text, (input) => csvColumn(input, pick % 2 === 0 ? names[pick % columns]! : String(pick)));
        sameBothWays(text, (input) => csvColumnList(input, `${names[0]},${last}`));
        sameBothWays(text, (input) => csvColumns(input, ['0'], { header: true, delimiter: pick === 0 ? ',' : 'auto' }));
        sameBothWays(text, (input) => csvColumn(input, 0, { header: false }));
        sameBothWays(text, (input) => {
          // The column arrays are the matrix's columns.
          const { columns, names: got, rows } = csvColumnArrays(input, [last, names[0]!]);
          const values = new Float64Array(2 * rows);
          columns.forEach((column, j) => column.forEach((v, i) => (values[2 * i + j] = v)));
          return { values, shape: [rows, 2], names: got, indices: [last, 0] };
        });
      }),
      { seed: SEED, numRuns: 1500 },
    );
  });

  it('reads examples/seattle-weather.csv as the text reader does', () => {
    const bytes = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'seattle-weather.csv'));
    const m = csvColumns(bytes, ['temp_max', 'temp_min']);
    assert.deepEqual(m, csvColumns(bytes.toString('utf8'), ['temp_max', 'temp_min']));
    assert.equal(m.shape[0], 1461);
    assert.deepEqual(csvColumn(bytes, undefined), csvColumn(bytes.toString('utf8'), undefined));
  });

  it('skips one BOM only, as the text reader does (a second one is part of the first name)', () => {
    for (const text of ['\ufeff\ufeffp,q\n1,2\n', '\ufeffp,q\n1,2\n', '\ufeff\ufeff1,2\n3,4\n']) {
      sameBothWays(text, (input) => csvColumns(input, undefined));
      sameBothWays(text, (input) => csvColumns(input, ['\ufeffp', 'q']));
    }
    assert.deepEqual(csvColumns(new TextEncoder().encode('\ufeff\ufeffp,q\n1,2\n'), [1]).names, ['q']);
  });

  it('refuses a binary file as the text reader does: the NUL named by line and column', () => {
    const text = 'p,q\n1,2\n3,\u00004\n';
    sameBothWays(text, (input) => csvColumns(input, ['p', 'q']));
    assert.throws(() => csvColumns(new TextEncoder().encode(text), ['p', 'q']), /NUL byte at line 3, column 3/);
  });

  it('names the line, column and header of a bad cell far into a file', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i / 7},${(i + 1) / 9}`);
    rows[4321] = '0.5,n/a';
    const text = `p,q\n${rows.join('\n')}\n`;
    assert.throws(
      () => csvColumns(new TextEncoder().encode(text), ['p', 'q']),
      (e: unknown) => e instanceof DivergenceError && e.message === "line 4323, column 2 ('q'): 'n/a' is not a number" && e.location.index === 4321,
    );
  });
});
