/**
 * The tab strip: which view is shown, chosen by click or by the arrow, Home and End keys (the ARIA tabs
 * pattern). The host is told of every change.
 */
import { viewId } from '../../src/shared/panelIds';
import { PANEL_VIEWS, type PanelView } from '../../src/shared/protocol';
import { el } from '../dom';
import { postToHost } from '../messaging';
import { save, updateState } from '../state';

const allTabs = () => [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
const visibleTabs = () => allTabs().filter((t) => !t.hidden);

/** Draws the view just shown (a hidden canvas has no size to draw at); set by initTabs. */
let renderShown: (view: PanelView) => void = () => undefined;

export function selectView(view: PanelView, focus = false): void {
  updateState({ view });
  for (const tab of allTabs()) {
    const selected = tab.dataset.view === view;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    if (selected && focus) tab.focus();
  }
  for (const v of PANEL_VIEWS) el(viewId(v)).hidden = v !== view;
  save();
  renderShown(view);
  postToHost({ type: 'viewChanged', view });
}

/** Wires the tabs; `render` draws a view when it is shown. */
export function initTabs(render: (view: PanelView) => void): void {
  renderShown = render;
  for (const tab of allTabs()) {
    tab.addEventListener('click', () => selectView(tab.dataset.view as PanelView));
    tab.addEventListener('keydown', (e) => {
      const list = visibleTabs();
      const i = list.indexOf(tab);
      const next =
        e.key === 'ArrowRight' ? list[(i + 1) % list.length] :
        e.key === 'ArrowLeft' ? list[(i - 1 + list.length) % list.length] :
        e.key === 'Home' ? list[0] :
        e.key === 'End' ? list[list.length - 1] :
        undefined;
      if (next) {
        e.preventDefault();
        selectView(next.dataset.view as PanelView, true);
      }
    });
  }
}
