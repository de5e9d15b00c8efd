import { DivergenceError } from '../core/errors';
import type { CliArgs } from './args';
import { cliOption } from './options';
import { readMatrixSpec, readSpec, type MatrixSpec } from './readSpec';

export type JsonValue = number | string | boolean | null | readonly JsonValue[] | { readonly [k: string]: JsonValue };

/** What a measure prints: the JSON object of the contract, and the short human line. */
export interface Output {
  readonly json: { readonly [k: string]: JsonValue };
  readonly line: string;
}

/** One measure of the command line: its options (beyond --json and --help) and how it runs. */
export interface CliMeasure {
  readonly name: string;
  /** One line for the usage text, e.g. "D(P||Q), Kullback-Leibler divergence". */
  readonly summary: string;
  /** The value options and flags it accepts; anything else is a usage error naming the measure. */
  readonly options: readonly string[];
  /** A real command line of the measure (after `divergence`) and its human output: the help prints both, a test runs it. */
  readonly example: { readonly args: readonly string[]; readonly output: string };
  readonly run: (args: CliArgs) => Output;
  /** --p and --q are distributions: table columns of categories are counted, and P and Q of one table paired by row. */
  readonly distributions?: boolean;
}

/**
 * JSON has no Infinity: an infinite value is written as the string "Infinity", as the contract says. The
 * contract allows no other non-finite output: −Infinity (a log base below 1 flips every sign; a raw sum can
 * overflow below the most negative double) is refused with `invalid-value`, and a NaN is a bug
 * (`internal-error`); both exit with status 2.
 */
export function jsonNumber(x: number): number | string {
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) {
    throw new DivergenceError(
      'invalid-value',
      'the result is -Infinity, below the most negative double, which is not printed as a result (with a log base below 1 every measure changes sign: use a base above 1)',
    );
  }
  if (Number.isNaN(x)) throw new Error('a NaN reached the output');
  return x;
}

export function need(args: CliArgs, name: string): string {
  const v = args.options.get(name);
  if (v === undefined) throw new DivergenceError('usage', `${args.measure} needs --${name}`);
  return v;
}

/** The values of the required SPEC option `--name` (a 1-D array). */
export function specOption(args: CliArgs, name: string): Float64Array {
  return args.tables?.get(name) ?? readSpec(need(args, name), `--${name}`);
}

/** The values and shape of the required SPEC option `--name` (an array, or a matrix given by rows). */
export function matrixOption(args: CliArgs, name: string): MatrixSpec {
  const column = args.tables?.get(name);
  if (column !== undefined) return { values: column, shape: [column.length] };
  return readMatrixSpec(need(args, name), `--${name}`);
}

/** --base as given ('e', the default, for nats; 2, 10 or any number > 0 and ≠ 1: checked by the core). */
export function baseOption(args: CliArgs): string {
  return args.options.get('base') ?? 'e';
}

/** A number option: finite, and an integer when `integer` is set. */
export function numberOption(args: CliArgs, name: string, fallback: number, integer = false): number {
  const text = args.options.get(name);
  if (text === undefined) return fallback;
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
    throw new DivergenceError('usage', `--${name} must be ${integer ? 'an integer' : 'a finite number'}, not '${text}'`);
  }
  return v;
}

/** A scalar given as inline text ("0.5", "-1e-3"). */
export function scalarOption(args: CliArgs, name: string): number {
  const text = need(args, name);
  const v = Number(text.trim());
  if (text.trim() === '' || Number.isNaN(v)) {
    throw new DivergenceError('usage', `--${name} must be a number, not '${text}'`);
  }
  return v;
}

export function choiceOption<T extends string>(args: CliArgs, name: string, choices: readonly T[], fallback: T): T {
  const v = args.options.get(name) ?? fallback;
  if ((choices as readonly string[]).includes(v)) return v as T;
  throw new DivergenceError('usage', `--${name} must be ${choices.join(', ')}, not '${v}'`);
}

/** The options every measure takes: --json, and --strict-missing when it reads a SPEC (a file column). */
export function commonOptions(measure: CliMeasure): string[] {
  return measure.options.some((o) => cliOption(o).value === 'SPEC') ? ['strict-missing', 'json'] : ['json'];
}

/** Rejects options the measure does not take, so a typo never passes silently. */
export function checkOptions(measure: CliMeasure, args: CliArgs): void {
  const allowed = new Set([...measure.options, ...commonOptions(measure), 'help']);
  for (const name of [...args.options.keys(), ...args.flags]) {
    if (!allowed.has(name)) {
      throw new DivergenceError('usage', `--${name} is not an option of ${measure.name}; it takes ${measure.options.map((o) => `--${o}`).join(' ')}`);
    }
  }
}
