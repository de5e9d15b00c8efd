/**
 * Parquet reader: lists a file's columns and reads asked-for flat columns row group by row group into the
 * table column type of ./table (numeric → Float64Array, boolean/string → categorical strings, nulls
 * removed and their row indices kept). Pure: bytes come from a `ByteRangeReader`, so a file larger than
 * memory is read one row group (and only the asked-for column chunks) at a time.
 *
 * Decoding is hyparquet's (pure JS, no WASM: reads v1 and v2 data pages, dictionary/RLE/delta/byte-stream-split
 * encodings); decompression is hyparquet's snappy and hyparquet-compressors' gzip, brotli, zstd, lz4, lz4_raw,
 * each behind a guard that refuses a page's claimed uncompressed size BEFORE the output is allocated when it
 * is over its column chunk's claimed size, and a chunk whose claimed size is over `maxChunkBytes`.
 *
 * Exactness: INT32/FLOAT/DOUBLE and 8-32-bit integers are exact as doubles. INT64/UINT64 values beyond ±2^53
 * are refused ('invalid-value', naming column and row) rather than rounded: two distinct ids or counts would
 * become one double silently. DECIMAL is unscaled / 10^scale, the nearest double to the decimal when the
 * unscaled integer is below 2^53 (precision ≤ 15); wider decimals round the unscaled integer first.
 */
import { parquetMetadataAsync, parquetRead, parquetSchema, snappyUncompress } from 'hyparquet';
import type { AsyncBuffer, ColumnData, ColumnMetaData, Compressors, FileMetaData, PageHeader, SchemaElement, SchemaTree } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { decompressBrotli, decompressGzip, decompressLz4, decompressLz4Raw, decompressZstd } from 'hyparquet-compressors';
import { DivergenceError, isDivergenceError } from '../core/errors';
import { bytesReader, exactNumber, oneLine, throwIfCancelled } from './table';
import type { ByteRangeReader, TableColumn, TableColumnInfo, TableReadOptions } from './table';

/** Largest claimed uncompressed size of one column chunk the reader accepts by default (256 MiB). */
export const DEFAULT_MAX_CHUNK_BYTES = 256 * 1024 * 1024;
const MAX_ROWS = 2 ** 32 - 1;

export interface ParquetReadOptions extends TableReadOptions {
  /** Refuse a column chunk whose claimed uncompressed size is over this (default DEFAULT_MAX_CHUNK_BYTES). */
  readonly maxChunkBytes?: number;
}

export interface ParquetTableInfo {
  readonly rowCount: number;
  readonly rowGroupCount: number;
  /** Every top-level column, in schema order; nested and unsupported ones with kind 'unsupported'. */
  readonly columns: TableColumnInfo[];
}

/** A top-level field of the schema, with what the reader makes of it. */
interface Field {
  readonly info: TableColumnInfo;
  /** Why the column cannot be read, when kind is 'unsupported'. */
  readonly refusal?: string;
}

function fail(message: string): never {
  throw new DivergenceError('parse-error', oneLine(message));
}

function describeLogical(e: SchemaElement): string | undefined {
  const l = e.logical_type;
  if (l !== undefined) {
    if (l.type === 'INTEGER') return `INTEGER(${l.bitWidth}, ${l.isSigned ? 'signed' : 'unsigned'})`;
    if (l.type === 'DECIMAL') return `DECIMAL(${l.precision}, ${l.scale})`;
    if (l.type === 'TIME' || l.type === 'TIMESTAMP') return `${l.type}(${l.unit})`;
    return l.type;
  }
  if (e.converted_type === 'DECIMAL') return `DECIMAL(${e.precision ?? '?'}, ${e.scale ?? 0})`;
  return e.converted_type;
}

const NUMERIC_LOGICAL = new Set(['INTEGER', 'DECIMAL', 'FLOAT16', 'INT_8', 'INT_16', 'INT_32', 'INT_64', 'UINT_8', 'UINT_16', 'UINT_32', 'UINT_64']);
const TEXT_LOGICAL = new Set(['STRING', 'UTF8', 'ENUM', 'JSON']);

