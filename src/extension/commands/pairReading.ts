import * as vscode from 'vscode';
import { isDivergenceError } from '../../core/errors';
import { interpretPair, type LogReading } from '../../data/interpretPair';
import type { DivergenceSettings } from '../config';
import { showProblem, showResult, type ResultSinks } from '../results';
import { READING_NAMES, readingChoices, sampleChoices, sampleMeasure, samplesQuestion, type ReadingChoice, type SampleMeasureId } from '../selectionMeasures';

/**
 * How a command reads P and Q: as distributions (as logits or log-probabilities when the user chose so, with
 * why when the names pre-selected it), or as samples with the measure the user chose.
 */
export type PairReading =
  | { readonly kind: 'distributions'; readonly input?: LogReading; readonly because?: string }
  | { readonly kind: 'samples'; readonly measure: SampleMeasureId };

/**
 * Distributions when P and Q read as such (interpretPair, in the configured input kind); otherwise a Quick
 * Pick says why they do not and offers to read them as logits or log-probabilities (readingChoices: once, or
 * from now on in this workspace's settings), the sample measures, and "as distributions anyway" when
 * possible. `names` are P's and Q's variable names: one like `logits` puts its reading first. `undefined`
 * when the user dismissed it: nothing is computed. Never guesses silently.
 */
export async function choosePairReading(
  p: Float64Array,
  q: Float64Array,
  settings: DivergenceSettings,
  names: readonly (string | undefined)[] = [],
): Promise<PairReading | undefined> {
  const reading = interpretPair(p, q, settings.input);
  if (reading.kind === 'distributions') return reading;
  const readings = settings.input === 'prob' ? readingChoices([p, q], names, workspaceOpen()) : [];
  const once = readings.filter((r) => r.id === 'read');
  const always = readings.filter((r) => r.id === 'always');
  const samples = sampleChoices(p, q).map((c) => ({ label: c.label, detail: c.detail, id: c.id }));
  const pick = await vscode.window.showQuickPick([...once, ...samples, ...always], {
    title: samplesQuestion(reading, settings.input, once.map((r) => r.reading)),
    placeHolder: `Choose ${once.length > 0 ? 'a reading or ' : ''}a sample measure (Escape computes nothing)`,
  });
  if (!pick) return undefined;
  if (pick.id === 'read' || pick.id === 'always') return { kind: 'distributions', ...(await readingPicked(pick)) };
  return pick.id === 'as-distributions' ? { kind: 'distributions' } : { kind: 'samples', measure: pick.id };
}

/** How to read one array for a measure of it (entropy): the configured input, or a log reading and why. */
export interface SingleReading {
  readonly input?: LogReading;
  readonly because?: string;
}

/**
 * For a measure of one array under input 'prob': when a value is negative and the values allow a log
 * reading, a Quick Pick offers to read it as logits or log-probabilities (once, or from now on; the one its
 * name suggests first); `{}` (as configured) otherwise; `undefined` when the user dismissed it.
 */
export async function chooseSingleReading(values: Float64Array, name: string | undefined, settings: DivergenceSettings): Promise<SingleReading | undefined> {
  const negative = values.findIndex((x) => x < 0);
  if (settings.input !== 'prob' || negative < 0) return {};
  const readings = readingChoices([values], [name], workspaceOpen());
  if (readings.length === 0) return {};
  const once = readings.filter((r) => r.id === 'read').map((r) => READING_NAMES[r.reading]);
  const pick = await vscode.window.showQuickPick(readings, {
    title: `${name ?? 'The array'} does not read as probabilities: P[${negative}] is negative (${values[negative]}). Read it as ${once.join(' or ')}?`,
    placeHolder: 'Choose a reading (Escape computes nothing)',
  });
  return pick && readingPicked(pick);
}

/** Whether a folder is open, so that "from now on" can write the workspace's settings. */
function workspaceOpen(): boolean {
  return (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
}

/** The reading of a picked reading item; a "from now on" one writes the setting first. */
async function readingPicked(pick: ReadingChoice): Promise<SingleReading> {
  if (pick.id === 'always') await saveReading(pick.reading);
  return { input: pick.reading, ...(pick.because ? { because: pick.because } : {}) };
}

/**
 * Writes `divergenceLens.input` in the workspace's settings (only ever on the user's choice of a "from now on"
 * item) and says so, or warns that it could not (the values are read so this time all the same).
 */
async function saveReading(reading: LogReading): Promise<void> {
  try {
    await vscode.workspace.getConfiguration('divergenceLens').update('input', reading, vscode.ConfigurationTarget.Workspace);
  } catch (e) {
    void vscode.window.showWarningMessage(`Could not set divergenceLens.input in this workspace's settings: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  void vscode.window.showInformationMessage(`divergenceLens.input is now "${reading}" in this workspace's settings.`);
}

/** Computes the chosen sample measure and reports it like every result (the text says "read as samples"). */
export function reportSampleMeasure(
  sinks: ResultSinks,
  measure: SampleMeasureId,
  p: Float64Array,
  q: Float64Array,
  source: string,
  settings: DivergenceSettings,
): void {
  try {
    const r = sampleMeasure(measure, p, q, settings);
    showResult(sinks, { ...r, source });
  } catch (e) {
    if (!isDivergenceError(e)) throw e;
    showProblem(sinks.output, source, e.message, e.code);
  }
}

/** For a matrix among P and Q: whether to compare row by row (`undefined`: the user dismissed the question). */
export async function chooseMatrixMode(pShape: readonly number[], qShape: readonly number[]): Promise<'rows' | 'flat' | undefined> {
  if (pShape.length !== 2 && qShape.length !== 2) return 'flat';
  const shape = (s: readonly number[]) => (s.length === 2 ? `${s[0]} × ${s[1]}` : `${s[0]} values`);
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'Row by row', detail: 'D(P_i‖Q_i) of each row pair, or of each row of P against Q; listed in the output channel', id: 'rows' as const },
      { label: 'As flat arrays', detail: 'All values of P against all values of Q, in row-major order', id: 'flat' as const },
    ],
    { title: `P is ${shape(pShape)} and Q is ${shape(qShape)}: compare row by row?`, placeHolder: 'Choose how to read the matrix' },
  );
  return pick?.id;
}
