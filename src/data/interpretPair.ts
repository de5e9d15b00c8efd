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

/** The readings of values that are not probabilities: logits (softmax first) and natural-log probabilities. */
export type LogReading = 'logits' | 'log';

/**
 * The log readings every array allows, logits first: logits need every value finite (or −Infinity, a masked
 * logit: probability 0); log-probabilities need every value ≤ 0 (−Infinity included). NaN allows neither.
 */
export function logReadings(...arrays: readonly ArrayLike<number>[]): LogReading[] {
  let logits = true;
  let log = true;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const x = a[i] as number;
      if (!(x <= 0)) log = false;
      if (!(Number.isFinite(x) || x === -Infinity)) logits = false;
    }
  }
  const readings: LogReading[] = [];
  if (logits) readings.push('logits');
  if (log) readings.push('log');
  return readings;
}

/**
 * The log reading a variable's name says, if any: `logits`, `logit`, `*_logits`, `logits_*`, `headLogits`
 * say logits; `log_probs`, `logprobs`, `log_p`, `logp`, `log_q`, `log_prob`, `lprobs` say log-probabilities.
 */
export function readingOfName(name: string | undefined): LogReading | undefined {
  if (!name) return undefined;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  if (words.some((w) => w === 'logits' || w === 'logit')) return 'logits';
  const joined = `_${words.join('_')}_`;
  return /_(log_?(p|q|probs?|probas?)|lprobs?)_/.test(joined) ? 'log' : undefined;
}

/** A reading the arrays' names suggest, with the words that say so ("because the variable is named `logits`"). */
export interface NamedReading {
  readonly reading: LogReading;
  readonly because: string;
}

/**
 * The reading the names of the arrays suggest, when it is one the values allow and no name suggests the
 * other; `undefined` otherwise (unnamed arrays, names that say nothing, or disagree).
 */
export function namedReading(names: readonly (string | undefined)[], allowed: readonly LogReading[]): NamedReading | undefined {
  const named = names.flatMap((name) => {
    const reading = readingOfName(name);
    return reading && name ? [{ name, reading }] : [];
  });
  const reading = named[0]?.reading;
  if (!reading || named.some((n) => n.reading !== reading) || !allowed.includes(reading)) return undefined;
  const list = named.map((n) => `\`${n.name}\``);
  const because =
    list.length === 1 ? `because the variable is named ${list[0]}` : `because the variables are named ${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
  return { reading, because };
}
