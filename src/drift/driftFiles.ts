/**
 * The drift report of table files too big to hold whole: the compared columns are read a few at a time from
 * each file (./tableSources.ts) and each column's result is computed by the same `columnDrift` as
 * `driftReport`, so the report equals the whole-table report exactly. Memory: the k columns of one pass on
 * both sides and the working copies of the column being tested, about (9k + 48) bytes a row of both sides
 * together, never the whole table; k is chosen to fit `memoryBytes` (at least 1).
 */
import { throwIfCancelled } from '../data/table';
import type { DriftTable } from './driftColumn';
import { assembleReport, checkedDriftShare, columnDrift, reportColumnNames, type BySide, type ColumnDrift, type DriftOptions, type DriftReport } from './driftReport';
import { splitTable, unknownSplitColumn, type TableSplit } from './splitTable';
import { openColumnSource, type ColumnSource, type DriftFile, type ReadControl } from './tableSources';

export interface DriftFilesOptions extends DriftOptions {
  /** Called with the fraction of the work done (0 to 1) after each piece, row group or column pass. */
  readonly onProgress?: (fraction: number) => void;
  /** Checked between pieces and row groups: when it returns true the report throws a 'usage' DivergenceError. */
  readonly isCancelled?: () => boolean;
  /**
   * Columns read per pass over the files (default: as many as fit `memoryBytes`, at least 1). Fewer passes
   * read a CSV file fewer times; each column of a pass holds about 9 bytes a row on each side.
   */
  readonly columnsPerPass?: number;
  /** The memory a pass may take, (9k + 48) bytes a row for k columns (default 512 MiB), when `columnsPerPass` is not given. */
  readonly memoryBytes?: number;
  /** Bytes of CSV text read per piece (default 1 MiB). */
  readonly pieceBytes?: number;
}

export interface DriftFilesReport {
  readonly report: DriftReport;
  /** Rows of each side (missing cells included). */
  readonly rows: BySide;
  /** Columns of a columnar file that no drift test applies to, with their file types (of both files, each once). */
  readonly skipped: readonly { readonly name: string; readonly type: string }[];
}

const DEFAULT_MEMORY_BYTES = 512 * 1024 * 1024;
/** Bytes a row of a column read takes (a double or a string reference, and a missing flag). */
const STORED_BYTES_PER_ROW = 9;
/** Bytes a row of the one column being tested takes besides: its present values, sorted copies and the kernels' copies. */
const WORKING_BYTES_PER_ROW = 48;

/** How the columns are read: the rows of both sides together (an estimate) and the order of the passes. */
interface PassPlan {
  readonly rows: number;
  readonly order?: (names: readonly string[]) => string[];
}

/** Reads the reference and current sides of some columns. */
type PairReader = (names: readonly string[], control: ReadControl) => Promise<{ reference: DriftTable; current: DriftTable }>;

function perPass(options: DriftFilesOptions, rows: number): number {
  if (options.columnsPerPass !== undefined) return Math.max(1, Math.floor(options.columnsPerPass));
  const budget = (options.memoryBytes ?? DEFAULT_MEMORY_BYTES) - WORKING_BYTES_PER_ROW * rows;
  return Math.max(1, Math.floor(budget / (STORED_BYTES_PER_ROW * Math.max(1, rows))));
}

/** The report, its columns read in passes (in the reference's pass order; the report keeps the names' order). */
async function reportInPasses(
  referenceNames: readonly string[],
  currentNames: readonly string[],
  plan: PassPlan,
  readPair: PairReader,
  options: DriftFilesOptions,
): Promise<{ report: DriftReport; rows: BySide }> {
  const driftShare = checkedDriftShare(options);
  const names = reportColumnNames(referenceNames, currentNames, options);
  const compared = names.filter((n) => referenceNames.includes(n) && currentNames.includes(n));
  const both = plan.order?.(compared) ?? compared;
  const size = perPass(options, plan.rows);
  const passes = Math.max(1, Math.ceil(both.length / size));
  const results = new Map<string, ColumnDrift | undefined>();
  let rows: BySide | undefined;
  /** Progress never goes back (a CSV read may take a second pass over the file, from 0 again). */
  let reported = 0;
  for (let p = 0; p < passes; p++) {
    throwIfCancelled(options, 'the tables');
    const batch = both.slice(p * size, (p + 1) * size);
    const onProgress = (f: number) => {
      reported = Math.max(reported, (p + f) / passes);
      options.onProgress?.(reported);
    };
    const { reference, current } = await readPair(batch, { onProgress, isCancelled: options.isCancelled, pieceBytes: options.pieceBytes });
    rows ??= { reference: reference.rows, current: current.rows };
    batch.forEach((name, k) => results.set(name, columnDrift(name, reference.columns[k]!, current.columns[k]!, reference.rows, options)));
  }
  options.onProgress?.(1);
  return { report: assembleReport(names, referenceNames, currentNames, results, driftShare), rows: rows! };
}

/**
 * The drift report of the table in `current` against the one in `reference`, read a few columns at a time:
 * the same report as `driftReport` of the two whole tables.
 *
 * @throws DivergenceError as `driftReport`; a reader's error for a file it cannot read; `usage` when cancelled.
 */
export async function driftReportOfFiles(reference: DriftFile, current: DriftFile, options: DriftFilesOptions = {}): Promise<DriftFilesReport> {
  const ref = await openColumnSource(reference, options);
  const cur = await openColumnSource(current, options);
  const readPair: PairReader = async (names, control) => {
    const half = (f: number) => (g: number) => control.onProgress?.((f + g) / 2);
    return {
      reference: await ref.read(names, { ...control, onProgress: half(0) }),
      current: await cur.read(names, { ...control, onProgress: half(1) }),
    };
  };
  const plan = { rows: ref.rowsEstimate + cur.rowsEstimate, order: ref.passOrder };
  const { report, rows } = await reportInPasses(ref.names, cur.names, plan, readPair, options);
  const skipped = [...ref.skipped, ...cur.skipped.filter((c) => !ref.skipped.some((r) => r.name === c.name && r.type === c.type))];
  return { report, rows, skipped };
}

/**
 * The drift report of one table file split by a column's values (see `splitTable`), read a few columns at a
 * time together with the split column: the same report as `driftReport` of the split whole table.
 */
export async function driftReportOfSplitFile(file: DriftFile, split: TableSplit, options: DriftFilesOptions = {}): Promise<DriftFilesReport> {
  const source: ColumnSource = await openColumnSource(file, options);
  const names = source.names.filter((n) => n !== split.column);
  const readPair: PairReader = async (wanted, control) => splitTable(await source.read([split.column, ...wanted], control), split);
  if (!source.names.includes(split.column)) throw unknownSplitColumn(split, source.names);
  const { report, rows } = await reportInPasses(names, names, { rows: source.rowsEstimate, order: source.passOrder }, readPair, options);
  return { report, rows, skipped: source.skipped };
}
