export { asCategorical, missingCount, presentValues, selectRows, type CategoricalColumn, type DriftColumn, type DriftTable, type NumericColumn } from './driftColumn';
export { csvTable, jsonRecordsTable, MISSING_TEXT } from './tableText';
export { parseSplit, splitTable, type TableSplit } from './splitTable';
export { DRIFT_TEST_ALIASES, DRIFT_TEST_NAMES, DRIFT_TESTS, defaultTest, type DriftTestName } from './driftTests';
export { driftReport, type BySide, type ColumnDrift, type DriftOptions, type DriftReport } from './driftReport';
export { DRIFT_TABLE_EXTENSIONS, readDriftTable, tableExtension, type DriftTableRead } from './readTable';
export { chartBins, driftColumnChart, ecdfPair, ecdfSteps, MAX_CHART_VALUES, MAX_ECDF_POINTS, type DriftColumnChart, type EcdfPair, type EcdfPoint, type HistogramBins, type ValueBins } from './driftCharts';
export { driftReportOfFiles, driftReportOfSplitFile, type DriftFilesOptions, type DriftFilesReport } from './driftFiles';
export { openColumnSource, type ColumnSource, type DriftFile, type ReadControl } from './tableSources';
