// The Python baselines that run after ours, in one child process (bench/baseline.py CONFIG.json), and the
// environment of every Python child (this one and the interleaved server of bench/pythonServer.mjs).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Why the Python baselines cannot run (`skip`: --no-python), or undefined when they can. */
export function pythonMissing(skip) {
  if (skip) return 'SciPy baselines skipped (--no-python)';
  const probe = spawnSync('python3', ['-c', 'import scipy'], { encoding: 'utf8' });
  return probe.status !== 0 ? 'SciPy not available: baselines skipped' : undefined;
}

/**
 * The Python children's environment: OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are set on some machines of this
 * workplace (older OpenBLAS builds need them) and slow a current numpy: unset both, for those children only.
 */
export function pythonEnv() {
  const env = { ...process.env };
  const unset = { OPENBLAS_CORETYPE: env.OPENBLAS_CORETYPE ?? null, OPENBLAS_L2_SIZE: env.OPENBLAS_L2_SIZE ?? null };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return { env, unset };
}

/** Runs bench/baseline.py on `config` (written into outDir): { env, cases, unset } or { skipped: why }. */
export function pythonBaselines(config, { root, outDir, skip }) {
  const why = pythonMissing(skip);
  if (why) return { skipped: why };
  const configPath = join(outDir, 'baseline-config.json');
  writeFileSync(configPath, JSON.stringify(config, null, 1));
  const { env, unset } = pythonEnv();
  const r = spawnSync('python3', [join(root, 'bench', 'baseline.py'), configPath], {
    encoding: 'utf8',
    env,
    maxBuffer: 64 * 2 ** 20,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) return { skipped: `Python baselines failed (exit ${r.status ?? r.signal}): ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  try {
    const out = JSON.parse(r.stdout);
    return { ...out, unset };
  } catch (e) {
    return { skipped: `Python baselines printed no JSON: ${String(e)}` };
  }
}
