/**
 * The KL formula with the user's numbers substituted, as LaTeX. Pure (no DOM): unit-tested in Node.
 */
import { formatSignificant } from '../src/shared/format';
import type { KlResultView } from '../src/shared/protocol';

/** All terms are written out up to this many; beyond it, the largest contributors and "n more". */
export const MAX_TERMS_SHOWN = 12;
/** Terms written on one line of the aligned formula. */
export const TERMS_PER_LINE = 3;
/** How many of the largest contributors are written out for longer inputs. */
export const LARGEST_TERMS_SHOWN = 6;

export function logLatex(base: number): string {
  if (base === Math.E) return '\\ln';
  return `\\log_{${formatSignificant(base, 6)}}`;
}

function num(x: number, digits = 4): string {
  const s = formatSignificant(x, digits);
  if (s === '∞') return '\\infty';
  const m = /^(-?[\d.]+)e([+-]?)(\d+)$/.exec(s);
  if (m) return `${m[1]}\\times 10^{${m[2] === '-' ? '-' : ''}${m[3]}}`;
  return s;
}

interface Term {
  readonly index: number;
  readonly p: number;
  readonly q: number;
  /** p·log(p/q) in the result's base; 0 when p = 0; Infinity when q = 0 < p. */
  readonly contribution: number;
}

function termsOf(view: KlResultView): Term[] {
  const sp = view.normalized ? view.sums.p : 1;
  const sq = view.normalized ? view.sums.q : 1;
  const lnBase = Math.log(view.base);
  return view.p.map((rawP, index) => {
    const p = rawP / sp;
    const q = (view.q[index] ?? NaN) / sq;
    const contribution = p === 0 ? 0 : q === 0 ? Infinity : (p * Math.log(p / q)) / lnBase;
    return { index, p, q, contribution };
  });
}

function termLatex(t: Term, log: string): string {
  return `${num(t.p)}\\,${log}\\frac{${num(t.p)}}{${num(t.q)}}`;
}

/**
 * "D = 0.36 ln(0.36/0.3333) + … = 0.0853", aligned three terms a line: every term for n ≤ 12, else the largest contributors by magnitude
 * (in index order) and "+ … (n more)". Display only: the value shown at the end is the exact result.
 */
export function klSubstitutedLatex(view: KlResultView, digits = 4): string {
  const log = logLatex(view.base);
  const terms = termsOf(view);
  let shown: Term[];
  let hidden = 0;
  if (view.n <= MAX_TERMS_SHOWN && terms.length === view.n) {
    shown = terms;
  } else {
    shown = [...terms]
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
      .slice(0, LARGEST_TERMS_SHOWN)
      .sort((a, b) => a.index - b.index);
    hidden = view.n - shown.length;
  }
  const parts = shown.map((t) => termLatex(t, log));
  if (hidden > 0) parts.push(`\\cdots\\;(\\text{${hidden} more terms})`);
  // A few terms a line, aligned on '=', so the panel never needs to scroll sideways.
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += TERMS_PER_LINE) lines.push(parts.slice(i, i + TERMS_PER_LINE).join(' + '));
  const lhs = 'D_{\\mathrm{KL}}(P\\,\\|\\,Q)';
  const body = lines.map((line, i) => (i === 0 ? `${lhs} &= ${line}` : `&\\quad + ${line}`)).join(' \\\\ ');
  return `\\begin{aligned} ${body} \\\\ &= ${num(view.value, digits)}\\ \\text{${view.unit}} \\end{aligned}`;
}
