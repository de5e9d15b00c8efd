/**
 * Turns the compute core's results into the plain views the panel's protocol carries: the definition (the
 * core's LaTeX), at most MAX_VIEW_VALUES of the inputs as given, sums and conventions.
 */
import {
  BHATTACHARYYA_FORMULA_LATEX,
  CROSS_ENTROPY_FORMULA_LATEX,
  ENTROPY_FORMULA_LATEX,
  HELLINGER_FORMULA_LATEX,
  JEFFREYS_FORMULA_LATEX,
  JS_DISTANCE_FORMULA_LATEX,
  JS_DIVERGENCE_FORMULA_LATEX,
  KL_FORMULA_LATEX,
  RENYI_FORMULA_LATEX,
  TOTAL_VARIATION_FORMULA_LATEX,
  type AllMeasuresResult,
  type KsResult,
  type WassersteinResult,
} from '../../compute';
import { formatSignificant } from '../../shared/format';
import { asProbabilities, longInputSummary, type LongInputSummary } from '../../shared/measureTerms';
import {
  MAX_SAMPLE_VALUES,
  MAX_VIEW_VALUES,
  type AllMeasuresView,
  type DiscreteMeasure,
  type DiscreteResultView,
  type MeasureRowView,
  type SamplesView,
} from '../../shared/protocol';

/** The definition of reverse KL: KL's with P and Q swapped. */
export const REVERSE_KL_FORMULA_LATEX = 'D_{\\mathrm{KL}}(Q\\,\\|\\,P) = \\sum_i q_i \\log\\frac{q_i}{p_i}';

export function formulaLatexOf(measure: DiscreteMeasure): string {
  switch (measure) {
    case 'kl':
      return KL_FORMULA_LATEX;
    case 'reverse-kl':
      return REVERSE_KL_FORMULA_LATEX;
    case 'js':
      return JS_DIVERGENCE_FORMULA_LATEX;
    case 'js-distance':
      return JS_DISTANCE_FORMULA_LATEX;
    case 'entropy':
      return ENTROPY_FORMULA_LATEX;
    case 'cross-entropy':
      return CROSS_ENTROPY_FORMULA_LATEX;
    case 'jeffreys':
      return JEFFREYS_FORMULA_LATEX;
    case 'tv':
      return TOTAL_VARIATION_FORMULA_LATEX;
    case 'hellinger':
      return HELLINGER_FORMULA_LATEX;
    case 'bhattacharyya':
      return BHATTACHARYYA_FORMULA_LATEX;
    case 'renyi':
      return RENYI_FORMULA_LATEX;
  }
}

const head = (values: ArrayLike<number>) => Array.from({ length: Math.min(values.length, MAX_VIEW_VALUES) }, (_, i) => values[i]!);

/** What every discrete measure's result says, as the commands get it from src/compute. */
export interface MeasureResultLike {
  readonly value: number;
  readonly unit?: string;
  readonly base?: number;
  readonly normalized: boolean;
  readonly sums: { readonly p: number; readonly q?: number };
  readonly backend?: 'ts' | 'wasm';
  readonly pinskerTvBound?: number;
}

/**
 * The panel's view of one measure's result. For reverse KL, `result` is KL(Q‖P) computed with the arrays
 * swapped: pass P and Q in the user's order; the sums are put back in that order.
 */
export function discreteView(
  measure: DiscreteMeasure,
  result: MeasureResultLike,
  p: ArrayLike<number>,
  q: ArrayLike<number> | undefined,
  source: string,
  alpha?: number,
): DiscreteResultView {
  const swapped = measure === 'reverse-kl';
  const sums = result.sums.q === undefined ? { p: result.sums.p } : swapped ? { p: result.sums.q, q: result.sums.p } : { p: result.sums.p, q: result.sums.q };
  return {
    measure,
    value: result.value,
    unit: result.unit ?? '',
    base: result.base ?? Math.E,
    normalized: result.normalized,
    sums,
    ...(measure === 'kl' && result.pinskerTvBound !== undefined ? { pinskerTvBound: result.pinskerTvBound } : {}),
    backend: result.backend ?? 'ts',
    p: head(p),
    ...(q && measure !== 'entropy' ? { q: head(q) } : {}),
    n: p.length,
    formulaLatex: formulaLatexOf(measure),
    source,
    ...(measure === 'renyi' ? { alpha: alpha ?? 2 } : {}),
    ...(p.length > MAX_VIEW_VALUES ? longSummary(measure, result, p, q, sums, alpha) : {}),
  };
}

