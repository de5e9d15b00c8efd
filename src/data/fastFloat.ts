/**
 * Decimal numbers in bytes (ASCII / UTF-8) -> the correctly rounded double, exactly what `Number()` gives for
 * the same text, without making a string: the CSV byte scanner calls this for every cell it keeps.
 *
 * Grammar: that of `parseDecimal` (an optional sign, digits with an optional fraction `12`, `1.5`, `5.`,
 * `.5`, an optional exponent `1e-3`, `2E+5`, or one of `nan`, `inf`, `infinity` in any case); spaces around
 * the number are the caller's business.
 *
 * Exactness, in three steps:
 * 1. Clinger's fast path: a mantissa m < 2^53 and a decimal exponent |e| <= 22 are both exact doubles, so
 *    one multiplication or division, correctly rounded by IEEE 754, is the answer.
 * 2. Otherwise, for mantissas of at most 19 significant digits and 10^e in [1e-260, 1e260]: m·10^e in
 *    double-double arithmetic (m exact as a double-double, 10^e to 2^-106 relative, Dekker's products), a
 *    value h + l with |l| <= ulp(h)/2 and a relative error below 2^-100. h is the correctly rounded result
 *    unless h + l lies within that error of a midpoint between two doubles; that is checked (|l| against
 *    ulp(h)/2 with a margin of 1e-7 ulp, far above the error), and the rare undecided case (1 in 10^7 of
 *    random inputs, plus exact halfway cases such as 2^53 + 1) goes to step 3. Powers of two (the ulp below
 *    is half the ulp above), tiny and huge results (below 2^-800 or above 2^800, where the low parts lose
 *    bits) go to step 3 as well.
 * 3. `Number()` on the digits: long mantissas, extreme exponents, subnormals, overflow to ±Infinity.
 * This plays the part of Eisel-Lemire (which needs 64x128-bit products JavaScript does not have) with the
 * same structure: a fast, proven-or-refused answer, and a slow exact fallback.
 */

import { productError } from '../core/numeric';

/** 1e0 … 1e22, every one an exact double. */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const TWO53 = 9007199254740992;
/** 10^e as a double-double (hi, lo) for |e| <= TABLE_LIMIT, built on first use. */
const TABLE_LIMIT = 260;
let powHi: Float64Array | undefined;
let powLo: Float64Array | undefined;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Where the last `scanDecimal` stopped: the index after the number's last byte. */
export const decimalCursor = { end: 0 };

function buildPowers(): void {
  powHi = new Float64Array(2 * TABLE_LIMIT + 1);
  powLo = new Float64Array(2 * TABLE_LIMIT + 1);
  for (let e = 0; e <= TABLE_LIMIT; e++) {
    const big = 10n ** BigInt(e);
    const hi = Number(big);
    powHi[TABLE_LIMIT + e] = hi;
    powLo[TABLE_LIMIT + e] = Number(big - BigInt(hi));
    if (e === 0) continue;
    // 10^-e = q·2^-s with q = floor(2^s / 10^e) holding about 120 bits (s < 1000, so 2^-s is a normal double).
    const s = Math.ceil(e * Math.log2(10)) + 120;
    const q = (1n << BigInt(s)) / big;
    const qHi = Number(q);
    const scale = 2 ** -s;
    powHi[TABLE_LIMIT - e] = qHi * scale;
    powLo[TABLE_LIMIT - e] = Number(q - BigInt(qHi)) * scale;
  }
}

/**
 * (a·10^nb + b)·10^e correctly rounded, for a < 10^15, nb <= 4, b < 10^nb, written to out[at]; false (and
 * nothing written) when steps 1 and 2 of the module doc cannot decide it (the caller then asks `Number()`).
 * The double goes to an array, not a return value, so that no number object is made per call.
 */
export function exactDecimal(a: number, nb: number, b: number, e: number, out: Float64Array, at: number): boolean {
  const m = nb === 0 ? a : a * POW10[nb]! + b;
  if (m < TWO53) {
    if (m === 0 || (e >= 0 && e <= 22)) {
      out[at] = m * POW10[e >= 0 && e <= 22 ? e : 0]!;
      return true;
    }
    if (e < 0 && e >= -22) {
      out[at] = m / POW10[-e]!;
      return true;
    }
  }
  if (e > TABLE_LIMIT || e < -TABLE_LIMIT) return false;
  if (powHi === undefined) buildPowers();
  // m = a·10^nb + b exactly as (mh, ml).
  let mh = m;
  let ml = 0;
  if (nb > 0) {
    const p = POW10[nb]!;
    const ap = a * p;
    const apError = productError(a, p, ap);
    mh = ap + b;
    const bv = mh - ap;
    ml = ap - (mh - bv) + (b - bv) + apError;
    const t = mh + ml;
    ml -= t - mh;
    mh = t;
  }
  const ph = powHi![TABLE_LIMIT + e]!;
  const pl = powLo![TABLE_LIMIT + e]!;
  let h = mh * ph;
  let l = productError(mh, ph, h) + (mh * pl + ml * ph);
  const r = h + l;
  l -= r - h;
  h = r;
  bits[0] = h;
  const hw = words[HIGH]!;
  const exponent = (hw >>> 20) & 0x7ff;
  if (exponent < 223 || exponent > 1823) return false; // below 2^-800 or above 2^800
  if ((hw & 0xfffff) === 0 && words[1 - HIGH] === 0) return false; // a power of two
  words[HIGH] = (exponent - 52) << 20;
  words[1 - HIGH] = 0;
  const ulp = bits[0]!;
  if (!(Math.abs(l) < ulp * 0.4999999)) return false;
  out[at] = h;
  return true;
}

