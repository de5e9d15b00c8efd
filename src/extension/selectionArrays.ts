import * as vscode from 'vscode';
import { findArrayLiterals, type ParsedArray } from '../data/parseArrayLiteral';
import { cellEditorsInOrder, documentName } from './notebookCells';

/** An array found in the editor, with where (1-based line, file name). */
export interface FoundArray {
  readonly array: ParsedArray;
  readonly line: number;
  readonly file: string;
}

/** Two arrays: P first, Q second, with where they were found ("distributions.py, lines 6-7"). */
export interface SelectedPair {
  readonly p: FoundArray;
  readonly q: FoundArray;
  readonly source: string;
}

/** Why a selection could not give the arrays a command needs, in words a person can act on. */
export class SelectionProblem {
  constructor(readonly message: string) {}
}

const EXAMPLE = '(e.g. p = [0.36, 0.48, 0.16] and q = [1/3, 1/3, 1/3])';
const EXPECTED_TWO = `expected two arrays: P first, then Q ${EXAMPLE}, or one array with a pinned reference Q`;
const EXPECTED_ONE = 'expected one array (e.g. p = [0.36, 0.48, 0.16])';

/** Bounds the text parsed from one selection so a select-all on a huge file cannot stall the host. */
export const MAX_SELECTION_CHARS = 20_000_000;

/** Every array in the editor's non-empty selections (multi-cursor: in selection order). Reads only. */
export function arraysInSelections(editor: vscode.TextEditor): FoundArray[] | SelectionProblem {
  return arraysInEditors([editor]);
}

/** Every array in the non-empty selections of `editors`, editor by editor, each in selection order. */
function arraysInEditors(editors: readonly vscode.TextEditor[]): FoundArray[] | SelectionProblem {
  const found: FoundArray[] = [];
  let selected = false;
  for (const editor of editors) {
    const doc = editor.document;
    for (const sel of editor.selections.filter((s) => !s.isEmpty)) {
      selected = true;
      const text = doc.getText(sel);
      if (text.length > MAX_SELECTION_CHARS) {
        return new SelectionProblem(
          `The selection has ${text.length} characters, more than the ${MAX_SELECTION_CHARS} a command reads; select the arrays only`,
        );
      }
      for (const array of findArrayLiterals(text)) found.push({ array, line: sel.start.line + array.start.line, file: documentName(doc) });
    }
  }
  return selected ? found : new SelectionProblem('Nothing is selected');
}

/**
 * The arrays a command of two reads: the active editor's; in a notebook cell holding fewer than two, the
 * selections of the notebook's cells (one text editor each) in cell order, when they hold exactly two.
 */
function arraysForPair(editor: vscode.TextEditor): FoundArray[] | SelectionProblem {
  const own = arraysInSelections(editor);
  if (!(own instanceof SelectionProblem) && own.length >= 2) return own;
  const cells = cellEditorsInOrder(editor);
  if (cells.length < 2) return own;
  const across = arraysInEditors(cells);
  return !(across instanceof SelectionProblem) && across.length === 2 ? across : own;
}

function describe(found: readonly FoundArray[]): string {
  if (found.length === 0) return 'Found no numeric array in the selection';
  const list = found
    .slice(0, 5)
    .map((f) => `${f.array.name ?? 'unnamed'} with ${f.array.values.length} values at line ${f.line}`)
    .join('; ');
  return `Found ${found.length === 1 ? 'one array' : `${found.length} arrays`} in the selection (${list}${found.length > 5 ? '; …' : ''})`;
}

function where(f: FoundArray): string {
  return `${f.file}, line ${f.line}`;
}

/**
 * P and Q from the editor: one selection holding two arrays, two selections (multi-cursor, or in two cells of a
 * notebook) holding one each, or one array and the pinned reference as Q.
 */
export function pairFromSelections(editor: vscode.TextEditor, pinned?: FoundArray): SelectedPair | SelectionProblem {
  const found = arraysForPair(editor);
  if (found instanceof SelectionProblem) return new SelectionProblem(`${found.message}; ${EXPECTED_TWO}.`);
  if (found.length === 1 && pinned) {
    const p = found[0] as FoundArray;
    return { p, q: pinned, source: `${where(p)} against the pinned Q (${where(pinned)})` };
  }
  if (found.length !== 2) return new SelectionProblem(`${describe(found)}; ${EXPECTED_TWO}.`);
  const [p, q] = found as [FoundArray, FoundArray];
  const lines = p.file !== q.file || p.line === q.line ? `line ${p.line}` : `lines ${p.line}-${q.line}`;
  return { p, q, source: p.file === q.file ? `${p.file}, ${lines}` : `${where(p)} and ${where(q)}` };
}

/** Exactly one array from the editor's selections (for entropy and for pinning). */
export function singleFromSelections(editor: vscode.TextEditor): FoundArray | SelectionProblem {
  const found = arraysInSelections(editor);
  if (found instanceof SelectionProblem) return new SelectionProblem(`${found.message}; ${EXPECTED_ONE}.`);
  if (found.length !== 1) return new SelectionProblem(`${describe(found)}; ${EXPECTED_ONE}.`);
  return found[0] as FoundArray;
}
