/**
 * Shared by the kernels of measures of two distributions that depend on p̂_i - q̂_i (jsKernel.ts: Jensen–Shannon;
 * distanceKernels.ts: total variation, Hellinger, Bhattacharyya): the WASM twin of `probabilityPair` in
 * src/core/distributionPair.ts.
 *
 * Protocol, per pair of arrays (or per chunk of them; the host combines chunks):
 * 1. `pairScan(pPtr, qPtr, n)`: validates every value (finite, ≥ 0; the first bad index, P before Q at the same
 *    index) and computes Σp and Σq as compensated sums: per lane Knuth's two-sum (no rounding is lost inside a
 *    block), block totals into Neumaier sums. `pairSumPHi()` + `pairSumPLo()` is Σp to about u² relative.
 * 2. `pairSetScale(...)`: the host's normalisation constants (those `probabilityPair` derives from the sums:
 *    factors f1·f2 = 2^-k scaling the values, the scaled sums S = hi + lo in [1, 2)); for raw values the
 *    identity (f = 1, S = 1 + 0), with which the formulas below give x = p_i, p = x, difference = p_i - q_i.
 * 3. the measure's accumulate function, which per element computes, by the same IEEE operations in the same
 *    order as the TS reference (so bit for bit the same values, in vector lanes and in the scalar path):
 *      x = p_i·f1·f2, y = q_i·g1·g2, a = x·S_q, b = y·S_p,
 *      difference = (a - b + (err(x·S_q) - err(y·S_p) + (x·S_q.lo - y·S_p.lo))) / (S_p·S_q)   (Dekker's err)
 *      p = x / S_p, q = y / S_q.
 */
import { MIN_NORMAL } from './numeric';
import { SCAN_COMPENSATED, SCAN_INVALID_P, SCAN_INVALID_Q, SCAN_OK, scanBlocks } from './scan';
export { scanInvalidIndex as pairInvalidIndex } from './scan';

/** Status of `pairScan`. */
export const PAIR_OK: i32 = SCAN_OK;
export const PAIR_INVALID_P: i32 = SCAN_INVALID_P;
export const PAIR_INVALID_Q: i32 = SCAN_INVALID_Q;

/** Elements per block: a block with an exceptional lane is recomputed by the scalar path. */
export const PAIR_BLOCK: i32 = 64;

/** 2^27 + 1: Veltkamp's constant (src/core/numeric.ts productError). */
const SPLITTER: f64 = 134217729;

const SUM_P_SLOT = memory.data(16, 16);
const SUM_Q_SLOT = memory.data(16, 16);

/** The parameters of `pairSetScale`, each splatted to both lanes (see K_* for the offsets). */
export const PAIR_PARAMS = memory.data(16 * 20, 16);
export const K_P_F1: i32 = 0;
export const K_P_F2: i32 = 1;
export const K_Q_F1: i32 = 2;
export const K_Q_F2: i32 = 3;
export const K_SP_HI: i32 = 4;
export const K_SP_LO: i32 = 5;
export const K_SQ_HI: i32 = 6;
export const K_SQ_LO: i32 = 7;
/** Veltkamp halves of S_p.hi and S_q.hi (what productError computes for its second argument). */
export const K_SP_HI_HI: i32 = 8;
export const K_SP_HI_LO: i32 = 9;
export const K_SQ_HI_HI: i32 = 10;
export const K_SQ_HI_LO: i32 = 11;
export const K_DENOMINATOR: i32 = 12;
export const K_SPLITTER: i32 = 13;
export const K_HALF: i32 = 14;
export const K_MIN_NORMAL: i32 = 15;
export const K_ZERO: i32 = 16;
export const K_NAN: i32 = 17;

// Scalar copies for the scalar path.
let pF1: f64 = 1;
let pF2: f64 = 1;
let qF1: f64 = 1;
let qF2: f64 = 1;
let spHi: f64 = 1;
let spLo: f64 = 0;
let sqHi: f64 = 1;
let sqLo: f64 = 0;
let denominator: f64 = 1;
/** ln(S_q/S_p)·(as given), for values whose scaled form underflows (0 for raw values). */
let lnSumRatio: f64 = 0;
/**
 * Whether the scaled sum's high part S_p.hi (S_q.hi) is exactly 1, as for raw values and for normalised inputs
 * whose sum rounds to 1: then x·S.hi = x, Dekker's error of that product is +0 and x/S.hi = x, so the vector
 * functions below can skip those operations (their `unitP`, `unitQ`) with the same bits.
 */
