/** The all-measures table: every discrete measure of P and Q; a measure's name opens its formula view. */
import { formatFull, formatPrecise, formatSignificant } from '../../src/shared/format';
import { TABLE_IDS as ID } from '../../src/shared/panelIds';
import type { AllMeasuresView } from '../../src/shared/protocol';
import { el, text } from '../dom';
import { updateState } from '../state';
import { rowResultView } from '../termsLatex';
import { showResult } from './formulaView';
import { selectView } from './tabs';

export function showTable(table: AllMeasuresView | undefined): void {
  updateState({ table });
  el(ID.empty).hidden = table !== undefined;
  el(ID.box).hidden = table === undefined;
  if (!table) return;
  el(ID.source).textContent = `From ${table.source}; n = ${table.n}.${table.normalized ? ` P and Q were normalised (P summed to ${formatFull(table.sums.p)}, Q to ${formatFull(table.sums.q)}).` : ''}`;
  const rows = table.rows.map((row) => {
    const tr = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    const button = document.createElement('button');
    button.className = 'link';
    button.textContent = row.label;
    button.title = `Show the formula of ${row.name} with your numbers`;
    button.addEventListener('click', () => {
      showResult(rowResultView(table, row));
      selectView('formula');
    });
    th.appendChild(button);
    const value = text('td', formatSignificant(row.value, 6), 'num');
    value.title = formatPrecise(row.value);
    value.dataset.measure = row.label;
    tr.append(th, text('td', row.name), value, text('td', row.unit || '—'));
    return tr;
  });
  el(ID.body).replaceChildren(...rows);
}
