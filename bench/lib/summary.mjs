// The one table users read (docs/performance.md, "One run, in short"): every discrete measure at n >= 10^7
// (the largest n in --quick), ours on 1 and 2 threads against NumPy by hand and SciPy's function, with the
// ratios and the targets' verdicts, the memory floor and MVN KL at d = 1000; above it the machine and its load.
// `--markdown FILE` writes it as the body of that section; the report prints it too.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fmtMs } from './report.mjs';

/** The discrete measures in the table's order (group id prefix → the name users read). */
const MEASURES = [
  ['entropy', 'entropy'],
  ['ce', 'cross-entropy'],
  ['kl', 'KL'],
  ['jeffreys', 'Jeffreys'],
  ['js', 'JS divergence'],
  ['tv', 'total variation'],
  ['hellinger', 'Hellinger'],
  ['bhattacharyya', 'Bhattacharyya'],
  ['renyi', 'Rényi'],
];

const SUPERSCRIPT = { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };
/** 10^7 as 10⁷. */
const power = (n) => `10${String(Math.round(Math.log10(n))).replace(/\d/g, (d) => SUPERSCRIPT[d])}`;
/** "median (min)" in ms. */
const cell = (stats) => (stats ? `${fmtMs(stats.medianMs)} (${fmtMs(stats.minMs)})` : '');
/** The ratio baseline / ours (medians) with the target's verdict: "2.31×, met" or "1.72×, short by 1.16×". */
export function verdict(ours, base, target) {
  if (!ours?.stats || !base?.stats) return '';
  const ratio = base.stats.medianMs / ours.stats.medianMs;
  const x = ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2);
  return ratio >= target ? `${x}×, met` : `${x}×, **short by ${(target / ratio).toFixed(2)}×**`;
}

/** The CPU's model name from /proc/cpuinfo (os.cpus() elsewhere, or when it says less). */
export function cpuModel() {
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1].trim();
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model ?? 'unknown CPU';
}

/** The machine paragraph above the table: CPU, cores, RAM, versions, load and CPU pressure at start and end. */
export function machineLines({ py, load, core, command, wallSeconds, runs }) {
  const env = py.env;
  const blas = env?.blas?.length
    ? [...new Set(env.blas.map((b) => `OpenBLAS ${b.version ?? '?'} (${b.core ?? '?'} kernel, ${b.threads ?? '?'} threads)`))].join(', ')
    : 'OpenBLAS not found';
  const python = env ? `Python ${env.python}, NumPy ${env.numpy}, SciPy ${env.scipy}, ${blas}` : `no Python baselines (${py.skipped})`;
  const avg = (xs) => (xs ? xs.map((x) => x.toFixed(2)).join(' ') : '?');
  const pressure = (x) => (x === undefined ? '?' : `${x}%`);
  return [
    `- **Run**: \`${command}\`, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${wallSeconds.toFixed(0)} s.`,
    `- **Machine**: ${cpuModel()}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.version}; ${python}; ${core.backendStatus()}.`,
    `- **Load**: load average (1/5/15 min) at the start ${avg(load.start)}, at the end ${avg(load.end)}; CPU pressure (share of the last 60 s some task waited for a CPU) ${pressure(load.pressureStart)} at the start, ${pressure(load.pressureEnd)} at the end.`,
    `- **Numbers**: median (min) of ${runs} warm runs, ms ("TS": no WASM kernel yet, the TypeScript reference serves). Ratios: baseline median / our median, timed in the same rounds (ours, then NumPy's and SciPy's, round after round). ` +
      "Targets: ours at least 2× NumPy by hand and 5× SciPy's function (KL 10× `rel_entr`); MVN KL no slower than SciPy.",
  ];
}

/** The ours-rows of a group by role ('one': 1 thread, 'two': 2 threads), and its baselines by kind. */
const pick = (g, role) => g.ours.find((o) => o.role === role && o.stats);
const base = (g, kind) => g.baselines.find((b) => b.kind === kind && b.stats);

/**
 * The markdown of the section: the machine lines, the table, the targets not met and the largest relative
 * difference of our values from the reference's (SciPy's, else NumPy's). `targets`: { numpy, scipy, klScipy }.
 */
