import * as vscode from 'vscode';
import { jsDivergence, klDivergence, ksTest, wasserstein, type KlResult, type KsResult, type WassersteinResult } from '../../compute';
import { isDivergenceError } from '../../core/errors';
import { listDataArrays, type DataArray } from '../../data/dataFileArrays';
import { interpretPair } from '../../data/interpretPair';
import { formatFull, formatSignificant } from '../../shared/format';
import type { DivergenceSettings } from '../config';
import type { LastResult } from '../lastResult';
import { showProblem, showResult } from '../results';
import { conventionsText, measureOptions, strictRefusal } from '../settingsModel';
import { BIG_CSV_BYTES, listBigCsvColumns, readBigCsvPair } from '../bigCsv';
import type { OffThreadKl } from '../offThread';

/** Files larger than this are not read by the command (the CLI and, later, streaming serve them). */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

export interface CompareColumnsDeps {
  readonly settings: (scope: vscode.Uri) => DivergenceSettings;
  readonly output: vscode.LogOutputChannel;
  readonly record: (result: LastResult) => void;
  readonly openPanel: () => void;
  /** The worker pool, for files too big to compute on the extension host's thread. */
  readonly offThread?: OffThreadKl;
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
    // From the palette with a binary file (.npy, .npz) open there is no text editor: take the active tab's file.
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    const tabUri = tab instanceof vscode.TabInputText || tab instanceof vscode.TabInputCustom ? tab.uri : undefined;
    const uri = resource instanceof vscode.Uri ? resource : (vscode.window.activeTextEditor?.document.uri ?? tabUri);
    if (!uri) {
      void vscode.window.showWarningMessage('Divergence Lens: open or right-click a .csv, .tsv, .json, .npy or .npz file first.');
      return;
    }
    const name = uri.path.split('/').pop() ?? uri.toString();
    let arrays: DataArray[];
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > BIG_CSV_BYTES && /\.(csv|tsv)$/i.test(name) && uri.scheme === 'file' && this.deps.offThread) {
        await this.runBigCsv(uri, name);
        return;
      }
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

  /**
   * A CSV/TSV over BIG_CSV_BYTES: columns listed from its first MiB, the two chosen read in pieces (progress,
   * Cancel), and D(P‖Q) computed by the worker pool, so the editor keeps responding. Only KL: JS, KS and
   * Wasserstein of inputs this large are left to the CLI, and the message says so.
   */
  private async runBigCsv(uri: vscode.Uri, name: string): Promise<void> {
    const offThread = this.deps.offThread!;
    const settings = this.deps.settings(uri);
    try {
      const columns = await listBigCsvColumns(uri.fsPath, name);
      if (columns.length < 2) {
        void vscode.window.showWarningMessage(`Divergence Lens: ${name} has ${columns.length === 0 ? 'no numeric column' : 'one numeric column'} in its first MiB; two are needed.`);
        return;
      }
      const items = columns.map((c) => ({ label: c.label, description: c.description, column: c }));
      const p = await vscode.window.showQuickPick(items, { title: `${name}: P`, placeHolder: 'Choose the column for P' });
      if (!p) return;
      const q = await vscode.window.showQuickPick(
        items.filter((i) => i !== p),
        { title: `${name}: Q`, placeHolder: `Choose the column for Q (P is ${p.label})` },
      );
      if (!q) return;
      const source = `${name}: P = ${p.label}, Q = ${q.label}`;
      const pair = await readBigCsvPair(uri.fsPath, name, p.column, q.column);
      if (!pair) {
        void vscode.window.showInformationMessage(`Divergence Lens: reading ${name} was cancelled.`);
        return;
      }
      const [pv, qv] = pair;
      const reading = interpretPair(pv, qv, settings.input);
      if (reading.kind !== 'distributions') {
        void vscode.window.showInformationMessage(
          `Divergence Lens: ${p.label} vs ${q.label} read as samples (${reading.reason}); KS and Wasserstein of ${pv.length} values are left to the CLI: divergence ks --p @${name}:${p.label} --q @${name}:${q.label}`,
        );
        return;
      }
      const kl = await offThread.run(`Divergence Lens: D(P‖Q) of ${source}`, (pool, signal, onProgress) =>
        pool.klDivergenceAsync(pv, qv, { ...measureOptions(settings), signal, onProgress }),
      );
      if (!kl) {
        void vscode.window.showInformationMessage(`Divergence Lens: D(P‖Q) of ${source} was cancelled.`);
        return;
      }
      const refused = strictRefusal(settings, kl);
      if (refused) return showProblem(this.deps.output, source, refused, 'strict-normalization');
      this.deps.showKl?.({ ...kl, backend: kl.backend === 'ts' ? 'ts' : 'wasm' }, pv, qv, source);
      const f = (x: number) => formatSignificant(x, settings.significantDigits);
      const conventions = conventionsText(settings, kl);
      showResult(this.deps, {
        label: 'D(P‖Q)',
        value: kl.value,
        unit: kl.unit,
        source,
        shown: `${p.label} vs ${q.label} (${pv.length} rows, read in pieces), read as distributions (${conventions}): D(P‖Q) = ${f(kl.value)} ${kl.unit}`,
        full: `(as distributions: ${conventions}; ${pv.length} rows read in pieces; backend ${kl.backend}) D(P‖Q) = ${formatFull(kl.value)} ${kl.unit}`,
      });
    } catch (e) {
      if (isDivergenceError(e)) return showProblem(this.deps.output, name, e.message, e.code);
      if (e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string') return showProblem(this.deps.output, name, e.message, (e as NodeJS.ErrnoException).code);
      throw e;
    }
  }

  private report(name: string, p: DataArray, q: DataArray, settings: DivergenceSettings): void {
    const source = `${name}: P = ${p.label}, Q = ${q.label}`;
    const f = (x: number) => formatSignificant(x, settings.significantDigits);
    const reading = interpretPair(p.values, q.values, settings.input);
    try {
      if (reading.kind === 'distributions') {
        const options = measureOptions(settings);
        const kl = klDivergence(p.values, q.values, options);
        const refused = strictRefusal(settings, kl);
        if (refused) return showProblem(this.deps.output, source, refused, 'strict-normalization');
        const js = jsDivergence(p.values, q.values, options);
        const conventions = conventionsText(settings, kl);
        this.deps.showKl?.(kl, p.values, q.values, source);
        showResult(this.deps, {
          label: 'D(P‖Q)',
          value: kl.value,
          unit: kl.unit,
          source,
          shown: `${p.label} vs ${q.label}, read as distributions (${conventions}): D(P‖Q) = ${f(kl.value)} ${kl.unit}, JSD = ${f(js.value)} ${js.unit}`,
          full: `(as distributions: ${conventions}) D(P‖Q) = ${formatFull(kl.value)} ${kl.unit}; JSD = ${formatFull(js.value)} ${js.unit}`,
        });
      } else {
        const ks = ksTest(p.values, q.values);
        const w = wasserstein(p.values, q.values);
        this.deps.showSamples?.(p.values, q.values, ks, w, source);
        showResult(this.deps, {
          label: 'W1(P, Q)',
          value: w.value,
          unit: '',
          source,
          shown: `${p.label} vs ${q.label}, read as samples (${reading.reason}): KS = ${f(ks.statistic)} (p = ${f(ks.pvalue)}), W1 = ${f(w.value)}`,
          full: `(as samples: ${reading.reason}) KS = ${formatFull(ks.statistic)}, p = ${formatFull(ks.pvalue)} (${ks.method}); W1 = ${formatFull(w.value)}`,
        });
      }
    } catch (e) {
      if (isDivergenceError(e)) return showProblem(this.deps.output, source, e.message, e.code);
      throw e;
    }
  }
}
