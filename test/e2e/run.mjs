#!/usr/bin/env node
// End-to-end tests in a real VS Code (code-server) driven in headless Debian chromium.
//
//   node test/e2e/run.mjs [--vsix path/to/x.vsix] [--web-vsix path/to/x-web.vsix] [--grep TEXT] [--keep]
//                         [--case-timeout SECONDS]
//
// Sets up (test/e2e/setup.mjs), then runs two suites, each in its own code-server: the desktop suite
// with the .vsix (the extension in code-server's Node extension host) and the web suite with the
// browser-only variant (`node scripts/package.mjs --web`: no `main`, so code-server runs the extension
// in the browser's web worker extension host). For each: installs the .vsix into fresh
// extensions/user-data dirs under test/e2e/.work/, copies examples/ to a temporary workspace there (the
// repo's files are never touched), starts code-server on a free loopback port, opens it in chromium and
// runs the cases in order. Each case is named and timed; a failing case leaves a screenshot in
// test/e2e/artifacts/<case>.png. A suite whose cases --grep leaves out is not started (the web cases,
// "Web: …", run only with a --grep that says "web"). The last line printed is "N passed, N failed"; the
// exit code is non-zero if any case failed.

import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { installExtension, startCodeServer } from './codeServer.mjs';
import { ARTIFACTS_DIR, CHROMIUM, E2E_DIR, REPO_ROOT, WORK_DIR, ensureAll } from './setup.mjs';
import { Workbench } from './workbench.mjs';

import klOfSelection from './cases/klOfSelection.mjs';
import panelRendersFormula from './cases/panelRendersFormula.mjs';
import noArraysMessage from './cases/noArraysMessage.mjs';
import statusBarAndHover from './cases/statusBarAndHover.mjs';
import pinAndMeasures from './cases/pinAndMeasures.mjs';
import insertComment from './cases/insertComment.mjs';
import compareColumns from './cases/compareColumns.mjs';
import compareColumnsSplit from './cases/compareColumnsSplit.mjs';
import compareColumnsParquet from './cases/compareColumnsParquet.mjs';
import { editorMeasuresPair, editorMeasuresMore } from './cases/editorMeasures.mjs';
import editorMultiCursor from './cases/editorMultiCursor.mjs';
import editorRowByRow from './cases/editorRowByRow.mjs';
import editorDataFileNpy from './cases/editorDataFileNpy.mjs';
import editorMessages from './cases/editorMessages.mjs';
import editorBigLiteral from './cases/editorBigLiteral.mjs';
import editorJsonHoverAndSetting from './cases/editorJsonHoverAndSetting.mjs';
import klOfFiles from './cases/klOfFiles.mjs';
import compareBigCsv from './cases/compareBigCsv.mjs';
import panelViews from './cases/panelViews.mjs';
import webCases from './cases/web.mjs';
import driftCompare from './cases/driftCompare.mjs';
import notebookCells from './cases/notebookCells.mjs';

const CASES = [
  klOfSelection,
  panelRendersFormula,
  noArraysMessage,
  statusBarAndHover,
  pinAndMeasures,
  insertComment,
  compareColumns,
  compareColumnsSplit,
  compareColumnsParquet,
  editorMeasuresPair,
  editorMeasuresMore,
  editorMultiCursor,
  editorRowByRow,
  editorDataFileNpy,
  editorMessages,
  editorBigLiteral,
  klOfFiles,
  compareBigCsv,
  ...panelViews,
  driftCompare,
  ...notebookCells,
  // Last: it changes a setting (and restores it).
  editorJsonHoverAndSetting,
];

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const { values: opts } = parseArgs({
  options: {
    vsix: { type: 'string' },
    'web-vsix': { type: 'string' },
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
    'case-timeout': { type: 'string', default: '120' },
  },
});

const log = (msg) => console.log(`[e2e] ${msg}`);
const slug = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

