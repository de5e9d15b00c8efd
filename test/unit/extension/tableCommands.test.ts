/**
 * Compare Columns of Data File and KL Divergence of Two Data Files on Parquet and Arrow files: the column list
 * (types, null counts, unreadable columns), projection, nulls dropped or skipped and counted, categorical
 * columns as category frequencies, progress and Cancel. References: SciPy 1.17 (`rel_entr`, `ks_2samp`,
 * `wasserstein_distance`) or mpmath on the CSV twins of the files (examples/seattle-weather.csv,
 * test/fixtures/tables/table.csv: an empty field is a null), rows dropped as the command drops them.
 * Tolerances: 1e-13 relative for sums of n log terms (n ≤ 1461; each term within a few ulps), exact
 * equality for KS statistics (ratios of counts).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { parquetMetadata } from 'hyparquet';
import type { KlResult, KsResult, WassersteinResult } from '../../../src/compute';
import { fileReader } from '../../../src/compute/fileReader';
import { klDivergence } from '../../../src/core/klDivergence';
import { readParquetColumns } from '../../../src/data/parquet';
import { CompareColumnsCommand } from '../../../src/extension/commands/compareColumns';
import { KlOfFilesCommand } from '../../../src/extension/commands/klOfFiles';
import type { OffThreadKl } from '../../../src/extension/offThread';
import { fileRangeReader } from '../../../src/extension/tableFiles';
import type { KlResultView } from '../../../src/shared/protocol';
import { assertClose, fakes } from './commandFakes';
import { answers, pickLabel, shown, TabInputText, Uri, window } from './vscodeDouble';

const ROOT = join(__dirname, '..', '..', '..');
const TABLES = join(ROOT, 'test', 'fixtures', 'tables');
const WEATHER = join(ROOT, 'examples', 'seattle-weather.parquet');
const texts = () => shown.messages.map((m) => `${m.level}: ${m.text}`);
const uri = (path: string) => Uri.file(path) as unknown as vscode.Uri;
const table = (name: string) => uri(join(TABLES, name));
const REL = 1e-13;

/** SciPy on seattle-weather.csv: D(precipitation‖wind) and JSD of the columns normalised (rel_entr sums). */
const WEATHER_KL = 1.231048186857628;
const WEATHER_JS = 0.3084332062856461;

function compareColumns(f: ReturnType<typeof fakes>) {
  const kl: [KlResult, Float64Array, Float64Array, string][] = [];
  const samples: [Float64Array, Float64Array, KsResult, WassersteinResult, string][] = [];
  const command = new CompareColumnsCommand({ ...f, showKl: (...args) => void kl.push(args), showSamples: (...args) => void samples.push(args) });
  return { command, kl, samples };
}

