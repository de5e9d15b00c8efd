/**
 * NumPy `.npy` files -> Float64Array, row-major.
 *
 * Format (numpy/lib/format.py): the magic `\x93NUMPY`, a major and minor version byte, the header length
 * (uint16 little-endian in version 1.0; uint32 in 2.0 and 3.0), and the header: a Python dict literal
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (4, 5), }` padded with spaces to a multiple of 64
 * bytes and ended by `\n`, in Latin-1 (1.0, 2.0) or UTF-8 (3.0). The data follows, nothing else.
 *
 * Read: dtypes f2 (converted by hand), f4, f8, i1 to i8, u1 to u8 and b1 (bool: 0 or 1), in either byte order
 * (`<`, `>`; `|` for one-byte types; `=` means the writer's native order and is taken as little-endian, the
 * order of every platform numpy ships for), C or Fortran order (a Fortran 2-D array is transposed to
 * row-major), 0-D, 1-D and 2-D. int64 and uint64 values beyond ±2^53 are rounded to the nearest double, and
 * `notes` says how many were not exact.
 *
 * Refused: object arrays, strings, structured and complex dtypes, datetimes, long doubles, more than two
 * dimensions (`unsupported-file`); a header that is not a dict of exactly `descr`, `fortran_order` and
 * `shape`, or whose shape does not account for every data byte exactly (`parse-error`, saying expected and
 * actual byte counts). The header is checked completely before anything is allocated, so an absurd shape
 * such as (10**12, 10**6) costs nothing. The header dict is parsed by a small literal parser, never
 * evaluated.
 */
import { DivergenceError } from '../core/errors';

export interface NpyArray {
  /** Row-major (C order), whatever the file's order. */
  readonly values: Float64Array;
  /** [] for a 0-D array, [n], or [rows, cols]. */
  readonly shape: number[];
  /** The header's `descr`, such as '<f8'. */
  readonly dtype: string;
  /** Whether the file stored the data in Fortran (column-major) order. */
  readonly fortranOrder: boolean;
  /** What the conversion to doubles changed, in words (int64 values rounded); empty when it was exact. */
  readonly notes: string[];
}

export interface NpyOptions {
  /** Most elements read; more is `unsupported-file`. Default 2^27 (1 GiB of doubles). */
  readonly maxElements?: number;
}

