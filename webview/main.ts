/**
 * The panel's program: wires the views (views/), the state (state.ts) and the host's messages
 * (messaging.ts) together. It renders what the host sends, keeps its whole state with setState so the
 * panel restores itself when shown again and after a reload, and asks the host to copy text and save PNGs.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import { canvasId, SAVE_PNG_CLASS, type ChartName } from '../src/shared/panelIds';
import { assertNever, type HostToWebviewMessage, type PanelView } from '../src/shared/protocol';
import { chartPng, redrawOnThemeChange } from './charts';
import { onHostMessage, postToHost } from './messaging';
import { panelState, restoreState, updateState } from './state';
import { rowResultView } from './termsLatex';
import { showTable } from './views/allMeasuresView';
import { initChartsView, renderCharts } from './views/chartsView';
import { initDriftView, renderDrift, showDrift } from './views/driftView';
import { initFormulaView, showResult } from './views/formulaView';
import { gaussian, initGaussianView, renderGaussian, savedMode, setGaussian, setMode } from './views/gaussianView';
import { showMixtureReply } from './views/mixtureView';
import { renderSamples, showSamples } from './views/samplesView';
import { initTabs, selectView } from './views/tabs';

/** Draws the charts of the view shown (a hidden canvas has no size to draw at). */
function renderShown(view: PanelView | undefined): void {
  if (view === 'charts') renderCharts();
  else if (view === 'gaussian') renderGaussian();
  else if (view === 'samples') renderSamples();
  else if (view === 'drift') renderDrift();
}

function onMessage(message: HostToWebviewMessage): void {
  switch (message.type) {
    case 'showResult':
      showResult(message.result);
      selectView(panelState().view === 'charts' ? 'charts' : 'formula');
      return;
    case 'showAllMeasures': {
      showTable(message.table);
      // The table's P and Q are the current pair: their KL is the formula and chart views' result.
      const kl = message.table.rows.find((r) => r.measure === 'kl');
      if (kl) showResult(rowResultView(message.table, kl));
      selectView('table');
      return;
    }
    case 'showSamples':
      showSamples(message.samples);
      selectView('samples');
      return;
    case 'showGaussian':
      if (message.params) updateState({ gaussian: message.params });
      selectView('gaussian');
      setGaussian(gaussian());
      return;
    case 'gmmKlResult':
      showMixtureReply(message.reply);
      return;
    case 'showDrift':
      showDrift(message.drift);
      selectView('drift');
      return;
    case 'clear':
      return;
    default:
      assertNever(message);
  }
}

/** Each "Save as PNG" button sends its chart, drawn on the theme's background, for the host to save. */
function wireSavePng(): void {
  for (const button of document.querySelectorAll<HTMLElement>(`.${SAVE_PNG_CLASS}`)) {
    button.addEventListener('click', () => {
      const which = button.dataset.chart ?? 'chart';
      const dataUrl = chartPng(canvasId(which as ChartName));
      if (dataUrl) postToHost({ type: 'savePng', dataUrl, name: `divergence-${which}.png` });
    });
  }
}

// Start: restore the saved state, show it, then tell the host we are ready.
restoreState();
initTabs(renderShown);
initFormulaView();
initChartsView();
initGaussianView();
initDriftView();
wireSavePng();
redrawOnThemeChange(() => renderShown(panelState().view));
onHostMessage(onMessage);

const state = panelState();
showResult(state.result);
showTable(state.table);
showSamples(state.samples);
showDrift(state.drift);
setGaussian(gaussian());
setMode(savedMode());
selectView(state.view ?? 'formula');
postToHost({ type: 'ready' });
