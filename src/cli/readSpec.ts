/**
 * The command line's input SPEC: inline array text, or `@path[:selector]` naming a file.
 *
 * - Inline: any literal `parseArrayLiteral` accepts (`[0.36, 0.48, 0.16]`, `0.36 0.48 0.16`,
 *   `np.array([...])`, `[[1, 2], [3, 4]]`).
 * - `@path` by extension (case-insensitive):
 *   `.csv`, `.tsv`  the first numeric column; `:NAME` a column by header name, `:3` by 0-based index; for a
 *                   matrix, all numeric columns, or `:a,b` / `:1,2` a list of columns; `.csv.gz` and
 *                   `.tsv.gz` alike, decompressed as a stream;
 *   `.json`         the top-level array; `:key` or `:a.b.0` a path into it; at an array of records, a field
 *                   of each record (records lacking it, or holding null, are an error naming the first);
 *   `.npy`          the array; `:ROW` one row of a 2-D array (0-based);
 *   `.npz`          `:NAME` the array NAME (needed when the archive holds several), `:NAME:ROW` one row;
 *   `.txt` or none  numbers separated by whitespace or commas, `#` comments; for a matrix, one row a line.
 *                   A text file of one array literal (`[0.1, 0.9]`) is read as inline text is.
 * - A path may contain ':': the selector is split off at the last ':' (then the one before, ...) only when
 *   the whole text is not an existing file and the part before that ':' is.
 *
 * `readSpec` wants a vector: a 2-D input with more than one row and more than one column is refused (a KL of
 * a flattened matrix is a wrong answer, not an answer). `readMatrixSpec` returns the shape.
 *
 * Errors are `DivergenceError`s whose one-line message starts with `what` and the file:
 * "--p: data.csv: line 5, column 3 ('temp_max'): 'abc' is not a number". A missing file is `file-not-found`;
 * an unknown extension, binary content in a text file, or a file too large to read whole is
 * `unsupported-file`; an empty array is `empty-input`.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { readCsvPieces, readGzipCsv } from './csvPieces';
import { DivergenceError } from '../core/errors';
import { csvColumn, csvColumnArrays, csvColumnList, csvColumns, type CsvOptions } from '../data/csv';
import { jsonArray } from '../data/json';
import { parseNpy, type NpyArray } from '../data/npy';
import { listNpz, npzArray } from '../data/npz';
import { parseArrayLiteral } from '../data/parseArrayLiteral';
import { parseTextMatrix, parseTextNumbers } from '../data/textNumbers';

export interface MatrixSpec {
  /** Row-major. */
  readonly values: Float64Array;
  /** [] (a single number), [n], or [rows, cols]. */
  readonly shape: number[];
}

/** Text files larger than this are refused rather than read whole into memory (streaming comes later). */
export const MAX_TEXT_FILE_BYTES = 2 ** 30;
/**
 * CSV/TSV files larger than this are read in pieces (readCsvColumnsInChunksSync): the text is never one string
 * (V8's strings stop near 512 M characters), and memory holds the selected columns plus one piece.
 */
export const CSV_PIECEWISE_BYTES = 2 ** 27;
/** The most `readFileSync` reads at once. */
export const MAX_BINARY_FILE_BYTES = 2 ** 31 - 1;

const EXTENSIONS = ['.csv', '.tsv', '.json', '.npy', '.npz', '.txt'];

/**
 * A vector input. `notes`, when given, receives what reading changed that the caller should tell the user
 * (int64 values of a .npy rounded to doubles).
 */
export function readSpec(spec: string, what: string, notes?: string[]): Float64Array {
  const r = read(spec, what, false, notes);
  const s = r.shape;
  if (s.length === 2 && s[0] > 1 && s[1] > 1) {
    throw new DivergenceError('usage', `${r.where}: this is a ${s[0]} x ${s[1]} matrix, but a vector is wanted here${rowHint(r.ext)}`, { array: what });
  }
  return r.values;
}

/** A matrix input (or a vector, shape [n]): rows of samples, covariance matrices, batches. */
export function readMatrixSpec(spec: string, what: string, notes?: string[]): MatrixSpec {
  const r = read(spec, what, true, notes);
  return { values: r.values, shape: r.shape };
}

// ---------------------------------------------------------------------------------------------------------

interface Read {
  readonly values: Float64Array;
  readonly shape: number[];
  /** `what` and the file, for messages. */
  readonly where: string;
  /** The file's extension, lower case; undefined for inline text. */
  readonly ext?: string;
}

