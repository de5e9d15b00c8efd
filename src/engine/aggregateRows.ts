/**
 * The result rows of the drift statements, as an engine returns them or a warehouse exports them (JSON
 * records or CSV with a header; column names in any case), read back into each column's two passes. Counts
 * may come as numbers, big integers or digit strings (BigQuery's JSON writes INT64 as strings).
 */
import { DivergenceError } from '../core/errors';
import type { ColumnPass1, ColumnPass2, SideAggregates } from '../drift/fromAggregates';
import { csvRecords } from '../drift/csvRecords';
import type { AggregateField } from './driftSql';

/** One result row: field -> value (string, number, bigint or null). */
export type AggregateRow = Readonly<Record<string, unknown>>;

/** Both passes of every column found in the rows, in the order the columns first appear. */
export interface ReadAggregates {
  readonly pass1: ColumnPass1[];
  readonly pass2: Map<string, ColumnPass2>;
}

function field(row: AggregateRow, name: AggregateField): unknown {
  for (const [k, v] of Object.entries(row)) if (k.toLowerCase() === name) return v;
  return undefined;
}

/** A number field, or undefined when absent, null or empty. */
function numberField(row: AggregateRow, name: AggregateField): number | undefined {
  const v = field(row, name);
  if (v === undefined || v === null || v === '') return undefined;
  const x = typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : typeof v === 'string' ? Number(v.trim()) : NaN;
  if (Number.isNaN(x)) throw new DivergenceError('parse-error', `aggregate row: ${name} is '${String(v)}', not a number`);
  return x;
}

function textField(row: AggregateRow, name: AggregateField): string | undefined {
  const v = field(row, name);
  return v === undefined || v === null ? undefined : String(v);
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new DivergenceError('parse-error', `aggregate row: no ${what}`);
  return value;
}

interface Partial1 {
  reference?: SideAggregates;
  current?: SideAggregates;
  distinct?: number;
}

interface Partial2 {
  bins?: { reference: number[]; current: number[] };
  values?: { reference: Map<number | string, number>; current: Map<number | string, number> };
  ks?: number;
  wasserstein?: number;
}

function sideOf(row: AggregateRow): 'reference' | 'current' {
  const side = textField(row, 'side');
  if (side !== 'reference' && side !== 'current') throw new DivergenceError('parse-error', `aggregate row: side is '${String(side)}', not reference or current`);
  return side;
}

function summary(row: AggregateRow): SideAggregates {
  const distinct = numberField(row, 'n_distinct');
  return {
    rows: need(numberField(row, 'n_rows'), 'n_rows'),
    present: need(numberField(row, 'n_present'), 'n_present'),
    ...(distinct === undefined ? {} : { distinct, min: numberField(row, 'min_value'), max: numberField(row, 'max_value'), std: numberField(row, 'std_value') }),
  };
}

/** Adds one row to its column's passes. */
function addRow(row: AggregateRow, p1: Partial1, p2: Partial2): void {
  const stat = textField(row, 'stat');
  switch (stat) {
    case 'summary':
      p1[sideOf(row)] = summary(row);
      return;
    case 'pooled':
      p1.distinct = need(numberField(row, 'n_distinct'), 'n_distinct');
      return;
    case 'bin': {
      p2.bins ??= { reference: [], current: [] };
      p2.bins[sideOf(row)][need(numberField(row, 'bin'), 'bin')] = need(numberField(row, 'cnt'), 'cnt');
      return;
    }
    case 'value': {
      p2.values ??= { reference: new Map(), current: new Map() };
      const key = numberField(row, 'num_key') ?? need(textField(row, 'text_key'), 'num_key or text_key');
      p2.values[sideOf(row)].set(key, need(numberField(row, 'cnt'), 'cnt'));
      return;
    }
    case 'cdf':
      p2.ks = need(numberField(row, 'ks'), 'ks');
      p2.wasserstein = need(numberField(row, 'wasserstein'), 'wasserstein');
      return;
    default:
      throw new DivergenceError('parse-error', `aggregate row: stat is '${String(stat)}', not summary, pooled, bin, value or cdf`);
  }
}

/** Bin counts as dense arrays over the bins both sides had (a bin nobody fell in is 0). */
function denseBins(bins: NonNullable<Partial2['bins']>): { reference: Float64Array; current: Float64Array } {
  const k = Math.max(bins.reference.length, bins.current.length);
  return { reference: Float64Array.from({ length: k }, (_, i) => bins.reference[i] ?? 0), current: Float64Array.from({ length: k }, (_, i) => bins.current[i] ?? 0) };
}

/**
 * The passes of every column in `rows` (both statements' rows may be mixed).
 *
 * @throws DivergenceError `parse-error` for a row that does not fit the layout, or a column with a side
 *   missing from pass 1.
 */
export function readAggregateRows(rows: readonly AggregateRow[]): ReadAggregates {
  const order: string[] = [];
  const first = new Map<string, Partial1>();
  const second = new Map<string, Partial2>();
  for (const row of rows) {
    const col = need(textField(row, 'col'), 'col');
    if (!first.has(col)) {
      order.push(col);
      first.set(col, {});
      second.set(col, {});
    }
    addRow(row, first.get(col)!, second.get(col)!);
  }
  const pass1: ColumnPass1[] = [];
  const pass2 = new Map<string, ColumnPass2>();
  for (const column of order) {
    const p = first.get(column)!;
    if (!p.reference || !p.current) throw new DivergenceError('parse-error', `the aggregates of column '${column}' lack the pass-1 summary of a side`);
    const numerical = p.reference.distinct !== undefined && p.current.distinct !== undefined;
    pass1.push({ column, type: numerical ? 'numerical' : 'categorical', reference: p.reference, current: p.current, ...(numerical ? { distinct: p.distinct } : {}) });
    const q = second.get(column)!;
    pass2.set(column, { ...(q.bins ? { bins: denseBins(q.bins) } : {}), ...(q.values ? { values: q.values } : {}), ks: q.ks, wasserstein: q.wasserstein });
  }
  return { pass1, pass2 };
}

/** Rows from an exported file: a JSON array of records (or one record per line), or CSV with a header. */
export function parseAggregateText(text: string, format: 'json' | 'csv'): AggregateRow[] {
  if (format === 'csv') {
    const [header, ...records] = csvRecords(text, ',').filter((r) => !(r.length === 1 && r[0] === ''));
    if (!header) return [];
    return records.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), r[i] === '' ? null : r[i]])));
  }
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('[')) return JSON.parse(trimmed) as AggregateRow[];
    return trimmed.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as AggregateRow);
  } catch (e) {
    throw new DivergenceError('parse-error', `aggregates: not JSON records (${e instanceof Error ? e.message : String(e)})`);
  }
}
