/**
 * CSV and TSV files (RFC 4180) -> numeric columns.
 *
 * Reading
 * - Fields separated by `,` or a tab (`delimiter: 'auto'`, the default, picks whichever the first record has
 *   more of outside quotes); records end with `\n`, `\r\n` or a lone `\r`. A leading BOM is skipped.
 * - Quoted fields (`"..."`, starting at the field's first character) may hold delimiters, line breaks and
 *   `""` for a quote; a quoted number (`"1.5"`) is a number. A quote inside an unquoted field is literal.
 *   After a closing quote only spaces may come before the delimiter or line end.
 * - Every record must have as many fields as the first one; blank lines at the end are ignored, a blank line
 *   anywhere else is a record like any other (an empty cell, or too few fields).
 * - Header (`header: 'auto'`, the default): the first record is a header when none of its cells is a number
 *   and one at least is not empty. A header of numbers (`2012,2013`) is not recognised: pass
 *   `header: true`.
 * - A cell is a number in the grammar of `parseDecimal` (decimal, scientific, `nan`, `inf`), with spaces
 *   around it allowed. An empty cell is not a number.
 *
 * Columns
 * - `parseCsv` reports every column: its values when all its cells are numbers, else `null` and the first
 *   cell that is not.
 * - `csvColumn` picks one: by header name, by 0-based index, or, without a selector, the first numeric
 *   column, which is the first column whose first non-empty cell is a number. A picked column must be all
 *   numbers: an empty or non-numeric cell is a `parse-error` naming its line and column, never skipped.
 *
 * Positions: messages say "line 5, column 3 ('temp_max')", the column being the field's 1-based number and
 * its header name. `DivergenceError.location` carries `line`, `column` and `offset` of the cell's first
 * character in the text (the column there counts characters, like every other location) and, for a bad
 * cell, `index`: its 0-based data row, which is its index in the column's array.
 *
 * Input: the text, or the file's bytes (UTF-8; the text is then the bytes decoded, a BOM kept and skipped).
 * Bytes go through the byte lane (csvBytes.ts, fastFloat.ts: the same values, several times faster); any
 * record it does not read sends the input to the text reader, so errors and positions are the text's.
 *
 * Memory: one pass over the text; cells are never materialised as strings (numbers are read in place), and
 * only the columns asked for are kept, in growing Float64Arrays.
 */
import { DivergenceError } from '../core/errors';
import { isBlankRange, parseDecimal } from './parseDecimal';
import { CsvByteRecords, firstRecordStart, RECORDS_BLANK_TAIL, RECORDS_DONE, recordsEndBytes } from './csvBytes';
import { detectDelimiter, indicesWhere, resolveSelector, splitSelectors } from './csvLayout';
import { listNames, quoteText, rejectBinaryText, sampleIsText } from './textSupport';

export type CsvDelimiter = ',' | '\t' | 'auto';

export interface CsvOptions {
  /** Default 'auto'. */
  readonly delimiter?: CsvDelimiter;
  /** Whether the first record is a header. Default 'auto' (see the module doc). */
  readonly header?: boolean | 'auto';
}

/** A cell, for messages: 1-based line, 1-based field number, and its text (unquoted). */
export interface CsvCell {
  readonly line: number;
  readonly column: number;
  readonly text: string;
}

export interface CsvColumn {
  /** The header cell; '' when the file has no header. */
  readonly name: string;
  /** 0-based. */
  readonly index: number;
  /** All the column's data cells, when every one is a number; else null. */
  readonly values: Float64Array | null;
  /** When `values` is null: the first cell that is empty or not a number. */
  readonly firstBadCell?: CsvCell;
}

export interface CsvTable {
  readonly columns: CsvColumn[];
  readonly header: boolean;
  /** Data records (the header excluded). */
  readonly rows: number;
  readonly delimiter: ',' | '\t';
}

export interface CsvMatrix {
  /** Row-major: `values[r * names.length + k]` is row r of the k-th selected column. */
  readonly values: Float64Array;
  readonly shape: [number, number];
  /** Header names of the selected columns ('' without a header). */
  readonly names: string[];
  readonly indices: number[];
}

