/**
 * The input of a drift report: a table as named columns, each numeric (a Float64Array) or categorical
 * (strings), with a mask of missing cells. Any reader can produce it (CSV and JSON records here; columnar
 * formats give typed columns directly).
 */
export type DriftColumn = NumericColumn | CategoricalColumn;

export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  /** One value per row; the value of a missing cell is ignored. */
  readonly values: Float64Array;
  /** 1 where the cell is missing. */
  readonly missing: Uint8Array;
}

export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly name: string;
  /** One value per row; the value of a missing cell is ignored. */
  readonly values: readonly string[];
  /** 1 where the cell is missing. */
  readonly missing: Uint8Array;
}

export interface DriftTable {
  readonly rows: number;
  readonly columns: readonly DriftColumn[];
}

/** The cells of a column that are not missing, in row order. */
export function presentValues(column: NumericColumn): Float64Array;
export function presentValues(column: CategoricalColumn): string[];
export function presentValues(column: DriftColumn): Float64Array | string[];
export function presentValues(column: DriftColumn): Float64Array | string[] {
  const rows = column.missing.length;
  let n = 0;
  for (let i = 0; i < rows; i++) n += 1 - column.missing[i]!;
  const out = column.kind === 'numeric' ? new Float64Array(n) : new Array<string>(n);
  for (let i = 0, k = 0; i < rows; i++) if (!column.missing[i]) out[k++] = column.values[i]!;
  return out;
}

/** The number of missing cells. */
export function missingCount(column: DriftColumn): number {
  let n = 0;
  for (let i = 0; i < column.missing.length; i++) n += column.missing[i]!;
  return n;
}

/**
 * A numeric column as categorical, each number written by `String` (`2`, `0.5`): when the other side of a
 * column holds strings, the column is categorical and its numbers are categories.
 */
export function asCategorical(column: DriftColumn): CategoricalColumn {
  if (column.kind === 'categorical') return column;
  return { kind: 'categorical', name: column.name, values: Array.from(column.values, String), missing: column.missing };
}

/** The rows of a table picked by `rows` (increasing row indices), every column kept. */
export function selectRows(table: DriftTable, rows: readonly number[]): DriftTable {
  const missingOf = (c: DriftColumn) => Uint8Array.from(rows, (i) => c.missing[i]!);
  return {
    rows: rows.length,
    columns: table.columns.map((c): DriftColumn =>
      c.kind === 'numeric'
        ? { kind: 'numeric', name: c.name, values: Float64Array.from(rows, (i) => c.values[i]!), missing: missingOf(c) }
        : { kind: 'categorical', name: c.name, values: rows.map((i) => c.values[i]!), missing: missingOf(c) },
    ),
  };
}
