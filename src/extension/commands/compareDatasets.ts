import * as vscode from 'vscode';
import { isDivergenceError } from '../../core/errors';
import {
  DRIFT_TABLE_EXTENSIONS,
  openColumnSource,
  readDriftTable,
  splitTable,
  tableExtension,
  type DriftFilesOptions,
  type DriftTable,
  type DriftTableRead,
  type TableSplit,
} from '../../drift';
import { driftSummary, type DriftReportView } from '../../shared/driftView';
import { formatPrecise } from '../../shared/format';
import type { DivergenceSettings } from '../config';
import type { DriftSettings } from '../settingsModel';
import { driftOnDuckDb } from '../driftEngine';
import { DriftEngineRoute, type FoundDuckDb } from '../driftEngineRoute';
import { openDriftFile, readsInPieces, type OpenedDriftFile } from '../driftLocal';
import { chartColumnsPerPass, piecewiseDrift, type PiecewiseDrift, type PiecewiseInputs } from '../driftPiecewise';
import { buildDriftView, driftOptions, driftViewOf, type DriftSides } from '../driftReportView';
import { splitChoices, splitChoicesOfSource, splitText, type SplitChoice } from '../driftSplit';
import { showMessage, showProblem } from '../results';

/** Files read whole (not on this machine's disk, or in the browser) larger than this are left to the command line. */
export const MAX_DRIFT_FILE_BYTES = 512 * 1024 * 1024;

/** Files on this machine's disk larger than this are read a few columns at a time, with bounded memory. */
export const PIECEWISE_DRIFT_BYTES = 64 * 1024 * 1024;

/** Files read in pieces: CSV and TSV text a piece at a time, Parquet a column chunk at a time. JSON and Arrow are held whole. */
const PIECEWISE_EXTENSIONS = ['.csv', '.tsv', '.parquet'];

/** The Quick Pick items besides the workspace's table files. */
export const SPLIT_ITEM = "Split this file by a column's values…";
export const BROWSE_ITEM = 'Browse…';

/** At most this many workspace table files are offered as the current data. */
const MAX_LISTED_FILES = 200;

export interface CompareDatasetsDeps {
  readonly settings: (scope: vscode.Uri) => DivergenceSettings;
  readonly output: vscode.LogOutputChannel;
  /** Shows the report in the panel's Drift view. */
  readonly showDrift: (view: DriftReportView) => void;
  /** Files on disk larger than this are read in pieces (default {@link PIECEWISE_DRIFT_BYTES}). */
  readonly piecewiseBytes?: number;
  /** Memory and piece size of the reads in pieces (default: those of `driftReportOfFiles`). */
  readonly pieces?: Pick<DriftFilesOptions, 'columnsPerPass' | 'memoryBytes' | 'pieceBytes'>;
  /** Whether big Parquet files go to DuckDB (default: a route that looks in the setting's folder, the workspace, npm's global root). */
  readonly engine?: DriftEngineRoute;
}

/**
 * Two files, or one file split by a column's values (its table read already to list its columns, unless the
 * file is read in pieces).
 */
type Inputs =
  | { readonly kind: 'files'; readonly reference: vscode.Uri; readonly current: vscode.Uri }
  | { readonly kind: 'split'; readonly file: vscode.Uri; readonly read?: DriftTableRead; readonly split: TableSplit };

const nameOf = (u: vscode.Uri) => u.path.split('/').pop() ?? u.toString();
const isTableFile = (u: unknown): u is vscode.Uri => u instanceof vscode.Uri && DRIFT_TABLE_EXTENSIONS.includes(tableExtension(u.path));
const TABLE_FILTERS = { 'Tables (CSV, TSV, JSON records, Parquet, Arrow)': DRIFT_TABLE_EXTENSIONS.map((e) => e.slice(1)) };

