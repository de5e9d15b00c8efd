#!/usr/bin/env node
// Writes the table fixtures of test/unit/data/{parquet,arrowIpc}.test.ts into test/fixtures/tables (committed;
// rerun to regenerate: `node scripts/gen_table_fixtures.mjs`). One deterministic table of ROWS rows is written
// as a CSV twin (table.csv, the reference: an empty field is a null), then by DuckDB as Parquet in every codec
// DuckDB writes (its 'lz4' is the same LZ4_RAW; nothing here writes the deprecated Hadoop LZ4), with the format-1
// encodings (PARQUET_VERSION V1: PLAIN, RLE_DICTIONARY) and the format-2 ones (V2: DELTA_BINARY_PACKED,
// DELTA_LENGTH_BYTE_ARRAY, ...), in row groups of 2048 rows. DuckDB 1.5 writes both in DATA_PAGE (v1) page
// headers; no writer installed here writes DATA_PAGE_V2 (pyarrow's data_page_version='2.0' or hyparquet-writer
// would). Then the first ARROW_ROWS rows by apache-arrow as Arrow IPC file and stream in record batches of
// BATCH rows. expected.json holds numbers
// computed here from the generated values (first, last, min, max, null and category counts), independently of any reader.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import * as arrow from 'apache-arrow';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test', 'fixtures', 'tables');
mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) rmSync(join(out, f));

const ROWS = 4200;
const POOL = 40;
const ARROW_ROWS = 1500;
const BATCH = 500;
const WORDS = ['sun', 'rain', 'fog', 'drizzle', 'snow', 'é-ü'];

/** A small linear congruential generator: the same table on every machine. */
let state = 20261206;
function next() {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state;
}

// name -> [DuckDB type, value of row i (null for a null)]
const columns = [
  ['i8', 'TINYINT', () => (next() % 256) - 128],
  ['i16', 'SMALLINT', () => (next() % 65536) - 32768],
  ['i32', 'INTEGER', () => (next() | 0)],
  ['i64', 'BIGINT', () => (next() % 2 ** 20) * 2 ** 32 + next() - 2 ** 51],
  ['u8', 'UTINYINT', () => next() % 256],
  ['u16', 'USMALLINT', () => next() % 65536],
  ['u32', 'UINTEGER', () => next()],
  ['u64', 'UBIGINT', () => (next() % 2 ** 21) * 2 ** 32 + next()],
  ['f32', 'FLOAT', () => ((next() % 20001) - 10000) / 64],
  ['f64', 'DOUBLE', () => ((next() % 2000001) - 1000000) / 1024],
  ['dec', 'DECIMAL(9,2)', () => ((next() % 2000001) - 1000000) / 100],
  ['flag', 'BOOLEAN', () => next() % 3 === 0],
  ['word', 'VARCHAR', () => WORDS[next() % WORDS.length]],
  ['maybe', 'DOUBLE', (i) => (i % 7 === 3 ? null : ((next() % 1001) - 500) / 8)],
  ['maybe_word', 'VARCHAR', (i) => (i % 5 === 1 ? null : WORDS[next() % 3])],
  // Distinct on every row, so DuckDB gives up the dictionary: the format-2 files encode them with
  // DELTA_BINARY_PACKED, BYTE_STREAM_SPLIT and DELTA_LENGTH_BYTE_ARRAY.
  ['seq', 'BIGINT', (i) => i * 3 - 5000, 'distinct'],
  ['half', 'DOUBLE', (i) => i / 2 - 1000, 'distinct'],
  ['code', 'VARCHAR', (i) => `r${i}`, 'distinct'],
];

// Each column draws its values from a pool of POOL values (with the type's extremes where they are exact in
// a double), so the files stay small (dictionary pages) while the values span the type's range.
const extremes = { i8: [-128, 127], i16: [-32768, 32767], i32: [-(2 ** 31), 2 ** 31 - 1], i64: [-(2 ** 53), 2 ** 53], u8: [0, 255], u16: [0, 65535], u32: [0, 2 ** 32 - 1], u64: [0, 2 ** 53], dec: [-9999999.99, 9999999.99] };
const pools = columns.map(([name, , gen]) => [...(extremes[name] ?? []), ...Array.from({ length: POOL }, () => gen(0))]);
const data = columns.map(() => []);
for (let i = 0; i < ROWS; i++) {
  columns.forEach(([, , gen, distinct], c) => {
    const v = gen(i);
    data[c].push(v === null || distinct ? v : pools[c][next() % pools[c].length]);
  });
}

const text = (v) => (v === null ? '' : typeof v === 'boolean' ? String(v) : typeof v === 'number' && Number.isInteger(v) ? v.toFixed(0) : String(v));
const csv = [columns.map(([n]) => n).join(',')];
for (let i = 0; i < ROWS; i++) csv.push(data.map((col) => text(col[i])).join(','));
writeFileSync(join(out, 'table.csv'), csv.join('\n') + '\n');

const expected = { rows: ROWS, columns: {} };
columns.forEach(([name, type, , distinct], c) => {
  const values = data[c].filter((v) => v !== null);
  const e = { duckdbType: type, nulls: ROWS - values.length };
  if (distinct && type === 'VARCHAR') {
    e.distinct = values.length;
  } else if (type === 'VARCHAR' || type === 'BOOLEAN') {
    e.counts = {};
    for (const v of values) e.counts[String(v)] = (e.counts[String(v)] ?? 0) + 1;
  } else {
    e.first = values[0];
    e.last = values[values.length - 1];
    e.min = Math.min(...values);
    e.max = Math.max(...values);
  }
  expected.columns[name] = e;
});

