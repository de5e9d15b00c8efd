// Helpers that drive the VS Code workbench in the browser the way a person would: the
// Explorer, the Command Palette (F1), Go to Line (Ctrl+G), the keyboard, notifications and
// webviews. Every step waits for a condition (a selector, a text) with a timeout; none relies
// on a fixed sleep.

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = '.quick-input-widget .quick-input-box input';
const TOASTS = '.notifications-toasts';

export class Workbench {
  /** @param {import('playwright-core').Page} page */
  constructor(page, { log = () => {} } = {}) {
    this.page = page;
    this.log = log;
  }

  /** Wait until the workbench has loaded with the folder open and the Explorer shows files. */
  async ready({ timeout = 90_000 } = {}) {
    const { page } = this;
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
    const explorer = page.locator('.explorer-folders-view .monaco-list-row').first();
    try {
      await explorer.waitFor({ state: 'visible', timeout: 20_000 });
    } catch {
      // The Explorer is not showing (a restored layout, say): open it.
      await this.runCommand('View: Show Explorer');
      await explorer.waitFor({ state: 'visible', timeout });
    }
  }

  /** The status bar item that shows "Ln X, Col Y" and "(N selected)". */
  cursorStatus() {
    return this.page.locator('#status\\.editor\\.selection');
  }

  async waitQuickInputOpen(timeout = 10_000) {
    const box = this.page.locator(QUICK_INPUT_BOX);
    await box.waitFor({ state: 'visible', timeout });
    await this.page.waitForFunction(
      (sel) => document.activeElement === document.querySelector(sel),
      QUICK_INPUT_BOX,
      { timeout },
    );
    return box;
  }

