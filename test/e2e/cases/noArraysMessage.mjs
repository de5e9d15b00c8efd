// 3. Select a comment line without arrays, run the KL command, and read the explanation.

import path from 'node:path';

import { lineOf, readLines } from './klOfSelection.mjs';

export default {
  name: 'No arrays message',
  async run({ wb, workspace }) {
    const lines = readLines(path.join(workspace, 'distributions.py'));
    // "# Counts are fine too: ..." (line 9 today): a comment with no array in it.
    const line = lineOf(lines, (l) => /^#\s*\S/.test(l) && !/[[\]]/.test(l));
    await wb.openFromExplorer('distributions.py');
    await wb.selectLines(line, line, lines);
    await wb.runCommand('Divergence: KL Divergence of Selection');
    await wb.waitNotification(/expected two arrays/i);
  },
};
