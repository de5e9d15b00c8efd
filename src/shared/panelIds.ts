/**
 * The ids of the panel's elements, grouped by the view that owns them. Two programs use them: the extension
 * host writes the page (src/extension/panel/panelHtml.ts) and the webview's script (webview/views/) finds
 * its elements by them. The layering lets both import shared/ but neither import the other, so the ids live
 * here rather than next to either side; a renamed id is then one edit that type-checks on both sides.
 */
import type { PanelView } from './protocol';

/** The tab button of a view and the section it shows. */
export const tabId = (view: PanelView): string => `tab-${view}`;
export const viewId = (view: PanelView): string => `view-${view}`;

/** The charts, by the name their "Save as PNG" button carries in data-chart; each draws on canvas chart-<name>. */
export type ChartName = 'bars' | 'terms' | 'cdf' | 'gauss' | 'g2d' | 'gmix' | 'hist' | 'ecdf' | 'drift-bins' | 'drift-ecdf';
export const canvasId = (chart: ChartName): string => `chart-${chart}`;
/** The class of every "Save as PNG" button. */
export const SAVE_PNG_CLASS = 'save-png';

export const FORMULA_IDS = {
  empty: 'empty',
  result: 'result',
  title: 'title',
  formula: 'formula',
  substituted: 'substituted',
  label: 'result-label',
  value: 'result-value',
  details: 'details',
  copyValue: 'copy-value',
  copyLatex: 'copy-latex',
} as const;

export const CHARTS_IDS = {
  empty: 'charts-empty',
  charts: 'charts',
  barsNote: 'bars-note',
  termsNote: 'terms-note',
  termsHeading: 'terms-heading',
  cdfNote: 'cdf-note',
  sorted: 'sorted',
} as const;

export const TABLE_IDS = {
  empty: 'table-empty',
  box: 'table-box',
  source: 'table-source',
  table: 'measures-table',
  body: 'measures-body',
} as const;

/** The explorer's mode selector, its three boxes and the one-dimensional mode's elements. */
export const GAUSSIAN_IDS = {
  mode: 'g-mode',
  box1d: 'g1d-box',
  box2d: 'g2d-box',
  boxMixtures: 'gmix-box',
  error: 'gauss-error',
  klPQ: 'g-kl-pq',
  klQP: 'g-kl-qp',
  js: 'g-js',
  klNumerical: 'g-kl-num',
  formula: 'g-formula',
} as const;

/** The one-dimensional parameters, each with a slider and a text field. */
export const GAUSS_KEYS = ['mu0', 'sigma0', 'mu1', 'sigma1'] as const;
export type GaussKey = (typeof GAUSS_KEYS)[number];
export const gaussParamIds = (key: GaussKey) => ({ label: `${key}-label`, range: `${key}-range`, field: `${key}-field` }) as const;

export const GAUSSIAN_2D_IDS = { error: 'g2-error', klPQ: 'g2-kl-pq', klQP: 'g2-kl-qp' } as const;
/** The two-dimensional parameters: each mean's x and y and each covariance's xx, xy (= yx) and yy. */
export const G2_FIELDS = ['mu0x', 'mu0y', 'cov0xx', 'cov0xy', 'cov0yy', 'mu1x', 'mu1y', 'cov1xx', 'cov1xy', 'cov1yy'] as const;
export type G2Field = (typeof G2_FIELDS)[number];
export const g2FieldId = (field: G2Field): string => `g2-${field}`;

export const MIXTURE_IDS = { method: 'gmix-method', error: 'gmix-error', value: 'gmix-value', note: 'gmix-note' } as const;
/** The three lists of each mixture, in the order of MixtureText. */
export const MIX_FIELDS = ['weights', 'means', 'sigmas'] as const;
export type MixField = (typeof MIX_FIELDS)[number];
export const mixFieldId = (which: 'p' | 'q', field: MixField): string => `gmix-${which}-${field}`;

export const SAMPLES_IDS = { source: 'samples-source', ksNote: 'ks-note' } as const;

/** The Drift view: summary, notes, the sortable table, the selected column's charts, Save Report. */
export const DRIFT_IDS = {
  sources: 'drift-sources',
  summary: 'drift-summary',
  thresholds: 'drift-thresholds',
  notes: 'drift-notes',
  table: 'drift-table',
  head: 'drift-head',
  body: 'drift-body',
  charts: 'drift-charts',
  chartTitle: 'drift-chart-title',
  binsNote: 'drift-bins-note',
  ecdfBox: 'drift-ecdf-box',
  ecdfNote: 'drift-ecdf-note',
  save: 'drift-save',
  copySql: 'drift-copy-sql',
} as const;
