import * as vscode from 'vscode';
import {
  canvasId,
  CHARTS_IDS,
  DRIFT_IDS,
  FORMULA_IDS,
  G2_FIELDS,
  g2FieldId,
  GAUSSIAN_2D_IDS,
  GAUSSIAN_IDS,
  gaussParamIds,
  MIX_FIELDS,
  mixFieldId,
  MIXTURE_IDS,
  SAMPLES_IDS,
  SAVE_PNG_CLASS,
  TABLE_IDS,
  tabId,
  viewId,
  type ChartName,
  type G2Field,
  type GaussKey,
  type MixField,
} from '../../shared/panelIds';
import type { PanelView } from '../../shared/protocol';

/** The folders the webview may load from: the built webview and the extension's media. */
export function panelResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

/**
 * The panel's HTML shell. Only local resources, under a Content Security Policy with a fresh nonce for the
 * one script: no inline scripts, no eval, no remote content. KaTeX, Chart.js and the vscode-elements
 * components style through the CSSOM (element.style, adopted style sheets), which `style-src` without
 * 'unsafe-inline' allows. The page holds no user text: the script sets every name and value as text.
 * Each view's markup is built below from the ids in shared/panelIds.ts, which the webview's views look up.
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
<nav class="tabs" role="tablist" aria-label="Divergence Lens views">
  ${tab('formula', 'Formula')}
  ${tab('charts', 'Charts')}
  ${tab('table', 'All measures')}
  ${tab('gaussian', 'Gaussian explorer')}
  ${tab('samples', 'Samples', true)}
  ${tab('drift', 'Drift', true)}
</nav>
<main id="app">
  <section ${panelAttributes('formula')}>${formulaView()}
  </section>
  <section ${panelAttributes('charts')} hidden>${chartsView()}
  </section>
  <section ${panelAttributes('table')} hidden>${tableView()}
  </section>
  <section ${panelAttributes('gaussian')} hidden>${gaussianView()}
  </section>
  <section ${panelAttributes('samples')} hidden>${samplesView()}
  </section>
  <section ${panelAttributes('drift')} hidden>${driftView()}
  </section>
</main>
<script nonce="${nonce}" src="${asset('webview.js').toString()}"></script>
</body>
</html>`;
}

/** 24 random bytes, base64url: Web Crypto, which Node and the browser's extension host both have. */
function makeNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_');
}

function tab(view: PanelView, label: string, hidden = false): string {
  return `<button role="tab" id="${tabId(view)}" data-view="${view}" aria-controls="${viewId(view)}"${hidden ? ' hidden' : ''}>${label}</button>`;
}

function panelAttributes(view: PanelView): string {
  return `id="${viewId(view)}" role="tabpanel" aria-labelledby="${tabId(view)}" tabindex="0"`;
}

/** A chart with its caption (`note` adds an empty span the view fills), canvas and "Save as PNG" button. */
function figure(chart: ChartName, caption: string, ariaLabel: string, options: { note?: string; before?: string; boxClass?: string } = {}): string {
  return `
    <figure>
      <figcaption>${caption}${options.note ? ` <span id="${options.note}" class="note"></span>` : ''}</figcaption>${options.before ? `
      ${options.before}` : ''}
      <div class="chart-box${options.boxClass ? ` ${options.boxClass}` : ''}"><canvas id="${canvasId(chart)}" role="img" aria-label="${ariaLabel}"></canvas></div>
      <vscode-button class="${SAVE_PNG_CLASS}" data-chart="${chart}" secondary>Save as PNG</vscode-button>
    </figure>`;
}

function formulaView(): string {
  const id = FORMULA_IDS;
  return `
    <p id="${id.empty}" class="muted">Select two arrays in an editor and run <strong>Divergence: KL Divergence of Selection</strong> (or another measure); the result appears here.</p>
    <div id="${id.result}" hidden aria-live="polite">
      <h2 id="${id.title}"></h2>
      <h3 class="sub">Definition</h3>
      <div id="${id.formula}" class="formula" role="math" aria-label="Definition"></div>
      <h3 class="sub">With your numbers</h3>
      <div id="${id.substituted}" class="formula" role="math" aria-label="With your numbers"></div>
      <p class="value-line"><span id="${id.label}"></span> = <span id="${id.value}"></span></p>
      <ul id="${id.details}" class="details"></ul>
      <div class="actions">
        <vscode-button id="${id.copyValue}" secondary>Copy value</vscode-button>
        <vscode-button id="${id.copyLatex}" secondary>Copy LaTeX</vscode-button>
      </div>
    </div>`;
}

