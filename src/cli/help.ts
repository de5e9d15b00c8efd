/**
 * The command line's help: the general usage (every measure and every option) and each measure's own (its
 * options and a real example with its output, which a unit test runs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commonOptions, type CliMeasure } from './measure';
import { cliOption, optionLines, OPTIONS } from './options';

const SPEC_FORMS = `SPEC: inline array text ("[0.36, 0.48, 0.16]", "0.36 0.48 0.16", "np.array([...])", "c(1, 2)") or @file:
  @data.csv (first numeric column)  @data.csv:NAME or @data.csv:3 (0-based column)  @data.tsv
  @data.json (top-level array)      @data.json:key.path (records: a field of each)
  @data.npy (1-D)  @data.npy:ROW (a row of a 2-D array)  @data.npz:NAME[:ROW]  @numbers.txt
  @t.parquet, @t.arrow, @t.feather, @t.arrows (first numeric column)  @t.parquet:NAME or @t.parquet:3
  A column of text or booleans (--p/--q of entropy, kl, js, ...) is the frequency of its values, counted
  over the categories of P and Q; missing values are skipped and counted (P and Q of one file: the rows
  missing in either are dropped from both); --strict-missing refuses them.`;

/** A word as a POSIX shell reads it back: quoted when it holds anything but letters, digits and -_.,:@/+=. */
export function shellWord(word: string): string {
  return /^[\w.,:@/+=-]+$/.test(word) ? word : `"${word.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** `divergence --help`: every measure, the SPEC forms and every option. */
export function generalHelp(measures: readonly CliMeasure[]): string {
  const width = Math.max(...measures.map((m) => m.name.length)) + 2;
  return `usage: divergence <measure> [--p SPEC] [--q SPEC] [options] [--json]
       divergence <measure> --help    that measure's options and an example
       divergence drift REF CUR [options]    which columns of two tables drifted (divergence drift --help)
       divergence drift REF CUR --engine duckdb|postgres    the same, computed where the data lives
       divergence sql drift --dialect D …    the drift statements for Spark, BigQuery, Snowflake, Trino …
       divergence --version

measures:
${measures.map((m) => `  ${m.name.padEnd(width)}${m.summary}`).join('\n')}

${SPEC_FORMS}
options:
${optionLines(OPTIONS)}`;
}

/** `divergence <measure> --help`: what it computes, its options, and an example with its output. */
export function measureHelp(m: CliMeasure): string {
  return `divergence ${m.name}: ${m.summary}

usage: divergence ${m.name} [options] [--json]
options:
${optionLines([...m.options, ...commonOptions(m)].map(cliOption))}
SPEC: inline array text or @file (divergence --help lists the forms)

example:
  $ divergence ${m.name} ${m.example.args.map(shellWord).join(' ')}
  ${m.example.output}`;
}

/**
 * The package's version, from the package.json next to the bundle (dist/cli.js reads ../package.json, the
 * sources src/cli/help.ts ../../package.json).
 */
export function version(): string {
  for (const up of [['..'], ['..', '..']]) {
    try {
      const pkg = JSON.parse(readFileSync(join(__dirname, ...up, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'divergence-lens' && pkg.version) return pkg.version;
    } catch {
      // not at this level: try the next
    }
  }
  return 'unknown';
}
