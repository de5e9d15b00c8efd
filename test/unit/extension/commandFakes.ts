/**
 * The fake dependencies the command tests inject: settings, an output channel that keeps its lines, and sinks
 * that keep what the commands record and send to the panel. Reference values (mpmath, 30 digits, of the decimal
 * inputs) for the example selection `p = [0.36, 0.48, 0.16]`, `q = [1/3, 1/3, 1/3]`.
 */
import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import { CompareDatasetsCommand, type CompareDatasetsDeps } from '../../../src/extension/commands/compareDatasets';
import type { LastResult } from '../../../src/extension/lastResult';
import { DEFAULT_SETTINGS, type DivergenceSettings, type DriftSettings } from '../../../src/extension/settingsModel';
import type { DriftReportView } from '../../../src/shared/driftView';
import { LogOutputChannel, resetVscode } from './vscodeDouble';

export const EXAMPLE = 'p = [0.36, 0.48, 0.16]\nq = [1/3, 1/3, 1/3]\n';
export const P_LINE = 'p = [0.36, 0.48, 0.16]';
export const Q_LINE = 'q = [1/3, 1/3, 1/3]';
export const EXAMPLE_P = [0.36, 0.48, 0.16];
export const EXAMPLE_Q = [1 / 3, 1 / 3, 1 / 3];

/** mpmath of the decimal inputs: D(P‖Q), D(Q‖P), H(P), H(P, Q) = ln 3, JSD(P, Q), in nats; D(P‖Q) in bits. */
export const REFERENCE = {
  kl: 0.0852996013183705679220779702437,
  reverseKl: 0.0974550067853876205213853639963,
  entropy: 1.01331268734973912347316726668,
  crossEntropy: 1.09861228866810969139524523692,
  js: 0.0224598604297145887822713548312,
  klBits: 0.123061311811818903457586817707,
  /** D([0.5, 0.5]‖[0.9, 0.1]) = ½ ln(25/9). */
  klHalfVsNineTenths: 0.510825623765990683205514096304,
};

/**
 * Relative tolerance against REFERENCE: the inputs are rounded to doubles (1/3 and 0.36 are not exact), which
 * moves the values by a few 1e-17 relative; the sums add a few ulps.
 */
export const REL = 1e-14;

export function assertClose(actual: number, expected: number, what: string, rel = REL): void {
  const delta = Math.abs(actual - expected);
  assert.ok(delta <= rel * Math.abs(expected), `${what}: expected ${expected}, actual ${actual}, delta ${delta} (rel ${rel})`);
}

export function settings(over: Partial<DivergenceSettings> = {}): DivergenceSettings {
  return { ...DEFAULT_SETTINGS, ...over };
}

/** Fresh fakes for one run: the output channel's lines, the recorded results, the panel's calls. */
export function fakes(over: Partial<DivergenceSettings> = {}) {
  resetVscode();
  const channel = new LogOutputChannel();
  const recorded: LastResult[] = [];
  const panel: unknown[][] = [];
  return {
    channel,
    recorded,
    panel,
    settings: () => settings(over),
    output: channel as unknown as vscode.LogOutputChannel,
    record: (r: LastResult) => void recorded.push(r),
    openPanel: () => void panel.push(['openPanel']),
  };
}

/** Compare Two Datasets with fresh fakes, the drift settings changed by `drift`, and the views it shows. */
export function driftCommand(drift: Partial<DriftSettings> = {}, deps: (output: vscode.LogOutputChannel) => Partial<CompareDatasetsDeps> = () => ({})) {
  const f = fakes();
  const views: DriftReportView[] = [];
  const command = new CompareDatasetsCommand({
    settings: () => ({ ...DEFAULT_SETTINGS, drift: { ...DEFAULT_SETTINGS.drift, ...drift } }),
    output: f.output,
    showDrift: (view) => void views.push(view),
    ...deps(f.output),
  });
  return { ...f, views, command };
}
