// "Compare Columns of Data File…" on examples/seattle-weather.parquet from the Explorer's context menu: the
//    Quick Pick lists the Parquet file's columns with their types (the date as not read); precipitation as P and wind as Q read as
//    samples (fractions that are neither counts nor probabilities), and "As distributions anyway" gives
//    D(P‖Q) and JSD of the normalised columns. Reference: SciPy on the CSV twin (seattle-weather.csv),
//    rel_entr(p / p.sum(), w / w.sum()).sum() = 1.231048186857628, JSD = 0.3084332062856461 (4 significant
//    digits, as the notification shows them).

const FILE = 'seattle-weather.parquet';

/** Column descriptions the P Quick Pick shows: the Parquet types, and the date listed as not read. */
const DESCRIPTIONS = ['DATE, not read', 'DOUBLE, no nulls', 'UTF8, categories, no nulls'];

export default {
  name: 'Compare columns of a Parquet file',
  async run({ wb, page }) {
    await wb.explorerContextCommand(FILE, 'Compare Columns of Data File…');
    await wb.waitQuickPickTitle(`${FILE}: P`);
    for (const text of DESCRIPTIONS) {
      await page.locator('.quick-input-widget .monaco-list-row .label-description', { hasText: text }).first().waitFor({ state: 'visible', timeout: 15_000 });
    }
    await wb.pickQuickItem('precipitation', { nextTitle: `${FILE}: Q` });
    await wb.pickQuickItem('wind', { nextTitle: 'precipitation vs wind read as samples' });
    await wb.pickQuickItem('As distributions anyway');
    const text = await wb.waitNotification(/precipitation vs wind, read as distributions/);
    for (const part of ['normalised (P summed to 4426, Q to 4735.3)', 'D(P‖Q) = 1.231 nats', 'JSD(P, Q) = 0.3084 nats']) {
      if (!text.includes(part)) throw new Error(`notification "${text}" lacks "${part}"`);
    }
  },
};
