/**
 * The two entries of the extension, activated on the vscode test double: the desktop one (extension.ts) and
 * the browser one (web/extensionWeb.ts) register the same commands (every command of package.json) through the
 * shared activation; where they differ, KL Divergence of Two Data Files… asks for its files on the desktop and
 * says it needs the desktop in the browser. The double gains here only what activation calls.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import type * as desktopEntry from '../../../src/extension/extension';
import type * as webEntry from '../../../src/extension/web/extensionWeb';
import * as double from './vscodeDouble';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  readonly contributes: { readonly commands: readonly { readonly command: string }[] };
};

type Handler = (...args: unknown[]) => unknown;
const registered = new Map<string, Handler>();
const disposable = () => new double.Disposable();
const statusItem = () => ({ show() {}, hide() {}, dispose() {} });

/** What activation calls that the command tests do not: registrations, status bar items, events. */
const activationApi = {
  window: {
    createOutputChannel: () => new double.LogOutputChannel(),
    createStatusBarItem: statusItem,
    onDidChangeTextEditorSelection: disposable,
    onDidChangeActiveTextEditor: disposable,
    registerWebviewPanelSerializer: disposable,
  },
  workspace: { onDidChangeConfiguration: disposable },
  commands: {
    registerCommand: (id: string, handler: Handler) => {
      assert.ok(!registered.has(id), `${id} registered twice`);
      registered.set(id, handler);
      return disposable();
    },
  },
};

/** Activates one entry; returns its output channel's lines and what to dispose. */
function activateOn(activate: (context: vscode.ExtensionContext) => unknown): { subscriptions: { dispose(): unknown }[] } {
  registered.clear();
  const context = { subscriptions: [] as { dispose(): unknown }[], extensionUri: double.Uri.file(root) };
  activate(context as unknown as vscode.ExtensionContext);
  return context;
}

describe('extension: the desktop and browser entries', () => {
  const saved: [object, Record<string, unknown>][] = [];
  // The double's module object, as `require('vscode')` gives it to the extension: `languages` is added to it
  // before the entries are loaded (a module sees the names `vscode` had when it was loaded).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vscodeModule = require('vscode') as Record<string, unknown>;
  let activateDesktop: typeof desktopEntry.activate;
  let activateWeb: typeof webEntry.activate;
  let KL_OF_FILES_IN_BROWSER: string;

  before(() => {
    for (const [name, members] of Object.entries(activationApi)) {
      const target = (double as unknown as Record<string, Record<string, unknown>>)[name]!;
      saved.push([target, Object.fromEntries(Object.keys(members).map((k) => [k, target[k]]))]);
      Object.assign(target, members);
    }
    vscodeModule.languages = { registerHoverProvider: disposable };
    /* eslint-disable @typescript-eslint/no-require-imports */
    activateDesktop = (require('../../../src/extension/extension') as typeof desktopEntry).activate;
    ({ activate: activateWeb, KL_OF_FILES_IN_BROWSER } = require('../../../src/extension/web/extensionWeb') as typeof webEntry);
    /* eslint-enable @typescript-eslint/no-require-imports */
  });

  after(() => {
    for (const [target, members] of saved) Object.assign(target, members);
    delete vscodeModule.languages;
  });

  beforeEach(() => double.resetVscode());

  it('register the same commands, every command package.json contributes', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    for (const activate of [activateDesktop, activateWeb]) {
      const context = activateOn(activate);
      assert.deepEqual([...registered.keys()].sort(), contributed);
      for (const d of context.subscriptions) d.dispose();
    }
  });

  it('on the desktop, KL Divergence of Two Data Files… asks for the file of P', async () => {
    const context = activateOn(activateDesktop);
    await registered.get('divergenceLens.klOfFiles')!();
    assert.deepEqual(double.shown.openDialogs.map((d) => d.title), ['Divergence Lens: the data file of P']);
    assert.deepEqual(double.shown.messages, []);
    for (const d of context.subscriptions) d.dispose();
  });

  it('in the browser, KL Divergence of Two Data Files… says it needs the desktop, and what to use instead', async () => {
    const context = activateOn(activateWeb);
    await registered.get('divergenceLens.klOfFiles')!();
    assert.deepEqual(double.shown.openDialogs, []);
    assert.deepEqual(
      double.shown.messages.map((m) => [m.level, m.text]),
      [['warning', 'KL Divergence of Two Data Files… reads the files in pieces on worker threads, which needs the desktop VS Code.']],
    );
    assert.match(KL_OF_FILES_IN_BROWSER, /Compare Columns of Data File… compares the arrays of one \.npz file/);
    for (const d of context.subscriptions) d.dispose();
  });
});
