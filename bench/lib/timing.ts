/**
 * Timing: batches of calls timed with performance.now(), and the
 * alternation of the sides of a workload (ours, NumPy, mathjs) repetition
 * by repetition, so that each pair of samples shares the machine's
 * conditions of the moment.
 */
import { iterationsFor } from './stats';

/** Seconds per call of `fn` over a batch of `iters` calls. */
export function secondsPerCall(fn: () => unknown, iters: number): number {
  const start = performance.now();
  for (let i = 0; i < iters; i++) fn();
  return (performance.now() - start) / 1000 / iters;
}

/**
 * Warms `fn` up (a few calls, so the JIT has compiled it) and returns the
 * batch size whose run lasts about `targetSeconds`. A call slower than the
 * target gives 1.
 */
export function calibrate(fn: () => unknown, targetSeconds: number): number {
  let iters = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < iters; i++) fn();
    const elapsed = (performance.now() - start) / 1000;
    if (elapsed >= targetSeconds / 4 || iters >= 1 << 22) return iterationsFor(elapsed, iters, targetSeconds);
    iters *= 4;
  }
}

/** One side of a workload: returns the seconds per operation of one repetition. */
export interface Side {
  readonly name: string;
  /** Stop after this many samples (for a reference so slow that every repetition would cost seconds). */
  readonly maxReps?: number;
  run(rep: number): number | Promise<number>;
}

/**
 * Runs `reps` repetitions of every side, each repetition visiting the sides
 * in an order rotated by one (so no side always runs right after another),
 * and returns each side's samples in repetition order.
 */
export async function alternate(sides: readonly Side[], reps: number): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = {};
  for (const side of sides) samples[side.name] = [];
  for (let rep = 0; rep < reps; rep++) {
    for (let i = 0; i < sides.length; i++) {
      const side = sides[(i + rep) % sides.length];
      if (side.maxReps !== undefined && samples[side.name].length >= side.maxReps) continue;
      samples[side.name].push(await side.run(rep));
    }
  }
  return samples;
}
