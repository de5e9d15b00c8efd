/**
 * The distributions of the Kolmogorov–Smirnov statistics, as SciPy computes them, for the asymptotic p-value
 * of the two-sample test:
 * - {@link ksTwoSidedSf}: P(D_n ≥ x) for the two-sided one-sample statistic D_n = sup|F_n − F|, SciPy's
 *   `scipy.stats.kstwo.sf(x, n)` (Simard & L'Ecuyer 2011's choice among exact and asymptotic methods);
 * - {@link smirnovSf}: P(D_n⁺ ≥ x) for the one-sided statistic, `scipy.special.smirnov(n, x)` (the
 *   Birnbaum–Tingey sum in double-double arithmetic, van Mulbregt 2018).
 * Pure TypeScript, no Node built-ins. The algorithms and their switch-over points are SciPy's
 * (`scipy/stats/_ksstats.py`, xsf `cephes/kolmogorov.h`), so that results agree with SciPy to rounding.
 */
import { dd, ddAdd, ddAddD, ddDiv, ddFloor, ddFrexp, ddIsZero, ddLdexp, ddMul, ddMulD, ddNeg, ddPow, ldexp, type DoubleDouble } from './doubleDouble';

// ---------------------------------------------------------------------------------------------------------
// The one-sided statistic: Smirnov's distribution.

const EPSILON = 2 ** -52;
/** ln of the smallest normal double, cephes' MINLOG. */
// eslint-disable-next-line no-loss-of-precision -- cephes' constant, quoted with every digit it prints
const MINLOG = -7.08396418532264106224e2;
/** Above this n, SciPy switches to an approximation of the one-sided tail. */
const SMIRNOV_MAX_COMPUTE_N = 1000000;
const SM_UPPER_MAX_TERMS = 3;
const SM_UPPERSUM_MIN_N = 10;
/** Keeps both halves of a double-double normal while powers are scaled by 2^-960 at a time. */
const SM_MAX_EXPONENT = 960;

/** (a + b)^m as a double. */
function pow2(a: number, b: number, m: number): number {
  return ddPow(ddAddD(dd(a), b), m).hi;
}

/** ((a + b)/(c + d))^m in double-double. */
function pow4(a: number, b: number, c: number, d: number, m: number): DoubleDouble {
  if (m <= 0) {
    if (m === 0) return dd(1);
    return pow4(c, d, a, b, -m);
  }
  const A = ddAddD(dd(a), b);
  const C = ddAddD(dd(c), d);
  if (ddIsZero(A)) return ddIsZero(C) ? dd(NaN, NaN) : dd(0);
  if (ddIsZero(C)) return A.hi < 0 ? dd(-Infinity, -Infinity) : dd(Infinity, Infinity);
  return ddPow(ddDiv(A, C), m);
}

/** The exponent-free part of the next power of two above x, as xsf's `nextPowerOf2` (used for a split size). */
function nextPowerOf2(x: number): number {
  const q = ldexp(x, 1 - 53);
  let l = Math.abs(q + x);
  if (l === 0) l = Math.abs(x);
  else if (Math.trunc(l) === l) l = Math.trunc(l);
  return l;
}

/** a^m = significand·2^exponent, with the significand in [0.5, 1), for powers that leave the doubles. */
function pow2Scaled(a: DoubleDouble, m: number): [DoubleDouble, number] {
  if (m <= 0) {
    if (m === 0) return [dd(1), 0];
    const [inv, e1] = pow2Scaled(a, -m);
    const [man, e2] = ddFrexp(ddDiv(dd(1), inv));
    return [man, -e1 + e2];
  }
  const [y, yE] = ddFrexp(a);
  if (m === 1) return [y, yE];
  let maxExpt = SM_MAX_EXPONENT;
  if ((m * (y.hi - 1)) / y.hi < -SM_MAX_EXPONENT * Math.LN2) {
    const lg2y = Math.log(y.hi) / Math.LN2;
    if (m * lg2y <= -SM_MAX_EXPONENT) maxExpt = Math.trunc(nextPowerOf2(-SM_MAX_EXPONENT / lg2y + 1) / 2);
  }
  if (m <= maxExpt) {
    const [man, e] = ddFrexp(ddPow(y, m));
    return [man, e + m * yE];
  }
  const q = Math.trunc(m / maxExpt);
  const r = m % maxExpt;
  const [y2r, y2rE] = pow2Scaled(y, r);
  const [y2m, y2mE] = pow2Scaled(y, maxExpt);
  const [y2mq, y2mqE0] = pow2Scaled(y2m, q);
  const [man, e] = ddFrexp(ddMul(y2r, y2mq));
  return [man, e + (y2mqE0 + y2mE * q) + y2rE + m * yE];
}

