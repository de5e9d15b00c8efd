/**
 * Exact numeric building blocks shared by the divergences: an accurate log-ratio, compensated summation,
 * `xlogy`, and the exact rounding errors of a sum and of a product (the error-free transformations behind
 * doubleDouble.ts). Pure TypeScript, no Node built-ins.
 */

/** ln 2 split so that `k * LN2_HI` is exact for |k| < 2^21 (LN2_HI has 32 significant bits; fdlibm's split). */
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const SQRT2 = Math.SQRT2;
/** The smallest positive normal double, 2^-1022. */
export const MIN_NORMAL = 2.2250738585072014e-308;
/** 2^54: lifts a subnormal into the normal range exactly. */
const TWO54 = 18014398509481984;

/**
 * Minimax coefficients of R(z) ≈ (2·atanh(s) - 2s)/s with z = s², for |s| ≤ 0.1716 (= (√2-1)/(√2+1)), from
 * fdlibm's e_log.c (Lg1..Lg7; error below 2^-58.45 relative). They are the odd Taylor terms 2/3, 2/5, 2/7, ...
 * adjusted to the interval.
 */
const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/**
 * A one-double scratch with a 32-bit view of its high word, to read the biased exponent without BigInt. The
 * high word's index depends on the platform's byte order. Only the exponent is read back: writing the word
 * and reading the double again would defeat store forwarding and cost twice the time.
 */
const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);
/** The index of a double's high (sign and exponent) 32-bit word in a Uint32Array view: 1 on little-endian hosts. */
export const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** MANTISSA_SCALE[e] = 2^(1023 - e): x·MANTISSA_SCALE[biased exponent of x] is x's significand in [1, 2), exactly. */
const MANTISSA_SCALE = new Float64Array(2047);
for (let e = 1; e < 2047; e++) MANTISSA_SCALE[e] = 2 ** (1023 - e);

function biasedExponent(x: number): number {
  scratch[0] = x;
  return scratchWords[HIGH_WORD]! >>> 20;
}

/**
 * ln(p/q) without forming p/q, within 2 ulp for all positive finite p and q, subnormals and extreme exponent
 * differences included (`logRatio(1e-300, 1e300)` is fine although 1e-300/1e300 underflows to 0).
 * With `exponentOffset` e it is ln(p·2^e/q) = ln(p/q) + e·ln 2, as accurately: the offset joins the exact
 * exponent arithmetic, so a term that nearly cancels against e·ln 2 keeps its relative accuracy (used to
 * normalise sums that differ by powers of two, see klDivergence).
 *
 * Method: write p = m_p·2^e_p and q = m_q·2^e_q with m in [1, 2); scale m_q by 2^±1 (exactly) so that
 * r = m_p/m_q' lies in [1/√2, √2], then
 *   ln(p/q) = k·ln 2 + 2·atanh(s),  s = (m_p - m_q')/(m_p + m_q'),  |s| ≤ 0.1716,
 * where m_p - m_q' is exact (Sterbenz) so s carries only two roundings even when p ≈ q, which is where
 * `Math.log(p / q)` loses up to 1e-5 of a tiny result. 2·atanh(s) = 2s + s·R(s²) with a degree-7 minimax R,
 * and k·ln 2 is split into an exact k·LN2_HI and a small k·LN2_LO.
 *
 * Edge cases: logRatio(x, x) = 0 exactly; p = 0 gives -Infinity, q = 0 gives +Infinity, and other non-finite
 * or negative arguments fall back to `Math.log(p) - Math.log(q) + e·ln 2` (NaN where that is NaN).
 *
 * @example logRatio(0.36, 1 / 3) // 0.07696104113612834 (ln 1.08, as 1/3 rounds down)
 * @example logRatio(3, 1, -1)    // 0.4054651081081644 (= ln 1.5)
 */
export function logRatio(p: number, q: number, exponentOffset = 0): number {
  if (!(p > 0 && q > 0 && p < Infinity && q < Infinity)) return Math.log(p) - Math.log(q) + exponentOffset * Math.LN2;
  let k = exponentOffset;
  if (p < MIN_NORMAL) {
    p *= TWO54;
    k -= 54;
  }
  if (q < MIN_NORMAL) {
    q *= TWO54;
    k += 54;
  }
  const ep = biasedExponent(p);
  const eq = biasedExponent(q);
  k += ep - eq;
  const mp = p * MANTISSA_SCALE[ep]!;
  let mq = q * MANTISSA_SCALE[eq]!;
  if (mp > SQRT2 * mq) {
    mq *= 2;
    k += 1;
  } else if (mq > SQRT2 * mp) {
    mq *= 0.5;
    k -= 1;
  }
  return k * LN2_HI + (2 * atanhPoly((mp - mq) / (mp + mq)) + k * LN2_LO);
}

