// Editor 6 (last: it changes a setting). The hover on a JSON array, then the setting divergenceLens.base = 2
//    (written to the workspace's .vscode/settings.json) reflected in the next KL result and in the status bar;
//    then divergenceLens.workerThreshold = 2 sends the KL to the worker threads, with the same result.
//    References: scipy.stats.entropy([0.36, 0.48, 0.16]) = 1.0133126873497391 nats;
//    entropy(p, q, base=2) = 0.12306131181181891 bits.

import fs from 'node:fs';
import path from 'node:path';

import { cursorAt, hoverText, writeWorkspaceFile, assertNoDirtyEditor } from './editorHelpers.mjs';

const FILE = 'arrays.json';
const TEXT = '{\n  "p": [0.36, 0.48, 0.16],\n  "q": [0.3333333333333333, 0.3333333333333333, 0.3333333333333333]\n}\n';

export default {
  name: 'Editor: hover on a JSON array; base 2 setting reflected in the next result',
  async run({ wb, page, workspace }) {
    const lines = writeWorkspaceFile(workspace, FILE, TEXT);
    await wb.openFromExplorer(FILE);
    await wb.waitEditorText('"p": [0.36, 0.48, 0.16]');
    await cursorAt(wb, page, 2, 12); // inside [0.36, ...]
    const hover = await hoverText(wb, page, 'H(P) = 1.013 nats');
    if (!/3 values/.test(hover) || !/1\.462 bits/.test(hover)) throw new Error(`hover reads "${hover}"`);

    await wb.selectLines(2, 3, lines);
    await wb.runCommand('Divergence: KL Divergence of Selection');
    await wb.waitNotification('D(P‖Q) = 0.0853 nats');
    await wb.clearNotifications();

    const settings = path.join(workspace, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, '{ "divergenceLens.base": "2" }\n');
    try {
      // The status bar follows the setting as soon as VS Code has read it; then the command.
      await page.locator('.statusbar-item', { hasText: 'D(P‖Q) = 0.1231 bits' }).first().waitFor({ state: 'visible', timeout: 30_000 });
      await wb.runCommand('Divergence: KL Divergence of Selection');
      await wb.waitNotification('D(P‖Q) = 0.1231 bits');
      await assertNoDirtyEditor(page, 'the KL command');
      await wb.clearNotifications();
      // A worker threshold of 2 elements sends this KL to the worker pool (dist/worker.js): same value.
      fs.writeFileSync(settings, '{ "divergenceLens.base": "2", "divergenceLens.workerThreshold": 2 }\n');
      await page.locator('.statusbar-item', { hasText: 'D(P‖Q) = 0.1231 bits' }).first().waitFor({ state: 'visible', timeout: 30_000 });
      await wb.runCommand('Divergence: KL Divergence of Selection');
      await wb.waitNotification('D(P‖Q) = 0.1231 bits');
    } finally {
      fs.rmSync(settings, { force: true });
    }
  },
};
