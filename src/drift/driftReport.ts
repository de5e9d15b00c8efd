import { DivergenceError } from '../core/errors';
import { asCategorical, missingCount, presentValues, type DriftColumn, type DriftTable } from './driftColumn';
import { ColumnSamples, defaultTest, DRIFT_TEST_NAMES, DRIFT_TESTS, filledFractions, type DriftTestName } from './driftTests';

export interface DriftOptions {
  /** Columns to compare (default: every column of both tables). */
  readonly columns?: readonly string[];
  /** One test for every column, or 'auto' (default): Evidently's default per column. */
  readonly test?: DriftTestName | 'auto';
  /** The threshold of every column's test (default: 0.1 for distances, 0.05 for p-values). */
  readonly threshold?: number;
  /** The dataset drifts when the share of drifted columns is at least this (default 0.5). */
  readonly driftShare?: number;
  /** Also every other applicable measure of each column. */
  readonly allMeasures?: boolean;
}

/** A count on each side of a column. */
export interface BySide {
  readonly reference: number;
  readonly current: number;
}

export interface ColumnDrift {
  readonly column: string;
  /** Numerical when every non-missing cell on both sides is a number. */
  readonly type: 'numerical' | 'categorical';
  /** The test given, or the default one of the column. */
  readonly test: DriftTestName;
  /**
   * A distance, or a p-value (KS, chi-square, z), and its threshold: the column drifted when score ≥
   * threshold for a distance, p ≤ threshold for KS, p < threshold for chi-square and z.
   */
  readonly score: number;
  readonly threshold: number;
  readonly drifted: boolean;
  /** Missing cells on each side, dropped before testing. */
  readonly missing: BySide;
  /** Cells on each side, missing ones included. */
  readonly rows: BySide;
  /** Distinct values of both sides together (missing cells left out). */
  readonly distinct: number;
  /** How PSI, KL, JS, Hellinger and TV bin the column, with the number of bins, when one of them was computed. */
  readonly bins?: { readonly rule: 'sturges' | 'values'; readonly count: number };
  /** Empty bins filled for PSI or KL (both sides together), when any was. */
  readonly filled_bins?: number;
  /** With `allMeasures`: every applicable measure, by name. */
  readonly measures?: Partial<Record<DriftTestName, number>>;
}

export interface DriftReport {
  readonly columns: ColumnDrift[];
  readonly only_in_reference: string[];
  readonly only_in_current: string[];
  /** Columns with no value left on one side once missing cells are dropped: not tested. */
  readonly empty_columns: string[];
  readonly drifted_columns: number;
  readonly columns_tested: number;
  readonly share_drifted: number;
  readonly drift_share: number;
  readonly dataset_drift: boolean;
}

/** Both sides of a column as one type: numerical when both are numeric, else categorical. */
function samplesOf(ref: DriftColumn, cur: DriftColumn): ColumnSamples {
  if (ref.kind === 'numeric' && cur.kind === 'numeric') return new ColumnSamples('numerical', presentValues(ref), presentValues(cur));
  return new ColumnSamples('categorical', presentValues(asCategorical(ref)), presentValues(asCategorical(cur)));
}

function checkFraction(value: number, what: string): void {
  if (!(value >= 0 && value <= 1)) throw new DivergenceError('invalid-parameter', `${what} is ${value}: give a number from 0 to 1`);
}

const BINNED: ReadonlySet<DriftTestName> = new Set(['psi', 'kl', 'js-distance', 'hellinger', 'tv']);

/**
 * One column's result: its test, score and verdict, or undefined when a side has no value once missing cells
 * are dropped. `referenceRows` (missing cells included) picks the default test.
 */
export function columnDrift(name: string, ref: DriftColumn, cur: DriftColumn, referenceRows: number, options: DriftOptions): ColumnDrift | undefined {
  const s = samplesOf(ref, cur);
  if (s.reference.length === 0 || s.current.length === 0) return undefined;
  const test = DRIFT_TESTS[options.test === undefined || options.test === 'auto' ? defaultTest(s, referenceRows) : options.test];
  if (!test.applies(s)) {
    throw new DivergenceError(
      'invalid-parameter',
      `column '${name}' (${s.type}, ${s.distinct} distinct values): ${test.name} does not apply to it; ` +
        `choose columns with --columns, or another test (applicable: ${DRIFT_TEST_NAMES.filter((t) => DRIFT_TESTS[t].applies(s)).join(', ')})`,
    );
  }
  const threshold = options.threshold ?? test.defaultThreshold;
  const score = test.score(s);
  const computed = options.allMeasures ? DRIFT_TEST_NAMES.filter((t) => DRIFT_TESTS[t].applies(s)) : [test.name];
  const binned = computed.some((t) => BINNED.has(t));
  const filled = computed.includes('psi') || computed.includes('kl') ? filledFractions(s).filled : 0;
  return {
    column: name,
    type: s.type,
    test: test.name,
    score,
    threshold,
    drifted: test.drifted(score, threshold),
    missing: { reference: missingCount(ref), current: missingCount(cur) },
    rows: { reference: ref.missing.length, current: cur.missing.length },
    distinct: s.distinct,
    ...(binned ? { bins: { rule: s.binned().rule, count: s.binned().reference.length } } : {}),
    ...(filled > 0 ? { filled_bins: filled } : {}),
    ...(options.allMeasures ? { measures: Object.fromEntries(computed.map((t) => [t, t === test.name ? score : DRIFT_TESTS[t].score(s)])) } : {}),
  };
}

