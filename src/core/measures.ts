/**
 * The registry of discrete measures: one descriptor per measure, from which the command line's measure list,
 * the editor's selection commands, the all-measures table and the panel's formula view are built. Adding a
 * measure is its own file (the function, its LaTeX definition, its per-term function) and one entry below.
 */
import { bhattacharyya, bhattacharyyaOfPair, bhattacharyyaTerm, BHATTACHARYYA_FORMULA_LATEX } from './bhattacharyya';
import { crossEntropy, crossEntropyTerm, CROSS_ENTROPY_FORMULA_LATEX } from './crossEntropy';
import type { MeasureOptions } from './distributionInput';
import type { DistributionPair } from './distributionPair';
import { entropy, entropyTerm, ENTROPY_FORMULA_LATEX } from './entropy';
import { hellinger, hellingerOfPair, hellingerTerm, HELLINGER_FORMULA_LATEX } from './hellinger';
import { jeffreys, jeffreysOfPair, jeffreysTerm, JEFFREYS_FORMULA_LATEX } from './jeffreys';
import { jsDistance, jsDistanceOfPair, jsDistanceTerm, JS_DISTANCE_FORMULA_LATEX } from './jsDistance';
import { jsDivergence, jsDivergenceOfPair, jsDivergenceTerm, JS_DIVERGENCE_FORMULA_LATEX } from './jsDivergence';
import { klDivergence, klTerm, KL_FORMULA_LATEX, REVERSE_KL_FORMULA_LATEX } from './klDivergence';
import type { LogBase } from './logBase';
import { renyi, renyiOfPair, renyiTerm, RENYI_FORMULA_LATEX, type RenyiOptions } from './renyi';
import { totalVariation, totalVariationOfPair, totalVariationTerm, TOTAL_VARIATION_FORMULA_LATEX } from './totalVariation';

/** Every discrete measure's id (the panel's protocol lists the same ids: a unit test checks it). */
export type MeasureId =
  | 'entropy'
  | 'cross-entropy'
  | 'kl'
  | 'reverse-kl'
  | 'jeffreys'
  | 'js'
  | 'js-distance'
  | 'tv'
  | 'hellinger'
  | 'bhattacharyya'
  | 'renyi';

/** What every discrete measure's result says, whichever backend computed it. */
export interface MeasureValue {
  readonly value: number;
  readonly unit?: string;
  readonly base?: number;
  readonly normalized: boolean;
  readonly sums: { readonly p: number; readonly q?: number };
  readonly n: number;
  readonly backend: 'ts' | 'wasm';
  readonly pinskerTvBound?: number;
  readonly alpha?: number;
}

type PairFunction = (p: ArrayLike<number>, q: ArrayLike<number>, options?: MeasureOptions) => MeasureValue;

/**
 * The library's measure functions a descriptor computes with: the TypeScript reference
 * ({@link CORE_MEASURE_FUNCTIONS}), or src/compute's functions of the same names, which add the WASM backend.
 */
export interface MeasureFunctions {
  readonly entropy: (p: ArrayLike<number>, options?: MeasureOptions) => MeasureValue;
  readonly crossEntropy: PairFunction;
  readonly klDivergence: PairFunction;
  readonly jeffreys: PairFunction;
  readonly jsDivergence: PairFunction;
  readonly jsDistance: PairFunction;
  readonly totalVariation: PairFunction;
  readonly hellinger: PairFunction;
  readonly bhattacharyya: PairFunction;
  readonly renyi: (p: ArrayLike<number>, q: ArrayLike<number>, options: RenyiOptions) => MeasureValue;
}

/** The TypeScript reference of every measure function. */
export const CORE_MEASURE_FUNCTIONS: MeasureFunctions = {
  entropy,
  crossEntropy,
  klDivergence,
  jeffreys,
  jsDivergence,
  jsDistance,
  totalVariation,
  hellinger,
  bhattacharyya,
  renyi,
};

/** The options of a measure: those every measure takes, and the order of a measure that has one. */
export interface MeasureRunOptions extends MeasureOptions {
  readonly alpha?: number;
}

/** A text that names a measure's order (Rényi's α), given the order already formatted: "D_2(P‖Q)". */
export type OrderText = string | ((order: string) => string);

/** The text for an order (formatted by the caller: the panel and the command line write numbers differently). */
export function orderText(text: OrderText, order: string): string {
  return typeof text === 'string' ? text : text(order);
}

/** A number written in LaTeX, to `digits` significant digits (4 unless given). */
export type LatexNumber = (x: number, digits?: number) => string;

