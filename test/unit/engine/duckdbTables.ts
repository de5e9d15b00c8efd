/**
 * Test set-up: drift tables written as Parquet by DuckDB (the values as doubles or strings, missing cells
 * as NULL), so that the engine reads exactly the values the in-memory report sees.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { DriftTable } from '../../../src/drift';
import { DIALECTS } from '../../../src/engine/dialects';

const d = DIALECTS.duckdb;

/** Writes `table` to the Parquet file `path`. */
export async function writeParquet(table: DriftTable, path: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const columns = table.columns.map((c) => `${d.ident(c.name)} ${c.kind === 'numeric' ? 'DOUBLE' : 'VARCHAR'}`);
    await connection.run(`CREATE TABLE t (${columns.join(', ')})`);
    const appender = await connection.createAppender('t');
    for (let row = 0; row < table.rows; row++) {
      for (const c of table.columns) {
        if (c.missing[row]) appender.appendNull();
        else if (c.kind === 'numeric') appender.appendDouble(c.values[row]!);
        else appender.appendVarchar(c.values[row]!);
      }
      appender.endRow();
    }
    appender.closeSync();
    await connection.run(`COPY t TO ${d.text(path)} (FORMAT parquet)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