/** Every column of a CSV/TSV text, numeric or not. Throws on malformed CSV (quotes, ragged records). */
export function parseCsv(text: string, options: CsvOptions = {}): CsvTable {
  const r = scan(text, options, { kind: 'all' });
  return {
    columns: r.names.map((name, index) => {
      const values = r.buffers[index] ? r.buffers[index]!.slice(0, r.rows) : null;
      const bad = r.bad[index];
      return values ? { name, index, values } : { name, index, values: null, firstBadCell: cellOf(bad!) };
    }),
    header: r.header,
    rows: r.rows,
    delimiter: r.delimiter,
  };
}

/**
 * One numeric column: `selector` is a header name (or, when no header cell has that name and it is all
 * digits, a 0-based index), a 0-based index, or `undefined` for the first numeric column.
 */
export function csvColumn(text: string | Uint8Array, selector: string | number | undefined, options: CsvOptions = {}): Float64Array {
  return matrixOf(scan(text, options, selector === undefined ? { kind: 'first' } : { kind: 'pick', selectors: [selector] })).values;
}

/**
 * Several numeric columns as a row-major matrix: the columns named by `selectors` (as in `csvColumn`), in
 * that order, or, when `selectors` is undefined, every numeric column (columns whose first non-empty cell is
 * a number; each must be numeric throughout).
 */
export function csvColumns(text: string | Uint8Array, selectors: readonly (string | number)[] | undefined, options: CsvOptions = {}): CsvMatrix {
  return matrixOf(scan(text, options, selectors === undefined ? { kind: 'numeric' } : { kind: 'pick', selectors }));
}

/**
 * Columns named by one string, as a command line gives them: the column of that header name if there is
 * one, else a comma-separated list of names or 0-based indices (`temp_max,temp_min`, `1,2`).
 */
export function csvColumnList(text: string | Uint8Array, list: string, options: CsvOptions = {}): CsvMatrix {
  return matrixOf(scan(text, options, { kind: 'pick', selectors: [list], split: true }));
}

/**
 * The columns `selectors` names (as in `csvColumns`), each as its own array: no row-major copy, for callers
 * that want columns (a KL of two columns). Same values and errors as `csvColumns`.
 */
export function csvColumnArrays(
  text: string | Uint8Array,
  selectors: readonly (string | number)[],
  options: CsvOptions = {},
): { readonly columns: Float64Array[]; readonly names: string[]; readonly rows: number } {
  const r = checkedRows(scan(text, options, { kind: 'pick', selectors }));
  return { columns: r.picked.map((k) => r.buffers[k]!.slice(0, r.rows)), names: r.picked.map((k) => r.names[k]), rows: r.rows };
}

function checkedRows(r: ScanResult): ScanResult {
  if (r.rows === 0) {
    throw new DivergenceError('empty-input', r.header ? 'the file has a header but no data rows' : 'the file has no data rows');
  }
  return r;
}

function matrixOf(r: ScanResult): CsvMatrix {
  const indices = checkedRows(r).picked;
  const k = indices.length;
  const names = indices.map((i) => r.names[i]);
  if (k === 1) return { values: r.buffers[indices[0]]!.slice(0, r.rows), shape: [r.rows, 1], names, indices };
  const values = new Float64Array(r.rows * k);
  for (let j = 0; j < k; j++) {
    const col = r.buffers[indices[j]]!;
    for (let i = 0; i < r.rows; i++) values[i * k + j] = col[i];
  }
  return { values, shape: [r.rows, k], names, indices };
}

// ---------------------------------------------------------------------------------------------------------

type Mode =
  | { readonly kind: 'all' }
  | { readonly kind: 'first' }
  | { readonly kind: 'numeric' }
  | { readonly kind: 'pick'; readonly selectors: readonly (string | number)[]; readonly split?: boolean };

/** A cell kept for a message: where it starts and where its text is. */
interface CellRef {
  readonly line: number;
  readonly field: number; // 1-based
  readonly offset: number;
  readonly column: number; // 1-based, in characters
  readonly row: number; // 0-based data row
  readonly text: string;
}

