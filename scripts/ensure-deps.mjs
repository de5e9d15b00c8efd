#!/usr/bin/env node
// `npm test` and `npm start` set themselves up on a fresh clone: install the root dev dependencies with
// `npm ci` when node_modules is missing or was installed from another package-lock.json.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.divergence-lens-lock-hash');
const hash = createHash('sha256').update(readFileSync(lock)).digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) process.exit(0);

console.log('setup: installing dev dependencies (npm ci)…');
const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) {
  console.error('setup: `npm ci` failed; check your network access to the npm registry and try again.');
  process.exit(r.status ?? 1);
}
writeFileSync(stamp, hash);
