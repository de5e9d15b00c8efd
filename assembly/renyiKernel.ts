/**
 * Rényi kernel: the sums src/core/renyi.ts forms for D_α(P‖Q) = ln(Σ p̂_i^α q̂_i^(1-α))/(α - 1), over the pair of
 * arrays `pairScan` (pairKernel.ts) has validated and `pairSetScale` has given the normalisation of. Each
 * element's weight (p̂_i, or q̂_i for the swapped orientation) is the reference's bit for bit
 * (`pairPrepareScalar`); its ln(p̂_i/q̂_i) is the reference's choice of formula (log1p of the exact numerator
 * where a and b are within a factor 2, the log-ratio elsewhere, ln(p_i/q_i) + ln(s_q/s_p) where a scaled value
 * underflowed; raw values: ln(p_i/q_i)) to a few ulps; `Math.expm1`/`Math.exp`/`Math.log1p` are
 * AssemblyScript's (musl's, correctly rounded in nearly every case, as V8's fdlibm ones).
 *
 * With ℓ_i = ln(p̂_i/q̂_i) (swapped: w = q̂, ℓ = -ℓ), t = α - 1 (swapped: -α):
 * - `renyiAccumulate`: Z = Σ w_i·expm1(t·ℓ_i)/t (the series where |t·ℓ_i| < 1e-5), +∞ terms flagged
 *   (`renyiInfinite`, for t ≥ 0), -w_i/t for ℓ_i = +∞ when t < 0, whether any term was finite;
 * - `renyiPowerSum`: Σ w_i·e^(t·ℓ_i - shift) over finite ℓ_i, the largest t·ℓ_i, and whether some ℓ_i = +∞
 *   (`maxOnly`: the largest and the flag alone, for D_∞ = max ℓ_i).
 * Sums: Neumaier, element by element, as the reference.
 */
import { logRatioScalar, neumaierAdd, neumaierReset, neumaierValue } from './numeric';
import { pairA, pairB, pairLnSumRatio, pairNumerator, pairPrepareScalar, pairPValue, pairQValue, pairX, pairY } from './pairKernel';

const TERMS_SLOT = memory.data(16, 16);

let infinite: bool = false;
let finiteTerms: bool = false;
let largest: f64 = -Infinity;

/** Z, or the power sum, of the last call. */
export function renyiTerms(): f64 {
  return neumaierValue(TERMS_SLOT);
}

/**
 * Bit 0 (RENYI_INFINITE_BIT): `renyiAccumulate`, a term was +∞; `renyiPowerSum`, some ℓ_i = +∞ (q_i = 0 < p_i
 * unswapped). Bit 1 (RENYI_FINITE_BIT): `renyiAccumulate`, some element had a finite ℓ_i.
 */
export function renyiFlags(): i32 {
  return (infinite ? RENYI_INFINITE_BIT : 0) | (finiteTerms ? RENYI_FINITE_BIT : 0);
}
export const RENYI_INFINITE_BIT: i32 = 1;
export const RENYI_FINITE_BIT: i32 = 2;

/** `renyiPowerSum`: the largest t·ℓ_i over finite ℓ_i (-∞ for none). */
export function renyiLargest(): f64 {
  return largest;
}

/** The reference's ℓ = ln(p̂/q̂) for p_i, q_i > 0 after `pairPrepareScalar` (src/core/distributionPair.ts). */
function lnRatioOf(pi: f64, qi: f64, raw: bool): f64 {
  if (raw) return logRatioScalar(pi, qi);
  const a = pairA;
  const b = pairB;
  if (pairX == 0 || pairY == 0) return logRatioScalar(pi, qi) + pairLnSumRatio();
  return a >= 0.5 * b && a <= 2 * b ? Math.log1p(pairNumerator / b) : logRatioScalar(a, b);
}

/** ℓ_i in the orientation asked for (±∞ where one value is 0), and its weight in `weight`. */
let weight: f64 = 0;
function orientedLnRatio(pi: f64, qi: f64, raw: bool, swapped: bool): f64 {
  pairPrepareScalar(pi, qi);
  weight = swapped ? pairQValue : pairPValue;
  const l = qi == 0 ? Infinity : pi == 0 ? -Infinity : lnRatioOf(pi, qi, raw);
  return swapped ? -l : l;
}

/** expm1(t·ℓ)/t, from its series where |t·ℓ| < 1e-5 (src/core/renyi.ts expm1Over, operation for operation). */
function expm1Over(t: f64, l: f64): f64 {
  const y = t * l;
  if (Math.abs(y) < 1e-5) return l * (1 + y * (0.5 + y * (1.0 / 6 + y / 24)));
  return Math.expm1(y) / t;
}

/** Z over n validated values at pPtr, qPtr (see the file's comment); `raw`: the identity scale. */
export function renyiAccumulate(pPtr: usize, qPtr: usize, n: i32, t: f64, swapped: bool, raw: bool): void {
  neumaierReset(TERMS_SLOT);
  infinite = false;
  finiteTerms = false;
  for (let i: usize = 0; i < <usize>n; i++) {
    const pi = load<f64>(pPtr + (i << 3));
    const qi = load<f64>(qPtr + (i << 3));
    if (pi == 0 && qi == 0) continue;
    const l = orientedLnRatio(pi, qi, raw, swapped);
    if (l == -Infinity) continue;
    if (l == Infinity) {
      if (t >= 0) infinite = true;
      else neumaierAdd(TERMS_SLOT, -weight / t);
      continue;
    }
    finiteTerms = true;
    neumaierAdd(TERMS_SLOT, weight * expm1Over(t, l));
  }
}

/** Σ w·e^(t·ℓ - shift), the largest t·ℓ, whether some ℓ = +∞ (see the file's comment). */
export function renyiPowerSum(pPtr: usize, qPtr: usize, n: i32, t: f64, swapped: bool, raw: bool, shift: f64, maxOnly: bool): void {
  neumaierReset(TERMS_SLOT);
  infinite = false;
  largest = -Infinity;
  for (let i: usize = 0; i < <usize>n; i++) {
    const pi = load<f64>(pPtr + (i << 3));
    const qi = load<f64>(qPtr + (i << 3));
    if (pi == 0 && qi == 0) continue;
    const l = orientedLnRatio(pi, qi, raw, swapped);
    if (l == Infinity) infinite = true;
    if (!isFinite(l)) continue;
    const u = t * l;
    if (u > largest) largest = u;
    if (!maxOnly) neumaierAdd(TERMS_SLOT, weight * Math.exp(u - shift));
  }
}
