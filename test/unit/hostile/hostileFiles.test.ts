/**
 * Hostile files (test/fixtures/hostile, written by scripts/gen_hostile_fixtures.mjs) given to the readers of
 * src/data: each is refused with its exact error code and a message saying what and where, or, for the
 * controls and the valid oddities (BOM, CRLF, quotes), read exactly.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DivergenceErrorCode, ErrorLocation } from '../../../src/core/errors';
import { csvColumn } from '../../../src/data/csv';
import { listDataArrays } from '../../../src/data/dataFileArrays';
import { jsonArray } from '../../../src/data/json';
import { parseNpy, readNpyHeader } from '../../../src/data/npy';
import { npzArray } from '../../../src/data/npz';
import { findArrayLiterals, parseArrayLiteral } from '../../../src/data/parseArrayLiteral';
import { parseTextNumbers } from '../../../src/data/textNumbers';
import { assertValues, expectError } from '../data/dataAssert';

const dir = join(__dirname, '..', '..', 'fixtures', 'hostile');
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(dir, name)));
const text = (name: string): string => new TextDecoder().decode(bytes(name));

interface Refusal {
  readonly file: string;
  readonly read: (name: string) => unknown;
  readonly code: DivergenceErrorCode;
  readonly location?: Partial<ErrorLocation>;
  readonly message: RegExp;
}

const npy = (name: string) => parseNpy(bytes(name));
const npz = (name: string) => npzArray(bytes(name), 'p');
const csv = (column?: string) => (name: string) => csvColumn(text(name), column);
const json = (name: string) => jsonArray(text(name));
const txt = (name: string) => parseTextNumbers(text(name));

const REFUSALS: readonly Refusal[] = [
  // .npy
  { file: 'truncated-data.npy', read: npy, code: 'parse-error', message: /shape \(4,\) of <f8 needs 32 bytes of data but the file has 27: it is truncated/ },
  { file: 'truncated-header.npy', read: npy, code: 'parse-error', message: /header is said to be 118 bytes long but the file has only 30 bytes after the preamble/ },
  { file: 'truncated-magic.npy', read: npy, code: 'parse-error', message: /^the file ends after 4 bytes, inside the \.npy magic string$/ },
  { file: 'shape-lies.npy', read: npy, code: 'parse-error', message: /shape \(10,\) of <f8 needs 80 bytes of data but the file has 24/ },
  { file: 'dtype-lies.npy', read: npy, code: 'parse-error', message: /shape \(3,\) of <f4 needs 12 bytes of data but the file has 24: 12 bytes too many/ },
  { file: 'terabytes.npy', read: npy, code: 'parse-error', message: /shape \(1000000000000, 1000000\) of <f8 needs about 8\.00e\+18 bytes of data but the file has 8/ },
  { file: 'half-gigabyte.npy', read: npy, code: 'parse-error', message: /shape \(67108864,\) of <f8 needs 536870912 bytes of data but the file has 0/ },
  { file: 'negative-shape.npy', read: npy, code: 'parse-error', message: /holds the negative size -1/ },
  { file: 'object-dtype.npy', read: npy, code: 'unsupported-file', message: /dtype '\|O' \(Python objects\) is not supported/ },
  { file: 'complex-dtype.npy', read: npy, code: 'unsupported-file', message: /dtype '<c16' \(complex numbers\) is not supported/ },
  { file: 'three-d.npy', read: npy, code: 'unsupported-file', message: /shape \(1, 1, 2\): 3-D arrays are not supported/ },
  { file: 'header-code.npy', read: npy, code: 'parse-error', message: /not a valid Python literal at character 1/ },
  { file: 'header-length-lies.npy', read: npy, code: 'parse-error', message: /said to be 65535 bytes long but the file has only 15 bytes/ },
  { file: 'version-9.npy', read: npy, code: 'unsupported-file', message: /version 9\.0 is not supported/ },
  { file: 'not-npy.npy', read: npy, code: 'unsupported-file', message: /does not start with the magic string/ },
  { file: 'empty.npy', read: npy, code: 'unsupported-file', message: /^not a \.npy file: it is empty$/ },
  // .npz
  { file: 'truncated.npz', read: npz, code: 'parse-error', message: /damaged: its central directory is missing: the file is truncated/ },
  { file: 'truncated-tail.npz', read: npz, code: 'parse-error', message: /damaged: its central directory is missing/ },
  { file: 'bad-crc.npz', read: npz, code: 'parse-error', message: /the CRC-32 of 'p\.npy' is 0x[0-9a-f]{8} but the directory says 0x12345678/ },
  { file: 'bomb-claim.npz', read: npz, code: 'parse-error', message: /'p\.npy' claims 2147483646 bytes from \d+ compressed bytes, more than DEFLATE can expand/ },
  { file: 'corrupt-deflate.npz', read: npz, code: 'parse-error', message: /'p\.npy'|compressed data/ },
  { file: 'member-lies.npz', read: npz, code: 'parse-error', message: /^array 'p': the header's shape \(10,\) of <f8 needs 80 bytes/ },
  { file: 'encrypted.npz', read: npz, code: 'unsupported-file', message: /^array 'p' is encrypted$/ },
  { file: 'empty-archive.npz', read: (n) => npzArray(bytes(n)), code: 'empty-input', message: /^the archive holds no arrays$/ },
  { file: 'not-zip.npz', read: npz, code: 'unsupported-file', message: /it is not a ZIP archive/ },
  // binary given as text
  { file: 'binary.csv', read: csv(), code: 'unsupported-file', location: { line: 3, column: 1 }, message: /binary file, not CSV text: it has a NUL byte at line 3, column 1/ },
  { file: 'binary.json', read: json, code: 'unsupported-file', location: { line: 3, column: 1 }, message: /binary file, not JSON text/ },
  { file: 'binary.txt', read: txt, code: 'unsupported-file', location: { line: 3, column: 1 }, message: /binary file/ },
  { file: 'latin1-garbage.csv', read: csv(), code: 'unsupported-file', message: /binary file, not CSV text: 200 of its first 200 characters are invalid UTF-8/ },
  // CSV
  { file: 'ragged.csv', read: csv('q'), code: 'parse-error', location: { line: 3, column: 1 }, message: /^line 3 has 1 field but the first record has 2$/ },
  // The message names the field (column 2, 'q'); location.column counts characters, as every location does.
  { file: 'nonnumeric.csv', read: csv('q'), code: 'parse-error', location: { line: 3, column: 5, index: 1 }, message: /line 3, column 2 \('q'\).*'abc'/ },
  { file: 'empty-cell.csv', read: csv('q'), code: 'parse-error', location: { line: 3, column: 5, index: 1 }, message: /line 3, column 2 \('q'\).*empty/ },
  { file: 'unclosed-quote.csv', read: csv(), code: 'parse-error', location: { line: 2, column: 1 }, message: /^line 2, column 1: a quoted field is never closed$/ },
  { file: 'semicolons.csv', read: csv(), code: 'parse-error', location: { line: 2 }, message: /^line 2 has 3 fields but the first record has 1$/ },
  { file: 'empty.csv', read: csv(), code: 'empty-input', message: /^the file is empty$/ },
  { file: 'blank-lines.csv', read: csv(), code: 'empty-input', message: /^the file is empty$/ },
  { file: 'header-only.csv', read: csv(), code: 'parse-error', message: /no column is numeric; columns: 'p', 'q' \(there are no data rows\)/ },
  // JSON
  { file: 'deep.json', read: json, code: 'parse-error', location: { line: 1, column: 10001 }, message: /^line 1, column 10001: arrays and objects nest deeper than 10000 levels$/ },
  { file: 'truncated.json', read: json, code: 'parse-error', location: { line: 1, column: 15 }, message: /the text ends inside an array/ },
  { file: 'trailing-comma.json', read: json, code: 'parse-error', location: { line: 1, column: 11 }, message: /unexpected '\]' where a value should be/ },
  { file: 'strings.json', read: json, code: 'parse-error', location: { line: 1, column: 2, index: 0 }, message: /element 0 of the top level is a string \('0\.1'\), not a number \(line 1, column 2\)/ },
  { file: 'mixed.json', read: json, code: 'parse-error', location: { line: 1, column: 7, index: 1 }, message: /element 1 of the top level is a string \('x'\)/ },
  { file: 'empty.json', read: json, code: 'parse-error', location: { line: 1, column: 1 }, message: /the text ends where a value should be/ },
  { file: 'empty-array.json', read: json, code: 'empty-input', message: /the array at the top level is empty/ },
  // text
  { file: 'prose.txt', read: txt, code: 'parse-error', location: { line: 1, column: 1, index: 0 }, message: /^line 1, column 1: 'The' is not a number$/ },
  { file: 'empty.txt', read: txt, code: 'empty-input', message: /^the text holds no numbers$/ },
];

describe('hostile files: the readers', () => {
  for (const r of REFUSALS) {
    it(`${r.file}: ${r.code}${r.location ? ` at ${JSON.stringify(r.location)}` : ''}`, () => {
      expectError(() => r.read(r.file), r.code, r.location, r.message);
    });
  }

  it('listDataArrays (Compare Columns) refuses the same files with the same codes, and never throws anything else', () => {
    for (const r of REFUSALS) {
      if (r.file.endsWith('.txt') || ['empty-archive.npz', 'deep.json', 'empty-array.json', 'mixed.json', 'strings.json', 'header-only.csv'].includes(r.file)) continue;
      if (r.read === csv('q') || /^(nonnumeric|empty-cell)\.csv$/.test(r.file)) continue; // their other column is fine
      expectError(() => listDataArrays(r.file, bytes(r.file)), r.code);
    }
    // A data file whose arrays are all unreadable lists none (the command then says so).
    for (const f of ['deep.json', 'empty-array.json', 'mixed.json', 'strings.json', 'empty-archive.npz']) assert.deepEqual(listDataArrays(f, bytes(f)), [], f);
  });

  it('controls and valid oddities read exactly: BOM + CRLF, quoted names, "" escapes, quoted numbers and line breaks', () => {
    assertValues(parseNpy(bytes('good.npy')).values, [0.1, 0.2, 0.3, 0.4]);
    assertValues(npzArray(bytes('good.npz'), 'p').values, [0.1, 0.2, 0.3, 0.4]);
    assertValues(npzArray(bytes('good.npz'), 'q').values, [0.25, 0.25, 0.25, 0.25]);
    assertValues(csvColumn(text('bom-crlf.csv'), 'p'), [0.2, 0.3, 0.5]);
    assertValues(csvColumn(text('bom-crlf.csv'), undefined), [0.2, 0.3, 0.5]);
    assertValues(csvColumn(text('quotes.csv'), 'p, prob'), [0.5, 0.5]);
    assertValues(csvColumn(text('quotes.csv'), 'q'), [0.25, 0.75]);
    // The first numeric column of nonnumeric.csv is p, which is fine; q is refused above.
    assertValues(csvColumn(text('nonnumeric.csv'), undefined), [0.1, 0.3, 0.6]);
    // Non-finite numbers are read as what they are: rejecting them with an index is the measures' job.
    assertValues(parseTextNumbers(text('huge-numbers.txt')), [1e308, 1e308, Infinity]);
    assertValues(parseTextNumbers(text('nan.txt')), [0.5, NaN, 0.5]);
  });

  it('absurd .npy shapes are refused from the header, before any allocation', () => {
    // readNpyHeader alone refuses them: the data is never looked at.
    expectError(() => readNpyHeader(bytes('terabytes.npy')), 'parse-error', undefined, /needs about 8\.00e\+18 bytes/);
    expectError(() => readNpyHeader(bytes('half-gigabyte.npy')), 'parse-error', undefined, /needs 536870912 bytes/);
    // And parseNpy allocates nothing for them: a 512 MiB claim leaves the array-buffer memory where it was.
    const before = process.memoryUsage().arrayBuffers;
    for (let i = 0; i < 20; i++) expectError(() => parseNpy(bytes('half-gigabyte.npy')), 'parse-error');
    const grown = process.memoryUsage().arrayBuffers - before;
    assert.ok(grown < 32 * 2 ** 20, `array buffers grew by ${grown} bytes for 20 refused 512 MiB claims`);
    // A header within the data but above the element limit is refused before converting (unsupported-file).
    expectError(() => parseNpy(bytes('good.npy'), { maxElements: 3 }), 'unsupported-file', undefined, /4 elements, more than the 3/);
  });

  it('10^5-deep nesting: no stack overflow in JSON (arrays and objects) or array literals', () => {
    const deepObjects = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    // The 10001st '{' is at character 5·10^4 + 1.
    expectError(() => jsonArray(deepObjects), 'parse-error', { line: 1, column: 50001 }, /^line 1, column 50001: arrays and objects nest deeper than 10000 levels$/);
    expectError(() => jsonArray(deepObjects, 'a.a.a'), 'parse-error', { line: 1, column: 50001 });
    const deepLiteral = '['.repeat(100_000) + '1' + ']'.repeat(100_000);
    // Nested deeper than a matrix: not a numeric array (skipped by the finder; the CLI's parser says so).
    assert.deepEqual(findArrayLiterals(deepLiteral), []);
    expectError(() => parseArrayLiteral(deepLiteral), 'parse-error', { line: 1 });
    const unclosed = '['.repeat(100_000);
    assert.deepEqual(findArrayLiterals(unclosed), []);
    expectError(() => parseArrayLiteral(unclosed), 'parse-error', { line: 1 });
  });
});
