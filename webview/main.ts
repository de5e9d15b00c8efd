/**
 * The panel's program. It renders what the host sends (validated against the shared protocol), keeps its
 * whole state with setState so the panel restores itself when shown again and after a reload, and asks the
 * host to copy text and save PNGs. User text (sources, names) is only ever set with textContent.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import katex from 'katex';
import { formatFull, formatSignificant } from '../src/shared/format';
import {
  assertNever,
  fromWire,
  toWire,
  isGaussian2dParams,
  isGaussianParams,
  isHostToWebviewMessage,
  isWebviewState,
  PANEL_VIEWS,
  type AllMeasuresView,
  type DiscreteResultView,
  type Gaussian2dParams,
  type GmmKlReply,
  type GmmKlRequest,
  type GmmMethodView,
  type MixtureSpec,
  MAX_MIXTURE_COMPONENTS,
  type GaussianParams,
  type PanelView,
  type SamplesView,
  type WebviewState,
  type WebviewToHostMessage,
} from '../src/shared/protocol';
import { binLabel, binSums, cumulative, decimateIndices, ecdfPoints, histogram, MAX_BARS, orderContributions } from '../src/shared/binning';
import { baseOptions, chartOn, chartPng, destroyCharts, draw, themeColours, withAlpha } from './charts';
import { densityCurves, gaussianKlLatex, gaussianSummary, mixtureDensity } from './gaussian';
import { parseNumberList } from '../src/shared/gaussianParams';
import { covarianceEllipse, gaussian2dSummary, isPositiveDefinite } from './gaussian2d';
import { asProbabilities, detailLines, measureLabel, measureTitle, rowResultView, substitutedLatex, termsOf } from './termsLatex';

interface VsCodeApi {
  postMessage(message: WebviewToHostMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

const DEFAULT_GAUSSIAN: GaussianParams = { mu0: 0, sigma0: 1, mu1: 1, sigma1: 2 };

let state: WebviewState = { view: 'formula', gaussian: DEFAULT_GAUSSIAN, sorted: false };

function save(): void {
  vscode.setState(toWire(state));
}

function el<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`panel: #${id} is missing from the page`);
  return found as T;
}

function renderMath(target: HTMLElement, latex: string): void {
  katex.render(latex, target, { displayMode: true, throwOnError: false, output: 'htmlAndMathml' });
}

function text(tag: string, content: string, className?: string): HTMLElement {
  const e = document.createElement(tag);
  e.textContent = content;
  if (className) e.className = className;
  return e;
}

// ---- views (tabs) ----

const tabs = () => [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')].filter((t) => !t.hidden);

function selectView(view: PanelView, focus = false): void {
  state = { ...state, view };
  for (const tab of document.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
    const selected = tab.dataset.view === view;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    if (selected && focus) tab.focus();
  }
  for (const v of PANEL_VIEWS) el(`view-${v}`).hidden = v !== view;
  save();
  renderActive();
  vscode.postMessage({ type: 'viewChanged', view });
}

/** Draws the charts of the visible view (a hidden canvas has no size to draw at). */
function renderActive(): void {
  if (state.view === 'charts') renderCharts();
  else if (state.view === 'gaussian') renderGaussian();
  else if (state.view === 'samples') renderSamples();
}

for (const tab of document.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
  tab.addEventListener('click', () => selectView(tab.dataset.view as PanelView));
  tab.addEventListener('keydown', (e) => {
    const list = tabs();
    const i = list.indexOf(tab);
    const next = e.key === 'ArrowRight' ? list[(i + 1) % list.length] : e.key === 'ArrowLeft' ? list[(i - 1 + list.length) % list.length] : e.key === 'Home' ? list[0] : e.key === 'End' ? list[list.length - 1] : undefined;
    if (next) {
      e.preventDefault();
      selectView(next.dataset.view as PanelView, true);
    }
  });
}

// ---- formula view ----

function showResult(result: DiscreteResultView | undefined): void {
  state = { ...state, result };
  el('empty').hidden = result !== undefined;
  el('result').hidden = result === undefined;
  if (!result) return;
  el('title').textContent = measureTitle(result);
  renderMath(el('formula'), result.formulaLatex);
  renderMath(el('substituted'), substitutedLatex(result));
  el('result-label').textContent = measureLabel(result);
  el('result-value').textContent = `${formatFull(result.value)}${result.unit ? ` ${result.unit}` : ''}`;
  const details = el('details');
  details.replaceChildren(...detailLines(result).map((line) => text('li', line)));
}

