/**
 * The `divergence` command line: the same compute core as the editor, for terminals and scripts.
 * Contract: exit 0 with the result; exit 2 with one line on stderr (and a JSON error with --json) for bad
 * usage or input; never a stack trace.
 */
import { initSync, klDivergence } from '../compute';
import { DivergenceError, isDivergenceError } from '../core/errors';
import { formatFull, formatSignificant } from '../shared/format';
import { parseArgs, type CliArgs } from './args';
import { readSpec } from './readSpec';

const USAGE = `usage: divergence <measure> [--p SPEC] [--q SPEC] [options] [--json]

measures:
  kl          D(P||Q), Kullback-Leibler divergence of P from Q   (--p, --q)

SPEC: inline array text ("[0.36, 0.48, 0.16]", "0.36 0.48 0.16", "np.array([...])") or @file (.txt, .json)
options:
  --base e|2|10|<number>   log base (default e: nats; 2: bits; 10: bans)
  --no-normalize           use the values as given (raw sum of p log(p/q)); by default P and Q are
                           normalised to sum to 1 and the output says so
  --input prob|log|logits  how P and Q are given (default prob)
  --json                   one JSON object on stdout`;

type JsonValue = number | string | boolean | null | JsonValue[] | { [k: string]: JsonValue };

/** JSON has no Infinity: an infinite value is written as the string "Infinity", as the contract says. */
function jsonNumber(x: number): number | string {
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Number.isNaN(x)) throw new Error('internal error: a NaN reached the output');
  return x;
}

function need(args: CliArgs, name: string): string {
  const v = args.options.get(name);
  if (v === undefined) throw new DivergenceError('usage', `${args.measure} needs --${name}`);
  return v;
}

function inputKind(args: CliArgs): 'prob' | 'log' | 'logits' {
  const v = args.options.get('input') ?? 'prob';
  if (v === 'prob' || v === 'log' || v === 'logits') return v;
  throw new DivergenceError('usage', `--input must be prob, log or logits, not '${v}'`);
}

interface Output {
  readonly json: { [k: string]: JsonValue };
  readonly line: string;
}

function runKl(args: CliArgs): Output {
  const p = readSpec(need(args, 'p'), '--p');
  const q = readSpec(need(args, 'q'), '--q');
  const r = klDivergence(p, q, {
    base: args.options.get('base') ?? 'e',
    normalize: !args.flags.has('no-normalize'),
    input: inputKind(args),
  });
  const json: { [k: string]: JsonValue } = {
    measure: 'kl',
    value: jsonNumber(r.value),
    unit: r.unit,
    normalized: r.normalized,
    pinsker_tv_bound: jsonNumber(r.pinskerTvBound),
  };
  if (r.normalized) json.sums = { p: jsonNumber(r.sums.p), q: jsonNumber(r.sums.q) };
  const norm = r.normalized ? `; P and Q normalised (sums ${formatFull(r.sums.p)}, ${formatFull(r.sums.q)})` : '';
  const line = `D(P||Q) = ${formatFull(r.value)} ${r.unit}${norm}; Pinsker: TV <= ${formatSignificant(r.pinskerTvBound, 6)}`;
  return { json, line };
}

const MEASURES: Record<string, (args: CliArgs) => Output> = { kl: runKl };

export function main(argv: readonly string[]): number {
  const wantsJson = argv.includes('--json');
  try {
    const args = parseArgs(argv);
    if (args.flags.has('help') || args.measure === undefined) {
      (args.flags.has('help') ? process.stdout : process.stderr).write(`${USAGE}\n`);
      return args.flags.has('help') ? 0 : 2;
    }
    const measure = MEASURES[args.measure];
    if (!measure) throw new DivergenceError('usage', `unknown measure '${args.measure}'; known: ${Object.keys(MEASURES).join(', ')}`);
    initSync();
    const out = measure(args);
    process.stdout.write(args.flags.has('json') ? `${JSON.stringify(out.json)}\n` : `${out.line}\n`);
    return 0;
  } catch (e) {
    const error = isDivergenceError(e)
      ? { code: e.code, message: e.message }
      : { code: 'internal-error', message: `internal error: ${e instanceof Error ? e.message : String(e)}` };
    process.stderr.write(`divergence: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
    if (wantsJson) process.stdout.write(`${JSON.stringify({ error })}\n`);
    return isDivergenceError(e) ? 2 : 70;
  }
}