/** The digits `bytes[start, end)` as a string (ASCII), for `Number()`. */
function asciiText(bytes: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** `nan`, `inf`, `infinity` in any case at bytes[start, end): the value, or undefined. */
function specialWord(bytes: Uint8Array, start: number, end: number, negative: boolean): number | undefined {
  const word = asciiText(bytes, start, end).toLowerCase();
  if (word === 'nan') return NaN;
  if (word === 'inf' || word === 'infinity') return negative ? -Infinity : Infinity;
  return undefined;
}

function isLetter(c: number): boolean {
  return (c | 32) >= 97 && (c | 32) <= 122;
}

/**
 * The number starting exactly at `bytes[start]` (no spaces before), read up to the first byte that cannot
 * continue it (before `limit`); that index goes to `decimalCursor.end`. Undefined when no number starts
 * there, or when what follows the digits would make the text not a number anyway (an `e` without digits, a
 * letter run that is not one of the special words).
 */
export function scanDecimal(bytes: Uint8Array, start: number, limit: number): number | undefined {
  return readDecimal(bytes, start, limit, scratch, 0) ? scratch[0] : undefined;
}

const scratch = new Float64Array(1);

/** As `scanDecimal`, the number written to out[at]; false where `scanDecimal` gives undefined. */
export function readDecimal(bytes: Uint8Array, start: number, limit: number, out: Float64Array, at: number): boolean {
  let i = start;
  let c = i < limit ? bytes[i]! : -1;
  let negative = false;
  if (c === 45 || c === 43) {
    negative = c === 45;
    c = ++i < limit ? bytes[i]! : -1;
  }
  if (c === 110 || c === 78 || c === 105 || c === 73) {
    const from = i;
    while (i < limit && isLetter(bytes[i]!)) i++;
    decimalCursor.end = i;
    const v = specialWord(bytes, from, i, negative);
    if (v === undefined) return false;
    out[at] = v;
    return true;
  }
  const digitsFrom = i;
  let a = 0; // the first 15 significant digits
  let b = 0; // the next 4
  let significant = 0;
  let fraction = 0; // digits after the point that are part of a·10^nb + b
  while (c === 48) c = ++i < limit ? bytes[i]! : -1;
  while (c >= 48 && c <= 57) {
    if (significant < 15) a = a * 10 + (c - 48);
    else if (significant < 19) b = b * 10 + (c - 48);
    significant++;
    c = ++i < limit ? bytes[i]! : -1;
  }
  // Integer digits past the 19th would scale a·10^nb + b: Number() reads those.
  let dropped = significant > 19 ? 1 : 0;
  const point = c === 46;
  if (point) {
    c = ++i < limit ? bytes[i]! : -1;
    if (significant === 0) {
      while (c === 48) {
        fraction++;
        c = ++i < limit ? bytes[i]! : -1;
      }
    }
    while (c >= 48 && c <= 57) {
      if (significant < 15) a = a * 10 + (c - 48);
      else if (significant < 19) b = b * 10 + (c - 48);
      else dropped = 1;
      significant++;
      fraction++;
      c = ++i < limit ? bytes[i]! : -1;
    }
  }
  const nb = significant > 15 ? Math.min(significant, 19) - 15 : 0;
  const digits = i - digitsFrom - (point ? 1 : 0);
  if (digits === 0) return false;
  let exponent = 0;
  if ((c | 32) === 101) {
    c = ++i < limit ? bytes[i]! : -1;
    let expNegative = false;
    if (c === 45 || c === 43) {
      expNegative = c === 45;
      c = ++i < limit ? bytes[i]! : -1;
    }
    let expDigits = 0;
    while (c >= 48 && c <= 57) {
      if (exponent < 100000) exponent = exponent * 10 + (c - 48);
      expDigits++;
      c = ++i < limit ? bytes[i]! : -1;
    }
    if (expDigits === 0) return false;
    if (expNegative) exponent = -exponent;
  }
  if (c === 46 || isLetter(c)) return false; // `1.2.3`, `12abc`: not a number, whatever follows
  decimalCursor.end = i;
  if (dropped !== 0 || !exactDecimal(a, nb, b, exponent - fraction, out, at)) out[at] = Number(asciiText(bytes, digitsFrom, i));
  if (negative) out[at] = -out[at]!;
  return true;
}

/**
 * The number that `bytes[start, end)` is, spaces and tabs around it allowed (as `parseDecimal` reads a
 * string), or undefined.
 */
export function parseDecimalBytes(bytes: Uint8Array, start: number, end: number): number | undefined {
  while (start < end && (bytes[start] === 32 || bytes[start] === 9)) start++;
  while (end > start && (bytes[end - 1] === 32 || bytes[end - 1] === 9)) end--;
  const v = scanDecimal(bytes, start, end);
  return v !== undefined && decimalCursor.end === end ? v : undefined;
}
