/**
 * The Drift view: the report's verdict, thresholds and notes, a table of the columns sortable by every field
 * (a header is a button: click, Enter or Space), drifted rows marked with an icon and the word "Drifted",
 * and the selected column's two distributions over the report's bins (and both ECDFs with the KS gap for a
 * column tested by KS). Every name and value is set as text.
 */
import {
  DRIFT_FIELDS,
  driftNotes,
  driftSummary,
  sideText,
  sortDriftColumns,
  thresholdsText,
  type DriftChartView,
  type DriftColumnView,
  type DriftField,
  type DriftReportView,
} from '../../src/shared/driftView';
import { formatSignificant } from '../../src/shared/format';
import { canvasId, DRIFT_IDS as ID, tabId } from '../../src/shared/panelIds';
import { toWire } from '../../src/shared/protocol';
import { baseOptions, draw, themeColours, withAlpha, type ThemeColours } from '../charts';
import { el, text } from '../dom';
import { postToHost } from '../messaging';
import { panelState, save, updateState } from '../state';

/** The icon of a drifted column and of a drifting dataset; the word beside it says the same. */
export const DRIFT_ICON = '⚠';

/** The sort in force (default: the report's order, which is the tables' column order). */
function currentSort(): { key: DriftField; descending: boolean } | undefined {
  return panelState().driftSort;
}

/** Keeps `drift` and shows it; its tab is shown while there is a report. */
export function showDrift(drift: DriftReportView | undefined): void {
  const changed = drift !== panelState().drift;
  updateState(changed ? { drift, driftColumn: undefined } : { drift });
  el(tabId('drift')).hidden = drift === undefined;
  if (!drift) return;
  const r = drift.report;
  el(ID.sources).textContent = `Reference: ${sideText(r, 'reference')}. Current: ${sideText(r, 'current')}.`;
  el(ID.summary).textContent = `${r.dataset_drift ? `${DRIFT_ICON} ` : ''}${driftSummary(r)}.`;
  el(ID.thresholds).textContent = `Thresholds: ${thresholdsText(drift)}.`;
  el(ID.notes).replaceChildren(...driftNotes(drift).map((n) => text('li', n)));
  renderTable();
}

function renderHeader(): void {
  const sort = currentSort();
  const cells = DRIFT_FIELDS.map((field) => {
    const th = document.createElement('th');
    th.scope = 'col';
    const sorted = sort?.key === field.key;
    th.setAttribute('aria-sort', sorted ? (sort.descending ? 'descending' : 'ascending') : 'none');
    const button = document.createElement('button');
    button.className = 'link sort';
    button.dataset.field = field.key;
    button.textContent = `${field.label}${sorted ? (sort.descending ? ' ▼' : ' ▲') : ''}`;
    button.title = `Sort by ${field.label.toLowerCase()}`;
    button.addEventListener('click', () => {
      const descending = sort?.key === field.key ? !sort.descending : false;
      updateState({ driftSort: { key: field.key, descending } });
      save();
      renderTable();
      document.querySelector<HTMLButtonElement>(`#${ID.head} button[data-field="${field.key}"]`)?.focus();
    });
    th.appendChild(button);
    return th;
  });
  el(ID.head).replaceChildren(...cells);
}

function row(c: DriftColumnView, selected: boolean): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.dataset.column = c.column;
  tr.classList.toggle('drifted', c.drifted);
  tr.classList.toggle('selected', selected);
  tr.setAttribute('aria-selected', String(selected));
  for (const field of DRIFT_FIELDS) {
    const content = field.key === 'drifted' && c.drifted ? `${DRIFT_ICON} ${field.text(c)}` : field.text(c);
    if (field.key === 'column') {
      const th = document.createElement('th');
      th.scope = 'row';
      const button = document.createElement('button');
      button.className = 'link';
      button.textContent = content;
      button.title = `Show the distributions of ${c.column}`;
      th.appendChild(button);
      tr.appendChild(th);
      continue;
    }
    const td = text('td', content, field.key === 'score' || field.key === 'threshold' ? 'num' : undefined);
    if (field.key === 'score') td.title = String(c.score);
    tr.appendChild(td);
  }
  tr.addEventListener('click', () => {
    selectColumn(c.column);
    el(ID.charts).scrollIntoView({ block: 'nearest' });
  });
  return tr;
}

function renderTable(): void {
  const drift = panelState().drift;
  if (!drift) return;
  renderHeader();
  const sort = currentSort();
  const columns = sort ? sortDriftColumns(drift.report.columns, sort.key, sort.descending) : drift.report.columns;
  const selected = panelState().driftColumn;
  el(ID.body).replaceChildren(...columns.map((c) => row(c, c.column === selected)));
}

