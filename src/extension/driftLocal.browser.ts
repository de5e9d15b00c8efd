/**
 * driftLocal.ts in the browser bundle: a browser has no file system paths, so no drift report reads a file in
 * pieces; files come whole through `vscode.workspace.fs`.
 */
import type * as vscode from 'vscode';
import type { OpenedDriftFile } from './driftLocal';

export type { OpenedDriftFile } from './driftLocal';

export function readsInPieces(_uri: vscode.Uri): boolean {
  return false;
}

export function openDriftFile(uri: vscode.Uri): Promise<OpenedDriftFile> {
  return Promise.reject(new Error(`${uri.toString()}: reading a file in pieces needs the desktop VS Code (a Node extension host)`));
}
