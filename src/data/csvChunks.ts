/**
 * Columns of a CSV/TSV file read in pieces, for files too big to hold as one string (V8 strings stop at about
 * 512 M characters; a 1 GB CSV is past that) and so that the extension host's event loop keeps turning while
 * it parses. The result, and every error (code, message, line, data row), is what `csvColumns` gives for the
 * whole text: each piece is whole records, parsed by `csvColumns` behind a copy of the file's first record (so
 * the header, the delimiter and the field count are the file's), and line numbers are shifted back.
 *
 * Memory: the selected columns (8 bytes per value, in arrays that grow by doubling) plus one piece of text.
 * Pure: the file comes through a `RandomAccessReader`, pauses through `pause` (the caller yields to its event
 * loop there), and nothing here imports Node.
 */
import { DivergenceError } from '../core/errors';
import { csvColumns, parseCsv, type CsvMatrix, type CsvOptions } from './csv';
import { CsvByteRecords, lastLineBreakEnd, RECORDS_BLANK_TAIL, RECORDS_DONE, RECORDS_REFUSED } from './csvBytes';
import type { RandomAccessReader } from './npyStream';
import { sampleIsText } from './textSupport';

export interface CsvChunkOptions extends CsvOptions {
  /** Bytes read per piece (default 64 KiB: a few ms of parsing between pauses, even if V8 deoptimises the parser mid-piece). */
  readonly pieceBytes?: number;
  /** Called after each piece with the fraction of the file read. */
  readonly onProgress?: (fraction: number) => void;
  /** Awaited between pieces (the caller yields to its event loop there). */
  readonly pause?: () => Promise<void>;
  /** Checked between pieces: once aborted, the read stops with an Error named 'AbortError'. */
  readonly signal?: { readonly aborted: boolean };
}

const DEFAULT_PIECE_BYTES = 1 << 16;
/** Records examined to settle the delimiter and the header, as `csvColumns` does on a whole text. */
const LAYOUT_RECORDS = 10;

/**
 * The columns `selectors` names (header names or 0-based indices, as `csvColumns`) of the CSV/TSV file behind
 * `reader`, as a row-major matrix.
 *
 * @throws DivergenceError as `csvColumns` on the whole text; Error named 'AbortError' when `signal` aborted.
 */
export async function readCsvColumnsInChunks(reader: RandomAccessReader, selectors: readonly (string | number)[], options: CsvChunkOptions = {}): Promise<CsvMatrix> {
  return (await feedAll(reader, selectors, options)).result();
}

/**
 * As `readCsvColumnsInChunks`, with each selected column as its own array (no interleaved copy): what the
 * editor hands to the worker pool. Memory: the columns, at most twice their length while they grow.
 */
export async function readCsvColumnListInChunks(
  reader: RandomAccessReader,
  selectors: readonly (string | number)[],
  options: CsvChunkOptions = {},
): Promise<{ readonly columns: Float64Array[]; readonly names: string[]; readonly rows: number }> {
  return (await feedAll(reader, selectors, options)).columnList();
}

async function feedAll(reader: RandomAccessReader, selectors: readonly (string | number)[], options: CsvChunkOptions): Promise<CsvColumnsInPieces> {
  const pieceBytes = Math.max(16, options.pieceBytes ?? DEFAULT_PIECE_BYTES);
  const bytes = new Uint8Array(pieceBytes);
  const parser = new CsvColumnsInPieces(selectors, options, reader.size);
  // The first pieces are small and grow to pieceBytes: the parser's code is not optimised yet at the start
  // (V8 compiles it as it runs), and a cold 256 KiB piece would hold the event loop for over 100 ms.
  let size = Math.min(pieceBytes, 1 << 11);
  for (let position = 0, ended = false; !ended; size = Math.min(pieceBytes, Math.ceil(1.25 * size))) {
    if (options.signal?.aborted) throw abortError();
    const n = position < reader.size ? await reader.read(position, bytes.subarray(0, Math.min(size, reader.size - position))) : 0;
    position += n;
    ended = n === 0 || position >= reader.size;
    parser.feed(bytes.subarray(0, n), ended);
    options.onProgress?.(reader.size > 0 ? Math.min(1, position / reader.size) : 1);
    if (!ended && options.pause) await options.pause();
  }
  return parser;
}

/**
 * As `readCsvColumnsInChunks`, synchronously (for the command line): `read(position, target)` returns the
 * number of bytes read (0 at the end), as fs.readSync does; positions only grow, so a stream can stand
 * behind it (`size` then bounds it, and `expectedBytes`, when known, sizes the columns). Pieces of 1 MiB.
 */
