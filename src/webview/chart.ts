/**
 * The loss chart (uPlot, bundled): the current run drawn live, the earlier
 * runs kept as faded curves with their settings in the legend, a linear or
 * logarithmic y axis, and a readout of the epoch and loss under the cursor.
 * Colours come from the VS Code theme's `--vscode-*` variables.
 */

import uPlot from 'uplot';
import type { HistoryRun } from '../playground/protocol';
import { formatCount, formatLoss, h } from './dom';
import type { Curve } from './series';

/** Earlier runs' colours, from the theme's chart palette, drawn faded. */
const HISTORY_COLOURS = [
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-yellow',
  '--vscode-charts-red',
];
const HISTORY_ALPHA = 0.45;
const HEIGHT = 260;
const READOUT_HINT = 'Hover the chart for an epoch’s loss.';

function themeColour(variable: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(variable).trim() || fallback;
}

/** Non-finite losses cannot be drawn (nor placed on a log axis): they become gaps. */
function drawable(values: readonly number[]): (number | null)[] {
  return values.map((v) => (Number.isFinite(v) && v > 0 ? v : Number.isFinite(v) && v === 0 ? 1e-300 : null));
}

/** An axis tick: 0.25, 0.05, 1e-5 (three significant digits at most, no trailing zeros). */
export function tickLabel(value: number): string {
  const rounded = Number(value.toPrecision(3));
  return rounded !== 0 && Math.abs(rounded) < 1e-3 ? rounded.toExponential() : String(rounded);
}

export class LossChart {
  readonly element: HTMLElement;
  private readonly plotHost: HTMLElement;
  private readonly readout: HTMLElement;
  private plot: uPlot | undefined;
  private history: readonly HistoryRun[] = [];
  private live: { label: string; curve: Curve } = { label: 'current run', curve: { epochs: [], loss: [] } };
  private logScale: boolean;

  constructor(logScale: boolean) {
    this.logScale = logScale;
    this.plotHost = h('div', { class: 'chart-plot' });
    this.readout = h('div', { class: 'chart-readout', 'aria-live': 'off' }, READOUT_HINT);
    this.element = h('div', { class: 'chart' }, this.plotHost, this.readout);
    new ResizeObserver(() => this.resize()).observe(this.plotHost);
  }

  get isLogScale(): boolean {
    return this.logScale;
  }

  setLogScale(logScale: boolean): void {
    if (logScale === this.logScale) return;
    this.logScale = logScale;
    this.rebuild();
  }

  setHistory(history: readonly HistoryRun[]): void {
    const seriesChanged =
      history.length !== this.history.length || history.some((r, i) => r.label !== this.history[i]?.label);
    this.history = history;
    if (seriesChanged) this.rebuild();
    else this.update();
  }

  setLive(label: string, curve: Curve): void {
    const relabel = label !== this.live.label;
    this.live = { label, curve };
    if (relabel || !this.plot) this.rebuild();
    else this.update();
  }

  /** Colours follow the theme: rebuild with the new ones. */
  refreshTheme(): void {
    this.rebuild();
  }

  /** The chart as a PNG data URL: background, plot, title and legend, in the theme's colours. */
  toPng(): string {
    const plot = this.plot;
    if (!plot) throw new Error('the chart is not drawn yet');
    const source = plot.ctx.canvas;
    const ratio = source.width / Math.max(1, plot.width);
    const lineHeight = 18 * ratio;
    const labels = [`now: ${this.live.label}`, ...this.history.map((r) => r.label)];
    const canvas = document.createElement('canvas');
    canvas.width = source.width;
    canvas.height = source.height + lineHeight * (labels.length + 2);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2-D canvas context');
    ctx.fillStyle = themeColour('--vscode-editor-background', '#ffffff');
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = themeColour('--vscode-foreground', '#333333');
    ctx.font = `${13 * ratio}px sans-serif`;
    ctx.fillText(`Loss (MSE) per epoch${this.logScale ? ', log scale' : ''}`, 8 * ratio, lineHeight);
    ctx.drawImage(source, 0, lineHeight * 1.5);
    labels.forEach((label, i) => {
      const y = source.height + lineHeight * (2 + i);
      ctx.globalAlpha = i === 0 ? 1 : HISTORY_ALPHA;
      ctx.fillStyle = this.colour(i);
      ctx.fillRect(8 * ratio, y - 10 * ratio, 14 * ratio, 4 * ratio);
      ctx.globalAlpha = 1;
      ctx.fillStyle = themeColour('--vscode-foreground', '#333333');
      ctx.fillText(label, 28 * ratio, y);
    });
    return canvas.toDataURL('image/png');
  }

