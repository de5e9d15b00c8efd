/**
 * Every numeric array a data file offers, for "Compare Columns of Data File…": CSV/TSV columns, JSON arrays
 * (top level, under a key, or a field of each record), .npy arrays (rows of a 2-D one), .npz members.
 * Pure: it takes the file's name and bytes (and the names of a .npy's rows, from its sidecar file).
 *
 * Rows are named where the file names them: an .npz member `names` (strings, one per row) names the rows of
 * every 2-D member with that many rows, and is not listed itself; a .npy's sidecar `<stem>.names.txt` (one
 * name a line, see `sidecarNames`) names its rows. Otherwise a row is "row 3 of 5" (0-based, as NumPy
 * indexes). Names are used only when there is one per row.
 */
import { DivergenceError, isDivergenceError } from '../core/errors';
import { parseCsv } from './csv';
import { jsonArray } from './json';
import { parseNpy } from './npy';
import { listNpz, npzArray, npzStrings } from './npz';

export interface DataArray {
  /** What to pick it by: a column name, a key, "row 2", "member:row". */
  readonly label: string;
  /** A short description ("1461 values", "1461 values, 2 missing skipped"). */
  readonly description: string;
  readonly values: Float64Array;
}

/** Rows of a 2-D array and whole 1-D arrays are offered; more than this many rows are not listed. */
const MAX_ROWS_LISTED = 1000;

/** The .npz member that names the rows of the others. */
export const NPZ_NAMES_MEMBER = 'names';

function describe(values: Float64Array, extra = ''): string {
  return `${values.length} numbers${extra}`;
}

function rowsOf(prefix: string, values: Float64Array, shape: readonly number[], names?: readonly string[]): DataArray[] {
  if (shape.length < 2) return [{ label: prefix || 'array', description: describe(values), values }];
  const [rows, cols] = shape as [number, number];
  const named = names?.length === rows ? names : undefined;
  const out: DataArray[] = [];
  for (let r = 0; r < Math.min(rows, MAX_ROWS_LISTED); r++) {
    const row = values.slice(r * cols, (r + 1) * cols);
    const position = `row ${r} of ${rows}`;
    const label = named ? named[r]! : position;
    out.push({ label: `${prefix ? `${prefix}:` : ''}${label}`, description: describe(row, named ? `, ${position}` : ''), values: row });
  }
  return out;
}

/** The row names of a `<stem>.names.txt` sidecar: one a line, trimmed; blank lines at the end ignored. */
export function sidecarNames(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/).map((l) => l.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

function csvArrays(text: string, delimiter: ',' | '\t' | 'auto'): DataArray[] {
  const table = parseCsv(text, { delimiter });
  return table.columns
    .filter((c) => c.values !== null)
    .map((c) => ({ label: c.name, description: `${describe(c.values!)}, column ${c.index + 1} of ${table.columns.length}`, values: c.values! }));
}

function jsonArrays(text: string): DataArray[] {
  try {
    const top = jsonArray(text);
    return rowsOf('', top.values, top.shape);
  } catch (e) {
    if (!isDivergenceError(e)) throw e;
  }
  let root: unknown;
  try {
    root = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    jsonArray(text); // throws the parse-error with its line and column
  }
  const keys = new Set<string>();
  if (Array.isArray(root)) {
    for (const record of root.slice(0, 100)) {
      if (record && typeof record === 'object' && !Array.isArray(record)) Object.keys(record).forEach((k) => keys.add(k));
    }
  } else if (root && typeof root === 'object') {
    Object.keys(root).forEach((k) => keys.add(k));
  }
  const out: DataArray[] = [];
  for (const key of keys) {
    if (key.includes('.')) continue; // a dotted key cannot be named by a key path
    try {
      const a = jsonArray(text, key, { missing: 'skip' });
      if (a.values.length === 0) continue;
      const skipped = a.skipped > 0 ? `, ${a.skipped} missing skipped` : '';
      if (a.shape.length === 2) out.push(...rowsOf(key, a.values, a.shape));
      else out.push({ label: key, description: describe(a.values, skipped), values: a.values });
    } catch (e) {
      if (!isDivergenceError(e)) throw e;
    }
  }
  return out;
}

/** The numeric arrays in a data file, by its extension; `rowNames` name a .npy's rows (from its sidecar). */
export function listDataArrays(fileName: string, bytes: Uint8Array, rowNames?: readonly string[]): DataArray[] {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  switch (ext) {
    case 'csv':
      return csvArrays(decode(bytes), 'auto');
    case 'tsv':
      return csvArrays(decode(bytes), '\t');
    case 'json':
      return jsonArrays(decode(bytes));
    case 'npy': {
      const a = parseNpy(bytes);
      return rowsOf('', a.values, a.shape, rowNames);
    }
    case 'npz': {
      const names = npzStrings(bytes, NPZ_NAMES_MEMBER);
      return listNpz(bytes).flatMap((name) => {
        if (names && name === NPZ_NAMES_MEMBER) return [];
        const a = npzArray(bytes, name);
        return rowsOf(name, a.values, a.shape, names);
      });
    }
    default:
      throw new DivergenceError('unsupported-file', `${fileName}: .${ext} files are not data files this command reads (.csv, .tsv, .json, .npy, .npz)`);
  }
}