function rowHint(ext: string | undefined): string {
  if (ext === '.npy') return '; pick a row with @FILE.npy:ROW';
  if (ext === '.npz') return '; pick a row with @FILE.npz:NAME:ROW';
  if (ext === '.json') return '; pick a row with @FILE.json:ROW';
  return '; give one row';
}

/** Runs `f`, prefixing the message of a DivergenceError with `where`. */
export function within<T>(where: string, what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DivergenceError) {
      throw new DivergenceError(e.code, `${where}: ${e.message.replace(/\s*\n\s*/g, ' ')}`, { array: what, ...e.location });
    }
    throw e;
  }
}

function read(spec: string, what: string, matrix: boolean, notes: string[] | undefined): Read {
  if (!spec.startsWith('@')) {
    const a = within(what, what, () => parseArrayLiteral(spec));
    return { values: a.values, shape: [...a.shape], where: what };
  }
  const { path, selector } = splitPath(spec.slice(1), what);
  const where = `${what}: ${path}`;
  const ext = extname(path).toLowerCase();
  const r = within(where, what, () => readFile(path, ext, selector, matrix, notes, what));
  if (r.values.length === 0) throw new DivergenceError('empty-input', `${where}: the array is empty`, { array: what });
  return { ...r, where, ext };
}

function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

/** The file and the selector after it (see the module doc). */
export function splitPath(rest: string, what: string): { path: string; selector?: string } {
  if (rest === '') throw new DivergenceError('usage', `${what}: '@' must be followed by a file path`, { array: what });
  if (isFile(rest)) return { path: rest };
  for (let k = rest.lastIndexOf(':'); k > 0; k = rest.lastIndexOf(':', k - 1)) {
    const head = rest.slice(0, k);
    if (isFile(head)) return { path: head, selector: rest.slice(k + 1) };
  }
  let st;
  try {
    st = statSync(rest, { throwIfNoEntry: false });
  } catch {
    st = undefined;
  }
  if (st?.isDirectory()) throw new DivergenceError('file-not-found', `${what}: '${rest}' is a directory, not a file`, { array: what });
  if (st) {
    throw new DivergenceError('unsupported-file', `${what}: '${rest}' is not a regular file (a pipe, socket or device): save the data to a file`, { array: what });
  }
  const colon = rest.lastIndexOf(':');
  const nor = colon > 0 ? ` (nor '${rest.slice(0, colon)}')` : '';
  throw new DivergenceError('file-not-found', `${what}: cannot read '${rest}'${nor}: no such file`, { array: what });
}

/** Columns of CSV/TSV files read ahead by {@link prefetchCsvColumns}, by path and selector; each taken once. */
const prefetched = new Map<string, Float64Array>();
const prefetchKey = (path: string, selector: string): string => `${path}\0${selector}`;

/**
 * Reads ahead, in one scan, the columns that several SPECs name in one CSV/TSV file read whole (P and Q of one
 * table, the common case): the scanner tokenizes every field of every row whatever it picks, so two scans cost
 * twice one. Only where every named column is numeric throughout; on any error nothing is kept, each SPEC is
 * then read on its own and reports its own error (and missing cells or categories take their own path).
 */
export function prefetchCsvColumns(specs: readonly (string | undefined)[]): void {
  const byFile = new Map<string, Set<string>>();
  for (const spec of specs) {
    if (spec === undefined || !spec.startsWith('@')) continue;
    try {
      const { path, selector } = splitPath(spec.slice(1), '');
      const ext = extname(path).toLowerCase();
      if (selector === undefined || (ext !== '.csv' && ext !== '.tsv') || fileSize(path) > csvPiecewiseBytes()) continue;
      byFile.set(path, (byFile.get(path) ?? new Set()).add(selector));
    } catch {
      continue;
    }
  }
  for (const [path, selectors] of byFile) {
    if (selectors.size < 2) continue;
    try {
      const picked = [...selectors];
      const r = csvColumnArrays(readTextBytes(path), picked, { delimiter: extname(path).toLowerCase() === '.tsv' ? '\t' : 'auto' });
      picked.forEach((selector, k) => prefetched.set(prefetchKey(path, selector), r.columns[k]!));
    } catch {
      continue;
    }
  }
}

/** Test hooks of {@link readFileOnce}: `afterRead` runs between reading the bytes and the second fstat. */
export interface ReadHooks {
  readonly afterRead?: () => void;
}

function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'error');
}