  async waitQuickInputClosed(timeout = 10_000) {
    await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout });
  }

  /**
   * Run a command from the Command Palette: F1, type its title, wait until the focused row is
   * exactly that command, Enter.
   */
  async runCommand(title, { timeout = 15_000, thenQuickPickTitle } = {}) {
    const { page } = this;
    this.log(`command: ${title}`);
    // The palette lists the commands known when it opens; right after start-up an extension's contributions
    // may not be registered yet. If the command is not listed, close the palette and open it again.
    const attempts = 3;
    let box;
    for (let attempt = 1; ; attempt++) {
      box = await this.openPaletteWith(title, timeout);
      if (await this.focusRow(title, attempt < attempts ? timeout / attempts : timeout)) break;
      if (attempt === attempts) throw new Error(`the Command Palette does not list "${title}"`);
      this.log(`"${title}" not listed yet: reopening the palette`);
      await page.keyboard.press('Escape');
      await this.waitQuickInputClosed(timeout);
    }
    await box.press('Enter');
    // A command that asks at once (a Quick Pick) replaces the palette: wait for its title instead.
    if (thenQuickPickTitle) await this.waitQuickPickTitle(thenQuickPickTitle, timeout);
    else await this.waitQuickInputClosed(timeout);
  }

  /** F1, then the title typed in one input event (a key per letter re-filters the list each time: slow). */
  async openPaletteWith(title, timeout) {
    const { page } = this;
    await page.keyboard.press('F1');
    const box = await this.waitQuickInputOpen(timeout);
    // The palette's filter does not match a trailing "…" (titles of commands that ask more): type without it.
    const typed = title.replace(/…$/, '');
    await page.keyboard.insertText(typed);
    await page.waitForFunction(
      ([sel, value]) => document.querySelector(sel)?.value === value,
      [QUICK_INPUT_BOX, `>${typed}`],
      { timeout },
    );
    return box;
  }

  /**
   * Focus the palette row that is exactly `title`: the palette may rank a recently used command first ("Reverse
   * KL Divergence of Selection" above "KL Divergence of Selection"), so move down to it. Waits for conditions.
   */
  async focusRow(title, timeout) {
    const { page } = this;
    const rowLabels = () =>
      page.evaluate(() => {
        const norm = (t) => (t ?? '').replace(/\s+/g, ' ').trim();
        const rows = [...document.querySelectorAll('.quick-input-widget .monaco-list-row')];
        const label = (r) => norm(r.querySelector('.label-name')?.textContent);
        return { all: rows.map(label), focused: label(rows.find((r) => r.classList.contains('focused')) ?? null) };
      });
    try {
      await page.waitForFunction(
        (want) =>
          [...document.querySelectorAll('.quick-input-widget .monaco-list-row')].some(
            (r) => (r.querySelector('.label-name')?.textContent ?? '').replace(/\s+/g, ' ').trim() === want,
          ),
        title,
        { timeout },
      );
    } catch {
      return false;
    }
    for (let i = 0; i < 20; i++) {
      const { focused } = await rowLabels();
      if (focused === title) return true;
      await page.keyboard.press('ArrowDown');
      await page
        .waitForFunction(
          (before) => {
            const row = document.querySelector('.quick-input-widget .monaco-list-row.focused');
            return (row?.querySelector('.label-name')?.textContent ?? '').replace(/\s+/g, ' ').trim() !== before;
          },
          focused,
          { timeout: 2_000 },
        )
        .catch(() => {});
    }
    return this.waitFocusedRow(title, 1_000);
  }

  /** Whether the focused palette row becomes exactly `title` within `timeout` (the list filters asynchronously). */
  async waitFocusedRow(title, timeout) {
    try {
      await this.page.waitForFunction(
        (want) => {
          const row = document.querySelector('.quick-input-widget .monaco-list-row.focused');
          if (!row) return false;
          const norm = (t) => (t ?? '').replace(/\s+/g, ' ').trim();
          return norm(row.getAttribute('aria-label')) === want || norm(row.querySelector('.label-name')?.textContent) === want;
        },
        title,
        { timeout },
      );
      return true;
    } catch {
      return false;
    }
  }

  /** Wait for a Quick Pick whose title contains `title`, with its input focused. */
  async waitQuickPickTitle(title, timeout = 15_000) {
    await this.page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: title }).waitFor({ state: 'visible', timeout });
    return this.waitQuickInputOpen(timeout);
  }

  /**
   * In the open Quick Pick: type `label`, wait until the focused row is exactly that item, Enter; then wait for
   * the next Quick Pick (`nextTitle`) or for the Quick Pick to close.
   */
  async pickQuickItem(label, { nextTitle, timeout = 15_000 } = {}) {
    const { page } = this;
    this.log(`quick pick: ${label}`);
    const box = await this.waitQuickInputOpen(timeout);
    await page.keyboard.insertText(label);
    await page.waitForFunction(
      (want) => {
        const row = document.querySelector('.quick-input-widget .monaco-list-row.focused');
        const text = (row?.querySelector('.label-name')?.textContent ?? '').replace(/\s+/g, ' ').trim();
        return text === want;
      },
      label,
      { timeout },
    );
    await box.press('Enter');
    if (nextTitle) await this.waitQuickPickTitle(nextTitle, timeout);
    else await this.waitQuickInputClosed(timeout);
  }

  /** Open a file by clicking its row in the Explorer; wait for its editor to be active. */
  async openFromExplorer(name, { timeout = 20_000 } = {}) {
    const { page } = this;
    this.log(`explorer: open ${name}`);
    const row = page
      .locator('.explorer-folders-view .monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(name)}$`) }) });
    await row.first().waitFor({ state: 'visible', timeout });
    await row.first().click();
    await page
      .locator(`.editor-group-container.active .tabs-container .tab.active[data-resource-name="${name}"]`)
      .waitFor({ state: 'visible', timeout });
    await this.editor().waitFor({ state: 'visible', timeout });
  }

  /** The active text editor. */
  editor() {
    return this.page.locator('.editor-group-container.active .monaco-editor[data-uri]').first();
  }

  /** Wait until the active editor shows `text` on screen. */
  async waitEditorText(text, timeout = 15_000) {
    await this.editor().locator('.view-lines', { hasText: text }).waitFor({ state: 'visible', timeout });
  }

  /** Put keyboard focus in the active editor (without moving the cursor elsewhere than it is). */
  async focusEditor(timeout = 10_000) {
    const { page } = this;
    const focused = () =>
      page.evaluate(() => !!document.activeElement?.closest('.editor-group-container.active .monaco-editor'));
    if (await focused()) return;
    await this.runCommand('View: Focus Active Editor Group');
    await page.waitForFunction(
      () => !!document.activeElement?.closest('.editor-group-container.active .monaco-editor'),
      undefined,
      { timeout },
    );
  }

  /** Ctrl+G, type the line number, Enter; wait for the status bar to say "Ln <line>, Col 1". */
  async goToLine(line, { timeout = 10_000 } = {}) {
    const { page } = this;
    this.log(`go to line ${line}`);
    await this.focusEditor();
    await page.keyboard.press('Control+G');
    const box = await this.waitQuickInputOpen(timeout);
    await page.keyboard.insertText(String(line));
    await page.waitForFunction(
      ([sel, value]) => document.querySelector(sel)?.value === value,
      [QUICK_INPUT_BOX, `:${line}`],
      { timeout },
    );
    await box.press('Enter');
    await this.waitQuickInputClosed(timeout);
    await this.waitCursorStatus(new RegExp(`^Ln ${line}, Col 1\\b`), timeout);
  }

  async waitCursorStatus(re, timeout = 10_000) {
    const { page } = this;
    await page.waitForFunction(
      ([source, flags]) => {
        const el = document.querySelector('#status\\.editor\\.selection');
        return !!el && new RegExp(source, flags).test(el.textContent.trim());
      },
      [re.source, re.flags],
      { timeout },
    );
    return (await this.cursorStatus().textContent()).trim();
  }

  /**
   * Select whole lines first..last (1-based; from the start of `first` to the end of `last`)
   * by keyboard, and wait until the status bar reports exactly that selection. `lines` is the
   * file's text split into lines, from which the expected "Ln, Col (N selected)" is computed:
   * waiting for any selection would race with the last key press.
   */
  async selectLines(first, last, lines) {
    const { page } = this;
    const selected = lines.slice(first - 1, last);
    const chars = selected.reduce((n, l) => n + l.length, 0) + (selected.length - 1); // LF line ends
    const want = `Ln ${last}, Col ${lines[last - 1].length + 1} (${chars} selected)`;
    await this.goToLine(first);
    for (let l = first; l < last; l++) await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+End');
    await this.waitCursorStatus(new RegExp(`^${escapeRe(want)}$`));
    this.log(`selected lines ${first}-${last}: ${want}`);
    return want;
  }

  /** Wait for a notification toast whose text matches `text` (string or RegExp); return its text. */
  async waitNotification(text, { timeout = 20_000 } = {}) {
    const toast = this.page.locator(`${TOASTS} .notification-toast`, { hasText: text }).first();
    try {
      await toast.waitFor({ state: 'visible', timeout });
    } catch (err) {
      if (!/Timeout/.test(err.message)) throw err;
      const seen = await this.notificationTexts().catch(() => ['(could not read notifications)']);
      throw new Error(`no notification matching ${text} within ${timeout / 1000} s; notifications: ${JSON.stringify(seen)}`, { cause: err });
    }
    // Let its slide-in finish (VS Code marks the end with this class), so screenshots show it whole.
    await toast
      .and(this.page.locator('.notification-fade-in-done'))
      .waitFor({ state: 'visible', timeout: 5_000 })
      .catch(() => {}); // with reduced motion there is no transition and so no such class
    return (await toast.locator('.notification-list-item-message').innerText()).trim();
  }

  /** Text of all visible toasts. */
  async toastTexts() {
    return this.page.locator(`${TOASTS} .notification-list-item-message`).allInnerTexts();
  }

  /**
   * The notifications there are, for failure messages: the visible toasts or, when toasts have
   * already hidden themselves, the Notifications Center's list (which is left open, so the
   * failure screenshot shows it too).
   */
  async notificationTexts() {
    const toasts = await this.toastTexts();
    if (toasts.length) return toasts;
    await this.runCommand('Notifications: Show Notifications');
    const items = this.page.locator('.notifications-center .notification-list-item-message');
    await items.first().waitFor({ state: 'visible', timeout: 3_000 }).catch(() => {});
    return items.allInnerTexts();
  }

  /**
   * A neutral start for a case: no quick input open, no notifications, no editors (webview
   * panels included) and a single editor group.
   */
  async reset() {
    const { page } = this;
    if (await page.locator(QUICK_INPUT).isVisible()) {
      await page.keyboard.press('Escape');
      await this.waitQuickInputClosed();
    }
    if (await page.locator('.notifications-center').isVisible()) {
      await this.runCommand('Notifications: Hide Notifications');
    }
    await this.clearNotifications();
    const openTabs = await page.locator('.tabs-container .tab').count();
    const groups = await page.locator('.editor-group-container').count();
    if (openTabs > 0 || groups > 1) {
      await this.runCommand('View: Close All Editor Groups');
      await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
    }
  }

  /** Dismiss every notification, so later cases read only their own. */
  async clearNotifications() {
    // Always: toasts hide themselves after a while, but stay in the Notifications Center.
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator(`${TOASTS} .notification-toast`).first().waitFor({ state: 'detached', timeout: 10_000 });
  }

  /**
   * Find the webview frame (webviews are nested iframes) that contains `selector`.
   * @returns {Promise<import('playwright-core').Frame>}
   */
  async webviewFrameWith(selector, { timeout = 30_000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      for (const frame of this.page.frames()) {
        if (frame === this.page.mainFrame()) continue;
        try {
          if (await frame.$(selector)) return frame;
        } catch {
          /* frame navigated or detached while we looked: try the others, then again */
        }
      }
      if (Date.now() > deadline) throw new Error(`no webview frame contains ${selector} after ${timeout / 1000} s`);
      await this.page.waitForTimeout(200); // poll interval between checks, not a wait for a state
    }
  }
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
