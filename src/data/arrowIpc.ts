/**
 * Arrow IPC reader: the file format (.arrow, .feather v2: 'ARROW1' magic and a footer) and the stream format
 * (.arrows). Lists the top-level columns and reads asked-for flat columns record batch by record batch into
 * the table column type of ./table, with progress and cancellation between batches. Pure; decoding is
 * apache-arrow's. The bytes are in memory (Arrow's buffers are read in place, without copies).
 *
 * Kinds: Int8..Int64, Uint8..Uint64, Float16/32/64 → numeric (64-bit integers beyond ±2^53 are refused, as in
 * ./parquet); Bool → categorical 'true'/'false'; Utf8, LargeUtf8 and dictionaries of them → categorical.
 * Everything else (Decimal, temporal, binary, List, Struct, Map, Union, Null) is listed as 'unsupported' and
 * refused with its column name and Arrow type. Compressed record batch bodies (LZ4_FRAME/ZSTD) are refused:
 * apache-arrow decodes them only through codecs the caller registers, and none is registered here.
 * The IPC framing is checked first (./arrowFraming): apache-arrow loops without end on some corrupt headers.
 */
import { DataType, RecordBatchReader, Type } from 'apache-arrow';
import type { Field, RecordBatch, Vector } from 'apache-arrow';
import { DivergenceError, isDivergenceError } from '../core/errors';
import { checkArrowFile, checkArrowStream } from './arrowFraming';
import { exactNumber, oneLine, throwIfCancelled } from './table';
import type { TableColumn, TableColumnInfo, TableReadOptions } from './table';


export interface ArrowTableInfo {
  readonly format: 'file' | 'stream';
  readonly rowCount: number;
  readonly batchCount: number;
  /** Every top-level field, in schema order; unsupported ones with kind 'unsupported'. */
  readonly columns: TableColumnInfo[];
}

function fail(message: string): never {
  throw new DivergenceError('parse-error', oneLine(message));
}

function messageOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** What the reader makes of an Arrow type (the value type of a dictionary decides for it). */
function kindOf(type: DataType): TableColumnInfo['kind'] {
  const t = DataType.isDictionary(type) ? type.dictionary : type;
  switch (t.typeId) {
    case Type.Int:
    case Type.Float:
      return 'numeric';
    case Type.Bool:
    case Type.Utf8:
    case Type.LargeUtf8:
      return 'categorical';
    default:
      return 'unsupported';
  }
}

/** 'ARROW1' at the start: the file format; otherwise the stream format. */
function formatOf(bytes: Uint8Array): 'file' | 'stream' {
  const magic = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31];
  return magic.every((b, i) => bytes[i] === b) ? 'file' : 'stream';
}

interface Opened {
  readonly format: 'file' | 'stream';
  readonly fields: readonly Field[];
  readonly batches: Iterable<RecordBatch>;
}

function open(source: Uint8Array | ArrayBuffer): Opened {
  const bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
  const format = formatOf(bytes);
  if (bytes.length < 8) fail(`not an Arrow IPC file or stream: ${bytes.length} bytes`);
  if (format === 'file') {
    const end = bytes.subarray(bytes.length - 6);
    if (!end.every((b, i) => b === [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31][i])) fail("truncated Arrow file: it does not end with the magic number 'ARROW1'");
  }
  if (format === 'file') checkArrowFile(bytes);
  else checkArrowStream(bytes);
  let reader: RecordBatchReader;
  try {
    reader = RecordBatchReader.from(bytes);
    reader.open();
  } catch (e) {
    fail(`not a readable Arrow IPC ${format}: ${messageOf(e)}`);
  }
  if (reader.schema === undefined || reader.schema === null) fail(`not an Arrow IPC ${format}: it has no schema`);
  return { format, fields: reader.schema.fields, batches: reader };
}