/**
 * P(D_n⁺ ≥ x) for the one-sided Kolmogorov–Smirnov statistic of n observations, as
 * `scipy.special.smirnov(n, x)`: the Birnbaum–Tingey sum
 *   x·Σ_{v=0}^{⌊n(1−x)⌋} C(n, v)·(x + v/n)^{v−1}·(1 − x − v/n)^{n−v}
 * with every term in double-double and the binomial coefficient kept as a significand and an exponent, so
 * no term over- or underflows (the upper sum with few terms where it is shorter). Exact closed forms for
 * x ≤ 1/n and x ≥ 1 − 1/n; 0 where −2nx² < ln(smallest double). NaN outside n ≥ 1, 0 ≤ x ≤ 1.
 *
 * @example smirnovSf(5, 0.5) // 0.056
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && Number.isInteger(n) && x >= 0 && x <= 1)) return NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;

  // floor(n·x) and the fractional part α exactly (n·x in double-double).
  const nxD = ddMulD(dd(x), n);
  const nxFloorD = ddFloor(nxD);
  let alpha = ddAdd(nxD, ddNeg(nxFloorD)).hi;
  let nxfl = Math.trunc(nxFloorD.hi);
  if (alpha === 1) {
    nxfl += 1;
    alpha = 0;
  }
  let n1mxfl = n - nxfl - (alpha === 0 ? 0 : 1);
  let n1mxceil = n - nxfl;
  if (alpha === 0) {
    // The last term of either sum is 0: leave it out.
    n1mxfl -= 1;
    n1mxceil += 1;
  }

  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) return 1 - x * pow2(1, x, n - 1); // x ≤ 1/n
  if (-2 * n * x * x < MINLOG) return 0;
  if (nxfl >= n - 1) return pow2(1, -x, n); // x ≥ 1 − 1/n
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logp = -Math.pow(6 * n * x + 1, 2) / 18 / n;
    return logp < -Math.LN2 ? Math.exp(logp) : 1 - -Math.expm1(logp);
  }

  const nUpperTerms = n - n1mxceil + 1;
  const useUpperSum =
    (nUpperTerms <= 1 && x < 0.5) || (n >= SM_UPPERSUM_MIN_N && nUpperTerms <= SM_UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));

  let start = 0;
  let step = 1;
  let nTerms = n1mxfl + 1;
  const vmid = Math.trunc(n / 2);
  let cMan = dd(1);
  let cExpt = 0;
  let aj: DoubleDouble;
  if (useUpperSum) {
    start = n;
    step = -1;
    nTerms = n - n1mxceil + 1;
    aj = pow4(1, x, 1, 0, n - 1);
  } else {
    aj = ddDiv(pow4(1, -x, 1, 0, n), dd(x));
  }
  let ajSum = aj;
  [cMan, cExpt] = updateBinomial(cMan, cExpt, n, 0);
  for (let j = 1; j < nTerms; j++) {
    const v = start + j * step;
    aj = smirnovTerm(n, x, v, cMan, cExpt);
    if (Number.isFinite(aj.hi) && !ddIsZero(aj)) ajSum = ddAdd(ajSum, aj);
    if (!ddIsZero(aj)) {
      if (4 * (nTerms - j) * Math.abs(aj.hi) < EPSILON * ajSum.hi && j !== nTerms - 1) break;
    } else if (j > vmid) {
      break;
    }
    [cMan, cExpt] = updateBinomial(cMan, cExpt, n, j);
  }
  const prob = ddMulD(ajSum, x).hi;
  const sf = step < 0 ? 1 - prob : prob;
  return Math.min(1, Math.max(0, sf));
}

/** C(n, j+1) from C(n, j) = cMan·2^cExpt, renormalised. */
function updateBinomial(cMan: DoubleDouble, cExpt: number, n: number, j: number): [DoubleDouble, number] {
  const rat = ddDiv(dd(n - j), dd(j + 1));
  const [man, e] = ddFrexp(ddMul(cMan, rat));
  return [man, cExpt + e];
}

/** A_v = C(n, v)·(1 − x − v/n)^{n−v}·(x + v/n)^{v−1}, the binomial given as cMan·2^cExpt. */
function smirnovTerm(n: number, x: number, v: number, cMan: DoubleDouble, cExpt: number): DoubleDouble {
  const t2x = ddAddD(ddDiv(dd(n - v), dd(n)), -x);
  const [t2, t2E] = pow2Scaled(t2x, n - v);
  const t1x = ddAddD(ddDiv(dd(v), dd(n)), x);
  const [t1, t1E] = pow2Scaled(t1x, v - 1);
  return ddLdexp(ddMul(ddMul(t1, t2), cMan), cExpt + t1E + t2E);
}

