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
