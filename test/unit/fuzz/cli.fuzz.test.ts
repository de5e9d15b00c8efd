/**
 * Fuzzing the command line in-process (`main(argv)` of src/cli/main.ts, stdout and stderr captured): argv
 * built from every measure and its options, with values that are valid, borderline or hostile (inline
 * literals, mutated literals, junk, the hostile fixture files, option words where values belong). The
 * contract (CLI.md): exit 0 with one result line (with --json one object without NaN, null or -Infinity;
 * +Infinity as "Infinity"), or exit 2 with exactly one line on stderr and, with --json, an error object whose
 * code is one of the contract's codes (never internal-error).
 */
import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { main } from '../../../src/cli/main';
import { fuzz, interestingNumber, junk, mutateTextAll, mutations, timeoutFor, writeNumber, type Mutation } from './fuzzSupport';

const CODES = new Set(['invalid-value', 'length-mismatch', 'empty-input', 'zero-sum', 'parse-error', 'invalid-parameter', 'not-positive-definite', 'file-not-found', 'unsupported-file', 'usage']);

const hostileDir = join(__dirname, '..', '..', 'fixtures', 'hostile');
const hostileFiles = readdirSync(hostileDir).filter((f) => f !== 'README.md' && !f.startsWith('deep'));

const numbers = fc.array(fc.oneof({ weight: 4, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }, { weight: 1, arbitrary: interestingNumber }), { minLength: 0, maxLength: 6 });
const vectorText = fc.tuple(numbers, fc.nat({ max: 9 })).map(([xs, s]) => (s % 2 ? `[${xs.map((x) => writeNumber(x, s)).join(', ')}]` : xs.map((x) => writeNumber(x, s)).join(' ')));
const matrixText = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 9, maxLength: 9 })).map(([r, c, v]) => `[${Array.from({ length: r }, (_, i) => `[${v.slice(i * c, i * c + c).join(', ')}]`).join(', ')}]`);
const value = fc.oneof(
  { weight: 6, arbitrary: vectorText },
  { weight: 2, arbitrary: matrixText },
  { weight: 2, arbitrary: fc.tuple(vectorText, mutations).map(([t, m]) => mutateTextAll(t, m)) },
  { weight: 2, arbitrary: fc.constantFrom('e', '2', '10', '0.5', '0', '1', '-1', 'nan', 'inf', '', ' ', 'prob', 'log', 'logits', 'mc', 'variational', 'unscented', 'sum', 'mean', 'batchmean', 'none', 'fd', 'sturges', '3', '1e9', '2.5', 'error', 'skip', '--json', '--p', '-1 2', '@', '@/dev/zero', '@/nonexistent.csv', '1/3 2/3') },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...hostileFiles), fc.constantFrom('', ':p', ':q', ':0', ':1', ':9', ':p:0', ':x')).map(([f, sel]) => `@${join(hostileDir, f)}${sel}`) },
  { weight: 1, arbitrary: fc.array(junk, { maxLength: 6 }).map((a) => a.join('')) },
);
/** Values of n numbers, mostly probabilities, written in one of the literal styles. */
const list = (n: number, num: fc.Arbitrary<number> = fc.double({ min: 0, max: 1, noNaN: true })) =>
  fc.tuple(fc.array(fc.oneof({ weight: 9, arbitrary: num }, { weight: 1, arbitrary: interestingNumber }), { minLength: n, maxLength: n }), fc.nat({ max: 9 })).map(([xs, s]) =>
    s % 2 ? `[${xs.map((x) => writeNumber(x, s)).join(', ')}]` : xs.map((x) => writeNumber(x, s)).join(' '),
  );
