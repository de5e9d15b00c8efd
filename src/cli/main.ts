/**
 * The `divergence` command line: the same compute core as the editor, for terminals and scripts.
 * Contract: exit 0 with the result; exit 2 with one line on stderr (and a JSON error with --json) for bad
 * usage or input, and for anything unexpected (code `internal-error`, see bin.ts); never a stack trace.
 */
import { initSync } from '../compute';
import { DivergenceError, isDivergenceError } from '../core/errors';
import { parseArgs, type CliArgs } from './args';
import { runDrift } from './drift';
import { runSql } from './sql';
import { CONTINUOUS_MEASURES } from './continuousMeasures';
import { DISCRETE_MEASURES } from './discreteMeasures';
import { measureWantsEngine, runMeasureOnEngine } from './measureEngine';
import { generalHelp, measureHelp, version } from './help';
import { SAMPLE_MEASURES } from './sampleMeasures';
import { checkOptions, type CliMeasure, type Output } from './measure';
import { prefetchCsvColumns } from './readSpec';
import { readColumnarSpecs, readTableInputs, type FileColumn, type TableInputs } from './tableSpec';

const MEASURES: readonly CliMeasure[] = [...DISCRETE_MEASURES, ...CONTINUOUS_MEASURES, ...SAMPLE_MEASURES];

/** The measure the arguments name (usage errors for none, or an unknown one). */
function measureOf(args: CliArgs): CliMeasure {
  if (args.measure === undefined) {
    throw new DivergenceError(
      'usage',
      `no measure given: divergence <measure> [--p SPEC] [--q SPEC] [options] [--json], measures: ${MEASURES.map((m) => m.name).join(', ')} (divergence --help for more)`,
    );
  }
  const measure = MEASURES.find((m) => m.name === args.measure);
  if (!measure) {
    throw new DivergenceError('usage', `unknown measure '${args.measure}'; known: ${MEASURES.map((m) => m.name).join(', ')}`);
  }
  return measure;
}

/** The output with what reading the table inputs did: `notes` (and `categories`) in the JSON, on the line. */
function withNotes(out: Output, inputs: TableInputs): Output {
  if (inputs.notes.length === 0) return out;
  const json = { ...out.json, ...(inputs.categories !== undefined ? { categories: inputs.categories } : {}), notes: [...inputs.notes] };
  return { json, line: `${out.line}; ${inputs.notes.join('; ')}` };
}

/**
 * Runs the command line and returns the exit status (`drift` and `sql` resolve to it: their readers and
 * engines are asynchronous). `columnar` holds the Parquet/Arrow columns of its
 * SPEC options, read beforehand by {@link run} (reading Parquet is asynchronous); without it such a SPEC is
 * refused as an unknown file type.
 */
export function main(argv: readonly string[], columnar: ReadonlyMap<string, FileColumn> = new Map()): number | Promise<number> {
  const wantsJson = argv.includes('--json');
  try {
    if (argv[0] === 'drift' || argv[0] === 'sql') {
      const status = argv[0] === 'drift' ? runDrift(argv.slice(1)) : runSql(argv.slice(1));
      return typeof status === 'number' ? status : status.catch((e: unknown) => reportError(e, wantsJson));
    }
    const args = parseArgs(argv);
    if (args.flags.has('version')) {
      process.stdout.write(`divergence ${version()}\n`);
      return 0;
    }
    if (args.flags.has('help') && args.measure === undefined) {
      process.stdout.write(`${generalHelp(MEASURES)}\n`);
      return 0;
    }
    const measure = measureOf(args);
    if (args.flags.has('help')) {
      process.stdout.write(`${measureHelp(measure)}\n`);
      return 0;
    }
    checkOptions(measure, args);
    prefetchCsvColumns([args.options.get('p'), args.options.get('q')]);
    const inputs = readTableInputs(args, columnar, measure.distributions === true);
    initSync();
    const out = withNotes(measure.run({ ...args, tables: inputs.values }), inputs);
    process.stdout.write(args.flags.has('json') ? `${JSON.stringify(out.json)}\n` : `${out.line}\n`);
    return 0;
  } catch (e) {
    return reportError(e, wantsJson);
  }
}

/**
 * The command line as the `divergence` program runs it: reads the Parquet/Arrow columns its SPEC options
 * name (asynchronously, Parquet by byte ranges), then {@link main}. Arguments that are not a measure's
 * valid options go to `main` as they are, which reports them.
 */
export async function run(argv: readonly string[]): Promise<number> {
  let args: CliArgs;
  try {
    if (argv[0] === 'drift' || argv[0] === 'sql') return await main(argv);
    if (measureWantsEngine(argv)) return await runMeasureOnEngine(argv).catch((e: unknown) => reportError(e, argv.includes('--json')));
    args = parseArgs(argv);
    if (args.flags.has('version') || args.flags.has('help')) return await main(argv);
    checkOptions(measureOf(args), args);
  } catch {
    return await main(argv);
  }
  let columnar: Map<string, FileColumn>;
  try {
    columnar = await readColumnarSpecs(args);
  } catch (e) {
    return reportError(e, argv.includes('--json'));
  }
  return await main(argv, columnar);
}

/**
 * Writes a failure as the contract says: one line on stderr and, with --json, `{"error": {code, message}}` on
 * stdout; returns the exit status 2. Anything that is not a DivergenceError is a bug: it is still one line
 * (code `internal-error`, the message without a stack trace), and exit status 2.
 */
export function reportError(e: unknown, wantsJson: boolean): number {
  const error = isDivergenceError(e)
    ? { code: e.code, message: e.message }
    : { code: 'internal-error', message: `internal error: ${e instanceof Error ? e.message : String(e)}` };
  error.message = error.message.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').trim();
  try {
    process.stderr.write(`divergence: ${error.message}\n`);
    if (wantsJson) process.stdout.write(`${JSON.stringify({ error })}\n`);
  } catch {
    // stdout or stderr closed: nothing more can be said
  }
  return 2;
}
