/**
 * Why two columns of a data file read as samples, said in the data's terms ("temp_max has values below zero
 * (-1.6 is value 19 of 1461), and probabilities cannot be negative") rather than the arrays' ("P[18] is
 * negative"). `interpretPair` decides the reading; this only words its cause, for the rules it applies.
 */
import { SUM_NEAR_ONE } from './interpretPair';

/** A column's values under the name the user picked it by. */
export interface NamedColumn {
  readonly name: string;
  readonly values: ArrayLike<number>;
}

/** The first value below zero, as "(x is value i of n)", or undefined when there is none. */
function firstNegative(c: NamedColumn): string | undefined {
  for (let i = 0; i < c.values.length; i++) {
    const x = c.values[i]!;
    if (x < 0) return `${x} is value ${i + 1} of ${c.values.length}`;
  }
  return undefined;
}

/** Whether some value is not a whole number and the values do not sum near 1 (so neither counts nor probabilities); the sum then. */
function notCountsNorProbabilities(c: NamedColumn): number | undefined {
  let sum = 0;
  let fraction = false;
  for (let i = 0; i < c.values.length; i++) {
    sum += c.values[i]!;
    fraction ||= !Number.isInteger(c.values[i]!);
  }
  return fraction && !(Math.abs(sum - 1) <= SUM_NEAR_ONE) ? sum : undefined;
}

/**
 * The reason two columns that `interpretPair` read as samples are samples: different lengths, a value below
 * zero, or fractional values that do not sum to 1.
 */
export function samplesReason(p: NamedColumn, q: NamedColumn): string {
  if (p.values.length !== q.values.length) {
    return `${p.name} has ${p.values.length} values and ${q.name} has ${q.values.length}; distributions over the same outcomes have equal lengths`;
  }
  for (const c of [p, q]) {
    const negative = firstNegative(c);
    if (negative) return `${c.name} has values below zero (${negative}), and probabilities cannot be negative`;
  }
  for (const c of [p, q]) {
    const sum = notCountsNorProbabilities(c);
    if (sum !== undefined) return `${c.name} holds fractions that sum to ${+sum.toPrecision(6)}, so they are neither counts nor probabilities`;
  }
  return `${p.name} and ${q.name} do not read as distributions`;
}

/**
 * A measure's error message with P and Q named as the user picked them: "P[3] is -1 (0-based index 3): …"
 * becomes "temp_max[3] is -1 (0-based index 3): …", "P has 3 values and Q has 4" becomes "p.npy has 3 values
 * and q.npy has 4". Only P and Q as the core's messages use them (before `[`, ` has `, ` sums `) are renamed.
 */
export function inColumnTerms(message: string, pName: string, qName: string): string {
  return message.replace(/\b([PQ])(?=\[| has | sums )/g, (array) => (array === 'P' ? pName : qName));
}
