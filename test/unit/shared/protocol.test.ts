import { strict as assert } from 'node:assert';
import {
  isAllMeasuresView,
  isDiscreteResultView,
  isGaussianParams,
  isHostToWebviewMessage,
  isKlResultView,
  isSamplesView,
  isWebviewState,
  isWebviewToHostMessage,
  fromWire,
  toWire,
  MAX_COPY_LENGTH,
  MAX_PNG_DATA_URL_LENGTH,
  MAX_SAMPLE_VALUES,
  MAX_VIEW_VALUES,
  type SamplesView,
} from '../../../src/shared/protocol';
import { entropyView, sampleTable, sampleView } from './protocolFixtures';

const samples: SamplesView = {
  source: 'cars.csv',
  p: [1, 2, 3],
  q: [2, 3, 4],
  n: 3,
  m: 3,
  ks: { statistic: 1 / 3, pvalue: 1, at: 1 },
  wasserstein: 1,
};

describe('protocol guards', () => {
  it('accepts every well-formed message', () => {
    assert.equal(isHostToWebviewMessage({ type: 'showResult', result: sampleView }), true);
    assert.equal(isHostToWebviewMessage({ type: 'showResult', result: entropyView }), true);
    assert.equal(isHostToWebviewMessage({ type: 'showResult', result: { ...sampleView, measure: 'js', pinskerTvBound: undefined } }), true);
    assert.equal(isHostToWebviewMessage({ type: 'showResult', result: { ...sampleView, measure: 'renyi', alpha: Infinity } }), true);
    assert.equal(isHostToWebviewMessage({ type: 'showResult', result: { ...sampleView, input: 'logits' } }), true);
    assert.equal(isHostToWebviewMessage({ type: 'showAllMeasures', table: sampleTable }), true);
    assert.equal(isHostToWebviewMessage({ type: 'showSamples', samples }), true);
    assert.equal(isHostToWebviewMessage({ type: 'showGaussian' }), true);
    assert.equal(isHostToWebviewMessage({ type: 'showGaussian', params: { mu0: 0, sigma0: 1, mu1: 1, sigma1: 2 } }), true);
    assert.equal(isHostToWebviewMessage({ type: 'clear' }), true);
    assert.equal(isWebviewToHostMessage({ type: 'ready' }), true);
    assert.equal(isWebviewToHostMessage({ type: 'copy', what: 'value', text: '0.08' }), true);
    assert.equal(isWebviewToHostMessage({ type: 'savePng', dataUrl: 'data:image/png;base64,iVBORw0KGgo=', name: 'bars.png' }), true);
    assert.equal(isWebviewToHostMessage({ type: 'viewChanged', view: 'gaussian' }), true);
    assert.equal(isWebviewState({ result: sampleView, table: sampleTable, view: 'table', sorted: true, gaussian: { mu0: 0, sigma0: 1, mu1: 0, sigma1: 1 } }), true);
    assert.equal(isWebviewState({}), true);
    assert.equal(isKlResultView(sampleView), true);
    assert.equal(isKlResultView(entropyView), false);
  });

  it('rejects unknown, malformed and oversized messages from the webview', () => {
    const bad: unknown[] = [
      null,
      undefined,
      42,
      'ready',
      [],
      { type: 'nope' },
      { type: 'copy', what: 'value' },
      { type: 'copy', what: 'html', text: 'x' },
      { type: 'copy', what: 'value', text: 5 },
      { type: 'copy', what: 'value', text: 'x'.repeat(MAX_COPY_LENGTH + 1) },
      { type: 'savePng', dataUrl: 'data:image/svg+xml;base64,PHN2Zz4=', name: 'a.png' },
      { type: 'savePng', dataUrl: 'data:image/png;base64,<script>', name: 'a.png' },
      { type: 'savePng', dataUrl: 'data:image/png;base64,' + 'A'.repeat(MAX_PNG_DATA_URL_LENGTH), name: 'a.png' },
      { type: 'savePng', dataUrl: 'data:image/png;base64,AAAA', name: '../../etc/passwd.png' },
      { type: 'savePng', dataUrl: 'data:image/png;base64,AAAA', name: 'a.exe' },
      { type: 'savePng', dataUrl: 'data:image/png;base64,AAAA' },
      { type: 'viewChanged', view: 'settings' },
      { type: 'viewChanged' },
    ];
    for (const m of bad) assert.equal(isWebviewToHostMessage(m), false, JSON.stringify(m)?.slice(0, 80));
  });

  it('rejects results with missing or mistyped fields', () => {
    const badResults: unknown[] = [
      { ...sampleView, measure: 'wasserstein' },
      { ...sampleView, value: '0.08' },
      { ...sampleView, backend: 'gpu' },
      { ...sampleView, sums: null },
      { ...sampleView, p: ['0.3'] },
      { ...sampleView, p: new Array(MAX_VIEW_VALUES + 1).fill(0), n: MAX_VIEW_VALUES + 1 },
      { ...sampleView, q: [0.5, 0.5] },
      { ...sampleView, n: 2 },
      { ...sampleView, source: 7 },
      { ...sampleView, pinskerTvBound: undefined },
      { ...sampleView, input: 'percent' },
      { ...sampleView, measure: 'renyi' },
      { ...sampleView, alpha: 2 },
      { ...entropyView, sums: { p: 1, q: '1' } },
      { ...sampleView, measure: 'js', q: undefined },
    ];
    for (const r of badResults) {
      assert.equal(isDiscreteResultView(r), false, JSON.stringify(r).slice(0, 80));
      assert.equal(isHostToWebviewMessage({ type: 'showResult', result: r }), false);
    }
    assert.equal(isWebviewState({ result: { measure: 'kl' } }), false);
    assert.equal(isWebviewState({ view: 'nowhere' }), false);
    assert.equal(isWebviewState({ sorted: 'yes' }), false);
  });

  it('rejects malformed tables, samples and Gaussian parameters', () => {
    assert.equal(isAllMeasuresView({ ...sampleTable, rows: [{ ...sampleTable.rows[0], measure: 'ks' }] }), false);
    assert.equal(isAllMeasuresView({ ...sampleTable, rows: [{ ...sampleTable.rows[1], alpha: undefined }] }), false);
    assert.equal(isAllMeasuresView({ ...sampleTable, q: [1] }), false);
    assert.equal(isAllMeasuresView({ ...sampleTable, rows: 'all' }), false);
    assert.equal(isSamplesView({ ...samples, ks: { statistic: 0.3 } }), false);
    assert.equal(isSamplesView({ ...samples, p: new Array(MAX_SAMPLE_VALUES + 1).fill(0) }), false);
    assert.equal(isGaussianParams({ mu0: 0, sigma0: 0, mu1: 0, sigma1: 1 }), false);
    assert.equal(isGaussianParams({ mu0: 0, sigma0: 1, mu1: Infinity, sigma1: 1 }), false);
    assert.equal(isGaussianParams({ mu0: 0, sigma0: 1, mu1: NaN, sigma1: 1 }), false);
    assert.equal(isGaussianParams({ mu0: 0, sigma0: 1, mu1: 0, sigma1: -1 }), false);
    assert.equal(isHostToWebviewMessage({ type: 'showGaussian', params: { mu0: 0 } }), false);
  });
});

