import * as vscode from 'vscode';
import type { KlResult } from '../../core';
import { isDivergenceError } from '../../core/errors';
import { formatFull, formatSignificant } from '../../shared/format';
import { MAX_VIEW_VALUES, type KlResultView } from '../../shared/protocol';
import type { DivergenceSettings } from '../config';
import type { LastResult } from '../lastResult';
import { pairFromSelections, SelectionProblem, type FoundArray, type SelectedPair } from '../selectionArrays';

/** What the command needs, injected so it can be built and tested apart from `activate`. */
export interface KlOfSelectionDeps {
  readonly settings: () => DivergenceSettings;
  readonly computeKl: (p: Float64Array, q: Float64Array, base: string) => KlResult & { readonly formulaLatex: string };
  readonly output: vscode.LogOutputChannel;
  readonly showInPanel: (view: KlResultView, reveal: boolean) => void;
  readonly pinned: () => FoundArray | undefined;
  readonly record: (result: LastResult) => void;
}

const COPY = 'Copy';
const OPEN_PANEL = 'Open Panel';

/**
 * "Divergence: KL Divergence of Selection": D(P‖Q) of the two arrays in the selection (or in two
 * selections), shown in a notification, in full precision in the output channel, and in the panel.
 * Reads the document only.
 */
export class KlOfSelectionCommand {
  static readonly id = 'divergenceLens.klOfSelection';

  constructor(private readonly deps: KlOfSelectionDeps) {}

  run(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showWarningMessage(
        'Divergence Lens: no active editor; open a file and select two arrays (P first, then Q).',
      );
      return;
    }
    const pair = pairFromSelections(editor, this.deps.pinned());
    if (pair instanceof SelectionProblem) {
      void vscode.window.showWarningMessage(`Divergence Lens: ${pair.message}`);
      return;
    }
    const settings = this.deps.settings();
    let result: ReturnType<KlOfSelectionDeps['computeKl']>;
    try {
      result = this.deps.computeKl(pair.p.array.values, pair.q.array.values, settings.base);
    } catch (e) {
      if (isDivergenceError(e)) {
        void vscode.window.showErrorMessage(`Divergence Lens (${pair.source}): ${e.message}`);
        this.deps.output.error(`[${e.code}] ${pair.source}: ${e.message}`);
        return;
      }
      throw e;
    }
    this.report(result, pair, settings);
  }

  private report(result: ReturnType<KlOfSelectionDeps['computeKl']>, pair: SelectedPair, settings: DivergenceSettings): void {
    const shown = `D(P‖Q) = ${formatSignificant(result.value, settings.significantDigits)} ${result.unit}`;
    const note = result.normalized
      ? ` (normalised: P summed to ${formatSignificant(result.sums.p, 6)}, Q to ${formatSignificant(result.sums.q, 6)})`
      : '';
    this.deps.output.info(
      `KL ${pair.source}: D(P‖Q) = ${formatFull(result.value)} ${result.unit}; n = ${result.n}; ` +
        `normalized = ${result.normalized} (sum P = ${formatFull(result.sums.p)}, sum Q = ${formatFull(result.sums.q)}); ` +
        `Pinsker TV ≤ ${formatFull(result.pinskerTvBound)}; backend = ${result.backend}`,
    );
    const view: KlResultView = {
      measure: 'kl',
      value: result.value,
      unit: result.unit,
      base: result.base,
      normalized: result.normalized,
      sums: { p: result.sums.p, q: result.sums.q },
      pinskerTvBound: result.pinskerTvBound,
      backend: result.backend,
      p: Array.from(pair.p.array.values.subarray(0, MAX_VIEW_VALUES)),
      q: Array.from(pair.q.array.values.subarray(0, MAX_VIEW_VALUES)),
      n: result.n,
      formulaLatex: result.formulaLatex,
      source: pair.source,
    };
    this.deps.showInPanel(view, false);
    this.deps.record({ label: 'D(P‖Q)', value: result.value, unit: result.unit, source: pair.source });
    void vscode.window.showInformationMessage(shown + note, COPY, OPEN_PANEL).then((choice) => {
      if (choice === COPY) void vscode.env.clipboard.writeText(formatFull(result.value));
      else if (choice === OPEN_PANEL) this.deps.showInPanel(view, true);
    });
  }
}
