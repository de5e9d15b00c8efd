// Naive baselines: what one writes without thinking about zeros, rounding or p ≈ q.

export function naiveKl(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i] * Math.log(p[i] / q[i]);
  return s;
}

export function naiveEntropy(p) {
  let s = 0;
  for (let i = 0; i < p.length; i++) s -= p[i] * Math.log(p[i]);
  return s;
}

export function naiveCrossEntropy(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) s -= p[i] * Math.log(q[i]);
  return s;
}

export function naiveJs(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const m = 0.5 * (p[i] + q[i]);
    s += p[i] * Math.log(p[i] / m) + q[i] * Math.log(q[i] / m);
  }
  return 0.5 * s;
}

/** Elements per slice of a WASM pass (src/compute/chunking.ts SLICE_LENGTH). */
export const SLICE = 1 << 16;

/**
 * The memory floor of a pass over P and Q: what every WASM pass does before any arithmetic, copying both slice
 * by slice (2^16 elements each, memcpy speed) into one buffer of two slices (`scratch`), which stays in cache.
 */
export function copyBoth(p, q, scratch) {
  for (let start = 0; start < p.length; start += SLICE) {
    const end = Math.min(p.length, start + SLICE);
    scratch.set(p.subarray(start, end), 0);
    scratch.set(q.subarray(start, end), SLICE);
  }
  return scratch[0];
}

export function naiveJeffreys(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i] - q[i]) * Math.log(p[i] / q[i]);
  return s;
}

export function naiveTv(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += Math.abs(p[i] - q[i]);
  return 0.5 * s;
}

export function naiveHellinger(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const d = Math.sqrt(p[i]) - Math.sqrt(q[i]);
    s += d * d;
  }
  return Math.sqrt(0.5 * s);
}

export function naiveBhattacharyya(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += Math.sqrt(p[i] * q[i]);
  return -Math.log(s);
}

/** Rényi's divergence of order α: ln(Σ p^α q^(1-α))/(α-1); α = Infinity: ln max p/q. */
export function naiveRenyi(p, q, alpha) {
  let s = 0;
  if (alpha === Infinity) {
    for (let i = 0; i < p.length; i++) s = Math.max(s, p[i] / q[i]);
    return Math.log(s);
  }
  for (let i = 0; i < p.length; i++) s += p[i] ** alpha * q[i] ** (1 - alpha);
  return Math.log(s) / (alpha - 1);
}