interface ScanResult {
  names: string[];
  header: boolean;
  rows: number;
  delimiter: ',' | '\t';
  buffers: (Float64Array | null)[];
  bad: (CellRef | undefined)[];
  picked: number[];
}

const ST_UNDECIDED = 0; // every cell so far empty
const ST_NUMERIC = 1; // first non-empty cell is a number
const ST_TEXT = 2; // first non-empty cell is not a number

function cellOf(c: CellRef): CsvCell {
  return { line: c.line, column: c.field, text: c.text };
}

/** The text of a field, unquoted. */
function fieldText(text: string, start: number, end: number, quoted: boolean): string {
  if (!quoted) return text.slice(start, end);
  const close = text.lastIndexOf('"', end - 1);
  return text.slice(start + 1, close > start ? close : end).replace(/""/g, '"');
}

class Scanner {
  readonly text: string;
  readonly delim: number;
  readonly mode: Mode;
  readonly headerOption: boolean | 'auto';

  line = 1;
  lineStart = 0;

  ncols = -1;
  header = false;
  names: string[] = [];
  rows = 0;
  buffers: (Float64Array | null)[] = [];
  bad: (CellRef | undefined)[] = [];
  status: Uint8Array = new Uint8Array(0);
  keep: boolean[] = [];
  /** Columns whose bad cells throw at once (picked explicitly, or chosen as the first numeric column). */
  strict: boolean[] = [];
  picked: number[] = [];
  /** Mode 'first': no column before this one can be the first numeric column. */
  scanFrom = 0;
  resolved = false;
  capacity = 0;

  // The current record's fields: start/end offsets, quoted flag, line and line start of each field.
  fStart: number[] = [];
  fEnd: number[] = [];
  fQuoted: boolean[] = [];
  fLine: number[] = [];
  fLineStart: number[] = [];
  nf = 0;

  constructor(text: string, delim: ',' | '\t', mode: Mode, header: boolean | 'auto') {
    this.text = text;
    this.delim = delim.charCodeAt(0);
    this.mode = mode;
    this.headerOption = header;
  }

  run(start: number): void {
    const text = this.text;
    const len = text.length;
    const delim = this.delim;
    let i = start;
    // Blank records not yet known to be followed by more records (then they are records like any other) or
    // only by blank lines up to the end (then they are ignored): line, offset and line start of each.
    const blanks: number[] = [];
    while (i < len) {
      const recordLine = this.line;
      const recordStart = i;
      const recordLineStart = this.lineStart;
      this.nf = 0;
      for (;;) {
        const fieldStart = i;
        const fieldLine = this.line;
        const fieldLineStart = this.lineStart;
        let quoted = false;
        let end: number;
        if (i < len && text.charCodeAt(i) === 34) {
          quoted = true;
          i++;
          for (;;) {
            const q = text.indexOf('"', i);
            if (q < 0) {
              throw new DivergenceError(
                'parse-error',
                `line ${fieldLine}, column ${this.nf + 1}: a quoted field is never closed`,
                { line: fieldLine, column: fieldStart - fieldLineStart + 1, offset: fieldStart },
              );
            }
            this.countLines(i, q);
            if (text.charCodeAt(q + 1) === 34) {
              i = q + 2;
              continue;
            }
            i = q + 1;
            break;
          }
          while (i < len && (text.charCodeAt(i) === 32 || (text.charCodeAt(i) === 9 && delim !== 9))) i++;
          end = i;
          if (i < len) {
            const c = text.charCodeAt(i);
            if (c !== delim && c !== 10 && c !== 13) {
              throw new DivergenceError(
                'parse-error',
                `line ${this.line}, column ${this.nf + 1}: ${quoteText(text[i])} after the closing quote of a field; a quote inside a quoted field is written ""`,
                { line: this.line, column: i - this.lineStart + 1, offset: i },
              );
            }
          }
        } else {
          while (i < len) {
            const c = text.charCodeAt(i);
            if (c === delim || c === 10 || c === 13) break;
            i++;
          }
          end = i;
        }
        this.pushField(fieldStart, end, quoted, fieldLine, fieldLineStart);
        if (i < len && text.charCodeAt(i) === delim) {
          i++;
          continue;
        }
        break;
      }
      if (i < len) {
        i += text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
        this.line++;
        this.lineStart = i;
      }
      if (this.nf === 1 && !this.fQuoted[0] && isBlankRange(text, this.fStart[0], this.fEnd[0])) {
        blanks.push(recordLine, recordStart, recordLineStart);
        continue;
      }
      if (blanks.length > 0 && this.ncols < 0) blanks.length = 0; // blank lines before the first record
      if (blanks.length > 0) {
        const nf = this.nf;
        const saved = [this.fStart.slice(0, nf), this.fEnd.slice(0, nf), this.fQuoted.slice(0, nf), this.fLine.slice(0, nf), this.fLineStart.slice(0, nf)] as const;
        for (let b = 0; b < blanks.length; b += 3) {
          this.nf = 0;
          this.pushField(blanks[b + 1], blanks[b + 1], false, blanks[b], blanks[b + 2]);
          this.record(blanks[b], blanks[b + 1], blanks[b + 2], true);
        }
        blanks.length = 0;
        this.nf = 0;
        for (let k = 0; k < nf; k++) this.pushField(saved[0][k], saved[1][k], saved[2][k], saved[3][k], saved[4][k]);
      }
      this.record(recordLine, recordStart, recordLineStart, false);
    }
    if (this.ncols < 0) throw new DivergenceError('empty-input', 'the file is empty');
    this.finish();
  }

