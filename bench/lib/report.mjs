// The bench's report: the Python baselines resolved into the cases, the long table of every case, the
// targets' verdicts, the correctness cross-check, and the JSON form of it all.
import os from 'node:os';
import { performance } from 'node:perf_hooks';

export const fmtMs = (ms) => (ms === undefined || ms === null ? '' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
export const pow10 = (n) => {
  const e = Math.log10(n);
  return Number.isInteger(e) ? `10^${e}` : String(n);
};
export const ratioText = (ours, base) => {
  if (!ours || !base) return '';
  const r = base / ours;
  return r >= 1 ? `${r.toFixed(2)}x faster` : `${(1 / r).toFixed(2)}x slower`;
};
export const relDiff = (a, b) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));
export const fmtRel = (x) => (x === 0 ? '0' : x.toExponential(1));

export function table(headers, rows, align) {
  const widths = headers.map((h, k) => Math.max(h.length, ...rows.map((r) => String(r[k] ?? '').length)));
  const line = (cells) =>
    cells
      .map((c, k) => (align[k] === 'r' ? String(c ?? '').padStart(widths[k]) : String(c ?? '').padEnd(widths[k])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Puts the Python baselines' stats into the groups' baseline rows: the interleaved ones ({ id: { stats } })
 * where there are, else those of the child process at the end (`py.cases`); without Python, drops its rows.
 */
export function resolvePython(groups, py, interleaved) {
  for (const g of groups) {
    for (const b of g.baselines) {
      if (!b.py) continue;
      const c = py.cases?.[b.py];
      if (interleaved[b.py]) {
        b.stats = interleaved[b.py].stats;
        b.label = `${b.label} (interleaved)`;
      } else if (c) {
        b.stats = { medianMs: c.median_ms, minMs: c.min_ms, runs: c.runs, value: c.value };
        if (b.pyLabel) b.label = c.label;
      } else b.note = py.skipped ?? 'not measured';
    }
    // Without Python, its rows would only repeat the line that says why: drop them.
    if (py.skipped) g.baselines = g.baselines.filter((b) => !b.py);
  }
}

/** The report printed on stdout: header (machine, load, versions), the cases, the targets, the cross-check. */
export function formatReport({ mode, load, core, py, groups, notes, missing, modules, started, targets }) {
  const cpus = os.cpus();
  const out = [];
  out.push(`Divergence Lens benchmark, ${new Date().toISOString()} (mode: ${mode})`);
  out.push(
    `machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version} (V8 ${process.versions.v8}); shared with other builds`,
  );
  out.push(
    `load average (1/5/15 min): start ${load.start.map((x) => x.toFixed(2)).join(' ')}; before Python ${load.beforePython.map((x) => x.toFixed(2)).join(' ')}; end ${load.end.map((x) => x.toFixed(2)).join(' ')}`,
  );
  if (load.pressureStart || load.pressureEnd) {
    out.push(
      `CPU pressure (share of time some task waited for a CPU, avg over 60 s): start ${load.pressureStart ?? '?'}%, end ${load.pressureEnd ?? '?'}% (0% = the machine was ours)`,
    );
  }
  out.push(`WASM: ${core.backendStatus()}`);
  out.push(
    process.execArgv.includes('--no-concurrent-recompilation')
      ? 'V8: --no-concurrent-recompilation in the measuring process (see bench/README.md); cold-start children with defaults'
      : 'V8: default flags (concurrent recompilation on: warm timings may include time in the baseline tier)',
  );
  if (py.env) {
    const was = Object.entries(py.unset)
      .map(([k, v]) => `${k}=${v === null ? '(not set)' : v}`)
      .join(', ');
    const blas = py.env.blas.map((b) => `${b.library}: kernel ${b.core ?? '?'}, ${b.threads ?? '?'} threads`).join('; ');
    out.push(`Python ${py.env.python}, numpy ${py.env.numpy}, scipy ${py.env.scipy}; OpenBLAS ${blas || 'not found'}`);
    out.push(`  OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset in the Python baseline's environment only, for numpy speed (they were: ${was})`);
  } else out.push(py.skipped);
  out.push('');
  out.push('Each time: median and min of several warm runs (after warm-up), in ms. ratio = baseline median / our median.');
  out.push('');

  const rows = [];
  for (const g of groups) {
    const pairs = g.pairs ?? g.ours.flatMap((_, i) => (g.baselines.length ? g.baselines.map((__, j) => [i, j]) : [[i, -1]]));
    const seen = new Set();
    const groupRows = [];
    for (const [i, j] of pairs) {
      const o = g.ours[i];
      const b = g.baselines[j];
      const firstOfOurs = !seen.has(i);
      seen.add(i);
      if (o.note) {
        if (firstOfOurs) groupRows.push([o.label, '', '', o.note, '', '', '']);
        continue;
      }
      groupRows.push([
        firstOfOurs ? o.label : '',
        firstOfOurs ? fmtMs(o.stats.medianMs) : '',
        firstOfOurs ? fmtMs(o.stats.minMs) : '',
        b?.label ?? '',
        b?.stats ? fmtMs(b.stats.medianMs) : '',
        b?.stats ? fmtMs(b.stats.minMs) : '',
        b ? (b.stats ? ratioText(o.stats.medianMs, b.stats.medianMs) : b.note ?? '') : '',
      ]);
    }
    g.ours.forEach((o, i) => {
      if (!seen.has(i)) groupRows.push([o.label, o.stats ? fmtMs(o.stats.medianMs) : '', o.stats ? fmtMs(o.stats.minMs) : '', o.note ?? '', '', '', '']);
    });
    groupRows.forEach((r, k) => rows.push([k === 0 ? g.title : '', ...r]));
    rows.push(['', '', '', '', '', '', '', '']);
  }
  rows.pop();
  out.push(table(['case', 'ours', 'median', 'min', 'baseline', 'median', 'min', 'ratio'], rows, ['l', 'l', 'r', 'r', 'l', 'r', 'r', 'l']));
  out.push('');
  const targetRows = targetsOf(groups, targets);
  if (targetRows.length) {
    out.push(`Targets of the public path (2 threads where it has them), n >= 10^7: baseline / ours (medians; mins), against ${targets.numpy}x NumPy by hand and ${targets.scipy}x SciPy (KL ${targets.klScipy}x rel_entr); the verdict is on the medians`);
    out.push(table(['case', 'baseline', 'ratio', 'ratio of mins', 'target', 'verdict'], targetRows, ['l', 'l', 'r', 'r', 'r', 'l']));
    out.push('');
  }

  // Correctness cross-check.
  const check = [];
  for (const g of groups) {
    const ref = g.baselines.find((b) => b.reference && b.stats?.value !== undefined) ?? g.baselines.find((b) => b.stats?.value !== undefined);
    if (!ref) continue;
    for (const o of g.ours) {
      if (o.stats?.value === undefined) continue;
      check.push([g.title, o.label, o.stats.value.toPrecision(17), ref.label, ref.stats.value.toPrecision(17), fmtRel(relDiff(o.stats.value, ref.stats.value))]);
      o.relDiff = relDiff(o.stats.value, ref.stats.value);
      o.referenceLabel = ref.label;
    }
    for (const b of g.baselines) {
      if (b === ref || b.stats?.value === undefined) continue;
      check.push([g.title, `(baseline) ${b.label}`, b.stats.value.toPrecision(17), ref.label, ref.stats.value.toPrecision(17), fmtRel(relDiff(b.stats.value, ref.stats.value))]);
    }
  }
  out.push("Correctness cross-check: |value − reference| / |reference| (reference: SciPy's function where it ran, else NumPy by hand, else the plain JS loop)");
  out.push('');
  out.push(table(['case', 'implementation', 'value', 'reference', 'reference value', 'rel. diff'], check, ['l', 'l', 'r', 'l', 'r', 'r']));
  for (const n of notes) out.push(`note: ${n}`);
  for (const [name, why] of Object.entries(missing)) if (name !== 'mvnKl' || !modules.mvnKl) out.push(`note: ${name}: ${why}`);
  out.push('');
  out.push(`total wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return out.join('\n');
}

/**
 * Per discrete measure at n >= 10^7: our public path (the two-thread row, else the one-thread row) against
 * each NumPy and SciPy baseline, with its target and verdict.
 */
export function targetsOf(groups, targets) {
  const rows = [];
  for (const g of groups) {
    const [measure, n] = g.id.split('/');
    const name = measure.replace(/[\d.]+$|Inf$/, '');
    if (!['kl', 'entropy', 'ce', 'js', 'jeffreys', 'tv', 'hellinger', 'bhattacharyya', 'renyi'].includes(name) || Number(n) < 1e7) continue;
    const ours = g.ours.find((o) => o.role === 'two' && o.stats) ?? g.ours.find((o) => o.role === 'one' && o.stats);
    if (!ours) continue;
    for (const b of g.baselines) {
      if (!b.stats || !b.py) continue;
      const target = b.kind === 'numpy' ? targets.numpy : name === 'kl' ? targets.klScipy : targets.scipy;
      const ratio = b.stats.medianMs / ours.stats.medianMs;
      const best = b.stats.minMs / ours.stats.minMs;
      const verdict = ratio >= target ? 'met' : `short by ${(target / ratio).toFixed(2)}x`;
      rows.push([g.title, b.label, `${ratio.toFixed(2)}x`, `${best.toFixed(2)}x`, `${target}x`, verdict]);
    }
  }
  return rows;
}

/** The report as JSON (`--json FILE`): every group with its stats, ratios and cross-check. */
export function jsonReport({ mode, load, core, py, groups, notes, missing, started, hover }) {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    mode,
    machine: { cpu: cpus[0]?.model, cores: cpus.length, memoryGiB: os.totalmem() / 2 ** 30, node: process.version, v8: process.versions.v8 },
    loadavg: load,
    wasm: core.backendStatus(),
    python: py.env ? { ...py.env, unsetForBaseline: py.unset } : { skipped: py.skipped },
    hover,
    groups: groups.map((g) => ({
      id: g.id,
      title: g.title,
      ours: g.ours.map((o) => ({ label: o.label, role: o.role, note: o.note, ...o.stats, relDiff: o.relDiff, reference: o.referenceLabel })),
      baselines: g.baselines.map((b) => ({ label: b.label, kind: b.kind, note: b.note, ...b.stats })),
      ratios: (g.pairs ?? g.ours.flatMap((_, i) => g.baselines.map((__, j) => [i, j])))
        .filter(([i, j]) => g.ours[i]?.stats && g.baselines[j]?.stats)
        .map(([i, j]) => ({ ours: g.ours[i].label, baseline: g.baselines[j].label, ratio: g.baselines[j].stats.medianMs / g.ours[i].stats.medianMs })),
    })),
    notes: [...notes, ...Object.entries(missing).map(([k, v]) => `${k}: ${v}`)],
    wallSeconds: (performance.now() - started) / 1000,
  };
}