/** The parsed header, before any data is read. */
export interface NpyHeader {
  readonly version: string;
  readonly dtype: string;
  readonly kind: 'f' | 'i' | 'u' | 'b';
  readonly itemSize: number;
  readonly littleEndian: boolean;
  readonly fortranOrder: boolean;
  readonly shape: number[];
  /** Offset of the first data byte. */
  readonly dataOffset: number;
  readonly count: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const DEFAULT_MAX_ELEMENTS = 2 ** 27;
const TWO_53 = 2 ** 53;
/** Whether this machine stores numbers little-endian (then '<f8' data can be used as it is). */
export const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function parseError(message: string): never {
  throw new DivergenceError('parse-error', message);
}

function unsupported(message: string): never {
  throw new DivergenceError('unsupported-file', message);
}

/**
 * Where the data of a .npy file starts, from its preamble (version byte and header length); undefined when
 * `bytes` is too short to say. The magic string and the version are checked by `readNpyHeader`.
 */
export function npyDataOffset(bytes: Uint8Array): number | undefined {
  if (bytes.length < 10) return undefined;
  if (bytes[6] === 1) return 10 + (bytes[8]! | (bytes[9]! << 8));
  if (bytes.length < 12) return undefined;
  return 12 + (bytes[8]! | (bytes[9]! << 8) | (bytes[10]! << 16)) + bytes[11]! * 2 ** 24;
}

/**
 * Reads and checks the header of a .npy file without touching its data. `bytes` is the whole file, or (for a
 * file read in chunks) a prefix holding at least the header, with the file's size in `fileLength`.
 */
export function readNpyHeader(bytes: Uint8Array, fileLength: number = bytes.length): NpyHeader {
  for (let k = 0; k < MAGIC.length; k++) {
    if (k >= bytes.length) {
      if (k === 0) unsupported('not a .npy file: it is empty');
      parseError(`the file ends after ${bytes.length} bytes, inside the .npy magic string`);
    }
    if (bytes[k] !== MAGIC[k]) unsupported('not a .npy file: it does not start with the magic string \\x93NUMPY');
  }
  if (bytes.length < 10) parseError(`the file ends after ${bytes.length} bytes, inside the .npy preamble`);
  const major = bytes[6];
  const minor = bytes[7];
  if (major < 1 || major > 3 || minor !== 0) unsupported(`.npy format version ${major}.${minor} is not supported (1.0, 2.0 and 3.0 are)`);
  const headerStart = major === 1 ? 10 : 12;
  const dataOffset = npyDataOffset(bytes);
  if (dataOffset === undefined) parseError(`the file ends after ${bytes.length} bytes, inside the .npy preamble`);
  const headerLength = dataOffset - headerStart;
  if (dataOffset > fileLength) {
    parseError(`the header is said to be ${headerLength} bytes long but the file has only ${fileLength - headerStart} bytes after the preamble: it is truncated or not a .npy file`);
  }
  if (dataOffset > bytes.length) parseError(`the header is ${headerLength} bytes long: read at least ${dataOffset} bytes of the file to parse it`);
  const headerText = decodeHeader(bytes.subarray(headerStart, dataOffset), major);
  const dict = parseHeaderDict(headerText);

  const descr = dict.get('descr')!;
  if (typeof descr !== 'string') {
    if (descr instanceof PyList || descr instanceof PyTuple) unsupported('structured dtypes (records with named fields) are not supported; save a plain numeric array');
    parseError(`the header's 'descr' is ${describe(descr)}, not a dtype string`);
  }
  const dtype = parseDtype(descr);
  const fortran = dict.get('fortran_order')!;
  if (typeof fortran !== 'boolean') parseError(`the header's 'fortran_order' is ${describe(fortran)}, not True or False`);
  const shapeValue = dict.get('shape')!;
  if (!(shapeValue instanceof PyTuple)) parseError(`the header's 'shape' is ${describe(shapeValue)}, not a tuple of integers`);
  const shape: number[] = [];
  for (const d of shapeValue.items) {
    if (!(d instanceof PyInt)) parseError(`the header's 'shape' holds ${describe(d)}; it must hold non-negative integers`);
    if (d.value < 0) parseError(`the header's 'shape' holds the negative size ${d.text}`);
    shape.push(d.value);
  }
  const shapeText = `(${shapeValue.items.map((d) => (d as PyInt).text).join(', ')}${shape.length === 1 ? ',' : ''})`;
  if (shape.length > 2) unsupported(`the array has shape ${shapeText}: ${shape.length}-D arrays are not supported, only 0-D, 1-D and 2-D`);

  let count = 1;
  for (const d of shape) count *= d; // exact while it matters: beyond 2^53 it cannot match the data length
  const dataLength = fileLength - dataOffset;
  const expected = count * dtype.itemSize;
  if (expected !== dataLength) {
    const needs = Number.isSafeInteger(expected) ? `${expected}` : `about ${expected.toPrecision(3)}`;
    parseError(
      expected > dataLength
        ? `the header's shape ${shapeText} of ${descr} needs ${needs} bytes of data but the file has ${dataLength}: it is truncated, or its header is wrong`
        : `the header's shape ${shapeText} of ${descr} needs ${needs} bytes of data but the file has ${dataLength}: ${dataLength - expected} bytes too many`,
    );
  }
  return {
    version: `${major}.${minor}`,
    dtype: descr,
    kind: dtype.kind,
    itemSize: dtype.itemSize,
    littleEndian: dtype.littleEndian,
    fortranOrder: fortran,
    shape,
    dataOffset,
    count,
  };
}

/** The array in a .npy file (see the module doc). */
export function parseNpy(bytes: Uint8Array, options: NpyOptions = {}): NpyArray {
  const h = readNpyHeader(bytes);
  const max = options.maxElements ?? DEFAULT_MAX_ELEMENTS;
  if (h.count > max) unsupported(`the array has ${h.count} elements, more than the ${max} that are read at once`);
  const notes: string[] = [];
  let values = convert(bytes, h, notes);
  if (h.fortranOrder && h.shape.length === 2) values = transpose(values, h.shape[0], h.shape[1]);
  return { values, shape: h.shape, dtype: h.dtype, fortranOrder: h.fortranOrder, notes };
}

// ---------------------------------------------------------------------------------------------------------
// Data

/** IEEE 754 binary16 -> double, exactly. */
export function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1024 + frac) * 2 ** (exp - 25);
}