el('copy-value').addEventListener('click', () => {
  if (state.result) vscode.postMessage({ type: 'copy', what: 'value', text: formatFull(state.result.value) });
});
el('copy-latex').addEventListener('click', () => {
  if (state.result) vscode.postMessage({ type: 'copy', what: 'latex', text: substitutedLatex(state.result, 17) });
});

// ---- charts of P and Q ----

const LOG_UNIT_TERMS = new Set(['kl', 'reverse-kl', 'entropy', 'cross-entropy', 'js', 'jeffreys']);

function binnedNote(n: number, shown: number, binSize: number): string {
  const parts: string[] = [];
  if (shown < n) parts.push(`the first ${shown} of ${n} values`);
  if (binSize > 1) parts.push(`binned: each bar sums ${binSize} consecutive indices of ${n} (at most ${MAX_BARS} bars)`);
  return parts.length ? `(${parts.join('; ')})` : '';
}

/** What the charts draw: the values sent, binned here; or, for long inputs, the host's bins of all n values. */
function chartData(result: DiscreteResultView): { p: number[]; q?: number[]; terms: number[]; infinite: number; binSize: number; count: number; note: string } {
  const scale = LOG_UNIT_TERMS.has(result.measure) ? Math.log(result.base) : 1;
  if (result.bins && result.n > result.p.length) {
    const b = result.bins;
    return {
      p: [...b.p],
      ...(b.q ? { q: [...b.q] } : {}),
      terms: b.terms.map((t) => t / scale),
      infinite: b.infinite,
      binSize: b.binSize,
      count: result.n,
      note: `(all ${result.n} values, binned: each bar sums ${b.binSize} consecutive indices)`,
    };
  }
  const p = asProbabilities(result.p, result.input, result.sums.p, result.normalized);
  const q = result.q ? asProbabilities(result.q, result.input, result.sums.q ?? 1, result.normalized) : undefined;
  const contributions = termsOf(result).map((t) => t.contribution / scale);
  const bp = binSums(p);
  return {
    p: bp.values,
    ...(q ? { q: binSums(q).values } : {}),
    terms: binSums(contributions.map((v) => (Number.isFinite(v) ? v : 0))).values,
    infinite: contributions.filter((v) => !Number.isFinite(v)).length,
    binSize: bp.binSize,
    count: p.length,
    note: binnedNote(result.n, p.length, bp.binSize),
  };
}

function renderCharts(): void {
  const result = state.result;
  el('charts-empty').hidden = result !== undefined;
  el('charts').hidden = result === undefined;
  if (!result) return;
  const c = themeColours();
  const d = chartData(result);
  const labels = d.p.map((_, k) => binLabel(k * d.binSize, d.binSize, d.count));
  el('bars-note').textContent = d.note;
  draw('chart-bars', {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'P', data: d.p, backgroundColor: c.p },
        ...(d.q ? [{ label: 'Q', data: d.q, backgroundColor: c.q }] : []),
      ],
    },
    options: baseOptions(c, d.binSize > 1 ? 'index (binned)' : 'index', 'probability'),
  });

  const ordered = orderContributions(d.terms, state.sorted === true);
  const notes = [d.note];
  if (d.infinite) notes.push(`(${d.infinite} infinite term${d.infinite > 1 ? 's' : ''} not drawn: q = 0 where p > 0)`);
  el('terms-note').textContent = notes.filter(Boolean).join(' ');
  draw('chart-terms', {
    type: 'bar',
    data: {
      labels: ordered.map((o) => labels[o.index]!),
      datasets: [
        {
          label: `term of ${measureLabel(result)}${result.unit && LOG_UNIT_TERMS.has(result.measure) ? ` (${result.unit})` : ''}`,
          data: ordered.map((o) => o.value),
          backgroundColor: ordered.map((o) => (o.value < 0 ? c.negative : c.accent)),
        },
      ],
    },
    options: baseOptions(c, state.sorted ? 'index, largest term first' : d.binSize > 1 ? 'index (binned)' : 'index', 'contribution'),
  });

  const cp = cumulative(d.p);
  const cq = d.q ? cumulative(d.q) : undefined;
  const idx = decimateIndices(cp.length);
  el('cdf-note').textContent = d.binSize > 1 ? `(at the end of each bin of ${d.binSize} indices)` : '';
  draw('chart-cdf', {
    type: 'line',
    data: {
      labels: idx.map((i) => labels[i]!),
      datasets: [
        { label: 'F_P', data: idx.map((i) => cp[i]!), borderColor: c.p, backgroundColor: c.p, stepped: true, pointRadius: 0 },
        ...(cq ? [{ label: 'F_Q', data: idx.map((i) => cq[i]!), borderColor: c.q, backgroundColor: c.q, stepped: true as const, pointRadius: 0 }] : []),
      ],
    },
    options: baseOptions(c, 'index', 'cumulative probability'),
  });
}

