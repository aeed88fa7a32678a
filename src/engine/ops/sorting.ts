import { castValue, isFloatDType, needsRounding, roundInto, sumDType } from '../dtypes';
import { MatError } from '../errors';
import { checkInt64 } from '../int64';
import { allocate, checkDeadline, tick } from '../limits';
import { type DType, NDArray, shapeSize } from '../ndarray';
import { broadcastShapesMany, broadcastTo, forEachRun } from './broadcast';
import { complexAbs, complexBinary, imagPart, realPart } from './complexArrays';
import { hypot } from './numerics';
import { normalizeAxis } from './reduce';

/**
 * NumPy's sorting, searching and counting kernels. Sorting orders nan last
 * (as NumPy does); ties keep their original order, which is what NumPy's
 * `kind='stable'` gives (its default quicksort may order ties differently).
 */

/** NumPy's sort order: nan after every number, -0 and 0 equal. */
export function compareNumbers(x: number, y: number): number {
  if (x < y) return -1;
  if (x > y) return 1;
  if (x === y) return 0;
  const xNan = Number.isNaN(x);
  return xNan === Number.isNaN(y) ? 0 : xNan ? 1 : -1;
}

/**
 * NumPy's sort order of complex numbers (npysort's CDOUBLE_LT): by real
 * part, then imaginary part, with nans last in either part.
 */
export function complexLess(ar: number, ai: number, br: number, bi: number): boolean {
  const [arNan, aiNan, brNan, biNan] = [
    Number.isNaN(ar),
    Number.isNaN(ai),
    Number.isNaN(br),
    Number.isNaN(bi),
  ];
  if (ar < br) return !aiNan || biNan;
  if (ar > br) return biNan && !aiNan;
  if (ar === br || (arNan && brNan)) return ai < bi || (biNan && !aiNan);
  return brNan;
}

/** `x` before `y` in NumPy's sort order (nan is the greatest). */
function lessThan(x: number, y: number): boolean {
  return x < y || (Number.isNaN(y) && !Number.isNaN(x));
}

/** The sort kinds NumPy accepts; all give the stable order here. */
const SORT_KINDS = new Set(['quick', 'quicksort', 'heap', 'heapsort', 'stable', 'mergesort']);

export function checkSortKind(kind: string | undefined): void {
  if (kind === undefined || SORT_KINDS.has(kind)) return;
  throw new MatError(`sort kind must be one of 'quick', 'heap', or 'stable' (got '${kind}')`, 'ValueError');
}

/**
 * Calls `fn` with the flat positions of each 1-D line of `a` along `axis`:
 * the line's first element and the step between its elements.
 */
function forEachLine(
  shape: readonly number[],
  axis: number,
  fn: (start: number, step: number) => void,
): void {
  const n = shape[axis];
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= shape[i];
  for (let o = 0; o < outer; o++) {
    checkDeadline();
    for (let i = 0; i < inner; i++) fn(o * n * inner + i, inner);
  }
}

/** `a` with `axis=None` flattened, or the axis resolved (NumPy's AxisError when out of range). */
function lineAxis(a: NDArray, axis: number | null): { array: NDArray; axis: number } {
  if (axis === null) return { array: new NDArray(a.data, [a.size], a.dtype), axis: 0 };
  return { array: a, axis: normalizeAxis(axis, a.ndim) };
}

/** The stable order of one line's values (complex ones when `imag` holds their imaginary parts). */
function lineOrder(
  data: Float64Array,
  start: number,
  step: number,
  n: number,
  imag?: Float64Array,
): number[] {
  const order = Array.from({ length: n }, (_, k) => k);
  if (imag) {
    order.sort((i, j) => {
      const [p, q] = [start + i * step, start + j * step];
      return complexLess(data[p], imag[p], data[q], imag[q])
        ? -1
        : complexLess(data[q], imag[q], data[p], imag[p])
          ? 1
          : 0;
    });
  } else order.sort((i, j) => compareNumbers(data[start + i * step], data[start + j * step]));
  return order;
}

