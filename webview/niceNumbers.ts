/**
 * Nice numbers for axes (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990): steps of 1, 2 or 5
 * times a power of ten, so that bin edges read -0.75, -0.5, … rather than -0.695, -0.6338, …. Pure.
 */

/** The 1, 2 or 5 × 10^k nearest to x > 0 (`round`), or the least one ≥ x. */
export function niceNumber(x: number, round: boolean): number {
  const exponent = Math.floor(Math.log10(x));
  const power = 10 ** exponent;
  const f = x / power;
  const nice = round ? (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) : f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nice * power;
}

/** Equal bins on multiples of a nice step that cover [min, max]: edges lo + k·step for k = 0 … count. */
export interface NiceBins {
  readonly lo: number;
  readonly step: number;
  readonly count: number;
  /** Decimals that write every edge exactly (0 for integer steps). */
  readonly decimals: number;
}

/** About `target` bins of a nice width covering [min, max] (one bin of width 1 around a single value). */
export function niceBins(min: number, max: number, target: number): NiceBins {
  const span = max > min ? max - min : Math.abs(min) || 1;
  const step = niceNumber(span / target, true);
  const first = Math.floor(min / step);
  const count = Math.max(1, Math.ceil(max / step) - first);
  let decimals = 0;
  while (decimals < 15 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-9) decimals++;
  return { lo: first * step, step, count, decimals };
}

/** The k-th edge of `bins` as text ("-0.75", "0", "2.5"), computed from its index so that 0 is exactly 0. */
export function niceEdgeLabel(bins: NiceBins, k: number): string {
  const index = Math.round(bins.lo / bins.step) + k;
  return index === 0 ? '0' : (index * bins.step).toFixed(bins.decimals);
}
