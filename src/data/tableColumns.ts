/**
 * From table columns to the vectors a measure takes: which column a selector names, and how one column (or
 * two of one table) becomes a distribution. Pure; the readers are ./parquet and ./arrowIpc.
 *
 * - A numeric column is its values, nulls skipped.
 * - A categorical column (strings, booleans) is the frequency of each of its values, and two categorical
 *   columns are counted over the union of their categories in one order (`categoryFrequencies`), so that
 *   a category absent from Q and present in P gives KL(P‖Q) = +Infinity, as any KL with Q = 0 where P > 0.
 * - Two columns of one table are paired row by row: a row where either is null is dropped from both, so the
 *   i-th value of P and of Q always come from the same row.
 * - `strictMissing` refuses a null instead, naming the first.
 */
import { DivergenceError } from '../core/errors';
import { categoryFrequencies, dropNullRows, oneLine } from './table';
import type { TableColumn, TableColumnInfo } from './table';

/** A column's type as messages write it: the logical type when the file gives one, else the physical. */
export function columnTypeText(c: TableColumnInfo): string {
  return c.logicalType ?? c.physicalType;
}

function columnList(columns: readonly TableColumnInfo[]): string {
  const shown = columns.slice(0, 20).map((c) => `'${c.name}' (${columnTypeText(c)})`);
  return `${shown.join(', ')}${columns.length > 20 ? `, and ${columns.length - 20} more` : ''}`;
}

/**
 * The column a selector names, as for CSV: a column name; else, when it is all digits, a 0-based index;
 * with no selector, the first numeric column. Unknown names and indices are 'invalid-parameter' errors
 * listing the columns with their types. A column of another kind (nested, temporal, binary) is returned:
 * the readers refuse it, naming it and its type.
 */
export function pickTableColumn(columns: readonly TableColumnInfo[], selector: string | undefined): TableColumnInfo {
  let column: TableColumnInfo | undefined;
  if (selector === undefined) {
    column = columns.find((c) => c.kind === 'numeric');
    if (column === undefined) {
      throw new DivergenceError('invalid-parameter', oneLine(`the table has no numeric column; pick a column with :NAME; its columns: ${columnList(columns)}`));
    }
  } else {
    column = columns.find((c) => c.name === selector) ?? (/^\d+$/.test(selector) ? columns[Number(selector)] : undefined);
    if (column === undefined) {
      const what = /^\d+$/.test(selector) ? `no column ${selector} (0-based; the table has ${columns.length})` : `no column named '${selector}'`;
      throw new DivergenceError('invalid-parameter', oneLine(`${what}; its columns: ${columnList(columns)}`));
    }
  }
  return column;
}

/** One input of a measure: a table column and what it is called in messages ("--p"). */
export interface ColumnInput {
  readonly what: string;
  readonly column: TableColumn;
  /** Where a row is, for messages: "row 3" by default; a text file says its line. */
  readonly rowText?: (row: number) => string;
}

/** The vectors of one or two column inputs, and what reading them did (for the output). */
export interface ColumnDistributions {
  readonly p: Float64Array;
  readonly q?: Float64Array;
  /** Categories counted (over the union of both columns), when the columns are categorical. */
  readonly categories?: number;
  /** One line each: categories counted, nulls skipped, rows dropped. */
  readonly notes: string[];
}

export interface ColumnDistributionOptions {
  /** The two inputs are columns of one table: pair them by row. */
  readonly sameTable?: boolean;
  /** Refuse a null instead of skipping it. */
  readonly strictMissing?: boolean;
}

function refuseMissing(input: ColumnInput): void {
  const first = input.column.nullRows[0];
  if (first === undefined) return;
  const where = input.rowText?.(first) ?? `row ${first}`;
  throw new DivergenceError(
    'invalid-value',
    oneLine(`${input.what}: column '${input.column.name}', ${where} is missing (${input.column.nullRows.length} missing in all); --strict-missing refuses missing cells`),
    { index: first },
  );
}

function plural(n: number, word: string): string {
  return n === 1 ? `1 ${word}` : `${n} ${word.replace(/y$/, 'ie')}s`;
}

/**
 * P (and Q) as the vectors a measure takes (see the module doc). Both inputs must be of one kind; two
 * categorical columns become count vectors over the union of their categories.
 */
export function columnDistributions(p: ColumnInput, q: ColumnInput | undefined, options: ColumnDistributionOptions = {}): ColumnDistributions {
  const inputs = q === undefined ? [p] : [p, q];
  if (options.strictMissing === true) inputs.forEach(refuseMissing);
  const notes: string[] = [];
  let columns = inputs.map((i) => i.column);
  if (q !== undefined && options.sameTable === true && columns.some((c) => c.nullRows.length > 0)) {
    const paired = dropNullRows(columns);
    const dropped = paired[0]!.nullRows.length;
    if (dropped > 0) notes.push(`${plural(dropped, 'row')} where '${p.column.name}' or '${q.column.name}' is missing dropped from both`);
    columns = paired;
  } else {
    for (const i of inputs) {
      const n = i.column.nullRows.length;
      if (n > 0) notes.push(`${i.what}: ${plural(n, 'missing value')} of '${i.column.name}' skipped`);
    }
  }
  const [a, b] = columns;
  if (b !== undefined && a!.kind !== b.kind) {
    throw new DivergenceError(
      'usage',
      oneLine(`${p.what} is a ${a!.kind} column ('${a!.name}') but ${q!.what} is a ${b.kind} column ('${b.name}'): both must hold numbers, or both categories`),
    );
  }
  if (a!.kind === 'numeric') return { p: a!.values, ...(b !== undefined ? { q: b.values as Float64Array } : {}), notes };
  const f = categoryFrequencies(a!, b?.kind === 'categorical' ? b : undefined);
  const n = f.categories.length;
  notes.unshift(
    b === undefined
      ? `${p.what}: counted ${plural(n, 'category')} of '${a!.name}' (${plural(a!.values.length, 'value')})`
      : `counted ${plural(n, 'category')} over the union of '${a!.name}' (${plural(a!.values.length, 'value')}) and '${b.name}' (${plural(b.values.length, 'value')})`,
  );
  return { p: f.countsA, ...(b !== undefined ? { q: f.countsB } : {}), categories: n, notes };
}
