import { DivergenceError } from '../core/errors';
import { OPTIONS } from './options';

/** A parsed command line: the measure and its options, each as the user wrote it. */
export interface CliArgs {
  readonly measure: string | undefined;
  readonly options: ReadonlyMap<string, string>;
  readonly flags: ReadonlySet<string>;
  /** SPEC options already read as table columns (src/cli/tableSpec.ts): option name -> values. */
  readonly tables?: ReadonlyMap<string, Float64Array>;
}

/** Options that take a value: the next word is always their value, even when it starts with '-' ("-1 2"). */
export const VALUE_OPTIONS: ReadonlySet<string> = new Set(OPTIONS.filter((o) => o.value !== undefined).map((o) => o.name));
export const FLAGS: ReadonlySet<string> = new Set(OPTIONS.filter((o) => o.value === undefined).map((o) => o.name));

/** `--json`, `--base=2`: a word that is one of the options, never a value (values may start with '-': "-1 2"). */
function isOptionWord(word: string): boolean {
  if (!word.startsWith('--')) return false;
  const name = word.slice(2).split('=')[0] as string;
  return FLAGS.has(name) || VALUE_OPTIONS.has(name);
}

export function parseArgs(argv: readonly string[]): CliArgs {
  let measure: string | undefined;
  const options = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '-h') {
      flags.add('help');
      continue;
    }
    if (!word.startsWith('--')) {
      if (measure !== undefined) {
        throw new DivergenceError('usage', `unexpected argument '${word}' after the measure '${measure}'`);
      }
      measure = word;
      continue;
    }
    const eq = word.indexOf('=');
    const name = word.slice(2, eq === -1 ? undefined : eq);
    if (FLAGS.has(name)) {
      if (eq !== -1) throw new DivergenceError('usage', `--${name} takes no value`);
      flags.add(name);
    } else if (VALUE_OPTIONS.has(name)) {
      let value: string | undefined;
      if (eq !== -1) value = word.slice(eq + 1);
      else value = argv[++i];
      if (value === undefined) throw new DivergenceError('usage', `--${name} needs a value`);
      if (eq === -1 && isOptionWord(value)) {
        throw new DivergenceError('usage', `--${name} needs a value, but the next word is the option ${value.split('=')[0]}`);
      }
      if (options.has(name)) throw new DivergenceError('usage', `--${name} is given twice`);
      options.set(name, value);
    } else {
      throw new DivergenceError('usage', `unknown option --${name}`);
    }
  }
  return { measure, options, flags };
}
