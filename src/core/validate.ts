import { DivergenceError } from './errors';

/** Which input an error is about. */
export type ArrayName = 'P' | 'Q';

/**
 * How the values of a distribution are given:
 * - 'prob': probabilities or counts, each finite and ≥ 0 (−0 counts as 0);
 * - 'log' / 'logits': natural-log probabilities or logits, each finite or −Infinity (probability 0).
 */
export type InputKind = 'prob' | 'log' | 'logits';

/** True when `x` is an admissible value of the given kind (see {@link InputKind}). */
export function isAdmissible(x: number, kind: InputKind): boolean {
  return kind === 'prob' ? x >= 0 && x < Infinity : x < Infinity; // NaN fails both comparisons
}

/** The `invalid-value` error for `array[index] = value`, worded for the input kind. */
export function invalidValueError(array: ArrayName, index: number, value: number, kind: InputKind = 'prob'): DivergenceError {
  const rule =
    kind === 'prob'
      ? 'probabilities must be finite and non-negative'
      : `${kind === 'log' ? 'log-probabilities' : 'logits'} must be finite or -Infinity`;
  return new DivergenceError('invalid-value', `${array}[${index}] is ${String(value)} (0-based index ${index}): ${rule}`, { array, index });
}

function count(n: number): string {
  return n === 1 ? '1 value' : `${n} values`;
}

/** Throws `empty-input` or `length-mismatch` unless P and Q are non-empty and of equal length. */
export function checkLengths(p: ArrayLike<number>, q: ArrayLike<number>): void {
  if (p.length === 0 || q.length === 0) {
    const array = p.length === 0 ? 'P' : 'Q';
    throw new DivergenceError('empty-input', `${array} has no values`, { array });
  }
  if (p.length !== q.length) {
    throw new DivergenceError('length-mismatch', `P has ${count(p.length)} and Q has ${p.length === 1 ? count(q.length) : q.length}`);
  }
}

/**
 * Finds the first inadmissible value of P and Q, scanning by index with P before Q at the same index (the
 * order every backend reports in), and returns its error, or `undefined` when all values are admissible.
 */
export function findInvalidValue(p: ArrayLike<number>, q: ArrayLike<number>, kind: InputKind = 'prob'): DivergenceError | undefined {
  const n = Math.min(p.length, q.length);
  for (let i = 0; i < n; i++) {
    if (!isAdmissible(p[i]!, kind)) return invalidValueError('P', i, p[i]!, kind);
    if (!isAdmissible(q[i]!, kind)) return invalidValueError('Q', i, q[i]!, kind);
  }
  return undefined;
}

/** The `zero-sum` error: a distribution whose values are all 0 (probability space) has no normalisation. */
export function zeroSumError(array: ArrayName): DivergenceError {
  return new DivergenceError('zero-sum', `${array} sums to zero: at least one value must be positive`, { array });
}

/**
 * Validates a pair of distributions as given: equal non-empty lengths, every value admissible for `kind`.
 * The zero-sum check needs the sums and is made by the caller once they are known (see {@link zeroSumError}).
 *
 * @throws DivergenceError `empty-input`, `length-mismatch`, or `invalid-value` with the array and 0-based
 *   index of the first bad value, e.g. "P[1] is -1: probabilities must be finite and non-negative".
 */
export function validatePair(p: ArrayLike<number>, q: ArrayLike<number>, kind: InputKind = 'prob'): void {
  checkLengths(p, q);
  const error = findInvalidValue(p, q, kind);
  if (error) throw error;
}
