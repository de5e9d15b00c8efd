import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** The folders the webview may load from: the built webview and the extension's media. */
export function panelResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

/**
 * The panel's HTML shell. Only local resources, under a Content Security Policy with a fresh nonce for the
 * one script: no inline scripts, no eval, no remote content. KaTeX, Chart.js and the vscode-elements
 * components style through the CSSOM (element.style, adopted style sheets), which `style-src` without
 * 'unsafe-inline' allows. The page holds no user text: the script sets every name and value as text.
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
  const slider = (id: string, label: string, min: number, max: number, step: number) => `
      <div class="param">
        <label for="${id}-range" id="${id}-label">${label}</label>
        <input type="range" id="${id}-range" min="${min}" max="${max}" step="${step}" aria-labelledby="${id}-label">
        <vscode-textfield id="${id}-field" inputmode="decimal" aria-label="${label}"></vscode-textfield>
      </div>`;
  const cell = (id: string, label: string) =>
    `<label class="cell"><span>${label}</span><vscode-textfield id="${id}" inputmode="decimal" aria-label="${label}"></vscode-textfield></label>`;
  const matrix = (k: string) => `
      <div class="matrix">
        ${cell(`g2-mu${k}x`, `μ${k === '0' ? '₀' : '₁'} x`)}${cell(`g2-mu${k}y`, `μ${k === '0' ? '₀' : '₁'} y`)}
        ${cell(`g2-cov${k}xx`, 'Σ xx')}${cell(`g2-cov${k}xy`, 'Σ xy (= yx)')}${cell(`g2-cov${k}yy`, 'Σ yy')}
      </div>`;
  const mixture = (k: string) => `
      <div class="mixture">
        ${cell(`gmix-${k}-weights`, 'weights')}${cell(`gmix-${k}-means`, 'means')}${cell(`gmix-${k}-sigmas`, 'standard deviations')}
      </div>`;
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
<nav class="tabs" role="tablist" aria-label="Divergence Lens views">
  <button role="tab" id="tab-formula" data-view="formula" aria-controls="view-formula">Formula</button>
  <button role="tab" id="tab-charts" data-view="charts" aria-controls="view-charts">Charts</button>
  <button role="tab" id="tab-table" data-view="table" aria-controls="view-table">All measures</button>
  <button role="tab" id="tab-gaussian" data-view="gaussian" aria-controls="view-gaussian">Gaussian explorer</button>
  <button role="tab" id="tab-samples" data-view="samples" aria-controls="view-samples" hidden>Samples</button>
</nav>
<main id="app">
  <section id="view-formula" role="tabpanel" aria-labelledby="tab-formula" tabindex="0">
    <p id="empty" class="muted">Select two arrays in an editor and run <strong>Divergence: KL Divergence of Selection</strong> (or another measure); the result appears here.</p>
    <div id="result" hidden aria-live="polite">
      <h2 id="title"></h2>
      <h3 class="sub">Definition</h3>
      <div id="formula" class="formula" role="math" aria-label="Definition"></div>
      <h3 class="sub">With your numbers</h3>
      <div id="substituted" class="formula" role="math" aria-label="With your numbers"></div>
      <p class="value-line"><span id="result-label"></span> = <span id="result-value"></span></p>
      <ul id="details" class="details"></ul>
      <div class="actions">
        <vscode-button id="copy-value" secondary>Copy value</vscode-button>
        <vscode-button id="copy-latex" secondary>Copy LaTeX</vscode-button>
      </div>
    </div>
  </section>
  <section id="view-charts" role="tabpanel" aria-labelledby="tab-charts" tabindex="0" hidden>
    <p id="charts-empty" class="muted">Charts appear once a measure of two arrays has a result.</p>
    <div id="charts" hidden>
      <figure>
        <figcaption>P and Q <span id="bars-note" class="note"></span></figcaption>
        <div class="chart-box"><canvas id="chart-bars" role="img" aria-label="Bar chart of P and Q"></canvas></div>
        <vscode-button class="save-png" data-chart="bars" secondary>Save as PNG</vscode-button>
      </figure>
      <figure>
        <figcaption>Contribution of each term, p·log(p/q) <span id="terms-note" class="note"></span></figcaption>
        <vscode-checkbox id="sorted" label="Sort by size"></vscode-checkbox>
        <div class="chart-box"><canvas id="chart-terms" role="img" aria-label="Bar chart of each term's contribution to D(P‖Q)"></canvas></div>
        <vscode-button class="save-png" data-chart="terms" secondary>Save as PNG</vscode-button>
      </figure>
      <figure>
        <figcaption>Cumulative distributions <span id="cdf-note" class="note"></span></figcaption>
        <div class="chart-box"><canvas id="chart-cdf" role="img" aria-label="Cumulative distributions of P and Q"></canvas></div>
        <vscode-button class="save-png" data-chart="cdf" secondary>Save as PNG</vscode-button>
      </figure>
    </div>
  </section>
  <section id="view-table" role="tabpanel" aria-labelledby="tab-table" tabindex="0" hidden>
    <p id="table-empty" class="muted">Run <strong>Divergence: All Measures of Selection</strong> on two arrays to see every measure of them here.</p>
    <div id="table-box" hidden>
      <p id="table-source" class="muted"></p>
      <table id="measures-table">
        <caption>Every discrete measure of P and Q (select a measure to see its formula with your numbers)</caption>
        <thead><tr><th scope="col">Measure</th><th scope="col">Name</th><th scope="col" class="num">Value</th><th scope="col">Unit</th></tr></thead>
        <tbody id="measures-body"></tbody>
      </table>
    </div>
  </section>
  <section id="view-gaussian" role="tabpanel" aria-labelledby="tab-gaussian" tabindex="0" hidden>
    <div class="mode-line">
      <label for="g-mode">Explorer mode</label>
      <select id="g-mode">
        <option value="1d">One dimension: N(μ, σ²)</option>
        <option value="2d">Two dimensions (d = 2): covariance matrices and ellipses</option>
        <option value="mix">Mixtures of Gaussians (approximations)</option>
      </select>
    </div>
    <div id="g1d-box">
    <div class="gauss-params">
      <fieldset><legend>P = N(μ₀, σ₀²)</legend>${slider('mu0', 'μ₀ (mean of P)', -10, 10, 0.01)}${slider('sigma0', 'σ₀ (standard deviation of P)', 0.05, 10, 0.01)}</fieldset>
      <fieldset><legend>Q = N(μ₁, σ₁²)</legend>${slider('mu1', 'μ₁ (mean of Q)', -10, 10, 0.01)}${slider('sigma1', 'σ₁ (standard deviation of Q)', 0.05, 10, 0.01)}</fieldset>
    </div>
    <p id="gauss-error" class="error" role="alert" hidden></p>
    <dl class="gauss-values" aria-live="polite">
      <dt>D(P‖Q), closed form</dt><dd id="g-kl-pq"></dd>
      <dt>D(Q‖P), closed form</dt><dd id="g-kl-qp"></dd>
      <dt>JS(P, Q), numerical quadrature</dt><dd id="g-js"></dd>
      <dt>D(P‖Q) by quadrature (check)</dt><dd id="g-kl-num"></dd>
    </dl>
    <div id="g-formula" class="formula" role="math" aria-label="Closed form with the parameters"></div>
    <figure>
      <figcaption>Densities of P and Q</figcaption>
      <div class="chart-box"><canvas id="chart-gauss" role="img" aria-label="The two Gaussian densities"></canvas></div>
      <vscode-button class="save-png" data-chart="gauss" secondary>Save as PNG</vscode-button>
    </figure>
    </div>
    <div id="g2d-box" hidden>
      <div class="gauss-params">
        <fieldset><legend>P = N(μ₀, Σ₀)</legend>${matrix('0')}</fieldset>
        <fieldset><legend>Q = N(μ₁, Σ₁)</legend>${matrix('1')}</fieldset>
      </div>
      <p id="g2-error" class="error" role="alert" hidden></p>
      <dl class="gauss-values" aria-live="polite">
        <dt>D(P‖Q), closed form</dt><dd id="g2-kl-pq"></dd>
        <dt>D(Q‖P), closed form</dt><dd id="g2-kl-qp"></dd>
      </dl>
      <figure>
        <figcaption>Means and the 1σ and 2σ covariance ellipses</figcaption>
        <div class="chart-box square"><canvas id="chart-g2d" role="img" aria-label="Covariance ellipses of the two Gaussians"></canvas></div>
        <vscode-button class="save-png" data-chart="g2d" secondary>Save as PNG</vscode-button>
      </figure>
    </div>
    <div id="gmix-box" hidden>
      <div class="gauss-params">
        <fieldset><legend>P = Σ πₐ N(μₐ, σₐ²)</legend>${mixture('p')}</fieldset>
        <fieldset><legend>Q = Σ ω_b N(ν_b, τ_b²)</legend>${mixture('q')}</fieldset>
      </div>
      <div class="mode-line">
        <label for="gmix-method">Approximation</label>
        <select id="gmix-method">
          <option value="mc">Monte Carlo (100000 samples, seed 0) with its standard error</option>
          <option value="variational">Variational (Hershey &amp; Olsen)</option>
          <option value="unscented">Unscented transform</option>
        </select>
      </div>
      <p id="gmix-error" class="error" role="alert" hidden></p>
      <dl class="gauss-values" aria-live="polite">
        <dt>D(P‖Q)</dt><dd id="gmix-value"></dd>
      </dl>
      <p id="gmix-note" class="muted"></p>
      <figure>
        <figcaption>Densities of the two mixtures</figcaption>
        <div class="chart-box"><canvas id="chart-gmix" role="img" aria-label="The two mixture densities"></canvas></div>
        <vscode-button class="save-png" data-chart="gmix" secondary>Save as PNG</vscode-button>
      </figure>
    </div>
  </section>
  <section id="view-samples" role="tabpanel" aria-labelledby="tab-samples" tabindex="0" hidden>
    <p id="samples-source" class="muted"></p>
    <figure>
      <figcaption>Histograms</figcaption>
      <div class="chart-box"><canvas id="chart-hist" role="img" aria-label="Overlaid histograms of the two samples"></canvas></div>
      <vscode-button class="save-png" data-chart="hist" secondary>Save as PNG</vscode-button>
    </figure>
    <figure>
      <figcaption>Empirical CDFs <span id="ks-note" class="note"></span></figcaption>
      <div class="chart-box"><canvas id="chart-ecdf" role="img" aria-label="Empirical distribution functions with the KS statistic marked"></canvas></div>
      <vscode-button class="save-png" data-chart="ecdf" secondary>Save as PNG</vscode-button>
    </figure>
  </section>
</main>
<script nonce="${nonce}" src="${asset('webview.js').toString()}"></script>
</body>
</html>`;
}

function makeNonce(): string {
  return randomBytes(24).toString('base64url');
}
