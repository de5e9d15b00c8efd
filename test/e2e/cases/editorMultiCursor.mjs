// Editor 2. Multi-cursor: two selections (p's line and q's line, made with "Add Cursor Below" and Shift+End)
//    are P and Q, for the KL command and for the live status bar. Reference: scipy.stats.entropy(p, q) =
//    0.08529960131837057 nats.

import path from 'node:path';

import { lineOf, readLines } from './klOfSelection.mjs';
import { assertNoDirtyEditor } from './editorHelpers.mjs';

export default {
  name: 'Editor: multi-cursor selections are P and Q',
  async run({ wb, page, workspace }) {
    const lines = readLines(path.join(workspace, 'distributions.py'));
    const pLine = lineOf(lines, (l) => l.startsWith('p = [0.36, 0.48, 0.16]'));
    await wb.openFromExplorer('distributions.py');
    await wb.waitEditorText('p = [0.36, 0.48, 0.16]');
    await wb.goToLine(pLine);
    await wb.runCommand('Add Cursor Below');
    await wb.focusEditor();
    await page.keyboard.press('Shift+End');
    // Both whole lines selected (not just the two cursors of "Add Cursor Below").
    const chars = lines[pLine - 1].length + lines[pLine].length;
    await wb.waitCursorStatus(new RegExp(`^2 selections \\(${chars} characters selected\\)`));
    await page.locator('.statusbar-item', { hasText: 'D(P‖Q) = 0.0853 nats' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await wb.runCommand('Divergence: KL Divergence of Selection');
    await wb.waitNotification('D(P‖Q) = 0.0853 nats');
    await assertNoDirtyEditor(page, 'the KL command');
  },
};
