import { bhattacharyyaOfPair } from './bhattacharyya';
import { crossEntropy } from './crossEntropy';
import { entropy } from './entropy';
import { hellingerOfPair } from './hellinger';
import { jeffreysOfPair } from './jeffreys';
import { checkDistanceBase, jsDistanceOfPair } from './jsDistance';
import { jsDivergenceOfPair } from './jsDivergence';
import { klDivergence, type KlResult } from './klDivergence';
import { resolveBase } from './logBase';
import { checkAlpha, renyiOfPair } from './renyi';
import { totalVariationOfPair } from './totalVariation';
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

/**
 * Every discrete measure of two distributions at once (the panel's table): the entropies of P and Q,
 * cross-entropy, KL, Jeffreys, Jensen–Shannon divergence and distance, total variation, Hellinger,
 * Bhattacharyya and Rényi divergences, with one options object (base, normalisation, input kind) for all.
 * Each value is the one the measure's own function returns; the pair is validated and normalised once for
 * the measures that share `preparePair`.
 *
 * @throws DivergenceError the first error any of the measures would throw, checked before computing anything:
 *   `invalid-parameter` (base, including a base < 1, where the JS distance has no value; input kind, a Rényi order), `empty-input`, `length-mismatch`, `invalid-value`
 *   (naming P or Q and the 0-based index), `zero-sum` (P first).
 * @example
 * const all = allMeasures([0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3], { base: 2 });
 * all.kl.value // 0.12306131181181885 (bits); all.tv.value // 0.1733333333333333; all.renyi[1].alpha // 2
 */
export function allMeasures(p: ArrayLike<number>, q: ArrayLike<number>, options: AllMeasuresOptions = {}): AllMeasuresResult {
  const base = resolveBase(options.base);
  checkDistanceBase(base);
  const input = resolveInputKind(options.input);
  const orders = (options.renyiOrders ?? DEFAULT_RENYI_ORDERS).map(checkAlpha);
  validatePair(p, q, input);
  const measureOptions: MeasureOptions = { base: options.base, normalize: options.normalize, input };
  const pair = preparePair(p, q, measureOptions); // the zero-sum checks, P first
  return {
    entropyP: entropy(p, measureOptions),
    entropyQ: entropy(q, measureOptions),
    crossEntropy: crossEntropy(p, q, measureOptions),
    kl: klDivergence(p, q, measureOptions),
    jeffreys: jeffreysOfPair(pair, base),
    js: jsDivergenceOfPair(pair, base),
    jsDistance: jsDistanceOfPair(pair, base),
    tv: totalVariationOfPair(pair),
    hellinger: hellingerOfPair(pair),
    bhattacharyya: bhattacharyyaOfPair(pair, base),
    renyi: orders.map((alpha) => renyiOfPair(pair, alpha, base)),
  };
}
