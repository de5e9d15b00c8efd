import * as vscode from 'vscode';
import { KL_FORMULA_LATEX } from '../../compute';
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

export interface KlOfFilesDeps {
  readonly settings: (scope: vscode.Uri) => DivergenceSettings;
  readonly output: vscode.LogOutputChannel;
  readonly record: (result: LastResult) => void;
  readonly offThread: OffThreadKl;
  readonly showInPanel: (view: KlResultView, reveal: boolean) => void;
}

/**
 * "Divergence: KL Divergence of Two .npy Files…": D(P‖Q) of the arrays in two .npy files of any size. The files
 * are read chunk by chunk into the worker pool's ring (never whole: a 10^8-value pair takes the ring's ~100 MB,
 * not 1.6 GB), computed by two worker threads with a progress notification and a Cancel button, while the
 * editor stays responsive. From the Explorer: select two .npy files (P first) and choose the command, or
 * choose it on one file (P) and pick Q. Reads the files only.
 */
export class KlOfFilesCommand {
  static readonly id = 'divergenceLens.klOfFiles';

  constructor(private readonly deps: KlOfFilesDeps) {}

  async run(resource?: vscode.Uri, selected?: readonly vscode.Uri[]): Promise<void> {
    const files = await this.pickFiles(resource, selected);
    if (!files) return;
    const [pUri, qUri] = files;
    const name = (u: vscode.Uri) => u.path.split('/').pop() ?? u.toString();
    const source = `${name(pUri)} vs ${name(qUri)}`;
    const settings = this.deps.settings(pUri);
    if (pUri.scheme !== 'file' || qUri.scheme !== 'file') {
      showMessage(this.deps.output, 'warning', `${source}: only files on this machine's disk can be read in chunks.`);
      return;
    }
    let streams: [NpyStream, NpyStream] | undefined;
    try {
      const p = await openStream(pUri, name(pUri));
      let q: NpyStream;
      try {
        q = await openStream(qUri, name(qUri));
      } catch (e) {
        await p.close();
        throw e;
      }
      streams = [p, q];
      const preview = await Promise.all(streams.map(async (s) => {
        const k = Math.min(s.length, MAX_VIEW_VALUES);
        const values = new Float64Array(k);
        await s.read(0, k, values, 0);
        return Array.from(values);
      }));
      const result = await this.deps.offThread.run(`Divergence Lens: D(P‖Q) of ${source}`, (pool, signal, onProgress) =>
        pool.klDivergenceFromSources(p, q, { base: settings.base, signal, onProgress }),
      );
      streams = undefined; // closed by the pool
      if (!result) {
        showMessage(this.deps.output, 'info', `D(P‖Q) of ${source} was cancelled.`);
        return;
      }
      const notes = [...p.notes, ...q.notes];
      const view = klResultView(result, preview[0]!, preview[1]!, KL_FORMULA_LATEX, source);
      this.deps.showInPanel(view, false);
      const note = result.normalized
        ? ` (normalised: ${name(pUri)} summed to ${formatSignificant(result.sums.p, 6)}, ${name(qUri)} to ${formatSignificant(result.sums.q, 6)})`
        : '';
      showResult(
        { output: this.deps.output, record: this.deps.record, openPanel: () => this.deps.showInPanel(view, true) },
        {
          label: 'D(P‖Q)',
          value: result.value,
          unit: result.unit,
          source,
          shown: `${source}: D(P‖Q) = ${formatSignificant(result.value, settings.significantDigits)} ${result.unit}, n = ${result.n}${note}`,
          full:
            `${formatPrecise(result.value)} ${result.unit}; n = ${result.n}; ` +
            `normalized = ${result.normalized} (sum P = ${formatPrecise(result.sums.p)}, sum Q = ${formatPrecise(result.sums.q)}); ` +
            `Pinsker TV ≤ ${formatPrecise(result.pinskerTvBound)}; backend = ${result.backend} (read in chunks)${notes.length ? `; ${notes.join('; ')}` : ''}`,
        },
      );
    } catch (e) {
      if (streams) await Promise.allSettled(streams.map((s) => s.close()));
      const message = isDivergenceError(e) ? inColumnTerms(e.message, name(pUri), name(qUri)) : isFileError(e) ? (e as Error).message : undefined;
      if (message === undefined) throw e;
      showProblem(this.deps.output, source, message, isDivergenceError(e) ? e.code : (e as NodeJS.ErrnoException).code);
    }
  }

  /** P and Q from the Explorer selection, or asked for with open dialogs. */
  private async pickFiles(resource?: vscode.Uri, selected?: readonly vscode.Uri[]): Promise<[vscode.Uri, vscode.Uri] | undefined> {
    const filters = { 'NumPy arrays': ['npy'] };
    const npy = (selected ?? []).filter((u) => u instanceof vscode.Uri && u.path.toLowerCase().endsWith('.npy'));
    if (npy.length === 2) return [npy[0]!, npy[1]!];
    if (npy.length > 2) {
      showMessage(this.deps.output, 'warning', `${npy.length} .npy files are selected; select two (P, then Q).`);
      return undefined;
    }
    let p = resource instanceof vscode.Uri && resource.path.toLowerCase().endsWith('.npy') ? resource : undefined;
    if (!p) {
      const picked = await vscode.window.showOpenDialog({ title: 'Divergence Lens: the .npy file of P', canSelectMany: false, filters, openLabel: 'Use as P' });
      p = picked?.[0];
      if (!p) return undefined;
    }
    const q = await vscode.window.showOpenDialog({ title: `Divergence Lens: the .npy file of Q (P is ${p.path.split('/').pop()})`, canSelectMany: false, filters, openLabel: 'Use as Q' });
    return q?.[0] ? [p, q[0]] : undefined;
  }
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

/** Errors of fs (ENOENT, EACCES, EISDIR ...): shown as messages, not thrown. */
function isFileError(e: unknown): boolean {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((e as NodeJS.ErrnoException).code!);
}
