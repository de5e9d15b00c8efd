/**
 * Every discrete measure's formula with the user's numbers substituted, as LaTeX, and the plain-text notes
 * beside it (normalisation, units, Pinsker, how log/logit input became probabilities). What each measure
 * writes, its names and its per-term function come from the core's registry (src/core/measures.ts). Pure
 * (no DOM): unit-tested in Node.
 */
import { formatFull, formatSignificant } from '../src/shared/format';
import { measureDescriptor, orderOf, orderText } from '../src/core/measures';
import { asProbabilities, LARGEST_TERMS_SHOWN } from '../src/shared/measureTerms';
import type { AllMeasuresView, DiscreteResultView, MeasureRowView } from '../src/shared/protocol';

export { asProbabilities, LARGEST_TERMS_SHOWN };

/** All terms are written out up to this many; beyond it, the largest contributors and "n more". */
export const MAX_TERMS_SHOWN = 12;
/** Terms written on one line of the aligned formula. */
export const TERMS_PER_LINE = 3;

export function logLatex(base: number): string {
  if (base === Math.E) return '\\ln';
  return `\\log_{${formatSignificant(base, 6)}}`;
}

/** A number as LaTeX: `digits` significant digits, 1.5e-12 as 1.5\times 10^{-12}, ∞ as \infty. */
export function numLatex(x: number, digits = 4): string {
  const s = formatSignificant(x, digits);
  if (s === '∞') return '\\infty';
  if (s === '-∞') return '-\\infty';
  const m = /^(-?[\d.]+)e([+-]?)(\d+)$/.exec(s);
  if (m) return `${m[1]}\\times 10^{${m[2] === '-' ? '-' : ''}${m[3]}}`;
  return s;
}
const num = numLatex;

/** One index's numbers (as probabilities) and what it adds to the sum, in the result's base. */
export interface Term {
  readonly index: number;
  readonly p: number;
  readonly q: number;
  /** The summand of the measure's sum at this index (Infinity where it is infinite). */
  readonly contribution: number;
}

/** The summand of the view's measure at one index, as the core defines it (for its order). */
function termOf(view: Pick<DiscreteResultView, 'measure' | 'alpha'>): (p: number, q: number) => number {
  const d = measureDescriptor(view.measure);
  const alpha = orderOf(d, view.alpha);
  return (p, q) => d.term(p, q, alpha);
}

/** The terms of a view as probabilities, each with its contribution (the summand of the measure's sum). */
export function termsOf(view: DiscreteResultView): Term[] {
  const f = termOf(view);
  const p = asProbabilities(view.p, view.input, view.sums.p, view.normalized);
  const q = view.q ? asProbabilities(view.q, view.input, view.sums.q ?? 1, view.normalized) : p.map(() => NaN);
  return p.map((pi, index) => ({ index, p: pi, q: q[index] ?? NaN, contribution: f(pi, q[index] ?? NaN) }));
}

/**
 * The terms the formula writes: all sent terms, or for an input longer than what was sent, the largest
 * contributors over all n values that the host computed (`view.top`).
 */
export function formulaTerms(view: DiscreteResultView): { shown: Term[]; hidden: number } {
  if (view.top && view.n > view.p.length) {
    const f = termOf(view);
    const shown = view.top.map((t) => ({ ...t, contribution: f(t.p, t.q) })).sort((a, b) => a.index - b.index);
    return { shown, hidden: view.n - shown.length };
  }
  return selectTerms(termsOf(view), view.n);
}

/**
 * Which terms are written out: all of them for n ≤ 12 (when all were sent); otherwise the six with the
 * largest |contribution|, ties in index order, shown in index order. `hidden` counts the rest of all n.
 */
export function selectTerms(terms: readonly Term[], n: number): { shown: Term[]; hidden: number } {
  if (n <= MAX_TERMS_SHOWN && terms.length === n) return { shown: [...terms], hidden: 0 };
  const shown = [...terms]
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.index - b.index)
    .slice(0, LARGEST_TERMS_SHOWN)
    .sort((a, b) => a.index - b.index);
  return { shown, hidden: n - shown.length };
}

