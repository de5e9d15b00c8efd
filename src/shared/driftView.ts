/**
 * The drift report as the panel's Drift view and the saved report show it: the report in the layout of
 * `divergence drift --json` (so that Save Report's JSON is that layout), the chart data of each column
 * (src/drift/driftCharts.ts computes it; the shapes here are the same), and the texts both the webview and
 * the saved HTML write. Pure: no vscode, no DOM.
 */
import { formatSignificant } from './format';

/** One column of the report, as `divergence drift --json` writes it. */
export interface DriftColumnView {
  readonly column: string;
  /** Numerical when every non-missing cell of both sides is a number. */
  readonly type: 'numerical' | 'categorical';
  /** A name of `--test` (never an alias). */
  readonly test: string;
  /** A p-value (KS, chi-square, z) or a distance; see {@link driftRelation} for how it meets the threshold. */
  readonly score: number;
  readonly threshold: number;
  readonly drifted: boolean;
  /** Missing cells of each side (dropped before testing), and all cells of each side. */
  readonly missing: { readonly reference: number; readonly current: number };
  readonly rows: { readonly reference: number; readonly current: number };
  /** Distinct values of both sides together. */
  readonly distinct: number;
  readonly bins?: { readonly rule: 'sturges' | 'values'; readonly count: number };
  readonly filled_bins?: number;
  readonly measures?: { readonly [test: string]: number };
}

/** The whole report, as `divergence drift --json` writes it (paths are the files' names here). */
export interface DriftReportJson {
  readonly reference: { readonly path: string; readonly rows: number };
  readonly current: { readonly path: string; readonly rows: number };
  /** One file split by a column's values: "COL=A,B" as on the command line. */
  readonly split?: string;
  readonly columns: readonly DriftColumnView[];
  readonly only_in_reference: readonly string[];
  readonly only_in_current: readonly string[];
  readonly empty_columns: readonly string[];
  readonly drifted_columns: number;
  readonly columns_tested: number;
  readonly share_drifted: number;
  readonly drift_share: number;
  readonly dataset_drift: boolean;
}

export interface DriftChartView {
  readonly column: string;
  readonly n: { readonly reference: number; readonly current: number };
  readonly bins:
    | { readonly rule: 'sturges'; readonly edges: readonly number[]; readonly reference: readonly number[]; readonly current: readonly number[] }
    | {
        readonly rule: 'values';
        readonly values: readonly string[];
        readonly reference: readonly number[];
        readonly current: readonly number[];
        readonly others?: { readonly values: number; readonly reference: number; readonly current: number };
      };
  readonly ecdf?: {
    readonly reference: readonly { readonly x: number; readonly y: number }[];
    readonly current: readonly { readonly x: number; readonly y: number }[];
    readonly gap: { readonly at: number; readonly statistic: number; readonly reference: number; readonly current: number };
  };
}

/** What the Drift view shows: the report, how it was asked for, and each column's chart (same order). */
export interface DriftReportView {
  readonly report: DriftReportJson;
  /** The setting divergenceLens.drift.test ('auto' or a test's name) and the threshold set, if any. */
  readonly test: string;
  readonly threshold?: number;
  /** Columns of a columnar file no test applies to (nested, temporal, binary), with their types. */
  readonly skipped: readonly string[];
  readonly charts: readonly DriftChartView[];
  /** The engine that computed the report and the module it loaded ("DuckDB (…/lib/index.js)"); absent: in memory. */
  readonly engine?: string;
}

/** How a test's score is compared with its threshold: KS p ≤ t; chi-square and z p < t; distances score ≥ t. */
export function driftRelation(test: string): '≤' | '<' | '≥' {
  return test === 'ks' ? '≤' : test === 'chisquare' || test === 'z' ? '<' : '≥';
}

/** Whether the score is a p-value (KS, chi-square, z) rather than a distance. */
export function isPValueTest(test: string): boolean {
  return driftRelation(test) !== '≥';
}

const f = (x: number) => formatSignificant(x, 4);

/** "3 of 5 columns drifted (share 0.6 ≥ 0.5): dataset drift", the report's verdict in one line. */
export function driftSummary(r: DriftReportJson): string {
  const verdict = r.dataset_drift ? 'dataset drift' : 'no dataset drift';
  return `${r.drifted_columns} of ${r.columns_tested} columns drifted (share ${f(r.share_drifted)} ${r.share_drifted >= r.drift_share ? '≥' : '<'} ${r.drift_share}): ${verdict}`;
}

