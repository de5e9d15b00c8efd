/**
 * The library, dist/core.js: the public compute API (./index, which the extension and the command line
 * import) and the table readers of src/data, which only the library and the readers' users load (Parquet's
 * and Arrow's decoders stay out of the extension's bundle):
 * - `listParquetColumns`/`readParquetColumns` and `listArrowColumns`/`readArrowColumns`: the columns of
 *   Parquet and Arrow IPC bytes (numeric as Float64Array, strings and booleans as categories, nulls apart);
 * - `pickTableColumn`: the column a selector names, as the command line picks it;
 * - `categoryFrequencies`, `dropNullRows`, `columnDistributions`: a column (or two) as a distribution, as
 *   the command line reads `@t.parquet:label`.
 */
export * from './index';
export {
  listParquetColumns,
  readParquetColumns,
  DEFAULT_MAX_CHUNK_BYTES,
  type ParquetReadOptions,
  type ParquetTableInfo,
} from '../data/parquet';
export { listArrowColumns, readArrowColumns, type ArrowTableInfo } from '../data/arrowIpc';
export {
  bytesReader,
  categoryFrequencies,
  dropNullRows,
  type ByteRangeReader,
  type CategoricalColumn,
  type CategoryFrequencies,
  type NumericColumn,
  type TableColumn,
  type TableColumnInfo,
  type TableReadOptions,
} from '../data/table';
export {
  columnDistributions,
  pickTableColumn,
  type ColumnDistributionOptions,
  type ColumnDistributions,
  type ColumnInput,
} from '../data/tableColumns';
