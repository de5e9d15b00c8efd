import { DivergenceError } from './errors';
import { expm1MinusX } from './gaussianKl';
import { resolveBase } from './logBase';
import { NeumaierSum } from './numeric';

/** The definition, as the panel renders it (KaTeX) and as documented below. */
export const VAE_KL_FORMULA_LATEX =
  'D_{\\mathrm{KL}}\\big(\\mathcal{N}(\\mu,\\operatorname{diag}\\sigma^2)\\,\\|\\,\\mathcal{N}(0,I)\\big) = ' +
  '-\\frac{1}{2}\\sum_i \\big(1 + \\log\\sigma_i^2 - \\mu_i^2 - \\sigma_i^2\\big)';

export interface VaeKlOptions {
  /** Log base of the result: 'e' (nats, default), 2 (bits), 10 (bans), or any number > 0 and ≠ 1. */
  readonly base?: number | string;
  /**
   * The number of rows (the batch size) when μ and log σ² hold a batch row after row: n values make `rows`
   * rows of n/rows latent dimensions. The value is still the sum over everything; the result adds the KL of
   * each row and their mean.
   */
  readonly rows?: number;
}

export interface VaeKlResult {
  readonly measure: 'vae-kl';
  /** The sum over all elements (the reduction is always 'sum'), in `unit`: ≥ 0, never NaN. */
  readonly value: number;
  readonly unit: string;
  /** The log base as a number (Math.E for nats). */
  readonly base: number;
  readonly reduction: 'sum';
  /** Number of elements of μ (and of log σ²). */
  readonly n: number;
  /** With `options.rows`: the number of rows, the KL of each row, and their mean (value / rows). */
  readonly rows?: number;
  readonly perRow?: Float64Array;
  readonly meanPerRow?: number;
}

/**
 * The KL term of a variational autoencoder's loss: the divergence of the encoder's diagonal Gaussian
 * N(μ, diag σ²) from the standard normal prior N(0, I), from the mean μ and the log-variance log σ² (natural
 * log, as encoders output it):
 *
 *   D = −½ Σ_i (1 + log σ_i² − μ_i² − σ_i²)      (LaTeX: {@link VAE_KL_FORMULA_LATEX})
 *
 * Reduction: the sum over all elements, as `-0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())`; for a
 * batch, pass `rows` to also get the KL of each row and the mean over rows (what a per-example loss averages).
 *
 * Computed as ½·Σ_i (μ_i² + (e^{lv_i} − 1 − lv_i)) with lv = log σ²: both parts of each term are ≥ 0, and
 * e^{lv} − 1 − lv comes from a series near lv = 0 (see `expm1MinusX`), so a nearly perfect posterior
 * (μ ≈ 0, lv ≈ 0) keeps its relative accuracy where the textbook form, 1 + lv − μ² − e^{lv}, cancels to
 * noise of 1e-16 per element. Sums are compensated. In nats by default, or in the unit of `options.base`.
 *
 * Edge cases: μ = 0 and lv = 0 everywhere give exactly 0; lv > 709 (σ² beyond the largest double) gives
 * Infinity, as the exact value rounds.
 *
 * @throws DivergenceError `empty-input`; `length-mismatch` when μ and log σ² differ in length, or when `rows`
 *   does not divide it; `invalid-value` for a value that is not finite (naming 'mu' or 'logvar' and the
 *   0-based index); `invalid-parameter` for `rows` that is not a positive integer, or a bad base.
 * @example
 * vaeKl([0, 1], [0, Math.log(2)]).value // 0.6534264097200273 (= ½·(0 + 0) + ½·(1 + (2 − 1 − ln 2)))
 * vaeKl([0, 1, 0, 0], [0, 0, 0, 0], { rows: 2 }).perRow // [0.5, 0]
 */
export function vaeKl(mu: ArrayLike<number>, logvar: ArrayLike<number>, options: VaeKlOptions = {}): VaeKlResult {
  const base = resolveBase(options.base);
  const n = mu.length;
  if (n === 0) throw new DivergenceError('empty-input', 'mu has no values', { array: 'mu' });
  if (logvar.length !== n) {
    throw new DivergenceError('length-mismatch', `mu has ${n === 1 ? '1 value' : `${n} values`} and logvar has ${logvar.length}`);
  }
  const rows = options.rows;
  if (rows !== undefined) {
    if (!Number.isInteger(rows) || rows < 1) {
      throw new DivergenceError('invalid-parameter', `rows is ${String(rows)}: it must be a positive integer`, { array: 'rows' });
    }
    if (n % rows !== 0) {
      throw new DivergenceError('length-mismatch', `${n} values do not split into ${rows} rows of equal length`, { array: 'mu' });
    }
  }
  const rowCount = rows ?? 1;
  const width = n / rowCount;
  const perRow = new Float64Array(rowCount);
  const total = new NeumaierSum();
  for (let r = 0; r < rowCount; r++) {
    const row = new NeumaierSum();
    for (let i = r * width; i < (r + 1) * width; i++) {
      const m = mu[i]!;
      const lv = logvar[i]!;
      if (!Number.isFinite(m)) {
        throw new DivergenceError('invalid-value', `mu[${i}] is ${String(m)}: values must be finite`, { array: 'mu', index: i });
      }
      if (!Number.isFinite(lv)) {
        throw new DivergenceError('invalid-value', `logvar[${i}] is ${String(lv)}: log-variances must be finite`, { array: 'logvar', index: i });
      }
      row.add(m * (0.5 * m));
      row.add(0.5 * expm1MinusX(lv));
    }
    perRow[r] = row.value / base.lnBase;
    total.add(row.value);
  }
  const value = total.value / base.lnBase;
  const result: VaeKlResult = { measure: 'vae-kl', value, unit: base.unit, base: base.base, reduction: 'sum', n };
  return rows === undefined ? result : { ...result, rows, perRow, meanPerRow: value / rows };
}