function chartsView(): string {
  const id = CHARTS_IDS;
  return `
    <p id="${id.empty}" class="muted">Charts appear once a measure of two arrays has a result.</p>
    <div id="${id.charts}" hidden>${figure('bars', 'P and Q', 'Bar chart of P and Q', { note: id.barsNote })}${figure(
      'terms',
      `Contribution of each term, <span id="${id.termsHeading}"></span>`,
      "Bar chart of each term's contribution",
      { note: id.termsNote, before: `<vscode-checkbox id="${id.sorted}" label="Sort by size"></vscode-checkbox>` },
    )}${figure('cdf', 'Cumulative distributions', 'Cumulative distributions of P and Q', { note: id.cdfNote })}
    </div>`;
}

function tableView(): string {
  const id = TABLE_IDS;
  return `
    <p id="${id.empty}" class="muted">Run <strong>Divergence: All Measures of Selection</strong> on two arrays to see every measure of them here.</p>
    <div id="${id.box}" hidden>
      <p id="${id.source}" class="muted"></p>
      <table id="${id.table}">
        <caption>Every discrete measure of P and Q (select a measure to see its formula with your numbers)</caption>
        <thead><tr><th scope="col">Measure</th><th scope="col">Name</th><th scope="col" class="num">Value</th><th scope="col">Unit</th></tr></thead>
        <tbody id="${id.body}"></tbody>
      </table>
    </div>`;
}

/** A labelled read-out list: one <dt> label and <dd id> per value. */
function readouts(rows: readonly (readonly [label: string, id: string])[]): string {
  return `
    <dl class="gauss-values" aria-live="polite">
      ${rows.map(([label, id]) => `<dt>${label}</dt><dd id="${id}"></dd>`).join('\n      ')}
    </dl>`;
}

/** P's and Q's parameters side by side. */
function paramsOfBoth(legendP: string, p: string, legendQ: string, q: string): string {
  return `
    <div class="gauss-params">
      <fieldset><legend>${legendP}</legend>${p}</fieldset>
      <fieldset><legend>${legendQ}</legend>${q}</fieldset>
    </div>`;
}

function slider(key: GaussKey, label: string, min: number, max: number, step: number): string {
  const id = gaussParamIds(key);
  return `
      <div class="param">
        <label for="${id.range}" id="${id.label}">${label}</label>
        <input type="range" id="${id.range}" min="${min}" max="${max}" step="${step}" aria-labelledby="${id.label}">
        <vscode-textfield id="${id.field}" inputmode="decimal" aria-label="${label}"></vscode-textfield>
      </div>`;
}

function cell(id: string, label: string): string {
  return `<label class="cell"><span>${label}</span><vscode-textfield id="${id}" inputmode="decimal" aria-label="${label}"></vscode-textfield></label>`;
}

const G2_LABELS: Record<G2Field, string> = {
  mu0x: 'μ₀ x', mu0y: 'μ₀ y', cov0xx: 'Σ xx', cov0xy: 'Σ xy (= yx)', cov0yy: 'Σ yy',
  mu1x: 'μ₁ x', mu1y: 'μ₁ y', cov1xx: 'Σ xx', cov1xy: 'Σ xy (= yx)', cov1yy: 'Σ yy',
};
const MIX_LABELS: Record<MixField, string> = { weights: 'weights', means: 'means', sigmas: 'standard deviations' };

/** The mean and covariance fields of P (k = 0) or Q (k = 1). */
function matrix(k: 0 | 1): string {
  const fields = G2_FIELDS.filter((f) => f.includes(String(k)));
  return `
      <div class="matrix">
        ${fields.map((f) => cell(g2FieldId(f), G2_LABELS[f])).join('')}
      </div>`;
}

function mixture(which: 'p' | 'q'): string {
  return `
      <div class="mixture">
        ${MIX_FIELDS.map((f) => cell(mixFieldId(which, f), MIX_LABELS[f])).join('')}
      </div>`;
}

function select(id: string, label: string, options: readonly (readonly [value: string, text: string])[]): string {
  return `
    <div class="mode-line">
      <label for="${id}">${label}</label>
      <select id="${id}">
        ${options.map(([value, text]) => `<option value="${value}">${text}</option>`).join('\n        ')}
      </select>
    </div>`;
}

function errorLine(id: string): string {
  return `<p id="${id}" class="error" role="alert" hidden></p>`;
}

