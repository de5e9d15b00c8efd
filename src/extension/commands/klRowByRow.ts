import * as vscode from 'vscode';
import { formatSignificant } from '../../shared/format';
import type { DivergenceSettings } from '../config';
import { SHOW_DETAILS, showWarning, type ResultSinks } from '../results';
import type { FoundArray } from '../selectionArrays';
import { selectedPair } from './selectedPair';
import { klRowByRow, rowByRowLines, rowPairs, type ShapedValues } from '../selectionMeasures';

/** Rows listed in the notification; the output channel lists them all. */
const ROWS_SHOWN = 3;

/**
 * D(P_i‖Q_i) of each row pair of two matrices (or of each row of P against one array Q): every row with its
 * 0-based index in the output channel, the first few in a notification whose Show Details opens it. Reads the
 * document only.
 */
export function reportRowByRow(sinks: ResultSinks, p: ShapedValues, q: ShapedValues, source: string, settings: DivergenceSettings): void {
  const pairs = rowPairs(p, q);
  if (typeof pairs === 'string') {
    showWarning(sinks.output, `${pairs}.`, source);
    return;
  }
  const result = klRowByRow(pairs, settings);
  sinks.output.info(`KL row by row ${source} (${pairs.length} rows, 0-based indices):`);
  for (const line of rowByRowLines(result)) sinks.output.info(`  ${line}`);
  const f = (x: number) => formatSignificant(x, settings.significantDigits);
  const listed = result.rows
    .slice(0, ROWS_SHOWN)
    .map((r) => `row ${r.row}: ${r.value !== undefined ? f(r.value) : 'error'}`)
    .join(', ');
  const more = result.rows.length > ROWS_SHOWN ? ', …' : '';
  const failed = result.rows.filter((r) => r.value === undefined).length;
  const failures = failed > 0 ? `; ${failed} row(s) could not be computed` : '';
  const conventions = result.rows.find((r) => r.conventions)?.conventions;
  const shown = `D(P‖Q) row by row (${result.unit}): ${listed}${more}${failures}${conventions ? `; ${conventions.replace(/ \(.*\)$/, '')}` : ''}`;
  void vscode.window.showInformationMessage(shown, SHOW_DETAILS).then((choice) => {
    if (choice === SHOW_DETAILS) sinks.output.show(true);
  });
}

/** "Divergence: KL Divergence Row by Row": a matrix selection, against a second matrix or the pinned Q. */
export class KlRowByRowCommand {
  static readonly id = 'divergenceLens.klRowByRow';

  constructor(
    private readonly deps: ResultSinks & { readonly settings: () => DivergenceSettings; readonly pinned: () => FoundArray | undefined },
  ) {}

  run(): void {
    const pair = selectedPair(
      this.deps.output,
      this.deps.pinned(),
      'no active editor; select a matrix such as [[0.2, 0.8], [0.5, 0.5]] first.',
      (problem) => `${problem.replace(/\.$/, '')}; row by row takes a matrix P and a matrix or array Q.`,
    );
    if (!pair) return;
    reportRowByRow(this.deps, pair.p.array, pair.q.array, pair.source, this.deps.settings());
  }
}
