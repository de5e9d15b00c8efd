/**
 * The Drift view's pure parts: the texts of its summary, thresholds, notes and cells (shared with the saved
 * HTML), the sort of its table by every field, and the guards of its messages.
 */
import { strict as assert } from 'node:assert';
import {
  DRIFT_FIELDS,
  driftNotes,
  driftSummary,
  isDriftReportView,
  sideText,
  sortDriftColumns,
  thresholdsText,
  type DriftColumnView,
  type DriftReportView,
} from '../../../src/shared/driftView';
import { isHostToWebviewMessage, isWebviewState, isWebviewToHostMessage, toWire, fromWire } from '../../../src/shared/protocol';

const column = (name: string, over: Partial<DriftColumnView>): DriftColumnView => ({
  column: name,
  type: 'numerical',
  test: 'ks',
  score: 0.5,
  threshold: 0.05,
  drifted: false,
  missing: { reference: 0, current: 0 },
  rows: { reference: 10, current: 12 },
  distinct: 8,
  ...over,
});

const COLUMNS = [
  column('wind', { score: 0.2 }),
  column('temp', { score: 0.0003, drifted: true, missing: { reference: 2, current: 1 } }),
  column('weather', { type: 'categorical', test: 'chisquare', score: 3e-109, drifted: true, filled_bins: 3 }),
  column('rain', { test: 'wasserstein-normed', score: Infinity, threshold: 0.1, drifted: true, rows: { reference: 9, current: 12 } }),
];

const chart = (name: string) => ({ column: name, n: { reference: 1, current: 1 }, bins: { rule: 'values' as const, values: ['a'], reference: [1], current: [1] } });

const VIEW: DriftReportView = {
  report: {
    reference: { path: 'seattle-weather.csv', rows: 10 },
    current: { path: 'seattle-weather.csv', rows: 12 },
    split: 'date=2012+2013,2015',
    columns: COLUMNS,
    only_in_reference: ['station'],
    only_in_current: [],
    empty_columns: ['snow'],
    drifted_columns: 3,
    columns_tested: 4,
    share_drifted: 0.75,
    drift_share: 0.5,
    dataset_drift: true,
  },
  test: 'auto',
  skipped: ['when (TIMESTAMP)'],
  charts: COLUMNS.map((c) => chart(c.column)),
};

describe('the Drift view: texts', () => {
  it('the summary: n of m columns drifted, the share against the drift share, the verdict', () => {
    assert.equal(driftSummary(VIEW.report), '3 of 4 columns drifted (share 0.75 ≥ 0.5): dataset drift');
    assert.equal(driftSummary({ ...VIEW.report, drifted_columns: 1, share_drifted: 0.25, dataset_drift: false }), '1 of 4 columns drifted (share 0.25 < 0.5): no dataset drift');
  });

  it('the thresholds used, each with its comparison, and how the tests were chosen', () => {
    assert.equal(
      thresholdsText(VIEW),
      'default test per column; drifted when ks: p ≤ 0.05; chisquare: p < 0.05; wasserstein-normed: score ≥ 0.1; the dataset drifts when at least 0.5 of the columns drift',
    );
    assert.match(thresholdsText({ ...VIEW, test: 'psi' }), /^test psi for every column; /);
  });

  it('the notes: one side only, no values, skipped columns, filled bins', () => {
    assert.deepEqual(driftNotes(VIEW), [
      'Only in the reference (not compared): station.',
      'No values on one side (not compared): snow.',
      'Not numbers or text (not compared): when (TIMESTAMP).',
      'Empty bins filled for PSI/KL (the smallest non-zero fraction / 10⁶ when that is ≤ 10⁻⁴, else 10⁻⁴): weather (3).',
    ]);
  });

  it('each side, with the split written out', () => {
    assert.equal(sideText(VIEW.report, 'reference'), 'seattle-weather.csv where date = 2012 or 2013 (10 rows)');
    assert.equal(sideText(VIEW.report, 'current'), 'seattle-weather.csv where date = 2015 (12 rows)');
    const { split: _split, ...files } = VIEW.report;
    assert.equal(sideText({ ...files, current: { path: 'b.csv', rows: 3 } }, 'current'), 'b.csv (3 rows)');
  });

  it("a row's cells: drifted in words (the view adds the icon), the threshold with its comparison", () => {
    assert.deepEqual(DRIFT_FIELDS.map((f) => f.text(COLUMNS[1]!)), ['temp', 'numerical', 'ks', '0.0003', '≤ 0.05', 'Drifted', '2 / 1', '10 / 12']);
    assert.deepEqual(DRIFT_FIELDS.map((f) => f.text(COLUMNS[3]!)).slice(3, 6), ['∞', '≥ 0.1', 'Drifted']);
    assert.equal(DRIFT_FIELDS.find((f) => f.key === 'drifted')!.text(COLUMNS[0]!), 'No drift');
  });
});