/**
 * How the formula view writes the measure's sum with the user's numbers: "lhs = term + term + … = value", or,
 * for a measure that is a function of a sum, "sumName = term + … " then "lhs = final = value".
 */
export interface WrittenSum {
  /** Left-hand side of the result, e.g. D_{KL}(P‖Q). */
  readonly lhs: string;
  /** Name of the sum when the result is a function of it (BC, S_α); undefined when the result is the sum. */
  readonly sumName?: string;
  /** The result as a function of the sum (uses `sumName`). */
  readonly final?: string;
  /** One index's term with its probabilities substituted. */
  readonly term: (t: { readonly p: number; readonly q: number }) => string;
  /** Terms per line (3 unless given). */
  readonly perLine?: number;
  /** Between terms (' + ' unless given), and around all of them. */
  readonly join?: string;
  readonly open?: string;
  readonly close?: string;
}

/** Unit of a result: of information (nats, bits... by the log base), its square root, or none. */
export type UnitRule = 'information' | 'root-information' | 'none';

/** One discrete measure, as everything that lists, computes or explains measures needs it. */
export interface MeasureDescriptor {
  readonly id: MeasureId;
  /** The result's symbol as plain text: "D(P‖Q)", "H(P)", "D_2(P‖Q)" (panel, commands, table). */
  readonly label: OrderText;
  /** The panel's title: "Kullback-Leibler divergence D(P‖Q)". */
  readonly title: OrderText;
  /** The definition in LaTeX: what the formula view renders and the measure's doc comment carries. */
  readonly formulaLatex: string;
  /** 1: a measure of P; 2: of P and Q. */
  readonly arity: 1 | 2;
  readonly unit: UnitRule;
  /** A measure with an order (Rényi's α > 0): the value used when none is given. */
  readonly order?: { readonly default: number };
  /** The summand of the measure's sum at one index (probabilities p, q; natural logs), for the order α. */
  readonly term: (p: number, q: number, alpha: number) => number;
  /** Computes the measure with the given functions (a measure with no WASM kernel may use its own directly). */
  readonly compute: (fns: MeasureFunctions, p: ArrayLike<number>, q: ArrayLike<number> | undefined, options: MeasureRunOptions) => MeasureValue;
  /** From a prepared pair (shared by the measures of the all-measures table that have it). */
  readonly ofPair?: (pair: DistributionPair, base: LogBase, alpha: number) => MeasureValue;
  /** How the formula view writes the sum, in `log` (\ln, \log_2) with numbers written by `num`. */
  readonly written: (log: string, num: LatexNumber, alpha: number) => WrittenSum;
  /**
   * The row name of the all-measures table; absent: not in the table. A measure of one distribution has a
   * row for P and one for Q (its label and name with Q for P).
   */
  readonly tableName?: OrderText;
  /** The command line's measure: its name, its result's label (ASCII) and its one-line summary. */
  readonly cli?: { readonly name: string; readonly label: OrderText; readonly summary: string };
  /** The editor command of the selection (its id `divergenceLens.<name>`), as package.json contributes it. */
  readonly command?: { readonly name: string; readonly title: string };
}

const frac = (num: LatexNumber, a: number, b: number) => `\\frac{${num(a)}}{${num(b)}}`;

type PairName = Exclude<keyof MeasureFunctions, 'entropy' | 'renyi'>;

/** How a measure of P and Q without an order is computed: `fns[name](p, q, options)`. */
function pairOf(name: PairName): MeasureDescriptor['compute'] {
  return (fns, p, q, options) => fns[name](p, q!, options);
}

/**
 * A sum of terms w·log(a/b) (entropy: p log(1/p), cross-entropy: p log(1/q), KL: p log(p/q), reverse KL:
 * q log(q/p)), each of w, a, b one of the index's probabilities or the number 1.
 */
function weightedLogWritten(lhs: string, w: 'p' | 'q', a: 'p' | 'q' | 1, b: 'p' | 'q'): MeasureDescriptor['written'] {
  return (log, num) => ({ lhs, term: (t) => `${num(t[w])}\\,${log}${frac(num, a === 1 ? 1 : t[a], t[b])}` });
}

/** The JS divergence's sum (with P, Q and M = ½(P + Q)), and for the distance its square root. */
function jsWritten(lhs: string, distance: boolean): MeasureDescriptor['written'] {
  return (log, num) => {
    const term = (t: { p: number; q: number }) => {
      const m = (t.p + t.q) / 2;
      return `\\tfrac12\\big(${num(t.p)}\\,${log}${frac(num, t.p, m)} + ${num(t.q)}\\,${log}${frac(num, t.q, m)}\\big)`;
    };
    return distance ? { lhs, sumName: '\\mathrm{JSD}', final: '\\sqrt{\\mathrm{JSD}}', term, perLine: 1 } : { lhs, term, perLine: 1 };
  };
}

