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
  });
});
