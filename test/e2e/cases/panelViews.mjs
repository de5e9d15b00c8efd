// The side panel's views, in the webview frame of a real VS Code:
//   - from the KL command: KaTeX definition and substituted formula, the numbers, the Charts tab's bar canvas
//     drawn (non-blank pixels read back from the canvas);
//   - "All Measures of Selection": the table, and a row's formula;
//   - "Compare Gaussians…": moving a slider (keyboard and value) changes D(P‖Q) to the closed form;
//   - switching VS Code to a light theme changes the panel's colours (page and chart);
//   - hidden and shown again (the webview is destroyed: no retainContextWhenHidden) it restores its content;
//   - a column named <img src=x onerror=alert(1)> shows as text, never as HTML.
// Screenshots of each view go to test/e2e/artifacts/panel-*.png.
//
// References: D(P‖Q) of p = [0.36, 0.48, 0.16], q = uniform: scipy.special.rel_entr(p, q).sum() = 0.08529960131837057;
// Gaussian KL closed form ln(σ1/σ0) + (σ0² + (μ0 − μ1)²)/(2σ1²) − ½ (scipy-checked in the unit tests).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import { computeKlOfExample, lineOf, readLines } from './klOfSelection.mjs';

// The value is shown in full; the last digit depends on the summation order of the backend (rel. 1e-15).
const KL_VALUE = '0.085299601318370';

function gaussianKl(mu0, s0, mu1, s1) {
  return Math.log(s1 / s0) + (s0 * s0 + (mu0 - mu1) ** 2) / (2 * s1 * s1) - 0.5;
}

async function shot(frame, page, artifactsDir, name) {
  await frame.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: path.join(artifactsDir, name) });
}

/** Waits until `locator`'s text contains `text`, with a message saying what it shows instead. */
async function waitText(locator, text, timeout = 15_000) {
  await locator
    .filter({ hasText: text })
    .first()
    .waitFor({ state: 'visible', timeout })
    .catch(async () => {
      const got = (await locator.count()) ? await locator.first().innerText() : '(missing)';
      throw new Error(`expected "${text}", found "${got}"`);
    });
}

/** Counts canvas pixels that differ from its top-left (background) pixel. */
async function drawnPixels(frame, id) {
  return frame.evaluate((canvasId) => {
    const canvas = document.getElementById(canvasId);
    if (!(canvas instanceof HTMLCanvasElement) || canvas.width === 0) return 0;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) n++;
    }
    return n;
  }, id);
}

/** The displayed closed-form D(P‖Q) of the explorer, waiting until it equals `want` (rel. 1e-12). */
async function waitGaussianKl(frame, want, timeout = 10_000) {
  await frame
    .waitForFunction(
      (w) => {
        const v = Number(document.getElementById('g-kl-pq')?.dataset.value);
        return Math.abs(v - w) <= 1e-12 * Math.max(1, Math.abs(w));
      },
      want,
      { timeout },
    )
    .catch(async () => {
      const got = await frame.locator('#g-kl-pq').getAttribute('data-value');
      throw new Error(`D(P‖Q) shows ${got}, expected the closed form ${want}`);
    });
}

async function openGaussians(wb, answer) {
  await wb.runCommand('Divergence: Compare Gaussians…', { thenQuickPickTitle: 'Compare Gaussians' });
  const box = await wb.fillQuickInput(answer);
  await box.press('Enter');
  await wb.waitQuickInputClosed();
  return wb.webviewFrameWith('#view-gaussian:not([hidden]) #g-kl-pq[data-value]');
}

export const panelFormulaAndCharts = {
  name: 'Panel: formula and charts of a KL result',
  async run({ wb, page, workspace, artifactsDir }) {
    await computeKlOfExample(wb, workspace);
    await wb.clearNotifications();
    await wb.runCommand('Divergence: Open Panel');
    const frame = await wb.webviewFrameWith('#substituted .katex');
    assert.ok((await frame.locator('#formula .katex').count()) > 0, 'no KaTeX in #formula');
    await waitText(frame.locator('#result-value'), KL_VALUE);
    // The substituted formula shows the user's numbers (KaTeX's MathML carries them as text).
    const mathml = await frame.locator('#substituted annotation').first().textContent();
    assert.ok(mathml.includes('0.36\\,\\ln\\frac{0.36}{0.3333}'), `substituted LaTeX is "${mathml}"`);
    await waitText(frame.locator('#details li'), 'Pinsker');
    await shot(frame, page, artifactsDir, 'panel-formula.png');

    await frame.locator('#tab-charts').click();
    await frame.locator('#chart-bars').waitFor({ state: 'visible', timeout: 10_000 });
    await frame.waitForFunction(() => {
      const c = document.getElementById('chart-bars');
      return c instanceof HTMLCanvasElement && c.width > 0;
    });
    const drawn = await drawnPixels(frame, 'chart-bars');
    assert.ok(drawn > 1000, `the bar chart canvas has only ${drawn} drawn pixels`);
    assert.ok((await drawnPixels(frame, 'chart-terms')) > 500, 'the contributions chart is blank');
    await shot(frame, page, artifactsDir, 'panel-charts.png');
  },
};