el('sorted').addEventListener('change', () => {
  state = { ...state, sorted: (el('sorted') as HTMLElement & { checked: boolean }).checked };
  save();
  if (state.view === 'charts') renderCharts();
});

// ---- all measures table ----

function showTable(table: AllMeasuresView | undefined): void {
  state = { ...state, table };
  el('table-empty').hidden = table !== undefined;
  el('table-box').hidden = table === undefined;
  if (!table) return;
  el('table-source').textContent = `From ${table.source}; n = ${table.n}.${table.normalized ? ` P and Q were normalised (P summed to ${formatFull(table.sums.p)}, Q to ${formatFull(table.sums.q)}).` : ''}`;
  const rows = table.rows.map((row) => {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    const button = document.createElement('button');
    button.className = 'link';
    button.textContent = row.label;
    button.title = `Show the formula of ${row.name} with your numbers`;
    button.addEventListener('click', () => {
      showResult(rowResultView(table, row));
      selectView('formula');
    });
    th.appendChild(button);
    const value = text('td', formatSignificant(row.value, 6), 'num');
    value.title = formatFull(row.value);
    value.dataset.measure = row.label;
    tr.append(th, text('td', row.name), value, text('td', row.unit || '—'));
    return tr;
  });
  el('measures-body').replaceChildren(...rows);
}

// ---- Gaussian explorer ----

const GAUSS_KEYS = ['mu0', 'sigma0', 'mu1', 'sigma1'] as const;
type GaussKey = (typeof GAUSS_KEYS)[number];

function gaussian(): GaussianParams {
  return state.gaussian ?? DEFAULT_GAUSSIAN;
}

function setGaussian(params: GaussianParams, from?: GaussKey): void {
  state = { ...state, gaussian: params };
  for (const k of GAUSS_KEYS) {
    const range = el<HTMLInputElement>(`${k}-range`);
    const field = el<HTMLElement & { value: string }>(`${k}-field`);
    if (k !== from) {
      range.value = String(params[k]);
      field.value = String(params[k]);
    }
    range.setAttribute('aria-valuetext', String(params[k]));
  }
  save();
  renderGaussian();
}

function onGaussInput(key: GaussKey, raw: string, from: GaussKey | undefined): void {
  const value = Number(raw);
  const next = { ...gaussian(), [key]: value };
  const error = el('gauss-error');
  if (raw.trim() === '' || !isGaussianParams(next)) {
    error.hidden = false;
    error.textContent = key.startsWith('sigma') ? `${key} must be a finite number > 0 (got "${raw}")` : `${key} must be a finite number (got "${raw}")`;
    return;
  }
  error.hidden = true;
  setGaussian(next, from);
}

for (const k of GAUSS_KEYS) {
  const range = el<HTMLInputElement>(`${k}-range`);
  range.addEventListener('input', () => onGaussInput(k, range.value, undefined));
  const field = el<HTMLElement & { value: string }>(`${k}-field`);
  field.addEventListener('input', () => onGaussInput(k, field.value, k));
}

