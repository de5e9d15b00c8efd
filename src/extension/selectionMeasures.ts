/**
 * The pure parts of what the commands do with the arrays of a selection (no vscode, unit-tested in Node):
 * which choices to offer when P and Q read as samples, the sample measures themselves, and the row pairs of
 * a matrix selection taken row by row.
 */
import { histogramKl, klDivergence, knnKl, ksTest, resolveBase, wasserstein } from '../compute';
import { isDivergenceError } from '../core/errors';
import { MEASURES, orderText, type MeasureDescriptor } from '../core/measures';
import { logReadings, namedReading, type Interpretation, type LogReading, type NamedReading } from '../data/interpretPair';
import { formatPrecise, formatSignificant } from '../shared/format';
import { conventionsText, measureOptions, strictRefusal, type DivergenceSettings, type NormalizationFacts } from './settingsModel';

/** An editor command that computes a measure of the selection (as package.json contributes it). */
export interface SelectionCommand {
  /** `divergenceLens.<name>`: the registry's command name. */
  readonly id: string;
  /** The Command Palette's title, as package.json has it. */
  readonly title: string;
  /** The result's label in notifications: "H(P)", "D(Q‖P)". */
  readonly label: string;
  readonly measure: MeasureDescriptor;
}

/** The measures of the registry that have a selection command, in its order. */
export const SELECTION_COMMANDS: readonly SelectionCommand[] = MEASURES.flatMap((measure) =>
  measure.command
    ? [{ id: `divergenceLens.${measure.command.name}`, title: measure.command.title, label: orderText(measure.label, String(measure.order?.default)), measure }]
    : [],
);

export type SampleMeasureId = 'ks-w1' | 'knn-kl' | 'hist-kl';

/** What the Quick Pick offers when P and Q read as samples. */
export interface SampleChoice {
  readonly id: SampleMeasureId | 'as-distributions';
  readonly label: string;
  readonly detail: string;
}

export const SAMPLE_CHOICES: readonly SampleChoice[] = [
  { id: 'ks-w1', label: 'KS test and Wasserstein-1', detail: 'Two-sample Kolmogorov-Smirnov statistic and p-value, and the earth mover’s distance W1' },
  { id: 'knn-kl', label: 'k-NN KL estimate', detail: 'D̂(P‖Q) from nearest-neighbour distances (k = 1; duplicate points left out and counted)' },
  { id: 'hist-kl', label: 'Histogram KL estimate', detail: 'D̂(P‖Q) of histograms on shared Freedman-Diaconis bins (+∞ when a bin has P and no Q)' },
];

const AS_DISTRIBUTIONS: SampleChoice = {
  id: 'as-distributions',
  label: 'As distributions anyway',
  detail: 'Read P and Q as probabilities or weights over the same outcomes, as the settings say',
};

/**
 * The choices for a pair that reads as samples: the sample measures, and "as distributions anyway" when the
 * values could be one (equal lengths, nothing negative: only their sums or fractions suggested samples).
 */
export function sampleChoices(p: ArrayLike<number>, q: ArrayLike<number>): SampleChoice[] {
  let negative = false;
  for (const a of [p, q]) for (let i = 0; i < a.length && !negative; i++) negative = (a[i] as number) < 0;
  return p.length === q.length && !negative ? [...SAMPLE_CHOICES, AS_DISTRIBUTIONS] : [...SAMPLE_CHOICES];
}

/** What the Quick Pick offers to read P and Q as logits or log-probabilities (once, or from now on). */
export interface ReadingChoice {
  readonly id: 'read' | 'always';
  readonly reading: LogReading;
  readonly label: string;
  readonly detail: string;
  /** On the item the names pre-selected (put first): "pre-selected because the variable is named `logits`". */
  readonly description?: string;
  /** Why the names chose this reading, for the result's text; only on the pre-selected reading. */
  readonly because?: string;
}

const READING_ITEMS: Record<LogReading, { readonly label: string; readonly detail: string }> = {
  logits: { label: 'Read as logits (softmax)', detail: 'Softmax of P and of Q first, then the measure: any real values' },
  log: { label: 'Read as log-probabilities', detail: 'exp of P and of Q first (natural log), then the measure: every value ≤ 0' },
};

/** Whether any value is negative: the one thing that rules probabilities (and counts) out. */
function hasNegative(...arrays: readonly ArrayLike<number>[]): boolean {
  return arrays.some((a) => Array.prototype.some.call(a, (x: number) => x < 0));
}

/** The log readings offered for some arrays, in order, and the one their names chose (first), if any. */
export interface OfferedReadings {
  readonly readings: readonly LogReading[];
  readonly named?: NamedReading;
}

/**
 * The log readings to offer for arrays that do not read as probabilities: those `logReadings` allows, when a
 * value is negative or the names suggest one (`namedReading`, which then comes first); none otherwise
 * (counts refused under 'strict' are not logits).
 */
export function offeredReadings(arrays: readonly ArrayLike<number>[], names: readonly (string | undefined)[]): OfferedReadings {
  const allowed = logReadings(...arrays);
  const named = namedReading(names, allowed);
  if (named) return { readings: [named.reading, ...allowed.filter((r) => r !== named.reading)], named };
  return { readings: hasNegative(...arrays) ? allowed : [] };
}

