/**
 * Which way Compare Two Datasets computes a report: two Parquet files on this machine's disk larger together
 * than `divergenceLens.drift.engineThreshold` MiB go to DuckDB when `@duckdb/node-api` is found (driftEngine.ts;
 * never in the browser), else the report is computed in memory as always, and an information message says
 * once per session that DuckDB would be faster, with a link to how to enable it. Parquet only: its types are in
 * the file, so the engine reads the values the in-memory reader reads (a CSV's types are guessed, by each reader
 * its own way).
 */
import * as vscode from 'vscode';
import { tableExtension, type BySide, type DriftColumnChart, type DriftReport } from '../drift';
import type { DuckDbApi } from '../engine/duckdbEngine';
import { findDuckDb } from './driftEngine';
import type { DriftSettings } from './settingsModel';

/** DuckDB found and loaded, and the file it was loaded from; or where it was looked for in vain. */
export type DuckDbLookup = { readonly found: FoundDuckDb } | { readonly missing: string; readonly canInstall: boolean };

export interface FoundDuckDb {
  readonly api: DuckDbApi;
  readonly path: string;
}

/** Cancel between statements, and a step per statement. */
export interface EngineControl {
  isCancelled(): boolean;
  onStatement(k: number): void;
}

/** What the Drift view needs of a report computed on an engine. */
export interface EngineDriftView {
  readonly report: DriftReport;
  readonly rows: BySide;
  /** Columns the in-memory reader leaves out, "name (TYPE)". */
  readonly skipped: readonly string[];
  readonly charts: readonly DriftColumnChart[];
}

/** The files DuckDB compares in the editor. */
const ENGINE_EXTENSIONS = ['.parquet'];
/** A file name DuckDB would read as a glob. */
const GLOB = /[*?[\]{}]/;
const MIB = 1024 * 1024;

/** The link of the information message. */
export const HOW_TO_ENABLE = 'How to Enable';
export const ENGINE_DOCS_URL = 'https://github.com/divergence-lens/divergence-lens/blob/main/docs/engines.md#in-the-editor';

/**
 * The workspace folders on this machine's disk, where DuckDB may be looked for: none in Restricted Mode, where
 * loading a package from the workspace would run the workspace's code.
 */
function trustedWorkspaceFolderPaths(): string[] {
  if (!vscode.workspace.isTrusted) return [];
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

export class DriftEngineRoute {
  private told = false;

  constructor(
    private readonly output: vscode.LogOutputChannel,
    /** Where to look for DuckDB after the setting (default: the trusted workspace folders, then npm's global roots). */
    private readonly lookup: (configured: string) => Promise<DuckDbLookup> = async (configured) => findDuckDb(configured, trustedWorkspaceFolderPaths()),
  ) {}

  /** DuckDB for these two files, or undefined to compute in memory (said once when DuckDB would help). */
  async choose(reference: vscode.Uri, current: vscode.Uri, settings: DriftSettings): Promise<FoundDuckDb | undefined> {
    const files = [reference, current];
    if (settings.engineThreshold < 0) return undefined;
    if (!files.every((u) => u.scheme === 'file' && ENGINE_EXTENSIONS.includes(tableExtension(u.path)) && !GLOB.test(u.fsPath))) return undefined;
    let bytes = 0;
    for (const u of files) bytes += (await vscode.workspace.fs.stat(u)).size;
    if (bytes <= settings.engineThreshold * MIB) return undefined;
    const lookup = await this.lookup(settings.duckdbPath);
    if ('found' in lookup) return lookup.found;
    this.tellOnce(bytes, settings.engineThreshold, lookup);
    return undefined;
  }

  private tellOnce(bytes: number, threshold: number, lookup: { readonly missing: string; readonly canInstall: boolean }): void {
    if (this.told) return;
    this.told = true;
    const size = `${(bytes / MIB).toFixed(0)} MiB, more than divergenceLens.drift.engineThreshold (${threshold} MiB)`;
    const text = lookup.canInstall
      ? `These files (${size}) are compared in memory; DuckDB would be faster and take less memory: install @duckdb/node-api (${lookup.missing}).`
      : `These files (${size}) are compared in memory: ${lookup.missing}.`;
    this.output.info(text);
    void vscode.window.showInformationMessage(text, HOW_TO_ENABLE).then((choice) => {
      if (choice === HOW_TO_ENABLE) void vscode.env.openExternal(vscode.Uri.parse(ENGINE_DOCS_URL));
    });
  }
}
