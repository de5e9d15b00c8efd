/**
 * Raw DEFLATE decompression (RFC 1951), synchronous and dependency-free, for the members of `.npz` files
 * (`np.savez_compressed` deflates each member with zlib). Written here rather than using
 * `DecompressionStream('deflate-raw')` because that is asynchronous, and the readers are synchronous so the
 * CLI's input reading stays a plain function call.
 *
 * The output size is known beforehand (the ZIP directory gives it), so the output is allocated once and a
 * stream that would write more, or ends having written less, is refused: hostile input can neither grow
 * memory nor loop for long. Huffman codes are decoded through one lookup table per tree, indexed by the
 * next `maxLength` bits.
 */
import { DivergenceError } from '../core/errors';

const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

function corrupt(message: string): never {
  throw new DivergenceError('parse-error', `corrupt compressed data: ${message}`);
}

/** A decoding table: entry = symbol << 4 | code length; 0 where no code is. */
interface Huffman {
  readonly table: Int32Array;
  readonly bits: number;
}

function buildHuffman(lengths: Uint8Array, n: number): Huffman {
  const count = new Int32Array(16);
  let maxLen = 0;
  for (let s = 0; s < n; s++) {
    const l = lengths[s];
    count[l]++;
    if (l > maxLen) maxLen = l;
  }
  count[0] = 0;
  let left = 1;
  for (let l = 1; l <= 15; l++) {
    left = (left << 1) - count[l];
    if (left < 0) corrupt('a Huffman code is over-subscribed');
  }
  const next = new Int32Array(16);
  let code = 0;
  for (let l = 1; l <= 15; l++) {
    code = (code + count[l - 1]) << 1;
    next[l] = code;
  }
  const bits = Math.max(maxLen, 1);
  const size = 1 << bits;
  const table = new Int32Array(size);
  for (let s = 0; s < n; s++) {
    const l = lengths[s];
    if (l === 0) continue;
    let c = next[l]++;
    let rev = 0;
    for (let k = 0; k < l; k++) {
      rev = (rev << 1) | (c & 1);
      c >>= 1;
    }
    for (let j = rev; j < size; j += 1 << l) table[j] = (s << 4) | l;
  }
  return { table, bits };
}

const FIXED = ((): { lit: Huffman; dist: Huffman } => {
  const l = new Uint8Array(288);
  l.fill(8, 0, 144);
  l.fill(9, 144, 256);
  l.fill(7, 256, 280);
  l.fill(8, 280, 288);
  const d = new Uint8Array(30).fill(5);
  return { lit: buildHuffman(l, 288), dist: buildHuffman(d, 30) };
})();

class Inflater {
  pos = 0;
  bitBuf = 0;
  bitCnt = 0;
  out: Uint8Array;
  op = 0;

  constructor(
    readonly input: Uint8Array,
    size: number,
  ) {
    this.out = new Uint8Array(size);
  }

  /** Makes at least n (<= 16) bits available; past the end of the input it reads zeros, checked later. */
  need(n: number): void {
    while (this.bitCnt < n) {
      let b = 0;
      if (this.pos < this.input.length) b = this.input[this.pos];
      else if (this.pos > this.input.length + 4) corrupt('the stream ends too early');
      this.pos++;
      this.bitBuf |= b << this.bitCnt;
      this.bitCnt += 8;
    }
  }

  bitsOf(n: number): number {
    if (n === 0) return 0;
    this.need(n);
    const v = this.bitBuf & ((1 << n) - 1);
    this.bitBuf >>>= n;
    this.bitCnt -= n;
    return v;
  }

  decode(h: Huffman): number {
    this.need(h.bits);
    const e = h.table[this.bitBuf & ((1 << h.bits) - 1)];
    if (e === 0) corrupt('an invalid Huffman code');
    const l = e & 15;
    this.bitBuf >>>= l;
    this.bitCnt -= l;
    return e >> 4;
  }

