import type { AllMeasuresView, DiscreteResultView, KlResultView } from '../../../src/shared/protocol';

/** Views shared by the protocol and webview tests: P = [0.36, 0.48, 0.16], Q uniform (SciPy: rel_entr sum 0.08529960131837057). */
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

export const entropyView: DiscreteResultView = {
  measure: 'entropy',
  value: 1.0133126873497393,
  unit: 'nats',
  base: Math.E,
  normalized: false,
  sums: { p: 1 },
  backend: 'ts',
  p: [0.36, 0.48, 0.16],
  n: 3,
  formulaLatex: 'H',
  source: 'distributions.py, line 6',
};

export const sampleTable: AllMeasuresView = {
  base: Math.E,
  unit: 'nats',
  normalized: false,
  sums: { p: 1, q: 1 },
  p: [0.36, 0.48, 0.16],
  q: [1 / 3, 1 / 3, 1 / 3],
  n: 3,
  source: 'distributions.py, lines 6-7',
  rows: [
    { measure: 'kl', label: 'D(P‖Q)', name: 'Kullback-Leibler', value: 0.08529960131837057, unit: 'nats', formulaLatex: 'D' },
    { measure: 'renyi', label: 'D_2(P‖Q)', name: 'Rényi (α = 2)', value: 0.1, unit: 'nats', formulaLatex: 'R', alpha: 2 },
    { measure: 'tv', label: 'TV(P, Q)', name: 'Total variation', value: 0.17333333333333334, unit: '', formulaLatex: 'T' },
  ],
};