function convert(bytes: Uint8Array, h: NpyHeader, notes: string[]): Float64Array {
  const n = h.count;
  const base = bytes.byteOffset + h.dataOffset;
  // Little-endian float64 at an aligned offset (numpy pads headers to 64 bytes): a view of the file's bytes,
  // not a copy, so an 800 MB file takes 800 MB, not 1.6 GB.
  if (n > 0 && h.kind === 'f' && h.itemSize === 8 && h.littleEndian && base % 8 === 0 && LITTLE_ENDIAN_HOST) return new Float64Array(bytes.buffer, base, n);
  const out = new Float64Array(n);
  if (n === 0) return out;
  decodeNpyData(bytes.subarray(h.dataOffset, h.dataOffset + n * h.itemSize), h, out, 0, notes);
  return out;
}

/**
 * Decodes `data` (whole items of the header's dtype, as stored) into out[at, at + count) as doubles: the same
 * conversion as `parseNpy`, for a file read in chunks (npyStream.ts). Returns the number of values.
 */
export function decodeNpyData(data: Uint8Array, h: Pick<NpyHeader, 'kind' | 'itemSize' | 'littleEndian'>, out: Float64Array, at: number, notes: string[] = []): number {
  const size = h.itemSize;
  const n = Math.floor(data.length / size);
  if (n === 0) return 0;
  const base = data.byteOffset;
  const le = h.littleEndian;
  if (h.kind === 'f' && size === 8 && le && base % 8 === 0 && LITTLE_ENDIAN_HOST) {
    out.set(new Float64Array(data.buffer, base, n), at);
    return n;
  }
  const dv = new DataView(data.buffer, base, n * size);
  const target = at === 0 ? out : out.subarray(at, at + n);
  switch (h.kind) {
    case 'f':
      if (size === 8) for (let i = 0; i < n; i++) target[i] = dv.getFloat64(8 * i, le);
      else if (size === 4) for (let i = 0; i < n; i++) target[i] = dv.getFloat32(4 * i, le);
      else for (let i = 0; i < n; i++) target[i] = halfToFloat(dv.getUint16(2 * i, le));
      break;
    case 'b':
      for (let i = 0; i < n; i++) target[i] = dv.getUint8(i) !== 0 ? 1 : 0;
      break;
    case 'i':
    case 'u': {
      const signed = h.kind === 'i';
      if (size === 1) for (let i = 0; i < n; i++) target[i] = signed ? dv.getInt8(i) : dv.getUint8(i);
      else if (size === 2) for (let i = 0; i < n; i++) target[i] = signed ? dv.getInt16(2 * i, le) : dv.getUint16(2 * i, le);
      else if (size === 4) for (let i = 0; i < n; i++) target[i] = signed ? dv.getInt32(4 * i, le) : dv.getUint32(4 * i, le);
      else convert64(dv, n, le, signed, target, notes);
      break;
    }
  }
  return n;
}

/**
 * int64 / uint64 -> double. hi·2^32 is exact and adding lo rounds once, so each value is the correctly
 * rounded double (ties to even), as numpy's astype(float64) gives.
 */
function convert64(dv: DataView, n: number, le: boolean, signed: boolean, out: Float64Array, notes: string[]): void {
  let inexact = 0;
  let first = -1;
  for (let i = 0; i < n; i++) {
    const lo = dv.getUint32(8 * i + (le ? 0 : 4), le);
    const hiOffset = 8 * i + (le ? 4 : 0);
    const hi = signed ? dv.getInt32(hiOffset, le) : dv.getUint32(hiOffset, le);
    const v = hi * 4294967296 + lo;
    out[i] = v;
    if ((v >= TWO_53 || v <= -TWO_53) && BigInt(hi) * 4294967296n + BigInt(lo) !== BigInt(v)) {
      if (inexact++ === 0) first = i;
    }
  }
  if (inexact > 0) {
    const what = signed ? 'int64' : 'uint64';
    notes.push(`${inexact} ${what} value${inexact === 1 ? ' is' : 's are'} beyond ±2^53 and ${inexact === 1 ? 'was' : 'were'} rounded to the nearest double (the first at index ${first})`);
  }
}