/**
 * The readings offered for arrays (P, or P and Q) that do not read as probabilities (`offeredReadings`; none
 * when the lengths differ), the one the names suggest first, saying why; "from now on" items, which write
 * `divergenceLens.input` in the workspace's settings, only where a workspace is open (`workspace`).
 */
export function readingChoices(arrays: readonly ArrayLike<number>[], names: readonly (string | undefined)[], workspace: boolean): ReadingChoice[] {
  if (arrays.some((a) => a.length !== arrays[0]?.length)) return [];
  const { readings, named } = offeredReadings(arrays, names);
  const once = readings.map((reading): ReadingChoice => {
    const item = { id: 'read' as const, reading, ...READING_ITEMS[reading] };
    return named?.reading === reading ? { ...item, description: `pre-selected ${named.because}`, because: named.because } : item;
  });
  const always = readings.map(
    (reading): ReadingChoice => ({
      id: 'always',
      reading,
      label: `${READING_ITEMS[reading].label} from now on`,
      detail: `Sets divergenceLens.input to "${reading}" in this workspace's settings, then reads the values so`,
    }),
  );
  return workspace ? [...once, ...always] : once;
}

export const READING_NAMES: Record<LogReading, string> = { logits: 'logits', log: 'log-probabilities' };

/** The title of the samples Quick Pick: why, and what is asked (with the log readings offered, if any). */
export function samplesQuestion(
  reading: Extract<Interpretation, { kind: 'samples' }>,
  input: DivergenceSettings['input'],
  readings: readonly LogReading[] = [],
): string {
  if (/^P has \d+ values and Q has \d+$/.test(reading.reason)) {
    return `${reading.reason}: distributions over the same outcomes need equal lengths. Compare them as samples?`;
  }
  if (readings.length > 0) {
    const as = readings.map((r) => READING_NAMES[r]).join(' or ');
    return `P and Q do not read as probabilities: ${reading.reason}. Read them as ${as}, or compare them as samples?`;
  }
  const hint = input === 'prob' && /negative/.test(reading.reason) ? ' (log-probabilities or logits? set divergenceLens.input)' : '';
  return `P and Q look like samples, not distributions: ${reading.reason}${hint}. Compare them as samples?`;
}

/** The settings with the values read as `reading` (the user's choice in the Quick Pick, or the names'). */
export function readAs(settings: DivergenceSettings, reading: LogReading | undefined): DivergenceSettings {
  return reading ? { ...settings, input: reading } : settings;
}

/**
 * `conventionsText`, saying why this reading when the names chose it: "read as logits (softmax first) because
 * the variable is named `logits`".
 */
export function readingConventions(settings: DivergenceSettings, result: NormalizationFacts, because?: string): string {
  const text = conventionsText(settings, result);
  if (!because) return text;
  const [read, ...rest] = text.split('; ');
  return [`${read} ${because}`, ...rest].join('; ');
}

/** A measure under one log reading: the result and its conventions, or why there is none. */
export interface ReadingOutcome<R> {
  readonly reading: LogReading;
  readonly result?: R;
  /** `readingConventions` of the result: "read as logits (softmax first) because the variable is named `logits`". */
  readonly conventions?: string;
  /** The error's message, or the strict policy's refusal. */
  readonly problem?: string;
}

/** `measure` under each offered reading, in order (for the hover and the status bar, which show them all). */
export function measureByReading<R extends NormalizationFacts>(
  offered: OfferedReadings,
  settings: DivergenceSettings,
  measure: (options: ReturnType<typeof measureOptions>) => R,
): ReadingOutcome<R>[] {
  return offered.readings.map((reading) => {
    const read = readAs(settings, reading);
    try {
      const result = measure(measureOptions(read));
      const refused = strictRefusal(read, result);
      if (refused) return { reading, problem: refused };
      const because = offered.named?.reading === reading ? offered.named.because : undefined;
      return { reading, result, conventions: readingConventions(read, result, because) };
    } catch (e) {
      if (isDivergenceError(e)) return { reading, problem: e.message };
      throw e;
    }
  });
}

/** One result of a command, as every command reports it. */
export interface MeasureReport {
  /** As recorded for "Insert Result as Comment": "D(P‖Q)", "W1(P, Q)", "D̂(P‖Q) (k-NN)". */
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  /** The notification's text, to the configured significant digits. */
  readonly shown: string;
  /** The output channel's line, in full precision. */
  readonly full: string;
}

/**
 * A sample measure of P and Q (samples of one variable), said to be one: the texts name the reading.
 * @throws DivergenceError as the core does (too few points, non-finite values, duplicates under k-NN...).
 */
