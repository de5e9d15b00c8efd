/**
 * Reading a file by its path, in the browser bundle, in place of fileReader.ts: a browser has no file system
 * paths (files come through `vscode.workspace.fs`, whole), so positioned reads of big files are not available
 * and the commands that need them say so.
 */
import type { FileReader } from './fileReader';

export function fileReader(path: string): Promise<FileReader> {
  return Promise.reject(new Error(`${path}: reading a file in pieces needs the desktop VS Code (a Node extension host)`));
}
