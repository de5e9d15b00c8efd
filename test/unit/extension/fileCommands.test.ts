/**
 * The commands that read files: Compare Columns of Data File and KL Divergence of Two Data Files, with fake
 * dependencies (the worker pool replaced by the TS reference on this thread) and small files in a temporary
 * folder. Sizes past the commands' limits are reported by the double's `workspace.fs.stat`.
 */
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type * as vscode from 'vscode';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { klDivergence } from '../../../src/core/klDivergence';
import type { NpyStream } from '../../../src/data/npyStream';
import type { KlResult, KsResult, WassersteinResult } from '../../../src/compute';
import { CompareColumnsCommand, SPLIT_LABEL } from '../../../src/extension/commands/compareColumns';
import { KlOfFilesCommand } from '../../../src/extension/commands/klOfFiles';
import type { OffThreadKl } from '../../../src/extension/offThread';
import type { KlResultView } from '../../../src/shared/protocol';
import { npyF8 } from '../data/binaryWriters';
import { assertClose, EXAMPLE_P, EXAMPLE_Q, fakes, REFERENCE } from './commandFakes';
import { answers, pickLabel, shown, TabInputText, Uri, window } from './vscodeDouble';

/**
 * The worker pool's part, done by the TS reference here: `run` hands the job a pool that computes at once
 * (or, cancelled, resolves to undefined as the real one does after Cancel).
 */
function fakeOffThread(options: { cancel?: boolean } = {}) {
  const titles: string[] = [];
  const readAll = async (s: NpyStream): Promise<Float64Array> => {
    const values = new Float64Array(s.length);
    await s.read(0, s.length, values, 0);
    await s.close();
    return values;
  };
  const pool = {
    klDivergenceAsync: async (p: Float64Array, q: Float64Array, o: { base?: string }) => ({ ...klDivergence(p, q, o), backend: 'wasm-workers' as const }),
    klDivergenceFromSources: async (p: NpyStream, q: NpyStream, o: { base?: string }) =>
      ({ ...klDivergence(await readAll(p), await readAll(q), o), backend: 'wasm-workers' as const }),
  };
  const offThread = {
    run: async (title: string, job: (pool: unknown, signal: AbortSignal, onProgress: (f: number) => void) => Promise<unknown>) => {
      titles.push(title);
      return options.cancel ? undefined : job(pool, new AbortController().signal, () => undefined);
    },
  };
  return { titles, offThread: offThread as unknown as OffThreadKl };
}

const texts = () => shown.messages.map((m) => `${m.level}: ${m.text}`);

