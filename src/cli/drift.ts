/**
 * `divergence drift REF CUR`: the drift report of two table files (or of one file split by a column's values)
 * on the terminal, as an aligned table or one JSON object. Exit 0 whether or not drift is found; 1 with
 * --fail-on-drift when the dataset drifts; errors as every command (main.ts).
 */
import { closeSync, readSync } from 'node:fs';
import { DivergenceError } from '../core/errors';
import {
  DRIFT_TEST_ALIASES,
  DRIFT_TEST_NAMES,
  driftReportOfFiles,
  driftReportOfSplitFile,
  parseSplit,
  type ColumnDrift,
  type DriftFile,
  type DriftFilesReport,
  type DriftOptions,
  type DriftReport,
  type DriftTestName,
} from '../drift';
import { formatSignificant } from '../shared/format';
import { openRegularFile } from './readSpec';
import { runDriftOnEngine, wantsEngine } from './driftEngine';

export const DRIFT_VALUE_OPTIONS: ReadonlySet<string> = new Set(['columns', 'test', 'threshold', 'drift-share', 'split']);
export const DRIFT_FLAGS: ReadonlySet<string> = new Set(['json', 'fail-on-drift', 'all-measures', 'help']);

export const DRIFT_USAGE = `usage: divergence drift REF CUR [options]     (or: divergence drift FILE --split COL=A,B [options])

Compares each column of CUR with the same column of REF (CSV/TSV with a header, JSON records, Parquet or
Arrow IPC) and says which drifted and whether the dataset did. Files are read a few columns at a time (big
files in bounded memory). Rules: docs/drift.md.
options:
  --columns A,B          only these columns
  --test T               auto (default: by column type, distinct values and reference size) or one of
                         ${DRIFT_TEST_NAMES.join(', ')}
                         (Evidently's names kl_div, jensenshannon, wasserstein, chisquare, ks, z, psi too)
  --threshold X          the threshold of every column's test (default 0.1 for distances, 0.05 for p-values)
  --drift-share S        the dataset drifts when at least this share of columns drift (default 0.5)
  --split COL=A,B        one file: reference rows where COL is A, current where it is B (A+B for several)
  --all-measures         every applicable measure of each column, besides its test
  --json                 one JSON object on stdout
  --fail-on-drift        exit status 1 when the dataset drifts
  --engine duckdb|postgres, --aggregates FILES   computed where the data lives (drift --engine duckdb --help)`;

export interface DriftArgs {
  readonly paths: string[];
  readonly options: Map<string, string>;
  readonly flags: Set<string>;
}

/** `--name=value` as [name, value]; `--name` as [name, undefined]. */
function optionWord(word: string): [string, string | undefined] {
  const eq = word.indexOf('=');
  return eq === -1 ? [word.slice(2), undefined] : [word.slice(2, eq), word.slice(eq + 1)];
}

/** The words after `drift`: file paths, and options anywhere among them (`--test=ks` or `--test ks`). */
export function parseDriftArgs(argv: readonly string[], valueOptions: ReadonlySet<string> = DRIFT_VALUE_OPTIONS, flagNames: ReadonlySet<string> = DRIFT_FLAGS): DriftArgs {
  const paths: string[] = [];
  const options = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '-h' || !word.startsWith('--')) {
      if (word === '-h') flags.add('help');
      else paths.push(word);
      continue;
    }
    const [name, inline] = optionWord(word);
    if (!flagNames.has(name) && !valueOptions.has(name)) {
      throw new DivergenceError('usage', `drift: unknown option --${name}; options: ${[...valueOptions, ...flagNames].map((o) => `--${o}`).join(', ')}`);
    }
    if (flagNames.has(name) && inline !== undefined) throw new DivergenceError('usage', `--${name} takes no value`);
    if (flagNames.has(name)) flags.add(name);
    else if (options.has(name)) throw new DivergenceError('usage', `--${name} is given twice`);
    else options.set(name, valueOf(name, inline ?? argv[++i], inline === undefined));
  }
  return { paths, options, flags };
}

