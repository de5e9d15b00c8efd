import { strict as assert } from 'node:assert';
import { categoryFrequencies, dropNullRows, type CategoricalColumn, type NumericColumn } from '../../../src/data/table';
import { expectError } from './dataAssert';

const numeric = (name: string, values: number[], nullRows: number[], rowCount: number): NumericColumn => ({ kind: 'numeric', name, values: Float64Array.from(values), nullRows: Uint32Array.from(nullRows), rowCount });
const categorical = (name: string, values: string[], nullRows: number[], rowCount: number): CategoricalColumn => ({ kind: 'categorical', name, values, nullRows: Uint32Array.from(nullRows), rowCount });

describe('table', () => {
  describe('categoryFrequencies', () => {
    it('aligns two columns over the sorted union of their categories', () => {
      const f = categoryFrequencies(['b', 'a', 'b', 'é', 'B'], categorical('q', ['c', 'b'], [0], 3));
      assert.deepEqual(f.categories, ['B', 'a', 'b', 'c', 'é']);
      assert.deepEqual(Array.from(f.countsA), [1, 1, 2, 0, 1]);
      assert.deepEqual(Array.from(f.countsB), [0, 0, 1, 1, 0]);
    });

    it('one column gives zeros for the second; none gives empty vectors', () => {
      const f = categoryFrequencies(['x', 'x', 'y']);
      assert.deepEqual([f.categories, Array.from(f.countsA), Array.from(f.countsB)], [['x', 'y'], [2, 1], [0, 0]]);
      const e = categoryFrequencies([], []);
      assert.deepEqual([e.categories, e.countsA.length, e.countsB.length], [[], 0, 0]);
    });

    it('does not depend on the order of the values', () => {
      const a = categoryFrequencies(['z', 'a', 'm', 'a'], ['m', 'q']);
      const b = categoryFrequencies(['a', 'm', 'a', 'z'], ['q', 'm']);
      assert.deepEqual(a, b);
    });
  });

  describe('dropNullRows', () => {
    it('keeps the rows where every column has a value', () => {
      // rows:        0    1     2    3     4
      // x:           1   null   3    4    null
      // w:          'a'  'b'  null  'd'   'e'
      const [x, w] = dropNullRows([numeric('x', [1, 3, 4], [1, 4], 5), categorical('w', ['a', 'b', 'd', 'e'], [2], 5)]);
      assert.deepEqual([Array.from(x!.values as Float64Array), w!.values], [[1, 4], ['a', 'd']]);
      assert.deepEqual([Array.from(x!.nullRows), Array.from(w!.nullRows)], [[1, 2, 4], [1, 2, 4]]);
      assert.deepEqual(dropNullRows([]), []);
    });

    it('refuses columns of different tables', () => {
      expectError(() => dropNullRows([numeric('x', [1], [], 1), numeric('y', [1, 2], [], 2)]), 'length-mismatch', undefined, "column 'y' has 2 rows and column 'x' has 1");
    });
  });
});
