/**
 * What a drift query reads: a table by its (possibly qualified) name, a user's SELECT, or, for an engine that
 * reads files, a source it renders itself. A name is quoted part by part; a query is only ever wrapped as a
 * subquery `(…) AS src`, never spliced into the statement's own text.
 */
import type { Dialect } from './dialects';

export type TableRef =
  | { readonly kind: 'table'; readonly parts: readonly string[] }
  | { readonly kind: 'query'; readonly sql: string }
  /** A FROM item an engine wrote itself (DuckDB's `read_parquet('…')`): its text goes in as it is. */
  | { readonly kind: 'source'; readonly sql: string };

/**
 * A table reference as a user writes it: a SELECT (or WITH) query when it starts so, else a table name
 * whose dots separate catalog, schema and table (`sales.events`).
 */
export function parseTableRef(text: string): TableRef {
  const trimmed = text.trim();
  if (/^(\(|select\b|with\b)/i.test(trimmed)) return { kind: 'query', sql: trimmed.replace(/[\s;]+$/, '') };
  return { kind: 'table', parts: trimmed.split('.') };
}

/** The FROM item of a reference: a quoted name, or the query as a subquery. */
export function fromItem(d: Dialect, ref: TableRef): string {
  switch (ref.kind) {
    case 'table':
      return ref.parts.map((p) => d.ident(p)).join('.');
    case 'query':
      return `(\n${ref.sql}\n) AS src`;
    case 'source':
      return ref.sql;
  }
}

/** How a reference is named in messages and reports. */
export function describeRef(ref: TableRef): string {
  return ref.kind === 'table' ? ref.parts.join('.') : ref.sql;
}
