/**
 * The Drift view's chart data. References: NumPy 2.4 `histogram_bin_edges(pooled, 'sturges')` and
 * `histogram` for the Sturges bins (values on edges included), SciPy 1.17 `ks_2samp(...).statistic_location`
 * for the KS gap; value counts by hand.
 */
import { strict as assert } from 'node:assert';
import { chartBins, driftColumnChart, ecdfPair, ecdfSteps, MAX_CHART_VALUES, type ColumnDrift, type DriftColumn } from '../../../src/drift';

const numeric = (name: string, values: number[], missing: number[] = []): DriftColumn => ({
  kind: 'numeric',
  name,
  values: Float64Array.from(values),
  missing: Uint8Array.from(values, (_, i) => (missing.includes(i) ? 1 : 0)),
});
const drift = (column: string, type: ColumnDrift['type'], test: ColumnDrift['test']) => ({ column, type, test });

describe('driftCharts: what the Drift view draws', () => {
  it("Sturges bins: NumPy's edges and counts, values on edges in the bin they open, the last bin closed", () => {
    // np.histogram_bin_edges(np.r_[0:25, [0, 0, 5, 10, 24, 24, 30]], 'sturges') -> 0, 5, …, 30
    const bins = chartBins(Float64Array.from({ length: 25 }, (_, i) => i), Float64Array.of(0, 0, 5, 10, 24, 24, 30));
    assert.deepEqual(bins, {
      rule: 'sturges',
      edges: [0, 5, 10, 15, 20, 25, 30],
      reference: [5, 5, 5, 5, 5, 0],
      current: [2, 1, 1, 0, 2, 1],
    });
  });

  it('20 or fewer distinct reference values: one bin per pooled value, numbers ascending', () => {
    assert.deepEqual(chartBins(Float64Array.of(3, 1, 1, 2), Float64Array.of(2, 4, 4)), {
      rule: 'values',
      values: ['1', '2', '3', '4'],
      reference: [2, 1, 1, 0],
      current: [0, 1, 0, 2],
    });
  });

  it('categories: one bar each, a category absent from one side counted 0 there', () => {
    assert.deepEqual(chartBins(['sun', 'rain', 'sun'], ['fog', 'sun']), {
      rule: 'values',
      values: ['fog', 'rain', 'sun'],
      reference: [0, 1, 2],
      current: [1, 0, 1],
    });
  });

  it(`more than ${MAX_CHART_VALUES} categories: the most frequent kept in order, the rest summed`, () => {
    const reference = Array.from({ length: 60 }, (_, i) => `c${String(i).padStart(2, '0')}`);
    const current = [...reference.slice(0, 50), ...reference.slice(0, 50)];
    const bins = chartBins(reference, current);
    assert.equal(bins.rule, 'values');
    if (bins.rule !== 'values') return;
    assert.deepEqual(bins.values, reference.slice(0, 50));
    assert.deepEqual(bins.reference, new Array(50).fill(1));
    assert.deepEqual(bins.current, new Array(50).fill(2));
    assert.deepEqual(bins.others, { values: 10, reference: 10, current: 0 });
  });

  it("ECDFs and the KS gap where SciPy's ks_2samp measures it", () => {
    // ks_2samp([1..7], [3..10]): statistic 0.375 at statistic_location 7 (F_ref = 1, F_cur = 5/8).
    const pair = ecdfPair(Float64Array.of(7, 6, 5, 4, 3, 2, 1), Float64Array.of(3, 4, 5, 6, 7, 8, 9, 10));
    assert.deepEqual(pair.gap, { at: 7, statistic: 0.375, reference: 1, current: 0.625 });
    assert.deepEqual(pair.reference.map((p) => p.x), [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(pair.current[0], { x: 3, y: 1 / 8 });
    assert.deepEqual(pair.current.at(-1), { x: 10, y: 1 });
  });

  it('ECDF steps: one per distinct value (ties make one step), thinned evenly with the ends kept', () => {
    assert.deepEqual(ecdfSteps(Float64Array.of(1, 1, 2, 3, 3)), [
      { x: 1, y: 0.4 },
      { x: 2, y: 0.6 },
      { x: 3, y: 1 },
    ]);
    const many = ecdfSteps(Float64Array.from({ length: 1000 }, (_, i) => i), 5);
    assert.deepEqual(many.map((p) => p.x), [0, 250, 500, 749, 999]);
  });

  it('a column: missing cells dropped, KS columns get ECDFs, others not; a numeric side against text is categorical', () => {
    const chart = driftColumnChart(numeric('t', [1, 2, 99, 3], [2]), numeric('t', [2, 3, 3]), drift('t', 'numerical', 'ks'));
    assert.deepEqual(chart.n, { reference: 3, current: 3 });
    assert.deepEqual(chart.bins, { rule: 'values', values: ['1', '2', '3'], reference: [1, 1, 1], current: [0, 1, 2] });
    assert.deepEqual(chart.ecdf?.gap, { at: 1, statistic: 1 / 3, reference: 1 / 3, current: 0 });
    assert.equal(driftColumnChart(numeric('t', [1, 2]), numeric('t', [2, 2]), drift('t', 'numerical', 'z')).ecdf, undefined);
    const mixed = driftColumnChart(numeric('w', [1, 2]), { kind: 'categorical', name: 'w', values: ['2', 'x'], missing: Uint8Array.of(0, 0) }, drift('w', 'categorical', 'chisquare'));
    assert.deepEqual(mixed.bins, { rule: 'values', values: ['1', '2', 'x'], reference: [1, 1, 0], current: [0, 1, 1] });
  });
});
