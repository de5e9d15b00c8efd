/** The formula view: the measure's definition and the same formula with the user's numbers, the value, notes. */
import { formatFull, formatPrecise } from '../../src/shared/format';
import { FORMULA_IDS as ID } from '../../src/shared/panelIds';
import type { DiscreteResultView } from '../../src/shared/protocol';
import { el, renderMath, text } from '../dom';
import { postToHost } from '../messaging';
import { panelState, updateState } from '../state';
import { detailLines, measureLabel, measureTitle, substitutedLatex } from '../termsLatex';

/** Shows `result` (the charts view draws it too), or the hint of what to run when there is none. */
export function showResult(result: DiscreteResultView | undefined): void {
  updateState({ result });
  el(ID.empty).hidden = result !== undefined;
  el(ID.result).hidden = result === undefined;
  if (!result) return;
  el(ID.title).textContent = measureTitle(result);
  renderMath(el(ID.formula), result.formulaLatex);
  renderMath(el(ID.substituted), substitutedLatex(result));
  el(ID.label).textContent = measureLabel(result);
  el(ID.value).textContent = `${formatPrecise(result.value)}${result.unit ? ` ${result.unit}` : ''}`;
  el(ID.details).replaceChildren(...detailLines(result).map((line) => text('li', line)));
}

/** The copy buttons: the host puts the value or the LaTeX (17 digits) on the clipboard. */
export function initFormulaView(): void {
  el(ID.copyValue).addEventListener('click', () => {
    const result = panelState().result;
    if (result) postToHost({ type: 'copy', what: 'value', text: formatFull(result.value) });
  });
  el(ID.copyLatex).addEventListener('click', () => {
    const result = panelState().result;
    if (result) postToHost({ type: 'copy', what: 'latex', text: substitutedLatex(result, 17) });
  });
}