  private countLines(from: number, to: number): void {
    const text = this.text;
    for (let j = from; j < to; j++) {
      const c = text.charCodeAt(j);
      if (c === 10 || (c === 13 && text.charCodeAt(j + 1) !== 10)) {
        this.line++;
        this.lineStart = j + 1;
      }
    }
  }

  private pushField(start: number, end: number, quoted: boolean, line: number, lineStart: number): void {
    const k = this.nf;
    this.fStart[k] = start;
    this.fEnd[k] = end;
    this.fQuoted[k] = quoted;
    this.fLine[k] = line;
    this.fLineStart[k] = lineStart;
    this.nf = k + 1;
  }

  private record(line: number, offset: number, lineStart: number, blank: boolean): void {
    if (this.ncols < 0) {
      this.first();
      return;
    }
    if (this.nf !== this.ncols) {
      throw new DivergenceError(
        'parse-error',
        blank
          ? `line ${line} is blank, but records have ${this.ncols} fields`
          : `line ${line} has ${this.nf} field${this.nf === 1 ? '' : 's'} but the first record has ${this.ncols}`,
        { line, column: offset - lineStart + 1, offset },
      );
    }
    this.dataRecord();
  }

  /** The first record: the header, or the first data row. */
  private first(): void {
    const n = this.nf;
    this.ncols = n;
    const text = this.text;
    let header: boolean;
    if (this.headerOption === 'auto') {
      let anyNumber = false;
      let anyText = false;
      for (let k = 0; k < n; k++) {
        const s = this.fQuoted[k] ? this.fStart[k] + 1 : this.fStart[k];
        const e = this.fQuoted[k] ? text.lastIndexOf('"', this.fEnd[k] - 1) : this.fEnd[k];
        if (parseDecimal(text, s, e) !== undefined) anyNumber = true;
        else if (!isBlankRange(text, s, e)) anyText = true;
      }
      header = anyText && !anyNumber;
    } else header = this.headerOption;
    this.header = header;
    this.names = [];
    for (let k = 0; k < n; k++) this.names.push(header ? fieldText(text, this.fStart[k], this.fEnd[k], this.fQuoted[k]) : '');
    this.status = new Uint8Array(n);
    this.bad = new Array<CellRef | undefined>(n).fill(undefined);
    this.strict = new Array<boolean>(n).fill(false);
    this.keep = new Array<boolean>(n).fill(false);
    this.buffers = new Array<Float64Array | null>(n).fill(null);
    // A first guess at the number of rows, from the first line's length; buffers grow by doubling.
    const lineLength = Math.max(2, this.fEnd[n - 1] - this.fStart[0] + 1);
    this.capacity = Math.max(16, Math.min(1 << 16, Math.ceil((text.length / lineLength) * 1.1) + 16));
    const mode = this.mode;
    if (mode.kind === 'pick') {
      for (const sel of splitSelectors(mode, this.names, header)) {
        const k = resolveSelector(sel, this.names, this.header);
        this.picked.push(k);
        this.keep[k] = true;
        this.strict[k] = true;
      }
      this.resolved = true;
    } else {
      this.keep.fill(true);
    }
    for (let k = 0; k < n; k++) if (this.keep[k]) this.buffers[k] = new Float64Array(this.capacity);
    if (!header) this.dataRecord();
  }

