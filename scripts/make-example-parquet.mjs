#!/usr/bin/env node
// Makes examples/seattle-weather.parquet from examples/seattle-weather.csv with DuckDB (a dev dependency, used by
// this script only): the same 1461 rows and six columns, `date` as a DATE, the four measurements as DOUBLE and
// `weather` as a string, snappy-compressed (DuckDB's default), in one row group (DuckDB's row groups hold at
// least 2048 rows). The date is a column the editor lists but does not read. Run `node scripts/make-example-parquet.mjs`.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
const csv = join(examples, 'seattle-weather.csv').replaceAll("'", "''");
const parquet = join(examples, 'seattle-weather.parquet').replaceAll("'", "''");

const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
await connection.run(
  `COPY (SELECT * FROM read_csv('${csv}', header = true, columns = {'date': 'DATE', 'precipitation': 'DOUBLE', ` +
    `'temp_max': 'DOUBLE', 'temp_min': 'DOUBLE', 'wind': 'DOUBLE', 'weather': 'VARCHAR'}) ORDER BY date) ` +
    `TO '${parquet}' (FORMAT parquet, COMPRESSION snappy)`,
);
connection.closeSync();
db.closeSync();
