/**
 * The drift report from aggregates an engine computed where the data lives (docs/engines.md): the same
 * tests, rules and scorers as `driftReport`, fed with counts instead of values.
 *
 * Pass 1 gives each side's rows, non-missing cells and, for a numerical column, distinct values, minimum,
 * maximum and population standard deviation, and the distinct values of both sides together. From it
 * `planColumn` decides the column's test and what pass 2 must compute: counts in the Sturges bins (edges
 * from the pooled minimum, maximum and size, as NumPy's), counts per value or category, and the KS
 * statistic with the Wasserstein-1 distance from the sorted value counts. `columnDriftFromAggregates` turns
 * both into the column's row of the report; the p-values come from the exact statistics and sizes.
 */
import { DivergenceError } from '../core/errors';
import { binEdgesOfRange } from '../core/histogram';
import { ksPValue } from '../core/ksTest';
import { MAX_VALUE_BINS, pooledKeys, type BinCounts } from './binning';
import type { ColumnDrift, DriftOptions, DriftReport } from './driftReport';
import {
  chiSquarePValueOfCounts,
  ColumnSamples,
  defaultTest,
  DRIFT_TEST_NAMES,
  DRIFT_TESTS,
  filledFractions,
  twoProportionZPValueOfCounts,
  type DriftTestName,
} from './driftTests';

/** Pass 1 of one side of a column. */
export interface SideAggregates {
  /** Rows of the table, missing cells included. */
  readonly rows: number;
  /** Cells that are not missing. */
  readonly present: number;
  /** Numerical columns: distinct values, minimum, maximum, population standard deviation of this side. */
  readonly distinct?: number;
  readonly min?: number;
  readonly max?: number;
  readonly std?: number;
}

/** Pass 1 of a column. */
export interface ColumnPass1 {
  readonly column: string;
  readonly type: 'numerical' | 'categorical';
  readonly reference: SideAggregates;
  readonly current: SideAggregates;
  /** Numerical columns: distinct values of both sides together. */
  readonly distinct?: number;
}

/** What pass 2 computes for a column. */
export interface ColumnPlan {
  readonly column: string;
  readonly type: 'numerical' | 'categorical';
  /** Counts in the bins [e_k, e_{k+1}) of these edges (the last bin closed). */
  readonly edges?: Float64Array;
  /** Counts per value (numerical) or category (text). */
  readonly values: boolean;
  /** The KS statistic and Wasserstein-1 distance from the sorted pooled value counts. */
  readonly cdf: boolean;
}

/** Pass 2 of a column. */
export interface ColumnPass2 {
  /** Counts per Sturges bin of each side. */
  readonly bins?: { readonly reference: Float64Array; readonly current: Float64Array };
  /** Counts of each value or category on each side (a value absent from a side: 0 or left out). */
  readonly values?: { readonly reference: Map<number | string, number>; readonly current: Map<number | string, number> };
  /** D = max |F_ref − F_cur| over the pooled values, each F = (count of values ≤ x)/n computed in doubles. */
  readonly ks?: number;
  /** Σ |F_ref(x_i) − F_cur(x_i)|·(x_{i+1} − x_i) over the sorted pooled distinct values. */
  readonly wasserstein?: number;
}

const NO_VALUES = new Float64Array(0);
const BINNED: ReadonlySet<DriftTestName> = new Set(['psi', 'kl', 'js-distance', 'hellinger', 'tv']);

/** A column known by its type, distinct values and bin counts: what the rules and binned scorers read. */
class AggregateSamples extends ColumnSamples {
  declare readonly distinct: number;

  constructor(
    type: 'numerical' | 'categorical',
    distinct: number,
    private readonly counts: BinCounts | undefined,
  ) {
    super(type, NO_VALUES, NO_VALUES);
    this.distinct = distinct;
  }

  override binned(): BinCounts {
    if (!this.counts) throw new DivergenceError('invalid-value', 'the aggregates hold no bin or value counts for a binned measure');
    return this.counts;
  }
}

