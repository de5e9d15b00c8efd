import { DivergenceError } from './errors';
import { NeumaierSum } from './numeric';

/** The pointwise loss and the reductions, as the panel renders them (KaTeX); x is the input (log q). */
export const KL_DIV_LOSS_FORMULA_LATEX =
  '\\ell_{ij} = y_{ij}\\,(\\log y_{ij} - x_{ij}),\\quad ' +
  '\\text{batchmean} = \\frac{1}{N}\\sum_{i,j} \\ell_{ij} = \\frac{1}{N}\\sum_i D_{\\mathrm{KL}}(y_i \\,\\|\\, e^{x_i})';

export type KlDivLossReduction = 'none' | 'sum' | 'mean' | 'batchmean';

/** Values with a shape: `rows` rows of `cols` values each, row-major. */
export interface Matrix {
  readonly values: ArrayLike<number>;
  readonly shape: readonly [number, number];
}

export interface KlDivLossOptions {
  /** As torch's `reduction` (torch's default is 'mean', which is not the KL: here it must be chosen). */
  readonly reduction: KlDivLossReduction;
  /** The target is given as log-probabilities (torch's `log_target=True`). Default false. */
  readonly logTarget?: boolean;
}

export interface KlDivLossResult {
  readonly measure: 'kldivloss';
  /** A training loss with torch's semantics: the KL divergence only for 'batchmean' of rows (see `isKl`). */
  readonly kind: 'loss';
  readonly reduction: KlDivLossReduction;
  /** The reduced loss (+Infinity where a target > 0 meets input −Infinity), or the pointwise losses for 'none'. */
  readonly value: number | Float64Array;
  readonly logTarget: boolean;
  /** [rows, cols] for matrix input, [n] for 1-D input. */
  readonly shape: readonly number[];
  /** True only for 'batchmean' of rows: then value is the mean over rows of D(target_row ‖ exp(input_row)). */
  readonly isKl: boolean;
  /** What the value is, in words: which reduction gives the KL and which does not. */
  readonly note: string;
}

function asMatrix(x: ArrayLike<number> | Matrix): { values: ArrayLike<number>; shape: readonly number[]; rows: number } {
  if ('shape' in x && 'values' in x) {
    const [rows, cols] = x.shape;
    if (!(Number.isInteger(rows) && Number.isInteger(cols) && rows >= 0 && cols >= 0) || rows * cols !== x.values.length) {
      throw new DivergenceError('length-mismatch', `shape [${x.shape.join(', ')}] does not fit ${x.values.length} values`);
    }
    return { values: x.values, shape: [rows, cols], rows };
  }
  const values = x as ArrayLike<number>;
  // torch's batchmean divides by input.size(0): for 1-D input, the number of elements.
  return { values, shape: [values.length], rows: values.length };
}

function noteFor(reduction: KlDivLossReduction, oneD: boolean): string {
  switch (reduction) {
    case 'batchmean':
      return oneD
        ? "for 1-D input torch's batchmean divides by the length (each element is taken as a row): this is the mean, not the KL; give the values as one row (shape [1, n]) for the KL"
        : 'batchmean = sum / rows: the mean over rows of KL(target row ‖ exp(input row)), the KL divergence when each row of target and of exp(input) is a distribution';
    case 'mean':
      return 'mean = sum / number of elements: not the KL divergence (torch warns about this); use batchmean';
    case 'sum':
      return 'sum over all elements: the KL divergence of a single row, the sum of the rows\' KL divergences otherwise; batchmean is the KL per row';
    case 'none':
      return 'pointwise losses target·(log target − input): each row sums to that row\'s KL divergence';
  }
}

/**
 * e^y·(y − x) for a finite log-target y and a finite input x, never NaN: exactly 0 where y = x (also where e^y
 * overflows: the factor y − x is exactly 0), else where e^y or y − x leaves the doubles,
 * sign(y − x)·e^(y + ln|y − x|), which overflows to ±Infinity or underflows to 0 only where the true value does.
 */
function logTargetTerm(y: number, x: number): number {
  const e = Math.exp(y);
  const d = y - x;
  if (e > 0 && e < Infinity && Math.abs(d) < Infinity) return e * d;
  if (d === 0) return 0;
  const half = 0.5 * y - 0.5 * x; // finite, unlike y − x
  return Math.sign(half) * Math.exp(y + Math.log(Math.abs(half)) + Math.LN2);
}

