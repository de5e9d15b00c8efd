import { strict as assert } from 'node:assert';
import { driftReport, presentValues, type DriftOptions, type DriftTable } from '../../../src/drift';
import { binCounts } from '../../../src/drift/binning';
import { openDuckDb, duckDbSource } from '../../../src/engine/duckdbEngine';
import { driftOnEngine, type EngineDrift } from '../../../src/engine/engine';
import { driftCases, sameReport, tempFolder, writeParquet } from './engineFixtures';

/** The Sturges and value counts the engine returned equal the in-memory bins of every binned column. */
function sameBins(name: string, run: EngineDrift, reference: DriftTable, current: DriftTable): void {
  for (const { pass1, pass2 } of run.aggregates.columns) {
    if (pass1.type !== 'numerical' || !pass2?.bins) continue;
    const ref = reference.columns.find((c) => c.name === pass1.column)!;
    const cur = current.columns.find((c) => c.name === pass1.column)!;
    const expected = binCounts(presentValues(ref), presentValues(cur));
    assert.equal(expected.rule, 'sturges');
    assert.deepEqual([...pass2.bins.reference], [...expected.reference], `${name}, ${pass1.column}: reference bins`);
    assert.deepEqual([...pass2.bins.current], [...expected.current], `${name}, ${pass1.column}: current bins`);
  }
}

describe('drift report through DuckDB = the in-memory report (drift fixtures as Parquet)', function () {
  this.timeout(60000);
  const dir = tempFolder('divergence-engine-');

  const optionSets: [string, DriftOptions][] = [
    ['defaults', {}],
    ['all measures', { allMeasures: true }],
    ['psi everywhere', { test: 'psi', threshold: 0.2 }],
  ];
  driftCases().forEach((c, k) => {
    for (const [label, options] of optionSets) {
      it(`${c.name} (${label})`, async () => {
        const refPath = dir.path(`ref${k}.parquet`);
        const curPath = dir.path(`cur${k}.parquet`);
        await writeParquet(c.reference, refPath);
        await writeParquet(c.current, curPath);
        const engine = await openDuckDb();
        try {
          const run = await driftOnEngine(engine, { reference: duckDbSource(refPath, 'r').ref, current: duckDbSource(curPath, 'c').ref }, options);
          sameReport(c.name, run.report, driftReport(c.reference, c.current, options));
          sameBins(c.name, run, c.reference, c.current);
          assert.equal(run.referenceRows, c.reference.rows);
          assert.equal(run.currentRows, c.current.rows);
        } finally {
          await engine.close();
        }
      });
    }
  });
});
