// The bench's build: esbuild bundles the compute API (and the data readers and mvnKl) into build/bench/, with
// the options of scripts/build.mjs; a module that is missing or does not build turns its case into "not
// available". Only the compute API itself is required.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** Bundles and loads the modules: { modules: { name: exports }, missing: { name: why } }. */
export async function bundle({ root, outDir, log, fail }) {
  mkdirSync(outDir, { recursive: true });
  if (!existsSync(join(root, 'build', 'kernels.wasm'))) {
    log('bench: build/kernels.wasm is missing: npm run build:wasm');
    const r = spawnSync('npm', ['run', '--silent', 'build:wasm'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) fail(`npm run build:wasm failed (exit ${r.status ?? r.signal})`);
  }
  const esbuild = await import('esbuild');
  const options = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    loader: { '.wasm': 'binary' },
    minify: false,
    legalComments: 'none',
    logLevel: 'silent',
  };
  const entries = {
    core: 'src/compute/index.ts',
    mvnKl: 'src/core/mvnKl.ts',
    parseArrayLiteral: 'src/data/parseArrayLiteral.ts',
    hoverModel: 'src/extension/hover/hoverModel.ts',
    csv: 'src/data/csv.ts',
    npy: 'src/data/npy.ts',
  };
  const modules = {};
  const missing = {};
  await Promise.all(
    Object.entries(entries).map(async ([name, entry]) => {
      const outfile = join(outDir, `${name}.js`);
      if (!existsSync(join(root, entry))) {
        missing[name] = `${entry} does not exist`;
        return;
      }
      try {
        await esbuild.build({ ...options, entryPoints: [entry], outfile });
        delete require.cache[outfile];
        modules[name] = require(outfile);
      } catch (e) {
        missing[name] = `${entry} did not build: ${(e?.errors?.[0]?.text ?? e?.message ?? String(e)).split('\n')[0]}`;
      }
    }),
  );
  if (!modules.core) fail(`cannot benchmark without the compute API: ${missing.core}`);
  // The worker program beside core.js: the two-thread KL path and the worker pool look for it there.
  try {
    await esbuild.build({ ...options, entryPoints: ['src/compute/worker.ts'], outfile: join(outDir, 'worker.js') });
  } catch (e) {
    missing.worker = `src/compute/worker.ts did not build: ${(e?.errors?.[0]?.text ?? e?.message ?? String(e)).split('\n')[0]}`;
  }
  for (const [name, entry] of Object.entries({ npyStream: 'src/data/npyStream.ts', csvChunks: 'src/data/csvChunks.ts' })) {
    try {
      const outfile = join(outDir, `${name}.js`);
      await esbuild.build({ ...options, entryPoints: [entry], outfile });
      modules[name] = require(outfile);
    } catch (e) {
      missing[name] = `${entry} did not build: ${(e?.errors?.[0]?.text ?? e?.message ?? String(e)).split('\n')[0]}`;
    }
  }
  if (modules.mvnKl && typeof modules.mvnKl.mvnKl !== 'function') {
    missing.mvnKl = 'src/core/mvnKl.ts exports no mvnKl()';
    delete modules.mvnKl;
  }
  return { modules, missing };
}
