/**
 * The discrete measures of the command line: two distributions P and Q (or one, for entropy), given inline
 * or from files, with --base, --no-normalize and --input.
 */
import {
  bhattacharyya,
  crossEntropy,
  entropy,
  hellinger,
  jeffreys,
  jsDistance,
  jsDivergence,
  klDivergence,
  renyi,
  totalVariation,
} from '../compute';
import type { MeasureOptions } from '../core';
import { formatFull, formatSignificant } from '../shared/format';
import type { CliArgs } from './args';
import { choiceOption, jsonNumber, need, numberOption, type CliMeasure, type JsonValue, type Output } from './measure';
import { readSpec } from './readSpec';

const DISTRIBUTION_OPTIONS = ['p', 'q', 'base', 'no-normalize', 'input'] as const;

function measureOptions(args: CliArgs): MeasureOptions {
  return {
    base: args.options.get('base') ?? 'e',
    normalize: !args.flags.has('no-normalize'),
    input: choiceOption(args, 'input', ['prob', 'log', 'logits'] as const, 'prob'),
  };
}

interface Common {
  readonly value: number;
  readonly normalized: boolean;
  readonly sums: { readonly p: number; readonly q?: number };
  readonly unit?: string;
}

/** The contract's fields, then `normalized` and, when the tool normalised, the original sums. */
function output(measure: string, label: string, r: Common, extra: { [k: string]: JsonValue } = {}, extraLine = ''): Output {
  const json: { [k: string]: JsonValue } = { measure, value: jsonNumber(r.value) };
  if (r.unit !== undefined) json.unit = r.unit;
  Object.assign(json, extra);
  json.normalized = r.normalized;
  const sums: { [k: string]: JsonValue } = { p: jsonNumber(r.sums.p) };
  if (r.sums.q !== undefined) sums.q = jsonNumber(r.sums.q);
  if (r.normalized) json.sums = sums;
  const norm = r.normalized
    ? `; normalised (sum of P ${formatFull(r.sums.p)}${r.sums.q !== undefined ? `, of Q ${formatFull(r.sums.q)}` : ''})`
    : '';
  return { json, line: `${label} = ${formatFull(r.value)}${r.unit ? ` ${r.unit}` : ''}${extraLine}${norm}` };
}

function pq(args: CliArgs): [Float64Array, Float64Array] {
  return [readSpec(need(args, 'p'), '--p'), readSpec(need(args, 'q'), '--q')];
}

type PairFn = (p: Float64Array, q: Float64Array, o: MeasureOptions) => Common;

function pairMeasure(name: string, label: string, summary: string, fn: PairFn): CliMeasure {
  return {
    name,
    summary,
    options: DISTRIBUTION_OPTIONS,
    run: (args) => {
      const [p, q] = pq(args);
      return output(name, label, fn(p, q, measureOptions(args)));
    },
  };
}

export const DISCRETE_MEASURES: readonly CliMeasure[] = [
  {
    name: 'entropy',
    summary: 'H(P) = -sum p log p, Shannon entropy (--p)',
    options: ['p', 'base', 'no-normalize', 'input'],
    run: (args) => output('entropy', 'H(P)', entropy(readSpec(need(args, 'p'), '--p'), measureOptions(args))),
  },
  pairMeasure('cross-entropy', 'H(P,Q)', 'H(P,Q) = -sum p log q, cross-entropy (--p --q)', crossEntropy),
  {
    name: 'kl',
    summary: 'D(P||Q) = sum p log(p/q), Kullback-Leibler divergence (--p --q)',
    options: DISTRIBUTION_OPTIONS,
    run: (args) => {
      const [p, q] = pq(args);
      const r = klDivergence(p, q, measureOptions(args));
      return output(
        'kl',
        'D(P||Q)',
        r,
        { pinsker_tv_bound: jsonNumber(r.pinskerTvBound) },
        `; Pinsker: TV <= ${Number.isFinite(r.pinskerTvBound) ? formatSignificant(r.pinskerTvBound, 6) : formatFull(r.pinskerTvBound)}`,
      );
    },
  },
  pairMeasure('jeffreys', 'J(P,Q)', 'J = D(P||Q) + D(Q||P), Jeffreys divergence (--p --q)', jeffreys),
  pairMeasure('js', 'JSD(P,Q)', 'Jensen-Shannon divergence, 1/2 D(P||M) + 1/2 D(Q||M) (--p --q)', jsDivergence),
  pairMeasure('js-distance', 'JS distance', 'Jensen-Shannon distance, sqrt(JSD) (--p --q)', jsDistance),
  pairMeasure('tv', 'TV(P,Q)', 'total variation distance, 1/2 sum |p - q| (--p --q)', totalVariation),
  pairMeasure('hellinger', 'H(P,Q)', 'Hellinger distance, sqrt(1 - sum sqrt(p q)) (--p --q)', hellinger),
  pairMeasure('bhattacharyya', 'D_B(P,Q)', 'Bhattacharyya distance, -ln sum sqrt(p q) (--p --q)', bhattacharyya),
  {
    name: 'renyi',
    summary: 'Renyi divergence of order alpha > 0 (--p --q --alpha A)',
    options: [...DISTRIBUTION_OPTIONS, 'alpha'],
    run: (args) => {
      const [p, q] = pq(args);
      const alpha = need(args, 'alpha').trim() === 'inf' ? Infinity : numberOption(args, 'alpha', NaN);
      const r = renyi(p, q, { ...measureOptions(args), alpha });
      return output('renyi', `D_${formatFull(r.alpha)}(P||Q)`, r, { alpha: jsonNumber(r.alpha) });
    },
  },
];
