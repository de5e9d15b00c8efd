import * as vscode from 'vscode';
import { klDivergence, type KlResult } from '../../compute';
import { isDivergenceError } from '../../core/errors';
import { formatFull, formatPrecise, formatSignificant } from '../../shared/format';
import type { KlResultView } from '../../shared/protocol';
import { klResultView } from '../panel/resultViews';
import type { DivergenceSettings } from '../config';
import type { LastResult } from '../lastResult';
import { showProblem, showResult } from '../results';
import type { FoundArray, SelectedPair } from '../selectionArrays';
import { NO_EDITOR_FOR_PAIR, selectedPair } from './selectedPair';
import { measureOptions, strictRefusal, type SettingsMeasureOptions } from '../settingsModel';
import { readAs, readingConventions } from '../selectionMeasures';
import { chooseMatrixMode, choosePairReading, reportSampleMeasure } from './pairReading';
import { reportRowByRow } from './klRowByRow';

/** A KL result as the command reports it; `backend` may say 'wasm-workers' when the worker pool computed it. */
export type CommandKlResult = Omit<KlResult, 'backend'> & { readonly backend: string };

/** What the command needs, injected so it can be built and tested apart from `activate`. */
export interface KlOfSelectionDeps {
  readonly settings: () => DivergenceSettings;
  readonly formulaLatex: string;
  readonly output: vscode.LogOutputChannel;
  readonly showInPanel: (view: KlResultView, reveal: boolean) => void;
  readonly pinned: () => FoundArray | undefined;
  readonly record: (result: LastResult) => void;
  /**
   * KL in worker threads, for inputs longer than `divergenceLens.workerThreshold` (probabilities only);
   * rejects with a CancelledError when `signal` aborts.
   */
  readonly klAsync?: (
    p: Float64Array,
    q: Float64Array,
    options: SettingsMeasureOptions,
    onProgress: (fraction: number) => void,
    signal: AbortSignal,
  ) => Promise<CommandKlResult>;
}

/**
 * "Divergence: KL Divergence of Selection": D(P‖Q) of the two arrays in the selection (or in two selections, or
 * one array and the pinned Q), in the configured base, input kind and normalisation; shown in a notification,
 * in full precision in the output channel, and in the panel. Samples are offered sample measures; matrices,
 * row by row. Reads the document only.
 */
export class KlOfSelectionCommand {
  static readonly id = 'divergenceLens.klOfSelection';

  constructor(private readonly deps: KlOfSelectionDeps) {}

  async run(): Promise<void> {
    const pair = selectedPair(this.deps.output, this.deps.pinned(), NO_EDITOR_FOR_PAIR);
    if (!pair) return;
    const configured = this.deps.settings();
    const sinks = { output: this.deps.output, record: this.deps.record, openPanel: () => void vscode.commands.executeCommand('divergenceLens.openPanel') };
    const mode = await chooseMatrixMode(pair.p.array.shape, pair.q.array.shape);
    if (!mode) return;
    if (mode === 'rows') return reportRowByRow(sinks, pair.p.array, pair.q.array, pair.source, configured);
    const p = pair.p.array.values;
    const q = pair.q.array.values;
    const reading = await choosePairReading(p, q, configured, [pair.p.array.name, pair.q.array.name]);
    if (!reading) return;
    if (reading.kind === 'samples') return reportSampleMeasure(sinks, reading.measure, p, q, pair.source, configured);
    const settings = readAs(configured, reading.input);
    let result: CommandKlResult | undefined;
    try {
      result = await this.compute(p, q, settings);
    } catch (e) {
      if (isDivergenceError(e)) return showProblem(this.deps.output, pair.source, e.message, e.code);
      throw e;
    }
    if (!result) return; // cancelled
    const refused = strictRefusal(settings, result);
    if (refused) return showProblem(this.deps.output, pair.source, refused, 'strict-normalization');
    this.report(result, pair, settings, reading.because);
  }

  /** On this thread, or in the worker pool (with progress and Cancel) above the worker threshold. */
  private async compute(p: Float64Array, q: Float64Array, settings: DivergenceSettings): Promise<CommandKlResult | undefined> {
    const options = measureOptions(settings);
    const klAsync = this.deps.klAsync;
    if (!klAsync || Math.max(p.length, q.length) <= settings.workerThreshold || settings.input !== 'prob' || p.length !== q.length) {
      return klDivergence(p, q, options);
    }
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Divergence Lens: D(P‖Q) of ${p.length} values in worker threads`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        try {
          return await klAsync(p, q, options, (fraction) => {
            const pct = Math.floor(fraction * 100);
            if (pct > reported) {
              progress.report({ increment: pct - reported });
              reported = pct;
            }
          }, abort.signal);
        } catch (e) {
          if (abort.signal.aborted) {
            this.deps.output.info('KL cancelled: nothing computed.');
            return undefined;
          }
          throw e;
        } finally {
          sub.dispose();
        }
      },
    );
  }

  /** `because`: why the values were read as they were, when the arrays' names pre-selected the reading. */
  private report(result: CommandKlResult, pair: SelectedPair, settings: DivergenceSettings, because?: string): void {
    const conventions = readingConventions(settings, result, because);
    const view = klResultView(result, pair.p.array.values, pair.q.array.values, this.deps.formulaLatex, pair.source);
    this.deps.showInPanel(view, false);
    showResult(
      {
        output: this.deps.output,
        record: this.deps.record,
        openPanel: () => this.deps.showInPanel(view, true),
      },
      {
        label: 'D(P‖Q)',
        value: result.value,
        unit: result.unit,
        source: pair.source,
        shown: `D(P‖Q) = ${formatSignificant(result.value, settings.significantDigits)} ${result.unit} (${conventions})`,
        full:
          `D(P‖Q) = ${formatPrecise(result.value)} ${result.unit}; n = ${result.n}; ${conventions}; ` +
          `sum P = ${formatFull(result.sums.p)}, sum Q = ${formatFull(result.sums.q)}; ` +
          `Pinsker TV ≤ ${formatPrecise(result.pinskerTvBound)}; backend = ${result.backend}`,
      },
    );
  }
}
