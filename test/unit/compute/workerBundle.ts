/**
 * The worker program (src/compute/worker.ts) bundled for a test, as scripts/build.mjs bundles dist/worker.js,
 * so the worker tests do not depend on a prior build. Each suite bundles to its own folder under build/.
 */
import { join } from 'node:path';
import { build } from 'esbuild';

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