/** `np.sort(a, axis)`: a sorted copy (axis=None sorts the flattened array). */
export function sort(a: NDArray, axis: number | null): NDArray {
  const { array, axis: ax } = lineAxis(a, axis);
  const src = array.data;
  const imag = a.im?.data;
  const out = allocate(array.size);
  const outImag = imag ? allocate(array.size) : undefined;
  const n = array.shape[ax];
  forEachLine(array.shape, ax, (start, step) => {
    const order = lineOrder(src, start, step, n, imag);
    for (let k = 0; k < n; k++) out[start + k * step] = src[start + order[k] * step];
    if (imag && outImag)
      for (let k = 0; k < n; k++) outImag[start + k * step] = imag[start + order[k] * step];
  });
  return new NDArray(out, array.shape, a.dtype, outImag);
}

/** `np.argsort(a, axis)`: int64 indices that sort each line (a 0-d array gives `[0]`, as NumPy). */
export function argsort(a: NDArray, axis: number | null): NDArray {
  const { array, axis: ax } =
    a.ndim === 0 ? { array: new NDArray(a.data, [1], a.dtype), axis: 0 } : lineAxis(a, axis);
  const src = array.data;
  const imag = a.im?.data;
  const out = allocate(array.size);
  const n = array.shape[ax];
  forEachLine(array.shape, ax, (start, step) => {
    const order = lineOrder(src, start, step, n, imag);
    for (let k = 0; k < n; k++) out[start + k * step] = order[k];
  });
  return new NDArray(out, array.shape, 'int64');
}

/** `np.nonzero(a)`: one int64 array of indices per axis, in row-major order. */
export function nonzero(a: NDArray): NDArray[] {
  if (a.ndim === 0) {
    throw new MatError(
      'Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.',
      'ValueError',
    );
  }
  const src = a.data;
  let count = 0;
  for (let i = 0; i < src.length; i++) if (src[i] !== 0) count++;
  const columns = a.shape.map(() => allocate(count));
  const counter = new Array<number>(a.ndim).fill(0);
  let found = 0;
  for (let i = 0; i < src.length; i++) {
    tick();
    if (src[i] !== 0) {
      for (let d = 0; d < a.ndim; d++) columns[d][found] = counter[d];
      found++;
    }
    for (let d = a.ndim - 1; d >= 0; d--) {
      if (++counter[d] < a.shape[d]) break;
      counter[d] = 0;
    }
  }
  return columns.map((column) => new NDArray(column, [count], 'int64'));
}

/** `np.argwhere(a)`: the indices of nonzero elements, one row each. */
export function argwhere(a: NDArray): NDArray {
  // NumPy: a 0-d array is made 1-d, and its index column dropped.
  if (a.ndim === 0) return new NDArray(allocate(0), [a.data[0] !== 0 ? 1 : 0, 0], 'int64');
  const columns = nonzero(a);
  const count = columns[0].size;
  const out = allocate(count * a.ndim);
  for (let d = 0; d < a.ndim; d++) {
    const column = columns[d].data;
    for (let k = 0; k < count; k++) out[k * a.ndim + d] = column[k];
  }
  return new NDArray(out, [count, a.ndim], 'int64');
}

/** `np.flatnonzero(a)`: the indices of nonzero elements of the flattened array. */
export function flatnonzero(a: NDArray): NDArray {
  return nonzero(new NDArray(a.data, [a.size], a.dtype))[0];
}

export interface UniqueResult {
  readonly values: NDArray;
  readonly index: NDArray;
  readonly inverse: NDArray;
  readonly counts: NDArray;
}

/**
 * `np.unique` of the flattened array: sorted distinct values (nans count as
 * one, NumPy's `equal_nan=True`), the first index of each, the inverse (in
 * `a`'s shape, as NumPy 2) and the counts.
 */
