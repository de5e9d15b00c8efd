import { driftColumnChart, driftReport, type BySide, type DriftColumnChart, type DriftOptions, type DriftReport, type DriftTable } from '../drift';
import type { DriftReportJson, DriftReportView } from '../shared/driftView';
import type { DriftSettings } from './settingsModel';

/** The two tables of a comparison, and the columns of columnar files no test applies to ("name (type)"). */
export interface DriftTables {
  readonly reference: DriftTable;
  readonly current: DriftTable;
  readonly skipped: readonly string[];
}

/** The names the report gives its sides (the files' names), and the split as on the command line. */
export interface DriftSides {
  readonly reference: string;
  readonly current: string;
  readonly split?: string;
}

/** The report's options from the `divergenceLens.drift.*` settings. */
export function driftOptions(settings: DriftSettings): DriftOptions {
  return { test: settings.test, threshold: settings.threshold, driftShare: settings.driftShare, allMeasures: settings.allMeasures };
}

/**
 * The Drift view of a report: the report in the layout of `divergence drift --json` (key order included), how
 * it was asked for, and each reported column's chart (same order).
 */
export function driftViewOf(
  report: DriftReport,
  rows: BySide,
  sides: DriftSides,
  settings: DriftSettings,
  skipped: readonly string[],
  charts: readonly DriftColumnChart[],
): DriftReportView {
  const json: DriftReportJson = {
    reference: { path: sides.reference, rows: rows.reference },
    current: { path: sides.current, rows: rows.current },
    ...(sides.split === undefined ? {} : { split: sides.split }),
    ...report,
    columns: report.columns as DriftReportJson['columns'],
  };
  return {
    report: json,
    test: settings.test,
    ...(settings.threshold === undefined ? {} : { threshold: settings.threshold }),
    skipped,
    charts,
  };
}

/** The Drift view of two whole tables: the report by the settings and each reported column's chart from the same columns. */
export function buildDriftView(tables: DriftTables, sides: DriftSides, settings: DriftSettings): DriftReportView {
  const report = driftReport(tables.reference, tables.current, driftOptions(settings));
  const byName = (t: DriftTable) => new Map(t.columns.map((c) => [c.name, c]));
  const ref = byName(tables.reference);
  const cur = byName(tables.current);
  const charts = report.columns.map((c) => driftColumnChart(ref.get(c.column)!, cur.get(c.column)!, c));
  return driftViewOf(report, { reference: tables.reference.rows, current: tables.current.rows }, sides, settings, tables.skipped, charts);
}
