/**
 * NumPy `.npz` archives -> their arrays. An .npz is a ZIP file of .npy members (`np.savez` stores them,
 * `np.savez_compressed` deflates them); member `a.npy` is the array `a`.
 *
 * The ZIP is read by hand: the end-of-central-directory record (ZIP64 too: numpy writes its members with
 * ZIP64 local headers), the central directory for each member's method, sizes and CRC, then the member's
 * local header only to find where its data starts. Members are stored (method 0) or deflated (method 8,
 * see `inflateRaw`); the CRC-32 of each member read is checked. Encrypted members, other methods and
 * multi-disk archives are `unsupported-file`; inconsistent offsets and sizes, a bad CRC or corrupt
 * compressed data are `parse-error`. A declared size is checked against the compressed size (DEFLATE
 * cannot expand more than 1032:1) before anything is allocated.
 */
import { DivergenceError } from '../core/errors';
import { crc32 } from './crc32';
import { inflateRaw } from './inflateRaw';
import { parseNpy, type NpyArray, type NpyOptions } from './npy';
import { listNames, quoteText } from './textSupport';

export interface NpzArray extends NpyArray {
  /** The member's name without `.npy`. */
  readonly name: string;
}

interface Entry {
  readonly fileName: string;
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MAX_MEMBER_BYTES = 2 ** 31;
/** The most DEFLATE can expand: 258 bytes from 2 bits, plus slack for headers. */
const MAX_RATIO = 1032;

function corrupt(message: string): never {
  throw new DivergenceError('parse-error', `the .npz (ZIP) archive is damaged: ${message}`);
}

/** The arrays in an .npz archive, by name (member names without `.npy`), in archive order. */
export function listNpz(bytes: Uint8Array): string[] {
  return readDirectory(bytes).map((e) => e.name);
}

/**
 * One array of an .npz archive: `name` with or without `.npy`; when omitted, the archive must hold exactly
 * one array.
 */
export function npzArray(bytes: Uint8Array, name?: string, options: NpyOptions = {}): NpzArray {
  const entries = readDirectory(bytes);
  const names = entries.map((e) => e.name);
  let entry: Entry | undefined;
  if (name === undefined) {
    if (entries.length === 0) throw new DivergenceError('empty-input', 'the archive holds no arrays');
    if (entries.length > 1) throw new DivergenceError('parse-error', `the archive holds ${entries.length} arrays; name one of them: ${listNames(names)}`);
    entry = entries[0];
  } else {
    entry = entries.find((e) => e.name === name) ?? entries.find((e) => e.fileName === name);
    if (!entry) {
      throw new DivergenceError('parse-error', `the archive has no array named ${quoteText(name, 80)}; ${entries.length === 0 ? 'it holds no arrays' : `its arrays: ${listNames(names)}`}`);
    }
  }
  const data = memberData(bytes, entry);
  try {
    return { ...parseNpy(data, options), name: entry.name };
  } catch (e) {
    if (e instanceof DivergenceError) throw new DivergenceError(e.code, `array ${quoteText(entry.name, 80)}: ${e.message}`, e.location);
    throw e;
  }
}

/**
 * A 1-D array of strings in an archive, such as the row names that `np.savez(f, x=x, names=names)` stores:
 * NumPy's '<U' (UTF-32, either byte order) or '|S' (bytes, read as UTF-8) of shape (n,), each string ending
 * at its first NUL. `undefined` when there is no such member or it does not hold strings (numbers, another
 * shape). The member is read (and its CRC checked) like any other.
 */
export function npzStrings(bytes: Uint8Array, name: string): string[] | undefined {
  const entry = readDirectory(bytes).find((e) => e.name === name);
  if (!entry) return undefined;
  const data = memberData(bytes, entry);
  if (data.length < 12 || data[0] !== 0x93) return undefined;
  const start = data[6] === 1 ? 10 : 12;
  const headerLength = data[6] === 1 ? u16(data, 8) : u32(data, 8);
  const header = decodeName(data.subarray(start, start + headerLength), false);
  const dtype = /'descr':\s*'([<>|=])([US])(\d+)'/.exec(header);
  const shape = /'shape':\s*\((\d+),?\)/.exec(header);
  if (!dtype || !shape) return undefined;
  const n = Number(shape[1]);
  const unit = dtype[2] === 'U' ? 4 : 1;
  const width = Number(dtype[3]) * unit;
  const body = start + headerLength;
  if (body + n * width > data.length) corrupt(`${quoteText(entry.fileName, 80)} holds ${n} strings of ${width} bytes but has ${data.length - body} bytes of data`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = body + i * width;
    if (unit === 1) {
      const raw = data.subarray(at, at + width);
      const nul = raw.indexOf(0);
      out.push(new TextDecoder('utf-8').decode(nul < 0 ? raw : raw.subarray(0, nul)));
      continue;
    }
    let text = '';
    for (let k = 0; k < width; k += 4) {
      const code = view.getUint32(at + k, dtype[1] !== '>');
      if (code === 0) break;
      text += String.fromCodePoint(Math.min(code, 0x10ffff));
    }
    out.push(text);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------

function u16(b: Uint8Array, p: number): number {
  return b[p] | (b[p + 1] << 8);
}

function u32(b: Uint8Array, p: number): number {
  return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) + b[p + 3] * 2 ** 24;
}

function u64(b: Uint8Array, p: number): number {
  const v = u32(b, p) + u32(b, p + 4) * 2 ** 32;
  if (!Number.isSafeInteger(v)) corrupt('a 64-bit size or offset is beyond 2^53');
  return v;
}

function has(b: Uint8Array, p: number, n: number): boolean {
  return p >= 0 && p + n <= b.length;
}

function decodeName(raw: Uint8Array, utf8: boolean): string {
  if (utf8) return new TextDecoder('utf-8').decode(raw);
  // CP437 matters only beyond ASCII, which numpy never writes; Latin-1 keeps every byte visible.
  let s = '';
  for (let i = 0; i < raw.length; i++) s += String.fromCharCode(raw[i]);
  return s;
}

function findEndRecord(bytes: Uint8Array): number {
  const last = bytes.length - 22;
  const first = Math.max(0, last - 0xffff);
  let loose = -1;
  for (let p = last; p >= first; p--) {
    if (bytes[p] === 0x50 && bytes[p + 1] === 0x4b && u32(bytes, p) === SIG_EOCD) {
      if (p + 22 + u16(bytes, p + 20) === bytes.length) return p;
      if (loose < 0) loose = p;
    }
  }
  if (loose >= 0) return loose;
  if (bytes.length >= 4 && u32(bytes, 0) === SIG_LOCAL) corrupt('its central directory is missing: the file is truncated');
  throw new DivergenceError('unsupported-file', 'not an .npz file: it is not a ZIP archive');
}

function readDirectory(bytes: Uint8Array): Entry[] {
  const eocd = findEndRecord(bytes);
  if (u16(bytes, eocd + 4) !== 0 || u16(bytes, eocd + 6) !== 0) throw new DivergenceError('unsupported-file', 'multi-disk ZIP archives are not supported');
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (!has(bytes, loc, 20) || u32(bytes, loc) !== SIG_ZIP64_LOCATOR) corrupt('a ZIP64 directory is announced but its locator is missing');
    const z = u64(bytes, loc + 8);
    if (!has(bytes, z, 56) || u32(bytes, z) !== SIG_ZIP64_EOCD) corrupt('the ZIP64 end record is not where its locator says');
    count = u64(bytes, z + 32);
    cdSize = u64(bytes, z + 40);
    cdOffset = u64(bytes, z + 48);
  }
  if (!has(bytes, cdOffset, cdSize)) corrupt(`the central directory (${cdSize} bytes at offset ${cdOffset}) lies outside the file of ${bytes.length} bytes`);
  if (count * 46 > cdSize) corrupt(`${count} entries cannot fit in a central directory of ${cdSize} bytes`);
  const entries: Entry[] = [];
  let p = cdOffset;
  const end = cdOffset + cdSize;
  for (let k = 0; k < count; k++) {
    if (p + 46 > end || u32(bytes, p) !== SIG_CENTRAL) corrupt(`central directory entry ${k} is not where it should be`);
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const crc = u32(bytes, p + 16);
    let compressedSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > end) corrupt(`central directory entry ${k} runs past the directory`);
    const fileName = decodeName(bytes.subarray(p + 46, p + 46 + nameLength), (flags & 0x800) !== 0);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      // ZIP64 extended information: the fields that overflowed, in this order.
      let e = p + 46 + nameLength;
      const extraEnd = e + extraLength;
      let found = false;
      while (e + 4 <= extraEnd) {
        const id = u16(bytes, e);
        const len = u16(bytes, e + 2);
        if (e + 4 + len > extraEnd) break;
        if (id === 0x0001) {
          let q = e + 4;
          const take = (): number => {
            if (q + 8 > e + 4 + len) corrupt(`the ZIP64 field of ${quoteText(fileName, 80)} is too short`);
            const v = u64(bytes, q);
            q += 8;
            return v;
          };
          if (size === 0xffffffff) size = take();
          if (compressedSize === 0xffffffff) compressedSize = take();
          if (localOffset === 0xffffffff) localOffset = take();
          found = true;
          break;
        }
        e += 4 + len;
      }
      if (!found) corrupt(`${quoteText(fileName, 80)} has 32-bit sizes at their maximum but no ZIP64 field`);
    }
    p = next;
    if (fileName.endsWith('/')) continue;
    const name = fileName.endsWith('.npy') ? fileName.slice(0, -4) : fileName;
    entries.push({ fileName, name, flags, method, crc, compressedSize, size, localOffset });
  }
  return entries;
}

