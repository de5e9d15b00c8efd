/**
 * The discrete measures of the command line: two distributions P and Q (or one, for entropy), given inline
 * or from files, with --base, --no-normalize and --input.
 */
import * as compute from '../compute';
import type { MeasureOptions } from '../core';
import { DivergenceError, isDivergenceError } from '../core/errors';
import type { InputKind } from '../core/validate';
import { MEASURES, orderText, type MeasureDescriptor, type MeasureValue } from '../core/measures';
import { interpretPair } from '../data/interpretPair';
import { formatFull, formatSignificant } from '../shared/format';
import type { CliArgs } from './args';
import { baseOption, choiceOption, jsonNumber, need, numberOption, specOption, type CliMeasure, type JsonValue, type Output } from './measure';

function measureOptions(args: CliArgs): MeasureOptions & { readonly input: InputKind } {
  return {
    base: baseOption(args),
    normalize: !args.flags.has('no-normalize'),
    input: choiceOption(args, 'input', ['prob', 'log', 'logits'] as const, 'prob'),
  };
}

/** The contract's fields, then `normalized` and, when the tool normalised, the original sums. */
export function output(measure: string, label: string, r: MeasureValue, extra: { [k: string]: JsonValue } = {}, extraLine = ''): Output {
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

/** Pinsker's bound, which KL's result carries: in the JSON and on the line. */
export function pinsker(bound: number): [{ [k: string]: JsonValue }, string] {
  return [{ pinsker_tv_bound: jsonNumber(bound) }, `; Pinsker: TV <= ${Number.isFinite(bound) ? formatSignificant(bound, 6) : formatFull(bound)}`];
}

/** The inputs of every discrete measure's example: P, then Q for a measure of two distributions. */
const EXAMPLE_INPUTS = ['--p', '[0.36, 0.48, 0.16]', '--q', '[1/3, 1/3, 1/3]'];

/** What each example prints (a unit test runs every example and compares). */
const EXAMPLE_OUTPUTS: { readonly [name: string]: string } = {
  entropy: 'H(P) = 1.0133126873497393 nats',
  'cross-entropy': 'H(P,Q) = 1.0986122886681096 nats',
  kl: 'D(P||Q) = 0.08529960131837053 nats; Pinsker: TV <= 0.206518',
  jeffreys: 'J(P,Q) = 0.18275460810375815 nats',
  js: 'JSD(P,Q) = 0.02245986042971458 nats',
  'js-distance': 'JS distance = 0.14986614170557197 sqrt(nats)',
  tv: 'TV(P,Q) = 0.1733333333333333',
  hellinger: 'H(P,Q) = 0.1504982751076378',
  bhattacharyya: 'D_B(P,Q) = 0.022910176155072508 nats',
  renyi: 'D_2(P||Q) = 0.1456575724223632 nats',
};

/**
 * Computes, and when that fails on a P and Q that read as samples (a negative value, lengths that differ),
 * says so and names the sample measures, as the editor offers them: `kl` of two samples is a common slip.
 */
function withSamplesHint(p: Float64Array, q: Float64Array | undefined, input: InputKind, run: () => MeasureValue): MeasureValue {
  try {
    return run();
  } catch (e) {
    if (!q || !isDivergenceError(e)) throw e;
    const reading = interpretPair(p, q, input);
    if (reading.kind !== 'samples') throw e;
    throw new DivergenceError(
      e.code,
      `${e.message}; P and Q look like samples, not distributions: for samples use divergence ks, wasserstein or knn-kl --p ... --q ...`,
      e.location,
    );
  }
}

/**
 * The command-line measure of a registry entry: --p (and --q for two distributions, --alpha for an order),
 * --base, --no-normalize and --input; computed by src/compute (WASM where it has a kernel).
 */
function cliMeasure(d: MeasureDescriptor, cli: NonNullable<MeasureDescriptor['cli']>): CliMeasure {
  const inputs = d.arity === 1 ? ['p'] : ['p', 'q'];
  const usage = [...inputs.map((o) => `--${o}`), ...(d.order ? ['--alpha A'] : [])].join(' ');
  return {
    name: cli.name,
    summary: `${cli.summary} (${usage})`,
    options: [...inputs, 'base', 'no-normalize', 'input', ...(d.order ? ['alpha'] : [])],
    distributions: true,
    example: {
      args: [...EXAMPLE_INPUTS.slice(0, 2 * d.arity), ...(d.order ? ['--alpha', String(d.order.default)] : [])],
      output: EXAMPLE_OUTPUTS[cli.name] as string,
    },
    run: (args) => {
      const p = specOption(args, 'p');
      const q = d.arity === 2 ? specOption(args, 'q') : undefined;
      const alpha = d.order ? (need(args, 'alpha').trim() === 'inf' ? Infinity : numberOption(args, 'alpha', NaN)) : undefined;
      const options = { ...measureOptions(args), ...(alpha !== undefined ? { alpha } : {}) };
      const r = withSamplesHint(p, q, options.input, () => d.compute(compute, p, q, options));
      const label = orderText(cli.label, r.alpha === undefined ? '' : formatFull(r.alpha));
      if (r.pinskerTvBound !== undefined) return output(cli.name, label, r, ...pinsker(r.pinskerTvBound));
      return output(cli.name, label, r, r.alpha !== undefined ? { alpha: jsonNumber(r.alpha) } : {});
    },
  };
}

/** The discrete measures of the command line: those of the registry that have one, in its order. */
export const DISCRETE_MEASURES: readonly CliMeasure[] = MEASURES.flatMap((d) => (d.cli ? [cliMeasure(d, d.cli)] : []));
