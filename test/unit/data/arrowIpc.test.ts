import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listArrowColumns, readArrowColumns } from '../../../src/data/arrowIpc';
import { categoryFrequencies, type CategoricalColumn } from '../../../src/data/table';
import { expectError } from './dataAssert';
import { assertMatchesTwin, expected, fixture, numbers, twin } from './tableFixtures';

/** The table's columns apache-arrow writes (it writes no Decimal from JS values). */
const NAMES = Object.keys(expected.columns).filter((n) => n !== 'dec');
const ROWS = expected.arrowRows;

describe('arrowIpc', () => {
  for (const [file, format] of [['table.arrow', 'file'], ['table.arrows', 'stream']] as const) {
    it(`${file}: every column equals the first ${ROWS} rows of the CSV twin`, () => {
      const bytes = fixture(file);
      const info = listArrowColumns(bytes);
      assert.deepEqual([info.format, info.rowCount, info.batchCount], [format, ROWS, expected.arrowBatches]);
      assert.deepEqual(info.columns.map((c) => c.name), NAMES);
      for (const c of info.columns) {
        const nulls = twin.get(c.name)!.slice(0, ROWS).filter((f) => f === null).length;
        assert.deepEqual([c.nullCount, c.nullable, c.rowCount], [nulls, true, ROWS], c.name);
      }
      assert.deepEqual(
        info.columns.filter((c) => ['i64', 'u8', 'f32', 'flag', 'word', 'code'].includes(c.name)).map((c) => [c.physicalType, c.kind]),
        [['Int64', 'numeric'], ['Uint8', 'numeric'], ['Float32', 'numeric'], ['Bool', 'categorical'], ['Dictionary<Int32, Utf8>', 'categorical'], ['Utf8', 'categorical']],
      );
      const progress: number[] = [];
      const columns = readArrowColumns(bytes, NAMES, { onProgress: (done) => progress.push(done) });
      assert.deepEqual(progress, [500, 1000, 1500]);
      for (const col of columns) assertMatchesTwin(col, file, ROWS);
      const word = columns.find((c) => c.name === 'word')! as CategoricalColumn;
      const want = new Map<string, number>();
      for (const f of twin.get('word')!.slice(0, ROWS)) want.set(f!, (want.get(f!) ?? 0) + 1);
      const freq = categoryFrequencies(word);
      assert.deepEqual(freq.categories, [...want.keys()].sort());
      assert.deepEqual(Array.from(freq.countsA), freq.categories.map((c) => want.get(c)));
    });
  }

  it('stops between record batches when cancelled', () => {
    let calls = 0;
    expectError(() => readArrowColumns(fixture('table.arrows'), ['f64'], { isCancelled: () => ++calls > 2 }), 'usage', undefined, 'reading the Arrow stream was cancelled');
    assert.equal(calls, 3);
  });

  it('refuses int64 beyond 2^53, nested columns and unknown names, naming the column', () => {
    expectError(() => readArrowColumns(fixture('int64_beyond_2_53.arrow'), ['big']), 'invalid-value', undefined, /^column 'big', row 0 \(record batch 0\) is 9007199254740993, beyond ±2\^53/);
    const nested = fixture('nested.arrow');
    assert.deepEqual(listArrowColumns(nested).columns.map((c) => [c.name, c.physicalType, c.kind]), [['x', 'Float64', 'numeric'], ['list', 'List<Int32>', 'unsupported']]);
    expectError(() => readArrowColumns(nested, ['list']), 'unsupported-file', undefined, "column 'list' has Arrow type List<Int32>, which is neither a number, a boolean nor a string");
    expectError(() => readArrowColumns(nested, ['y']), 'invalid-parameter', undefined, "the Arrow file has no column 'y'; its columns: 'x', 'list'");
    assert.deepEqual(numbers(readArrowColumns(nested, ['x'])[0]), [1, 2]);
  });

  it('examples/flights-200k.arrow (from vega-datasets): 200,000 rows of three numeric columns', () => {
    const bytes = new Uint8Array(readFileSync(join(__dirname, '..', '..', '..', 'examples', 'flights-200k.arrow')));
    const info = listArrowColumns(bytes);
    assert.deepEqual([info.format, info.rowCount], ['file', 200000]);
    assert.deepEqual(info.columns.map((c) => [c.name, c.physicalType, c.kind, c.nullCount]), [['delay', 'Int16', 'numeric', 0], ['distance', 'Int16', 'numeric', 0], ['time', 'Float32', 'numeric', 0]]);
    const [distance] = readArrowColumns(bytes, ['distance']);
    assert.deepEqual(numbers(distance).slice(0, 2), [1452, 2227]);
  });

  describe('hostile files', () => {
    const file = fixture('table.arrow');
    const stream = fixture('table.arrows');
    it('too short, truncated file, truncated stream, garbage', () => {
      expectError(() => listArrowColumns(file.slice(0, 5)), 'parse-error', undefined, /^not an Arrow IPC file or stream: 5 bytes$/);
      expectError(() => listArrowColumns(file.slice(0, file.length - 100)), 'parse-error', undefined, /^truncated Arrow file: it does not end with the magic number 'ARROW1'$/);
      expectError(() => readArrowColumns(stream.slice(0, 3000), ['f64']), 'parse-error', undefined, /^Arrow stream, record batch 0: /);
      expectError(() => listArrowColumns(new TextEncoder().encode('a,b\n1,2\n3,4\n')), 'parse-error', undefined, /^not a readable Arrow IPC stream|^not an Arrow IPC stream/);
    });

    /** small.arrow with bytes set: [position, value] pairs. */
    const patched = (name: string, patches: [number, number][]): Uint8Array => {
      const b = fixture(name);
      for (const [at, v] of patches) b[at] = v;
      return b;
    };

    // Found by setting 1-3 random bytes of small.arrow to random values, each read in a child process under a
    // time limit: 46 of 3000 mutated files made apache-arrow loop without end (its file reader re-reads a
    // record batch block whose message is not a record batch). Each is now refused before apache-arrow reads it.
    const HANGS: [string, [number, number][], RegExp][] = [
      ['a record batch length prefix: negative', [[231, 154]], /^corrupt Arrow file, record batch 0: its metadata length -1711275096 does not fit in the file$/],
      ['a continuation marker broken', [[227, 153]], /^corrupt Arrow file, record batch 0: its metadata length -1711276033 does not fit in the file$/],
      ['a flatbuffer root offset past the message', [[233, 72]], /^corrupt Arrow file, record batch 0: an offset points outside the message \(byte 18684, 4 bytes\)$/],
      ['a flatbuffer root offset far past the file', [[235, 156]], /^corrupt Arrow file, record batch 0: an offset points outside the message \(byte 2617245948, 4 bytes\)$/],
      ['the second record batch prefix', [[3434, 60]], /^corrupt Arrow file, record batch 1: its metadata length -12779521 does not fit in the file$/],
      ['a vtable offset of the second record batch', [[4102, 251]], /^corrupt Arrow file, record batch 1: an offset points outside the message/],
      ['a footer offset', [[7650, 87]], /^corrupt Arrow file, footer: an offset points outside the message/],
      ['a block offset in the footer', [[6737, 10]], /^corrupt Arrow file, record batch 0: its metadata length -554189329 does not fit in the file$/],
      ['the first prefix byte', [[224, 174]], /^corrupt Arrow file, record batch 0: its metadata length -82 does not fit in the file$/],
    ];
    /** small.arrows with `count` bytes at `at` deleted, then `count2` bytes at `at2` repeated. */
    const spliced = (at: number, count: number, at2: number, count2: number): Uint8Array => {
      const b = fixture('small.arrows');
      const d = new Uint8Array([...b.subarray(0, at), ...b.subarray(at + count)]);
      return new Uint8Array([...d.subarray(0, at2 + count2), ...d.subarray(at2)]);
    };
    // Found the same way with deletions and repeated bytes: the stream's third message keeps whole metadata
    // but a body cut short, and apache-arrow decoded a corrupt field-node vector of billions of entries
    // before finding the body missing (out of memory).
    it('refuses a stream message whose metadata is corrupt although its body is cut short', () => {
      expectError(() => listArrowColumns(spliced(4523, 13, 1540, 3)), 'parse-error', undefined, /^corrupt Arrow stream, message 2: an offset points outside the message \(byte 1880, 4563402752 bytes\)$/);
      expectError(() => listArrowColumns(spliced(4706, 15, 1834, 2)), 'parse-error', undefined, /^corrupt Arrow stream, message 2: an offset points outside the message \(byte 1880, 17825792 bytes\)$/);
    });

    for (const [what, patches, message] of HANGS) {
      it(`refuses, rather than hangs on: ${what} (${JSON.stringify(patches)})`, () => {
        const b = patched('small.arrow', patches);
        expectError(() => listArrowColumns(b), 'parse-error', undefined, message);
        expectError(() => readArrowColumns(b, ['f64']), 'parse-error', undefined, message);
      });
    }
  });
});