export function summaryMarkdown({ groups, py, load, core, command, wallSeconds, targets, runsAt }) {
  const sizes = groups.filter((g) => /^kl\/\d/.test(g.id)).map((g) => Number(g.id.split('/')[1]));
  const shown = sizes.filter((n) => n >= 1e7).length ? sizes.filter((n) => n >= 1e7) : sizes.slice(-1);
  const ran = Boolean(py.env);
  const rows = [];
  const short = [];
  let worstRel = 0;
  for (const n of shown) {
    for (const [prefix, name] of MEASURES) {
      for (const g of groups.filter((x) => x.id.split('/')[1] === String(n) && x.id.split('/')[0].replace(/[\d.]+$|Inf$/, '') === prefix)) {
        const one = pick(g, 'one');
        const two = pick(g, 'two');
        const ours = two ?? one;
        const numpy = base(g, 'numpy');
        const scipy = base(g, 'scipy');
        const scipyTarget = prefix === 'kl' ? targets.klScipy : targets.scipy;
        const label = g.order === undefined ? name : `${name}, α = ${g.order === Infinity ? '∞' : g.order}`;
        const vsNumpy = verdict(ours, numpy, targets.numpy);
        const vsScipy = scipy ? verdict(ours, scipy, scipyTarget) : ran ? 'no SciPy function' : '';
        rows.push([
          label,
          power(n),
          one ? `${cell(one.stats)}${one.backend === 'ts' ? ' TS' : ''}` : (g.ours.find((o) => o.role === 'one')?.note ?? ''),
          cell(two?.stats),
          numpy ? `\`${numpy.expr}\` ${cell(numpy.stats)}` : '',
          scipy ? `\`${scipy.expr}\` ${cell(scipy.stats)}` : ran ? 'none' : 'not run',
          vsNumpy,
          vsScipy,
        ]);
        for (const [v, against] of [
          [vsNumpy, 'NumPy'],
          [vsScipy, 'SciPy'],
        ]) {
          if (v.includes('short')) short.push(`${label}, n = ${power(n)}: ${v.replace(/\*\*/g, '')} against ${against}`);
        }
        for (const o of [one, two]) if (o?.relDiff !== undefined) worstRel = Math.max(worstRel, o.relDiff);
      }
    }
    const kl = groups.find((g) => g.id === `kl/${n}`);
    const floor = kl?.baselines.find((b) => b.kind === 'floor' && b.stats);
    if (floor) rows.push(['memory floor: copy P and Q slice by slice (every pass)', power(n), '', cell(floor.stats), '', '', '', '']);
  }
  const mvn = groups.find((g) => g.id === 'mvn/1000');
  if (mvn) {
    const one = pick(mvn, 'one');
    const two = pick(mvn, 'two');
    const ours = two ?? one;
    const s2 = mvn.baselines.find((b) => b.kind === 'scipy' && b.stats);
    const s1 = mvn.baselines.find((b) => b.kind === 'scipy1' && b.stats);
    const threads = Math.max(1, ...(py.env?.blas ?? []).map((b) => b.threads ?? 1));
    const scipyCell = [s2 && `${threads} OpenBLAS threads ${cell(s2.stats)}`, s1 && `1 OpenBLAS thread ${cell(s1.stats)}`].filter(Boolean).join('; ');
    const vs = [s2 && `${threads} threads: ${verdict(ours, s2, 1)}`, s1 && `1 thread: ${verdict(ours, s1, 1)}`].filter(Boolean).join('; ');
    rows.push(['MVN KL, d = 1000 (target: no slower, 1×)', '', cell(one?.stats), cell(two?.stats), '', scipyCell ? `\`cho_factor\` + \`cho_solve\`: ${scipyCell}` : '', '', vs]);
    for (const o of [one, two]) if (o?.relDiff !== undefined) worstRel = Math.max(worstRel, o.relDiff);
    const missed = vs.split('; ').filter((v) => v.includes('short'));
    if (missed.length) short.push(`MVN KL, d = 1000: ${missed.join('; ').replace(/\*\*/g, '')} against SciPy's Cholesky route`);
  }
  const header = ['measure', 'n', 'ours, 1 thread', 'ours, 2 threads', 'NumPy by hand', "SciPy's function", `vs NumPy (target ${targets.numpy}×)`, `vs SciPy (target ${targets.scipy}×, KL ${targets.klScipy}×)`];
  const md = [
    ...machineLines({ py, load, core, command, wallSeconds, runs: shown.map((n) => `${runsAt(n)} (n = ${power(n)})`).join(', ') }),
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    `Every value of ours in the table agrees with the reference (SciPy's function, else NumPy by hand) to ${worstRel === 0 ? '0' : worstRel.toExponential(1)} relative or better.`,
    '',
    short.length ? 'Not met in this run:' : 'Every target was met in this run.',
    ...short.map((s) => `- ${s}`),
  ];
  return md.join('\n');
}