/** The result with its unit: "0.0853 nats"; a unitless measure gets no unit. */
function totalLatex(view: DiscreteResultView, digits: number): string {
  return view.unit ? `${num(view.value, digits)}\\ \\text{${view.unit}}` : num(view.value, digits);
}

/**
 * "D = 0.36 ln(0.36/0.3333) + … = 0.0853 nats", aligned a few terms a line: every term for n ≤ 12, else the
 * largest contributors by magnitude (in index order) and "⋯ (n more terms)". For measures that are a function
 * of a sum (Hellinger, Bhattacharyya, Rényi, JS distance) the sum is written first, then the function of it.
 * Display only: the value shown at the end is the exact result.
 */
export function substitutedLatex(view: DiscreteResultView, digits = 4): string {
  const log = logLatex(view.base);
  const d = measureDescriptor(view.measure);
  const spec = d.written(log, num, orderOf(d, view.alpha));
  const { shown, hidden } = formulaTerms(view);
  const parts = shown.map(spec.term);
  if (hidden > 0) parts.push(`\\cdots\\;(\\text{${hidden} more terms})`);
  const perLine = spec.perLine ?? TERMS_PER_LINE;
  const join = spec.join ?? ' + ';
  const lines: string[] = [];
  for (let i = 0; i < parts.length; i += perLine) lines.push(parts.slice(i, i + perLine).join(join));
  if (lines.length === 0) lines.push('0');
  lines[0] = `${spec.open ?? ''}${lines[0]}`;
  lines[lines.length - 1] = `${lines[lines.length - 1]}${spec.close ?? ''}`;
  const sumLhs = spec.sumName ?? spec.lhs;
  const continued = join.trim() === '+' ? '&\\quad + ' : `&\\quad ${join.trim()} `;
  const body = lines.map((line, i) => (i === 0 ? `${sumLhs} &= ${line}` : `${continued}${line}`)).join(' \\\\ ');
  const last = spec.final ? `${spec.lhs} &= ${spec.final} = ${totalLatex(view, digits)}` : `&= ${totalLatex(view, digits)}`;
  return `\\begin{aligned} ${body} \\\\ ${last} \\end{aligned}`;
}

/** The KL formula with the user's numbers (the first view the panel had). */
export function klSubstitutedLatex(view: DiscreteResultView, digits = 4): string {
  return substitutedLatex(view, digits);
}

/** A measure's order as the panel writes it: "2", "0.5", "∞". */
function orderShown(alpha: number | undefined): string {
  return alpha === Infinity ? '∞' : formatSignificant(alpha ?? NaN, 6);
}

/** The measure's name as the panel titles it. */
export function measureTitle(view: Pick<DiscreteResultView, 'measure' | 'alpha'>): string {
  return orderText(measureDescriptor(view.measure).title, orderShown(view.alpha));
}

/** The result's symbol as plain text: "D(P‖Q)", "H(P)", "D_2(P‖Q)". */
export function measureLabel(view: Pick<DiscreteResultView, 'measure' | 'alpha'>): string {
  return orderText(measureDescriptor(view.measure).label, orderShown(view.alpha));
}

function unitNote(view: DiscreteResultView): string {
  if (!view.unit) return 'No unit: a number between 0 and 1 for distributions.';
  const base = view.base === Math.E ? 'e' : formatSignificant(view.base, 6);
  return `Unit: ${view.unit} (logarithms to base ${base}).`;
}

/**
 * The notes shown under the formula, as plain text (set with textContent): source and size, how the numbers
 * became probabilities (normalised with the original sums; exp of log input; softmax of logits), the unit,
 * Pinsker's bound for KL, and the backend.
 */
