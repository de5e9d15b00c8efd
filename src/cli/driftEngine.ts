/**
 * `divergence drift REF CUR --engine duckdb|postgres` (the report computed where the data lives) and
 * `divergence drift --aggregates FILE[,FILE]` (finishing a report from the rows a warehouse returned for the
 * statements of `divergence sql drift`). Same options, output and exit status as the in-memory command.
 * docs/engines.md has the sources each engine takes and the layout of the aggregate rows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DivergenceError } from '../core/errors';
import { driftReportFromAggregates, type DriftOptions, type DriftReport } from '../drift';
import { parseAggregateText, readAggregateRows, type AggregateRow } from '../engine/aggregateRows';
import { openDuckDbPair } from '../engine/duckdbDrift';
import { driftOnEngine, type SkippedColumn, type SqlEngine } from '../engine/engine';
import { openPostgres } from '../engine/postgresEngine';
import { parseTableRef, type TableRef } from '../engine/tableRef';
import { DRIFT_FLAGS, DRIFT_VALUE_OPTIONS, driftOptionsOf, driftTable, jsonText, parseDriftArgs, skippedNotes, type DriftArgs } from './drift';

export const DRIFT_ENGINE_USAGE = `usage: divergence drift REF CUR --engine duckdb|postgres [options]
       divergence drift --aggregates FILE[,FILE] [options]

Computes the drift report where the data lives: only counts, bin and category counts and two statistics come
back. Same numbers as in memory (docs/engines.md).
  --engine duckdb        REF/CUR: a file or glob ('events/2024-*.parquet'; .parquet, .csv, .tsv, .json),
                         TABLE@FILE.duckdb, or a SELECT
  --engine postgres      REF/CUR: a table (schema.table) or a SELECT; the server from --connection URL or the
                         PG* environment variables (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD)
  --aggregates FILES     the result rows of the statements of \`divergence sql drift\` (JSON records or CSV)
  --show-sql             also write the statements run to stderr
  --save-aggregates F    also save the result rows as JSON (for --aggregates)
and the options of \`divergence drift\` (--columns, --test, --threshold, --drift-share, --all-measures, --json,
--fail-on-drift).`;

/** True when the drift command line asks for an engine or for aggregates. */
export function wantsEngine(argv: readonly string[]): boolean {
  return argv.some((w) => /^--(engine|aggregates)(=|$)/.test(w));
}

/** Rows from files a warehouse exported: .csv as CSV with a header, anything else as JSON records. */
export function readAggregateFiles(list: string): AggregateRow[] {
  return list.split(',').flatMap((path) => {
    let text: string;
    try {
      text = readFileSync(path.trim(), 'utf8');
    } catch (e) {
      throw new DivergenceError('file-not-found', `--aggregates ${path}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return parseAggregateText(text, path.trim().toLowerCase().endsWith('.csv') ? 'csv' : 'json');
  });
}

/** The report of aggregate rows (the columns given, or every column in them). */
function reportOfRows(rows: readonly AggregateRow[], options: DriftOptions): { report: DriftReport; referenceRows: number; currentRows: number } {
  const { pass1, pass2 } = readAggregateRows(rows);
  for (const name of options.columns ?? []) {
    if (!pass1.some((c) => c.column === name)) throw new DivergenceError('usage', `no column '${name}' in the aggregates; columns: ${pass1.map((c) => c.column).join(', ')}`);
  }
  const chosen = options.columns ? pass1.filter((c) => options.columns!.includes(c.column)) : pass1;
  const report = driftReportFromAggregates({ columns: chosen.map((c) => ({ pass1: c, pass2: pass2.get(c.column) })), onlyInReference: [], onlyInCurrent: [] }, options);
  return { report, referenceRows: chosen[0]?.reference.rows ?? 0, currentRows: chosen[0]?.current.rows ?? 0 };
}

/** The engine `--engine` names, with REF and CUR as its sources. */
async function openEngine(args: DriftArgs): Promise<{ engine: SqlEngine; reference: TableRef; current: TableRef }> {
  const name = args.options.get('engine');
  if (args.paths.length !== 2) throw new DivergenceError('usage', `drift --engine needs two sources, REF and CUR; got ${args.paths.length}`);
  const [ref, cur] = args.paths as [string, string];
  if (name === 'duckdb') return openDuckDbPair(ref, cur);
  if (name === 'postgres') {
    return { engine: await openPostgres(args.options.get('connection')), reference: parseTableRef(ref), current: parseTableRef(cur) };
  }
  throw new DivergenceError('usage', `--engine ${String(name)}: known engines are duckdb and postgres (others: divergence sql drift --dialect …)`);
}

/** Runs `divergence drift` with --engine or --aggregates and resolves to the exit status. */
export async function runDriftOnEngine(argv: readonly string[]): Promise<number> {
  const args = parseDriftArgs(argv, new Set([...DRIFT_VALUE_OPTIONS, 'engine', 'connection', 'aggregates', 'save-aggregates']), new Set([...DRIFT_FLAGS, 'show-sql']));
  if (args.flags.has('help')) {
    process.stdout.write(`${DRIFT_ENGINE_USAGE}\n`);
    return 0;
  }
  if (args.options.has('split')) throw new DivergenceError('usage', '--split reads a file in memory: with --engine, give the two sides as SELECTs');
  const options = driftOptionsOf(args);
  const aggregates = args.options.get('aggregates');
  let result: { report: DriftReport; referenceRows: number; currentRows: number; skipped?: readonly SkippedColumn[] };
  let paths: [string, string];
  if (aggregates !== undefined) {
    if (args.options.has('engine') || args.paths.length > 0) throw new DivergenceError('usage', '--aggregates takes no REF, CUR or --engine: the rows hold both sides');
    result = reportOfRows(readAggregateFiles(aggregates), options);
    paths = [aggregates, aggregates];
  } else {
    const { engine, reference, current } = await openEngine(args);
    try {
      const run = await driftOnEngine(engine, { reference, current }, options);
      if (args.flags.has('show-sql')) process.stderr.write(`${run.statements.map((s) => `${s};\n`).join('\n')}`);
      const save = args.options.get('save-aggregates');
      if (save !== undefined) writeFileSync(save, `${JSON.stringify(run.rows)}\n`);
      result = run;
    } finally {
      await engine.close();
    }
    paths = args.paths as [string, string];
  }
  const { report, referenceRows, currentRows } = result;
  const skipped = result.skipped ?? [];
  if (args.flags.has('json')) {
    const out = { reference: { path: paths[0], rows: referenceRows }, current: { path: paths[1], rows: currentRows }, ...report, ...(skipped.length > 0 ? { skipped_columns: skipped } : {}) };
    process.stdout.write(`${jsonText(out)}\n`);
  } else {
    const table = driftTable(report, `${paths[0]} (${referenceRows} rows)`, `${paths[1]} (${currentRows} rows)`);
    process.stdout.write(`${[table, ...skippedNotes(skipped)].join('\n')}\n`);
  }
  return args.flags.has('fail-on-drift') && report.dataset_drift ? 1 : 0;
}
