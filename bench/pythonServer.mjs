// The Python baselines of the discrete measures, timed interleaved with our cases: bench/baseline.py --serve
// runs as a child process that holds the current size's arrays, and `once` calls each of its cases once, so
// that run.mjs can call it in every round of its own timing loop (each side idle while the other is timed).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * Starts `python3 script --serve` with `env`. Resolves to { request(command): Promise<reply>, close() }, or to
 * { failed: why } when the process cannot answer its first command.
 */
export async function startPythonServer(script, env) {
  const child = spawn('python3', [script, '--serve'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const waiting = [];
  let exited = false;
  const failAll = (why) => {
    exited = true;
    while (waiting.length) waiting.shift().reject(new Error(why));
  };
  child.on('error', (e) => failAll(String(e)));
  child.on('exit', (code) => failAll(`python3 --serve exited (${code}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
  createInterface({ input: child.stdout }).on('line', (line) => waiting.shift()?.resolve(JSON.parse(line)));
  const request = (command) =>
    new Promise((resolve, reject) => {
      if (exited) return reject(new Error('python3 --serve is not running'));
      waiting.push({ resolve, reject });
      child.stdin.write(`${JSON.stringify(command)}\n`);
    });
  const server = { request, close: () => child.stdin.end() };
  try {
    server.env = await request({ cmd: 'env' });
    return server;
  } catch (e) {
    return { failed: String(e.message ?? e) };
  }
}

/**
 * Times our functions `fns` and the server's cases `ids` in interleaved rounds (each warmed up first): in every
 * round each of ours once, then each of the server's once. Returns [our stats…] and { id: stats } for the
 * server's cases (empty without a server or ids), stats as `statsOf` makes them.
 */
export async function timeWithPython(fns, ids, server, { warmup, runs }, statsOf) {
  const values = fns.map(() => undefined);
  const times = fns.map(() => []);
  const pyTimes = Object.fromEntries(ids.map((id) => [id, []]));
  const pyValues = {};
  const usePython = server && ids.length > 0;
  for (let r = -warmup; r < runs; r++) {
    for (let k = 0; k < fns.length; k++) {
      const t0 = performance.now();
      values[k] = fns[k]();
      if (r >= 0) times[k].push(performance.now() - t0);
    }
    if (!usePython) continue;
    const reply = await server.request({ cmd: 'once', ids });
    for (const id of ids) {
      pyValues[id] = reply.values[id];
      if (r >= 0) pyTimes[id].push(reply.times[id]);
    }
  }
  const py = usePython ? Object.fromEntries(ids.map((id) => [id, statsOf(pyTimes[id], pyValues[id])])) : {};
  return [fns.map((_, k) => statsOf(times[k], values[k])), py];
}
