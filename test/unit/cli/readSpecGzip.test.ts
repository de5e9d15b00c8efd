/**
 * `@data.csv.gz` / `@data.tsv.gz`: decompressed as a stream and read in pieces, the same values as the
 * uncompressed file (0 ulps), the same CSV errors (line, column, header name), and a corrupt gzip stream
 * refused with what zlib found and where.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DivergenceError } from '../../../src/core/errors';
import { readMatrixSpec, readSpec } from '../../../src/cli/readSpec';

function rows(n: number): string {
  let s = 'label,p,q\n';
  for (let i = 0; i < n; i++) s += `r${i},${(i % 97) / 89 + 1e-9},${((i * 7) % 101) / 3}\n`;
  return s;
}

function throwsWith(f: () => unknown, code: string, message: RegExp): void {
  assert.throws(f, (e: unknown) => e instanceof DivergenceError && e.code === code && message.test(e.message));
}

describe('readSpec: gzip-compressed CSV and TSV', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'divergence-gz-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, bytes: Uint8Array | string): string {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  }

  it('reads the columns of a .csv.gz as of the .csv (named, first numeric, a list for a matrix)', () => {
    const text = rows(200_000);
    const plain = write('t.csv', text);
    const gz = write('t.csv.gz', gzipSync(text));
    assert.deepEqual(readSpec(`@${gz}:q`, '--p'), readSpec(`@${plain}:q`, '--p'));
    assert.deepEqual(readSpec(`@${gz}`, '--p'), readSpec(`@${plain}`, '--p'));
    const m = readMatrixSpec(`@${gz}:p,q`, '--x');
    assert.deepEqual(m, readMatrixSpec(`@${plain}:p,q`, '--x'));
    assert.deepEqual(m.shape, [200_000, 2]);
    assert.equal(m.values[2 * 1234 + 1], ((1234 * 7) % 101) / 3);
  });

  it('reads a .tsv.gz with the tab as delimiter', () => {
    const gz = write('t.tsv.gz', gzipSync('a\tb\n1.5\t2\n2.5\t3\n'));
    assert.deepEqual(Array.from(readSpec(`@${gz}:b`, '--p')), [2, 3]);
  });

  it('names the line, column and header of a bad cell as for the uncompressed file', () => {
    const text = `${rows(50_000)}r,0.5,oops\n`;
    const gz = write('bad-cell.csv.gz', gzipSync(text));
    throwsWith(() => readSpec(`@${gz}:q`, '--p'), 'parse-error', /bad-cell\.csv\.gz: line 50002, column 3 \('q'\): 'oops' is not a number$/);
  });

  it('refuses a corrupt, truncated or non-gzip stream saying what and where', () => {
    const good = gzipSync(rows(100_000));
    const damaged = Uint8Array.from(good);
    damaged.fill(0xff, 4000, 4004);
    throwsWith(() => readSpec(`@${write('damaged.csv.gz', damaged)}:p`, '--p'), 'parse-error', /corrupt gzip stream: .+ \(at compressed byte \d+, after \d+ decompressed bytes\)$/);
    throwsWith(
      () => readSpec(`@${write('cut.csv.gz', good.subarray(0, 3000))}:p`, '--p'),
      'parse-error',
      /cut\.csv\.gz: corrupt gzip stream: unexpected end of file \(at compressed byte 3000, after \d+ decompressed bytes\)$/,
    );
    throwsWith(
      () => readSpec(`@${write('plain.csv.gz', 'p,q\n1,2\n')}:p`, '--p'),
      'parse-error',
      /corrupt gzip stream: incorrect header check \(at compressed byte 0, after 0 decompressed bytes\)$/,
    );
  });

  it('refuses other gzip files by name', () => {
    throwsWith(() => readSpec(`@${write('t.json.gz', gzipSync('[1,2]'))}`, '--p'), 'unsupported-file', /\.csv\.gz and \.tsv\.gz are read/);
  });
});
