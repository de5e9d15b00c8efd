import * as vscode from 'vscode';
import type { DivergenceSettings } from './config';
import { isDivergenceError } from '../core/errors';
import { findArrayLiterals } from '../data/parseArrayLiteral';
import { cellEditorsInOrder } from './notebookCells';
import { statusFor } from './statusModel';

/** Waits this long after the selection stops moving before reading it. */
const DEBOUNCE_MS = 150;
/** The most selected text the status bar reads. */
const MAX_STATUS_CHARS = 1_000_000;

/**
 * The live status bar item (statusModel.ts says what): H(P) of one selected array, D(P‖Q) of two or against the
 * pinned Q; hidden when the selection holds no numbers or `divergenceLens.statusBar.enabled` is false.
 * Debounced, bounded, read-only. Clicking it opens the panel.
 */
export class DivergenceStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly settings: (scope: vscode.Uri) => DivergenceSettings,
    openPanelCommand: string,
    private readonly pinned: () => Float64Array | undefined = () => undefined,
    onPinnedChange?: vscode.Event<unknown>,
  ) {
    this.item = vscode.window.createStatusBarItem('divergenceLens.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Divergence Lens';
    this.item.command = openPanelCommand;
    this.subscriptions.push(
      vscode.window.onDidChangeTextEditorSelection((e) => this.schedule(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.schedule(editor)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('divergenceLens')) this.schedule(vscode.window.activeTextEditor);
      }),
    );
    if (onPinnedChange) this.subscriptions.push(onPinnedChange(() => this.schedule(vscode.window.activeTextEditor)));
    this.schedule(vscode.window.activeTextEditor);
  }

  private schedule(editor: vscode.TextEditor | undefined): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(editor), DEBOUNCE_MS);
  }

  private update(editor: vscode.TextEditor | undefined): void {
    this.timer = undefined;
    const settings = editor ? this.settings(editor.document.uri) : undefined;
    const text = editor && settings?.statusBarEnabled ? statusText(editor, settings.hoverMaxElements) : '';
    const shown = text && text.length <= MAX_STATUS_CHARS ? statusFor(text, settings!, this.pinned()) : undefined;
    if (!shown) {
      this.item.hide();
      return;
    }
    this.item.text = shown.text;
    this.item.tooltip = shown.tooltip;
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}

/** Every non-empty selection of `editors`, in order (multi-cursor: P, Q), read as one text. */
function selectedText(editors: readonly vscode.TextEditor[]): string {
  return editors.flatMap((e) => e.selections.filter((s) => !s.isEmpty).map((s) => e.document.getText(s))).join('\n');
}

/** How many array literals `text` holds; 0 when it cannot be read. */
function arrayCount(text: string, maxElements: number): number {
  try {
    return findArrayLiterals(text, { maxElements }).length;
  } catch (e) {
    if (isDivergenceError(e)) return 0;
    throw e;
  }
}

/**
 * What the status bar reads: the editor's selections; in a notebook cell holding fewer than two arrays, the
 * selections of the notebook's cells in cell order when they hold exactly two (as the commands read P and Q).
 */
export function statusText(editor: vscode.TextEditor, maxElements: number): string {
  const own = selectedText([editor]);
  if (own.length > MAX_STATUS_CHARS) return own;
  const cells = cellEditorsInOrder(editor);
  if (cells.length < 2 || arrayCount(own, maxElements) >= 2) return own;
  const across = selectedText(cells);
  return across.length <= MAX_STATUS_CHARS && arrayCount(across, maxElements) === 2 ? across : own;
}
