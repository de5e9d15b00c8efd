// Timing of the bench's cases: medians, quantiles, and interleaved rounds of several implementations.
import { performance } from 'node:perf_hooks';

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The q-quantile by the nearest-rank method (p95 of 200 runs: the 190th smallest). */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

export function statsOf(times, value) {
  return { medianMs: median(times), minMs: Math.min(...times), runs: times.length, value };
}

/**
 * Times several implementations of one case in interleaved rounds (each warmed up first), so that a change
 * in the machine's load during the case affects all of them alike. Returns one stats object per function.
 */
export function timeInterleaved(fns, { warmup, runs }) {
  const values = fns.map(() => undefined);
  for (let k = 0; k < fns.length; k++) for (let w = 0; w < warmup; w++) values[k] = fns[k]();
  const times = fns.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < fns.length; k++) {
      const t0 = performance.now();
      values[k] = fns[k]();
      times[k].push(performance.now() - t0);
    }
  }
  return fns.map((_, k) => statsOf(times[k], values[k]));
}

/** Times an async function: warm-up calls, then `runs` timed calls one after another. */
export async function timeAsync(fn, { warmup, runs }) {
  let value;
  for (let w = 0; w < warmup; w++) value = await fn();
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    value = await fn();
    times.push(performance.now() - t);
  }
  return statsOf(times, value);
}