function fieldOf(node: SchemaTree, rowCount: number, stats: NullStats): Field {
  const e = node.element;
  const logical = describeLogical(e);
  const logicalKind = e.logical_type?.type ?? e.converted_type;
  const nested = node.children.length > 0 || e.repetition_type === 'REPEATED';
  const physicalType = nested ? (logical ?? 'group') : (e.type ?? 'group');
  let kind: TableColumnInfo['kind'] = 'unsupported';
  let refusal: string | undefined;
  if (nested) {
    refusal = `is a nested ${logical ?? (e.repetition_type === 'REPEATED' ? 'repeated' : 'struct')} column; only flat columns are read`;
  } else if (e.type === 'BOOLEAN') {
    kind = 'categorical';
  } else if (e.type === 'BYTE_ARRAY' && logicalKind !== undefined && TEXT_LOGICAL.has(logicalKind)) {
    kind = 'categorical';
  } else if ((e.type === 'FLOAT' || e.type === 'DOUBLE') && logicalKind === undefined) {
    kind = 'numeric';
  } else if ((e.type === 'INT32' || e.type === 'INT64') && (logicalKind === undefined || NUMERIC_LOGICAL.has(logicalKind))) {
    kind = 'numeric';
  } else if (e.type === 'FIXED_LEN_BYTE_ARRAY' && (logicalKind === 'DECIMAL' || logicalKind === 'FLOAT16')) {
    kind = 'numeric';
  } else {
    refusal = `has type ${e.type ?? 'group'}${logical ? ` ${logical}` : ''}, which is neither a number, a boolean nor a string`;
  }
  const nullCount = stats.get(e.name);
  const info: TableColumnInfo = {
    name: e.name,
    physicalType,
    ...(logical !== undefined ? { logicalType: logical } : {}),
    kind,
    nullable: e.repetition_type !== 'REQUIRED',
    ...(nullCount !== undefined ? { nullCount } : {}),
    rowCount,
  };
  return refusal === undefined ? { info } : { info, refusal };
}

type NullStats = Map<string, number>;

/** Null counts per top-level flat column when every row group's statistics give one. */
function nullStats(meta: FileMetaData): NullStats {
  const sums = new Map<string, number | undefined>();
  for (const g of meta.row_groups) {
    for (const c of g.columns) {
      const path = c.meta_data?.path_in_schema;
      if (path === undefined || path.length !== 1) continue;
      const n = c.meta_data?.statistics?.null_count;
      const before = sums.has(path[0]!) ? sums.get(path[0]!) : 0;
      sums.set(path[0]!, n === undefined || before === undefined ? undefined : before + Number(n));
    }
  }
  const out: NullStats = new Map();
  for (const [k, v] of sums) if (v !== undefined) out.set(k, v);
  return out;
}

interface OpenFile {
  readonly buffer: CachedBuffer;
  readonly meta: FileMetaData;
  readonly fields: Field[];
  readonly rowCount: number;
  /** First row of each row group, and the table's row count at the end. */
  readonly groupStarts: number[];
}

/** The file as hyparquet reads it; the last range read is kept, as the page scan and the decoder read the same chunk. */
interface CachedBuffer extends AsyncBuffer {
  range(start: number, end: number): Promise<Uint8Array>;
}

function asyncBuffer(reader: ByteRangeReader): CachedBuffer {
  let last: { start: number; end: number; bytes: Promise<Uint8Array> } | undefined;
  const range = (start: number, end: number): Promise<Uint8Array> => {
    if (last === undefined || last.start !== start || last.end !== end) last = { start, end, bytes: reader.read(start, end) };
    return last.bytes;
  };
  return {
    byteLength: reader.byteLength,
    range,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const s = Math.max(0, Math.min(start, reader.byteLength));
      const e = Math.max(s, Math.min(end ?? reader.byteLength, reader.byteLength));
      const bytes = await range(s, e);
      // A copy: the bytes may be a view into a larger (or shared, or Node Buffer pool) ArrayBuffer.
      const copy = new Uint8Array(bytes.length);
      copy.set(bytes);
      return copy.buffer;
    },
  };
}

