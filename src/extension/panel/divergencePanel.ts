import * as vscode from 'vscode';
import { gmmKl, isDivergenceError } from '../../compute';
import {
  assertNever,
  fromWire,
  isKlResultView,
  isWebviewToHostMessage,
  toWire,
  type AllMeasuresView,
  type DiscreteResultView,
  type GaussianParams,
  type GmmKlReply,
  type GmmKlRequest,
  type HostToWebviewMessage,
  type KlResultView,
  type PanelView,
  type SamplesView,
  type WebviewToHostMessage,
} from '../../shared/protocol';
import type { DriftReportView } from '../../shared/driftView';
import { saveDriftReport } from '../driftSave';
import { copyDriftSql } from './driftSqlCopy';
import { panelHtml, panelResourceRoots } from './panelHtml';

/**
 * Owns the Divergence Lens webview panel: creates it on demand (or adopts the one VS Code restores after a
 * reload), keeps the newest result so a newly shown panel gets it, validates every message the webview sends
 * (dropping and logging anything else), and disposes of its listeners with itself.
 *
 * The webview keeps its own state with setState (no retainContextWhenHidden): hidden and shown again, or
 * restored by the serializer, it draws what it last showed. The host only sends what the webview has not seen.
 */
export class DivergencePanel implements vscode.Disposable {
  static readonly viewType = 'divergenceLens.panel';

  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private lastResult: DiscreteResultView | undefined;
  private lastKl: KlResultView | undefined;
  /** The newest message the webview has not received yet (it was hidden or not open). */
  private pending: HostToWebviewMessage | undefined;
  private currentView: PanelView | undefined;
  /** The current webview document has run its script and said 'ready' (a hidden webview is destroyed). */
  private webviewReady = false;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Registers the serializer that restores the panel after a window reload. */
  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(DivergencePanel.viewType, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => {
        if (this.panel) {
          panel.dispose();
          return;
        }
        this.adopt(panel);
      },
    });
  }

  /** Shows the panel beside the editor, creating it if needed. */
  show(): void {
    if (this.panel) {
      this.panel.reveal(this.panel.viewColumn ?? vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      DivergencePanel.viewType,
      'Divergence Lens',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: panelResourceRoots(this.extensionUri) },
    );
    this.adopt(panel);
  }

  private adopt(panel: vscode.WebviewPanel): void {
    panel.webview.options = { enableScripts: true, localResourceRoots: panelResourceRoots(this.extensionUri) };
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
    panel.webview.html = panelHtml(panel.webview, this.extensionUri);
    this.webviewReady = false;
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      panel.onDidChangeViewState((e) => {
        if (!e.webviewPanel.visible) this.webviewReady = false;
      }),
      panel.onDidDispose(() => this.onPanelDisposed()),
    );
    this.panel = panel;
  }

  /** The newest result, shown or not. */
  get result(): DiscreteResultView | undefined {
    return this.lastResult;
  }

  /** The newest KL result (what the extension's API reports). */
  get klResult(): KlResultView | undefined {
    return this.lastKl;
  }

  /** The view (tab) the webview shows, as it last reported. */
  get view(): PanelView | undefined {
    return this.currentView;
  }

  /** Records the newest KL result and shows it in the panel if the panel is open (the KL command's API). */
  update(result: KlResultView): void {
    this.showResult(result, false);
  }

  /** Records the newest result of any discrete measure and shows it; `reveal` opens the panel. */
  showResult(result: DiscreteResultView, reveal: boolean): void {
    this.lastResult = result;
    if (isKlResultView(result)) this.lastKl = result;
    this.send({ type: 'showResult', result }, reveal);
  }

  /** The all-measures table of the current P and Q. */
  showAllMeasures(table: AllMeasuresView, reveal: boolean): void {
    this.send({ type: 'showAllMeasures', table }, reveal);
  }

  /** Two samples' histograms and ECDFs. */
  showSamples(samples: SamplesView, reveal: boolean): void {
    this.send({ type: 'showSamples', samples }, reveal);
  }

  /** The Gaussian KL explorer, with these parameters if given. Always reveals the panel. */
  showGaussian(params?: GaussianParams): void {
    this.send(params ? { type: 'showGaussian', params } : { type: 'showGaussian' }, true);
  }

  /** A drift report in the Drift view (Save Report… sends it back from the view). */
  showDrift(drift: DriftReportView, reveal: boolean): void {
    this.send({ type: 'showDrift', drift }, reveal);
  }

  private send(message: HostToWebviewMessage, reveal: boolean): void {
    if (reveal) this.show();
    if (this.panel?.visible && this.webviewReady) {
      void this.panel.webview.postMessage(toWire(message));
      this.pending = undefined;
      return;
    }
    // Not open, hidden or still loading: the webview asks with 'ready' once its script runs.
    this.pending = message;
  }

  private onMessage(wire: unknown): void {
    // A saved drift report may hold Infinity, which crosses in wire form (see toWire).
    const raw = fromWire(wire);
    if (!isWebviewToHostMessage(raw)) {
      this.log.warn(`panel: dropped a malformed message from the webview: ${safePreview(raw)}`);
      return;
    }
    const message: WebviewToHostMessage = raw;
    switch (message.type) {
      case 'ready':
        this.webviewReady = true;
        if (this.pending) void this.panel?.webview.postMessage(toWire(this.pending));
        this.pending = undefined;
        return;
      case 'copy':
        void vscode.env.clipboard.writeText(message.text).then(() =>
          vscode.window.setStatusBarMessage(`Divergence Lens: copied the ${message.what === 'latex' ? 'LaTeX' : 'value'}`, 2000),
        );
        return;
      case 'savePng':
        void this.savePng(message.dataUrl, message.name);
        return;
      case 'viewChanged':
        this.currentView = message.view;
        return;
      case 'gmmKl':
        this.answerGmmKl(message.request);
        return;
      case 'saveDriftReport':
        void saveDriftReport(message.drift, this.log);
        return;
      case 'copyDriftSql':
        void copyDriftSql(message.drift);
        return;
      default:
        assertNever(message);
    }
  }

  /** The mixtures mode of the explorer: KL of two Gaussian mixtures by the chosen approximation (seed 0). */
  private answerGmmKl(request: GmmKlRequest): void {
    let reply: GmmKlReply;
    try {
      const r = gmmKl(request.p, request.q, { method: request.method, seed: 0 });
      reply = {
        id: request.id,
        result: {
          method: r.method,
          value: r.value,
          unit: r.unit,
          ...(r.stderr !== undefined ? { stderr: r.stderr } : {}),
          ...(r.samples !== undefined ? { samples: r.samples } : {}),
          note: r.note,
        },
      };
    } catch (e) {
      if (!isDivergenceError(e)) throw e;
      reply = { id: request.id, error: e.message };
    }
    if (this.panel?.visible) void this.panel.webview.postMessage(toWire({ type: 'gmmKlResult', reply }));
  }

  /** Asks where to save (the user chose to), then writes the PNG the webview drew. */
  private async savePng(dataUrl: string, name: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: { 'PNG image': ['png'] },
      title: 'Save chart as PNG',
    });
    if (!target) return;
    const bytes = Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(',') + 1)), (c) => c.charCodeAt(0));
    try {
      await vscode.workspace.fs.writeFile(target, bytes);
      this.log.info(`panel: saved ${bytes.length} bytes to ${target.toString()}`);
    } catch (e) {
      void vscode.window.showErrorMessage(`Divergence Lens: could not save ${target.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private onPanelDisposed(): void {
    this.panel = undefined;
    this.webviewReady = false;
    for (const d of this.panelDisposables) d.dispose();
    this.panelDisposables = [];
    // A new panel starts from the newest result.
    if (this.lastResult && !this.pending) this.pending = { type: 'showResult', result: this.lastResult };
  }

  dispose(): void {
    this.panel?.dispose();
    this.onPanelDisposed();
  }
}

function safePreview(x: unknown): string {
  try {
    return JSON.stringify(x).slice(0, 200);
  } catch {
    return typeof x;
  }
}
