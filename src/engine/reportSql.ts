/**
 * The first statement of `divergence sql drift` for a report the editor shows (the Drift view's Copy SQL
 * for…): the report's columns with their types, the two tables as placeholders the user replaces, and, as
 * SQL comments, what to run next. A name reaches a comment only as JSON text (a line break in it is `\n`),
 * so no name can end a comment; in the statement it is quoted by the dialect.
 */
import { DIALECTS, type DialectName } from './dialects';
import { pass1Sql, type DriftColumnSpec } from './driftSql';

/** The placeholders of the two tables, as the statement names them (quoted per dialect). */
export const TABLE_PLACEHOLDERS = { reference: 'reference_table', current: 'current_table' } as const;

/** The columns of a report and the files it compared, as the Drift view has them. */
export interface ReportColumns {
  readonly columns: readonly { readonly column: string; readonly type: 'numerical' | 'categorical' }[];
  readonly reference: string;
  readonly current: string;
}

/** The statement (with its `;`) and the comment lines before it. */
export function reportPass1Sql(dialect: DialectName, report: ReportColumns): string {
  const columns: DriftColumnSpec[] = report.columns.map((c) => ({ name: c.column, type: c.type }));
  const src = { reference: { kind: 'table', parts: [TABLE_PLACEHOLDERS.reference] }, current: { kind: 'table', parts: [TABLE_PLACEHOLDERS.current] } } as const;
  const names = JSON.stringify(columns.map((c) => c.name).join(','));
  const categorical = columns.filter((c) => c.type === 'categorical').map((c) => c.name);
  const command = `divergence sql drift --dialect ${dialect} --ref ${TABLE_PLACEHOLDERS.reference} --cur ${TABLE_PLACEHOLDERS.current} --columns ${names}${categorical.length > 0 ? ` --categorical ${JSON.stringify(categorical.join(','))}` : ''}`;
  return [
    `-- Drift report of ${JSON.stringify(report.reference)} (reference) and ${JSON.stringify(report.current)} (current), pass 1 of 2, ${dialect}.`,
    `-- Replace ${TABLE_PLACEHOLDERS.reference} and ${TABLE_PLACEHOLDERS.current} with your tables (or SELECTs), run this, save its rows as ROWS1 (CSV with a header or JSON).`,
    `-- Pass 2: ${command} --pass1 ROWS1`,
    '-- then run that, save its rows as ROWS2, and: divergence drift --aggregates ROWS1,ROWS2 (docs/engines.md)',
    `${pass1Sql(DIALECTS[dialect], src, columns)};`,
    '',
  ].join('\n');
}