function transpose(colMajor: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(colMajor.length);
  for (let c = 0; c < cols; c++) {
    const src = c * rows;
    for (let r = 0; r < rows; r++) out[r * cols + c] = colMajor[src + r];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Header

interface Dtype {
  readonly kind: 'f' | 'i' | 'u' | 'b';
  readonly itemSize: number;
  readonly littleEndian: boolean;
}

const KIND_NAMES: Readonly<Record<string, string>> = {
  c: 'complex numbers',
  O: 'Python objects',
  S: 'byte strings',
  a: 'byte strings',
  U: 'unicode strings',
  V: 'raw or structured records',
  M: 'datetimes',
  m: 'timedeltas',
};

function parseDtype(descr: string): Dtype {
  const m = /^([<>|=]?)([a-zA-Z])(\d+)$/.exec(descr);
  const kind = m ? m[2] : /^[<>|=]?([a-zA-Z])/.exec(descr)?.[1];
  if (kind !== undefined && kind in KIND_NAMES) unsupported(`dtype ${quote(descr)} (${KIND_NAMES[kind]}) is not supported; save a numeric array`);
  if (!m) parseError(`the header's dtype ${quote(descr)} is not a numpy type string such as '<f8'`);
  const order = m[1];
  const size = Number(m[3]);
  if (kind === 'f' && (size === 12 || size === 16)) unsupported(`dtype ${quote(descr)} (long double) is not supported; convert it to float64`);
  const valid =
    (kind === 'f' && (size === 2 || size === 4 || size === 8)) ||
    ((kind === 'i' || kind === 'u') && (size === 1 || size === 2 || size === 4 || size === 8)) ||
    (kind === 'b' && size === 1);
  if (!valid) parseError(`the header's dtype ${quote(descr)} is not a numpy type`);
  if (order === '|' && size !== 1) parseError(`the header's dtype ${quote(descr)} has no byte order ('|') but is ${size} bytes wide`);
  return { kind: kind as Dtype['kind'], itemSize: size, littleEndian: order !== '>' };
}

function decodeHeader(raw: Uint8Array, major: number): string {
  if (major === 3) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      parseError('the version 3.0 header is not valid UTF-8');
    }
  }
  let s = '';
  for (let i = 0; i < raw.length; i += 8192) s += String.fromCharCode(...raw.subarray(i, i + 8192));
  return s;
}

