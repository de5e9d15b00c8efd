/**
 * One column of a table split by the values of another, for "Compare Columns of Data File…": penguins' body
 * mass by species, Seattle's daily maximum temperature by year. Pure: it takes the file's name and bytes.
 *
 * Tables: a CSV/TSV file (every cell kept as text; the file must first read as CSV by `parseCsv`, which
 * decides the delimiter and the header), or a JSON array of records (objects; the keys of the first 100 name
 * the columns). Other files (.npy, .npz, a JSON object of arrays) have no records to split.
 *
 * Missing cells: an empty cell, `NA`, `N/A`, `null`, `NaN`, `None` (any case), JSON `null` or an absent key.
 * A row whose value or group is missing belongs to no group; rows of the two chosen groups whose value is
 * missing are dropped and counted.
 *
 * Value columns: every cell present is a number, at least two of them. Group columns: text, or whole
 * numbers with at most {@link MAX_NUMERIC_GROUPS} distinct values, or the year of a column of ISO dates
 * (`2012-01-01`, optionally with a time), offered as "year of date"; each needs two values that occur at
 * least twice (a column of distinct dates or identifiers cannot be split).
 */
import { DivergenceError } from '../core/errors';
import { parseCsv, type CsvDelimiter } from './csv';
import { parseDecimal } from './parseDecimal';

/** A cell: a number, a text, or null when missing. */
export type Cell = number | string | null;

export interface TableColumn {
  readonly name: string;
  readonly cells: readonly Cell[];
}

export interface RecordTable {
  readonly rows: number;
  readonly columns: readonly TableColumn[];
}

/** A numeric column to split. */
export interface ValueColumn {
  readonly index: number;
  readonly name: string;
  readonly numbers: number;
  readonly missing: number;
}

export interface Group {
  readonly key: string;
  /** Rows in the group (whatever their value). */
  readonly count: number;
}

/** A column to split by: its groups in order of first appearance. */
export interface GroupColumn {
  readonly index: number;
  /** The column's name, or "year of date" for the year of a date column. */
  readonly label: string;
  readonly kind: 'text' | 'numbers' | 'years';
  readonly groups: readonly Group[];
  /** Rows without a group (missing cell). */
  readonly missing: number;
}

export interface ColumnSplit {
  readonly p: Float64Array;
  readonly q: Float64Array;
  /** Rows of group P and of group Q left out because their value is missing. */
  readonly dropped: { readonly p: number; readonly q: number };
}

/** The group Quick Picks list at most this many groups: the largest, in order of first appearance. */
export const MAX_GROUPS_LISTED = 100;

/** Whole-number columns with more distinct values than this are measurements, not groups. */
export const MAX_NUMERIC_GROUPS = 50;

const MISSING_TEXT = new Set(['', 'na', 'n/a', 'null', 'nan', 'none']);
const ISO_DATE = /^(\d{4})-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function textCell(text: string): Cell {
  const t = text.trim();
  if (MISSING_TEXT.has(t.toLowerCase())) return null;
  const x = parseDecimal(t, 0, t.length);
  return x === undefined ? t : x;
}

/** The records of a CSV text that `parseCsv` has read (so it is well formed), each as its fields' texts. */
function csvRecords(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      let end = text.indexOf('"', i + 1);
      while (end >= 0 && text[end + 1] === '"') end = text.indexOf('"', end + 2);
      if (end < 0) end = text.length;
      field = text.slice(i + 1, end).replace(/""/g, '"');
      i = end + 1;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length > 0) records.push([...fields, field]);
  while (records.length > 0 && records[records.length - 1]!.every((f) => f.trim() === '')) records.pop();
  return records;
}

function csvTable(text: string, delimiter: CsvDelimiter): RecordTable {
  const parsed = parseCsv(text, { delimiter });
  const records = csvRecords(text, parsed.delimiter);
  const body = parsed.header ? records.slice(1) : records;
  return {
    rows: body.length,
    columns: parsed.columns.map((c) => ({
      name: parsed.header ? c.name : `column ${c.index}`,
      cells: body.map((r) => textCell(r[c.index] ?? '')),
    })),
  };
}

function jsonCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return MISSING_TEXT.has(v.trim().toLowerCase()) ? null : v;
  if (typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function jsonTable(text: string): RecordTable | undefined {
  let root: unknown;
  try {
    root = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
  const isRecord = (r: unknown): r is Record<string, unknown> => r !== null && typeof r === 'object' && !Array.isArray(r);
  if (!Array.isArray(root) || !root.some(isRecord)) return undefined;
  const keys = new Set<string>();
  for (const record of root.slice(0, 100)) if (isRecord(record)) Object.keys(record).forEach((k) => keys.add(k));
  return {
    rows: root.length,
    columns: [...keys].map((name) => ({ name, cells: root.map((r) => (isRecord(r) ? jsonCell(r[name]) : null)) })),
  };
}

/**
 * The table of a CSV/TSV file or of a JSON array of records; undefined for other files.
 * @throws DivergenceError as `parseCsv` does for a malformed CSV.
 */
export function recordTable(fileName: string, bytes: Uint8Array): RecordTable | undefined {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext !== 'csv' && ext !== 'tsv' && ext !== 'json') return undefined;
  const text = new TextDecoder('utf-8').decode(bytes);
  return ext === 'json' ? jsonTable(text) : csvTable(text, ext === 'tsv' ? '\t' : 'auto');
}

/** The columns whose present cells are all numbers (at least two). */
export function valueColumns(table: RecordTable): ValueColumn[] {
  return table.columns.flatMap((c, index) => {
    let numbers = 0;
    for (const cell of c.cells) {
      if (typeof cell === 'string') return [];
      if (cell !== null) numbers++;
    }
    return numbers >= 2 ? [{ index, name: c.name, numbers, missing: c.cells.length - numbers }] : [];
  });
}

/** A row's group in a column: its text, its number written out, or the year of its date; null when missing. */
export function groupKey(cell: Cell, kind: GroupColumn['kind']): string | null {
  if (cell === null) return null;
  return kind === 'years' ? String(cell).slice(0, 4) : String(cell);
}

function groupsOf(cells: readonly Cell[], kind: GroupColumn['kind']): { groups: Group[]; missing: number } {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const cell of cells) {
    const key = groupKey(cell, kind);
    if (key === null) missing++;
    else counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { groups: [...counts].map(([key, count]) => ({ key, count })), missing };
}

/** The columns a value column can be split by (see the module doc), with their groups. */
export function groupColumns(table: RecordTable): GroupColumn[] {
  const out: GroupColumn[] = [];
  table.columns.forEach((c, index) => {
    const present = c.cells.filter((x) => x !== null);
    const numeric = present.every((x) => typeof x === 'number');
    const kinds: [string, GroupColumn['kind']][] = [];
    if (!numeric) kinds.push([c.name, 'text']);
    else if (present.every((x) => Number.isInteger(x))) kinds.push([c.name, 'numbers']);
    if (present.length > 0 && present.every((x) => typeof x === 'string' && ISO_DATE.test(x))) kinds.push([`year of ${c.name}`, 'years']);
    for (const [label, kind] of kinds) {
      const { groups, missing } = groupsOf(c.cells, kind);
      if (kind === 'numbers' && groups.length > MAX_NUMERIC_GROUPS) continue;
      if (groups.filter((g) => g.count >= 2).length < 2) continue;
      out.push({ index, label, kind, groups, missing });
    }
  });
  return out;
}

/**
 * The values of column `value` in the rows of group `p` and in those of group `q` of `by`, in row order; rows
 * of either group whose value is missing are dropped and counted.
 * @throws DivergenceError `invalid-parameter` when `value` is not a numeric column of the table.
 */
export function splitColumn(table: RecordTable, value: number, by: GroupColumn, p: string, q: string): ColumnSplit {
  const values = table.columns[value];
  const groups = table.columns[by.index]!.cells;
  if (!values || values.cells.some((x) => typeof x === 'string')) {
    throw new DivergenceError('invalid-parameter', `column ${value} is not a column of numbers`);
  }
  const pv: number[] = [];
  const qv: number[] = [];
  const dropped = { p: 0, q: 0 };
  values.cells.forEach((cell, row) => {
    const key = groupKey(groups[row] ?? null, by.kind);
    const side = key === p ? 'p' : key === q ? 'q' : undefined;
    if (!side) return;
    if (cell === null) dropped[side]++;
    else (side === 'p' ? pv : qv).push(cell as number);
  });
  return { p: Float64Array.from(pv), q: Float64Array.from(qv), dropped };
}

/** The groups to list: all of them, or the {@link MAX_GROUPS_LISTED} largest, in order of first appearance. */
export function listedGroups(groups: readonly Group[], max = MAX_GROUPS_LISTED): Group[] {
  if (groups.length <= max) return [...groups];
  const kept = new Set([...groups].sort((a, b) => b.count - a.count).slice(0, max));
  return groups.filter((g) => kept.has(g));
}
