import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The panel's HTML shell. Only local resources, under a Content Security Policy with a fresh nonce for the
 * one script: no inline scripts, no eval, no remote content. KaTeX styles its output through the CSSOM,
 * which `style-src` without 'unsafe-inline' allows.
 */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const asset = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', ...parts));
  const nonce = makeNonce();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('katex', 'katex.min.css').toString()}">
<link rel="stylesheet" href="${asset('webview.css').toString()}">
<title>Divergence Lens</title>
</head>
<body>
<main id="app" aria-live="polite">
  <p id="empty" class="muted">Select two arrays in an editor and run <strong>Divergence: KL Divergence of Selection</strong>; the result appears here.</p>
  <section id="result" hidden>
    <h2 id="title">Kullback-Leibler divergence</h2>
    <div id="formula" class="formula" aria-label="Definition"></div>
    <div id="substituted" class="formula" aria-label="With your numbers"></div>
    <p class="value-line"><span id="result-label"></span> = <span id="result-value"></span></p>
    <ul id="details" class="details"></ul>
    <div class="actions">
      <vscode-button id="copy-value" secondary>Copy value</vscode-button>
      <vscode-button id="copy-latex" secondary>Copy LaTeX</vscode-button>
    </div>
  </section>
</main>
<script nonce="${nonce}" src="${asset('webview.js').toString()}"></script>
</body>
</html>`;
}

function makeNonce(): string {
  return randomBytes(24).toString('base64url');
}