/**
 * "Divergence: Compare Two Datasets (Drift)…": the drift report of a current table against a reference table
 * (docs/drift.md), column by column, in the panel's Drift view. From the Explorer with two table files
 * selected (the first is the reference), on one file (then the current data is another file or the same file
 * split by a column's values), or from the palette (open dialogs). Reads the files only, with a progress
 * notification whose Cancel stops between steps and within columnar reads.
 */
export class CompareDatasetsCommand {
  static readonly id = 'divergenceLens.compareDatasets';

  private readonly engine: DriftEngineRoute;

  constructor(private readonly deps: CompareDatasetsDeps) {
    this.engine = deps.engine ?? new DriftEngineRoute(deps.output);
  }

  async run(resource?: vscode.Uri, selected?: readonly vscode.Uri[]): Promise<void> {
    try {
      const inputs = await this.chooseInputs(resource, selected);
      if (inputs) await this.compare(inputs);
    } catch (e) {
      this.problem(e, resource ? nameOf(resource) : undefined);
    }
  }

  /** Every failure is a message (a DivergenceError's code, a file system error's), never an exception. */
  private problem(e: unknown, source: string | undefined): void {
    const fileCode = (e as { code?: unknown } | undefined)?.code;
    const code = isDivergenceError(e) ? e.code : typeof fileCode === 'string' ? fileCode : undefined;
    showProblem(this.deps.output, source, e instanceof Error ? e.message : String(e), code);
  }

  private async chooseInputs(resource?: vscode.Uri, selected?: readonly vscode.Uri[]): Promise<Inputs | undefined> {
    const many = (selected ?? []).filter((u) => u instanceof vscode.Uri);
    if (many.length > 1) {
      const tables = many.filter(isTableFile);
      if (many.length === 2 && tables.length === 2) return { kind: 'files', reference: tables[0]!, current: tables[1]! };
      showMessage(this.deps.output, 'warning', `select two table files (the reference first, then the current data), not ${many.length} files: ${many.map(nameOf).join(', ')}.`);
      return undefined;
    }
    let reference = isTableFile(resource) ? resource : undefined;
    if (resource && !reference) {
      showMessage(this.deps.output, 'warning', `${nameOf(resource)} is not a table file; a drift report reads ${DRIFT_TABLE_EXTENSIONS.join(', ')} files.`);
      return undefined;
    }
    if (!reference) {
      const picked = await vscode.window.showOpenDialog({ title: 'Divergence Lens: the reference table (what the current data is compared with)', canSelectMany: false, filters: TABLE_FILTERS, openLabel: 'Use as Reference' });
      reference = picked?.[0];
      if (!reference) return undefined;
    }
    return this.chooseCurrent(reference);
  }

