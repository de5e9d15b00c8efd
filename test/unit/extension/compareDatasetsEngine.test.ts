/**
 * "Compare Two Datasets (Drift)…" on DuckDB, with the vscode double: Parquet files larger than
 * divergenceLens.drift.engineThreshold go to DuckDB when it is found (here the development checkout's own
 * @duckdb/node-api, as the setting divergenceLens.drift.duckdbPath names it) and give the in-memory report
 * (relative 1e-12) and charts (bins exactly); below the threshold, or with DuckDB nowhere, the report is
 * computed in memory, and a message says once that DuckDB would be faster. The browser's twin never loads it.
 */
import { strict as assert } from 'node:assert';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import * as browserEngine from '../../../src/extension/driftEngine.browser';
import { findDuckDb, npmGlobalRoots } from '../../../src/extension/driftEngine';
import { DriftEngineRoute, ENGINE_DOCS_URL, HOW_TO_ENABLE, type DuckDbLookup } from '../../../src/extension/driftEngineRoute';
import { DEFAULT_SETTINGS, type DriftSettings } from '../../../src/extension/settingsModel';
import type { DriftReport } from '../../../src/drift';
import { driftNotes, type DriftReportView } from '../../../src/shared/driftView';
import { driftCases, sameReport, tempFolder, writeParquet } from '../engine/engineFixtures';
import { driftCommand } from './commandFakes';
import { answers, shown, Uri, workspace } from './vscodeDouble';

const root = join(__dirname, '..', '..', '..');
/** The folder above the development checkout's node_modules, which has @duckdb/node-api. */
const HERE = root;
const MIB = 1024 * 1024;

/** The command with DuckDB looked for by `lookup` (default: the setting's folder only). */
function run(drift: Partial<DriftSettings>, lookup: (configured: string) => Promise<DuckDbLookup> = async (configured) => findDuckDb(configured, [], [])) {
  return driftCommand(drift, (output) => ({ engine: new DriftEngineRoute(output, lookup) }));
}

const texts = () => shown.messages.map((m) => `${m.level}: ${m.text}`);

