// Editor 5. Clear messages: one array only; mismatched lengths (both lengths said, sample measures offered);
//    a 5·10^5-element literal (a summary in the hover; the KL command still computes).
//    References: scipy.stats.ks_2samp([0.2, 0.3, 0.5], [0.25] * 4).statistic = 0.6666666666666666,
//    wasserstein_distance(...) = 0.11666666666666667; with i = arange(500000), p = i % 1000 + 1,
//    q = 1000 - i % 1000: entropy(p, q) = 0.9922564962956465 nats.

import path from 'node:path';

import { lineOf, readLines } from './klOfSelection.mjs';
import { assertNoDirtyEditor, hoverText, writeWorkspaceFile } from './editorHelpers.mjs';

function bigLiteral(name, f) {
  const rows = [];
  for (let r = 0; r < 500; r++) rows.push(Array.from({ length: 1000 }, (_, k) => f(r * 1000 + k)).join(', '));
  return `${name} = [\n${rows.join(',\n')}\n]`;
}

export default {
  name: 'Editor: messages for one array, mismatched lengths and a 5·10^5-element literal',
  async run({ wb, page, workspace }) {
    // One array only.
    const lines = readLines(path.join(workspace, 'distributions.py'));
    const pLine = lineOf(lines, (l) => l.startsWith('p = [0.36, 0.48, 0.16]'));
    await wb.openFromExplorer('distributions.py');
    await wb.selectLines(pLine, pLine, lines);
    await wb.runCommand('Divergence: KL Divergence of Selection');
    await wb.waitNotification(/Found one array in the selection \(p with 3 values at line \d+\); expected two arrays/);
    await wb.clearNotifications();

    // Mismatched lengths: both lengths in the question, then KS and W1 read as samples.
    const mismatch = writeWorkspaceFile(workspace, 'mismatch.py', 'a = [0.2, 0.3, 0.5]\nb = [0.25, 0.25, 0.25, 0.25]\n');
    await wb.openFromExplorer('mismatch.py');
    await wb.selectLines(1, 2, mismatch);
    await wb.runCommand('Divergence: KL Divergence of Selection', { thenQuickPickTitle: 'P has 3 values and Q has 4' });
    await wb.pickQuickItem('KS test and Wasserstein-1');
    await wb.waitNotification('KS = 0.6667 (p = ');
    const samples = await wb.waitNotification('W1 = 0.1167; read as samples (n = 3, m = 4)');
    if (!samples.includes('read as samples')) throw new Error(samples);
    await wb.clearNotifications();

    // A 5·10^5-element literal over 500 lines: a summary in the hover, and the command computes.
    const text = `${bigLiteral('p', (i) => (i % 1000) + 1)}\n${bigLiteral('q', (i) => 1000 - (i % 1000))}\n`;
    const big = writeWorkspaceFile(workspace, 'big.py', text);
    await wb.openFromExplorer('big.py', { timeout: 60_000 });
    await wb.waitEditorText('p = [', 60_000);
    await wb.goToLine(250);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    const hover = await hoverText(wb, page, '500000 values', 60_000);
    if (!/summary only/.test(hover)) throw new Error(`hover reads "${hover}"`);
    await wb.focusEditor();
    await page.keyboard.press('Control+A');
    await wb.waitCursorStatus(new RegExp(`^Ln ${big.length}, Col \\d+ \\(\\d+ selected\\)`));
    await wb.runCommand('Divergence: KL Divergence of Selection');
    await wb.waitNotification('D(P‖Q) = 0.9923 nats (read as probabilities; normalised', { timeout: 60_000 });
    await assertNoDirtyEditor(page, 'the KL command on 5·10^5 values');
  },
};
