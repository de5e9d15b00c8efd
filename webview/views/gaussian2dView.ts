/**
 * The Gaussian explorer in two dimensions: text fields for the means and covariances, the KL both ways
 * (../gaussian2d.ts, the core's mvnKl) and the 1σ and 2σ covariance ellipses at equal axis scales.
 */
import { isDivergenceError } from '../../src/core/errors';
import { canvasId, G2_FIELDS, g2FieldId, GAUSSIAN_2D_IDS as ID, GAUSSIAN_IDS, type G2Field } from '../../src/shared/panelIds';
import { isGaussian2dParams, type Gaussian2dParams } from '../../src/shared/protocol';
import { baseOptions, draw, themeColours } from '../charts';
import { el, field, showInputProblem, showNats } from '../dom';
import { gaussian2dInputProblem } from '../explorerInput';
import { covarianceEllipse, gaussian2dReadouts, gaussian2dSummary } from '../gaussian2d';
import { panelState, save, updateState } from '../state';

const DEFAULT_2D: Gaussian2dParams = { mu0: [0, 0], cov0: { xx: 1, xy: 0.3, yy: 2 }, mu1: [1, -0.5], cov1: { xx: 1.5, xy: -0.4, yy: 0.8 } };

function gaussian2d(): Gaussian2dParams {
  return panelState().gaussian2d ?? DEFAULT_2D;
}

function fieldValues(g: Gaussian2dParams): Record<G2Field, number> {
  return {
    mu0x: g.mu0[0], mu0y: g.mu0[1], cov0xx: g.cov0.xx, cov0xy: g.cov0.xy, cov0yy: g.cov0.yy,
    mu1x: g.mu1[0], mu1y: g.mu1[1], cov1xx: g.cov1.xx, cov1xy: g.cov1.xy, cov1yy: g.cov1.yy,
  };
}

/** Puts the saved parameters into the fields. */
export function fillGaussian2dFields(): void {
  const values = fieldValues(gaussian2d());
  for (const f of G2_FIELDS) field(g2FieldId(f)).value = String(values[f]);
}

/** Reads the fields; on a bad one, says which in the error line and keeps the last good parameters. */
function onFieldInput(render: () => void): void {
  const v = {} as Record<G2Field, number>;
  const raw = {} as Record<G2Field, string>;
  for (const k of G2_FIELDS) {
    raw[k] = field(g2FieldId(k)).value;
    v[k] = raw[k].trim() === '' ? NaN : Number(raw[k]);
  }
  const next = {
    mu0: [v.mu0x, v.mu0y] as [number, number],
    cov0: { xx: v.cov0xx, xy: v.cov0xy, yy: v.cov0yy },
    mu1: [v.mu1x, v.mu1y] as [number, number],
    cov1: { xx: v.cov1xx, xy: v.cov1xy, yy: v.cov1yy },
  };
  const candidate: unknown = next;
  const problem = gaussian2dInputProblem(v, raw, next.cov0, next.cov1) ?? (isGaussian2dParams(candidate) ? undefined : 'not valid parameters');
  showInputProblem(ID.error, GAUSSIAN_IDS.box2d, problem);
  if (problem !== undefined) return;
  updateState({ gaussian2d: next });
  save();
  render();
}

/** Draws the read-outs and the ellipses (the view must be visible). */
export function renderGaussian2d(): void {
  const g = gaussian2d();
  let summary;
  try {
    summary = gaussian2dSummary(g);
  } catch (e) {
    // A determinant within rounding of 0 passes the field check but not the core's Cholesky factorisation.
    if (!isDivergenceError(e)) throw e;
    showInputProblem(ID.error, GAUSSIAN_IDS.box2d, e.message);
    return;
  }
  showInputProblem(ID.error, GAUSSIAN_IDS.box2d, undefined);
  for (const [id, nats] of gaussian2dReadouts(summary)) showNats(id, nats);
  const c = themeColours();
  const line = (label: string, data: { x: number; y: number }[], colour: string, dash: number[] = []) => ({
    label, data, borderColor: colour, backgroundColor: colour, showLine: true, pointRadius: 0, borderDash: dash,
  });
  const p2 = covarianceEllipse(g.mu0, g.cov0, 2);
  const q2 = covarianceEllipse(g.mu1, g.cov1, 2);
  // Equal scales on both axes (an ellipse must look like itself): widen the shorter span to the box's aspect.
  const canvas = canvasId('g2d');
  const box = el(canvas).parentElement!;
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
  draw(canvas, {
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

/** Wires the fields; `render` redraws the explorer after a valid change. */
export function initGaussian2dView(render: () => void): void {
  for (const f of G2_FIELDS) field(g2FieldId(f)).addEventListener('input', () => onFieldInput(render));
}
