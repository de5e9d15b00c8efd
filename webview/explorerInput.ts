/**
 * What is wrong with an input of the Gaussian explorer, said with the input's own name (σ₀, Σ₁ xy), and the
 * note that the numbers and curves left on screen are dimmed: they belong to the last valid parameters,
 * not to what is typed. Pure (no DOM): unit-tested in Node.
 */
import type { G2Field, GaussKey } from '../src/shared/panelIds';
import { isPositiveDefinite, type Sym2 } from './gaussian2d';

/** What the explorer says after the problem, while it shows the last valid results dimmed. */
export const STALE_NOTE = 'the numbers and curves below (dimmed) are for the last valid parameters';

/** The problem and the stale note as one line. */
export function staleMessage(problem: string): string {
  return `${problem}; ${STALE_NOTE}.`;
}

const GAUSS_NAMES: Record<GaussKey, string> = {
  mu0: 'μ₀ (mean of P)',
  sigma0: 'σ₀ (standard deviation of P)',
  mu1: 'μ₁ (mean of Q)',
  sigma1: 'σ₁ (standard deviation of Q)',
};

/** A number typed for one of μ₀, σ₀, μ₁, σ₁: undefined when it is valid, else what is wrong with it. */
export function gaussianInputProblem(key: GaussKey, raw: string): string | undefined {
  const x = Number(raw);
  const name = GAUSS_NAMES[key];
  if (raw.trim() === '' || !Number.isFinite(x)) return `${name} is "${raw}": not a finite number`;
  if (key.startsWith('sigma') && !(x > 0)) return `${name} is ${raw.trim()}: it must be > 0`;
  return undefined;
}

/** "μ₀ x", "Σ₁ xy": a field of the two-dimensional mode as the page names it. */
export function g2FieldName(f: G2Field): string {
  const m = /^(mu|cov)([01])(.+)$/.exec(f)!;
  return `${m[1] === 'mu' ? 'μ' : 'Σ'}${m[2] === '0' ? '₀' : '₁'} ${m[3]}`;
}

/**
 * The two-dimensional fields' values (NaN for what does not read as a number) and raw texts: undefined when
 * they are valid parameters, else the first field that is not a number, or the covariance that is not
 * positive definite.
 */
export function gaussian2dInputProblem(values: Record<G2Field, number>, raw: Record<G2Field, string>, cov0: Sym2, cov1: Sym2): string | undefined {
  const bad = (Object.keys(values) as G2Field[]).find((k) => !Number.isFinite(values[k]));
  if (bad) return `${g2FieldName(bad)} is "${raw[bad]}": not a finite number`;
  for (const [name, cov] of [['Σ₀', cov0], ['Σ₁', cov1]] as const) {
    if (!isPositiveDefinite(cov)) return `${name} is not positive definite (need xx > 0, yy > 0, xx·yy − xy² > 0)`;
  }
  return undefined;
}