  run(): Uint8Array {
    for (;;) {
      const final = this.bitsOf(1);
      const type = this.bitsOf(2);
      if (type === 0) this.stored();
      else if (type === 1) this.codes(FIXED.lit, FIXED.dist);
      else if (type === 2) {
        const t = this.dynamicTables();
        this.codes(t.lit, t.dist);
      } else corrupt('a block of the reserved type 3');
      if (this.pos * 8 - this.bitCnt > this.input.length * 8) corrupt('the stream ends too early');
      if (final) break;
    }
    if (this.op !== this.out.length) corrupt(`it holds ${this.op} bytes, not the ${this.out.length} the archive declares`);
    return this.out;
  }

  private stored(): void {
    // Drop the bits up to the byte boundary and give back the whole bytes still buffered.
    this.pos -= this.bitCnt >> 3;
    this.bitBuf = 0;
    this.bitCnt = 0;
    const input = this.input;
    const p = this.pos;
    if (p + 4 > input.length) corrupt('the stream ends too early');
    const len = input[p] | (input[p + 1] << 8);
    const nlen = input[p + 2] | (input[p + 3] << 8);
    if ((len ^ 0xffff) !== nlen) corrupt('a stored block whose length check fails');
    if (p + 4 + len > input.length) corrupt('the stream ends too early');
    if (this.op + len > this.out.length) corrupt(`it holds more than the ${this.out.length} bytes the archive declares`);
    this.out.set(input.subarray(p + 4, p + 4 + len), this.op);
    this.op += len;
    this.pos = p + 4 + len;
  }

  private dynamicTables(): { lit: Huffman; dist: Huffman } {
    const hlit = this.bitsOf(5) + 257;
    const hdist = this.bitsOf(5) + 1;
    const hclen = this.bitsOf(4) + 4;
    if (hlit > 286 || hdist > 30) corrupt('too many length or distance codes');
    const clLengths = new Uint8Array(19);
    for (let k = 0; k < hclen; k++) clLengths[CODE_LENGTH_ORDER[k]] = this.bitsOf(3);
    const cl = buildHuffman(clLengths, 19);
    const lengths = new Uint8Array(hlit + hdist);
    let k = 0;
    while (k < hlit + hdist) {
      const sym = this.decode(cl);
      if (sym < 16) {
        lengths[k++] = sym;
        continue;
      }
      let repeat: number;
      let value = 0;
      if (sym === 16) {
        if (k === 0) corrupt('a repeat with nothing to repeat');
        value = lengths[k - 1];
        repeat = 3 + this.bitsOf(2);
      } else if (sym === 17) repeat = 3 + this.bitsOf(3);
      else repeat = 11 + this.bitsOf(7);
      if (k + repeat > hlit + hdist) corrupt('code lengths run past their count');
      lengths.fill(value, k, k + repeat);
      k += repeat;
    }
    if (lengths[256] === 0) corrupt('no end-of-block code');
    return { lit: buildHuffman(lengths.subarray(0, hlit), hlit), dist: buildHuffman(lengths.subarray(hlit), hdist) };
  }

  private codes(lit: Huffman, dist: Huffman): void {
    const out = this.out;
    const size = out.length;
    for (;;) {
      const sym = this.decode(lit);
      if (sym < 256) {
        if (this.op >= size) corrupt(`it holds more than the ${size} bytes the archive declares`);
        out[this.op++] = sym;
        continue;
      }
      if (sym === 256) return;
      const li = sym - 257;
      if (li >= 29) corrupt('an invalid length code');
      const len = LENGTH_BASE[li] + this.bitsOf(LENGTH_EXTRA[li]);
      const di = this.decode(dist);
      if (di >= 30) corrupt('an invalid distance code');
      const d = DIST_BASE[di] + this.bitsOf(DIST_EXTRA[di]);
      if (d > this.op) corrupt('a distance reaching before the start of the data');
      if (this.op + len > size) corrupt(`it holds more than the ${size} bytes the archive declares`);
      let from = this.op - d;
      const end = this.op + len;
      while (this.op < end) out[this.op++] = out[from++];
    }
  }
}

/** Inflates a raw DEFLATE stream that must produce exactly `size` bytes. */
export function inflateRaw(input: Uint8Array, size: number): Uint8Array {
  return new Inflater(input, size).run();
}