function renderGaussian(): void {
  if (state.view !== 'gaussian') return;
  if (state.mixtures) {
    requestMixtures();
    return;
  }
  if (state.twoD) {
    renderGaussian2d();
    return;
  }
  const g = gaussian();
  const s = gaussianSummary(g);
  const put = (id: string, v: number) => {
    const e = el(id);
    e.textContent = `${formatSignificant(v, 8)} nats`;
    e.dataset.value = formatFull(v);
  };
  put('g-kl-pq', s.klPQ);
  put('g-kl-qp', s.klQP);
  put('g-js', s.js);
  put('g-kl-num', s.klPQNumerical);
  renderMath(el('g-formula'), gaussianKlLatex(g, formatSignificant(s.klPQ, 6)));
  const curves = densityCurves(g);
  const existing = chartOn('chart-gauss');
  const toPoints = (ys: number[]) => ys.map((y, i) => ({ x: curves.x[i]!, y }));
  if (existing && existing.canvas.isConnected && existing.data.datasets.length === 2) {
    existing.data.datasets[0]!.data = toPoints(curves.p);
    existing.data.datasets[1]!.data = toPoints(curves.q);
    existing.update('none');
    return;
  }
  const c = themeColours();
  const options = baseOptions(c, 'x', 'density');
  draw('chart-gauss', {
    type: 'scatter',
    data: {
      datasets: [
        { label: 'P', data: toPoints(curves.p), borderColor: c.p, backgroundColor: c.p, showLine: true, pointRadius: 0 },
        { label: 'Q', data: toPoints(curves.q), borderColor: c.q, backgroundColor: c.q, showLine: true, pointRadius: 0 },
      ],
    },
    options,
  });
}

// ---- Gaussian explorer, d = 2 ----

const DEFAULT_2D: Gaussian2dParams = { mu0: [0, 0], cov0: { xx: 1, xy: 0.3, yy: 2 }, mu1: [1, -0.5], cov1: { xx: 1.5, xy: -0.4, yy: 0.8 } };
const G2_FIELDS = ['mu0x', 'mu0y', 'cov0xx', 'cov0xy', 'cov0yy', 'mu1x', 'mu1y', 'cov1xx', 'cov1xy', 'cov1yy'] as const;

function g2Values(g: Gaussian2dParams): Record<(typeof G2_FIELDS)[number], number> {
  return {
    mu0x: g.mu0[0], mu0y: g.mu0[1], cov0xx: g.cov0.xx, cov0xy: g.cov0.xy, cov0yy: g.cov0.yy,
    mu1x: g.mu1[0], mu1y: g.mu1[1], cov1xx: g.cov1.xx, cov1xy: g.cov1.xy, cov1yy: g.cov1.yy,
  };
}

type GaussMode = '1d' | '2d' | 'mix';

function setMode(mode: GaussMode): void {
  state = { ...state, twoD: mode === '2d', mixtures: mode === 'mix' };
  el<HTMLSelectElement>('g-mode').value = mode;
  el('g1d-box').hidden = mode !== '1d';
  el('g2d-box').hidden = mode !== '2d';
  el('gmix-box').hidden = mode !== 'mix';
  const text = state.mixtureText ?? DEFAULT_MIXTURES;
  MIX_FIELDS.forEach((f, i) => {
    (el(`gmix-p-${f}`) as HTMLElement & { value: string }).value = text.p[i] ?? '';
    (el(`gmix-q-${f}`) as HTMLElement & { value: string }).value = text.q[i] ?? '';
  });
  el<HTMLSelectElement>('gmix-method').value = state.gmmMethod ?? 'mc';
  const values = g2Values(state.gaussian2d ?? DEFAULT_2D);
  for (const f of G2_FIELDS) (el(`g2-${f}`) as HTMLElement & { value: string }).value = String(values[f]);
  save();
  renderGaussian();
}

el('g-mode').addEventListener('change', () => setMode(el<HTMLSelectElement>('g-mode').value as GaussMode));

