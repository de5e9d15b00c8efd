/** hyparquet's page header decoder (exported as 'hyparquet/src/column.js'; its own types need bundler resolution). */
declare module 'hyparquet/src/column.js' {
  import type { DataReader, PageHeader } from 'hyparquet';
  export function parquetHeader(reader: DataReader): PageHeader;
}