export function readCsvColumnsInChunksSync(
  read: (position: number, target: Uint8Array) => number,
  size: number,
  selectors: readonly (string | number)[],
  options: CsvOptions & { readonly pieceBytes?: number; readonly expectedBytes?: number } = {},
): CsvMatrix {
  const pieceBytes = Math.max(16, options.pieceBytes ?? 16 * DEFAULT_PIECE_BYTES);
  const bytes = new Uint8Array(pieceBytes);
  const parser = new CsvColumnsInPieces(selectors, options, options.expectedBytes ?? size);
  for (let position = 0, ended = false; !ended; ) {
    const n = position < size ? read(position, bytes.subarray(0, Math.min(pieceBytes, size - position))) : 0;
    position += n;
    ended = n === 0 || position >= size;
    parser.feed(bytes.subarray(0, n), ended);
  }
  return parser.result();
}

/**
 * The parser behind both: fed the file's bytes in order, it reads each run of whole records as it completes.
 * The first piece is read as text (csvColumns), which settles the layout; later pieces go through the byte
 * lane (csvBytes.ts), and a piece from a record the lane does not read is read as text, as all pieces once
 * were, which gives the error with the whole file's line and data row.
 */
class CsvColumnsInPieces {
  private readonly k: number;
  /** Set by the first piece: the byte lane, holding the columns and the line breaks passed. */
  private records: CsvByteRecords | undefined;
  /** Where each selector's values are in `records.columns` (selectors may repeat a column). */
  private slotOf: number[] = [];
  private names: string[] = [];
  private indices: number[] = [];
  private carry: Uint8Array = new Uint8Array(0);
  /** The file's first record with its line break, and how the pieces after the first are parsed. */
  private prefix: string | undefined;
  private prefixLines = 0;
  private layout: { delimiter: ',' | '\t'; header: boolean } | undefined;

  /** Bytes fed so far (for the estimate of the number of rows). */
  private fed = 0;

  constructor(
    private readonly selectors: readonly (string | number)[],
    private readonly options: CsvOptions,
    /** The file's size: after the first piece, the columns are sized for the rows it predicts (+5%), so that
     * they rarely grow later (a late doubling copies hundreds of MB in one go, a stall of the event loop). */
    private readonly fileSize = 0,
  ) {
    this.k = selectors.length;
  }

  feed(bytes: Uint8Array, ended: boolean): void {
    this.fed += bytes.length;
    let buffer = bytes;
    if (this.carry.length > 0) {
      buffer = new Uint8Array(this.carry.length + bytes.length);
      buffer.set(this.carry);
      buffer.set(bytes, this.carry.length);
    }
    const limit = ended ? buffer.length : lastLineBreakEnd(buffer);
    if (this.records === undefined) this.first(buffer, limit, ended);
    else this.later(buffer, limit, ended);
  }

  /** The first piece, read as text: it fixes the layout and sets up the byte lane. */
  private first(buffer: Uint8Array, limit: number, ended: boolean): void {
    const { selectors, options } = this;
    const text = new TextDecoder('utf-8').decode(buffer.subarray(0, limit));
    const delimiters = options.delimiter === ',' || options.delimiter === '\t' ? options.delimiter : ',\t';
    const cut = ended ? text.length : lastRecordBoundary(text, delimiters);
    // The first piece must settle the layout as the whole text would: hold LAYOUT_RECORDS records (or all).
    if (cut <= 0 || (!ended && countRecords(text.slice(0, cut), LAYOUT_RECORDS, delimiters) < LAYOUT_RECORDS)) {
      this.carry = buffer.slice(); // read on
      return;
    }
    const piece = text.slice(0, cut);
    this.carry = buffer.slice(byteAfterLineBreaks(buffer, 0, countBreakCharacters(piece)));
    if (ended && /^\s*$/.test(piece)) return; // empty or blank: result() gives the whole text's error
    // The first piece is parsed as it is; it fixes the layout the later pieces are parsed with.
    const m = csvColumns(piece, selectors, options);
    this.names = m.names;
    this.indices = m.indices;
    const head = parseCsv(piece.slice(0, recordsEnd(piece, LAYOUT_RECORDS, delimiters)), options);
    this.layout = { delimiter: head.delimiter, header: head.header };
    const kept = [...new Set(m.indices)];
    this.slotOf = m.indices.map((index) => kept.indexOf(index));
    const slots = new Int32Array(head.columns.length).fill(-1);
    kept.forEach((index, slot) => (slots[index] = slot));
    const records = new CsvByteRecords(head.delimiter, head.columns.length, slots, kept.length, 1024);
    this.records = records;
    this.append(m, 0);
    if (!ended && this.fileSize > this.fed && m.shape[0] > 0) {
      const bytesPerRow = (this.fed - this.carry.length) / m.shape[0];
      records.reserve(records.rows, Math.ceil((1.05 * this.fileSize) / Math.max(1, bytesPerRow)));
    }
    let prefix = piece.slice(0, recordsEnd(piece, 1, delimiters));
    this.prefixLines = countLineBreaks(prefix);
    if (!/[\n\r]$/.test(prefix)) prefix += '\n';
    this.prefix = prefix;
    records.lines = countLineBreaks(piece);
  }

