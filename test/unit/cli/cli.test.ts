import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cli = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

function divergence(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Relative error, printed with the inputs on failure. */
function assertClose(actual: number, expected: number, rel: number, what: string) {
  const delta = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(delta <= rel, `${what}: expected ${expected}, got ${actual}, relative delta ${delta} > ${rel}`);
}

// scipy.special.rel_entr([0.36, 0.48, 0.16], [1/3, 1/3, 1/3]).sum()
const KL_EXAMPLE = 0.0852996013183706;

describe('divergence CLI (dist/cli.js)', () => {
  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does)');
  });

  it('kl of the README example, JSON, to 1e-12 relative', () => {
    const r = divergence('kl', '--p', '[0.36, 0.48, 0.16]', '--q', '[1/3, 1/3, 1/3]', '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout);
    assert.equal(out.measure, 'kl');
    assert.equal(out.unit, 'nats');
    assert.equal(out.normalized, false);
    assertClose(out.value, KL_EXAMPLE, 1e-12, 'kl value');
    assertClose(out.pinsker_tv_bound, Math.sqrt(KL_EXAMPLE / 2), 1e-12, 'pinsker bound');
  });

  it('kl in bits and bans', () => {
    const bits = JSON.parse(divergence('kl', '--p', '0.36 0.48 0.16', '--q', '[1/3,1/3,1/3]', '--base', '2', '--json').stdout);
    assert.equal(bits.unit, 'bits');
    assertClose(bits.value, KL_EXAMPLE / Math.LN2, 1e-12, 'bits');
    const bans = JSON.parse(divergence('kl', '--p', '0.36 0.48 0.16', '--q', '[1/3,1/3,1/3]', '--base=10', '--json').stdout);
    assert.equal(bans.unit, 'bans');
    assertClose(bans.value, KL_EXAMPLE / Math.LN10, 1e-12, 'bans');
  });

  it('normalises counts and says so; --no-normalize gives the raw sum', () => {
    const r = JSON.parse(divergence('kl', '--p', '[36, 48, 16]', '--q', '[1, 1, 1]', '--json').stdout);
    assert.equal(r.normalized, true);
    assert.deepEqual(r.sums, { p: 100, q: 3 });
    assertClose(r.value, KL_EXAMPLE, 1e-12, 'normalised counts');
    const raw = JSON.parse(divergence('kl', '--p', '[0.5, 0.5]', '--q', '[0.25, 0.25]', '--no-normalize', '--json').stdout);
    assert.equal(raw.normalized, false);
    assertClose(raw.value, Math.log(2), 1e-15, 'raw sum');
  });

  it('writes an infinite KL as the string "Infinity"', () => {
    const r = divergence('kl', '--p', '[0.5, 0.5]', '--q', '[1, 0]', '--json');
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.value, 'Infinity');
    assert.equal(out.pinsker_tv_bound, 'Infinity');
  });

  it('prints a short human line without --json', () => {
    const r = divergence('kl', '--p', '[0.36, 0.48, 0.16]', '--q', '[1/3, 1/3, 1/3]');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^D\(P\|\|Q\) = 0\.08529960131837\d* nats; Pinsker: TV <= 0\.206518\n$/);
  });

  it('a negative value: exit 2, invalid-value naming index 1, one line on stderr', () => {
    const r = divergence('kl', '--p', '[0.5,-1]', '--q', '[0.5,0.5]', '--json');
    assert.equal(r.status, 2);
    const out = JSON.parse(r.stdout);
    assert.equal(out.error.code, 'invalid-value');
    assert.match(out.error.message, /index 1|\[1\]/);
    assert.equal(r.stderr.split('\n').filter(Boolean).length, 1);
    assert.doesNotMatch(r.stderr, /\bat .*\.js:\d+/);
  });

  const errorCases: [string, string[], string][] = [
    ['lengths differ', ['kl', '--p', '[0.5,0.5]', '--q', '[0.2,0.3,0.5]'], 'length-mismatch'],
    ['empty input', ['kl', '--p', '[]', '--q', '[]'], 'empty-input'],
    ['all zeros', ['kl', '--p', '[0,0]', '--q', '[0.5,0.5]'], 'zero-sum'],
    ['NaN', ['kl', '--p', '[nan, 1]', '--q', '[0.5,0.5]'], 'invalid-value'],
    ['unparsable', ['kl', '--p', '[0.5, abc]', '--q', '[0.5,0.5]'], 'parse-error'],
    ['missing --q', ['kl', '--p', '[0.5,0.5]'], 'usage'],
    ['unknown option', ['kl', '--p', '[1]', '--q', '[1]', '--bogus'], 'usage'],
    ['unknown measure', ['klx', '--p', '[1]', '--q', '[1]'], 'usage'],
    ['bad base', ['kl', '--p', '[1]', '--q', '[1]', '--base', '1'], 'invalid-parameter'],
    ['missing file', ['kl', '--p', '@does-not-exist.txt', '--q', '[1]'], 'file-not-found'],
  ];
  for (const [label, args, code] of errorCases) {
    it(`${label}: exit 2 with code ${code}`, () => {
      const r = divergence(...args, '--json');
      assert.equal(r.status, 2, `${r.stdout} ${r.stderr}`);
      assert.equal(JSON.parse(r.stdout).error.code, code);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^divergence: /);
    });
  }

  // References: SciPy 1.17 (scipy.stats.entropy, scipy.special.rel_entr, scipy.spatial.distance.jensenshannon,
  // and the textbook formulas in NumPy for TV, Hellinger, Bhattacharyya and Rényi) on P = [0.36, 0.48, 0.16],
  // Q = [1/3, 1/3, 1/3]. Relative tolerance 1e-12.
  const discrete: [string, string[], number, string | undefined][] = [
    ['entropy', [], 1.0133126873497391, 'nats'],
    ['cross-entropy', [], 1.0986122886681098, 'nats'],
    ['kl', [], 0.08529960131837057, 'nats'],
    ['jeffreys', [], 0.1827546081037581, 'nats'],
    ['js', [], 0.022459860429714602, 'nats'],
    ['js-distance', [], 0.14986614170557205, undefined],
    ['tv', [], 0.17333333333333334, undefined],
    ['hellinger', [], 0.15049827510763786, undefined],
    ['bhattacharyya', [], 0.022910176155072525, undefined],
    ['renyi', ['--alpha', '2'], 0.14565757242236324, 'nats'],
  ];
  for (const [measure, extra, expected, unit] of discrete) {
    it(`${measure} of the example matches SciPy to 1e-12`, () => {
      const args = measure === 'entropy' ? ['--p', '[0.36, 0.48, 0.16]'] : ['--p', '[0.36, 0.48, 0.16]', '--q', '[1/3, 1/3, 1/3]'];
      const r = divergence(measure, ...args, ...extra, '--json');
      assert.equal(r.status, 0, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.equal(out.measure, measure);
      assertClose(out.value, expected, 1e-12, measure);
      if (unit !== undefined) assert.equal(out.unit, unit);
      assert.equal(out.normalized, false);
    });
  }

  it('entropy in bits', () => {
    const out = JSON.parse(divergence('entropy', '--p', '[0.36, 0.48, 0.16]', '--base', '2', '--json').stdout);
    assert.equal(out.unit, 'bits');
    assertClose(out.value, 1.4619011889093374, 1e-12, 'entropy bits');
  });

  it('rejects an option the measure does not take', () => {
    const r = divergence('entropy', '--p', '[0.5, 0.5]', '--alpha', '2', '--json');
    assert.equal(r.status, 2);
    assert.equal(JSON.parse(r.stdout).error.code, 'usage');
    assert.match(r.stderr, /--alpha is not an option of entropy/);
  });

  it('renyi needs --alpha > 0', () => {
    assert.equal(JSON.parse(divergence('renyi', '--p', '[1]', '--q', '[1]', '--json').stdout).error.code, 'usage');
    assert.equal(
      JSON.parse(divergence('renyi', '--p', '[1]', '--q', '[1]', '--alpha', '-1', '--json').stdout).error.code,
      'invalid-parameter',
    );
  });

  describe('files from examples/ (references from SciPy on the same files)', () => {
    const examples = join(__dirname, '..', '..', '..', 'examples');
    it('entropy of a CSV column by name, normalised from its sum', () => {
      const out = JSON.parse(divergence('entropy', '--p', `@${join(examples, 'seattle-weather.csv')}:precipitation`, '--json').stdout);
      assertClose(out.value, 5.854210089721494, 1e-12, 'H(precipitation)');
      assert.equal(out.normalized, true);
      assert.deepEqual(out.sums, { p: 4426 });
    });
    it('entropy of a CSV column by 0-based index, in bits', () => {
      const out = JSON.parse(divergence('entropy', '--p', `@${join(examples, 'seattle-weather.csv')}:4`, '--base', '2', '--json').stdout);
      assertClose(out.value, 10.376294965972882, 1e-12, 'H(wind) bits');
    });
    it('kl and js between rows of a 2-D .npy', () => {
      const npy = join(examples, 'weather-by-year.npy');
      const kl = JSON.parse(divergence('kl', '--p', `@${npy}:3`, '--q', `@${npy}:0`, '--base', '2', '--json').stdout);
      assertClose(kl.value, 0.48625318487864955, 1e-12, 'KL(2015 || 2012) bits');
      assert.deepEqual(kl.sums, { p: 365, q: 366 });
      const inf = JSON.parse(divergence('kl', '--p', `@${npy}:1`, '--q', `@${npy}:2`, '--json').stdout);
      assert.equal(inf.value, 'Infinity');
      const js = JSON.parse(divergence('js', '--p', `@${npy}:0`, '--q', `@${npy}:3`, '--json').stdout);
      assertClose(js.value, 0.07125875297680738, 1e-12, 'JSD(2012, 2015)');
    });
    it('a 2-D .npy without a row is a usage error', () => {
      const r = divergence('entropy', '--p', `@${join(examples, 'weather-by-year.npy')}`, '--json');
      assert.equal(r.status, 2);
      assert.equal(JSON.parse(r.stdout).error.code, 'usage');
    });
    it('an unknown CSV column names the ones there are', () => {
      const r = divergence('entropy', '--p', `@${join(examples, 'seattle-weather.csv')}:rain`, '--json');
      assert.equal(r.status, 2);
      assert.match(JSON.parse(r.stdout).error.message, /precipitation/);
    });
  });

  describe('Gaussian measures (references: closed forms evaluated in NumPy)', () => {
    it('gaussian-kl', () => {
      const out = JSON.parse(divergence('gaussian-kl', '--mu0', '0', '--sigma0', '1', '--mu1', '1', '--sigma1', '2', '--json').stdout);
      assert.equal(out.unit, 'nats');
      assertClose(out.value, Math.log(2) + 2 / 8 - 0.5, 1e-15, 'gaussian-kl');
    });
    it('gaussian-kl rejects sigma <= 0 with invalid-parameter', () => {
      const r = divergence('gaussian-kl', '--mu0', '0', '--sigma0', '0', '--mu1', '1', '--sigma1', '2', '--json');
      assert.equal(r.status, 2);
      assert.equal(JSON.parse(r.stdout).error.code, 'invalid-parameter');
    });
    it('mvn-kl with inline matrices', () => {
      const r = divergence('mvn-kl', '--mu0', '[0,0]', '--cov0', '[[1,0.5],[0.5,2]]', '--mu1', '[1,-1]', '--cov1', '[[2,0],[0,1]]', '--json');
      assert.equal(r.status, 0, r.stderr);
      assertClose(JSON.parse(r.stdout).value, 1.0667656963122614, 1e-12, 'mvn-kl');
    });
    it('mvn-kl names the matrix and the row that is not positive definite', () => {
      const r = divergence('mvn-kl', '--mu0', '[0,0]', '--cov0', '[[1,2],[2,1]]', '--mu1', '[1,-1]', '--cov1', '[[2,0],[0,1]]', '--json');
      assert.equal(r.status, 2);
      const e = JSON.parse(r.stdout).error;
      assert.equal(e.code, 'not-positive-definite');
      assert.match(e.message, /cov0.*row 1/);
    });
    it('vae-kl of a batch', () => {
      const r = divergence('vae-kl', '--mu', '[[0.1,0.2],[0.3,-0.4]]', '--logvar', '[[0.0,-0.5],[0.2,0.1]]', '--json');
      assertClose(JSON.parse(r.stdout).value, 0.21655216797422555, 1e-12, 'vae-kl');
    });
    it('gmm-kl: Monte Carlo reports its standard error and is reproducible by seed', () => {
      const args = ['gmm-kl', '--p-weights', '[0.5,0.5]', '--p-means', '[-1,1]', '--p-sigmas', '[0.5,0.5]', '--q-weights', '[1]', '--q-means', '[0]', '--q-sigmas', '[1.2]'];
      const a = JSON.parse(divergence(...args, '--seed', '7', '--samples', '20000', '--json').stdout);
      const b = JSON.parse(divergence(...args, '--seed', '7', '--samples', '20000', '--json').stdout);
      assert.equal(a.method, 'mc');
      assert.equal(a.value, b.value);
      assert.ok(a.stderr > 0 && a.stderr < 0.01, `stderr ${a.stderr}`);
      const v = JSON.parse(divergence(...args, '--method', 'variational', '--json').stdout);
      assert.equal(v.method, 'variational');
      assert.equal(v.stderr, undefined);
      assert.match(v.note, /negative/);
    });
  });

  it('--input logits: the KL of the softmaxes (50-digit mpmath reference)', () => {
    const out = JSON.parse(divergence('kl', '--p', '[0.1, 0.2, 0.7]', '--q', '[1.0, 2.0, 3.0]', '--input', 'logits', '--json').stdout);
    assertClose(out.value, 0.1368403767485947852922667, 1e-14, 'kl of logits');
    assert.equal(out.normalized, false);
  });

  it('--input log: natural-log probabilities give the same KL as the probabilities', () => {
    const lp = [0.36, 0.48, 0.16].map(Math.log).join(', ');
    const lq = [1 / 3, 1 / 3, 1 / 3].map(Math.log).join(', ');
    const out = JSON.parse(divergence('kl', '--p', `[${lp}]`, '--q', `[${lq}]`, '--input', 'log', '--json').stdout);
    assertClose(out.value, KL_EXAMPLE, 1e-12, 'kl of log-probabilities');
  });

  it('reads a named .npz member (scipy.stats.entropy of the same array as reference)', () => {
    const npz = join(__dirname, '..', '..', 'fixtures', 'data', 'compressed.npz');
    const out = JSON.parse(divergence('entropy', '--p', `@${npz}:d`, '--json').stdout);
    assertClose(out.value, 7.341439948224813, 1e-12, 'entropy of npz member d');
    const r = divergence('entropy', '--p', `@${npz}`, '--json');
    assert.equal(r.status, 2);
    assert.match(JSON.parse(r.stdout).error.message, /name one of them: 'a', 'b', 'c', 'd'/);
  });

  it('reads a .tsv column by header name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'divergence-cli-'));
    try {
      writeFileSync(join(dir, 'd.tsv'), 'label\tp\tq\r\na\t0.36\t1\r\nb\t0.48\t1\r\nc\t0.16\t1\r\n');
      const tsv = join(dir, 'd.tsv');
      const out = JSON.parse(divergence('kl', '--p', `@${tsv}:p`, '--q', `@${tsv}:q`, '--json').stdout);
      assertClose(out.value, KL_EXAMPLE, 1e-12, 'kl from tsv');
      assert.deepEqual(out.sums, { p: 1, q: 3 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('sample measures (references: scipy.stats 1.17 on the same samples)', () => {
    const P = '[0.1, 0.5, 0.9, 1.3, 2.2, -0.4, 0.7]';
    const Q = '[0.3, 0.8, 1.9, 2.5, 0.2, 1.1]';
    const run = (...args: string[]) => {
      const r = divergence(...args, '--json');
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout);
    };
    it('wasserstein and energy (scipy.stats.wasserstein_distance, energy_distance)', () => {
      assertClose(run('wasserstein', '--p', P, '--q', Q).value, 0.39523809523809517, 1e-12, 'wasserstein');
      assertClose(run('energy', '--p', P, '--q', Q).value, 0.36916280844408206, 1e-12, 'energy');
    });
    it('weighted wasserstein (scipy.stats.wasserstein_distance with weights)', () => {
      const out = run('wasserstein', '--p', '[0, 1, 3]', '--q', '[5, 6, 8]', '--p-weights', '[1, 1, 1]', '--q-weights', '[1, 1, 1]');
      assertClose(out.value, 5, 1e-15, 'weighted wasserstein');
    });
    it('ks (scipy.stats.ks_2samp, exact)', () => {
      const out = run('ks', '--p', P, '--q', Q);
      assertClose(out.statistic, 0.2857142857142857, 1e-12, 'ks statistic');
      assertClose(out.pvalue, 0.8717948717948717, 1e-10, 'ks p-value');
      assert.equal(out.method, 'exact');
    });
    it("welch (scipy.stats.ttest_ind(equal_var=False)) and ztest", () => {
      const w = run('welch', '--p', P, '--q', Q);
      assertClose(w.statistic, -0.7700448825491559, 1e-12, 'welch t');
      assertClose(w.pvalue, 0.45845653039753237, 1e-10, 'welch p');
      assertClose(w.df, 10.369833108271859, 1e-12, 'welch df');
      const z = run('ztest', '--p', P, '--q', Q);
      assertClose(z.statistic, -0.7700448825491559, 1e-12, 'z');
      assertClose(z.pvalue, 0.44127326928801675, 1e-10, 'z p-value');
    });
    it('kldivloss batchmean is the KL of the rows', () => {
      const out = run('kldivloss', '--input', '[[-1.2,-0.4],[-0.7,-0.7]]', '--target', '[[0.3,0.7],[0.5,0.5]]', '--reduction', 'batchmean');
      assertClose(out.value, 0.01799425869258056, 1e-12, 'kldivloss batchmean');
      assert.match(out.note, /KL divergence/);
    });
    it('kldivloss needs --reduction', () => {
      const r = divergence('kldivloss', '--input', '[-1, -1]', '--target', '[0.5, 0.5]', '--json');
      assert.equal(r.status, 2);
      assert.equal(JSON.parse(r.stdout).error.code, 'usage');
    });
    it('knn-kl and hist-kl say they are estimates', () => {
      const k = divergence('knn-kl', '--p', P, '--q', Q);
      assert.match(k.stdout, /k-NN estimate, k = 1, d = 1, n = 7, m = 6/);
      const h = run('hist-kl', '--p', P, '--q', Q, '--bins', 'sturges');
      assert.equal(h.bin_rule, 'sturges');
    });
  });

  it('reads @file inputs of numbers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'divergence-cli-'));
    try {
      writeFileSync(join(dir, 'p.txt'), '0.36\n0.48\n0.16\n');
      writeFileSync(join(dir, 'q.json'), '[0.3333333333333333, 0.3333333333333333, 0.3333333333333333]');
      const r = divergence('kl', '--p', `@${join(dir, 'p.txt')}`, '--q', `@${join(dir, 'q.json')}`, '--json');
      assert.equal(r.status, 0, r.stderr);
      assertClose(JSON.parse(r.stdout).value, KL_EXAMPLE, 1e-12, 'from files');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