describe('protocol wire encoding (JSON has no Infinity or NaN)', () => {
  it('round-trips non-finite numbers through JSON', () => {
    const message = { type: 'showResult', result: { ...sampleView, value: Infinity, p: [0.5, 0.5], q: [1, 0], n: 2 } };
    const sent = JSON.parse(JSON.stringify(toWire(message)));
    assert.deepEqual(sent.result.value, { $nonFinite: 'Infinity' });
    const back = fromWire(sent);
    assert.deepEqual(back, message);
    assert.equal(isHostToWebviewMessage(back), true);
    const row = { ...sampleTable.rows[1], alpha: Infinity, value: -Infinity };
    const nan = fromWire(JSON.parse(JSON.stringify(toWire({ a: NaN, rows: [row] })))) as { a: number; rows: unknown[] };
    assert.ok(Number.isNaN(nan.a));
    assert.deepEqual(nan.rows[0], row);
    // Without the encoding, JSON turns Infinity into null and the guard drops the message.
    assert.equal(isHostToWebviewMessage(JSON.parse(JSON.stringify(message))), false);
  });

  it('leaves other objects alone and bounds the depth it decodes', () => {
    assert.deepEqual(fromWire({ $nonFinite: 'x' }), { $nonFinite: 'x' });
    assert.deepEqual(fromWire({ $nonFinite: 'Infinity', other: 1 }), { $nonFinite: 'Infinity', other: 1 });
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = [deep];
    assert.equal(JSON.stringify(fromWire(deep)).includes('1'), false);
  });
});

describe('protocol: Gaussian mixtures messages', () => {
  const request = { id: 3, p: { weights: [0.5, 0.5], means: [-1, 1], sigmas: [0.5, 0.5] }, q: { weights: [1], means: [0], sigmas: [1] }, method: 'mc' };
  it('accepts a well-formed request and reply', () => {
    assert.equal(isWebviewToHostMessage({ type: 'gmmKl', request }), true);
    const reply = { id: 3, result: { method: 'mc', value: 0.185, unit: 'nats', stderr: 0.0017, samples: 100000, note: 'Monte Carlo' } };
    assert.equal(isHostToWebviewMessage({ type: 'gmmKlResult', reply }), true);
    assert.equal(isHostToWebviewMessage({ type: 'gmmKlResult', reply: { id: 3, error: 'q-sigmas[0] is -1' } }), true);
  });

  it('rejects malformed requests from the webview', () => {
    const bad = [
      { ...request, id: 1.5 },
      { ...request, method: 'exact' },
      { ...request, p: { weights: [], means: [], sigmas: [] } },
      { ...request, p: { ...request.p, means: [NaN, 1] } },
      { ...request, q: { ...request.q, sigmas: new Array(17).fill(1) } },
      { ...request, q: undefined },
    ];
    for (const r of bad) assert.equal(isWebviewToHostMessage({ type: 'gmmKl', request: r }), false, JSON.stringify(r));
    assert.equal(isHostToWebviewMessage({ type: 'gmmKlResult', reply: { id: 3 } }), false);
    assert.equal(isHostToWebviewMessage({ type: 'gmmKlResult', reply: { id: 3, error: 'x', result: { method: 'mc', value: 1, unit: '', note: '' } } }), false);
  });
});