/** Opens a file for reading; refuses what is not a regular file (and closes it then). */
export function openRegularFile(path: string): { fd: number; before: import('node:fs').Stats } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new DivergenceError('file-not-found', `cannot read the file: ${errnoText(e)}`);
  }
  const before = fstatSync(fd);
  if (!before.isFile()) {
    closeSync(fd);
    throw new DivergenceError('unsupported-file', 'this is not a regular file (a directory, pipe or device): save the data to a file');
  }
  return { fd, before };
}

/**
 * The bytes of a regular file, read once through one descriptor: fstat, read exactly that many bytes, fstat
 * again. A file that changes meanwhile (its size or modification time moves, or bytes appear past the size
 * first seen) is refused with `unsupported-file` ("changed while it was being read"), never half-read.
 * Anything but a regular file (a directory, FIFO, device such as /dev/zero) is refused before reading.
 */
export function readFileOnce(path: string, limit: number, kind: string, hooks: ReadHooks = {}): Buffer {
  const { fd, before } = openRegularFile(path);
  try {
    const size = before.size;
    if (size > limit) {
      throw new DivergenceError('unsupported-file', `the file is ${size} bytes; ${kind} files of more than ${limit} bytes are not read (they are read whole into memory)`);
    }
    const buf = Buffer.allocUnsafe(size);
    let n = 0;
    let grew = false;
    try {
      while (n < size) {
        const k = readSync(fd, buf, n, Math.min(size - n, 2 ** 30), n);
        if (k === 0) break;
        n += k;
      }
      hooks.afterRead?.();
      grew = readSync(fd, Buffer.alloc(1), 0, 1, n) > 0;
    } catch (e) {
      throw new DivergenceError('file-not-found', `cannot read the file: ${errnoText(e)}`);
    }
    const after = fstatSync(fd);
    if (n !== size || grew || after.size !== size || after.mtimeMs !== before.mtimeMs) {
      throw new DivergenceError(
        'unsupported-file',
        `the file changed while it was being read (${size} bytes, then ${after.size}): read it again once it is written`,
      );
    }
    return buf;
  } finally {
    closeSync(fd);
  }
}

function readBytes(path: string, limit: number, kind: string): Buffer {
  return readFileOnce(path, limit, kind);
}