function inapplicable(name: string, s: ColumnSamples, test: DriftTestName): DivergenceError {
  const applicable = DRIFT_TEST_NAMES.filter((t) => DRIFT_TESTS[t].applies(s)).join(', ');
  return new DivergenceError('invalid-parameter', `column '${name}' (${s.type}, ${s.distinct} distinct values): ${test} does not apply to it; choose columns with --columns, or another test (applicable: ${applicable})`);
}

/** The column's test and every measure to compute (the test alone, or all applicable with `allMeasures`). */
function measuresOf(name: string, s: ColumnSamples, referenceRows: number, options: DriftOptions): { test: DriftTestName; computed: DriftTestName[] } {
  const test = options.test === undefined || options.test === 'auto' ? defaultTest(s, referenceRows) : options.test;
  if (!DRIFT_TESTS[test].applies(s)) throw inapplicable(name, s, test);
  return { test, computed: options.allMeasures ? DRIFT_TEST_NAMES.filter((t) => DRIFT_TESTS[t].applies(s)) : [test] };
}

/** True when a side of the column has no value left: the column is not tested (`empty_columns`). */
export function isEmptyColumn(p1: ColumnPass1): boolean {
  return p1.reference.present === 0 || p1.current.present === 0;
}

/**
 * What pass 2 must compute for a column with some values on both sides. A categorical column always needs
 * its category counts (its distinct count, and so its test, comes from them).
 */
export function planColumn(p1: ColumnPass1, referenceRows: number, options: DriftOptions): ColumnPlan {
  if (p1.type === 'categorical') return { column: p1.column, type: p1.type, values: true, cdf: false };
  const { computed } = measuresOf(p1.column, new AggregateSamples('numerical', p1.distinct!, undefined), referenceRows, options);
  const binned = computed.some((t) => BINNED.has(t));
  const sturges = binned && p1.reference.distinct! > MAX_VALUE_BINS;
  const min = Math.min(p1.reference.min!, p1.current.min!);
  const max = Math.max(p1.reference.max!, p1.current.max!);
  const n = p1.reference.present + p1.current.present;
  return {
    column: p1.column,
    type: p1.type,
    ...(sturges ? { edges: binEdgesOfRange(min, max, n, 'sturges', () => NO_VALUES).edges } : {}),
    values: (binned && !sturges) || computed.includes('chisquare') || computed.includes('z'),
    cdf: computed.includes('ks') || computed.includes('wasserstein-normed'),
  };
}

/** Counts of both sides over the pooled values (`keys`), in `pooledKeys` order. */
export function countsOverKeys(values: NonNullable<ColumnPass2['values']>): { keys: (number | string)[]; reference: Float64Array; current: Float64Array } {
  const refKeys = [...values.reference.keys()];
  const curKeys = [...values.current.keys()];
  const numeric = typeof refKeys[0] === 'number' || typeof curKeys[0] === 'number';
  const keys = numeric ? pooledKeys(Float64Array.from(refKeys as number[]), Float64Array.from(curKeys as number[])) : pooledKeys(refKeys as string[], curKeys as string[]);
  return { keys, reference: Float64Array.from(keys, (k) => values.reference.get(k) ?? 0), current: Float64Array.from(keys, (k) => values.current.get(k) ?? 0) };
}

function required<T>(value: T | undefined, what: string, column: string): T {
  if (value === undefined) throw new DivergenceError('invalid-value', `column '${column}': the aggregates lack ${what}`);
  return value;
}