// --- Parquet by DuckDB -------------------------------------------------------------------------------------
const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const types = columns.map(([n, t]) => `'${n}': '${t}'`).join(', ');
await con.run(`CREATE TABLE t AS SELECT * FROM read_csv('${join(out, 'table.csv')}', header = true, columns = {${types}})`);
const parquet = [];
for (const codec of ['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4_raw']) {
  for (const version of ['V1', 'V2']) {
    const name = `table_${codec}${version === 'V2' ? '_v2encodings' : ''}.parquet`;
    await con.run(`COPY t TO '${join(out, name)}' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 2048, PARQUET_VERSION ${version})`);
    parquet.push(name);
  }
}
// Special cases: an int64 beyond 2^53, a list and a struct column, a column that is null on every row.
await con.run(`COPY (SELECT 9007199254740993::BIGINT AS big, 1 AS small UNION ALL SELECT 2, 3) TO '${join(out, 'int64_beyond_2_53.parquet')}' (FORMAT parquet)`);
await con.run(`COPY (SELECT [1, 2] AS list, {'a': 1} AS rec, 1.5 AS x) TO '${join(out, 'nested.parquet')}' (FORMAT parquet)`);
await con.run(`COPY (SELECT NULL::DOUBLE AS empty, 1.0::DOUBLE AS x FROM range(3)) TO '${join(out, 'all_null.parquet')}' (FORMAT parquet)`);
// Small seeds for the fuzz tests (test/unit/fuzz/tables.fuzz.test.ts): 40 rows of the table's first columns
// in each codec, with nulls, one row group.
const small = `SELECT i8, i64, f64, dec, flag, word, maybe, maybe_word FROM t LIMIT 40`;
for (const codec of ['uncompressed', 'snappy', 'gzip', 'zstd', 'brotli', 'lz4_raw']) {
  await con.run(`COPY (${small}) TO '${join(out, `small_${codec}.parquet`)}' (FORMAT parquet, COMPRESSION ${codec})`);
}
await con.run(`COPY (${small}) TO '${join(out, 'small_v2encodings.parquet')}' (FORMAT parquet, PARQUET_VERSION V2)`);
expected.parquet = parquet;

// --- Arrow IPC by apache-arrow -------------------------------------------------------------------------------
const arrowTypes = {
  i8: new arrow.Int8(), i16: new arrow.Int16(), i32: new arrow.Int32(), i64: new arrow.Int64(),
  u8: new arrow.Uint8(), u16: new arrow.Uint16(), u32: new arrow.Uint32(), u64: new arrow.Uint64(),
  f32: new arrow.Float32(), f64: new arrow.Float64(), flag: new arrow.Bool(),
  word: new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()), maybe: new arrow.Float64(), maybe_word: new arrow.Utf8(),
  seq: new arrow.Int64(), half: new arrow.Float64(), code: new arrow.Utf8(),
};
const vectors = {};
columns.forEach(([name], c) => {
  if (name === 'dec') return; // apache-arrow writes no Decimal from JS values; the Parquet files cover decimals
  const values = data[c].slice(0, ARROW_ROWS).map((v) => (v !== null && (name === 'i64' || name === 'u64' || name === 'seq') ? BigInt(v) : v));
  vectors[name] = arrow.vectorFromArray(values, arrowTypes[name]);
});
const whole = new arrow.Table(vectors);
// Record batches of BATCH rows that share one dictionary (the file format allows no replacement dictionaries).
const batches = [];
for (let start = 0; start < ARROW_ROWS; start += BATCH) batches.push(...whole.slice(start, start + BATCH).batches);
const table = new arrow.Table(batches);
writeFileSync(join(out, 'table.arrow'), arrow.tableToIPC(table, 'file'));
writeFileSync(join(out, 'table.arrows'), arrow.tableToIPC(table, 'stream'));
const smallTable = new arrow.Table(whole.slice(0, 40).batches);
writeFileSync(join(out, 'small.arrow'), arrow.tableToIPC(new arrow.Table([...smallTable.slice(0, 20).batches, ...smallTable.slice(20).batches]), 'file'));
writeFileSync(join(out, 'small.arrows'), arrow.tableToIPC(smallTable, 'stream'));
const nested = arrow.tableFromArrays({ x: new Float64Array([1, 2]) });
const listTable = new arrow.Table({ x: nested.getChild('x'), list: arrow.vectorFromArray([[1], [2, 3]], new arrow.List(new arrow.Field('item', new arrow.Int32()))) });
writeFileSync(join(out, 'nested.arrow'), arrow.tableToIPC(listTable, 'file'));
const big = new arrow.Table({ big: arrow.vectorFromArray([9007199254740993n, 2n], new arrow.Int64()) });
writeFileSync(join(out, 'int64_beyond_2_53.arrow'), arrow.tableToIPC(big, 'file'));
expected.arrow = ['table.arrow', 'table.arrows'];
expected.arrowBatches = batches.length;
expected.arrowRows = ARROW_ROWS;

writeFileSync(join(out, 'expected.json'), JSON.stringify(expected, null, 1) + '\n');
console.log(`wrote ${parquet.length} Parquet files, 4 Arrow files, table.csv and expected.json to ${out}`);
