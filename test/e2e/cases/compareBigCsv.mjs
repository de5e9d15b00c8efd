// 9. "Compare Columns of Data File…" on a CSV over 64 MiB (written into the workspace by this case: 1.8·10^6 rows
//    of two probability columns): its columns are listed from its first MiB, the two chosen are read in pieces behind a
//    progress notification, and D(P‖Q) is computed by the worker pool. Reference: the same columns through
//    dist/core.js klDivergence in this process (4 significant digits, as the notification shows them).

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT } from '../setup.mjs';

const FILE = 'big-weights.csv';
const ROWS = 1_800_000;

/** Two columns of probabilities (each sums to 1), written with 17 significant digits (~75 MB); returns them. */
function writeCsv(file) {
  let s = 977;
  const rand = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  const p = new Float64Array(ROWS);
  const q = new Float64Array(ROWS);
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < ROWS; i++) {
    p[i] = 1 + rand();
    q[i] = 1 + 2 * rand();
    sp += p[i];
    sq += q[i];
  }
  for (let i = 0; i < ROWS; i++) {
    p[i] = Number((p[i] / sp).toPrecision(17));
    q[i] = Number((q[i] / sq).toPrecision(17));
  }
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, 'weight_a,weight_b\n');
    for (let start = 0; start < ROWS; start += 100_000) {
      const lines = [];
      for (let i = start; i < Math.min(ROWS, start + 100_000); i++) lines.push(`${p[i].toPrecision(17)},${q[i].toPrecision(17)}`);
      fs.writeSync(fd, lines.join('\n') + '\n');
    }
  } finally {
    fs.closeSync(fd);
  }
  return [p, q];
}

export default {
  name: 'Compare columns of a CSV over 64 MiB, read in pieces',
  async run({ wb, workspace }) {
    const file = path.join(workspace, FILE);
    const [p, q] = writeCsv(file);
    if (fs.statSync(file).size <= 64 * 1024 * 1024) throw new Error(`${FILE} is not over 64 MiB`);
    const core = createRequire(import.meta.url)(path.join(REPO_ROOT, 'dist', 'core.js'));
    const expected = core.klDivergence(p, q).value;

    await wb.explorerContextCommand(FILE, 'Compare Columns of Data File…', { timeout: 30_000 });
    await wb.waitQuickPickTitle(`${FILE}: P`, 30_000);
    await wb.pickQuickItem('weight_a', { nextTitle: `${FILE}: Q` });
    await wb.pickQuickItem('weight_b');
    const text = await wb.waitNotification(/read in pieces\), read as distributions/, { timeout: 120_000 });
    const m = /D\(P‖Q\) = ([0-9.e+-]+) nats/.exec(text);
    if (!m || !text.includes('1800000 rows')) throw new Error(`notification "${text}" lacks "1800000 rows" or "D(P‖Q) = … nats"`);
    const shown = Number(m[1]);
    if (Math.abs(shown - expected) > 5e-4 * Math.abs(expected)) throw new Error(`notification shows ${shown}, expected ${expected} to 4 significant digits`);
  },
};
