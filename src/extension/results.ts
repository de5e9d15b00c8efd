import * as vscode from 'vscode';
import { formatFull } from '../shared/format';
import type { LastResult } from './lastResult';

/** Where every command's result goes: the output channel, the last-result store, the panel. */
export interface ResultSinks {
  readonly output: vscode.LogOutputChannel;
  readonly record: (result: LastResult) => void;
  /** Shows the panel (with this result when it has a view of it). */
  readonly openPanel: () => void;
}

/** One result, as every command reports it. */
export interface ShownResult {
  /** As recorded for "Insert Result as Comment": "D(P‖Q)", "H(P)", "W1(P, Q)". */
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  /** Where the inputs came from ("distributions.py, lines 6-7"). */
  readonly source: string;
  /** The notification's text, to the configured significant digits, with the conventions used. */
  readonly shown: string;
  /** The output channel's line, in full precision. */
  readonly full: string;
  /** Lines the output channel lists under it (every row of a table). */
  readonly details?: readonly string[];
}

export const COPY = 'Copy';
export const OPEN_PANEL = 'Open Panel';
export const INSERT_AS_COMMENT = 'Insert as Comment';
export const INSERT_COMMAND_ID = 'divergenceLens.insertResultAsComment';

/**
 * The one way commands report a result: full precision in the "Divergence Lens" output channel, recorded for
 * "Insert Result as Comment", and a notification with Copy / Open Panel / Insert as Comment.
 */
export function showResult(sinks: ResultSinks, result: ShownResult): void {
  sinks.output.info(`${result.label} ${result.source}: ${result.full}`);
  for (const line of result.details ?? []) sinks.output.info(`  ${line}`);
  sinks.record({ label: result.label, value: result.value, unit: result.unit, source: result.source });
  void vscode.window.showInformationMessage(result.shown, COPY, OPEN_PANEL, INSERT_AS_COMMENT).then((choice) => {
    if (choice === COPY) void vscode.env.clipboard.writeText(formatFull(result.value));
    else if (choice === OPEN_PANEL) sinks.openPanel();
    else if (choice === INSERT_AS_COMMENT) void vscode.commands.executeCommand(INSERT_COMMAND_ID);
  });
}

/** The button of every message whose text goes on in the output channel. */
export const SHOW_DETAILS = 'Show Details';

/** The longest notification text: one line of a notification toast. */
export const HEADLINE_MAX = 100;

/** Where a message's first sentence may end, from a full stop (not of "e.g." or "i.e.") down to a parenthesis. */
const BREAKS = [/(?<!\b(?:e\.g|i\.e))\. /g, /; /g, /: /g, / \(/g];

/** The first match of `mark` in `text` outside parentheses and brackets ("(p at line 1; q at line 2)" is one). */
function firstOutside(text: string, mark: RegExp): number {
  for (const m of text.matchAll(mark)) {
    let depth = 0;
    for (const c of text.slice(0, m.index)) depth += c === '(' || c === '[' ? 1 : c === ')' || c === ']' ? -1 : 0;
    if (depth === 0 && m.index > 0) return m.index;
  }
  return -1;
}

/**
 * A message as a notification shows it: its first sentence whole ("Found no numeric array in the selection."),
 * ending in a full stop; the output channel has the rest. A first sentence longer than a notification's line
 * ({@link HEADLINE_MAX}) ends at its first clause that fits: "; ", ": ", then " (", outside parentheses (the
 * shortest of them when none fits).
 */
export function headline(message: string): string {
  const text = message.trim();
  let cut = text.length;
  for (const mark of BREAKS) {
    const at = firstOutside(text.slice(0, cut), mark);
    if (at > 0) cut = at;
    if (cut + 1 <= HEADLINE_MAX) break;
  }
  return `${text.slice(0, cut).replace(/[.;:]$/, '')}.`;
}

type Level = 'error' | 'warning' | 'info';

/**
 * The one way commands say anything but a result: the whole message in the output channel (with where it comes
 * from and the error's code), and a notification of its first sentence with Show Details, which opens the
 * channel. The notification names neither the extension (VS Code shows "Source: Divergence Lens" under it) nor
 * the file and lines (the user just selected them): the channel says both.
 */
export function showMessage(output: vscode.LogOutputChannel, level: Level, message: string, where: { readonly source?: string; readonly code?: string } = {}): void {
  const line = `${where.code ? `[${where.code}] ` : ''}${where.source ? `${where.source}: ` : ''}${message}`;
  if (level === 'error') output.error(line);
  else if (level === 'warning') output.warn(line);
  else output.info(line);
  const text = headline(message);
  const shown =
    level === 'error'
      ? vscode.window.showErrorMessage(text, SHOW_DETAILS)
      : level === 'warning'
        ? vscode.window.showWarningMessage(text, SHOW_DETAILS)
        : vscode.window.showInformationMessage(text, SHOW_DETAILS);
  void shown.then((choice) => {
    if (choice === SHOW_DETAILS) output.show(true);
  });
}

/** A problem with the inputs (a core error, a refusal): an error message (see {@link showMessage}). */
export function showProblem(output: vscode.LogOutputChannel, source: string | undefined, message: string, code?: string): void {
  showMessage(output, 'error', message, { source, code });
}

/** Why a command did nothing (no editor, nothing to read): a warning (see {@link showMessage}). */
export function showWarning(output: vscode.LogOutputChannel, message: string, source?: string): void {
  showMessage(output, 'warning', message, { source });
}
