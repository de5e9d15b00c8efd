/**
 * The fast lane of the CSV/TSV reader: data records in UTF-8 bytes -> the selected numeric columns, straight
 * into Float64Arrays, no string made per record or cell. It reads the common case only, and stops at the
 * start of the first record it does not read (a cell that is not a number, a record with another number of
 * fields, text after a closing quote, a blank line before more records): the text reader (csv.ts) then
 * reads the file or piece again and gives the error, with its line and column, as it always has. So this
 * lane holds no messages, and what it accepts it reads to the same doubles as the text reader (fastFloat.ts
 * gives what `Number()` gives).
 *
 * Fields are as csv.ts reads them: a field is quoted when its first byte is `"`, runs to a `"` not followed
 * by another, and may then be followed by spaces (and tabs, unless the tab is the delimiter); a kept cell is
 * one number (fastFloat's grammar) with spaces and tabs around it, quoted or not.
 */
import { decimalCursor, readDecimal } from './fastFloat';

/** Why `run` stopped. */
export const RECORDS_DONE = 0;
/** A record runs past `limit` (a piece ends inside it): read it with the next piece. */
export const RECORDS_INCOMPLETE = 1;
/** Only blank lines from `stop` to `limit`: ignored at the end of the file, else kept for the next piece. */
export const RECORDS_BLANK_TAIL = 2;
/** The record at `stop` is one the text reader must read (see the module doc). */
export const RECORDS_REFUSED = 3;

let cellEnd = 0;

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** Whether bytes[from, to) holds only spaces, line breaks, and tabs when the tab is not the delimiter. */
function blankLines(b: Uint8Array, from: number, to: number, delim: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c !== 32 && c !== 10 && c !== 13 && !(c === 9 && delim !== 9)) return false;
  }
  return true;
}

/**
 * The number in the field starting at b[i] (spaces and tabs around it, quoted or not) written to out[at],
 * its end (at the delimiter, the line break or `limit`) in `cellEnd`; false when the field is not one number.
 */
function readCell(b: Uint8Array, i: number, limit: number, delim: number, out: Float64Array, at: number): boolean {
  const quoted = i < limit && b[i] === 34;
  if (quoted) i++;
  const tabIsBlank = quoted || delim !== 9;
  while (i < limit && (b[i] === 32 || (b[i] === 9 && tabIsBlank))) i++;
  if (!readDecimal(b, i, limit, out, at)) return false;
  i = decimalCursor.end;
  while (i < limit && (b[i] === 32 || (b[i] === 9 && tabIsBlank))) i++;
  if (quoted) {
    if (i >= limit || b[i] !== 34 || (i + 1 < limit && b[i + 1] === 34)) return false;
    i++;
    while (i < limit && (b[i] === 32 || (b[i] === 9 && delim !== 9))) i++;
  }
  cellEnd = i;
  return true;
}

/**
 * Reads records into the columns of a fixed layout: `delimiter`, `fields` per record, and `slots[k]`, the
 * index in `columns` that field k goes to (-1: not kept). Keeps the rows read and the line breaks passed
 * (as csv.ts counts lines: `\n`, `\r\n`, a lone `\r`, inside quotes too) across calls.
 */
export class CsvByteRecords {
  rows = 0;
  lines = 0;
  /** Where the last `run` stopped (the start of a record). */
  stop = 0;
  columns: Float64Array[];
  private readonly delim: number;

  constructor(
    delimiter: ',' | '\t',
    private readonly fields: number,
    private readonly slots: Int32Array,
    kept: number,
    capacity: number,
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.columns = Array.from({ length: kept }, () => new Float64Array(Math.max(16, capacity)));
  }

