#!/usr/bin/env node
// `npm start`: build and package the extension, install it into a real VS Code (code-server,
// the e2e harness's), and serve that VS Code with the repo's examples/ folder open at
//   http://127.0.0.1:${PORT:-8080}/?folder=<repo>/examples&payload=...
// where the payload opens examples/START-HERE.md (as a Markdown preview) on arrival.
// Stop with Ctrl-C (or SIGTERM): the server and every process it started are ended.
// `npm start -- --vsix path/to/x.vsix` skips the build and serves that package instead.
//
// The extension is installed afresh on each start (so the newest .vsix is the one you see)
// into test/e2e/.work/start/extensions; VS Code's user data (settings, open editors) persists
// in test/e2e/.work/start/user-data.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { installExtension, startCodeServer } from '../test/e2e/codeServer.mjs';
import { WORK_DIR, ensureAll } from '../test/e2e/setup.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg) => console.log(`[start] ${msg}`);
const START_HERE = path.join(REPO_ROOT, 'examples', 'START-HERE.md');

/**
 * The server's URL that also opens `file` on arrival: VS Code for the Web reads a `payload` query
 * parameter, a JSON list of [key, value] pairs, whose `openFile` is the URI of a file to open (on
 * code-server's host: the vscode-remote scheme with the server's host:port as authority).
 */
function arrivalUrl(serverUrl, file) {
  const { host } = new URL(serverUrl);
  const uri = `vscode-remote://${host}${file.split(path.sep).map(encodeURIComponent).join('/')}`;
  return `${serverUrl}&payload=${encodeURIComponent(JSON.stringify([['openFile', uri]]))}`;
}

function npmRun(script) {
  log(`npm run ${script}`);
  // Under `npm start`, npm_execpath is the npm that runs us; otherwise use npm from PATH.
  const execPath = process.env.npm_execpath;
  const [cmd, args] = execPath && /\.c?js$/.test(execPath)
    ? [process.execPath, [execPath, 'run', script]]
    : ['npm', ['run', script]];
  const r = spawnSync(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.error) throw new Error(`npm run ${script}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`npm run ${script} failed (exit ${r.status ?? r.signal})`);
}

async function main() {
  const port = Number(process.env.PORT || 8080);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT=${process.env.PORT} is not a port number`);

  const { values: opts } = parseArgs({ options: { vsix: { type: 'string' } } });
  let vsix;
  if (opts.vsix) {
    // `npm start -- --vsix some.vsix`: serve an already packaged extension, skip the build.
    vsix = path.resolve(opts.vsix);
    if (!fs.existsSync(vsix)) throw new Error(`no such .vsix: ${vsix}`);
  } else {
    npmRun('build');
    npmRun('package');
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    vsix = path.join(REPO_ROOT, `${pkg.name}-${pkg.version}.vsix`);
    if (!fs.existsSync(vsix)) throw new Error(`npm run package did not produce ${path.basename(vsix)}`);
  }

  ensureAll();

  const base = path.join(WORK_DIR, 'start');
  const extensionsDir = path.join(base, 'extensions');
  const userDataDir = path.join(base, 'user-data');
  // A fresh install each time: drop the previously installed copy so the new .vsix is used
  // even when its version number has not changed.
  fs.rmSync(extensionsDir, { recursive: true, force: true });
  log(`installing ${path.basename(vsix)}`);
  await installExtension(vsix, { extensionsDir, userDataDir });

  // --auth none (set by startCodeServer) is acceptable only because the server binds
  // 127.0.0.1: it is reachable from this machine alone, never from the network.
  const server = await startCodeServer({
    port,
    folder: path.join(REPO_ROOT, 'examples'),
    userDataDir,
    extensionsDir,
    inheritOutput: true,
    // The tour opens as rendered Markdown, not as its source.
    settings: { 'workbench.editorAssociations': { [path.basename(START_HERE)]: 'vscode.markdown.preview.editor' } },
  });

  let stopping = false;
  const stop = async (sig) => {
    if (stopping) return;
    stopping = true;
    log(`${sig}: stopping code-server`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));
  server.process.on('exit', (code, signal) => {
    if (stopping) return;
    log(`code-server exited on its own (${code ?? signal})`);
    process.exit(code ? code : 1);
  });

  console.log('');
  log('Divergence Lens is running in VS Code at');
  console.log(`\n    ${arrivalUrl(server.url, START_HERE)}\n`);
  log('Open it in a browser on this machine. Ctrl-C stops it.');
}

main().catch((err) => {
  console.error(`[start] ${err.message}`);
  process.exit(1);
});
