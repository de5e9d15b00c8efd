/**
 * Every option of the command line, once: the parser takes its value options and flags from here, and the
 * general and per-measure help print the same words, so an option cannot exist without its help line.
 */
export interface CliOption {
  readonly name: string;
  /** What the value looks like ("SPEC", "e|2|10|<number>"); absent for a flag, which takes none. */
  readonly value?: string;
  readonly text: string;
}

export const OPTIONS: readonly CliOption[] = [
  { name: 'p', value: 'SPEC', text: 'P: a distribution, or a sample for the sample measures (rows for d dimensions)' },
  { name: 'q', value: 'SPEC', text: 'Q: a distribution, or a sample for the sample measures' },
  { name: 'base', value: 'e|2|10|<number>', text: 'log base (default e: nats; 2: bits; 10: bans)' },
  { name: 'no-normalize', text: 'use the values as given; by default P and Q are normalised to sum to 1 and the output says so, with the original sums' },
  { name: 'input', value: 'prob|log|logits', text: 'how P and Q are given (default prob); for kldivloss: its input, log q (SPEC)' },
  { name: 'alpha', value: 'A', text: "the order of Renyi's divergence, > 0 ('inf' for the maximum)" },
  { name: 'mu0', value: 'SPEC', text: 'mean of the first Gaussian (a number; a vector for mvn-kl)' },
  { name: 'sigma0', value: 'SPEC', text: 'standard deviation of the first Gaussian, > 0' },
  { name: 'mu1', value: 'SPEC', text: 'mean of the second Gaussian (a number; a vector for mvn-kl)' },
  { name: 'sigma1', value: 'SPEC', text: 'standard deviation of the second Gaussian, > 0' },
  { name: 'cov0', value: 'SPEC', text: 'covariance matrix of the first Gaussian, by rows ("[[1, 0], [0, 1]]")' },
  { name: 'cov1', value: 'SPEC', text: 'covariance matrix of the second Gaussian, by rows' },
  { name: 'mu', value: 'SPEC', text: "the encoder's means (rows for a batch)" },
  { name: 'logvar', value: 'SPEC', text: "the encoder's log-variances, the shape of --mu" },
  { name: 'p-weights', value: 'SPEC', text: "P's mixture weights (gmm-kl), or its sample's weights (wasserstein, energy)" },
  { name: 'p-means', value: 'SPEC', text: "the means of P's components" },
  { name: 'p-sigmas', value: 'SPEC', text: "the standard deviations of P's components" },
  { name: 'q-weights', value: 'SPEC', text: "Q's mixture weights (gmm-kl), or its sample's weights (wasserstein, energy)" },
  { name: 'q-means', value: 'SPEC', text: "the means of Q's components" },
  { name: 'q-sigmas', value: 'SPEC', text: "the standard deviations of Q's components" },
  { name: 'method', value: 'mc|variational|unscented', text: 'how gmm-kl approximates (default mc: Monte Carlo, with its standard error)' },
  { name: 'samples', value: 'N', text: 'the number of Monte Carlo samples (--method mc)' },
  { name: 'seed', value: 'N', text: "the Monte Carlo generator's seed: the same seed, the same estimate" },
  { name: 'k', value: 'K', text: 'the neighbour used by the k-NN estimate (default 1)' },
  { name: 'duplicates', value: 'error|skip', text: 'k-NN: refuse repeated points (default) or skip them' },
  { name: 'bins', value: 'fd|sturges|N', text: "hist-kl's bins: Freedman-Diaconis (default), Sturges, or N bins" },
  { name: 'smoothing', value: 'A', text: 'hist-kl: add A to every bin count' },
  { name: 'target', value: 'SPEC', text: "kldivloss's target (probabilities, or log-probabilities with --log-target)" },
  { name: 'reduction', value: 'sum|mean|batchmean|none', text: 'kldivloss: how the terms are reduced; only batchmean is the KL' },
  { name: 'log-target', text: 'kldivloss: --target holds log-probabilities' },
  { name: 'strict-missing', text: 'refuse a missing value (a null, an empty CSV cell) in a file column instead of skipping it, naming the first' },
  { name: 'json', text: 'one JSON object on stdout; an infinite value is the string "Infinity"' },
  { name: 'help', text: 'this help; after a measure (divergence kl --help), that measure\'s usage, options and an example' },
  { name: 'version', text: 'the version of divergence' },
];

const BY_NAME = new Map(OPTIONS.map((o) => [o.name, o]));

/** An option by name (every name a measure lists is in {@link OPTIONS}: a unit test checks it). */
export function cliOption(name: string): CliOption {
  const o = BY_NAME.get(name);
  if (!o) throw new Error(`no option --${name}`);
  return o;
}

/** `--base e|2|10|<number>`, `--json`: the option as the help writes it. */
export function optionSyntax(o: CliOption): string {
  return o.value ? `--${o.name} ${o.value}` : `--${o.name}`;
}

/** Help lines of the options: the syntax in a column, then the text. */
export function optionLines(options: readonly CliOption[]): string {
  const width = Math.max(...options.map((o) => optionSyntax(o).length)) + 2;
  return options.map((o) => `  ${optionSyntax(o).padEnd(width)}${o.text}`).join('\n');
}
