import type * as vscode from 'vscode';
import { activateWith, type DivergenceLensApi } from './activation';
import { KlOfFilesCommand } from './commands/klOfFiles';
import { OffThreadKl } from './offThread';

export type { DivergenceLensApi } from './activation';

/**
 * The desktop (Node) entry: the shared activation, plus what needs Node. The worker pool starts on first use
 * (a KL above divergenceLens.workerThreshold, or of two files) and stops with the extension; two .npy files are
 * read in chunks by path.
 */
export function activate(context: vscode.ExtensionContext): DivergenceLensApi {
  const offThread = new OffThreadKl(context.extensionUri);
  context.subscriptions.push(offThread);
  return activateWith(context, {
    offThread,
    klOfFiles: (deps) => {
      const command = new KlOfFilesCommand({ ...deps, offThread });
      return (uri, uris) => command.run(uri, uris);
    },
  });
}

export function deactivate(): void {}
