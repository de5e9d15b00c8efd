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
import { csvCell, CsvRecordStream, DriftColumnBuilder } from './csvRecords';
import type { DriftColumn, DriftTable } from './driftColumn';

export { MISSING_TEXT } from './csvRecords';

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

/** Reads CSV records into columns: the first record names them, every other must be as long. */
export class CsvColumnsReader {
  private names: string[] | undefined;
  private builders: (DriftColumnBuilder | undefined)[] = [];
  private rows = 0;
  readonly records: CsvRecordStream;

  /** `wanted`: the names of the columns to keep (all when undefined; for a repeated name, its last column). */
  constructor(delimiter: ',' | '\t', private readonly wanted?: readonly string[]) {
    this.records = new CsvRecordStream(delimiter, (fields) => this.record(fields));
  }

  /** The header's names, once the first record is read. */
  get header(): readonly string[] | undefined {
    return this.names;
  }

  table(): DriftTable {
    if (this.names === undefined) throw new DivergenceError('empty-input', 'the file is empty');
    const columns = this.builders.filter((b): b is DriftColumnBuilder => b !== undefined).map((b) => b.column());
    return { rows: this.rows, columns };
  }

  private record(fields: string[]): void {
    if (this.names === undefined) {
      const names = fields.map((n) => n.trim());
      this.names = names;
      const keep = (name: string, k: number) => (this.wanted === undefined ? true : this.wanted.includes(name) && names.lastIndexOf(name) === k);
      this.builders = names.map((name, k) => (keep(name, k) ? new DriftColumnBuilder(name) : undefined));
      return;
    }
    const r = ++this.rows;
    if (fields.length !== this.names.length) {
      throw new DivergenceError('parse-error', `data row ${r}: ${fields.length} fields where the header has ${this.names.length}`, { line: r + 1 });
    }
    for (let k = 0; k < fields.length; k++) this.builders[k]?.add(csvCell(fields[k]!));
  }
}

/** A CSV/TSV text with a header row as a table (see the module doc). */
export function csvTable(text: string, delimiter: ',' | '\t' = ','): DriftTable {
  const reader = new CsvColumnsReader(delimiter);
  reader.records.feed(text, true);
  return reader.table();
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
