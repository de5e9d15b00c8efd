import * as vscode from 'vscode';
import { jsDivergence, klDivergence, ksTest, wasserstein, type KlResult, type KsResult, type WassersteinResult } from '../../compute';
import { isDivergenceError } from '../../core/errors';
import { inColumnTerms, samplesReason } from '../../data/columnReading';
import { groupColumns, groupKey, listedGroups, recordTable, splitColumn, valueColumns, type GroupColumn, type RecordTable, type ValueColumn } from '../../data/columnSplit';
import { listDataArrays, sidecarNames, type DataArray } from '../../data/dataFileArrays';
import { interpretPair } from '../../data/interpretPair';
import { formatPrecise, formatSignificant } from '../../shared/format';
import type { DivergenceSettings } from '../config';
import type { LastResult } from '../lastResult';
import { showMessage, showProblem, showResult } from '../results';
import { conventionsText, measureOptions, strictRefusal } from '../settingsModel';
import { SAMPLE_CHOICES, sampleChoices, sampleMeasure, type SampleChoice, type SampleMeasureId } from '../selectionMeasures';
import { BIG_CSV_BYTES, listBigCsvColumns, readBigCsvPair } from '../bigCsv';
import type { OffThreadKl } from '../offThread';
import type { CategoricalColumn } from '../../data/table';
import { measuredPair, type LabelledColumn, type MeasuredPair } from '../../data/tablePair';
import { isFileError, numericColumn, openTableFile, pickTableColumn, readTableColumns, TABLE_FILE, textCategoryColumns, type TableFile, type TextCategories } from '../tableFiles';

/** Files larger than this are not read by the command (the CLI and, later, streaming serve them). */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** Files up to this size are also read as tables, to offer splitting a column by another's values. */
export const SPLIT_MAX_BYTES = 16 * 1024 * 1024;

/** The P Quick Pick's item that splits one column into two groups instead. */
export const SPLIT_LABEL = 'Split a column into two groups…';

/** A table's columns to split (numbers, or categories) and to split by, when it has both. */
interface Splittable {
  readonly table: RecordTable;
  readonly values: ValueColumn[];
  readonly categories: TextCategories[];
  readonly groups: GroupColumn[];
}

/** The columns `column` can be split by: those of the other columns of the table. */
function groupsBesides(split: Pick<Splittable, 'table' | 'groups'>, column: string): GroupColumn[] {
  return split.groups.filter((g) => split.table.columns[g.index]!.name !== column);
}

function splittable(name: string, bytes: Uint8Array, textCategories: readonly TextCategories[]): Splittable | undefined {
  if (bytes.length > SPLIT_MAX_BYTES) return undefined;
  const table = recordTable(name, bytes);
  if (!table) return undefined;
  const values = valueColumns(table);
  const groups = groupColumns(table);
  const categories = textCategories.filter((c) => c.column.rowCount === table.rows && groupsBesides({ table, groups }, c.label).length > 0);
  return values.some((v) => groups.some((g) => g.index !== v.index)) || categories.length > 0 ? { table, values, categories, groups } : undefined;
}

/**
 * The categories of `column` in the rows of group `p` and in those of group `q` of `by`, in row order; rows of
 * either group whose category is missing are dropped and counted (as `splitColumn` does for numbers).
 */
function splitCategories(table: RecordTable, column: CategoricalColumn, by: GroupColumn, p: string, q: string) {
  const groups = table.columns[by.index]!.cells;
  const sides = { p: [] as string[], q: [] as string[] };
  const dropped = { p: 0, q: 0 };
  let n = 0;
  for (let row = 0, v = 0; row < column.rowCount; row++) {
    const missing = column.nullRows[n] === row;
    if (missing) n++;
    const cell = missing ? undefined : column.values[v++]!;
    const key = groupKey(groups[row] ?? null, by.kind);
    const side = key === p ? 'p' : key === q ? 'q' : undefined;
    if (side && cell === undefined) dropped[side]++;
    else if (side) sides[side].push(cell!);
  }
  return { ...sides, dropped };
}

/** A column or group picked, under the name the user picked it by. */
interface Column {
  readonly name: string;
  readonly values: Float64Array;
}

/** A P or Q Quick Pick item: a numeric array, a column of categories, or (P only) the split. */
interface ColumnItem {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly array?: DataArray;
  readonly category?: TextCategories;
}