  private grow(): void {
    const cap = this.capacity * 2;
    for (let k = 0; k < this.ncols; k++) {
      const b = this.buffers[k];
      if (b) {
        const nb = new Float64Array(cap);
        nb.set(b);
        this.buffers[k] = nb;
      }
    }
    this.capacity = cap;
  }

  private dataRecord(): void {
    const row = this.rows;
    if (row === this.capacity) this.grow();
    const text = this.text;
    const n = this.ncols;
    const tracking = this.mode.kind !== 'pick';
    let changed = false;
    for (let k = 0; k < n; k++) {
      const keep = this.keep[k];
      const st = this.status[k];
      // Columns not kept matter only while their kind is unknown, to find the first numeric column.
      if (!keep && (!tracking || st !== ST_UNDECIDED)) continue;
      const quoted = this.fQuoted[k];
      const s = quoted ? this.fStart[k] + 1 : this.fStart[k];
      const e = quoted ? text.lastIndexOf('"', this.fEnd[k] - 1) : this.fEnd[k];
      const v = parseDecimal(text, s, e);
      if (v !== undefined) {
        if (st === ST_UNDECIDED) {
          this.status[k] = ST_NUMERIC;
          changed = true;
        }
        const b = this.buffers[k];
        if (b) b[row] = v;
        continue;
      }
      if (st === ST_UNDECIDED && !isBlankRange(text, s, e)) {
        this.status[k] = ST_TEXT;
        changed = true;
      }
      if (keep && !this.bad[k]) {
        const fs = this.fStart[k];
        this.bad[k] = {
          line: this.fLine[k],
          field: k + 1,
          offset: fs,
          column: fs - this.fLineStart[k] + 1,
          row,
          text: fieldText(text, fs, this.fEnd[k], quoted),
        };
        this.buffers[k] = null;
        if (this.strict[k]) this.throwBad(k);
        changed = true;
      }
    }
    this.rows = row + 1;
    if (changed) this.settle(false);
  }

  /**
   * Modes 'first' and 'numeric': act on what the cells read so far tell. A column is numeric when its first
   * non-empty cell is a number, and must then be numbers throughout: its first bad cell throws as soon as
   * the column is known to be wanted. Text columns are dropped. At the end (`final`), a column still
   * undecided is empty throughout, so not numeric.
   */
  private settle(final: boolean): void {
    const mode = this.mode.kind;
    if (mode === 'first') {
      if (this.resolved) return;
      let k = this.scanFrom;
      while (k < this.ncols && (this.status[k] === ST_TEXT || (final && this.status[k] === ST_UNDECIDED))) k++;
      this.scanFrom = k;
      if (k === this.ncols || this.status[k] !== ST_NUMERIC) return;
      this.resolved = true;
      this.picked.push(k);
      this.strict[k] = true;
      if (this.bad[k]) this.throwBad(k);
      for (let j = 0; j < this.ncols; j++) {
        if (j !== k) {
          this.keep[j] = false;
          this.buffers[j] = null;
        }
      }
    } else if (mode === 'numeric') {
      for (let k = 0; k < this.ncols; k++) {
        if (!this.keep[k]) continue;
        if (this.status[k] === ST_TEXT) {
          this.keep[k] = false;
          this.buffers[k] = null;
        } else if (this.status[k] === ST_NUMERIC && this.bad[k]) this.throwBad(k);
      }
    }
  }

