/**
 * The loss chart (uPlot, bundled): the current run drawn live, the earlier
 * runs kept as faded curves with their settings in the legend, a linear or
 * logarithmic y axis, and a readout of the epoch and loss under the cursor.
 * Colours come from the VS Code theme's `--vscode-*` variables.
 */

import uPlot from 'uplot';
import type { HistoryRun } from '../playground/protocol';
import { type Extent, fitToRun } from './chartScale';
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
  private live: { label: string; curve: Curve; planned: number } = {
    label: 'current run',
    curve: { epochs: [], loss: [] },
    planned: 1,
  };
  private logScale: boolean;
  /** The loss range of the current run, from the last data given to the plot (its y scale fits it). */
  private yExtent: Extent | null = null;

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

  /** The current run: its label, its curve so far, and the epochs it will run (the axis before its first one). */
  setLive(label: string, curve: Curve, planned: number): void {
    const relabel = label !== this.live.label;
    this.live = { label, curve, planned };
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

  /** The curves fitted to the current run (see chartScale.ts); also sets the y range the plot uses. */
  private data(): uPlot.AlignedData {
    const view = fitToRun(this.live.curve, this.live.planned, this.history, this.logScale);
    this.yExtent = view.y;
    const tables: uPlot.AlignedData[] = [
      [view.live.epochs, view.live.loss],
      ...view.history.map((run): uPlot.AlignedData => [run.epochs, run.loss]),
    ];
    return uPlot.join(tables);
  }

  /** The y range: the current run's losses with uPlot's padding, whatever the earlier runs span. */
  private yRange(): uPlot.Range.MinMax {
    const extent = this.yExtent;
    if (this.logScale) return extent ? uPlot.rangeLog(extent.min, extent.max, 10, false) : [1e-3, 1];
    return extent ? uPlot.rangeNum(extent.min, extent.max, 0.1, true) : [0, 1];
  }

  /** The ranges shown, on the element: what a test (or a person with the inspector) can read. */
  private recordScales(u: uPlot): void {
    const { x, y } = u.scales;
    const set = (name: string, value: number | undefined) => {
      this.element.dataset[name] = value === undefined || value === null ? '' : String(value);
    };
    set('xMin', x.min);
    set('xMax', x.max);
    set('yMin', y.min);
    set('yMax', y.max);
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
      scales: {
        x: { time: false },
        y: this.logScale
          ? { distr: 3, range: () => this.yRange() }
          : { auto: true, range: () => this.yRange() },
      },
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
      hooks: { setCursor: [(u) => this.showReadout(u)], setScale: [(u) => this.recordScales(u)] },
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