  /** The current data: another table file of the workspace, one browsed to, or the reference's file split. */
  private async chooseCurrent(reference: vscode.Uri): Promise<Inputs | undefined> {
    const name = nameOf(reference);
    const found = await vscode.workspace.findFiles(`**/*.{${DRIFT_TABLE_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`, '**/node_modules/**', MAX_LISTED_FILES);
    const others = found.filter((u) => u.toString() !== reference.toString()).sort((a, b) => a.path.localeCompare(b.path));
    const items: { label: string; description?: string; uri?: vscode.Uri; action?: 'split' | 'browse' }[] = [
      ...others.map((u) => ({ label: nameOf(u), description: vscode.workspace.asRelativePath(u), uri: u })),
      { label: SPLIT_ITEM, description: `reference and current rows of ${name} by a column's values (e.g. year 2012 vs 2015)`, action: 'split' },
      { label: BROWSE_ITEM, description: 'another table file', action: 'browse' },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: `Drift: the current data, compared with ${name}`, placeHolder: 'Choose the current table, or split the reference file' });
    if (!pick) return undefined;
    if (pick.uri) return { kind: 'files', reference, current: pick.uri };
    if (pick.action === 'browse') {
      const picked = await vscode.window.showOpenDialog({ title: `Divergence Lens: the current table (compared with ${name})`, canSelectMany: false, filters: TABLE_FILTERS, openLabel: 'Use as Current' });
      return picked?.[0] ? { kind: 'files', reference, current: picked[0] } : undefined;
    }
    return this.chooseSplit(reference);
  }

  /** The column to split by, then the values (or years) of the reference rows and of the current rows. */
  private async chooseSplit(file: vscode.Uri): Promise<Inputs | undefined> {
    const name = nameOf(file);
    const read = (await this.inPieces([file])) ? undefined : await readDriftTable(name, await this.readBytes(file));
    const choices = read ? splitChoices(read.table) : await this.splitChoicesInPieces(file);
    if (!choices) {
      showMessage(this.deps.output, 'info', `reading the columns of ${name} was cancelled.`);
      return undefined;
    }
    if (choices.length === 0) {
      showMessage(this.deps.output, 'warning', `${name} has no column with 2 to 50 distinct values (or dates) to split it by.`);
      return undefined;
    }
    const column = await vscode.window.showQuickPick(
      choices.map((c) => ({ label: c.column, description: c.description, choice: c })),
      { title: `${name}: split by the values of`, placeHolder: 'Choose the column whose values pick the reference and the current rows' },
    );
    if (!column) return undefined;
    const reference = await this.pickGroups(column.choice, `${name}: ${column.label}: the reference rows`, []);
    if (!reference) return undefined;
    const current = await this.pickGroups(column.choice, `${name}: ${column.label}: the current rows (reference: ${reference.join(', ')})`, reference);
    if (!current) return undefined;
    return { kind: 'split', file, ...(read ? { read } : {}), split: { column: column.label, reference, current } };
  }

  /** The split choices of a file read in pieces, behind a progress notification; undefined when cancelled. */
  private async splitChoicesInPieces(file: vscode.Uri): Promise<SplitChoice[] | undefined> {
    const name = nameOf(file);
    const opened = await openDriftFile(file, name);
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Divergence Lens: the columns of ${name}`, cancellable: true },
        async (progress, token) => {
          const isCancelled = () => token.isCancellationRequested;
          try {
            const source = await openColumnSource(opened.file, this.deps.pieces);
            const perPass = chartColumnsPerPass(this.deps.pieces ?? {}, source.rowsEstimate);
            return await splitChoicesOfSource(source, perPass, { onProgress: percentOf(progress, 'reading the columns'), isCancelled, pieceBytes: this.deps.pieces?.pieceBytes });
          } catch (e) {
            if (isCancelled()) return undefined;
            throw e;
          }
        },
      );
    } finally {
      await opened.close();
    }
  }

  /**
   * Whether the files are read in pieces: all on this machine's disk, one larger than the threshold. JSON and
   * Arrow files are held whole even then, so they keep the limit of a whole read.
   */
  private async inPieces(uris: readonly vscode.Uri[]): Promise<boolean> {
    if (!uris.every(readsInPieces)) return false;
    const sizes = await Promise.all(uris.map(async (u) => (await vscode.workspace.fs.stat(u)).size));
    uris.forEach((u, i) => {
      if (!PIECEWISE_EXTENSIONS.includes(tableExtension(u.path))) checkWholeSize(u, sizes[i]!);
    });
    return sizes.some((size) => size > (this.deps.piecewiseBytes ?? PIECEWISE_DRIFT_BYTES));
  }

  /** One or more groups (values or years) of the column, other than `taken`; undefined when none is picked. */
  private async pickGroups(choice: SplitChoice, title: string, taken: readonly string[]): Promise<string[] | undefined> {
    const items = choice.groups.filter((g) => !taken.includes(g.value)).map((g) => ({ label: g.value, description: `${g.rows} rows` }));
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Check one value or several (a group of values), then OK', canPickMany: true });
    return picked && picked.length > 0 ? picked.map((p) => p.label) : undefined;
  }

  private async readBytes(uri: vscode.Uri): Promise<Uint8Array> {
    checkWholeSize(uri, (await vscode.workspace.fs.stat(uri)).size);
    return vscode.workspace.fs.readFile(uri);
  }

  private async compare(inputs: Inputs): Promise<void> {
    const source = inputs.kind === 'files' ? `${nameOf(inputs.reference)} vs ${nameOf(inputs.current)}` : `${nameOf(inputs.file)} split by ${splitText(inputs.split)}`;
    const settings = this.deps.settings(inputs.kind === 'files' ? inputs.reference : inputs.file).drift;
    const sides =
      inputs.kind === 'files'
        ? { reference: nameOf(inputs.reference), current: nameOf(inputs.current) }
        : { reference: nameOf(inputs.file), current: nameOf(inputs.file), split: splitText(inputs.split) };
    const duck = inputs.kind === 'files' ? await this.engine.choose(inputs.reference, inputs.current, settings) : undefined;
    const pieces = inputs.kind === 'files' ? await this.inPieces([inputs.reference, inputs.current]) : !inputs.read;
    const view = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Divergence Lens: drift of ${source}${duck ? ' on DuckDB' : ''}`, cancellable: true },
      async (progress, token) => {
        const isCancelled = () => token.isCancellationRequested;
        if (duck && inputs.kind === 'files') {
          const onEngine = await this.compareOnEngine(inputs, duck, sides, settings, progress, token);
          if (onEngine !== 'in memory') return onEngine;
        }
        if (pieces) {
          try {
            const options = { ...driftOptions(settings), ...this.deps.pieces, onProgress: percentOf(progress, 'reading the columns'), isCancelled };
            const drift = await this.compareInPieces(inputs, options);
            return driftViewOf(drift.report, drift.rows, sides, settings, drift.skipped.map((s) => `${s.name} (${s.type})`), drift.charts);
          } catch (e) {
            if (isCancelled()) return undefined;
            throw e;
          }
        }
        const read = async (uri: vscode.Uri, what: string): Promise<DriftTableRead | undefined> => {
          progress.report({ message: `reading the ${what}, ${nameOf(uri)}` });
          const bytes = await this.readBytes(uri);
          if (isCancelled()) return undefined;
          try {
            return await readDriftTable(nameOf(uri), bytes, { isCancelled });
          } catch (e) {
            if (isCancelled()) return undefined;
            if (e instanceof Error) e.message = `${what} ${nameOf(uri)}: ${e.message}`;
            throw e;
          }
        };
        let tables: { reference: DriftTable; current: DriftTable; skipped: string[] };
        if (inputs.kind === 'files') {
          const ref = await read(inputs.reference, 'reference');
          const cur = ref && (await read(inputs.current, 'current data'));
          if (!ref || !cur) return undefined;
          tables = { reference: ref.table, current: cur.table, skipped: [...ref.skipped, ...cur.skipped].map((s) => `${s.name} (${s.type})`) };
        } else {
          tables = { ...splitTable(inputs.read!.table, inputs.split), skipped: inputs.read!.skipped.map((s) => `${s.name} (${s.type})`) };
        }
        progress.report({ message: 'comparing the columns' });
        // Let the notification show the step (and a Cancel arrive) before the report's synchronous work.
        await new Promise((resolve) => setImmediate(resolve));
        if (isCancelled()) return undefined;
        return buildDriftView(tables, sides, settings);
      },
    );
    if (!view) {
      showMessage(this.deps.output, 'info', `the drift report of ${source} was cancelled.`);
      return;
    }
    this.deps.showDrift(view);
    this.log(source, view);
    showMessage(this.deps.output, 'info', `${source}${view.engine ? ' on DuckDB' : ''}: ${driftSummary(view.report)}.`);
  }

  /**
   * The view of two files computed on DuckDB; undefined when cancelled (at once: the statement running ends in
   * the background, and the engine is closed after it). An engine's failure is a warning, and the report is
   * then computed in memory ('in memory'): the numbers shown are always those of one whole computation.
   */
  private async compareOnEngine(
    inputs: Extract<Inputs, { kind: 'files' }>,
    duck: FoundDuckDb,
    sides: DriftSides,
    settings: DriftSettings,
    progress: vscode.Progress<{ message?: string }>,
    token: vscode.CancellationToken,
  ): Promise<DriftReportView | undefined | 'in memory'> {
    const isCancelled = () => token.isCancellationRequested;
    const control = { isCancelled, onStatement: (k: number) => progress.report({ message: `on DuckDB: statement ${k}` }) };
    const work = driftOnDuckDb({ reference: inputs.reference.fsPath, current: inputs.current.fsPath }, duck.api, driftOptions(settings), control);
    work.catch(() => undefined);
    let listening: vscode.Disposable | undefined;
    const cancelled = new Promise<undefined>((resolve) => {
      listening = token.onCancellationRequested(() => resolve(undefined));
    });
    try {
      const drift = await Promise.race([work, cancelled]);
      if (!drift || isCancelled()) return undefined;
      return { ...driftViewOf(drift.report, drift.rows, sides, settings, drift.skipped, drift.charts), engine: `DuckDB (${duck.path})` };
    } catch (e) {
      if (isCancelled()) return undefined;
      showMessage(this.deps.output, 'warning', `DuckDB could not compute the report; computing it in memory instead: ${e instanceof Error ? e.message : String(e)}`);
      return 'in memory';
    } finally {
      listening?.dispose();
    }
  }

  /** The report and charts of files on disk read a few columns at a time (piecewiseDrift), the files closed after. */
  private async compareInPieces(inputs: Inputs, options: DriftFilesOptions): Promise<PiecewiseDrift> {
    const opened: OpenedDriftFile[] = [];
    const open = async (uri: vscode.Uri, label?: string) => {
      const o = await openDriftFile(uri, nameOf(uri), label && `${label} ${nameOf(uri)}`);
      opened.push(o);
      return o.file;
    };
    try {
      const files: PiecewiseInputs =
        inputs.kind === 'files'
          ? { kind: 'files', reference: await open(inputs.reference, 'reference'), current: await open(inputs.current, 'current data') }
          : { kind: 'split', file: await open(inputs.file), split: inputs.split };
      return await piecewiseDrift(files, options);
    } finally {
      for (const o of opened) await o.close();
    }
  }

  /** Every column's line in the output channel, in full precision. */
  private log(source: string, view: DriftReportView): void {
    this.deps.output.info(`drift of ${source}: ${driftSummary(view.report)}${view.engine ? `; computed on ${view.engine}` : ''}`);
    for (const c of view.report.columns) {
      this.deps.output.info(`  ${c.column} (${c.type}): ${c.test} = ${formatPrecise(c.score)}, threshold ${c.threshold}: ${c.drifted ? 'DRIFT' : 'no drift'}; missing ${c.missing.reference}/${c.missing.current}`);
    }
  }
}

/** A file read whole (or held whole) over {@link MAX_DRIFT_FILE_BYTES} is left to the command line. */
function checkWholeSize(uri: vscode.Uri, size: number): void {
  if (size > MAX_DRIFT_FILE_BYTES) {
    throw new Error(`${nameOf(uri)} has ${size} bytes, more than this command reads (${MAX_DRIFT_FILE_BYTES}); the command line reads big tables: divergence drift REF CUR`);
  }
}

/** Reports a fraction of the work done (0 to 1) to a progress notification as whole percents ("reading the columns: 42%"). */
function percentOf(progress: vscode.Progress<{ message?: string; increment?: number }>, what: string): (fraction: number) => void {
  let shown = -1;
  return (fraction) => {
    const percent = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
    if (percent <= shown) return;
    progress.report({ increment: percent - Math.max(0, shown), message: `${what}: ${percent}%` });
    shown = percent;
  };
}
