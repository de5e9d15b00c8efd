#!/usr/bin/env node
// Builds every program of Divergence Lens: the AssemblyScript kernels, then the esbuild bundles
// (extension host, the extension for the browser, public compute API, CLI, webview) and the webview's static
// assets.
// `--watch` rebuilds on change; `--no-typecheck` skips tsc (the watch loop type-checks apart, as
// esbuild-sample does, so a type error never blocks a rebuild).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { BROWSER_BUNDLE_BUDGET, browserBundleOptions, foreignImports } from './browserBundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');

// `--prepublish` is vsce's `vscode:prepublish`, so `vsce package` and `vsce publish` build first.
// scripts/package.mjs sets DIVERGENCE_LENS_BUILT=1 when dist/ is already built, to package it as it is.
if (args.has('--prepublish') && process.env.DIVERGENCE_LENS_BUILT === '1') {
  console.log('build: dist/ is already built; packaging it as it is');
  process.exit(0);
}
const production = !watch;

function run(cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', shell: false });
  if (r.status !== 0) {
    console.error(`build: '${cmd} ${cmdArgs.join(' ')}' failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function buildWasm() {
  run('npm', ['run', '--silent', 'build:wasm']);
}

function typecheck() {
  run(npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  run(npx, ['tsc', '-p', 'webview/tsconfig.json', '--noEmit']);
  run(npx, ['tsc', '-p', 'test/tsconfig.json', '--noEmit']);
  run(npx, ['tsc', '-p', 'test/integration/tsconfig.json', '--noEmit']);
  run(npx, ['tsc', '-p', 'assembly/tsconfig.json', '--noEmit']);
}

/** KaTeX's stylesheet lists woff2, woff and ttf for every font; every webview engine VS Code runs reads
 * woff2, so only those are shipped (keeps the .vsix small). */
function copyKatexAssets() {
  const src = join(root, 'node_modules', 'katex', 'dist');
  const out = join(root, 'dist', 'webview', 'katex');
  mkdirSync(join(out, 'fonts'), { recursive: true });
  for (const f of readdirSync(join(src, 'fonts'))) {
    if (f.endsWith('.woff2')) copyFileSync(join(src, 'fonts', f), join(out, 'fonts', f));
  }
  const css = readFileSync(join(src, 'katex.min.css'), 'utf8').replace(
    /url\((fonts\/[^)]+\.woff2)\) format\("woff2"\)(,url\([^)]+\) format\("(woff|truetype)"\))+/g,
    'url($1) format("woff2")',
  );
  if (/\.ttf|\.woff\)/.test(css)) throw new Error('build: KaTeX CSS still references woff/ttf fonts');
  writeFileSync(join(out, 'katex.min.css'), css);
}

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  loader: { '.wasm': 'binary' },
  legalComments: 'none',
};

const nodeCommon = { ...common, platform: 'node', format: 'cjs', target: 'node18' };

const integrationBuilds = [
  {
    ...nodeCommon,
    entryPoints: { index: 'test/integration/index.ts', runTest: 'test/integration/runTest.ts' },
    outdir: 'dist/test/integration',
    external: ['vscode', 'mocha', '@vscode/test-electron'],
    minify: false,
  },
];

const builds = [
  // DuckDB is loaded from where the user installed it (src/extension/driftEngine.ts), never bundled.
  { ...nodeCommon, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', '@duckdb/node-api'] },
  browserBundleOptions(common),
  { ...nodeCommon, entryPoints: ['src/compute/library.ts'], outfile: 'dist/core.js', minify: false },
  { ...nodeCommon, entryPoints: ['src/compute/worker.ts'], outfile: 'dist/worker.js' },
  {
    ...nodeCommon,
    entryPoints: ['src/cli/bin.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    // DuckDB is a native module of about 70 MB, loaded only by --engine duckdb where it is installed; pg's
    // optional native binding is never used.
    external: ['@duckdb/node-api', 'pg-native'],
  },
  {
    ...common,
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    ...common,
    entryPoints: { webview: 'webview/webview.css' },
    outdir: 'dist/webview',
    loader: { '.css': 'css' },
  },
];

/** The browser bundle holds no Node built-in and stays within its budget; prints its size and gzip size. */
function checkBrowserBundle(metafile) {
  const foreign = foreignImports(metafile);
  if (foreign.length > 0) throw new Error(`build: the browser bundle imports ${foreign.join(', ')}`);
  const bytes = readFileSync(join(root, 'dist', 'web', 'extension.js'));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const kb = (n) => `${(n / 1000).toFixed(0)} kB`;
  console.log(`build: browser bundle dist/web/extension.js ${kb(bytes.length)} (gzip ${kb(gzip)}; budget ${BROWSER_BUNDLE_BUDGET / 1e6} MB)`);
  if (bytes.length >= BROWSER_BUNDLE_BUDGET) throw new Error(`build: the browser bundle has ${bytes.length} bytes, over its budget`);
}

async function main() {
  if (!watch) rmSync(join(root, 'dist'), { recursive: true, force: true });
  buildWasm();
  if (!args.has('--no-typecheck') && !watch) typecheck();
  copyKatexAssets();
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...b, absWorkingDir: root })));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log('build: watching (Ctrl-C to stop); run `npm run typecheck` for types');
    return;
  }
  const all = args.has('--integration') ? [...builds, ...integrationBuilds] : builds;
  const results = await Promise.all(all.map((b) => esbuild.build({ ...b, absWorkingDir: root })));
  checkBrowserBundle(results[all.indexOf(builds[1])].metafile);
  chmodSync(join(root, 'dist', 'cli.js'), 0o755);
  console.log('build: done');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
