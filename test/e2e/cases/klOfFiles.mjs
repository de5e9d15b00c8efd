// 8. "KL Divergence of Two Data Files…": two 3·10^6-value .npy files (24 MB each, written into the workspace by
//    this case) picked in the open dialogs; they are read in chunks by the worker pool behind a progress
//    notification, and the result notification shows D(P‖Q) and n. Reference: the same values through
//    dist/core.js klDivergence in this process (4 significant digits, as the notification shows them).

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { REPO_ROOT } from '../setup.mjs';

const { npyHeader } = await tsImport('../../../src/data/npyWriter.ts', import.meta.url);

const N = 3_000_000;
const QUICK_INPUT_BOX = '.quick-input-widget .quick-input-box input';

/** A little-endian float64 .npy file of `values` (header padded to 64 bytes, as numpy writes it). */
function npyFile(values) {
  const header = npyHeader({ shape: [values.length] });
  return Buffer.concat([header, Buffer.from(values.buffer, values.byteOffset, values.byteLength)]);
}

function pair() {
  let s = 12345;
  const rand = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  const p = new Float64Array(N);
  const q = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    p[i] = rand();
    q[i] = 0.5 * p[i] + rand();
  }
  return [p, q];
}

/**
 * In VS Code's simple file dialog (a Quick Input that starts in the workspace folder, listing its files): type
 * the file's name after the folder path, wait until the input holds the whole path, Enter.
 */
async function pickFile(wb, page, title, file) {
  const box = await wb.waitQuickPickTitle(title, 20_000);
  await page.waitForFunction(([sel, dir]) => (document.querySelector(sel)?.value ?? '').replace(/\/$/, '') === dir, [QUICK_INPUT_BOX, path.dirname(file)], {
    timeout: 20_000,
  });
  await box.press('End');
  await page.keyboard.insertText(path.basename(file));
  await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.value === want, [QUICK_INPUT_BOX, file], { timeout: 10_000 });
  await box.press('Enter');
}

export default {
  name: 'KL of two .npy files, read in chunks off the host thread',
  async run({ wb, page, workspace }) {
    const [p, q] = pair();
    const pFile = path.join(workspace, 'big-p.npy');
    const qFile = path.join(workspace, 'big-q.npy');
    fs.writeFileSync(pFile, npyFile(p));
    fs.writeFileSync(qFile, npyFile(q));
    const core = createRequire(import.meta.url)(path.join(REPO_ROOT, 'dist', 'core.js'));
    const expected = core.klDivergence(p, q).value;

    await wb.runCommand('Divergence: KL Divergence of Two Data Files…', { thenQuickPickTitle: 'the data file of P' });
    await pickFile(wb, page, 'the data file of P', pFile);
    await pickFile(wb, page, 'the data file of Q', qFile);
    const text = await wb.waitNotification(/big-p\.npy vs big-q\.npy: D\(P‖Q\) = /, { timeout: 60_000 });
    const m = /D\(P‖Q\) = ([0-9.e+-]+) nats, n = 3000000/.exec(text);
    if (!m) throw new Error(`notification "${text}" lacks "D(P‖Q) = … nats, n = 3000000"`);
    const shown = Number(m[1]);
    if (Math.abs(shown - expected) > 5e-4 * Math.abs(expected)) throw new Error(`notification shows ${shown}, expected ${expected} to 4 significant digits`);
  },
};
