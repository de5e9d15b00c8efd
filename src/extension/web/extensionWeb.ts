import * as vscode from 'vscode';
import { activateWith, type DivergenceLensApi } from '../activation';
import { showMessage } from '../results';

export type { DivergenceLensApi } from '../activation';

/** What "KL Divergence of Two Data Files…" says where it cannot run. */
export const KL_OF_FILES_IN_BROWSER =
  'KL Divergence of Two Data Files… reads the files in pieces on worker threads, which needs the desktop VS Code. ' +
  'Here, Compare Columns of Data File… compares the arrays of one .npz file or two columns of a CSV; ' +
  'the divergence CLI compares two .npy files.';

/**
 * The browser entry (vscode.dev, github.dev, code-server's web worker extension host): the shared activation on
 * one thread. No worker pool (no worker_threads, no SharedArrayBuffer): every input is computed at once, in the
 * WASM kernel or the TypeScript reference; files come through `vscode.workspace.fs`.
 */
export function activate(context: vscode.ExtensionContext): DivergenceLensApi {
  return activateWith(context, {
    klOfFiles: (deps) => () => {
      showMessage(deps.output, 'warning', KL_OF_FILES_IN_BROWSER);
      return Promise.resolve();
    },
  });
}

export function deactivate(): void {}
