/**
 * `divergence sql drift`: the drift report's statements for an engine this command cannot reach (Spark SQL,
 * BigQuery, Snowflake, Trino, or PostgreSQL and DuckDB elsewhere). Pass 1 first; with `--pass1 ROWS` (its
 * exported result) pass 2; `divergence drift --aggregates ROWS1,ROWS2` then gives the report.
 */
import { DivergenceError } from '../core/errors';
import { isEmptyColumn, planColumn } from '../drift';
import { readAggregateRows } from '../engine/aggregateRows';
import { DIALECT_NAMES, dialectNamed } from '../engine/dialects';
import { pass1Sql, pass2Sql, type DriftColumnSpec } from '../engine/driftSql';
import { parseTableRef } from '../engine/tableRef';
import { driftOptionsOf, parseDriftArgs } from './drift';
import { readAggregateFiles } from './driftEngine';

export const SQL_USAGE = `usage: divergence sql drift --dialect D --ref TABLE_OR_QUERY --cur TABLE_OR_QUERY --columns A,B [options]

Prints the drift report's statements in dialect D (${DIALECT_NAMES.join(', ')}), to run where the data is:
  1. without --pass1: the first statement; run it and save its rows (JSON records or CSV with a header)
  2. with --pass1 ROWS: the second statement (bins from the first's results); save its rows too
  3. divergence drift --aggregates ROWS1,ROWS2 [--test …] gives the report (docs/engines.md)
options:
  --ref, --cur           a table (catalog.schema.table, each part quoted) or a SELECT (run as a subquery)
  --columns A,B          the columns to compare
  --categorical C,D      those of them that hold categories (the others are numbers)
  --pass1 ROWS           the saved rows of the first statement (files separated by commas)
  --test T, --all-measures   as for divergence drift: they decide what the second statement computes,
                         so give the same ones to divergence drift --aggregates`;

function required(value: string | undefined, name: string): string {
  if (value === undefined) throw new DivergenceError('usage', `sql drift needs --${name}`);
  return value;
}

const list = (value: string | undefined) => (value === undefined ? [] : value.split(',').map((s) => s.trim()));

/** Runs `divergence sql …` (argv after the word `sql`) and returns the exit status. */
export function runSql(argv: readonly string[]): number {
  const args = parseDriftArgs(argv, new Set(['dialect', 'ref', 'cur', 'columns', 'categorical', 'pass1', 'test']), new Set(['all-measures', 'help']));
  if (args.flags.has('help')) {
    process.stdout.write(`${SQL_USAGE}\n`);
    return 0;
  }
  if (args.paths.length !== 1 || args.paths[0] !== 'drift') throw new DivergenceError('usage', `sql: the only statements are those of 'drift' (divergence sql drift --help)`);
  const dialect = dialectNamed(required(args.options.get('dialect'), 'dialect'));
  const src = { reference: parseTableRef(required(args.options.get('ref'), 'ref')), current: parseTableRef(required(args.options.get('cur'), 'cur')) };
  const names = list(required(args.options.get('columns'), 'columns'));
  const categorical = list(args.options.get('categorical'));
  for (const c of categorical) if (!names.includes(c)) throw new DivergenceError('usage', `--categorical ${c}: not one of --columns`);
  const columns: DriftColumnSpec[] = names.map((name) => ({ name, type: categorical.includes(name) ? 'categorical' : 'numerical' }));
  const pass1Files = args.options.get('pass1');
  if (pass1Files === undefined) {
    process.stdout.write(`${pass1Sql(dialect, src, columns)};\n`);
    return 0;
  }
  const { pass1 } = readAggregateRows(readAggregateFiles(pass1Files));
  const options = driftOptionsOf(args);
  const planned = pass1.filter((c) => names.includes(c.column) && !isEmptyColumn(c));
  const referenceRows = pass1[0]?.reference.rows ?? 0;
  const second = pass2Sql(dialect, src, planned.map((c) => planColumn(c, referenceRows, options)), new Map(pass1.map((c) => [c.column, c])));
  if (second === undefined) process.stderr.write('divergence: no second statement is needed: divergence drift --aggregates ROWS1 gives the report\n');
  else process.stdout.write(`${second};\n`);
  return 0;
}