/** CSV_PIECEWISE_BYTES, or DIVERGENCE_CSV_PIECEWISE_BYTES from the environment (tests set it low). */
function csvPiecewiseBytes(): number {
  const v = Number(process.env.DIVERGENCE_CSV_PIECEWISE_BYTES);
  return Number.isFinite(v) && v >= 0 ? v : CSV_PIECEWISE_BYTES;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch (e) {
    throw new DivergenceError('file-not-found', `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** A big CSV/TSV file's columns, read in pieces (see readCsvPieces); the file must not change meanwhile. */
function readCsvInPieces(path: string, size: number, selector: string | undefined, matrix: boolean, options: CsvOptions): { values: Float64Array; shape: number[] } {
  const { fd, before } = openRegularFile(path);
  try {
    size = before.size;
    const read = (position: number, target: Uint8Array): number => {
      try {
        return readSync(fd, target, 0, target.length, position);
      } catch (e) {
        throw new DivergenceError('file-not-found', `cannot read the file: ${errnoText(e)}`);
      }
    };
    let position = 0;
    const next = (target: Uint8Array): number => {
      const n = read(position, target);
      position += n;
      return n;
    };
    const r = readCsvPieces(next, size, size, selector, matrix, options);
    const after = fstatSync(fd);
    if (after.size !== size || after.mtimeMs !== before.mtimeMs || read(size, new Uint8Array(1)) > 0) {
      throw new DivergenceError('unsupported-file', `the file changed while it was being read (${size} bytes, then ${after.size}): read it again once it is written`);
    }
    return r;
  } finally {
    closeSync(fd);
  }
}

/** A text file's bytes (CSV is read from its bytes); a NUL refuses it as binary. */
function readTextBytes(path: string): Buffer {
  const buf = readBytes(path, MAX_TEXT_FILE_BYTES, 'text');
  const nul = buf.indexOf(0);
  if (nul >= 0) throw new DivergenceError('unsupported-file', `this is a binary file, not text: it has a NUL byte at byte ${nul}`);
  return buf;
}

export function readText(path: string): string {
  const buf = readTextBytes(path);
  try {
    return buf.toString('utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG') {
      throw new DivergenceError('unsupported-file', `the file is ${buf.length} bytes, more text than this runtime can hold in one string`);
    }
    throw e;
  }
}

function noSelector(ext: string, selector: string | undefined): void {
  if (selector !== undefined) {
    throw new DivergenceError('usage', `a ${ext || 'plain text'} file holds one list of numbers: ':${selector}' selects nothing in it`);
  }
}

function readFile(path: string, ext: string, selector: string | undefined, matrix: boolean, notes: string[] | undefined, what: string): { values: Float64Array; shape: number[] } {
  switch (ext) {
    case '.csv':
    case '.tsv': {
      const options: CsvOptions = { delimiter: ext === '.tsv' ? '\t' : 'auto' };
      const size = fileSize(path);
      if (size > csvPiecewiseBytes()) return readCsvInPieces(path, size, selector, matrix, options);
      const ahead = matrix || selector === undefined ? undefined : prefetched.get(prefetchKey(path, selector));
      if (ahead !== undefined) {
        prefetched.delete(prefetchKey(path, selector!));
        return { values: ahead, shape: [ahead.length] };
      }
      const bytes = readTextBytes(path);
      if (!matrix) {
        const values = csvColumn(bytes, selector, options);
        return { values, shape: [values.length] };
      }
      const m = selector === undefined ? csvColumns(bytes, undefined, options) : csvColumnList(bytes, selector, options);
      return { values: m.values, shape: m.shape[1] === 1 ? [m.shape[0]] : [...m.shape] };
    }
    case '.gz':
      return readGzipCsv(path, selector, matrix);
    case '.json': {
      const a = jsonArray(readText(path), selector);
      return { values: a.values, shape: a.shape };
    }
    case '.npy': {
      const a = parseNpy(readBytes(path, MAX_BINARY_FILE_BYTES, '.npy'));
      addNotes(notes, what, path, a);
      return selectRow(a, selector, '.npy');
    }
    case '.npz': {
      const bytes = readBytes(path, MAX_BINARY_FILE_BYTES, '.npz');
      const a = npzMember(bytes, selector);
      addNotes(notes, what, path, a.array);
      return selectRow(a.array, a.row, '.npz');
    }
    case '.txt':
    case '': {
      noSelector(ext, selector);
      const text = readText(path);
      if (matrix) return parseTextMatrix(text);
      try {
        const values = parseTextNumbers(text);
        return { values, shape: [values.length] };
      } catch (e) {
        // A file holding one array literal, `[0.1, 0.9]` or `np.array([...])`, reads as inline text does.
        if (!(e instanceof DivergenceError) || !/[[(]/.test(text)) throw e;
        try {
          const a = parseArrayLiteral(text);
          return { values: a.values, shape: [...a.shape] };
        } catch {
          throw e;
        }
      }
    }
    default:
      throw new DivergenceError('unsupported-file', `${ext} files are not read; use ${EXTENSIONS.join(', ')} (or a text file without extension)`);
  }
}

/** The member named by the selector: `NAME`, or `NAME:ROW` when no member is called that. */
function npzMember(bytes: Uint8Array, selector: string | undefined): { array: NpyArray; row?: string } {
  if (selector === undefined) return { array: npzArray(bytes) };
  const m = /^(.*):(\d+)$/.exec(selector);
  if (m && !listNpz(bytes).includes(selector)) return { array: npzArray(bytes, m[1]), row: m[2] };
  return { array: npzArray(bytes, selector) };
}

function selectRow(a: NpyArray, selector: string | undefined, ext: string): { values: Float64Array; shape: number[] } {
  if (selector === undefined) return { values: a.values, shape: a.shape };
  if (!/^\d+$/.test(selector)) {
    throw new DivergenceError('usage', `':${selector}' is not a row number; a ${ext} array takes :ROW, a 0-based row of a 2-D array`);
  }
  if (a.shape.length !== 2) throw new DivergenceError('usage', `':${selector}' picks a row, but the array is ${a.shape.length}-D (shape [${a.shape.join(', ')}])`);
  const [rows, cols] = a.shape;
  const r = Number(selector);
  if (r >= rows) throw new DivergenceError('parse-error', `there is no row ${r}: the array has ${rows} rows (0 to ${rows - 1})`, { index: r });
  return { values: a.values.slice(r * cols, (r + 1) * cols), shape: [cols] };
}

function addNotes(notes: string[] | undefined, what: string, path: string, a: NpyArray): void {
  if (notes) for (const n of a.notes) notes.push(`${what}: ${path}: ${n}`);
}
