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
  readonly term: (alpha: number) => (p: number, q: number) => number;
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

function jsWritten(lhs: string, distance: boolean): MeasureDescriptor['written'] {
  return (log, num) => {
    const term = (t: { p: number; q: number }) => {
      const m = (t.p + t.q) / 2;
      return `\\tfrac12\\big(${num(t.p)}\\,${log}${frac(num, t.p, m)} + ${num(t.q)}\\,${log}${frac(num, t.q, m)}\\big)`;
    };
    return distance ? { lhs, sumName: '\\mathrm{JSD}', final: '\\sqrt{\\mathrm{JSD}}', term, perLine: 1 } : { lhs, term, perLine: 1 };
  };
}

/** Every discrete measure, in the order the command line lists them. */
export const MEASURES: readonly MeasureDescriptor[] = [
  {
    id: 'entropy',
    label: 'H(P)',
    title: 'Shannon entropy H(P)',
    formulaLatex: ENTROPY_FORMULA_LATEX,
    arity: 1,
    unit: 'information',
    term: () => entropyTerm,
    compute: (f, p, _q, o) => f.entropy(p, o),
    written: (log, num) => ({ lhs: 'H(P)', term: (t) => `${num(t.p)}\\,${log}${frac(num, 1, t.p)}` }),
    tableName: 'Entropy of P',
    cli: { name: 'entropy', label: 'H(P)', summary: 'H(P) = -sum p log p, Shannon entropy' },
    command: { name: 'entropyOfSelection', title: 'Entropy of Selection' },
  },
  {
    id: 'cross-entropy',
    label: 'H(P, Q)',
    title: 'Cross-entropy H(P, Q)',
    formulaLatex: CROSS_ENTROPY_FORMULA_LATEX,
    arity: 2,
    unit: 'information',
    term: () => crossEntropyTerm,
    compute: (f, p, q, o) => f.crossEntropy(p, q!, o),
    written: (log, num) => ({ lhs: 'H(P, Q)', term: (t) => `${num(t.p)}\\,${log}${frac(num, 1, t.q)}` }),
    tableName: 'Cross-entropy',
    cli: { name: 'cross-entropy', label: 'H(P,Q)', summary: 'H(P,Q) = -sum p log q, cross-entropy' },
    command: { name: 'crossEntropyOfSelection', title: 'Cross-Entropy of Selection' },
  },
  {
    id: 'kl',
    label: 'D(P‖Q)',
    title: 'Kullback-Leibler divergence D(P‖Q)',
    formulaLatex: KL_FORMULA_LATEX,
    arity: 2,
    unit: 'information',
    term: () => klTerm,
    compute: (f, p, q, o) => f.klDivergence(p, q!, o),
    written: (log, num) => ({ lhs: 'D_{\\mathrm{KL}}(P\\,\\|\\,Q)', term: (t) => `${num(t.p)}\\,${log}${frac(num, t.p, t.q)}` }),
    tableName: 'Kullback-Leibler divergence',
    cli: { name: 'kl', label: 'D(P||Q)', summary: 'D(P||Q) = sum p log(p/q), Kullback-Leibler divergence' },
    command: { name: 'klOfSelection', title: 'KL Divergence of Selection' },
  },
  {
    id: 'reverse-kl',
    label: 'D(Q‖P)',
    title: 'Reverse Kullback-Leibler divergence D(Q‖P)',
    formulaLatex: REVERSE_KL_FORMULA_LATEX,
    arity: 2,
    unit: 'information',
    term: () => (p, q) => klTerm(q, p),
    compute: (f, p, q, o) => f.klDivergence(q!, p, o),
    written: (log, num) => ({ lhs: 'D_{\\mathrm{KL}}(Q\\,\\|\\,P)', term: (t) => `${num(t.q)}\\,${log}${frac(num, t.q, t.p)}` }),
    command: { name: 'reverseKlOfSelection', title: 'Reverse KL Divergence of Selection' },
  },
  {
    id: 'jeffreys',
    label: 'J(P, Q)',
    title: 'Jeffreys divergence J(P, Q)',
    formulaLatex: JEFFREYS_FORMULA_LATEX,
    arity: 2,
    unit: 'information',
    term: () => jeffreysTerm,
    compute: (f, p, q, o) => f.jeffreys(p, q!, o),
    ofPair: (pair, base) => jeffreysOfPair(pair, base),
    written: (log, num) => ({ lhs: 'J(P, Q)', term: (t) => `(${num(t.p)} - ${num(t.q)})\\,${log}${frac(num, t.p, t.q)}`, perLine: 2 }),
    tableName: 'Jeffreys divergence (symmetric KL)',
    cli: { name: 'jeffreys', label: 'J(P,Q)', summary: 'J = D(P||Q) + D(Q||P), Jeffreys divergence' },
  },
  {
    id: 'js',
    label: 'JSD(P, Q)',
    title: 'Jensen-Shannon divergence',
    formulaLatex: JS_DIVERGENCE_FORMULA_LATEX,
    arity: 2,
    unit: 'information',
    term: () => jsDivergenceTerm,
    compute: (f, p, q, o) => f.jsDivergence(p, q!, o),
    ofPair: (pair, base) => jsDivergenceOfPair(pair, base),
    written: jsWritten('\\mathrm{JSD}(P\\,\\|\\,Q)', false),
    tableName: 'Jensen-Shannon divergence',
    cli: { name: 'js', label: 'JSD(P,Q)', summary: 'Jensen-Shannon divergence, 1/2 D(P||M) + 1/2 D(Q||M)' },
    command: { name: 'jsOfSelection', title: 'Jensen-Shannon of Selection' },
  },
  {
    id: 'js-distance',
    label: 'd_JS(P, Q)',
    title: 'Jensen-Shannon distance',
    formulaLatex: JS_DISTANCE_FORMULA_LATEX,
    arity: 2,
    unit: 'root-information',
    term: () => jsDistanceTerm,
    compute: (f, p, q, o) => f.jsDistance(p, q!, o),
    ofPair: (pair, base) => jsDistanceOfPair(pair, base),
    written: jsWritten('d_{\\mathrm{JS}}(P, Q)', true),
    tableName: 'Jensen-Shannon distance',
    cli: { name: 'js-distance', label: 'JS distance', summary: 'Jensen-Shannon distance, sqrt(JSD)' },
  },
  {
    id: 'tv',
    label: 'TV(P, Q)',
    title: 'Total variation distance',
    formulaLatex: TOTAL_VARIATION_FORMULA_LATEX,
    arity: 2,
    unit: 'none',
    term: () => totalVariationTerm,
    compute: (f, p, q, o) => f.totalVariation(p, q!, o),
    ofPair: (pair) => totalVariationOfPair(pair),
    written: (_log, num) => ({ lhs: '\\delta(P, Q)', term: (t) => `\\tfrac12\\lvert ${num(t.p)} - ${num(t.q)} \\rvert` }),
    tableName: 'Total variation distance',
    cli: { name: 'tv', label: 'TV(P,Q)', summary: 'total variation distance, 1/2 sum |p - q|' },
  },
  {
    id: 'hellinger',
    label: 'Hellinger(P, Q)',
    title: 'Hellinger distance',
    formulaLatex: HELLINGER_FORMULA_LATEX,
    arity: 2,
    unit: 'none',
    term: () => hellingerTerm,
    compute: (f, p, q, o) => f.hellinger(p, q!, o),
    ofPair: (pair) => hellingerOfPair(pair),
    written: (_log, num) => ({
      lhs: 'H(P, Q)',
      sumName: '\\mathrm{BC}',
      final: '\\sqrt{1 - \\mathrm{BC}}',
      term: (t) => `\\sqrt{${num(t.p)} \\cdot ${num(t.q)}}`,
    }),
    tableName: 'Hellinger distance',
    cli: { name: 'hellinger', label: 'H(P,Q)', summary: 'Hellinger distance, sqrt(1 - sum sqrt(p q))' },
  },
  {
    id: 'bhattacharyya',
    label: 'D_B(P, Q)',
    title: 'Bhattacharyya distance',
    formulaLatex: BHATTACHARYYA_FORMULA_LATEX,
    arity: 2,
    unit: 'information',
    term: () => bhattacharyyaTerm,
    compute: (f, p, q, o) => f.bhattacharyya(p, q!, o),
    ofPair: (pair, base) => bhattacharyyaOfPair(pair, base),
    written: (log, num) => ({
      lhs: 'D_B(P, Q)',
      sumName: '\\mathrm{BC}',
      final: `-${log}\\mathrm{BC}`,
      term: (t) => `\\sqrt{${num(t.p)} \\cdot ${num(t.q)}}`,
    }),
    tableName: 'Bhattacharyya distance',
    cli: { name: 'bhattacharyya', label: 'D_B(P,Q)', summary: 'Bhattacharyya distance, -ln sum sqrt(p q)' },
  },
  {
    id: 'renyi',
    label: (a) => `D_${a}(P‖Q)`,
    title: (a) => `Rényi divergence of order ${a}`,
    formulaLatex: RENYI_FORMULA_LATEX,
    arity: 2,
    unit: 'information',
    order: { default: 2 },
    term: renyiTerm,
    compute: (f, p, q, o) => f.renyi(p, q!, { ...o, alpha: o.alpha as number }),
    ofPair: (pair, base, alpha) => renyiOfPair(pair, alpha, base),
    written: renyiWritten,
    tableName: (a) => `Rényi divergence, α = ${a}`,
    cli: { name: 'renyi', label: (a) => `D_${a}(P||Q)`, summary: 'Renyi divergence of order alpha > 0' },
  },
];

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

const BY_ID = new Map(MEASURES.map((d) => [d.id, d]));

/** The descriptor of a measure. */
export function measureDescriptor(id: MeasureId): MeasureDescriptor {
  return BY_ID.get(id)!;
}

/** The order a measure is computed for: `alpha` when given, else its default (NaN for a measure without one). */
export function orderOf(d: MeasureDescriptor, alpha: number | undefined): number {
  return alpha ?? d.order?.default ?? NaN;
}