export function unique(a: NDArray): UniqueResult {
  const src = a.data;
  const order = lineOrder(src, 0, 1, src.length);
  const values: number[] = [];
  const index: number[] = [];
  const counts: number[] = [];
  const inverse = allocate(src.length);
  for (const i of order) {
    tick();
    const v = src[i];
    const last = values.length - 1;
    if (last < 0 || compareNumbers(values[last], v) !== 0) {
      values.push(v);
      index.push(i);
      counts.push(1);
    } else counts[last]++;
    inverse[i] = values.length - 1;
  }
  const int64 = (xs: number[]) => new NDArray(Float64Array.from(xs), [xs.length], 'int64');
  return {
    values: new NDArray(Float64Array.from(values), [values.length], a.dtype),
    index: int64(index),
    inverse: new NDArray(inverse, a.shape, 'int64'),
    counts: int64(counts),
  };
}

/** `np.searchsorted(a, v, side, sorter)`: where each of `v` would go in the sorted 1-D `a`. */
export function searchsorted(
  a: NDArray,
  v: NDArray,
  side: 'left' | 'right',
  sorter: NDArray | null,
): NDArray {
  if (a.ndim === 0) throw new MatError('object of too small depth for desired array', 'ValueError');
  if (a.ndim > 1) throw new MatError('object too deep for desired array', 'ValueError');
  let sorted = a.data;
  if (sorter) {
    if (sorter.size !== a.size) throw new MatError('sorter.size must equal a.size', 'ValueError');
    sorted = allocate(a.size);
    for (let i = 0; i < a.size; i++) {
      const at = sorter.data[i];
      if (at < 0 || at >= a.size) throw new MatError('Sorter index out of range.', 'ValueError');
      sorted[i] = a.data[at];
    }
  }
  const out = allocate(v.size);
  for (let k = 0; k < v.size; k++) {
    tick();
    const x = v.data[k];
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const goRight = side === 'left' ? lessThan(sorted[mid], x) : !lessThan(x, sorted[mid]);
      if (goRight) lo = mid + 1;
      else hi = mid;
    }
    out[k] = lo;
  }
  return new NDArray(out, v.shape, 'int64');
}

/** `np.cumsum`/`np.cumprod`: running sums or products along an axis (None: of the flattened array). */
export function cumulate(kind: 'sum' | 'prod', a: NDArray, axis: number | null, dtype?: DType): NDArray {
  const flat = axis === null || a.ndim === 0;
  const { array, axis: ax } = lineAxis(flat ? new NDArray(a.data, [a.size], a.dtype) : a, flat ? null : axis);
  if (flat && axis !== null) normalizeAxis(axis, 1);
  const outDType: DType = dtype ?? sumDType(a.dtype);
  const src = array.data;
  const out = allocate(array.size);
  const n = array.shape[ax];
  // Elements are cast to the result dtype first (floats truncate into ints), as NumPy's loop reads them.
  const toOut = isFloatDType(outDType) ? (x: number) => x : (x: number) => castValue(x, outDType);
  // A narrow result wraps (or rounds, float32; bool: logical or/and) at every step, as NumPy's running total does.
  const narrow = needsRounding(outDType) || outDType === 'bool';
  forEachLine(array.shape, ax, (start, step) => {
    let acc = kind === 'sum' ? 0 : 1;
    for (let k = 0, i = start; k < n; k++, i += step) {
      acc = kind === 'sum' ? acc + toOut(src[i]) : acc * toOut(src[i]);
      if (narrow) acc = castValue(acc, outDType, !isFloatDType(outDType));
      out[i] = acc;
    }
  });
  if (outDType === 'int64') {
    for (let i = 0; i < out.length; i++) out[i] += 0;
    checkInt64(out);
  }
  return new NDArray(out, array.shape, outDType);
}

