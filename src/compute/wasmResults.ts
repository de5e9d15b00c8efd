/**
 * The results of the compute API's measures computed by WASM: the core's result objects (src/core/
 * measureResult.ts), with `backend: 'wasm'`, built in one place from what the WASM hosts return. The TS
 * reference's results come from the core itself.
 */
import type { LogBase } from '../core/logBase';
import { checkedValue, inBase } from '../core/measureResult';
import type { PairValue } from './wasmMeasures';

/** A measure in a log base (entropy, cross-entropy, JS, Bhattacharyya) from its value in nats. */
export function wasmResultInBase<M extends string, S>(
  measure: M,
  nats: number,
  base: LogBase,
  parts: { readonly normalized: boolean; readonly sums: S; readonly n: number },
): { measure: M; value: number; unit: string; base: number; normalized: boolean; sums: S; n: number; backend: 'wasm' } {
  return {
    measure,
    value: checkedValue(inBase(nats, base)),
    unit: base.unit,
    base: base.base,
    normalized: parts.normalized,
    sums: parts.sums,
    n: parts.n,
    backend: 'wasm',
  };
}

/** A unitless measure of a pair (TV, Hellinger) from the pair host's value. */
export function wasmUnitlessResult<M extends string>(
  measure: M,
  r: PairValue,
): { measure: M; value: number; normalized: boolean; sums: PairValue['pair']['sums']; n: number; backend: 'wasm' } {
  return { measure, value: checkedValue(r.value), normalized: r.pair.normalized, sums: r.pair.sums, n: r.pair.n, backend: 'wasm' };
}