/** The report's row of a column with some values on both sides, from its two passes. */
export function columnDriftFromAggregates(p1: ColumnPass1, p2: ColumnPass2, referenceRows: number, options: DriftOptions): ColumnDrift {
  const name = p1.column;
  const byValue = p2.values && countsOverKeys(p2.values);
  const counts: BinCounts | undefined = p2.bins ? { rule: 'sturges', ...p2.bins } : byValue && { rule: 'values', reference: byValue.reference, current: byValue.current };
  const distinct = p1.type === 'numerical' ? required(p1.distinct, 'the pooled distinct count', name) : required(byValue, 'the category counts', name).reference.length;
  const s = new AggregateSamples(p1.type, distinct, counts);
  const { test, computed } = measuresOf(name, s, referenceRows, options);
  const score = (t: DriftTestName): number => {
    switch (t) {
      case 'ks':
        return ksPValue(required(p2.ks, 'the KS statistic', name), p1.reference.present, p1.current.present).pvalue;
      case 'wasserstein-normed':
        return required(p2.wasserstein, 'the Wasserstein distance', name) / Math.max(required(p1.reference.std, 'the reference standard deviation', name), 0.001);
      case 'chisquare':
        return chiSquarePValueOfCounts(...pairOf(required(byValue, 'the value counts', name)));
      case 'z':
        return twoProportionZPValueOfCounts(...pairOf(required(byValue, 'the value counts', name)));
      default:
        return DRIFT_TESTS[t].score(s);
    }
  };
  const value = score(test);
  const threshold = options.threshold ?? DRIFT_TESTS[test].defaultThreshold;
  const filled = computed.includes('psi') || computed.includes('kl') ? filledFractions(s).filled : 0;
  return {
    column: name,
    type: p1.type,
    test,
    score: value,
    threshold,
    drifted: DRIFT_TESTS[test].drifted(value, threshold),
    missing: { reference: p1.reference.rows - p1.reference.present, current: p1.current.rows - p1.current.present },
    rows: { reference: p1.reference.rows, current: p1.current.rows },
    distinct,
    ...(computed.some((t) => BINNED.has(t)) ? { bins: { rule: s.binned().rule, count: s.binned().reference.length } } : {}),
    ...(filled > 0 ? { filled_bins: filled } : {}),
    ...(options.allMeasures ? { measures: Object.fromEntries(computed.map((t) => [t, t === test ? value : score(t)])) } : {}),
  };
}

function pairOf(c: { reference: Float64Array; current: Float64Array }): [Float64Array, Float64Array] {
  return [c.reference, c.current];
}

/** Both passes of every compared column, with the names found on one side only. */
export interface DriftAggregates {
  readonly columns: readonly { readonly pass1: ColumnPass1; readonly pass2?: ColumnPass2 }[];
  readonly onlyInReference: readonly string[];
  readonly onlyInCurrent: readonly string[];
}

/**
 * The drift report from aggregates, as `driftReport` gives it from the values.
 *
 * @throws DivergenceError `invalid-parameter` for a drift share outside [0, 1], a negative or non-finite
 *   threshold, or a test that does not apply to a column; `invalid-value` for aggregates that lack what a
 *   measure needs.
 */
export function driftReportFromAggregates(a: DriftAggregates, options: DriftOptions = {}): DriftReport {
  const driftShare = options.driftShare ?? 0.5;
  if (!(driftShare >= 0 && driftShare <= 1)) throw new DivergenceError('invalid-parameter', `the drift share is ${driftShare}: give a number from 0 to 1`);
  if (options.threshold !== undefined && !(options.threshold >= 0 && Number.isFinite(options.threshold))) {
    throw new DivergenceError('invalid-parameter', `the threshold is ${options.threshold}: give a finite number ≥ 0`);
  }
  const referenceRows = a.columns[0]?.pass1.reference.rows ?? 0;
  const tested = a.columns.filter((c) => !isEmptyColumn(c.pass1));
  const columns = tested.map((c) => columnDriftFromAggregates(c.pass1, c.pass2 ?? {}, referenceRows, options));
  const drifted = columns.filter((c) => c.drifted).length;
  const share = columns.length === 0 ? 0 : drifted / columns.length;
  return {
    columns,
    only_in_reference: [...a.onlyInReference],
    only_in_current: [...a.onlyInCurrent],
    empty_columns: a.columns.filter((c) => isEmptyColumn(c.pass1)).map((c) => c.pass1.column),
    drifted_columns: drifted,
    columns_tested: columns.length,
    share_drifted: share,
    drift_share: driftShare,
    dataset_drift: columns.length > 0 && share >= driftShare,
  };
}
