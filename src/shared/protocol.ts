/**
 * The typed messages between the extension host and the panel's webview. Both sides import this file;
 * neither trusts the other: every message is validated on arrival with the guards below, and anything that
 * does not match is dropped (and logged by the receiver).
 */
import { MEASURES, type MeasureId } from '../core/measures';
import { DRIFT_FIELD_KEYS, isDriftReportView, type DriftField, type DriftReportView } from './driftView';

/** Every discrete measure the panel explains: the ids of the core's measure registry, in its order. */
export const DISCRETE_MEASURES: readonly MeasureId[] = MEASURES.map((d) => d.id);
export type DiscreteMeasure = MeasureId;

/** How the numbers were read: probabilities (or counts), natural logs of probabilities, or logits. */
export type InputKindView = 'probabilities' | 'log' | 'logits';

/** The slice of a discrete measure's result the panel shows. Plain data: it crosses a postMessage boundary. */
export interface DiscreteResultView {
  readonly measure: DiscreteMeasure;
  /** In `unit`; may be Infinity (postMessage carries it as a number). */
  readonly value: number;
  /** 'nats', 'bits', ...; '' for a measure without a unit (total variation, Hellinger). */
  readonly unit: string;
  /** The log base as a number (Math.E for nats). */
  readonly base: number;
  /** True when P or Q did not sum to 1 and were normalised. */
  readonly normalized: boolean;
  /** Sums as given; `q` is absent for the entropy of one array. */
  readonly sums: { readonly p: number; readonly q?: number };
  /** Pinsker's bound on total variation, √(D/2) with D in nats: KL only. */
  readonly pinskerTvBound?: number;
  readonly backend: 'ts' | 'wasm';
  /** The inputs as given (before normalisation), at most `MAX_VIEW_VALUES` of each; no `q` for entropy. */
  readonly p: readonly number[];
  readonly q?: readonly number[];
  /** Full length of P (and Q): the arrays above may be truncated. */
  readonly n: number;
  /** The definition, as LaTeX: the same string the core documents. */
  readonly formulaLatex: string;
  /** Where the inputs came from, e.g. "distributions.py, lines 6-7". Shown as text, never as HTML. */
  readonly source: string;
  /** How the numbers were read (default probabilities). */
  readonly input?: InputKindView;
  /** The order of a Rényi divergence. */
  readonly alpha?: number;
  /**
   * For n > the values sent: the largest contributors over all n values (as probabilities, NaN for q of
   * entropy), for the formula.
   */
  readonly top?: readonly { readonly index: number; readonly p: number; readonly q: number }[];
  /** For n > the values sent: probabilities and contributions summed over `binSize` consecutive indices. */
  readonly bins?: {
    readonly binSize: number;
    readonly p: readonly number[];
    readonly q?: readonly number[];
    readonly terms: readonly number[];
    /** Infinite contributions (left out of `terms`). */
    readonly infinite: number;
  };
}

/** A KL result, as the KL command hands it over (the panel's first and still most common view). */
export interface KlResultView extends DiscreteResultView {
  readonly measure: 'kl';
  readonly sums: { readonly p: number; readonly q: number };
  readonly pinskerTvBound: number;
  readonly q: readonly number[];
}

/** One row of the all-measures table. */
export interface MeasureRowView {
  readonly measure: DiscreteMeasure;
  /** As shown: "D(P‖Q)", "H(P)", "D_2(P‖Q)". */
  readonly label: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly formulaLatex: string;
  readonly alpha?: number;
  /** The entropy row of Q is computed on Q: its formula view swaps the arrays. */
  readonly ofQ?: boolean;
}

/** Every discrete measure of the current P and Q. */
export interface AllMeasuresView {
  readonly base: number;
  readonly unit: string;
  readonly normalized: boolean;
  readonly sums: { readonly p: number; readonly q: number };
  readonly p: readonly number[];
  readonly q: readonly number[];
  readonly n: number;
  readonly source: string;
  readonly input?: InputKindView;
  readonly rows: readonly MeasureRowView[];
}

/** Two univariate Gaussians N(mu0, sigma0²) (P) and N(mu1, sigma1²) (Q); sigma is the standard deviation. */
export interface GaussianParams {
  readonly mu0: number;
  readonly sigma0: number;
  readonly mu1: number;
  readonly sigma1: number;
}

