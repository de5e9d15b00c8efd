/**
 * The values as probabilities, and what the host sends the panel for inputs too long to send whole: the
 * largest contributors and per-bin sums over all n values, given the measure's summand at one index (the
 * core's per-term function). Pure: used by the host and the webview, unit-tested in Node.
 */
import { binSums, MAX_BARS } from './binning';
import type { DiscreteResultView, InputKindView } from './protocol';

/** How many of the largest contributors a long input's formula writes out. */
export const LARGEST_TERMS_SHOWN = 6;

/**
 * The values as probabilities: normalised by their sum when the result says so; exp(x) for log input;
 * softmax for logits (of the values given).
 */
export function asProbabilities(values: ArrayLike<number>, input: InputKindView | undefined, sum: number, normalized: boolean): number[] {
  const xs = Array.from(values);
  if (input === 'logits') {
    const max = Math.max(...xs);
    const e = xs.map((x) => Math.exp(x - max));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / s);
  }
  const probs = input === 'log' ? xs.map(Math.exp) : xs;
  return normalized ? probs.map((x) => x / sum) : probs;
}

/** What a view carries for inputs longer than the values it sends: see {@link longInputSummary}. */
export type LongInputSummary = Pick<DiscreteResultView, 'top' | 'bins'>;

/**
 * For n values (probabilities p, q over all n) and the measure's summand `term`: the `LARGEST_TERMS_SHOWN`
 * indices with the largest |contribution| (ties in index order) with their probabilities, and the
 * probabilities and contributions summed over ⌈n/MAX_BARS⌉ consecutive indices (what the charts draw).
 */
export function longInputSummary(term: (p: number, q: number) => number, p: readonly number[], q: readonly number[] | undefined): LongInputSummary {
  const contributions = p.map((pi, i) => term(pi, q ? q[i]! : NaN));
  // One pass keeping the k largest |contribution| (ties: the lower index, as it was seen first).
  const best: number[] = [];
  const size = (i: number) => Math.abs(contributions[i]!);
  for (let i = 0; i < contributions.length; i++) {
    if (best.length === LARGEST_TERMS_SHOWN && !(size(i) > size(best[best.length - 1]!))) continue;
    let at = best.length;
    while (at > 0 && size(i) > size(best[at - 1]!)) at--;
    best.splice(at, 0, i);
    if (best.length > LARGEST_TERMS_SHOWN) best.pop();
  }
  const top = best.map((index) => ({ index, p: p[index]!, q: q ? q[index]! : NaN }));
  const bp = binSums(p, MAX_BARS);
  return {
    top,
    bins: {
      binSize: bp.binSize,
      p: bp.values,
      ...(q ? { q: binSums(q, MAX_BARS).values } : {}),
      terms: binSums(contributions.map((c) => (Number.isFinite(c) ? c : 0)), MAX_BARS).values,
      infinite: contributions.filter((c) => !Number.isFinite(c)).length,
    },
  };
}
