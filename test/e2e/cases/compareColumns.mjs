// 7. "Compare Columns of Data File…" on examples/seattle-weather.csv: pick temp_max as P and temp_min as Q from
//    Quick Picks; they hold values below zero, so they are read as samples: the next Quick Pick says why and
//    offers the sample measures; KS and Wasserstein-1 chosen, the message says why too.
//    References: scipy.stats.ks_2samp(temp_max, temp_min).statistic = 0.4462696783025325,
//    scipy.stats.wasserstein_distance(temp_max, temp_min) = 8.204312114989735.

const FILE = 'seattle-weather.csv';

export default {
  name: 'Compare columns of a data file',
  async run({ wb }) {
    await wb.openFromExplorer(FILE);
    await wb.runCommand('Divergence: Compare Columns of Data File…', { thenQuickPickTitle: `${FILE}: P` });
    await wb.pickQuickItem('temp_max', { nextTitle: `${FILE}: Q` });
    await wb.pickQuickItem('temp_min', { nextTitle: 'temp_max vs temp_min read as samples' });
    await wb.pickQuickItem('KS test and Wasserstein-1');
    const text = await wb.waitNotification(/read as samples/);
    for (const part of ['temp_max vs temp_min', 'KS = 0.4463', 'W1 = 8.204', 'temp_max has values below zero']) {
      if (!text.includes(part)) throw new Error(`notification "${text}" lacks "${part}"`);
    }
  },
};