describe('the Drift view: sorting by every field', () => {
  const order = (key: (typeof DRIFT_FIELDS)[number]['key'], descending = false) => sortDriftColumns(COLUMNS, key, descending).map((c) => c.column);
  it('text fields alphabetically, numbers numerically (∞ last), ties in the report\'s order', () => {
    assert.deepEqual(order('column'), ['rain', 'temp', 'weather', 'wind']);
    assert.deepEqual(order('type'), ['weather', 'wind', 'temp', 'rain']);
    assert.deepEqual(order('test'), ['weather', 'wind', 'temp', 'rain']);
    assert.deepEqual(order('score'), ['weather', 'temp', 'wind', 'rain']);
    assert.deepEqual(order('threshold'), ['wind', 'temp', 'weather', 'rain']);
    assert.deepEqual(order('drifted'), ['wind', 'temp', 'weather', 'rain']);
    assert.deepEqual(order('missing'), ['wind', 'weather', 'rain', 'temp']);
    assert.deepEqual(order('rows'), ['rain', 'wind', 'temp', 'weather']);
  });
  it('descending reverses the order, ties still in the report\'s order', () => {
    assert.deepEqual(order('score', true), ['rain', 'wind', 'temp', 'weather']);
    assert.deepEqual(order('drifted', true), ['temp', 'weather', 'rain', 'wind']);
  });
  it('leaves the report as it was', () => {
    sortDriftColumns(COLUMNS, 'score', true);
    assert.deepEqual(COLUMNS.map((c) => c.column), ['wind', 'temp', 'weather', 'rain']);
  });
});

describe('the Drift view: messages and state are checked', () => {
  it('a report crosses in wire form (Infinity kept) and is accepted; a malformed one is not', () => {
    const message = fromWire(JSON.parse(JSON.stringify(toWire({ type: 'showDrift', drift: VIEW }))));
    assert.ok(isHostToWebviewMessage(message));
    assert.equal((message as { drift: DriftReportView }).drift.report.columns[3]!.score, Infinity);
    assert.ok(isWebviewToHostMessage({ type: 'saveDriftReport', drift: VIEW }));
    assert.ok(!isWebviewToHostMessage({ type: 'saveDriftReport' }));
    assert.ok(isWebviewToHostMessage({ type: 'copyDriftSql', drift: VIEW }), 'Copy SQL for… sends the report');
    assert.ok(!isWebviewToHostMessage({ type: 'copyDriftSql' }));
    assert.ok(!isWebviewToHostMessage({ type: 'copyDriftSql', drift: { ...VIEW, charts: VIEW.charts.slice(1) } }));
    assert.ok(!isDriftReportView({ ...VIEW, charts: VIEW.charts.slice(1) }));
    assert.ok(!isDriftReportView({ ...VIEW, report: { ...VIEW.report, columns: [{ ...COLUMNS[0], score: '0.5' }] } }));
    const sturges = { column: 'x', n: { reference: 1, current: 1 }, bins: { rule: 'sturges', edges: [0, 1], reference: [1, 0], current: [1, 0] } };
    assert.ok(!isDriftReportView({ ...VIEW, charts: [sturges, ...VIEW.charts.slice(1)] }), 'edges must be one more than the bins');
  });
  it('the saved state keeps the report, the sort and the selected column', () => {
    assert.ok(isWebviewState({ view: 'drift', drift: VIEW, driftSort: { key: 'score', descending: true }, driftColumn: 'temp' }));
    assert.ok(!isWebviewState({ driftSort: { key: 'colour', descending: true } }));
  });
});
