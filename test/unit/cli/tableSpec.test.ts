/**
 * The command line's table columns (src/cli/tableSpec.ts), run in-process through `run` (the program's
 * entry): Parquet/Arrow columns, categorical columns of every file kind, missing values.
 *
 * Reference values: SciPy 1.17.1 on the CSV twin of the fixtures (test/fixtures/tables/table.csv, read with
 * Python's csv module; empty fields are missing), computed once:
 *   scipy.stats.entropy(counts) for an entropy, scipy.stats.entropy(p, q) for a KL,
 *   scipy.spatial.distance.jensenshannon(p, q) ** 2 for JSD, scipy.stats.ks_2samp(p, q).statistic.
 * Counts are over the sorted categories; P and Q of one table keep only the rows where both are present.
 * Tolerance: 1e-12 relative.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../../src/cli/main';
import { TABLES } from '../data/tableFixtures';

const SCIPY = {
  entropyWord4200: 1.05499476107318,
  entropyWord1500: 1.0562992474463948,
  entropyMaybeWord: 1.0480315333568069,
  jsWordMaybeWordPaired: 0.512638049398798,
  entropyFlag4200: 0.4251791069329901,
  klFlag4200vs1500: 8.000267993345158e-5,
  ksMaybeF64Statistic: 0.4419047619047619,
  klSmallPaired: 0.3736312507348568,
  entropySmallSkipped: 1.2658567518727373,
};

const t = (name: string): string => join(TABLES, name);

/** Runs the command line in-process (as bin.ts does); returns its status and what it wrote to stdout and stderr. */
async function divergence(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const written = { stdout: '', stderr: '' };
  const streams = (['stdout', 'stderr'] as const).map((name) => ({ name, stream: process[name], write: process[name].write }));
  for (const { name, stream } of streams) stream.write = ((chunk: string | Uint8Array) => ((written[name] += String(chunk)), true)) as typeof stream.write;
  try {
    const status = await run(argv);
    return { status, ...written };
  } finally {
    for (const { stream, write } of streams) stream.write = write;
  }
}

