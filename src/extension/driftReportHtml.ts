/**
 * The drift report as files: one self-contained HTML page (inline CSS, the numbers as a table, each column's
 * distributions as inline SVG; no script and nothing loaded from anywhere, which its Content Security Policy
 * also forbids) and the JSON of `divergence drift --json`. Pure: the command's save dialogs write them.
 */
import {
  DRIFT_FIELDS,
  driftNotes,
  driftSummary,
  sideText,
  thresholdsText,
  type DriftChartView,
  type DriftColumnView,
  type DriftReportView,
} from '../shared/driftView';
import { formatSignificant } from '../shared/format';

/** The report's JSON, as `divergence drift --json` writes it: an infinite value is the string "Infinity". */
export function driftReportJson(view: DriftReportView): string {
  return `${JSON.stringify(view.report, (_key, v: unknown) => (v === Infinity ? 'Infinity' : v))}\n`;
}

/** Text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const CSS = `body{font-family:system-ui,sans-serif;margin:2em;color:#1e1e1e;background:#fff;max-width:60em}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3em .6em;border-bottom:1px solid #ccc}
td.num{text-align:right;font-variant-numeric:tabular-nums}tr.drifted td{color:#a1260d;font-weight:600}
.muted{color:#616161}svg{max-width:100%;height:auto}.ref{fill:#1a73e8}.cur{fill:#e37400}
@media (prefers-color-scheme:dark){body{color:#ccc;background:#1e1e1e}tr.drifted td{color:#f48771}.muted{color:#9d9d9d}th,td{border-color:#444}}`;

const W = 640;
const H = 180;
const PAD = 24;

/** Bar labels of a column's bins: Sturges' intervals or the values. */
function binLabels(chart: DriftChartView): string[] {
  const b = chart.bins;
  if (b.rule === 'values') return [...b.values];
  const f = (x: number) => formatSignificant(x, 4);
  return b.reference.map((_, k) => `[${f(b.edges[k]!)}, ${f(b.edges[k + 1]!)}${k === b.reference.length - 1 ? ']' : ')'}`);
}

/** Each bin's share of each side as side-by-side bars (reference, then current), on one scale. */
function binsSvg(column: DriftColumnView, chart: DriftChartView): string {
  const labels = binLabels(chart);
  const r = chart.bins.reference.map((x) => x / chart.n.reference);
  const c = chart.bins.current.map((x) => x / chart.n.current);
  const top = Math.max(...r, ...c, 1e-300);
  const slot = (W - 2 * PAD) / Math.max(1, labels.length);
  const bar = (share: number, k: number, side: 0 | 1, cls: string) => {
    const h = (share / top) * (H - 2 * PAD);
    const x = PAD + k * slot + side * (slot / 2);
    return `<rect class="${cls}" x="${x.toFixed(2)}" y="${(H - PAD - h).toFixed(2)}" width="${Math.max(0.5, slot / 2 - 1).toFixed(2)}" height="${h.toFixed(2)}"><title>${escapeHtml(`${labels[k]}: ${cls === 'ref' ? 'reference' : 'current'} ${formatSignificant(share, 4)}`)}</title></rect>`;
  };
  const bars = labels.map((_, k) => bar(r[k]!, k, 0, 'ref') + bar(c[k]!, k, 1, 'cur')).join('');
  const title = `${column.column}: share of each side per bin (reference blue, current orange)`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>${bars}` +
    `<line x1="${PAD}" y1="${H - PAD}" x2="${W - PAD}" y2="${H - PAD}" stroke="#888"/>` +
    `<text x="${PAD}" y="${H - 6}" font-size="11" fill="#888">${escapeHtml(labels[0] ?? '')}</text>` +
    `<text x="${W - PAD}" y="${H - 6}" font-size="11" fill="#888" text-anchor="end">${escapeHtml(labels.at(-1) ?? '')}</text>` +
    `<text x="${PAD}" y="14" font-size="11" fill="#888">max share ${escapeHtml(formatSignificant(top, 3))}</text></svg>`
  );
}

function columnSection(column: DriftColumnView, chart: DriftChartView): string {
  const measures = column.measures
    ? `<p class="muted">${escapeHtml(Object.entries(column.measures).map(([name, v]) => `${name} ${formatSignificant(v, 6)}`).join(', '))}</p>`
    : '';
  const ks = chart.ecdf
    ? `<p class="muted">${escapeHtml(`KS statistic ${formatSignificant(chart.ecdf.gap.statistic, 6)} at x = ${formatSignificant(chart.ecdf.gap.at, 6)}`)}</p>`
    : '';
  const n = `reference n = ${chart.n.reference}, current n = ${chart.n.current}`;
  return `<section><h2>${escapeHtml(column.column)}</h2><p class="muted">${escapeHtml(`${column.type}; ${column.test} ${formatSignificant(column.score, 6)}; ${n}`)}</p>${binsSvg(column, chart)}${ks}${measures}</section>`;
}

/** The report as one HTML page that needs nothing else (see the file's comment). */
export function driftReportHtml(view: DriftReportView, written: Date): string {
  const r = view.report;
  const head = DRIFT_FIELDS.map((f) => `<th scope="col">${escapeHtml(f.label)}</th>`).join('');
  const rows = r.columns
    .map((c) => {
      const cells = DRIFT_FIELDS.map((f) => {
        const t = f.key === 'drifted' && c.drifted ? `⚠ ${f.text(c)}` : f.text(c);
        return f.key === 'column' ? `<th scope="row">${escapeHtml(t)}</th>` : `<td${f.key === 'score' ? ' class="num"' : ''}>${escapeHtml(t)}</td>`;
      }).join('');
      return `<tr${c.drifted ? ' class="drifted"' : ''}>${cells}</tr>`;
    })
    .join('\n');
  const notes = driftNotes(view).map((n) => `<li>${escapeHtml(n)}</li>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(`Drift report: ${r.reference.path} vs ${r.current.path}`)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>Drift report</h1>
<p>Reference: ${escapeHtml(sideText(r, 'reference'))}<br>Current: ${escapeHtml(sideText(r, 'current'))}</p>
<p><strong>${escapeHtml(`${r.dataset_drift ? '⚠ ' : ''}${driftSummary(r)}.`)}</strong></p>
<p class="muted">${escapeHtml(`Thresholds: ${thresholdsText(view)}.`)}</p>
${notes ? `<ul>${notes}</ul>` : ''}
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
${r.columns.map((c, i) => columnSection(c, view.charts[i]!)).join('\n')}
<p class="muted">${escapeHtml(`Written by Divergence Lens on ${written.toISOString()}. Rules: docs/drift.md of Divergence Lens.`)}</p>
</body>
</html>
`;
}
