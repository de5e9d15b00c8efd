import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HOVER_LANGUAGES } from '../../../src/extension/languages';

const root = join(__dirname, '..', '..', '..');

interface Manifest {
  readonly activationEvents: readonly string[];
  readonly capabilities: {
    readonly untrustedWorkspaces: { readonly supported: boolean | string };
    readonly virtualWorkspaces: { readonly supported: boolean | string; readonly description?: string };
  };
  readonly scripts: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

/** The panel's webview type, read from the class that registers it (it imports vscode, so it is not loaded). */
const panelViewType = /static readonly viewType = '([^']+)'/.exec(
  readFileSync(join(root, 'src', 'extension', 'panel', 'divergencePanel.ts'), 'utf8'),
)?.[1];

describe('package.json agrees with the extension', () => {
  it("activates on exactly the hover's languages, in the same order", () => {
    const languages = manifest.activationEvents.filter((e) => e.startsWith('onLanguage:')).map((e) => e.slice('onLanguage:'.length));
    assert.deepEqual(languages, [...HOVER_LANGUAGES]);
  });

  it('activates when VS Code restores the panel or opens a Jupyter notebook, and on nothing else', () => {
    assert.equal(panelViewType, 'divergenceLens.panel');
    assert.deepEqual(
      manifest.activationEvents.filter((e) => !e.startsWith('onLanguage:')),
      [`onWebviewPanel:${panelViewType}`, 'onNotebook:jupyter-notebook'],
    );
  });

  it('declares Restricted Mode support (the DuckDB folder setting restricted) and limited support of virtual workspaces, with the reason', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.virtualWorkspaces.description ?? '', /KL Divergence of Two Data Files… reads two \.npy files from disk/);
  });

  it('builds before vsce packages or publishes', () => {
    assert.match(manifest.scripts['vscode:prepublish'] ?? '', /scripts\/build\.mjs/);
  });
});