let dir = '';
/** The double's Uri where the commands' signatures name vscode's (the commands get the double's at run time). */
const uri = (u: Uri) => u as unknown as vscode.Uri;
const file = (name: string) => uri(Uri.file(join(dir, name)));

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'divergence-commands-'));
  writeFileSync(join(dir, 'dist.csv'), `p,q\n${EXAMPLE_P.map((p, i) => `${p},${EXAMPLE_Q[i]}`).join('\n')}\n`);
  // 500 rows, about 6 KB: more than the first piece (2 KiB) that a CSV read in pieces reads.
  writeFileSync(join(dir, 'long.csv'), `p,q\n${'0.002,0.002\n'.repeat(500)}`);
  writeFileSync(join(dir, 'samples.csv'), 'a,b\n-1.5,0.5\n0.25,1.75\n2,3\n');
  writeFileSync(join(dir, 'one.json'), '{"p": [0.5, 0.5]}');
  writeFileSync(join(dir, 'bad.json'), '{"p": [0.5,');
  writeFileSync(join(dir, 'p.npy'), npyF8(EXAMPLE_P));
  writeFileSync(join(dir, 'q.npy'), npyF8(EXAMPLE_Q));
  writeFileSync(join(dir, 'bad.npy'), 'not a NumPy file');
  writeFileSync(join(dir, 'years.npy'), npyF8([...EXAMPLE_P, ...EXAMPLE_Q], [2, 3]));
  writeFileSync(join(dir, 'years.names.txt'), '2012\n2013\n');
  writeFileSync(join(dir, 'neg.npy'), npyF8([0.5, -0.25, 0.75]));
  // One measurement, missing twice (an empty cell, NA), by day and by kind.
  writeFileSync(join(dir, 'days.csv'), 'date,temp,kind\n2012-01-01,1.5,a\n2012-06-01,,a\n2012-07-01,3,b\n2013-01-01,2.5,b\n2013-02-01,NA,a\n2013-03-01,4,a\n');
  copyFileSync(join(__dirname, '..', '..', '..', 'examples', 'penguins.json'), join(dir, 'penguins.json'));
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('CompareColumnsCommand', () => {
  const build = (f: ReturnType<typeof fakes>, offThread?: OffThreadKl) => {
    const kl: [KlResult, Float64Array, Float64Array, string][] = [];
    const samples: [Float64Array, Float64Array, KsResult, WassersteinResult, string][] = [];
    const command = new CompareColumnsCommand({
      ...f,
      offThread,
      showKl: (...args) => void kl.push(args),
      showSamples: (...args) => void samples.push(args),
    });
    return { command, kl, samples };
  };

  it('no file given, open or in the active tab: a warning', async () => {
    const f = fakes();
    await build(f).command.run();
    assert.deepEqual(texts(), ['warning: open or right-click a .csv, .tsv, .json, .npy, .npz, .parquet or .arrow file first.']);
  });

  it('a file with one numeric array, or past the size read: a warning', async () => {
    const f = fakes();
    const { command } = build(f);
    await command.run(file('one.json'));
    answers.statSizes.set(file('one.json').fsPath, 600 * 1024 * 1024);
    await command.run(file('one.json'));
    assert.deepEqual(texts(), [
      'warning: one.json has one numeric column; two are needed.',
      'warning: one.json has 629145600 bytes, more than this command reads; use the divergence CLI.',
    ]);
  });

  it('a DivergenceError reading the file: an error naming it', async () => {
    const f = fakes();
    await build(f).command.run(file('bad.json'));
    assert.deepEqual(texts(), ['error: bad.json: line 1, column 12: the text ends where a value should be.']);
    assert.deepEqual(f.recorded, []);
  });

  it('P or Q not chosen (Escape): nothing computed', async () => {
    const f = fakes();
    const { command, kl } = build(f);
    await command.run(file('dist.csv'));
    answers.quickPicks.push(pickLabel('p'));
    await command.run(file('dist.csv'));
    assert.deepEqual(
      shown.quickPicks.map((q) => [q.options.title, q.items.map((i) => i.label)]),
      [
        ['dist.csv: P', ['p', 'q']],
        ['dist.csv: P', ['p', 'q']],
        ['dist.csv: Q', ['q']],
      ],
    );
    assert.deepEqual([shown.messages, f.recorded, kl], [[], [], []]);
  });

  it('two columns that read as distributions: D(P‖Q) and JSD, recorded and sent to the panel', async () => {
    const f = fakes();
    window.tabGroups.activeTabGroup.activeTab = { input: new TabInputText(Uri.file(join(dir, 'dist.csv'))) };
    answers.quickPicks.push(pickLabel('p'), pickLabel('q'));
    const { command, kl } = build(f);
    await command.run();
    assert.deepEqual(texts(), ['info: p vs q, read as distributions (read as probabilities; sums are 1): D(P‖Q) = 0.0853 nats, JSD(P, Q) = 0.02246 nats']);
    const source = 'dist.csv: P = p, Q = q';
    assert.deepEqual(f.recorded.map((r) => [r.label, r.unit, r.source]), [['D(P‖Q)', 'nats', source]]);
    assertClose(f.recorded[0]!.value, REFERENCE.kl, 'D(P‖Q)');
    assert.deepEqual(kl.map(([r, p, q, s]) => [r.value, Array.from(p), Array.from(q), s]), [[f.recorded[0]!.value, EXAMPLE_P, EXAMPLE_Q, source]]);
    const m = /; JSD\(P, Q\) = (\S+) nats$/.exec(f.channel.lines[0]!);
    assertClose(Number(m![1]), REFERENCE.js, 'JSD in the output');
  });

  it('two columns that read as samples: why, in the columns\' terms, and the sample measures offered', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel('a'), pickLabel('b'));
    await build(f).command.run(file('samples.csv'));
    const [, , measures] = shown.quickPicks;
    assert.equal(measures!.options.title, 'a vs b read as samples: a has values below zero (-1.5 is value 1 of 3), and probabilities cannot be negative. Compare them as samples?');
    assert.deepEqual(measures!.items.map((i) => i.label), ['KS test and Wasserstein-1', 'k-NN KL estimate', 'Histogram KL estimate']);
    assert.deepEqual([shown.messages, f.recorded], [[], []]);
  });

  it('the k-NN KL estimate of two columns (mpmath: ⅓(ln(2/1.75) + 2 ln(0.25/1.75)) + ln(3/2))', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel('a'), pickLabel('b'), pickLabel('k-NN KL estimate'));
    const { command, samples } = build(f);
    await command.run(file('samples.csv'));
    assert.deepEqual(texts(), [
      'info: a vs b: D̂(P‖Q) = -0.8473 nats (k-NN estimate, k = 1); read as samples (n = 3, m = 3): a has values below zero (-1.5 is value 1 of 3), and probabilities cannot be negative',
    ]);
    assert.deepEqual(f.recorded.map((r) => [r.label, r.unit, r.source]), [['D̂(P‖Q) (k-NN)', 'nats', 'samples.csv: P = a, Q = b']]);
    assertClose(f.recorded[0]!.value, -0.847297860387203613710107506520611, 'k-NN D̂', 1e-15);
    assert.equal(samples.length, 1);
  });

  it('two columns that read as samples: KS and W1 (SciPy: D = 2/3, exact p = 0.6, W1 = 1.5)', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel('a'), pickLabel('b'), pickLabel('KS test and Wasserstein-1'));
    const { command, samples } = build(f);
    await command.run(file('samples.csv'));
    assert.equal(shown.messages.length, 1);
    assert.deepEqual(texts(), [
      'info: a vs b: KS = 0.6667 (p = 0.6), W1 = 1.5; read as samples (n = 3, m = 3): a has values below zero (-1.5 is value 1 of 3), and probabilities cannot be negative',
    ]);
    assert.deepEqual(f.recorded.map((r) => [r.label, r.unit, r.source]), [['W1(P, Q)', '', 'samples.csv: P = a, Q = b']]);
    const [, , ks, w] = samples[0]!;
    assertClose(ks.statistic, 2 / 3, 'KS statistic', 1e-15);
    assertClose(ks.pvalue, 0.6, 'KS p-value', 1e-14);
    // The CDF integral sums the steps 0.5 + 1.25 + 0.25 … in doubles: within 2 ulps of 1.5.
    assertClose(w.value, 1.5, 'W1', 4.5e-16);
    assert.equal(f.recorded[0]!.value, w.value);
  });

  it('penguins.json split: body mass by species, Adelie vs Gentoo, each group listed with its count; missing masses dropped and counted', async () => {
    const f = fakes();
    answers.quickPicks.push(
      pickLabel(SPLIT_LABEL),
      pickLabel('Body Mass (g)'),
      pickLabel('Species'),
      pickLabel('Adelie'),
      pickLabel('Gentoo'),
      pickLabel('KS test and Wasserstein-1'),
    );
    const { command, samples } = build(f);
    await command.run(file('penguins.json'));
    const picks = shown.quickPicks.map((q) => [q.options.title, q.items.map((i) => `${i.label}${'description' in i && i.description ? ` | ${String(i.description)}` : ''}`)]);
    assert.deepEqual(picks.slice(1, 5), [
      ['penguins.json: the column to split', [
        'Beak Length (mm) | 342 numbers, 2 missing',
        'Beak Depth (mm) | 342 numbers, 2 missing',
        'Flipper Length (mm) | 342 numbers, 2 missing',
        'Body Mass (g) | 342 numbers, 2 missing',
        'Species | 344 values, categories: 3 distinct',
        'Island | 344 values, categories: 3 distinct',
        'Sex | 334 values, categories: 3 distinct, 10 missing skipped',
      ]],
      ['penguins.json: split Body Mass (g) by', [
        'Species | text, 3 groups: Adelie (152), Chinstrap (68), Gentoo (124)',
        'Island | text, 3 groups: Torgersen (52), Biscoe (168), Dream (124)',
        'Sex | text, 3 groups: MALE (168), FEMALE (165), . (1); 10 rows without one',
      ]],
      ['penguins.json: Body Mass (g) by Species: group P', ['Adelie | 152 rows', 'Chinstrap | 68 rows', 'Gentoo | 124 rows']],
      ['penguins.json: Body Mass (g) by Species: group Q (P is Adelie)', ['Chinstrap | 68 rows', 'Gentoo | 124 rows']],
    ]);
    assert.equal(picks[5]![0], 'Body Mass (g) by Species: Adelie (151 values) vs Gentoo (123), two samples. Choose a measure');
    assert.deepEqual(texts(), [
      'info: Adelie vs Gentoo: KS = 0.8356 (p = 1.036e-48), W1 = 1375; read as samples (n = 151, m = 123): two groups of one column; ' +
        '2 rows without Body Mass (g) left out (1 of Adelie, 1 of Gentoo)',
    ]);
    const source = 'penguins.json: Body Mass (g) by Species, P = Adelie, Q = Gentoo';
    assert.deepEqual(f.recorded.map((r) => [r.label, r.source]), [['W1(P, Q)', source]]);
    // SciPy 1.17: ks_2samp(adelie, gentoo) = (0.8356216012491251, 1.0358584997229177e-48),
    // wasserstein_distance(adelie, gentoo) = 1375.3540085069724 (the 151 and 123 masses that are not null).
    const [p, q, ks, w] = samples[0]!;
    assert.deepEqual([p.length, q.length, p[0], q[0]], [151, 123, 3750, 4500]);
    assertClose(ks.statistic, 0.8356216012491251, 'KS statistic', 1e-15);
    assertClose(ks.pvalue, 1.0358584997229177e-48, 'KS p-value', 1e-12);
    assertClose(w.value, 1375.3540085069724, 'W1', 1e-14);
  });

  it('split by the year of a date column; NA and empty cells dropped and counted (SciPy: KS = 0.5, p = 1, W1 = 1)', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel(SPLIT_LABEL), pickLabel('temp'), pickLabel('year of date'), pickLabel('2012'), pickLabel('2013'), pickLabel('KS test and Wasserstein-1'));
    await build(f).command.run(file('days.csv'));
    // temp has missing cells, so it is no column of P or Q; it can be split. date and kind hold categories.
    assert.deepEqual(shown.quickPicks[0]!.items.map((i) => i.label), ['date', 'kind', SPLIT_LABEL]);
    assert.deepEqual(shown.quickPicks[2]!.items.map((i) => i.label), ['year of date', 'kind']);
    assert.deepEqual(texts(), [
      'info: 2012 vs 2013: KS = 0.5 (p = 1), W1 = 1; read as samples (n = 2, m = 2): two groups of one column; 2 rows without temp left out (1 of 2012, 1 of 2013)',
    ]);
    assert.equal(f.recorded[0]!.value, 1);
  });

  it('split with a group too small for the k-NN estimate: the error names the group', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel(SPLIT_LABEL), pickLabel('temp'), pickLabel('kind'), pickLabel('b'), pickLabel('a'), pickLabel('k-NN KL estimate'));
    writeFileSync(join(dir, 'kinds.csv'), 'temp,kind\n1,a\n2,a\n3,a\n4,b\n,b\n5,c\n6,c\n');
    await build(f).command.run(file('kinds.csv'));
    assert.deepEqual(texts(), ['error: b has 1 point.']);
    assert.deepEqual(f.channel.lines, ['error: [invalid-parameter] kinds.csv: temp by kind, P = b, Q = a: b has 1 point: the k-NN estimate needs at least k + 1 = 2 (each point needs k neighbours besides itself)']);
  });

  it('split: a column that is its own only group column is not offered as the values', async () => {
    writeFileSync(join(dir, 'cyl.csv'), 'cyl,x\n4,0.5\n4,1.5\n6,2.5\n6,3.5\n');
    const f = fakes();
    answers.quickPicks.push(pickLabel(SPLIT_LABEL));
    await build(f).command.run(file('cyl.csv'));
    assert.deepEqual(shown.quickPicks.map((q) => [q.options.title, q.items.map((i) => i.label)]), [
      ['cyl.csv: P', ['cyl', 'x', SPLIT_LABEL]],
      ['cyl.csv: the column to split', ['x']],
    ]);
  });

  it('split with a group that has no values: a warning, nothing computed', async () => {
    const f = fakes();
    writeFileSync(join(dir, 'empty-group.csv'), 'v,g\n1,a\n2,a\n,b\nNA,b\n3,c\n');
    answers.quickPicks.push(pickLabel(SPLIT_LABEL), pickLabel('v'), pickLabel('g'), pickLabel('a'), pickLabel('b'));
    await build(f).command.run(file('empty-group.csv'));
    assert.deepEqual(texts(), ['warning: empty-group.csv: v by g, P = a, Q = b: the rows of b have no v values.']);
    assert.deepEqual(f.channel.lines, ['warn: empty-group.csv: v by g, P = a, Q = b: the rows of b have no v values; 2 rows without v left out (0 of a, 2 of b).']);
    assert.deepEqual(f.recorded, []);
  });

  it('a .npy with a names sidecar: its rows listed and reported by name; without one, "row r of n"', async () => {
    const f = fakes();
    answers.quickPicks.push(pickLabel('2012'), pickLabel('2013'));
    await build(f).command.run(file('years.npy'));
    assert.deepEqual(shown.quickPicks[0]!.items.map((i) => i.label), ['2012', '2013']);
    assert.deepEqual(texts(), ['info: 2012 vs 2013, read as distributions (read as probabilities; sums are 1): D(P‖Q) = 0.0853 nats, JSD(P, Q) = 0.02246 nats']);
    assert.equal(f.recorded[0]!.source, 'years.npy: P = 2012, Q = 2013');
    rmSync(join(dir, 'years.names.txt'));
    await build(fakes()).command.run(file('years.npy'));
    assert.deepEqual(shown.quickPicks[0]!.items.map((i) => i.label), ['row 0 of 2', 'row 1 of 2']);
  });

  it('a CSV past 64 MiB: read in pieces behind a progress notification, D(P‖Q) in the worker pool; or cancelled', async () => {
    const f = fakes();
    answers.statSizes.set(file('dist.csv').fsPath, 100 * 1024 * 1024);
    answers.quickPicks.push(pickLabel('p'), pickLabel('q'));
    const pool = fakeOffThread();
    const { command, kl } = build(f, pool.offThread);
    await command.run(file('dist.csv'));
    assert.deepEqual(shown.progress.map((p) => [p.title, p.cancellable]), [['Divergence Lens: reading dist.csv', true]]);
    assert.deepEqual(pool.titles, ['Divergence Lens: D(P‖Q) of dist.csv: P = p, Q = q']);
    assert.deepEqual(texts(), ['info: p vs q (3 rows, read in pieces), read as distributions (read as probabilities; sums are 1): D(P‖Q) = 0.0853 nats']);
    assertClose(f.recorded[0]!.value, REFERENCE.kl, 'D(P‖Q)');
    assert.equal(kl[0]![0].backend, 'wasm');

    const g = fakes();
    answers.statSizes.set(file('dist.csv').fsPath, 100 * 1024 * 1024);
    answers.quickPicks.push(pickLabel('p'), pickLabel('q'));
    await build(g, fakeOffThread({ cancel: true }).offThread).command.run(file('dist.csv'));
    assert.deepEqual(texts(), ['info: D(P‖Q) of dist.csv: P = p, Q = q was cancelled.']);
    assert.deepEqual(g.recorded, []);

    const h = fakes();
    answers.statSizes.set(file('long.csv').fsPath, 100 * 1024 * 1024);
    answers.quickPicks.push(pickLabel('p'), pickLabel('q'));
    answers.cancelProgress = true;
    const reading = fakeOffThread();
    await build(h, reading.offThread).command.run(file('long.csv'));
    assert.deepEqual(texts(), ['info: reading long.csv was cancelled.']);
    assert.deepEqual([reading.titles, h.recorded], [[], []]);
  });
});

