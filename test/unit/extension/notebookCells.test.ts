/**
 * Notebook cells, as VS Code's notebook editor gives them to extensions (no kernel): each cell a text document
 * of scheme `vscode-notebook-cell` with its own text editor. The hover, the status bar's reading and the
 * selection commands work there, and a selection in each of two cells is P and Q, in cell order.
 */
import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import { KlOfSelectionCommand } from '../../../src/extension/commands/klOfSelection';
import { MEASURE_COMMANDS, MeasureOfSelectionCommand } from '../../../src/extension/commands/measureOfSelection';
import { ArrayHoverProvider } from '../../../src/extension/hover/arrayHoverProvider';
import { NOTEBOOK_MARKDOWN_CELLS } from '../../../src/extension/languages';
import { cellEditorsInOrder, cellPlace, documentName } from '../../../src/extension/notebookCells';
import { statusText } from '../../../src/extension/statusBar';
import type { KlResultView } from '../../../src/shared/protocol';
import { assertClose, fakes, REFERENCE, settings } from './commandFakes';
import { editorWith, openNotebook, Position, select, shown, window, type TextEditor } from './vscodeDouble';

/** The cells of examples/distributions.ipynb, in short: markdown, code (p and q), markdown, code. */
const CELLS = [
  { languageId: 'markdown', text: '# Distributions\n\nA uniform reference: uniform = [0.25, 0.25, 0.25, 0.25]' },
  { languageId: 'python', text: 'import numpy as np\n\np = np.array([0.36, 0.48, 0.16])\nq = np.array([1/3, 1/3, 1/3])' },
  { languageId: 'markdown', text: 'Counts are read as frequencies.' },
  { languageId: 'python', text: 'reference = [1/3, 1/3, 1/3]\nprint(reference)' },
];
const P_LINE = 'p = np.array([0.36, 0.48, 0.16])';
const Q_LINE = 'q = np.array([1/3, 1/3, 1/3])';
/** ln 4: the entropy of the uniform distribution over 4 outcomes. */
const LN4 = 1.38629436111989061883446424292;

function notebook() {
  const opened = openNotebook('distributions.ipynb', CELLS);
  const cell = (i: number) => opened.editors[i]! as TextEditor;
  return { ...opened, cell };
}

function activate(editor: TextEditor): void {
  window.activeTextEditor = editor;
}

function klCommand(f: ReturnType<typeof fakes>) {
  const panel: KlResultView[] = [];
  return { command: new KlOfSelectionCommand({ ...f, formulaLatex: 'D(P‖Q)', pinned: () => undefined, showInPanel: (view) => void panel.push(view) }), panel };
}

const asVscode = (e: TextEditor) => e as unknown as vscode.TextEditor;
const NOT_CANCELLED = { isCancellationRequested: false } as vscode.CancellationToken;

