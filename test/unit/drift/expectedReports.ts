/**
 * The drift report's expected values, computed with NumPy/SciPy by scripts/gen_drift_fixtures.py
 * (test/fixtures/drift/drift.json), and the check of a report against them.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BySide, DriftReport } from '../../../src/drift';

export const root = join(__dirname, '..', '..', '..');

export interface ExpectedColumn {
  column: string;
  type: string;
  test: string;
  score: number;
  threshold: number;
  drifted: boolean;
  missing: { reference: number; current: number };
  distinct: number;
  bins: { rule: string; count: number };
  filled_bins: number;
  measures: Record<string, number>;
}
export interface ExpectedReport {
  name: string;
  rows: { reference: number; current: number };
  columns: ExpectedColumn[];
  drifted_columns: number;
  columns_tested: number;
  share_drifted: number;
  dataset_drift: boolean;
}
export interface FileCase extends ExpectedReport {
  file: string;
  split: string;
}
export interface GeneratedCase extends ExpectedReport {
  reference_records: unknown[];
  current_records: unknown[];
  only_in_reference: string[];
  only_in_current: string[];
}

export const fixtures = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'drift', 'drift.json'), 'utf8')) as {
  files: FileCase[];
  generated: GeneratedCase[];
};

/**
 * Tolerance, relative to the SciPy/NumPy value: 1e-12 for every score; a score of 0 must be 0. The
 * KS p-values come from the same exact lattice-path recursion as SciPy's; chi-square p-values carry the
 * chiSquareSf error (≤ 4e-13 at statistics near 1000); Wasserstein and the binned sums differ only in
 * summation order.
 */
const REL = 1e-12;

function checkClose(what: string, actual: number, expected: number): void {
  const delta = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(delta <= REL, `${what}: expected ${expected}, got ${actual}, relative delta ${delta} > ${REL}`);
}

/** Checks a report of every measure (`allMeasures`) and its rows against the SciPy values of `c`. */
export function checkReport(c: ExpectedReport, rows: BySide, report: DriftReport): void {
  assert.deepEqual(rows, c.rows, `${c.name}: rows`);
  assert.deepEqual(
    report.columns.map((col) => col.column),
    c.columns.map((col) => col.column),
    `${c.name}: columns`,
  );
  report.columns.forEach((actual, i) => {
    const e = c.columns[i]!;
    const what = `${c.name}, column ${e.column}`;
    assert.equal(actual.type, e.type, `${what}: type`);
    assert.equal(actual.test, e.test, `${what}: test`);
    checkClose(`${what}: ${e.test} score`, actual.score, e.score);
    assert.equal(actual.threshold, e.threshold, `${what}: threshold`);
    assert.equal(actual.drifted, e.drifted, `${what}: drifted`);
    assert.deepEqual(actual.missing, e.missing, `${what}: missing`);
    assert.equal(actual.distinct, e.distinct, `${what}: distinct`);
    assert.deepEqual(actual.bins, e.bins, `${what}: bins`);
    assert.equal(actual.filled_bins ?? 0, e.filled_bins, `${what}: filled bins`);
    assert.deepEqual(Object.keys(actual.measures!).sort(), Object.keys(e.measures).sort(), `${what}: applicable measures`);
    for (const [name, value] of Object.entries(e.measures)) checkClose(`${what}: ${name}`, actual.measures![name as keyof typeof actual.measures]!, value);
  });
  assert.equal(report.drifted_columns, c.drifted_columns, `${c.name}: drifted columns`);
  assert.equal(report.columns_tested, c.columns_tested, `${c.name}: columns tested`);
  assert.equal(report.share_drifted, c.share_drifted, `${c.name}: share drifted`);
  assert.equal(report.dataset_drift, c.dataset_drift, `${c.name}: dataset drift`);
  assert.equal(report.drift_share, 0.5);
}