export const panelAllMeasures = {
  name: 'Panel: all measures table',
  async run({ wb, page, workspace, artifactsDir }) {
    const lines = readLines(path.join(workspace, 'distributions.py'));
    const pLine = lineOf(lines, (l) => l.startsWith('p = [0.36, 0.48, 0.16]'));
    await wb.openFromExplorer('distributions.py');
    await wb.waitEditorText('p = [0.36, 0.48, 0.16]');
    await wb.selectLines(pLine, pLine + 1, lines);
    // From the editor's context menu: its Divergence submenu holds All Measures too.
    await wb.editorSubmenuCommand('Divergence', 'All Measures of Selection');
    // Reported as every result: D(P‖Q), the table's headline, to the configured 4 significant digits.
    await wb.waitNotification('D(P‖Q) = 0.0853 nats; all 13 measures in the panel');
    const frame = await wb.webviewFrameWith('#view-table:not([hidden]) #measures-body tr');
    const rows = frame.locator('#measures-body tr');
    await frame.waitForFunction(() => document.querySelectorAll('#measures-body tr').length === 13);
    await waitText(rows.filter({ hasText: 'D(P‖Q)' }).locator('td.num'), '0.0852996');
    // scipy.stats.entropy([0.36, 0.48, 0.16]) = 1.0133126873497391
    await waitText(rows.filter({ hasText: 'Entropy of P' }).locator('td.num'), '1.01331');
    await shot(frame, page, artifactsDir, 'panel-table.png');
    await rows.filter({ hasText: 'Entropy of P' }).locator('button').click();
    await waitText(frame.locator('#title'), 'Shannon entropy');
    await waitText(frame.locator('#result-value'), '1.01331268734973');
  },
};

export const panelGaussian = {
  name: 'Panel: Gaussian explorer follows its sliders',
  async run({ wb, page, artifactsDir }) {
    const frame = await openGaussians(wb, '0, 1, 1, 2');
    // ln 2 − ¼ and 2 − ln 2, to the configured 4 significant digits, as every result.
    await wb.waitNotification('D(P‖Q) = 0.4431 nats, D(Q‖P) = 1.307 nats (closed form)');
    await wb.clearNotifications();
    await waitGaussianKl(frame, gaussianKl(0, 1, 1, 2));
    const slider = frame.locator('#mu1-range');
    await slider.fill('3');
    await waitGaussianKl(frame, gaussianKl(0, 1, 3, 2));
    // Keyboard: one step (0.01) to the right.
    await slider.focus();
    await slider.press('ArrowRight');
    await waitGaussianKl(frame, gaussianKl(0, 1, 3.01, 2));
    await frame.locator('#sigma0-range').fill('0.5');
    await waitGaussianKl(frame, gaussianKl(0, 0.5, 3.01, 2));
    assert.ok((await drawnPixels(frame, 'chart-gauss')) > 500, 'the density chart is blank');
    await shot(frame, page, artifactsDir, 'panel-gaussian.png');
    // σ₀ typed as 0: the error line names σ₀ and the last valid results are dimmed until σ₀ is valid again.
    await frame.locator('#sigma0-field input').fill('0');
    await waitText(frame.locator('#gauss-error'), 'σ₀ (standard deviation of P) is 0');
    await frame.waitForFunction(() => document.getElementById('g1d-box')?.classList.contains('stale'), undefined, { timeout: 10_000 });
    await frame.locator('#sigma0-field input').fill('0.5');
    await frame.waitForFunction(() => !document.getElementById('g1d-box')?.classList.contains('stale'), undefined, { timeout: 10_000 });

    // d = 2: the default matrices, then μ₁x typed as 2. NumPy (0.5[tr(Σ1⁻¹Σ0) + maha − 2 + ln|Σ1|/|Σ0|]):
    // Σ0 = [[1, 0.3], [0.3, 2]], Σ1 = [[1.5, −0.4], [−0.4, 0.8]], μ0 = (0, 0): μ1 = (1, −0.5) gives
    // 1.0109625817012176, μ1 = (2, −0.5) gives 1.9725010432396788.
    await frame.locator('#g-mode').selectOption('2d');
    const kl2 = async (want) =>
      frame
        .waitForFunction((w) => Math.abs(Number(document.getElementById('g2-kl-pq')?.dataset.value) - w) <= 1e-12 * w, want, { timeout: 10_000 })
        .catch(async () => {
          throw new Error(`d = 2: D(P‖Q) shows ${await frame.locator('#g2-kl-pq').getAttribute('data-value')}, expected ${want}`);
        });
    await kl2(1.0109625817012176);
    await frame.locator('#g2-mu1x input').fill('2');
    await kl2(1.9725010432396788);
    assert.ok((await drawnPixels(frame, 'chart-g2d')) > 500, 'the ellipse chart is blank');
    await shot(frame, page, artifactsDir, 'panel-gaussian-2d.png');

    // Mixtures, computed by the host with the core's gmmKl: P = ½N(−1, 0.5²) + ½N(1, 0.5²), Q = N(0, 1) (the
    // defaults). The core documents gmmKl(p, q, { method: 'variational' }).value = 0.12533540637289564.
    await frame.locator('#g-mode').selectOption('mix');
    await frame.locator('#gmix-value').filter({ hasText: 'standard error' }).waitFor({ state: 'visible', timeout: 15_000 });
    await frame.locator('#gmix-method').selectOption('variational');
    await frame
      .waitForFunction(() => Math.abs(Number(document.getElementById('gmix-value')?.dataset.value) - 0.12533540637289564) <= 1e-13, undefined, { timeout: 10_000 })
      .catch(async () => {
        throw new Error(`mixtures: D(P‖Q) shows ${await frame.locator('#gmix-value').getAttribute('data-value')}, expected 0.12533540637289564`);
      });
    assert.ok((await drawnPixels(frame, 'chart-gmix')) > 500, 'the mixture chart is blank');
    await shot(frame, page, artifactsDir, 'panel-gaussian-mixtures.png');
    // A bad standard deviation: the core's message, naming it.
    await frame.locator('#gmix-q-sigmas input').fill('-1');
    await waitText(frame.locator('#gmix-error'), 'sigma');
    await frame.waitForFunction(() => document.getElementById('gmix-box')?.classList.contains('stale'), undefined, { timeout: 10_000 });
    await frame.locator('#gmix-q-sigmas input').fill('1');
    await frame.waitForFunction(() => !document.getElementById('gmix-box')?.classList.contains('stale'), undefined, { timeout: 15_000 });
    await frame.locator('#g-mode').selectOption('1d');
  },
};

