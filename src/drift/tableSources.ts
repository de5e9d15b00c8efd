/**
 * A table file opened for a drift report read a few columns at a time: its column names first, then any
 * columns on demand, each read giving exactly the columns `readDriftTable` gives for the whole file.
 *
 * - Parquet: the footer, then only the asked-for column chunks, row group by row group, through the
 *   `ByteRangeReader` (the file is never read whole).
 * - CSV/TSV: a pass over the file in pieces per read. Columns that look numeric (no missing or text cell in
 *   the first piece) go through the piecewise numeric reader (src/data/csvChunks.ts); the others, and those
 *   whose fast read meets a cell that is not a number, through the drift tokenizer (./csvRecords.ts). Memory:
 *   the columns read plus one piece of text.
 * - Arrow IPC: read in place from its bytes (in memory), only the asked-for columns converted.
 * - JSON records: a JSON text is parsed whole, once; its columns are then handed out on demand.
 */
import { DivergenceError, isDivergenceError } from '../core/errors';
import { readCsvColumnListInChunks } from '../data/csvChunks';
import type { RandomAccessReader } from '../data/npyStream';
import { listArrowColumns, readArrowColumns } from '../data/arrowIpc';
import { listParquetColumns, readParquetColumns } from '../data/parquet';
import { throwIfCancelled, type ByteRangeReader, type TableColumn, type TableColumnInfo, type TableReadOptions } from '../data/table';
import type { DriftColumn, DriftTable } from './driftColumn';
import { DRIFT_TABLE_EXTENSIONS, driftTableOfColumns, readDriftTable, tableExtension, unreadableExtension } from './readTable';
import { CsvColumnsReader } from './tableText';

/** A table file: its name (the extension picks the reader) and its bytes. */
export interface DriftFile {
  readonly name: string;
  readonly reader: ByteRangeReader;
  /** Put in front of the messages of this file's errors (`REF a.csv`), when given. */
  readonly label?: string;
}

/** Progress (fraction of this read, 0 to 1) and cancellation of one read. */
export interface ReadControl {
  readonly onProgress?: (fraction: number) => void;
  readonly isCancelled?: () => boolean;
  /** Bytes of CSV text per piece (default 1 MiB). */
  readonly pieceBytes?: number;
}

/** A table file whose columns are read on demand. */
export interface ColumnSource {
  /** The columns a drift report can read, in file order. */
  readonly names: readonly string[];
  /** Columns of a columnar file that no drift test applies to, with their file types. */
  readonly skipped: readonly { readonly name: string; readonly type: string }[];
  /** Rows of the table when known before a read (columnar files, JSON), else an estimate from the first piece. */
  readonly rowsEstimate: number;
  /**
   * Columns that one pass over the file reads together come first (for CSV, those that look numeric, then the
   * others: each kind is a pass of its own reader), else the order given.
   */
  readonly passOrder?: (names: readonly string[]) => string[];
  /** The named columns (in that order) and the table's rows. */
  read(names: readonly string[], control?: ReadControl): Promise<DriftTable>;
}

const DEFAULT_PIECE_BYTES = 1 << 20;

/** The columns of a whole table by name (the last of a repeated name, as the report's lookup keeps). */
function pick(table: DriftTable, names: readonly string[]): DriftTable {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  return { rows: table.rows, columns: names.map((n) => byName.get(n)!) };
}

/** A columnar file's listing, and its reader of some columns (with row progress and cancellation). */
function columnarSource(
  info: { readonly rowCount: number; readonly columns: readonly TableColumnInfo[] },
  readColumns: (names: readonly string[], options: TableReadOptions) => Promise<TableColumn[]> | TableColumn[],
): ColumnSource {
  return {
    names: info.columns.filter((c) => c.kind !== 'unsupported').map((c) => c.name),
    skipped: driftTableOfColumns(info.columns, info.rowCount, []).skipped,
    rowsEstimate: info.rowCount,
    read: async (names, control = {}) => {
      const onProgress = control.onProgress && ((done: number, total: number) => control.onProgress!(total > 0 ? done / total : 1));
      const columns = await readColumns(names, { onProgress, isCancelled: control.isCancelled });
      return driftTableOfColumns(info.columns, info.rowCount, columns).table;
    },
  };
}

/** A Parquet file: only the asked-for column chunks are read, row group by row group. */
async function parquetSource(reader: ByteRangeReader): Promise<ColumnSource> {
  return columnarSource(await listParquetColumns(reader), (names, options) => readParquetColumns(reader, names, options));
}

/** An Arrow IPC file, read in place from its bytes: only the columns asked for are converted. */
async function arrowSource(reader: ByteRangeReader): Promise<ColumnSource> {
  const bytes = await reader.read(0, reader.byteLength);
  return columnarSource(listArrowColumns(bytes), (names, options) => readArrowColumns(bytes, names, options));
}

/** A JSON file, parsed whole once, its columns handed out on demand. */
async function wholeSource(file: DriftFile): Promise<ColumnSource> {
  const { table, skipped } = await readDriftTable(file.name, await file.reader.read(0, file.reader.byteLength));
  return { names: table.columns.map((c) => c.name), skipped, rowsEstimate: table.rows, read: async (names) => pick(table, names) };
}

/** The ByteRangeReader as the piecewise numeric reader takes it. */
function randomAccess(reader: ByteRangeReader): RandomAccessReader {
  return {
    size: reader.byteLength,
    read: async (position, target) => {
      const bytes = await reader.read(position, Math.min(reader.byteLength, position + target.length));
      target.set(bytes);
      return bytes.length;
    },
  };
}

