import * as vscode from 'vscode';
import { jsDivergence, klDivergence, ksTest, wasserstein, type KlResult, type KsResult, type WassersteinResult } from '../../compute';
import { isDivergenceError } from '../../core/errors';
import { listDataArrays, type DataArray } from '../../data/dataFileArrays';
import { interpretPair } from '../../data/interpretPair';
import { formatFull, formatSignificant } from '../../shared/format';
import type { DivergenceSettings } from '../config';
import type { LastResult } from '../lastResult';

/** Files larger than this are not read by the command (the CLI and, later, streaming serve them). */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

export interface CompareColumnsDeps {
  readonly settings: (scope: vscode.Uri) => DivergenceSettings;
  readonly output: vscode.LogOutputChannel;
  readonly record: (result: LastResult) => void;
  /** Hand the result to the panel: KL of distributions, or the two samples. */
  readonly showKl?: (kl: KlResult, p: Float64Array, q: Float64Array, source: string) => void;
  readonly showSamples?: (p: Float64Array, q: Float64Array, ks: KsResult, w: WassersteinResult, source: string) => void;
}

/**
 * "Divergence: Compare Columns of Data File…": pick P and Q among a data file's columns or arrays, then D(P‖Q)
 * and JS when they read as distributions, or KS and Wasserstein when they read as samples; the message says
 * which reading it used and why. Reads the file only.
 */
export class CompareColumnsCommand {
  static readonly id = 'divergenceLens.compareColumns';

  constructor(private readonly deps: CompareColumnsDeps) {}

  async run(resource?: vscode.Uri): Promise<void> {
    const uri = resource instanceof vscode.Uri ? resource : vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showWarningMessage('Divergence Lens: open or right-click a .csv, .tsv, .json, .npy or .npz file first.');
      return;
    }
    const name = uri.path.split('/').pop() ?? uri.toString();
    let arrays: DataArray[];
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_FILE_BYTES) {
        void vscode.window.showWarningMessage(`Divergence Lens: ${name} has ${stat.size} bytes, more than this command reads; use the divergence CLI.`);
        return;
      }
      arrays = listDataArrays(name, await vscode.workspace.fs.readFile(uri));
    } catch (e) {
      if (isDivergenceError(e)) {
        void vscode.window.showErrorMessage(`Divergence Lens: ${name}: ${e.message}`);
        return;
      }
      throw e;
    }
    if (arrays.length < 2) {
      void vscode.window.showWarningMessage(`Divergence Lens: ${name} has ${arrays.length === 0 ? 'no numeric column' : 'one numeric column'}; two are needed.`);
      return;
    }
    const items = arrays.map((a) => ({ label: a.label, description: a.description, array: a }));
    const p = await vscode.window.showQuickPick(items, { title: `${name}: P`, placeHolder: 'Choose the column or array for P' });
    if (!p) return;
    const q = await vscode.window.showQuickPick(
      items.filter((i) => i !== p),
      { title: `${name}: Q`, placeHolder: `Choose the column or array for Q (P is ${p.label})` },
    );
    if (!q) return;
    this.report(name, p.array, q.array, this.deps.settings(uri));
  }

  private report(name: string, p: DataArray, q: DataArray, settings: DivergenceSettings): void {
    const source = `${name}: P = ${p.label}, Q = ${q.label}`;
    const f = (x: number) => formatSignificant(x, settings.significantDigits);
    const reading = interpretPair(p.values, q.values);
    try {
      let shown: string;
      if (reading.kind === 'distributions') {
        const kl = klDivergence(p.values, q.values, { base: settings.base });
        const js = jsDivergence(p.values, q.values, { base: settings.base });
        this.deps.record({ label: 'D(P‖Q)', value: kl.value, unit: kl.unit, source });
        this.deps.showKl?.(kl, p.values, q.values, source);
        this.deps.output.info(`${source} (as distributions): D(P‖Q) = ${formatFull(kl.value)} ${kl.unit}; JSD = ${formatFull(js.value)} ${js.unit}`);
        shown = `${p.label} vs ${q.label}, read as distributions${kl.normalized ? ' (normalised)' : ''}: D(P‖Q) = ${f(kl.value)} ${kl.unit}, JSD = ${f(js.value)} ${js.unit}`;
      } else {
        const ks = ksTest(p.values, q.values);
        const w = wasserstein(p.values, q.values);
        this.deps.record({ label: 'W1(P, Q)', value: w.value, unit: '', source });
        this.deps.showSamples?.(p.values, q.values, ks, w, source);
        this.deps.output.info(
          `${source} (as samples: ${reading.reason}): KS = ${formatFull(ks.statistic)}, p = ${formatFull(ks.pvalue)} (${ks.method}); W1 = ${formatFull(w.value)}`,
        );
        shown = `${p.label} vs ${q.label}, read as samples (${reading.reason}): KS = ${f(ks.statistic)} (p = ${f(ks.pvalue)}), W1 = ${f(w.value)}`;
      }
      void vscode.window.showInformationMessage(shown);
    } catch (e) {
      if (isDivergenceError(e)) {
        void vscode.window.showErrorMessage(`Divergence Lens (${source}): ${e.message}`);
        return;
      }
      throw e;
    }
  }
}