function defaultVsix(suffix = '') {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  return path.join(REPO_ROOT, `${pkg.name}-${pkg.version}${suffix}.vsix`);
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** Remove run dirs left by earlier runs that are no longer running (others may run at once). */
function pruneOldRuns() {
  if (!fs.existsSync(WORK_DIR)) return;
  for (const name of fs.readdirSync(WORK_DIR)) {
    const m = /^run-(\d+)$/.exec(name);
    if (m && !pidAlive(Number(m[1]))) fs.rmSync(path.join(WORK_DIR, name), { recursive: true, force: true });
  }
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${secs(ms)}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The suites: the package in the Node extension host, and its browser-only variant in the web worker host. The
 * web cases are named "Web: …" and run only without --grep or with a --grep that says "web" (`--grep web:`
 * runs them all), so that a --grep for a desktop case does not also start the web suite.
 */
function suites() {
  const grep = opts.grep?.toLowerCase();
  const pick = (cases) => (grep ? cases.filter((c) => c.name.toLowerCase().includes(grep)) : cases);
  return [
    { label: 'desktop', cases: pick(CASES), vsix: path.resolve(opts.vsix ?? defaultVsix()), package: '`npm run package`' },
    {
      label: 'web',
      cases: !grep || grep.includes('web') ? pick(webCases) : [],
      vsix: path.resolve(opts['web-vsix'] ?? defaultVsix('-web')),
      package: '`node scripts/package.mjs --web`',
    },
  ].filter((s) => s.cases.length > 0);
}

async function main() {
  const caseTimeout = Number(opts['case-timeout']) * 1000;
  const results = [];
  const running = { server: undefined, browser: undefined };
  const runRoot = path.join(WORK_DIR, `run-${process.pid}`);

  const cleanup = async () => {
    await running.browser?.close().catch(() => {});
    running.browser = undefined;
    await running.server?.stop().catch(() => {});
    running.server = undefined;
  };
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.once(sig, async () => {
      log(`${sig}: stopping`);
      await cleanup();
      if (!opts.keep) fs.rmSync(runRoot, { recursive: true, force: true });
      process.exit(130);
    });
  }

  fs.rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  let setUp = false;
  for (const suite of suites()) {
    try {
      if (!setUp) {
        ensureAll();
        pruneOldRuns();
        setUp = true;
      }
      await runSuite(suite, path.join(runRoot, suite.label), running, caseTimeout, results);
    } finally {
      await cleanup();
    }
  }
  if (!opts.keep) fs.rmSync(runRoot, { recursive: true, force: true });

  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || results.length === 0 ? 1 : 0);
}

/** Installs one suite's package in a code-server of its own, opens it in chromium and runs its cases. */
async function runSuite(suite, runDir, running, caseTimeout, results) {
  const { cases, vsix } = suite;
  const logName = (base) => (suite.label === 'desktop' ? base : base.replace(/\.log$/, `-${suite.label}.log`));
  let page;
  try {
    if (!fs.existsSync(vsix)) {
      throw new Error(`no .vsix at ${path.relative(REPO_ROOT, vsix)}: build it with ${suite.package}, or pass it`);
    }
    const t0 = Date.now();
    const extensionsDir = path.join(runDir, 'extensions');
    const userDataDir = path.join(runDir, 'user-data');
    const workspace = path.join(runDir, 'examples');
    fs.cpSync(path.join(REPO_ROOT, 'examples'), workspace, { recursive: true });

    log(`${suite.label}: installing ${path.relative(REPO_ROOT, vsix)}`);
    await installExtension(vsix, { extensionsDir, userDataDir });

    running.server = await startCodeServer({
      folder: workspace,
      userDataDir,
      extensionsDir,
      logFile: path.join(ARTIFACTS_DIR, logName('code-server.log')),
    });
    log(`code-server: ${running.server.url}`);

    const { chromium } = await import(path.join(E2E_DIR, 'node_modules', 'playwright-core', 'index.mjs'));
    running.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await running.browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    const consoleLog = fs.createWriteStream(path.join(ARTIFACTS_DIR, logName('browser-console.log')));
    page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));

    const wb = new Workbench(page, { log: (m) => process.env.E2E_VERBOSE && log(`  [${secs(performance.now())}] ${m}`) });
    await page.goto(running.server.url);
    await wb.ready();
    log(`${suite.label}: workbench ready after ${secs(Date.now() - t0)} (set-up included)`);

    const ctx = { page, wb, workspace, artifactsDir: ARTIFACTS_DIR, log };
    for (const c of cases) {
      const start = Date.now();
      const runningCase = (async () => {
        await wb.reset();
        await c.run(ctx);
      })();
      try {
        await withTimeout(runningCase, caseTimeout, `"${c.name}"`);
        results.push({ name: c.name, ok: true });
        console.log(`  ✓ ${c.name} (${secs(Date.now() - start)})`);
      } catch (err) {
        results.push({ name: c.name, ok: false });
        const shot = path.join(ARTIFACTS_DIR, `${slug(c.name)}.png`);
        await page.screenshot({ path: shot }).catch(() => {});
        console.log(`  ✗ ${c.name} (${secs(Date.now() - start)})`);
        console.log(`      ${String(err?.stack ?? err).split('\n').slice(0, 6).join('\n      ')}`);
        console.log(`      screenshot: ${path.relative(REPO_ROOT, shot)}`);
        // A case that timed out is still running: let its own waits end before the next case drives the page.
        await withTimeout(runningCase, caseTimeout, 'the timed-out case').catch(() => {});
        // Leave the workbench in a neutral state for the next case.
        await page.keyboard.press('Escape').catch(() => {});
        await page.keyboard.press('Escape').catch(() => {});
      }
    }
  } catch (err) {
    console.log(`[e2e] ${suite.label}: harness error: ${String(err?.stack ?? err)}`);
    if (page) await page.screenshot({ path: path.join(ARTIFACTS_DIR, `harness-error-${suite.label}.png`) }).catch(() => {});
    const done = new Set(results.map((r) => r.name));
    for (const c of cases.filter((x) => !done.has(x.name))) {
      results.push({ name: c.name, ok: false });
      console.log(`  ✗ ${c.name} (not run: harness error)`);
    }
  }
}

main();
