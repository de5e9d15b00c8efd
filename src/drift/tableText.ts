/**
 * Tables for the drift report from text: CSV/TSV with a header row, and JSON arrays of records.
 *
 * - Missing cells: an absent field or `null` in JSON; in CSV an empty cell or one of {@link MISSING_TEXT}
 *   (spaces around a cell ignored). A non-finite number (`inf`, `NaN`) is missing too: the report drops
 *   missing cells before testing and counts them.
 * - A column is numeric when every cell that is not missing is a number (CSV: the grammar of
 *   `parseDecimal`; JSON: a number, not a string of digits), else categorical: its cells as text (JSON
 *   `true`/`false` as those words, numbers as `String` writes them).
 * - CSV: RFC 4180 quoting (`"a,b"`, `""` for a quote), records ending in `\n`, `\r\n` or `\r`, the
 *   delimiter `,` or a tab; every record as long as the header, blank lines at the end ignored.
 */
import { DivergenceError } from '../core/errors';
import { parseDecimal } from '../data/parseDecimal';
import type { DriftColumn, DriftTable } from './driftColumn';

/** CSV cells read as missing (as pandas' default `na_values` does for these spellings). */
export const MISSING_TEXT: ReadonlySet<string> = new Set(['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None']);

/** The cells of a column: a number, a string, or undefined for a missing cell. */
type Cell = number | string | undefined;

function columnOf(name: string, cells: readonly Cell[]): DriftColumn {
  const missing = Uint8Array.from(cells, (c) => (c === undefined ? 1 : 0));
  if (cells.every((c) => typeof c !== 'string')) {
    return { kind: 'numeric', name, values: Float64Array.from(cells, (c) => (c === undefined ? 0 : (c as number))), missing };
  }
  return { kind: 'categorical', name, values: cells.map((c) => (c === undefined ? '' : String(c))), missing };
}

/** A number, or undefined for a non-finite one (a missing cell). */
function finiteOrMissing(x: number): number | undefined {
  return Number.isFinite(x) ? x : undefined;
}

/** The records of a CSV text as arrays of unquoted fields. */
export function csvRecords(text: string, delimiter: ',' | '\t'): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const endRecord = () => {
    record.push(field);
    records.push(record);
    record = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      const start = i;
      const startLine = line;
      i++;
      for (;;) {
        if (i >= text.length) {
          throw new DivergenceError('parse-error', `line ${startLine}: a quoted field opened here is never closed`, { line: startLine, offset: start });
        }
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (text[i] === '\n') line++;
        field += text[i]!;
        i++;
      }
      continue;
    }
    if (ch === delimiter) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== '' || record.length > 0) endRecord();
  while (records.length > 0 && records[records.length - 1]!.every((f) => f.trim() === '')) records.pop();
  return records;
}

/** A CSV/TSV text with a header row as a table (see the module doc). */
export function csvTable(text: string, delimiter: ',' | '\t' = ','): DriftTable {
  const records = csvRecords(text, delimiter);
  if (records.length === 0) throw new DivergenceError('empty-input', 'the file is empty');
  const names = records[0]!.map((n) => n.trim());
  const width = names.length;
  const cells: Cell[][] = names.map(() => []);
  for (let r = 1; r < records.length; r++) {
    const record = records[r]!;
    if (record.length !== width) {
      throw new DivergenceError('parse-error', `data row ${r}: ${record.length} fields where the header has ${width}`, { line: r + 1 });
    }
    for (let k = 0; k < width; k++) {
      const text = record[k]!;
      const trimmed = text.trim();
      const number = MISSING_TEXT.has(trimmed) ? undefined : parseDecimal(text, 0, text.length);
      cells[k]!.push(MISSING_TEXT.has(trimmed) ? undefined : number === undefined ? trimmed : finiteOrMissing(number));
    }
  }
  return { rows: records.length - 1, columns: names.map((name, k) => columnOf(name, cells[k]!)) };
}

/**
 * A JSON array of records (objects) as a table: its columns are the fields of all records, in the order
 * they first appear (see the module doc).
 */
export function jsonRecordsTable(text: string): DriftTable {
  let root: unknown;
  try {
    root = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new DivergenceError('parse-error', `this is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!Array.isArray(root)) throw new DivergenceError('parse-error', 'a drift report needs a JSON array of records (objects)');
  const names: string[] = [];
  const seen = new Set<string>();
  root.forEach((record: unknown, index) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new DivergenceError('parse-error', `record ${index} is not an object: a drift report needs an array of records`, { index });
    }
    for (const key of Object.keys(record)) {
      if (!seen.has(key)) names.push(key);
      seen.add(key);
    }
  });
  const records = root as Record<string, unknown>[];
  const columns = names.map((name) => {
    const cells = records.map((record, index): Cell => {
      const v = record[name];
      if (v === undefined || v === null) return undefined;
      if (typeof v === 'number') return finiteOrMissing(v);
      if (typeof v === 'string' || typeof v === 'boolean') return String(v);
      throw new DivergenceError('parse-error', `record ${index}, field '${name}': a ${Array.isArray(v) ? 'list' : 'object'} is not a cell`, { index });
    });
    return columnOf(name, cells);
  });
  return { rows: records.length, columns };
}
