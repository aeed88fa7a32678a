import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { train } from '../../src/nn/network';
import { LegacyRandom } from '../../src/nn/random';
import { SEED_CONFIG } from '../../src/playground/defaults';
import type { Source } from '../../src/playground/protocol';
import { runLabel, thin } from '../../src/webview/series';
import {
  alarmText,
  type Clock,
  lossAlarm,
  SLICE_MS,
  smallerLr,
  TrainingRun,
} from '../../src/webview/trainingLoop';

/**
 * A clock whose time is the work done: `msPerEpoch` for every epoch the
 * watched run has trained (plus whatever the test adds to `time`), and a task queue.
 */
class FakeClock implements Clock {
  time = 0;
  run: { readonly epoch: number } | undefined;
  readonly queue: (() => void)[] = [];
  constructor(private readonly msPerEpoch = 0.002) {}
  now(): number {
    return this.time + (this.run?.epoch ?? 0) * this.msPerEpoch;
  }
  schedule(task: () => void): () => void {
    this.queue.push(task);
    return () => {
      const i = this.queue.indexOf(task);
      if (i >= 0) this.queue.splice(i, 1);
    };
  }
  /** Runs queued tasks one at a time (as the event loop would) until none is left; returns how many ran. */
  drain(limit = 1_000_000): number {
    let ran = 0;
    while (this.queue.length > 0 && ran < limit) {
      this.queue.shift()!();
      ran++;
    }
    return ran;
  }
}

const seeded: Source = { config: { ...SEED_CONFIG, seed: 0 }, rng: null };