/**
 * PyTorch's `torch.nn.KLDivLoss(reduction, log_target)(input, target)` with input = log q (log-probabilities)
 * and target = p, following torch's documented formula:
 *
 *   ℓ = target·(log target − input)          (log_target = false; torch: xlogy(target, target) − target·input)
 *   ℓ = exp(target)·(target − input)          (log_target = true)
 *   'sum' Σℓ, 'mean' Σℓ/numel, 'batchmean' Σℓ/rows, 'none' ℓ   (LaTeX: {@link KL_DIV_LOSS_FORMULA_LATEX})
 *
 * Only 'batchmean' of rows is the KL divergence D(p‖q) (averaged over rows); 'mean' divides by every element
 * and is not, and for 1-D input torch's 'batchmean' divides by the length (input.size(0)): the result's `note`
 * and `isKl` say which case applies. Conventions: a term with target = 0 (or log-target −Infinity) is 0
 * whatever the input, also input −Infinity (torch gives NaN for 0·(−∞)); target > 0 with input −Infinity
 * gives +Infinity. With log_target, e^target·(target − input) is 0 where target = input, also where e^target
 * overflows, and ±Infinity only where the true term is beyond the doubles (see `logTargetTerm`). The
 * reductions are compensated sums; terms of +Infinity and -Infinity together have no double sum: an error.
 *
 * @throws DivergenceError `length-mismatch` (shapes differ, or a shape that does not fit its values),
 *   `empty-input`, `invalid-value` (input NaN or +Infinity; target negative, NaN or ±Infinity — or NaN or
 *   +Infinity as a log-target; a reduced sum of terms of +Infinity and -Infinity), `invalid-parameter`
 *   (unknown reduction).
 * @example klDivLoss({ values: [Math.log(0.5), Math.log(0.5)], shape: [1, 2] }, { values: [0.9, 0.1], shape: [1, 2] }, { reduction: 'batchmean' }).value // 0.36806420716849714
 */
export function klDivLoss(input: ArrayLike<number> | Matrix, target: ArrayLike<number> | Matrix, options: KlDivLossOptions): KlDivLossResult {
  const reduction = options.reduction;
  if (reduction !== 'none' && reduction !== 'sum' && reduction !== 'mean' && reduction !== 'batchmean') {
    throw new DivergenceError('invalid-parameter', `reduction is '${String(reduction)}': use none, sum, mean or batchmean`, { array: 'reduction' });
  }
  const logTarget = options.logTarget === true;
  const x = asMatrix(input);
  const y = asMatrix(target);
  if (x.shape.length !== y.shape.length || x.shape.some((s, i) => s !== y.shape[i])) {
    throw new DivergenceError('length-mismatch', `input has shape [${x.shape.join(', ')}] and target has shape [${y.shape.join(', ')}]`);
  }
  const count = x.values.length;
  if (count === 0) throw new DivergenceError('empty-input', 'input and target have no values', { array: 'input' });

  const pointwise = new Float64Array(count);
  const sum = new NeumaierSum();
  for (let i = 0; i < count; i++) {
    const xi = x.values[i]!;
    const yi = y.values[i]!;
    if (!(xi < Infinity)) {
      throw new DivergenceError('invalid-value', `input[${i}] is ${String(xi)}: log-probabilities must be finite or -Infinity`, {
        array: 'input',
        index: i,
      });
    }
    const validTarget = logTarget ? yi < Infinity : yi >= 0 && yi < Infinity;
    if (!validTarget) {
      const rule = logTarget ? 'log-probabilities must be finite or -Infinity' : 'probabilities must be finite and non-negative';
      throw new DivergenceError('invalid-value', `target[${i}] is ${String(yi)}: ${rule}`, { array: 'target', index: i });
    }
    let term: number;
    if (logTarget ? yi === -Infinity : yi === 0) term = 0;
    else if (xi === -Infinity) term = Infinity;
    else term = logTarget ? logTargetTerm(yi, xi) : yi * (Math.log(yi) - xi);
    pointwise[i] = term;
    sum.add(term);
  }
  const oneD = x.shape.length === 1;
  const total = sum.value;
  if (Number.isNaN(total) && reduction !== 'none') {
    // Terms of +Infinity and -Infinity: the true sum is a finite number or ±∞ that double precision cannot tell.
    throw new DivergenceError(
      'invalid-value',
      'the loss is undefined in double precision: pointwise terms overflow to both +Infinity and -Infinity (use reduction none to see them)',
      { array: 'input' },
    );
  }
  const value =
    reduction === 'none' ? pointwise : reduction === 'sum' ? total : reduction === 'mean' ? total / count : total / x.rows;
  return {
    measure: 'kldivloss',
    kind: 'loss',
    reduction,
    value,
    logTarget,
    shape: x.shape,
    isKl: reduction === 'batchmean' && !oneD,
    note: noteFor(reduction, oneD),
  };
}