/** `np.diff(a, n, axis)`: the n-th discrete difference (of bools: `!=`, as NumPy). */
export function diff(a: NDArray, n: number, axis: number): NDArray {
  if (n < 0) throw new MatError(`order must be non-negative but got ${n}`, 'ValueError');
  if (a.ndim === 0) {
    throw new MatError('diff requires input that is at least one dimensional', 'ValueError');
  }
  const ax = normalizeAxis(axis, a.ndim);
  let current = a;
  for (let round = 0; round < n; round++) {
    const len = Math.max(current.shape[ax] - 1, 0);
    const shape = current.shape.map((d, i) => (i === ax ? len : d));
    const out = allocate(shapeSize(shape));
    const src = current.data;
    const bool = current.dtype === 'bool';
    // Each line of the result starts where the source's line does, less one element per outer row.
    forEachLine(current.shape, ax, (start, step) => {
      const row = Math.floor(start / (current.shape[ax] * step));
      const outStart = start - row * step;
      for (let k = 0; k < len; k++) {
        const x = src[start + k * step];
        const y = src[start + (k + 1) * step];
        out[outStart + k * step] = bool ? (x !== y ? 1 : 0) : y - x;
      }
    });
    if (current.dtype === 'int64') checkInt64(out);
    // NumPy subtracts in the array's dtype: int8 wraps, float32 rounds.
    else roundInto(out, current.dtype);
    current = new NDArray(out, shape, current.dtype);
    if (len === 0) break;
  }
  return current;
}

/** NumPy's `isclose`: `|a - b| <= atol + rtol * |b|`, infinities equal only to themselves. */
export function isclose(a: NDArray, b: NDArray, rtol: number, atol: number, equalNan: boolean): NDArray {
  if (a.im || b.im) return complexIsclose(a, b, rtol, atol, equalNan);
  const shape = broadcastShapesMany([a.shape, b.shape]);
  const out = allocate(shapeSize(shape));
  const x = a.data;
  const y = b.data;
  let o = 0;
  forEachRun(shape, [a.shape, b.shape], (offsets, steps, count) => {
    let i = offsets[0];
    let j = offsets[1];
    for (let t = 0; t < count; t++, i += steps[0], j += steps[1]) {
      const u = x[i];
      const v = y[j];
      const close = (Math.abs(u - v) <= atol + rtol * Math.abs(v) && Number.isFinite(v)) || u === v;
      out[o++] = close || (equalNan && Number.isNaN(u) && Number.isNaN(v)) ? 1 : 0;
    }
  });
  return new NDArray(out, shape, 'bool');
}

/** `isclose` of complex numbers: NumPy's test with the moduli, `|a - b| <= atol + rtol·|b|`. */
function complexIsclose(a: NDArray, b: NDArray, rtol: number, atol: number, equalNan: boolean): NDArray {
  const difference = complexAbs(complexBinary('-', a, b)).data;
  const shape = broadcastShapesMany([a.shape, b.shape]);
  const size = shapeSize(shape);
  const bRe = broadcastTo(realPart(b), shape).data;
  const bIm = broadcastTo(imagPart(b), shape).data;
  const aRe = broadcastTo(realPart(a), shape).data;
  const aIm = broadcastTo(imagPart(a), shape).data;
  const out = allocate(size);
  for (let i = 0; i < size; i++) {
    const finite = Number.isFinite(bRe[i]) && Number.isFinite(bIm[i]);
    const equal = aRe[i] === bRe[i] && aIm[i] === bIm[i];
    const nan = (x: number, y: number) => Number.isNaN(x) || Number.isNaN(y);
    const close = (difference[i] <= atol + rtol * hypot(bRe[i], bIm[i]) && finite) || equal;
    out[i] = close || (equalNan && nan(aRe[i], aIm[i]) && nan(bRe[i], bIm[i])) ? 1 : 0;
  }
  return new NDArray(out, shape, 'bool');
}

