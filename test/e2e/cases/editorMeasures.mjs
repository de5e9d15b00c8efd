// Editor 1. Every measure command on examples/distributions.ts (P and Q in one selection; P alone for the
//    entropy), each result stating its reading, with Copy / Open Panel / Insert as Comment; the document is
//    unchanged (no dirty tab) after every one of them.
//    References (SciPy): entropy(p, q) = 0.08529960131837057, entropy(q, p) = 0.09745500678538754,
//    jensenshannon(p, q)**2 = 0.022459860429714602, entropy(p) = 1.0133126873497391,
//    H(p, q) = -Σ p log q = log 3 = 1.0986122886681098 (q uniform).

import assert from 'node:assert/strict';
import path from 'node:path';

import { lineOf, readLines } from './klOfSelection.mjs';
import { runAndRead } from './editorHelpers.mjs';

const FILE = 'distributions.ts';

/** Open distributions.ts and select the lines of p and q; returns the lines and p's line number. */
async function selectPQ(wb, workspace) {
  const lines = readLines(path.join(workspace, FILE));
  const pLine = lineOf(lines, (l) => l.startsWith('const p = [0.36, 0.48, 0.16]'));
  await wb.openFromExplorer(FILE);
  await wb.waitEditorText('const p = [0.36, 0.48, 0.16]');
  await wb.selectLines(pLine, pLine + 1, lines);
  return { lines, pLine };
}

export const editorMeasuresPair = {
  name: 'Editor: KL, reverse KL and JS on distributions.ts, document unchanged',
  async run({ wb, page, workspace }) {
    await selectPQ(wb, workspace);

    await wb.runCommand('Divergence: KL Divergence of Selection');
    const kl = await wb.waitNotification('D(P‖Q) = 0.0853 nats (read as probabilities; sums are 1)');
    assert.ok(kl.includes('read as probabilities'), kl);
    for (const button of ['Copy', 'Open Panel', 'Insert as Comment']) {
      await page.locator('.notifications-toasts .notification-toast .monaco-button', { hasText: button }).first().waitFor({ state: 'visible', timeout: 10_000 });
    }
    await wb.clearNotifications();

    await runAndRead(wb, page, 'Divergence: Reverse KL Divergence of Selection', 'D(Q‖P) = 0.09746 nats (read as probabilities; sums are 1)');
    await runAndRead(wb, page, 'Divergence: Jensen-Shannon of Selection', 'JSD(P, Q) = 0.02246 nats');
  },
};

export const editorMeasuresMore = {
  name: 'Editor: cross-entropy, entropy and pin on distributions.ts, document unchanged',
  async run({ wb, page, workspace }) {
    const { lines, pLine } = await selectPQ(wb, workspace);
    await runAndRead(wb, page, 'Divergence: Cross-Entropy of Selection', 'H(P, Q) = 1.099 nats');

    await wb.selectLines(pLine, pLine, lines);
    await runAndRead(wb, page, 'Divergence: Entropy of Selection', 'H(P) = 1.013 nats (read as probabilities; sums are 1)');
    await runAndRead(wb, page, 'Divergence: Pin Selection as Reference (Q)', 'pinned p (3 values) as the reference Q');
    await wb.runCommand('Divergence: Clear Pinned Reference');
  },
};
