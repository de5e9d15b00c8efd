import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { klDivergence } from '../../../src/core/klDivergence';
import { KL_DIV_LOSS_FORMULA_LATEX, klDivLoss } from '../../../src/core/klDivLoss';
import { checkClose, jsonNumber, loadSampleFixtures } from './samplesFixtures';

describe('klDivLoss (torch.nn.KLDivLoss semantics)', () => {
  describe("against a NumPy transcription of torch's documented formula", () => {
    for (const c of loadSampleFixtures().klDivLoss) {
      it(c.name, () => {
        const values = c.input.map(jsonNumber);
        const target = c.target.map(jsonNumber);
        const input = c.shape ? { values, shape: c.shape } : values;
        const tgt = c.shape ? { values: target, shape: c.shape } : target;
        const r = klDivLoss(input, tgt, { reduction: c.reduction, logTarget: c.logTarget });
        const inputs = `input ${JSON.stringify(c.input)}, target ${JSON.stringify(c.target)}, shape ${JSON.stringify(c.shape ?? [values.length])}`;
        if (c.reduction === 'none') {
          const expected = (c.value as (number | string)[]).map(jsonNumber);
          assert.ok(r.value instanceof Float64Array);
          expected.forEach((e, i) => checkClose(`${c.name}[${i}]`, inputs, e, (r.value as Float64Array)[i]!, c.rtol, c.atol));
        } else {
          checkClose(c.name, inputs, jsonNumber(c.value as number | string), r.value as number, c.rtol, c.atol);
        }
        if (c.rowKl) {
          // batchmean of rows = the mean of the rows' KL divergences (scipy.stats.entropy).
          const rows = c.rowKl.map(jsonNumber);
          checkClose(`${c.name}: mean row KL`, inputs, rows.reduce((a, b) => a + b, 0) / rows.length, r.value as number, 1e-13);
        }
        assert.equal(r.isKl, c.reduction === 'batchmean' && c.shape !== undefined);
      });
    }
  });

  it('says which reduction is the KL', () => {
    const rows = { values: [Math.log(0.5), Math.log(0.5)], shape: [1, 2] as const };
    const target = { values: [0.9, 0.1], shape: [1, 2] as const };
    const r = klDivLoss(rows, target, { reduction: 'batchmean' });
    assert.equal(r.measure, 'kldivloss');
    assert.equal(r.kind, 'loss');
    assert.equal(r.isKl, true);
    assert.deepEqual(r.shape, [1, 2]);
    assert.match(r.note, /the KL divergence when each row/);
    checkClose('one row', 'KL([0.9, 0.1] ‖ [½, ½])', klDivergence([0.9, 0.1], [0.5, 0.5]).value, r.value as number, 1e-15);
    const mean = klDivLoss(rows, target, { reduction: 'mean' });
    assert.equal(mean.isKl, false);
    assert.match(mean.note, /not the KL divergence/);
    const oneD = klDivLoss(rows.values, target.values, { reduction: 'batchmean' });
    assert.equal(oneD.isKl, false);
    assert.equal(oneD.value, (r.value as number) / 2); // torch: size(0) of a 1-D input is its length
    assert.match(oneD.note, /1-D input/);
    assert.ok(KL_DIV_LOSS_FORMULA_LATEX.includes('batchmean'));
  });

  it('conventions: target 0 (or log-target −∞) contributes 0 whatever the input; target > 0 with input −∞ is +∞', () => {
    assert.equal(klDivLoss([-Infinity, 0], [0, 1], { reduction: 'sum' }).value, 0);
    assert.equal(klDivLoss([-Infinity, 0], [-Infinity, 0], { reduction: 'sum', logTarget: true }).value, 0);
    assert.equal(klDivLoss([-Infinity, 0], [0.5, 0.5], { reduction: 'sum' }).value, Infinity);
    assert.deepEqual(Array.from(klDivLoss([-Infinity, 0], [0.5, 0.5], { reduction: 'none' }).value as Float64Array), [Infinity, 0.5 * Math.log(0.5)]);
  });

  it('errors: shapes, empty input, bad values, bad reduction', () => {
    assert.throws(() => klDivLoss([0, 0], [1], { reduction: 'sum' }), { code: 'length-mismatch', message: 'input has shape [2] and target has shape [1]' });
    assert.throws(() => klDivLoss({ values: [0, 0], shape: [1, 2] }, [1, 0], { reduction: 'sum' }), { code: 'length-mismatch' });
    assert.throws(() => klDivLoss({ values: [0, 0, 0], shape: [1, 2] }, { values: [0, 0, 0], shape: [1, 2] }, { reduction: 'sum' }), {
      code: 'length-mismatch',
      message: 'shape [1, 2] does not fit 3 values',
    });
    assert.throws(() => klDivLoss([], [], { reduction: 'sum' }), { code: 'empty-input' });
    assert.throws(() => klDivLoss([NaN], [1], { reduction: 'sum' }), { code: 'invalid-value', location: { array: 'input', index: 0 } });
    assert.throws(() => klDivLoss([0, Infinity], [1, 1], { reduction: 'sum' }), { code: 'invalid-value', location: { array: 'input', index: 1 } });
    assert.throws(() => klDivLoss([0], [-0.5], { reduction: 'sum' }), {
      code: 'invalid-value',
      message: 'target[0] is -0.5: probabilities must be finite and non-negative',
    });
    assert.throws(() => klDivLoss([0], [Infinity], { reduction: 'sum', logTarget: true }), { code: 'invalid-value', location: { array: 'target', index: 0 } });
    assert.throws(() => klDivLoss([0], [1], { reduction: 'average' as never }), { code: 'invalid-parameter', location: { array: 'reduction' } });
  });

  it('batchmean of log-probability rows equals the mean KL of the rows (seeded)', () => {
    const row = (n: number) => fc.array(fc.double({ min: 1e-6, max: 10, noNaN: true }), { minLength: n, maxLength: n });
    const setup = fc
      .record({ rows: fc.integer({ min: 1, max: 6 }), cols: fc.integer({ min: 1, max: 12 }) })
      .chain(({ rows, cols }) => fc.tuple(fc.array(row(cols), { minLength: rows, maxLength: rows }), fc.array(row(cols), { minLength: rows, maxLength: rows })));
    fc.assert(
      fc.property(setup, ([ps, qs]) => {
        const normalize = (r: number[]) => {
          const s = r.reduce((a, b) => a + b, 0);
          return r.map((v) => v / s);
        };
        const p = ps.map(normalize);
        const q = qs.map(normalize);
        const shape = [p.length, p[0]!.length] as const;
        const r = klDivLoss({ values: q.flat().map(Math.log), shape }, { values: p.flat(), shape }, { reduction: 'batchmean' });
        const expected = p.reduce((s, pr, i) => s + klDivergence(pr, q[i]!, { normalize: false }).value, 0) / p.length;
        const scale = p.reduce((s, pr, i) => s + pr.reduce((t, v, j) => t + Math.abs(v * (Math.log(v) - Math.log(q[i]![j]!))), 0), 0) / p.length;
        return Math.abs((r.value as number) - expected) <= 1e-14 * (scale + 1e-300);
      }),
      { seed: 20240622, numRuns: 300 },
    );
  });
});