const real = fc.double({ min: -5, max: 5, noNaN: true });
const positive = fc.double({ min: 0.01, max: 5, noNaN: true });
const base = fc.constantFrom('e', '2', '10', '3.5', '0.5');
const opt = <T>(name: string, a: fc.Arbitrary<T>) => fc.option(a.map((v) => [`--${name}`, String(v)]), { nil: undefined, freq: 2 });
const flag = (name: string) => fc.boolean().map((b) => (b ? [`--${name}`] : []));
/** d x d covariance A·Aᵀ + I/10 as nested-list text. */
const covText = (d: number) =>
  fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: d * d, maxLength: d * d }).map((a) => {
    const rows: string[] = [];
    for (let i = 0; i < d; i++) {
      const row: number[] = [];
      for (let j = 0; j < d; j++) {
        let v = i === j ? 0.1 : 0;
        for (let k = 0; k < d; k++) v += a[i * d + k]! * a[j * d + k]!;
        row.push(v);
      }
      rows.push(`[${row.join(', ')}]`);
    }
    return `[${rows.join(', ')}]`;
  });

type Words = (string[] | undefined)[];
const join2 = (parts: Words): string[] => parts.flatMap((w) => w ?? []);

/** A valid invocation of each measure (values may still be borderline: zeros, subnormals, huge). */
const recipes: Record<string, fc.Arbitrary<string[]>> = {
  pair: fc.tuple(fc.constantFrom('cross-entropy', 'kl', 'jeffreys', 'js', 'js-distance', 'tv', 'hellinger', 'bhattacharyya'), fc.integer({ min: 1, max: 6 })).chain(([m, n]) =>
    fc.tuple(fc.constant([m]), list(n).map((v) => ['--p', v]), list(n).map((v) => ['--q', v]), opt('base', base), flag('no-normalize'), opt('input', fc.constantFrom('prob', 'log', 'logits'))).map((w) => join2(w as Words)),
  ),
  entropy: fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(list(n).map((v) => ['entropy', '--p', v]), opt('base', base), flag('no-normalize')).map((w) => join2(w as Words))),
  renyi: fc.integer({ min: 1, max: 6 }).chain((n) =>
    fc.tuple(list(n).map((v) => ['renyi', '--p', v]), list(n).map((v) => ['--q', v]), fc.constantFrom('0.5', '2', 'inf', '1', '0.999', '50').map((a) => ['--alpha', a]), opt('base', base)).map((w) => join2(w as Words)),
  ),
  gaussian: fc.tuple(real, positive, real, positive, opt('base', base)).map(([a, b, c, d, o]) => join2([['gaussian-kl', '--mu0', String(a), '--sigma0', String(b), '--mu1', String(c), '--sigma1', String(d)], o])),
  mvn: fc.integer({ min: 1, max: 3 }).chain((d) =>
    fc.tuple(list(d, real), covText(d), list(d, real), covText(d)).map(([m0, c0, m1, c1]) => ['mvn-kl', '--mu0', `[${m0.replace(/^\[|\]$/g, '').trim().split(/[\s,]+/).join(', ')}]`, '--cov0', c0, '--mu1', `[${m1.replace(/^\[|\]$/g, '').trim().split(/[\s,]+/).join(', ')}]`, '--cov1', c1]),
  ),
  vae: fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(list(n, real), list(n, real)).map(([mu, lv]) => ['vae-kl', '--mu', mu, '--logvar', lv])),
  gmm: fc.integer({ min: 1, max: 3 }).chain((k) =>
    fc
      .tuple(list(k), list(k, real), list(k, positive), list(k), list(k, real), list(k, positive), fc.constantFrom(['--method', 'variational'], ['--method', 'unscented'], ['--method', 'mc', '--samples', '16', '--seed', '3']))
      .map(([pw, pm, ps, qw, qm, qs, m]) => ['gmm-kl', '--p-weights', pw, '--p-means', pm, '--p-sigmas', ps, '--q-weights', qw, '--q-means', qm, '--q-sigmas', qs, ...m]),
  ),
  samples: fc.tuple(fc.constantFrom('wasserstein', 'energy', 'ks', 'ztest', 'welch', 'knn-kl', 'hist-kl'), fc.integer({ min: 2, max: 7 }), fc.integer({ min: 2, max: 7 })).chain(([m, n, k]) =>
    fc.tuple(fc.constant([m]), list(n, real).map((v) => ['--p', v]), list(k, real).map((v) => ['--q', v])).map((w) => join2(w as Words)),
  ),
  kldivloss: fc.integer({ min: 1, max: 5 }).chain((n) =>
    fc.tuple(list(n, fc.double({ min: -10, max: 0, noNaN: true })), list(n), fc.constantFrom('sum', 'mean', 'batchmean', 'none'), flag('log-target')).map(([i, t, r, lt]) => ['kldivloss', '--input', i, '--target', t, '--reduction', r, ...lt]),
  ),
};