  private throwBad(k: number): never {
    const c = this.bad[k]!;
    const name = this.names[k];
    const where = `line ${c.line}, column ${c.field}${name !== '' ? ` (${quoteText(name)})` : ''}`;
    const what = c.text.trim() === '' ? 'the cell is empty' : `${quoteText(c.text)} is not a number`;
    throw new DivergenceError('parse-error', `${where}: ${what}`, { line: c.line, column: c.column, offset: c.offset, index: c.row });
  }

  private finish(): void {
    const mode = this.mode.kind;
    if (mode === 'all' || mode === 'pick') return;
    this.settle(true);
    if (mode === 'numeric') {
      for (let k = 0; k < this.ncols; k++) if (this.keep[k] && this.status[k] === ST_NUMERIC) this.picked.push(k);
    }
    if (this.picked.length === 0) {
      throw new DivergenceError(
        'parse-error',
        `no column is numeric${this.header ? `; columns: ${listNames(this.names)}` : ''}${this.rows === 0 ? ' (there are no data rows)' : ''}`,
      );
    }
  }
}

function scan(input: string | Uint8Array, options: CsvOptions, mode: Mode): ScanResult {
  if (typeof input !== 'string') return scanBytes(input, options, mode) ?? scan(new TextDecoder('utf-8', { ignoreBOM: true }).decode(input), options, mode);
  const text = input;
  rejectBinaryText(text, 'CSV');
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const d = options.delimiter ?? 'auto';
  const delimiter = d === 'auto' ? detectDelimiter((i) => text.charCodeAt(i), text.length, start) : d;
  const s = new Scanner(text, delimiter, mode, options.header ?? 'auto');
  s.run(start);
  return { names: s.names, header: s.header, rows: s.rows, delimiter, buffers: s.buffers, bad: s.bad, picked: s.picked };
}

/**
 * The columns a whole file's bytes give through the byte lane (csvBytes.ts), or undefined when the text
 * reader must read the file (its errors and their positions are the text reader's). The first two records
 * are read as text, to settle the header, the names and the columns exactly as `scan` does.
 */
function scanBytes(bytes: Uint8Array, options: CsvOptions, mode: Mode): ScanResult | undefined {
  if (mode.kind === 'all' || bytes.indexOf(0) >= 0 || !sampleIsText(bytes)) return undefined;
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const d = options.delimiter ?? 'auto';
  const delimiter = d === 'auto' ? detectDelimiter((i) => bytes[i]!, bytes.length, start) : d;
  const headEnd = recordsEndBytes(bytes, start, 2, delimiter);
  const head = new Scanner(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(start, headEnd)), delimiter, { kind: 'all' }, options.header ?? 'auto');
  let picked: number[];
  try {
    head.run(0);
    if (mode.kind === 'pick') picked = splitSelectors(mode, head.names, head.header).map((sel) => resolveSelector(sel, head.names, head.header));
    else if (head.rows === 0 || (mode.kind === 'numeric' && head.status.includes(ST_UNDECIDED))) return undefined;
    else if (mode.kind === 'numeric') picked = indicesWhere(head.status, (st) => st === ST_NUMERIC);
    else picked = [head.status.findIndex((st) => st !== ST_TEXT)];
  } catch {
    return undefined;
  }
  if (picked.length === 0 || picked[0] < 0 || head.status[picked[0]] === ST_UNDECIDED) return undefined;
  const kept = [...new Set(picked)];
  const slots = new Int32Array(head.ncols).fill(-1);
  kept.forEach((k, slot) => (slots[k] = slot));
  const from = head.header ? recordsEndBytes(bytes, start, 1, delimiter) : firstRecordStart(bytes, start, delimiter);
  const records = new CsvByteRecords(delimiter, head.ncols, slots, kept.length, ((bytes.length - from) / Math.max(4, headEnd - from)) * 1.3);
  const status = records.run(bytes, from, bytes.length, true);
  if (status !== RECORDS_DONE && status !== RECORDS_BLANK_TAIL) return undefined;
  const buffers = head.names.map((_, k): Float64Array | null => (slots[k] >= 0 ? records.columns[slots[k]] : null));
  return { names: head.names, header: head.header, rows: records.rows, delimiter, buffers, bad: [], picked };
}
