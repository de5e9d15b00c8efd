import * as vscode from 'vscode';
import * as compute from '../../compute';
import { isDivergenceError } from '../../core/errors';
import { formatMeasure, formatPrecise } from '../../shared/format';
import type { DivergenceSettings } from '../config';
import type { DiscreteMeasure } from '../../shared/protocol';
import type { LastResult } from '../lastResult';
import { showMessage, showProblem, showResult, showWarning } from '../results';
import { measureOptions, strictRefusal, type SettingsMeasureOptions } from '../settingsModel';
import { choosePairReading, chooseSingleReading, reportSampleMeasure } from './pairReading';
import { pairFromSelections, SelectionProblem, singleFromSelections, type FoundArray } from '../selectionArrays';
import { readAs, readingConventions, SELECTION_COMMANDS } from '../selectionMeasures';

/** What a measure command computes, in the shape every core result shares. */
interface MeasureValue {
  readonly value: number;
  readonly unit: string;
  readonly base?: number;
  readonly normalized: boolean;
  readonly sums: { readonly p: number; readonly q?: number };
  readonly backend?: 'ts' | 'wasm';
}

/** One measure command: its id, what it shows, and whether it takes one array or two. */
export interface MeasureCommandSpec {
  readonly id: string;
  /** As shown: "H(P)", "D(Q‖P)", "JSD(P, Q)", "H(P, Q)". */
  readonly label: string;
  readonly arity: 1 | 2;
  /** The measure the panel explains. */
  readonly panelMeasure: DiscreteMeasure;
  readonly compute: (p: Float64Array, q: Float64Array | undefined, options: SettingsMeasureOptions) => MeasureValue;
}

/**
 * Every selection command of the registry but KL's (which has its own class, KlOfSelectionCommand: worker
 * threads, row by row, Pinsker's bound), computed by src/compute (WASM where it has a kernel).
 */
export const MEASURE_COMMANDS: readonly MeasureCommandSpec[] = SELECTION_COMMANDS.filter((c) => c.measure.id !== 'kl').map(({ id, label, measure }) => ({
  id,
  label,
  arity: measure.arity,
  panelMeasure: measure.id,
  compute: (p, q, o) => {
    const r = measure.compute(compute, p, q, o);
    return { ...r, unit: r.unit ?? '' };
  },
}));

export interface MeasureOfSelectionDeps {
  readonly settings: () => DivergenceSettings;
  readonly output: vscode.LogOutputChannel;
  readonly pinned: () => FoundArray | undefined;
  readonly record: (result: LastResult) => void;
  /** Hands the result to the panel (P and Q as given, in the user's order). */
  readonly showInPanel?: (result: MeasureValue, p: Float64Array, q: Float64Array | undefined, source: string) => void;
}

/**
 * A measure of the selection (one of MEASURE_COMMANDS: entropy, cross-entropy, Jensen-Shannon, reverse KL; two
 * arrays, two selections, or one array and the pinned Q), in the configured base, input kind and normalisation; shown in a notification with
 * Copy / Open Panel / Insert as Comment and in full precision in the output channel. Pairs that read as
 * samples are offered the sample measures. Reads the document only.
 */
export class MeasureOfSelectionCommand {
  constructor(
    private readonly spec: MeasureCommandSpec,
    private readonly deps: MeasureOfSelectionDeps,
  ) {}

  async run(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      return this.warn('no active editor; open a file and select the arrays first.');
    }
    let settings = this.deps.settings();
    let because: string | undefined;
    const sinks = { output: this.deps.output, record: this.deps.record, openPanel: () => void vscode.commands.executeCommand('divergenceLens.openPanel') };
    let p: Float64Array;
    let q: Float64Array | undefined;
    let source: string;
    if (this.spec.arity === 1) {
      const one = singleFromSelections(editor);
      if (one instanceof SelectionProblem) return this.warn(one.message);
      p = one.array.values;
      source = `${one.file}, line ${one.line}`;
      const reading = await chooseSingleReading(p, one.array.name, settings);
      if (!reading) return;
      settings = readAs(settings, reading.input);
      because = reading.because;
    } else {
      const pair = pairFromSelections(editor, this.deps.pinned());
      if (pair instanceof SelectionProblem) return this.warn(pair.message);
      p = pair.p.array.values;
      q = pair.q.array.values;
      source = pair.source;
      const reading = await choosePairReading(p, q, settings, [pair.p.array.name, pair.q.array.name]);
      if (!reading) return;
      if (reading.kind === 'samples') return reportSampleMeasure(sinks, reading.measure, p, q, source, settings);
      settings = readAs(settings, reading.input);
      because = reading.because;
    }
    let r: MeasureValue;
    try {
      r = this.spec.compute(p, q, measureOptions(settings));
    } catch (e) {
      if (isDivergenceError(e)) return showProblem(this.deps.output, source, e.message, e.code);
      throw e;
    }
    const refused = strictRefusal(settings, r);
    if (refused) return showProblem(this.deps.output, source, refused, 'strict-normalization');
    const conventions = readingConventions(settings, r, because);
    this.deps.showInPanel?.(r, p, q, source);
    showResult(sinks, {
      label: this.spec.label,
      value: r.value,
      unit: r.unit,
      source,
      shown: `${formatMeasure(this.spec.label, r.value, r.unit, settings.significantDigits)} (${conventions})`,
      full: `${formatPrecise(r.value)} ${r.unit}; n = ${p.length}; ${conventions}`,
    });
  }

  private warn(message: string): void {
    showWarning(this.deps.output, message);
  }
}

/** "Divergence: Pin Selection as Reference (Q)" and "Divergence: Clear Pinned Reference". */
export class PinReferenceCommands {
  static readonly pinId = 'divergenceLens.pinReference';
  static readonly clearId = 'divergenceLens.clearPinnedReference';

  constructor(
    private readonly setPinned: (found: FoundArray | undefined) => void,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  pin(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const one = singleFromSelections(editor);
    if (one instanceof SelectionProblem) return showWarning(this.output, one.message);
    this.setPinned(one);
    showMessage(this.output, 'info', `pinned ${one.array.name ?? 'the array'} (${one.array.values.length} values) as the reference Q.`);
  }

  clear(): void {
    this.setPinned(undefined);
  }
}
