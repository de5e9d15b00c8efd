import { checkDistanceBase } from './jsDistance';
import type { KlResult } from './klDivergence';
import { resolveBase } from './logBase';
import { CORE_MEASURE_FUNCTIONS, measureDescriptor, MEASURES, type MeasureDescriptor, type MeasureId, type MeasureValue } from './measures';
import { checkAlpha } from './renyi';
import { resolveInputKind, type MeasureOptions } from './distributionInput';
import { preparePair } from './distributionPair';
import type { EntropyResult, PairResult, RenyiResult, UnitlessResult } from './measureResult';
import { validatePair } from './validate';

/** The Rényi orders `allMeasures` reports unless told otherwise: ½ (= 2·Bhattacharyya), 2 (ln(1 + χ²)) and ∞. */
export const DEFAULT_RENYI_ORDERS: readonly number[] = [0.5, 2, Infinity];

export interface AllMeasuresOptions extends MeasureOptions {
  /** Orders α of the Rényi divergences to include (default {@link DEFAULT_RENYI_ORDERS}); each > 0. */
  readonly renyiOrders?: readonly number[];
}

/** Every discrete measure of P and Q, each exactly as its own function returns it. */
export interface AllMeasuresResult {
  readonly entropyP: EntropyResult;
  readonly entropyQ: EntropyResult;
  readonly crossEntropy: PairResult<'cross-entropy'>;
  readonly kl: KlResult;
  readonly jeffreys: PairResult<'jeffreys'>;
  readonly js: PairResult<'js'>;
  readonly jsDistance: PairResult<'js-distance'>;
  readonly tv: UnitlessResult<'tv'>;
  readonly hellinger: UnitlessResult<'hellinger'>;
  readonly bhattacharyya: PairResult<'bhattacharyya'>;
  /** One result per order of `options.renyiOrders`, in that order. */
  readonly renyi: readonly RenyiResult[];
}

/** One row of the all-measures table: a measure's result, for P and Q (or Q alone, or one order). */
export interface MeasureRow {
  readonly measure: MeasureId;
  readonly result: MeasureValue;
  /** A measure of one distribution: true for its row of Q (its row of P has none). */
  readonly ofQ?: boolean;
  /** The order of a measure that has one. */
  readonly alpha?: number;
}

/**
 * The measures of the all-measures table, from the registry: Kullback-Leibler first (the table's headline),
 * then the others in the registry's order.
 */
export const TABLE_MEASURES: readonly MeasureDescriptor[] = [measureDescriptor('kl'), ...MEASURES.filter((d) => d.tableName !== undefined && d.id !== 'kl')];

/**
 * Every measure of the table of two distributions (see {@link TABLE_MEASURES}): a measure of one distribution
 * for P and for Q, a measure with an order for each of `options.renyiOrders`, each value exactly as the
 * measure's own function returns it, with one options object (base, normalisation, input kind) for all. The
 * pair is validated and normalised once for the measures that share `preparePair`.
 *
 * @throws DivergenceError the first error any of the measures would throw, checked before computing anything:
 *   `invalid-parameter` (base, including a base < 1, where the JS distance has no value; input kind, a Rényi order), `empty-input`, `length-mismatch`, `invalid-value`
 *   (naming P or Q and the 0-based index), `zero-sum` (P first).
 */
export function measureTable(p: ArrayLike<number>, q: ArrayLike<number>, options: AllMeasuresOptions = {}): MeasureRow[] {
  const base = resolveBase(options.base);
  checkDistanceBase(base);
  const input = resolveInputKind(options.input);
  const orders = (options.renyiOrders ?? DEFAULT_RENYI_ORDERS).map(checkAlpha);
  validatePair(p, q, input);
  const measureOptions: MeasureOptions = { base: options.base, normalize: options.normalize, input };
  const pair = preparePair(p, q, measureOptions); // the zero-sum checks, P first
  return TABLE_MEASURES.flatMap((d): MeasureRow[] => {
    const f = CORE_MEASURE_FUNCTIONS;
    if (d.arity === 1) {
      return [
        { measure: d.id, result: d.compute(f, p, undefined, measureOptions) },
        { measure: d.id, result: d.compute(f, q, undefined, measureOptions), ofQ: true },
      ];
    }
    const compute = (alpha: number) => (d.ofPair ? d.ofPair(pair, base, alpha) : d.compute(f, p, q, { ...measureOptions, alpha }));
    if (d.order) return orders.map((alpha) => ({ measure: d.id, result: compute(alpha), alpha }));
    return [{ measure: d.id, result: compute(NaN) }];
  });
}

/**
 * Every discrete measure of two distributions at once, by name (the library's form of {@link measureTable}):
 * the entropies of P and Q, cross-entropy, KL, Jeffreys, Jensen–Shannon divergence and distance, total
 * variation, Hellinger, Bhattacharyya and Rényi divergences, each exactly as its own function returns it.
 *
 * @throws DivergenceError as {@link measureTable}.
 * @example
 * const all = allMeasures([0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3], { base: 2 });
 * all.kl.value // 0.12306131181181885 (bits); all.tv.value // 0.1733333333333333; all.renyi[1].alpha // 2
 */
export function allMeasures(p: ArrayLike<number>, q: ArrayLike<number>, options: AllMeasuresOptions = {}): AllMeasuresResult {
  const rows = measureTable(p, q, options);
  const one = <R>(measure: MeasureId, ofQ = false) => rows.find((r) => r.measure === measure && (r.ofQ ?? false) === ofQ)!.result as unknown as R;
  return {
    entropyP: one('entropy'),
    entropyQ: one('entropy', true),
    crossEntropy: one('cross-entropy'),
    kl: one('kl'),
    jeffreys: one('jeffreys'),
    js: one('js'),
    jsDistance: one('js-distance'),
    tv: one('tv'),
    hellinger: one('hellinger'),
    bhattacharyya: one('bhattacharyya'),
    renyi: rows.filter((r) => r.measure === 'renyi').map((r) => r.result as unknown as RenyiResult),
  };
}
