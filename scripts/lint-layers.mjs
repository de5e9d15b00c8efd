#!/usr/bin/env node
// The layering rule of the architecture, checked rather than hoped for:
//   core <- {data, compute, drift, shared, extension, cli, webview};  compute <- {extension, cli};
//   data <- {compute (dist/core.js, src/compute/library.ts, re-exports the table readers), drift, engine, extension, cli};
//   drift <- {engine, extension, cli};  engine <- {extension, cli};
//   shared <- {cli, extension, webview}. The webview takes its maths from core (pure: no vscode, no Node).
// core, data, drift, shared and webview never import `vscode`; core, data, drift and shared import no Node built-ins.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinModules } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** layer -> layers it may import (besides itself). */
const ALLOWED = {
  core: [],
  data: ['core'],
  shared: ['core'],
  compute: ['core', 'data'],
  drift: ['core', 'data'],
  engine: ['core', 'data', 'drift', 'shared'],
  cli: ['core', 'compute', 'data', 'shared', 'drift', 'engine'],
  extension: ['core', 'compute', 'data', 'shared', 'drift', 'engine'],
  webview: ['shared', 'core'],
};
const NO_VSCODE = new Set(['core', 'data', 'drift', 'engine', 'shared', 'webview', 'compute', 'cli']);
const NO_NODE = new Set(['core', 'data', 'drift', 'shared', 'webview']);
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) yield p;
  }
}

function layerOf(file) {
  const rel = relative(root, file).split(sep);
  if (rel[0] === 'webview') return 'webview';
  if (rel[0] === 'src') return rel[1];
  return undefined;
}

const importRe = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]\s*\)|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

const problems = [];
for (const base of ['src', 'webview']) {
  for (const file of files(join(root, base))) {
    const layer = layerOf(file);
    if (!layer || !(layer in ALLOWED)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
      const where = relative(root, file);
      if (spec === 'vscode' && NO_VSCODE.has(layer)) problems.push(`${where}: ${layer} must not import 'vscode'`);
      if (builtins.has(spec) && NO_NODE.has(layer)) problems.push(`${where}: ${layer} must not import the Node built-in '${spec}'`);
      if (spec.startsWith('.')) {
        const target = layerOf(resolve(dirname(file), spec));
        if (target && target !== layer && !ALLOWED[layer].includes(target)) {
          problems.push(`${where}: ${layer} must not import from ${target} ('${spec}')`);
        }
      }
    }
  }
}
if (problems.length) {
  console.error(`lint: ${problems.length} layering problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('lint: layering rules hold');
