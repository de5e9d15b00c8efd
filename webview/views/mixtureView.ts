/**
 * The Gaussian explorer's mixtures mode: the host computes KL of two mixtures with the core's gmmKl (Monte
 * Carlo with seed 0, or a deterministic approximation) on request, and this view sends the requests, shows
 * the newest reply and draws both mixture densities.
 */
import { formatFull, formatSignificant } from '../../src/shared/format';
import { parseNumberList } from '../../src/shared/gaussianParams';
import { canvasId, GAUSSIAN_IDS, MIX_FIELDS, mixFieldId, MIXTURE_IDS as ID } from '../../src/shared/panelIds';
import { MAX_MIXTURE_COMPONENTS, type GmmKlReply, type GmmKlRequest, type GmmMethodView, type MixtureSpec } from '../../src/shared/protocol';
import { baseOptions, draw, themeColours } from '../charts';
import { el, field, showInputProblem } from '../dom';
import { mixtureDensity } from '../gaussian';
import { postToHost } from '../messaging';
import { panelState, save, updateState } from '../state';

const DEFAULT_MIXTURES = { p: ['0.5, 0.5', '-1, 1', '0.5, 0.5'], q: ['1', '0', '1'] };
let mixRequestId = 0;
let lastMixRequest: GmmKlRequest | undefined;

/** Puts the saved texts and method into the fields. */
export function fillMixtureFields(): void {
  const state = panelState();
  const text = state.mixtureText ?? DEFAULT_MIXTURES;
  MIX_FIELDS.forEach((f, i) => {
    field(mixFieldId('p', f)).value = text.p[i] ?? '';
    field(mixFieldId('q', f)).value = text.q[i] ?? '';
  });
  el<HTMLSelectElement>(ID.method).value = state.gmmMethod ?? 'mc';
}

function mixtureFromFields(which: 'p' | 'q'): MixtureSpec | string {
  const name = which === 'p' ? 'P' : 'Q';
  const lists: number[][] = [];
  for (const f of MIX_FIELDS) {
    const parsed = parseNumberList(field(mixFieldId(which, f)).value, `${name} ${f}`);
    if (typeof parsed === 'string') return parsed;
    if (parsed.length > MAX_MIXTURE_COMPONENTS) return `${name} ${f}: at most ${MAX_MIXTURE_COMPONENTS} components`;
    lists.push(parsed);
  }
  return { weights: lists[0]!, means: lists[1]!, sigmas: lists[2]! };
}

/** Asks the host for D(P‖Q) of the mixtures in the fields, or says what is wrong with them. */
export function requestMixtures(): void {
  const p = mixtureFromFields('p');
  const q = mixtureFromFields('q');
  const problem = typeof p === 'string' ? p : typeof q === 'string' ? q : undefined;
  if (problem !== undefined || typeof p === 'string' || typeof q === 'string') {
    showInputProblem(ID.error, GAUSSIAN_IDS.boxMixtures, problem ?? 'not valid mixtures');
    return;
  }
  const method = el<HTMLSelectElement>(ID.method).value as GmmMethodView;
  updateState({
    gmmMethod: method,
    mixtureText: {
      p: MIX_FIELDS.map((f) => field(mixFieldId('p', f)).value),
      q: MIX_FIELDS.map((f) => field(mixFieldId('q', f)).value),
    },
  });
  save();
  lastMixRequest = { id: ++mixRequestId, p, q, method };
  postToHost({ type: 'gmmKl', request: lastMixRequest });
}

/** Shows the host's answer to the newest request (older answers are dropped) and draws the densities. */
export function showMixtureReply(reply: GmmKlReply): void {
  const request = lastMixRequest;
  if (!request || reply.id !== request.id) return; // a newer request is on its way
  const value = el(ID.value);
  if (reply.error !== undefined || !reply.result) {
    showInputProblem(ID.error, GAUSSIAN_IDS.boxMixtures, reply.error ?? 'no result');
    value.textContent = '';
    delete value.dataset.value;
    return;
  }
  showInputProblem(ID.error, GAUSSIAN_IDS.boxMixtures, undefined);
  const r = reply.result;
  value.textContent = `${formatSignificant(r.value, 8)} ${r.unit}${r.stderr !== undefined ? ` ± ${formatSignificant(r.stderr, 3)} (standard error)` : ''}`;
  value.dataset.value = formatFull(r.value);
  el(ID.note).textContent = r.note;
  const all = [...request.p.means.map((m, i) => [m, request.p.sigmas[i]!]), ...request.q.means.map((m, i) => [m, request.q.sigmas[i]!])];
  const lo = Math.min(...all.map(([m, s]) => m! - 4 * s!));
  const hi = Math.max(...all.map(([m, s]) => m! + 4 * s!));
  const xs = Array.from({ length: 301 }, (_, i) => lo + ((hi - lo) * i) / 300);
  const c = themeColours();
  const pts = (ys: number[]) => ys.map((y, i) => ({ x: xs[i]!, y }));
  draw(canvasId('gmix'), {
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

export function initMixtureView(): void {
  for (const which of ['p', 'q'] as const) for (const f of MIX_FIELDS) field(mixFieldId(which, f)).addEventListener('input', () => requestMixtures());
  el(ID.method).addEventListener('change', () => requestMixtures());
}
