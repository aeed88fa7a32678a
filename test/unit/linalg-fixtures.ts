/**
 * What the numpy.linalg fixture tests share: the JSON encoding the
 * scripts/fixtures/gen_linalg*.py generators write (non-finite numbers as
 * strings), and the checks that a kernel stops at the time and size limits.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LimitError } from '../../src/engine/errors';
import { resetBudget, useClock } from '../../src/engine/limits';
import { type DType, NDArray } from '../../src/engine/ndarray';

export type JsonNumber = number | 'inf' | '-inf' | 'nan';

export interface JsonArray {
  dtype: DType;
  shape: number[];
  data: JsonNumber[];
}

export function num(x: JsonNumber): number {
  if (x === 'inf') return Number.POSITIVE_INFINITY;
  if (x === '-inf') return Number.NEGATIVE_INFINITY;
  if (x === 'nan') return Number.NaN;
  return x;
}

export function decode(a: JsonArray): NDArray {
  return new NDArray(Float64Array.from(a.data, num), a.shape, a.dtype);
}

/** A fixture from test/fixtures/ (`linalg-svd.json`). */
export function readFixture<T>(file: string): T {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', file), 'utf8')) as T;
}

/**
 * `run` must stop at a time limit of `milliseconds` on a clock that advances
 * at each reading: it has to keep reading the clock, so it never runs to the end.
 */
export function assertStopsAtTimeLimit(run: () => unknown, milliseconds: number): void {
  let readings = 0;
  const restore = useClock(() => ++readings);
  try {
    resetBudget({ maxElements: 1e8, maxMilliseconds: milliseconds });
    assert.throws(run, LimitError);
  } finally {
    restore();
  }
  assert.ok(readings > milliseconds, `${readings} clock readings`);
}

/** `run`'s work buffers must count against a size limit of `elements`. */
export function assertSizeLimited(run: () => unknown, elements: number): void {
  resetBudget({ maxElements: elements, maxMilliseconds: 5000 });
  assert.throws(run, (e: unknown) => e instanceof LimitError && /size limit/.test(e.message));
}