  /** Series colour: 0 is the current run, 1… the earlier ones. */
  private colour(index: number): string {
    if (index === 0) return themeColour('--vscode-charts-blue', '#1a85ff');
    return themeColour(HISTORY_COLOURS[(index - 1) % HISTORY_COLOURS.length], '#888888');
  }

  private data(): uPlot.AlignedData {
    const tables: uPlot.AlignedData[] = [
      [this.live.curve.epochs, drawable(this.live.curve.loss)],
      ...this.history.map((run): uPlot.AlignedData => [[...run.epochs], drawable(run.loss)]),
    ];
    return uPlot.join(tables);
  }

  private update(): void {
    if (this.plot) this.plot.setData(this.data());
    else this.rebuild();
  }

  private resize(): void {
    const width = this.plotHost.clientWidth;
    if (this.plot && width > 0 && width !== this.plot.width) this.plot.setSize({ width, height: HEIGHT });
  }

  private rebuild(): void {
    this.plot?.destroy();
    // Cleared first: should building fail, the next update tries again instead of drawing on a destroyed plot.
    this.plot = undefined;
    const foreground = themeColour('--vscode-foreground', '#333333');
    const grid = themeColour('--vscode-charts-lines', 'rgba(128,128,128,0.3)');
    const axis: uPlot.Axis = {
      stroke: foreground,
      grid: { stroke: grid, width: 1 },
      ticks: { stroke: grid, width: 1 },
    };
    const series: uPlot.Series[] = [
      { label: 'epoch', value: (_u, v) => (v == null ? '–' : formatCount(v)) },
      {
        label: `now: ${this.live.label}`,
        stroke: this.colour(0),
        width: 2,
        spanGaps: true,
        points: { show: false },
        value: (_u, v) => (v == null ? '–' : formatLoss(v)),
      },
      ...this.history.map(
        (run, i): uPlot.Series => ({
          label: run.label,
          stroke: this.colour(i + 1),
          alpha: HISTORY_ALPHA,
          width: 1.5,
          spanGaps: true,
          points: { show: false },
          value: (_u, v) => (v == null ? '–' : formatLoss(v)),
        }),
      ),
    ];
    const options: uPlot.Options = {
      width: Math.max(200, this.plotHost.clientWidth),
      height: HEIGHT,
      // Room on the right for the last epoch's tick label.
      padding: [12, 24, 0, 0],
      scales: { x: { time: false }, y: this.logScale ? { distr: 3 } : { auto: true } },
      axes: [
        { ...axis, label: 'epoch', labelSize: 20 },
        {
          ...axis,
          label: this.logScale ? 'loss (log)' : 'loss (MSE)',
          labelSize: 20,
          size: 60,
          // A log axis leaves some ticks unlabelled (null).
          values: (_u, ticks) => ticks.map((t) => (t == null ? '' : tickLabel(t))),
        },
      ],
      series,
      cursor: { drag: { x: true, y: false }, points: { size: 6 } },
      legend: { live: true },
      hooks: { setCursor: [(u) => this.showReadout(u)] },
    };
    this.plot = new uPlot(options, this.data(), this.plotHost);
  }

  /** Epoch and loss of the current run nearest the cursor (runs are thinned differently, so its points may not line up). */
  private showReadout(u: uPlot): void {
    const index = u.cursor.idx;
    const xs = u.data[0];
    const losses = u.data[1] ?? [];
    if (index == null) {
      this.readout.textContent = READOUT_HINT;
      return;
    }
    let nearest = -1;
    for (let d = 0; d < xs.length && nearest < 0; d++) {
      if (losses[index - d] != null) nearest = index - d;
      else if (losses[index + d] != null) nearest = index + d;
    }
    this.readout.textContent =
      nearest < 0
        ? `epoch ${formatCount(xs[index])}`
        : `epoch ${formatCount(xs[nearest])} · loss ${formatLoss(losses[nearest] as number)} (current run)`;
  }
}
