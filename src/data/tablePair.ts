/**
 * Two table columns (./table) as the P and Q of a divergence: numbers as they are, or, for two categorical
 * columns, the relative frequencies of their categories over the union of both (`categoryFrequencies`), so a
 * category of P absent from Q has q = 0 and D(P‖Q) is +∞, as every KL gives it. Nulls are never values:
 * two columns of one table lose every row where either is null, so P[i] and Q[i] stay one row
 * (`dropNullRows`); columns of two files each skip their own nulls. What was dropped or counted is said in
 * `notes`, for the result to repeat.
 */
import { DivergenceError } from '../core/errors';
import { categoryFrequencies, dropNullRows, oneLine, type TableColumn } from './table';

/** P and Q ready for a measure, with what reading them did. */
export interface MeasuredPair {
  readonly p: Float64Array;
  readonly q: Float64Array;
  /** The categories counted (their union, sorted), when both columns are categorical. */
  readonly categories?: readonly string[];
  /** "counted 5 categories (1461 values each)", "3 of 1461 rows dropped for a null in a or b". */
  readonly notes: readonly string[];
}

/** A column's name in messages: the name it was picked by (file and column for columns of two files). */
export interface LabelledColumn {
  readonly label: string;
  readonly column: TableColumn;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * P and Q of two columns. `sameTable`: both come from one table, and a row where either is null is dropped
 * from both; otherwise each column's nulls are skipped and counted on their own.
 *
 * @throws DivergenceError 'invalid-parameter' when one column is numeric and the other categorical;
 *   'empty-input' when a column has no value left.
 * @example measuredPair({ label: 'a', column: a }, { label: 'b', column: b }, true) // a: ['x', null, 'y'], b: ['y', 'y', null]
 *   // → p = [1, 0], q = [0, 1] over categories ['x', 'y'], notes ['counted 2 categories (1 value each)',
  //   '2 of 3 rows dropped for a null in a or b']
 */
export function measuredPair(p: LabelledColumn, q: LabelledColumn, sameTable: boolean): MeasuredPair {
  if (p.column.kind !== q.column.kind) {
    const [numeric, categorical] = p.column.kind === 'numeric' ? [p, q] : [q, p];
    throw new DivergenceError(
      'invalid-parameter',
      oneLine(`${categorical.label} holds categories (strings or booleans) and ${numeric.label} numbers; compare two columns of one kind`),
    );
  }
  const notes: string[] = [];
  let [pc, qc] = [p.column, q.column];
  if (sameTable) {
    [pc, qc] = dropNullRows([pc, qc]);
    const dropped = pc.nullRows.length;
    if (dropped > 0) notes.push(`${dropped} of ${plural(pc.rowCount, 'row')} dropped for a null in ${p.label} or ${q.label}`);
  } else {
    for (const c of [p, q]) if (c.column.nullRows.length > 0) notes.push(`${plural(c.column.nullRows.length, 'null')} of ${c.label} skipped`);
  }
  for (const [c, label] of [[pc, p.label], [qc, q.label]] as const) {
    if (c.values.length === 0) throw new DivergenceError('empty-input', oneLine(`${label} has no values${c.rowCount > 0 ? ' once the nulls are left out' : ''}`));
  }
  if (pc.kind === 'numeric' && qc.kind === 'numeric') return { p: pc.values, q: qc.values, notes };
  const f = categoryFrequencies(pc.values as string[], qc.values as string[]);
  const [np, nq] = [pc.values.length, qc.values.length];
  const counted = f.categories.length === 1 ? '1 category' : `${f.categories.length} categories`;
  notes.unshift(`counted ${counted} (${np === nq ? `${plural(np, 'value')} each` : `${np} and ${plural(nq, 'value')}`})`);
  return { p: f.countsA.map((c) => c / np), q: f.countsB.map((c) => c / nq), categories: f.categories, notes };
}
