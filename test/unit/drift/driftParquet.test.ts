import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesReader } from '../../../src/data/table';
import { driftReport, driftReportOfFiles, driftReportOfSplitFile, parseSplit, readDriftTable, splitTable, type DriftFile } from '../../../src/drift';
import { checkReport, fixtures, root } from './expectedReports';

const dir = join(root, 'test', 'fixtures', 'drift');
const fixture = (name: string): DriftFile => ({ name, reader: bytesReader(new Uint8Array(readFileSync(join(dir, name)))) });
const slug = (name: string) => name.replaceAll(' ', '-');

/**
 * The dataset pairs as Parquet (and penguins as Arrow), written by DuckDB from the files the SciPy values were
 * computed from (scripts/gen_drift_parquet.mjs): the same tests, scores (1e-12 relative), verdicts and missing
 * counts, both through the column-at-a-time reader and through readDriftTable.
 */
describe('Parquet and Arrow dataset pairs against NumPy/SciPy (test/fixtures/drift)', () => {
  for (const c of fixtures.files) {
    const parquet = c.file.replace(/^examples\//, '').replace(/\.(csv|json)$/, '.parquet');
    it(`${c.name}: ${parquet}, one column a pass`, async () => {
      const out = await driftReportOfSplitFile(fixture(parquet), parseSplit(c.split), { allMeasures: true, columnsPerPass: 1 });
      checkReport(c, out.rows, out.report);
      assert.deepEqual(out.skipped, []);
      const whole = splitTable((await readDriftTable(parquet, readFileSync(join(dir, parquet)))).table, parseSplit(c.split));
      assert.deepEqual(driftReport(whole.reference, whole.current, { allMeasures: true }), out.report);
    });
  }

  for (const c of fixtures.generated) {
    it(`generated: ${c.name}, a reference and a current Parquet file`, async () => {
      const out = await driftReportOfFiles(fixture(`${slug(c.name)}.reference.parquet`), fixture(`${slug(c.name)}.current.parquet`), { allMeasures: true, columnsPerPass: 2 });
      checkReport(c, out.rows, out.report);
      assert.deepEqual(out.report.only_in_reference, c.only_in_reference);
      assert.deepEqual(out.report.only_in_current, c.only_in_current);
    });
  }

  it('names the columns no drift test applies to (nested, in both files) once, and compares the others', async () => {
    const nested = (): DriftFile => ({ name: 'nested.parquet', reader: bytesReader(new Uint8Array(readFileSync(join(root, 'test', 'fixtures', 'tables', 'nested.parquet')))) });
    const out = await driftReportOfFiles(nested(), nested());
    assert.deepEqual(out.skipped, [
      { name: 'list', type: 'LIST' },
      { name: 'rec', type: 'group' },
    ]);
    assert.deepEqual(
      out.report.columns.map((c) => [c.column, c.test, c.score]),
      [['x', 'z', 1]],
    );
  });

  it('penguins as Arrow IPC, split by island', async () => {
    for (const c of fixtures.files.filter((f) => f.file.endsWith('penguins.json'))) {
      const out = await driftReportOfSplitFile(fixture('penguins.arrow'), parseSplit(c.split), { allMeasures: true });
      checkReport(c, out.rows, out.report);
    }
  });
});
