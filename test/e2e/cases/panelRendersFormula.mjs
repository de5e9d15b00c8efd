// 2. With a result computed, run "Divergence: Open Panel" and check, inside the webview, that
//    #formula holds KaTeX output and #result-value shows the full-precision value. Saves a
//    screenshot of the panel to test/e2e/artifacts/panel.png.

import assert from 'node:assert/strict';
import path from 'node:path';

import { computeKlOfExample } from './klOfSelection.mjs';

export default {
  name: 'Panel renders formula',
  async run({ wb, page, workspace, artifactsDir }) {
    // Self-contained: compute the example's result first (the previous case may have failed).
    await computeKlOfExample(wb, workspace);
    await wb.clearNotifications();
    await wb.runCommand('Divergence: Open Panel');
    const frame = await wb.webviewFrameWith('#formula .katex');
    const katexCount = await frame.locator('#formula .katex').count();
    assert.ok(katexCount > 0, 'no .katex element in #formula');
    const value = frame.locator('#result-value');
    await value.filter({ hasText: '0.0852996' }).waitFor({ state: 'visible', timeout: 15_000 }).catch(async () => {
      const got = (await value.count()) ? await value.first().innerText() : '(no #result-value)';
      throw new Error(`#result-value does not show 0.0852996; it shows "${got}"`);
    });
    // The KaTeX fonts load asynchronously; wait for them so the screenshot shows the formula as set.
    await frame.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.screenshot({ path: path.join(artifactsDir, 'panel.png') });
  },
};
