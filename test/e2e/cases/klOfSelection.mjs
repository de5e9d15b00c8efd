// 1. Open examples/distributions.py from the Explorer, select the lines
//      p = [0.36, 0.48, 0.16]
//      q = [1/3, 1/3, 1/3]
//    run "Divergence: KL Divergence of Selection" from the Command Palette and read the result
//    from the notification. Also saves the screenshot the README uses.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

export const EXPECTED_NOTIFICATION = 'D(P‖Q) = 0.0853 nats';

/** The lines of a text file. */
export function readLines(file) {
  return fs.readFileSync(file, 'utf8').split(/\r?\n/);
}

/** 1-based number of the first of `lines` that satisfies `test`. */
export function lineOf(lines, test) {
  const i = lines.findIndex(test);
  if (i < 0) throw new Error(`no line matches ${test}`);
  return i + 1;
}

/** Shared with the panel case: open the example, select p and q, run the KL command. */
export async function computeKlOfExample(wb, workspace) {
  const lines = readLines(path.join(workspace, 'distributions.py'));
  const pLine = lineOf(lines, (l) => l.startsWith('p = [0.36, 0.48, 0.16]')); // line 6 today
  const qLine = lineOf(lines, (l) => l.startsWith('q = [1/3, 1/3, 1/3]')); // line 7 today
  assert.equal(qLine, pLine + 1, 'p and q are expected on consecutive lines');
  await wb.openFromExplorer('distributions.py');
  await wb.waitEditorText('p = [0.36, 0.48, 0.16]');
  await wb.selectLines(pLine, qLine, lines);
  await wb.runCommand('Divergence: KL Divergence of Selection');
  return wb.waitNotification(EXPECTED_NOTIFICATION);
}

export default {
  name: 'KL of selection',
  async run({ wb, page, workspace, artifactsDir }) {
    const text = await computeKlOfExample(wb, workspace);
    assert.ok(text.includes(EXPECTED_NOTIFICATION), `notification reads "${text}"`);
    await page.screenshot({ path: path.join(artifactsDir, 'kl-notification.png') });
  },
};
