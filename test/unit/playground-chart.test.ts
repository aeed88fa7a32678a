import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { HistoryRun } from '../../src/playground/protocol';
import { drawable, fitToRun } from '../../src/webview/chartScale';
import { thin } from '../../src/webview/series';

/** A decaying loss curve of `epochs` epochs, from `start`. */
function lossCurve(epochs: number, start: number): Float64Array {
  return Float64Array.from({ length: epochs }, (_, i) => start / (1 + i / 100));
}

/** An earlier run kept on the chart, thinned as the panel keeps it. */
function earlierRun(label: string, epochs: number, start: number): HistoryRun {
  return { label, ...thin(lossCurve(epochs, start), epochs, 1000) };
}

describe('the loss chart fits the current run', () => {
  test('after a 1,000,000-epoch run, a 5,000-epoch run spans the x axis alone', () => {
    const long = earlierRun('lr=0.1 hidden=64 epochs=1000000', 1_000_000, 0.9);
    const current = lossCurve(5000, 0.25);
    const view = fitToRun(thin(current, 5000, 2000), 5000, [long], false);
    assert.deepEqual(view.x, { min: 1, max: 5000 });
    assert.equal(view.live.epochs[0], 1);
    assert.equal(view.live.epochs.at(-1), 5000);
    // The earlier run is cut to the current run's epochs, so it cannot stretch the axis.
    assert.ok(view.history[0].epochs.length > 0);
    assert.ok(Math.max(...view.history[0].epochs) <= 5000);
    // The y axis fits the current run's losses, not the earlier run's higher ones.
    assert.deepEqual(view.y, { min: current[4999], max: 0.25 });
  });

  test('a run that stopped early (paused, diverged) fills the chart with the epochs it ran', () => {
    const loss = lossCurve(64, 0.3);
    const earlier = earlierRun('lr=0.1', 5000, 0.4);
    const view = fitToRun(thin(loss, 64, 2000), 5000, [earlier], false);
    assert.deepEqual(view.x, { min: 1, max: 64 });
    assert.deepEqual(
      view.live.epochs,
      Array.from({ length: 64 }, (_, i) => i + 1),
    );
    assert.ok(Math.max(...view.history[0].epochs) <= 64, 'the earlier run compares over the same epochs');
    assert.deepEqual(view.y, { min: loss[63], max: 0.3 });
  });

  test('a new run starts from its own range: a restart forgets the previous run’s', () => {
    const first = fitToRun(thin(lossCurve(1_000_000, 0.9), 1_000_000, 2000), 1_000_000, [], false);
    assert.equal(first.x.max, 1_000_000);
    const restarted = fitToRun({ epochs: [], loss: [] }, 5000, [], false);
    assert.deepEqual(restarted.x, { min: 1, max: 5000 });
    assert.deepEqual(restarted.live, { epochs: [5000], loss: [null] }, 'an axis, nothing drawn');
    assert.equal(restarted.y, null);
  });

  test('before its first epoch, the y axis fits the earlier runs shown', () => {
    const earlier = earlierRun('lr=0.5', 5000, 0.4);
    const view = fitToRun({ epochs: [], loss: [] }, 5000, [earlier], false);
    assert.deepEqual(view.y, { min: Math.min(...earlier.loss), max: 0.4 });
  });

  test('NaN, infinite (and, on a log axis, zero) losses are gaps and do not stretch the y axis', () => {
    assert.deepEqual(drawable([0.5, Number.NaN, Number.POSITIVE_INFINITY, 0], false), [0.5, null, null, 0]);
    assert.deepEqual(drawable([0.5, Number.NaN, 0, -1], true), [0.5, null, null, null]);
    const view = fitToRun({ epochs: [1, 2, 3], loss: [0.5, 0.25, Number.POSITIVE_INFINITY] }, 3, [], true);
    assert.deepEqual(view.y, { min: 0.25, max: 0.5 });
    assert.deepEqual(view.live.loss, [0.5, 0.25, null]);
  });

  test('a one-epoch run still has a range', () => {
    const view = fitToRun({ epochs: [1], loss: [0.2] }, 1, [], false);
    assert.deepEqual(view.x, { min: 1, max: 1 });
    assert.deepEqual(view.live.epochs, [1]);
    assert.deepEqual(view.y, { min: 0.2, max: 0.2 });
  });
});
