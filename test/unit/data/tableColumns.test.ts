import { strict as assert } from 'node:assert';
import type { TableColumn, TableColumnInfo } from '../../../src/data/table';
import { columnDistributions, pickTableColumn } from '../../../src/data/tableColumns';
import { expectError } from './dataAssert';

const info = (name: string, kind: TableColumnInfo['kind'], physicalType = 'DOUBLE'): TableColumnInfo => ({ name, kind, physicalType, nullable: true, rowCount: 4 });
const COLUMNS = [info('label', 'categorical', 'BYTE_ARRAY'), info('x', 'numeric'), info('7', 'numeric'), info('list', 'unsupported', 'LIST')];

const numeric = (name: string, values: number[], nullRows: number[], rowCount = values.length + nullRows.length): TableColumn => ({
  kind: 'numeric',
  name,
  rowCount,
  nullRows: Uint32Array.from(nullRows),
  values: Float64Array.from(values),
});
const categorical = (name: string, values: string[], nullRows: number[] = []): TableColumn => ({
  kind: 'categorical',
  name,
  rowCount: values.length + nullRows.length,
  nullRows: Uint32Array.from(nullRows),
  values,
});

describe('tableColumns', () => {
  describe('pickTableColumn', () => {
    it('by name first, then by 0-based index, else the first numeric column', () => {
      assert.equal(pickTableColumn(COLUMNS, 'label').name, 'label');
      assert.equal(pickTableColumn(COLUMNS, '7').name, '7', 'a column called 7 wins over index 7');
      assert.equal(pickTableColumn(COLUMNS, '1').name, 'x');
      assert.equal(pickTableColumn(COLUMNS, undefined).name, 'x');
      assert.equal(pickTableColumn(COLUMNS, 'list').kind, 'unsupported', 'the reader refuses it, naming its type');
    });

    it('a wrong name or index lists the columns with their types', () => {
      const list = "'label' (BYTE_ARRAY), 'x' (DOUBLE), '7' (DOUBLE), 'list' (LIST)";
      expectError(() => pickTableColumn(COLUMNS, 'nope'), 'invalid-parameter', undefined, `no column named 'nope'; its columns: ${list}`);
      expectError(() => pickTableColumn(COLUMNS, '9'), 'invalid-parameter', undefined, `no column 9 (0-based; the table has 4); its columns: ${list}`);
      expectError(() => pickTableColumn([COLUMNS[0]!], undefined), 'invalid-parameter', undefined, "the table has no numeric column; pick a column with :NAME; its columns: 'label' (BYTE_ARRAY)");
    });
  });

  describe('columnDistributions', () => {
    it('one numeric column: its values, nulls skipped and counted', () => {
      const r = columnDistributions({ what: '--p', column: numeric('x', [1, 2], [1]) }, undefined);
      assert.deepEqual([Array.from(r.p), r.q, r.categories, r.notes], [[1, 2], undefined, undefined, ["--p: 1 missing value of 'x' skipped"]]);
    });

    it('two columns of one table: the rows missing in either are dropped from both', () => {
      const p = numeric('a', [1, 3, 4], [1], 4);
      const q = numeric('b', [5, 6, 8], [2], 4);
      const r = columnDistributions({ what: '--p', column: p }, { what: '--q', column: q }, { sameTable: true });
      assert.deepEqual([Array.from(r.p), Array.from(r.q!)], [[1, 4], [5, 8]]);
      assert.deepEqual(r.notes, ["2 rows where 'a' or 'b' is missing dropped from both"]);
      const apart = columnDistributions({ what: '--p', column: p }, { what: '--q', column: q });
      assert.deepEqual([Array.from(apart.p), Array.from(apart.q!)], [[1, 3, 4], [5, 6, 8]], 'two tables: each skips its own');
    });

    it('categorical columns: counts over the sorted union of their categories', () => {
      const r = columnDistributions({ what: '--p', column: categorical('c', ['b', 'a', 'b']) }, { what: '--q', column: categorical('d', ['c', 'b']) });
      assert.deepEqual([Array.from(r.p), Array.from(r.q!), r.categories], [[1, 2, 0], [0, 1, 1], 3]);
      assert.deepEqual(r.notes, ["counted 3 categories over the union of 'c' (3 values) and 'd' (2 values)"]);
      const one = columnDistributions({ what: '--p', column: categorical('c', ['x'], [0]) }, undefined);
      assert.deepEqual(one.notes, ["--p: counted 1 category of 'c' (1 value)", "--p: 1 missing value of 'c' skipped"]);
    });

    it('--strict-missing names the first missing row; kinds must agree', () => {
      expectError(
        () => columnDistributions({ what: '--q', column: numeric('x', [1], [2, 3]), rowText: (r) => `line ${r + 2}` }, undefined, { strictMissing: true }),
        'invalid-value',
        { index: 2 },
        "--q: column 'x', line 4 is missing (2 missing in all); --strict-missing refuses missing cells",
      );
      expectError(
        () => columnDistributions({ what: '--p', column: numeric('x', [1], []) }, { what: '--q', column: categorical('c', ['a']) }),
        'usage',
        undefined,
        "--p is a numeric column ('x') but --q is a categorical column ('c'): both must hold numbers, or both categories",
      );
    });
  });
});
