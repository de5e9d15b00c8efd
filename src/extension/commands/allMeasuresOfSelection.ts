import * as vscode from 'vscode';
import { allMeasures, type AllMeasuresResult } from '../../compute';
import { isDivergenceError } from '../../core/errors';
import { formatFull, formatSignificant } from '../../shared/format';
import type { AllMeasuresView } from '../../shared/protocol';
import type { DivergenceSettings } from '../config';
import type { LastResult } from '../lastResult';
import { allMeasuresView } from '../panel/resultViews';
import { pairFromSelections, SelectionProblem, type FoundArray } from '../selectionArrays';

export interface AllMeasuresOfSelectionDeps {
  readonly settings: () => DivergenceSettings;
  readonly output: vscode.LogOutputChannel;
  readonly pinned: () => FoundArray | undefined;
  readonly record: (result: LastResult) => void;
  readonly showTable: (table: AllMeasuresView) => void;
}

/**
 * "Divergence: All Measures of Selection": every discrete measure of the two selected arrays (or one array
 * and the pinned Q), in the panel's table and in full precision in the output channel. Reads the document only.
 */
export class AllMeasuresOfSelectionCommand {
  static readonly id = 'divergenceLens.allMeasuresOfSelection';

  constructor(private readonly deps: AllMeasuresOfSelectionDeps) {}

  run(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showWarningMessage('Divergence Lens: no active editor; open a file and select two arrays (P first, then Q).');
      return;
    }
    const pair = pairFromSelections(editor, this.deps.pinned());
    if (pair instanceof SelectionProblem) {
      void vscode.window.showWarningMessage(`Divergence Lens: ${pair.message}`);
      return;
    }
    const settings = this.deps.settings();
    const p = pair.p.array.values;
    const q = pair.q.array.values;
    let all: AllMeasuresResult;
    try {
      all = allMeasures(p, q, { base: settings.base });
    } catch (e) {
      if (isDivergenceError(e)) {
        void vscode.window.showErrorMessage(`Divergence Lens (${pair.source}): ${e.message}`);
        this.deps.output.error(`[${e.code}] ${pair.source}: ${e.message}`);
        return;
      }
      throw e;
    }
    const table = allMeasuresView(all, p, q, pair.source);
    this.deps.output.info(`All measures ${pair.source} (n = ${table.n}, normalized = ${table.normalized}):`);
    for (const row of table.rows) this.deps.output.info(`  ${row.label} = ${formatFull(row.value)}${row.unit ? ` ${row.unit}` : ''}`);
    this.deps.record({ label: 'D(P‖Q)', value: all.kl.value, unit: all.kl.unit, source: pair.source });
    this.deps.showTable(table);
    void vscode.window.setStatusBarMessage(
      `Divergence Lens: all measures of ${pair.source} in the panel (D(P‖Q) = ${formatSignificant(all.kl.value, settings.significantDigits)} ${all.kl.unit})`,
      4000,
    );
  }
}
