/**
 * The CLI reads CSV/TSV files above CSV_PIECEWISE_BYTES in pieces. Here the threshold is lowered to 0 through
 * DIVERGENCE_CSV_PIECEWISE_BYTES, so every file takes that path, and the output must be the same, byte for
 * byte, as the whole-text path's: values (0 ulps), messages with line and column, exit codes.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const cli = join(ROOT, 'dist', 'cli.js');
const WEATHER = join(ROOT, 'examples', 'seattle-weather.csv');

function divergence(piecewise: boolean, ...args: string[]) {
  const env = { ...process.env };
  if (piecewise) env.DIVERGENCE_CSV_PIECEWISE_BYTES = '0';
  else delete env.DIVERGENCE_CSV_PIECEWISE_BYTES;
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('divergence CLI: CSV files read in pieces', function () {
  this.timeout(60000);
  let dir: string;

  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does)');
    dir = mkdtempSync(join(tmpdir(), 'divergence-csv-pieces-'));
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const cases: Array<[string, string[]]> = [
    ['ks of two named columns', ['ks', '--p', `@${WEATHER}:temp_max`, '--q', `@${WEATHER}:temp_min`, '--json']],
    ['wasserstein, first numeric column (no selector) against a named one', ['wasserstein', '--p', `@${WEATHER}`, '--q', `@${WEATHER}:wind`, '--json']],
    ['entropy of a column', ['entropy', '--p', `@${WEATHER}:precipitation`, '--json']],
    ['an unknown column', ['ks', '--p', `@${WEATHER}:nope`, '--q', `@${WEATHER}:wind`, '--json']],
    // P and Q of one file read whole are scanned once for both (prefetchCsvColumns): the same output.
    ['kl of two named columns of one file', ['kl', '--p', `@${WEATHER}:temp_max`, '--q', `@${WEATHER}:wind`, '--json']],
    ['js of two columns by index', ['js', '--p', `@${WEATHER}:3`, '--q', `@${WEATHER}:4`, '--json']],
    ['kl where P names a column of categories', ['kl', '--p', `@${WEATHER}:weather`, '--q', `@${WEATHER}:wind`, '--json']],
  ];
  for (const [name, args] of cases) {
    it(`${name}: the same output as the whole-text path`, () => {
      const whole = divergence(false, ...args);
      const pieces = divergence(true, ...args);
      assert.deepEqual(pieces, whole);
    });
  }

  it('a bad cell far into a file: the same line and column in the message', () => {
    const lines = ['p,q'];
    for (let i = 1; i <= 3000; i++) lines.push(`${i},${3001 - i}`);
    lines[2500] = '7,seven';
    const file = join(dir, 'bad.csv');
    writeFileSync(file, lines.join('\n') + '\n');
    const args = ['kl', '--p', `@${file}:p`, '--q', `@${file}:q`, '--json'];
    const whole = divergence(false, ...args);
    const pieces = divergence(true, ...args);
    assert.equal(whole.status, 2);
    assert.match(whole.stderr, /line 2501/);
    assert.deepEqual(pieces, whole);
  });

  it('a binary file given as CSV: refused as unsupported-file either way (the piecewise path names line and column)', () => {
    const file = join(dir, 'binary.csv');
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x0a, 1, 2, 3]));
    const args = ['entropy', '--p', `@${file}`, '--json'];
    for (const piecewise of [false, true]) {
      const r = divergence(piecewise, ...args);
      assert.equal(r.status, 2);
      assert.equal(JSON.parse(r.stdout).error.code, 'unsupported-file');
      assert.match(r.stderr, piecewise ? /binary file, not CSV text: it has a NUL byte at line 1, column 5\n$/ : /binary file, not text: it has a NUL byte at byte 4\n$/);
      assert.equal(r.stderr.split('\n').length, 2, 'one line');
    }
  });
});
