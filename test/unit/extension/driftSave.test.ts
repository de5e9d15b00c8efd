/**
 * Save Report…: the JSON is byte for byte what `divergence drift --json` prints for the same files (but the
 * paths, which are the files' names here); the HTML page needs nothing from anywhere and shows every name as
 * text; each file is written only where a save dialog says.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { runDrift } from '../../../src/cli/drift';
import { readDriftTable } from '../../../src/drift';
import { buildDriftView } from '../../../src/extension/driftReportView';
import { driftReportHtml, driftReportJson, escapeHtml } from '../../../src/extension/driftReportHtml';
import { reportStem, saveDriftReport } from '../../../src/extension/driftSave';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsModel';
import type { DriftReportView } from '../../../src/shared/driftView';
import { fakes } from './commandFakes';
import { answers, shown, Uri, workspace } from './vscodeDouble';

const root = join(__dirname, '..', '..', '..');
const examplePath = (name: string) => join(root, 'examples', name);

async function seattleView(): Promise<DriftReportView> {
  const read = async (name: string) => (await readDriftTable(name, new Uint8Array(readFileSync(examplePath(name))))).table;
  const tables = { reference: await read('seattle-2012.csv'), current: await read('seattle-2015.csv'), skipped: [] };
  return buildDriftView(tables, { reference: 'seattle-2012.csv', current: 'seattle-2015.csv' }, DEFAULT_SETTINGS.drift);
}

/** What `divergence drift REF CUR --json` writes on stdout. */
async function cliJson(...args: string[]): Promise<string> {
  const out: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => out.push(chunk) > 0) as typeof process.stdout.write;
  try {
    assert.equal(await runDrift([...args, '--json']), 0);
  } finally {
    process.stdout.write = write;
  }
  return out.join('');
}

describe('Save Report… of the Drift view', () => {
  let view: DriftReportView;
  before(async () => {
    view = await seattleView();
  });

  it("the JSON is the command line's --json for the same files, key order and digits included", async () => {
    const cli = JSON.parse(await cliJson(examplePath('seattle-2012.csv'), examplePath('seattle-2015.csv'))) as { reference: { path: string }; current: { path: string } };
    cli.reference.path = 'seattle-2012.csv';
    cli.current.path = 'seattle-2015.csv';
    assert.equal(driftReportJson(view), `${JSON.stringify(cli)}\n`);
  });

  it('the HTML page: no script, nothing remote, the numbers as a table, drifted rows marked in words and icon', () => {
    const html = driftReportHtml(view, new Date(Date.UTC(2026, 0, 2)));
    assert.ok(!/<script|<link|<img|<iframe|src=|url\(|@import/i.test(html));
    assert.deepEqual(html.match(/https?:\/\/[^"\s]*/g)?.filter((u) => u !== 'http://www.w3.org/2000/svg') ?? [], []);
    assert.match(html, /content="default-src 'none'; style-src 'unsafe-inline'"/);
    assert.match(html, /<strong>⚠ 3 of 5 columns drifted \(share 0\.6 ≥ 0\.5\): dataset drift\.<\/strong>/);
    assert.equal(html.match(/<tr class="drifted">/g)?.length, 3);
    assert.equal(html.match(/⚠ Drifted/g)?.length, 3);
    assert.match(html, /<tr class="drifted"><th scope="row">temp_max<\/th><td>numerical<\/td><td>ks<\/td><td class="num">0\.000315709<\/td><td>≤ 0\.05<\/td><td>⚠ Drifted<\/td>/);
    assert.equal(html.match(/<svg /g)?.length, 5);
    assert.match(html, /Written by Divergence Lens on 2026-01-02T00:00:00\.000Z/);
  });

  it('every name is text: a column named like markup is escaped', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const columns = view.report.columns.map((c, i) => (i === 0 ? { ...c, column: evil } : c));
    const charts = view.charts.map((c, i) => (i === 0 ? { ...c, column: evil } : c));
    const html = driftReportHtml({ ...view, report: { ...view.report, columns }, charts }, new Date(0));
    assert.ok(!html.includes(evil));
    assert.ok(html.includes(escapeHtml(evil)));
  });

  it('asks where to save the page, then the JSON beside it; writes only what a dialog accepted', async () => {
    const f = fakes();
    workspace.workspaceFolders = [{ uri: Uri.file('/ws') }];
    answers.saveDialogs.push(Uri.file('/ws/out/report.html'), Uri.file('/ws/out/report.json'));
    await saveDriftReport(view, f.output as vscode.LogOutputChannel);
    assert.equal(reportStem(view), 'drift-seattle-2012-vs-seattle-2015');
    assert.deepEqual(shown.saveDialogs.map((d) => d.defaultUri?.path), ['/ws/drift-seattle-2012-vs-seattle-2015.html', '/ws/out/report.json']);
    assert.deepEqual(shown.written.map((w) => w.path), ['/ws/out/report.html', '/ws/out/report.json']);
    assert.equal(shown.written[1]!.text, driftReportJson(view));
    assert.match(shown.written[0]!.text, /^<!DOCTYPE html>/);

    fakes();
    answers.saveDialogs.push(undefined, Uri.file('/ws/only.json'));
    await saveDriftReport(view, f.output as vscode.LogOutputChannel);
    assert.deepEqual(shown.written.map((w) => w.path), ['/ws/only.json']);

    fakes();
    await saveDriftReport(view, f.output as vscode.LogOutputChannel);
    assert.deepEqual(shown.written, []);
    assert.equal(shown.saveDialogs.length, 2);
  });

  it('a split report is named after its file and split', () => {
    assert.equal(reportStem({ ...view, report: { ...view.report, reference: { path: 'seattle-weather.csv', rows: 1 }, split: 'date=2012+2013,2015' } }), 'drift-seattle-weather-date-2012-2013-2015');
  });
});
