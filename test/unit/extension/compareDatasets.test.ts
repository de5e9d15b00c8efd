/**
 * "Compare Two Datasets (Drift)…" with the vscode double: every way to choose the inputs (two files selected,
 * one file and a Quick Pick, the palette's open dialogs, one file split by a column's values), the settings,
 * Cancel, and every failure as a message. Reference: test/fixtures/drift/drift.json (NumPy/SciPy, the same
 * rows as examples/seattle-2012.csv and seattle-2015.csv), relative 1e-12.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { BROWSE_ITEM, SPLIT_ITEM } from '../../../src/extension/commands/compareDatasets';
import type { DriftSettings } from '../../../src/extension/settingsModel';
import type { DriftReportView } from '../../../src/shared/driftView';
import { driftCommand } from './commandFakes';
import { answers, pickLabel, shown, Uri } from './vscodeDouble';

const root = join(__dirname, '..', '..', '..');
const example = (name: string) => Uri.file(join(root, 'examples', name)) as unknown as vscode.Uri;
const REF = example('seattle-2012.csv');
const CUR = example('seattle-2015.csv');

const fixture = (
  JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'drift', 'drift.json'), 'utf8')) as {
    files: { name: string; columns: { column: string; test: string; score: number; drifted: boolean; missing: object }[] }[];
  }
).files.find((f) => f.name === 'seattle-weather date=2012,2015')!;

const run = (drift: Partial<DriftSettings> = {}) => driftCommand(drift);

const texts = () => shown.messages.map((m) => `${m.level}: ${m.text}`);

/** The report of 2012 against 2015 as SciPy computed it: tests, scores (rel 1e-12), verdicts, missing counts. */
function assertSeattleReport(view: DriftReportView): void {
  const r = view.report;
  assert.equal(r.columns.length, fixture.columns.length);
  for (const [i, want] of fixture.columns.entries()) {
    const got = r.columns[i]!;
    assert.deepEqual([got.column, got.test, got.drifted, got.missing], [want.column, want.test, want.drifted, want.missing]);
    assert.ok(Math.abs(got.score - want.score) <= 1e-12 * Math.abs(want.score), `${want.column}: ${got.score} vs ${want.score}`);
  }
  assert.deepEqual([r.drifted_columns, r.columns_tested, r.share_drifted, r.dataset_drift], [3, 5, 0.6, true]);
  assert.deepEqual(view.charts.map((c) => c.column), fixture.columns.map((c) => c.column));
}

