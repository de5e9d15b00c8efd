/**
 * Copy SQL for… of the Drift view: a dialect pick, then the first statement of `divergence sql drift` for the
 * report's files and columns on the clipboard, with the tables as placeholders, which a notification names.
 */
import * as vscode from 'vscode';
import { DIALECT_NAMES, type DialectName } from '../../engine/dialects';
import { reportPass1Sql, TABLE_PLACEHOLDERS } from '../../engine/reportSql';
import type { DriftReportView } from '../../shared/driftView';

const DIALECT_LABELS: Readonly<Record<DialectName, string>> = {
  duckdb: 'DuckDB',
  postgres: 'PostgreSQL',
  spark: 'Spark SQL',
  bigquery: 'BigQuery',
  snowflake: 'Snowflake',
  trino: 'Trino',
};

/** Asks for a dialect and copies the statement; nothing when the pick is dismissed. */
export async function copyDriftSql(view: DriftReportView): Promise<void> {
  const picked = await vscode.window.showQuickPick(
    DIALECT_NAMES.map((name) => ({ label: DIALECT_LABELS[name], description: name, name })),
    { title: 'Copy SQL for…', placeHolder: 'The SQL dialect of the engine where the tables are' },
  );
  if (!picked) return;
  const r = view.report;
  await vscode.env.clipboard.writeText(reportPass1Sql(picked.name, { columns: r.columns, reference: r.reference.path, current: r.current.path }));
  void vscode.window.showInformationMessage(
    `Divergence Lens: copied the drift report's first statement for ${picked.label}. Replace ${TABLE_PLACEHOLDERS.reference} and ${TABLE_PLACEHOLDERS.current} with your tables; the comments say how to finish the report.`,
  );
}
