/** The samples view: two samples' overlaid histograms and empirical CDFs with the KS statistic marked. */
import { ecdfPoints, histogram } from '../../src/shared/binning';
import { formatSignificant } from '../../src/shared/format';
import { canvasId, SAMPLES_IDS as ID, tabId } from '../../src/shared/panelIds';
import type { SamplesView } from '../../src/shared/protocol';
import { baseOptions, draw, themeColours, withAlpha } from '../charts';
import { el } from '../dom';
import { niceBins, niceEdgeLabel } from '../niceNumbers';
import { panelState, updateState } from '../state';

/** Keeps `samples` and shows the view's tab while there are samples to show. */
export function showSamples(samples: SamplesView | undefined): void {
  updateState({ samples });
  el(tabId('samples')).hidden = samples === undefined;
  if (samples) el(ID.source).textContent = `From ${samples.source}; n = ${samples.n}, m = ${samples.m}; W1 = ${formatSignificant(samples.wasserstein, 6)}.`;
}

/** Draws both charts of the current samples (the view must be visible). */
export function renderSamples(): void {
  const s = panelState().samples;
  if (!s) return;
  const c = themeColours();
  const lo = Math.min(s.p[0] ?? 0, s.q[0] ?? 0);
  const hi = Math.max(s.p[s.p.length - 1] ?? 1, s.q[s.q.length - 1] ?? 1);
  // About 40 bins on nice edges, so that the axis reads -0.7, -0.6, … and not -0.695, -0.6147, ….
  const bins = niceBins(lo, hi, 40);
  const hp = histogram(s.p, bins.lo, bins.lo + bins.count * bins.step, bins.count);
  const hq = histogram(s.q, bins.lo, bins.lo + bins.count * bins.step, bins.count);
  const labels = Array.from({ length: bins.count }, (_, k) => niceEdgeLabel(bins, k));
  draw(canvasId('hist'), {
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
  el(ID.ksNote).textContent = `(KS = ${formatSignificant(s.ks.statistic, 6)} at x = ${formatSignificant(s.ks.at, 6)}, p = ${formatSignificant(s.ks.pvalue, 4)}${s.p.length < s.n || s.q.length < s.m ? '; drawn from decimated samples' : ''})`;
  draw(canvasId('ecdf'), {
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
