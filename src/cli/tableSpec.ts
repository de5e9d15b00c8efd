/**
 * The command line's table columns: `@file.parquet:column`, `@file.arrow:column` (also .feather, .arrows)
 * for any SPEC option, and, for the distribution measures' --p and --q, categorical columns and missing
 * cells of CSV/TSV/JSON files too (src/data/tableColumns.ts says how a column becomes a distribution).
 *
 * - Selector as for CSV: `:NAME`, `:3` (0-based, when no column has that name), none: the first numeric
 *   column. Parquet is read by byte ranges (only the footer and the chosen column's chunks), Arrow whole.
 * - Missing values (nulls, empty CSV cells) are skipped and counted; P and Q from one table file are paired
 *   by row (a row missing in either is dropped from both); `--strict-missing` refuses them instead.
 * - A column of strings or booleans is the frequency of its values (only for --p/--q of a distribution
 *   measure: elsewhere it is refused), and the output says how many categories it counted.
 */
import { realpathSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { DivergenceError, isDivergenceError } from '../core/errors';
import { listArrowColumns, readArrowColumns } from '../data/arrowIpc';
import { parseCsv } from '../data/csv';
import { listParquetColumns, readParquetColumns } from '../data/parquet';
import type { ByteRangeReader, TableColumn } from '../data/table';
import { columnDistributions, pickTableColumn, type ColumnInput } from '../data/tableColumns';
import type { CliArgs } from './args';
import { OPTIONS } from './options';
import { MAX_BINARY_FILE_BYTES, readFileOnce, readSpec, readText, splitPath, within } from './readSpec';
import { csvTextColumn, jsonTextColumn, type TextColumn } from './textColumn';

/** The columnar file extensions (lower case). */
export const TABLE_FILE_EXTENSIONS: readonly string[] = ['.parquet', '.arrow', '.feather', '.arrows'];

const SPEC_OPTIONS = OPTIONS.filter((o) => o.value === 'SPEC').map((o) => o.name);

/** A column read from a file, with the file's real path (two columns of one file are paired by row). */
export interface FileColumn {
  readonly input: ColumnInput;
  readonly file: string;
}

/** What the table inputs of a command are: the vectors of the options read as columns, and notes. */
export interface TableInputs {
  /** Option name ('p', 'q', 'p-weights', ...) -> its values. */
  readonly values: ReadonlyMap<string, Float64Array>;
  /** What reading did, one line each (categories counted, missing values skipped or rows dropped). */
  readonly notes: readonly string[];
  /** The number of categories counted, when --p/--q were categorical columns. */
  readonly categories?: number;
}

/** A Parquet file as byte ranges, read on demand; closed by `close`. */
async function parquetFile(path: string): Promise<{ reader: ByteRangeReader; close: () => Promise<void> }> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw new DivergenceError('file-not-found', `cannot read the file: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const { size } = await handle.stat();
  const h = handle;
  const reader: ByteRangeReader = {
    byteLength: size,
    read: async (start, end) => {
      const buf = Buffer.alloc(end - start);
      const { bytesRead } = await h.read(buf, 0, end - start, start);
      if (bytesRead !== end - start) throw new DivergenceError('unsupported-file', `the file changed while it was being read (${size} bytes, then fewer)`);
      return buf;
    },
  };
  return { reader, close: () => h.close() };
}

async function readColumnarFile(path: string, ext: string, selector: string | undefined): Promise<TableColumn> {
  if (ext === '.parquet') {
    const { reader, close } = await parquetFile(path);
    try {
      const info = await listParquetColumns(reader);
      const [column] = await readParquetColumns(reader, [pickTableColumn(info.columns, selector).name]);
      return column!;
    } finally {
      await close();
    }
  }
  const bytes = readFileOnce(path, MAX_BINARY_FILE_BYTES, 'Arrow');
  const info = listArrowColumns(bytes);
  return readArrowColumns(bytes, [pickTableColumn(info.columns, selector).name])[0]!;
}

function prefixed(e: unknown, where: string, what: string): unknown {
  if (!isDivergenceError(e)) return e;
  return new DivergenceError(e.code, `${where}: ${e.message}`, { array: what, ...e.location });
}

/**
 * Reads every SPEC option of `args` that names a Parquet or Arrow file (`@t.parquet:col`): option name ->
 * the column. Errors start with the option and the file ("--p: t.parquet: no column named 'x'; ...").
 */
export async function readColumnarSpecs(args: CliArgs): Promise<Map<string, FileColumn>> {
  const out = new Map<string, FileColumn>();
  for (const name of SPEC_OPTIONS) {
    const spec = args.options.get(name);
    if (spec === undefined || !spec.startsWith('@')) continue;
    const what = `--${name}`;
    const { path, selector } = splitPath(spec.slice(1), what);
    const ext = extname(path).toLowerCase();
    if (!TABLE_FILE_EXTENSIONS.includes(ext)) continue;
    const where = `${what}: ${path}`;
    try {
      const column = await readColumnarFile(path, ext, selector);
      out.set(name, { input: { what: where, column }, file: realpathOf(path) });
    } catch (e) {
      throw prefixed(e, where, what);
    }
  }
  return out;
}

const MIXED_HINT = '; a column is read as numbers when every cell that is not missing is a number, and as categories when none is';

/**
 * A CSV/TSV/JSON column for --p/--q of a distribution measure: the numeric reader first (every behaviour of
 * it kept); when it refuses a cell, the column with missing cells and categories (./textColumn). A column
 * mixing numbers and text keeps the numeric reader's error, with a hint; with `strictMissing` a numeric
 * column with missing cells keeps it too (it names the first missing cell's line and column).
 */
function readTextSpec(spec: string, what: string, strictMissing: boolean): FileColumn | undefined {
  const { path, selector } = splitPath(spec.slice(1), what);
  const ext = extname(path).toLowerCase();
  if (!['.csv', '.tsv', '.json'].includes(ext)) return undefined;
  const where = `${what}: ${path}`;
  const file = realpathOf(path);
  try {
    const values = readSpec(spec, what);
    return { input: { what: where, column: { kind: 'numeric', name: selector ?? '', rowCount: values.length, nullRows: new Uint32Array(0), values } }, file };
  } catch (e) {
    if (!isDivergenceError(e) || e.code !== 'parse-error' || !/not a number|is empty|lack a number|has null|is null/.test(e.message)) throw e;
    const text = within(where, what, () => readText(path));
    const read: TextColumn | undefined = ext === '.json' ? jsonTextColumn(text, selector) : csvText(text, selector, ext);
    if (read === undefined) throw new DivergenceError(e.code, `${e.message}${MIXED_HINT}`, e.location);
    if (strictMissing && read.column.kind === 'numeric' && read.column.nullRows.length > 0) {
      throw new DivergenceError(e.code, `${e.message}; --strict-missing refuses missing cells`, e.location);
    }
    return { input: { what: where, column: read.column, rowText: read.rowText }, file };
  }
}

function realpathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The CSV/TSV column with missing cells and categories; undefined for a file without a header. */
function csvText(text: string, selector: string | undefined, ext: string): TextColumn | undefined {
  const table = parseCsv(text, { delimiter: ext === '.tsv' ? '\t' : 'auto' });
  return table.header ? csvTextColumn(text, selector, table.delimiter) : undefined;
}

function categoricalRefusal(input: ColumnInput, why: string): DivergenceError {
  return new DivergenceError('usage', `${input.what}: column '${input.column.name}' holds categories (text or booleans): ${why}`);
}

/**
 * The SPEC options of a command read as table columns: those in `columnar` (Parquet/Arrow, read by
 * `readColumnarSpecs`) and, when `distributions` (the measure takes --p/--q as distributions), CSV/TSV/JSON
 * columns of --p/--q that hold categories or missing cells. Options not here are read by readSpec.
 */
export function readTableInputs(args: CliArgs, columnar: ReadonlyMap<string, FileColumn>, distributions: boolean): TableInputs {
  const strictMissing = args.flags.has('strict-missing');
  const values = new Map<string, Float64Array>();
  const notes: string[] = [];
  let categories: number | undefined;
  const columnOf = (name: string): FileColumn | undefined => {
    const spec = args.options.get(name);
    if (columnar.has(name) || spec === undefined || !spec.startsWith('@') || !distributions) return columnar.get(name);
    return readTextSpec(spec, `--${name}`, strictMissing);
  };
  const rest = new Set(columnar.keys());
  if (distributions) {
    const [p, q] = [columnOf('p'), columnOf('q')];
    rest.delete('p');
    rest.delete('q');
    const one = p ?? q;
    if (one !== undefined) {
      const other = p === undefined ? 'p' : 'q';
      if ((p === undefined || q === undefined) && args.options.has(other) && one.input.column.kind === 'categorical') {
        throw categoricalRefusal(one.input, `--${other} must then be a column of categories too, so that the two are counted over the same categories`);
      }
      const input = args.options.get('input') ?? 'prob';
      if (one.input.column.kind === 'categorical' && input !== 'prob') throw categoricalRefusal(one.input, `its frequencies are probabilities, not --input ${input}`);
      const r = columnDistributions(one.input, p !== undefined ? q?.input : undefined, { sameTable: p !== undefined && p.file === q?.file, strictMissing });
      values.set(p !== undefined ? 'p' : 'q', r.p);
      if (r.q !== undefined) values.set('q', r.q);
      notes.push(...r.notes);
      categories = r.categories;
    }
  }
  for (const name of rest) {
    const { input } = columnar.get(name)!;
    if (input.column.kind === 'categorical') throw categoricalRefusal(input, 'only the distribution measures (entropy, kl, js, ...) count categories');
    const r = columnDistributions(input, undefined, { strictMissing });
    values.set(name, r.p);
    notes.push(...r.notes);
  }
  return { values, notes, ...(categories !== undefined ? { categories } : {}) };
}