for (const f of G2_FIELDS) {
  el(`g2-${f}`).addEventListener('input', () => {
    const v: Record<string, number> = {};
    const raw: Record<string, string> = {};
    for (const k of G2_FIELDS) {
      raw[k] = (el(`g2-${k}`) as HTMLElement & { value: string }).value;
      v[k] = raw[k].trim() === '' ? NaN : Number(raw[k]);
    }
    const next = {
      mu0: [v.mu0x!, v.mu0y!] as [number, number],
      cov0: { xx: v.cov0xx!, xy: v.cov0xy!, yy: v.cov0yy! },
      mu1: [v.mu1x!, v.mu1y!] as [number, number],
      cov1: { xx: v.cov1xx!, xy: v.cov1xy!, yy: v.cov1yy! },
    };
    const error = el('g2-error');
    const candidate: unknown = next;
    if (!isGaussian2dParams(candidate)) {
      const bad = G2_FIELDS.find((k) => !Number.isFinite(v[k]));
      error.textContent = bad
        ? `${bad} is "${raw[bad]}": not a finite number`
        : `${isPositiveDefinite(next.cov0) ? 'Σ₁' : 'Σ₀'} is not positive definite (need xx > 0, yy > 0, xx·yy − xy² > 0)`;
      error.hidden = false;
      return;
    }
    error.hidden = true;
    state = { ...state, gaussian2d: next };
    save();
    renderGaussian();
  });
}

