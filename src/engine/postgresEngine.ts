/**
 * PostgreSQL through the `pg` client: tables or SELECTs as sources, the server from a connection string or
 * libpq's PG* environment variables (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD), which `pg` reads.
 * Statements go over the extended query protocol, which the server refuses to run more than one statement
 * through (https://www.postgresql.org/docs/current/protocol-flow.html#PROTOCOL-FLOW-EXT-QUERY).
 */
import type { Client, QueryConfig, QueryResult } from 'pg';
import { DivergenceError } from '../core/errors';
import type { AggregateRow } from './aggregateRows';
import { DIALECTS } from './dialects';
import { engineError, type EngineColumn, type SqlEngine } from './engine';
import { fromItem, type TableRef } from './tableRef';

/**
 * Type OIDs of numbers: int8, int2, int4, float4, float8, numeric
 * (https://www.postgresql.org/docs/current/catalog-pg-type.html, src/include/catalog/pg_type.dat).
 */
const NUMERIC_OIDS: ReadonlySet<number> = new Set([20, 21, 23, 700, 701, 1700]);

/**
 * Type OIDs no drift test applies to, with their names, left out as the in-memory Parquet reader leaves
 * such columns out: bytea, date, time, timestamp, timestamptz, interval, timetz (same catalog).
 */
const UNSUPPORTED_OIDS: ReadonlyMap<number, string> = new Map([
  [17, 'bytea'],
  [1082, 'date'],
  [1083, 'time'],
  [1114, 'timestamp'],
  [1184, 'timestamptz'],
  [1186, 'interval'],
  [1266, 'timetz'],
]);

class PostgresEngine implements SqlEngine {
  readonly dialect = DIALECTS.postgres;

  constructor(private readonly client: Client) {}

  /** One statement over the extended protocol (`queryMode` is pg's option, not in its type definitions). */
  private async run(sql: string): Promise<QueryResult<AggregateRow>> {
    try {
      return await this.client.query<AggregateRow>({ text: sql, queryMode: 'extended' } as QueryConfig);
    } catch (e) {
      throw engineError('postgres', e);
    }
  }

  async query(sql: string): Promise<AggregateRow[]> {
    return (await this.run(sql)).rows;
  }

  async columns(ref: TableRef): Promise<EngineColumn[]> {
    const result = await this.run(`SELECT * FROM ${fromItem(this.dialect, ref)} LIMIT 0`);
    return result.fields.map((f) => {
      const unsupported = UNSUPPORTED_OIDS.get(f.dataTypeID);
      return { name: f.name, numeric: NUMERIC_OIDS.has(f.dataTypeID), ...(unsupported !== undefined ? { unsupported } : {}) };
    });
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** A connected engine (`connection`: a postgres:// URL; default: the PG* environment variables). */
export async function openPostgres(connection?: string): Promise<SqlEngine> {
  const pg = await import('pg');
  const client = new pg.default.Client(connection === undefined ? {} : { connectionString: connection });
  try {
    await client.connect();
  } catch (e) {
    throw new DivergenceError('file-not-found', `--engine postgres: cannot connect (${e instanceof Error ? e.message : String(e)}); give --connection postgres://USER@HOST:PORT/DB or set PGHOST, PGPORT, PGUSER, PGDATABASE`);
  }
  return new PostgresEngine(client);
}