/** Two bivariate Gaussians N(mu0, cov0) (P) and N(mu1, cov1) (Q); covariances as [[xx, xy], [xy, yy]]. */
export interface Gaussian2dParams {
  readonly mu0: readonly [number, number];
  readonly cov0: { readonly xx: number; readonly xy: number; readonly yy: number };
  readonly mu1: readonly [number, number];
  readonly cov1: { readonly xx: number; readonly xy: number; readonly yy: number };
}

/** A mixture of univariate Gaussians as the explorer sends it (the core checks lengths, signs and sums). */
export interface MixtureSpec {
  readonly weights: readonly number[];
  readonly means: readonly number[];
  readonly sigmas: readonly number[];
}

export const GMM_METHODS = ['mc', 'variational', 'unscented'] as const;
export type GmmMethodView = (typeof GMM_METHODS)[number];
/** Most components per mixture the explorer accepts. */
export const MAX_MIXTURE_COMPONENTS = 16;

export interface GmmKlRequest {
  /** Increases with each request; the reply carries it so stale replies are ignored. */
  readonly id: number;
  readonly p: MixtureSpec;
  readonly q: MixtureSpec;
  readonly method: GmmMethodView;
}

export interface GmmKlReply {
  readonly id: number;
  readonly result?: { readonly method: GmmMethodView; readonly value: number; readonly unit: string; readonly stderr?: number; readonly samples?: number; readonly note: string };
  /** What is wrong with the mixtures, as the core says it. */
  readonly error?: string;
}

/** Two samples (not distributions): histograms, ECDFs and the KS statistic where it occurs. */
export interface SamplesView {
  readonly source: string;
  /** The samples, decimated by the host to at most `MAX_SAMPLE_VALUES` each (sorted ascending). */
  readonly p: readonly number[];
  readonly q: readonly number[];
  /** Full sample sizes. */
  readonly n: number;
  readonly m: number;
  readonly ks: { readonly statistic: number; readonly pvalue: number; readonly at: number };
  readonly wasserstein: number;
}

/** At most this many values of P and Q cross to the webview. */
export const MAX_VIEW_VALUES = 1000;
/** At most this many values of each sample cross to the webview. */
export const MAX_SAMPLE_VALUES = 5000;

/** The panel's views (tabs). */
export const PANEL_VIEWS = ['formula', 'charts', 'table', 'gaussian', 'samples', 'drift'] as const;
export type PanelView = (typeof PANEL_VIEWS)[number];

export type HostToWebviewMessage =
  | { readonly type: 'showResult'; readonly result: DiscreteResultView }
  | { readonly type: 'showAllMeasures'; readonly table: AllMeasuresView }
  | { readonly type: 'showSamples'; readonly samples: SamplesView }
  | { readonly type: 'showGaussian'; readonly params?: GaussianParams }
  | { readonly type: 'gmmKlResult'; readonly reply: GmmKlReply }
  | { readonly type: 'showDrift'; readonly drift: DriftReportView }
  | { readonly type: 'clear' };

export type WebviewToHostMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'copy'; readonly text: string; readonly what: 'value' | 'latex' }
  | { readonly type: 'savePng'; readonly dataUrl: string; readonly name: string }
  | { readonly type: 'viewChanged'; readonly view: PanelView }
  | { readonly type: 'gmmKl'; readonly request: GmmKlRequest }
  /** Save the Drift view's report as HTML and JSON, through save dialogs (the view's own: it survives reloads). */
  | { readonly type: 'saveDriftReport'; readonly drift: DriftReportView }
  /** Copy SQL for… of the Drift view: the host asks for a dialect and copies the report's first statement. */
  | { readonly type: 'copyDriftSql'; readonly drift: DriftReportView };

