import { strict as assert } from 'node:assert';
import { parquetMetadata } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import type { DivergenceErrorCode } from '../../../src/core/errors';
import { listParquetColumns, readParquetColumns } from '../../../src/data/parquet';
import { categoryFrequencies, dropNullRows, type ByteRangeReader } from '../../../src/data/table';
import { assertMatchesTwin, expected, fixture, footerStart, numbers, patch, rejects, twin } from './tableFixtures';

const NAMES = Object.keys(expected.columns);
const utf8 = (s: string) => [...new TextEncoder().encode(s)];

describe('parquet', () => {
  assert.equal(expected.parquet.length, 12);
  for (const file of expected.parquet) {
    it(`${file}: every column equals the CSV twin, with the null counts and categories of the script`, async () => {
      const bytes = fixture(file);
      const info = await listParquetColumns(bytes);
      assert.equal(info.rowCount, 4200);
      assert.equal(info.rowGroupCount, 3);
      assert.deepEqual(info.columns.map((c) => c.name), NAMES);
      for (const c of info.columns) {
        assert.equal(c.nullCount, expected.columns[c.name]!.nulls, `${file}:${c.name} null count from statistics`);
        assert.equal(c.nullable, true);
        assert.equal(c.rowCount, 4200);
      }
      const columns = await readParquetColumns(bytes, NAMES);
      for (const col of columns) {
        assertMatchesTwin(col, file);
        const counts = expected.columns[col.name]!.counts;
        if (counts && col.kind === 'categorical') {
          const f = categoryFrequencies(col);
          assert.deepEqual(f.categories, Object.keys(counts).sort());
          assert.deepEqual(Array.from(f.countsA), f.categories.map((c) => counts[c]));
        }
      }
    });
  }

  it('lists the physical and logical types of every column kind', async () => {
    const info = await listParquetColumns(fixture('table_zstd.parquet'));
    const types = Object.fromEntries(info.columns.map((c) => [c.name, [c.physicalType, c.logicalType ?? '', c.kind]]));
    assert.deepEqual(types, {
      i8: ['INT32', 'INT_8', 'numeric'], i16: ['INT32', 'INT_16', 'numeric'], i32: ['INT32', 'INT_32', 'numeric'], i64: ['INT64', 'INT_64', 'numeric'],
      u8: ['INT32', 'UINT_8', 'numeric'], u16: ['INT32', 'UINT_16', 'numeric'], u32: ['INT32', 'UINT_32', 'numeric'], u64: ['INT64', 'UINT_64', 'numeric'],
      f32: ['FLOAT', '', 'numeric'], f64: ['DOUBLE', '', 'numeric'], dec: ['INT32', 'DECIMAL(9, 2)', 'numeric'], flag: ['BOOLEAN', '', 'categorical'],
      word: ['BYTE_ARRAY', 'UTF8', 'categorical'], maybe: ['DOUBLE', '', 'numeric'], maybe_word: ['BYTE_ARRAY', 'UTF8', 'categorical'],
      seq: ['INT64', 'INT_64', 'numeric'], half: ['DOUBLE', '', 'numeric'], code: ['BYTE_ARRAY', 'UTF8', 'categorical'],
    });
  });

  it('the _v2encodings files use the format-2 encodings (in DATA_PAGE headers: DuckDB writes no DATA_PAGE_V2)', () => {
    const encodings = (file: string) => {
      const bytes = fixture(file);
      return parquetMetadata(bytes.slice().buffer).row_groups[0]!.columns.map((c) => {
        const header = parquetHeader({ view: new DataView(bytes.buffer, bytes.byteOffset), offset: Number(c.meta_data!.data_page_offset) });
        return `${c.meta_data!.path_in_schema[0]}:${header.type}:${header.data_page_header!.encoding}`;
      });
    };
    assert.deepEqual(encodings('table_zstd_v2encodings.parquet').slice(-3), ['seq:DATA_PAGE:DELTA_BINARY_PACKED', 'half:DATA_PAGE:BYTE_STREAM_SPLIT', 'code:DATA_PAGE:DELTA_LENGTH_BYTE_ARRAY']);
    assert.deepEqual(encodings('table_zstd.parquet').slice(-3), ['seq:DATA_PAGE:PLAIN', 'half:DATA_PAGE:PLAIN', 'code:DATA_PAGE:PLAIN']);
    assert.equal(encodings('table_zstd.parquet')[0], 'i8:DATA_PAGE:PLAIN_DICTIONARY');
  });

  it('reads only the asked-for column chunks, reporting progress after each row group', async () => {
    const bytes = fixture('table_snappy.parquet');
    let fetched = 0;
    const reader: ByteRangeReader = { byteLength: bytes.length, read: async (s, e) => ((fetched += e - s), bytes.subarray(s, e)) };
    const progress: [number, number][] = [];
    const [f64] = await readParquetColumns(reader, ['f64'], { onProgress: (done, total) => progress.push([done, total]) });
    assertMatchesTwin(f64!, 'f64 alone');
    assert.deepEqual(progress, [[2048, 4200], [4096, 4200], [4200, 4200]]);
    assert.ok(fetched < bytes.length / 4, `fetched ${fetched} of ${bytes.length} bytes`);
  });

  it('stops between row groups when cancelled', async () => {
    let calls = 0;
    await rejects(readParquetColumns(fixture('table_zstd.parquet'), ['i8'], { isCancelled: () => ++calls > 1 }), 'usage', /^reading the Parquet file was cancelled$/);
    assert.equal(calls, 2);
  });

  it('pairs two columns by dropping the rows where either is null', async () => {
    const cols = await readParquetColumns(fixture('table_brotli_v2encodings.parquet'), ['maybe', 'maybe_word']);
    const [a, b] = dropNullRows(cols);
    const rows = [...Array(4200).keys()].filter((i) => twin.get('maybe')![i] !== null && twin.get('maybe_word')![i] !== null);
    assert.equal(rows.length, 4200 - 600 - 840 + 120);
    assert.deepEqual(numbers(a), rows.map((i) => Number(twin.get('maybe')![i])));
    assert.deepEqual(b!.values, rows.map((i) => twin.get('maybe_word')![i]));
    assert.equal(a!.nullRows.length, 4200 - rows.length);
  });

  it('a column null on every row has no values and every row in nullRows', async () => {
    const [empty, x] = await readParquetColumns(fixture('all_null.parquet'), ['empty', 'x']);
    assert.deepEqual([numbers(empty), Array.from(empty!.nullRows)], [[], [0, 1, 2]]);
    assert.deepEqual(numbers(x), [1, 1, 1]);
  });

  it('refuses int64 beyond 2^53, nested columns and unknown names, naming the column', async () => {
    await rejects(readParquetColumns(fixture('int64_beyond_2_53.parquet'), ['big']), 'invalid-value', /^column 'big', row 0 \(row group 0\) is 9007199254740993, beyond ±2\^53/);
    assert.deepEqual(numbers((await readParquetColumns(fixture('int64_beyond_2_53.parquet'), ['small']))[0]), [1, 3]);
    const nested = fixture('nested.parquet');
    const info = await listParquetColumns(nested);
    assert.deepEqual(info.columns.map((c) => [c.name, c.kind]), [['list', 'unsupported'], ['rec', 'unsupported'], ['x', 'numeric']]);
    await rejects(readParquetColumns(nested, ['list']), 'unsupported-file', /^column 'list' is a nested LIST column; only flat columns are read$/);
    await rejects(readParquetColumns(nested, ['rec']), 'unsupported-file', /^column 'rec' is a nested struct column/);
    await rejects(readParquetColumns(nested, ['y']), 'invalid-parameter', /^the Parquet file has no column 'y'; its columns: 'list', 'rec', 'x'$/);
    assert.deepEqual(numbers((await readParquetColumns(nested, ['x']))[0]), [1.5]);
  });

  describe('hostile files', () => {
    const good = fixture('table_zstd.parquet');
    const footer = footerStart(good);
    const cases: [string, () => Uint8Array, DivergenceErrorCode, RegExp, object?][] = [
      ['bad magic', () => patch(good, [0x50, 0x41, 0x52, 0x31], [0x50, 0x41, 0x52, 0x32]), 'parse-error', /does not start with the magic number 'PAR1'/],
      ['too short', () => good.slice(0, 11), 'parse-error', /11 bytes, fewer than the 12/],
      ['truncated footer', () => good.slice(0, good.length - 50), 'parse-error', /does not end with the magic number 'PAR1'/],
      ['footer length past the file', () => patch(good, Array.from(good.slice(-8, -4)), [0xff, 0xff, 0x0f, 0], good.length - 8), 'parse-error', /footer claims 1048575 bytes, more than the file's/],
      ['footer length wrong', () => patch(good, Array.from(good.slice(-8, -4)), [0x10, 0, 0, 0], good.length - 8), 'parse-error', /^the Parquet footer cannot be read/],
      ['lying file row count', () => patch(good, [0x16, 0xd0, 0x41], [0x16, 0xd2, 0x41], footer), 'parse-error', /footer says 4201 rows but its row groups hold 4200/],
      ['unknown codec', () => patch(good, [0x19, 0x18, 2, ...utf8('i8'), 0x15, 0x0c], [0x19, 0x18, 2, ...utf8('i8'), 0x15, 0x3e], footer), 'parse-error', /^column 'i8', row group 0: unsupported compression codec/],
      ['unknown physical type', () => patch(good, [0x15, 0x02, 0x25, 0x02, 0x18, 2, ...utf8('i8')], [0x15, 0x1e, 0x25, 0x02, 0x18, 2, ...utf8('i8')], footer), 'parse-error', /^the Parquet footer cannot be read/],
      ['chunk over the size limit', () => good, 'parse-error', /^column 'i8', row group 0: it claims 1415 bytes uncompressed, over the limit of 1000$/, { maxChunkBytes: 1000 }],
    ];
    for (const [title, make, code, message, options] of cases) {
      it(title, async () => {
        const bytes = make();
        await rejects((async () => (await listParquetColumns(bytes), readParquetColumns(bytes, ['i8'], options)))(), code, message);
      });
    }

    it('a page header claiming more than its chunk (a decompression bomb) is refused before decoding', async () => {
      const meta = parquetMetadata(good.slice().buffer);
      const m = meta.row_groups[1]!.columns.find((c) => c.meta_data!.path_in_schema[0] === 'f64')!.meta_data!;
      const at = Number(m.dictionary_page_offset ?? m.data_page_offset);
      // Page header: field 1 (type, i32) then field 2 (uncompressed_page_size, i32 zigzag varint): set the
      // varint's bytes to the largest value of the same length.
      assert.equal(good[at], 0x15);
      let k = at + 2;
      assert.equal(good[k], 0x15);
      const bomb = good.slice();
      for (k++; bomb[k]! & 0x80; k++) bomb[k] = 0xfe;
      bomb[k] = 0x7e;
      await rejects(readParquetColumns(bomb, ['f64']), 'parse-error', /^column 'f64', row group 1: the page at byte 0 claims \d+ bytes uncompressed, more than the \d+ left/);
    });

    it('corrupt compressed pages give the column and row group', async () => {
      for (const [file, message] of [['table_gzip.parquet', /a gzip page is corrupt/], ['table_brotli.parquet', /a brotli page is corrupt/], ['table_snappy.parquet', /an RLE run of 6471 values overflows the 766 left of its page/]] as const) {
        const bytes = fixture(file);
        const m = parquetMetadata(bytes.slice().buffer).row_groups[0]!.columns.find((c) => c.meta_data!.path_in_schema[0] === 'f64')!.meta_data!;
        const start = Number(m.data_page_offset);
        const bad = bytes.slice();
        bad.fill(0, start + 30, start + 60);
        await rejects(readParquetColumns(bad, ['f64']), 'parse-error', new RegExp(`^column 'f64', row group 0: .*${message.source}`));
      }
    });
  });
});