  /**
   * Reads the records of b[from, limit): `limit` must be the end of the bytes (`ended`) or just after a line
   * break (the line break is then not a `\r` whose `\n` may be past the limit). Returns a RECORDS_* code;
   * `stop` is where it stopped.
   */
  run(b: Uint8Array, from: number, limit: number, ended: boolean): number {
    const { delim, slots } = this;
    const last = this.fields - 1;
    let columns = this.columns;
    let rows = this.rows;
    let lines = this.lines;
    let i = from;
    let status = RECORDS_DONE;
    records: while (i < limit) {
      const start = i;
      const startLines = lines;
      let j = i;
      while (j < limit && (b[j] === 32 || (b[j] === 9 && delim !== 9))) j++;
      if (j === limit || isLineBreak(b[j]!)) {
        status = blankLines(b, j, limit, delim) ? RECORDS_BLANK_TAIL : RECORDS_REFUSED;
        i = start;
        break;
      }
      if (rows === columns[0]!.length) columns = this.grow(rows);
      for (let k = 0; ; k++) {
        const slot = slots[k]!;
        if (slot >= 0) {
          if (!readCell(b, i, limit, delim, columns[slot]!, rows)) {
            status = RECORDS_REFUSED;
            i = start;
            break records;
          }
          i = cellEnd;
        } else if (b[i] === 34) {
          for (i++; ; i++) {
            while (i < limit && b[i] !== 34) {
              const c = b[i]!;
              if (c === 10 || (c === 13 && b[i + 1] !== 10)) lines++;
              i++;
            }
            if (i >= limit) {
              status = ended ? RECORDS_REFUSED : RECORDS_INCOMPLETE;
              lines = startLines;
              i = start;
              break records;
            }
            if (i + 1 < limit && b[i + 1] === 34) i++;
            else break;
          }
          i++;
          while (i < limit && (b[i] === 32 || (b[i] === 9 && delim !== 9))) i++;
        } else {
          while (i < limit) {
            const c = b[i]!;
            if (c === delim || c === 10 || c === 13) break;
            i++;
          }
        }
        const c = i < limit ? b[i]! : -1;
        if (c === delim && k < last) {
          i++;
          continue;
        }
        if (k !== last || (c !== 10 && c !== 13 && c !== -1)) {
          status = RECORDS_REFUSED;
          lines = startLines;
          i = start;
          break records;
        }
        if (c !== -1) {
          i += c === 13 && i + 1 < limit && b[i + 1] === 10 ? 2 : 1;
          lines++;
        }
        break;
      }
      rows++;
    }
    this.rows = rows;
    this.lines = lines;
    this.stop = i;
    return status;
  }

  /** Doubles every column (they all have one length). */
  private grow(rows: number): Float64Array[] {
    this.reserve(rows, 2 * this.columns[0]!.length);
    return this.columns;
  }

  /** Grows every column to hold `capacity` rows, keeping the first `rows`. */
  reserve(rows: number, capacity: number): void {
    if (capacity <= this.columns[0]!.length) return;
    this.columns = this.columns.map((column) => {
      const grown = new Float64Array(capacity);
      grown.set(column.subarray(0, rows));
      return grown;
    });
  }
}

/**
 * Where records may be cut in bytes read so far: just after the last `\n`, or the last `\r` that is not the
 * final byte (its `\n` may come next); 0 when there is none.
 */
export function lastLineBreakEnd(b: Uint8Array): number {
  for (let i = b.length - 1; i >= 0; i--) {
    const c = b[i]!;
    if (c === 10 || (c === 13 && i < b.length - 1)) return i + 1;
  }
  return 0;
}

/**
 * The end of the `count`-th non-blank record from `from` (quotes as above; blank: one field of spaces, and
 * tabs when the tab is not the delimiter), or the length when there are fewer.
 */
export function recordsEndBytes(b: Uint8Array, from: number, count: number, delimiter: ',' | '\t'): number {
  const delim = delimiter.charCodeAt(0);
  let seen = 0;
  let fieldStart = true;
  let blank = true;
  for (let i = from; i < b.length; i++) {
    const c = b[i]!;
    if (c === 34 && fieldStart) {
      for (i++; i < b.length && !(b[i] === 34 && b[i + 1] !== 34); i++) if (b[i] === 34) i++;
      fieldStart = false;
      blank = false;
    } else if (c === 10 || c === 13) {
      if (c === 13 && b[i + 1] === 10) i++;
      if (!blank && ++seen === count) return i + 1;
      fieldStart = true;
      blank = true;
    } else {
      fieldStart = c === delim;
      if (c !== 32 && !(c === 9 && delim !== 9)) blank = false;
    }
  }
  return b.length;
}

/** The start of the first record that is not blank (see `recordsEndBytes`) from `from`. */
export function firstRecordStart(b: Uint8Array, from: number, delimiter: ',' | '\t'): number {
  const delim = delimiter.charCodeAt(0);
  for (let i = from; ; ) {
    let j = i;
    while (j < b.length && (b[j] === 32 || (b[j] === 9 && delim !== 9))) j++;
    if (j >= b.length || !isLineBreak(b[j]!)) return i;
    i = j + (b[j] === 13 && b[j + 1] === 10 ? 2 : 1);
  }
}
