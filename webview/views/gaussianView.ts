/**
 * The Gaussian explorer: its mode (one dimension, two dimensions, mixtures) and the one-dimensional mode,
 * where sliders and text fields set N(μ₀, σ₀²) and N(μ₁, σ₁²) and the KL both ways, JS and the densities
 * follow on every movement. The numbers come from ../gaussian.ts (the core's gaussianKl).
 */
import { formatSignificant } from '../../src/shared/format';
import { canvasId, GAUSS_KEYS, GAUSSIAN_IDS as ID, gaussParamIds, type GaussKey } from '../../src/shared/panelIds';
import { isGaussianParams, type GaussianParams } from '../../src/shared/protocol';
import { baseOptions, chartOn, draw, themeColours } from '../charts';
import { el, field, renderMath, showInputProblem, showNats } from '../dom';
import { gaussianInputProblem } from '../explorerInput';
import { densityCurves, gaussianKlLatex, gaussianReadouts, gaussianSummary } from '../gaussian';
import { DEFAULT_GAUSSIAN, panelState, save, updateState } from '../state';
import { fillGaussian2dFields, initGaussian2dView, renderGaussian2d } from './gaussian2dView';
import { fillMixtureFields, initMixtureView, requestMixtures } from './mixtureView';

type GaussMode = '1d' | '2d' | 'mix';

export function gaussian(): GaussianParams {
  return panelState().gaussian ?? DEFAULT_GAUSSIAN;
}

/** Sets the one-dimensional parameters, echoing them to every slider and field but the one typed in. */
export function setGaussian(params: GaussianParams, from?: GaussKey): void {
  updateState({ gaussian: params });
  for (const k of GAUSS_KEYS) {
    const ids = gaussParamIds(k);
    const range = el<HTMLInputElement>(ids.range);
    if (k !== from) {
      range.value = String(params[k]);
      field(ids.field).value = String(params[k]);
    }
    range.setAttribute('aria-valuetext', String(params[k]));
  }
  save();
  renderGaussian();
}

function onGaussInput(key: GaussKey, raw: string, from: GaussKey | undefined): void {
  const next = { ...gaussian(), [key]: Number(raw) };
  const problem = gaussianInputProblem(key, raw) ?? (isGaussianParams(next) ? undefined : `${key} = ${raw}: not a valid parameter`);
  showInputProblem(ID.error, ID.box1d, problem);
  if (problem === undefined) setGaussian(next, from);
}

/** Draws the explorer in its mode (only while the view is shown); mixtures ask the host. */
export function renderGaussian(): void {
  const state = panelState();
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
  for (const [id, nats] of gaussianReadouts(s)) showNats(id, nats);
  renderMath(el(ID.formula), gaussianKlLatex(g, formatSignificant(s.klPQ, 6)));
  const curves = densityCurves(g);
  const canvas = canvasId('gauss');
  const existing = chartOn(canvas);
  const toPoints = (ys: number[]) => ys.map((y, i) => ({ x: curves.x[i]!, y }));
  if (existing && existing.canvas.isConnected && existing.data.datasets.length === 2) {
    // Dragging a slider: new points on the same chart, not a new chart per movement.
    existing.data.datasets[0]!.data = toPoints(curves.p);
    existing.data.datasets[1]!.data = toPoints(curves.q);
    existing.update('none');
    return;
  }
  const c = themeColours();
  draw(canvas, {
    type: 'scatter',
    data: {
      datasets: [
        { label: 'P', data: toPoints(curves.p), borderColor: c.p, backgroundColor: c.p, showLine: true, pointRadius: 0 },
        { label: 'Q', data: toPoints(curves.q), borderColor: c.q, backgroundColor: c.q, showLine: true, pointRadius: 0 },
      ],
    },
    options: baseOptions(c, 'x', 'density'),
  });
}

/** Switches the explorer's mode, filling the mode's fields from the state. */
export function setMode(mode: GaussMode): void {
  updateState({ twoD: mode === '2d', mixtures: mode === 'mix' });
  el<HTMLSelectElement>(ID.mode).value = mode;
  el(ID.box1d).hidden = mode !== '1d';
  el(ID.box2d).hidden = mode !== '2d';
  el(ID.boxMixtures).hidden = mode !== 'mix';
  fillMixtureFields();
  fillGaussian2dFields();
  save();
  renderGaussian();
}

/** The mode's state as saved. */
export function savedMode(): GaussMode {
  const state = panelState();
  return state.mixtures ? 'mix' : state.twoD ? '2d' : '1d';
}

export function initGaussianView(): void {
  for (const k of GAUSS_KEYS) {
    const ids = gaussParamIds(k);
    const range = el<HTMLInputElement>(ids.range);
    range.addEventListener('input', () => onGaussInput(k, range.value, undefined));
    const input = field(ids.field);
    input.addEventListener('input', () => onGaussInput(k, input.value, k));
  }
  el(ID.mode).addEventListener('change', () => setMode(el<HTMLSelectElement>(ID.mode).value as GaussMode));
  initGaussian2dView(renderGaussian);
  initMixtureView();
}
