// Helpers shared by the editor cases (issue 6). Not a case itself.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

/** Write a file into the test workspace (a temporary copy of examples/: the repository is never touched). */
export function writeWorkspaceFile(workspace, name, text) {
  const file = path.join(workspace, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return text.split('\n');
}

/** Document safety: no editor tab has unsaved changes (no command but "Insert Result as Comment" edits). */
export async function assertNoDirtyEditor(page, after) {
  assert.equal(await page.locator('.tabs-container .tab.dirty').count(), 0, `a document was changed by ${after}`);
}

/** Run a palette command, wait for the notification, check the document is unchanged, clear the toasts. */
export async function runAndRead(wb, page, command, expected) {
  await wb.runCommand(command);
  const text = await wb.waitNotification(expected);
  await assertNoDirtyEditor(page, command);
  await wb.clearNotifications();
  return text;
}

/** Put the cursor at (line, column), 1-based, by Go to Line and the arrow keys; wait for the status bar to agree. */
export async function cursorAt(wb, page, line, column) {
  await wb.goToLine(line);
  for (let c = 1; c < column; c++) await page.keyboard.press('ArrowRight');
  await wb.waitCursorStatus(new RegExp(`^Ln ${line}, Col ${column}\\b`));
}

/** Show the hover at the cursor and return its text once it contains `expected`. */
export async function hoverText(wb, page, expected, timeout = 20_000) {
  await wb.runCommand('Show or Focus Hover');
  const hover = page.locator('.monaco-hover', { hasText: expected }).first();
  await hover.waitFor({ state: 'visible', timeout });
  const text = await hover.textContent();
  await page.keyboard.press('Escape');
  await page.locator('.monaco-hover').filter({ visible: true }).first().waitFor({ state: 'detached', timeout });
  return text;
}