describe('KlOfFilesCommand', () => {
  const build = (f: ReturnType<typeof fakes>, pool = fakeOffThread()) => {
    const panel: [KlResultView, boolean][] = [];
    const command = new KlOfFilesCommand({ ...f, offThread: pool.offThread, showInPanel: (view, reveal) => void panel.push([view, reveal]) });
    return { command, panel, pool };
  };

  it('three files selected, or files not on disk: a warning', async () => {
    const f = fakes();
    const { command } = build(f);
    await command.run(file('p.npy'), [file('p.npy'), file('q.npy'), file('bad.npy')]);
    await command.run(undefined, [uri(Uri.parse('vscode-vfs://github/p.npy')), uri(Uri.parse('vscode-vfs://github/q.npy'))]);
    assert.deepEqual(texts(), [
      'warning: 3 data files are selected; select two (P, then Q).',
      "warning: p.npy vs q.npy: only files on this machine's disk can be read in chunks.",
    ]);
  });

  it('the open dialogs dismissed: nothing', async () => {
    const f = fakes();
    const { command, pool } = build(f);
    await command.run();
    await command.run(file('p.npy'));
    assert.deepEqual(shown.openDialogs.map((d) => d.title), ['Divergence Lens: the data file of P', 'Divergence Lens: the data file of Q (P is p.npy)']);
    assert.deepEqual([shown.messages, pool.titles, f.recorded], [[], [], []]);
  });

  it('a file that is not a .npy (DivergenceError) or is missing: an error naming it', async () => {
    const f = fakes();
    const { command, pool } = build(f);
    await command.run(undefined, [file('bad.npy'), file('q.npy')]);
    await command.run(undefined, [file('missing.npy'), file('q.npy')]);
    const notNpy = 'bad.npy: not a .npy file: it does not start with the magic string \\x93NUMPY';
    const missing = `ENOENT: no such file or directory, open '${join(dir, 'missing.npy')}'`;
    assert.deepEqual(texts(), [`error: ${notNpy}.`, `error: ${missing}.`]);
    assert.deepEqual(f.channel.lines, [`error: [unsupported-file] bad.npy vs q.npy: ${notNpy}`, `error: [ENOENT] missing.npy vs q.npy: ${missing}`]);
    assert.deepEqual([pool.titles, f.recorded], [[], []]);
  });

  it('an inadmissible value: the error names the file, not P or Q', async () => {
    const f = fakes();
    await build(f).command.run(undefined, [file('p.npy'), file('neg.npy')]);
    assert.deepEqual(texts(), ['error: neg.npy[1] is -0.25 (0-based index 1): probabilities must be finite and non-negative.']);
  });

  it('Cancel on the progress notification: said so, nothing recorded', async () => {
    const f = fakes();
    const { command, panel } = build(f, fakeOffThread({ cancel: true }));
    await command.run(undefined, [file('p.npy'), file('q.npy')]);
    assert.deepEqual(texts(), ['info: D(P‖Q) of p.npy vs q.npy was cancelled.']);
    assert.deepEqual(f.channel.lines, ['info: D(P‖Q) of p.npy vs q.npy was cancelled.']);
    assert.deepEqual([f.recorded, panel], [[], []]);
  });

  it('two .npy files (P from the Explorer, Q from the dialog): D(P‖Q) shown, recorded and sent to the panel', async () => {
    const f = fakes();
    answers.openDialogs.push([file('q.npy')]);
    const { command, panel, pool } = build(f);
    await command.run(file('p.npy'));
    assert.deepEqual(pool.titles, ['Divergence Lens: D(P‖Q) of p.npy vs q.npy']);
    assert.deepEqual(shown.messages, [{ level: 'info', text: 'p.npy vs q.npy: D(P‖Q) = 0.0853 nats, n = 3', items: ['Copy', 'Open Panel', 'Insert as Comment'] }]);
    assert.deepEqual(f.recorded.map((r) => [r.label, r.unit, r.source]), [['D(P‖Q)', 'nats', 'p.npy vs q.npy']]);
    assertClose(f.recorded[0]!.value, REFERENCE.kl, 'D(P‖Q)');
    assert.equal(panel.length, 1);
    const [view, reveal] = panel[0]!;
    assert.deepEqual([view.value, view.p, view.q, view.n, view.backend, view.source, reveal], [f.recorded[0]!.value, EXAMPLE_P, EXAMPLE_Q, 3, 'wasm', 'p.npy vs q.npy', false]);
    const value = f.recorded[0]!.value;
    assert.deepEqual(f.channel.lines, [
      `info: D(P‖Q) p.npy vs q.npy: ${value} nats; n = 3; normalized = false (sum P = 1, sum Q = 1); ` +
        `Pinsker TV ≤ ${Math.sqrt(value / 2)}; backend = wasm-workers (read in chunks)`,
    ]);
  });
});
