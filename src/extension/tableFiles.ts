import * as vscode from 'vscode';
import { fileReader, type FileReader } from '../compute/fileReader';
import { DivergenceError, isDivergenceError } from '../core/errors';
import { listArrowColumns, readArrowColumns } from '../data/arrowIpc';
import { detectDelimiter } from '../data/csvLayout';
import { listDataArrays } from '../data/dataFileArrays';
import { listParquetColumns, readParquetColumns } from '../data/parquet';
import { parseDecimal } from '../data/parseDecimal';
import type { ByteRangeReader, CategoricalColumn, NumericColumn, TableColumn, TableColumnInfo, TableReadOptions } from '../data/table';
import { jsonRecordsTable, presentValues, type DriftTable } from '../drift';
import { CsvColumnsReader } from '../drift/tableText';
import type { LabelledColumn } from '../data/tablePair';
import { percentReporter } from './offThread';
import { showMessage } from './results';

/**
 * Parquet and Arrow IPC files in the editor (file format .arrow/.feather, stream format .arrows): their columns
 * listed from the footer or the batch headers, then only the chosen columns read. A Parquet file on this
 * machine's disk is read by byte ranges with fs.promises (the footer, then the chosen columns' chunks, row
 * group by row group), never whole; an Arrow file, or a file of a virtual workspace, is read whole.
 */
export const TABLE_FILE = /\.(parquet|arrow|feather|arrows)$/i;

/** Every data file a column or array is read from: the table files and those of `listDataArrays`. */
export const DATA_EXTENSIONS = ['csv', 'tsv', 'json', 'npy', 'npz', 'parquet', 'arrow', 'feather', 'arrows'];
export const DATA_FILE = new RegExp(`\\.(${DATA_EXTENSIONS.join('|')})$`, 'i');

/** The largest table file read whole (Arrow, or Parquet not on this machine's disk). */
export const MAX_WHOLE_TABLE_BYTES = 512 * 1024 * 1024;

/** Table files over this size are read behind a progress notification. */
export const TABLE_PROGRESS_BYTES = 16 * 1024 * 1024;

/** A table file opened for reading columns. */
export interface TableFile {
  readonly name: string;
  readonly format: 'Parquet' | 'Arrow';
  /** Bytes, as `workspace.fs.stat` gives them. */
  readonly size: number;
  readonly rowCount: number;
  readonly columns: readonly TableColumnInfo[];
  /** The named columns, in that order (projection: only their bytes are decoded). */
  read(names: readonly string[], options: TableReadOptions): Promise<TableColumn[]>;
  close(): Promise<void>;
}

/** The bytes [start, end) of a local file (`name` in messages), read with positioned reads: a Parquet reader's source. */
export function fileRangeReader(file: FileReader, name: string): ByteRangeReader {
  return {
    byteLength: file.size,
    async read(start, end) {
      const out = new Uint8Array(end - start);
      for (let done = 0; done < out.length; ) {
        const n = await file.read(start + done, out.subarray(done));
        if (n === 0) throw new DivergenceError('parse-error', `${name} ended at byte ${start + done}, before the ${file.size} bytes it had when opened`);
        done += n;
      }
      return out;
    },
  };
}

/**
 * Opens a table file and lists its columns.
 *
 * @throws DivergenceError from the readers (bad magic, truncated footer ...), 'unsupported-file' for a file
 *   to be read whole over MAX_WHOLE_TABLE_BYTES; fs errors as they are.
 */
export async function openTableFile(uri: vscode.Uri, name: string): Promise<TableFile> {
  const { size } = await vscode.workspace.fs.stat(uri);
  const parquet = /\.parquet$/i.test(name);
  if (parquet && uri.scheme === 'file') {
    const file = await fileReader(uri.fsPath);
    try {
      const source = fileRangeReader(file, name);
      const info = await listParquetColumns(source);
      return { name, format: 'Parquet', size, rowCount: info.rowCount, columns: info.columns, read: (names, o) => readParquetColumns(source, names, o), close: () => file.close() };
    } catch (e) {
      await file.close();
      throw e;
    }
  }
  if (size > MAX_WHOLE_TABLE_BYTES) {
    throw new DivergenceError('unsupported-file', `${name} has ${size} bytes, more than the ${MAX_WHOLE_TABLE_BYTES} read whole; use the divergence CLI`);
  }
  const bytes = await vscode.workspace.fs.readFile(uri);
  const close = async () => undefined;
  if (parquet) {
    const info = await listParquetColumns(bytes);
    return { name, format: 'Parquet', size, rowCount: info.rowCount, columns: info.columns, read: (names, o) => readParquetColumns(bytes, names, o), close };
  }
  const info = listArrowColumns(bytes);
  return { name, format: 'Arrow', size, rowCount: info.rowCount, columns: info.columns, read: async (names, o) => readArrowColumns(bytes, names, o), close };
}

