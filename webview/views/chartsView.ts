/** The charts view: P and Q as bars, each term's contribution (optionally largest first), and their CDFs. */
import { binLabel, binSums, cumulative, MAX_BARS, orderContributions } from '../../src/shared/binning';
import { canvasId, CHARTS_IDS as ID } from '../../src/shared/panelIds';
import type { DiscreteResultView } from '../../src/shared/protocol';
import { cdfScales, cdfSteps } from '../cdfSteps';
import { baseOptions, draw, themeColours, withScales } from '../charts';
import { el, renderMath } from '../dom';
import { panelState, save, updateState } from '../state';
import { asProbabilities, measureLabel, termsInResultUnit, termsOf, termSymbolLatex } from '../termsLatex';

type Checkbox = HTMLElement & { checked: boolean };

function binnedNote(n: number, shown: number, binSize: number): string {
  const parts: string[] = [];
  if (shown < n) parts.push(`the first ${shown} of ${n} values`);
  if (binSize > 1) parts.push(`binned: each bar sums ${binSize} consecutive indices of ${n} (at most ${MAX_BARS} bars)`);
  return parts.length ? `(${parts.join('; ')})` : '';
}

/** What the charts draw: the values sent, binned here; or, for long inputs, the host's bins of all n values. */
function chartData(result: DiscreteResultView): { p: number[]; q?: number[]; terms: number[]; infinite: number; binSize: number; count: number; note: string } {
  const scale = termsInResultUnit(result) ? Math.log(result.base) : 1;
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

/** Draws the three charts of the current result (the view must be visible). */
export function renderCharts(): void {
  const { result, sorted } = panelState();
  el(ID.empty).hidden = result !== undefined;
  el(ID.charts).hidden = result === undefined;
  if (!result) return;
  const c = themeColours();
  const d = chartData(result);
  const labels = d.p.map((_, k) => binLabel(k * d.binSize, d.binSize, d.count));
  el(ID.barsNote).textContent = d.note;
  draw(canvasId('bars'), {
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

  // The heading names the measure's own summand (the registry's term): p log(p/q) is KL's, not JS's.
  renderMath(el(ID.termsHeading), termSymbolLatex(result), false);
  el(canvasId('terms')).setAttribute('aria-label', `Bar chart of each term's contribution to ${measureLabel(result)}`);
  const ordered = orderContributions(d.terms, sorted === true);
  const notes = [d.note];
  if (d.infinite) notes.push(`(${d.infinite} infinite term${d.infinite > 1 ? 's' : ''} not drawn: q = 0 where p > 0)`);
  el(ID.termsNote).textContent = notes.filter(Boolean).join(' ');
  draw(canvasId('terms'), {
    type: 'bar',
    data: {
      labels: ordered.map((o) => labels[o.index]!),
      datasets: [
        {
          label: `term of ${measureLabel(result)}${result.unit && termsInResultUnit(result) ? ` (${result.unit})` : ''}`,
          data: ordered.map((o) => o.value),
          backgroundColor: ordered.map((o) => (o.value < 0 ? c.negative : c.accent)),
        },
      ],
    },
    options: baseOptions(c, sorted ? 'index, largest term first' : d.binSize > 1 ? 'index (binned)' : 'index', 'contribution'),
  });

  const cp = cumulative(d.p);
  const cq = d.q ? cumulative(d.q) : undefined;
  el(ID.cdfNote).textContent = d.binSize > 1 ? `(at the end of each bin of ${d.binSize} indices)` : '';
  draw(canvasId('cdf'), {
    type: 'scatter',
    data: {
      datasets: [
        { label: 'F_P', data: cdfSteps(cp, d.binSize, d.count), borderColor: c.p, backgroundColor: c.p, showLine: true, stepped: 'after', pointRadius: 0 },
        ...(cq ? [{ label: 'F_Q', data: cdfSteps(cq, d.binSize, d.count), borderColor: c.q, backgroundColor: c.q, showLine: true, stepped: 'after' as const, pointRadius: 0 }] : []),
      ],
    },
    options: withScales(baseOptions(c, 'index', 'cumulative probability'), cdfScales(d.count)),
  });
}

/** The "Sort by size" checkbox, set from the state and redrawing the terms when changed. */
export function initChartsView(): void {
  const box = el<Checkbox>(ID.sorted);
  box.checked = panelState().sorted === true;
  box.addEventListener('change', () => {
    updateState({ sorted: box.checked });
    save();
    if (panelState().view === 'charts') renderCharts();
  });
}