// ---------------------------------------------------------------------------------------------------------
// The two-sided statistic: Kolmogorov's distribution for finite n.

const E128 = 2 ** 128;
const EM128 = 2 ** -128;
const SQRT2PI = Math.sqrt(2 * Math.PI);
const LOG_2PI = Math.log(2 * Math.PI);
const MIN_LOG = -708;
const SQRT3 = Math.sqrt(3);
const PI_SQUARED = Math.PI * Math.PI;
const PI_FOUR = Math.pow(Math.PI, 4);
const PI_SIX = Math.pow(Math.PI, 6);
/** B_{2j}/(2j)/(2j−1) for j = 8..1, for Stirling's series of ln(n!/n^n). */
/* eslint-disable no-loss-of-precision -- SciPy's coefficients, quoted with every digit it prints */
const STIRLING_COEFFS = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
  -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
];
/* eslint-enable no-loss-of-precision */

const clip = (p: number): number => Math.min(1, Math.max(0, p));

/** ln(n!/n^n) by Stirling's series, with n·ln n removed up front so that nothing large cancels. */
function logNFactorialDivNPowN(n: number): number {
  const rn = 1 / n;
  const z = rn / n;
  let poly = 0;
  for (const c of STIRLING_COEFFS) poly = poly * z + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/** C = A·B for m×m row-major matrices. */
function matmul(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const c = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l]!;
      if (ail === 0) continue;
      for (let j = 0; j < m; j++) c[i * m + j] += ail * b[l * m + j]!;
    }
  }
  return c;
}

/**
 * P(D_n ≤ d) by Durbin's matrix algorithm as Marsaglia, Tsang & Wang (2003) compute it: the (k, k) entry of
 * H^n·n!/n^n for an m×m matrix H, m = 2k − 1, k = ⌈nd⌉, with powers by squaring and exponents kept apart.
 */
function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    v[j - 1] = 1 - Math.pow(h, j);
    w[j - 1] = fac;
    fac /= j;
    v[j - 1]! *= fac;
  }
  const tt = Math.pow(Math.max(2 * h - 1, 0), m) - 2 * Math.pow(h, m);
  v[m - 1] = (1 + tt) * fac;
  let H: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r * m + i] = w[r - i + 1]!;
  for (let r = 0; r < m; r++) H[r * m] = v[r]!;
  for (let c = 0; c < m; c++) H[(m - 1) * m + c] = v[m - 1 - c]!;

  let power: Float64Array | undefined;
  let nn = n;
  let expnt = 0;
  let hExpnt = 0;
  while (nn > 0) {
    if (nn % 2) {
      power = power ? matmul(power, H, m) : Float64Array.from(H);
      expnt += hExpnt;
    }
    H = matmul(H, H, m);
    hExpnt *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]!) > E128) {
      for (let i = 0; i < H.length; i++) H[i]! /= E128;
      hExpnt += 128;
    }
    nn = Math.floor(nn / 2);
  }
  let p = power![(k - 1) * m + (k - 1)]!;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= E128;
      expnt -= 128;
    }
  }
  if (expnt !== 0) p = ldexp(p, expnt);
  return clip(p);
}

/** The interval [j1, j2] of non-zero entries of row i of Pomeranz's recursion. */
function pomeranzBounds(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const ip1div2 = Math.floor((i + 1) / 2);
    const ip1mod2 = (i + 1) % 2;
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = ip1div2 - 1 - ll - roundf - 1;
        j2 = ip1div2 + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = ip1div2 - 1 - ll - 1;
      j2 = ip1div2 + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/**
 * P(D_n ≤ x) by Pomeranz's (1974) recursion: 2n + 1 rows, each the convolution of the previous one with
 * (almost) Poisson probabilities, only their few non-zero entries kept, rescaled by 2^128 against underflow.
 */
function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = 1;
  twogpower[0] = 1;
  onem2gpower[0] = 1;
  let expnt = 0;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1]! * gOverN) / m;
    twogpower[m] = (twogpower[m - 1]! * twoGOverN) / m;
    onem2gpower[m] = (onem2gpower[m - 1]! * oneMinusTwoGOverN) / m;
  }
  let V0 = new Float64Array(npwrs);
  let V1 = new Float64Array(npwrs);
  V1[0] = 1;
  let V0s = 0;
  let V1s = 0;
  let j1 = pomeranzBounds(0, n, ll, ceilf, roundf)[0];
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0];
    [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    const bounds = pomeranzBounds(i, n, ll, ceilf, roundf);
    j1 = bounds[0];
    const j2 = bounds[1];
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      // conv = the full convolution of V0[k1 − V0s, +ln2) with pwrs[0, ln2); take conv[j1 − k1, +(j2 − j1 + 1)).
      const aStart = k1 - V0s;
      const aLen = Math.max(0, Math.min(ln2, npwrs - aStart));
      const convStart = j1 - k1;
      const convLen = j2 - j1 + 1;
      let max = 0;
      for (let o = 0; o < convLen; o++) {
        const c = convStart + o;
        let s = 0;
        const lo = Math.max(0, c - ln2 + 1);
        const hi = Math.min(aLen - 1, c);
        for (let a = lo; a <= hi; a++) s += V0[aStart + a]! * pwrs[c - a]!;
        V1[o] = s;
        if (s > max) max = s;
      }
      if (max > 0 && max < EM128) {
        for (let o = 0; o < npwrs; o++) V1[o]! *= E128;
        expnt -= 128;
      }
      V1s = V0s + j1 - k1;
    }
  }
  let ans = V1[n - V1s]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > E128) {
      ans *= EM128;
      expnt += 128;
    }
    ans *= m;
  }
  if (expnt !== 0) ans = ldexp(ans, expnt);
  return clip(ans);
}