/** The theme picker ("Preferences: Color Theme"), then the theme's label (applied on Enter). */
async function pickTheme(wb, label) {
  // The picker has no title: it is there once it lists the installed themes.
  await wb.runCommand('Preferences: Color Theme', { thenQuickPickRow: 'Light Modern' });
  await wb.pickQuickItem(label);
}

export const panelTheme = {
  name: 'Panel: follows the colour theme',
  async run({ wb, page, artifactsDir }) {
    const frame = await openGaussians(wb, '0, 1, 0.5, 1.5');
    const colours = () =>
      frame.evaluate(() => {
        const canvas = document.getElementById('chart-gauss');
        const px = canvas.getContext('2d').getImageData(2, 2, 1, 1).data;
        return { body: getComputedStyle(document.body).backgroundColor, chart: `${px[0]},${px[1]},${px[2]}`, cls: document.body.className };
      });
    /** Sets the theme in the user's settings.json (VS Code applies it live), then waits for the panel's body class. */
    const switchTo = async (theme, bodyClass) => {
      const before = await colours();
      await pickTheme(wb, theme);
      await frame.waitForFunction((cls) => document.body.classList.contains(cls), bodyClass, { timeout: 20_000 });
      // The charts redraw with the theme's colours: their background follows the page's.
      await frame.waitForFunction(
        (old) => {
          const px = document.getElementById('chart-gauss').getContext('2d').getImageData(2, 2, 1, 1).data;
          return `${px[0]},${px[1]},${px[2]}` !== old;
        },
        before.chart,
        { timeout: 10_000 },
      );
      const after = await colours();
      assert.notEqual(after.body, before.body, `the panel's background stayed ${before.body}`);
      return after;
    };
    const initial = await colours();
    let initialTheme = initial.cls.includes('vscode-light') ? 'Light Modern' : undefined;
    try {
      // The harness starts in VS Code's default theme; go to dark first if it is light, then to light.
      // Theme ids as the built-in theme-defaults extension declares them.
      if (!initial.cls.includes('vscode-dark')) await switchTo('Dark Modern', 'vscode-dark');
      else initialTheme = 'Dark Modern';
      await shot(frame, page, artifactsDir, 'panel-gaussian-dark.png');
      const light = await switchTo('Light Modern', 'vscode-light');
      assert.ok(light.cls.includes('vscode-light'), `body class is "${light.cls}"`);
      await shot(frame, page, artifactsDir, 'panel-light.png');
      await switchTo('Dark High Contrast', 'vscode-high-contrast');
      await shot(frame, page, artifactsDir, 'panel-high-contrast.png');
    } finally {
      // Back to a light theme for the cases that follow (the harness's default is light).
      await pickTheme(wb, initialTheme ?? 'Light Modern').catch(() => {});
    }
  },
};