export function sampleMeasure(id: SampleMeasureId, p: ArrayLike<number>, q: ArrayLike<number>, settings: DivergenceSettings): MeasureReport {
  const f = (x: number) => formatSignificant(x, settings.significantDigits);
  const read = `read as samples (n = ${p.length}, m = ${q.length})`;
  switch (id) {
    case 'ks-w1': {
      const ks = ksTest(p, q);
      const w = wasserstein(p, q);
      return {
        label: 'W1(P, Q)',
        value: w.value,
        unit: '',
        shown: `KS = ${f(ks.statistic)} (p = ${f(ks.pvalue)}), W1 = ${f(w.value)}; ${read}`,
        full: `KS = ${formatPrecise(ks.statistic)}, p = ${formatPrecise(ks.pvalue)} (${ks.method}); W1 = ${formatPrecise(w.value)}; ${read}`,
      };
    }
    case 'knn-kl': {
      const r = knnKl(p, q, { base: settings.base, duplicates: 'skip' });
      const skipped = r.duplicates.skipped > 0 ? `; ${r.duplicates.skipped} duplicate points left out` : '';
      return {
        label: 'D̂(P‖Q) (k-NN)',
        value: r.value,
        unit: r.unit,
        shown: `D̂(P‖Q) = ${f(r.value)} ${r.unit} (k-NN estimate, k = ${r.k}${skipped}); ${read}`,
        full: `k-NN KL estimate D̂(P‖Q) = ${formatPrecise(r.value)} ${r.unit}; k = ${r.k}; duplicates ${JSON.stringify(r.duplicates)}; ${read}`,
      };
    }
    case 'hist-kl': {
      const r = histogramKl(p, q, { base: settings.base });
      const empty = r.binsWithoutQ > 0 ? `; ${r.binsWithoutQ} bins with P and no Q` : '';
      return {
        label: 'D̂(P‖Q) (histogram)',
        value: r.value,
        unit: r.unit,
        shown: `D̂(P‖Q) = ${f(r.value)} ${r.unit} (histogram estimate, ${r.bins.count} ${r.bins.rule} bins${empty}); ${read}`,
        full: `histogram KL estimate D̂(P‖Q) = ${formatPrecise(r.value)} ${r.unit}; ${r.bins.count} bins (${r.bins.rule})${empty}; ${read}`,
      };
    }
  }
}

/** A 1-D array or a matrix, as the literal parser gives them (row-major values). */
export interface ShapedValues {
  readonly values: Float64Array;
  readonly shape: readonly number[];
}

export interface RowPair {
  /** 0-based row index of P (and of Q when Q is a matrix). */
  readonly row: number;
  readonly p: Float64Array;
  readonly q: Float64Array;
}

/**
 * The row pairs of "row by row": P a matrix and Q a matrix of the same shape (row i against row i), or P a
 * matrix and Q one array of its row length (every row against Q). A string says why there are none.
 */
export function rowPairs(p: ShapedValues, q: ShapedValues): RowPair[] | string {
  if (p.shape.length !== 2) {
    return `row by row needs P to be a matrix (e.g. [[0.2, 0.8], [0.5, 0.5]]); P is one array of ${p.values.length} values`;
  }
  const [rows, cols] = p.shape as [number, number];
  const rowOf = (a: Float64Array, i: number) => a.subarray(i * cols, (i + 1) * cols);
  if (q.shape.length === 2) {
    const [qRows, qCols] = q.shape as [number, number];
    if (qRows !== rows || qCols !== cols) return `P is ${rows} × ${cols} and Q is ${qRows} × ${qCols}: row by row needs the same shape`;
    return Array.from({ length: rows }, (_, i) => ({ row: i, p: rowOf(p.values, i), q: rowOf(q.values, i) }));
  }
  if (q.values.length !== cols) return `P's rows have ${cols} values and Q has ${q.values.length}: each row is compared with Q, so they must match`;
  return Array.from({ length: rows }, (_, i) => ({ row: i, p: rowOf(p.values, i), q: q.values }));
}

export interface RowResult {
  readonly row: number;
  /** The value, or why this row has none (the error's message, or the strict policy's refusal). */
  readonly value?: number;
  readonly problem?: string;
  readonly conventions?: string;
}

/** D(P_i‖Q_i) of every row pair, in the settings' base, input kind and normalisation; a bad row does not stop the others. */
export function klRowByRow(pairs: readonly RowPair[], settings: DivergenceSettings): { readonly unit: string; readonly rows: RowResult[] } {
  const options = measureOptions(settings);
  const unit = resolveBase(settings.base).unit;
  const rows = pairs.map(({ row, p, q }): RowResult => {
    try {
      const r = klDivergence(p, q, options);
      const refused = strictRefusal(settings, r);
      if (refused) return { row, problem: refused };
      return { row, value: r.value, conventions: conventionsText(settings, r) };
    } catch (e) {
      if (isDivergenceError(e)) return { row, problem: e.message };
      throw e;
    }
  });
  return { unit, rows };
}

/** The output channel's lines of a row-by-row result: one per row, with its 0-based index, in full precision. */
export function rowByRowLines(result: ReturnType<typeof klRowByRow>): string[] {
  return result.rows.map((r) =>
    r.value !== undefined ? `row ${r.row}: D(P‖Q) = ${formatPrecise(r.value)} ${result.unit} (${r.conventions})` : `row ${r.row}: ${r.problem}`,
  );
}