/** The state the webview keeps with `setState` so it restores itself when shown again (and after a reload). */
export interface WebviewState {
  readonly result?: DiscreteResultView;
  readonly table?: AllMeasuresView;
  readonly samples?: SamplesView;
  readonly gaussian?: GaussianParams;
  /** The explorer's two-dimensional mode: on, and its parameters. */
  readonly twoD?: boolean;
  readonly gaussian2d?: Gaussian2dParams;
  /** The explorer's mixtures mode: on, its text fields as typed, and the method. */
  readonly mixtures?: boolean;
  readonly mixtureText?: { readonly p: readonly string[]; readonly q: readonly string[] };
  readonly gmmMethod?: GmmMethodView;
  readonly view?: PanelView;
  /** Sort the contributions chart by size. */
  readonly sorted?: boolean;
  /** The drift report, how its table is sorted, and the column whose chart is shown. */
  readonly drift?: DriftReportView;
  readonly driftSort?: { readonly key: DriftField; readonly descending: boolean };
  readonly driftColumn?: string;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isNumberArray(x: unknown, max: number): x is number[] {
  return Array.isArray(x) && x.length <= max && x.every((v) => typeof v === 'number');
}

function isOneOf<T extends string>(values: readonly T[], x: unknown): x is T {
  return typeof x === 'string' && (values as readonly string[]).includes(x);
}

const INPUT_KINDS: readonly InputKindView[] = ['probabilities', 'log', 'logits'];
/** Longest string field accepted (sources, labels, LaTeX definitions). */
const MAX_TEXT = 10_000;

function isText(x: unknown): x is string {
  return typeof x === 'string' && x.length <= MAX_TEXT;
}

function isOptional<T>(x: unknown, guard: (v: unknown) => v is T): boolean {
  return x === undefined || guard(x);
}

const isNumber = (x: unknown): x is number => typeof x === 'number';
const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isInputKind = (x: unknown): x is InputKindView => isOneOf(INPUT_KINDS, x);

function isPairSums(x: unknown): x is { p: number; q: number } {
  return isRecord(x) && isNumber(x.p) && isNumber(x.q);
}

/**
 * Messages and the webview's saved state cross as JSON, which has no Infinity or NaN (they would arrive as
 * null): `toWire` writes each non-finite number as {"$nonFinite": "Infinity"} and `fromWire` reads it back.
 * The host sends `toWire(message)`; the webview decodes with `fromWire` before validating, and saves its
 * state the same way.
 */
const NON_FINITE = '$nonFinite';

export function toWire(x: unknown): unknown {
  if (typeof x === 'number') return Number.isFinite(x) ? x : { [NON_FINITE]: String(x) };
  if (Array.isArray(x)) return x.map(toWire);
  if (isRecord(x)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (v !== undefined) out[k] = toWire(v);
    return out;
  }
  return x;
}

export function fromWire(x: unknown, depth = 0): unknown {
  if (depth > 16) return undefined;
  if (Array.isArray(x)) return x.map((v) => fromWire(v, depth + 1));
  if (isRecord(x)) {
    const keys = Object.keys(x);
    if (keys.length === 1 && keys[0] === NON_FINITE) {
      const v = x[NON_FINITE];
      return v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v === 'NaN' ? NaN : x;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) out[k] = fromWire(v, depth + 1);
    return out;
  }
  return x;
}

/** Numbers may be Infinity or NaN (after `fromWire`), so only their type is checked. */
export function isDiscreteResultView(x: unknown): x is DiscreteResultView {
  if (!isRecord(x)) return false;
  const sums = x.sums;
  const twoArrays = x.measure !== 'entropy';
  return (
    isOneOf(DISCRETE_MEASURES, x.measure) &&
    isNumber(x.value) &&
    isText(x.unit) &&
    isNumber(x.base) &&
    typeof x.normalized === 'boolean' &&
    isRecord(sums) &&
    isNumber(sums.p) &&
    (twoArrays ? isNumber(sums.q) : isOptional(sums.q, isNumber)) &&
    isOptional(x.pinskerTvBound, isNumber) &&
    (x.measure !== 'kl' || isNumber(x.pinskerTvBound)) &&
    (x.backend === 'ts' || x.backend === 'wasm') &&
    isNumberArray(x.p, MAX_VIEW_VALUES) &&
    (twoArrays ? isNumberArray(x.q, MAX_VIEW_VALUES) && x.q.length === x.p.length : x.q === undefined || isNumberArray(x.q, MAX_VIEW_VALUES)) &&
    isFiniteNumber(x.n) &&
    x.n >= x.p.length &&
    isText(x.formulaLatex) &&
    isText(x.source) &&
    isOptional(x.input, isInputKind) &&
    (x.measure === 'renyi' ? isNumber(x.alpha) : x.alpha === undefined) &&
    isOptional(x.top, isTopTerms) &&
    isOptional(x.bins, isBins)
  );
}

function isTopTerms(x: unknown): x is DiscreteResultView['top'] {
  return Array.isArray(x) && x.length <= 64 && x.every((t) => isRecord(t) && isFiniteNumber(t.index) && isNumber(t.p) && isNumber(t.q));
}

/** At most this many bars of binned values cross to the webview. */
export const MAX_VIEW_BINS = 1000;

function isBins(x: unknown): x is DiscreteResultView['bins'] {
  return (
    isRecord(x) &&
    isFiniteNumber(x.binSize) &&
    x.binSize >= 1 &&
    isNumberArray(x.p, MAX_VIEW_BINS) &&
    isOptional(x.q, (v): v is number[] => isNumberArray(v, MAX_VIEW_BINS)) &&
    isNumberArray(x.terms, MAX_VIEW_BINS) &&
    isFiniteNumber(x.infinite)
  );
}

/** A KL view (what the KL command sends and `DivergencePanel.update` takes). */
export function isKlResultView(x: unknown): x is KlResultView {
  return isDiscreteResultView(x) && x.measure === 'kl';
}

function isMeasureRowView(x: unknown): x is MeasureRowView {
  return (
    isRecord(x) &&
    isOneOf(DISCRETE_MEASURES, x.measure) &&
    isText(x.label) &&
    isText(x.name) &&
    isNumber(x.value) &&
    isText(x.unit) &&
    isText(x.formulaLatex) &&
    (x.measure === 'renyi' ? isNumber(x.alpha) : x.alpha === undefined) &&
    isOptional(x.ofQ, (v): v is boolean => typeof v === 'boolean')
  );
}

export function isAllMeasuresView(x: unknown): x is AllMeasuresView {
  return (
    isRecord(x) &&
    isNumber(x.base) &&
    isText(x.unit) &&
    typeof x.normalized === 'boolean' &&
    isPairSums(x.sums) &&
    isNumberArray(x.p, MAX_VIEW_VALUES) &&
    isNumberArray(x.q, MAX_VIEW_VALUES) &&
    x.p.length === x.q.length &&
    isFiniteNumber(x.n) &&
    x.n >= x.p.length &&
    isText(x.source) &&
    isOptional(x.input, isInputKind) &&
    Array.isArray(x.rows) &&
    x.rows.length <= 64 &&
    x.rows.every(isMeasureRowView)
  );
}

/** Finite means and finite positive standard deviations only. */
export function isGaussianParams(x: unknown): x is GaussianParams {
  return (
    isRecord(x) &&
    isFiniteNumber(x.mu0) &&
    isFiniteNumber(x.mu1) &&
    isFiniteNumber(x.sigma0) &&
    isFiniteNumber(x.sigma1) &&
    x.sigma0 > 0 &&
    x.sigma1 > 0
  );
}

function isVector2(x: unknown): x is [number, number] {
  return Array.isArray(x) && x.length === 2 && x.every(isFiniteNumber);
}

/** A finite, positive definite 2×2 covariance. */
function isCovariance2(x: unknown): x is { xx: number; xy: number; yy: number } {
  return isRecord(x) && isFiniteNumber(x.xx) && isFiniteNumber(x.xy) && isFiniteNumber(x.yy) && x.xx > 0 && x.yy > 0 && x.xx * x.yy - x.xy * x.xy > 0;
}

export function isGaussian2dParams(x: unknown): x is Gaussian2dParams {
  return isRecord(x) && isVector2(x.mu0) && isVector2(x.mu1) && isCovariance2(x.cov0) && isCovariance2(x.cov1);
}

function isMixtureSpec(x: unknown): x is MixtureSpec {
  const list = (v: unknown) => Array.isArray(v) && v.length >= 1 && v.length <= MAX_MIXTURE_COMPONENTS && v.every(isFiniteNumber);
  return isRecord(x) && list(x.weights) && list(x.means) && list(x.sigmas);
}

export function isGmmKlRequest(x: unknown): x is GmmKlRequest {
  return (
    isRecord(x) &&
    isFiniteNumber(x.id) &&
    Number.isInteger(x.id) &&
    isMixtureSpec(x.p) &&
    isMixtureSpec(x.q) &&
    isOneOf(GMM_METHODS, x.method)
  );
}

function isGmmKlReply(x: unknown): x is GmmKlReply {
  if (!isRecord(x) || !isFiniteNumber(x.id)) return false;
  const r = x.result;
  const okResult =
    r === undefined ||
    (isRecord(r) &&
      isOneOf(GMM_METHODS, r.method) &&
      isNumber(r.value) &&
      isText(r.unit) &&
      isOptional(r.stderr, isNumber) &&
      isOptional(r.samples, isNumber) &&
      isText(r.note));
  return okResult && isOptional(x.error, isText) && (r !== undefined) !== (x.error !== undefined);
}

export function isSamplesView(x: unknown): x is SamplesView {
  if (!isRecord(x) || !isRecord(x.ks)) return false;
  return (
    isText(x.source) &&
    isNumberArray(x.p, MAX_SAMPLE_VALUES) &&
    isNumberArray(x.q, MAX_SAMPLE_VALUES) &&
    isFiniteNumber(x.n) &&
    isFiniteNumber(x.m) &&
    isNumber(x.ks.statistic) &&
    isNumber(x.ks.pvalue) &&
    isNumber(x.ks.at) &&
    isNumber(x.wasserstein)
  );
}

export function isHostToWebviewMessage(x: unknown): x is HostToWebviewMessage {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'showResult':
      return isDiscreteResultView(x.result);
    case 'showAllMeasures':
      return isAllMeasuresView(x.table);
    case 'showSamples':
      return isSamplesView(x.samples);
    case 'showGaussian':
      return isOptional(x.params, isGaussianParams);
    case 'gmmKlResult':
      return isGmmKlReply(x.reply);
    case 'showDrift':
      return isDriftReportView(x.drift);
    case 'clear':
      return true;
    default:
      return false;
  }
}

