import type { KlSums } from '../core/klDivergence';

/** Which backend a caller asks for: 'auto' picks WASM for large inputs when it is ready (see `WASM_MIN_LENGTH`). */
export type BackendChoice = 'auto' | 'ts' | 'wasm';

/**
 * One way of computing the sums a KL result is assembled from. Every backend validates the values in the same
 * order (by index, P before Q) and throws the same `invalid-value` error; the sums agree to rounding (they
 * differ only in summation order).
 */
export interface KlBackend {
  readonly name: 'ts' | 'wasm';
  /**
   * The KL sums (terms p_i·ln(p_i·2^e/q_i), Σp, Σq, Σ(q_i - 2^e·p_i)) of probability inputs of equal,
   * non-zero length, or `undefined` when this backend cannot represent them (a sum overflows) and the caller
   * should use the TS reference, which rescales. e = `exponentOffset` (see `klSumsFor` in
   * src/core/klDivergence.ts).
   *
   * @throws DivergenceError `invalid-value` for the first negative, NaN or infinite value.
   */
  klSums(p: ArrayLike<number>, q: ArrayLike<number>, exponentOffset: number): KlSums | undefined;
}
