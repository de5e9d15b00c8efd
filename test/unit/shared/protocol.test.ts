import { strict as assert } from 'node:assert';
import {
  isHostToWebviewMessage,
  isWebviewState,
  isWebviewToHostMessage,
  MAX_COPY_LENGTH,
  MAX_VIEW_VALUES,
  type KlResultView,
} from '../../../src/shared/protocol';

export const sampleView: KlResultView = {
  measure: 'kl',
  value: 0.0852996013,
  unit: 'nats',
  base: Math.E,
  normalized: false,
  sums: { p: 1, q: 1 },
  pinskerTvBound: 0.2065,
  backend: 'ts',
  p: [0.36, 0.48, 0.16],
  q: [1 / 3, 1 / 3, 1 / 3],
  n: 3,
  formulaLatex: 'D',
  source: 'distributions.py, lines 6-7',
};

describe('protocol guards', () => {
  it('accepts every well-formed message', () => {
    assert.equal(isHostToWebviewMessage({ type: 'showResult', result: sampleView }), true);
    assert.equal(isHostToWebviewMessage({ type: 'clear' }), true);
    assert.equal(isWebviewToHostMessage({ type: 'ready' }), true);
    assert.equal(isWebviewToHostMessage({ type: 'copy', what: 'value', text: '0.08' }), true);
    assert.equal(isWebviewState({ result: sampleView }), true);
    assert.equal(isWebviewState({}), true);
  });

  it('rejects unknown types, missing fields and wrong field types', () => {
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
    ];
    for (const m of bad) assert.equal(isWebviewToHostMessage(m), false, JSON.stringify(m));
    const badResults: unknown[] = [
      { ...sampleView, measure: 'js' },
      { ...sampleView, value: '0.08' },
      { ...sampleView, backend: 'gpu' },
      { ...sampleView, sums: null },
      { ...sampleView, p: ['0.3'] },
      { ...sampleView, p: new Array(MAX_VIEW_VALUES + 1).fill(0) },
      { ...sampleView, source: 7 },
    ];
    for (const r of badResults) {
      assert.equal(isHostToWebviewMessage({ type: 'showResult', result: r }), false, JSON.stringify(r).slice(0, 80));
    }
    assert.equal(isWebviewState({ result: { measure: 'kl' } }), false);
  });
});