/** The thresholds used, each test with its comparison: "ks: p ≤ 0.05; wasserstein-normed: score ≥ 0.1". */
export function thresholdsText(view: DriftReportView): string {
  const used = new Map<string, number>();
  for (const c of view.report.columns) used.set(c.test, c.threshold);
  const tests = [...used].map(([test, t]) => `${test}: ${isPValueTest(test) ? 'p' : 'score'} ${driftRelation(test)} ${t}`).join('; ');
  const how = view.test === 'auto' ? 'default test per column' : `test ${view.test} for every column`;
  return `${how}${tests ? `; drifted when ${tests}` : ''}; the dataset drifts when at least ${view.report.drift_share} of the columns drift`;
}

/** The report's notes: columns on one side only or without values, skipped columns, filled bins. */
export function driftNotes(view: DriftReportView): string[] {
  const r = view.report;
  const notes: string[] = [];
  if (r.only_in_reference.length) notes.push(`Only in the reference (not compared): ${r.only_in_reference.join(', ')}.`);
  if (r.only_in_current.length) notes.push(`Only in the current data (not compared): ${r.only_in_current.join(', ')}.`);
  if (r.empty_columns.length) notes.push(`No values on one side (not compared): ${r.empty_columns.join(', ')}.`);
  if (view.skipped.length) notes.push(`Not numbers or text (not compared): ${view.skipped.join(', ')}.`);
  if (view.engine) notes.push(`Computed on ${view.engine}: the charts show its bin counts, without the empirical CDFs.`);
  const filled = r.columns.filter((c) => c.filled_bins);
  if (filled.length) {
    notes.push(
      `Empty bins filled for PSI/KL (the smallest non-zero fraction / 10⁶ when that is ≤ 10⁻⁴, else 10⁻⁴): ${filled.map((c) => `${c.column} (${c.filled_bins})`).join(', ')}.`,
    );
  }
  return notes;
}

/** "seattle-2012.csv (366 rows)", or with a split "seattle-weather.csv where date = 2012 (366 rows)". */
export function sideText(r: DriftReportJson, side: 'reference' | 'current'): string {
  const s = r[side];
  const split = r.split === undefined ? undefined : /^(.*)=([^,]*),(.*)$/.exec(r.split);
  const where = split ? ` where ${split[1]} = ${split[side === 'reference' ? 2 : 3]!.split('+').join(' or ')}` : '';
  return `${s.path}${where} (${s.rows} rows)`;
}

/** The table's fields, in column order: header, the cell's text, and the value it sorts by. */
export const DRIFT_FIELDS = [
  { key: 'column', label: 'Column', text: (c: DriftColumnView) => c.column, sortBy: (c: DriftColumnView): number | string => c.column },
  { key: 'type', label: 'Type', text: (c: DriftColumnView) => c.type, sortBy: (c: DriftColumnView): number | string => c.type },
  { key: 'test', label: 'Test', text: (c: DriftColumnView) => c.test, sortBy: (c: DriftColumnView): number | string => c.test },
  { key: 'score', label: 'Score', text: (c: DriftColumnView) => formatSignificant(c.score, 6), sortBy: (c: DriftColumnView): number | string => c.score },
  {
    key: 'threshold',
    label: 'Threshold',
    text: (c: DriftColumnView) => `${driftRelation(c.test)} ${c.threshold}`,
    sortBy: (c: DriftColumnView): number | string => c.threshold,
  },
  { key: 'drifted', label: 'Drift', text: (c: DriftColumnView) => (c.drifted ? 'Drifted' : 'No drift'), sortBy: (c: DriftColumnView): number | string => (c.drifted ? 1 : 0) },
  {
    key: 'missing',
    label: 'Missing ref / cur',
    text: (c: DriftColumnView) => `${c.missing.reference} / ${c.missing.current}`,
    sortBy: (c: DriftColumnView): number | string => c.missing.reference + c.missing.current,
  },
  {
    key: 'rows',
    label: 'Rows ref / cur',
    text: (c: DriftColumnView) => `${c.rows.reference} / ${c.rows.current}`,
    sortBy: (c: DriftColumnView): number | string => c.rows.reference + c.rows.current,
  },
] as const;
export type DriftField = (typeof DRIFT_FIELDS)[number]['key'];
export const DRIFT_FIELD_KEYS: readonly DriftField[] = DRIFT_FIELDS.map((d) => d.key);

