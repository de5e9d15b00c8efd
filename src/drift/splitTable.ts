import { DivergenceError } from '../core/errors';
import { selectRows, type DriftColumn, type DriftTable } from './driftColumn';

/** How one table is split into reference and current rows: by the values of one column. */
export interface TableSplit {
  readonly column: string;
  /** Values whose rows form the reference. */
  readonly reference: readonly string[];
  /** Values whose rows form the current data. */
  readonly current: readonly string[];
}

/**
 * A split written as on the command line: `COL=A,B`, the reference rows where COL is A and the current ones
 * where it is B; each side may list several values joined by `+` (`year=2012+2013,2015`).
 */
export function parseSplit(text: string): TableSplit {
  const eq = text.lastIndexOf('=');
  const sides = eq > 0 ? text.slice(eq + 1).split(',') : [];
  if (sides.length !== 2 || sides.some((s) => s === '')) {
    throw new DivergenceError('usage', `--split ${text}: write COLUMN=REFERENCE,CURRENT (e.g. year=2012,2015; several values joined by +)`);
  }
  return { column: text.slice(0, eq), reference: sides[0]!.split('+'), current: sides[1]!.split('+') };
}

/** A year or year-month, which also picks the ISO dates it starts (`2012` picks `2012-05-01`). */
const DATE_PREFIX = /^\d{4}(-\d{2})?$/;

/**
 * Whether a cell is one of the values: numerically for a numeric column (`2012` and `2012.0` are one
 * value), as text for a categorical one, where a year or year-month also matches the dates that start with
 * it and a hyphen.
 */
function matcher(column: DriftColumn, values: readonly string[]): (row: number) => boolean {
  if (column.kind === 'numeric') {
    const wanted = new Set(values.map(Number));
    return (row) => !column.missing[row] && wanted.has(column.values[row]!);
  }
  const wanted = new Set(values);
  const prefixes = values.filter((v) => DATE_PREFIX.test(v)).map((v) => `${v}-`);
  return (row) => {
    if (column.missing[row]) return false;
    const cell = column.values[row]!;
    return wanted.has(cell) || prefixes.some((p) => cell.startsWith(p));
  };
}

/** The error for a split by a column the table does not have. */
export function unknownSplitColumn(split: TableSplit, names: readonly string[]): DivergenceError {
  return new DivergenceError('usage', `--split: no column '${split.column}'; columns: ${names.join(', ')}`);
}

/**
 * The reference and current tables of one table split by a column's values (see {@link TableSplit}); the
 * split column itself is left out of both, since it differs by construction.
 *
 * @throws DivergenceError `usage` for an unknown column; `empty-input` when a side selects no row.
 */
export function splitTable(table: DriftTable, split: TableSplit): { reference: DriftTable; current: DriftTable } {
  const column = table.columns.find((c) => c.name === split.column);
  if (!column) throw unknownSplitColumn(split, table.columns.map((c) => c.name));
  const rest: DriftTable = { rows: table.rows, columns: table.columns.filter((c) => c !== column) };
  const side = (values: readonly string[], what: string): DriftTable => {
    const match = matcher(column, values);
    const rows: number[] = [];
    for (let i = 0; i < table.rows; i++) if (match(i)) rows.push(i);
    if (rows.length === 0) throw new DivergenceError('empty-input', `--split: no row has ${split.column} = ${values.join(' or ')} (the ${what})`);
    return selectRows(rest, rows);
  };
  return { reference: side(split.reference, 'reference'), current: side(split.current, 'current data') };
}
