import * as vscode from 'vscode';
import { jsDivergence, klDivergence, type KlResult } from '../../compute';
import { isDivergenceError } from '../../core/errors';
import type { DriftTable } from '../../drift';
import type { DriftReportView } from '../../shared/driftView';
import { formatMeasure, formatPrecise, formatSignificant } from '../../shared/format';
import type { DivergenceSettings } from '../config';
import { buildDriftView } from '../driftReportView';
import type { LastResult } from '../lastResult';
import { jupyterApi, JUPYTER_EXTENSION_ID, KernelProblem, runForJson, type JupyterApi, type JupyterKernel } from '../notebookKernel';
import { listingCode, MAX_KERNEL_VALUES, readListing, readValues, valuesCode, variableLabel, type KernelVariable } from '../notebookKernelCode';
import { showMessage, showProblem, showResult, showWarning } from '../results';
import { readAs, readingConventions } from '../selectionMeasures';
import { measureOptions, strictRefusal } from '../settingsModel';
import { choosePairReading, reportSampleMeasure } from './pairReading';

export interface NotebookVariablesDeps {
  readonly settings: (scope: vscode.Uri) => DivergenceSettings;
  readonly output: vscode.LogOutputChannel;
  readonly record: (result: LastResult) => void;
  readonly openPanel: () => void;
  /** Hands D(P‖Q) to the panel. */
  readonly showKl?: (kl: KlResult, p: Float64Array, q: Float64Array, source: string) => void;
  /** Opens the panel's Drift view; when given, the two variables may be compared as a drift report. */
  readonly showDrift?: (view: DriftReportView) => void;
  /** The Jupyter extension's API (activating it), undefined when it is not installed. */
  readonly jupyter?: () => Promise<JupyterApi | undefined>;
}

const NEEDS_JUPYTER =
  `Compare Notebook Variables needs the Jupyter extension (${JUPYTER_EXTENSION_ID}); install it to reach the notebook's kernel, ` +
  'or select the arrays in the cells: the hover, the status bar and the selection commands work there without a kernel.';

/**
 * "Divergence: Compare Notebook Variables…": lists the array-like variables of the active notebook's running
 * kernel (NumPy arrays, pandas Series and DataFrame columns, lists of numbers, torch tensors) through the
 * Jupyter extension's kernel API, fetches the two picked (only those, at most MAX_KERNEL_VALUES values each),
 * and reports D(P‖Q) and JSD as every command does; pairs that read as samples are offered sample measures.
 * The code run in the kernel reads variables and defines nothing that stays.
 */
export class CompareNotebookVariablesCommand {
  static readonly id = 'divergenceLens.compareNotebookVariables';

  constructor(private readonly deps: NotebookVariablesDeps) {}

  async run(): Promise<void> {
    const notebook = vscode.window.activeNotebookEditor?.notebook;
    if (!notebook) return showWarning(this.deps.output, 'no notebook is active; open a Jupyter notebook (.ipynb) and run its cells first.');
    const name = notebook.uri.path.split('/').pop() ?? notebook.uri.toString();
    const api = await (this.deps.jupyter ?? jupyterApi)();
    if (!api) return showWarning(this.deps.output, NEEDS_JUPYTER);
    const kernel = await api.kernels.getKernel(notebook.uri);
    if (!kernel) return showWarning(this.deps.output, `${name} has no running kernel: run a cell first (the Jupyter extension shares only kernels that ran code).`);
    if (kernel.language !== 'python') return showWarning(this.deps.output, `Compare Notebook Variables reads Python kernels; the kernel of ${name} runs ${kernel.language}.`);

    const listing = await this.inKernel(kernel, listingCode(), `listing the arrays of the kernel of ${name}`);
    if (listing === undefined) return;
    const variables = readListing(listing);
    if (variables.length < 2) {
      const found = variables.length === 0 ? 'no array-like variable' : `one array-like variable (${variableLabel(variables[0]!)})`;
      return showWarning(this.deps.output, `the kernel of ${name} has ${found}; two are needed (NumPy arrays, pandas Series or DataFrame columns, lists of numbers, torch tensors).`);
    }
    const items = variables.map((v) => ({ label: variableLabel(v), description: `${v.type}, ${v.shape.join(' × ')} ${v.dtype}`, variable: v }));
    const chosen: typeof items = [];
    for (const role of ['P', 'Q']) {
      const told = chosen.length > 0 ? ` (P is ${chosen[0]!.label})` : '';
      const pick = await vscode.window.showQuickPick(
        items.filter((i) => !chosen.includes(i)),
        { title: `${name}: ${role}`, placeHolder: `Choose the variable for ${role}${told}` },
      );
      if (!pick) return;
      chosen.push(pick);
    }
    const [p, q] = chosen as [(typeof items)[0], (typeof items)[0]];
    const source = `${name}: P = ${p.label}, Q = ${q.label}`;
    const values = await this.fetch(kernel, [p.variable, q.variable], name, source);
    if (!values) return;
    const settings = this.deps.settings(notebook.uri);
    const how = await this.howToCompare(name, p.label, q.label);
    if (how === 'drift') return this.driftReport(source, p.label, q.label, values, settings);
    if (how === 'divergences') await this.report(source, [p.label, q.label], values[0], values[1], settings);
  }