/** Feeds the file's text to `reader` piece by piece, from byte `start`. */
async function feedText(file: ByteRangeReader, reader: CsvColumnsReader, control: ReadControl, stopAtHeader = false): Promise<number> {
  const piece = control.pieceBytes ?? DEFAULT_PIECE_BYTES;
  const decoder = new TextDecoder('utf-8');
  let position = 0;
  while (position < file.byteLength) {
    throwIfCancelled(control, 'the CSV file');
    const end = Math.min(file.byteLength, position + piece);
    reader.records.feed(decoder.decode(await file.read(position, end), { stream: true }));
    position = end;
    control.onProgress?.(position / file.byteLength);
    if (stopAtHeader && reader.header !== undefined) return position;
  }
  reader.records.feed(decoder.decode(), true);
  return position;
}

/** A column of the piecewise numeric reader as a drift column: non-finite numbers are missing cells. */
function numericColumn(name: string, values: Float64Array): DriftColumn {
  const missing = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) missing[i] = 1;
  return { kind: 'numeric', name, values, missing };
}

async function csvSource(file: DriftFile, delimiter: ',' | '\t', pieceBytes: number | undefined): Promise<ColumnSource> {
  const probe = new CsvColumnsReader(delimiter);
  let probed: number;
  try {
    probed = await feedText(file.reader, probe, { pieceBytes }, true);
  } catch (e) {
    if (!(isDivergenceError(e) && e.code === 'parse-error')) throw e;
    probed = file.reader.byteLength; // the error is met again, and reported, by the first read
  }
  const names = probe.header ?? [];
  const sample = probe.header === undefined ? undefined : probe.table();
  const looksNumeric = new Set(sample?.columns.filter((c) => c.kind === 'numeric' && c.missing.every((m) => m === 0)).map((c) => c.name));
  const perRow = sample && sample.rows > 0 ? probed / sample.rows : Infinity;
  const slow = async (wanted: readonly string[], control: ReadControl): Promise<DriftTable> => {
    const reader = new CsvColumnsReader(delimiter, wanted);
    await feedText(file.reader, reader, { ...control, pieceBytes: control.pieceBytes ?? pieceBytes });
    return pick(reader.table(), wanted);
  };
  const fast = async (wanted: readonly string[], control: ReadControl): Promise<DriftTable | undefined> => {
    const signal = { get aborted() { return control.isCancelled?.() === true; } };
    try {
      const read = await readCsvColumnListInChunks(randomAccess(file.reader), wanted.map((n) => names.lastIndexOf(n)), {
        delimiter,
        header: true,
        signal,
        onProgress: control.onProgress,
        ...(pieceBytes === undefined ? {} : { pieceBytes }),
      });
      return { rows: read.rows, columns: read.columns.map((values, k) => numericColumn(wanted[k]!, values)) };
    } catch (e) {
      if (e instanceof Error && e.name === 'AbortError') throwIfCancelled({ isCancelled: () => true }, 'the CSV file');
      if (isDivergenceError(e)) return undefined; // a cell that is not a number, or an error the drift tokenizer reports
      throw e;
    }
  };
  return {
    names,
    skipped: [],
    rowsEstimate: Math.ceil(file.reader.byteLength / perRow) || 0,
    passOrder: (wanted) => [...wanted.filter((n) => looksNumeric.has(n)), ...wanted.filter((n) => !looksNumeric.has(n))],
    read: async (wanted, control = {}) => {
      const numeric = wanted.filter((n) => looksNumeric.has(n));
      const fastRead = numeric.length > 0 ? await fast(numeric, control) : undefined;
      const rest = fastRead ? wanted.filter((n) => !looksNumeric.has(n)) : wanted;
      if (fastRead && rest.length === 0) return fastRead;
      const slowRead = await slow(rest, control);
      if (fastRead && fastRead.rows !== slowRead.rows) throw new DivergenceError('parse-error', `the file's records changed while it was read`);
      return pick({ rows: slowRead.rows, columns: [...(fastRead?.columns ?? []), ...slowRead.columns] }, wanted);
    },
  };
}

/** Runs `f`, its DivergenceError's message led by `label` when there is one. */
async function labelled<T>(label: string | undefined, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (label === undefined || !isDivergenceError(e)) throw e;
    throw new DivergenceError(e.code, `${label}: ${e.message}`, e.location);
  }
}

function openUnlabelled(file: DriftFile, pieceBytes: number | undefined): Promise<ColumnSource> {
  const ext = tableExtension(file.name);
  if (ext === '.csv' || ext === '.tsv') return csvSource(file, ext === '.tsv' ? '\t' : ',', pieceBytes);
  if (ext === '.parquet') return parquetSource(file.reader);
  if (ext === '.json') return wholeSource(file);
  if (DRIFT_TABLE_EXTENSIONS.includes(ext)) return arrowSource(file.reader);
  throw unreadableExtension(ext);
}

/**
 * Opens a table file for reading a few columns at a time (see the module doc).
 *
 * @throws DivergenceError `unsupported-file` for an extension no reader takes; a reader's error for a file it
 *   cannot read (then and on each read), its message led by the file's label.
 */
export async function openColumnSource(file: DriftFile, options: { readonly pieceBytes?: number } = {}): Promise<ColumnSource> {
  const source = await labelled(file.label, async () => openUnlabelled(file, options.pieceBytes));
  return { ...source, read: (names, control) => labelled(file.label, () => source.read(names, control)) };
}
