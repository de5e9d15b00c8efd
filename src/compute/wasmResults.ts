/**
 * The results of the compute API's measures computed by WASM: the core's result objects (src/core/
 * measureResult.ts) built by the core's own builders, with `backend: 'wasm'`. The TS reference's results come
 * from the core itself.
 */
import type { LogBase } from '../core/logBase';
import { logUnitResult, unitlessResult, type MeasureName } from '../core/measureResult';
import type { PairValue } from './wasmMeasures';

/** A measure in a log base (entropy, cross-entropy, JS, Bhattacharyya) from its value in nats. */
export function wasmResultInBase<M extends MeasureName, S>(
  measure: M,
  nats: number,
  base: LogBase,
  parts: { readonly normalized: boolean; readonly sums: S; readonly n: number },
) {
  return { ...logUnitResult(measure, nats, base, parts), backend: 'wasm' as const };
}

/** A unitless measure of a pair (TV, Hellinger) from the pair host's value. */
export function wasmUnitlessResult<M extends 'tv' | 'hellinger'>(measure: M, r: PairValue) {
  return { ...unitlessResult(measure, r.value, r.pair), backend: 'wasm' as const };
}
