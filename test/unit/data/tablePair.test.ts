/**
 * measuredPair: two table columns as P and Q. Expected values are counted by hand from the inputs (exact:
 * frequencies are ratios of small integers, compared with the same division).
 */
import { strict as assert } from 'node:assert';
import { DivergenceError } from '../../../src/core/errors';
import type { CategoricalColumn, NumericColumn } from '../../../src/data/table';
import { measuredPair } from '../../../src/data/tablePair';

/** The rows of `cells` that are null (`null`), as a column's `nullRows`. */
function nulls(cells: readonly unknown[]): Uint32Array {
  return Uint32Array.from(cells.flatMap((c, i) => (c === null ? [i] : [])));
}

function strings(name: string, cells: (string | null)[]): CategoricalColumn {
  return { kind: 'categorical', name, rowCount: cells.length, nullRows: nulls(cells), values: cells.filter((c): c is string => c !== null) };
}

function numbers(name: string, cells: (number | null)[]): NumericColumn {
  return { kind: 'numeric', name, rowCount: cells.length, nullRows: nulls(cells), values: Float64Array.from(cells.filter((c): c is number => c !== null)) };
}

describe('measuredPair', () => {
  it('the example: rows with a null in either column dropped, categories over the union', () => {
    const r = measuredPair({ label: 'a', column: strings('a', ['x', null, 'y']) }, { label: 'b', column: strings('b', ['y', 'y', null]) }, true);
    assert.deepEqual([Array.from(r.p), Array.from(r.q), r.categories], [[1, 0], [0, 1], ['x', 'y']]);
    assert.deepEqual(r.notes, ['counted 2 categories (1 value each)', '2 of 3 rows dropped for a null in a or b']);
  });

  it('booleans of two files: nulls skipped in each, frequencies over each column\'s own count', () => {
    const p = strings('flag', ['true', 'false', 'true', null]);
    const q = strings('flag', ['false', null, null, 'false', 'true']);
    const r = measuredPair({ label: 'a.parquet:flag', column: p }, { label: 'b.arrow:flag', column: q }, false);
    assert.deepEqual([Array.from(r.p), Array.from(r.q), r.categories], [[1 / 3, 2 / 3], [2 / 3, 1 / 3], ['false', 'true']]);
    assert.deepEqual(r.notes, ['counted 2 categories (3 values each)', '1 null of a.parquet:flag skipped', '2 nulls of b.arrow:flag skipped']);
  });

  it('numbers of one table: the same rows of each kept, in row order; no note without nulls', () => {
    const r = measuredPair({ label: 'p', column: numbers('p', [0.5, null, 0.25, 0.25]) }, { label: 'q', column: numbers('q', [0.1, 0.2, null, 0.7]) }, true);
    assert.deepEqual([Array.from(r.p), Array.from(r.q), r.categories], [[0.5, 0.25], [0.1, 0.7], undefined]);
    assert.deepEqual(r.notes, ['2 of 4 rows dropped for a null in p or q']);
    assert.deepEqual(measuredPair({ label: 'p', column: numbers('p', [1, 2]) }, { label: 'q', column: numbers('q', [3, 4]) }, true).notes, []);
  });

  it('refuses a string column against numbers, and a column left empty by its nulls', () => {
    assert.throws(
      () => measuredPair({ label: 'n', column: numbers('n', [1]) }, { label: 's', column: strings('s', ['a']) }, true),
      (e: unknown) => e instanceof DivergenceError && e.code === 'invalid-parameter' && e.message === 's holds categories (strings or booleans) and n numbers; compare two columns of one kind',
    );
    assert.throws(
      () => measuredPair({ label: 'a', column: strings('a', ['x', null]) }, { label: 'b', column: strings('b', [null, 'y']) }, true),
      (e: unknown) => e instanceof DivergenceError && e.code === 'empty-input' && e.message === 'a has no values once the nulls are left out',
    );
  });
});
