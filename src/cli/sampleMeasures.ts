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

function samples(args: CliArgs): [Float64Array, Float64Array] {
  return [specOption(args, 'p'), specOption(args, 'q')];
}

function weights(args: CliArgs): WassersteinOptions {
  const p = args.options.get('p-weights');
  const q = args.options.get('q-weights');
  return {
    ...(p !== undefined ? { pWeights: specOption(args, 'p-weights') } : {}),
    ...(q !== undefined ? { qWeights: specOption(args, 'q-weights') } : {}),
  };
}

/** The samples of the examples: negative values and lengths that differ, as samples may have. */
const EXAMPLE_SAMPLES = ['--p', '[-0.5, 0.1, 0.3, 0.9, 1.4, 2.2]', '--q', '[0.4, 1.1, 1.5, 2.3, 2.8]'];

/** A distance of two samples, optionally weighted: its value, and the line "label = value". */
function distanceMeasure(name: string, what: string, label: string, distance: (p: Float64Array, q: Float64Array, o: WassersteinOptions) => { value: number }, output: string): CliMeasure {
  return {
    name,
    summary: `${what} of two samples, optionally weighted (--p --q [--p-weights --q-weights])`,
    options: ['p', 'q', 'p-weights', 'q-weights'],
    example: { args: EXAMPLE_SAMPLES, output },
    run: (args) => {
      const [p, q] = samples(args);
      const r = distance(p, q, weights(args));
      return { json: { measure: name, value: jsonNumber(r.value) }, line: `${label} = ${formatFull(r.value)}` };
    },
  };
}

function testMeasure(name: 'ks' | 'ztest' | 'welch', summary: string, output: string): CliMeasure {
  return {
    name,
    summary,
    options: ['p', 'q'],
    example: { args: EXAMPLE_SAMPLES, output },
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
  distanceMeasure('wasserstein', '1-D Wasserstein-1 distance', 'W1(P, Q)', wasserstein, 'W1(P, Q) = 0.8866666666666666'),
  distanceMeasure('energy', '1-D energy distance', 'energy distance', energyDistance, 'energy distance = 0.7302967433402214'),
  testMeasure('ks', 'two-sample Kolmogorov-Smirnov test (exact p for small samples, asymptotic for large)', 'ks: statistic = 0.5, p-value = 0.35714285714285715 (exact p-value; largest gap at x = 0.3)'),
  testMeasure('ztest', 'two-sample z-test of means (variances with ddof = 1)', 'ztest: statistic = -1.5224627889443167, p-value = 0.12789316240125584'),
  testMeasure('welch', "Welch's t-test of means (unequal variances), with its degrees of freedom", 'welch: statistic = -1.5224627889443167, p-value = 0.16332924850640818, df = 8.71180156490071'),
  {
    name: 'knn-kl',
    summary: 'k-NN estimate of D(P||Q) from samples (Wang, Kulkarni & Verdu 2009); rows for d dimensions [--k K]',
    options: ['p', 'q', 'k', 'base', 'duplicates'],
    example: {
      args: ['--p', EXAMPLE_SAMPLES[1] as string, '--q', '[1.9, 2.6, 3.1, 3.5, 4.2]'],
      output: 'D(P||Q) ≈ 0.8958797346140277 nats (k-NN estimate, k = 1, d = 1, n = 6, m = 5)',
    },
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
    example: {
      args: [...EXAMPLE_SAMPLES, '--bins', '3', '--smoothing', '0.5'],
      output: 'D(P||Q) ≈ 0.15013969978682357 nats (histogram estimate, 3 bins by count)',
    },
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
    example: {
      args: ['--input', '[[-1.3863, -0.6931, -1.3863], [-0.9163, -0.9163, -1.6094]]', '--target', '[[0.3, 0.6, 0.1], [0.5, 0.3, 0.2]]', '--reduction', 'batchmean'],
      output:
        'KLDivLoss (batchmean) = 0.04885063053932335; batchmean = sum / rows: the mean over rows of KL(target row ‖ exp(input row)), the KL divergence when each row of target and of exp(input) is a distribution',
    },
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
