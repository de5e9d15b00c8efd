// Editor 3. A matrix selection, row by row: the row-by-row command, and the KL command's "Row by row" choice.
//    References: scipy.stats.entropy([0.2, 0.8], [0.5, 0.5]) = 0.19274475702175747,
//    entropy([0.9, 0.1], [0.1, 0.9]) = 1.7577796618689758; row 1 is 0.

import { assertNoDirtyEditor, writeWorkspaceFile } from './editorHelpers.mjs';

const FILE = 'matrices.py';
const TEXT = 'P = [[0.2, 0.8], [0.5, 0.5], [0.9, 0.1]]\nQ = [[0.5, 0.5], [0.5, 0.5], [0.1, 0.9]]\n';
const EXPECTED = 'D(P‖Q) row by row (nats): row 0: 0.1927, row 1: 0, row 2: 1.758';

export default {
  name: 'Editor: matrix selection row by row',
  async run({ wb, page, workspace }) {
    const lines = writeWorkspaceFile(workspace, FILE, TEXT);
    await wb.openFromExplorer(FILE);
    await wb.waitEditorText('P = [[0.2, 0.8]');
    await wb.selectLines(1, 2, lines);
    await wb.runCommand('Divergence: KL Divergence Row by Row');
    await wb.waitNotification(EXPECTED);
    await wb.clearNotifications();

    await wb.runCommand('Divergence: KL Divergence of Selection', { thenQuickPickTitle: 'compare row by row?' });
    await wb.pickQuickItem('Row by row');
    await wb.waitNotification(EXPECTED);
    await assertNoDirtyEditor(page, 'the row-by-row commands');
  },
};
