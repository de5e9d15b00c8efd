/**
 * The sample measures of the command line: two samples (not distributions) P and Q, of any lengths.
 * Each output says what it is: a distance, a test (statistic and p-value), or an estimate of D(P‖Q).
 */
import {
  energyDistance,
  histogramKl,
  klDivLoss,
  knnKl,
  ksTest,
  twoSampleZ,
  wasserstein,
  welchT,
  type BinRule,
  type WassersteinOptions,
} from '../compute';
import { DivergenceError } from '../core/errors';
import { formatFull } from '../shared/format';
import type { CliArgs } from './args';
import { baseOption, choiceOption, jsonNumber, matrixOption, need, numberOption, specOption, type CliMeasure, type JsonValue } from './measure';
import { readSpec } from './readSpec';

function samples(args: CliArgs): [Float64Array, Float64Array] {
  return [specOption(args, 'p'), specOption(args, 'q')];
}

function weights(args: CliArgs): WassersteinOptions {
  const p = args.options.get('p-weights');
  const q = args.options.get('q-weights');
  return {
    ...(p !== undefined ? { pWeights: readSpec(p, '--p-weights') } : {}),
    ...(q !== undefined ? { qWeights: readSpec(q, '--q-weights') } : {}),
  };
}

/** A distance of two samples, optionally weighted: its value, and the line "label = value". */
function distanceMeasure(name: string, what: string, label: string, distance: (p: Float64Array, q: Float64Array, o: WassersteinOptions) => { value: number }): CliMeasure {
  return {
    name,
    summary: `${what} of two samples, optionally weighted (--p --q [--p-weights --q-weights])`,
    options: ['p', 'q', 'p-weights', 'q-weights'],
    run: (args) => {
      const [p, q] = samples(args);
      const r = distance(p, q, weights(args));
      return { json: { measure: name, value: jsonNumber(r.value) }, line: `${label} = ${formatFull(r.value)}` };
    },
  };
}

function testMeasure(name: 'ks' | 'ztest' | 'welch', summary: string): CliMeasure {
  return {
    name,
    summary,
    options: ['p', 'q'],
    run: (args) => {
      const [p, q] = samples(args);
      const r = name === 'ks' ? ksTest(p, q) : name === 'ztest' ? twoSampleZ(p, q) : welchT(p, q);
      const json: { [k: string]: JsonValue } = {
        measure: name,
        statistic: jsonNumber(r.statistic),
        pvalue: jsonNumber(r.pvalue),
      };
      let extra = '';
      if (r.measure === 'welch') {
        json.df = jsonNumber(r.df);
        extra = `, df = ${formatFull(r.df)}`;
      } else if (r.measure === 'ks') {
        json.method = r.method;
        extra = ` (${r.method} p-value; largest gap at x = ${formatFull(r.location)})`;
      }
      return { json, line: `${name}: statistic = ${formatFull(r.statistic)}, p-value = ${formatFull(r.pvalue)}${extra}` };
    },
  };
}

function bins(args: CliArgs): BinRule {
  const v = (args.options.get('bins') ?? 'fd').trim();
  if (v === 'fd' || v === 'sturges') return v;
  const n = Number(v);
  if (v !== '' && Number.isInteger(n) && n >= 1) return n;
  throw new DivergenceError('usage', `--bins must be fd, sturges or a whole number of bins, not '${v}'`);
}

export const SAMPLE_MEASURES: readonly CliMeasure[] = [
  distanceMeasure('wasserstein', '1-D Wasserstein-1 distance', 'W1(P, Q)', wasserstein),
  distanceMeasure('energy', '1-D energy distance', 'energy distance', energyDistance),
  testMeasure('ks', 'two-sample Kolmogorov-Smirnov test (exact p for small samples, asymptotic for large)'),
  testMeasure('ztest', 'two-sample z-test of means (variances with ddof = 1)'),
  testMeasure('welch', "Welch's t-test of means (unequal variances), with its degrees of freedom"),
  {
    name: 'knn-kl',
    summary: 'k-NN estimate of D(P||Q) from samples (Wang, Kulkarni & Verdu 2009); rows for d dimensions [--k K]',
    options: ['p', 'q', 'k', 'base', 'duplicates'],
    run: (args) => {
      const p = matrixOption(args, 'p');
      const q = matrixOption(args, 'q');
      const dp = p.shape.length === 2 ? (p.shape[1] as number) : 1;
      const dq = q.shape.length === 2 ? (q.shape[1] as number) : 1;
      if (dp !== dq) throw new DivergenceError('length-mismatch', `P has rows of ${dp} values and Q rows of ${dq}: the dimensions must agree`);
      const r = knnKl(p.values, q.values, {
        d: dp,
        k: numberOption(args, 'k', 1, true),
        base: baseOption(args),
        duplicates: choiceOption(args, 'duplicates', ['error', 'skip'] as const, 'error'),
      });
      const json: { [k: string]: JsonValue } = { measure: 'knn-kl', value: jsonNumber(r.value), unit: r.unit, k: r.k, d: r.d };
      if (r.duplicates.skipped > 0) json.skipped_duplicates = r.duplicates.skipped;
      return {
        json,
        line: `D(P||Q) ≈ ${formatFull(r.value)} ${r.unit} (k-NN estimate, k = ${r.k}, d = ${r.d}, n = ${r.n}, m = ${r.m})`,
      };
    },
  },
  {
    name: 'hist-kl',
    summary: 'plug-in estimate of D(P||Q) on shared histogram bins [--bins fd|sturges|N] [--smoothing A]',
    options: ['p', 'q', 'bins', 'smoothing', 'base'],
    run: (args) => {
      const [p, q] = samples(args);
      const r = histogramKl(p, q, {
        bins: bins(args),
        base: baseOption(args),
        ...(args.options.has('smoothing') ? { smoothing: numberOption(args, 'smoothing', 0) } : {}),
      });
      return {
        json: { measure: 'hist-kl', value: jsonNumber(r.value), unit: r.unit, bins: r.bins.count, bin_rule: r.bins.rule },
        line: `D(P||Q) ≈ ${formatFull(r.value)} ${r.unit} (histogram estimate, ${r.bins.count} bins by ${r.bins.rule})`,
      };
    },
  },
  {
    name: 'kldivloss',
    summary: "PyTorch's KLDivLoss(input = log q, target): --input --target --reduction sum|mean|batchmean|none [--log-target]",
    options: ['input', 'target', 'reduction', 'log-target'],
    run: (args) => {
      const input = matrixOption(args, 'input');
      const target = matrixOption(args, 'target');
      need(args, 'reduction');
      const reduction = choiceOption(args, 'reduction', ['sum', 'mean', 'batchmean', 'none'] as const, 'batchmean');
      const asMatrix = (m: { values: Float64Array; shape: readonly number[] }) =>
        m.shape.length === 2 ? { values: m.values, shape: [m.shape[0] as number, m.shape[1] as number] as const } : m.values;
      const r = klDivLoss(asMatrix(input), asMatrix(target), { reduction, logTarget: args.flags.has('log-target') });
      const value: JsonValue = typeof r.value === 'number' ? jsonNumber(r.value) : Array.from(r.value, jsonNumber);
      const shown = typeof r.value === 'number' ? formatFull(r.value) : `[${Array.from(r.value, formatFull).join(', ')}]`;
      return { json: { measure: 'kldivloss', value, reduction, note: r.note }, line: `KLDivLoss (${reduction}) = ${shown}; ${r.note}` };
    },
  },
];
