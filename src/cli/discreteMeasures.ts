/**
 * The discrete measures of the command line: two distributions P and Q (or one, for entropy), given inline
 * or from files, with --base, --no-normalize and --input.
 */
import * as compute from '../compute';
import type { MeasureOptions } from '../core';
import { MEASURES, orderText, type MeasureDescriptor, type MeasureValue } from '../core/measures';
import { formatFull, formatSignificant } from '../shared/format';
import type { CliArgs } from './args';
import { baseOption, choiceOption, jsonNumber, need, numberOption, specOption, type CliMeasure, type JsonValue, type Output } from './measure';

function measureOptions(args: CliArgs): MeasureOptions {
  return {
    base: baseOption(args),
    normalize: !args.flags.has('no-normalize'),
    input: choiceOption(args, 'input', ['prob', 'log', 'logits'] as const, 'prob'),
  };
}

/** The contract's fields, then `normalized` and, when the tool normalised, the original sums. */
function output(measure: string, label: string, r: MeasureValue, extra: { [k: string]: JsonValue } = {}, extraLine = ''): Output {
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
function pinsker(bound: number): [{ [k: string]: JsonValue }, string] {
  return [{ pinsker_tv_bound: jsonNumber(bound) }, `; Pinsker: TV <= ${Number.isFinite(bound) ? formatSignificant(bound, 6) : formatFull(bound)}`];
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
    run: (args) => {
      const p = specOption(args, 'p');
      const q = d.arity === 2 ? specOption(args, 'q') : undefined;
      const alpha = d.order ? (need(args, 'alpha').trim() === 'inf' ? Infinity : numberOption(args, 'alpha', NaN)) : undefined;
      const r = d.compute(compute, p, q, { ...measureOptions(args), ...(alpha !== undefined ? { alpha } : {}) });
      const label = orderText(cli.label, r.alpha === undefined ? '' : formatFull(r.alpha));
      if (r.pinskerTvBound !== undefined) return output(cli.name, label, r, ...pinsker(r.pinskerTvBound));
      return output(cli.name, label, r, r.alpha !== undefined ? { alpha: jsonNumber(r.alpha) } : {});
    },
  };
}

/** The discrete measures of the command line: those of the registry that have one, in its order. */
export const DISCRETE_MEASURES: readonly CliMeasure[] = MEASURES.flatMap((d) => (d.cli ? [cliMeasure(d, d.cli)] : []));
