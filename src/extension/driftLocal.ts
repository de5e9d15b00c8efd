/**
 * Table files a drift report reads in pieces: files on this machine's disk (`file:` URIs), read by byte ranges
 * with positioned reads. The browser bundle uses driftLocal.browser.ts instead, which reads nothing in pieces.
 */
import type * as vscode from 'vscode';
import { fileReader } from '../compute/fileReader';
import type { DriftFile } from '../drift';
import { fileRangeReader } from './tableFiles';

/** A table file opened for reading by byte ranges; `close` releases it. */
export interface OpenedDriftFile {
  readonly file: DriftFile;
  close(): Promise<void>;
}

/** Whether `uri` can be read in pieces here (a file on this machine's disk). */
export function readsInPieces(uri: vscode.Uri): boolean {
  return uri.scheme === 'file';
}

/** Opens a file of {@link readsInPieces} for positioned reads (fs errors such as ENOENT reject as they are). */
export async function openDriftFile(uri: vscode.Uri, name: string, label?: string): Promise<OpenedDriftFile> {
  const file = await fileReader(uri.fsPath);
  return { file: { name, reader: fileRangeReader(file, name), ...(label === undefined ? {} : { label }) }, close: () => file.close() };
}
