// Editor 6. A 5·10^5-element literal over 500 lines: a summary in the hover (more than hover.maxElements), and
//    the entropy command still computes. Reference: with i = arange(500000), p = i % 1000 + 1,
//    scipy.stats.entropy(p) = 12.929714549523617 nats.

import { assertNoDirtyEditor, hoverText, writeWorkspaceFile } from './editorHelpers.mjs';

function bigLiteral(name, f) {
  const rows = [];
  for (let r = 0; r < 500; r++) rows.push(Array.from({ length: 1000 }, (_, k) => f(r * 1000 + k)).join(', '));
  return `${name} = [\n${rows.join(',\n')}\n]`;
}

export default {
  name: 'Editor: a 5·10^5-element literal gets a hover summary and still computes',
  async run({ wb, page, workspace }) {
    // A 5·10^5-element literal over 500 lines: a summary in the hover, and the command computes.
    const text = `${bigLiteral('p', (i) => (i % 1000) + 1)}\n`;
    const big = writeWorkspaceFile(workspace, 'big.py', text);
    await wb.openFromExplorer('big.py', { timeout: 60_000 });
    await wb.waitEditorText('p = [', 60_000);
    await wb.goToLine(250);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await wb.waitCursorStatus(new RegExp(`^Ln 250, Col ${big[249].length - 1}\\b`));
    const hover = await hoverText(wb, page, '500000 values', 60_000);
    if (!/summary only/.test(hover)) throw new Error(`hover reads "${hover}"`);
    await wb.focusEditor();
    await page.keyboard.press('Control+A');
    await wb.waitCursorStatus(new RegExp(`^Ln ${big.length}, Col \\d+ \\(\\d+ selected\\)`));
    await wb.runCommand('Divergence: Entropy of Selection');
    await wb.waitNotification('H(P) = 12.93 nats (read as probabilities; normalised', { timeout: 60_000 });
    await assertNoDirtyEditor(page, 'the entropy command on 5·10^5 values');
  },
};