/**
 * Checks the options that do not depend on the data (drift share, threshold) and returns the drift share.
 *
 * @throws DivergenceError `invalid-parameter` for a drift share outside [0, 1], a negative or non-finite threshold.
 */
export function checkedDriftShare(options: DriftOptions): number {
  const driftShare = options.driftShare ?? 0.5;
  checkFraction(driftShare, 'the drift share');
  if (options.threshold !== undefined && !(options.threshold >= 0 && Number.isFinite(options.threshold))) {
    throw new DivergenceError('invalid-parameter', `the threshold is ${options.threshold}: give a finite number ≥ 0`);
  }
  return driftShare;
}

/**
 * The columns a report compares, in report order: `options.columns`, or every column of the reference then
 * those only in the current table.
 *
 * @throws DivergenceError `usage` for a column name in neither table.
 */
export function reportColumnNames(referenceNames: readonly string[], currentNames: readonly string[], options: DriftOptions): readonly string[] {
  const names = options.columns ?? [...new Set([...referenceNames, ...currentNames])];
  for (const name of names) {
    if (!referenceNames.includes(name) && !currentNames.includes(name)) {
      throw new DivergenceError('usage', `no column '${name}' in either table; columns: ${referenceNames.join(', ')}`);
    }
  }
  return names;
}

/**
 * The report of the columns `names` (from `reportColumnNames`) given each compared column's result
 * (`columnDrift`'s, undefined for a column with no value on one side), in `names` order.
 */
export function assembleReport(
  names: readonly string[],
  referenceNames: readonly string[],
  currentNames: readonly string[],
  results: ReadonlyMap<string, ColumnDrift | undefined>,
  driftShare: number,
): DriftReport {
  const columns: ColumnDrift[] = [];
  const emptyColumns: string[] = [];
  for (const name of names) {
    if (!results.has(name)) continue;
    const drift = results.get(name);
    if (drift) columns.push(drift);
    else emptyColumns.push(name);
  }
  const drifted = columns.filter((c) => c.drifted).length;
  const share = columns.length === 0 ? 0 : drifted / columns.length;
  return {
    columns,
    only_in_reference: names.filter((n) => !currentNames.includes(n)),
    only_in_current: names.filter((n) => !referenceNames.includes(n)),
    empty_columns: emptyColumns,
    drifted_columns: drifted,
    columns_tested: columns.length,
    share_drifted: share,
    drift_share: driftShare,
    dataset_drift: columns.length > 0 && share >= driftShare,
  };
}

/**
 * The drift report of `current` against `reference`: columns matched by name, each tested after dropping its
 * missing cells, and the dataset verdict share_drifted ≥ drift_share (see docs/drift.md for every rule).
 *
 * @throws DivergenceError `usage` for a column name in neither table; `invalid-parameter` for a drift share
 *   outside [0, 1], a negative or non-finite threshold, and a test that does not apply to a chosen column.
 */
export function driftReport(reference: DriftTable, current: DriftTable, options: DriftOptions = {}): DriftReport {
  const driftShare = checkedDriftShare(options);
  const refByName = new Map(reference.columns.map((c) => [c.name, c]));
  const curByName = new Map(current.columns.map((c) => [c.name, c]));
  const refNames = [...refByName.keys()];
  const curNames = [...curByName.keys()];
  const names = reportColumnNames(refNames, curNames, options);
  const results = new Map<string, ColumnDrift | undefined>();
  for (const name of names) {
    const ref = refByName.get(name);
    const cur = curByName.get(name);
    if (ref && cur) results.set(name, columnDrift(name, ref, cur, reference.rows, options));
  }
  return assembleReport(names, refNames, curNames, results, driftShare);
}
