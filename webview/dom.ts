/** The few DOM helpers every view uses. User text is only ever set with textContent. */
import katex from 'katex';
import { formatFull, formatSignificant } from '../src/shared/format';
import { staleMessage } from './explorerInput';

/** The element #id; the page (panelHtml.ts) and the views share the ids of src/shared/panelIds.ts. */
export function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`panel: #${id} is missing from the page`);
  return found as T;
}

/** A vscode-textfield (or any element with a string value). */
export type FieldElement = HTMLElement & { value: string };

export function field(id: string): FieldElement {
  return el<FieldElement>(id);
}

/** Renders LaTeX into `target`: as a display formula, or inline (`display` false) within a line of text. */
export function renderMath(target: HTMLElement, latex: string, display = true): void {
  katex.render(latex, target, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
}

export function text(tag: string, content: string, className?: string): HTMLElement {
  const e = document.createElement(tag);
  e.textContent = content;
  if (className) e.className = className;
  return e;
}

/** Shows a value in nats in #id to 8 digits, with every digit in its data-value. */
export function showNats(id: string, nats: number): void {
  const e = el(id);
  e.textContent = `${formatSignificant(nats, 8)} nats`;
  e.dataset.value = formatFull(nats);
}

/**
 * Shows what is wrong with an input in the error line #errorId and dims the results of #boxId (class
 * `stale`), which still show the last valid parameters; `problem` undefined clears both.
 */
export function showInputProblem(errorId: string, boxId: string, problem: string | undefined): void {
  const error = el(errorId);
  error.hidden = problem === undefined;
  error.textContent = problem === undefined ? '' : staleMessage(problem);
  el(boxId).classList.toggle('stale', problem !== undefined);
}