/** "text, 3 groups: Adelie (152), Chinstrap (68), Gentoo (124)", the first four groups named. */
function groupSummary(g: GroupColumn): string {
  const named = g.groups.slice(0, 4).map((x) => `${x.key} (${x.count})`).join(', ');
  const more = g.groups.length > 4 ? ', …' : '';
  const missing = g.missing > 0 ? `; ${g.missing} rows without one` : '';
  return `${g.kind}, ${g.groups.length} groups: ${named}${more}${missing}`;
}

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
 * and JS when they read as distributions, or the sample measure the user chooses when they read as samples
 * (the question says why, in the columns' terms); or split one column into two groups by another's values,
 * which are two samples. Parquet and Arrow files list their columns with types and null counts and read only
 * the two chosen (`runTable`). Reads the file only.
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
      showMessage(this.deps.output, 'warning', 'open or right-click a .csv, .tsv, .json, .npy, .npz, .parquet or .arrow file first.');
      return;
    }
    const name = uri.path.split('/').pop() ?? uri.toString();
    if (TABLE_FILE.test(name)) return this.runTable(uri, name);
    let arrays: DataArray[];
    let categories: TextCategories[];
    let split: Splittable | undefined;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > BIG_CSV_BYTES && /\.(csv|tsv)$/i.test(name) && uri.scheme === 'file' && this.deps.offThread) {
        await this.runBigCsv(uri, name);
        return;
      }
      if (stat.size > MAX_FILE_BYTES) {
        showMessage(this.deps.output, 'warning', `${name} has ${stat.size} bytes, more than this command reads; use the divergence CLI.`);
        return;
      }
      const bytes = await vscode.workspace.fs.readFile(uri);
      arrays = listDataArrays(name, bytes, /\.npy$/i.test(name) ? await readSidecarNames(uri) : undefined);
      categories = textCategoryColumns(name, bytes, arrays.map((a) => a.label));
      split = splittable(name, bytes, categories);
    } catch (e) {
      if (isDivergenceError(e)) {
        showMessage(this.deps.output, 'error', `${name}: ${e.message}`);
        return;
      }
      throw e;
    }
    if (arrays.length + categories.length < 2 && !split) {
      showMessage(this.deps.output, 'warning', `${name} has ${arrays.length + categories.length === 0 ? 'no numeric column' : arrays.length === 1 ? 'one numeric column' : 'one column of categories'}; two are needed.`);
      return;
    }
    const settings = this.deps.settings(uri);
    const items: ColumnItem[] = [
      ...arrays.map((a) => ({ label: a.label, description: a.description, array: a })),
      ...categories.map((c) => ({ label: c.label, description: c.description, category: c })),
    ];
    if (split) {
      const example = split.groups[0]!;
      items.push({
        label: SPLIT_LABEL,
        detail: `Compare one column's values between two groups of rows, by ${split.groups.map((g) => g.label).join(', ')} (e.g. ${example.groups[0]!.key} vs ${example.groups[1]!.key})`,
      });
    }
    const p = await vscode.window.showQuickPick(items, { title: `${name}: P`, placeHolder: 'Choose the column or array for P' });
    if (!p) return;
    if (!p.array && !p.category) return this.runSplit(name, split!, settings);
    const q = await vscode.window.showQuickPick(
      items.filter((i) => i !== p && (i.array || i.category)),
      { title: `${name}: Q`, placeHolder: `Choose the column or array for Q (P is ${p.label})` },
    );
    if (!q || !(q.array || q.category)) return;
    const source = `${name}: P = ${p.label}, Q = ${q.label}`;
    if (!p.array || !q.array) return this.runCategories(name, labelled(p), labelled(q), settings);
    return this.compare(source, { name: p.label, values: p.array.values }, { name: q.label, values: q.array.values }, settings);
  }

  /**
   * D(P‖Q) and JS of two columns that read as distributions; otherwise the user's choice of sample measure
   * (or "as distributions anyway"), asked with why they read as samples. `notes` (nulls dropped) go with the result.
   */
  private async compare(source: string, pc: Column, qc: Column, settings: DivergenceSettings, notes: readonly string[] = []): Promise<void> {
    if (interpretPair(pc.values, qc.values, settings.input).kind === 'distributions') return this.report(source, pc, qc, settings, notes);
    const why = samplesReason(pc, qc);
    const measure = await chooseSampleMeasure(`${pc.name} vs ${qc.name} read as samples: ${why}. Compare them as samples?`, sampleChoices(pc.values, qc.values));
    if (measure === 'as-distributions') this.report(source, pc, qc, settings, notes);
    else if (measure) this.reportSamples(measure, source, pc, qc, [why, ...notes].join('; '), settings);
  }

  /**
   * A Parquet or Arrow file: its columns listed with their types and null counts, only the two chosen read,
   * and a row where either is null dropped from both (and counted). Two numeric columns are compared as any
   * two columns; two categorical ones as the frequencies of their categories over the union of both.
   */
  private async runTable(uri: vscode.Uri, name: string): Promise<void> {
    let file: TableFile | undefined;
    try {
      file = await openTableFile(uri, name);
      const readable = file.columns.filter((c) => c.kind !== 'unsupported').length;
      if (readable < 2) {
        showMessage(this.deps.output, 'warning', `${name} has ${readable === 0 ? 'no' : 'one'} numeric, boolean or string column; two are needed.`);
        return;
      }
      const p = await pickTableColumn(this.deps.output, file, { title: `${name}: P`, placeHolder: `Choose the column for P (${file.rowCount} rows)` });
      if (!p) return;
      const q = await pickTableColumn(this.deps.output, file, { title: `${name}: Q`, placeHolder: `Choose the column for Q (P is ${p.name})`, exclude: p });
      if (!q) return;
      const columns = await readTableColumns(file, [p.name, q.name]);
      await file.close();
      file = undefined;
      if (!columns) {
        showMessage(this.deps.output, 'info', `reading ${name} was cancelled.`);
        return;
      }
      const pair = measuredPair({ label: p.name, column: columns[0]! }, { label: q.name, column: columns[1]! }, true);
      return await this.comparePair(name, p.name, q.name, pair, this.deps.settings(uri));
    } catch (e) {
      if (isDivergenceError(e)) return showProblem(this.deps.output, name, e.message, e.code);
      if (isFileError(e)) return showProblem(this.deps.output, name, e.message, e.code);
      throw e;
    } finally {
      await file?.close();
    }
  }

  /**
   * P and Q of `measuredPair` (two columns, or two groups of the column `split` names): two categorical columns' frequencies compared as distributions (frequencies
   * are probabilities whatever the configured input kind), two numeric columns as any two columns.
   */
  private async comparePair(name: string, pName: string, qName: string, pair: MeasuredPair, settings: DivergenceSettings, split?: string): Promise<void> {
    const source = `${name}: ${split ? `${split}, ` : ''}P = ${pName}, Q = ${qName}`;
    const [pc, qc] = [{ name: pName, values: pair.p }, { name: qName, values: pair.q }];
    if (pair.categories) return this.report(source, pc, qc, { ...settings, input: 'prob' }, pair.notes);
    return this.compare(source, pc, qc, settings, pair.notes);
  }

  /**
   * A CSV/TSV/JSON column of categories against another: the frequencies of both over the union of their
   * categories, a row where either is missing dropped from both (and counted); against a numeric column,
   * refused with a message naming both.
   */
  private async runCategories(name: string, p: LabelledColumn, q: LabelledColumn, settings: DivergenceSettings): Promise<void> {
    let pair: MeasuredPair;
    try {
      pair = measuredPair(p, q, true);
    } catch (e) {
      if (isDivergenceError(e)) return showProblem(this.deps.output, name, e.message, e.code);
      throw e;
    }
    return this.comparePair(name, p.label, q.label, pair, settings);
  }

  /**
   * One column split by the values of another: the value column, the group column, group P and group Q
   * (each listed with its count, at most MAX_GROUPS_LISTED), then a sample measure of the two groups' values;
   * for a column of categories, D(P‖Q) and JS of the two groups' category frequencies over the union of both.
   */
  private async runSplit(name: string, split: Splittable, settings: DivergenceSettings): Promise<void> {
    const values: { label: string; description: string; column?: ValueColumn; category?: TextCategories }[] = [
      ...split.values
        .filter((v) => split.groups.some((g) => g.index !== v.index))
        .map((v) => ({ label: v.name, description: `${v.numbers} numbers${v.missing > 0 ? `, ${v.missing} missing` : ''}`, column: v })),
      ...split.categories.map((c) => ({ label: c.label, description: c.description, category: c })),
    ];
    const value = await vscode.window.showQuickPick(
      values,
      { title: `${name}: the column to split`, placeHolder: 'Choose the column whose values the two groups compare' },
    );
    if (!value) return;
    const by = await vscode.window.showQuickPick(
      (value.column ? split.groups.filter((g) => g.index !== value.column!.index) : groupsBesides(split, value.label)).map((g) => ({ label: g.label, description: groupSummary(g), column: g })),
      { title: `${name}: split ${value.label} by`, placeHolder: 'Choose the column whose values make the groups' },
    );
    if (!by) return;
    const listed = listedGroups(by.column.groups);
    const capped = listed.length < by.column.groups.length ? ` (the ${listed.length} largest of ${by.column.groups.length} groups)` : '';
    const groupItems = listed.map((g) => ({ label: g.key, description: `${g.count} rows` }));
    const what = `${value.label} by ${by.label}`;
    const p = await vscode.window.showQuickPick(groupItems, { title: `${name}: ${what}: group P${capped}`, placeHolder: `Choose the ${by.label} of P` });
    if (!p) return;
    const q = await vscode.window.showQuickPick(
      groupItems.filter((g) => g !== p),
      { title: `${name}: ${what}: group Q (P is ${p.label})${capped}`, placeHolder: `Choose the ${by.label} of Q` },
    );
    if (!q) return;
    const parts = value.category
      ? { kind: 'categories' as const, ...splitCategories(split.table, value.category.column, by.column, p.label, q.label) }
      : { kind: 'numbers' as const, ...splitColumn(split.table, value.column!.index, by.column, p.label, q.label) };
    const dropped = parts.dropped;
    const source = `${name}: ${what}, P = ${p.label}, Q = ${q.label}`;
    const droppedText =
      dropped.p + dropped.q > 0 ? `; ${dropped.p + dropped.q} rows without ${value.label} left out (${dropped.p} of ${p.label}, ${dropped.q} of ${q.label})` : '';
    const empty = parts.p.length === 0 ? p.label : parts.q.length === 0 ? q.label : undefined;
    if (empty !== undefined) {
      showMessage(this.deps.output, 'warning', `${source}: the rows of ${empty} have no ${value.label} values${droppedText}.`);
      return;
    }
    if (parts.kind === 'categories') {
      const grouped = (label: string, values: string[]): LabelledColumn => ({ label, column: { kind: 'categorical', name: label, rowCount: values.length, nullRows: new Uint32Array(0), values } });
      const pair = measuredPair(grouped(p.label, parts.p), grouped(q.label, parts.q), false);
      return this.comparePair(name, p.label, q.label, { ...pair, notes: [...pair.notes, ...(droppedText ? [droppedText.slice(2)] : [])] }, settings, what);
    }
    const [pv, qv] = [parts.p, parts.q];
    const why = `two groups of one column${droppedText}`;
    const measure = await chooseSampleMeasure(`${what}: ${p.label} (${pv.length} values) vs ${q.label} (${qv.length}), two samples. Choose a measure`, SAMPLE_CHOICES);
    if (measure && measure !== 'as-distributions') this.reportSamples(measure, source, { name: p.label, values: pv }, { name: q.label, values: qv }, why, settings);
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
        showMessage(this.deps.output, 'warning', `${name} has ${columns.length === 0 ? 'no numeric column' : 'one numeric column'} in its first MiB; two are needed.`);
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
        showMessage(this.deps.output, 'info', `reading ${name} was cancelled.`);
        return;
      }
      const [pv, qv] = pair;
      const reading = interpretPair(pv, qv, settings.input);
      if (reading.kind !== 'distributions') {
        const why = samplesReason({ name: p.label, values: pv }, { name: q.label, values: qv });
        showMessage(
          this.deps.output,
          'info',
          `${p.label} vs ${q.label} read as samples (${why}); sample measures of ${pv.length} values are left to the CLI: divergence ks --p @${name}:${p.label} --q @${name}:${q.label}`,
        );
        return;
      }
      const kl = await offThread.run(`Divergence Lens: D(P‖Q) of ${source}`, (pool, signal, onProgress) =>
        pool.klDivergenceAsync(pv, qv, { ...measureOptions(settings), signal, onProgress }),
      );
      if (!kl) {
        showMessage(this.deps.output, 'info', `D(P‖Q) of ${source} was cancelled.`);
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
        full: `(as distributions: ${conventions}; ${pv.length} rows read in pieces; backend ${kl.backend}) D(P‖Q) = ${formatPrecise(kl.value)} ${kl.unit}`,
      });
    } catch (e) {
      if (isDivergenceError(e)) return showProblem(this.deps.output, name, e.message, e.code);
      if (isFileError(e)) return showProblem(this.deps.output, name, e.message, e.code);
      throw e;
    }
  }

  /** D(P‖Q) and JSD of two columns read as distributions, in the settings' conventions; `notes` end the text. */
  private report(source: string, p: Column, q: Column, settings: DivergenceSettings, notes: readonly string[] = []): void {
    const f = (x: number) => formatSignificant(x, settings.significantDigits);
    const [pv, qv] = [p.values, q.values];
    try {
      const options = measureOptions(settings);
      const kl = klDivergence(pv, qv, options);
      const refused = strictRefusal(settings, kl);
      if (refused) return showProblem(this.deps.output, source, refused, 'strict-normalization');
      const js = jsDivergence(pv, qv, options);
      const conventions = conventionsText(settings, kl);
      const noted = notes.map((n) => `; ${n}`).join('');
      this.deps.showKl?.(kl, pv, qv, source);
      showResult(this.deps, {
        label: 'D(P‖Q)',
        value: kl.value,
        unit: kl.unit,
        source,
        shown: `${p.name} vs ${q.name}, read as distributions (${conventions}): D(P‖Q) = ${f(kl.value)} ${kl.unit}, JSD(P, Q) = ${f(js.value)} ${js.unit}${noted}`,
        full: `(as distributions: ${conventions}) D(P‖Q) = ${formatPrecise(kl.value)} ${kl.unit}; JSD(P, Q) = ${formatPrecise(js.value)} ${js.unit}${noted}`,
      });
    } catch (e) {
      if (isDivergenceError(e)) return showProblem(this.deps.output, source, inColumnTerms(e.message, p.name, q.name), e.code);
      throw e;
    }
  }

  /** The chosen sample measure of two samples; the panel gets both samples (with KS and W1) for its Samples tab. */
  private reportSamples(measure: SampleMeasureId, source: string, p: Column, q: Column, why: string, settings: DivergenceSettings): void {
    const [pv, qv] = [p.values, q.values];
    try {
      const r = sampleMeasure(measure, pv, qv, settings);
      this.deps.showSamples?.(pv, qv, ksTest(pv, qv), wasserstein(pv, qv), source);
      showResult(this.deps, { ...r, source, shown: `${p.name} vs ${q.name}: ${r.shown}: ${why}`, full: `${r.full}: ${why}` });
    } catch (e) {
      if (isDivergenceError(e)) return showProblem(this.deps.output, source, inColumnTerms(e.message, p.name, q.name), e.code);
      throw e;
    }
  }
}

/** The column a P or Q item holds, under its label (a numeric array has no nulls left: its missing cells were skipped). */
function labelled(item: ColumnItem): LabelledColumn {
  return { label: item.label, column: item.category?.column ?? numericColumn(item.label, item.array!.values) };
}

/** The row names of a .npy from its sidecar `<stem>.names.txt` beside it, when there is one. */
async function readSidecarNames(uri: vscode.Uri): Promise<string[] | undefined> {
  const sidecar = uri.with({ path: uri.path.replace(/\.npy$/i, '.names.txt') });
  try {
    return sidecarNames(new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(sidecar)));
  } catch {
    return undefined; // no sidecar (or one that cannot be read): the rows are numbered
  }
}

/** The sample measure (or "as distributions anyway") the user chose, asked with `title`; undefined when dismissed. */
async function chooseSampleMeasure(title: string, choices: readonly SampleChoice[]): Promise<SampleChoice['id'] | undefined> {
  const pick = await vscode.window.showQuickPick(
    choices.map((c) => ({ label: c.label, detail: c.detail, id: c.id })),
    { title, placeHolder: 'Choose a sample measure (Escape computes nothing)' },
  );
  return pick?.id;
}
