import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FLAGS, VALUE_OPTIONS } from '../../../src/cli/args';
import { MEASURES } from '../../../src/core/measures';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');

function divergence(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const NUMBER = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g;

/** The same text, and the same numbers to 1e-12 relative (the last digits of a sum may differ by platform). */
function assertSameOutput(actual: string, expected: string, what: string) {
  assert.equal(actual.replace(NUMBER, '#'), expected.replace(NUMBER, '#'), what);
  const a = (actual.match(NUMBER) ?? []).map(Number);
  const e = (expected.match(NUMBER) ?? []).map(Number);
  e.forEach((x, i) => {
    const delta = Math.abs((a[i] as number) - x) / Math.max(Math.abs(x), 1e-300);
    assert.ok(delta <= 1e-12, `${what}: number ${i} is ${a[i]}, expected ${x} (relative delta ${delta})`);
  });
}

const general = () => divergence('--help').stdout;
const measureNames = () => {
  const section = general().split('\nmeasures:\n')[1]!.split('\n\n')[0]!;
  return section.split('\n').map((l) => l.trim().split(/\s+/)[0]!);
};

describe('divergence CLI help (dist/cli.js)', () => {
  before(function () {
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does)');
  });

  it('the general help lists every option the parser takes', () => {
    const text = general();
    for (const name of [...VALUE_OPTIONS, ...FLAGS]) assert.match(text, new RegExp(`^  --${name}\\b`, 'm'), `--${name} is not in the help`);
    for (const name of ['mu0', 'sigma0', 'cov0', 'alpha', 'samples', 'seed', 'version']) assert.ok(VALUE_OPTIONS.has(name) || FLAGS.has(name), name);
  });

  it("lists the registry's measures first, in its order", () => {
    const fromRegistry = MEASURES.flatMap((d) => (d.cli ? [d.cli.name] : []));
    assert.deepEqual(measureNames().slice(0, fromRegistry.length), fromRegistry);
  });

  it('--version prints the version of package.json', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const r = divergence('--version');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `divergence ${version}\n`);
  });

  it('every measure has a help with its options and an example whose output is what the example prints', function () {
    this.timeout(60_000);
    const names = measureNames();
    assert.ok(names.length >= 22, names.join(' '));
    for (const name of names) {
      const r = divergence(name, '--help');
      assert.equal(r.status, 0, `${name} --help: ${r.stderr}`);
      assert.match(r.stdout, new RegExp(`^usage: divergence ${name} \\[options\\] \\[--json\\]$`, 'm'));
      assert.match(r.stdout, /^options:\n {2}--/m);
      const lines = r.stdout.trimEnd().split('\n');
      const command = lines.at(-2)!.trim();
      assert.ok(command.startsWith(`$ divergence ${name} `), `${name}: ${command}`);
      // Run the example as a shell would read it from the help.
      const run = spawnSync('sh', ['-c', `"${process.execPath}" "${cli}" ${command.slice(`$ divergence `.length)}`], { cwd: root, encoding: 'utf8' });
      assert.equal(run.status, 0, `${command}: ${run.stderr}`);
      assertSameOutput(run.stdout.trim(), lines.at(-1)!.trim(), command);
    }
  });

  it('an unknown measure with --help is still a usage error', () => {
    const r = divergence('klx', '--help', '--json');
    assert.equal(r.status, 2);
    assert.equal(JSON.parse(r.stdout).error.code, 'usage');
  });

  describe('kl of inputs that read as samples names the sample measures', () => {
    const cases: [string, string[], string][] = [
      ['a negative value', ['--p', '[-0.5, 0.1, 0.3]', '--q', '[0.4, 1.1, 1.5]'], 'invalid-value'],
      ['lengths that differ', ['--p', '[0.5, 0.5]', '--q', '[0.2, 0.3, 0.5]'], 'length-mismatch'],
    ];
    for (const [what, args, code] of cases) {
      it(`${what}: exit 2, code ${code}, and ks, wasserstein and knn-kl in the message`, () => {
        const r = divergence('kl', ...args, '--json');
        assert.equal(r.status, 2);
        const { error } = JSON.parse(r.stdout) as { error: { code: string; message: string } };
        assert.equal(error.code, code);
        assert.match(error.message, /look like samples.*divergence ks, wasserstein or knn-kl/);
        assert.equal(r.stderr, `divergence: ${error.message}\n`);
      });
    }

    it('log-probabilities are negative by nature: with --input log only differing lengths read as samples', () => {
      const r = divergence('kl', '--p', '[-1, -0.5]', '--q', '[-0.7, -0.7, -0.7]', '--input', 'log', '--json');
      assert.equal(r.status, 2);
      assert.match(JSON.parse(r.stdout).error.message, /look like samples/);
      const ok = divergence('kl', '--p', '[-1.5, -0.3]', '--q', '[nan, -0.7]', '--input', 'log', '--json');
      assert.doesNotMatch(JSON.parse(ok.stdout).error.message, /samples/);
    });
  });
});
