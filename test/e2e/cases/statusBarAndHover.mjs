// 4. The live status bar follows the selection (D(P‖Q) of the two selected arrays, H of one), and the hover
//    on an array literal shows its entropy. Reads only: no command runs.

import assert from 'node:assert/strict';
import path from 'node:path';

import { lineOf, readLines } from './klOfSelection.mjs';

// scipy.stats.entropy([0.36, 0.48, 0.16]) = 1.0133126873497391 nats; KL of the example = 0.0852996… nats
const STATUS_KL = 'D(P‖Q) = 0.0853 nats';
const STATUS_H = 'H(P) = 1.013 nats';
const HOVER_H = 'H(P) = 1.013 nats';
// scipy: entropy(softmax(a), softmax(b)) = 0.052841659111108365, entropy(softmax(a)) = 0.8924723458433544 (a, b: the logits)
const STATUS_LOGITS = 'D(P‖Q) = 0.05284 nats (logits)';
const HOVER_LOGITS = 'Read as logits (softmax first) because the variable is named logits_a: H(P) = 0.8925 nats';

export default {
  name: 'Status bar and hover',
  async run({ wb, page, workspace }) {
    const lines = readLines(path.join(workspace, 'distributions.py'));
    const pLine = lineOf(lines, (l) => l.startsWith('p = [0.36, 0.48, 0.16]'));
    await wb.openFromExplorer('distributions.py');
    await wb.waitEditorText('p = [0.36, 0.48, 0.16]');

    await wb.selectLines(pLine, pLine + 1, lines);
    const item = page.locator('.statusbar-item', { hasText: STATUS_KL }).first();
    await item.waitFor({ state: 'visible', timeout: 15_000 });

    await wb.selectLines(pLine, pLine, lines);
    await page.locator('.statusbar-item', { hasText: STATUS_H }).first().waitFor({ state: 'visible', timeout: 15_000 });

    // Cursor inside the literal (just before its closing bracket), then "Show or Focus Hover".
    await wb.goToLine(pLine);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await wb.waitCursorStatus(new RegExp(`^Ln ${pLine}, Col ${lines[pLine - 1].length}\\b`));
    await wb.runCommand('Show or Focus Hover');
    const hover = page.locator('.monaco-hover', { hasText: HOVER_H }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    const text = await hover.textContent();
    assert.match(text, /3 values/);
    assert.match(text, /1\.462 bits/);
    await page.keyboard.press('Escape');

    // Logits, named so: the status bar reads them as logits and says so; the hover gives the logits reading.
    const aLine = lineOf(lines, (l) => l.startsWith('logits_a = '));
    await wb.selectLines(aLine, aLine + 1, lines);
    await page.locator('.statusbar-item', { hasText: STATUS_LOGITS }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await wb.goToLine(aLine);
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await wb.waitCursorStatus(new RegExp(`^Ln ${aLine}, Col ${lines[aLine - 1].length - 1}\\b`));
    await wb.runCommand('Show or Focus Hover');
    await page.locator('.monaco-hover', { hasText: HOVER_LOGITS }).first().waitFor({ state: 'visible', timeout: 15_000 });
  },
};
