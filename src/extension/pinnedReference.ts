import * as vscode from 'vscode';
import type { FoundArray } from './selectionArrays';

/**
 * The pinned reference Q ("Divergence: Pin Selection as Reference (Q)"): kept for the session, shown in the
 * status bar, used as Q when a command or the hover has only one array.
 */
export class PinnedReference implements vscode.Disposable {
  private value: FoundArray | undefined;
  private readonly changed = new vscode.EventEmitter<FoundArray | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly item: vscode.StatusBarItem;

  constructor(clearCommand: string) {
    this.item = vscode.window.createStatusBarItem('divergenceLens.pinned', vscode.StatusBarAlignment.Right, 99);
    this.item.name = 'Divergence Lens: pinned reference';
    this.item.command = clearCommand;
  }

  get current(): FoundArray | undefined {
    return this.value;
  }

  set(found: FoundArray | undefined): void {
    this.value = found;
    if (found) {
      const name = found.array.name ? `${found.array.name}, ` : '';
      this.item.text = `$(pinned) Q: ${name}${found.array.values.length} values`;
      this.item.tooltip = `Divergence Lens: the pinned reference Q from ${found.file}, line ${found.line}. Click to clear it.`;
      this.item.show();
    } else {
      this.item.hide();
    }
    this.changed.fire(found);
  }

  dispose(): void {
    this.item.dispose();
    this.changed.dispose();
  }
}