describe('TrainingRun', () => {
  test('runs to the end in slices and matches one uninterrupted train() exactly', () => {
    const clock = new FakeClock();
    const updates: number[] = [];
    const run = new TrainingRun(seeded, clock, (r) => updates.push(r.epoch));
    clock.run = run;
    run.play();
    const slices = clock.drain();
    assert.equal(run.status, 'done');
    assert.equal(run.epoch, 5000);
    assert.ok(slices > 1, `one slice did everything (${slices})`);
    assert.ok(updates.length >= slices);
    assert.deepEqual(
      updates,
      [...updates].sort((a, b) => a - b),
    );
    const reference = train(
      { X: SEED_CONFIG.X.flat(), rows: 3, inputs: 4, y: [1, 1, 0], outputs: 1 },
      {},
      LegacyRandom.fromSeed(0),
    );
    assert.deepEqual(Array.from(run.loss), Array.from(reference.loss));
    assert.deepEqual(Array.from(run.trainer.wh.data), Array.from(reference.wh.data));
    assert.ok(run.loss[4999] < run.loss[0], 'the loss went down');
  });

  test('keeps each slice within its time budget (plus one chunk)', () => {
    const clock = new FakeClock(0.01);
    let last = 0;
    let longest = 0;
    const run = new TrainingRun({ ...seeded, config: { ...seeded.config, epochs: 100_000 } }, clock, () => {
      longest = Math.max(longest, clock.now() - last);
    });
    clock.run = run;
    run.play();
    let slices = 0;
    while (clock.queue.length > 0) {
      last = clock.now();
      clock.drain(1);
      slices++;
    }
    assert.equal(run.status, 'done');
    assert.ok(slices >= (100_000 * 0.01) / (SLICE_MS * 1.5), `${slices} slices`);
    // Chunks are kept under half a slice, so a slice overshoots its budget by less than that.
    assert.ok(longest <= SLICE_MS * 1.5, `a slice took ${longest} ms`);
  });

  test('pause stops between slices, play resumes, step runs single epochs', () => {
    const clock = new FakeClock(0.01);
    const run = new TrainingRun(seeded, clock);
    clock.run = run;
    run.step();
    assert.equal(run.epoch, 1);
    run.step(9);
    assert.equal(run.epoch, 10);
    run.play();
    clock.drain(2);
    run.pause();
    const paused = run.epoch;
    assert.equal(run.status, 'paused');
    assert.equal(clock.queue.length, 0, 'nothing left scheduled');
    run.step();
    assert.equal(run.epoch, paused + 1);
    run.play();
    clock.drain();
    assert.equal(run.status, 'done');
    run.step();
    assert.equal(run.epoch, 5000, 'a finished run does not step past its epochs');
  });

  test('cancel stops a running run at once and for good', () => {
    const clock = new FakeClock();
    let updates = 0;
    const run = new TrainingRun(seeded, clock, () => updates++);
    clock.run = run;
    run.play();
    clock.drain(1);
    const at = run.epoch;
    const seen = updates;
    run.cancel();
    assert.equal(run.status, 'cancelled');
    assert.equal(clock.queue.length, 0);
    run.play();
    run.step();
    clock.drain();
    assert.equal(run.epoch, at);
    assert.equal(updates, seen);
  });

  test('a stale scheduled slice of a cancelled run does nothing', () => {
    const clock = new FakeClock();
    const run = new TrainingRun(seeded, clock);
    clock.run = run;
    run.play();
    const stale = clock.queue[0];
    run.cancel();
    stale();
    assert.equal(run.epoch, 0);
  });

  test('a NaN loss stops the run and says where (divergence)', () => {
    // Targets far outside the sigmoid's (0, 1): (y - output)**2 overflows to infinity in epoch 0.
    const source: Source = { config: { ...SEED_CONFIG, y: [[1e160], [1], [0]], seed: 1 }, rng: null };
    const clock = new FakeClock();
    const run = new TrainingRun(source, clock);
    clock.run = run;
    run.play();
    clock.drain();
    assert.equal(run.status, 'diverged');
    assert.equal(run.divergedAt, 0);
    assert.equal(run.epoch, 1);
    assert.deepEqual(lossAlarm(run), { kind: 'nonFinite', epoch: 0, value: Number.POSITIVE_INFINITY });
    assert.equal(clock.queue.length, 0);
  });

  test('a loss that rises instead of falling is flagged and pauses the run once; a falling one is not', () => {
    const clock = new FakeClock();
    const high = new TrainingRun({ config: { ...SEED_CONFIG, lr: 100, seed: 0 }, rng: null }, clock);
    clock.run = high;
    high.play();
    clock.drain();
    // Stopped soon after the alarm can first be raised (epoch 50), with nothing left scheduled.
    assert.equal(high.status, 'paused');
    assert.equal(high.haltedOnRise, true);
    assert.ok(high.epoch >= 50 && high.epoch < 500, `paused at epoch ${high.epoch}`);
    assert.equal(clock.queue.length, 0);
    const alarm = lossAlarm(high);
    assert.equal(alarm?.kind, 'rising');
    assert.match(
      alarmText(alarm!, 100, high.epoch),
      /so learning stalls\. Training paused at epoch \d+; press Play to go on anyway\. Try a lower learning rate, e\.g\. lr=10\.$/,
    );
    // Play goes on to the end, and the run does not pause itself again.
    high.play();
    assert.equal(high.haltedOnRise, false);
    clock.drain();
    assert.equal(high.status, 'done');
    assert.equal(high.epoch, 5000);
    assert.equal(lossAlarm(high)?.kind, 'rising');
    const fine = new TrainingRun(seeded, clock);
    clock.run = fine;
    fine.play();
    clock.drain();
    assert.equal(fine.status, 'done');
    assert.equal(fine.haltedOnRise, false);
    assert.equal(lossAlarm(fine), null);
    assert.match(
      alarmText(alarm!, 100),
      /^Diverging: the loss rose from 0\.\d{4} to 0\.\d{4} .* so learning stalls\. Try a lower learning rate, e\.g\. lr=10\.$/,
    );
    assert.equal(
      alarmText({ kind: 'nonFinite', epoch: 0, value: Number.POSITIVE_INFINITY }, 0.5),
      'Diverged at epoch 1: the loss became Infinity, so training stopped. The steps with lr=0.5 overflowed. Try a lower learning rate, e.g. lr=0.05.',
    );
    assert.equal(smallerLr(100), 10);
    assert.equal(smallerLr(0.37), 0.04);
    assert.equal(smallerLr(3e-5), 3e-6);
  });

  test('reports epochs per second of wall time', () => {
    const clock = new FakeClock();
    const run = new TrainingRun(seeded, clock);
    clock.run = run;
    run.play();
    clock.drain(1);
    assert.ok(run.epochsPerSecond > 0);
  });

  test('the 5,000-epoch seed run finishes in well under a second of real time', () => {
    const clock: Clock = {
      now: () => performance.now(),
      schedule: (task) => {
        const timer = setImmediate(task);
        return () => clearImmediate(timer);
      },
    };
    return new Promise<void>((resolve, reject) => {
      const started = performance.now();
      const run = new TrainingRun(seeded, clock, (r) => {
        if (r.status !== 'done') return;
        const took = performance.now() - started;
        if (took < 500) resolve();
        else reject(new Error(`took ${took} ms`));
      });
      run.play();
    });
  });
});

describe('curves for the chart', () => {
  test('thin keeps every point up to the limit, then a stride plus the last epoch', () => {
    const loss = Float64Array.from({ length: 10 }, (_, i) => 10 - i);
    assert.deepEqual(thin(loss, 10, 100), {
      epochs: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      loss: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
    });
    assert.deepEqual(thin(loss, 10, 4), { epochs: [1, 4, 7, 10], loss: [10, 7, 4, 1] });
    assert.deepEqual(thin(loss, 9, 4), { epochs: [1, 4, 7, 9], loss: [10, 7, 4, 2] });
    assert.deepEqual(thin(loss, 0, 4), { epochs: [], loss: [] });
    assert.ok(thin(new Float64Array(1_000_000), 1_000_000, 1000).epochs.length <= 1001);
  });

  test('labels carry every setting', () => {
    assert.equal(runLabel(SEED_CONFIG), 'lr=0.1 hidden=3 epochs=5000 seed=None rows=3');
  });
});
