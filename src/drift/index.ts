export { asCategorical, missingCount, presentValues, selectRows, type CategoricalColumn, type DriftColumn, type DriftTable, type NumericColumn } from './driftColumn';
export { csvTable, jsonRecordsTable, MISSING_TEXT } from './tableText';
export { parseSplit, splitTable, type TableSplit } from './splitTable';
export { DRIFT_TEST_ALIASES, DRIFT_TEST_NAMES, DRIFT_TESTS, defaultTest, type DriftTestName } from './driftTests';
export { driftReport, type BySide, type ColumnDrift, type DriftOptions, type DriftReport } from './driftReport';
export { DRIFT_TABLE_EXTENSIONS, readDriftTable, tableExtension, type DriftTableRead } from './readTable';
export { columnDriftFromAggregates, driftReportFromAggregates, isEmptyColumn, planColumn, type ColumnPass1, type ColumnPass2, type ColumnPlan, type DriftAggregates, type SideAggregates } from './fromAggregates';