/** Upper bound on text the webview may ask the host to copy: a LaTeX formula of the shown terms. */
export const MAX_COPY_LENGTH = 100_000;
/** Upper bound on a PNG the webview may ask the host to save (a data: URL, base64). */
export const MAX_PNG_DATA_URL_LENGTH = 20 * 1024 * 1024;
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;
/** A file name without directories: letters, digits, '-', '_', '.', ending in .png. */
const PNG_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}\.png$/;

export function isWebviewToHostMessage(x: unknown): x is WebviewToHostMessage {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'ready':
      return true;
    case 'copy':
      return (
        typeof x.text === 'string' && x.text.length <= MAX_COPY_LENGTH && (x.what === 'value' || x.what === 'latex')
      );
    case 'savePng':
      return (
        typeof x.dataUrl === 'string' &&
        x.dataUrl.length <= MAX_PNG_DATA_URL_LENGTH &&
        PNG_DATA_URL.test(x.dataUrl) &&
        typeof x.name === 'string' &&
        PNG_NAME.test(x.name)
      );
    case 'viewChanged':
      return isOneOf(PANEL_VIEWS, x.view);
    case 'gmmKl':
      return isGmmKlRequest(x.request);
    case 'saveDriftReport':
    case 'copyDriftSql':
      return isDriftReportView(x.drift);
    default:
      return false;
  }
}