/** NumPy's `array_equal`: same shape and elements (nans equal when `equalNan`). */
export function arrayEqual(a: NDArray, b: NDArray, equalNan: boolean): boolean {
  if (a.ndim !== b.ndim || a.shape.some((d, i) => d !== b.shape[i])) return false;
  // Complex elements: both parts, a nan in either part making the element nan.
  if ((a.im || b.im) && !arrayEqual(imagPart(a), imagPart(b), false)) {
    if (!equalNan) return false;
    const [ar, ai, br, bi] = [a.data, imagPart(a).data, b.data, imagPart(b).data];
    for (let i = 0; i < a.size; i++) {
      const aNan = Number.isNaN(ar[i]) || Number.isNaN(ai[i]);
      const bNan = Number.isNaN(br[i]) || Number.isNaN(bi[i]);
      if (aNan !== bNan || (!aNan && (ar[i] !== br[i] || ai[i] !== bi[i]))) return false;
    }
    return true;
  }
  for (let i = 0; i < a.size; i++) {
    const x = a.data[i];
    const y = b.data[i];
    if (x !== y && !(equalNan && Number.isNaN(x) && Number.isNaN(y))) return false;
  }
  return true;
}

/** NumPy's `nan_to_num` values into `out`: nan, +inf and -inf replaced (floats only). */
export function nanToNum(
  src: Float64Array,
  out: Float64Array,
  nan: number,
  posinf: number,
  neginf: number,
): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    out[i] = Number.isNaN(v)
      ? nan
      : v === Number.POSITIVE_INFINITY
        ? posinf
        : v === Number.NEGATIVE_INFINITY
          ? neginf
          : v;
  }
}

/**
 * `np.unique(a, axis=ax)`: the distinct slices along `ax`, sorted
 * lexicographically (NumPy's order for rows), with first indices, the
 * inverse (1-D) and counts.
 */
export function uniqueAlong(a: NDArray, axis: number): UniqueResult {
  const ax = normalizeAxis(axis, a.ndim);
  const n = a.shape[ax];
  let inner = 1;
  for (let i = ax + 1; i < a.ndim; i++) inner *= a.shape[i];
  const outer = n === 0 ? 0 : a.size / (n * inner);
  const slice = (k: number): Float64Array => {
    const out = new Float64Array(outer * inner);
    for (let o = 0, at = 0; o < outer; o++)
      for (let i = 0; i < inner; i++) out[at++] = a.data[o * n * inner + k * inner + i];
    return out;
  };
  checkDeadline();
  const slices = Array.from({ length: n }, (_, k) => slice(k));
  const compareSlices = (x: Float64Array, y: Float64Array) => {
    for (let i = 0; i < x.length; i++) {
      const c = compareNumbers(x[i], y[i]);
      if (c !== 0) return c;
    }
    return 0;
  };
  const order = Array.from({ length: n }, (_, k) => k).sort((i, j) => compareSlices(slices[i], slices[j]));
  const kept: number[] = [];
  const counts: number[] = [];
  const inverse = allocate(n);
  for (const k of order) {
    const last = kept.length - 1;
    if (last < 0 || compareSlices(slices[kept[last]], slices[k]) !== 0) {
      kept.push(k);
      counts.push(1);
    } else counts[last]++;
    inverse[k] = kept.length - 1;
  }
  const m = kept.length;
  const values = allocate(outer * m * inner);
  kept.forEach((k, u) => {
    const src = slices[k];
    for (let o = 0, at = 0; o < outer; o++)
      for (let i = 0; i < inner; i++) values[o * m * inner + u * inner + i] = src[at++];
  });
  const int64 = (xs: number[]) => new NDArray(Float64Array.from(xs), [xs.length], 'int64');
  return {
    values: new NDArray(
      values,
      a.shape.map((d, i) => (i === ax ? m : d)),
      a.dtype,
    ),
    index: int64(kept),
    inverse: new NDArray(inverse, [n], 'int64'),
    counts: int64(counts),
  };
}
