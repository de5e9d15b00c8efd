import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { DivergenceLensApi } from '../../../src/extension/extension';

const EXTENSION_ID = 'divergence-lens.divergence-lens';

async function openExample(name: string): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the examples/ folder must be open');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name));
  return vscode.window.showTextDocument(doc);
}

export function klOfSelectionSuite(): void {
  describe('KL Divergence of Selection (real extension host)', () => {
    let api: DivergenceLensApi;

    before(async () => {
      const ext = vscode.extensions.getExtension<DivergenceLensApi>(EXTENSION_ID);
      assert.ok(ext, `${EXTENSION_ID} is not installed`);
      api = await ext.activate();
    });

    it('computes D(P‖Q) of two selected lines and leaves the document unchanged', async () => {
      const editor = await openExample('distributions.py');
      const version = editor.document.version;
      editor.selection = new vscode.Selection(5, 0, 6, editor.document.lineAt(6).text.length);
      await vscode.commands.executeCommand('divergenceLens.klOfSelection');
      const result = api.lastResult();
      assert.ok(result, 'no result was recorded');
      const expected = 0.08529960131837057; // scipy.special.rel_entr(p, q).sum()
      assert.ok(Math.abs(result.value - expected) <= 1e-12 * expected, `got ${result.value}, expected ${expected}`);
      assert.equal(result.unit, 'nats');
      assert.equal(result.source, 'distributions.py, lines 6-7');
      assert.equal(editor.document.version, version);
      assert.equal(editor.document.isDirty, false);
    });

    it('opens the panel', async () => {
      await vscode.commands.executeCommand('divergenceLens.openPanel');
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
      assert.ok(tabs.some((t) => t.label === 'Divergence Lens'), `tabs: ${tabs.map((t) => t.label).join(', ')}`);
    });
  });
}
