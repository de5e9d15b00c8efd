/**
 * `divergence kl --engine duckdb --p @t.parquet:p --q @t.parquet:q` (and entropy, cross-entropy, jeffreys,
 * js, js-distance, tv, hellinger, bhattacharyya): the measure of table columns computed by DuckDB where the
 * file is (src/engine/columnMeasures.ts), printed as the in-memory command prints it. P and Q are named
 * columns of one file (.parquet, .csv, .tsv, .json), paired by row; columns of categories are counted.
 */
import { DivergenceError } from '../core/errors';
import { columnMeasureOnEngine, ENGINE_COLUMN_MEASURES, type EngineColumnMeasure } from '../engine/columnMeasures';
import { duckDbSource, openDuckDb } from '../engine/duckdbEngine';
import { parseArgs } from './args';
import { DISCRETE_MEASURES, output, pinsker } from './discreteMeasures';
import { baseOption, checkOptions, need, type Output } from './measure';
import { splitPath } from './readSpec';

/** True when a measure's command line asks for an engine. */
export function measureWantsEngine(argv: readonly string[]): boolean {
  return argv.some((w) => /^--engine(=|$)/.test(w));
}

/** The command line without `--engine NAME`, and the name. */
function withoutEngine(argv: readonly string[]): { rest: string[]; engine: string | undefined } {
  const rest: string[] = [];
  let engine: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]!;
    if (w === '--engine') engine = argv[++i];
    else if (w.startsWith('--engine=')) engine = w.slice('--engine='.length);
    else rest.push(w);
  }
  return { rest, engine };
}

/** `@FILE:COLUMN` as the file (or glob) and the column's name. */
function fileColumn(spec: string, what: string): { path: string; column: string } {
  if (!spec.startsWith('@')) throw new DivergenceError('usage', `${what}: with --engine, give a column of a file: @FILE:COLUMN`);
  const { path, selector } = splitPath(spec.slice(1), what);
  if (selector === undefined || selector === '') throw new DivergenceError('usage', `${what}: with --engine, name the column: @${path}:COLUMN`);
  return { path, column: selector };
}

function plural(n: number, word: string): string {
  return n === 1 ? `1 ${word}` : `${n} ${word.replace(/y$/, 'ie')}s`;
}

/** Runs a discrete measure with --engine and resolves to the exit status 0 (errors are thrown). */
export async function runMeasureOnEngine(argv: readonly string[]): Promise<number> {
  const { rest, engine } = withoutEngine(argv);
  const args = parseArgs(rest);
  const measure = DISCRETE_MEASURES.find((m) => m.name === args.measure);
  if (measure === undefined || !(ENGINE_COLUMN_MEASURES as readonly string[]).includes(measure.name)) {
    throw new DivergenceError('usage', `--engine computes ${ENGINE_COLUMN_MEASURES.join(', ')} of table columns (and drift), not '${String(args.measure)}'`);
  }
  if (engine !== 'duckdb') throw new DivergenceError('usage', `--engine ${String(engine)}: the column measures run on --engine duckdb`);
  checkOptions(measure, args);
  if (args.flags.has('no-normalize') || (args.options.get('input') ?? 'prob') !== 'prob') {
    throw new DivergenceError('usage', '--engine takes probabilities or counts (normalised): not --no-normalize or --input log/logits');
  }
  const p = fileColumn(need(args, 'p'), '--p');
  const two = measure.options.includes('q');
  const q = two ? fileColumn(need(args, 'q'), '--q') : undefined;
  if (q !== undefined && q.path !== p.path) throw new DivergenceError('usage', `--engine pairs P and Q by row: give two columns of one file (--p @${p.path}:… --q @${p.path}:…)`);
  const source = duckDbSource(p.path, 'src_db');
  const db = await openDuckDb(source.attach !== undefined ? [source.attach] : []);
  let run;
  try {
    run = await columnMeasureOnEngine(db, measure.name as EngineColumnMeasure, { source: source.ref, p: p.column, ...(q ? { q: q.column } : {}) }, baseOption(args));
  } finally {
    await db.close();
  }
  const { result, pass1, categories } = run;
  const dropped = pass1.rows - pass1.kept;
  if (args.flags.has('strict-missing') && dropped > 0) {
    throw new DivergenceError('invalid-value', `--p: ${p.path}: ${plural(dropped, 'row')} with a missing cell; --strict-missing refuses missing cells`);
  }
  const notes =
    dropped === 0 ? [] : q ? [`${plural(dropped, 'row')} where '${p.column}' or '${q.column}' is missing dropped from both`] : [`--p: ${p.path}: ${plural(dropped, 'missing value')} of '${p.column}' skipped`];
  if (categories) {
    const n = plural(categories.count, 'category');
    notes.unshift(
      q
        ? `counted ${n} over the union of '${p.column}' (${plural(categories.p, 'value')}) and '${q.column}' (${plural(categories.q, 'value')})`
        : `--p: ${p.path}: counted ${n} of '${p.column}' (${plural(categories.p, 'value')})`,
    );
  }
  const label = measure.example.output.split(' = ')[0]!;
  let out: Output = result.pinskerTvBound !== undefined ? output(measure.name, label, result, ...pinsker(result.pinskerTvBound)) : output(measure.name, label, result);
  if (notes.length > 0) out = { json: { ...out.json, ...(categories ? { categories: categories.count } : {}), notes }, line: `${out.line}; ${notes.join('; ')}` };
  process.stdout.write(args.flags.has('json') ? `${JSON.stringify(out.json)}\n` : `${out.line}\n`);
  return 0;
}
