import * as vscode from 'vscode';
import { KL_FORMULA_LATEX, klDivergence, type KlResult, type PoolKlResult } from '../../compute';
import { isDivergenceError } from '../../core/errors';
import { inColumnTerms } from '../../data/columnReading';
import { openNpyStream, type NpyStream } from '../../data/npyStream';
import { formatPrecise, formatSignificant } from '../../shared/format';
import { MAX_VIEW_VALUES, type KlResultView } from '../../shared/protocol';
import { klResultView } from '../panel/resultViews';
import { showMessage, showProblem, showResult } from '../results';
import type { DivergenceSettings } from '../config';
import type { LastResult } from '../lastResult';
import { fileReader } from '../../compute/fileReader';
import type { OffThreadKl } from '../offThread';
import { measuredPair, type LabelledColumn } from '../../data/tablePair';
import { DATA_EXTENSIONS, DATA_FILE, fileColumn, isFileError } from '../tableFiles';

export interface KlOfFilesDeps {
  readonly settings: (scope: vscode.Uri) => DivergenceSettings;
  readonly output: vscode.LogOutputChannel;
  readonly record: (result: LastResult) => void;
  readonly offThread: OffThreadKl;
  readonly showInPanel: (view: KlResultView, reveal: boolean) => void;
}

/**
 * "Divergence: KL Divergence of Two Data Files…": D(P‖Q) of a column (or array) of one data file against one of
 * another. Two .npy files are read chunk by chunk into the worker pool's ring (never whole: a 10^8-value pair
 * takes the ring's ~100 MB, not 1.6 GB), computed by two worker threads with a progress notification and a
 * Cancel button, while the editor stays responsive. Any other pair (Parquet, Arrow, CSV/TSV, JSON, .npz, or a
 * .npy with one of those) asks for a column of each file that has several, reads only that column (a Parquet
 * file by byte ranges), skips and counts each column's nulls, and compares two categorical columns as the
 * frequencies of their categories over the union of both. From the Explorer: select two data files (P first)
 * and choose the command, or choose it on one file (P) and pick Q. Reads the files only.
 */
export class KlOfFilesCommand {
  static readonly id = 'divergenceLens.klOfFiles';

  constructor(private readonly deps: KlOfFilesDeps) {}

  async run(resource?: vscode.Uri, selected?: readonly vscode.Uri[]): Promise<void> {
    const files = await this.pickFiles(resource, selected);
    if (!files) return;
    const [pUri, qUri] = files;
    if (/\.npy$/i.test(pUri.path) && /\.npy$/i.test(qUri.path)) return this.runNpy(pUri, qUri);
    return this.runColumns(pUri, qUri);
  }

  /** Two .npy files of any size, streamed into the worker pool. */
  private async runNpy(pUri: vscode.Uri, qUri: vscode.Uri): Promise<void> {
    const source = `${fileName(pUri)} vs ${fileName(qUri)}`;
    const settings = this.deps.settings(pUri);
    if (pUri.scheme !== 'file' || qUri.scheme !== 'file') {
      showMessage(this.deps.output, 'warning', `${source}: only files on this machine's disk can be read in chunks.`);
      return;
    }
    let streams: [NpyStream, NpyStream] | undefined;
    try {
      const p = await openStream(pUri, fileName(pUri));
      let q: NpyStream;
      try {
        q = await openStream(qUri, fileName(qUri));
      } catch (e) {
        await p.close();
        throw e;
      }
      streams = [p, q];
      const preview = await Promise.all(streams.map(async (s) => {
        const k = Math.min(s.length, MAX_VIEW_VALUES);
        const values = new Float64Array(k);
        await s.read(0, k, values, 0);
        return values;
      }));
      const result = await this.deps.offThread.run(`Divergence Lens: D(P‖Q) of ${source}`, (pool, signal, onProgress) =>
        pool.klDivergenceFromSources(p, q, { base: settings.base, signal, onProgress }),
      );
      streams = undefined; // closed by the pool
      if (!result) {
        showMessage(this.deps.output, 'info', `D(P‖Q) of ${source} was cancelled.`);
        return;
      }
      this.report(result, preview[0]!, preview[1]!, [fileName(pUri), fileName(qUri)], settings, { how: ' (read in chunks)', shown: [], full: [...p.notes, ...q.notes] });
    } catch (e) {
      if (streams) await Promise.allSettled(streams.map((s) => s.close()));
      this.showError(e, source, fileName(pUri), fileName(qUri));
    }
  }

  /** A column of each file (nulls skipped and counted; categories counted), D(P‖Q) on this thread or the pool's. */
  private async runColumns(pUri: vscode.Uri, qUri: vscode.Uri): Promise<void> {
    const settings = this.deps.settings(pUri);
    let labels = [fileName(pUri), fileName(qUri)];
    try {
      const p = await fileColumn(this.deps.output, pUri, 'P');
      if (!p) return;
      labels = [p.label, labels[1]!];
      const q = await fileColumn(this.deps.output, qUri, 'Q', p.label);
      if (!q) return;
      labels = [p.label, q.label];
      await this.compareColumns(p, q, settings);
    } catch (e) {
      this.showError(e, `${labels[0]} vs ${labels[1]}`, labels[0]!, labels[1]!);
    }
  }

