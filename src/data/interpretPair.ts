import type { InputKind } from '../core/validate';

/**
 * Whether two arrays read as distributions (P and Q over the same outcomes) or as samples, and why. The
 * commands never guess silently: they say which reading they used.
 */
export type Interpretation =
  | { readonly kind: 'distributions' }
  | { readonly kind: 'samples'; readonly reason: string };

/** Non-integer values whose sum is within this of 1 read as probabilities (rounded ones: 0.33 ×3 sums to 0.99). */
export const SUM_NEAR_ONE = 0.02;

/**
 * Samples when P and Q differ in length, hold a negative value, or hold non-integer values that do not sum
 * near 1 (within {@link SUM_NEAR_ONE}: probabilities sum to 1, counts are integers); distributions otherwise.
 * Log-probabilities and logits (`input` 'log' or 'logits') are negative by nature: only the lengths count.
 */
export function interpretPair(p: ArrayLike<number>, q: ArrayLike<number>, input: InputKind = 'prob'): Interpretation {
  if (p.length !== q.length) return { kind: 'samples', reason: `P has ${p.length} values and Q has ${q.length}` };
  if (input !== 'prob') return { kind: 'distributions' };
  for (const [name, a] of [['P', p], ['Q', q]] as const) {
    for (let i = 0; i < a.length; i++) {
      const x = a[i] as number;
      if (x < 0) return { kind: 'samples', reason: `${name}[${i}] is negative (${x})` };
    }
  }
  for (const [name, a] of [['P', p], ['Q', q]] as const) {
    let sum = 0;
    let fraction = -1;
    for (let i = 0; i < a.length; i++) {
      const x = a[i] as number;
      sum += x;
      if (fraction < 0 && !Number.isInteger(x)) fraction = i;
    }
    if (fraction >= 0 && !(Math.abs(sum - 1) <= SUM_NEAR_ONE)) {
      return {
        kind: 'samples',
        reason: `${name} has non-integer values (${name}[${fraction}] = ${a[fraction]}) that sum to ${+sum.toPrecision(6)}, not 1`,
      };
    }
  }
  return { kind: 'distributions' };
}