async function json(...argv: string[]): Promise<Record<string, unknown>> {
  const r = await divergence(...argv, '--json');
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

async function failure(...argv: string[]): Promise<{ code: string; message: string }> {
  const r = await divergence(...argv, '--json');
  assert.equal(r.status, 2, r.stdout);
  return (JSON.parse(r.stdout) as { error: { code: string; message: string } }).error;
}

function close(actual: unknown, expected: number, what: string): void {
  assert.equal(typeof actual, 'number', `${what}: ${String(actual)}`);
  const rel = Math.abs((actual as number) - expected) / Math.abs(expected);
  assert.ok(rel <= 1e-12, `${what}: expected ${expected}, got ${String(actual)} (relative ${rel})`);
}

describe('CLI table columns (Parquet, Arrow, categories, missing values)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'divergence-tables-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string): string => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };

  it('entropy of a string column is the entropy of its category frequencies, in every file kind', async () => {
    for (const f of ['table_zstd.parquet', 'table_snappy_v2encodings.parquet', 'table.csv']) {
      const r = await json('entropy', '--p', `@${t(f)}:word`);
      close(r.value, SCIPY.entropyWord4200, f);
      assert.equal(r.categories, 3, f);
      assert.deepEqual(r.notes, [`--p: ${t(f)}: counted 3 categories of 'word' (4200 values)`], f);
    }
    for (const f of ['table.arrow', 'table.arrows']) close((await json('entropy', '--p', `@${t(f)}:word`)).value, SCIPY.entropyWord1500, f);
    close((await json('entropy', '--p', `@${t('table_gzip.parquet')}:flag`)).value, SCIPY.entropyFlag4200, 'booleans');
    const line = await divergence('entropy', '--p', `@${t('table_zstd.parquet')}:word`);
    assert.equal(line.stdout, `H(P) = 1.05499476107318 nats; normalised (sum of P 4200); --p: ${t('table_zstd.parquet')}: counted 3 categories of 'word' (4200 values)\n`);
  });

  it('skips the nulls of one column and says how many', async () => {
    const r = await json('entropy', '--p', `@${t('table_lz4_raw.parquet')}:maybe_word`);
    close(r.value, SCIPY.entropyMaybeWord, 'maybe_word');
    assert.deepEqual(r.notes, [
      `--p: ${t('table_lz4_raw.parquet')}: counted 3 categories of 'maybe_word' (3360 values)`,
      `--p: ${t('table_lz4_raw.parquet')}: 840 missing values of 'maybe_word' skipped`,
    ]);
    const ks = await json('ks', '--p', `@${t('table_brotli.parquet')}:maybe`, '--q', `@${t('table_brotli.parquet')}:f64`);
    close(ks.statistic, SCIPY.ksMaybeF64Statistic, 'ks of the non-null values (samples are not paired)');
    assert.deepEqual(ks.notes, [`--p: ${t('table_brotli.parquet')}: 600 missing values of 'maybe' skipped`]);
  });

  it('pairs P and Q of one table by row, over the union of their categories', async () => {
    for (const f of ['table_uncompressed.parquet', 'table.csv']) {
      const r = await json('js', '--p', `@${t(f)}:word`, '--q', `@${t(f)}:maybe_word`);
      close(r.value, SCIPY.jsWordMaybeWordPaired, f);
      assert.equal(r.categories, 5);
      assert.deepEqual(r.notes, [
        "counted 5 categories over the union of 'word' (3360 values) and 'maybe_word' (3360 values)",
        "840 rows where 'word' or 'maybe_word' is missing dropped from both",
      ]);
    }
    const kl = await json('kl', '--p', `@${t('table_zstd.parquet')}:maybe_word`, '--q', `@${t('table_zstd.parquet')}:word`);
    assert.equal(kl.value, 'Infinity', "'fog' has mass in P and none in Q");
    const files = await json('kl', '--p', `@${t('table_zstd.parquet')}:flag`, '--q', `@${t('table.arrow')}:flag`);
    close(files.value, SCIPY.klFlag4200vs1500, 'two files: each column counted whole');
  });

  it('numeric CSV columns with empty cells: skipped, or rows dropped from both; --strict-missing refuses', async () => {
    const csv = file('small.csv', 'p,q,label\n1,2,a\n,2,b\n3,,a\n4,1,\n5,1,b\n');
    close((await json('entropy', '--p', `@${csv}:p`)).value, SCIPY.entropySmallSkipped, 'one column');
    const kl = await json('kl', '--p', `@${csv}:p`, '--q', `@${csv}:q`);
    close(kl.value, SCIPY.klSmallPaired, 'paired rows');
    assert.deepEqual(kl.notes, ["2 rows where 'p' or 'q' is missing dropped from both"]);
    assert.deepEqual(await failure('kl', '--p', `@${csv}:p`, '--q', `@${csv}:q`, '--strict-missing'), {
      code: 'parse-error',
      message: `--p: ${csv}: line 3, column 1 ('p'): the cell is empty; --strict-missing refuses missing cells`,
    });
    assert.deepEqual(await failure('entropy', '--p', `@${csv}:label`, '--strict-missing'), {
      code: 'invalid-value',
      message: `--p: ${csv}: column 'label', data row 3 is missing (1 missing in all); --strict-missing refuses missing cells`,
    });
    assert.deepEqual(await failure('entropy', '--p', `@${t('table_zstd.parquet')}:maybe`, '--strict-missing'), {
      code: 'invalid-value',
      message: `--p: ${t('table_zstd.parquet')}: column 'maybe', row 3 is missing (600 missing in all); --strict-missing refuses missing cells`,
    });
  });

  it('a CSV column mixing numbers and text keeps the error naming the first non-number, with a hint', async () => {
    const csv = file('mixed.csv', 'x,y\n1,a\n2,3\n');
    assert.deepEqual(await failure('entropy', '--p', `@${csv}:y`), {
      code: 'parse-error',
      message: `--p: ${csv}: line 2, column 2 ('y'): 'a' is not a number; a column is read as numbers when every cell that is not missing is a number, and as categories when none is`,
    });
  });

  it('JSON: a field of records or an array of strings; nulls and absent fields skipped', async () => {
    const records = file('r.json', '[{"l": "a", "n": 1}, {"l": "b", "n": null}, {"l": "a"}, {"l": null, "n": 3}]');
    const r = await json('entropy', '--p', `@${records}:l`);
    close(r.value, 0.6365141682948128, 'counts [2, 1]: scipy.stats.entropy([2, 1])');
    assert.deepEqual(r.notes, [`--p: ${records}: counted 2 categories of 'l' (3 values)`, `--p: ${records}: 1 missing value of 'l' skipped`]);
    close((await json('entropy', '--p', `@${records}:n`)).value, 0.5623351446188083, 'numbers [1, 3]: scipy.stats.entropy([1, 3])');
    const strings = file('s.json', '["x", "y", true, null, "x"]');
    assert.equal((await json('entropy', '--p', `@${strings}`)).categories, 3);
  });

  it('selects by name, by 0-based index, or the first numeric column; lists the columns of a wrong name', async () => {
    const parquet = t('table_zstd.parquet');
    close((await json('entropy', '--p', `@${parquet}:4`)).value, (await json('entropy', '--p', `@${parquet}:u8`)).value as number, ':4 is u8');
    const first = await json('ks', '--p', `@${t('table.arrow')}`, '--q', `@${t('table.arrow')}:i8`);
    assert.equal(first.statistic, 0, 'no selector: the first numeric column, i8');
    const wrong = await failure('entropy', '--p', `@${parquet}:nope`);
    assert.equal(wrong.code, 'invalid-parameter');
    assert.match(wrong.message, /^--p: .*table_zstd\.parquet: no column named 'nope'; its columns: 'i8' \(INT_8\), 'i16' \(INT_16\), .*'word' \(UTF8\), .*'code' \(UTF8\)$/);
    assert.deepEqual(await failure('entropy', '--p', `@${t('nested.parquet')}:rec`), {
      code: 'unsupported-file',
      message: `--p: ${t('nested.parquet')}: column 'rec' is a nested struct column; only flat columns are read`,
    });
    assert.deepEqual(await failure('entropy', '--p', `@${t('nested.arrow')}:list`), {
      code: 'unsupported-file',
      message: `--p: ${t('nested.arrow')}: column 'list' has Arrow type List<Int32>, which is neither a number, a boolean nor a string`,
    });
  });

  it('corrupt files: one error naming the option and the file, never a hang', async () => {
    const arrow = readFileSync(t('small.arrow'));
    arrow[231] = 154;
    const a = join(dir, 'corrupt.arrow');
    writeFileSync(a, arrow);
    assert.deepEqual(await failure('entropy', '--p', `@${a}:f64`), {
      code: 'parse-error',
      message: `--p: ${a}: corrupt Arrow file, record batch 0: its metadata length -1711275096 does not fit in the file`,
    });
    const parquet = join(dir, 'truncated.parquet');
    writeFileSync(parquet, readFileSync(t('small_zstd.parquet')).subarray(0, 100));
    const e = await failure('entropy', '--p', `@${parquet}`);
    assert.equal(e.code, 'parse-error');
    assert.ok(e.message.startsWith(`--p: ${parquet}: `), e.message);
  });

  it('refuses categories where they mean nothing', async () => {
    const arrow = t('table.arrow');
    assert.match((await failure('kl', '--p', `@${arrow}:word`, '--q', '[1, 2, 3]')).message, /column 'word' holds categories \(text or booleans\): --q must then be a column of categories too/);
    assert.match((await failure('kl', '--p', `@${arrow}:word`, '--q', `@${arrow}:u8`)).message, /is a categorical column \('word'\) but --q: .* is a numeric column \('u8'\)/);
    assert.match((await failure('entropy', '--p', `@${arrow}:word`, '--input', 'log')).message, /its frequencies are probabilities, not --input log$/);
    assert.match((await failure('ks', '--p', `@${arrow}:word`, '--q', '[1, 2]')).message, /only the distribution measures \(entropy, kl, js, \.\.\.\) count categories$/);
  });
});
