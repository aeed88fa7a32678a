/**
 * What the loss chart draws, fitted to the current run: the x axis spans the
 * epochs it has run (not an earlier, longer run's: a 5,000-epoch run after a
 * 1,000,000-epoch one fills the chart), the y axis its losses, and earlier
 * runs are cut to those epochs, so they compare over the same span.
 * Recomputed on every update, so a new run or a restart starts from its own
 * range. Pure (no DOM, no uPlot), so Node tests check it.
 */

import type { HistoryRun } from '../playground/protocol';
import type { Curve } from './series';

export interface Extent {
  readonly min: number;
  readonly max: number;
}

/** A curve as the chart takes it: a gap (null) where a value cannot be drawn. */
export interface DrawnCurve {
  readonly epochs: number[];
  readonly loss: (number | null)[];
}

export interface ChartView {
  /** The current run's curve; before its first epoch, a gap at its last planned epoch (so the axis has a span). */
  readonly live: DrawnCurve;
  /** The earlier runs, cut to the current run's epochs. */
  readonly history: DrawnCurve[];
  readonly x: Extent;
  /** The current run's losses (before its first epoch, the earlier runs' shown ones); null when nothing can be drawn. */
  readonly y: Extent | null;
}

/** Non-finite losses cannot be drawn, nor can zero or below on a log axis: they become gaps. */
export function drawable(values: readonly number[], logScale: boolean): (number | null)[] {
  return values.map((v) => (Number.isFinite(v) && (!logScale || v > 0) ? v : null));
}

function extentOf(curves: readonly DrawnCurve[]): Extent | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const curve of curves) {
    for (const v of curve.loss) {
      if (v === null) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return min <= max ? { min, max } : null;
}

/**
 * The chart's curves and ranges for the current run (`live`, thinned, out of
 * `plannedEpochs`) and the earlier runs kept faded.
 */
export function fitToRun(
  live: Curve,
  plannedEpochs: number,
  history: readonly HistoryRun[],
  logScale: boolean,
): ChartView {
  const reached = live.epochs[live.epochs.length - 1];
  const last = reached ?? Math.max(1, Math.floor(plannedEpochs));
  const liveCurve: DrawnCurve =
    reached === undefined
      ? { epochs: [last], loss: [null] }
      : { epochs: [...live.epochs], loss: drawable(live.loss, logScale) };
  const cut = history.map((run): DrawnCurve => {
    const epochs: number[] = [];
    const loss: number[] = [];
    run.epochs.forEach((e, i) => {
      if (e > last) return;
      epochs.push(e);
      loss.push(run.loss[i]);
    });
    return { epochs, loss: drawable(loss, logScale) };
  });
  return {
    live: liveCurve,
    history: cut,
    x: { min: 1, max: last },
    y: extentOf([liveCurve]) ?? extentOf(cut),
  };
}
