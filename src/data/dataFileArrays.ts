/**
 * Every numeric array a data file offers, for "Compare Columns of Data File…": CSV/TSV columns, JSON arrays
 * (top level, under a key, or a field of each record), .npy arrays (rows of a 2-D one), .npz members.
 * Pure: it takes the file's name and bytes.
 */
import { DivergenceError, isDivergenceError } from '../core/errors';
import { parseCsv } from './csv';
import { jsonArray } from './json';
import { parseNpy } from './npy';
import { listNpz, npzArray } from './npz';

export interface DataArray {
  /** What to pick it by: a column name, a key, "row 2", "member:row". */
  readonly label: string;
  /** A short description ("1461 values", "1461 values, 2 missing skipped"). */
  readonly description: string;
  readonly values: Float64Array;
}

/** Rows of a 2-D array and whole 1-D arrays are offered; more than this many rows are not listed. */
const MAX_ROWS_LISTED = 1000;

function describe(values: Float64Array, extra = ''): string {
  return `${values.length} values${extra}`;
}

function rowsOf(prefix: string, values: Float64Array, shape: readonly number[]): DataArray[] {
  if (shape.length < 2) return [{ label: prefix || 'array', description: describe(values), values }];
  const [rows, cols] = shape as [number, number];
  const out: DataArray[] = [];
  for (let r = 0; r < Math.min(rows, MAX_ROWS_LISTED); r++) {
    const row = values.slice(r * cols, (r + 1) * cols);
    out.push({ label: `${prefix ? `${prefix}:` : ''}row ${r}`, description: describe(row), values: row });
  }
  return out;
}

function decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

function csvArrays(text: string, delimiter: ',' | '\t' | 'auto'): DataArray[] {
  const table = parseCsv(text, { delimiter });
  return table.columns
    .filter((c) => c.values !== null)
    .map((c) => ({ label: c.name, description: `${describe(c.values!)} (column ${c.index})`, values: c.values! }));
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

/** The numeric arrays in a data file, by its extension. */
export function listDataArrays(fileName: string, bytes: Uint8Array): DataArray[] {
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
      return rowsOf('', a.values, a.shape);
    }
    case 'npz':
      return listNpz(bytes).flatMap((name) => {
        const a = npzArray(bytes, name);
        return rowsOf(name, a.values, a.shape);
      });
    default:
      throw new DivergenceError('unsupported-file', `${fileName}: .${ext} files are not data files this command reads (.csv, .tsv, .json, .npy, .npz)`);
  }
}
