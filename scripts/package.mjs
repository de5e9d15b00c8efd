#!/usr/bin/env node
// Packages the extension into divergence-lens-<version>.vsix with @vscode/vsce. The bundles carry their
// dependencies, so the .vsix holds no node_modules (`--no-dependencies`); .vscodeignore says what it holds.
// vsce first runs the `vscode:prepublish` script (the build). When dist/ is already built (`npm run build`,
// as `npm test` and `npm start` do), DIVERGENCE_LENS_BUILT=1 tells that script to package it as it is
// rather than build it a second time.
//
// `--web` packages a browser-only variant instead, divergence-lens-<version>-web.vsix: the same extension
// with its `browser` entry and no `main`, which a VS Code server (code-server) runs in the browser's web
// worker extension host. The end-to-end suite installs it to test the web extension; it is not published.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { name, version } = manifest;
const web = process.argv.includes('--web');
const out = web ? `${name}-${version}-web.vsix` : `${name}-${version}.vsix`;

/** vsce, run by this Node from the project's node_modules (also from a staging folder outside the project). */
function vsce(cwd, env) {
  const cli = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [cli, 'package', '--no-dependencies', '-o', join(root, out)], {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/**
 * The browser-only variant, packaged from a staging folder: the manifest without `main` (and without the
 * scripts, so vsce builds nothing), the browser bundle, the webview and the files the manifest names.
 */
function packageWeb() {
  if (!existsSync(join(root, manifest.browser))) {
    console.error(`package: ${manifest.browser} is not built; run \`npm run build\` first`);
    process.exit(1);
  }
  const stage = mkdtempSync(join(tmpdir(), 'divergence-lens-web-'));
  try {
    const { main: _main, scripts: _scripts, bin: _bin, ...webManifest } = manifest;
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify(webManifest, null, 2)}\n`);
    for (const f of ['README.md', 'LICENSE', 'CHANGELOG.md', manifest.browser, 'media/icon.png']) {
      mkdirSync(dirname(join(stage, f)), { recursive: true });
      copyFileSync(join(root, f), join(stage, f));
    }
    for (const step of manifest.contributes.walkthroughs.flatMap((w) => w.steps)) {
      copyFileSync(join(root, step.media.image), join(stage, step.media.image));
    }
    cpSync(join(root, 'dist', 'webview'), join(stage, 'dist', 'webview'), { recursive: true, filter: (f) => !f.endsWith('.map') });
    vsce(stage, process.env);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (web) {
  packageWeb();
} else {
  const built = existsSync(join(root, 'dist', 'extension.js'));
  if (!built) console.log('package: dist/ is not built; vsce builds it first');
  vsce(root, built ? { ...process.env, DIVERGENCE_LENS_BUILT: '1' } : process.env);
}
const bytes = statSync(join(root, out)).size;
console.log(`package: ${out} (${(bytes / 1024).toFixed(0)} KiB)`);
const LIMIT = 2 * 1024 * 1024;
if (bytes >= LIMIT) {
  console.error(`package: ${out} is ${bytes} bytes; it must stay under 2 MiB`);
  process.exit(1);
}