function gaussianView(): string {
  const g = GAUSSIAN_IDS;
  const g2 = GAUSSIAN_2D_IDS;
  const mix = MIXTURE_IDS;
  return `${select(g.mode, 'Explorer mode', [
    ['1d', 'One dimension: N(μ, σ²)'],
    ['2d', 'Two dimensions (d = 2): covariance matrices and ellipses'],
    ['mix', 'Mixtures of Gaussians (approximations)'],
  ])}
    <div id="${g.box1d}">${paramsOfBoth(
      'P = N(μ₀, σ₀²)',
      slider('mu0', 'μ₀ (mean of P)', -10, 10, 0.01) + slider('sigma0', 'σ₀ (standard deviation of P)', 0.05, 10, 0.01),
      'Q = N(μ₁, σ₁²)',
      slider('mu1', 'μ₁ (mean of Q)', -10, 10, 0.01) + slider('sigma1', 'σ₁ (standard deviation of Q)', 0.05, 10, 0.01),
    )}
    ${errorLine(g.error)}${readouts([
      ['D(P‖Q), closed form', g.klPQ],
      ['D(Q‖P), closed form', g.klQP],
      ['JS(P, Q), numerical quadrature', g.js],
      ['D(P‖Q) by quadrature (check)', g.klNumerical],
    ])}
    <div id="${g.formula}" class="formula" role="math" aria-label="Closed form with the parameters"></div>${figure('gauss', 'Densities of P and Q', 'The two Gaussian densities')}
    </div>
    <div id="${g.box2d}" hidden>${paramsOfBoth('P = N(μ₀, Σ₀)', matrix(0), 'Q = N(μ₁, Σ₁)', matrix(1))}
    ${errorLine(g2.error)}${readouts([
      ['D(P‖Q), closed form', g2.klPQ],
      ['D(Q‖P), closed form', g2.klQP],
    ])}${figure('g2d', 'Means and the 1σ and 2σ covariance ellipses', 'Covariance ellipses of the two Gaussians', { boxClass: 'square' })}
    </div>
    <div id="${g.boxMixtures}" hidden>${paramsOfBoth('P = Σ πₐ N(μₐ, σₐ²)', mixture('p'), 'Q = Σ ω_b N(ν_b, τ_b²)', mixture('q'))}${select(mix.method, 'Approximation', [
      ['mc', 'Monte Carlo (100000 samples, seed 0) with its standard error'],
      ['variational', 'Variational (Hershey &amp; Olsen)'],
      ['unscented', 'Unscented transform'],
    ])}
    ${errorLine(mix.error)}${readouts([['D(P‖Q)', mix.value]])}
    <p id="${mix.note}" class="muted"></p>${figure('gmix', 'Densities of the two mixtures', 'The two mixture densities')}
    </div>`;
}

function samplesView(): string {
  const id = SAMPLES_IDS;
  return `
    <p id="${id.source}" class="muted"></p>${figure('hist', 'Histograms', 'Overlaid histograms of the two samples')}${figure(
      'ecdf',
      'Empirical CDFs',
      'Empirical distribution functions with the KS statistic marked',
      { note: id.ksNote },
    )}`;
}

/** The Drift view: the table's rows, the notes and the chart titles are set by the script, as text. */
function driftView(): string {
  const id = DRIFT_IDS;
  return `
    <p id="${id.sources}" class="muted"></p>
    <p id="${id.summary}" class="drift-summary" aria-live="polite"></p>
    <p id="${id.thresholds}" class="muted"></p>
    <ul id="${id.notes}" class="details"></ul>
    <div class="actions"><vscode-button id="${id.save}" secondary>Save Report…</vscode-button> <vscode-button id="${id.copySql}" secondary title="The statements of divergence sql drift for these columns, in a dialect you pick">Copy SQL for…</vscode-button></div>
    <div class="table-scroll"><table id="${id.table}" class="drift-table">
      <caption>Each column compared (select a row to see its distributions; select a header to sort by it)</caption>
      <thead><tr id="${id.head}"></tr></thead>
      <tbody id="${id.body}"></tbody>
    </table></div>
    <div id="${id.charts}" hidden>
      <h3 id="${id.chartTitle}" class="sub"></h3>${figure('drift-bins', 'Distributions over the test\'s bins', 'Overlaid histograms of the column in the reference and the current data', { note: id.binsNote })}
      <div id="${id.ecdfBox}" hidden>${figure('drift-ecdf', 'Empirical CDFs', 'Empirical distribution functions of both sides with the KS gap marked', { note: id.ecdfNote })}
      </div>
    </div>`;
}
