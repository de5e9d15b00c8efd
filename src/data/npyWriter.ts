/**
 * Writes NumPy's .npy format (NEP 1, versions 1.0 to 3.0), for the tests, the benchmark and the scripts that
 * make example and hostile files. A file is the magic string `\x93NUMPY`, the version, the header length
 * (2 bytes little-endian in 1.0, 4 bytes from 2.0), the header: a Python dict literal
 * `{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }` padded with spaces and ended by `\n` so that the
 * data starts at a multiple of 64 bytes, as numpy writes it, then the data. Pure TypeScript, no Node
 * built-ins; separate from the reader (npy.ts), so tests of the reader do not test it against itself.
 */

/** A .npy file to write. */
export interface NpyFile {
  /** The dtype, as numpy's `descr`: '<f8' (default), '>i4', '|b1', ... */
  readonly descr?: string;
  readonly fortranOrder?: boolean;
  readonly shape: readonly number[];
  /** The data bytes, written as they are (their length is not checked against the shape). */
  readonly data: Uint8Array;
  /** [major, minor], default [1, 0]. Version 3.0 encodes the header in UTF-8, the others in latin-1. */
  readonly version?: readonly [number, number];
  /** Replaces the whole header dict text (padding and newline are still added): for files that lie. */
  readonly header?: string;
}

/** The magic string `\x93NUMPY`. */
const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
const ENCODER = new TextEncoder();

/**
 * Python's repr of a shape tuple: (), (3,), (3, 4).
 *
 * @example shapeRepr([3]) // '(3,)'
 */
export function shapeRepr(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/**
 * Everything before the data: magic, version, header length and the padded header, a multiple of 64 bytes
 * long (unless the header text itself is longer than 65,535 bytes in version 1.0).
 *
 * @example npyHeader({ shape: [3] }).length // 64
 */
export function npyHeader(f: Omit<NpyFile, 'data'>): Uint8Array {
  const [major, minor] = f.version ?? [1, 0];
  const dict = f.header ?? `{'descr': '${f.descr ?? '<f8'}', 'fortran_order': ${f.fortranOrder ? 'True' : 'False'}, 'shape': ${shapeRepr(f.shape)}, }`;
  const dictBytes = major === 3 ? ENCODER.encode(dict) : Uint8Array.from(dict, (c) => c.charCodeAt(0));
  const pre = major === 1 ? 10 : 12;
  const pad = (64 - ((pre + dictBytes.length + 1) % 64)) % 64;
  const headerLength = dictBytes.length + pad + 1;
  const out = new Uint8Array(pre + headerLength);
  out.set([...MAGIC, major, minor]);
  const dv = new DataView(out.buffer);
  if (major === 1) dv.setUint16(8, headerLength, true);
  else dv.setUint32(8, headerLength, true);
  out.set(dictBytes, pre);
  out.fill(0x20, pre + dictBytes.length, pre + dictBytes.length + pad);
  out[pre + headerLength - 1] = 0x0a;
  return out;
}

/**
 * The whole file: {@link npyHeader} followed by the data.
 *
 * @example npyBytes({ shape: [1], data: float64Bytes([0.5]) }).length // 72
 */
export function npyBytes(f: NpyFile): Uint8Array {
  const header = npyHeader(f);
  const out = new Uint8Array(header.length + f.data.length);
  out.set(header);
  out.set(f.data, header.length);
  return out;
}

/** The little-endian float64 bytes of `values` ('<f8' data), on any host. */
export function float64Bytes(values: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(8 * values.length);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) dv.setFloat64(8 * i, values[i]!, true);
  return out;
}
