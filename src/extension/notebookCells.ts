import * as vscode from 'vscode';

/** The URI scheme of a notebook cell's text document. */
export const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

/** A cell's place: its notebook and its 0-based index there. */
export interface CellPlace {
  readonly notebook: vscode.NotebookDocument;
  readonly index: number;
}

/**
 * Where `document` is in an open notebook, or undefined when it is not a cell. The active notebook editor's
 * notebook is looked at first (the usual case), then every open notebook.
 */
export function cellPlace(document: vscode.TextDocument): CellPlace | undefined {
  if (document.uri.scheme !== NOTEBOOK_CELL_SCHEME) return undefined;
  const uri = document.uri.toString();
  const active = vscode.window.activeNotebookEditor?.notebook;
  for (const notebook of active ? [active, ...vscode.workspace.notebookDocuments] : vscode.workspace.notebookDocuments) {
    const index = notebook.getCells().findIndex((cell) => cell.document.uri.toString() === uri);
    if (index >= 0) return { notebook, index };
  }
  return undefined;
}

/** "distributions.ipynb, cell 2" for a cell (1-based, as the notebook editor counts); the file name otherwise. */
export function documentName(document: vscode.TextDocument): string {
  const name = document.uri.path.split('/').pop() ?? document.uri.toString();
  const place = cellPlace(document);
  return place ? `${name}, cell ${place.index + 1}` : name;
}

/**
 * The editors whose selections a command of two arrays reads: VS Code keeps one text editor per notebook cell,
 * so a selection in each of two cells is two editors. For a cell's editor: the visible editors of its
 * notebook's cells that hold a non-empty selection, in cell order (the active one among them); for any other
 * editor, that editor alone.
 */
export function cellEditorsInOrder(editor: vscode.TextEditor): readonly vscode.TextEditor[] {
  const place = cellPlace(editor.document);
  if (!place) return [editor];
  const own = editor.document.uri.toString();
  const order = new Map(place.notebook.getCells().map((cell, i) => [cell.document.uri.toString(), i]));
  const editors = vscode.window.visibleTextEditors.filter((e) => {
    const uri = e.document.uri.toString();
    return uri !== own && order.has(uri) && e.selections.some((s) => !s.isEmpty);
  });
  return [editor, ...editors].sort((a, b) => order.get(a.document.uri.toString())! - order.get(b.document.uri.toString())!);
}
