// Drive a real VS Code server (npm's code-server, run by Node 24) for the e2e harness and
// for `npm start`. The server always binds 127.0.0.1 with --auth none: no password is
// needed because nothing off this machine can reach a loopback address.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

import { CODE_SERVER_ENTRY, NODE24 } from './setup.mjs';

/** Settings written to the user's settings.json: no trust prompt, no welcome page, no tips. */
export const DEFAULT_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'editor.minimap.enabled': false,
  'editor.accessibilitySupport': 'off',
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
};

/**
 * Environment for code-server: its own config/data dirs (so nothing is written to the
 * user's ~/.config/code-server or ~/.local/share/code-server) and no inherited npm
 * variables.
 */
function serverEnv(stateDir, extra = {}) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];
  delete env.NODE_OPTIONS;
  delete env.PORT; // code-server would let $PORT override --bind-addr's port
  return {
    ...env,
    XDG_CONFIG_HOME: path.join(stateDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(stateDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(stateDir, 'xdg-cache'),
    ...extra,
  };
}

function configFile(stateDir) {
  // An explicit --config file, so code-server does not write ~/.config/code-server/config.yaml.
  const file = path.join(stateDir, 'code-server-config.yaml');
  fs.mkdirSync(stateDir, { recursive: true });
  fs.writeFileSync(file, 'auth: none\ncert: false\n');
  return file;
}

function checkInstalled() {
  if (!fs.existsSync(NODE24) || !fs.existsSync(CODE_SERVER_ENTRY)) {
    throw new Error('code-server is not installed: run `node test/e2e/setup.mjs` first');
  }
}

/**
 * Install a packaged extension (.vsix) with code-server's CLI. (An extension folder copied
 * into the extensions dir by hand is not picked up; --install-extension is.)
 */
export async function installExtension(vsixPath, { extensionsDir, userDataDir }) {
  checkInstalled();
  const vsix = path.resolve(vsixPath);
  if (!fs.existsSync(vsix)) throw new Error(`no such .vsix: ${vsix}`);
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(userDataDir, { recursive: true });
  const stateDir = path.dirname(path.resolve(userDataDir));
  const args = [
    CODE_SERVER_ENTRY,
    '--config', configFile(stateDir),
    '--install-extension', vsix,
    '--force',
    '--extensions-dir', extensionsDir,
    '--user-data-dir', userDataDir,
  ];
  const { code, output } = await new Promise((resolve, reject) => {
    const child = spawn(NODE24, args, { env: serverEnv(stateDir), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
  if (code !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${path.basename(vsix)} failed (exit ${code}):\n${output.trim()}`);
  }
  return output.trim();
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Is something already listening on 127.0.0.1:port? */
export function portInUse(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

function httpStatus(url, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

function writeUserSettings(userDataDir, settings) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  let existing = {};
  try {
    existing = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    /* none yet, or not plain JSON: replace it */
  }
  fs.writeFileSync(file, `${JSON.stringify({ ...existing, ...DEFAULT_SETTINGS, ...settings }, null, 2)}\n`);
}

/** Kill a detached child's whole process group: SIGTERM, then SIGKILL after graceMs. */
function killTree(child, graceMs = 5000) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      // The leader is gone; children it left in the group may remain.
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* group already empty */
      }
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      // Sweep anything left in the group (extension host, pty host, file watcher).
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* group already empty */
      }
      resolve();
    });
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      try {
        child.kill('SIGTERM');
      } catch {
        /* gone */
      }
    }
  });
}

/**
 * Start code-server on 127.0.0.1:port with `folder` open. Resolves once the server answers
 * HTTP. Returns { url, port, process, stop() }. `logFile` (optional) receives the server's
 * output; `stdio: 'inherit'` passes it through instead (for `npm start`).
 */
export async function startCodeServer({
  port,
  folder,
  userDataDir,
  extensionsDir,
  env = {},
  settings = {},
  logFile,
  inheritOutput = false,
  timeoutMs = 60_000,
}) {
  checkInstalled();
  if (!port) port = await freePort();
  if (await portInUse(port)) throw new Error(`port ${port} on 127.0.0.1 is already in use`);
  const absFolder = path.resolve(folder);
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, settings);
  const stateDir = path.dirname(path.resolve(userDataDir));
  const args = [
    CODE_SERVER_ENTRY,
    '--config', configFile(stateDir),
    '--bind-addr', `127.0.0.1:${port}`,
    // No password: the server listens on loopback only.
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    absFolder,
  ];
  const child = spawn(NODE24, args, {
    env: serverEnv(stateDir, env),
    // Own process group, so stop() can end the server and every process it started.
    detached: true,
    stdio: inheritOutput ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const logStream = logFile ? fs.createWriteStream(logFile) : null;
  const onData = (d) => {
    tail = (tail + d).slice(-8000);
    logStream?.write(d);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
    logStream?.end();
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await killTree(child);
  };

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      throw new Error(`code-server exited early (${exited.code ?? exited.signal}):\n${tail.trim()}`);
    }
    if ((await httpStatus(`${base}/healthz`)) === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${base} within ${timeoutMs / 1000} s:\n${tail.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const url = `${base}/?folder=${absFolder.split('/').map(encodeURIComponent).join('/')}`;
  return { url, port, process: child, stop, output: () => tail };
}
