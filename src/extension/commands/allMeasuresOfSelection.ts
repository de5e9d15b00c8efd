import * as vscode from 'vscode';
import { measureTable, type MeasureRow } from '../../core/allMeasures';
import { isDivergenceError } from '../../core/errors';
import { formatMeasure, formatPrecise } from '../../shared/format';
import type { AllMeasuresView } from '../../shared/protocol';
import type { DivergenceSettings } from '../config';
import type { LastResult } from '../lastResult';
import { allMeasuresView } from '../panel/resultViews';
import { showProblem, showResult } from '../results';
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
 * and the pinned Q), in the panel's table and in full precision in the output channel; reported as every
 * result is (showResult), with D(P‖Q), the table's headline, in the notification. Reads the document only.
 */
export class AllMeasuresOfSelectionCommand {
  static readonly id = 'divergenceLens.allMeasuresOfSelection';

  constructor(private readonly deps: AllMeasuresOfSelectionDeps) {}

  run(): void {
    const pair = selectedPair(this.deps.output, this.deps.pinned(), NO_EDITOR_FOR_PAIR);
    if (!pair) return;
    const settings = this.deps.settings();
    const p = pair.p.array.values;
    const q = pair.q.array.values;
    let rows: MeasureRow[];
    try {
      rows = measureTable(p, q, { base: settings.base });
    } catch (e) {
      if (isDivergenceError(e)) return showProblem(this.deps.output, pair.source, e.message, e.code);
      throw e;
    }
    const table = allMeasuresView(rows, p, q, pair.source);
    const kl = table.rows.find((row) => row.measure === 'kl')!;
    this.deps.showTable(table);
    const digits = settings.significantDigits;
    showResult(
      { output: this.deps.output, record: this.deps.record, openPanel: () => this.deps.showTable(table) },
      {
        label: kl.label,
        value: kl.value,
        unit: kl.unit,
        source: pair.source,
        shown: `${formatMeasure(kl.label, kl.value, kl.unit, digits)}; all ${table.rows.length} measures in the panel`,
        full: `${formatPrecise(kl.value)} ${kl.unit}; n = ${table.n}; normalized = ${table.normalized}; all measures:`,
        details: table.rows.map((row) => formatMeasure(row.label, row.value, row.unit)),
      },
    );
  }
}