export function isWebviewState(x: unknown): x is WebviewState {
  return (
    isRecord(x) &&
    isOptional(x.result, isDiscreteResultView) &&
    isOptional(x.table, isAllMeasuresView) &&
    isOptional(x.samples, isSamplesView) &&
    isOptional(x.gaussian, isGaussianParams) &&
    isOptional(x.twoD, (v): v is boolean => typeof v === 'boolean') &&
    isOptional(x.gaussian2d, isGaussian2dParams) &&
    isOptional(x.mixtures, (v): v is boolean => typeof v === 'boolean') &&
    isOptional(x.mixtureText, isMixtureText) &&
    isOptional(x.gmmMethod, (v): v is GmmMethodView => isOneOf(GMM_METHODS, v)) &&
    isOptional(x.view, (v): v is PanelView => isOneOf(PANEL_VIEWS, v)) &&
    isOptional(x.sorted, (v): v is boolean => typeof v === 'boolean') &&
    isOptional(x.drift, isDriftReportView) &&
    isOptional(x.driftSort, (v): v is WebviewState['driftSort'] => isRecord(v) && isOneOf(DRIFT_FIELD_KEYS, v.key) && typeof v.descending === 'boolean') &&
    isOptional(x.driftColumn, isText)
  );
}

function isMixtureText(x: unknown): x is WebviewState['mixtureText'] {
  const three = (v: unknown) => Array.isArray(v) && v.length === 3 && v.every((t) => typeof t === 'string' && t.length <= 1000);
  return isRecord(x) && three(x.p) && three(x.q);
}

export function assertNever(x: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(x)}`);
}
