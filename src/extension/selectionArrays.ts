import * as vscode from 'vscode';
import { findArrayLiterals, type ParsedArray } from '../data/parseArrayLiteral';

/** Two arrays taken from the editor: P first, Q second, with where they were found. */
export interface SelectedPair {
  readonly p: ParsedArray;
  readonly q: ParsedArray;
  /** "distributions.py, lines 6-7" */
  readonly source: string;
}

/** Why a selection could not give P and Q, in words a person can act on. */
export class SelectionProblem {
  constructor(readonly message: string) {}
}

const EXPECTED = 'expected two arrays: P first, then Q (e.g. p = [0.36, 0.48, 0.16] and q = [1/3, 1/3, 1/3])';

/** Bounds the text parsed from one selection so a select-all on a huge file cannot stall the host. */
export const MAX_SELECTION_CHARS = 20_000_000;

/**
 * P and Q from the editor's selections: one selection holding two arrays, or two selections (multi-cursor)
 * holding one array each. Reads the document only; never edits it.
 */
export function pairFromSelections(editor: vscode.TextEditor): SelectedPair | SelectionProblem {
  const doc = editor.document;
  const selections = editor.selections.filter((s) => !s.isEmpty);
  if (selections.length === 0) {
    return new SelectionProblem(`Nothing is selected; ${EXPECTED}.`);
  }
  const found: { arr: ParsedArray; line: number }[] = [];
  for (const sel of selections) {
    const text = doc.getText(sel);
    if (text.length > MAX_SELECTION_CHARS) {
      return new SelectionProblem(
        `The selection has ${text.length} characters, more than the ${MAX_SELECTION_CHARS} this command reads; select the two arrays only.`,
      );
    }
    for (const arr of findArrayLiterals(text)) {
      found.push({ arr, line: sel.start.line + arr.start.line });
    }
  }
  if (found.length !== 2) {
    const what =
      found.length === 0
        ? 'Found no numeric array in the selection'
        : `Found ${found.length === 1 ? 'one array' : `${found.length} arrays`} in the selection (${found
            .slice(0, 5)
            .map((f) => `${f.arr.name ?? 'unnamed'} with ${f.arr.values.length} values at line ${f.line}`)
            .join('; ')}${found.length > 5 ? '; …' : ''})`;
    return new SelectionProblem(`${what}; ${EXPECTED}.`);
  }
  const [first, second] = found as [(typeof found)[0], (typeof found)[0]];
  const file = doc.uri.path.split('/').pop() ?? doc.uri.toString();
  const lines = first.line === second.line ? `line ${first.line}` : `lines ${first.line}-${second.line}`;
  return { p: first.arr, q: second.arr, source: `${file}, ${lines}` };
}