  /** A later piece: the byte lane, and the text reader from a record the lane does not read. */
  private later(buffer: Uint8Array, limit: number, ended: boolean): void {
    const records = this.records!;
    for (let from = 0; ; ) {
      const plain = buffer.subarray(from, limit).indexOf(0) < 0 && sampleIsText(buffer.subarray(from, limit), this.prefix);
      const status = plain ? records.run(buffer, from, limit, ended) : RECORDS_REFUSED;
      if (!plain) records.stop = from;
      if (status !== RECORDS_REFUSED) {
        const rest = status === RECORDS_DONE ? limit : status === RECORDS_BLANK_TAIL && ended ? buffer.length : records.stop;
        this.carry = buffer.slice(rest);
        return;
      }
      from = this.asText(buffer, records.stop, limit, ended);
      if (from < 0) return;
    }
  }

  /**
   * Reads the records of buffer[from, limit) as text, as every piece once was (throwing the text reader's
   * error, moved to the whole file's line and row); returns where the byte lane may go on, or -1 when the
   * rest waits for more bytes (kept in `carry`).
   */
  private asText(buffer: Uint8Array, from: number, limit: number, ended: boolean): number {
    const records = this.records!;
    const layout = this.layout!;
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(buffer.subarray(from, limit));
    const cut = ended ? text.length : lastRecordBoundary(text, layout.delimiter);
    if (cut <= 0) {
      this.carry = buffer.slice(from);
      return -1;
    }
    const piece = text.slice(0, cut);
    let m: CsvMatrix | undefined;
    try {
      m = csvColumns(this.prefix + piece, this.selectors, { delimiter: layout.delimiter, header: layout.header });
    } catch (e) {
      if (!(e instanceof DivergenceError)) throw e;
      // Only blank lines left at the end of the file: ignored, as in the whole text.
      if (!(e.code === 'empty-input' && ended && /^\s*$/.test(piece))) {
        throw shifted(e, records.lines - this.prefixLines, records.rows - (layout.header ? 0 : 1));
      }
    }
    if (m) this.append(m, layout.header ? 0 : 1);
    records.lines += countLineBreaks(piece);
    if (cut === text.length) {
      this.carry = buffer.slice(limit);
      return -1;
    }
    return byteAfterLineBreaks(buffer, from, countBreakCharacters(piece));
  }

  /** Row-major, as csvColumns returns it. */
  result(): CsvMatrix {
    const records = this.wholeOrThrow();
    const { k, rows } = records;
    const columns = this.slotOf.map((slot) => records.columns[slot]!);
    if (k === 1) return { values: columns[0]!.subarray(0, rows), shape: [rows, 1], names: this.names, indices: this.indices };
    const values = new Float64Array(rows * k);
    for (let j = 0; j < k; j++) {
      const column = columns[j]!;
      for (let i = 0; i < rows; i++) values[i * k + j] = column[i]!;
    }
    return { values, shape: [rows, k], names: this.names, indices: this.indices };
  }

  /** Each column on its own (views: no copy). */
  columnList(): { columns: Float64Array[]; names: string[]; rows: number } {
    const { rows, columns } = this.wholeOrThrow();
    return { columns: this.slotOf.map((slot) => columns[slot]!.subarray(0, rows)), names: this.names, rows };
  }

  /** The byte lane's columns once the layout is known; else the whole text's error (the file held no piece). */
  private wholeOrThrow(): { k: number; rows: number; columns: Float64Array[] } {
    if (this.records === undefined) csvColumns(new TextDecoder('utf-8').decode(this.carry), this.selectors, this.options);
    return { k: this.k, rows: this.records!.rows, columns: this.records!.columns };
  }

