/**
 * The panel's whole state, one object: every view reads it and replaces parts of it, and save() hands it
 * to VS Code so the panel restores itself when shown again and after a reload.
 */
import { isWebviewState, type GaussianParams, type WebviewState } from '../src/shared/protocol';
import { storedState, storeState } from './messaging';

export const DEFAULT_GAUSSIAN: GaussianParams = { mu0: 0, sigma0: 1, mu1: 1, sigma1: 2 };

let state: WebviewState = { view: 'formula', gaussian: DEFAULT_GAUSSIAN, sorted: false };

export function panelState(): WebviewState {
  return state;
}

/** Replaces the fields of `patch` (not saved until save()). */
export function updateState(patch: Partial<WebviewState>): void {
  state = { ...state, ...patch };
}

export function save(): void {
  storeState(state);
}

/** Takes over the state saved before the panel was hidden or reloaded, when there is a valid one. */
export function restoreState(): void {
  const saved = storedState();
  if (isWebviewState(saved)) state = { ...state, ...saved };
}