function memberData(bytes: Uint8Array, e: Entry): Uint8Array {
  if (e.flags & 0x1) throw new DivergenceError('unsupported-file', `array ${quoteText(e.name, 80)} is encrypted`);
  if (e.method !== 0 && e.method !== 8) {
    throw new DivergenceError('unsupported-file', `array ${quoteText(e.name, 80)} is compressed with ZIP method ${e.method}; only stored (0) and deflated (8) members are read`);
  }
  const p = e.localOffset;
  if (!has(bytes, p, 30) || u32(bytes, p) !== SIG_LOCAL) corrupt(`the local header of ${quoteText(e.fileName, 80)} is not at offset ${p}`);
  const start = p + 30 + u16(bytes, p + 26) + u16(bytes, p + 28);
  if (!has(bytes, start, e.compressedSize)) {
    corrupt(`${quoteText(e.fileName, 80)} has ${e.compressedSize} bytes of data at offset ${start} but the file ends at ${bytes.length}: it is truncated`);
  }
  const raw = bytes.subarray(start, start + e.compressedSize);
  let data: Uint8Array;
  if (e.method === 0) {
    if (e.size !== e.compressedSize) corrupt(`${quoteText(e.fileName, 80)} is stored, yet its sizes differ (${e.compressedSize} and ${e.size})`);
    data = raw;
  } else {
    if (e.size > MAX_MEMBER_BYTES) throw new DivergenceError('unsupported-file', `array ${quoteText(e.name, 80)} is ${e.size} bytes uncompressed, more than the ${MAX_MEMBER_BYTES} read at once`);
    if (e.size > e.compressedSize * MAX_RATIO + 64) corrupt(`${quoteText(e.fileName, 80)} claims ${e.size} bytes from ${e.compressedSize} compressed bytes, more than DEFLATE can expand`);
    try {
      data = inflateRaw(raw, e.size);
    } catch (err) {
      if (err instanceof DivergenceError) throw new DivergenceError(err.code, `array ${quoteText(e.name, 80)}: ${err.message}`);
      throw err;
    }
  }
  const actual = crc32(data);
  if (actual !== e.crc) {
    corrupt(`the CRC-32 of ${quoteText(e.fileName, 80)} is ${hex(actual)} but the directory says ${hex(e.crc)}`);
  }
  return data;
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
