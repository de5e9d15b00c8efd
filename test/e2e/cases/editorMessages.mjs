// Editor 5. Clear messages: one array only; mismatched lengths (both lengths said, sample measures offered).
//    References: scipy.stats.ks_2samp([0.2, 0.3, 0.5], [0.25] * 4).statistic = 0.6666666666666666,
//    wasserstein_distance(...) = 0.11666666666666667.

import path from 'node:path';

import { lineOf, readLines } from './klOfSelection.mjs';
import { writeWorkspaceFile } from './editorHelpers.mjs';

export default {
  name: 'Editor: messages for one array only and mismatched lengths',
  async run({ wb, workspace }) {
    // One array only.
    const lines = readLines(path.join(workspace, 'distributions.py'));
    const pLine = lineOf(lines, (l) => l.startsWith('p = [0.36, 0.48, 0.16]'));
    await wb.openFromExplorer('distributions.py');
    await wb.selectLines(pLine, pLine, lines);
    await wb.runCommand('Divergence: KL Divergence of Selection');
    // The first sentence, whole; what is expected is behind Show Details (the output channel).
    await wb.waitNotification(/Found one array in the selection \(p with 3 values at line \d+\)\./);
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
  },
};
