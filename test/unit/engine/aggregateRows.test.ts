import { strict as assert } from 'node:assert';
import { driftReportFromAggregates, planColumn, type ColumnPass1 } from '../../../src/drift';
import { parseAggregateText, readAggregateRows } from '../../../src/engine/aggregateRows';
import { AMOUNT_PASS1 } from './engineFixtures';

const summary = (side: string, rows: number, present: number, extra = '') => `summary,x,${side},,,,${rows},${present},${extra}`;

describe('aggregate rows: reading what a warehouse exports', () => {
  it('reads CSV with a header in any case, empty cells as NULL, counts as text', () => {
    const csv = [
      'STAT,COL,SIDE,BIN,NUM_KEY,TEXT_KEY,N_ROWS,N_PRESENT,N_DISTINCT,CNT,MIN_VALUE,MAX_VALUE,STD_VALUE,KS,WASSERSTEIN',
      `${summary('reference', 5, 4, '3,,1,3,0.5,,')}`,
      `${summary('current', 4, 4, '2,,1,2,0.25,,')}`,
      'pooled,x,,,,,,,3,,,,,,',
      'value,x,reference,,1,,,,,2,,,,,',
      'value,x,reference,,3,,,,,1,,,,,',
      'value,x,reference,,2,,,,,1,,,,,',
      'value,x,current,,1,,,,,2,,,,,',
      'value,x,current,,2,,,,,2,,,,,',
    ].join('\r\n');
    const { pass1, pass2 } = readAggregateRows(parseAggregateText(csv, 'csv'));
    assert.deepEqual(pass1, [
      {
        column: 'x',
        type: 'numerical',
        reference: { rows: 5, present: 4, distinct: 3, min: 1, max: 3, std: 0.5 },
        current: { rows: 4, present: 4, distinct: 2, min: 1, max: 2, std: 0.25 },
        distinct: 3,
      },
    ]);
    assert.deepEqual([...pass2.get('x')!.values!.reference], [[1, 2], [3, 1], [2, 1]]);
    const report = driftReportFromAggregates({ columns: [{ pass1: pass1[0]!, pass2: pass2.get('x') }], onlyInReference: [], onlyInCurrent: [] }, { test: 'chisquare' });
    assert.deepEqual(report.columns[0]!.missing, { reference: 1, current: 0 });
    assert.equal(report.columns[0]!.distinct, 3);
  });

  it('reads JSON arrays and JSON lines, BigQuery-style integer strings too', () => {
    const row = { stat: 'summary', col: 'c', side: 'reference', n_rows: '3', n_present: '3' };
    assert.deepEqual(parseAggregateText(JSON.stringify([row]), 'json'), [row]);
    assert.deepEqual(parseAggregateText(`${JSON.stringify(row)}\n\n${JSON.stringify(row)}\n`, 'json'), [row, row]);
    assert.throws(() => parseAggregateText('{"stat": ', 'json'), /not JSON records/);
  });

  it('says what is wrong with a row', () => {
    assert.throws(() => readAggregateRows([{ stat: 'summary', col: 'x', side: 'left', n_rows: 1, n_present: 1 }]), /side is 'left'/);
    assert.throws(() => readAggregateRows([{ stat: 'mean', col: 'x' }]), /stat is 'mean'/);
    assert.throws(() => readAggregateRows([{ stat: 'summary', col: 'x', side: 'reference', n_rows: 'many', n_present: 1 }]), /n_rows is 'many', not a number/);
    assert.throws(() => readAggregateRows([{ stat: 'summary', col: 'x', side: 'reference', n_rows: 2, n_present: 1 }]), /lack the pass-1 summary of a side/);
  });

  it('refuses a report whose pass 2 lacks what a measure needs', () => {
    const p1: ColumnPass1 = { ...AMOUNT_PASS1, column: 'x', reference: { ...AMOUNT_PASS1.reference, rows: 2000, present: 2000, distinct: 100 }, distinct: 105 };
    assert.deepEqual(planColumn(p1, 2000, {}), { column: 'x', type: 'numerical', values: false, cdf: true });
    assert.equal(planColumn(p1, 2000, { test: 'psi' }).edges!.length, 13); // ⌈log2(2010) + 1⌉ = 12 bins
    assert.throws(() => driftReportFromAggregates({ columns: [{ pass1: p1, pass2: {} }], onlyInReference: [], onlyInCurrent: [] }), /lack the Wasserstein distance/);
    assert.throws(() => planColumn(p1, 2000, { test: 'z' }), /z does not apply to it/);
  });
});
