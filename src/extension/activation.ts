import * as vscode from 'vscode';
import { init, backendStatus } from '../compute';
import { KL_FORMULA_LATEX } from '../core';
import type { KlResultView } from '../shared/protocol';
import { KlOfSelectionCommand, type KlOfSelectionDeps } from './commands/klOfSelection';
import { KlRowByRowCommand } from './commands/klRowByRow';
import { MEASURE_COMMANDS, MeasureOfSelectionCommand, PinReferenceCommands } from './commands/measureOfSelection';
import { CompareColumnsCommand } from './commands/compareColumns';
import { KlOfFilesCommand, type KlOfFilesDeps } from './commands/klOfFiles';
import type { OffThreadKl } from './offThread';
import { InsertResultAsCommentCommand } from './commands/insertResultAsComment';
import { OpenPanelCommand } from './commands/openPanel';
import { AllMeasuresOfSelectionCommand } from './commands/allMeasuresOfSelection';
import { CompareGaussiansCommand } from './commands/compareGaussians';
import { CompareDatasetsCommand } from './commands/compareDatasets';
import { CompareNotebookVariablesCommand } from './commands/notebookVariables';
import { discreteView, samplesView } from './panel/resultViews';
import { LastResultStore } from './lastResult';
import { PinnedReference } from './pinnedReference';
import { readSettings } from './config';
import { ArrayHoverProvider } from './hover/arrayHoverProvider';
import { HOVER_LANGUAGES, NOTEBOOK_MARKDOWN_CELLS } from './languages';
import { DivergencePanel } from './panel/divergencePanel';
import { DivergenceStatusBar } from './statusBar';

/** What the extension exports to other extensions (and to its integration tests). */
export interface DivergenceLensApi {
  /** The newest KL result of a command, as the panel shows it. */
  readonly lastResult: () => KlResultView | undefined;
}

/**
 * What differs between the extension's hosts. The Node host (extension.ts) has worker threads and file paths;
 * the browser's web worker host (web/extensionWeb.ts) has neither, so there big inputs are computed on the one
 * thread and the command that reads files in chunks says it needs the desktop.
 */
export interface HostParts {
  /** The worker pool behind a cancellable progress notification (Node only), owned by the host's entry. */
  readonly offThread?: OffThreadKl;
  /** The handler of "KL Divergence of Two Data Files…" (`KlOfFilesCommand.id`). */
  readonly klOfFiles: (deps: Omit<KlOfFilesDeps, 'offThread'>) => (uri?: vscode.Uri, uris?: vscode.Uri[]) => Promise<void>;
}

