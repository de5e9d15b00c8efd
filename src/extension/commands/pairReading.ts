import * as vscode from 'vscode';
import { isDivergenceError } from '../../core/errors';
import { interpretPair } from '../../data/interpretPair';
import type { DivergenceSettings } from '../config';
import { showProblem, showResult, type ResultSinks } from '../results';
import { sampleChoices, sampleMeasure, samplesQuestion, type SampleMeasureId } from '../selectionMeasures';

/** How a command reads P and Q: as distributions, or as samples with the measure the user chose. */
export type PairReading = { readonly kind: 'distributions' } | { readonly kind: 'samples'; readonly measure: SampleMeasureId };

/**
 * Distributions when P and Q read as such (interpretPair, in the configured input kind); otherwise a Quick
 * Pick says why they look like samples and offers the sample measures (and "as distributions anyway" when
 * possible). `undefined` when the user dismissed it: nothing is computed. Never guesses silently.
 */
export async function choosePairReading(p: Float64Array, q: Float64Array, settings: DivergenceSettings): Promise<PairReading | undefined> {
  const reading = interpretPair(p, q, settings.input);
  if (reading.kind === 'distributions') return reading;
  const items = sampleChoices(p, q).map((c) => ({ label: c.label, detail: c.detail, id: c.id }));
  const pick = await vscode.window.showQuickPick(items, {
    title: samplesQuestion(reading, settings.input),
    placeHolder: 'Choose a sample measure (Escape computes nothing)',
  });
  if (!pick) return undefined;
  return pick.id === 'as-distributions' ? { kind: 'distributions' } : { kind: 'samples', measure: pick.id };
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
