import { strict as assert } from 'node:assert';
import { isDivergenceError } from '../../../src/core/errors';
import { fillEmptyBins } from '../../../src/drift/binning';
import { ColumnSamples } from '../../../src/drift/driftTests';
import { csvTable, defaultTest, driftReport, DRIFT_TESTS, jsonRecordsTable, parseSplit, presentValues, splitTable } from '../../../src/drift';

const range = (n: number, f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));

function throwsCode(f: () => unknown, code: string, message: RegExp): void {
  assert.throws(f, (e: unknown) => isDivergenceError(e) && e.code === code && message.test(e.message));
}

describe('drift rules at their boundaries', () => {
  it('default test: 1000 reference rows and fewer take tests, 1001 take distances', () => {
    const many = new ColumnSamples('numerical', range(10, (i) => i), range(10, (i) => i + 1)); // 11 distinct
    const five = new ColumnSamples('numerical', range(10, (i) => i % 5), range(10, (i) => i % 3)); // 5 distinct
    const six = new ColumnSamples('numerical', range(10, (i) => i % 6), range(10, (i) => i % 3)); // 6 distinct
    const three = new ColumnSamples('categorical', ['a', 'b'], ['c']);
    const two = new ColumnSamples('numerical', range(4, (i) => i % 2), range(4, () => 1));
    assert.deepEqual(
      [many, six, five, three, two].map((s) => defaultTest(s, 1000)),
      ['ks', 'ks', 'chisquare', 'chisquare', 'z'],
    );
    assert.deepEqual(
      [many, six, five, three, two].map((s) => defaultTest(s, 1001)),
      ['wasserstein-normed', 'wasserstein-normed', 'js-distance', 'js-distance', 'js-distance'],
    );
  });

  it('verdicts: distances at ≥, KS at p ≤, chi-square and z at p <', () => {
    assert.equal(DRIFT_TESTS.psi.drifted(0.1, 0.1), true);
    assert.equal(DRIFT_TESTS['js-distance'].drifted(0.0999, 0.1), false);
    assert.equal(DRIFT_TESTS.ks.drifted(0.05, 0.05), true);
    assert.equal(DRIFT_TESTS.chisquare.drifted(0.05, 0.05), false);
    assert.equal(DRIFT_TESTS.z.drifted(0.05, 0.05), false);
    assert.equal(DRIFT_TESTS.z.drifted(0.0499, 0.05), true);
  });

  it('empty bins: the smallest non-zero fraction / 1e6 when it is ≤ 1e-4, else 1e-4', () => {
    assert.deepEqual(fillEmptyBins(Float64Array.of(0, 0.25, 0.75)), { fractions: Float64Array.of(1e-4, 0.25, 0.75), filled: 1, fill: 1e-4 });
    const tiny = fillEmptyBins(Float64Array.of(1e-4, 0, 1 - 1e-4));
    assert.deepEqual([...tiny.fractions], [1e-4, 1e-4 / 1e6, 1 - 1e-4]);
    assert.equal(tiny.filled, 1);
    assert.equal(fillEmptyBins(Float64Array.of(0.5, 0.5)).filled, 0);
  });

  it('the dataset drifts at a share equal to the drift share', () => {
    const table = (shift: number) => jsonRecordsTable(JSON.stringify([0, 1, 0, 1].map((v) => ({ a: v, b: 'x' })).concat([{ a: shift, b: 'x' }])));
    const r = driftReport(table(0), table(0), { test: 'tv', threshold: 0 });
    assert.equal(r.share_drifted, 1);
    const half = driftReport(table(0), table(1), { test: 'tv', threshold: 0.1, driftShare: 0.5, columns: ['a', 'b'] });
    assert.deepEqual([half.drifted_columns, half.columns_tested, half.share_drifted, half.dataset_drift], [1, 2, 0.5, true]);
    // TV of [3/5, 2/5] and [2/5, 3/5]: 0.5 * np.sum(np.abs([0.6 - 0.4, 0.4 - 0.6]))
    assert.equal(half.columns[0]!.score, 0.19999999999999996);
  });
});

describe('drift tables from text', () => {
  it('CSV: quotes, missing spellings, numeric and categorical columns', () => {
    const t = csvTable('a,b,c\n1,"x,y",\n2,NA,3\n" 3 ",z,inf\n\n');
    assert.equal(t.rows, 3);
    const [a, b, c] = t.columns;
    assert.equal(a!.kind, 'numeric');
    assert.deepEqual([...presentValues(a!)], [1, 2, 3]);
    assert.equal(b!.kind, 'categorical');
    assert.deepEqual(presentValues(b!), ['x,y', 'z']);
    assert.equal(c!.kind, 'numeric');
    assert.deepEqual([...c!.missing], [1, 0, 1]);
    throwsCode(() => csvTable('a,b\n1\n'), 'parse-error', /data row 1: 1 fields where the header has 2/);
    throwsCode(() => csvTable('a\n"1\n'), 'parse-error', /line 2: a quoted field opened here is never closed/);
  });

  it('JSON records: null and absent fields are missing, strings of digits are categories', () => {
    const t = jsonRecordsTable('[{"n": 1, "s": "1"}, {"n": null, "s": "2", "extra": true}]');
    assert.deepEqual(t.columns.map((c) => [c.name, c.kind, [...c.missing]]), [
      ['n', 'numeric', [0, 1]],
      ['s', 'categorical', [0, 0]],
      ['extra', 'categorical', [1, 0]],
    ]);
    throwsCode(() => jsonRecordsTable('{"a": 1}'), 'parse-error', /needs a JSON array of records/);
    throwsCode(() => jsonRecordsTable('[{"a": [1]}]'), 'parse-error', /record 0, field 'a': a list is not a cell/);
  });

  it('--split: years pick ISO dates, numbers compare as numbers, several values join with +', () => {
    const t = csvTable('date,year,v\n2012-01-01,2012,1\n2013-05-02,2013.0,2\n2015-07-03,2015,3\n');
    const byDate = splitTable(t, parseSplit('date=2012+2013,2015'));
    assert.deepEqual([byDate.reference.rows, byDate.current.rows], [2, 1]);
    assert.deepEqual(byDate.reference.columns.map((c) => c.name), ['year', 'v']);
    const byYear = splitTable(t, parseSplit('year=2013,2012'));
    assert.deepEqual([...presentValues(byYear.reference.columns[1]! as never)], [2]);
    throwsCode(() => parseSplit('year'), 'usage', /write COLUMN=REFERENCE,CURRENT/);
    throwsCode(() => splitTable(t, parseSplit('month=1,2')), 'usage', /no column 'month'; columns: date, year, v/);
  });
});
