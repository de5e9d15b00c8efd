import * as vscode from 'vscode';
import { measureTable, type MeasureRow } from '../../core/allMeasures';
import { isDivergenceError } from '../../core/errors';
import { formatFull, formatSignificant } from '../../shared/format';
import type { AllMeasuresView } from '../../shared/protocol';
import type { DivergenceSettings } from '../config';
import type { LastResult } from '../lastResult';
import { allMeasuresView } from '../panel/resultViews';
import type { FoundArray } from '../selectionArrays';
import { NO_EDITOR_FOR_PAIR, selectedPair } from './selectedPair';

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
    const pair = selectedPair(this.deps.pinned(), NO_EDITOR_FOR_PAIR);
    if (!pair) return;
    const settings = this.deps.settings();
    const p = pair.p.array.values;
    const q = pair.q.array.values;
    let rows: MeasureRow[];
    try {
      rows = measureTable(p, q, { base: settings.base });
    } catch (e) {
      if (isDivergenceError(e)) {
        void vscode.window.showErrorMessage(`Divergence Lens (${pair.source}): ${e.message}`);
        this.deps.output.error(`[${e.code}] ${pair.source}: ${e.message}`);
        return;
      }
      throw e;
    }
    const table = allMeasuresView(rows, p, q, pair.source);
    const kl = table.rows.find((row) => row.measure === 'kl')!;
    this.deps.output.info(`All measures ${pair.source} (n = ${table.n}, normalized = ${table.normalized}):`);
    for (const row of table.rows) this.deps.output.info(`  ${row.label} = ${formatFull(row.value)}${row.unit ? ` ${row.unit}` : ''}`);
    this.deps.record({ label: kl.label, value: kl.value, unit: kl.unit, source: pair.source });
    this.deps.showTable(table);
    void vscode.window.setStatusBarMessage(
      `Divergence Lens: all measures of ${pair.source} in the panel (${kl.label} = ${formatSignificant(kl.value, settings.significantDigits)} ${kl.unit})`,
      4000,
    );
  }
}
