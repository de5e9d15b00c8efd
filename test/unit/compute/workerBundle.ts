/**
 * Helpers of the worker tests. The worker program (src/compute/worker.ts) bundled for a test, as scripts/build.mjs bundles dist/worker.js,
 * so the worker tests do not depend on a prior build. Each suite bundles to its own folder under build/.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { build } from 'esbuild';
import { DivergenceError } from '../../../src/core/errors';
import { seededRandom } from '../core/klFixtures';

export const ROOT = join(__dirname, '..', '..', '..');

/** Bundles the worker to build/<folder>/worker.js and returns that path. */
export async function bundleWorker(folder: string): Promise<string> {
  const outfile = join(ROOT, 'build', folder, 'worker.js');
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/compute/worker.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    loader: { '.wasm': 'binary' },
    logLevel: 'silent',
  });
  return outfile;
}

/** Seeded P and Q (q = qScale·(p/2 + u)), optionally on SharedArrayBuffers. */
export function randomPair(n: number, seed: number, qScale = 1, shared = false): [Float64Array, Float64Array] {
  const rand = seededRandom(seed);
  const make = (): Float64Array => (shared ? new Float64Array(new SharedArrayBuffer(8 * n)) : new Float64Array(n));
  const p = make();
  const q = make();
  for (let i = 0; i < n; i++) {
    p[i] = rand();
    q[i] = qScale * (p[i]! * 0.5 + rand());
  }
  return [p, q];
}

/** The DivergenceError `f` throws (fails the test when it throws nothing, or something else). */
export function thrown(f: () => unknown): DivergenceError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof DivergenceError, `expected a DivergenceError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected an error');
}
