import { studentTSf } from './specialFunctions';
import { meanDifference, meanTestResult, type MeanTestResult } from './twoSampleZ';

/** The statistic and its degrees of freedom, as the panel renders them (KaTeX). */
export const WELCH_T_FORMULA_LATEX =
  't = \\frac{\\bar{x}_P - \\bar{x}_Q}{\\sqrt{s_P^2/n + s_Q^2/m}},\\quad ' +
  '\\nu = \\frac{(s_P^2/n + s_Q^2/m)^2}{\\frac{(s_P^2/n)^2}{n-1} + \\frac{(s_Q^2/m)^2}{m-1}}';

/** Welch's result: `pvalue` is 2·P(T_ν > |t|) for Student's t with ν = `df`. */
export interface WelchTResult extends MeanTestResult<'welch'> {
  /** Welch–Satterthwaite degrees of freedom ν (real, between min(n, m) − 1 and n + m − 2). */
  readonly df: number;
}

/**
 * Welch's two-sample t-test of equal means (two-sided), which does not assume equal variances:
 *
 *   t = (x̄_P − x̄_Q)/sqrt(s_P²/n + s_Q²/m),
 *   ν = (s_P²/n + s_Q²/m)² / ((s_P²/n)²/(n−1) + (s_Q²/m)²/(m−1))  (Welch–Satterthwaite),
 *   p = 2·P(T_ν > |t|)                                            (LaTeX: {@link WELCH_T_FORMULA_LATEX})
 *
 * as `scipy.stats.ttest_ind(p, q, equal_var=False)`. ν is computed from the shares r = (s²/n)/(s_P²/n + s_Q²/m)
 * as 1/(r_P²/(n−1) + r_Q²/(m−1)), which cannot overflow. The t tail comes from the regularized incomplete
 * beta function (continued fraction; for ν > 30 near the centre DiDonato & Morris's expansion), accurate to
 * ~1e-13 relative for every ν and far into the tail.
 *
 * @throws DivergenceError `empty-input`, `invalid-parameter` (a sample of 1 value), `invalid-value`
 *   (non-finite value; both samples constant).
 * @example welchT([1, 2, 3, 4], [2, 3, 4, 5, 6]) // statistic −1.5666989036012806, df 6.980769230769232, pvalue 0.1612858562893043
 */
export function welchT(p: ArrayLike<number>, q: ArrayLike<number>): WelchTResult {
  const d = meanDifference(p, q, "Welch's t-test");
  const vp = d.p.variance / d.p.n;
  const vq = d.q.variance / d.q.n;
  const rp = vp / (vp + vq);
  const rq = vq / (vp + vq);
  const df = 1 / ((rp * rp) / (d.p.n - 1) + (rq * rq) / (d.q.n - 1));
  const statistic = d.difference / d.standardError;
  return meanTestResult('welch', d, statistic, Math.min(1, 2 * studentTSf(Math.abs(statistic), df)), { df });
}
