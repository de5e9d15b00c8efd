import * as vscode from 'vscode';
import { formatMeasure } from '../../shared/format';
import { commentLine, lineCommentPrefix } from '../../shared/commentSyntax';
import type { LastResult } from '../lastResult';
import { showWarning } from '../results';

/**
 * "Divergence: Insert Result as Comment": the one command that edits. It writes the newest result as a line
 * comment below the selection, in the file's comment syntax, as one edit (one undo step).
 */
export class InsertResultAsCommentCommand {
  static readonly id = 'divergenceLens.insertResultAsComment';

  constructor(
    private readonly last: () => LastResult | undefined,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  async run(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const result = this.last();
    if (!editor || !result) {
      showWarning(this.output, 'no result to insert yet; run a Divergence command on a selection first.');
      return;
    }
    const prefix = lineCommentPrefix(editor.document.languageId);
    if (!prefix) {
      showWarning(this.output, `${editor.document.languageId} files have no line comments; the result was not inserted (use Copy instead).`);
      return;
    }
    // A selection of whole lines ends at column 0 of the next line: the comment goes below its last full line.
    const { start, end } = editor.selection;
    const line = editor.document.lineAt(end.character === 0 && end.line > start.line ? end.line - 1 : end.line);
    const text = commentLine(prefix, `${formatMeasure(result.label, result.value, result.unit)} (Divergence Lens)`, line.text);
    const eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    await editor.edit((edit) => edit.insert(line.range.end, `${eol}${text}`));
  }
}
