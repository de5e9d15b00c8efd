/**
 * The panel's charts, drawn with Chart.js (bundled; no CDN) in the theme's colours. Animations are off so a
 * chart is drawn in the frame its data arrives (and the Gaussian explorer follows a dragged slider).
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, ScatterController, Legend, Tooltip, Filler);

export interface ThemeColours {
  readonly p: string;
  readonly q: string;
  readonly accent: string;
  readonly negative: string;
  readonly foreground: string;
  readonly grid: string;
  readonly background: string;
}

/** The theme's chart colours (VS Code sets --vscode-charts-* for light, dark and high contrast themes). */
export function themeColours(): ThemeColours {
  const style = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    p: v('--vscode-charts-blue', '#3794ff'),
    q: v('--vscode-charts-orange', '#d18616'),
    accent: v('--vscode-charts-green', '#89d185'),
    negative: v('--vscode-charts-red', '#f14c4c'),
    foreground: v('--vscode-charts-foreground', v('--vscode-foreground', '#cccccc')),
    grid: v('--vscode-charts-lines', 'rgba(128,128,128,0.35)'),
    background: v('--vscode-editor-background', '#1e1e1e'),
  };
}

/** `colour` at opacity `alpha` when it is #rgb or #rrggbb (theme colours are); other forms unchanged. */
export function withAlpha(colour: string, alpha: number): string {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(colour);
  const hex = short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}` : colour;
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return colour;
  return `${hex}${Math.round(alpha * 255).toString(16).padStart(2, '0')}`;
}

/** Paints the background before drawing, so a saved PNG has the theme's background, not transparency. */
const background: Plugin = {
  id: 'dlBackground',
  beforeDraw(chart) {
    const colour = (chart.options.plugins as { dlBackground?: { colour?: string } } | undefined)?.dlBackground?.colour;
    if (!colour) return;
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = colour;
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};
Chart.register(background);

const charts = new Map<string, Chart>();

/** Axes and legend in the theme's colours. */
export function baseOptions(c: ThemeColours, xTitle: string, yTitle: string): NonNullable<ChartConfiguration['options']> {
  const axis = (title: string) => ({
    ticks: { color: c.foreground },
    grid: { color: c.grid },
    border: { color: c.grid },
    title: { display: title !== '', text: title, color: c.foreground },
  });
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    scales: { x: axis(xTitle), y: axis(yTitle) },
    plugins: {
      legend: { labels: { color: c.foreground } },
      tooltip: { enabled: true },
      ...({ dlBackground: { colour: c.background } } as object),
    },
  };
}

/** `options` with each axis of `scales` merged into the axis of the same name (its theme colours kept). */
export function withScales(options: NonNullable<ChartConfiguration['options']>, scales: { readonly [axis: string]: object }): NonNullable<ChartConfiguration['options']> {
  const merged: { [axis: string]: object } = { ...(options.scales as { [axis: string]: object }) };
  for (const [axis, extra] of Object.entries(scales)) merged[axis] = { ...merged[axis], ...extra };
  return { ...options, scales: merged as typeof options.scales };
}

/** Draws `config` on the canvas #id, replacing the chart drawn there before. */
export function draw(id: string, config: ChartConfiguration): Chart {
  charts.get(id)?.destroy();
  const canvas = document.getElementById(id) as HTMLCanvasElement | null;
  if (!canvas) throw new Error(`panel: #${id} is missing`);
  const chart = new Chart(canvas, config);
  charts.set(id, chart);
  return chart;
}

/** Forgets every chart (their colours are the old theme's); the next render draws them anew. */
export function destroyCharts(): void {
  for (const chart of charts.values()) chart.destroy();
  charts.clear();
}

export function chartOn(id: string): Chart | undefined {
  return charts.get(id);
}

/** The chart on canvas #id as a PNG data: URL (with the theme's background). */
export function chartPng(id: string): string | undefined {
  return charts.get(id)?.toBase64Image('image/png');
}

/**
 * Calls `redraw` after the theme changes, the charts forgotten so that they are drawn anew in its colours.
 * VS Code sets the theme's variables on <html style> and swaps the body's class (vscode-light, vscode-dark,
 * vscode-high-contrast) together: both are coalesced into one redraw per frame.
 */
export function redrawOnThemeChange(redraw: () => void): void {
  let frame = 0;
  const onTheme = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      destroyCharts();
      redraw();
    });
  };
  new MutationObserver(onTheme).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  new MutationObserver(onTheme).observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