export const panelRestores = {
  name: 'Panel: restores its content when hidden and shown',
  async run({ wb }) {
    let frame = await openGaussians(wb, '-1, 0.5, 2, 3');
    await waitGaussianKl(frame, gaussianKl(-1, 0.5, 2, 3));
    await frame.locator('#mu1-range').fill('2.5');
    await waitGaussianKl(frame, gaussianKl(-1, 0.5, 2.5, 3));
    await frame.evaluate(() => {
      window.__beforeHide = true;
    });
    // Hide it: a new editor in the panel's group (the webview's document is destroyed), then show it again.
    await wb.activateTab('Divergence Lens');
    await wb.openFromExplorer('START-HERE.md');
    await wb.waitFrameDetached(frame);
    await wb.activateTab('Divergence Lens');
    frame = await wb.webviewFrameWith('#view-gaussian:not([hidden]) #g-kl-pq[data-value]');
    await waitGaussianKl(frame, gaussianKl(-1, 0.5, 2.5, 3));
    assert.equal(await frame.locator('#mu1-range').inputValue(), '2.5');
    assert.equal(await frame.evaluate(() => window.__beforeHide), undefined, 'the webview was not recreated (retainContextWhenHidden?)');
  },
};

const EVIL = '<img src=x onerror=alert(1)>';

export const panelEscapesNames = {
  name: 'Panel: shows a malicious column name as text',
  async run({ wb, page, workspace }) {
    const file = 'evil-names.csv';
    fs.writeFileSync(path.join(workspace, file), `"${EVIL}",plain\n0.2,0.3\n0.3,0.3\n0.5,0.4\n`);
    let alerted = false;
    const onDialog = (d) => {
      alerted = true;
      void d.dismiss();
    };
    page.on('dialog', onDialog);
    try {
      await wb.openFromExplorer(file);
      await wb.runCommand('Divergence: Compare Columns of Data File…', { thenQuickPickTitle: `${file}: P` });
      await wb.pickQuickItem(EVIL, { nextTitle: `${file}: Q` });
      await wb.pickQuickItem('plain');
      await wb.waitNotification(/read as distributions/);
      await wb.runCommand('Divergence: Open Panel');
      const frame = await wb.webviewFrameWith('#details li');
      await waitText(frame.locator('#details li'), `P = ${EVIL}`);
      assert.equal(await frame.locator('#app img').count(), 0, 'the name became an <img> element');
      assert.equal(alerted, false, 'an alert ran');
    } finally {
      page.off('dialog', onDialog);
    }
  },
};

export const panelSamples = {
  name: 'Panel: samples histograms and ECDFs with the KS statistic',
  async run({ wb, page, artifactsDir }) {
    // seattle-weather.csv temp_max vs temp_min are read as samples;
    // scipy.stats.ks_2samp(temp_max, temp_min).statistic = 0.4462696783025325.
    const file = 'seattle-weather.csv';
    await wb.openFromExplorer(file);
    await wb.runCommand('Divergence: Compare Columns of Data File…', { thenQuickPickTitle: `${file}: P` });
    await wb.pickQuickItem('temp_max', { nextTitle: `${file}: Q` });
    await wb.pickQuickItem('temp_min', { nextTitle: 'temp_max vs temp_min read as samples' });
    await wb.pickQuickItem('KS test and Wasserstein-1');
    await wb.waitNotification(/read as samples/);
    await wb.runCommand('Divergence: Open Panel');
    const frame = await wb.webviewFrameWith('#view-samples:not([hidden]) #ks-note');
    await waitText(frame.locator('#ks-note'), 'KS = 0.44627');
    await waitText(frame.locator('#samples-source'), 'P = temp_max, Q = temp_min');
    await frame.waitForFunction(() => (document.getElementById('chart-ecdf')?.width ?? 0) > 0);
    assert.ok((await drawnPixels(frame, 'chart-ecdf')) > 500, 'the ECDF chart is blank');
    assert.ok((await drawnPixels(frame, 'chart-hist')) > 500, 'the histogram chart is blank');
    await shot(frame, page, artifactsDir, 'panel-samples.png');
  },
};

export default [panelFormulaAndCharts, panelSamples, panelAllMeasures, panelGaussian, panelTheme, panelRestores, panelEscapesNames];
