import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesReader, type ByteRangeReader } from '../../../src/data/table';
import { csvTable, driftReport, driftReportOfFiles, driftReportOfSplitFile, jsonRecordsTable, parseSplit, splitTable, type DriftFile } from '../../../src/drift';

const root = join(__dirname, '..', '..', '..');

/** A reader over bytes that counts the bytes it hands out and the largest range asked for. */
function countingReader(bytes: Uint8Array): ByteRangeReader & { total: number; largest: number } {
  const inner = bytesReader(bytes);
  const r = {
    byteLength: inner.byteLength,
    total: 0,
    largest: 0,
    read: async (start: number, end: number) => {
      r.total += end - start;
      r.largest = Math.max(r.largest, end - start);
      return inner.read(start, end);
    },
  };
  return r;
}

const file = (name: string, text: string | Uint8Array): DriftFile => ({ name, reader: bytesReader(typeof text === 'string' ? new TextEncoder().encode(text) : text) });

/** A deterministic generator, so the table is the same on every run. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * A CSV text hitting every cell kind: numbers (some on Sturges edges, some written as `1e0`), missing
 * spellings, a column that turns categorical late, quoted fields with delimiters, quotes and line breaks, CRLF.
 */
function generatedCsv(rows: number, seed: number, shift: number): string {
  const next = lcg(seed);
  const lines = ['x,"quoted, name",late,cat,few,sparse'];
  for (let i = 0; i < rows; i++) {
    const x = (Math.round(next() * 400) / 8 + shift).toString();
    const q = next() < 0.1 ? '"a ""b"", c\nd"' : next() < 0.5 ? '"p,q"' : 'r';
    const late = i === rows - 3 ? 'text' : next() < 0.05 ? 'NA' : String(Math.floor(next() * 30));
    const cat = ['red', 'green', 'blue', ' NaN ', 'null'][Math.floor(next() * (shift > 0 ? 5 : 4))]!;
    const few = next() < 0.5 ? '1e0' : '2';
    const sparse = next() < 0.7 ? '' : (next() * 10).toFixed(3);
    lines.push([x, q, late, cat, few, sparse].join(','));
  }
  return `${lines.join(i2(seed))}\r\n\r\n`;
}

/** Line endings of the generated text: LF for one side, CRLF for the other. */
function i2(seed: number): string {
  return seed % 2 === 0 ? '\n' : '\r\n';
}

describe('driftReportOfFiles: the whole-table report, a few columns at a time', () => {
  const refText = generatedCsv(1300, 2, 0);
  const curText = generatedCsv(900, 3, 1.5);
  const whole = driftReport(csvTable(refText), csvTable(curText), { allMeasures: true });

  for (const [pieceBytes, columnsPerPass] of [
    [7, 1],
    [64, 2],
    [1000, 4],
    [1 << 20, 6],
  ] as const) {
    it(`CSV in ${pieceBytes}-byte pieces, ${columnsPerPass} column(s) a pass: equal to the last bit`, async () => {
      const out = await driftReportOfFiles(file('ref.csv', refText), file('cur.csv', curText), { allMeasures: true, pieceBytes, columnsPerPass });
      assert.deepEqual(out.report, whole);
      assert.deepEqual(out.rows, { reference: 1300, current: 900 });
    });
  }

  it('the generated table takes every path: categorical late, missing spellings, a numeric column with missing cells', () => {
    const types = Object.fromEntries(whole.columns.map((c) => [c.column, [c.type, c.test, c.missing.reference > 0]]));
    assert.deepEqual(types, {
      x: ['numerical', 'wasserstein-normed', false],
      'quoted, name': ['categorical', 'js-distance', false],
      late: ['categorical', 'js-distance', true],
      cat: ['categorical', 'js-distance', true],
      few: ['numerical', 'js-distance', false],
      sparse: ['numerical', 'wasserstein-normed', true],
    });
  });

  it('seattle-weather split by year and penguins JSON split by island: equal to the whole-table reports', async () => {
    for (const [name, split] of [
      ['examples/seattle-weather.csv', 'date=2012+2013+2014,2015'],
      ['examples/penguins.json', 'Island=Biscoe,Dream'],
    ] as const) {
      const bytes = new Uint8Array(readFileSync(join(root, name)));
      const text = new TextDecoder().decode(bytes);
      const table = name.endsWith('.json') ? jsonRecordsTable(text) : csvTable(text);
      const { reference, current } = splitTable(table, parseSplit(split));
      const out = await driftReportOfSplitFile(file(name, bytes), parseSplit(split), { allMeasures: true, pieceBytes: 4096, columnsPerPass: 2 });
      assert.deepEqual(out.report, driftReport(reference, current, { allMeasures: true }), name);
      assert.deepEqual(out.rows, { reference: reference.rows, current: current.rows });
    }
  });

  it('reads a CSV file in pieces no larger than asked, and reports progress up to 1', async () => {
    const reader = countingReader(new TextEncoder().encode(refText));
    const fractions: number[] = [];
    await driftReportOfFiles({ name: 'ref.csv', reader }, file('cur.csv', curText), { pieceBytes: 512, columnsPerPass: 3, onProgress: (f) => fractions.push(f) });
    assert.ok(reader.largest <= 512, `largest read ${reader.largest}`);
    assert.ok(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]! - 1e-12)), 'progress is monotone in [0, 1]');
    assert.equal(fractions[fractions.length - 1], 1);
  });

  it('stops with a usage error when cancelled', async () => {
    let calls = 0;
    await assert.rejects(
      driftReportOfFiles(file('ref.csv', refText), file('cur.csv', curText), { pieceBytes: 256, isCancelled: () => ++calls > 5 }),
      (e: Error & { code?: string }) => e.code === 'usage' && /cancelled/.test(e.message),
    );
  });

  it('gives the whole-table errors: a short record, an unknown split column, an unknown column', async () => {
    await assert.rejects(driftReportOfFiles(file('a.csv', 'x,y\n1,2\n3\n'), file('b.csv', 'x,y\n1,2\n'), { pieceBytes: 4 }), /data row 2: 1 fields where the header has 2/);
    await assert.rejects(driftReportOfSplitFile(file('a.csv', 'x,y\n1,2\n'), parseSplit('z=1,2')), /--split: no column 'z'; columns: x, y/);
    await assert.rejects(driftReportOfFiles(file('a.csv', 'x\n1\n'), file('b.csv', 'x\n2\n'), { columns: ['w'] }), /no column 'w' in either table/);
  });
});
