/**
 * "Compare Two Datasets (Drift)…" on files read a few columns at a time (files on disk over the threshold),
 * with the vscode double: the view (report, rows, charts) equals the one of the files read whole, for the
 * examples (the reference values of compareDatasets.test.ts) and for a generated pair read in many pieces and
 * passes; the progress notification shows the fraction; Cancel stops the read.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { CompareDatasetsCommand, SPLIT_ITEM, type CompareDatasetsDeps } from '../../../src/extension/commands/compareDatasets';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsModel';
import type { DriftReportView } from '../../../src/shared/driftView';
import { fakes } from './commandFakes';
import { answers, CancellationTokenSource, pickLabel, shown, Uri, window } from './vscodeDouble';

const root = join(__dirname, '..', '..', '..');
const example = (name: string) => Uri.file(join(root, 'examples', name)) as unknown as vscode.Uri;
const REF = example('seattle-2012.csv');
const CUR = example('seattle-2015.csv');

/** Read in pieces (every file on disk is over a threshold of 0 bytes), or whole (no file is over Infinity). */
const WHOLE = { piecewiseBytes: Infinity };
const PIECES = { piecewiseBytes: 0, pieces: { columnsPerPass: 2, pieceBytes: 4096 } };

async function viewOf(options: Pick<CompareDatasetsDeps, 'piecewiseBytes' | 'pieces'>, start: (c: CompareDatasetsCommand) => Promise<void>) {
  const f = fakes();
  const views: DriftReportView[] = [];
  const command = new CompareDatasetsCommand({ settings: () => DEFAULT_SETTINGS, output: f.output, showDrift: (view) => void views.push(view), ...options });
  await start(command);
  return { views, messages: shown.messages.map((m) => `${m.level}: ${m.text}`), progress: [...shown.progress] };
}

/** The notification's reports of a read in pieces: whole percents, increasing, adding up to 100. */
function assertPercents(reports: readonly { increment?: number; message?: string }[]): void {
  const percents = reports.map((r) => Number(/^reading the columns: (\d+)%$/.exec(r.message ?? '')?.[1]));
  assert.ok(percents.length >= 3 && percents.every((p, i) => i === 0 || p > percents[i - 1]!), JSON.stringify(reports));
  assert.equal(percents.at(-1), 100);
  assert.equal(reports.reduce((s, r) => s + (r.increment ?? 0), 0), 100);
}