export let pairUnitP: bool = true;
export let pairUnitQ: bool = true;

// Outputs of `pairPrepareScalar`.
export let pairX: f64 = 0;
export let pairY: f64 = 0;
export let pairPValue: f64 = 0;
export let pairQValue: f64 = 0;
export let pairDifference: f64 = 0;
/** a = x·S_q.hi, b = y·S_p.hi and the numerator of the difference (the reference's ln-ratio reads them). */
export let pairA: f64 = 0;
export let pairB: f64 = 0;
export let pairNumerator: f64 = 0;

/** Σp of the last `pairScan`: hi part (its Neumaier running sum). */
export function pairSumPHi(): f64 {
  return load<f64>(SUM_P_SLOT);
}

/** Σp of the last `pairScan`: the compensation (Σp ≈ hi + lo). */
export function pairSumPLo(): f64 {
  return load<f64>(SUM_P_SLOT, 8);
}

export function pairSumQHi(): f64 {
  return load<f64>(SUM_Q_SLOT);
}

export function pairSumQLo(): f64 {
  return load<f64>(SUM_Q_SLOT, 8);
}

// @ts-ignore: decorator
@inline
export function pairParam(index: i32): v128 {
  return v128.load(PAIR_PARAMS + (<usize>index << 4));
}

function setParam(index: i32, value: f64): void {
  v128.store(PAIR_PARAMS + (<usize>index << 4), f64x2.splat(value));
}

/** The Veltkamp high half of b (src/core/numeric.ts productError). */
function splitHi(b: f64): f64 {
  const t = SPLITTER * b;
  return t - (t - b);
}

/**
 * Sets the normalisation constants (see the file's comment): the values of P are scaled by pf1·pf2 and their
 * scaled sum is sPHi + sPLo, likewise for Q; `lnRatioOffset` = ln(s_q/s_p) (0 for raw values).
 */
export function pairSetScale(pf1: f64, pf2: f64, sPHi: f64, sPLo: f64, qf1: f64, qf2: f64, sQHi: f64, sQLo: f64, lnRatioOffset: f64): void {
  pF1 = pf1;
  pF2 = pf2;
  qF1 = qf1;
  qF2 = qf2;
  spHi = sPHi;
  spLo = sPLo;
  sqHi = sQHi;
  sqLo = sQLo;
  denominator = sPHi * sQHi;
  lnSumRatio = lnRatioOffset;
  pairUnitP = sPHi == 1;
  pairUnitQ = sQHi == 1;
  setParam(K_P_F1, pf1);
  setParam(K_P_F2, pf2);
  setParam(K_Q_F1, qf1);
  setParam(K_Q_F2, qf2);
  setParam(K_SP_HI, sPHi);
  setParam(K_SP_LO, sPLo);
  setParam(K_SQ_HI, sQHi);
  setParam(K_SQ_LO, sQLo);
  const spHiHi = splitHi(sPHi);
  const sqHiHi = splitHi(sQHi);
  setParam(K_SP_HI_HI, spHiHi);
  setParam(K_SP_HI_LO, sPHi - spHiHi);
  setParam(K_SQ_HI_HI, sqHiHi);
  setParam(K_SQ_HI_LO, sQHi - sqHiHi);
  setParam(K_DENOMINATOR, denominator);
  setParam(K_SPLITTER, SPLITTER);
  setParam(K_HALF, 0.5);
  setParam(K_MIN_NORMAL, MIN_NORMAL);
  setParam(K_ZERO, 0);
  setParam(K_NAN, NaN);
}

/** ln(S_q/S_p) as set by `pairSetScale`. */
export function pairLnSumRatio(): f64 {
  return lnSumRatio;
}

/** a·b - fl(a·b) exactly (Dekker), given product = fl(a·b): src/core/numeric.ts productError, operation for operation. */
function productErrorScalar(a: f64, b: f64, product: f64): f64 {
  let t = SPLITTER * a;
  const aHi = t - (t - a);
  const aLo = a - aHi;
  t = SPLITTER * b;
  const bHi = t - (t - b);
  const bLo = b - bHi;
  return aHi * bHi - product + aHi * bLo + aLo * bHi + aLo * bLo;
}

