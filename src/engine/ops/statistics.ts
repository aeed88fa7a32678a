import { isFloatDType, roundInto } from '../dtypes';
import { allocate, checkDeadline } from '../limits';
import { NDArray, shapeSize } from '../ndarray';
import { copyStrided } from './broadcast';
import { quantileDType } from './quantileMethods';
import { normalizeAxes } from './reduce';

/**
 * Order statistics along axes: `np.median` and `np.quantile` /
 * `np.percentile` with NumPy's default (linear) method. Results are float64
 * for int and bool input, a float input's own dtype otherwise (computed in
 * doubles, then rounded); a lane holding NaN gives NaN.
 */

/** An array's lanes along the reduced axes, each contiguous (what median, quantile and the nan-reductions walk). */
export interface Lanes {
  /** The elements with the reduced axes moved last: lane i is [i * length, (i + 1) * length). */
  readonly data: Float64Array;
  readonly count: number;
  readonly length: number;
  /** The result's shape (reduced axes dropped, or kept as 1 with keepdims). */
  readonly shape: number[];
  /** How many axes the result keeps (before keepdims). */
  readonly kept: number;
}

function lanesOf(a: NDArray, axis: number | readonly number[] | null, keepdims: boolean): Lanes {
  return lanesAlong(a, normalizeAxes(axis, a.ndim, false), keepdims);
}

/** The lanes of `a` along the (normalised) axes `reduced`. */
export function lanesAlong(a: NDArray, reduced: readonly number[], keepdims: boolean): Lanes {
  const kept = a.shape.map((_, i) => i).filter((i) => !reduced.includes(i));
  const order = [...kept, ...reduced];
  const strides = a.strides;
  const data = copyStrided(
    a.data,
    0,
    order.map((i) => a.shape[i]),
    order.map((i) => strides[i]),
  );
  const length = shapeSize(reduced.map((i) => a.shape[i]));
  const shape = keepdims ? a.shape.map((d, i) => (reduced.includes(i) ? 1 : d)) : kept.map((i) => a.shape[i]);
  return { data, count: shapeSize(kept.map((i) => a.shape[i])), length, shape, kept: kept.length };
}

/** A lane sorted ascending, or undefined when it holds NaN (the statistic is then NaN). */
function sortedLane(lanes: Lanes, i: number): Float64Array | undefined {
  if ((i & 1023) === 0) checkDeadline();
  const lane = lanes.data.slice(i * lanes.length, (i + 1) * lanes.length);
  for (const x of lane) if (Number.isNaN(x)) return undefined;
  return lane.sort();
}

/** `np.median(a, axis, keepdims)`: the middle element, or the mean of the middle two. */
export function median(a: NDArray, axis: number | readonly number[] | null, keepdims: boolean): NDArray {
  const lanes = lanesOf(a, axis, keepdims);
  const out = allocate(lanes.count);
  const n = lanes.length;
  for (let i = 0; i < lanes.count; i++) {
    const lane = sortedLane(lanes, i);
    const mid = n >> 1;
    if (!lane || n === 0) out[i] = Number.NaN;
    else out[i] = n % 2 === 1 ? lane[mid] : (lane[mid - 1] + lane[mid]) / 2;
  }
  const dtype = isFloatDType(a.dtype) ? a.dtype : 'float64';
  return new NDArray(roundInto(out, dtype), lanes.shape, dtype);
}

/** NumPy's `_lerp`: from the nearer end, so t = 1 gives exactly b. */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** The linear-method quantile of a sorted lane at fraction q (NumPy's `_quantile`). */
function linearQuantile(lane: Float64Array, q: number): number {
  const n = lane.length;
  const virtual = (n - 1) * q;
  let previous = Math.floor(virtual);
  let next = previous + 1;
  if (virtual >= n - 1) previous = next = -1;
  if (virtual < 0) previous = next = 0;
  const at = (k: number) => lane[k < 0 ? n + k : k];
  return lerp(at(previous), at(next), virtual - previous);
}

/**
 * `np.quantile(a, q, axis, keepdims)` with q already checked to be in [0, 1]:
 * the result has q's shape followed by the reduced shape.
 */
export function quantile(
  a: NDArray,
  q: NDArray,
  axis: number | readonly number[] | null,
  keepdims: boolean,
): NDArray {
  const lanes = lanesOf(a, axis, keepdims);
  const out = allocate(q.size * lanes.count);
  for (let i = 0; i < lanes.count; i++) {
    const lane = sortedLane(lanes, i);
    for (let k = 0; k < q.size; k++) {
      out[k * lanes.count + i] = !lane || lane.length === 0 ? Number.NaN : linearQuantile(lane, q.data[k]);
    }
  }
  const dtype = quantileDType(a, q, 'linear');
  return new NDArray(roundInto(out, dtype), [...q.shape, ...lanes.shape], dtype);
}
