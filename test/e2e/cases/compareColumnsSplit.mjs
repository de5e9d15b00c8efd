// 7b. "Compare Columns of Data File…" on examples/penguins.json, split: "Split a column into two groups…", value
//     column Body Mass (g), group column Species, groups Adelie and Gentoo, then KS and Wasserstein-1. The
//     two nulls (one Adelie, one Gentoo) are dropped and counted. References (SciPy 1.17, the 151 and 123
//     masses that are not null):
//       python3 -c "import json, scipy.stats as st; d = json.load(open('examples/penguins.json')); \
//         m = lambda s: [r['Body Mass (g)'] for r in d if r['Species'] == s and r['Body Mass (g)'] is not None]; \
//         print(st.ks_2samp(m('Adelie'), m('Gentoo')).statistic, st.wasserstein_distance(m('Adelie'), m('Gentoo')))"
//       -> 0.8356216012491251 1375.3540085069724
//     The notification shows 4 significant digits: relative tolerance 5e-4.

const FILE = 'penguins.json';
const KS = 0.8356216012491251;
const W1 = 1375.3540085069724;
const REL = 5e-4;

export default {
  name: 'Compare columns: one column split by another',
  async run({ wb }) {
    await wb.openFromExplorer(FILE);
    await wb.runCommand('Divergence: Compare Columns of Data File…', { thenQuickPickTitle: `${FILE}: P` });
    await wb.pickQuickItem('Split a column into two groups…', { nextTitle: `${FILE}: the column to split` });
    await wb.pickQuickItem('Body Mass (g)', { nextTitle: `${FILE}: split Body Mass (g) by` });
    await wb.pickQuickItem('Species', { nextTitle: `${FILE}: Body Mass (g) by Species: group P` });
    await wb.pickQuickItem('Adelie', { nextTitle: 'group Q (P is Adelie)' });
    await wb.pickQuickItem('Gentoo', { nextTitle: 'two samples. Choose a measure' });
    await wb.pickQuickItem('KS test and Wasserstein-1');
    const text = await wb.waitNotification(/Adelie vs Gentoo/);
    const ks = Number(/KS = ([0-9.e+-]+)/.exec(text)?.[1]);
    const w1 = Number(/W1 = ([0-9.e+-]+)/.exec(text)?.[1]);
    if (!(Math.abs(ks - KS) <= REL * KS) || !(Math.abs(w1 - W1) <= REL * W1)) {
      throw new Error(`notification "${text}" shows KS = ${ks}, W1 = ${w1}; expected ${KS} and ${W1} (rel ${REL})`);
    }
    for (const part of ['n = 151, m = 123', '2 rows without Body Mass (g) left out (1 of Adelie, 1 of Gentoo)']) {
      if (!text.includes(part)) throw new Error(`notification "${text}" lacks "${part}"`);
    }
  },
};
