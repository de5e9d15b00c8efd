import * as vscode from 'vscode';
import type { DivergenceSettings } from '../config';
import { hoverAt } from './hoverModel';

/**
 * The hover on an array literal: its size, sum and range, and whether it is a distribution with its entropy
 * (hoverModel.ts computes it). Reads the document only; bounded in text and elements; honours cancellation.
 */
export class ArrayHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly settings: (scope: vscode.Uri) => DivergenceSettings,
    private readonly pinned: () => Float64Array | undefined = () => undefined,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): vscode.Hover | undefined {
    const settings = this.settings(document.uri);
    if (!settings.hoverEnabled) return undefined;
    const doc = { lineCount: document.lineCount, lineAt: (i: number) => document.lineAt(i).text };
    const found = hoverAt(doc, position.line, position.character, settings, this.pinned(), () => token.isCancellationRequested);
    if (!found) return undefined;
    const { array, firstLine } = found.hovered;
    const range = new vscode.Range(
      firstLine + array.start.line - 1,
      array.start.column - 1,
      firstLine + array.end.line - 1,
      array.end.column - 1,
    );
    return new vscode.Hover(new vscode.MarkdownString(found.markdown), range);
  }
}
