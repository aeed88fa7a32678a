/**
 * The seed network's training (the notebook's cell In [12]): ours, `train`
 * from src/nn/network.ts (what `.mat`'s `train(...)` runs), against the
 * notebook's NumPy loop run by bench/numpy_ref.py, from the same initial
 * weights (`np.random.seed(0)` and the notebook's four uniform draws).
 */
import { train } from '../../src/nn/network';
import { LegacyRandom } from '../../src/nn/random';
import type { TrainAnswer } from '../lib/numpy';
import { relativeDifference, summarize } from '../lib/stats';
import { alternate, calibrate, type Side } from '../lib/timing';
import type { Agreement, Context, Row } from '../lib/types';

const SEED = 0;
const DATA = {
  X: [1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1],
  rows: 3,
  inputs: 4,
  y: [1, 1, 0],
  outputs: 1,
};
const TOLERANCE = 1e-10;
const TARGET = 50;

function trainOurs(epochs: number) {
  return train(DATA, { hidden: 3, lr: 0.1, epochs }, new LegacyRandom(SEED));
}

export async function trainingRows(ctx: Context): Promise<Row[]> {
  const rows: Row[] = [];
  // Let the JIT compile the trainer before anything is timed (NumPy's loop needs no warm-up).
  for (let i = 0; i < 5; i++) trainOurs(20_000);
  for (const [epochs, reps] of [
    [5_000, ctx.reps(9, 3)],
    [200_000, ctx.reps(5, 1)],
  ] as const) {
    ctx.log(`training ${epochs.toLocaleString('en-US')} epochs × ${reps}`);
    let ours: ReturnType<typeof trainOurs> | undefined;
    let theirs: TrainAnswer | undefined;
    // A short training takes milliseconds here: time a batch of them.
    const iters = calibrate(() => trainOurs(epochs), ctx.batchSeconds);
    const sides: Side[] = [
      {
        name: 'ours',
        run: () => {
          const start = performance.now();
          for (let i = 0; i < iters; i++) ours = trainOurs(epochs);
          return (performance.now() - start) / 1000 / iters / epochs;
        },
      },
    ];
    const numpy = ctx.numpy;
    if (numpy) {
      sides.push({
        name: 'numpy',
        run: async () => {
          theirs = await trainNumPy(ctx, epochs);
          return theirs.seconds / epochs;
        },
      });
    }
    const { sides: measured, speedups } = summarize(await alternate(sides, reps));
    let agreement: Agreement | undefined;
    if (ours && theirs) {
      const diffs = [
        relativeDifference(ours.output!.data, theirs.output),
        relativeDifference(ours.wh.data, theirs.wh),
        relativeDifference(ours.bh.data, theirs.bh),
        relativeDifference(ours.wout.data, theirs.wout),
        relativeDifference(ours.bout.data, theirs.bout),
      ];
      const relDiff = Math.max(...diffs);
      agreement = {
        relDiff,
        tolerance: TOLERANCE,
        ok: relDiff <= TOLERANCE,
        note: 'largest of the final output and the four trained weight arrays',
      };
    }
    const speedup = speedups.numpy;
    rows.push({
      group: 'training',
      id: `train-${epochs}`,
      label: `seed network, ${epochs.toLocaleString('en-US')} epochs`,
      // Samples are seconds per epoch, so one epoch is the unit of work.
      work: 1,
      values: { epochs },
      sides: measured,
      speedups,
      agreement,
      target: {
        text: `≥ ${TARGET}× NumPy`,
        met: speedup === undefined ? null : speedup >= TARGET,
      },
    });
  }
  return rows;
}

function trainNumPy(ctx: Context, epochs: number): Promise<TrainAnswer> {
  return ctx.numpy!.request<TrainAnswer>({ cmd: 'train', epochs, seed: SEED });
}