export function detailLines(view: DiscreteResultView): string[] {
  const long = view.p.length < view.n;
  const lines = [
    `From ${view.source}; n = ${view.n}${
      long
        ? view.top && view.bins
          ? ` (the formula writes the ${view.top.length} largest terms of all ${view.n}; the charts draw all ${view.n} values in bins of ${view.bins.binSize})`
          : ` (the first ${view.p.length} values were sent to the panel)`
        : ''
    }.`,
  ];
  const one = view.q === undefined || view.sums.q === undefined;
  if (view.input === 'log') {
    lines.push('The numbers were read as natural logarithms of probabilities: p_i = exp(x_i).');
  } else if (view.input === 'logits') {
    lines.push('The numbers were read as logits and turned into probabilities by softmax: p_i = exp(x_i) / Σ_j exp(x_j).');
  }
  if (view.input !== 'logits') {
    if (view.normalized) {
      lines.push(
        one
          ? `P was normalised to sum to 1 (it summed to ${formatFull(view.sums.p)}).`
          : `P and Q were normalised to sum to 1 (P summed to ${formatFull(view.sums.p)}, Q to ${formatFull(view.sums.q ?? NaN)}).`,
      );
    } else {
      lines.push(one ? 'P was used as given (it sums to 1).' : 'P and Q were used as given (each sums to 1).');
    }
  }
  lines.push(unitNote(view));
  if (view.measure === 'kl' && view.pinskerTvBound !== undefined) {
    lines.push(`Pinsker's inequality: TV(P, Q) ≤ √(D/2) = ${formatSignificant(view.pinskerTvBound, 6)} (D in nats).`);
  }
  lines.push(`Computed by the ${view.backend === 'wasm' ? 'WebAssembly' : 'TypeScript'} backend.`);
  return lines;
}

/** The formula view of one row of the all-measures table (the table's arrays, the row's measure). */
export function rowResultView(table: AllMeasuresView, row: MeasureRowView): DiscreteResultView {
  const ofQ = row.ofQ === true;
  const one = measureDescriptor(row.measure).arity === 1;
  return {
    measure: row.measure,
    value: row.value,
    unit: row.unit,
    base: table.base,
    normalized: table.normalized,
    sums: one ? { p: ofQ ? table.sums.q : table.sums.p } : table.sums,
    backend: 'ts',
    p: ofQ ? table.q : table.p,
    ...(one ? {} : { q: table.q }),
    n: table.n,
    formulaLatex: row.formulaLatex,
    source: ofQ ? `${table.source} (the ${row.name.charAt(0).toLowerCase()}${row.name.slice(1)}, written with Q as P)` : table.source,
    ...(table.input ? { input: table.input } : {}),
    ...(row.alpha !== undefined ? { alpha: row.alpha } : {}),
  };
}

/**
 * Whether a measure's terms are in the result's unit: they are logarithms (in the result's base) when the
 * result is a quantity of information and the sum itself, not a function of a sum (BC for Bhattacharyya,
 * S_α for Rényi, whose terms are unitless) nor its square root (the JS distance).
 */
export function termsInResultUnit(view: Pick<DiscreteResultView, 'measure' | 'alpha'>): boolean {
  const d = measureDescriptor(view.measure);
  return d.unit === 'information' && d.written('\\ln', num, orderOf(d, view.alpha)).sumName === undefined;
}

// Stand-ins for p and q that no arithmetic of a term (½(p + q), 1 − α) turns into one another.
const P_SYMBOL = 0.1234567;
const Q_SYMBOL = 0.7654321;

/**
 * The summand the contribution chart draws, as LaTeX in the letters p and q (m = ½(p + q)): the registry's
 * written term with symbols in place of numbers, e.g. `p\,\ln\frac{p}{q}` for KL. Logarithms are to the
 * result's base when the terms are drawn in its unit, natural otherwise.
 */
export function termSymbolLatex(view: Pick<DiscreteResultView, 'measure' | 'alpha' | 'base'>): string {
  const d = measureDescriptor(view.measure);
  const symbol = (x: number, digits?: number) =>
    x === P_SYMBOL ? 'p' : x === Q_SYMBOL ? 'q' : x === (P_SYMBOL + Q_SYMBOL) / 2 ? 'm' : num(x, digits);
  const log = termsInResultUnit(view) ? logLatex(view.base) : '\\ln';
  return d.written(log, symbol, orderOf(d, view.alpha)).term({ p: P_SYMBOL, q: Q_SYMBOL });
}
