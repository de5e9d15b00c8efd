import { strict as assert } from 'node:assert';
import { DRIFT_TEST_NAMES } from '../../../src/drift';
import {
  conventionsText,
  DEFAULT_SETTINGS,
  measureOptions,
  parseSettings,
  strictRefusal,
  type DivergenceSettings,
  type SettingKey,
} from '../../../src/extension/settingsModel';

const from = (raw: Partial<Record<SettingKey, unknown>>) => parseSettings((key) => raw[key]);

describe('parseSettings (the settings, typed in one place)', () => {
  it('nothing set: the defaults, no problem', () => {
    assert.deepEqual(from({}), { settings: DEFAULT_SETTINGS, problems: [] });
  });
  it('valid values are taken as given', () => {
    const { settings, problems } = from({
      base: ' 2 ',
      normalization: 'strict',
      input: 'logits',
      significantDigits: 17,
      'hover.enabled': false,
      'hover.maxElements': 500,
      'statusBar.enabled': false,
      workerThreshold: 10,
      'drift.test': 'wasserstein-normed',
      'drift.threshold': 0.2,
      'drift.driftShare': 1,
      'drift.allMeasures': true,
      'drift.engineThreshold': 0,
      'drift.duckdbPath': ' /opt/npm/lib/node_modules ',
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      base: '2',
      normalization: 'strict',
      input: 'logits',
      significantDigits: 17,
      hoverEnabled: false,
      hoverMaxElements: 500,
      statusBarEnabled: false,
      workerThreshold: 10,
      drift: { test: 'wasserstein-normed', threshold: 0.2, driftShare: 1, allMeasures: true, engineThreshold: 0, duckdbPath: '/opt/npm/lib/node_modules' },
    });
  });
  it("the drift threshold: null (VS Code's unset value) is each test's default", () => {
    assert.deepEqual(from({ 'drift.threshold': null }), { settings: DEFAULT_SETTINGS, problems: [] });
    assert.equal(from({ 'drift.threshold': 0 }).settings.drift.threshold, 0);
  });
  it('an empty base is e', () => {
    assert.equal(from({ base: '' }).settings.base, 'e');
  });
  it('invalid values: the default, and one message per setting naming it, the value and the default', () => {
    const { settings, problems } = from({
      base: '1',
      normalization: 'rescale',
      input: 'probability',
      significantDigits: 0,
      'hover.enabled': 'yes',
      'hover.maxElements': 2.5,
      'statusBar.enabled': 1,
      workerThreshold: -3,
      'drift.test': 'kl_div',
      'drift.threshold': -1,
      'drift.driftShare': 1.5,
      'drift.allMeasures': 'no',
      'drift.engineThreshold': -2,
      'drift.duckdbPath': 3,
    });
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(problems, [
      `divergenceLens.base is "1", but it must be 'e', 2, 10 or another number > 0 and ≠ 1; using "e".`,
      'divergenceLens.normalization is "rescale", but it must be one of "normalize", "strict", "raw"; using "normalize".',
      'divergenceLens.input is "probability", but it must be one of "prob", "log", "logits"; using "prob".',
      'divergenceLens.significantDigits is 0, but it must be an integer from 1 to 17; using 4.',
      'divergenceLens.hover.enabled is "yes", but it must be true or false; using true.',
      'divergenceLens.hover.maxElements is 2.5, but it must be an integer from 1 to 10000000; using 100000.',
      'divergenceLens.statusBar.enabled is 1, but it must be true or false; using true.',
      'divergenceLens.workerThreshold is -3, but it must be an integer from 1 to 9007199254740991; using 1000000.',
      'divergenceLens.drift.test is "kl_div", but it must be one of "auto", "psi", "kl", "js-distance", "wasserstein-normed", "ks", "chisquare", "z", "hellinger", "tv"; using "auto".',
      'divergenceLens.drift.threshold is -1, but it must be a number ≥ 0 (or null for the default of each test); using null.',
      'divergenceLens.drift.driftShare is 1.5, but it must be a number from 0 to 1; using 0.5.',
      'divergenceLens.drift.allMeasures is "no", but it must be true or false; using false.',
      'divergenceLens.drift.engineThreshold is -2, but it must be a number of MiB ≥ 0 (0: always) or -1 (never); using 32.',
      'divergenceLens.drift.duckdbPath is 3, but it must be a text (a folder); using "".',
    ]);
  });
  it('a base that is not a number, and one of 0, are refused', () => {
    assert.equal(from({ base: 'two' }).problems.length, 1);
    assert.equal(from({ base: 0 }).settings.base, 'e');
    assert.equal(from({ base: 10 }).settings.base, '10');
  });
});

describe('measureOptions, conventionsText, strictRefusal', () => {
  const s = (over: Partial<DivergenceSettings>): DivergenceSettings => ({ ...DEFAULT_SETTINGS, ...over });
  it('the policy maps to normalize, the input kind passes through', () => {
    assert.deepEqual(measureOptions(s({ base: '2' })), { base: '2', normalize: true, input: 'prob' });
    assert.deepEqual(measureOptions(s({ normalization: 'strict', input: 'log' })), { base: 'e', normalize: true, input: 'log' });
    assert.deepEqual(measureOptions(s({ normalization: 'raw' })), { base: 'e', normalize: false, input: 'prob' });
  });
  it('every result states its reading and normalisation', () => {
    assert.equal(conventionsText(s({}), { normalized: false, sums: { p: 1, q: 1 } }), 'read as probabilities; sums are 1');
    assert.equal(
      conventionsText(s({}), { normalized: true, sums: { p: 2, q: 1 } }),
      'read as probabilities; normalised (P summed to 2, Q to 1)',
    );
    assert.equal(
      conventionsText(s({ normalization: 'raw' }), { normalized: false, sums: { p: 0.9 } }),
      'read as probabilities; raw: not normalised (P summed to 0.9)',
    );
    assert.equal(conventionsText(s({ input: 'logits' }), { normalized: false, sums: { p: 1, q: 1 } }), 'read as logits (softmax first)');
    assert.equal(conventionsText(s({ input: 'log' }), { normalized: false, sums: { p: 1 } }), 'read as log-probabilities; sums are 1');
  });
  it('strict refuses a result that had to normalise, and only under strict', () => {
    const normalized = { normalized: true, sums: { p: 0.9, q: 1 } };
    assert.equal(
      strictRefusal(s({ normalization: 'strict' }), normalized),
      'P summed to 0.9, Q to 1: not 1, and divergenceLens.normalization is "strict". Set it to "normalize" to rescale, or "raw" to use the values as given.',
    );
    assert.equal(strictRefusal(s({ normalization: 'strict' }), { normalized: false, sums: { p: 1, q: 1 } }), undefined);
    assert.equal(strictRefusal(s({}), normalized), undefined);
  });
});

describe("package.json's drift settings agree with parseSettings", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const properties = (require('../../../package.json') as { contributes: { configuration: { properties: Record<string, { default: unknown; enum?: unknown[] }> } } }).contributes.configuration.properties;
  it('the same tests, in the same order, and the same defaults', () => {
    assert.deepEqual(properties['divergenceLens.drift.test']!.enum, ['auto', ...DRIFT_TEST_NAMES]);
    const d = DEFAULT_SETTINGS.drift;
    assert.deepEqual(
      ['test', 'threshold', 'driftShare', 'allMeasures', 'engineThreshold', 'duckdbPath'].map((k) => properties[`divergenceLens.drift.${k}`]!.default),
      [d.test, null, d.driftShare, d.allMeasures, d.engineThreshold, d.duckdbPath],
    );
  });
});
