/**
 * readCsvColumnsInChunks must give what csvColumns gives on the whole text: the same values (0 ulps: the same
 * parser), or the same error (code, message, line, data row), whatever the piece size. Checked on generated
 * CSV texts (fast-check, seeded) with headers or not, quoted fields with delimiters and line breaks inside,
 * literal quotes, CRLF / LF / CR, blank lines inside and at the end, ragged records and non-numeric cells,
 * and on examples/seattle-weather.csv.
 */
import { strict as assert } from 'node:assert';
import { skipIfTheMachineStalls } from '../loadGuard';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import fc from 'fast-check';
import { DivergenceError } from '../../../src/core/errors';
import { csvColumns } from '../../../src/data/csv';
import { readCsvColumnListInChunks, readCsvColumnsInChunks, readCsvColumnsInChunksSync } from '../../../src/data/csvChunks';
import type { RandomAccessReader } from '../../../src/data/npyStream';

const SEED = 20261128;

/** Writes rows p,q in batches, keeping no string of the whole file alive (the test measures GC pauses too). */
function writeCsvInBatches(file: string, rows: number): void {
  writeFileSync(file, 'p,q\n');
  for (let start = 0; start < rows; start += 100_000) {
    let batch = '';
    for (let i = start; i < Math.min(rows, start + 100_000); i++) batch += `${((i % 9973) + 1) / 1e7},${((i % 7919) + 1) / 1e7}\n`;
    appendFileSync(file, batch);
  }
}

function memoryReader(bytes: Uint8Array): RandomAccessReader {
  return {
    size: bytes.length,
    read: (position, target) => {
      const n = Math.max(0, Math.min(target.length, bytes.length - position));
      target.set(bytes.subarray(position, position + n));
      return Promise.resolve(n);
    },
  };
}

type Outcome = { values: number[]; shape: number[]; names: string[] } | { code: string; message: string; line?: number; index?: number };

function outcomeOf(f: () => { values: Float64Array; shape: [number, number]; names: string[] }): Outcome {
  try {
    const m = f();
    return { values: Array.from(m.values), shape: [...m.shape], names: m.names };
  } catch (e) {
    if (!(e instanceof DivergenceError)) throw e;
    return { code: e.code, message: e.message, line: e.location.line, index: e.location.index };
  }
}

async function chunkedOutcome(text: string, selectors: (string | number)[], pieceBytes: number): Promise<Outcome> {
  try {
    const m = await readCsvColumnsInChunks(memoryReader(new TextEncoder().encode(text)), selectors, { pieceBytes });
    return { values: Array.from(m.values), shape: [...m.shape], names: m.names };
  } catch (e) {
    if (!(e instanceof DivergenceError)) throw e;
    return { code: e.code, message: e.message, line: e.location.line, index: e.location.index };
  }
}

const number = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => String(x)),
  fc.integer({ min: -999, max: 999 }).map(String),
  fc.constantFrom('0.5', '1e-3', '2.5E+2', '.25', 'nan', 'inf'),
);
const cell = fc.oneof(
  { weight: 8, arbitrary: number },
  { weight: 1, arbitrary: number.map((x) => `"${x}"`) },
  { weight: 1, arbitrary: fc.constantFrom('', 'abc', '"a,b"', '"line\nbreak"', 'x"y', '"q""uote"', ' 7 ') },
);

const csvText = fc
  .record({
    columns: fc.integer({ min: 1, max: 4 }),
    header: fc.boolean(),
    rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 40 }),
    ragged: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    blanks: fc.array(fc.nat(45), { maxLength: 3 }),
    trailing: fc.nat(3),
    delimiter: fc.constantFrom(',', '\t'),
  })
  .map((r) => {
    const lines: string[] = [];
    if (r.header) lines.push(Array.from({ length: r.columns }, (_, k) => `c${k}`).join(r.delimiter));
    for (const row of r.rows) {
      const fields = r.ragged ? row : Array.from({ length: r.columns }, (_, k) => row[k % row.length]!);
      lines.push(fields.join(r.delimiter));
    }
    for (const b of r.blanks) lines.splice(Math.min(b, lines.length), 0, '');
    return { text: lines.join(r.eol) + r.eol.repeat(r.trailing), columns: r.columns, header: r.header };
  });

