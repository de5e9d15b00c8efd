/**
 * The drift report of big table files for the Drift view, with bounded memory: the report by
 * `driftReportOfFiles` / `driftReportOfSplitFile` (a few columns at a time), then each reported column's chart
 * from a second pass that reads the columns again a few at a time (the report keeps no column values, and the
 * chart needs them: Sturges' edges over the pooled values, the value counts, the ECDFs of KS). Pure (no vscode).
 */
import {
  driftColumnChart,
  driftReportOfFiles,
  driftReportOfSplitFile,
  openColumnSource,
  splitTable,
  type DriftColumnChart,
  type DriftFile,
  type DriftFilesOptions,
  type DriftFilesReport,
  type DriftReport,
  type DriftTable,
  type ReadControl,
  type TableSplit,
} from '../drift';
import { throwIfCancelled } from '../data/table';

/** Two files, or one file split by a column's values. */
export type PiecewiseInputs =
  | { readonly kind: 'files'; readonly reference: DriftFile; readonly current: DriftFile }
  | { readonly kind: 'split'; readonly file: DriftFile; readonly split: TableSplit };

export interface PiecewiseDrift extends DriftFilesReport {
  readonly charts: readonly DriftColumnChart[];
}

const DEFAULT_MEMORY_BYTES = 512 * 1024 * 1024;
/** Bytes a row of a column read takes, as `driftReportOfFiles` counts them (a double or a string reference, and a missing flag). */
const STORED_BYTES_PER_ROW = 9;
/** Bytes a row of the column being charted takes besides: its present values, the pooled and sorted copies. */
const WORKING_BYTES_PER_ROW = 48;

/** Reads some columns of both sides. */
type PairReader = (names: readonly string[], control: ReadControl) => Promise<{ reference: DriftTable; current: DriftTable }>;

/** Columns per pass of `rows` rows (both sides) within the options' memory, at least 1: the budget of `driftReportOfFiles`. */
export function chartColumnsPerPass(options: DriftFilesOptions, rows: number): number {
  if (options.columnsPerPass !== undefined) return Math.max(1, Math.floor(options.columnsPerPass));
  const budget = (options.memoryBytes ?? DEFAULT_MEMORY_BYTES) - WORKING_BYTES_PER_ROW * rows;
  return Math.max(1, Math.floor(budget / (STORED_BYTES_PER_ROW * Math.max(1, rows))));
}

/** Each reported column's chart, its columns read a few at a time (progress 0 to 1 over the passes). */
async function chartsInPasses(report: DriftReport, rows: number, readPair: PairReader, options: DriftFilesOptions): Promise<DriftColumnChart[]> {
  const size = chartColumnsPerPass(options, rows);
  const passes = Math.ceil(report.columns.length / size);
  const charts: DriftColumnChart[] = [];
  for (let p = 0; p < passes; p++) {
    throwIfCancelled(options, 'the tables');
    const batch = report.columns.slice(p * size, (p + 1) * size);
    const onProgress = (f: number) => options.onProgress?.((p + f) / passes);
    const { reference, current } = await readPair(
      batch.map((c) => c.column),
      { onProgress, isCancelled: options.isCancelled, pieceBytes: options.pieceBytes },
    );
    batch.forEach((c, k) => charts.push(driftColumnChart(reference.columns[k]!, current.columns[k]!, c)));
  }
  options.onProgress?.(1);
  return charts;
}

/**
 * The report and the charts of `inputs`: the same as `driftReport` and `driftColumnChart` of the whole tables.
 * Progress: the report is the first half of the work, the charts the second.
 *
 * @throws as `driftReportOfFiles`; a 'usage' DivergenceError when cancelled.
 */
export async function piecewiseDrift(inputs: PiecewiseInputs, options: DriftFilesOptions): Promise<PiecewiseDrift> {
  const half = (from: number) => (f: number) => options.onProgress?.(from + f / 2);
  let drift: DriftFilesReport;
  let readPair: PairReader;
  if (inputs.kind === 'files') {
    drift = await driftReportOfFiles(inputs.reference, inputs.current, { ...options, onProgress: half(0) });
    const ref = await openColumnSource(inputs.reference, options);
    const cur = await openColumnSource(inputs.current, options);
    readPair = async (names, control) => {
      const part = (from: number) => (f: number) => control.onProgress?.((from + f) / 2);
      return { reference: await ref.read(names, { ...control, onProgress: part(0) }), current: await cur.read(names, { ...control, onProgress: part(1) }) };
    };
  } else {
    const { split } = inputs;
    drift = await driftReportOfSplitFile(inputs.file, split, { ...options, onProgress: half(0) });
    const source = await openColumnSource(inputs.file, options);
    readPair = async (names, control) => splitTable(await source.read([split.column, ...names], control), split);
  }
  const charts = await chartsInPasses(drift.report, drift.rows.reference + drift.rows.current, readPair, { ...options, onProgress: half(0.5) });
  return { ...drift, charts };
}