/** The largest terms and the bins over all n values of an input too long to send whole. */
function longSummary(
  measure: DiscreteMeasure,
  result: MeasureResultLike,
  p: ArrayLike<number>,
  q: ArrayLike<number> | undefined,
  sums: { readonly p: number; readonly q?: number },
  alpha?: number,
): LongInputSummary {
  const pp = asProbabilities(p, undefined, sums.p, result.normalized);
  const qq = q && measure !== 'entropy' ? asProbabilities(q, undefined, sums.q ?? 1, result.normalized) : undefined;
  return longInputSummary(measure, pp, qq, alpha);
}

function alphaText(alpha: number): string {
  return alpha === Infinity ? '∞' : formatSignificant(alpha, 6);
}

/** Every row of the all-measures table, in the order the panel lists them. */
export function allMeasuresView(all: AllMeasuresResult, p: ArrayLike<number>, q: ArrayLike<number>, source: string): AllMeasuresView {
  const row = (measure: DiscreteMeasure, label: string, name: string, r: { value: number; unit?: string }, extra: Partial<MeasureRowView> = {}): MeasureRowView => ({
    measure,
    label,
    name,
    value: r.value,
    unit: r.unit ?? '',
    formulaLatex: formulaLatexOf(measure),
    ...extra,
  });
  const rows: MeasureRowView[] = [
    row('kl', 'D(P‖Q)', 'Kullback-Leibler divergence', all.kl),
    row('entropy', 'H(P)', 'Entropy of P', all.entropyP),
    row('entropy', 'H(Q)', 'Entropy of Q', all.entropyQ, { ofQ: true }),
    row('cross-entropy', 'H(P, Q)', 'Cross-entropy', all.crossEntropy),
    row('jeffreys', 'J(P, Q)', 'Jeffreys divergence (symmetric KL)', all.jeffreys),
    row('js', 'JSD(P, Q)', 'Jensen-Shannon divergence', all.js),
    row('js-distance', 'd_JS(P, Q)', 'Jensen-Shannon distance', all.jsDistance),
    row('tv', 'TV(P, Q)', 'Total variation distance', all.tv),
    row('hellinger', 'Hellinger(P, Q)', 'Hellinger distance', all.hellinger),
    row('bhattacharyya', 'D_B(P, Q)', 'Bhattacharyya distance', all.bhattacharyya),
    ...all.renyi.map((r) => row('renyi', `D_${alphaText(r.alpha)}(P‖Q)`, `Rényi divergence, α = ${alphaText(r.alpha)}`, r, { alpha: r.alpha })),
  ];
  return {
    base: all.kl.base,
    unit: all.kl.unit,
    normalized: all.kl.normalized,
    sums: { p: all.kl.sums.p, q: all.kl.sums.q },
    p: head(p),
    q: head(q),
    n: p.length,
    source,
    rows,
  };
}

/** Sorted samples, decimated evenly (first and last kept) to at most MAX_SAMPLE_VALUES. */
export function sampleForView(values: ArrayLike<number>): number[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n <= MAX_SAMPLE_VALUES) return Array.from(sorted);
  const step = (n - 1) / (MAX_SAMPLE_VALUES - 1);
  return Array.from({ length: MAX_SAMPLE_VALUES }, (_, k) => sorted[Math.round(k * step)]!);
}

export function samplesView(p: ArrayLike<number>, q: ArrayLike<number>, ks: KsResult, w: WassersteinResult, source: string): SamplesView {
  return {
    source,
    p: sampleForView(p),
    q: sampleForView(q),
    n: p.length,
    m: q.length,
    ks: { statistic: ks.statistic, pvalue: ks.pvalue, at: ks.location },
    wasserstein: w.value,
  };
}