  /** Divergences, or (where the panel's Drift view is at hand) a drift report of P as reference and Q as current. */
  private async howToCompare(name: string, p: string, q: string): Promise<'divergences' | 'drift' | undefined> {
    if (!this.deps.showDrift) return 'divergences';
    const items = [
      { label: 'Divergences', description: 'D(P‖Q) and JSD as distributions, or sample measures', how: 'divergences' as const },
      { label: 'Drift report', description: `${p} as the reference, ${q} as the current data: the test Compare Two Datasets gives a column`, how: 'drift' as const },
    ];
    return (await vscode.window.showQuickPick(items, { title: `${name}: compare ${p} and ${q}`, placeHolder: 'Choose how to compare them' }))?.how;
  }

  /**
   * The drift report of one column, P's values as the reference and Q's as the current data, in the Drift view.
   * NaN and ±inf are missing cells, as the table readers make a non-finite number (src/drift/tableText.ts).
   */
  private driftReport(source: string, p: string, q: string, [pv, qv]: [Float64Array, Float64Array], settings: DivergenceSettings): void {
    const column = (values: Float64Array): DriftTable => ({
      rows: values.length,
      columns: [{ kind: 'numeric', name: `${p} → ${q}`, values, missing: Uint8Array.from(values, (v) => (Number.isFinite(v) ? 0 : 1)) }],
    });
    try {
      const view = buildDriftView({ reference: column(pv), current: column(qv), skipped: [] }, { reference: p, current: q }, settings.drift);
      const c = view.report.columns[0];
      if (c === undefined) return showWarning(this.deps.output, `${p} or ${q} has no finite value, so there is nothing to test for drift.`, source);
      this.deps.showDrift!(view);
      showMessage(this.deps.output, 'info', `${p} → ${q}: ${c.test} ${formatPrecise(c.score)}, threshold ${c.threshold}: ${c.drifted ? 'drifted' : 'no drift'} (the Drift view has the chart).`, { source });
    } catch (e) {
      if (isDivergenceError(e)) return showProblem(this.deps.output, source, e.message, e.code);
      throw e;
    }
  }

  /** The values of `wanted` from the kernel, or undefined after a message saying why not. */
  private async fetch(kernel: JupyterKernel, wanted: readonly KernelVariable[], name: string, source: string): Promise<[Float64Array, Float64Array] | undefined> {
    const answer = await this.inKernel(kernel, valuesCode(wanted), `reading ${wanted.map(variableLabel).join(' and ')} from the kernel of ${name}`);
    if (answer === undefined) return undefined;
    const read = readValues(answer, wanted.length);
    if (!read) {
      showProblem(this.deps.output, source, 'the kernel did not answer with the values asked for', 'kernel-no-answer');
      return undefined;
    }
    const arrays: Float64Array[] = [];
    for (const [i, r] of read.entries()) {
      if ('size' in r) {
        showWarning(
          this.deps.output,
          `${variableLabel(wanted[i]!)} has ${r.size} values, more than the ${MAX_KERNEL_VALUES} this command reads from a kernel; save it with numpy.save and use "KL Divergence of Two Data Files…".`,
          source,
        );
        return undefined;
      }
      arrays.push(r.values);
    }
    return [arrays[0]!, arrays[1]!];
  }

  /** Run `code` in the kernel with a cancellable progress notification; undefined after a message or Cancel. */
  private async inKernel(kernel: JupyterKernel, code: string, what: string): Promise<unknown> {
    const answer = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Divergence Lens: ${what}`, cancellable: true },
      (_progress, token) => runForJson(kernel, code, token),
    );
    if (answer instanceof KernelProblem) {
      showProblem(this.deps.output, undefined, `${what}: ${answer.message}.`, `kernel-${answer.code}`);
      return undefined;
    }
    if (answer === undefined) showMessage(this.deps.output, 'info', `${what} was cancelled.`);
    return answer;
  }

  /** D(P‖Q) and JSD in the settings' conventions (or the reading chosen), or the sample measure chosen. */
  private async report(source: string, names: readonly string[], p: Float64Array, q: Float64Array, configured: DivergenceSettings): Promise<void> {
    const sinks = { output: this.deps.output, record: this.deps.record, openPanel: this.deps.openPanel };
    const reading = await choosePairReading(p, q, configured, names);
    if (!reading) return;
    if (reading.kind === 'samples') return reportSampleMeasure(sinks, reading.measure, p, q, source, configured);
    const settings = readAs(configured, reading.input);
    const f = (x: number) => formatSignificant(x, settings.significantDigits);
    try {
      const [kl, js] = [klDivergence, jsDivergence].map((measure) => measure(p, q, measureOptions(settings))) as [KlResult, KlResult];
      const refused = strictRefusal(settings, kl);
      if (refused) return showProblem(this.deps.output, source, refused, 'strict-normalization');
      const conventions = readingConventions(settings, kl, reading.because);
      this.deps.showKl?.(kl, p, q, source);
      showResult(sinks, {
        label: 'D(P‖Q)',
        value: kl.value,
        unit: kl.unit,
        source,
        shown: `${formatMeasure('D(P‖Q)', kl.value, kl.unit, settings.significantDigits)}, JSD(P, Q) = ${f(js.value)} ${js.unit} (${names[0]} vs ${names[1]}; ${conventions})`,
        full: `${formatPrecise(kl.value)} ${kl.unit}; JSD(P, Q) = ${formatPrecise(js.value)} ${js.unit}; n = ${p.length}; ${conventions}`,
      });
    } catch (e) {
      if (isDivergenceError(e)) return showProblem(this.deps.output, source, e.message, e.code);
      throw e;
    }
  }
}
