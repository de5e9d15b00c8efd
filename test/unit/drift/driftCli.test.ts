import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');

function divergence(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Expected {
  name: string;
  columns: { column: string; test: string; score: number; drifted: boolean; missing: object }[];
  dataset_drift: boolean;
}
const fixtures = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'drift', 'drift.json'), 'utf8')) as { files: Expected[]; generated: Expected[] };

function checkClose(what: string, actual: number, expected: number): void {
  const delta = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(delta <= 1e-12, `${what}: expected ${expected}, got ${actual}, relative delta ${delta}`);
}

describe('divergence drift (dist/cli.js)', () => {
  let dir: string;
  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does)');
    dir = mkdtempSync(join(tmpdir(), 'drift-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--split on seattle-weather: the JSON contract, scores of SciPy to 1e-12 relative', () => {
    const expected = fixtures.files.find((c) => c.name === 'seattle-weather date=2012,2015')!;
    const r = divergence('drift', 'examples/seattle-weather.csv', '--split', 'date=2012,2015', '--json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.reference, { path: 'examples/seattle-weather.csv', rows: 366 });
    assert.deepEqual(out.current, { path: 'examples/seattle-weather.csv', rows: 365 });
    assert.deepEqual(
      Object.keys(out.columns[0]).slice(0, 7),
      ['column', 'type', 'test', 'score', 'threshold', 'drifted', 'missing'],
    );
    expected.columns.forEach((e, i) => {
      const c = out.columns[i];
      assert.equal(c.column, e.column);
      assert.equal(c.test, e.test);
      checkClose(`${e.column} score`, c.score, e.score);
      assert.equal(c.drifted, e.drifted);
      assert.deepEqual(c.missing, e.missing);
    });
    assert.equal(out.drifted_columns, 3);
    assert.equal(out.columns_tested, 5);
    assert.equal(out.share_drifted, 0.6);
    assert.equal(out.drift_share, 0.5);
    assert.equal(out.dataset_drift, true);
  });

  it('the text table: one aligned row per column and the verdict', () => {
    const r = divergence('drift', 'examples/seattle-weather.csv', '--split', 'date=2012,2015');
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[3], 'column         type         test       score         threshold  drift  missing ref/cur');
    assert.equal(lines[5], 'temp_max       numerical    ks         0.000315709   ≤ 0.05     DRIFT  0/0');
    assert.equal(lines[8], 'weather        categorical  chisquare  3.17593e-109  < 0.05     DRIFT  0/0');
    assert.equal(lines[10], 'dataset drift: yes (3 of 5 columns drifted: share 0.6 ≥ 0.5)');
  });

  it('--fail-on-drift exits 1 when the dataset drifts, 0 when it does not', () => {
    assert.equal(divergence('drift', 'examples/seattle-weather.csv', '--split', 'date=2012,2015', '--fail-on-drift').status, 1);
    const calm = divergence('drift', 'examples/seattle-weather.csv', '--split', 'date=2012,2015', '--fail-on-drift', '--drift-share', '0.7');
    assert.equal(calm.status, 0, calm.stderr);
    assert.match(calm.stdout, /dataset drift: no \(3 of 5 columns drifted: share 0\.6 < 0\.7\)/);
  });

  it('two files, columns on one side only, TSV, an Evidently alias and --threshold', () => {
    const ref = join(dir, 'ref.tsv');
    const cur = join(dir, 'cur.tsv');
    writeFileSync(ref, 'x\tcolour\told\n1\tred\t1\n2\tblue\t2\n3\tred\t\n4\tred\t4\n');
    writeFileSync(cur, 'x\tcolour\tnew\n1\tblue\t1\n2\tblue\t2\nNA\tred\t3\n');
    const r = divergence('drift', ref, cur, '--test', 'jensenshannon', '--threshold', '0.3', '--json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.only_in_reference, ['old']);
    assert.deepEqual(out.only_in_current, ['new']);
    const [x, colour] = out.columns;
    // scipy.spatial.distance.jensenshannon([1/4] * 4, [1/2, 1/2, 0, 0]) over the values 1..4
    assert.equal(x.test, 'js-distance');
    checkClose('x', x.score, 0.464501404022459);
    assert.deepEqual(x.missing, { reference: 0, current: 1 });
    assert.equal(x.drifted, true);
    // jensenshannon([1/4, 3/4], [2/3, 1/3]) (blue, red): 0.3004 ≥ 0.3
    checkClose('colour', colour.score, 0.30041017276419946);
    assert.equal(colour.drifted, true);
    assert.equal(out.threshold, undefined);
    assert.equal(x.threshold, 0.3);
  });

  it('Parquet and Arrow: --split on a Parquet file, two Parquet files, an Arrow file; SciPy scores to 1e-12', () => {
    const dir = 'test/fixtures/drift';
    const runs: [string[], string, { reference: number; current: number }][] = [
      [[`${dir}/seattle-weather.parquet`, '--split', 'date=2012,2015'], 'seattle-weather date=2012,2015', { reference: 366, current: 365 }],
      [[`${dir}/penguins.arrow`, '--split', 'Island=Torgersen,Biscoe'], 'penguins Island=Torgersen,Biscoe', { reference: 52, current: 168 }],
      [[`${dir}/small-reference.reference.parquet`, `${dir}/small-reference.current.parquet`], 'small reference', { reference: 300, current: 200 }],
    ];
    for (const [args, name, rows] of runs) {
      const r = divergence('drift', ...args, '--json');
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.deepEqual({ reference: out.reference.rows, current: out.current.rows }, rows, name);
      const expected = [...fixtures.files, ...fixtures.generated].find((c) => c.name === name)!;
      assert.deepEqual(out.columns.map((c: { column: string }) => c.column), expected.columns.map((c) => c.column), name);
      expected.columns.forEach((e, i) => {
        const c = out.columns[i];
        assert.equal(c.test, e.test, `${name} ${e.column}`);
        checkClose(`${name} ${e.column} score`, c.score, e.score);
        assert.equal(c.drifted, e.drifted);
        assert.deepEqual(c.missing, e.missing);
      });
      assert.equal(out.dataset_drift, expected.dataset_drift);
    }
    const text = divergence('drift', `${dir}/small-reference.reference.parquet`, `${dir}/small-reference.current.parquet`);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^reference: test\/fixtures\/drift\/small-reference\.reference\.parquet \(300 rows\)$/m);
    assert.match(text.stdout, /^only in the reference \(not compared\): only_ref$/m);
  });

  it('errors: exit 2 and one line (JSON with --json)', () => {
    const cases: [string[], string, RegExp][] = [
      [['drift', 'examples/penguins.json'], 'usage', /drift needs two files, REF and CUR/],
      [['drift', 'missing.csv', 'examples/penguins.json'], 'file-not-found', /^REF missing\.csv: cannot read the file/],
      [['drift', 'examples/penguins.json', '--split', 'Island=Biscoe,Dream', '--test', 'ks'], 'invalid-parameter', /column 'Species' \(categorical, 3 distinct values\): ks does not apply/],
      [['drift', 'examples/penguins.json', '--split', 'Island=Biscoe,Dream', '--test', 'anova'], 'usage', /--test anova: known tests are auto, psi/],
      [['drift', 'examples/penguins.json', '--split', 'Island=Biscoe'], 'usage', /--split Island=Biscoe: write COLUMN=REFERENCE,CURRENT/],
      [['drift', 'examples/penguins.json', '--split', 'Island=Biscoe,Mars'], 'empty-input', /no row has Island = Mars/],
      [['drift', 'examples/penguins.json', '--split', 'Island=Biscoe,Dream', '--drift-share', '2'], 'invalid-parameter', /the drift share is 2/],
      [['drift', 'examples/penguins.json', '--split', 'Island=Biscoe,Dream', '--columns', 'Wings'], 'usage', /no column 'Wings'/],
      [['drift', 'examples/weather-by-year.npy', 'examples/penguins.json'], 'unsupported-file', /^REF examples\/weather-by-year.npy: a drift report reads \.csv, \.tsv, \.json, \.parquet, \.arrow, .* not '\.npy'/],
    ];
    for (const [args, code, message] of cases) {
      const r = divergence(...args, '--json');
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      const { error } = JSON.parse(r.stdout);
      assert.equal(error.code, code, args.join(' '));
      assert.match(error.message, message);
    }
  });
});
