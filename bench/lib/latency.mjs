// The interactive cases: the hover on a 10^4-element literal (findArrayLiterals and the hover provider's
// pure part, p50 and p95) and the cold start (fresh processes: load, initSync, first call).
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { dirichlet } from './inputs.mjs';
import { fmtMs, pow10 } from './report.mjs';
import { median, quantile, statsOf } from './timing.mjs';

const HOVER_ELEMENTS = 10_000;
const COLD_N = 1e6;

/** The hover cases; returns the hover latencies (for the JSON report), undefined without the parser. */
export function hoverCases(ctx) {
  const { modules, missing, groups, log, RUNS } = ctx;
  const { parseArrayLiteral } = modules;
  let hover;
  log('bench: findArrayLiterals');
  const values = Array.from(dirichlet(HOVER_ELEMENTS, 5), (x) => String(Number(x.toPrecision(8))));
  const rows = [];
  for (let i = 0; i < values.length; i += 6) rows.push(values.slice(i, i + 6).join(', '));
  const list = rows.join(',\n       ');
  const text = `import numpy as np\n\np = np.array([${list}])\n`;
  const json = `[${list}]`;
  const title = `findArrayLiterals, ${pow10(HOVER_ELEMENTS)} elements`;
  if (parseArrayLiteral) {
    const found = parseArrayLiteral.findArrayLiterals(text);
    if (found.length !== 1 || found[0].values.length !== HOVER_ELEMENTS) throw new Error(`findArrayLiterals found ${found.length} arrays`);
    const { warmup, runs } = RUNS.hover;
    const ours = [];
    const base = [];
    for (let w = 0; w < warmup; w++) {
      parseArrayLiteral.findArrayLiterals(text);
      JSON.parse(json);
    }
    for (let r = 0; r < runs; r++) {
      let t = performance.now();
      parseArrayLiteral.findArrayLiterals(text);
      ours.push(performance.now() - t);
      t = performance.now();
      JSON.parse(json);
      base.push(performance.now() - t);
    }
    hover = { chars: text.length, p50: median(ours), p95: quantile(ours, 0.95), jsonP50: median(base), jsonP95: quantile(base, 0.95), runs };
    groups.push({
      id: 'hover',
      title,
      ours: [{ label: `p50 (p95 ${fmtMs(hover.p95)} ms)`, stats: { ...statsOf(ours), medianMs: hover.p50 } }],
      baselines: [{ label: `JSON.parse of the bare list, p50 (p95 ${fmtMs(hover.jsonP95)} ms)`, stats: { ...statsOf(base), medianMs: hover.jsonP50 } }],
    });
    // The hover provider's pure part (hoverModel.hoverAt) on the same literal, hovered on a line in its middle:
    // the window of lines read, the parse, the sums and the entropies, as the extension computes them.
    const { hoverModel } = modules;
    if (hoverModel) {
      const doc = hoverModel.linesOf(text);
      const line = Math.floor(doc.lineCount / 2);
      const settings = {
        base: 'e', normalization: 'normalize', input: 'prob', significantDigits: 4,
        hoverEnabled: true, hoverMaxElements: 100_000, statusBarEnabled: true, workerThreshold: 1_000_000,
      };
      const first = hoverModel.hoverAt(doc, line, 10, settings);
      if (!first?.markdown.includes(`${HOVER_ELEMENTS} values`)) throw new Error('hoverAt did not find the 10^4-element literal');
      const times = [];
      for (let w = 0; w < warmup; w++) hoverModel.hoverAt(doc, line, 10, settings);
      for (let r = 0; r < runs; r++) {
        const t = performance.now();
        hoverModel.hoverAt(doc, line, 10, settings);
        times.push(performance.now() - t);
      }
      hover.provider = { p50: median(times), p95: quantile(times, 0.95), targetP95: 30, lines: doc.lineCount };
      groups.push({
        id: 'hover-provider',
        title: `hover provider (pure part), ${pow10(HOVER_ELEMENTS)} elements over ${doc.lineCount} lines (target p95 < 30 ms)`,
        ours: [{ label: `p50 (p95 ${fmtMs(hover.provider.p95)} ms)`, stats: { ...statsOf(times), medianMs: hover.provider.p50 } }],
        baselines: [{ label: `JSON.parse of the bare list, p50 (p95 ${fmtMs(hover.jsonP95)} ms)`, stats: { ...statsOf(base), medianMs: hover.jsonP50 } }],
      });
      log(`bench: hover provider p50 ${fmtMs(hover.provider.p50)} ms, p95 ${fmtMs(hover.provider.p95)} ms (target p95 < 30 ms)`);
    }
  } else {
    groups.push({ id: 'hover', title, ours: [{ label: 'findArrayLiterals', note: `not available: ${missing.parseArrayLiteral}` }], baselines: [] });
  }
  return hover;
}

/** Cold start, KL n = 10^6, in fresh processes (`node bench/run.mjs --child-cold N`). */
export function coldCases(ctx) {
  const { groups, notes, log, self, RUNS } = ctx;
  log('bench: cold start (fresh processes)');
  const results = [];
  for (let k = 0; k < RUNS.coldChildren; k++) {
    const r = spawnSync(process.execPath, [self, '--child-cold', String(COLD_N)], { encoding: 'utf8' });
    const out = r.status === 0 ? JSON.parse(r.stdout.trim().split('\n').pop()) : { error: r.stderr };
    if (out.error) {
      results.length = 0;
      notes.push(`cold start not measured: ${out.error}`);
      break;
    }
    results.push(out);
  }
  if (results.length) {
    const m = (key) => median(results.map((r) => r[key]));
    const mn = (key) => Math.min(...results.map((r) => r[key]));
    const st = (key) => ({ medianMs: m(key), minMs: mn(key), runs: results.length });
    const coldTotal = results.map((r) => r.loadMs + r.initMs + r.firstMs);
    groups.push({
      id: 'cold',
      title: `cold start, KL n=${pow10(COLD_N)}`,
      ours: [
        { label: 'load core.js + initSync + 1st WASM call', stats: statsOf(coldTotal) },
        { label: '  of which: load core.js', stats: st('loadMs') },
        { label: '  of which: initSync (compile+warm-up)', stats: st('initMs') },
        { label: '  of which: 1st WASM call', stats: st('firstMs') },
        { label: '1st TS call (before JIT)', stats: st('tsFirstMs') },
      ],
      baselines: [
        { label: 'warm WASM call, same process', stats: st('warmMs') },
        { label: 'warm TS call, same process', stats: st('tsWarmMs') },
      ],
      pairs: [
        [0, 0],
        [1, -1],
        [2, -1],
        [3, 0],
        [4, 1],
      ],
    });
  }
}