  private append(m: CsvMatrix, skipRows: number): void {
    const records = this.records!;
    const { k } = this;
    const add = m.shape[0] - skipRows;
    if (add <= 0) return;
    const rows = records.rows;
    let capacity = records.columns[0]!.length;
    while (rows + add > capacity) capacity *= 2;
    records.reserve(rows, capacity);
    for (let j = 0; j < k; j++) {
      const column = records.columns[this.slotOf[j]!]!;
      for (let i = 0; i < add; i++) column[rows + i] = m.values[(skipRows + i) * k + j]!;
    }
    records.rows += add;
  }
}

/** How many `\n` and `\r` characters `text` has (each is one byte in UTF-8). */
function countBreakCharacters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) n++;
  }
  return n;
}

/**
 * The index just after the `count`-th `\n` or `\r` byte from `from`: where a text cut after that many line
 * break characters is cut in the bytes (invalid UTF-8 never swallows an ASCII byte).
 */
function byteAfterLineBreaks(bytes: Uint8Array, from: number, count: number): number {
  let i = from;
  for (let seen = 0; seen < count; i++) if (bytes[i] === 10 || bytes[i] === 13) seen++;
  return i;
}

/** The same error, with its line and data row moved to the whole file's. */
function shifted(e: DivergenceError, lineShift: number, rowShift: number): DivergenceError {
  const at = e.location;
  if (at.line === undefined) return e;
  const line = at.line + lineShift;
  const message = e.message.replace(/\bline (\d+)/, () => `line ${line}`);
  const location = { ...at, line, ...(at.index !== undefined ? { index: at.index + rowShift } : {}) };
  delete (location as { offset?: number }).offset; // an offset into the piece means nothing in the file
  return new DivergenceError(e.code, message, location);
}

/**
 * Calls `onRecord(end, blank)` for each record of `text`, in order (end: the index after its line break),
 * until it returns false. Quotes as csv.ts reads them: a field is quoted when its first character is '"', and
 * then runs to a '"' not followed by another; a quote elsewhere is a literal character. `delimiters` are the
 * field separators (both ',' and tab while the file's delimiter is not known yet). A '\r' at the very end
 * does not end a record (a '\n' may follow in the next piece). No allocation: this runs over every piece.
 */
function scanRecords(text: string, delimiters: string, onRecord: (end: number, blank: boolean) => boolean): void {
  const comma = delimiters.includes(',');
  const tab = delimiters.includes('\t');
  let quoted = false;
  let fieldStart = true;
  let blank = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) i++;
        else quoted = false;
      }
      continue;
    }
    if (c === 10 || c === 13) {
      if (c === 13 && i + 1 === text.length) return;
      const end = c === 13 && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      if (!onRecord(end, blank)) return;
      i = end - 1;
      fieldStart = true;
      blank = true;
      continue;
    }
    if (c !== 32 && c !== 9) blank = false;
    if (fieldStart && c === 34) {
      quoted = true;
      fieldStart = false;
      blank = false;
    } else if ((comma && c === 44) || (tab && c === 9)) {
      fieldStart = true;
      blank = false;
    } else fieldStart = false;
  }
}

/**
 * Where to cut `text` so that the piece before holds whole records and does not end with blank lines (they
 * stay with the next piece, where, as in the whole text, they are records if more follow and are ignored at
 * the end). 0: no such place.
 */
function lastRecordBoundary(text: string, delimiters: string): number {
  let last = 0;
  scanRecords(text, delimiters, (end, blank) => {
    if (!blank) last = end;
    return true;
  });
  return last;
}

/** The end of the `count`-th non-blank record (the text's length when there are fewer). */
function recordsEnd(text: string, count: number, delimiters: string): number {
  let seen = 0;
  let at = text.length;
  scanRecords(text, delimiters, (end, blank) => {
    if (!blank && ++seen === count) {
      at = end;
      return false;
    }
    return true;
  });
  return at;
}

/** Non-blank records in `text`, counting up to `limit`. */
function countRecords(text: string, limit: number, delimiters: string): number {
  let seen = 0;
  scanRecords(text, delimiters, (_end, blank) => !(!blank && ++seen >= limit));
  return seen;
}

/** Line breaks as csv.ts counts lines: \n, \r\n, and a lone \r (inside quotes too). */
function countLineBreaks(text: string): number {
  let lines = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lines++;
  }
  return lines;
}

function abortError(): Error {
  const e = new Error('the read was cancelled');
  e.name = 'AbortError';
  return e;
}
