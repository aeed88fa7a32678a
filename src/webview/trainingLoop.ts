/**
 * Drives one training run in bounded slices so the panel never freezes: each
 * slice runs epochs in chunks until its time budget (8 ms) is spent, then
 * yields to the event loop (rendering, input, messages) through the injected
 * scheduler and continues. The chunk size adapts to the network's cost, so a
 * tiny network runs thousands of epochs per chunk and a large one a few.
 * Pure (no DOM): the clock and scheduler are injected, so Node tests drive it.
 */

import { initWeights, Trainer } from '../nn/network';
import { LegacyRandom } from '../nn/random';
import { FRESH_SEED } from '../playground/defaults';
import type { Source } from '../playground/protocol';

/** Time and a way to run a task later (the webview uses a MessageChannel; tests a queue). */
export interface Clock {
  now(): number;
  /** Runs `task` soon, after pending events; returns a function that cancels it. */
  schedule(task: () => void): () => void;
}

export type RunStatus = 'paused' | 'running' | 'done' | 'diverged' | 'cancelled';

/** Most milliseconds one slice may train before yielding. */
export const SLICE_MS = 8;

const MAX_CHUNK = 1 << 16;

/** The generator the initial weights are drawn from: seeded, the file's state, or a fresh file's. */
export function weightsGenerator(source: Source): LegacyRandom {
  if (source.config.seed !== null) return LegacyRandom.fromSeed(source.config.seed);
  const rng = LegacyRandom.fromSeed(FRESH_SEED);
  if (source.rng) rng.setState({ ...source.rng, key: Uint32Array.from(source.rng.key) });
  return rng;
}

/** A fresh trainer for `source`: the notebook's initial weights, then no epochs run. */
export function createTrainer(source: Source): Trainer {
  const { X, y, hidden, lr } = source.config;
  const rows = X.length;
  const inputs = X[0].length;
  const outputs = y[0].length;
  const data = { X: X.flat(), rows, inputs, y: y.flat(), outputs };
  return new Trainer(data, hidden, lr, initWeights(weightsGenerator(source), inputs, hidden, outputs));
}

/** One run: its trainer, its loss so far, and play / pause / step / cancel. */
export class TrainingRun {
  readonly trainer: Trainer;
  /** Loss of each epoch run so far (the rest of the buffer is unwritten). */
  readonly loss: Float64Array;
  readonly epochs: number;
  private state: RunStatus = 'paused';
  private cancelNext: (() => void) | undefined;
  private chunk = 1;
  private rateMark: { time: number; epoch: number } | undefined;
  private rate = 0;
  /** The run paused itself on a rising loss (see {@link haltedOnRise}); it does so once. */
  private halted = false;
  private riseSeen = false;

  /**
   * @param onUpdate called after every slice and step (and on each status change)
   */
  constructor(
    readonly source: Source,
    private readonly clock: Clock,
    private readonly onUpdate: (run: TrainingRun) => void = () => {},
    private readonly sliceMs = SLICE_MS,
  ) {
    this.trainer = createTrainer(source);
    this.epochs = source.config.epochs;
    this.loss = new Float64Array(this.epochs);
  }

  get status(): RunStatus {
    return this.state;
  }

  /** Epochs run so far. */
  get epoch(): number {
    return this.trainer.epoch;
  }

  /** Epochs per second of wall time while playing (0 before the first slice). */
  get epochsPerSecond(): number {
    return this.rate;
  }

  /** The epoch (0-based) whose loss was NaN or infinite, or null. */
  get divergedAt(): number | null {
    return this.trainer.divergedAt;
  }

  /**
   * Whether the run paused itself because its loss rose instead of falling
   * (`lossAlarm` says 'rising': too large a step). It does so once, so
   * training stops with the alarm shown; Play goes on anyway.
   */
  get haltedOnRise(): boolean {
    return this.halted;
  }

  get finished(): boolean {
    return this.state === 'done' || this.state === 'diverged' || this.state === 'cancelled';
  }

  play(): void {
    if (this.state !== 'paused') return;
    this.state = 'running';
    this.halted = false;
    // Measured from the first slice, so the wait for it (page layout at start) does not count.
    this.rateMark = undefined;
    this.cancelNext = this.clock.schedule(this.slice);
    this.onUpdate(this);
  }

  pause(): void {
    if (this.state !== 'running') return;
    this.state = 'paused';
    this.stopScheduled();
    this.onUpdate(this);
  }

  /** Runs `count` epochs now (at most what is left), when paused. */
  step(count = 1): void {
    if (this.state !== 'paused') return;
    this.advance(Math.min(count, this.epochs - this.epoch));
    this.onUpdate(this);
  }

