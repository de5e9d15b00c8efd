import * as vscode from 'vscode';
import { entropy, klDivergence } from '../compute';
import { isDivergenceError } from '../core/errors';
import { findArrayLiterals } from '../data/parseArrayLiteral';
import { formatSignificant } from '../shared/format';
import type { DivergenceSettings } from './config';

/** Waits this long after the selection stops moving before reading it. */
const DEBOUNCE_MS = 150;
/** The most selected text the status bar reads. */
const MAX_STATUS_CHARS = 1_000_000;

/**
 * The live status bar item: H(P) of one selected array, D(P‖Q) of two; hidden when the selection holds no
 * numbers. Debounced, bounded, read-only. Clicking it opens the panel.
 */
export class DivergenceStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly settings: (scope: vscode.Uri) => DivergenceSettings,
    openPanelCommand: string,
  ) {
    this.item = vscode.window.createStatusBarItem('divergenceLens.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Divergence Lens';
    this.item.command = openPanelCommand;
    this.subscriptions.push(
      vscode.window.onDidChangeTextEditorSelection((e) => this.schedule(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.schedule(editor)),
    );
    this.schedule(vscode.window.activeTextEditor);
  }

  private schedule(editor: vscode.TextEditor | undefined): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.update(editor), DEBOUNCE_MS);
  }

  private update(editor: vscode.TextEditor | undefined): void {
    this.timer = undefined;
    const text = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
    const shown = text && text.length <= MAX_STATUS_CHARS ? this.describe(text, this.settings(editor!.document.uri)) : undefined;
    if (!shown) {
      this.item.hide();
      return;
    }
    this.item.text = shown.text;
    this.item.tooltip = shown.tooltip;
    this.item.show();
  }

  private describe(text: string, settings: DivergenceSettings): { text: string; tooltip: string } | undefined {
    let arrays;
    try {
      arrays = findArrayLiterals(text, { maxElements: settings.hoverMaxElements });
    } catch (e) {
      if (isDivergenceError(e)) return undefined;
      throw e;
    }
    const f = (x: number) => formatSignificant(x, settings.significantDigits);
    try {
      if (arrays.length === 1) {
        const h = entropy(arrays[0]!.values, { base: settings.base });
        return { text: `$(graph) H = ${f(h.value)} ${h.unit}`, tooltip: 'Divergence Lens: entropy of the selected array. Click to open the panel.' };
      }
      if (arrays.length === 2) {
        const d = klDivergence(arrays[0]!.values, arrays[1]!.values, { base: settings.base });
        return { text: `$(graph) D(P‖Q) = ${f(d.value)} ${d.unit}`, tooltip: 'Divergence Lens: KL divergence of the two selected arrays. Click to open the panel.' };
      }
    } catch (e) {
      if (isDivergenceError(e)) return { text: '$(warning) Divergence', tooltip: `Divergence Lens: ${e.message}` };
      throw e;
    }
    return undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