/** productError(a, b, product) per lane, with b's Veltkamp halves given. */
// @ts-ignore: decorator
@inline
export function productErrorVector(a: v128, bHi: v128, bLo: v128, product: v128): v128 {
  const t = f64x2.mul(pairParam(K_SPLITTER), a);
  const aHi = f64x2.sub(t, f64x2.sub(t, a));
  const aLo = f64x2.sub(a, aHi);
  return f64x2.add(f64x2.add(f64x2.add(f64x2.sub(f64x2.mul(aHi, bHi), product), f64x2.mul(aHi, bLo)), f64x2.mul(aLo, bHi)), f64x2.mul(aLo, bLo));
}

/** x = p_i·f1·f2 per lane. */
// @ts-ignore: decorator
@inline
export function scaledPVector(p: v128): v128 {
  return f64x2.mul(f64x2.mul(p, pairParam(K_P_F1)), pairParam(K_P_F2));
}

/** y = q_i·g1·g2 per lane. */
// @ts-ignore: decorator
@inline
export function scaledQVector(q: v128): v128 {
  return f64x2.mul(f64x2.mul(q, pairParam(K_Q_F1)), pairParam(K_Q_F2));
}

/**
 * p̂_i - q̂_i per lane from x and y (see the file's comment). With `unitP` / `unitQ` (constants at the call,
 * true only where pairUnitP / pairUnitQ are: pairVectorBlock) the products by S.hi = 1, their errors (+0)
 * and the division by S_p.hi·S_q.hi = 1 are left out: the same bits.
 */
// @ts-ignore: decorator
@inline
export function differenceVector(x: v128, y: v128, unitP: bool = false, unitQ: bool = false): v128 {
  const zero = f64x2.splat(0);
  const a = unitQ ? x : f64x2.mul(x, pairParam(K_SQ_HI));
  const b = unitP ? y : f64x2.mul(y, pairParam(K_SP_HI));
  const errA = unitQ ? zero : productErrorVector(x, pairParam(K_SQ_HI_HI), pairParam(K_SQ_HI_LO), a);
  const errB = unitP ? zero : productErrorVector(y, pairParam(K_SP_HI_HI), pairParam(K_SP_HI_LO), b);
  const lows = f64x2.sub(f64x2.mul(x, pairParam(K_SQ_LO)), f64x2.mul(y, pairParam(K_SP_LO)));
  const numerator = f64x2.add(f64x2.sub(a, b), f64x2.add(f64x2.sub(errA, errB), lows));
  return unitP && unitQ ? numerator : f64x2.div(numerator, pairParam(K_DENOMINATOR));
}

/** p̂_i = x / S_p per lane (x itself with `unit`: see differenceVector). */
// @ts-ignore: decorator
@inline
export function pValueVector(x: v128, unit: bool = false): v128 {
  return unit ? x : f64x2.div(x, pairParam(K_SP_HI));
}

/** q̂_i = y / S_q per lane (y itself with `unit`: see differenceVector). */
// @ts-ignore: decorator
@inline
export function qValueVector(y: v128, unit: bool = false): v128 {
  return unit ? y : f64x2.div(y, pairParam(K_SQ_HI));
}

/** The scalar path's element: sets pairX, pairY, pairPValue, pairQValue, pairDifference for p_i, q_i. */
export function pairPrepareScalar(p: f64, q: f64): void {
  const x = p * pF1 * pF2;
  const y = q * qF1 * qF2;
  const a = x * sqHi;
  const b = y * spHi;
  const numerator = a - b + (productErrorScalar(x, sqHi, a) - productErrorScalar(y, spHi, b) + (x * sqLo - y * spLo));
  pairX = x;
  pairY = y;
  pairA = a;
  pairB = b;
  pairNumerator = numerator;
  pairPValue = x / spHi;
  pairQValue = y / sqHi;
  pairDifference = numerator / denominator;
}

/**
 * Validates n values of P and Q and computes Σp, Σq (compensated: scan.ts). Returns PAIR_OK, or PAIR_INVALID_P /
 * _Q for the first negative, NaN or infinite value (its index in `pairInvalidIndex()`).
 */
export function pairScan(pPtr: usize, qPtr: usize, n: i32): i32 {
  return scanBlocks(pPtr, qPtr, n, SUM_P_SLOT, SUM_Q_SLOT, SCAN_COMPENSATED);
}