/** The Bhattacharyya coefficient BC = Σ √(p q), and the measure as a function `final` of it. */
function coefficientWritten(lhs: string, final: (log: string) => string): MeasureDescriptor['written'] {
  return (log, num) => ({ lhs, sumName: '\\mathrm{BC}', final: final(log), term: (t) => `\\sqrt{${num(t.p)} \\cdot ${num(t.q)}}` });
}

function renyiWritten(log: string, num: LatexNumber, alpha: number): WrittenSum {
  const a = num(alpha, 6);
  const lhs = `D_{${a}}(P\\,\\|\\,Q)`;
  if (alpha === Infinity) {
    return { lhs, sumName: 'M', final: `${log} M`, term: (t) => frac(num, t.p, t.q), join: ',\\ ', open: '\\max\\big(', close: '\\big)' };
  }
  return {
    lhs,
    sumName: `S_{${a}}`,
    final: `\\frac{1}{${a} - 1}\\,${log} S_{${a}}`,
    term: (t) => `${num(t.p)}^{${a}}\\,${num(t.q)}^{${num(1 - alpha, 6)}}`,
  };
}

/** Every discrete measure, in the order the command line lists them. */
export const MEASURES: readonly MeasureDescriptor[] = [
  {
    id: 'entropy', arity: 1, unit: 'information',
    label: 'H(P)', title: 'Shannon entropy H(P)', tableName: 'Entropy of P',
    formulaLatex: ENTROPY_FORMULA_LATEX, term: entropyTerm, compute: (f, p, _q, o) => f.entropy(p, o),
    written: weightedLogWritten('H(P)', 'p', 1, 'p'),
    cli: { name: 'entropy', label: 'H(P)', summary: 'H(P) = -sum p log p, Shannon entropy' },
    command: { name: 'entropyOfSelection', title: 'Entropy of Selection' },
  },
  {
    id: 'cross-entropy', arity: 2, unit: 'information',
    label: 'H(P, Q)', title: 'Cross-entropy H(P, Q)', tableName: 'Cross-entropy',
    formulaLatex: CROSS_ENTROPY_FORMULA_LATEX, term: crossEntropyTerm, compute: pairOf('crossEntropy'),
    written: weightedLogWritten('H(P, Q)', 'p', 1, 'q'),
    cli: { name: 'cross-entropy', label: 'H(P,Q)', summary: 'H(P,Q) = -sum p log q, cross-entropy' },
    command: { name: 'crossEntropyOfSelection', title: 'Cross-Entropy of Selection' },
  },
  {
    id: 'kl', arity: 2, unit: 'information',
    label: 'D(P‖Q)', title: 'Kullback-Leibler divergence D(P‖Q)', tableName: 'Kullback-Leibler divergence',
    formulaLatex: KL_FORMULA_LATEX, term: klTerm, compute: pairOf('klDivergence'),
    written: weightedLogWritten('D_{\\mathrm{KL}}(P\\,\\|\\,Q)', 'p', 'p', 'q'),
    cli: { name: 'kl', label: 'D(P||Q)', summary: 'D(P||Q) = sum p log(p/q), Kullback-Leibler divergence' },
    command: { name: 'klOfSelection', title: 'KL Divergence of Selection' },
  },
  {
    // Not in the table, nor on the command line: KL with P and Q swapped.
    id: 'reverse-kl', arity: 2, unit: 'information',
    label: 'D(Q‖P)', title: 'Reverse Kullback-Leibler divergence D(Q‖P)',
    formulaLatex: REVERSE_KL_FORMULA_LATEX, term: (p, q) => klTerm(q, p), compute: (f, p, q, o) => f.klDivergence(q!, p, o),
    written: weightedLogWritten('D_{\\mathrm{KL}}(Q\\,\\|\\,P)', 'q', 'q', 'p'),
    command: { name: 'reverseKlOfSelection', title: 'Reverse KL Divergence of Selection' },
  },
  {
    id: 'jeffreys', arity: 2, unit: 'information',
    label: 'J(P, Q)', title: 'Jeffreys divergence J(P, Q)', tableName: 'Jeffreys divergence (symmetric KL)',
    formulaLatex: JEFFREYS_FORMULA_LATEX, term: jeffreysTerm, compute: pairOf('jeffreys'), ofPair: jeffreysOfPair,
    written: (log, num) => ({ lhs: 'J(P, Q)', term: (t) => `(${num(t.p)} - ${num(t.q)})\\,${log}${frac(num, t.p, t.q)}`, perLine: 2 }),
    cli: { name: 'jeffreys', label: 'J(P,Q)', summary: 'J = D(P||Q) + D(Q||P), Jeffreys divergence' },
  },
  {
    id: 'js', arity: 2, unit: 'information',
    label: 'JSD(P, Q)', title: 'Jensen-Shannon divergence', tableName: 'Jensen-Shannon divergence',
    formulaLatex: JS_DIVERGENCE_FORMULA_LATEX, term: jsDivergenceTerm, compute: pairOf('jsDivergence'), ofPair: jsDivergenceOfPair,
    written: jsWritten('\\mathrm{JSD}(P\\,\\|\\,Q)', false),
    cli: { name: 'js', label: 'JSD(P,Q)', summary: 'Jensen-Shannon divergence, 1/2 D(P||M) + 1/2 D(Q||M)' },
    command: { name: 'jsOfSelection', title: 'Jensen-Shannon of Selection' },
  },
  {
    id: 'js-distance', arity: 2, unit: 'root-information',
    label: 'd_JS(P, Q)', title: 'Jensen-Shannon distance', tableName: 'Jensen-Shannon distance',
    formulaLatex: JS_DISTANCE_FORMULA_LATEX, term: jsDistanceTerm, compute: pairOf('jsDistance'), ofPair: jsDistanceOfPair,
    written: jsWritten('d_{\\mathrm{JS}}(P, Q)', true),
    cli: { name: 'js-distance', label: 'JS distance', summary: 'Jensen-Shannon distance, sqrt(JSD)' },
  },
  {
    id: 'tv', arity: 2, unit: 'none',
    label: 'TV(P, Q)', title: 'Total variation distance', tableName: 'Total variation distance',
    formulaLatex: TOTAL_VARIATION_FORMULA_LATEX, term: totalVariationTerm, compute: pairOf('totalVariation'), ofPair: totalVariationOfPair,
    written: (_log, num) => ({ lhs: '\\delta(P, Q)', term: (t) => `\\tfrac12\\lvert ${num(t.p)} - ${num(t.q)} \\rvert` }),
    cli: { name: 'tv', label: 'TV(P,Q)', summary: 'total variation distance, 1/2 sum |p - q|' },
  },
  {
    id: 'hellinger', arity: 2, unit: 'none',
    label: 'Hellinger(P, Q)', title: 'Hellinger distance', tableName: 'Hellinger distance',
    formulaLatex: HELLINGER_FORMULA_LATEX, term: hellingerTerm, compute: pairOf('hellinger'), ofPair: hellingerOfPair,
    written: coefficientWritten('H(P, Q)', () => '\\sqrt{1 - \\mathrm{BC}}'),
    cli: { name: 'hellinger', label: 'H(P,Q)', summary: 'Hellinger distance, sqrt(1 - sum sqrt(p q))' },
  },
  {
    id: 'bhattacharyya', arity: 2, unit: 'information',
    label: 'D_B(P, Q)', title: 'Bhattacharyya distance', tableName: 'Bhattacharyya distance',
    formulaLatex: BHATTACHARYYA_FORMULA_LATEX, term: bhattacharyyaTerm, compute: pairOf('bhattacharyya'), ofPair: bhattacharyyaOfPair,
    written: coefficientWritten('D_B(P, Q)', (log) => `-${log}\\mathrm{BC}`),
    cli: { name: 'bhattacharyya', label: 'D_B(P,Q)', summary: 'Bhattacharyya distance, -ln sum sqrt(p q)' },
  },
  {
    id: 'renyi', arity: 2, unit: 'information', order: { default: 2 },
    label: (a) => `D_${a}(P‖Q)`, title: (a) => `Rényi divergence of order ${a}`, tableName: (a) => `Rényi divergence, α = ${a}`,
    formulaLatex: RENYI_FORMULA_LATEX, term: renyiTerm, compute: (f, p, q, o) => f.renyi(p, q!, { ...o, alpha: o.alpha as number }), ofPair: renyiOfPair,
    written: renyiWritten,
    cli: { name: 'renyi', label: (a) => `D_${a}(P||Q)`, summary: 'Renyi divergence of order alpha > 0' },
  },
];

const BY_ID = new Map(MEASURES.map((d) => [d.id, d]));

/** The descriptor of a measure. */
export function measureDescriptor(id: MeasureId): MeasureDescriptor {
  return BY_ID.get(id)!;
}

/** The order a measure is computed for: `alpha` when given, else its default (NaN for a measure without one). */
export function orderOf(d: MeasureDescriptor, alpha: number | undefined): number {
  return alpha ?? d.order?.default ?? NaN;
}
