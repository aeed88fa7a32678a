/**
 * Thinning a loss curve for the chart and for the saved state: a run of a
 * million epochs is drawn from at most a few thousand points. Pure.
 */

import type { Source } from '../playground/protocol';

/** Epoch numbers (1-based) and their losses. */
export interface Curve {
  readonly epochs: number[];
  readonly loss: number[];
}

/**
 * Every `stride`-th epoch of the first `count` losses, plus the last one, so
 * the curve ends where the run is. Up to `maxPoints` every epoch is kept.
 */
export function thin(loss: ArrayLike<number>, count: number, maxPoints: number): Curve {
  const stride = Math.max(1, Math.ceil(count / maxPoints));
  const epochs: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < count; i += stride) {
    epochs.push(i + 1);
    values.push(loss[i]);
  }
  if (count > 0 && epochs[epochs.length - 1] !== count) {
    epochs.push(count);
    values.push(loss[count - 1]);
  }
  return { epochs, loss: values };
}

/** A run's settings as the chart legend shows them. */
export function runLabel(config: {
  readonly lr: number;
  readonly hidden: number;
  readonly epochs: number;
  readonly seed: number | null;
  readonly X: readonly unknown[];
}): string {
  const seed = config.seed === null ? 'None' : String(config.seed);
  return `lr=${config.lr} hidden=${config.hidden} epochs=${config.epochs} seed=${seed} rows=${config.X.length}`;
}

/** Whether two sources give the same run: same settings and data, and (for seed=None) the same generator. */
export function sameSource(a: Source, b: Source): boolean {
  if (JSON.stringify(a.config) !== JSON.stringify(b.config)) return false;
  return a.config.seed !== null || JSON.stringify(a.rng) === JSON.stringify(b.rng);
}