type Perturbation = { kind: 'none' } | { kind: 'drop' | 'replace' | 'mutate' | 'insert'; at: number; value: string; ms: Mutation[] };
const perturbation: fc.Arbitrary<Perturbation> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'none' } as const) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('drop' as const, 'replace' as const, 'mutate' as const, 'insert' as const), at: fc.nat(), value, ms: mutations }) },
);

function perturb(words: string[], p: Perturbation): string[] {
  if (p.kind === 'none' || words.length < 2) return words;
  const i = 1 + (p.at % (words.length - 1));
  const w = words.slice();
  if (p.kind === 'drop') w.splice(i, 1);
  else if (p.kind === 'replace') w[i] = p.value;
  else if (p.kind === 'mutate') w[i] = mutateTextAll(w[i]!, p.ms);
  else w.splice(i, 0, p.value);
  return w;
}

const argv = fc
  .tuple(
    fc.oneof({ weight: 12, arbitrary: fc.oneof(...Object.values(recipes)) }, { weight: 1, arbitrary: fc.constantFrom<string[]>([], ['klx'], ['-h'], ['--json'], ['KL', '--p', '1']) }),
    perturbation,
    perturbation,
    fc.boolean(),
  )
  .map(([words, a, b, json]) => {
    const out = perturb(perturb(words, a), b);
    if (json) out.push('--json');
    return out;
  });

function runMain(args: readonly string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const status = main(args);
    assert.equal(typeof status, 'number', 'only drift and sql (never generated here) run asynchronously');
    return { status: status as number, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

describe('fuzz: the command line (in-process)', function () {
  this.timeout(timeoutFor(1, 5));

  it('every argv ends in exit 0 with a clean result or exit 2 with one line and a contract code', () => {
    fuzz(__filename, 'every argv ends in exit 0 with a clean result or exit 2 with one line and a contract code', [argv], (args) => {
      const r = runMain(args);
      const json = args.includes('--json');
      const help = args.includes('-h') || args.includes('--help');
      if (r.status === 0) {
        if (help) return;
        assert.equal(r.stderr, '', 'nothing on stderr on success');
        assert.equal(r.stdout.split('\n').length, 2, 'one result line');
        if (json) {
          const out = JSON.parse(r.stdout) as unknown;
          const walk = (v: unknown, path: string): void => {
            assert.notEqual(v, null, `null (a NaN) at ${path}`);
            if (typeof v === 'number') assert.ok(Number.isFinite(v), `${v} at ${path}`);
            if (typeof v === 'string') assert.doesNotMatch(v, /^(NaN|-Infinity|-?\d)/, `'${v}' at ${path}: a number as text`);
            if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (k !== 'note' && k !== 'measure') walk(x, `${path}.${k}`);
          };
          walk(out, 'result');
        } else {
          assert.doesNotMatch(r.stdout, /\bNaN\b|-Infinity|-∞/, r.stdout);
        }
        return;
      }
      assert.equal(r.status, 2, `exit status: ${r.stderr}`);
      assert.match(r.stderr, /^divergence: [^\n]+\n$/, 'exactly one line on stderr');
      assert.doesNotMatch(r.stderr, /internal error|\n\s+at |\[object /, r.stderr);
      if (json) {
        const e = JSON.parse(r.stdout) as { error: { code: string; message: string } };
        assert.ok(CODES.has(e.error.code), `code ${e.error.code}`);
        assert.equal(`divergence: ${e.error.message}\n`, r.stderr);
      } else {
        assert.equal(r.stdout, '');
      }
    }, 0.5);
  });
});
