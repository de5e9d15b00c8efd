#!/usr/bin/env node
// Packages the built extension into divergence-lens-<version>.vsix with @vscode/vsce. The bundles carry
// their dependencies, so the .vsix holds no node_modules (`--no-dependencies`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = `${name}-${version}.vsix`;

if (!existsSync(join(root, 'dist', 'extension.js'))) {
  console.error('package: dist/extension.js is missing; run `npm run build` first.');
  process.exit(1);
}
// The README's screenshot is a relative image, which vsce refuses without a repository URL to prefix; the
// packaged README is the same text without it (the extension has no public repository yet).
const readme = readFileSync(join(root, 'README.md'), 'utf8')
  .split('\n')
  .filter((line) => !/^!\[[^\]]*\]\((?!https:)[^)]*\)$/.test(line) && !/^\*\(Taken by the end-to-end test/.test(line))
  .join('\n');
mkdirSync(join(root, 'build'), { recursive: true });
writeFileSync(join(root, 'build', 'README.vsix.md'), readme);
const r = spawnSync('npx', ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--readme-path', 'build/README.vsix.md', '-o', out], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (r.status !== 0) process.exit(r.status ?? 1);
const bytes = statSync(join(root, out)).size;
console.log(`package: ${out} (${(bytes / 1024).toFixed(0)} KiB)`);
const LIMIT = 2 * 1024 * 1024;
if (bytes >= LIMIT) {
  console.error(`package: ${out} is ${bytes} bytes; it must stay under 2 MiB`);
  process.exit(1);
}
