// Editor 4. "Compare Columns of Data File…" on examples/weather-by-year.npy from the Explorer's context menu:
//    rows 0 and 1 (day counts of each weather type in 2012 and 2013) are read as distributions, normalised,
//    and the message says so. The file has no names for its rows (no weather-by-year.names.txt): "row r of 4". Reference: scipy.stats.entropy(a[0], a[1]) = 0.13014204523842138 nats.

const FILE = 'weather-by-year.npy';

export default {
  name: 'Editor: compare rows of an .npy file from the Explorer',
  async run({ wb }) {
    await wb.explorerContextCommand(FILE, 'Compare Columns of Data File…');
    await wb.waitQuickPickTitle(`${FILE}: P`);
    await wb.pickQuickItem('row 0 of 4', { nextTitle: `${FILE}: Q` });
    await wb.pickQuickItem('row 1 of 4');
    const text = await wb.waitNotification(/read as distributions/);
    for (const part of ['row 0 of 4 vs row 1 of 4', 'normalised', 'D(P‖Q) = 0.1301 nats']) {
      if (!text.includes(part)) throw new Error(`notification "${text}" lacks "${part}"`);
    }
  },
};
