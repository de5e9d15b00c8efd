// The web extension: the browser-only variant of the package (`node scripts/package.mjs --web`, no `main`),
// which code-server can only run in the browser's web worker extension host: no Node, one thread, the WASM
// kernels inlined in the bundle. The first case shows that it is the browser entry that runs (the command that
// needs Node says so) and that the WASM kernels were instantiated there; the others are the desktop suite's
// cases as they are, with the same expected values: KL of a selection, the status bar and hover, the panel,
// Compare Columns on a CSV read through vscode.workspace.fs, and the entropy of 5·10^5 values (the WASM kernel
// on the one thread; no worker).

import fs from 'node:fs';
import path from 'node:path';

import compareColumns from './compareColumns.mjs';
import editorBigLiteral from './editorBigLiteral.mjs';
import klOfSelection from './klOfSelection.mjs';
import panelRendersFormula from './panelRendersFormula.mjs';
import statusBarAndHover from './statusBarAndHover.mjs';

/** A desktop case in the web suite: its screenshots go to artifacts/web/, beside the desktop suite's. */
const web = (c) => ({
  name: `Web: ${c.name}`,
  run: (ctx) => {
    const artifactsDir = path.join(ctx.artifactsDir, 'web');
    fs.mkdirSync(artifactsDir, { recursive: true });
    return c.run({ ...ctx, artifactsDir });
  },
});

/**
 * Clicks a toast's Show Details until `effect()` shows. A click that worked closes the toast, so it is clicked
 * again only while it is still there (wb.clickUntil would wait for the gone button when the effect is slow).
 */
async function showDetails(button, effect, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  while (!(await effect().isVisible())) {
    if (Date.now() > deadline) throw new Error(`Show Details: no effect within ${timeout / 1000} s`);
    if (await button.isVisible()) await button.click({ timeout: 5_000 }).catch(() => {});
    await effect()
      .waitFor({ state: 'visible', timeout: Math.max(1, Math.min(5_000, deadline - Date.now())) })
      .catch(() => {});
  }
}

const webHost = {
  name: 'Web: the browser entry runs, with the WASM kernels, and says what needs the desktop',
  async run({ wb, page }) {
    await wb.runCommand('Divergence: KL Divergence of Two Data Files…');
    await wb.waitNotification('KL Divergence of Two Data Files… reads the files in pieces on worker threads, which needs the desktop VS Code.');
    const button = page.locator('.notifications-toasts .notification-toast .monaco-button', { hasText: 'Show Details' }).first();
    // The editor of the Output view writes spaces as no-break spaces: \s matches both.
    const backend = () => page.locator('.part.panel .view-lines', { hasText: /compute\sbackend:\swasm:\sSIMD\skernel\sready/ }).first();
    await showDetails(button, backend);
    await page.locator('.part.panel .view-lines', { hasText: /the\sdivergence\sCLI\scompares\stwo\s\.npy\sfiles/ }).first().waitFor({ state: 'visible', timeout: 10_000 });
  },
};

export default [webHost, web(klOfSelection), web(statusBarAndHover), web(panelRendersFormula), web(compareColumns), web(editorBigLiteral)];