function renderGaussian2d(): void {
  const g = state.gaussian2d ?? DEFAULT_2D;
  const s = gaussian2dSummary(g);
  for (const [id, v] of [['g2-kl-pq', s.klPQ], ['g2-kl-qp', s.klQP]] as const) {
    const e = el(id);
    e.textContent = `${formatSignificant(v, 8)} nats`;
    e.dataset.value = formatFull(v);
  }
  const c = themeColours();
  const line = (label: string, data: { x: number; y: number }[], colour: string, dash: number[] = []) => ({
    label, data, borderColor: colour, backgroundColor: colour, showLine: true, pointRadius: 0, borderDash: dash,
  });
  const p2 = covarianceEllipse(g.mu0, g.cov0, 2);
  const q2 = covarianceEllipse(g.mu1, g.cov1, 2);
  // Equal scales on both axes (an ellipse must look like itself): widen the shorter span to the box's aspect.
  const box = el('chart-g2d').parentElement!;
  const xs = [...p2, ...q2].map((pt) => pt.x);
  const ys = [...p2, ...q2].map((pt) => pt.y);
  let [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const aspect = (box.clientWidth || 1) / (box.clientHeight || 1);
  if ((x1 - x0) / (y1 - y0) < aspect) {
    const half = ((y1 - y0) * aspect) / 2;
    [x0, x1] = [(x0 + x1) / 2 - half, (x0 + x1) / 2 + half];
  } else {
    const half = (x1 - x0) / aspect / 2;
    [y0, y1] = [(y0 + y1) / 2 - half, (y0 + y1) / 2 + half];
  }
  const options = baseOptions(c, 'x', 'y');
  options.scales = { x: { ...options.scales?.x, min: x0, max: x1 }, y: { ...options.scales?.y, min: y0, max: y1 } } as typeof options.scales;
  draw('chart-g2d', {
    type: 'scatter',
    data: {
      datasets: [
        line('P, 1σ', covarianceEllipse(g.mu0, g.cov0, 1), c.p),
        line('P, 2σ', p2, c.p, [6, 4]),
        line('Q, 1σ', covarianceEllipse(g.mu1, g.cov1, 1), c.q),
        line('Q, 2σ', q2, c.q, [6, 4]),
        { label: 'means', data: [{ x: g.mu0[0], y: g.mu0[1] }, { x: g.mu1[0], y: g.mu1[1] }], backgroundColor: [c.p, c.q], pointRadius: 4 },
      ],
    },
    options,
  });
}

// ---- Gaussian explorer, mixtures (computed by the host with the core's gmmKl) ----

const MIX_FIELDS = ['weights', 'means', 'sigmas'] as const;
const DEFAULT_MIXTURES = { p: ['0.5, 0.5', '-1, 1', '0.5, 0.5'], q: ['1', '0', '1'] };
let mixRequestId = 0;
let lastMixRequest: GmmKlRequest | undefined;

function mixtureFromFields(which: 'p' | 'q'): MixtureSpec | string {
  const name = which === 'p' ? 'P' : 'Q';
  const lists: number[][] = [];
  for (const f of MIX_FIELDS) {
    const parsed = parseNumberList((el(`gmix-${which}-${f}`) as HTMLElement & { value: string }).value, `${name} ${f}`);
    if (typeof parsed === 'string') return parsed;
    if (parsed.length > MAX_MIXTURE_COMPONENTS) return `${name} ${f}: at most ${MAX_MIXTURE_COMPONENTS} components`;
    lists.push(parsed);
  }
  return { weights: lists[0]!, means: lists[1]!, sigmas: lists[2]! };
}

function requestMixtures(): void {
  const p = mixtureFromFields('p');
  const q = mixtureFromFields('q');
  const error = el('gmix-error');
  const problem = typeof p === 'string' ? p : typeof q === 'string' ? q : undefined;
  if (problem !== undefined || typeof p === 'string' || typeof q === 'string') {
    error.textContent = problem ?? '';
    error.hidden = false;
    return;
  }
  const method = el<HTMLSelectElement>('gmix-method').value as GmmMethodView;
  state = {
    ...state,
    gmmMethod: method,
    mixtureText: {
      p: MIX_FIELDS.map((f) => (el(`gmix-p-${f}`) as HTMLElement & { value: string }).value),
      q: MIX_FIELDS.map((f) => (el(`gmix-q-${f}`) as HTMLElement & { value: string }).value),
    },
  };
  save();
  lastMixRequest = { id: ++mixRequestId, p, q, method };
  vscode.postMessage({ type: 'gmmKl', request: lastMixRequest });
}

function showMixtureReply(reply: GmmKlReply): void {
  const request = lastMixRequest;
  if (!request || reply.id !== request.id) return; // a newer request is on its way
  const error = el('gmix-error');
  const value = el('gmix-value');
  if (reply.error !== undefined || !reply.result) {
    error.textContent = reply.error ?? 'no result';
    error.hidden = false;
    value.textContent = '';
    delete value.dataset.value;
    return;
  }
  error.hidden = true;
  const r = reply.result;
  value.textContent = `${formatSignificant(r.value, 8)} ${r.unit}${r.stderr !== undefined ? ` ± ${formatSignificant(r.stderr, 3)} (standard error)` : ''}`;
  value.dataset.value = formatFull(r.value);
  el('gmix-note').textContent = r.note;
  const all = [...request.p.means.map((m, i) => [m, request.p.sigmas[i]!]), ...request.q.means.map((m, i) => [m, request.q.sigmas[i]!])];
  const lo = Math.min(...all.map(([m, s]) => m! - 4 * s!));
  const hi = Math.max(...all.map(([m, s]) => m! + 4 * s!));
  const xs = Array.from({ length: 301 }, (_, i) => lo + ((hi - lo) * i) / 300);
  const c = themeColours();
  const pts = (ys: number[]) => ys.map((y, i) => ({ x: xs[i]!, y }));
  draw('chart-gmix', {
    type: 'scatter',
    data: {
      datasets: [
        { label: 'P', data: pts(mixtureDensity(request.p, xs)), borderColor: c.p, backgroundColor: c.p, showLine: true, pointRadius: 0 },
        { label: 'Q', data: pts(mixtureDensity(request.q, xs)), borderColor: c.q, backgroundColor: c.q, showLine: true, pointRadius: 0 },
      ],
    },
    options: baseOptions(c, 'x', 'density'),
  });
}

for (const which of ['p', 'q'] as const) for (const f of MIX_FIELDS) el(`gmix-${which}-${f}`).addEventListener('input', () => requestMixtures());
el('gmix-method').addEventListener('change', () => requestMixtures());

// ---- samples ----

function showSamples(samples: SamplesView | undefined): void {
  state = { ...state, samples };
  el('tab-samples').hidden = samples === undefined;
  if (samples) el('samples-source').textContent = `From ${samples.source}; n = ${samples.n}, m = ${samples.m}; W1 = ${formatSignificant(samples.wasserstein, 6)}.`;
}

function renderSamples(): void {
  const s = state.samples;
  if (!s) return;
  const c = themeColours();
  const lo = Math.min(s.p[0] ?? 0, s.q[0] ?? 0);
  const hi = Math.max(s.p[s.p.length - 1] ?? 1, s.q[s.q.length - 1] ?? 1);
  const bins = 40;
  const hp = histogram(s.p, lo, hi, bins);
  const hq = histogram(s.q, lo, hi, bins);
  const labels = hp.edges.slice(0, bins).map((e) => formatSignificant(e, 3));
  draw('chart-hist', {
    type: 'bar',
    data: {
      labels,
      datasets: [
        { label: 'P', data: hp.density, backgroundColor: withAlpha(c.p, 0.55), borderColor: c.p, borderWidth: 1, grouped: false },
        { label: 'Q', data: hq.density, backgroundColor: withAlpha(c.q, 0.55), borderColor: c.q, borderWidth: 1, grouped: false },
      ],
    },
    options: baseOptions(c, 'value (bin start)', 'fraction of sample'),
  });
  const fp = (x: number) => upperCount(s.p, x) / s.p.length;
  const fq = (x: number) => upperCount(s.q, x) / s.q.length;
  el('ks-note').textContent = `(KS = ${formatSignificant(s.ks.statistic, 6)} at x = ${formatSignificant(s.ks.at, 6)}, p = ${formatSignificant(s.ks.pvalue, 4)}${s.p.length < s.n || s.q.length < s.m ? '; drawn from decimated samples' : ''})`;
  draw('chart-ecdf', {
    type: 'scatter',
    data: {
      datasets: [
        { label: 'F_P', data: ecdfPoints(s.p), borderColor: c.p, backgroundColor: c.p, showLine: true, stepped: true, pointRadius: 0 },
        { label: 'F_Q', data: ecdfPoints(s.q), borderColor: c.q, backgroundColor: c.q, showLine: true, stepped: true, pointRadius: 0 },
        {
          label: 'KS statistic',
          data: [
            { x: s.ks.at, y: fp(s.ks.at) },
            { x: s.ks.at, y: fq(s.ks.at) },
          ],
          borderColor: c.negative,
          backgroundColor: c.negative,
          showLine: true,
          pointRadius: 3,
        },
      ],
    },
    options: baseOptions(c, 'value', 'cumulative fraction'),
  });
}

/** Number of values ≤ x in a sorted array. */
function upperCount(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// ---- PNG export ----

for (const button of document.querySelectorAll<HTMLElement>('.save-png')) {
  button.addEventListener('click', () => {
    const which = button.dataset.chart ?? 'chart';
    const dataUrl = chartPng(`chart-${which}`);
    if (dataUrl) vscode.postMessage({ type: 'savePng', dataUrl, name: `divergence-${which}.png` });
  });
}

// ---- theme changes: VS Code swaps the body's class (vscode-light, vscode-dark, vscode-high-contrast) ----

// VS Code sets the theme's variables on <html style> and swaps the body's class together; coalesce both into one
// redraw per frame, rebuilding the charts so they take the new colours.
let themeFrame = 0;
const onTheme = () => {
  if (themeFrame) return;
  themeFrame = requestAnimationFrame(() => {
    themeFrame = 0;
    destroyCharts();
    renderActive();
  });
};
new MutationObserver(onTheme).observe(document.body, { attributes: true, attributeFilter: ['class'] });
new MutationObserver(onTheme).observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });

