/**
 * The panel's channel to the extension host: messages both ways (those arriving are validated against the
 * shared protocol; anything else is dropped and logged) and the state VS Code keeps for the panel while it
 * is hidden or reloaded. acquireVsCodeApi may be called once per page, so this module is its only caller.
 */
import { fromWire, isHostToWebviewMessage, toWire, type HostToWebviewMessage, type WebviewState, type WebviewToHostMessage } from '../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

export function postToHost(message: WebviewToHostMessage): void {
  vscode.postMessage(message);
}

/** Stores the state (in wire form: JSON has no Infinity or NaN) for the next time the panel is shown. */
export function storeState(state: WebviewState): void {
  vscode.setState(toWire(state));
}

/** What storeState stored last, decoded but not yet validated. */
export function storedState(): unknown {
  return fromWire(vscode.getState());
}

/** Calls `handle` with every well-formed message from the host. */
export function onHostMessage(handle: (message: HostToWebviewMessage) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = fromWire(event.data);
    if (!isHostToWebviewMessage(message)) {
      console.warn('Divergence Lens panel: dropped a malformed message', message);
      return;
    }
    handle(message);
  });
}