function quote(s: string): string {
  const t = s.length > 40 ? `${s.slice(0, 39)}…` : s;
  // Control characters are escaped on purpose, so a hostile header prints as text.
  // eslint-disable-next-line no-control-regex
  return `'${t.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
}

// A Python literal parser, enough for the header: dicts, tuples, lists, strings, ints, True/False/None.

class PyTuple {
  constructor(readonly items: PyValue[]) {}
}
class PyList {
  constructor(readonly items: PyValue[]) {}
}
class PyInt {
  constructor(
    readonly value: number,
    readonly text: string,
  ) {}
}
class PyDict {
  constructor(readonly entries: Map<string, PyValue>) {}
}
type PyValue = string | boolean | null | PyInt | PyTuple | PyList | PyDict;

function describe(v: PyValue): string {
  if (v === null) return 'None';
  if (typeof v === 'string') return `the string ${quote(v)}`;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v instanceof PyInt) return `the integer ${v.text}`;
  if (v instanceof PyTuple) return 'a tuple';
  if (v instanceof PyList) return 'a list';
  return 'a dict';
}

const MAX_LITERAL_DEPTH = 32;
const REQUIRED_KEYS = ['descr', 'fortran_order', 'shape'];

function parseHeaderDict(text: string): Map<string, PyValue> {
  const p = new PyParser(text);
  p.ws();
  const v = p.value(0);
  p.ws();
  if (p.i < text.length) p.fail(`unexpected ${quote(text[p.i])} after the header dict`);
  if (!(v instanceof PyDict)) parseError(`the header is ${describe(v)}, not a dict`);
  const keys = [...v.entries.keys()];
  const missing = REQUIRED_KEYS.filter((k) => !v.entries.has(k));
  const extra = keys.filter((k) => !REQUIRED_KEYS.includes(k));
  if (missing.length > 0 || extra.length > 0) {
    parseError(
      `the header dict must have exactly the keys 'descr', 'fortran_order' and 'shape'${missing.length ? `; missing: ${missing.map(quote).join(', ')}` : ''}${extra.length ? `; unexpected: ${extra.map(quote).join(', ')}` : ''}`,
    );
  }
  return v.entries;
}

class PyParser {
  i = 0;
  constructor(readonly text: string) {}

  fail(message: string): never {
    parseError(`the header is not a valid Python literal at character ${this.i + 1}: ${message}`);
  }

  ws(): void {
    const t = this.text;
    while (this.i < t.length && /\s/.test(t[this.i])) this.i++;
  }

  value(depth: number): PyValue {
    if (depth > MAX_LITERAL_DEPTH) this.fail(`it nests deeper than ${MAX_LITERAL_DEPTH} levels`);
    const t = this.text;
    const c = t[this.i];
    if (c === undefined) this.fail('it ends where a value should be');
    if (c === '{') return this.dict(depth);
    if (c === '(' || c === '[') return this.sequence(depth, c);
    if (c === "'" || c === '"') return this.string();
    if ((c === 'u' || c === 'b' || c === 'U' || c === 'B') && (t[this.i + 1] === "'" || t[this.i + 1] === '"')) {
      this.i++;
      return this.string();
    }
    if (/[-+0-9]/.test(c)) return this.int();
    for (const [word, v] of [['True', true], ['False', false], ['None', null]] as const) {
      if (t.startsWith(word, this.i) && !/\w/.test(t[this.i + word.length] ?? '')) {
        this.i += word.length;
        return v;
      }
    }
    return this.fail(`unexpected ${quote(c)}`);
  }

  private dict(depth: number): PyDict {
    const entries = new Map<string, PyValue>();
    this.i++;
    for (;;) {
      this.ws();
      if (this.text[this.i] === '}') {
        this.i++;
        return new PyDict(entries);
      }
      const key = this.value(depth + 1);
      if (typeof key !== 'string') this.fail(`a dict key is ${describe(key)}, not a string`);
      this.ws();
      if (this.text[this.i] !== ':') this.fail(`expected ':' after the key ${quote(key)}`);
      this.i++;
      this.ws();
      const v = this.value(depth + 1);
      if (entries.has(key)) this.fail(`the key ${quote(key)} appears twice`);
      entries.set(key, v);
      this.ws();
      const c = this.text[this.i];
      if (c === ',') this.i++;
      else if (c !== '}') this.fail(c === undefined ? 'the dict is never closed' : `expected ',' or '}', found ${quote(c)}`);
    }
  }

  private sequence(depth: number, open: string): PyTuple | PyList {
    const close = open === '(' ? ')' : ']';
    const items: PyValue[] = [];
    let sawComma = false;
    this.i++;
    for (;;) {
      this.ws();
      if (this.text[this.i] === close) {
        this.i++;
        if (open === '(' && items.length === 1 && !sawComma) return this.fail('a parenthesised value without a comma is not a tuple');
        return open === '(' ? new PyTuple(items) : new PyList(items);
      }
      items.push(this.value(depth + 1));
      this.ws();
      const c = this.text[this.i];
      if (c === ',') {
        sawComma = true;
        this.i++;
      } else if (c !== close) this.fail(c === undefined ? `the ${open === '(' ? 'tuple' : 'list'} is never closed` : `expected ',' or '${close}', found ${quote(c)}`);
    }
  }

  private string(): string {
    const t = this.text;
    const q = t[this.i];
    let out = '';
    this.i++;
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === q) {
        this.i++;
        return out;
      }
      if (c === '\n') break;
      if (c === '\\') {
        const e = t[this.i + 1];
        const simple: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', '0': '\0' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          this.i += 2;
          continue;
        }
        const hex = e === 'x' ? 2 : e === 'u' ? 4 : 0;
        if (hex > 0 && new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(t.slice(this.i + 2, this.i + 2 + hex))) {
          out += String.fromCharCode(parseInt(t.slice(this.i + 2, this.i + 2 + hex), 16));
          this.i += 2 + hex;
          continue;
        }
        this.fail('an unknown escape in a string');
      }
      out += c;
      this.i++;
    }
    return this.fail('a string is never closed');
  }

  private int(): PyInt {
    const t = this.text;
    const start = this.i;
    if (t[this.i] === '-' || t[this.i] === '+') this.i++;
    const digitsStart = this.i;
    while (this.i < t.length && t.charCodeAt(this.i) >= 48 && t.charCodeAt(this.i) <= 57) this.i++;
    if (this.i === digitsStart) this.fail('a sign without digits');
    const text = t.slice(start, this.i);
    if (t[this.i] === 'L' || t[this.i] === 'l') this.i++; // Python 2 long, as old numpy wrote shapes
    if (/[\w.]/.test(t[this.i] ?? '')) this.fail(`only integers are allowed, found ${quote(t.slice(start, this.i + 1))}`);
    return new PyInt(Number(text), text.replace(/^\+/, ''));
  }
}