/** Shows the charts of `column` and marks its row. */
function selectColumn(column: string): void {
  updateState({ driftColumn: column });
  save();
  for (const tr of document.querySelectorAll<HTMLTableRowElement>(`#${ID.body} tr`)) {
    const on = tr.dataset.column === column;
    tr.classList.toggle('selected', on);
    tr.setAttribute('aria-selected', String(on));
  }
  renderDrift();
}

/** "[1.5, 3)", a Sturges bin: closed on the left, open on the right but for the last one. */
function binLabel(edges: readonly number[], k: number): string {
  const f = (x: number) => formatSignificant(x, 4);
  return `[${f(edges[k]!)}, ${f(edges[k + 1]!)}${k === edges.length - 2 ? ']' : ')'}`;
}

function drawBins(chart: DriftChartView, c: ThemeColours, categorical: boolean): void {
  const b = chart.bins;
  const labels = b.rule === 'sturges' ? b.reference.map((_, k) => binLabel(b.edges, k)) : [...b.values];
  const share = (counts: readonly number[], n: number) => counts.map((x) => x / n);
  const others = b.rule === 'values' ? b.others : undefined;
  el(ID.binsNote).textContent =
    `(${b.rule === 'sturges' ? `${labels.length} Sturges bins over both sides` : `${labels.length} distinct values`}; reference n = ${chart.n.reference}, current n = ${chart.n.current}` +
    `${others ? `; ${others.values} less frequent values not drawn (${others.reference} reference, ${others.current} current rows)` : ''})`;
  const dataset = (label: string, counts: readonly number[], n: number, colour: string) => ({
    label,
    data: share(counts, n),
    backgroundColor: withAlpha(colour, categorical ? 0.8 : 0.5),
    borderColor: colour,
    borderWidth: 1,
    grouped: categorical,
  });
  draw(canvasId('drift-bins'), {
    type: 'bar',
    data: {
      labels,
      datasets: [dataset('reference', b.reference, chart.n.reference, c.p), dataset('current', b.current, chart.n.current, c.q)],
    },
    options: baseOptions(c, b.rule === 'sturges' ? 'value (bin)' : 'value', 'fraction of the side'),
  });
}

function drawEcdf(chart: DriftChartView, c: ThemeColours): void {
  const e = chart.ecdf!;
  const g = e.gap;
  el(ID.ecdfNote).textContent = `(KS statistic ${formatSignificant(g.statistic, 6)} at x = ${formatSignificant(g.at, 6)}: F_ref = ${formatSignificant(g.reference, 4)}, F_cur = ${formatSignificant(g.current, 4)})`;
  const line = (label: string, data: readonly { x: number; y: number }[], colour: string) => ({
    label,
    data: [...data],
    borderColor: colour,
    backgroundColor: colour,
    showLine: true,
    stepped: 'after' as const,
    pointRadius: 0,
  });
  draw(canvasId('drift-ecdf'), {
    type: 'scatter',
    data: {
      datasets: [
        line('F reference', e.reference, c.p),
        line('F current', e.current, c.q),
        {
          label: 'KS gap',
          data: [
            { x: g.at, y: g.reference },
            { x: g.at, y: g.current },
          ],
          borderColor: c.negative,
          backgroundColor: c.negative,
          borderWidth: 3,
          showLine: true,
          pointRadius: 3,
        },
      ],
    },
    options: baseOptions(c, 'value', 'cumulative fraction'),
  });
}

/** Draws the charts of the selected column (the view must be visible). */
export function renderDrift(): void {
  const drift = panelState().drift;
  const name = panelState().driftColumn;
  const index = drift && name !== undefined ? drift.report.columns.findIndex((c) => c.column === name) : -1;
  el(ID.charts).hidden = index < 0;
  if (!drift || index < 0) return;
  const column = drift.report.columns[index]!;
  const chart = drift.charts[index]!;
  el(ID.chartTitle).textContent = `${column.column}: ${column.type}, ${column.test} ${formatSignificant(column.score, 6)}${column.drifted ? ` (${DRIFT_ICON} drifted)` : ' (no drift)'}`;
  const c = themeColours();
  drawBins(chart, c, column.type === 'categorical');
  el(ID.ecdfBox).hidden = chart.ecdf === undefined;
  if (chart.ecdf) drawEcdf(chart, c);
}

/**
 * Wires Save Report… (the host asks where to save the report it is sent) and Copy SQL for… (the host asks
 * for a dialect and copies the report's statement).
 */
export function initDriftView(): void {
  for (const [id, type] of [
    [ID.save, 'saveDriftReport'],
    [ID.copySql, 'copyDriftSql'],
  ] as const) {
    el(id).addEventListener('click', () => {
      const drift = panelState().drift;
      // JSON has no Infinity: the report crosses in wire form, which the host decodes.
      if (drift) postToHost({ type, drift: toWire(drift) as DriftReportView });
    });
  }
}