/**
 * The Pelz–Good (1976) approximation of P(D_n ≤ x): Li-Chien and Korolyuk's expansion
 * K0(z) + K1(z)/√n + K2(z)/n + K3(z)/n^{3/2} (z = x√n), each term rewritten with Jacobi's theta functional
 * equation into sums that converge fast for small z.
 */
function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z3 = z * z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI_SQUARED / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI_SQUARED) / 4;
  const k2c = (PI_FOUR * (1 - 2 * z2)) / 16;
  const k3d = (PI_SIX * (5 - 30 * z2)) / 64;
  const k3c = (PI_FOUR * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI_SQUARED * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * Math.pow(z, 8);
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qpower = Math.pow(q, 8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i]! * qpower + coeffs[i]!;
  }
  const divisors = [z, 6 * z4, 72 * Math.pow(z, 7), 6480 * Math.pow(z, 10)];
  for (let i = 0; i < 4; i++) K[i] = (K[i]! * q * SQRT2PI) / divisors[i]!;
  q = Math.exp(-PI_SQUARED / 2 / z2);
  const sqrt3z = SQRT3 * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k > 0; k--) {
    const k2 = k * k;
    const qk = Math.pow(q, k2);
    const kpi = Math.PI * k;
    k2extra += k2 * qk;
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qk;
  }
  K[2] = K[2]! + (k2extra * PI_SQUARED * SQRT2PI) / (-36 * z3);
  K[3] = K[3]! + (k3extra * PI_SQUARED * SQRT2PI) / (216 * z6);
  return K[0]! + K[1]! / Math.pow(n, 0.5) + K[2]! / n + K[3]! / Math.pow(n, 1.5);
}

/**
 * P(D_n ≥ x) for the two-sided Kolmogorov–Smirnov statistic of n observations, exactly as
 * `scipy.stats.kstwo.sf(x, n)` computes it (Simard & L'Ecuyer 2011's choice of method by n and n·x²):
 * - Ruben–Gambino's closed forms for x ≤ 1/n and x ≥ 1 − 1/n; 2·smirnov(n, x) for x ≥ ½ (exact there);
 * - n ≤ 140: Durbin's matrix (n·x² ≤ 0.754693), Pomeranz's recursion (≤ 4), else 2·smirnov(n, x);
 * - n > 140: 0 from n·x² ≥ 370, 2·smirnov(n, x) from 2.2; below, 1 − CDF with the CDF from Durbin's matrix
 *   (n ≤ 100000 and n·x^1.5 ≤ 1.4) or the Pelz–Good approximation.
 * Where the value comes from 1 − CDF it is at least ~0.02, so the subtraction costs nothing relative.
 * NaN unless n is a positive integer; 1 for x ≤ 0, 0 for x ≥ 1.
 *
 * @example ksTwoSidedSf(10, 0.3) // 0.27053557479999946 (Durbin's matrix)
 */
export function ksTwoSidedSf(n: number, x: number): number {
  if (!(n > 0 && Number.isInteger(n)) || Number.isNaN(x)) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= i * (1 / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
    }
    return clip(1 - prob);
  }
  if (t >= n - 1) return clip(2 * Math.pow(1 - x, n));
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clip(1 - durbinMatrixCdf(n, x));
    if (nxSquared <= 4) return clip(1 - pomeranzCdf(n, x));
    return clip(2 * smirnovSf(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip(2 * smirnovSf(n, x));
  const cdf = n <= 100000 && n * Math.pow(x, 1.5) <= 1.4 ? durbinMatrixCdf(n, x) : pelzGoodCdf(n, x);
  return clip(1 - cdf);
}
