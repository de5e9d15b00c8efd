#!/usr/bin/env node
// `npm test`: every test, set-up included, on a fresh clone. Steps: layering lint, ESLint, build (type-checks
// every program), unit tests (mocha, plain Node), package the .vsix and its browser-only variant, then the
// end-to-end suites in a real VS Code (code-server) driven in headless chromium: the extension in the Node
// extension host, then in the browser's web worker extension host. Ends with one line "N passed, N failed".
//   --unit-only   stop after the unit tests      --e2e-only   skip the lints and unit tests
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

let passed = 0;
let failed = 0;

/** Runs a command, echoing its output, and returns its exit code and everything it printed. */
function run(cmd, cmdArgs) {
  return new Promise((resolvePromise) => {
    console.log(`\n> ${cmd} ${cmdArgs.join(' ')}`);
    const child = spawn(cmd, cmdArgs, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      text += d;
      process.stderr.write(d);
    });
    child.on('close', (code, signal) => resolvePromise({ code: code ?? (signal ? 1 : 0), text }));
  });
}

async function step(label, cmd, cmdArgs) {
  const r = await run(cmd, cmdArgs);
  if (r.code !== 0) {
    console.error(`\ntest: ${label} failed (exit ${r.code})`);
    failed += 1;
    finish();
  }
  return r;
}

function count(text, re) {
  const m = re.exec(text);
  return m ? Number(m[1]) : 0;
}

function finish() {
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

if (!args.has('--e2e-only')) {
  await step('layering lint', 'node', ['scripts/lint-layers.mjs']);
  await step('eslint', 'npx', ['eslint', '.']);
}
await step('build', 'node', ['scripts/build.mjs']);
if (!args.has('--e2e-only')) {
  const unit = await run('npx', ['mocha']);
  const p = count(unit.text, /^\s*(\d+) passing/m);
  const f = count(unit.text, /^\s*(\d+) failing/m);
  passed += p;
  failed += f;
  if (unit.code !== 0 && f === 0) failed += 1;
  if (p === 0) {
    console.error('test: the unit suite ran no test');
    failed += 1;
  }
  if (args.has('--unit-only')) finish();
}
await step('package', 'node', ['scripts/package.mjs']);
await step('package the browser-only variant', 'node', ['scripts/package.mjs', '--web']);
const e2e = await run('node', ['test/e2e/run.mjs', '--vsix', `${name}-${version}.vsix`, '--web-vsix', `${name}-${version}-web.vsix`]);
const summary = /^(\d+) passed, (\d+) failed$/m.exec(e2e.text);
if (summary) {
  passed += Number(summary[1]);
  failed += Number(summary[2]);
}
if (e2e.code !== 0 && (!summary || Number(summary[2]) === 0)) {
  console.error(`test: the end-to-end suite exited with ${e2e.code}`);
  failed += 1;
}
finish();