describe('Compare Two Datasets (Drift)', () => {
  it('two table files selected in the Explorer: the first is the reference; the report goes to the Drift view', async () => {
    const t = run();
    await t.command.run(REF, [REF, CUR]);
    assert.equal(t.views.length, 1);
    const view = t.views[0]!;
    assertSeattleReport(view);
    assert.deepEqual([view.report.reference, view.report.current], [{ path: 'seattle-2012.csv', rows: 366 }, { path: 'seattle-2015.csv', rows: 365 }]);
    assert.deepEqual(Object.keys(view.report).slice(0, 3), ['reference', 'current', 'columns']);
    assert.equal(view.test, 'auto');
    assert.deepEqual(shown.progress.map((p) => [p.title, p.cancellable]), [['Divergence Lens: drift of seattle-2012.csv vs seattle-2015.csv', true]]);
    assert.deepEqual(texts(), ['info: seattle-2012.csv vs seattle-2015.csv: 3 of 5 columns drifted (share 0.6 ≥ 0.5): dataset drift.']);
    assert.ok(t.channel.lines.some((l) => /temp_max \(numerical\): ks = 0\.000315708762128\d*, threshold 0\.05: DRIFT; missing 0\/0/.test(l)), t.channel.lines.join('\n'));
  });

  it('on one file: the current data picked among the workspace\'s table files', async () => {
    const t = run();
    answers.workspaceFiles.push(REF as unknown as Uri, CUR as unknown as Uri);
    answers.quickPicks.push(pickLabel('seattle-2015.csv'));
    await t.command.run(REF);
    assert.deepEqual(shown.quickPicks[0]!.items.map((i) => i.label), ['seattle-2015.csv', SPLIT_ITEM, BROWSE_ITEM]);
    assertSeattleReport(t.views[0]!);
  });

  it('from the palette: two open dialogs (the reference, then Browse… for the current data)', async () => {
    const t = run();
    answers.openDialogs.push([REF as unknown as Uri], [CUR as unknown as Uri]);
    answers.quickPicks.push(pickLabel(BROWSE_ITEM));
    await t.command.run();
    assert.deepEqual(shown.openDialogs.map((d) => d.title), [
      'Divergence Lens: the reference table (what the current data is compared with)',
      'Divergence Lens: the current table (compared with seattle-2012.csv)',
    ]);
    assertSeattleReport(t.views[0]!);
  });

  it("one file split by a column's values: a date column by year, 2012 against 2015, as --split date=2012,2015", async () => {
    const t = run();
    answers.quickPicks.push(
      pickLabel(SPLIT_ITEM),
      pickLabel('date'),
      (items) => items.filter((i) => i.label === '2012'),
      (items) => items.filter((i) => i.label === '2015'),
    );
    await t.command.run(example('seattle-weather.csv'));
    const columnPick = shown.quickPicks[1]!.items as readonly { label: string; description?: string }[];
    assert.deepEqual(columnPick.find((i) => i.label === 'date')?.description, '4 years: 2012 (366 rows), 2013 (365 rows), 2014 (365 rows), 2015 (365 rows)');
    assert.deepEqual(shown.quickPicks[3]!.items.map((i) => i.label), ['2013', '2014', '2015']);
    const view = t.views[0]!;
    assertSeattleReport(view);
    assert.equal(view.report.split, 'date=2012,2015');
  });

  it('the settings: one test and threshold for every column, the drift share, every measure; all stated in the view', async () => {
    const t = run({ test: 'psi', threshold: 0.2, driftShare: 0.9, allMeasures: true });
    await t.command.run(REF, [REF, CUR]);
    const view = t.views[0]!;
    assert.deepEqual(view.report.columns.map((c) => [c.test, c.threshold]), new Array(5).fill(['psi', 0.2]));
    assert.deepEqual([view.test, view.threshold, view.report.drift_share], ['psi', 0.2, 0.9]);
    // PSI of temp_max (fixture: 0.2254636037540745) ≥ 0.2.
    assert.ok(Math.abs(view.report.columns[1]!.score - 0.2254636037540745) <= 1e-12 * 0.23);
    assert.equal(Object.keys(view.report.columns[1]!.measures ?? {}).length, 7);
  });

  it('Cancel: no report, a message says so', async () => {
    const t = run();
    answers.cancelProgress = true;
    await t.command.run(REF, [REF, CUR]);
    assert.equal(t.views.length, 0);
    assert.deepEqual(texts(), ['info: the drift report of seattle-2012.csv vs seattle-2015.csv was cancelled.']);
  });

  describe('failures are messages, never exceptions', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'divergence-drift-'));
      writeFileSync(join(dir, 'bad.json'), '{"not": "records"}');
      writeFileSync(join(dir, 'notes.txt'), 'hello');
    });
    after(() => rmSync(dir, { recursive: true, force: true }));
    const file = (name: string) => Uri.file(join(dir, name)) as unknown as vscode.Uri;

    it('three files, or a file that is not a table', async () => {
      run();
      await run().command.run(REF, [REF, CUR, REF]);
      assert.match(texts()[0]!, /^warning: select two table files \(the reference first, then the current data\), not 3 files\.$/);
      run();
      await run().command.run(file('notes.txt'));
      assert.match(texts()[0]!, /^warning: notes\.txt is not a table file/);
    });

    it('a file the reader refuses, a missing file, a file too big: errors naming the file', async () => {
      const t = run();
      await t.command.run(REF, [REF, file('bad.json')]);
      assert.equal(t.views.length, 0);
      assert.match(texts()[0]!, /^error: current data bad\.json: a drift report needs a JSON array of records/);
      assert.match(t.channel.lines.join('\n'), /\[[a-z-]+\] .*current data bad\.json: /);
      const missing = run();
      await missing.command.run(REF, [REF, file('gone.csv')]);
      assert.match(texts()[0]!, /^error: /);
      // Read whole (not on this machine's disk): at most 512 MiB.
      const big = run();
      const remote = (u: vscode.Uri) => Uri.from({ scheme: 'vscode-remote', path: u.path }) as unknown as vscode.Uri;
      answers.statSizes.set(REF.fsPath, 600 * 1024 * 1024);
      await big.command.run(REF, [remote(REF), remote(CUR)]);
      assert.match(texts()[0]!, /^error: seattle-2012\.csv has 629145600 bytes, more than this command reads/);
    });

    it('a test that does not apply to a column: the report\'s message with the tests that do', async () => {
      const t = run({ test: 'ks' });
      await t.command.run(REF, [REF, CUR]);
      assert.match(texts()[0]!, /^error: column 'weather' \(categorical, 5 distinct values\): ks does not apply to it/);
    });
  });
});