/** The column's type as its file names it: the logical type when there is one ("DECIMAL(9, 2)", "UTF8"), else the physical or Arrow type. */
export function columnType(c: TableColumnInfo): string {
  return c.logicalType ?? c.physicalType;
}

/** "no nulls", "600 nulls", or "nulls not counted in the file" when the statistics do not say. */
function nullsText(c: TableColumnInfo): string {
  if (c.nullCount === undefined) return c.nullable ? 'nulls not counted in the file' : 'no nulls';
  return c.nullCount === 0 ? 'no nulls' : `${c.nullCount} null${c.nullCount === 1 ? '' : 's'}`;
}

/** A column as the Quick Pick describes it: "DOUBLE, 600 nulls", "UTF8, categories, no nulls", "DATE, not read". */
export function columnDescription(c: TableColumnInfo): string {
  if (c.kind === 'unsupported') return `${columnType(c)}, not read (neither a number, a boolean nor a string)`;
  return `${columnType(c)}, ${c.kind === 'categorical' ? 'categories, ' : ''}${nullsText(c)}`;
}

/**
 * A Quick Pick of the file's columns (every column, with its type and null count; `exclude` left out).
 * A column of another type (nested, date, binary) is listed, and picking it is refused with an error naming
 * the column and its type. `undefined` when dismissed or refused.
 */
export async function pickTableColumn(
  output: vscode.LogOutputChannel,
  file: TableFile,
  options: { readonly title: string; readonly placeHolder: string; readonly exclude?: TableColumnInfo },
): Promise<TableColumnInfo | undefined> {
  const items = file.columns.filter((c) => c !== options.exclude).map((c) => ({ label: c.name, description: columnDescription(c), column: c }));
  const pick = await vscode.window.showQuickPick(items, { title: options.title, placeHolder: options.placeHolder });
  if (!pick) return undefined;
  if (pick.column.kind === 'unsupported') {
    showMessage(output, 'error', `column '${pick.column.name}' has type ${columnType(pick.column)}: only numeric, boolean and string columns are read.`, {
      source: file.name,
      code: 'unsupported-file',
    });
    return undefined;
  }
  return pick.column;
}

/**
 * Reads the named columns; a file over TABLE_PROGRESS_BYTES behind a progress notification (rows read, in
 * percent), with Cancel for Parquet, whose reads wait on the disk between row groups. An Arrow file is
 * decoded in one turn of the event loop, so it has no Cancel. `undefined` when cancelled.
 */