  /** D(P‖Q) of two columns: on this thread up to `workerThreshold` values, in the worker pool (with Cancel) above. */
  private async compareColumns(p: LabelledColumn, q: LabelledColumn, settings: DivergenceSettings): Promise<void> {
    const pair = measuredPair(p, q, false);
    const source = `${p.label} vs ${q.label}`;
    const options = { base: settings.base };
    const result: KlResult | PoolKlResult | undefined =
      Math.max(pair.p.length, pair.q.length) <= settings.workerThreshold
        ? klDivergence(pair.p, pair.q, options)
        : await this.deps.offThread.run(`Divergence Lens: D(P‖Q) of ${source}`, (pool, signal, onProgress) => pool.klDivergenceAsync(pair.p, pair.q, { ...options, signal, onProgress }));
    if (!result) {
      showMessage(this.deps.output, 'info', `D(P‖Q) of ${source} was cancelled.`);
      return;
    }
    this.report(result, pair.p, pair.q, [p.label, q.label], settings, { how: '', shown: pair.notes, full: pair.notes });
  }

  /**
   * The result, shown, recorded and sent to the panel: "P vs Q: D(P‖Q) = x nats, n = k", then the
   * normalisation and `notes.shown`; the output channel's line in full precision, with how the values were
   * read (`notes.how` after the backend) and `notes.full`.
   */
  private report(
    result: KlResult | PoolKlResult,
    p: Float64Array,
    q: Float64Array,
    [pName, qName]: readonly string[],
    settings: DivergenceSettings,
    notes: { readonly how: string; readonly shown: readonly string[]; readonly full: readonly string[] },
  ): void {
    const source = `${pName} vs ${qName}`;
    const view = klResultView(result, p, q, KL_FORMULA_LATEX, source);
    this.deps.showInPanel(view, false);
    const normalised = result.normalized
      ? [`normalised: ${pName} summed to ${formatSignificant(result.sums.p, 6)}, ${qName} to ${formatSignificant(result.sums.q, 6)}`]
      : [];
    const said = [...normalised, ...notes.shown];
    showResult(
      { output: this.deps.output, record: this.deps.record, openPanel: () => this.deps.showInPanel(view, true) },
      {
        label: 'D(P‖Q)',
        value: result.value,
        unit: result.unit,
        source,
        shown: `${source}: D(P‖Q) = ${formatSignificant(result.value, settings.significantDigits)} ${result.unit}, n = ${result.n}${said.length ? ` (${said.join('; ')})` : ''}`,
        full:
          `${formatPrecise(result.value)} ${result.unit}; n = ${result.n}; ` +
          `normalized = ${result.normalized} (sum P = ${formatPrecise(result.sums.p)}, sum Q = ${formatPrecise(result.sums.q)}); ` +
          `Pinsker TV ≤ ${formatPrecise(result.pinskerTvBound)}; backend = ${result.backend}${notes.how}${notes.full.map((n) => `; ${n}`).join('')}`,
      },
    );
  }

  /** A DivergenceError or fs error as an error message naming the files (or columns); anything else is thrown. */
  private showError(e: unknown, source: string, pName: string, qName: string): void {
    if (isDivergenceError(e)) return showProblem(this.deps.output, source, inColumnTerms(e.message, pName, qName), e.code);
    if (isFileError(e)) return showProblem(this.deps.output, source, e.message, e.code);
    throw e;
  }

  /** P and Q from the Explorer selection, or asked for with open dialogs. */
  private async pickFiles(resource?: vscode.Uri, selected?: readonly vscode.Uri[]): Promise<[vscode.Uri, vscode.Uri] | undefined> {
    const filters = { 'Data files': DATA_EXTENSIONS };
    const data = (selected ?? []).filter((u) => u instanceof vscode.Uri && DATA_FILE.test(u.path));
    if (data.length === 2) return [data[0]!, data[1]!];
    if (data.length > 2) {
      showMessage(this.deps.output, 'warning', `${data.length} data files are selected; select two (P, then Q).`);
      return undefined;
    }
    let p = resource instanceof vscode.Uri && DATA_FILE.test(resource.path) ? resource : undefined;
    if (!p) {
      const picked = await vscode.window.showOpenDialog({ title: 'Divergence Lens: the data file of P', canSelectMany: false, filters, openLabel: 'Use as P' });
      p = picked?.[0];
      if (!p) return undefined;
    }
    const q = await vscode.window.showOpenDialog({ title: `Divergence Lens: the data file of Q (P is ${fileName(p)})`, canSelectMany: false, filters, openLabel: 'Use as Q' });
    return q?.[0] ? [p, q[0]] : undefined;
  }
}

function fileName(u: vscode.Uri): string {
  return u.path.split('/').pop() ?? u.toString();
}

/** The values of a .npy file, read on demand; errors name the file. */
async function openStream(uri: vscode.Uri, name: string): Promise<NpyStream> {
  const reader = await fileReader(uri.fsPath);
  try {
    return await openNpyStream(reader);
  } catch (e) {
    await reader.close?.();
    if (e instanceof Error) e.message = `${name}: ${e.message}`;
    throw e;
  }
}
