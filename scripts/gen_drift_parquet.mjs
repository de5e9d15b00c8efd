#!/usr/bin/env node
// Writes the drift report's dataset pairs as Parquet (and one as Arrow IPC) into test/fixtures/drift, from the
// files the SciPy expectations of test/fixtures/drift/drift.json were computed from (scripts/gen_drift_fixtures.py):
// examples/seattle-weather.csv and examples/penguins.json (split by a column, as the CLI's --split does), and the
// generated reference/current records of drift.json. Committed; rerun after gen_drift_fixtures.py:
// `node scripts/gen_drift_parquet.mjs`.
//
// Types and nulls are kept: DuckDB reads the CSV (every cell of MISSING_TEXT a null, `date` kept as text) and the
// JSON records with the type of each column given: DOUBLE when every non-null value is a number, else VARCHAR;
// a null or absent field is a NULL. Row groups of 500 rows, so the readers go through several.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import * as arrow from 'apache-arrow';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'test', 'fixtures', 'drift');
const tmp = mkdtempSync(join(tmpdir(), 'drift-parquet-'));
const MISSING_TEXT = ['', 'NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None'];
const sql = (s) => `'${s.replaceAll("'", "''")}'`;

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const copy = (select, name) => con.run(`COPY (${select}) TO ${sql(join(out, name))} (FORMAT parquet, ROW_GROUP_SIZE 500)`);

/** The names of the records' fields in the order they first appear, each with its DuckDB type. */
function columnTypes(records) {
  const types = new Map();
  for (const r of records) {
    for (const [k, v] of Object.entries(r)) {
      const numeric = (types.get(k) ?? 'DOUBLE') === 'DOUBLE' && (v === null || typeof v === 'number');
      types.set(k, numeric ? 'DOUBLE' : 'VARCHAR');
    }
  }
  return types;
}

/** A JSON array of records as a Parquet file, every column of its type and every missing field a NULL. */
async function recordsToParquet(records, name, types = columnTypes(records)) {
  const path = join(tmp, `${name}.json`);
  writeFileSync(path, JSON.stringify(records));
  const columns = [...types].map(([k, t]) => `${sql(k)}: ${sql(t)}`).join(', ');
  await copy(`SELECT * FROM read_json(${sql(path)}, format = 'array', columns = {${columns}})`, name);
}

// seattle-weather: numbers DOUBLE, `date` and `weather` text.
await copy(
  `SELECT * FROM read_csv(${sql(join(root, 'examples', 'seattle-weather.csv'))}, header = true, nullstr = [${MISSING_TEXT.map(sql).join(', ')}],
    columns = {'date': 'VARCHAR', 'precipitation': 'DOUBLE', 'temp_max': 'DOUBLE', 'temp_min': 'DOUBLE', 'wind': 'DOUBLE', 'weather': 'VARCHAR'})`,
  'seattle-weather.parquet',
);
const penguins = JSON.parse(readFileSync(join(root, 'examples', 'penguins.json'), 'utf8'));
await recordsToParquet(penguins, 'penguins.parquet');

// The generated pairs: both sides of a column share its type (DOUBLE only when both sides are numbers).
const expected = JSON.parse(readFileSync(join(out, 'drift.json'), 'utf8'));
for (const c of expected.generated) {
  const slug = c.name.replaceAll(' ', '-');
  const both = columnTypes([...c.reference_records, ...c.current_records]);
  const typesOf = (records) => new Map([...columnTypes(records).keys()].map((k) => [k, both.get(k)]));
  await recordsToParquet(c.reference_records, `${slug}.reference.parquet`, typesOf(c.reference_records));
  await recordsToParquet(c.current_records, `${slug}.current.parquet`, typesOf(c.current_records));
}

// penguins as Arrow IPC (file format), in record batches of 100 rows: Float64 and Utf8 columns with nulls.
const types = columnTypes(penguins);
const batches = [];
for (let start = 0; start < penguins.length; start += 100) {
  const rows = penguins.slice(start, start + 100);
  const vectors = {};
  for (const [k, t] of types) {
    vectors[k] = arrow.vectorFromArray(rows.map((r) => r[k] ?? null), t === 'DOUBLE' ? new arrow.Float64() : new arrow.Utf8());
  }
  batches.push(...new arrow.Table(vectors).batches);
}
writeFileSync(join(out, 'penguins.arrow'), arrow.tableToIPC(new arrow.Table(batches), 'file'));

con.closeSync?.();
rmSync(tmp, { recursive: true, force: true });
