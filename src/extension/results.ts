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
  /** The output channel's line(s), in full precision. */
  readonly full: string;
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
  sinks.record({ label: result.label, value: result.value, unit: result.unit, source: result.source });
  void vscode.window.showInformationMessage(result.shown, COPY, OPEN_PANEL, INSERT_AS_COMMENT).then((choice) => {
    if (choice === COPY) void vscode.env.clipboard.writeText(formatFull(result.value));
    else if (choice === OPEN_PANEL) sinks.openPanel();
    else if (choice === INSERT_AS_COMMENT) void vscode.commands.executeCommand(INSERT_COMMAND_ID);
  });
}

/** A problem with the inputs: an error notification naming where, and the same line in the output channel. */
export function showProblem(output: vscode.LogOutputChannel, source: string | undefined, message: string, code?: string): void {
  const where = source ? ` (${source})` : '';
  void vscode.window.showErrorMessage(`Divergence Lens${where}: ${message}`);
  output.error(`${code ? `[${code}] ` : ''}${source ?? ''}: ${message}`);
}
