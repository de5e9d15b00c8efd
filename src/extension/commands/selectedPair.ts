import * as vscode from 'vscode';
import { showWarning } from '../results';
import { pairFromSelections, SelectionProblem, type FoundArray, type SelectedPair } from '../selectionArrays';

/** What a command of two arrays says when no editor is active. */
export const NO_EDITOR_FOR_PAIR = 'no active editor; open a file and select two arrays (P first, then Q).';

/**
 * The two arrays a pair command works on (two arrays in the selection, two selections, or one array and the
 * pinned Q), or undefined after a warning (showWarning) that says why there are none: `noEditor` without an
 * active editor, else the selection's problem as `explain` words it.
 */
export function selectedPair(
  output: vscode.LogOutputChannel,
  pinned: FoundArray | undefined,
  noEditor: string,
  explain: (problem: string) => string = (problem) => problem,
): SelectedPair | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    showWarning(output, noEditor);
    return undefined;
  }
  const pair = pairFromSelections(editor, pinned);
  if (pair instanceof SelectionProblem) {
    showWarning(output, explain(pair.message));
    return undefined;
  }
  return pair;
}
