// Helpers that drive the VS Code workbench in the browser the way a person would: the
// Explorer, the Command Palette (F1), Go to Line (Ctrl+G), the keyboard, notifications and
// webviews. Every step waits for a condition (a selector, a text) with a timeout; none relies
// on a fixed sleep.
//
// Nothing here assumes a click or a key press took effect: each one is followed by a wait for
// what it should have done. Menus are driven by the keyboard (a VS Code menu ignores a mouse-up
// that comes too soon after it opened, so a click on a fresh menu item can be lost); a click
// that opens something (an Explorer row, a tab) is repeated, within a time bound, until its
// effect is seen.

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = '.quick-input-widget .quick-input-box input';
const TOASTS = '.notifications-toasts';
const CONTEXT_MENU = '.context-view .monaco-menu';
/** A submenu, open beside its item in the context menu. */
const SUBMENU = '.context-view .monaco-submenu .monaco-menu';
const WEBVIEW_IFRAME = 'iframe.webview';
/** A point of the editor area, away from the side bar where the Explorer's context menu opens. */
const AWAY_FROM_MENUS = { x: 1000, y: 400 };

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

  /**
   * Put `value` in the open quick input's box (replacing what is there, in one input event) and wait until the
   * box holds it; returns the box.
   */
  async fillQuickInput(value, timeout = 10_000) {
    const box = await this.waitQuickInputOpen(timeout);
    await box.fill(value);
    await this.page.waitForFunction(([sel, want]) => document.querySelector(sel)?.value === want, [QUICK_INPUT_BOX, value], { timeout });
    return box;
  }

  async waitQuickInputClosed(timeout = 10_000) {
    await this.page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout });
  }

  /**
   * Run a command from the Command Palette: F1, type its title, wait until the focused row is
   * exactly that command, Enter.
   */
  async runCommand(title, { timeout = 15_000, thenQuickPickTitle, thenQuickPickRow } = {}) {
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
    // A command that asks at once (a Quick Pick) replaces the palette: wait for its title, or for one of its
    // rows when it has no title (the colour theme picker), instead.
    if (thenQuickPickTitle) await this.waitQuickPickTitle(thenQuickPickTitle, timeout);
    else if (thenQuickPickRow) await this.waitQuickPickRow(thenQuickPickRow, timeout);
    else await this.waitQuickInputClosed(timeout);
  }

  /** F1, then the title typed in one input event (a key per letter re-filters the list each time: slow). */
  async openPaletteWith(title, timeout) {
    const { page } = this;
    await page.keyboard.press('F1');
    // The palette's filter does not match a trailing "…" (titles of commands that ask more): type without it.
    return this.fillQuickInput(`>${title.replace(/…$/, '')}`, timeout);
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

  /** Wait for a Quick Pick that lists a row labelled exactly `label`, with its input focused. */
  async waitQuickPickRow(label, timeout = 15_000) {
    await this.page
      .locator(`${QUICK_INPUT} .monaco-list-row .label-name`, { hasText: new RegExp(`^\\s*${escapeRe(label)}\\s*$`) })
      .first()
      .waitFor({ state: 'visible', timeout });
    return this.waitQuickInputOpen(timeout);
  }

  /**
   * In the open Quick Pick: type `label`, wait until the focused row is exactly that item, Enter; then wait for
   * the next Quick Pick (`nextTitle`) or for the Quick Pick to close.
   */
  async pickQuickItem(label, { nextTitle, timeout = 15_000 } = {}) {
    const { page } = this;
    this.log(`quick pick: ${label}`);
    const box = await this.fillQuickInput(label, timeout);
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

  /** The Explorer's row of the file `name` (top level of the workspace). */
  explorerRow(name) {
    const { page } = this;
    return page
      .locator('.explorer-folders-view .monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRe(name)}$`) }) })
      .first();
  }

  /**
   * Open a file by clicking its row in the Explorer; wait for its editor to be active. The click is repeated
   * (within `timeout`) until the file's tab is the active one: a click can land while the Explorer re-renders
   * (a file just written into the workspace) and open nothing, or the row next to it.
   */
  async openFromExplorer(name, { timeout = 20_000 } = {}) {
    const { page } = this;
    this.log(`explorer: open ${name}`);
    const row = this.explorerRow(name);
    const tab = page.locator(`.editor-group-container.active .tabs-container .tab.active[data-resource-name="${name}"]`);
    await row.waitFor({ state: 'visible', timeout });
    await this.clickUntil(row, () => tab, { timeout, what: `opening ${name} from the Explorer` });
    await this.editor().waitFor({ state: 'visible', timeout });
  }

  /** Make the editor tab whose title contains `title` the active one, by clicking it until it is. */
  async activateTab(title, { timeout = 15_000 } = {}) {
    const tab = this.page.locator('.editor-group-container .tabs-container .tab', { hasText: title }).first();
    await tab.waitFor({ state: 'visible', timeout });
    await this.clickUntil(tab, () => tab.and(this.page.locator('.tab.active')), { timeout, what: `activating the tab "${title}"` });
  }

  /**
   * Click `target` until `effect()` (a locator) is visible, all within `timeout`. Each try waits for the effect
   * longer than the one before (1, 2, 4 … s), so a slow but working click is not repeated in a hurry; a
   * repeated click must be harmless (opening what is open already).
   */
  async clickUntil(target, effect, { timeout, what, click = {} }) {
    const deadline = Date.now() + timeout;
    for (let attempt = 0; ; attempt++) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${what}: no effect after ${attempt} clicks in ${timeout / 1000} s`);
      await target.click({ ...click, timeout: left });
      try {
        await effect().waitFor({ state: 'visible', timeout: Math.max(1, Math.min(1_000 * 2 ** attempt, deadline - Date.now())) });
        return;
      } catch (err) {
        if (!/Timeout/.test(err.message)) throw err;
        this.log(`${what}: click ${attempt + 1} had no effect yet, clicking again`);
      }
    }
  }

  /**
   * Right-click the Explorer's row of `name` and choose the menu item `label` (a trailing "…" may be left
   * out) from its context menu, by the keyboard: see chooseMenuItem. The whole is tried again (Escape,
   * right-click) within `timeout` if the menu does not open, opens for another row, or lacks the item (right
   * after start-up the extension's menu contributions may not be registered yet).
   */
  async explorerContextCommand(name, label, { timeout = 20_000 } = {}) {
    const { page } = this;
    this.log(`explorer: context menu of ${name}, ${label}`);
    const row = this.explorerRow(name);
    await row.waitFor({ state: 'visible', timeout });
    const deadline = Date.now() + timeout;
    for (let attempt = 0; ; attempt++) {
      await this.closeContextMenu(Math.max(1, deadline - Date.now()));
      await row.click({ button: 'right', timeout: Math.max(1, deadline - Date.now()) });
      // Off the menu before it shows: a pointer resting on it would move its focus on mouse-over.
      await page.mouse.move(AWAY_FROM_MENUS.x, AWAY_FROM_MENUS.y);
      const wait = Math.max(1, Math.min(2_000 * 2 ** attempt, deadline - Date.now()));
      const visible = (locator) => locator.waitFor({ state: 'visible', timeout: wait }).then(() => true, () => false);
      const opened = await visible(page.locator(CONTEXT_MENU));
      // The menu acts on the Explorer's focused row: it must be the one right-clicked.
      const onRow = opened && (await row.and(page.locator('.focused')).isVisible());
      const listed = onRow && (await visible(this.menuItem(label)));
      if (listed) {
        await this.chooseMenuItem(label, { timeout: Math.max(1, deadline - Date.now()) });
        return;
      }
      const why = !opened ? 'did not open' : !onRow ? 'opened on another row' : `does not list "${label}"`;
      if (Date.now() >= deadline) throw new Error(`the Explorer's context menu of ${name} ${why} (${attempt + 1} tries in ${timeout / 1000} s)`);
      this.log(`context menu of ${name} ${why}: right-clicking again`);
    }
  }

  /** The open context menu's enabled item `label` (a trailing "…" may be left out). */
  menuItem(label) {
    return this.page.locator(`${CONTEXT_MENU} .action-item:not(.disabled) .action-label`, { hasText: menuLabelRe(label) }).first();
  }

  /** Close the open context menu, if any (Escape), and wait until it is gone. */
  async closeContextMenu(timeout = 10_000) {
    const menu = this.page.locator(CONTEXT_MENU);
    if (!(await menu.isVisible())) return;
    await this.page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden', timeout });
  }

  /**
   * In the open context menu: move the keyboard focus down the enabled items (the menu skips separators and
   * disabled ones) until the focused item is `label`, press Enter, and wait until the menu has closed. Each
   * arrow key waits for the focus to move. The keyboard, not a click: a menu ignores a mouse-up that comes
   * too soon after it opened (it enables mouse-up on its items after a delay), so a click can be lost on a
   * busy machine while the menu stays open.
   */
  async chooseMenuItem(label, { timeout = 15_000 } = {}) {
    await this.focusMenuItem(label, CONTEXT_MENU, timeout);
    await this.page.keyboard.press('Enter');
    await this.page.locator(CONTEXT_MENU).first().waitFor({ state: 'hidden', timeout });
  }

  /** Move the keyboard focus of the open menu `menuSelector` down to its enabled item `label` (see chooseMenuItem). */
  async focusMenuItem(label, menuSelector, timeout) {
    const { page } = this;
    const exact = menuLabelRe(label);
    const menu = page.locator(menuSelector).last();
    await menu.locator('.action-item:not(.disabled) .action-label', { hasText: exact }).first().waitFor({ state: 'visible', timeout });
    // The keys go where the focus is: wait until the menu has it (through shadow roots, should it use one).
    await page.waitForFunction(
      () => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return !!el?.closest('.monaco-menu');
      },
      undefined,
      { timeout },
    );
    const focused = menu.locator('.action-item.focused .action-label');
    const enabled = await menu.locator('.action-item:not(.disabled) .action-label').count();
    for (let step = 0; !(await focused.filter({ hasText: exact }).isVisible()); step++) {
      if (step > enabled) throw new Error(`the menu's focus never reached "${label}"`);
      const before = (await focused.isVisible()) ? (await focused.first().textContent()).trim() : null;
      await page.keyboard.press('ArrowDown');
      // Wait for the focus to move (to the first item, or off the one it was on) before the next key.
      const moved = before === null ? focused : focused.filter({ hasNotText: new RegExp(`^\\s*${escapeRe(before)}\\s*$`) });
      await moved.first().waitFor({ state: 'visible', timeout });
    }
  }

  /**
   * Open the editor's context menu at the cursor by the keyboard (Shift+F10, so the selection stays), open
   * its submenu `submenu` (ArrowRight on it) and choose `label` there, as chooseMenuItem does.
   */
  async editorSubmenuCommand(submenu, label, { timeout = 20_000 } = {}) {
    const { page } = this;
    this.log(`editor: context menu, ${submenu} > ${label}`);
    await this.focusEditor();
    await page.keyboard.press('Shift+F10');
    await page.locator(CONTEXT_MENU).first().waitFor({ state: 'visible', timeout });
    await this.focusMenuItem(submenu, CONTEXT_MENU, timeout);
    await page.keyboard.press('ArrowRight');
    await page.locator(SUBMENU).first().waitFor({ state: 'visible', timeout });
    await this.focusMenuItem(label, SUBMENU, timeout);
    await page.keyboard.press('Enter');
    await page.locator(CONTEXT_MENU).first().waitFor({ state: 'hidden', timeout });
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
    const box = await this.fillQuickInput(`:${line}`, timeout);
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
    // Let its slide-in finish (no CSS transition running on it any more), so screenshots show it whole.
    await toast.evaluate(
      (el) => Promise.all(el.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined))),
      undefined,
      { timeout },
    );
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
   * panels included), a single editor group and the bottom panel hidden (Show Details opens the output
   * channel there; left open it takes the height a later case's notebook or webview needs).
   */
  async reset() {
    const { page } = this;
    await this.closeContextMenu();
    if (await page.locator(QUICK_INPUT).isVisible()) {
      await page.keyboard.press('Escape');
      await this.waitQuickInputClosed();
    }
    if (await page.locator('.notifications-center').isVisible()) {
      await this.runCommand('Notifications: Hide Notifications');
    }
    await this.clearNotifications();
    const bottomPanel = page.locator('.part.panel');
    if (await bottomPanel.isVisible()) {
      await this.runCommand('View: Hide Panel');
      await bottomPanel.waitFor({ state: 'hidden', timeout: 10_000 });
    }
    const openTabs = await page.locator('.tabs-container .tab').count();
    const groups = await page.locator('.editor-group-container').count();
    if (openTabs > 0 || groups > 1) {
      await this.runCommand('View: Close All Editor Groups');
      await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
    }
    // A closed panel's webview goes a moment after its tab: wait, so that webviewFrameWith cannot find it.
    await page.locator(WEBVIEW_IFRAME).first().waitFor({ state: 'detached', timeout: 10_000 });
  }

  /** Dismiss every notification, so later cases read only their own. */
  async clearNotifications() {
    // Always: toasts hide themselves after a while, but stay in the Notifications Center.
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator(`${TOASTS} .notification-toast`).first().waitFor({ state: 'detached', timeout: 10_000 });
  }

  /** Wait until `frame` is gone (a hidden webview's document is destroyed). */
  async waitFrameDetached(frame, { timeout = 15_000 } = {}) {
    // Playwright delivers the event in a later task than this check: it cannot slip in between.
    if (frame.isDetached()) return;
    await this.page.waitForEvent('framedetached', { predicate: (f) => f === frame, timeout });
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

/** Matches a menu item's text that is `label`, with or without a trailing "…". */
function menuLabelRe(label) {
  return new RegExp(`^\\s*${escapeRe(label.replace(/…$/, ''))}…?\\s*$`);
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