describe('Compare Two Datasets (Drift) on DuckDB', function () {
  this.timeout(60_000);
  const dir = tempFolder('divergence-engine-view-');
  const cases = driftCases();
  const files: { name: string; reference: vscode.Uri; current: vscode.Uri }[] = [];

  before(async () => {
    for (const [k, c] of cases.entries()) {
      const reference = dir.path(`ref${k}.parquet`);
      const current = dir.path(`cur${k}.parquet`);
      await writeParquet(c.reference, reference);
      await writeParquet(c.current, current);
      files.push({ name: c.name, reference: Uri.file(reference) as unknown as vscode.Uri, current: Uri.file(current) as unknown as vscode.Uri });
    }
  });

  /** The view of the pair in memory (threshold -1: never on DuckDB). */
  async function inMemory(pair: (typeof files)[number], drift: Partial<DriftSettings> = {}): Promise<DriftReportView> {
    const t = run({ ...drift, engineThreshold: -1 });
    await t.command.run(pair.reference, [pair.reference, pair.current]);
    assert.equal(t.views.length, 1, texts().join('\n'));
    return t.views[0]!;
  }

  for (const [label, drift] of [
    ['defaults', {}],
    ['every measure', { allMeasures: true }],
    ['PSI everywhere', { test: 'psi', threshold: 0.2 }],
  ] as [string, Partial<DriftSettings>][]) {
    it(`above the threshold, DuckDB found in divergenceLens.drift.duckdbPath: the in-memory report and charts (${label})`, async () => {
      for (const pair of files) {
        const memory = await inMemory(pair, drift);
        const t = run({ ...drift, engineThreshold: 0, duckdbPath: HERE });
        await t.command.run(pair.reference, [pair.reference, pair.current]);
        const view = t.views[0]!;
        assert.ok(view, texts().join('\n'));
        assert.match(view.engine ?? '', /^DuckDB \(.*node-api.*\)$/);
        sameReport(pair.name, view.report as unknown as DriftReport, memory.report as unknown as DriftReport);
        assert.deepEqual([view.report.reference, view.report.current, view.skipped], [memory.report.reference, memory.report.current, memory.skipped]);
        assert.deepEqual(view.charts, memory.charts.map(({ ecdf: _, ...chart }) => chart), pair.name);
        assert.equal(shown.progress.at(-1)!.title, `Divergence Lens: drift of ${pair.reference.path.split('/').pop()} vs ${pair.current.path.split('/').pop()} on DuckDB`);
        assert.ok(shown.progress.at(-1)!.reports.some((r) => r.message === 'on DuckDB: statement 1'));
        assert.match(texts().at(-1)!, /^info: ref\d+\.parquet vs cur\d+\.parquet on DuckDB[:.]/);
        assert.ok(t.channel.lines.some((l) => l.includes('computed on DuckDB (')));
      }
    });
  }

  it('the Drift view names the engine in its notes', async () => {
    const pair = files[0]!;
    const t = run({ engineThreshold: 0, duckdbPath: join(HERE, 'node_modules') });
    await t.command.run(pair.reference, [pair.reference, pair.current]);
    assert.ok(driftNotes(t.views[0]!).some((n) => /^Computed on DuckDB \(.*\): the charts show its bin counts, without the empirical CDFs\.$/.test(n)));
  });

  it('the threshold is the two files together in MiB: above it DuckDB, at or below it in memory', async () => {
    const pair = files[0]!;
    const sizes = () => {
      answers.statSizes.set(pair.reference.fsPath, 3 * MIB);
      answers.statSizes.set(pair.current.fsPath, 2 * MIB);
    };
    const below = run({ engineThreshold: 5, duckdbPath: HERE });
    sizes();
    await below.command.run(pair.reference, [pair.reference, pair.current]);
    assert.equal(below.views[0]!.engine, undefined);
    assert.deepEqual(texts().filter((t) => t.includes('DuckDB')), []);
    const above = run({ engineThreshold: 4.9, duckdbPath: HERE });
    sizes();
    await above.command.run(pair.reference, [pair.reference, pair.current]);
    assert.match(above.views[0]!.engine ?? '', /^DuckDB/);
  });

  it('above the threshold, DuckDB nowhere: in memory, and one message (once) with a link to how to enable it', async () => {
    const pair = files[0]!;
    const memory = await inMemory(pair);
    shown.messages.length = 0;
    const t = run({ engineThreshold: 0, duckdbPath: dir.path('') });
    answers.messageChoices.push(HOW_TO_ENABLE);
    await t.command.run(pair.reference, [pair.reference, pair.current]);
    await t.command.run(pair.reference, [pair.reference, pair.current]);
    assert.deepEqual(t.views.map((v) => v.engine), [undefined, undefined]);
    assert.deepEqual(t.views[0]!.report, memory.report);
    const about = shown.messages.filter((m) => m.text.includes('DuckDB'));
    assert.equal(about.length, 1, texts().join('\n'));
    assert.match(about[0]!.text, /^These files \(0 MiB, more than divergenceLens\.drift\.engineThreshold \(0 MiB\)\) are compared in memory; DuckDB would be faster and take less memory: install @duckdb\/node-api \(@duckdb\/node-api is not in .*\)\.$/);
    assert.deepEqual(about[0]!.items, [HOW_TO_ENABLE]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(shown.external, [Uri.parse(ENGINE_DOCS_URL).toString()]);
  });

  it('below the threshold (the default, 32 MiB): in memory, DuckDB not even looked for', async () => {
    const pair = files[0]!;
    let looked = 0;
    const t = run({}, async () => {
      looked++;
      return { missing: 'nowhere', canInstall: true };
    });
    await t.command.run(pair.reference, [pair.reference, pair.current]);
    assert.equal(DEFAULT_SETTINGS.drift.engineThreshold, 32);
    assert.equal(t.views[0]!.engine, undefined);
    assert.equal(looked, 0);
  });

  it('a column the in-memory reader leaves out (a date) is left out on DuckDB too, and named', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const write = (name: string, shift: number) =>
      connection.run(`COPY (SELECT DATE '2024-01-01' + CAST(i AS INTEGER) AS day, (i * 7 % 101) / 10.0 + ${shift} AS x, 'c' || (i % 3) AS c FROM range(400) t(i)) TO '${dir.path(name)}' (FORMAT parquet)`);
    await write('dates-ref.parquet', 0);
    await write('dates-cur.parquet', 1);
    connection.closeSync();
    instance.closeSync();
    const pair = { name: 'dates', reference: Uri.file(dir.path('dates-ref.parquet')) as unknown as vscode.Uri, current: Uri.file(dir.path('dates-cur.parquet')) as unknown as vscode.Uri };
    const memory = await inMemory(pair);
    const t = run({ engineThreshold: 0, duckdbPath: HERE });
    await t.command.run(pair.reference, [pair.reference, pair.current]);
    const view = t.views[0]!;
    assert.match(view.engine ?? '', /^DuckDB/);
    sameReport('dates', view.report as unknown as DriftReport, memory.report as unknown as DriftReport);
    assert.deepEqual(view.report.columns.map((c) => c.column), ['x', 'c']);
    assert.deepEqual([[...new Set(memory.skipped.map((s) => s.split(' ')[0]))], view.skipped], [['day'], ['day (DATE)']]);
  });

  it('CSV files stay in memory whatever their size (their types are guessed, by each reader its own way)', async () => {
    const csv = (name: string) => Uri.file(join(root, 'examples', name)) as unknown as vscode.Uri;
    const t = run({ engineThreshold: 0, duckdbPath: HERE });
    await t.command.run(csv('seattle-2012.csv'), [csv('seattle-2012.csv'), csv('seattle-2015.csv')]);
    assert.equal(t.views[0]!.engine, undefined);
  });

  it("an engine's failure: a warning, then the report in memory", async () => {
    const pair = files[0]!;
    const memory = await inMemory(pair);
    shown.messages.length = 0;
    const broken: DuckDbLookup = { found: { api: { DuckDBInstance: { create: () => Promise.reject(new Error('no native binding')) } } as never, path: 'broken' } };
    const t = run({ engineThreshold: 0 }, async () => broken);
    await t.command.run(pair.reference, [pair.reference, pair.current]);
    assert.deepEqual(t.views[0]!.report, memory.report);
    assert.equal(t.views[0]!.engine, undefined);
    assert.equal(shown.messages.filter((m) => m.level === 'warning').length, 1);
    assert.match(shown.messages[0]!.text, /^DuckDB could not compute the report/);
  });

  it('Cancel: no report, a message says so', async () => {
    const pair = files[0]!;
    const t = run({ engineThreshold: 0, duckdbPath: HERE });
    answers.cancelProgress = true;
    await t.command.run(pair.reference, [pair.reference, pair.current]);
    assert.equal(t.views.length, 0);
    assert.match(texts().at(-1)!, /^info: the drift report of .* was cancelled\.$/);
  });

  it('findDuckDb: the setting, then the workspace folders, then npm\'s global roots; else where it looked', () => {
    const empty = dir.path('');
    const via = (configured: string, folders: string[], globals: string[] = []) => {
      const lookup = findDuckDb(configured, folders, globals);
      return 'found' in lookup ? lookup.found.path : lookup.missing;
    };
    const loaded = realpathSync(join(root, 'node_modules', '@duckdb', 'node-api', 'lib', 'index.js'));
    assert.equal(via(join(root, 'node_modules'), []), loaded);
    assert.equal(via(empty, [empty, root]), loaded);
    assert.equal(via('', [empty], [join(root, 'node_modules')]), loaded);
    assert.equal(via(empty, [empty]), `@duckdb/node-api is not in ${empty}, ${empty}`);
    assert.equal(via('', [], ['/nowhere/lib/node_modules']), '@duckdb/node-api is not in /nowhere/lib/node_modules');
  });

  it('npm\'s global roots come from its environment and the platform, without running npm', () => {
    assert.deepEqual(npmGlobalRoots({ npm_config_prefix: '/opt/node', NVM_BIN: '/h/.nvm/versions/node/v20/bin' }, 'linux', '/h'), [
      '/opt/node/lib/node_modules',
      '/h/.nvm/versions/node/v20/lib/node_modules',
      '/usr/local/lib/node_modules',
      '/opt/homebrew/lib/node_modules',
      '/usr/lib/node_modules',
      '/h/.npm-global/lib/node_modules',
    ]);
    assert.deepEqual(npmGlobalRoots({}, 'darwin', '/h').slice(0, 2), ['/usr/local/lib/node_modules', '/opt/homebrew/lib/node_modules']);
    assert.deepEqual(npmGlobalRoots({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u').length, 1);
  });

  it('Restricted Mode: the workspace folders are not searched (loading from them would run the workspace\'s code)', async () => {
    const pair = files[0]!;
    /** The command with DuckDB looked for where the extension looks (the repository as the workspace folder). */
    const viaFolders = (trusted: boolean) => {
      const t = driftCommand({ engineThreshold: 0, duckdbPath: '' }, (output) => ({ engine: new DriftEngineRoute(output) }));
      workspace.workspaceFolders = [{ uri: Uri.file(root) }];
      workspace.isTrusted = trusted;
      return t;
    };
    const trusted = viaFolders(true);
    await trusted.command.run(pair.reference, [pair.reference, pair.current]);
    assert.match(driftNotes(trusted.views.at(-1)!).join('\n'), /^Computed on DuckDB \(.*node_modules.*\)/m);
    const untrusted = viaFolders(false);
    await untrusted.command.run(pair.reference, [pair.reference, pair.current]);
    assert.equal(untrusted.views.length, 1, texts().join('\n'));
    assert.doesNotMatch(driftNotes(untrusted.views[0]!).join('\n'), /DuckDB/);
    assert.ok(!texts().some((t) => t.includes(`${root},`) || t.endsWith(`${root}).`)), 'the workspace folder is not among the places looked in');
  });

  it('the browser bundle never looks for DuckDB: in memory, and the message says why', async () => {
    assert.deepEqual(browserEngine.findDuckDb(), { missing: browserEngine.NOT_IN_BROWSER, canInstall: false });
    await assert.rejects(browserEngine.driftOnDuckDb(), { message: browserEngine.NOT_IN_BROWSER });
    const pair = files[0]!;
    const t = run({ engineThreshold: 0, duckdbPath: HERE }, async () => browserEngine.findDuckDb());
    await t.command.run(pair.reference, [pair.reference, pair.current]);
    assert.equal(t.views[0]!.engine, undefined);
    assert.ok(texts().some((m) => m.includes(`are compared in memory: ${browserEngine.NOT_IN_BROWSER}.`)), texts().join('\n'));
  });
});
