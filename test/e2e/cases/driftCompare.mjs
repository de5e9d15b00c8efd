// "Compare Two Datasets (Drift)…" from the Explorer: examples/seattle-2012.csv and seattle-2015.csv selected
// (the reference first), the command chosen from the context menu; the panel's Drift view lists the five
// columns with temp_max, temp_min and weather marked "Drifted" (the SciPy fixture of --split date=2012,2015,
// test/fixtures/drift/drift.json), the Score header sorts by the keyboard, and selecting temp_max (a KS column)
// draws both its histograms and its ECDFs. A screenshot of the view goes to test/e2e/artifacts/drift-view.png.

import fs from 'node:fs';
import path from 'node:path';

import { REPO_ROOT } from '../setup.mjs';

const REF = 'seattle-2012.csv';
const CUR = 'seattle-2015.csv';
const COMMAND = 'Compare Two Datasets (Drift)…';
const SELECTED = '.explorer-folders-view .monaco-list-row.selected';

const fixture = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'drift', 'drift.json'), 'utf8')).files.find(
  (f) => f.name === 'seattle-weather date=2012,2015',
);

/**
 * The Explorer's multi-selection: the reference opened from the Explorer (its editor active, so that the
 * Explorer's reveal of the active file has selected it already), then the current file Ctrl+clicked, again
 * only while the state seen lacks it.
 */
async function selectBoth(wb, page, timeout = 20_000) {
  const ref = wb.explorerRow(REF);
  const cur = wb.explorerRow(CUR);
  const selected = (row) => row.and(page.locator(SELECTED)).isVisible();
  await wb.openFromExplorer(REF, { timeout });
  await ref.and(page.locator(SELECTED)).waitFor({ state: 'visible', timeout });
  const deadline = Date.now() + timeout;
  for (let attempt = 0; !(await selected(cur)) || !(await selected(ref)); attempt++) {
    if (Date.now() > deadline) throw new Error(`the Explorer does not select ${REF} and ${CUR} (${attempt} tries)`);
    if (!(await selected(ref))) await wb.openFromExplorer(REF, { timeout: Math.max(1, deadline - Date.now()) });
    await cur.click({ modifiers: ['ControlOrMeta'], timeout: Math.max(1, deadline - Date.now()) });
    await cur
      .and(page.locator(SELECTED))
      .waitFor({ state: 'visible', timeout: Math.max(1, Math.min(1_000 * 2 ** attempt, deadline - Date.now())) })
      .catch(() => wb.log(`selecting ${CUR} too: no effect yet`));
  }
}

/**
 * The command from the context menu of the selected pair. Should the Explorer have dropped the reference from
 * its selection before the right-click (the command then asks for the current data), the Quick Pick is
 * closed and both are selected again.
 */
async function runOnPair(wb, page) {
  const askedForCurrent = page.locator('.quick-input-widget .quick-input-title', { hasText: 'Drift: the current data' });
  const done = page.locator('.notifications-toasts', { hasText: 'seattle-2012.csv vs seattle-2015.csv: 3 of 5 columns drifted' });
  for (let attempt = 1; ; attempt++) {
    await selectBoth(wb, page);
    await wb.explorerContextCommand(CUR, COMMAND, { timeout: 30_000 });
    // Each wait settles (the one that loses times out later into undefined, never an unhandled rejection).
    const seen = (locator, what) => locator.waitFor({ state: 'visible', timeout: 60_000 }).then(() => what, () => undefined);
    const outcome = await Promise.race([seen(done, 'report'), seen(askedForCurrent, 'asked')]);
    if (outcome === 'report') return;
    if (outcome === undefined) throw new Error('no drift report notification within 60 s');
    if (attempt === 3) throw new Error('the command got one file, not the two selected, 3 times');
    wb.log('the command got one file: selecting both again');
    await page.keyboard.press('Escape');
    await wb.waitQuickInputClosed();
  }
}

/** Counts canvas pixels that differ from its top-left (background) pixel. */
function drawnPixels(frame, id) {
  return frame.evaluate((canvasId) => {
    const canvas = document.getElementById(canvasId);
    if (!(canvas instanceof HTMLCanvasElement) || canvas.width === 0) return 0;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) n++;
    return n;
  }, id);
}

