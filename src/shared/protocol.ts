/**
 * The typed messages between the extension host and the panel's webview. Both sides import this file;
 * neither trusts the other: every message is validated on arrival with the guards below, and anything that
 * does not match is dropped (and logged by the receiver).
 */

/** The slice of a KL result the panel shows. Plain data: it crosses a postMessage boundary. */
export interface KlResultView {
  readonly measure: 'kl';
  /** D(P‖Q) in `unit`; may be Infinity (postMessage carries it as a number). */
  readonly value: number;
  readonly unit: string;
  /** The log base as a number (Math.E for nats). */
  readonly base: number;
  /** True when P or Q did not sum to 1 and were normalised. */
  readonly normalized: boolean;
  readonly sums: { readonly p: number; readonly q: number };
  readonly pinskerTvBound: number;
  readonly backend: 'ts' | 'wasm';
  /** The inputs as given (before normalisation), at most `MAX_VIEW_VALUES` of each. */
  readonly p: readonly number[];
  readonly q: readonly number[];
  /** Full lengths of P and Q (the arrays above may be truncated). */
  readonly n: number;
  /** The definition, as LaTeX: the same string the core documents. */
  readonly formulaLatex: string;
  /** Where the inputs came from, e.g. "distributions.py, lines 6-7". Shown as text, never as HTML. */
  readonly source: string;
}

/** At most this many values of P and Q cross to the webview. */
export const MAX_VIEW_VALUES = 1000;

export type HostToWebviewMessage =
  | { readonly type: 'showResult'; readonly result: KlResultView }
  | { readonly type: 'clear' };

export type WebviewToHostMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'copy'; readonly text: string; readonly what: 'value' | 'latex' };

/** The state the webview keeps with `setState` so it restores itself when shown again. */
export interface WebviewState {
  readonly result?: KlResultView;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isNumberArray(x: unknown, max: number): x is number[] {
  return Array.isArray(x) && x.length <= max && x.every((v) => typeof v === 'number');
}

/** Numbers that cross postMessage keep Infinity and NaN (structured clone), so only the type is checked. */
export function isKlResultView(x: unknown): x is KlResultView {
  if (!isRecord(x)) return false;
  const sums = x.sums;
  return (
    x.measure === 'kl' &&
    typeof x.value === 'number' &&
    typeof x.unit === 'string' &&
    typeof x.base === 'number' &&
    typeof x.normalized === 'boolean' &&
    isRecord(sums) &&
    typeof sums.p === 'number' &&
    typeof sums.q === 'number' &&
    typeof x.pinskerTvBound === 'number' &&
    (x.backend === 'ts' || x.backend === 'wasm') &&
    isNumberArray(x.p, MAX_VIEW_VALUES) &&
    isNumberArray(x.q, MAX_VIEW_VALUES) &&
    typeof x.n === 'number' &&
    typeof x.formulaLatex === 'string' &&
    typeof x.source === 'string'
  );
}

export function isHostToWebviewMessage(x: unknown): x is HostToWebviewMessage {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'showResult':
      return isKlResultView(x.result);
    case 'clear':
      return true;
    default:
      return false;
  }
}

/** Upper bound on text the webview may ask the host to copy: a LaTeX formula of the shown terms. */
export const MAX_COPY_LENGTH = 100_000;

export function isWebviewToHostMessage(x: unknown): x is WebviewToHostMessage {
  if (!isRecord(x)) return false;
  switch (x.type) {
    case 'ready':
      return true;
    case 'copy':
      return (
        typeof x.text === 'string' && x.text.length <= MAX_COPY_LENGTH && (x.what === 'value' || x.what === 'latex')
      );
    default:
      return false;
  }
}

export function isWebviewState(x: unknown): x is WebviewState {
  return isRecord(x) && (x.result === undefined || isKlResultView(x.result));
}

export function assertNever(x: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(x)}`);
}