/** An option's value: present, and not the next option when it was the next word. */
function valueOf(name: string, value: string | undefined, nextWord: boolean): string {
  if (value === undefined || (nextWord && value.startsWith('--'))) throw new DivergenceError('usage', `--${name} needs a value`);
  return value;
}

/** A regular file as a ByteRangeReader (positioned reads: the file is never read whole), and its closing. */
function fileSource(path: string, label: string): DriftFile & { close(): void } {
  let opened: { fd: number; before: { size: number } };
  try {
    opened = openRegularFile(path);
  } catch (e) {
    throw labelled(e, label);
  }
  const { fd, before } = opened;
  const read = async (start: number, end: number): Promise<Uint8Array> => {
    const bytes = Buffer.allocUnsafe(end - start);
    for (let n = 0; n < bytes.length; ) {
      const k = readSync(fd, bytes, n, bytes.length - n, start + n);
      if (k === 0) throw new DivergenceError('unsupported-file', `${label}: the file changed while it was being read`);
      n += k;
    }
    return bytes;
  };
  return { name: path, label, reader: { byteLength: before.size, read }, close: () => closeSync(fd) };
}

/** A reader's error with the file it came from in front (`REF a.csv: ...`). */
function labelled(e: unknown, label: string): unknown {
  return e instanceof DivergenceError ? new DivergenceError(e.code, `${label}: ${e.message}`, e.location) : e;
}

function testOption(value: string | undefined): DriftTestName | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  if ((DRIFT_TEST_NAMES as readonly string[]).includes(value)) return value as DriftTestName;
  const alias = DRIFT_TEST_ALIASES[value];
  if (alias) return alias;
  throw new DivergenceError('usage', `--test ${value}: known tests are auto, ${DRIFT_TEST_NAMES.join(', ')} (or ${Object.keys(DRIFT_TEST_ALIASES).join(', ')})`);
}

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const x = value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(x)) throw new DivergenceError('usage', `--${name} ${value}: give a number`);
  return x;
}

/** Infinity as the string "Infinity", as every command writes it. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v === Infinity ? 'Infinity' : v));
}

function verdictLine(r: DriftReport): string {
  const share = formatSignificant(r.share_drifted, 4);
  return `dataset drift: ${r.dataset_drift ? 'yes' : 'no'} (${r.drifted_columns} of ${r.columns_tested} columns drifted: share ${share} ${r.share_drifted >= r.drift_share ? '≥' : '<'} ${r.drift_share})`;
}

/** The report as an aligned text table, a verdict line and notes. */
export function driftTable(r: DriftReport, reference: string, current: string): string {
  const head = ['column', 'type', 'test', 'score', 'threshold', 'drift', 'missing ref/cur'];
  const row = (c: ColumnDrift) => [
    c.column,
    c.type,
    c.test,
    formatSignificant(c.score, 6),
    `${c.test === 'ks' ? '≤' : c.test === 'chisquare' || c.test === 'z' ? '<' : '≥'} ${c.threshold}`,
    c.drifted ? 'DRIFT' : 'no',
    `${c.missing.reference}/${c.missing.current}`,
  ];
  const rows = [head, ...r.columns.map(row)];
  const widths = head.map((_, k) => Math.max(...rows.map((cells) => cells[k]!.length)));
  const lines = [`reference: ${reference}`, `current:   ${current}`, ''];
  lines.push(...rows.map((cells) => cells.map((cell, k) => cell.padEnd(widths[k]!)).join('  ').trimEnd()));
  lines.push('', verdictLine(r));
  for (const c of r.columns) {
    if (c.measures) lines.push(`${c.column}: ${Object.entries(c.measures).map(([name, v]) => `${name} ${formatSignificant(v, 6)}`).join(', ')}`);
    if (c.filled_bins) lines.push(`${c.column}: ${c.filled_bins} empty bin(s) filled for PSI/KL (smallest non-zero fraction/1e6 when ≤ 1e-4, else 1e-4)`);
  }
  if (r.only_in_reference.length) lines.push(`only in the reference (not compared): ${r.only_in_reference.join(', ')}`);
  if (r.only_in_current.length) lines.push(`only in the current data (not compared): ${r.only_in_current.join(', ')}`);
  if (r.empty_columns.length) lines.push(`no values on one side (not compared): ${r.empty_columns.join(', ')}`);
  return lines.join('\n');
}

