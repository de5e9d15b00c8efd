import { driftColumnChart, driftReport, type DriftTable } from '../drift';
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

/**
 * The Drift view of two tables: the report by the settings (in the layout of `divergence drift --json`, key
 * order included) and each reported column's chart from the same columns.
 */
export function buildDriftView(tables: DriftTables, sides: DriftSides, settings: DriftSettings): DriftReportView {
  const report = driftReport(tables.reference, tables.current, {
    test: settings.test,
    threshold: settings.threshold,
    driftShare: settings.driftShare,
    allMeasures: settings.allMeasures,
  });
  const json: DriftReportJson = {
    reference: { path: sides.reference, rows: tables.reference.rows },
    current: { path: sides.current, rows: tables.current.rows },
    ...(sides.split === undefined ? {} : { split: sides.split }),
    ...report,
    columns: report.columns as DriftReportJson['columns'],
  };
  const byName = (t: DriftTable) => new Map(t.columns.map((c) => [c.name, c]));
  const ref = byName(tables.reference);
  const cur = byName(tables.current);
  return {
    report: json,
    test: settings.test,
    ...(settings.threshold === undefined ? {} : { threshold: settings.threshold }),
    skipped: tables.skipped,
    charts: report.columns.map((c) => driftColumnChart(ref.get(c.column)!, cur.get(c.column)!, c)),
  };
}