describe('data: readCsvColumnsInChunks (CSV read in pieces)', function () {
  this.timeout(120000);

  it(`equals csvColumns on the whole text, values or error, for any piece size, async and sync (fast-check, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(csvText, fc.integer({ min: 16, max: 300 }), async ({ text, columns, header }, pieceBytes) => {
        const selectors: (string | number)[] = header ? ['c0', `c${columns - 1}`] : [0, columns - 1];
        const whole = outcomeOf(() => csvColumns(text, selectors));
        const chunked = await chunkedOutcome(text, selectors, pieceBytes);
        assert.deepEqual(chunked, whole);
        const bytes = new TextEncoder().encode(text);
        const sync = outcomeOf(() =>
          readCsvColumnsInChunksSync((position, target) => {
            const n = Math.max(0, Math.min(target.length, bytes.length - position));
            target.set(bytes.subarray(position, position + n));
            return n;
          }, bytes.length, selectors, { pieceBytes }),
        );
        assert.deepEqual(sync, whole, 'the synchronous reader');
        if ('values' in whole) {
          const list = await readCsvColumnListInChunks(memoryReader(bytes), selectors, { pieceBytes });
          const [rows, k] = whole.shape as [number, number];
          assert.equal(list.rows, rows);
          for (let j = 0; j < k; j++) assert.deepEqual(Array.from(list.columns[j]!), whole.values.filter((_, i) => i % k === j), `column ${j}`);
        }
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('reads examples/seattle-weather.csv in 4 KiB pieces as csvColumns reads it whole', async () => {
    const bytes = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'seattle-weather.csv'));
    const text = new TextDecoder().decode(bytes);
    const fractions: number[] = [];
    const m = await readCsvColumnsInChunks(memoryReader(bytes), ['temp_max', 'temp_min'], { pieceBytes: 4096, onProgress: (f) => fractions.push(f) });
    const whole = csvColumns(text, ['temp_max', 'temp_min']);
    assert.deepEqual(m, whole);
    assert.equal(m.shape[0], 1461);
    assert.equal(fractions.at(-1), 1);
  });

  it('names the line and data row of a bad cell far into the file', async () => {
    const lines = ['p,q'];
    for (let i = 0; i < 5000; i++) lines.push(`${i / 5000},${(i + 1) / 5000}`);
    lines[4321] = '0.5,oops';
    const text = lines.join('\r\n') + '\r\n';
    const e = await chunkedOutcome(text, ['p', 'q'], 1000);
    assert.deepEqual(e, outcomeOf(() => csvColumns(text, ['p', 'q'])));
    assert.equal((e as { line: number }).line, 4322);
    assert.equal((e as { index: number }).index, 4320);
  });

  it('stops between pieces once its signal is aborted', async () => {
    const text = 'p,q\n' + '0.5,0.5\n'.repeat(10000);
    const signal = { aborted: false };
    await assert.rejects(
      readCsvColumnsInChunks(memoryReader(new TextEncoder().encode(text)), ['p', 'q'], {
        pieceBytes: 1000,
        signal,
        onProgress: (f) => {
          if (f > 0.3) signal.aborted = true;
        },
      }),
      (e: unknown) => e instanceof Error && e.name === 'AbortError',
    );
  });

  it('keeps the event loop turning (max delay < 50 ms) while a 30 MB CSV file is read in 64 KiB pieces', async function () {
    await skipIfTheMachineStalls(this);
    const dir = mkdtempSync(join(tmpdir(), 'divergence-csv-lag-'));
    try {
      const rows = 1_500_000;
      const file = join(dir, 'big.csv');
      writeCsvInBatches(file, rows);
      const handle = await open(file, 'r');
      const { size } = await handle.stat();
      const histogram = monitorEventLoopDelay({ resolution: 10 });
      histogram.enable();
      const m = await readCsvColumnListInChunks(
        { size, read: async (position, target) => (await handle.read(target, 0, target.length, position)).bytesRead },
        ['p', 'q'],
        { pause: () => new Promise((resolve) => setImmediate(resolve)) },
      );
      histogram.disable();
      await handle.close();
      assert.equal(m.rows, rows);
      assert.equal(m.columns[0]![rows - 1], ((rows - 1) % 9973 + 1) / 1e7);
      assert.equal(m.columns[1]![12345], (12345 % 7919 + 1) / 1e7);
      const maxMs = histogram.max / 1e6;
      assert.ok(maxMs < 50, `event loop delay max ${maxMs.toFixed(1)} ms`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the whole text\'s error for an empty or blank file', async () => {
    for (const text of ['', '\n\n', 'p,q\n']) {
      assert.deepEqual(await chunkedOutcome(text, ['p', 'q'], 64), outcomeOf(() => csvColumns(text, ['p', 'q'])), JSON.stringify(text));
    }
  });
});
