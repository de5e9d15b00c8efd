/**
 * The one column type of the table readers (Parquet, Arrow IPC): a column is numeric (float64 values) or
 * categorical (strings), with the rows that were null removed and their indices kept, so that two columns of
 * one table can be paired by dropping every row where either is null (`dropNullRows`).
 */
import { DivergenceError } from '../core/errors';

/** How a column is stored in its file and how it is read. */
export interface TableColumnInfo {
  /** The column's name (a top-level field of the table). */
  readonly name: string;
  /** The file's own type: Parquet physical type ('INT32', 'BYTE_ARRAY', ...) or Arrow type ('Int32', 'Utf8', ...). */
  readonly physicalType: string;
  /** The logical/converted type when the file gives one ('INTEGER(8, unsigned)', 'DECIMAL(9, 2)', 'STRING'). */
  readonly logicalType?: string;
  /** How the readers return it; 'unsupported' columns (nested, temporal, binary) are listed but refused. */
  readonly kind: 'numeric' | 'categorical' | 'unsupported';
  /** Whether the schema allows nulls. */
  readonly nullable: boolean;
  /** Nulls in the whole column, when the file's statistics give them for every row group / batch. */
  readonly nullCount?: number;
  /** Rows of the table. */
  readonly rowCount: number;
}

interface ColumnBase {
  readonly name: string;
  /** Rows of the table the column was read from (values plus nulls). */
  readonly rowCount: number;
  /** 0-based table row index of every null, ascending; `values` holds the other rows in order. */
  readonly nullRows: Uint32Array;
}

export interface NumericColumn extends ColumnBase {
  readonly kind: 'numeric';
  readonly values: Float64Array;
}

/** Booleans become 'true'/'false'; strings are kept as they are. */
export interface CategoricalColumn extends ColumnBase {
  readonly kind: 'categorical';
  readonly values: string[];
}

export type TableColumn = NumericColumn | CategoricalColumn;

/** Progress and cancellation of a read; `onProgress` is called after each row group / record batch. */
export interface TableReadOptions {
  /** Called with the rows read so far and the table's rows. */
  readonly onProgress?: (rowsDone: number, rowsTotal: number) => void;
  /** Checked before each row group / batch; when it returns true the read throws a 'usage' DivergenceError. */
  readonly isCancelled?: () => boolean;
}

/** An async reader of byte ranges of a file, so a file larger than memory is read piece by piece. */
export interface ByteRangeReader {
  readonly byteLength: number;
  /** Bytes [start, end) of the file; `end` is at most `byteLength`. */
  read(start: number, end: number): Promise<Uint8Array>;
}

/** A reader over bytes already in memory. */
export function bytesReader(bytes: Uint8Array | ArrayBuffer): ByteRangeReader {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return { byteLength: b.length, read: async (start, end) => b.subarray(start, end) };
}

/** A message on one line: column names and decoder messages from a file may hold line breaks. */
export function oneLine(message: string): string {
  return message.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** Throws the 'usage' error of a cancelled read. */
export function throwIfCancelled(options: TableReadOptions, what: string): void {
  if (options.isCancelled?.() === true) throw new DivergenceError('usage', `reading ${what} was cancelled`);
}

/**
 * A decoded cell as a double: numbers as they are; 64-bit integers (bigint) when within ±2^53, where every
 * integer is exact; beyond, a 'invalid-value' error naming the cell (`where`), as rounding would merge distinct
 * ids or counts silently.
 */
export function exactNumber(v: unknown, where: () => string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') {
    if (v > 9007199254740992n || v < -9007199254740992n) {
      throw new DivergenceError('invalid-value', oneLine(`${where()} is ${v}, beyond ±2^53 where a double is no longer exact; the column is refused rather than rounded`));
    }
    return Number(v);
  }
  throw new DivergenceError('parse-error', oneLine(`${where()} is not a number`));
}

/**
 * Keeps the rows where every column has a value: each column's values at the rows no column has as a null,
 * in row order. All columns must come from one table (the same `rowCount`).
 */
export function dropNullRows<T extends TableColumn>(columns: readonly T[]): T[] {
  const rowCount = columns[0]?.rowCount ?? 0;
  for (const c of columns) {
    if (c.rowCount !== rowCount) {
      throw new DivergenceError('length-mismatch', oneLine(`column '${c.name}' has ${c.rowCount} rows and column '${columns[0]!.name}' has ${rowCount}`));
    }
  }
  const dropped = new Uint8Array(rowCount);
  for (const c of columns) for (const r of c.nullRows) dropped[r] = 1;
  const union = Uint32Array.from(dropped.keys()).filter((r) => dropped[r] === 1);
  return columns.map((c) => {
    const keep: number[] = [];
    let n = 0;
    let v = 0;
    for (let row = 0; row < rowCount; row++) {
      if (n < c.nullRows.length && c.nullRows[n] === row) {
        n++;
        continue;
      }
      if (dropped[row] === 0) keep.push(v);
      v++;
    }
    const values = c.kind === 'numeric' ? Float64Array.from(keep, (i) => c.values[i]!) : keep.map((i) => (c.values as string[])[i]!);
    return { ...c, values, nullRows: union } as T;
  });
}

/** Category counts of one or two categorical columns over the sorted union of their categories. */
export interface CategoryFrequencies {
  /** Every category seen in either column, sorted by UTF-16 code units (deterministic, locale-free). */
  readonly categories: string[];
  /** counts[i] = occurrences of categories[i] in the first column. */
  readonly countsA: Float64Array;
  /** The same for the second column (all zeros when there is none). */
  readonly countsB: Float64Array;
}

/**
 * Aligns the categories of two categorical columns by value: count vectors over the union of their
 * categories, in one sorted order, ready for entropy (countsA) or a divergence (countsA vs countsB). A
 * category in one column only has count 0 in the other (so KL(A‖B) is +Infinity there: no smoothing here).
 * Nulls are not categories (they are in `nullRows`, not `values`).
 * @example categoryFrequencies(['a','b','a'], ['b','c']) // categories ['a','b','c'], countsA [2,1,0], countsB [0,1,1]
 */
export function categoryFrequencies(a: readonly string[] | CategoricalColumn, b?: readonly string[] | CategoricalColumn): CategoryFrequencies {
  const va = 'kind' in a ? a.values : a;
  const vb = b === undefined ? [] : 'kind' in b ? b.values : b;
  const countA = new Map<string, number>();
  const countB = new Map<string, number>();
  for (const v of va) countA.set(v, (countA.get(v) ?? 0) + 1);
  for (const v of vb) countB.set(v, (countB.get(v) ?? 0) + 1);
  const categories = [...new Set([...countA.keys(), ...countB.keys()])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return {
    categories,
    countsA: Float64Array.from(categories, (c) => countA.get(c) ?? 0),
    countsB: Float64Array.from(categories, (c) => countB.get(c) ?? 0),
  };
}
