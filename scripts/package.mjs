#!/usr/bin/env node
// Packages the extension into divergence-lens-<version>.vsix with @vscode/vsce. The bundles carry their
// dependencies, so the .vsix holds no node_modules (`--no-dependencies`); .vscodeignore says what it holds.
// vsce first runs the `vscode:prepublish` script (the build). When dist/ is already built (`npm run build`,
// as `npm test` and `npm start` do), DIVERGENCE_LENS_BUILT=1 tells that script to package it as it is
// rather than build it a second time.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = `${name}-${version}.vsix`;

const built = existsSync(join(root, 'dist', 'extension.js'));
if (!built) console.log('package: dist/ is not built; vsce builds it first');
const r = spawnSync('npx', ['vsce', 'package', '--no-dependencies', '-o', out], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: built ? { ...process.env, DIVERGENCE_LENS_BUILT: '1' } : process.env,
});
if (r.status !== 0) process.exit(r.status ?? 1);
const bytes = statSync(join(root, out)).size;
console.log(`package: ${out} (${(bytes / 1024).toFixed(0)} KiB)`);
const LIMIT = 2 * 1024 * 1024;
if (bytes >= LIMIT) {
  console.error(`package: ${out} is ${bytes} bytes; it must stay under 2 MiB`);
  process.exit(1);
}
