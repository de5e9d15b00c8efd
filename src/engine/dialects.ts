/**
 * The SQL dialects the drift queries are written in: how each quotes a name and a string, and its names of
 * the types the queries cast to. Every name and string that enters a statement goes through `ident` or
 * `text`; every number through `double` or `integer` (docs/engines.md, "Safety").
 *
 * The functions and clauses the statements use, and where each dialect documents them:
 * COUNT(*), COUNT(x), COUNT(DISTINCT x), MIN, MAX, AVG, STDDEV_POP, SUM (DuckDB: fsum), SQRT, ABS, CAST, CASE,
 * UNION ALL, CROSS JOIN,
 * GROUP BY, and the window functions SUM(…) OVER (ORDER BY … ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT
 * ROW) and LEAD(x) OVER (ORDER BY …).
 */
import { DivergenceError } from '../core/errors';

export const DIALECT_NAMES = ['duckdb', 'postgres', 'spark', 'bigquery', 'snowflake', 'trino'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

export interface Dialect {
  readonly name: DialectName;
  /** A quoted identifier (one part of a name). */
  ident(name: string): string;
  /** A quoted string literal. */
  text(value: string): string;
  /** The type names of a double, a 64-bit integer and a string. */
  readonly types: { readonly double: string; readonly bigint: string; readonly string: string };
  /**
   * The aggregate Σ x of a double expression as accurately as the dialect allows, as a double: a compensated
   * or exact sum whose result does not depend on the order the engine adds in (see `DIALECTS`), else `SUM`.
   */
  accurateSum(x: string): string;
  /** True when `accurateSum` does not depend on the order of the terms (the standard deviation is then two-pass). */
  readonly exactSums: boolean;
}

/** `"…"` with `"` doubled: SQL's delimited identifier. */
function doubleQuoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `'…'` with `'` doubled: SQL's string literal where a backslash is an ordinary character. */
function standardText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

const BACKSLASH_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', "'": "\\'", '`': '\\`', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `q…q` where a backslash starts an escape: backslash, quotes and line breaks escaped. */
function backslashQuoted(value: string, quote: "'" | '`'): string {
  return `${quote}${value.replace(/[\\'`\n\r\t]/g, (c) => BACKSLASH_ESCAPES[c]!)}${quote}`;
}

function checkName(name: string): string {
  if (name.length === 0 || name.includes('\0')) throw new DivergenceError('usage', `a table or column name must be non-empty and hold no NUL character`);
  return name;
}

/** Σ x in the dialect's own order and precision: the limit of the dialects without a better sum. */
const plainSum = (x: string): string => `SUM(${x})`;

function dialect(name: DialectName, ident: (n: string) => string, text: (v: string) => string, types: Dialect['types'], accurateSum = plainSum): Dialect {
  return { name, ident: (n) => ident(checkName(n)), text, types, accurateSum, exactSums: accurateSum !== plainSum };
}

/**
 * DuckDB's `fsum`, "a more accurate floating point summation (Kahan Sum)"
 * (https://duckdb.org/docs/stable/sql/functions/aggregates#fsumarg): compensated, so that the order in which
 * the threads add changes the result by about one rounding, not by one per term. SQRT:
 * https://duckdb.org/docs/stable/sql/functions/numeric#sqrtx.
 */
const duckDbSum = (x: string): string => `fsum(${x})`;

/**
 * PostgreSQL sums NUMERIC exactly (https://www.postgresql.org/docs/current/datatype-numeric.html: "exact
 * … calculations"; SUM of numeric returns numeric, https://www.postgresql.org/docs/current/functions-aggregate.html).
 * A double goes to NUMERIC through its text, the shortest text that reads back as the same double (float
 * output since PostgreSQL 12 with extra_float_digits = 1, the default:
 * https://www.postgresql.org/docs/current/datatype-numeric.html#DATATYPE-FLOAT): a plain CAST(x AS NUMERIC)
 * keeps only 15 significant digits (0.1 + 0.2 becomes 0.3 on PostgreSQL 15). The exact sum is cast back to a
 * double once; SQRT: https://www.postgresql.org/docs/current/functions-math.html.
 */
const postgresSum = (x: string): string => `CAST(SUM(CAST(CAST(${x} AS TEXT) AS NUMERIC)) AS DOUBLE PRECISION)`;

/**
 * Quoting and types per dialect, from each one's documentation:
 * - DuckDB: identifiers https://duckdb.org/docs/stable/sql/dialect/keywords_and_identifiers, strings
 *   https://duckdb.org/docs/stable/sql/data_types/literal_types, aggregates
 *   https://duckdb.org/docs/stable/sql/functions/aggregates, windows
 *   https://duckdb.org/docs/stable/sql/functions/window_functions.
 * - PostgreSQL: https://www.postgresql.org/docs/current/sql-syntax-lexical.html (identifiers, strings with
 *   standard_conforming_strings on), https://www.postgresql.org/docs/current/functions-aggregate.html,
 *   https://www.postgresql.org/docs/current/functions-window.html.
 * - Spark SQL: https://spark.apache.org/docs/latest/sql-ref-identifier.html (backticks, `` doubled),
 *   https://spark.apache.org/docs/latest/sql-ref-literals.html (backslash escapes in strings),
 *   https://spark.apache.org/docs/latest/sql-ref-functions-builtin.html#aggregate-functions,
 *   https://spark.apache.org/docs/latest/sql-ref-syntax-qry-select-window.html.
 * - BigQuery (GoogleSQL): https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical (quoted
 *   identifiers "have the same escape sequences as string literals"),
 *   https://cloud.google.com/bigquery/docs/reference/standard-sql/aggregate_functions,
 *   https://cloud.google.com/bigquery/docs/reference/standard-sql/statistical_aggregate_functions#stddev_pop,
 *   https://cloud.google.com/bigquery/docs/reference/standard-sql/navigation_functions#lead.
 * - Snowflake: https://docs.snowflake.com/en/sql-reference/identifiers-syntax,
 *   https://docs.snowflake.com/en/sql-reference/data-types-text#escape-sequences-in-single-quoted-string-constants,
 *   https://docs.snowflake.com/en/sql-reference/functions/stddev_pop,
 *   https://docs.snowflake.com/en/sql-reference/functions/lead.
 * Spark, BigQuery, Snowflake and Trino sum doubles with `SUM` in their own order: their exact types (Spark's and
 * Trino's DECIMAL(38, s), Snowflake's NUMBER(38, s), BigQuery's BIGNUMERIC with 38 digits after the point) have a
 * fixed scale that loses the small terms of a sum of doubles, so the standard deviation and W1 stay plain sums
 * there (docs/engines.md, "Limits").
 * - Trino: https://trino.io/docs/current/language/reserved.html (delimited identifiers),
 *   https://trino.io/docs/current/language/types.html#varchar (strings, '' for a quote),
 *   https://trino.io/docs/current/functions/aggregate.html, https://trino.io/docs/current/functions/window.html.
 */
export const DIALECTS: Readonly<Record<DialectName, Dialect>> = {
  duckdb: dialect('duckdb', doubleQuoted, standardText, { double: 'DOUBLE', bigint: 'BIGINT', string: 'VARCHAR' }, duckDbSum),
  postgres: dialect('postgres', doubleQuoted, standardText, { double: 'DOUBLE PRECISION', bigint: 'BIGINT', string: 'TEXT' }, postgresSum),
  spark: dialect('spark', (n) => `\`${n.replaceAll('`', '``')}\``, (v) => backslashQuoted(v, "'"), { double: 'DOUBLE', bigint: 'BIGINT', string: 'STRING' }),
  bigquery: dialect('bigquery', (n) => backslashQuoted(n, '`'), (v) => backslashQuoted(v, "'"), { double: 'FLOAT64', bigint: 'INT64', string: 'STRING' }),
  snowflake: dialect('snowflake', doubleQuoted, (v) => backslashQuoted(v, "'"), { double: 'DOUBLE', bigint: 'BIGINT', string: 'VARCHAR' }),
  trino: dialect('trino', doubleQuoted, standardText, { double: 'DOUBLE', bigint: 'BIGINT', string: 'VARCHAR' }),
};

/** The dialect called `name`. @throws DivergenceError `usage` for an unknown one. */
export function dialectNamed(name: string): Dialect {
  if ((DIALECT_NAMES as readonly string[]).includes(name)) return DIALECTS[name as DialectName];
  throw new DivergenceError('usage', `unknown SQL dialect '${name}'; known: ${DIALECT_NAMES.join(', ')}`);
}

/** A finite double as `CAST('…' AS DOUBLE)`: the shortest text that reads back as the same double. */
export function doubleLiteral(d: Dialect, x: number): string {
  if (!Number.isFinite(x)) throw new DivergenceError('invalid-value', `${x} cannot be written into a statement: only finite numbers`);
  return `CAST('${String(x)}' AS ${d.types.double})`;
}

