/**
 * A CSV/TSV or JSON column that is not all numbers, as a table column: the reading the command line falls
 * back to when the numeric reader (src/data/csv.ts, src/data/json.ts) refuses a cell.
 *
 * - Missing cells are skipped (their rows kept in `nullRows`): in CSV an empty cell or NA, N/A, NaN, nan,
 *   null, NULL, None (as the drift report reads them); in JSON null or an absent field.
 * - A column whose other cells are all numbers stays numeric; one with no number is categorical (its cells
 *   as text, JSON true/false as those words).
 * - A column that mixes numbers and text is neither: `undefined`, and the caller keeps the numeric reader's
 *   error, which names the first cell that is not a number. So is a JSON column holding numbers written as
 *   strings ("0.1"): more likely a mistake than categories.
 */
import { parseDecimal } from '../data/parseDecimal';
import type { TableColumn } from '../data/table';
import { csvTable } from '../drift/tableText';

/** A cell: a number, a category, or undefined when missing. */
type Cell = number | string | undefined;

/** A column read from text, and how its rows are named in messages. */
export interface TextColumn {
  readonly column: TableColumn;
  readonly rowText: (row: number) => string;
}

/** The column of `cells`; undefined when it mixes numbers and text. */
function columnOf(name: string, cells: readonly Cell[]): TableColumn | undefined {
  const nullRows: number[] = [];
  cells.forEach((c, r) => c === undefined && nullRows.push(r));
  const present = cells.filter((c) => c !== undefined);
  const common = { name, rowCount: cells.length, nullRows: Uint32Array.from(nullRows) };
  if (present.every((c) => typeof c === 'number')) return { ...common, kind: 'numeric', values: Float64Array.from(present as number[]) };
  if (present.every((c) => typeof c === 'string')) return { ...common, kind: 'categorical', values: present as string[] };
  return undefined;
}

/** The column `selector` names (header name, else 0-based index), or the first numeric one. */
function pick<T extends { readonly name: string }>(columns: readonly T[], selector: string | undefined, numeric: (c: T) => boolean): T | undefined {
  if (selector === undefined) return columns.find(numeric);
  return columns.find((c) => c.name === selector) ?? (/^\d+$/.test(selector) ? columns[Number(selector)] : undefined);
}

/**
 * The CSV/TSV column `selector` names, with missing cells and categories (see the module doc); undefined
 * when there is no such column or it mixes numbers and text. A CSV cell is a number when the numeric
 * reader's grammar reads it as one.
 */
export function csvTextColumn(text: string, selector: string | undefined, delimiter: ',' | '\t'): TextColumn | undefined {
  const table = csvTable(text, delimiter);
  const cellsOf = (c: (typeof table.columns)[number]): Cell[] =>
    c.kind === 'numeric'
      ? Array.from(c.values, (v, r) => (c.missing[r] ? undefined : v))
      : c.values.map((v, r) => (c.missing[r] ? undefined : (parseDecimal(v, 0, v.length) ?? v)));
  const chosen = pick(table.columns, selector, (c) => c.kind === 'numeric');
  if (chosen === undefined) return undefined;
  const column = columnOf(chosen.name, cellsOf(chosen));
  return column && { column, rowText: (row) => `data row ${row}` };
}

/** A JSON value as a cell: numbers, strings and booleans (as 'true'/'false'); null is missing. */
function jsonCell(v: unknown): Cell | null {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return null;
}

/**
 * A JSON column (see the module doc): a top-level array of scalars (no selector), or a field of an array
 * of records (`selector` the field's name). Undefined for anything else, for nested values, and for a
 * column mixing numbers and text.
 */
export function jsonTextColumn(text: string, selector: string | undefined): TextColumn | undefined {
  let root: unknown;
  try {
    root = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(root) || root.length === 0) return undefined;
  // Numbers written as strings (["0.1", "0.9"]) are more likely a mistake than categories: keep the error.
  const looksNumeric = (c: Cell | null): boolean => typeof c === 'string' && parseDecimal(c, 0, c.length) !== undefined;
  if (selector === undefined) {
    const cells = root.map(jsonCell);
    if (cells.includes(null) || cells.some(looksNumeric)) return undefined;
    const column = columnOf('', cells as Cell[]);
    return column && { column, rowText: (row) => `element ${row}` };
  }
  const isRecord = (r: unknown): r is Record<string, unknown> => r !== null && typeof r === 'object' && !Array.isArray(r);
  if (!root.every(isRecord) || !root.some((r) => Object.hasOwn(r, selector))) return undefined;
  const cells = root.map((record) => jsonCell(Object.hasOwn(record, selector) ? record[selector] : undefined));
  if (cells.includes(null) || cells.some(looksNumeric)) return undefined;
  const column = columnOf(selector, cells as Cell[]);
  return column && { column, rowText: (row) => `record ${row}` };
}