/** The report's options from the command line. */
export function driftOptionsOf(args: DriftArgs): DriftOptions {
  const columns = args.options.get('columns');
  return {
    columns: columns === undefined ? undefined : columns.split(',').map((c) => c.trim()),
    test: testOption(args.options.get('test')),
    threshold: numberOption(args.options.get('threshold'), 'threshold'),
    driftShare: numberOption(args.options.get('drift-share'), 'drift-share'),
    allMeasures: args.flags.has('all-measures'),
  };
}

/** The report of the files named on the command line, each file's errors labelled REF, CUR or FILE. */
async function reportOfPaths(paths: readonly string[], split: string | undefined, options: Parameters<typeof driftReportOfFiles>[2]): Promise<DriftFilesReport> {
  const labels = split === undefined ? ['REF', 'CUR'] : ['FILE'];
  const files: (DriftFile & { close(): void })[] = [];
  try {
    for (let i = 0; i < labels.length; i++) files.push(fileSource(paths[i]!, `${labels[i]} ${paths[i]}`));
    return split === undefined ? await driftReportOfFiles(files[0]!, files[1]!, options) : await driftReportOfSplitFile(files[0]!, parseSplit(split), options);
  } finally {
    for (const f of files) f.close();
  }
}

/** The lines saying which columns a report left out, and why. */
export function skippedNotes(skipped: readonly { readonly name: string; readonly type: string }[]): string[] {
  return skipped.map((c) => `not read (no drift test applies to type ${c.type}): ${c.name}`);
}

/** Runs `divergence drift …` (argv after the word `drift`) and resolves to the exit status. */
export async function runDrift(argv: readonly string[]): Promise<number> {
  if (wantsEngine(argv)) return runDriftOnEngine(argv);
  const args = parseDriftArgs(argv);
  if (args.flags.has('help')) {
    process.stdout.write(`${DRIFT_USAGE}\n`);
    return 0;
  }
  const split = args.options.get('split');
  const want = split === undefined ? 2 : 1;
  if (args.paths.length !== want) {
    throw new DivergenceError(
      'usage',
      split === undefined
        ? `drift needs two files, REF and CUR (or one with --split COL=A,B); got ${args.paths.length}`
        : `drift --split reads one file; got ${args.paths.length}`,
    );
  }
  if (split !== undefined) parseSplit(split);
  const { report, rows, skipped } = await reportOfPaths(args.paths, split, driftOptionsOf(args));
  const refPath = args.paths[0]!;
  const curPath = args.paths[split === undefined ? 1 : 0]!;
  if (args.flags.has('json')) {
    const out = {
      reference: { path: refPath, rows: rows.reference },
      current: { path: curPath, rows: rows.current },
      ...(split === undefined ? {} : { split }),
      ...report,
      ...(skipped.length > 0 ? { skipped_columns: skipped } : {}),
    };
    process.stdout.write(`${jsonText(out)}\n`);
  } else {
    const where = (path: string, n: number, side: 'reference' | 'current') => {
      const s = split === undefined ? undefined : parseSplit(split);
      return `${path}${s ? ` where ${s.column} = ${s[side].join(' or ')}` : ''} (${n} rows)`;
    };
    const table = driftTable(report, where(refPath, rows.reference, 'reference'), where(curPath, rows.current, 'current'));
    process.stdout.write(`${[table, ...skippedNotes(skipped)].join('\n')}\n`);
  }
  return args.flags.has('fail-on-drift') && report.dataset_drift ? 1 : 0;
}