  /** Stops for good: no further slice runs, no further update is reported. */
  cancel(): void {
    if (this.state !== 'running' && this.state !== 'paused') return;
    this.state = 'cancelled';
    this.stopScheduled();
  }

  private stopScheduled(): void {
    this.cancelNext?.();
    this.cancelNext = undefined;
  }

  /** Runs up to `count` epochs; sets done or diverged, and returns false then. */
  private advance(count: number): boolean {
    if (count > 0 && this.trainer.step(count, this.loss, this.epoch) < count) {
      this.state = 'diverged';
      return false;
    }
    if (this.epoch < this.epochs) return true;
    this.state = 'done';
    return false;
  }

  /** Pauses the run the first time its loss is flagged as rising; true when it did. */
  private haltOnRise(): boolean {
    if (this.riseSeen || lossAlarm(this)?.kind !== 'rising') return false;
    this.riseSeen = true;
    this.halted = true;
    this.state = 'paused';
    return true;
  }

  private readonly slice = (): void => {
    this.cancelNext = undefined;
    if (this.state !== 'running') return;
    const start = this.clock.now();
    const deadline = start + this.sliceMs;
    this.rateMark ??= { time: start, epoch: this.epoch };
    for (;;) {
      const n = Math.min(this.chunk, this.epochs - this.epoch);
      const t0 = this.clock.now();
      if (!this.advance(n) || this.haltOnRise()) break;
      const took = this.clock.now() - t0;
      // Aim for chunks of an eighth to a half of the slice, so a slice ends close to its budget.
      if (took < this.sliceMs / 8) this.chunk = Math.min(this.chunk * 2, MAX_CHUNK);
      else if (took > this.sliceMs / 2) this.chunk = Math.max(1, this.chunk >> 1);
      if (t0 + took >= deadline) break;
    }
    const now = this.clock.now();
    if (this.rateMark) {
      const elapsed = Math.max(now - this.rateMark.time, 1e-3);
      this.rate = ((this.epoch - this.rateMark.epoch) * 1000) / elapsed;
    }
    if (this.state === 'running') this.cancelNext = this.clock.schedule(this.slice);
    this.onUpdate(this);
  };
}

/** What the panel says about a run's loss: a NaN/infinite loss, or a loss that rose instead of falling. */
export type LossAlarm =
  | { readonly kind: 'nonFinite'; readonly epoch: number; readonly value: number }
  | { readonly kind: 'rising'; readonly from: number; readonly to: number }
  | null;

/**
 * NaN or infinity stops a run (the trainer reports the epoch). A loss above
 * the first epoch's, once a run is past its first 50 epochs (or its end), is
 * the other face of too large a step: the sigmoids saturate, the gradients
 * vanish, and the loss stays up (such a run pauses itself once, see
 * `TrainingRun.haltedOnRise`: it may still recover, very slowly).
 */
export function lossAlarm(run: Pick<TrainingRun, 'loss' | 'epoch' | 'epochs' | 'divergedAt'>): LossAlarm {
  if (run.divergedAt !== null) {
    return { kind: 'nonFinite', epoch: run.divergedAt, value: run.loss[run.divergedAt] };
  }
  if (run.epoch < Math.min(50, run.epochs) || run.epoch < 2) return null;
  const from = run.loss[0];
  const to = run.loss[run.epoch - 1];
  return to > from ? { kind: 'rising', from, to } : null;
}

/** A learning rate ten times smaller, rounded to one significant digit: what the panel suggests. */
export function smallerLr(lr: number): number {
  const target = lr / 10;
  const magnitude = 10 ** Math.floor(Math.log10(target));
  return Number((Math.max(1, Math.round(target / magnitude)) * magnitude).toPrecision(1));
}

/**
 * What the panel says about an alarm: what happened and a learning rate to
 * try; `haltedAt` is the epoch a rising run paused itself at (null when it did not).
 */
export function alarmText(alarm: NonNullable<LossAlarm>, lr: number, haltedAt: number | null = null): string {
  const hint = `Try a lower learning rate, e.g. lr=${smallerLr(lr)}.`;
  if (alarm.kind === 'nonFinite') {
    return `Diverged at epoch ${alarm.epoch + 1}: the loss became ${alarm.value}, so training stopped. The steps with lr=${lr} overflowed. ${hint}`;
  }
  const halted =
    haltedAt === null
      ? ''
      : ` Training paused at epoch ${haltedAt.toLocaleString('en-US')}; press Play to go on anyway.`;
  return `Diverging: the loss rose from ${alarm.from.toPrecision(4)} to ${alarm.to.toPrecision(4)} instead of falling. With lr=${lr} the steps overshoot and the sigmoids saturate, so learning stalls.${halted} ${hint}`;
}
