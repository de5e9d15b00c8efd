// Notebook cells (examples/distributions.ipynb in VS Code's notebook editor, no kernel): the hover on an array
// in a code cell shows its entropy; two arrays selected in a cell give D(P‖Q) in the status bar and from the KL
// command, and the panel opens on it; one array selected in each of two cells are P and Q. Without the Jupyter
// extension (code-server here has none), Compare Notebook Variables says what it needs.
// References: scipy.stats.entropy([0.36, 0.48, 0.16]) = 1.0133126873497391 nats (1.462 bits);
// entropy(p, [1/3]*3) = 0.08529960131837057; entropy(p, [30, 50, 20]) = 0.010338234865827606 (Q normalised).

import assert from 'node:assert/strict';

import { assertNoDirtyEditor, hoverText } from './editorHelpers.mjs';

const NOTEBOOK = 'distributions.ipynb';
const P_LINE = 'p = np.array([0.36, 0.48, 0.16])';
const Q_LINE = 'q = np.array([1/3, 1/3, 1/3])';
const COUNTS_LINE = 'counts = np.array([30, 50, 20])';

/**
 * Open the example notebook from the Explorer (clicking its row until its tab is the active one) and wait until
 * its code cell with p shows. Right after start-up the notebook editor may not be registered yet, and VS Code
 * opens the .ipynb as JSON text: then close that editor and open the file again, within `timeout`.
 */
async function openNotebook(wb, page, timeout = 90_000) {
  const row = wb.explorerRow(NOTEBOOK);
  const tab = page.locator(`.editor-group-container.active .tabs-container .tab.active[data-resource-name="${NOTEBOOK}"]`);
  const asText = page.locator('.editor-group-container.active .monaco-editor[data-uri] .view-line', { hasText: '"cells": [' }).first();
  const deadline = Date.now() + timeout;
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  for (;;) {
    wb.log(`explorer: open ${NOTEBOOK}`);
    await wb.clickUntil(row, () => tab, { timeout: Math.max(1, deadline - Date.now()), what: `opening ${NOTEBOOK}` });
    const shown = await Promise.race([
      cellLine(page, P_LINE).waitFor({ state: 'visible', timeout: Math.max(1, deadline - Date.now()) }).then(() => 'notebook'),
      asText.waitFor({ state: 'visible', timeout: Math.max(1, deadline - Date.now()) }).then(() => 'text'),
    ]);
    if (shown === 'notebook') return;
    wb.log(`${NOTEBOOK} opened as text: closing it and opening it again`);
    await wb.runCommand('View: Close Editor');
    await tab.waitFor({ state: 'detached', timeout: Math.max(1, deadline - Date.now()) });
  }
}

/** The rendered line of a code cell whose text is `text`. */
function cellLine(page, text) {
  return page.locator('.notebook-editor .monaco-editor .view-line', { hasText: text }).first();
}

/** The cell editor that has the keyboard focus, showing the line `text`. */
function focusedCellWith(page, text) {
  return page.locator('.notebook-editor .monaco-editor.focused .view-line', { hasText: text }).first();
}

/**
 * Click `target` (a cell's line or a part of it) until its cell editor has the keyboard focus. The notebook
 * editor's status bar has no "Ln, Col" item: what the keys select is checked by the status bar item of
 * Divergence Lens, which reads the selection.
 */
async function focusCellAt(wb, page, target, lineText) {
  await wb.clickUntil(target, () => focusedCellWith(page, lineText), { timeout: 20_000, what: `focusing the cell of "${lineText}"` });
}

/** Select the consecutive cell lines `texts` by the keyboard: click the first, Home, Shift+Down…, Shift+End. */
async function selectCellLines(wb, page, texts) {
  await focusCellAt(wb, page, cellLine(page, texts[0]), texts[0]);
  await page.keyboard.press('Home');
  for (let i = 1; i < texts.length; i++) await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+End');
}

/** Wait for the Divergence Lens status bar item to read `text`. */
async function waitStatusItem(page, text) {
  await page.locator('.statusbar-item', { hasText: text }).first().waitFor({ state: 'visible', timeout: 15_000 });
}

export const notebookHover = {
  name: 'Notebook: hover in a code cell shows the entropy',
  async run({ wb, page }) {
    await openNotebook(wb, page);
    // The cursor inside the literal: on its value 0.48.
    await focusCellAt(wb, page, cellLine(page, P_LINE).locator('span', { hasText: /^0\.48$/ }).first(), P_LINE);
    const text = await hoverText(wb, page, 'H(P) = 1.013 nats');
    assert.match(text, /3 values/);
    assert.match(text, /1\.462 bits/);
  },
};

export const notebookKlAndPanel = {
  name: 'Notebook: KL of a selection in a cell, and the panel',
  async run({ wb, page }) {
    await openNotebook(wb, page);
    await selectCellLines(wb, page, [P_LINE, Q_LINE]);
    await waitStatusItem(page, 'D(P‖Q) = 0.0853 nats');
    await wb.runCommand('Divergence: KL Divergence of Selection');
    const shown = await wb.waitNotification('D(P‖Q) = 0.0853 nats');
    assert.match(shown, /read as probabilities; sums are 1/);
    await assertNoDirtyEditor(page, 'the KL command');
    await wb.clearNotifications();
    await wb.runCommand('Divergence: Open Panel');
    const frame = await wb.webviewFrameWith('#formula .katex');
    await frame.locator('#result-value').filter({ hasText: '0.0852996' }).waitFor({ state: 'visible', timeout: 15_000 });
  },
};

export const notebookAcrossCells = {
  name: 'Notebook: one array selected in each of two cells are P and Q',
  async run({ wb, page }) {
    await openNotebook(wb, page);
    await selectCellLines(wb, page, [P_LINE]);
    await waitStatusItem(page, 'H(P) = 1.013 nats');
    await selectCellLines(wb, page, [COUNTS_LINE]);
    await waitStatusItem(page, 'D(P‖Q) = 0.01034 nats');
    await wb.runCommand('Divergence: KL Divergence of Selection');
    const shown = await wb.waitNotification('D(P‖Q) = 0.01034 nats');
    assert.match(shown, /normalised/);
    await assertNoDirtyEditor(page, 'the KL command');
  },
};

export const notebookVariablesNeedJupyter = {
  name: 'Notebook: Compare Notebook Variables says it needs the Jupyter extension',
  async run({ wb, page }) {
    await openNotebook(wb, page);
    await focusCellAt(wb, page, cellLine(page, P_LINE), P_LINE);
    await wb.runCommand('Divergence: Compare Notebook Variables…');
    const shown = await wb.waitNotification('needs the Jupyter extension');
    assert.equal(shown, 'Compare Notebook Variables needs the Jupyter extension (ms-toolsai.jupyter).');
  },
};

export default [notebookHover, notebookKlAndPanel, notebookAcrossCells, notebookVariablesNeedJupyter];