/** Reads and checks the footer: magic, footer length, row counts, column chunk ranges and claimed sizes. */
async function open(source: ByteRangeReader | Uint8Array | ArrayBuffer, maxChunkBytes: number): Promise<OpenFile> {
  const reader = source instanceof Uint8Array || source instanceof ArrayBuffer ? bytesReader(source) : source;
  const size = reader.byteLength;
  if (size < 12) fail(`not a Parquet file: ${size} bytes, fewer than the 12 of its magic numbers and footer length`);
  const head = await reader.read(0, 4);
  const tail = await reader.read(size - 8, size);
  const magic = (b: Uint8Array, o: number) => b[o] === 0x50 && b[o + 1] === 0x41 && b[o + 2] === 0x52 && b[o + 3] === 0x31;
  if (!magic(head, 0)) fail("not a Parquet file: it does not start with the magic number 'PAR1'");
  if (!magic(tail, 4)) fail("truncated or not a Parquet file: it does not end with the magic number 'PAR1'");
  const footerLength = (tail[0]! | (tail[1]! << 8) | (tail[2]! << 16) | (tail[3]! << 24)) >>> 0;
  if (footerLength > size - 12) fail(`the Parquet footer claims ${footerLength} bytes, more than the file's ${size - 12} bytes before it`);
  const buffer = asyncBuffer(reader);
  let meta: FileMetaData;
  let schema: SchemaTree;
  try {
    meta = await parquetMetadataAsync(buffer, { initialFetchSize: Math.min(size, footerLength + 8) });
    schema = parquetSchema(meta);
  } catch (e) {
    if (isDivergenceError(e)) throw e;
    fail(`the Parquet footer cannot be read: ${messageOf(e)}`);
  }
  const rowCount = checkedCount(meta.num_rows, 'the file');
  const groupStarts = [0];
  meta.row_groups.forEach((g, gi) => {
    const rows = checkedCount(g.num_rows, `row group ${gi}`);
    groupStarts.push(groupStarts[gi]! + rows);
    for (const c of g.columns) {
      const m = c.meta_data;
      const name = m?.path_in_schema.join('.') ?? '?';
      if (m === undefined) fail(`column chunk of row group ${gi} has no metadata (encrypted or external)`);
      const start = Number(m.dictionary_page_offset ?? m.data_page_offset);
      const length = Number(m.total_compressed_size);
      if (!(start >= 4 && length >= 0 && start + length <= size - 8 - footerLength)) {
        fail(`column '${name}', row group ${gi}: its pages (bytes ${start} to ${start + length}) are not inside the file's ${size - 8 - footerLength} bytes of data`);
      }
      const claimed = Number(m.total_uncompressed_size);
      if (!(claimed >= 0 && claimed <= maxChunkBytes)) {
        fail(`column '${name}', row group ${gi}: it claims ${claimed} bytes uncompressed, over the limit of ${maxChunkBytes}`);
      }
    }
  });
  if (groupStarts[groupStarts.length - 1] !== rowCount) {
    fail(`the Parquet footer says ${rowCount} rows but its row groups hold ${groupStarts[groupStarts.length - 1]}`);
  }
  const stats = nullStats(meta);
  return { buffer, meta, fields: schema.children.map((n) => fieldOf(n, rowCount, stats)), rowCount, groupStarts };
}

function checkedCount(n: bigint, what: string): number {
  if (n < 0n || n > BigInt(MAX_ROWS)) fail(`${what} claims ${n} rows, outside 0 to ${MAX_ROWS}`);
  return Number(n);
}

/** A claimed size or count as the message shows it: a corrupt header may hold a field of another type. */
function shown(v: unknown): string {
  return typeof v === 'number' || typeof v === 'bigint' ? String(v) : 'an invalid value';
}

function messageOf(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/\s+/g, ' ').replace(/^parquet /, '').slice(0, 200);
}

/** Lists the file's top-level columns with their types, nullability, null counts (from statistics) and rows. */
export async function listParquetColumns(source: ByteRangeReader | Uint8Array | ArrayBuffer, options: Pick<ParquetReadOptions, 'maxChunkBytes'> = {}): Promise<ParquetTableInfo> {
  const file = await open(source, options.maxChunkBytes ?? DEFAULT_MAX_CHUNK_BYTES);
  return { rowCount: file.rowCount, rowGroupCount: file.meta.row_groups.length, columns: file.fields.map((f) => f.info) };
}

