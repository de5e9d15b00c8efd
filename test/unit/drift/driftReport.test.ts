import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvTable, driftReport, jsonRecordsTable, parseSplit, splitTable, type DriftTable } from '../../../src/drift';
import { checkReport, fixtures, root, type ExpectedReport } from './expectedReports';

function checkTables(c: ExpectedReport, reference: DriftTable, current: DriftTable): void {
  checkReport(c, { reference: reference.rows, current: current.rows }, driftReport(reference, current, { allMeasures: true }));
}

describe('driftReport against NumPy/SciPy (test/fixtures/drift, relative 1e-12)', () => {
  for (const c of fixtures.files) {
    it(c.name, () => {
      const text = readFileSync(join(root, c.file), 'utf8');
      const table = c.file.endsWith('.json') ? jsonRecordsTable(text) : csvTable(text);
      const { reference, current } = splitTable(table, parseSplit(c.split));
      checkTables(c, reference, current);
    });
  }
  for (const c of fixtures.generated) {
    it(`generated: ${c.name}`, () => {
      const reference = jsonRecordsTable(JSON.stringify(c.reference_records));
      const current = jsonRecordsTable(JSON.stringify(c.current_records));
      checkTables(c, reference, current);
      const report = driftReport(reference, current);
      assert.deepEqual(report.only_in_reference, c.only_in_reference);
      assert.deepEqual(report.only_in_current, c.only_in_current);
    });
  }
});