/** Composes the extension's objects for either host; every one of them is owned by `context.subscriptions`. */
export function activateWith(context: vscode.ExtensionContext, host: HostParts): DivergenceLensApi {
  const { offThread } = host;
  const output = vscode.window.createOutputChannel('Divergence Lens', { log: true });
  const panel = new DivergencePanel(context.extensionUri, output);
  const pinned = new PinnedReference(PinReferenceCommands.clearId);
  const lastResult = new LastResultStore();
  const record = (r: Parameters<LastResultStore['set']>[0]) => lastResult.set(r);
  const insertComment = new InsertResultAsCommentCommand(() => lastResult.current, output);
  const openPanelById = () => void vscode.commands.executeCommand(OpenPanelCommand.id);
  const showInPanel = (view: KlResultView, reveal: boolean) => {
    panel.update(view);
    if (reveal) panel.show();
  };
  const compareColumns = new CompareColumnsCommand({
    settings: (uri) => readSettings(uri),
    output,
    record,
    openPanel: openPanelById,
    offThread,
    showKl: (kl, p, q, source) => panel.showResult(discreteView('kl', kl, p, q, source), false),
    showSamples: (p, q, ks, w, source) => panel.showSamples(samplesView(p, q, ks, w, source), false),
  });
  const pinCommands = new PinReferenceCommands((found) => pinned.set(found), output);
  const activeSettings = () => readSettings(vscode.window.activeTextEditor?.document.uri);
  const klAsync: KlOfSelectionDeps['klAsync'] = offThread
    ? (p, q, options, onProgress, signal) => offThread.pool().klDivergenceAsync(p, q, { ...options, onProgress, signal })
    : undefined;
  const klCommand = new KlOfSelectionCommand({
    settings: activeSettings,
    pinned: () => pinned.current,
    record,
    formulaLatex: KL_FORMULA_LATEX,
    klAsync,
    output,
    showInPanel,
  });
  const klOfFiles = host.klOfFiles({ settings: (uri) => readSettings(uri), output, record, showInPanel });
  const openPanel = new OpenPanelCommand(panel);
  const rowByRow = new KlRowByRowCommand({ settings: activeSettings, pinned: () => pinned.current, output, record, openPanel: openPanelById });
  const allMeasuresCommand = new AllMeasuresOfSelectionCommand({
    settings: activeSettings,
    output,
    pinned: () => pinned.current,
    record,
    showTable: (table) => panel.showAllMeasures(table, true),
  });
  const compareGaussians = new CompareGaussiansCommand({
    settings: activeSettings,
    output,
    record,
    openExplorer: (params) => panel.showGaussian(params),
  });
  const settingsFor = (scope: vscode.Uri) => readSettings(scope);
  context.subscriptions.push(
    new DivergenceStatusBar(settingsFor, OpenPanelCommand.id, () => pinned.current?.array.values, pinned.onDidChange),
    vscode.languages.registerHoverProvider(
      HOVER_LANGUAGES.map((language) => ({ language })),
      new ArrayHoverProvider(settingsFor, () => pinned.current?.array.values),
    ),
    vscode.languages.registerHoverProvider(NOTEBOOK_MARKDOWN_CELLS, new ArrayHoverProvider(settingsFor, () => pinned.current?.array.values)),
    output,
    panel,
    vscode.commands.registerCommand(KlOfSelectionCommand.id, () => klCommand.run()),
    vscode.commands.registerCommand(KlRowByRowCommand.id, () => rowByRow.run()),
    vscode.commands.registerCommand(OpenPanelCommand.id, () => openPanel.run()),
    panel.registerSerializer(),
    vscode.commands.registerCommand(AllMeasuresOfSelectionCommand.id, () => allMeasuresCommand.run()),
    vscode.commands.registerCommand(CompareGaussiansCommand.id, (arg?: unknown) => compareGaussians.run(arg)),
    pinned,
    vscode.commands.registerCommand(PinReferenceCommands.pinId, () => pinCommands.pin()),
    vscode.commands.registerCommand(InsertResultAsCommentCommand.id, () => insertComment.run()),
    vscode.commands.registerCommand(CompareColumnsCommand.id, (uri?: vscode.Uri) => compareColumns.run(uri)),
    vscode.commands.registerCommand(KlOfFilesCommand.id, (uri?: vscode.Uri, uris?: vscode.Uri[]) => klOfFiles(uri, uris)),
    vscode.commands.registerCommand(PinReferenceCommands.clearId, () => pinCommands.clear()),
    vscode.commands.registerCommand(CompareNotebookVariablesCommand.id, () =>
      new CompareNotebookVariablesCommand({
        settings: settingsFor,
        output,
        record,
        openPanel: openPanelById,
        showKl: (kl, p, q, source) => panel.showResult(discreteView('kl', kl, p, q, source), false),
        showDrift: (view) => panel.showDrift(view, true),
      }).run(),
    ),
    vscode.commands.registerCommand(CompareDatasetsCommand.id, (uri?: vscode.Uri, uris?: vscode.Uri[]) =>
      new CompareDatasetsCommand({ settings: (scope) => readSettings(scope), output, showDrift: (view) => panel.showDrift(view, true) }).run(uri, uris),
    ),
    ...MEASURE_COMMANDS.map((spec) => {
      const command = new MeasureOfSelectionCommand(spec, {
        settings: activeSettings,
        output,
        pinned: () => pinned.current,
        record,
        showInPanel: (r, p, q, source) => panel.showResult(discreteView(spec.panelMeasure, r, p, q, source), false),
      });
      return vscode.commands.registerCommand(spec.id, () => command.run());
    }),
  );
  init({ threads: 'lazy' }).then(
    () => output.info(`compute backend: ${backendStatus()}`),
    (e: unknown) => output.warn(`WebAssembly backend unavailable, using TypeScript: ${String(e)}`),
  );
  return { lastResult: () => panel.klResult };
}