/**
 * (2·atanh(s) - 2s) added to 2s, ordered so that the small correction s·R is rounded first and 2s (exact)
 * is added last: the result's error is the argument's plus half an ulp.
 */
function atanhPoly(s: number): number {
  const z = s * s;
  const w = z * z;
  const r = w * (LG2 + w * (LG4 + w * LG6)) + z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  return s + 0.5 * s * r;
}

/**
 * x·ln(y) with the convention 0·ln(y) = 0 for every y ≥ 0 (as `scipy.special.xlogy`), so that p·log p and
 * p·log q terms vanish where p = 0. NaN in gives NaN out.
 *
 * @example xlogy(0, 0) // 0
 * @example xlogy(2, Math.E) // 2
 */
export function xlogy(x: number, y: number): number {
  if (x === 0 && !Number.isNaN(y)) return 0;
  return x * Math.log(y);
}

/**
 * Neumaier's compensated summation (Kahan–Babuška): the running sum carries its own rounding error, so the
 * result is as if summed in twice the precision and then rounded, independent of n for all practical n.
 * Non-finite addends are kept apart, because the compensation step turns +Infinity into NaN: once one
 * arrives, `value` is that infinity (or NaN for +Infinity plus -Infinity).
 *
 * @example
 * const s = new NeumaierSum();
 * for (const x of [1, 1e100, 1, -1e100]) s.add(x);
 * s.value // 2 (naive summation gives 0)
 */
export class NeumaierSum {
  private sum = 0;
  private compensation = 0;
  private nonFinite = 0;

  add(x: number): void {
    if (!(Math.abs(x) < Infinity)) {
      this.nonFinite += x;
      return;
    }
    const t = this.sum + x;
    if (!(Math.abs(t) < Infinity)) {
      // The running sum overflowed: what remains is that infinity (finite addends cannot bring it back).
      this.nonFinite += t;
      return;
    }
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }

  get value(): number {
    return this.nonFinite === 0 ? this.sum + this.compensation : this.nonFinite;
  }
}

/** Σ x_i by Neumaier summation (see {@link NeumaierSum}). */
export function neumaierSum(values: ArrayLike<number>): number {
  const s = new NeumaierSum();
  for (let i = 0; i < values.length; i++) s.add(values[i]!);
  return s.value;
}

/** 2^27 + 1: Veltkamp's constant, which splits a double into two halves whose products are exact. */
const SPLITTER = 134217729;

/**
 * The rounding error of a product, a·b - fl(a·b), exactly (Dekker's two-product), given `product` = fl(a·b):
 * `product + productError(a, b, product)` is a·b in twice the precision. Exact while |a|, |b| < 2^996 and the
 * partial products stay out of the subnormal range; used where a difference of two products cancels (the
 * normalised p_i/s_p - q_i/s_q of nearly equal distributions).
 *
 * @example productError(0.1, 0.1, 0.1 * 0.1) // -8.326672684688674e-19 (0.1·0.1 - 0.010000000000000002)
 */
export function productError(a: number, b: number, product: number): number {
  let t = SPLITTER * a;
  const aHi = t - (t - a);
  const aLo = a - aHi;
  t = SPLITTER * b;
  const bHi = t - (t - b);
  const bLo = b - bHi;
  return aHi * bHi - product + aHi * bLo + aLo * bHi + aLo * bLo;
}

/**
 * The rounding error of a sum, (a + b) - fl(a + b), exactly (Knuth's two-sum; no condition on the
 * magnitudes), given `sum` = fl(a + b): `sum + sumError(a, b, sum)` is a + b exactly.
 *
 * @example sumError(1, 1e-17, 1 + 1e-17) // 1e-17
 */
export function sumError(a: number, b: number, sum: number): number {
  const bVirtual = sum - a;
  return a - (sum - bVirtual) + (b - bVirtual);
}