export async function readTableColumns(file: TableFile, names: readonly string[]): Promise<TableColumn[] | undefined> {
  if (file.size <= TABLE_PROGRESS_BYTES) return file.read(names, {});
  const cancellable = file.format === 'Parquet';
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Divergence Lens: reading ${names.join(' and ')} of ${file.name}`, cancellable },
    async (progress, token) => {
      const report = percentReporter(progress);
      try {
        return await file.read(names, {
          onProgress: (done) => report(file.rowCount > 0 ? done / file.rowCount : 1),
          isCancelled: () => token.isCancellationRequested,
        });
      } catch (e) {
        if (token.isCancellationRequested && isDivergenceError(e) && e.code === 'usage') return undefined;
        throw e;
      }
    },
  );
}

/** Errors of fs (ENOENT, EACCES, EISDIR ...): shown as messages with their code, not thrown. */
export function isFileError(e: unknown): e is NodeJS.ErrnoException & { readonly code: string } {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((e as NodeJS.ErrnoException).code!);
}

/**
 * One column of a data file, for P or Q: a table file's column picked from its list and read alone (its
 * nulls kept apart, as `measuredPair` wants them); a CSV/TSV/JSON column or a .npy/.npz array picked among
 * the file's numeric ones and columns of categories (`textCategoryColumns`; the only one taken without
 * asking). Labelled `file:column` as the CLI's `@file:column`.
 * `undefined` when dismissed or cancelled.
 */
export async function fileColumn(output: vscode.LogOutputChannel, uri: vscode.Uri, role: 'P' | 'Q', p?: string): Promise<LabelledColumn | undefined> {
  const name = uri.path.split('/').pop() ?? uri.toString();
  const question = { title: `${name}: the column of ${role}`, placeHolder: `Choose the column of ${name} for ${role}${p === undefined ? '' : ` (P is ${p})`}` };
  if (TABLE_FILE.test(name)) {
    const file = await openTableFile(uri, name);
    try {
      const info = await pickTableColumn(output, file, question);
      if (!info) return undefined;
      const columns = await readTableColumns(file, [info.name]);
      if (!columns) showMessage(output, 'info', `reading ${name} was cancelled.`);
      return columns && { label: `${name}:${info.name}`, column: columns[0]! };
    } finally {
      await file.close();
    }
  }
  const { size } = await vscode.workspace.fs.stat(uri);
  if (size > MAX_WHOLE_TABLE_BYTES) throw new DivergenceError('unsupported-file', `${name} has ${size} bytes, more than the ${MAX_WHOLE_TABLE_BYTES} read whole; use the divergence CLI`);
  const bytes = await vscode.workspace.fs.readFile(uri);
  const arrays = listDataArrays(name, bytes);
  const items = [
    ...arrays.map((a) => ({ label: a.label, description: a.description, column: numericColumn(a.label, a.values) as TableColumn })),
    ...textCategoryColumns(name, bytes, arrays.map((a) => a.label)),
  ];
  if (items.length === 0) throw new DivergenceError('empty-input', `${name} has no numeric column or array`);
  const pick = items.length === 1 ? items[0]! : await vscode.window.showQuickPick(items, question);
  if (!pick) return undefined;
  return { label: items.length === 1 ? name : `${name}:${pick.label}`, column: pick.column };
}

/** Numbers already read (their missing cells skipped) as a table column without nulls. */
export function numericColumn(name: string, values: Float64Array): NumericColumn {
  return { kind: 'numeric', name, rowCount: values.length, nullRows: new Uint32Array(0), values };
}

/** CSV/TSV/JSON files up to this size are also read for their columns of categories. */
export const CATEGORY_MAX_BYTES = 64 * 1024 * 1024;

/** A CSV/TSV/JSON column of categories, as Compare Columns lists it. */
export interface TextCategories {
  readonly label: string;
  /** "1461 values, categories: 5 distinct, column 6 of 6", "333 values, categories: 2 distinct, 11 missing skipped". */
  readonly description: string;
  readonly column: CategoricalColumn;
}

/**
 * The columns of categories of a CSV/TSV file or a JSON array of records, read as the command line and the
 * drift report read them (`csvTable`, `jsonRecordsTable`): a cell in MISSING_TEXT, an empty cell or a JSON
 * null is missing (its row kept in `nullRows`); a column with no number among its other cells holds
 * categories (JSON booleans as 'true'/'false'). A column mixing numbers and text is not listed, as the
 * command line keeps the numeric reader's error for it. No column for other files, files over
 * CATEGORY_MAX_BYTES, or text these readers refuse (the numeric listing reports those). `numeric`: the CSV
 * columns already read as numbers, not read again (a quarter of the time for one text column of four).
 */
export function textCategoryColumns(fileName: string, bytes: Uint8Array, numeric: readonly string[] = []): TextCategories[] {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (!['csv', 'tsv', 'json'].includes(ext) || bytes.length > CATEGORY_MAX_BYTES) return [];
  const text = new TextDecoder('utf-8').decode(bytes);
  let table: DriftTable;
  let header: readonly string[] | undefined;
  try {
    const delimiter = ext === 'tsv' ? '\t' : detectDelimiter((i) => text.charCodeAt(i), text.length, text.charCodeAt(0) === 0xfeff ? 1 : 0);
    if (ext === 'json') table = jsonRecordsTable(text);
    else ({ table, header } = csvTextColumns(text, delimiter, new Set(numeric)));
  } catch (e) {
    if (isDivergenceError(e)) return [];
    throw e;
  }
  const out: TextCategories[] = [];
  table.columns.forEach((c) => {
    if (c.kind !== 'categorical') return;
    const values = presentValues(c);
    if (values.length === 0 || values.some((v) => parseDecimal(v, 0, v.length) !== undefined)) return;
    const nullRows = Uint32Array.from(c.missing.keys()).filter((r) => c.missing[r] === 1);
    const distinct = new Set(values).size;
    const missing = nullRows.length > 0 ? `, ${nullRows.length} missing skipped` : '';
    const where = header ? `, column ${header.lastIndexOf(c.name) + 1} of ${header.length}` : '';
    out.push({
      label: c.name,
      description: `${values.length} values, categories: ${distinct} distinct${missing}${where}`,
      column: { kind: 'categorical', name: c.name, rowCount: table.rows, nullRows, values },
    });
  });
  return out;
}

/**
 * The columns of a CSV/TSV text but those named in `numeric`, read as `csvTable` reads them (every record
 * is still checked against the header), and its header, read first from the first line.
 */
function csvTextColumns(text: string, delimiter: ',' | '\t', numeric: ReadonlySet<string>): { table: DriftTable; header: readonly string[] } {
  const first = new CsvColumnsReader(delimiter, []);
  const end = text.indexOf('\n');
  first.records.feed(end < 0 ? text : text.slice(0, end + 1), true);
  const header = first.header ?? [];
  const reader = new CsvColumnsReader(delimiter, header.filter((name) => !numeric.has(name)));
  reader.records.feed(text, true);
  return { table: reader.table(), header };
}
