/**
 * The CSV/TSV grammar of the drift report's tables, fed in pieces: the whole text (`csvTable`) and a file read
 * piece by piece (`readCsvDriftColumns`) go through this one tokenizer and this one cell reading, so both give
 * the same columns and the same errors.
 *
 * - RFC 4180 quoting: a field that starts with `"` runs to a `"` not followed by another (`""` is a quote);
 *   a quote anywhere else is a literal character, as are characters after a closing quote.
 * - Records end in `\n`, `\r\n` or `\r`; a leading BOM is skipped; blank records (every field blank) at the
 *   end of the text are dropped, anywhere else they are records.
 * - A cell is missing when it is one of {@link MISSING_TEXT} (spaces around ignored) or a non-finite number;
 *   a number in the grammar of `parseDecimal`; else text (trimmed).
 */
import { DivergenceError } from '../core/errors';
import { parseDecimal } from '../data/parseDecimal';
import type { DriftColumn } from './driftColumn';

/** CSV cells read as missing (as pandas' default `na_values` does for these spellings). */
export const MISSING_TEXT: ReadonlySet<string> = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None']);

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Characters at the end of a piece that the next piece decides: a `\r` (a `\n` may follow) and quotes (`""`
 * in a quoted field is one quote), with the run of such characters before them.
 */
function heldBack(text: string): number {
  let n = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c !== CR && c !== QUOTE) break;
    n++;
  }
  return n;
}

/**
 * Splits text fed in order into records of unquoted fields, calling `onRecord` for each; `end()` after the
 * last piece. Blank records are held back until a record that is not blank follows (trailing ones are dropped).
 */
export class CsvRecordStream {
  private record: string[] = [];
  private field = '';
  /** Inside a quoted field, and where it opened. */
  private quoted: { line: number; offset: number } | undefined;
  private line = 1;
  /** Characters fed before the current text (for error offsets). */
  private offset = 0;
  /** The end of the previous piece, when it could not be read yet (a `\r` or, in quotes, a `"`). */
  private carry = '';
  private started = false;
  private readonly blanks: string[][] = [];
  private readonly delimiter: number;

  constructor(
    delimiter: ',' | '\t',
    private readonly onRecord: (fields: string[]) => void,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** The 1-based line the tokenizer is on. */
  get currentLine(): number {
    return this.line;
  }

  feed(piece: string, last = false): void {
    let text = this.carry + piece;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) {
        text = text.slice(1);
        this.offset++;
      }
    }
    const held = last ? 0 : heldBack(text);
    const end = text.length - held;
    this.carry = text.slice(end);
    let i = 0;
    while (i < end) {
      if (this.quoted) {
        i = this.inQuotes(text, i, end);
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === QUOTE && this.field === '') {
        this.quoted = { line: this.line, offset: this.offset + i };
        i++;
      } else if (c === this.delimiter) {
        this.record.push(this.field);
        this.field = '';
        i++;
      } else if (c === LF || c === CR) {
        this.endRecord();
        i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        this.line++;
      } else {
        let j = i + 1;
        for (; j < end; j++) {
          const d = text.charCodeAt(j);
          if (d === this.delimiter || d === LF || d === CR) break;
        }
        this.field += text.slice(i, j);
        i = j;
      }
    }
    this.offset += end;
    if (last) this.finish();
  }

  /** Ends the text: the last record, and an error for a quoted field never closed. */
  end(): void {
    this.feed('', true);
  }

  /** Reads a quoted field's characters from `i`; returns where it stopped (after the closing quote, or `end`). */
  private inQuotes(text: string, i: number, end: number): number {
    while (i < end) {
      const q = text.indexOf('"', i);
      const stop = q === -1 || q >= end ? end : q;
      for (let k = i; k < stop; k++) if (text.charCodeAt(k) === LF) this.line++;
      this.field += text.slice(i, stop);
      if (stop === end) return end;
      if (stop + 1 < end && text.charCodeAt(stop + 1) === QUOTE) {
        this.field += '"';
        i = stop + 2;
        continue;
      }
      this.quoted = undefined;
      return stop + 1;
    }
    return i;
  }

  private endRecord(): void {
    this.record.push(this.field);
    const record = this.record;
    this.record = [];
    this.field = '';
    if (record.every((f) => f.trim() === '')) {
      this.blanks.push(record);
      return;
    }
    for (const blank of this.blanks) this.onRecord(blank);
    this.blanks.length = 0;
    this.onRecord(record);
  }

  private finish(): void {
    if (this.quoted) {
      const { line, offset } = this.quoted;
      throw new DivergenceError('parse-error', `line ${line}: a quoted field opened here is never closed`, { line, offset });
    }
    if (this.field !== '' || this.record.length > 0) this.endRecord();
  }
}

/** A number, a string, or undefined for a missing cell. */
export type Cell = number | string | undefined;

/** A CSV cell's value (see the module doc). */
export function csvCell(text: string): Cell {
  const trimmed = text.trim();
  if (MISSING_TEXT.has(trimmed)) return undefined;
  const number = parseDecimal(text, 0, text.length);
  if (number === undefined) return trimmed;
  return Number.isFinite(number) ? number : undefined;
}

/**
 * A column built cell by cell: numeric while every cell is a number or missing, categorical from the first
 * text cell on (the numbers before it become their `String`). Memory: 9 bytes a row while numeric; a
 * reference a row once categorical, each distinct text kept once.
 */
export class DriftColumnBuilder {
  private numbers = new Float64Array(1024);
  private missing = new Uint8Array(1024);
  private strings: string[] | undefined;
  private readonly interned = new Map<string, string>();
  private rows = 0;

  constructor(readonly name: string) {}

  add(cell: Cell): void {
    const row = this.rows++;
    if (row === this.missing.length) this.grow();
    if (cell === undefined) {
      this.missing[row] = 1;
      if (this.strings) this.strings.push('');
      return;
    }
    if (typeof cell === 'string' && !this.strings) this.strings = Array.from(this.numbers.subarray(0, row), (x, r) => (this.missing[r] ? '' : this.intern(String(x))));
    if (this.strings) this.strings.push(this.intern(typeof cell === 'string' ? cell : String(cell)));
    else this.numbers[row] = cell as number;
  }

  column(): DriftColumn {
    const missing = this.missing.slice(0, this.rows);
    if (this.strings) return { kind: 'categorical', name: this.name, values: this.strings, missing };
    return { kind: 'numeric', name: this.name, values: this.numbers.slice(0, this.rows), missing };
  }

  private intern(s: string): string {
    const known = this.interned.get(s);
    if (known !== undefined) return known;
    this.interned.set(s, s);
    return s;
  }

  private grow(): void {
    const missing = new Uint8Array(this.missing.length * 2);
    missing.set(this.missing);
    this.missing = missing;
    if (this.strings) return;
    const numbers = new Float64Array(this.numbers.length * 2);
    numbers.set(this.numbers);
    this.numbers = numbers;
  }
}

/** The records of a whole CSV text as arrays of unquoted fields (blank records left out, as the stream does). */
export function csvRecords(text: string, delimiter: ',' | '\t'): string[][] {
  const records: string[][] = [];
  new CsvRecordStream(delimiter, (fields) => records.push(fields)).feed(text, true);
  return records;
}