describe('Compare Two Datasets (Drift) in pieces', () => {
  it('two example files: the same view as read whole (report, rows, charts)', async () => {
    const whole = await viewOf(WHOLE, (c) => c.run(REF, [REF, CUR]));
    const pieces = await viewOf(PIECES, (c) => c.run(REF, [REF, CUR]));
    assert.equal(whole.views.length, 1);
    assert.deepEqual(pieces.views, whole.views);
    assert.deepEqual(pieces.messages, whole.messages);
    assertPercents(pieces.progress[0]!.reports);
  });

  it("one example file split by year: the same view as read whole; the split's columns listed in pieces", async () => {
    const split = (c: CompareDatasetsCommand) => {
      answers.quickPicks.push(pickLabel(SPLIT_ITEM), pickLabel('date'), (items) => items.filter((i) => i.label === '2012'), (items) => items.filter((i) => i.label === '2015'));
      return c.run(example('seattle-weather.csv'));
    };
    const whole = await viewOf(WHOLE, split);
    const pieces = await viewOf(PIECES, split);
    assert.equal(whole.views[0]!.report.split, 'date=2012,2015');
    assert.deepEqual(pieces.views, whole.views);
    assert.deepEqual(pieces.progress.map((p) => p.title), ['Divergence Lens: the columns of seattle-weather.csv', 'Divergence Lens: drift of seattle-weather.csv split by date=2012,2015']);
    assertPercents(pieces.progress[1]!.reports);
  });

  it('a 600 MiB CSV on disk is read in pieces; a 600 MiB JSON file, held whole, is left to the command line', async () => {
    const whole = await viewOf(WHOLE, (c) => c.run(REF, [REF, CUR]));
    const big = await viewOf({}, (c) => {
      answers.statSizes.set(REF.fsPath, 600 * 1024 * 1024);
      return c.run(REF, [REF, CUR]);
    });
    assert.deepEqual(big.views, whole.views);
    assert.ok(big.progress[0]!.reports.some((r) => r.message === 'reading the columns: 100%'));
    const json = example('penguins.json');
    const refused = await viewOf({}, (c) => {
      answers.statSizes.set(json.fsPath, 600 * 1024 * 1024);
      return c.run(REF, [REF, json]);
    });
    assert.equal(refused.views.length, 0);
    assert.match(refused.messages[0]!, /^error: penguins\.json has 629145600 bytes, more than this command reads/);
  });

  describe('a generated pair of 20000 rows each, over a threshold of 64 KiB', () => {
    let dir = '';
    /** x: a smooth number (Wasserstein), n: 0 to 3 (JS distance), city: text with missing cells on the current side. */
    function table(rows: number, seed: number, shift: number): string {
      let state = seed;
      const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
      const lines = ['x,n,city'];
      for (let i = 0; i < rows; i++) {
        const x = (next() + next() + next() + shift).toFixed(4);
        const city = shift > 0 && i % 97 === 0 ? '' : ['Oslo', 'Lima', 'Pune'][Math.floor(next() * (shift > 0 ? 2.5 : 3))]!;
        lines.push(`${x},${Math.floor(next() * 4)},${city}`);
      }
      return `${lines.join('\n')}\n`;
    }
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'divergence-drift-pieces-'));
      writeFileSync(join(dir, 'ref.csv'), table(20000, 7, 0));
      writeFileSync(join(dir, 'cur.csv'), table(20000, 11, 0.2));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));
    const file = (name: string) => Uri.file(join(dir, name)) as unknown as vscode.Uri;
    const SMALL = { piecewiseBytes: 64 * 1024, pieces: { columnsPerPass: 1, pieceBytes: 16 * 1024 } };

    it('read in 16 KiB pieces, a column a pass: the view of the files read whole, with progress', async () => {
      const start = (c: CompareDatasetsCommand) => c.run(file('ref.csv'), [file('ref.csv'), file('cur.csv')]);
      const whole = await viewOf(WHOLE, start);
      const pieces = await viewOf(SMALL, start);
      const r = whole.views[0]!.report;
      assert.deepEqual(
        r.columns.map((c) => [c.column, c.test, c.missing]),
        [['x', 'wasserstein-normed', { reference: 0, current: 0 }], ['n', 'js-distance', { reference: 0, current: 0 }], ['city', 'js-distance', { reference: 0, current: 207 }]],
      );
      assert.deepEqual([r.reference.rows, r.current.rows], [20000, 20000]);
      assert.deepEqual(pieces.views, whole.views);
      assert.equal(whole.progress[0]!.reports.some((p) => /%$/.test(p.message ?? '')), false);
      assertPercents(pieces.progress[0]!.reports);
      assert.ok(pieces.progress[0]!.reports.length > 20, `${pieces.progress[0]!.reports.length} progress reports`);
    });

    it('Cancel as the read starts: no report, a message says so', async () => {
      const pieces = await viewOf(SMALL, (c) => {
        answers.cancelProgress = true;
        return c.run(file('ref.csv'), [file('ref.csv'), file('cur.csv')]);
      });
      assert.equal(pieces.views.length, 0);
      assert.deepEqual(pieces.messages, ['info: the drift report of ref.csv vs cur.csv was cancelled.']);
    });

    it('Cancel in the middle of the read (at 30%): the read stops there, no report', async () => {
      const withProgress = window.withProgress;
      // Cancel (a token of the test's own) once the notification shows 30%.
      window.withProgress = ((options, task) =>
        withProgress(options, (progress) => {
          const source = new CancellationTokenSource();
          const report = (value: { increment?: number; message?: string }) => {
            progress.report(value);
            if (/: 30%$/.test(value.message ?? '')) source.cancel();
          };
          return task({ report }, source.token);
        })) as typeof withProgress;
      try {
        const pieces = await viewOf(SMALL, (c) => c.run(file('ref.csv'), [file('ref.csv'), file('cur.csv')]));
        assert.equal(pieces.views.length, 0);
        assert.deepEqual(pieces.messages, ['info: the drift report of ref.csv vs cur.csv was cancelled.']);
        const last = pieces.progress[0]!.reports.at(-1)?.message;
        assert.match(last ?? '', /: 3[01]%$/);
      } finally {
        window.withProgress = withProgress;
      }
    });

    it('an error of a file read in pieces names the side and the file', async () => {
      writeFileSync(join(dir, 'short.csv'), 'x,n,city\n1,2\n');
      const pieces = await viewOf(SMALL, (c) => c.run(file('ref.csv'), [file('ref.csv'), file('short.csv')]));
      assert.equal(pieces.views.length, 0);
      assert.match(pieces.messages[0]!, /^error: current data short\.csv: /);
    });
  });
});