describe('Compare Columns of a Parquet or Arrow file', () => {
  it('lists every column with its type and null count; the date column is listed and refused by name and type', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel('date'));
    await compareColumns(f).command.run(uri(WEATHER));
    assert.deepEqual(
      shown.quickPicks.map((q) => [q.options.title, q.options.placeHolder, q.items.map((i) => [i.label, (i as { description?: string }).description])]),
      [
        [
          'seattle-weather.parquet: P',
          'Choose the column for P (1461 rows)',
          [
            ['date', 'DATE, not read (neither a number, a boolean nor a string)'],
            ['precipitation', 'DOUBLE, no nulls'],
            ['temp_max', 'DOUBLE, no nulls'],
            ['temp_min', 'DOUBLE, no nulls'],
            ['wind', 'DOUBLE, no nulls'],
            ['weather', 'UTF8, categories, no nulls'],
          ],
        ],
      ],
    );
    assert.deepEqual(texts(), ["error: column 'date' has type DATE: only numeric, boolean and string columns are read."]);
    assert.deepEqual(f.channel.lines, ["error: [unsupported-file] seattle-weather.parquet: column 'date' has type DATE: only numeric, boolean and string columns are read."]);
    assert.deepEqual(f.recorded, []);
  });

  it('from the editor tab (binary placeholder): precipitation vs wind, as distributions anyway, equals SciPy on the CSV', async () => {
    const f = fakes();
    window.tabGroups.activeTabGroup.activeTab = { input: new TabInputText(Uri.file(WEATHER)) };
    answers.quickPicks.push(pickLabel('precipitation'), pickLabel('wind'), pickLabel('As distributions anyway'));
    const { command, kl } = compareColumns(f);
    await command.run();
    assert.deepEqual(shown.quickPicks[1]!.items.map((i) => i.label), ['date', 'temp_max', 'temp_min', 'wind', 'weather']);
    assert.equal(shown.quickPicks[2]!.options.title, 'precipitation vs wind read as samples: precipitation holds fractions that sum to 4426, so they are neither counts nor probabilities. Compare them as samples?');
    assert.deepEqual(texts(), [
      'info: precipitation vs wind, read as distributions (read as probabilities; normalised (P summed to 4426, Q to 4735.3)): D(P‖Q) = 1.231 nats, JSD(P, Q) = 0.3084 nats',
    ]);
    assert.deepEqual(f.recorded.map((r) => [r.label, r.unit, r.source]), [['D(P‖Q)', 'nats', 'seattle-weather.parquet: P = precipitation, Q = wind']]);
    assertClose(f.recorded[0]!.value, WEATHER_KL, 'D(P‖Q)', REL);
    assert.equal(kl[0]![1].length, 1461);
    assertClose(Number(/JSD\(P, Q\) = (\S+) nats$/.exec(f.channel.lines[0]!)![1]), WEATHER_JS, 'JSD', REL);
  });

  it('two string columns with nulls (Parquet, zstd): 840 rows dropped, 5 categories counted, +∞ where Q lacks a category of P', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel('word'), pickLabel('maybe_word'));
    await compareColumns(f).command.run(table('table_zstd.parquet'));
    const items = shown.quickPicks[0]!.items as readonly { label: string; description?: string }[];
    assert.deepEqual(
      items.filter((i) => /word|maybe|flag|dec/.test(i.label)).map((i) => [i.label, i.description]),
      [
        ['dec', 'DECIMAL(9, 2), no nulls'],
        ['flag', 'BOOLEAN, categories, no nulls'],
        ['word', 'UTF8, categories, no nulls'],
        ['maybe', 'DOUBLE, 600 nulls'],
        ['maybe_word', 'UTF8, categories, 840 nulls'],
      ],
    );
    assert.deepEqual(texts(), [
      'info: word vs maybe_word, read as distributions (read as probabilities; sums are 1): D(P‖Q) = ∞ nats, JSD(P, Q) = 0.5126 nats; ' +
        'counted 5 categories (3360 values each); 840 of 4200 rows dropped for a null in word or maybe_word',
    ]);
    assert.equal(f.recorded[0]!.value, Infinity);
    // SciPy: 0.5·Σ rel_entr(a, m) + 0.5·Σ rel_entr(b, m) over drizzle, fog, rain, sun, é-ü.
    assertClose(Number(/JSD\(P, Q\) = (\S+) nats/.exec(f.channel.lines[0]!)![1]), 0.512638049398798, 'JSD', REL);
  });

  it('two numeric columns of an Arrow file: rows with a null dropped and counted; KS and W1 as SciPy on the same rows', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel('maybe'), pickLabel('f32'), pickLabel('KS test and Wasserstein-1'));
    const { command, samples } = compareColumns(f);
    await command.run(table('table.arrow'));
    assert.deepEqual(
      (shown.quickPicks[0]!.items as readonly { label: string; description?: string }[]).filter((i) => /^(maybe|word|i64)$/.test(i.label)).map((i) => [i.label, i.description]),
      [
        ['i64', 'Int64, no nulls'],
        ['word', 'Dictionary<Int32, Utf8>, categories, no nulls'],
        ['maybe', 'Float64, 214 nulls'],
      ],
    );
    const [text] = texts();
    assert.match(text!, /^info: maybe vs f32: KS = 0\.3561 \(p = \S+\), W1 = 40\.42; read as samples \(n = 1286, m = 1286\): maybe has values below zero .*; 214 of 1500 rows dropped for a null in maybe or f32$/);
    const [p, q, ks, w] = samples[0]!;
    assert.deepEqual([p.length, q.length], [1286, 1286]);
    assert.equal(ks.statistic, 0.3561430793157076);
    assertClose(w.value, 40.42132824650078, 'W1', REL);
  });

  it('a string column against a numeric one: refused, naming both', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel('word'), pickLabel('f64'));
    await compareColumns(f).command.run(table('table.arrows'));
    assert.deepEqual(texts(), ['error: word holds categories (strings or booleans) and f64 numbers; compare two columns of one kind.']);
    assert.deepEqual(f.channel.lines, ['error: [invalid-parameter] table.arrows: word holds categories (strings or booleans) and f64 numbers; compare two columns of one kind']);
  });

  it('a file past 16 MiB: read behind a progress notification; Cancel on a Parquet file stops the read', async () => {
    const f = fakes();
    answers.statSizes.set(join(TABLES, 'table_snappy.parquet'), 100 * 1024 * 1024);
    answers.quickPicks.push(pickLabel('f64'), pickLabel('half'));
    answers.cancelProgress = true;
    await compareColumns(f).command.run(table('table_snappy.parquet'));
    assert.deepEqual(shown.progress.map((p) => [p.title, p.cancellable]), [['Divergence Lens: reading f64 and half of table_snappy.parquet', true]]);
    assert.deepEqual(texts(), ['info: reading table_snappy.parquet was cancelled.']);
    assert.deepEqual(f.recorded, []);

    const g = fakes();
    answers.statSizes.set(join(TABLES, 'table.arrow'), 100 * 1024 * 1024);
    answers.quickPicks.push(pickLabel('u8'), pickLabel('u16'));
    await compareColumns(g).command.run(table('table.arrow'));
    const [progress] = shown.progress;
    assert.deepEqual([progress!.title, progress!.cancellable], ['Divergence Lens: reading u8 and u16 of table.arrow', false]);
    // Three record batches of 500 rows: a third, two thirds, all.
    assert.deepEqual(progress!.reports, [{ increment: 33, message: '33%' }, { increment: 33, message: '66%' }, { increment: 34, message: '100%' }]);
    assert.equal(g.recorded.length, 1);
  });

  it('a file that is not Parquet: an error naming it; a file with one readable column (nested ones): a warning', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'divergence-tables-'));
    try {
      writeFileSync(join(dir, 'bad.parquet'), 'PAR1 and then no footer');
      const f = fakes();
      await compareColumns(f).command.run(uri(join(dir, 'bad.parquet')));
      assert.deepEqual(f.channel.lines, ["error: [parse-error] bad.parquet: truncated or not a Parquet file: it does not end with the magic number 'PAR1'"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const g = fakes();
    await compareColumns(g).command.run(table('nested.parquet'));
    assert.deepEqual(texts(), ['warning: nested.parquet has one numeric, boolean or string column; two are needed.']);
    assert.deepEqual(shown.quickPicks, []);
  });
});