/** The columns ordered by `key` (ascending, or descending), ties kept in the report's order. */
export function sortDriftColumns(columns: readonly DriftColumnView[], key: DriftField, descending: boolean): DriftColumnView[] {
  const field = DRIFT_FIELDS.find((d) => d.key === key)!;
  const sign = descending ? -1 : 1;
  return columns
    .map((c, i) => ({ c, i, v: field.sortBy(c) }))
    .sort((a, b) => {
      const order = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : String(a.v).localeCompare(String(b.v));
      return sign * (Number.isNaN(order) ? 0 : order) || a.i - b.i;
    })
    .map((x) => x.c);
}

/** At most this many columns, and chart values per column side, cross to the webview. */
export const MAX_DRIFT_COLUMNS = 10_000;
const MAX_CHART_POINTS = 2_000;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNum = (x: unknown): x is number => typeof x === 'number';
const isStr = (x: unknown): x is string => typeof x === 'string' && x.length <= 10_000;
const isNumbers = (x: unknown): x is number[] => Array.isArray(x) && x.length <= MAX_CHART_POINTS && x.every(isNum);
const isStrings = (x: unknown, max = MAX_DRIFT_COLUMNS): x is string[] => Array.isArray(x) && x.length <= max && x.every(isStr);
const isSides = (x: unknown): boolean => isObject(x) && isNum(x.reference) && isNum(x.current);
const isPoints = (x: unknown): boolean => Array.isArray(x) && x.length <= MAX_CHART_POINTS && x.every((p) => isObject(p) && isNum(p.x) && isNum(p.y));

function isColumnView(x: unknown): x is DriftColumnView {
  return (
    isObject(x) &&
    isStr(x.column) &&
    (x.type === 'numerical' || x.type === 'categorical') &&
    isStr(x.test) &&
    isNum(x.score) &&
    isNum(x.threshold) &&
    typeof x.drifted === 'boolean' &&
    isSides(x.missing) &&
    isSides(x.rows) &&
    isNum(x.distinct) &&
    (x.measures === undefined || (isObject(x.measures) && Object.values(x.measures).every(isNum)))
  );
}

function isChartView(x: unknown): x is DriftChartView {
  if (!isObject(x) || !isStr(x.column) || !isSides(x.n) || !isObject(x.bins)) return false;
  const b = x.bins;
  if (!isNumbers(b.reference) || !isNumbers(b.current) || b.reference.length !== b.current.length) return false;
  const k = b.reference.length;
  const bins = b.rule === 'sturges' ? isNumbers(b.edges) && b.edges.length === k + 1 : b.rule === 'values' && isStrings(b.values, MAX_CHART_POINTS) && b.values.length === k;
  const e = x.ecdf;
  return bins && (e === undefined || (isObject(e) && isPoints(e.reference) && isPoints(e.current) && isObject(e.gap) && isNum(e.gap.at) && isNum(e.gap.statistic)));
}

/** A well-formed Drift view (numbers may be Infinity after `fromWire`). */
export function isDriftReportView(x: unknown): x is DriftReportView {
  if (!isObject(x) || !isObject(x.report)) return false;
  const r = x.report;
  const side = (s: unknown) => isObject(s) && isStr(s.path) && isNum(s.rows);
  return (
    side(r.reference) &&
    side(r.current) &&
    (r.split === undefined || isStr(r.split)) &&
    Array.isArray(r.columns) &&
    r.columns.length <= MAX_DRIFT_COLUMNS &&
    r.columns.every(isColumnView) &&
    isStrings(r.only_in_reference) &&
    isStrings(r.only_in_current) &&
    isStrings(r.empty_columns) &&
    [r.drifted_columns, r.columns_tested, r.share_drifted, r.drift_share].every(isNum) &&
    typeof r.dataset_drift === 'boolean' &&
    isStr(x.test) &&
    (x.threshold === undefined || isNum(x.threshold)) &&
    isStrings(x.skipped) &&
    (x.engine === undefined || isStr(x.engine)) &&
    Array.isArray(x.charts) &&
    x.charts.length === r.columns.length &&
    x.charts.every(isChartView)
  );
}
