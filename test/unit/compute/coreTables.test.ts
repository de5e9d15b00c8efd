/**
 * The table readers as the library ships them: the built dist/core.js, loaded as a user would, reads the
 * Parquet and Arrow fixtures. Reference values: SciPy 1.17.1 on the CSV twin (table.csv), 1e-12 relative:
 *   scipy.stats.entropy of the 'word' counts (4200 rows), and
 *   scipy.spatial.distance.jensenshannon(word, maybe_word) ** 2 over the 3360 rows where both are present.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as Core from '../../../src/compute/library';
import { expected, fixture } from '../data/tableFixtures';

const corePath = join(__dirname, '..', '..', '..', 'dist', 'core.js');

function close(actual: number, want: number, what: string): void {
  assert.ok(Math.abs(actual - want) <= 1e-12 * Math.abs(want), `${what}: expected ${want}, got ${actual}`);
}

describe('dist/core.js: table readers', () => {
  let core: typeof Core;
  before(function () {
    if (!existsSync(corePath)) throw new Error('dist/core.js is missing: run `npm run build` first (npm test does)');
    // The built bundle, as a user loads it (not the sources through tsx).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    core = require(corePath) as typeof Core;
  });

  it('lists and reads Parquet columns; a string column as category frequencies', async () => {
    const bytes = fixture('table_zstd.parquet');
    const info = await core.listParquetColumns(bytes);
    assert.equal(info.rowCount, expected.rows);
    const word = info.columns.find((c) => c.name === 'word')!;
    assert.deepEqual([word.kind, word.physicalType, word.logicalType], ['categorical', 'BYTE_ARRAY', 'UTF8']);
    const picked = core.pickTableColumn(info.columns, undefined);
    assert.equal(picked.name, 'i8', 'the first numeric column');
    const [w, m] = await core.readParquetColumns(core.bytesReader(bytes), ['word', 'maybe_word']);
    const f = core.categoryFrequencies(w as Core.CategoricalColumn);
    assert.deepEqual(f.categories, Object.keys(expected.columns.word!.counts!).sort());
    close(core.entropy(f.countsA).value, 1.05499476107318, 'entropy of the word counts');
    const d = core.columnDistributions({ what: 'P', column: w! }, { what: 'Q', column: m! }, { sameTable: true });
    assert.deepEqual([d.categories, d.notes], [5, ["counted 5 categories over the union of 'word' (3360 values) and 'maybe_word' (3360 values)", "840 rows where 'word' or 'maybe_word' is missing dropped from both"]]);
    close(core.jsDivergence(d.p, d.q!).value, 0.512638049398798, 'JSD of the paired rows');
  });

  it('lists and reads Arrow columns; refuses corrupt bytes with a DivergenceError', () => {
    const bytes = fixture('table.arrow');
    const info = core.listArrowColumns(bytes);
    assert.deepEqual([info.format, info.rowCount], ['file', expected.arrowRows]);
    const [u8] = core.readArrowColumns(bytes, ['u8']);
    assert.equal(u8!.kind, 'numeric');
    assert.equal(u8!.values.length, expected.arrowRows);
    assert.throws(() => core.listArrowColumns(bytes.slice(0, 100)), (e: unknown) => core.isDivergenceError(e) && e.code === 'parse-error');
  });
});