describe('Parquet files on disk, read by byte ranges', () => {
  it('two of 18 columns: the magic, the footer, and exactly those columns\' chunks in each row group are read', async () => {
    const path = join(TABLES, 'table_uncompressed.parquet');
    const meta = parquetMetadata(readFileSync(path).buffer);
    const file = await fileReader(path);
    const ranges: [number, number][] = [];
    const counting = { ...file, read: async (at: number, target: Uint8Array) => {
      const n = await file.read(at, target);
      ranges.push([at, at + n]);
      return n;
    } };
    try {
      const [f64, half] = await readParquetColumns(fileRangeReader(counting, 'table_uncompressed.parquet'), ['f64', 'half']);
      assert.deepEqual([f64!.values.length, half!.values.length], [4200, 4200]);
    } finally {
      await file.close();
    }
    const chunks = meta.row_groups.flatMap((g) =>
      g.columns
        .map((c) => c.meta_data!)
        .filter((m) => ['f64', 'half'].includes(m.path_in_schema[0]!))
        .map((m): [number, number] => [Number(m.dictionary_page_offset ?? m.data_page_offset), Number(m.dictionary_page_offset ?? m.data_page_offset) + Number(m.total_compressed_size)]),
    );
    const size = file.size;
    assert.deepEqual(ranges, [[0, 4], [size - 8, size], [size - 8 - meta.metadata_length, size], ...chunks]);
    assert.equal(chunks.length, 6); // three row groups
    const read = ranges.reduce((sum, [a, b]) => sum + b - a, 0);
    assert.ok(read < size / 3, `${read} of ${size} bytes read`);
  });
});

/** The worker pool's part, never reached here: the columns are far below the worker threshold. */
const noPool = { run: () => assert.fail('the pool was used') } as unknown as OffThreadKl;

function klOfFiles(f: ReturnType<typeof fakes>) {
  const panel: [KlResultView, boolean][] = [];
  const command = new KlOfFilesCommand({ ...f, offThread: noPool, showInPanel: (view, reveal) => void panel.push([view, reveal]) });
  return { command, panel };
}

