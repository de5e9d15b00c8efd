/**
 * Any table file the readers take, as a drift report's input: CSV/TSV and JSON records (by their text),
 * Parquet and Arrow IPC (by their typed columns). The file's extension picks the reader; a columnar file's
 * nulls (and NaN, ±Infinity) become missing cells, and its columns that are neither numeric nor text (nested, temporal, binary)
 * are left out and named in `skipped`.
 */
import { DivergenceError } from '../core/errors';
import { listArrowColumns, readArrowColumns } from '../data/arrowIpc';
import { listParquetColumns, readParquetColumns } from '../data/parquet';
import type { TableColumn, TableColumnInfo, TableReadOptions } from '../data/table';
import type { DriftColumn, DriftTable } from './driftColumn';
import { csvTable, jsonRecordsTable } from './tableText';

/** The extensions `readDriftTable` takes, lower case. */
export const DRIFT_TABLE_EXTENSIONS: readonly string[] = ['.csv', '.tsv', '.json', '.parquet', '.arrow', '.feather', '.arrows'];

export interface DriftTableRead {
  readonly table: DriftTable;
  /** Columns of a columnar file that no drift test applies to, with their file types. */
  readonly skipped: readonly { readonly name: string; readonly type: string }[];
}

/** The error for a file no drift reader takes. */
export function unreadableExtension(ext: string): DivergenceError {
  return new DivergenceError('unsupported-file', `a drift report reads ${DRIFT_TABLE_EXTENSIONS.join(', ')} files, not '${ext || 'no extension'}'`);
}

/** The lower-case extension of a file name ('' when it has none). */
export function tableExtension(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  return dot > slash ? fileName.slice(dot).toLowerCase() : '';
}

/**
 * A reader's column, its nulls spread back into row order as missing cells. A NaN or ±Infinity of a
 * floating-point column is a missing cell too, as in CSV and JSON (tableText.ts) and on an engine.
 */
function driftColumn(column: TableColumn): DriftColumn {
  const missing = new Uint8Array(column.rowCount);
  for (const r of column.nullRows) missing[r] = 1;
  if (column.kind === 'numeric') {
    const values = new Float64Array(column.rowCount);
    for (let r = 0, k = 0; r < column.rowCount; r++) {
      if (missing[r]) continue;
      const v = column.values[k++]!;
      if (Number.isFinite(v)) values[r] = v;
      else missing[r] = 1;
    }
    return { kind: 'numeric', name: column.name, values, missing };
  }
  const values: string[] = new Array<string>(column.rowCount).fill('');
  for (let r = 0, k = 0; r < column.rowCount; r++) if (!missing[r]) values[r] = column.values[k++]!;
  return { kind: 'categorical', name: column.name, values, missing };
}

/** The columns a columnar reader returned as a drift table, with the file's unreadable columns named. */
export function driftTableOfColumns(infos: readonly TableColumnInfo[], rowCount: number, columns: readonly TableColumn[]): DriftTableRead {
  return {
    table: { rows: rowCount, columns: columns.map(driftColumn) },
    skipped: infos.filter((c) => c.kind === 'unsupported').map((c) => ({ name: c.name, type: c.logicalType ?? c.physicalType })),
  };
}

function wanted(infos: readonly TableColumnInfo[], names: readonly string[] | undefined): string[] {
  const readable = infos.filter((c) => c.kind !== 'unsupported').map((c) => c.name);
  return names === undefined ? readable : readable.filter((n) => names.includes(n));
}

/**
 * The table in `source`, a file called `fileName` (its extension picks the reader). `columns`, when given,
 * limits a columnar read to those names (others are not decoded); text formats are read whole.
 */
export async function readDriftTable(
  fileName: string,
  source: Uint8Array,
  options: TableReadOptions & { readonly columns?: readonly string[] } = {},
): Promise<DriftTableRead> {
  const ext = tableExtension(fileName);
  switch (ext) {
    case '.csv':
    case '.tsv':
    case '.json': {
      const text = new TextDecoder('utf-8').decode(source);
      return { table: ext === '.json' ? jsonRecordsTable(text) : csvTable(text, ext === '.tsv' ? '\t' : ','), skipped: [] };
    }
    case '.parquet': {
      const info = await listParquetColumns(source);
      return driftTableOfColumns(info.columns, info.rowCount, await readParquetColumns(source, wanted(info.columns, options.columns), options));
    }
    case '.arrow':
    case '.feather':
    case '.arrows': {
      const info = listArrowColumns(source);
      return driftTableOfColumns(info.columns, info.rowCount, readArrowColumns(source, wanted(info.columns, options.columns), options));
    }
    default:
      throw unreadableExtension(ext);
  }
}
