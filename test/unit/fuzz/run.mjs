#!/usr/bin/env node
// `npm run fuzz [-- FILES... mocha options]`: the fuzz suite with more runs (FUZZ_RUNS, default 10^5 here;
// 10^4 in `npm test`) and the seed FUZZ_SEED (default the suite's fixed seed). With FUZZ_PATH from a
// failure report, replays exactly the failing case.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const args = process.argv.slice(2);
const files = args.some((a) => a.endsWith('.ts')) ? [] : ['test/unit/fuzz/**/*.test.ts'];
const env = { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS || '100000' };
console.log(`fuzz: FUZZ_RUNS=${env.FUZZ_RUNS}${env.FUZZ_SEED ? ` FUZZ_SEED=${env.FUZZ_SEED}` : ''}${env.FUZZ_PATH ? ` FUZZ_PATH=${env.FUZZ_PATH}` : ''}`);
const r = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--require', 'tsx/cjs', '--require', 'test/unit/wasmHook.cjs', '--extension', 'ts', '--timeout', '0', ...files, ...args],
  { cwd: root, env, stdio: 'inherit' },
);
process.exit(r.status ?? 1);
