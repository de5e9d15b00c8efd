// 5. More measures of a selection, and the pinned reference: Jensen-Shannon of the two selected arrays (from
//    the editor's context menu, Divergence submenu); then
//    pin q as the reference Q, select p alone, and get D(P‖Q) against the pinned Q.

import path from 'node:path';

import { EXPECTED_NOTIFICATION, lineOf, readLines } from './klOfSelection.mjs';

// scipy.spatial.distance.jensenshannon(p, q)**2 = 0.022459860429714602 nats
const EXPECTED_JS = 'JSD(P, Q) = 0.02246 nats';

export default {
  name: 'Pinned reference and Jensen-Shannon',
  async run({ wb, page, workspace }) {
    const lines = readLines(path.join(workspace, 'distributions.py'));
    const pLine = lineOf(lines, (l) => l.startsWith('p = [0.36, 0.48, 0.16]'));
    const qLine = pLine + 1;
    await wb.openFromExplorer('distributions.py');
    await wb.waitEditorText('p = [0.36, 0.48, 0.16]');

    await wb.selectLines(pLine, qLine, lines);
    await wb.editorSubmenuCommand('Divergence', 'Jensen-Shannon of Selection');
    await wb.waitNotification(EXPECTED_JS);
    await wb.clearNotifications();

    await wb.selectLines(qLine, qLine, lines);
    await wb.runCommand('Divergence: Pin Selection as Reference (Q)');
    await wb.waitNotification('pinned q (3 values) as the reference Q');
    await page.locator('.statusbar-item', { hasText: 'Q: q, 3 values' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await wb.clearNotifications();

    await wb.selectLines(pLine, pLine, lines);
    await wb.runCommand('Divergence: KL Divergence of Selection');
    await wb.waitNotification(EXPECTED_NOTIFICATION);

    await wb.runCommand('Divergence: Clear Pinned Reference');
    await page.locator('.statusbar-item', { hasText: 'Q: q, 3 values' }).first().waitFor({ state: 'hidden', timeout: 15_000 });
  },
};