/**
 * The decompressors, each refusing a page whose claimed uncompressed size would take its column chunk over
 * the chunk's claimed total before allocating its output, and checking the output has the claimed size.
 */
function guardedCompressors(claimedChunkBytes: number, where: string): Compressors {
  let left = claimedChunkBytes;
  const guard = (codec: string, f: (input: Uint8Array, outputLength: number) => Uint8Array) => (input: Uint8Array, outputLength: number) => {
    if (!(Number.isInteger(outputLength) && outputLength >= 0 && outputLength <= left)) {
      fail(`${where}: a ${codec} page claims ${shown(outputLength)} bytes uncompressed, more than the ${left} left of its column chunk's claimed size`);
    }
    left -= outputLength;
    let out: Uint8Array;
    try {
      out = f(input, outputLength);
    } catch (e) {
      fail(`${where}: a ${codec} page is corrupt (${messageOf(e)})`);
    }
    if (out.length !== outputLength) fail(`${where}: a ${codec} page decompresses to ${out.length} bytes, not the ${outputLength} its header claims`);
    return out;
  };
  return {
    SNAPPY: guard('snappy', (input, n) => {
      const out = new Uint8Array(n);
      snappyUncompress(input, out);
      return out;
    }),
    GZIP: guard('gzip', decompressGzip),
    BROTLI: guard('brotli', decompressBrotli),
    ZSTD: guard('zstd', (input, n) => decompressZstd(input, new Uint8Array(n))),
    LZ4: guard('lz4', decompressLz4),
    LZ4_RAW: guard('lz4_raw', decompressLz4Raw),
  };
}

/**
 * Walks the page headers of one column chunk before anything is decoded: every page must lie inside the
 * chunk, the claimed uncompressed sizes must fit the chunk's claimed total, a dictionary cannot claim more
 * entries than bits in its page, and the data pages must hold exactly the row group's rows (a flat column has
 * one value or null per row). So a lying header is refused before hyparquet allocates what it claims.
 */
function scanPages(bytes: Uint8Array, chunk: ColumnMetaData, rows: number, where: string): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader = { view, offset: 0 };
  let left = Number(chunk.total_uncompressed_size);
  let values = 0;
  while (values < rows) {
    if (reader.offset >= bytes.length) fail(`${where}: its pages hold ${values} values for the row group's ${rows} rows`);
    const at = reader.offset;
    let h: PageHeader;
    try {
      h = parquetHeader(reader);
    } catch (e) {
      fail(`${where}: the page header at byte ${at} of the column chunk cannot be read (${messageOf(e)})`);
    }
    const compressed = h.compressed_page_size;
    const uncompressed = h.uncompressed_page_size;
    if (!(Number.isInteger(compressed) && compressed >= 0 && reader.offset + compressed <= bytes.length)) {
      fail(`${where}: the page at byte ${at} claims ${shown(compressed)} bytes, past the end of its ${bytes.length}-byte column chunk`);
    }
    if (!(Number.isInteger(uncompressed) && uncompressed >= 0 && uncompressed <= left)) {
      fail(`${where}: the page at byte ${at} claims ${shown(uncompressed)} bytes uncompressed, more than the ${left} left of its column chunk's claimed size`);
    }
    left -= uncompressed;
    const n = h.data_page_header?.num_values ?? h.data_page_header_v2?.num_values;
    if (h.type === 'DICTIONARY_PAGE') {
      const entries = h.dictionary_page_header?.num_values ?? -1;
      if (!(entries >= 0 && entries <= uncompressed * 8)) fail(`${where}: a dictionary page claims ${shown(entries)} entries in ${uncompressed} bytes`);
    } else if (h.type === 'DATA_PAGE' || h.type === 'DATA_PAGE_V2') {
      if (n === undefined || !(n >= 0 && values + n <= rows)) fail(`${where}: its data pages claim more values than the row group's ${rows} rows`);
      values += n;
    }
    reader.offset += compressed;
  }
}

/** Growing storage of one column's values and null rows. */
interface Builder {
  readonly field: Field;
  readonly numbers: number[];
  readonly strings: string[];
  readonly nullRows: number[];
}