/** Runs `f` over the batches, turning apache-arrow's exceptions into errors naming the batch. */
function eachBatch(opened: Opened, options: TableReadOptions, f: (batch: RecordBatch, index: number) => void): number {
  const it = opened.batches[Symbol.iterator]();
  for (let index = 0; ; index++) {
    throwIfCancelled(options, `the Arrow ${opened.format}`);
    let next: IteratorResult<RecordBatch>;
    try {
      next = it.next();
    } catch (e) {
      fail(`Arrow ${opened.format}, record batch ${index}: ${messageOf(e)}`);
    }
    if (next.done === true) return index;
    try {
      f(next.value, index);
    } catch (e) {
      if (isDivergenceError(e)) throw e;
      fail(`Arrow ${opened.format}, record batch ${index}: ${messageOf(e)}`);
    }
  }
}

/** Lists the top-level columns with their Arrow types, nullability, null counts and rows (reads every batch header). */
export function listArrowColumns(source: Uint8Array | ArrayBuffer): ArrowTableInfo {
  const opened = open(source);
  const nulls = opened.fields.map(() => 0);
  let rowCount = 0;
  const batchCount = eachBatch(opened, {}, (batch) => {
    rowCount += batch.numRows;
    opened.fields.forEach((_, c) => (nulls[c]! += batch.getChildAt(c)?.nullCount ?? 0));
  });
  const columns = opened.fields.map(
    (field, c): TableColumnInfo => ({
      name: field.name,
      physicalType: String(field.type),
      kind: kindOf(field.type),
      nullable: field.nullable,
      nullCount: nulls[c]!,
      rowCount,
    }),
  );
  return { format: opened.format, rowCount, batchCount, columns };
}

interface Builder {
  readonly name: string;
  readonly index: number;
  readonly kind: 'numeric' | 'categorical';
  readonly numbers: number[];
  readonly strings: string[];
  readonly nullRows: number[];
}

function append(b: Builder, vector: Vector, firstRow: number, batch: number): void {
  for (let i = 0; i < vector.length; i++) {
    const row = firstRow + i;
    const v: unknown = vector.isValid(i) ? vector.get(i) : null;
    if (v === null || v === undefined) b.nullRows.push(row);
    else if (b.kind === 'numeric') b.numbers.push(exactNumber(v, () => `column '${b.name}', row ${row} (record batch ${batch})`));
    else if (typeof v === 'string') b.strings.push(v);
    else if (typeof v === 'boolean') b.strings.push(v ? 'true' : 'false');
    else fail(`column '${b.name}', row ${row} (record batch ${batch}) is not a string`);
  }
}

/**
 * Reads the named columns, record batch by record batch (`isCancelled` before each, `onProgress` after each
 * with the rows so far; the total is not known before the end of a stream, so it is given as the rows so far
 * until the last batch). Throws 'invalid-parameter' for an unknown name and 'unsupported-file' for a column
 * of another kind, naming it and its Arrow type.
 */
export function readArrowColumns(source: Uint8Array | ArrayBuffer, names: readonly string[], options: TableReadOptions = {}): TableColumn[] {
  const opened = open(source);
  const builders = names.map((name): Builder => {
    const index = opened.fields.findIndex((f) => f.name === name);
    if (index < 0) throw new DivergenceError('invalid-parameter', oneLine(`the Arrow ${opened.format} has no column '${name}'; its columns: ${opened.fields.map((f) => `'${f.name}'`).join(', ')}`));
    const type = opened.fields[index]!.type;
    const kind = kindOf(type);
    if (kind === 'unsupported') throw new DivergenceError('unsupported-file', oneLine(`column '${name}' has Arrow type ${String(type)}, which is neither a number, a boolean nor a string`));
    return { name, index, kind, numbers: [], strings: [], nullRows: [] };
  });
  let rows = 0;
  eachBatch(opened, options, (batch, bi) => {
    for (const b of builders) {
      const vector = batch.getChildAt(b.index);
      if (vector === null || vector.length !== batch.numRows) fail(`column '${b.name}', record batch ${bi}: ${vector?.length ?? 0} values for the batch's ${batch.numRows} rows`);
      append(b, vector, rows, bi);
    }
    rows += batch.numRows;
    options.onProgress?.(rows, rows);
  });
  return builders.map((b): TableColumn => {
    const common = { name: b.name, rowCount: rows, nullRows: Uint32Array.from(b.nullRows) };
    return b.kind === 'numeric' ? { ...common, kind: 'numeric', values: Float64Array.from(b.numbers) } : { ...common, kind: 'categorical', values: b.strings };
  });
}
