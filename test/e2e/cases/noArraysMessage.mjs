// 3. Select a comment line without arrays, run the KL command, read the first sentence of the explanation,
//    and the whole of it in the output channel that Show Details opens.

import path from 'node:path';

import { lineOf, readLines } from './klOfSelection.mjs';

export default {
  name: 'No arrays message',
  async run({ wb, page, workspace }) {
    const lines = readLines(path.join(workspace, 'distributions.py'));
    // "# Counts are fine too: ..." (line 9 today): a comment with no array in it.
    const line = lineOf(lines, (l) => /^#\s*\S/.test(l) && !/[[\]]/.test(l));
    await wb.openFromExplorer('distributions.py');
    await wb.selectLines(line, line, lines);
    await wb.runCommand('Divergence: KL Divergence of Selection');
    await wb.waitNotification(/Found no numeric array in the selection\./);
    const button = page.locator('.notifications-toasts .notification-toast .monaco-button', { hasText: 'Show Details' }).first();
    // The editor of the Output view writes spaces as no-break spaces: \s matches both.
    const details = () => page.locator('.part.panel .view-lines', { hasText: /expected\stwo\sarrays/ }).first();
    await wb.clickUntil(button, details, { timeout: 20_000, what: 'Show Details' });
  },
};