function append(b: Builder, chunk: ColumnData, groupStart: number, groupRows: number, gi: number): void {
  const data = chunk.columnData;
  const name = b.field.info.name;
  if (data.length !== groupRows || chunk.rowStart !== groupStart) {
    fail(`column '${name}', row group ${gi}: ${data.length} values for the ${groupRows} rows the row group claims`);
  }
  const numeric = b.field.info.kind === 'numeric';
  for (let i = 0; i < data.length; i++) {
    const v: unknown = data[i];
    const row = groupStart + i;
    if (v === null || v === undefined) b.nullRows.push(row);
    else if (numeric) b.numbers.push(exactNumber(v, () => `column '${name}', row ${row} (row group ${gi})`));
    else if (typeof v === 'string') b.strings.push(v);
    else if (typeof v === 'boolean') b.strings.push(v ? 'true' : 'false');
    else fail(`column '${name}', row ${row} (row group ${gi}) is not a string`);
  }
}

/**
 * Reads the named columns (projection: only their column chunks are fetched), row group by row group,
 * calling `onProgress` after each and `isCancelled` before each. The columns come back in the order asked.
 * Throws 'invalid-parameter' for an unknown column name and 'unsupported-file' for a nested or non-numeric,
 * non-text column, naming it and its type.
 */
export async function readParquetColumns(
  source: ByteRangeReader | Uint8Array | ArrayBuffer,
  names: readonly string[],
  options: ParquetReadOptions = {},
): Promise<TableColumn[]> {
  const file = await open(source, options.maxChunkBytes ?? DEFAULT_MAX_CHUNK_BYTES);
  const builders = names.map((name): Builder => {
    const field = file.fields.find((f) => f.info.name === name);
    if (field === undefined) {
      throw new DivergenceError('invalid-parameter', oneLine(`the Parquet file has no column '${name}'; its columns: ${file.fields.map((f) => `'${f.info.name}'`).join(', ')}`));
    }
    if (field.refusal !== undefined) throw new DivergenceError('unsupported-file', oneLine(`column '${name}' ${field.refusal}`));
    return { field, numbers: [], strings: [], nullRows: [] };
  });
  const unique = [...new Set(names)];
  for (let gi = 0; gi < file.meta.row_groups.length; gi++) {
    throwIfCancelled(options, 'the Parquet file');
    const start = file.groupStarts[gi]!;
    const rows = file.groupStarts[gi + 1]! - start;
    if (rows === 0) continue;
    for (const name of unique) {
      const chunk = file.meta.row_groups[gi]!.columns.find((c) => c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === name);
      const where = `column '${name}', row group ${gi}`;
      const meta = chunk?.meta_data;
      if (meta === undefined) fail(`${where}: the row group has no column chunk for it`);
      const chunkStart = Number(meta.dictionary_page_offset ?? meta.data_page_offset);
      scanPages(await file.buffer.range(chunkStart, chunkStart + Number(meta.total_compressed_size)), meta, rows, where);
      const chunks: ColumnData[] = [];
      try {
        await parquetRead({
          file: file.buffer,
          metadata: file.meta,
          columns: [name],
          rowStart: start,
          rowEnd: start + rows,
          compressors: guardedCompressors(Number(meta.total_uncompressed_size), where),
          onChunk: (c) => chunks.push(c),
        });
      } catch (e) {
        if (isDivergenceError(e)) throw e;
        fail(`${where}: ${messageOf(e)}`);
      }
      if (chunks.length !== 1) fail(`${where}: ${chunks.length} column chunks decoded, not 1`);
      for (const b of builders) if (b.field.info.name === name) append(b, chunks[0]!, start, rows, gi);
    }
    options.onProgress?.(start + rows, file.rowCount);
  }
  return builders.map((b): TableColumn => {
    const common = { name: b.field.info.name, rowCount: file.rowCount, nullRows: Uint32Array.from(b.nullRows) };
    return b.field.info.kind === 'numeric' ? { ...common, kind: 'numeric', values: Float64Array.from(b.numbers) } : { ...common, kind: 'categorical', values: b.strings };
  });
}
