/**
 * Workspace trust: Divergence Lens only reads data (files through vscode.workspace.fs, the editor's text) and
 * runs its own bundled code, so everything works in Restricted Mode. The one code it may load from outside is
 * DuckDB (@duckdb/node-api) for big drift reports: from the folder of a setting VS Code takes only from the
 * user's settings there (restrictedConfigurations), from the workspace folders only when the workspace is
 * trusted, and from npm's global roots. Nothing in the extension host's sources does what Restricted Mode
 * exists to prevent (running workspace code, processes, terminals or tasks, writing files); the one edit is
 * "Insert Result as Comment", on request.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: unknown; description?: unknown } };
  contributes: { configuration: { properties: Record<string, { type: string | string[] }> } };
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('workspace trust (Restricted Mode)', () => {
  const restricted = ['divergenceLens.drift.duckdbPath'];

  it('package.json declares untrusted workspaces supported, with the DuckDB folder setting restricted', () => {
    const trust = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(trust?.supported, 'limited');
    assert.deepEqual(trust?.restrictedConfigurations, restricted);
    assert.match(String(trust?.description), /^Everything works in Restricted Mode\./);
  });

  it('every other setting is a number format or a display switch, none a path or command', () => {
    const settings = manifest.contributes.configuration.properties;
    assert.ok(Object.keys(settings).includes('divergenceLens.base'));
    for (const [name, s] of Object.entries(settings)) {
      // null: unset (divergenceLens.drift.threshold, each test's default).
      assert.ok([s.type].flat().every((t) => ['string', 'integer', 'boolean', 'number', 'null'].includes(t)), `${name}: ${s.type}`);
      if (!restricted.includes(name)) assert.doesNotMatch(name, /path|command|executable|program|script|url/i, `${name} would need restrictedConfigurations`);
    }
  });

  it('code is loaded from outside the bundle in one place, and from workspace folders only when trusted', () => {
    const files = sources(join(root, 'src', 'extension')).map((f) => relative(root, f).replace(/\\/g, '/'));
    const loaders = files.filter((f) => /\bcreateRequire\b|\brequire\(|\bimport\(/.test(readFileSync(join(root, f), 'utf8')));
    assert.deepEqual(loaders, ['src/extension/driftEngine.ts']);
    const route = readFileSync(join(root, 'src', 'extension', 'driftEngineRoute.ts'), 'utf8');
    assert.match(route, /function trustedWorkspaceFolderPaths\(\): string\[\] \{\n {2}if \(!vscode\.workspace\.isTrusted\) return \[\];/);
    assert.match(route, /findDuckDb\(configured, trustedWorkspaceFolderPaths\(\)\)/);
  });

  it('the extension host runs no processes, terminals, tasks or dynamic code, and writes no files (but a chart or a drift report saved through save dialogs)', () => {
    const forbidden: readonly [RegExp, string][] = [
      [/\bchild_process\b|\bspawn\(|\bexecFile\(|\bexecSync\(/, 'starts a process'],
      [/\bcreateTerminal\(|\bvscode\.tasks\b|\bexecuteTask\(/, 'runs a terminal or task'],
      [/\beval\(|\bnew Function\(/, 'evaluates code'],
      [/\bwriteFile(Sync)?\(|\bfs\.(write|rename|delete|createDirectory|copy)\b|\bappendFile|\bunlink/, 'writes files'],
      [/\bapplyEdit\(|\bWorkspaceEdit\b/, 'edits the workspace'],
    ];
    const files = [...sources(join(root, 'src', 'extension')), ...sources(join(root, 'src', 'shared'))];
    assert.ok(files.length > 5, 'found the extension sources');
    // The one file write: "Save as PNG" of a panel chart, to the path the user picks in a save dialog.
    const saveAsPng = 'src/extension/panel/divergencePanel.ts';
    for (const f of files) {
      const name = relative(root, f).replace(/\\/g, '/');
      let text = readFileSync(f, 'utf8');
      if (name === saveAsPng) {
        assert.equal(text.match(/\bwriteFile\(/g)?.length, 1, `${name}: one write`);
        assert.match(text, /showSaveDialog\([\s\S]*?if \(!target\) return;[\s\S]*?vscode\.workspace\.fs\.writeFile\(target, /, `${name}: writes only where the save dialog said`);
        text = text.replace(/vscode\.workspace\.fs\.writeFile\(target, /, '');
      }
      // Save Report… of the Drift view: the page and the JSON, each to where its save dialog said.
      if (name === 'src/extension/driftSave.ts') {
        assert.equal(text.match(/\bwriteFile\(/g)?.length, 1, `${name}: one write`);
        assert.match(text, /const html = await vscode\.window\.showSaveDialog\([\s\S]*?if \(html\) await saveOne\(html, /, `${name}: the page where its dialog said`);
        assert.match(text, /const json = await vscode\.window\.showSaveDialog\([\s\S]*?if \(json\) await saveOne\(json, /, `${name}: the JSON where its dialog said`);
        assert.equal(text.match(/\bsaveOne\(/g)?.length, 3, `${name}: saveOne is called only with a dialog's answer`);
        text = text.replace(/vscode\.workspace\.fs\.writeFile\(target, /, '');
      }
      for (const [re, what] of forbidden) assert.doesNotMatch(text, re, `${name} ${what}`);
    }
    // The only document edit: Insert Result as Comment.
    const editors = files.filter((f) => /\.edit\(/.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f).replace(/\\/g, '/'));
    assert.deepEqual(editors, ['src/extension/commands/insertResultAsComment.ts']);
  });
});
