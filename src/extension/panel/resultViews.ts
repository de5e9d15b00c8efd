/**
 * Turns the compute core's results into the plain views the panel's protocol carries: the definition (the
 * core's LaTeX, from the registry of measures), at most MAX_VIEW_VALUES of the inputs as given, sums and
 * conventions.
 */
import type { KlResult, KsResult, WassersteinResult } from '../../compute';
import type { MeasureRow } from '../../core/allMeasures';
import { measureDescriptor, orderOf, orderText, type MeasureDescriptor, type MeasureValue } from '../../core/measures';
import { formatSignificant } from '../../shared/format';
import { asProbabilities, longInputSummary, type LongInputSummary } from '../../shared/measureTerms';
import {
  MAX_SAMPLE_VALUES,
  MAX_VIEW_VALUES,
  type AllMeasuresView,
  type DiscreteMeasure,
  type DiscreteResultView,
  type KlResultView,
  type MeasureRowView,
  type SamplesView,
} from '../../shared/protocol';

const head = (values: ArrayLike<number>) => Array.from({ length: Math.min(values.length, MAX_VIEW_VALUES) }, (_, i) => values[i]!);

/** What every discrete measure's result says, as the commands get it from src/compute. */
export type MeasureResultLike = Omit<MeasureValue, 'n' | 'backend'> & { readonly backend?: 'ts' | 'wasm' };

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
  const d = measureDescriptor(measure);
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
    ...(q && d.arity === 2 ? { q: head(q) } : {}),
    n: p.length,
    formulaLatex: d.formulaLatex,
    source,
    ...(d.order ? { alpha: orderOf(d, alpha) } : {}),
    ...(p.length > MAX_VIEW_VALUES ? longSummary(d, result, p, q, sums, alpha) : {}),
  };
}

/**
 * The panel's view of a KL result computed on this thread, in worker threads or from files (whose backend may
 * say 'wasm-workers': the view says 'wasm'), with at most MAX_VIEW_VALUES of P and Q.
 */
export function klResultView(
  result: Omit<KlResult, 'measure' | 'backend'> & { readonly backend: string },
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  formulaLatex: string,
  source: string,
): KlResultView {
  return {
    measure: 'kl',
    value: result.value,
    unit: result.unit,
    base: result.base,
    normalized: result.normalized,
    sums: { p: result.sums.p, q: result.sums.q },
    pinskerTvBound: result.pinskerTvBound,
    backend: result.backend === 'ts' ? 'ts' : 'wasm',
    p: head(p),
    q: head(q),
    n: result.n,
    formulaLatex,
    source,
  };
}

/** The largest terms and the bins over all n values of an input too long to send whole. */
function longSummary(
  d: MeasureDescriptor,
  result: MeasureResultLike,
  p: ArrayLike<number>,
  q: ArrayLike<number> | undefined,
  sums: { readonly p: number; readonly q?: number },
  alpha?: number,
): LongInputSummary {
  const pp = asProbabilities(p, undefined, sums.p, result.normalized);
  const qq = q && d.arity === 2 ? asProbabilities(q, undefined, sums.q ?? 1, result.normalized) : undefined;
  const order = orderOf(d, alpha);
  return longInputSummary((pi, qi) => d.term(pi, qi, order), pp, qq);
}

function alphaText(alpha: number): string {
  return alpha === Infinity ? '∞' : formatSignificant(alpha, 6);
}

/** Q's row of a measure of one distribution: its texts with Q for P ("H(P)" becomes "H(Q)"). */
const withQ = (text: string) => text.replace(/\bP\b/g, 'Q');

/** Every row of the all-measures table (core's `measureTable`), in its order, with what the panel shows. */
export function allMeasuresView(rows: readonly MeasureRow[], p: ArrayLike<number>, q: ArrayLike<number>, source: string): AllMeasuresView {
  const kl = rows.find((r) => r.measure === 'kl')!.result;
  return {
    base: kl.base!,
    unit: kl.unit!,
    normalized: kl.normalized,
    sums: { p: kl.sums.p, q: kl.sums.q! },
    p: head(p),
    q: head(q),
    n: p.length,
    source,
    rows: rows.map(({ measure, result, ofQ, alpha }): MeasureRowView => {
      const d = measureDescriptor(measure);
      const order = alpha === undefined ? '' : alphaText(alpha);
      const texts = { label: orderText(d.label, order), name: orderText(d.tableName!, order) };
      return {
        measure,
        label: ofQ ? withQ(texts.label) : texts.label,
        name: ofQ ? withQ(texts.name) : texts.name,
        value: result.value,
        unit: result.unit ?? '',
        formulaLatex: d.formulaLatex,
        ...(ofQ ? { ofQ } : {}),
        ...(alpha !== undefined ? { alpha } : {}),
      };
    }),
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
