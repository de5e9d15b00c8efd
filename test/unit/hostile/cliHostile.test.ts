/**
 * The CLI (dist/cli.js, built by `node scripts/build.mjs`) over a table of hostile inputs: for each, exit
 * status 2, exactly one line on stderr ("divergence: ..."), with --json one `{"error": {code, message}}`
 * object on stdout carrying the expected code, and never a stack trace. Results that do succeed never hold
 * NaN; an infinite value is the string "Infinity".
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileOnce } from '../../../src/cli/readSpec';
import type { DivergenceErrorCode } from '../../../src/core/errors';
import { expectError } from '../data/dataAssert';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const hostile = join(root, 'test', 'fixtures', 'hostile');
const h = (name: string): string => `@${join(hostile, name)}`;

function run(args: readonly string[], options: { input?: string; node?: readonly string[] } = {}) {
  const r = spawnSync(process.execPath, [...(options.node ?? [cli]), ...args], { encoding: 'utf8', input: options.input ?? '', timeout: 60_000 });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2, one clean line on stderr, the JSON error with `code`; returns the message. */
function assertRefused(args: readonly string[], code: DivergenceErrorCode | 'internal-error', message?: RegExp, options?: Parameters<typeof run>[1]): string {
  const r = run([...args, '--json'], options);
  const context = `divergence ${args.join(' ').slice(0, 200)}\nstdout: ${r.stdout.slice(0, 400)}\nstderr: ${r.stderr.slice(0, 400)}`;
  assert.equal(r.signal, null, context);
  assert.equal(r.status, 2, context);
  const lines = r.stderr.split('\n');
  assert.equal(lines.length, 2, `one line on stderr: ${context}`);
  assert.equal(lines[1], '', context);
  assert.match(lines[0]!, /^divergence: \S/, context);
  assert.doesNotMatch(r.stderr, /\n\s+at |\.[cm]?js:\d+|\[object |undefined/, `no stack trace or leaked internals: ${context}`);
  const out = JSON.parse(r.stdout) as { error: { code: string; message: string } };
  assert.deepEqual(Object.keys(out), ['error'], context);
  assert.equal(out.error.code, code, context);
  assert.equal(`divergence: ${out.error.message}`, lines[0], 'the JSON message is the stderr line');
  if (message) assert.match(out.error.message, message, context);
  return out.error.message;
}

/** No NaN (or null, which is what NaN becomes in JSON) anywhere in a successful result. */
function assertCleanResult(args: readonly string[]): Record<string, unknown> {
  const r = run([...args, '--json']);
  assert.equal(r.status, 0, `divergence ${args.join(' ')}: ${r.stderr}`);
  assert.equal(r.stderr, '');
  const out = JSON.parse(r.stdout) as Record<string, unknown>;
  const walk = (v: unknown, path: string): void => {
    assert.notEqual(v, null, `null at ${path}`);
    if (typeof v === 'number') assert.ok(Number.isFinite(v), `${v} at ${path}`);
    if (typeof v === 'string') assert.doesNotMatch(v, /^(NaN|-Infinity)$/, `${v} at ${path}`);
    if (typeof v === 'object') for (const [k, x] of Object.entries(v as object)) walk(x, `${path}.${k}`);
  };
  walk(out, 'result');
  return out;
}

type Case = readonly [label: string, args: readonly string[], code: DivergenceErrorCode, message?: RegExp];

const CASES: readonly Case[] = [
  // bad arguments
  ['no arguments', [], 'usage', /^no measure given: divergence <measure>/],
  ['an unknown measure', ['klx', '--p', '1'], 'usage', /^unknown measure 'klx'; known: entropy, /],
  ['an unknown option', ['kl', '--p', '1', '--q', '1', '--bogus'], 'usage', /^unknown option --bogus$/],
  ['an option of another measure', ['kl', '--p', '1', '--q', '1', '--alpha', '2'], 'usage', /--alpha is not an option of kl/],
  ['a missing value (the next word is --json)', ['kl', '--q', '1', '--p'], 'usage', /^--p needs a value/],
  ['an option where a value should be', ['kl', '--p', '--q', '1'], 'usage', /^--p needs a value, but the next word is the option --q$/],
  ['an option given twice', ['kl', '--p', '1', '--p', '2', '--q', '1'], 'usage', /^--p is given twice$/],
  ['a flag with a value', ['kl', '--p', '1', '--q', '1', '--no-normalize=yes'], 'usage', /--no-normalize takes no value/],
  ['two measures', ['kl', 'js', '--p', '1', '--q', '1'], 'usage', /unexpected argument 'js'/],
  ['a missing --q', ['kl', '--p', '[0.5, 0.5]'], 'usage', /^kl needs --q$/],
  ['--base 0', ['kl', '--p', '1 1', '--q', '1 1', '--base', '0'], 'invalid-parameter', /log base 0 is invalid/],
  ['--base 1', ['kl', '--p', '1 1', '--q', '1 1', '--base', '1'], 'invalid-parameter', /log base 1 is invalid/],
  ['--base nan', ['kl', '--p', '1 1', '--q', '1 1', '--base', 'nan'], 'invalid-parameter', /log base 'nan' is not a number/],
  ['--base 0.5 for a distance', ['js-distance', '--p', '1 2', '--q', '2 1', '--base', '0.5'], 'invalid-parameter', /needs a log base > 1/],
  ['--input bogus', ['kl', '--p', '1', '--q', '1', '--input', 'bogus'], 'usage', /--input must be prob, log, logits/],
  ['--alpha nan', ['renyi', '--p', '1 1', '--q', '1 1', '--alpha', 'nan'], 'usage', /--alpha must be a finite number, not 'nan'/],
  ['--alpha 0', ['renyi', '--p', '1 1', '--q', '1 1', '--alpha', '0'], 'invalid-parameter'],
  ['--bins 1e9', ['hist-kl', '--p', '1 2 3', '--q', '1 2 3', '--bins', '1000000000'], 'invalid-parameter', /at most 1000000 bins/],
  ['--bins -1', ['hist-kl', '--p', '1 2 3', '--q', '1 2 3', '--bins', '-1'], 'usage', /--bins must be fd, sturges or a whole number/],
  ['--k 1e9', ['knn-kl', '--p', '1 2 3', '--q', '4 5 6', '--k', '1000000000'], 'invalid-parameter', /needs at least k \+ 1/],
  ['--samples 1e20', ['gmm-kl', '--p-weights', '1', '--p-means', '0', '--p-sigmas', '1', '--q-weights', '1', '--q-means', '0', '--q-sigmas', '1', '--samples', '1e20'], 'invalid-parameter', /samples is 100000000000000000000/],
  ['--sigma0 0', ['gaussian-kl', '--mu0', '0', '--sigma0', '0', '--mu1', '0', '--sigma1', '1'], 'invalid-parameter'],
  ['kldivloss without --reduction', ['kldivloss', '--input', '[0]', '--target', '[1]'], 'usage', /^kldivloss needs --reduction$/],
  // bad inline values
  ['an empty SPEC', ['kl', '--p', '', '--q', '1'], 'empty-input', /^--p: expected an array such as \[0\.1, 0\.9\] at line 1, column 1, found no numbers$/],
  ['[]', ['kl', '--p', '[]', '--q', '[]'], 'empty-input'],
  ['prose', ['entropy', '--p', 'the quick brown fox'], 'parse-error', /^--p: .*line 1, column \d+/],
  ['1e309 (overflows to Infinity)', ['kl', '--p', '[1e309, 1]', '--q', '[1, 1]'], 'invalid-value', /^P\[0\] is Infinity \(0-based index 0\)/],
  ['NaN text', ['kl', '--p', 'NaN 1', '--q', '1 1'], 'invalid-value', /^P\[0\] is NaN \(0-based index 0\)/],
  ['Infinity text', ['kl', '--p', '1 -Infinity', '--q', '1 1'], 'invalid-value', /^P\[1\] is -Infinity \(0-based index 1\)/],
  ['a negative value', ['kl', '--p', '[0.5, -0.5]', '--q', '[0.5, 0.5]'], 'invalid-value', /^P\[1\] is -0\.5/],
  ['mismatched lengths', ['kl', '--p', '[1, 2]', '--q', '[1, 2, 3]'], 'length-mismatch', /^P has 2 values and Q has 3; P and Q look like samples/],
  ['all zeros', ['kl', '--p', '[0, 0]', '--q', '[1, 1]'], 'zero-sum', /^P sums to zero/],
  ['a matrix for a vector', ['kl', '--p', '[[1, 2], [3, 4]]', '--q', '[1, 2]'], 'usage', /^--p: this is a 2 x 2 matrix, but a vector is wanted here/],
  ['a malformed literal', ['kl', '--p', '[0.1, 0.2', '--q', '[0.5, 0.5]'], 'parse-error', /^--p: .*line 1, column \d+/],
  ['two arrays in one SPEC', ['entropy', '--p', '[1] [2]'], 'parse-error', /found 2 arrays, expected 1/],
  ['a singular covariance', ['mvn-kl', '--mu0', '[0, 0]', '--cov0', '[[1, 1], [1, 1]]', '--mu1', '[0, 0]', '--cov1', '[[1, 0], [0, 1]]'], 'not-positive-definite', /cov0/],
  ['samples with NaN', ['ks', '--p', '1 2 nan', '--q', '1 2 3'], 'invalid-value'],
  // files
  ['a missing file', ['kl', '--p', '@/nonexistent/p.csv', '--q', '1'], 'file-not-found', /^--p: cannot read '\/nonexistent\/p\.csv': no such file$/],
  ['a directory', ['kl', '--p', `@${hostile}`, '--q', '1'], 'file-not-found', /is a directory, not a file$/],
  ['a device (/dev/zero: endless)', ['kl', '--p', '@/dev/zero', '--q', '1'], 'unsupported-file', /^--p: '\/dev\/zero' is not a regular file/],
  ['/dev/null', ['kl', '--p', '@/dev/null', '--q', '1'], 'unsupported-file', /is not a regular file/],
  ["'@' alone", ['kl', '--p', '@', '--q', '1'], 'usage', /^--p: '@' must be followed by a file path$/],
  ['an unknown extension', ['kl', '--p', `@${join(hostile, 'README.md')}`, '--q', '1'], 'unsupported-file', /\.md files are not read/],
  ['an unknown CSV column', ['entropy', '--p', `${h('bom-crlf.csv')}:nope`], 'parse-error', /no column named 'nope'; columns: 'p', 'q'/],
  ['a row past the end', ['entropy', '--p', `${h('good.npz')}:p:9`], 'usage'],
  ['an npz member that is not there', ['entropy', '--p', `${h('good.npz')}:zz`], 'parse-error', /no array named 'zz'; its arrays: 'p', 'q'/],
  ['an npz without a member name', ['entropy', '--p', h('good.npz')], 'parse-error', /holds 2 arrays; name one of them: 'p', 'q'/],
];

/** Every hostile fixture as --p: its code, and the file in the message. */
const FILES: readonly (readonly [file: string, code: DivergenceErrorCode, message?: RegExp])[] = [
  ['truncated-data.npy', 'parse-error', /it is truncated/],
  ['truncated-header.npy', 'parse-error'],
  ['truncated-magic.npy', 'parse-error'],
  ['shape-lies.npy', 'parse-error', /shape \(10,\)/],
  ['dtype-lies.npy', 'parse-error', /<f4/],
  ['terabytes.npy', 'parse-error', /8\.00e\+18 bytes/],
  ['half-gigabyte.npy', 'parse-error'],
  ['negative-shape.npy', 'parse-error'],
  ['object-dtype.npy', 'unsupported-file'],
  ['complex-dtype.npy', 'unsupported-file'],
  ['three-d.npy', 'unsupported-file'],
  ['header-code.npy', 'parse-error'],
  ['header-length-lies.npy', 'parse-error'],
  ['version-9.npy', 'unsupported-file'],
  ['not-npy.npy', 'unsupported-file'],
  ['empty.npy', 'unsupported-file'],
  ['truncated.npz', 'parse-error'],
  ['truncated-tail.npz', 'parse-error'],
  ['bad-crc.npz', 'parse-error', /CRC-32/],
  ['bomb-claim.npz', 'parse-error', /more than DEFLATE can expand/],
  ['corrupt-deflate.npz', 'parse-error'],
  ['member-lies.npz', 'parse-error'],
  ['encrypted.npz', 'unsupported-file'],
  ['empty-archive.npz', 'empty-input'],
  ['not-zip.npz', 'unsupported-file'],
  ['binary.csv', 'unsupported-file', /binary file, not text: it has a NUL byte at byte 8/],
  ['binary.json', 'unsupported-file'],
  ['binary.txt', 'unsupported-file'],
  ['latin1-garbage.csv', 'unsupported-file'],
  ['ragged.csv', 'parse-error', /line 3 has 1 field but the first record has 2/],
  ['unclosed-quote.csv', 'parse-error', /line 2, column 1/],
  ['semicolons.csv', 'parse-error', /line 2/],
  ['empty.csv', 'empty-input'],
  ['blank-lines.csv', 'empty-input'],
  ['header-only.csv', 'parse-error', /no data rows/],
  ['deep.json', 'parse-error', /line 1, column 10001: arrays and objects nest deeper than 10000 levels/],
  ['truncated.json', 'parse-error', /line 1, column 15/],
  ['trailing-comma.json', 'parse-error', /line 1, column 11/],
  ['strings.json', 'parse-error', /line 1, column 2/],
  ['mixed.json', 'parse-error', /line 1, column 7/],
  ['empty.json', 'parse-error', /line 1, column 1/],
  ['empty-array.json', 'empty-input'],
  ['huge-numbers.txt', 'invalid-value', /^P\[2\] is Infinity \(0-based index 2\)/],
  ['nan.txt', 'invalid-value', /^P\[1\] is NaN \(0-based index 1\)/],
  ['prose.txt', 'parse-error', /line 1, column 1: 'The' is not a number/],
  ['empty.txt', 'empty-input'],
];

describe('hostile inputs: the CLI exits 2 with one line and a JSON error code', function () {
  this.timeout(120_000);
  let dir: string;

  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `node scripts/build.mjs` first (npm test does)');
    dir = mkdtempSync(join(tmpdir(), 'divergence-hostile-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [label, args, code, message] of CASES) {
    it(`${label}: ${code}`, () => {
      assertRefused(args, code, message);
    });
  }

  for (const [file, code, message] of FILES) {
    it(`--p @${file}: ${code}`, () => {
      const m = assertRefused(['entropy', '--p', h(file)], code, message);
      if (code !== 'invalid-value') assert.ok(m.startsWith(`--p: ${join(hostile, file)}: `), `the message names --p and the file: ${m}`);
    });
  }

  it('a non-numeric CSV cell: line and column (field and name) of the cell', () => {
    assertRefused(['entropy', '--p', `${h('nonnumeric.csv')}:q`], 'parse-error', /^--p: .*nonnumeric\.csv: line 3, column 2 \('q'\): 'abc' is not a number; a column is read as numbers when every cell that is not missing is a number, and as categories when none is$/);
    // An empty cell of a numeric column is a missing value, skipped and counted; --strict-missing refuses it.
    assertRefused(['entropy', '--p', `${h('empty-cell.csv')}:1`, '--strict-missing'], 'parse-error', /line 3, column 2 \('q'\): the cell is empty; --strict-missing refuses missing cells$/);
  });

  it('empty stdin and closed stdin change nothing (the CLI reads no stdin)', () => {
    assertRefused(['kl'], 'usage', /^kl needs --p$/, { input: '' });
    assertCleanResult(['entropy', '--p', '[0.5, 0.5]']);
  });

  it('an unreadable file (chmod 000): file-not-found "permission denied"; as root, which bypasses modes, it is read', () => {
    const f = join(dir, 'secret.txt');
    writeFileSync(f, '0.5 0.5\n');
    chmodSync(f, 0o000);
    try {
      if (process.getuid?.() === 0) {
        assert.equal(assertCleanResult(['entropy', '--p', `@${f}`]).value, Math.LN2);
      } else {
        assertRefused(['entropy', '--p', `@${f}`], 'file-not-found', /cannot read the file: permission denied/);
      }
    } finally {
      chmodSync(f, 0o600);
    }
  });

  it('a file that changes while it is read is refused, never half-read (size/mtime check around one read)', () => {
    const f = join(dir, 'growing.txt');
    writeFileSync(f, '0.5 0.5\n');
    // The same read the CLI does, with a writer appending between the read and the second fstat.
    expectError(() => readFileOnce(f, 2 ** 30, 'text', { afterRead: () => appendFileSync(f, '0.25 0.25\n') }), 'unsupported-file', undefined, /^the file changed while it was being read \(8 bytes, then 18\): read it again once it is written$/);
    // Unchanged, it reads exactly.
    assert.equal(readFileOnce(f, 2 ** 30, 'text').toString('utf8'), '0.5 0.5\n0.25 0.25\n');
  });

  it('true infinities succeed as the string "Infinity"; huge but finite inputs give finite results', () => {
    assert.equal(assertCleanResult(['kl', '--p', '[0.5, 0.5]', '--q', '[1, 0]']).value, 'Infinity');
    assert.equal(assertCleanResult(['mvn-kl', '--mu0', '[0]', '--cov0', '[[1]]', '--mu1', '[1e308]', '--cov1', '[[1e-300]]']).value, 'Infinity');
    // Values near the largest double are rescaled, not overflowed: KL of [1e308, 1e308] vs [1e308, 3e307] (exact: ln(2·1e308/(1.3e308)) / 2 + ... ).
    const r = assertCleanResult(['kl', '--p', '[1e308, 1e308]', '--q', '[1e308, 3e307]']);
    const expected = 0.5 * Math.log(0.5 / (1 / 1.3)) + 0.5 * Math.log(0.5 / (0.3 / 1.3));
    assert.ok(Math.abs((r.value as number) - expected) <= 1e-14 * expected, `${r.value} vs ${expected}`);
  });

  it('an exception or a rejected promise escaping main: exit 2, one line, code internal-error, no stack', () => {
    const boot = (fault: string) => ['-e', `process.argv.splice(1, Infinity, 'divergence', 'entropy', '--p', '[1]', '--json'); require(${JSON.stringify(cli)}); ${fault}`];
    for (const fault of ["setTimeout(() => { throw new Error('boom') }, 0)", "Promise.reject(new Error('boom'))"]) {
      const r = run([], { node: boot(fault) });
      assert.equal(r.status, 2, `${fault}: ${r.stderr}`);
      const lines = r.stdout.trim().split('\n');
      assert.deepEqual(JSON.parse(lines.at(-1)!), { error: { code: 'internal-error', message: 'internal error: boom' } });
      assert.equal(r.stderr, 'divergence: internal error: boom\n');
    }
  });
});
