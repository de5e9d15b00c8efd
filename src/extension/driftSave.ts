import * as vscode from 'vscode';
import type { DriftReportView } from '../shared/driftView';
import { driftReportHtml, driftReportJson } from './driftReportHtml';
import { showProblem } from './results';

/** "drift-seattle-2012-vs-seattle-2015": a file name stem from the two sides' names (letters, digits, - _ .). */
export function reportStem(view: DriftReportView): string {
  const stem = (path: string) => (path.split(/[\\/]/).pop() ?? path).replace(/\.[^.]*$/, '');
  const r = view.report;
  const name = r.split === undefined ? `drift-${stem(r.reference.path)}-vs-${stem(r.current.path)}` : `drift-${stem(r.reference.path)}-${r.split}`;
  return name.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 100);
}

async function saveOne(target: vscode.Uri, text: string, output: vscode.LogOutputChannel): Promise<void> {
  try {
    const bytes = new TextEncoder().encode(text);
    await vscode.workspace.fs.writeFile(target, bytes);
    output.info(`drift report: saved ${bytes.length} bytes to ${target.toString()}`);
  } catch (e) {
    showProblem(output, target.toString(), `could not save the report: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Save Report…: the HTML page, then the JSON of the same numbers, each where a save dialog says (the dialog
 * asks before replacing a file; dismissing it saves nothing of that kind).
 */
export async function saveDriftReport(view: DriftReportView, output: vscode.LogOutputChannel): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const stem = reportStem(view);
  const html = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${stem}.html`) : undefined,
    filters: { 'HTML page': ['html'] },
    title: 'Save the drift report as a web page (1 of 2)',
  });
  if (html) await saveOne(html, driftReportHtml(view, new Date()), output);
  const beside = html ? html.with({ path: html.path.replace(/\.html?$/i, '') + '.json' }) : undefined;
  const json = await vscode.window.showSaveDialog({
    defaultUri: beside ?? (folder ? vscode.Uri.joinPath(folder, `${stem}.json`) : undefined),
    filters: { JSON: ['json'] },
    title: "Save the drift report's numbers as JSON, as divergence drift --json writes them (2 of 2)",
  });
  if (json) await saveOne(json, driftReportJson(view), output);
}
