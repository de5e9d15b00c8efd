/**
 * Test helpers that write .npy files and ZIP (.npz) archives byte by byte, independently of the readers
 * under test, so tests can make exactly the file they need: any dtype, either byte order, lying headers,
 * truncations, ZIP64 fields, bad CRCs. The .npy header is src/data/npyWriter.ts's (shared with the benchmark
 * and the scripts); deflated members use node:zlib (a separate implementation from src/data/inflateRaw.ts).
 */
import { deflateRawSync } from 'node:zlib';
import { npyBytes } from '../../../src/data/npyWriter';

export { npyBytes, shapeRepr, type NpyFile } from '../../../src/data/npyWriter';

const ENCODER = new TextEncoder();

/** The bytes of `values` in a numpy dtype ('<f8', '>i4', '|b1', '<f2' from raw bits, ...). */
export function encodeValues(values: ArrayLike<number | bigint>, descr: string): Uint8Array {
  const m = /^([<>|=])([fiub])(\d)$/.exec(descr);
  if (!m) throw new Error(`encodeValues: unsupported descr ${descr}`);
  const le = m[1] !== '>';
  const kind = m[2];
  const size = Number(m[3]);
  const out = new Uint8Array(values.length * size);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const o = i * size;
    if (kind === 'f') {
      if (size === 8) dv.setFloat64(o, Number(v), le);
      else if (size === 4) dv.setFloat32(o, Number(v), le);
      else dv.setUint16(o, Number(v), le); // half: the caller gives the bits
    } else if (kind === 'b') dv.setUint8(o, Number(v));
    else if (size === 8) {
      if (kind === 'i') dv.setBigInt64(o, BigInt(v), le);
      else dv.setBigUint64(o, BigInt(v), le);
    } else if (size === 4) {
      if (kind === 'i') dv.setInt32(o, Number(v), le);
      else dv.setUint32(o, Number(v), le);
    } else if (size === 2) {
      if (kind === 'i') dv.setInt16(o, Number(v), le);
      else dv.setUint16(o, Number(v), le);
    } else if (kind === 'i') dv.setInt8(o, Number(v));
    else dv.setUint8(o, Number(v));
  }
  return out;
}

/** A .npy of float64 values, little-endian, shape [n] unless given. */
export function npyF8(values: ArrayLike<number>, shape: readonly number[] = [values.length]): Uint8Array {
  return npyBytes({ shape, data: encodeValues(values, '<f8') });
}

// ---------------------------------------------------------------------------------------------------------
// ZIP

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32Reference(b: Uint8Array): number {
  let c = ~0;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

export interface ZipMember {
  readonly name: string;
  readonly data: Uint8Array;
  /** 0 stored (default), 8 deflated, or anything else to test refusals. */
  readonly method?: number;
  /** Write ZIP64 local and central records, as numpy's savez does (force_zip64). */
  readonly zip64?: boolean;
  /** Overrides of what the central directory declares. */
  readonly crc?: number;
  readonly size?: number;
  readonly flags?: number;
}

export function zipBytes(members: readonly ZipMember[], options: { zip64End?: boolean; comment?: string } = {}): Uint8Array {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const central: Uint8Array[] = [];
  const push = (b: Uint8Array): void => {
    chunks.push(b);
    offset += b.length;
  };
  for (const m of members) {
    const method = m.method ?? 0;
    const payload = method === 8 ? new Uint8Array(deflateRawSync(m.data)) : m.data;
    const crc = m.crc ?? crc32Reference(m.data);
    const size = m.size ?? m.data.length;
    const name = ENCODER.encode(m.name);
    const z = m.zip64 ?? false;
    const localExtra = z ? zip64Extra([size, payload.length]) : new Uint8Array(0);
    const local = new Uint8Array(30 + name.length + localExtra.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, z ? 45 : 20, true);
    lv.setUint16(6, m.flags ?? 0, true);
    lv.setUint16(8, method, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, z ? 0xffffffff : payload.length, true);
    lv.setUint32(22, z ? 0xffffffff : size, true);
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, localExtra.length, true);
    local.set(name, 30);
    local.set(localExtra, 30 + name.length);
    const localOffset = offset;
    push(local);
    push(payload);
    const cdExtra = z ? zip64Extra([size, payload.length, localOffset]) : new Uint8Array(0);
    const cd = new Uint8Array(46 + name.length + cdExtra.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, z ? 45 : 20, true);
    cv.setUint16(6, z ? 45 : 20, true);
    cv.setUint16(8, m.flags ?? 0, true);
    cv.setUint16(10, method, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, z ? 0xffffffff : payload.length, true);
    cv.setUint32(24, z ? 0xffffffff : size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint16(30, cdExtra.length, true);
    cv.setUint32(42, z ? 0xffffffff : localOffset, true);
    cd.set(name, 46);
    cd.set(cdExtra, 46 + name.length);
    central.push(cd);
  }
  const cdOffset = offset;
  for (const c of central) push(c);
  const cdSize = offset - cdOffset;
  if (options.zip64End) {
    const z = new Uint8Array(56);
    const zv = new DataView(z.buffer);
    zv.setUint32(0, 0x06064b50, true);
    zv.setBigUint64(4, 44n, true);
    zv.setUint16(12, 45, true);
    zv.setUint16(14, 45, true);
    zv.setBigUint64(24, BigInt(members.length), true);
    zv.setBigUint64(32, BigInt(members.length), true);
    zv.setBigUint64(40, BigInt(cdSize), true);
    zv.setBigUint64(48, BigInt(cdOffset), true);
    const zOffset = offset;
    push(z);
    const loc = new Uint8Array(20);
    const lv = new DataView(loc.buffer);
    lv.setUint32(0, 0x07064b50, true);
    lv.setBigUint64(8, BigInt(zOffset), true);
    lv.setUint32(16, 1, true);
    push(loc);
  }
  const comment = ENCODER.encode(options.comment ?? '');
  const end = new Uint8Array(22 + comment.length);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, options.zip64End ? 0xffff : members.length, true);
  ev.setUint16(10, options.zip64End ? 0xffff : members.length, true);
  ev.setUint32(12, options.zip64End ? 0xffffffff : cdSize, true);
  ev.setUint32(16, options.zip64End ? 0xffffffff : cdOffset, true);
  ev.setUint16(20, comment.length, true);
  end.set(comment, 22);
  push(end);
  const out = new Uint8Array(offset);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

function zip64Extra(values: readonly number[]): Uint8Array {
  const b = new Uint8Array(4 + 8 * values.length);
  const v = new DataView(b.buffer);
  v.setUint16(0, 0x0001, true);
  v.setUint16(2, 8 * values.length, true);
  values.forEach((x, k) => v.setBigUint64(4 + 8 * k, BigInt(x), true));
  return b;
}
