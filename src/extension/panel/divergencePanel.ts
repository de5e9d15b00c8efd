import * as vscode from 'vscode';
import {
  assertNever,
  isWebviewToHostMessage,
  type HostToWebviewMessage,
  type KlResultView,
  type WebviewToHostMessage,
} from '../../shared/protocol';
import { panelHtml } from './panelHtml';

/**
 * Owns the Divergence Lens webview panel: creates it on demand, keeps the last result so a newly opened
 * panel shows it, validates every message the webview sends, and disposes of its listeners with itself.
 */
export class DivergencePanel implements vscode.Disposable {
  static readonly viewType = 'divergenceLens.panel';

  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private lastResult: KlResultView | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Shows the panel beside the editor, creating it if needed. */
  show(): void {
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const roots = [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'media')];
    const panel = vscode.window.createWebviewPanel(
      DivergencePanel.viewType,
      'Divergence Lens',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: roots },
    );
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'icon.png');
    panel.webview.html = panelHtml(panel.webview, this.extensionUri);
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      panel.onDidDispose(() => this.onPanelDisposed()),
    );
    this.panel = panel;
  }

  /** The newest result, shown or not. */
  get result(): KlResultView | undefined {
    return this.lastResult;
  }

  /** Records the newest result and shows it in the panel if the panel is open. */
  update(result: KlResultView): void {
    this.lastResult = result;
    this.post({ type: 'showResult', result });
  }

  private post(message: HostToWebviewMessage): void {
    void this.panel?.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    if (!isWebviewToHostMessage(raw)) {
      this.log.warn(`panel: dropped a malformed message from the webview: ${safePreview(raw)}`);
      return;
    }
    const message: WebviewToHostMessage = raw;
    switch (message.type) {
      case 'ready':
        this.post(this.lastResult ? { type: 'showResult', result: this.lastResult } : { type: 'clear' });
        return;
      case 'copy':
        void vscode.env.clipboard.writeText(message.text).then(() =>
          vscode.window.setStatusBarMessage(`Divergence Lens: copied the ${message.what === 'latex' ? 'LaTeX' : 'value'}`, 2000),
        );
        return;
      default:
        assertNever(message);
    }
  }

  private onPanelDisposed(): void {
    this.panel = undefined;
    for (const d of this.panelDisposables) d.dispose();
    this.panelDisposables = [];
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