/** The table's rows as [column, drift cell]. */
function tableRows(frame) {
  return frame.locator('#drift-body tr').evaluateAll((rows) => rows.map((r) => [r.dataset.column, r.cells[5]?.textContent ?? '']));
}

/**
 * The panel's webview, from the summary down to the ECDFs: the window made taller for it (and back after), the
 * notifications cleared, the view scrolled to its top.
 */
async function screenshot(wb, page, frame, file) {
  const viewport = page.viewportSize();
  await wb.clearNotifications();
  await page.setViewportSize({ width: viewport.width, height: 1400 });
  try {
    await frame.waitForFunction(() => window.innerHeight > 1100, undefined, { timeout: 10_000 });
    await frame.evaluate(() => {
      window.scrollTo(0, 0);
      return document.fonts.ready.then(() => undefined);
    });
    await frame.waitForFunction(() => document.getElementById('drift-ecdf-box').getBoundingClientRect().bottom <= window.innerHeight, undefined, { timeout: 10_000 });
    const box = await (await frame.frameElement()).boundingBox();
    await page.screenshot({ path: file, clip: box });
  } finally {
    await page.setViewportSize(viewport);
  }
}

export default {
  name: 'Drift: two files from the Explorer, the Drift view and a column chart',
  async run({ wb, page, artifactsDir }) {
    await wb.explorerRow(REF).waitFor({ state: 'visible', timeout: 20_000 });
    await runOnPair(wb, page);

    const frame = await wb.webviewFrameWith('#view-drift:not([hidden]) #drift-body tr[data-column="weather"]', { timeout: 60_000 });
    const summary = await frame.locator('#drift-summary').textContent();
    if (!summary.includes('⚠ 3 of 5 columns drifted (share 0.6 ≥ 0.5): dataset drift')) throw new Error(`summary: "${summary}"`);
    const rows = await tableRows(frame);
    const want = fixture.columns.map((c) => [c.column, c.drifted ? '⚠ Drifted' : 'No drift']);
    if (JSON.stringify(rows) !== JSON.stringify(want)) throw new Error(`rows ${JSON.stringify(rows)}, expected ${JSON.stringify(want)}`);
    const drifted = await frame.locator('#drift-body tr.drifted').evaluateAll((r) => r.map((x) => x.dataset.column));
    if (drifted.join() !== 'temp_max,temp_min,weather') throw new Error(`drifted rows: ${drifted}`);

    // Sort by score with the keyboard: the header is a button (focus, Enter); p-values ascending.
    const score = frame.locator('#drift-head button[data-field="score"]');
    await score.focus();
    await score.press('Enter');
    await frame.locator('#drift-head th[aria-sort="ascending"] button[data-field="score"]').waitFor({ state: 'visible', timeout: 10_000 });
    const byScore = [...fixture.columns].sort((a, b) => a.score - b.score).map((c) => c.column);
    await frame.waitForFunction((order) => [...document.querySelectorAll('#drift-body tr')].map((r) => r.dataset.column).join() === order, byScore.join(), { timeout: 10_000 });

    // Select temp_max: its histograms, and its ECDFs since KS was its test.
    const row = frame.locator('#drift-body tr[data-column="temp_max"] th button');
    await wb.clickUntil(row, () => frame.locator('#drift-charts:not([hidden]) #drift-ecdf-box:not([hidden])'), { timeout: 15_000, what: 'selecting temp_max' });
    await frame.locator('#drift-chart-title', { hasText: 'temp_max: numerical, ks 0.000315709 (⚠ drifted)' }).waitFor({ state: 'visible', timeout: 10_000 });
    await frame.locator('#drift-ecdf-note', { hasText: 'KS statistic' }).waitFor({ state: 'visible', timeout: 10_000 });
    await frame.waitForFunction(() => document.querySelector('#drift-body tr.selected')?.dataset.column === 'temp_max', undefined, { timeout: 10_000 });
    for (const id of ['chart-drift-bins', 'chart-drift-ecdf']) {
      await frame.waitForFunction((c) => {
        const canvas = document.getElementById(c);
        return canvas instanceof HTMLCanvasElement && canvas.width > 0;
      }, id, { timeout: 10_000 });
      const n = await drawnPixels(frame, id);
      if (n < 500) throw new Error(`${id} has ${n} drawn pixels`);
    }
    await screenshot(wb, page, frame, path.join(artifactsDir, 'drift-view.png'));
  },
};