describe('notebook cells', () => {
  it('a cell is placed in its notebook and named by it, 1-based as the notebook editor counts', () => {
    fakes();
    const { cell, notebook: nb } = notebook();
    const place = cellPlace(cell(1).document as unknown as vscode.TextDocument);
    assert.equal(place?.notebook, nb as unknown);
    assert.equal(place?.index, 1);
    assert.equal(documentName(cell(3).document as unknown as vscode.TextDocument), 'distributions.ipynb, cell 4');
    assert.equal(documentName(editorWith('d.py', 'x').document as unknown as vscode.TextDocument), 'd.py');
  });

  it('the hover reads an array in a code cell and in a markdown cell', () => {
    fakes();
    const { cell } = notebook();
    const hover = new ArrayHoverProvider(() => settings());
    const inCode = hover.provideHover(cell(1).document as unknown as vscode.TextDocument, new Position(2, 20) as vscode.Position, NOT_CANCELLED);
    const text = (h: vscode.Hover | undefined) => (h?.contents as unknown as { value: string }).value;
    assert.match(text(inCode), /H\(P\) = \*\*1\.013 nats\*\* \(1\.462 bits\)/);
    const inMarkdown = hover.provideHover(cell(0).document as unknown as vscode.TextDocument, new Position(2, 40) as vscode.Position, NOT_CANCELLED);
    const f = (x: number) => String(Number(x.toPrecision(4)));
    assert.ok(text(inMarkdown).includes(`H(P) = **${f(LN4)} nats**`), text(inMarkdown));
    assert.deepEqual(NOTEBOOK_MARKDOWN_CELLS, { scheme: 'vscode-notebook-cell', language: 'markdown' });
  });

  it('KL of two arrays selected in one code cell: the source names the notebook and the cell', async () => {
    const f = fakes();
    const { cell } = notebook();
    activate(select(cell(1), `${P_LINE}\n${Q_LINE}`));
    const { command, panel } = klCommand(f);
    await command.run();
    assert.equal(f.recorded.length, 1);
    assert.equal(f.recorded[0]!.source, 'distributions.ipynb, cell 2, lines 3-4');
    assertClose(f.recorded[0]!.value, REFERENCE.kl, 'D(P‖Q) in a cell');
    assert.equal(panel.length, 1);
    assert.deepEqual(shown.messages.map((m) => m.text), ['D(P‖Q) = 0.0853 nats (read as probabilities; sums are 1)']);
  });

  it('a selection in each of two cells is P and Q in cell order, whichever cell is active', async () => {
    const f = fakes();
    const { cell } = notebook();
    select(cell(1), P_LINE);
    activate(select(cell(3), 'reference = [1/3, 1/3, 1/3]'));
    assert.deepEqual(cellEditorsInOrder(asVscode(cell(3))).map((e) => e.document.uri.toString()), [cell(1), cell(3)].map((e) => e.document.uri.toString()));
    await klCommand(f).command.run();
    assert.equal(f.recorded[0]!.source, 'distributions.ipynb, cell 2, line 3 and distributions.ipynb, cell 4, line 1');
    assertClose(f.recorded[0]!.value, REFERENCE.kl, 'D(P‖Q) across cells');
  });

  it('the active cell holding two arrays is read alone; three across cells are not guessed at', async () => {
    const f = fakes();
    const { cell } = notebook();
    select(cell(3), 'reference = [1/3, 1/3, 1/3]');
    activate(select(cell(1), `${P_LINE}\n${Q_LINE}`));
    await klCommand(f).command.run();
    assert.equal(f.recorded[0]!.source, 'distributions.ipynb, cell 2, lines 3-4');

    const g = fakes();
    const three = notebook();
    select(three.cell(0), 'uniform = [0.25, 0.25, 0.25, 0.25]');
    select(three.cell(1), `${P_LINE}\n${Q_LINE}`);
    activate(select(three.cell(3), 'reference = [1/3, 1/3, 1/3]'));
    await klCommand(g).command.run();
    assert.deepEqual(g.recorded, []);
    assert.deepEqual(shown.messages.map((m) => m.text), ['Found one array in the selection (reference with 3 values at line 1).']);
  });

  it('Entropy of Selection in a markdown cell', async () => {
    const f = fakes();
    const { cell } = notebook();
    activate(select(cell(0), 'uniform = [0.25, 0.25, 0.25, 0.25]'));
    const spec = MEASURE_COMMANDS.find((s) => s.id === 'divergenceLens.entropyOfSelection')!;
    await new MeasureOfSelectionCommand(spec, { ...f, pinned: () => undefined }).run();
    assert.equal(f.recorded[0]!.source, 'distributions.ipynb, cell 1, line 3');
    assertClose(f.recorded[0]!.value, LN4, 'H(uniform)');
  });

  it('the status bar reads two cells as P and Q, and one cell alone otherwise', () => {
    fakes();
    const { cell } = notebook();
    select(cell(1), P_LINE);
    select(cell(3), 'reference = [1/3, 1/3, 1/3]');
    assert.equal(statusText(asVscode(cell(3)), 100_000), `${P_LINE}\nreference = [1/3, 1/3, 1/3]`);
    select(cell(1), `${P_LINE}\n${Q_LINE}`);
    assert.equal(statusText(asVscode(cell(1)), 100_000), `${P_LINE}\n${Q_LINE}`);
    const file = editorWith('d.py', `${P_LINE}\n`, P_LINE);
    assert.equal(statusText(asVscode(file), 100_000), P_LINE);
  });
});
