// 6. "Insert Result as Comment", the one command that edits: the newest result goes below the selection in the
//    file's comment syntax, and one Undo takes it away again (the document is back to its saved text).

import { computeKlOfExample } from './klOfSelection.mjs';

const COMMENT = '# D(P‖Q) = 0.08529960131837053 nats (Divergence Lens)';

export default {
  name: 'Insert result as comment, undone in one step',
  async run({ wb, page, workspace }) {
    await computeKlOfExample(wb, workspace);
    await wb.runCommand('Divergence: Insert Result as Comment');
    await wb.waitEditorText(COMMENT);
    await wb.focusEditor();
    await page.keyboard.press('Control+Z');
    await wb.editor().locator('.view-lines', { hasText: COMMENT }).waitFor({ state: 'detached', timeout: 15_000 });
    // Back to the saved text: the tab shows no unsaved-changes mark, so closing it asks nothing.
    await page.locator('.tabs-container .tab.dirty').first().waitFor({ state: 'detached', timeout: 15_000 });
  },
};