describe('KL Divergence of Two Data Files on columns', () => {
  it('a Parquet column against a CSV column, both picked: equals SciPy on the CSV', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel('precipitation'), pickLabel('wind'));
    const { command, panel } = klOfFiles(f);
    await command.run(undefined, [uri(WEATHER), uri(join(ROOT, 'examples', 'seattle-weather.csv'))]);
    assert.deepEqual(shown.quickPicks.map((q) => [q.options.title, q.options.placeHolder]), [
      ['seattle-weather.parquet: the column of P', 'Choose the column of seattle-weather.parquet for P'],
      ['seattle-weather.csv: the column of Q', 'Choose the column of seattle-weather.csv for Q (P is seattle-weather.parquet:precipitation)'],
    ]);
    const source = 'seattle-weather.parquet:precipitation vs seattle-weather.csv:wind';
    assert.deepEqual(texts(), [`info: ${source}: D(P‖Q) = 1.231 nats, n = 1461 (normalised: seattle-weather.parquet:precipitation summed to 4426, seattle-weather.csv:wind to 4735.3)`]);
    assert.deepEqual(f.recorded.map((r) => [r.label, r.source]), [['D(P‖Q)', source]]);
    assertClose(f.recorded[0]!.value, WEATHER_KL, 'D(P‖Q)', REL);
    assert.equal(panel[0]![0].source, source);
  });

  it('columns longer than divergenceLens.workerThreshold: computed by the worker pool, with its title; or cancelled', async () => {
    const titles: string[] = [];
    const pool = (cancel: boolean) =>
      ({
        run: async (title: string, job: (pool: unknown, signal: AbortSignal, onProgress: (f: number) => void) => Promise<unknown>) => {
          titles.push(title);
          const klDivergenceAsync = async (p: Float64Array, q: Float64Array, o: { base?: string }) => ({ ...klDivergence(p, q, o), backend: 'wasm-workers' as const });
          return cancel ? undefined : job({ klDivergenceAsync }, new AbortController().signal, () => undefined);
        },
      }) as unknown as OffThreadKl;
    const files = [uri(WEATHER), uri(WEATHER)];
    for (const cancel of [false, true]) {
      const f = fakes({ workerThreshold: 1000 });
      answers.quickPicks.push(pickLabel('precipitation'), pickLabel('wind'));
      await new KlOfFilesCommand({ ...f, offThread: pool(cancel), showInPanel: () => undefined }).run(undefined, files);
      if (cancel) assert.deepEqual(texts(), ['info: D(P‖Q) of seattle-weather.parquet:precipitation vs seattle-weather.parquet:wind was cancelled.']);
      else assertClose(f.recorded[0]!.value, WEATHER_KL, 'D(P‖Q) in the pool', REL);
    }
    assert.deepEqual(titles, Array(2).fill('Divergence Lens: D(P‖Q) of seattle-weather.parquet:precipitation vs seattle-weather.parquet:wind'));
  });

  it('string columns of two files: each one\'s nulls skipped and counted, categories counted (mpmath of the frequencies)', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel('maybe_word'), pickLabel('maybe_word'));
    await klOfFiles(f).command.run(table('table_snappy.parquet'), [table('table_snappy.parquet'), table('table.arrow')]);
    const source = 'table_snappy.parquet:maybe_word vs table.arrow:maybe_word';
    assert.deepEqual(texts(), [
      `info: ${source}: D(P‖Q) = 0.0001466 nats, n = 3 (counted 3 categories (3360 and 1200 values); 840 nulls of table_snappy.parquet:maybe_word skipped; 300 nulls of table.arrow:maybe_word skipped)`,
    ]);
    // mpmath (40 digits) of the exact frequencies fog 1171/3360, rain 671/3360, sun 1518/3360 against 410, 238 and
    // 552 of 1200. The terms (~0.03) cancel to 1.5e-4, so the sum's rounding weighs ~200 times more: 1e-13
    // (SciPy's rel_entr sum, 1.4661483328416193e-4, is 1.8e-13 off).
    assertClose(f.recorded[0]!.value, 1.466148332841893206256e-4, 'D(P‖Q)', REL);
  });

  it('a nested column refused, or a string column against numbers: errors naming the columns', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel('rec'));
    answers.openDialogs.push([uri(WEATHER)]);
    await klOfFiles(f).command.run(table('nested.parquet'));
    assert.deepEqual(
      (shown.quickPicks[0]!.items as readonly { label: string; description?: string }[]).map((i) => [i.label, i.description]),
      [
        ['list', 'LIST, not read (neither a number, a boolean nor a string)'],
        ['rec', 'group, not read (neither a number, a boolean nor a string)'],
        ['x', 'DECIMAL(2, 1), no nulls'],
      ],
    );
    assert.deepEqual(texts(), ["error: column 'rec' has type group: only numeric, boolean and string columns are read."]);
    const g = fakes();
    answers.quickPicks.push(pickLabel('weather'), pickLabel('wind'));
    await klOfFiles(g).command.run(undefined, [uri(WEATHER), uri(WEATHER)]);
    assert.deepEqual(g.channel.lines, [
      'error: [invalid-parameter] seattle-weather.parquet:weather vs seattle-weather.parquet:wind: ' +
        'seattle-weather.parquet:weather holds categories (strings or booleans) and seattle-weather.parquet:wind numbers; compare two columns of one kind',
    ]);
  });
});
