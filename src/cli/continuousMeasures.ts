/**
 * The Gaussian measures of the command line: closed forms for univariate and multivariate Gaussians, the VAE
 * term, and Gaussian mixtures (which have no closed form: Monte Carlo or an approximation, said in the output).
 */
import { gaussianKl, gmmKl, mvnKl, vaeKl, type GaussianMixture } from '../compute';
import { DivergenceError } from '../core/errors';
import { formatFull } from '../shared/format';
import type { CliArgs } from './args';
import { baseOption, choiceOption, jsonNumber, matrixOption, numberOption, specOption, type CliMeasure } from './measure';

/** A scalar parameter given as a SPEC holding exactly one number ("0.5", "[0.5]", "@mu.txt"). */
function scalarSpec(args: CliArgs, name: string): number {
  const values = specOption(args, name);
  if (values.length !== 1) {
    throw new DivergenceError('usage', `--${name} must be one number, but it has ${values.length} values`);
  }
  return values[0] as number;
}

function mixture(args: CliArgs, side: 'p' | 'q'): GaussianMixture {
  return {
    weights: specOption(args, `${side}-weights`),
    means: specOption(args, `${side}-means`),
    sigmas: specOption(args, `${side}-sigmas`),
  };
}

export const CONTINUOUS_MEASURES: readonly CliMeasure[] = [
  {
    name: 'gaussian-kl',
    summary: 'D(N(mu0, sigma0^2) || N(mu1, sigma1^2)), closed form; sigma is the standard deviation',
    options: ['mu0', 'sigma0', 'mu1', 'sigma1', 'base'],
    example: { args: ['--mu0', '0', '--sigma0', '1', '--mu1', '1', '--sigma1', '2'], output: 'D(N0||N1) = 0.4431471805599453 nats (closed form)' },
    run: (args) => {
      const r = gaussianKl(scalarSpec(args, 'mu0'), scalarSpec(args, 'sigma0'), scalarSpec(args, 'mu1'), scalarSpec(args, 'sigma1'), {
        base: baseOption(args),
      });
      return {
        json: { measure: 'gaussian-kl', value: jsonNumber(r.value), unit: r.unit },
        line: `D(N0||N1) = ${formatFull(r.value)} ${r.unit} (closed form)`,
      };
    },
  },
  {
    name: 'mvn-kl',
    summary: 'D(N(mu0, cov0) || N(mu1, cov1)), multivariate closed form via Cholesky factors',
    options: ['mu0', 'cov0', 'mu1', 'cov1', 'base'],
    example: { args: ['--mu0', '[0, 0]', '--cov0', '[[1, 0], [0, 1]]', '--mu1', '[1, 0]', '--cov1', '[[2, 0.5], [0.5, 1]]'], output: 'D(N0||N1) = 0.4226650368248542 nats (closed form, d = 2)' },
    run: (args) => {
      const cov0 = matrixOption(args, 'cov0');
      const cov1 = matrixOption(args, 'cov1');
      const r = mvnKl(specOption(args, 'mu0'), cov0, specOption(args, 'mu1'), cov1, { base: baseOption(args) });
      return {
        json: { measure: 'mvn-kl', value: jsonNumber(r.value), unit: r.unit, dimension: r.dimension },
        line: `D(N0||N1) = ${formatFull(r.value)} ${r.unit} (closed form, d = ${r.dimension})`,
      };
    },
  },
  {
    name: 'vae-kl',
    summary: "the VAE's KL term -1/2 sum(1 + logvar - mu^2 - exp(logvar)) (--mu --logvar; rows for a batch)",
    options: ['mu', 'logvar', 'base'],
    example: { args: ['--mu', '[[0.5, -1], [0, 0.2]]', '--logvar', '[[0, -0.5], [0.1, 0]]'], output: 'KL(q(z|x) || N(0, I)) = 0.7008507888941405 nats (sum over 4 latent values)' },
    run: (args) => {
      const mu = matrixOption(args, 'mu');
      const logvar = matrixOption(args, 'logvar');
      const rows = mu.shape.length === 2 ? mu.shape[0] : undefined;
      const r = vaeKl(mu.values, logvar.values, { base: baseOption(args), ...(rows !== undefined ? { rows } : {}) });
      return {
        json: { measure: 'vae-kl', value: jsonNumber(r.value), unit: r.unit },
        line: `KL(q(z|x) || N(0, I)) = ${formatFull(r.value)} ${r.unit} (sum over ${r.n} latent values)`,
      };
    },
  },
  {
    name: 'gmm-kl',
    summary: 'D(P||Q) of 1-D Gaussian mixtures: --method mc (with standard error) | variational | unscented',
    options: ['p-weights', 'p-means', 'p-sigmas', 'q-weights', 'q-means', 'q-sigmas', 'method', 'samples', 'seed', 'base'],
    example: {
      args: ['--p-weights', '[0.5, 0.5]', '--p-means', '[-1, 1]', '--p-sigmas', '[0.5, 0.5]', '--q-weights', '[1]', '--q-means', '[0]', '--q-sigmas', '[2]', '--samples', '10000', '--seed', '7'],
      output:
        'D(P||Q) ≈ 0.40530657346530996 ± 0.005150460126068736 (standard error) nats by mc; Monte Carlo estimate from 10000 samples of p (xoshiro128**, seed 7): the mean of ln p(x) − ln q(x); stderr is its standard error',
    },
    run: (args) => {
      const method = choiceOption(args, 'method', ['mc', 'variational', 'unscented'] as const, 'mc');
      if (method !== 'mc' && (args.options.has('samples') || args.options.has('seed'))) {
        throw new DivergenceError('usage', `--samples and --seed are for --method mc, not ${method}`);
      }
      const r = gmmKl(mixture(args, 'p'), mixture(args, 'q'), {
        method,
        base: baseOption(args),
        ...(args.options.has('samples') ? { samples: numberOption(args, 'samples', 0, true) } : {}),
        ...(args.options.has('seed') ? { seed: numberOption(args, 'seed', 0, true) } : {}),
      });
      const json: { [k: string]: string | number } = { measure: 'gmm-kl', value: jsonNumber(r.value), unit: r.unit, method: r.method };
      if (r.stderr !== undefined) json.stderr = jsonNumber(r.stderr);
      json.note = r.note;
      const err = r.stderr !== undefined ? ` ± ${formatFull(r.stderr)} (standard error)` : '';
      return { json, line: `D(P||Q) ≈ ${formatFull(r.value)}${err} ${r.unit} by ${r.method}; ${r.note}` };
    },
  },
];