// ---- messages from the host ----

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = fromWire(event.data);
  if (!isHostToWebviewMessage(message)) {
    console.warn('Divergence Lens panel: dropped a malformed message', message);
    return;
  }
  switch (message.type) {
    case 'showResult':
      showResult(message.result);
      selectView(state.view === 'charts' ? 'charts' : 'formula');
      return;
    case 'showAllMeasures':
      showTable(message.table);
      // The table's P and Q are the current pair: their KL is the formula and chart views' result.
      {
        const kl = message.table.rows.find((r) => r.measure === 'kl');
        if (kl) showResult(rowResultView(message.table, kl));
      }
      selectView('table');
      return;
    case 'showSamples':
      showSamples(message.samples);
      selectView('samples');
      return;
    case 'showGaussian':
      if (message.params) state = { ...state, gaussian: message.params };
      selectView('gaussian');
      setGaussian(gaussian());
      return;
    case 'gmmKlResult':
      showMixtureReply(message.reply);
      return;
    case 'clear':
      return;
    default:
      assertNever(message);
  }
});

// ---- start: restore the saved state, then tell the host we are ready ----

const saved = fromWire(vscode.getState());
if (isWebviewState(saved)) state = { ...state, ...saved };
showResult(state.result);
showTable(state.table);
showSamples(state.samples);
(el('sorted') as HTMLElement & { checked: boolean }).checked = state.sorted === true;
setGaussian(gaussian());
setMode(state.mixtures ? 'mix' : state.twoD ? '2d' : '1d');
selectView(state.view ?? 'formula');
vscode.postMessage({ type: 'ready' });
