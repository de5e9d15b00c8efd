/**
 * The panel's program. It renders what the host sends (validated against the shared protocol), keeps it with
 * setState so the panel restores itself when shown again, and asks the host to copy text.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import katex from 'katex';
import { formatFull, formatSignificant } from '../src/shared/format';
import {
  assertNever,
  isHostToWebviewMessage,
  isWebviewState,
  type KlResultView,
  type WebviewState,
  type WebviewToHostMessage,
} from '../src/shared/protocol';
import { klSubstitutedLatex } from './klTermsLatex';

interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
  getState(): unknown;
  setState(state: WebviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function el<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`panel: #${id} is missing from the page`);
  return found as T;
}

function renderMath(target: HTMLElement, latex: string): void {
  katex.render(latex, target, { displayMode: true, throwOnError: false, output: 'htmlAndMathml' });
}

function addDetail(list: HTMLElement, text: string): void {
  const li = document.createElement('li');
  li.textContent = text;
  list.appendChild(li);
}

let current: KlResultView | undefined;

function show(result: KlResultView | undefined): void {
  current = result;
  el('empty').hidden = result !== undefined;
  el('result').hidden = result === undefined;
  if (!result) return;
  renderMath(el('formula'), result.formulaLatex);
  renderMath(el('substituted'), klSubstitutedLatex(result));
  el('result-label').textContent = 'D(P‖Q)';
  el('result-value').textContent = `${formatFull(result.value)} ${result.unit}`;
  const details = el('details');
  details.replaceChildren();
  addDetail(details, `From ${result.source}; n = ${result.n}.`);
  addDetail(
    details,
    result.normalized
      ? `P and Q were normalised to sum to 1 (P summed to ${formatFull(result.sums.p)}, Q to ${formatFull(result.sums.q)}).`
      : 'P and Q were used as given (each sums to 1).',
  );
  addDetail(details, `Pinsker's inequality: TV(P, Q) ≤ √(D/2) = ${formatSignificant(result.pinskerTvBound, 6)} (D in nats).`);
  addDetail(details, `Computed by the ${result.backend === 'wasm' ? 'WebAssembly' : 'TypeScript'} backend.`);
  vscode.setState({ result });
}

el('copy-value').addEventListener('click', () => {
  if (current) vscode.postMessage({ type: 'copy', what: 'value', text: formatFull(current.value) });
});
el('copy-latex').addEventListener('click', () => {
  if (current) vscode.postMessage({ type: 'copy', what: 'latex', text: klSubstitutedLatex(current, 17) });
});

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostToWebviewMessage(message)) {
    console.warn('Divergence Lens panel: dropped a malformed message', message);
    return;
  }
  switch (message.type) {
    case 'showResult':
      show(message.result);
      return;
    case 'clear':
      if (!current) show(undefined);
      return;
    default:
      assertNever(message);
  }
});

const saved = vscode.getState();
if (isWebviewState(saved) && saved.result) show(saved.result);
vscode.postMessage({ type: 'ready' });
