import { strict as assert } from 'node:assert';
import * as P from '../../../src/shared/panelIds';

/** Every id of the page but #app, as panelHtml.ts writes them and the views look them up. */
function allIds(): string[] {
  const views = ['formula', 'charts', 'table', 'gaussian', 'samples', 'drift'] as const;
  return [
    ...views.flatMap((v) => [P.tabId(v), P.viewId(v)]),
    ...(['bars', 'terms', 'cdf', 'gauss', 'g2d', 'gmix', 'hist', 'ecdf', 'drift-bins', 'drift-ecdf'] as const).map(P.canvasId),
    ...[P.FORMULA_IDS, P.CHARTS_IDS, P.TABLE_IDS, P.GAUSSIAN_IDS, P.GAUSSIAN_2D_IDS, P.MIXTURE_IDS, P.SAMPLES_IDS, P.DRIFT_IDS].flatMap((g) => Object.values(g)),
    ...P.GAUSS_KEYS.flatMap((k) => Object.values(P.gaussParamIds(k))),
    ...P.G2_FIELDS.map(P.g2FieldId),
    ...(['p', 'q'] as const).flatMap((w) => P.MIX_FIELDS.map((f) => P.mixFieldId(w, f))),
  ];
}

describe('panel element ids', () => {
  it('are unique on the page', () => {
    const ids = allIds();
    assert.equal(new Set(ids).size, ids.length, ids.filter((id, i) => ids.indexOf(id) !== i).join(', '));
    assert.equal(ids.length, 105); // the page's 106 ids but #app
  });

  it('keep the names the end-to-end cases look up', () => {
    assert.deepEqual(
      [
        P.tabId('charts'), P.viewId('gaussian'), P.viewId('samples'), P.viewId('table'),
        P.canvasId('bars'), P.canvasId('ecdf'), P.canvasId('gauss'),
        P.FORMULA_IDS.title, P.FORMULA_IDS.formula, P.FORMULA_IDS.substituted, P.FORMULA_IDS.value, P.FORMULA_IDS.details,
        P.TABLE_IDS.body, P.GAUSSIAN_IDS.mode, P.GAUSSIAN_IDS.klPQ, P.gaussParamIds('mu1').range, P.gaussParamIds('sigma0').range,
        P.GAUSSIAN_2D_IDS.klPQ, P.g2FieldId('mu1x'), P.MIXTURE_IDS.method, P.MIXTURE_IDS.error, P.MIXTURE_IDS.value, P.mixFieldId('q', 'sigmas'),
        P.SAMPLES_IDS.source, P.SAMPLES_IDS.ksNote,
        P.viewId('drift'), P.DRIFT_IDS.summary, P.DRIFT_IDS.body, P.DRIFT_IDS.charts, P.canvasId('drift-bins'), P.canvasId('drift-ecdf'),
      ],
      [
        'tab-charts', 'view-gaussian', 'view-samples', 'view-table',
        'chart-bars', 'chart-ecdf', 'chart-gauss',
        'title', 'formula', 'substituted', 'result-value', 'details',
        'measures-body', 'g-mode', 'g-kl-pq', 'mu1-range', 'sigma0-range',
        'g2-kl-pq', 'g2-mu1x', 'gmix-method', 'gmix-error', 'gmix-value', 'gmix-q-sigmas',
        'samples-source', 'ks-note',
        'view-drift', 'drift-summary', 'drift-body', 'drift-charts', 'chart-drift-bins', 'chart-drift-ecdf',
      ],
    );
  });
});
