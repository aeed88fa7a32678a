import { castValue, isFloatDType, isIntegerDType, promoteTypes, roundInto } from '../dtypes';
import { MatError } from '../errors';
import { allocate, checkDeadline } from '../limits';
import { type DType, NDArray, shapeSize, shapeText, stridesOf } from '../ndarray';
import { broadcastOrNull, broadcastShapes, broadcastTo } from './broadcast';
import { binary } from './elementwise';
import { normalizeAxis } from './reduce';
import { astype, rint } from './unary';

/**
 * Kernels of NumPy's array-building functions that copy: index grids
 * (`indices`, `mgrid`), sequences on a log scale (`logspace`, `geomspace`),
 * `take`, flat/multi index conversions, triangle indices and `pad`. The
 * views (`broadcast_to`, `ix_`, `einsum`'s diagonals) are made by
 * run/views.ts from the built-ins.
 */

/** A value as an element of `dtype`, as NumPy's unsafe cast stores it. */
export function castTo(value: number, dtype: DType): number {
  return castValue(value, dtype);
}

function checkDimensions(shape: readonly number[]): void {
  if (shape.some((d) => d < 0)) throw new MatError('negative dimensions are not allowed');
}

/** `np.arange(n, dtype=bool)` works up to two elements only. */
function checkBoolRange(n: number, dtype: DType): void {
  if (dtype === 'bool' && n > 2) {
    throw new MatError(
      'arange() is only supported for booleans when the result has at most length 2.',
      'TypeError',
    );
  }
}

/** `np.arange(n, dtype=dtype)` for a count n (negative counts give an empty array). */
export function countingRange(n: number, dtype: DType): NDArray {
  const length = Math.max(n, 0);
  checkBoolRange(length, dtype);
  const out = allocate(length);
  for (let i = 0; i < length; i++) out[i] = i;
  // np.arange(130, dtype=np.int8) wraps past 127.
  return new NDArray(roundInto(out, dtype), [length], dtype);
}

/** `np.indices(dimensions, dtype)`: grid[k][i0, i1, …] = ik, of shape (N, *dimensions). */
export function indexGrid(dimensions: readonly number[], dtype: DType): NDArray {
  checkDimensions(dimensions);
  for (const d of dimensions) checkBoolRange(d, dtype);
  const n = dimensions.length;
  const size = shapeSize(dimensions);
  const out = allocate(n * size);
  const strides = stridesOf(dimensions);
  for (let k = 0; k < n; k++) {
    checkDeadline();
    const base = k * size;
    const stride = strides[k];
    const length = dimensions[k];
    for (let flat = 0; flat < size; flat++) out[base + flat] = Math.floor(flat / stride) % length;
  }
  return new NDArray(roundInto(out, dtype), [n, ...dimensions], dtype);
}

/** `grid * step + start` in the grid's dtype (NumPy's `nd_grid` scaling of one axis). */
export function scaledGrid(grid: NDArray, step: number, start: number): NDArray {
  const out = allocate(grid.size);
  const data = grid.data;
  for (let i = 0; i < out.length; i++) out[i] = data[i] * step + start;
  return new NDArray(roundInto(out, grid.dtype), grid.shape, grid.dtype);
}

/** `normalizeAxis` with the argument's name before NumPy's message (`destination: axis 2 is …`). */
function namedAxis(axis: number, ndim: number, name: string): number {
  try {
    return normalizeAxis(axis, ndim);
  } catch (e) {
    if (e instanceof MatError) throw new MatError(`${name}: ${e.message}`, e.pythonType);
    throw e;
  }
}

/** `np.moveaxis(a, 0, axis)` as a copy (NumPy's linspace and geomspace put their samples there). */
function moveFirstAxis(a: NDArray, axis: number): NDArray {
  if (axis === 0) return a;
  const to = namedAxis(axis, a.ndim, 'destination');
  const [n, ...rest] = a.shape;
  const outShape = [...rest.slice(0, to), n, ...rest.slice(to)];
  const inner = shapeSize(rest.slice(to));
  const block = shapeSize(rest);
  const out = allocate(a.size);
  for (let i = 0; i < n; i++) {
    checkDeadline();
    for (let j = 0; j < block; j++) {
      out[Math.floor(j / inner) * n * inner + i * inner + (j % inner)] = a.data[i * block + j];
    }
  }
  return new NDArray(out, outShape, a.dtype);
}

/**
 * `np.linspace(start, stop, num, endpoint, axis=axis)` for array bounds:
 * float64 (float32 bounds: float32, each operation rounded as NumPy's
 * float32 arithmetic rounds it), `num` samples along a new axis, each
 * `i * step + start` (`i / div * delta + start` when some step is 0), the
 * last set to `stop`.
 */
export function linspaceAlong(
  start: NDArray,
  stop: NDArray,
  num: number,
  endpoint: boolean,
  axis: number,
): NDArray {
  if (num < 0) throw new MatError(`Number of samples, ${num}, must be non-negative.`);
  // NumPy subtracts start from stop: a shape mismatch lists stop first.
  const shape = broadcastShapes(stop.shape, start.shape);
  // result_type(start, stop, float(num)): the bounds' float type, float64 for ints.
  const bounds = promoteTypes(start.dtype, stop.dtype);
  const dtype = isFloatDType(bounds) ? bounds : 'float64';
  const r = (x: number) => castValue(x, dtype);
  const first = broadcastTo(astype(start, dtype), shape).data;
  const last = broadcastTo(astype(stop, dtype), shape).data;
  const div = endpoint ? num - 1 : num;
  const count = first.length;
  const delta = new Float64Array(count);
  const step = new Float64Array(count);
  let anyStepZero = false;
  for (let j = 0; j < count; j++) {
    delta[j] = r(last[j] - first[j]);
    step[j] = r(delta[j] / div);
    if (step[j] === 0) anyStepZero = true;
  }
  const out = allocate(num * count);
  for (let i = 0; i < num; i++) {
    const row = i * count;
    for (let j = 0; j < count; j++) {
      if (div <= 0) out[row + j] = r(r(i * delta[j]) + first[j]);
      else if (anyStepZero) out[row + j] = r(r(r(i / div) * delta[j]) + first[j]);
      else out[row + j] = r(r(i * step[j]) + first[j]);
    }
  }
  if (endpoint && num > 1) out.set(last, (num - 1) * count);
  return moveFirstAxis(new NDArray(out, [num, ...shape], dtype), axis);
}

/** An array with at least `ndim` axes, ones prepended (NumPy's `ndmin`). */
function withAtLeast(a: NDArray, ndim: number): NDArray {
  if (a.ndim >= ndim) return a;
  return new NDArray(a.data, [...new Array<number>(ndim - a.ndim).fill(1), ...a.shape], a.dtype);
}

/** `np.broadcast(*arrays)`'s shape check, with its message. */
function checkBroadcast(arrays: readonly NDArray[]): number[] {
  let shape: number[] = [];
  arrays.forEach((a, i) => {
    try {
      shape = broadcastShapes(shape, a.shape);
    } catch {
      const first = arrays.findIndex((b) => broadcastOrNull([b.shape, a.shape]) === null);
      throw new MatError(
        `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg ${first} with shape ${shapeText(arrays[first].shape)} and arg ${i} with shape ${shapeText(a.shape)}.`,
      );
    }
  });
  return shape;
}

/**
 * `np.logspace`: `base ** linspace(start, stop)`. An array of bases is
 * broadcast with the bounds and laid along the samples' axis.
 */
export function logspace(
  start: NDArray,
  stop: NDArray,
  num: number,
  endpoint: boolean,
  base: NDArray,
  axis: number,
  dtype?: DType,
): NDArray {
  let bases = base;
  let first = start;
  let last = stop;
  if (base.ndim > 0) {
    const ndim = checkBroadcast([start, stop, base]).length;
    first = withAtLeast(start, ndim);
    last = withAtLeast(stop, ndim);
    const widened = withAtLeast(base, ndim);
    const at = normalizeAxis(axis, ndim + 1);
    bases = new NDArray(
      widened.data,
      [...widened.shape.slice(0, at), 1, ...widened.shape.slice(at)],
      base.dtype,
    );
  }
  const exponents = linspaceAlong(first, last, num, endpoint, axis);
  let powers = binary('**', bases, exponents);
  // A Python base (10.0 by default) is weak: float32 bounds give float32 powers.
  if (bases.weak && powers.dtype !== exponents.dtype) {
    powers = new NDArray(roundInto(powers.data, exponents.dtype), powers.shape, exponents.dtype);
  }
  return dtype === undefined || dtype === powers.dtype ? powers : astype(powers, dtype);
}

/** `np.geomspace`: logspace between the logs, the endpoints exact, negative ranges through their sign. */
export function geomspace(
  start: NDArray,
  stop: NDArray,
  num: number,
  endpoint: boolean,
  axis: number,
  dtype?: DType,
): NDArray {
  if (start.data.some((x) => x === 0) || stop.data.some((x) => x === 0)) {
    throw new MatError('Geometric sequence cannot include zero');
  }
  const first = astype(start, 'float64');
  const sign = new NDArray(
    first.data.map((x) => (Number.isNaN(x) ? Number.NaN : Math.sign(x))),
    first.shape,
    'float64',
  );
  const magnitude = binary('/', first, sign);
  const end = binary('/', astype(stop, 'float64'), sign);
  const log10 = (a: NDArray) => new NDArray(a.data.map(Math.log10), a.shape, 'float64');
  const result = logspace(log10(magnitude), log10(end), num, endpoint, NDArray.scalar(10, 'float64'), 0);
  const rest = result.shape.slice(1);
  const block = shapeSize(rest);
  // The endpoints are the arguments themselves: 10 ** log10(x) need not be x.
  if (num > 0) result.data.set(broadcastTo(magnitude, rest).data, 0);
  if (num > 1 && endpoint) result.data.set(broadcastTo(end, rest).data, (num - 1) * block);
  const signed = moveFirstAxis(binary('*', result, sign), axis);
  return dtype === undefined || dtype === 'float64' ? signed : astype(signed, dtype);
}

/** NumPy's `clipmode`: what an out-of-range index does. */
export type ClipMode = 'raise' | 'wrap' | 'clip';

/** A `mode=` string as a clip mode, with NumPy's message for anything else. */
export function clipMode(text: string): ClipMode {
  if (text === 'raise' || text === 'wrap' || text === 'clip') return text;
  throw new MatError(`clipmode must be one of 'clip', 'raise', or 'wrap' (got '${text}')`);
}

/** An index into an axis of `length`, resolved by `mode` (raise: NumPy's IndexError). */
function resolveIndex(i: number, length: number, mode: ClipMode, axis: number): number {
  if (mode === 'wrap') return ((i % length) + length) % length;
  if (mode === 'clip') return i < 0 ? 0 : i >= length ? length - 1 : i;
  if (i < -length || i >= length) {
    throw new MatError(`index ${i} is out of bounds for axis ${axis} with size ${length}`, 'IndexError');
  }
  return i < 0 ? i + length : i;
}

/**
 * `np.take(a, indices, axis, mode)`: the result's shape is
 * a.shape[:axis] + indices.shape + a.shape[axis+1:] (a flattened when axis is null).
 */
export function take(a: NDArray, indices: NDArray, axis: number | null, mode: ClipMode): NDArray {
  const source = axis === null ? new NDArray(a.data, [a.size], a.dtype) : a;
  const ax = axis === null ? 0 : normalizeAxis(axis, a.ndim);
  const length = source.shape[ax];
  // Floats are cast to indices as NumPy's take casts them (toward zero).
  const picks = indices.data.map((x) => Math.trunc(x) + 0);
  if (length === 0 && picks.length > 0) {
    throw new MatError('cannot do a non-empty take from an empty axes.', 'IndexError');
  }
  const resolved = picks.map((i) => resolveIndex(i, length, mode, ax));
  const outer = shapeSize(source.shape.slice(0, ax));
  const inner = shapeSize(source.shape.slice(ax + 1));
  const out = allocate(outer * resolved.length * inner);
  const data = source.data;
  let o = 0;
  for (let i = 0; i < outer; i++) {
    checkDeadline();
    for (const j of resolved) {
      const from = (i * length + j) * inner;
      for (let t = 0; t < inner; t++) out[o++] = data[from + t];
    }
  }
  const shape = [...source.shape.slice(0, ax), ...indices.shape, ...source.shape.slice(ax + 1)];
  return new NDArray(out, shape, a.dtype);
}

/** The strides of `dims` in C (row-major) or F (column-major) order. */
function orderStrides(dims: readonly number[], fortran: boolean): number[] {
  if (!fortran) return stridesOf(dims);
  const strides = new Array<number>(dims.length);
  let s = 1;
  for (let i = 0; i < dims.length; i++) {
    strides[i] = s;
    s *= dims[i];
  }
  return strides;
}

/** `np.unravel_index`: one int64 array (of the indices' shape) of coordinates per dimension. */
export function unravelIndex(indices: NDArray, dims: readonly number[], fortran: boolean): NDArray[] {
  const size = shapeSize(dims);
  const strides = orderStrides(dims, fortran);
  const coordinates = dims.map(() => allocate(indices.size));
  for (let t = 0; t < indices.size; t++) {
    const flat = indices.data[t];
    if (flat < 0 || flat >= size) {
      throw new MatError(`index ${flat} is out of bounds for array with size ${size}`);
    }
    for (let k = 0; k < dims.length; k++) coordinates[k][t] = Math.floor(flat / strides[k]) % dims[k];
  }
  return coordinates.map((c) => new NDArray(c, indices.shape, 'int64'));
}

/** `np.ravel_multi_index`: flat indices from coordinate arrays (already broadcast together). */
export function ravelMultiIndex(
  coordinates: readonly NDArray[],
  dims: readonly number[],
  modes: readonly ClipMode[],
  fortran: boolean,
): NDArray {
  const strides = orderStrides(dims, fortran);
  const shape = coordinates.length > 0 ? coordinates[0].shape : [];
  const count = shapeSize(shape);
  const out = allocate(count);
  for (let t = 0; t < count; t++) {
    let flat = 0;
    for (let k = 0; k < dims.length; k++) {
      let i = coordinates[k].data[t];
      const length = dims[k];
      if (modes[k] === 'wrap') i = ((i % length) + length) % length;
      else if (modes[k] === 'clip') i = i < 0 ? 0 : i >= length ? length - 1 : i;
      else if (i < 0 || i >= length) throw new MatError('invalid entry in coordinates array');
      flat += i * strides[k];
    }
    out[t] = flat;
  }
  return new NDArray(out, shape, 'int64');
}

/**
 * `np.tril_indices(n, k, m)` / `np.triu_indices`: the rows and columns of
 * the elements on and below (above) the k-th diagonal, row by row.
 */
export function triangleIndices(n: number, k: number, m: number, lower: boolean): [NDArray, NDArray] {
  // Row i keeps columns j <= i + k (lower) or j >= i + k (upper).
  const first = (i: number) => (lower ? 0 : Math.min(Math.max(i + k, 0), m));
  const end = (i: number) => (lower ? Math.min(Math.max(i + k + 1, 0), m) : m);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if ((i & 0xffff) === 0) checkDeadline();
    count += end(i) - first(i);
  }
  const rows = allocate(count);
  const cols = allocate(count);
  let at = 0;
  for (let i = 0; i < n; i++) {
    checkDeadline();
    for (let j = first(i); j < end(i); j++, at++) {
      rows[at] = i;
      cols[at] = j;
    }
  }
  return [new NDArray(rows, [count], 'int64'), new NDArray(cols, [count], 'int64')];
}

/** `np.pad`'s modes that the kernel fills (a callable mode is run by the built-in). */
export type PadMode =
  | 'constant'
  | 'empty'
  | 'edge'
  | 'linear_ramp'
  | 'maximum'
  | 'minimum'
  | 'mean'
  | 'median'
  | 'reflect'
  | 'symmetric'
  | 'wrap';

export const PAD_MODES: Readonly<Record<PadMode, readonly string[]>> = {
  empty: [],
  edge: [],
  wrap: [],
  constant: ['constant_values'],
  linear_ramp: ['end_values'],
  maximum: ['stat_length'],
  mean: ['stat_length'],
  median: ['stat_length'],
  minimum: ['stat_length'],
  reflect: ['reflect_type'],
  symmetric: ['reflect_type'],
};

/** A before/after pair per axis. */
export type Pairs<T> = readonly (readonly [T, T])[];

export interface PadOptions {
  /** `constant_values` (constant) or `end_values` (linear_ramp), per axis. */
  readonly values: Pairs<number>;
  /** `stat_length` per axis; null for the whole axis. */
  readonly statLength: Pairs<number | null>;
  /** `reflect_type='odd'`. */
  readonly odd: boolean;
}

/**
 * The padded array with `a` in its middle and zeros around it (NumPy's
 * `_pad_simple`; NumPy leaves the pad area uninitialised until a mode fills it).
 */
export function padSimple(a: NDArray, widths: Pairs<number>): NDArray {
  const shape = a.shape.map((d, axis) => widths[axis][0] + d + widths[axis][1]);
  checkDimensions(shape);
  const out = new NDArray(allocate(shapeSize(shape)), shape, a.dtype);
  const strides = stridesOf(shape);
  const start = widths.reduce((sum, [before], axis) => sum + before * strides[axis], 0);
  forEachLine(
    a.shape,
    a.ndim - 1,
    a.shape.map((d) => [0, d] as const),
    (offset, _step, lineIndex) => {
      const length = a.shape[a.ndim - 1];
      let at = start;
      let rest = lineIndex;
      for (let axis = a.ndim - 2; axis >= 0; axis--) {
        at += (rest % a.shape[axis]) * strides[axis];
        rest = Math.floor(rest / a.shape[axis]);
      }
      out.data.set(a.data.subarray(offset, offset + length), at);
    },
  );
  if (a.ndim === 0) out.data[0] = a.data[0];
  return out;
}

/**
 * Calls `line(offset, step, index)` for each 1-D line along `axis` of an array
 * of `shape`, restricted to `ranges[k]` on the other axes, in row-major order.
 */
function forEachLine(
  shape: readonly number[],
  axis: number,
  ranges: readonly (readonly [number, number])[],
  line: (offset: number, step: number, index: number) => void,
): void {
  if (shape.length === 0) return;
  const strides = stridesOf(shape);
  const others = shape.map((_, k) => k).filter((k) => k !== axis);
  const counts = others.map((k) => Math.max(0, ranges[k][1] - ranges[k][0]));
  const total = shapeSize(counts);
  const counter = new Array<number>(others.length).fill(0);
  for (let index = 0; index < total; index++) {
    if ((index & 1023) === 1023) checkDeadline();
    let offset = 0;
    for (let t = 0; t < others.length; t++)
      offset += (ranges[others[t]][0] + counter[t]) * strides[others[t]];
    line(offset, strides[axis], index);
    for (let t = others.length - 1; t >= 0; t--) {
      if (++counter[t] < counts[t]) break;
      counter[t] = 0;
    }
  }
}

/** `np.pad(a, widths, mode, ...)` for the modes that are not callables. */
export function pad(a: NDArray, widths: Pairs<number>, mode: PadMode, options: PadOptions): NDArray {
  const padded = padSimple(a, widths);
  if (mode === 'empty') return padded;
  if (mode !== 'constant' && a.size === 0) {
    a.shape.forEach((d, axis) => {
      if (d === 0 && (widths[axis][0] > 0 || widths[axis][1] > 0)) {
        throw new MatError(`can't extend empty axis ${axis} using modes other than 'constant' or 'empty'`);
      }
    });
    return padded;
  }
  const shape = padded.shape;
  const data = padded.data;
  const dtype = a.dtype;
  for (let axis = 0; axis < a.ndim; axis++) {
    const [before, after] = widths[axis];
    const n = a.shape[axis];
    const length = shape[axis];
    // Axes already padded are covered in full; later ones only over the original area (no corners twice).
    const ranges = shape.map((d, k) =>
      k <= axis ? ([0, d] as const) : ([widths[k][0], widths[k][0] + a.shape[k]] as const),
    );
    const buffer = new Float64Array(length);
    const edgeOnly = (mode === 'reflect' || mode === 'symmetric') && n === 1;
    // NumPy makes each side's ramps with one linspace over every line: a zero step in one changes them all.
    const flatRamps: [boolean, boolean] = [false, false];
    if (mode === 'linear_ramp') {
      const [leftEnd, rightEnd] = options.values[axis];
      forEachLine(shape, axis, ranges, (offset, step) => {
        if ((data[offset + before * step] - leftEnd) / before === 0) flatRamps[0] = true;
        if ((data[offset + (length - after - 1) * step] - rightEnd) / after === 0) flatRamps[1] = true;
      });
    }
    forEachLine(shape, axis, ranges, (offset, step) => {
      for (let i = 0; i < length; i++) buffer[i] = data[offset + i * step];
      const fill = edgeOnly ? 'edge' : mode;
      padLine(buffer, before, after, n, fill, axis, options, dtype, flatRamps);
      for (let i = 0; i < length; i++) data[offset + i * step] = buffer[i];
    });
  }
  return padded;
}

/** Fills the pad areas of one line (original values at [before, length - after)). */
function padLine(
  line: Float64Array,
  before: number,
  after: number,
  n: number,
  mode: PadMode,
  axis: number,
  options: PadOptions,
  dtype: DType,
  flatRamps: readonly [boolean, boolean],
): void {
  const length = line.length;
  const set = (from: number, to: number, value: (i: number) => number) => {
    for (let i = from; i < to; i++) line[i] = castTo(value(i), dtype);
  };
  switch (mode) {
    case 'constant': {
      const [left, right] = options.values[axis];
      set(0, before, () => left);
      set(length - after, length, () => right);
      return;
    }
    case 'edge': {
      const left = line[before];
      const right = line[length - after - 1];
      set(0, before, () => left);
      set(length - after, length, () => right);
      return;
    }
    case 'linear_ramp': {
      const [leftEnd, rightEnd] = options.values[axis];
      const leftRamp = ramp(leftEnd, line[before], before, dtype, flatRamps[0]);
      const rightRamp = ramp(rightEnd, line[length - after - 1], after, dtype, flatRamps[1]);
      set(0, before, (i) => leftRamp[i]);
      set(length - after, length, (i) => rightRamp[length - 1 - i]);
      return;
    }
    case 'maximum':
    case 'minimum':
    case 'mean':
    case 'median': {
      const [leftStat, rightStat] = stats(
        line,
        before,
        length - after,
        options.statLength[axis],
        mode,
        dtype,
      );
      set(0, before, () => leftStat);
      set(length - after, length, () => rightStat);
      return;
    }
    case 'reflect':
    case 'symmetric': {
      let left = before;
      let right = after;
      while (left > 0 || right > 0) {
        [left, right] = reflectBoth(line, left, right, n, mode === 'symmetric', options.odd, dtype);
      }
      return;
    }
    case 'wrap': {
      let left = before;
      let right = after;
      while (left > 0 || right > 0) [left, right] = wrapBoth(line, left, right, n, dtype);
      return;
    }
    case 'empty':
      return;
  }
}

/**
 * `np.linspace(end, edge, width, endpoint=False, dtype)`: a ramp from the end value up to the
 * edge, `i * step + end`, or `i / width * delta + end` when some line's step is 0.
 */
function ramp(end: number, edge: number, width: number, dtype: DType, flat: boolean): Float64Array {
  const out = new Float64Array(width);
  const delta = edge - end;
  const step = delta / width;
  for (let i = 0; i < width; i++) {
    const y = flat ? (i / width) * delta + end : i * step + end;
    // NumPy's linspace floors into an integer dtype.
    out[i] = isIntegerDType(dtype) ? Math.floor(y) : y;
  }
  return out;
}

/** The statistic of the first and last `stat_length` original values (NumPy's `_get_stats`). */
function stats(
  line: Float64Array,
  leftIndex: number,
  rightIndex: number,
  lengths: readonly [number | null, number | null],
  mode: 'maximum' | 'minimum' | 'mean' | 'median',
  dtype: DType,
): [number, number] {
  const maxLength = rightIndex - leftIndex;
  const leftLength = lengths[0] === null || maxLength < lengths[0] ? maxLength : lengths[0];
  const rightLength = lengths[1] === null || maxLength < lengths[1] ? maxLength : lengths[1];
  if ((leftLength === 0 || rightLength === 0) && (mode === 'maximum' || mode === 'minimum')) {
    throw new MatError('stat_length of 0 yields no value for padding');
  }
  const statistic = (values: Float64Array) => {
    const value = statisticOf(values, mode);
    // NumPy's `_round_if_needed`: a mean or median rounds into an integer dtype.
    return isIntegerDType(dtype) && (mode === 'mean' || mode === 'median') ? rint(value) : value;
  };
  const left = statistic(line.subarray(leftIndex, leftIndex + leftLength));
  if (leftLength === maxLength && rightLength === maxLength) return [left, left];
  return [left, statistic(line.subarray(rightIndex - rightLength, rightIndex))];
}

function statisticOf(values: Float64Array, mode: 'maximum' | 'minimum' | 'mean' | 'median'): number {
  if (values.some(Number.isNaN)) return Number.NaN;
  // NaN was handled above, so Math.max/min (which also return NaN for one) see numbers only.
  if (mode === 'maximum') return values.reduce((m, x) => Math.max(m, x), Number.NEGATIVE_INFINITY);
  if (mode === 'minimum') return values.reduce((m, x) => Math.min(m, x), Number.POSITIVE_INFINITY);
  if (values.length === 0) return Number.NaN;
  if (mode === 'mean') return values.reduce((s, x) => s + x, 0) / values.length;
  const sorted = Float64Array.from(values).sort();
  const half = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

/** One round of NumPy's `_set_reflect_both` on a line: the pad widths still to fill. */
function reflectBoth(
  line: Float64Array,
  leftPad: number,
  rightPad: number,
  period: number,
  includeEdge: boolean,
  odd: boolean,
  dtype: DType,
): [number, number] {
  const length = line.length;
  let oldLength = length - rightPad - leftPad;
  let edgeOffset: number;
  // Only whole periods of the original values are reflected.
  if (includeEdge) {
    oldLength = Math.floor(oldLength / period) * period;
    edgeOffset = 1;
  } else {
    oldLength = Math.floor((oldLength - 1) / (period - 1)) * (period - 1) + 1;
    edgeOffset = 0;
    oldLength -= 1;
  }
  if (leftPad > 0) {
    const chunkLength = Math.min(oldLength, leftPad);
    const stop = leftPad - edgeOffset;
    const start = stop + chunkLength;
    const chunk = new Float64Array(chunkLength);
    for (let t = 0; t < chunkLength; t++) chunk[t] = line[start - t];
    if (odd) {
      const edge = line[leftPad];
      for (let t = 0; t < chunkLength; t++) chunk[t] = 2 * edge - chunk[t];
    }
    for (let t = 0; t < chunkLength; t++) line[leftPad - chunkLength + t] = castTo(chunk[t], dtype);
    leftPad -= chunkLength;
  }
  if (rightPad > 0) {
    const chunkLength = Math.min(oldLength, rightPad);
    const start = length - rightPad + edgeOffset - 2;
    const chunk = new Float64Array(chunkLength);
    for (let t = 0; t < chunkLength; t++) chunk[t] = line[start - t];
    if (odd) {
      const edge = line[length - rightPad - 1];
      for (let t = 0; t < chunkLength; t++) chunk[t] = 2 * edge - chunk[t];
    }
    const at = length - rightPad;
    for (let t = 0; t < chunkLength; t++) line[at + t] = castTo(chunk[t], dtype);
    rightPad -= chunkLength;
  }
  return [leftPad, rightPad];
}

/** One round of NumPy's `_set_wrap_both` on a line: the pad widths still to fill. */
function wrapBoth(
  line: Float64Array,
  leftPad: number,
  rightPad: number,
  originalPeriod: number,
  dtype: DType,
): [number, number] {
  const length = line.length;
  const period = Math.floor((length - rightPad - leftPad) / originalPeriod) * originalPeriod;
  let newLeft = 0;
  let newRight = 0;
  if (leftPad > 0) {
    const sliceEnd = leftPad + period;
    const chunk = line.slice(sliceEnd - Math.min(period, leftPad), sliceEnd);
    const from = leftPad > period ? leftPad - period : 0;
    if (leftPad > period) newLeft = leftPad - period;
    for (let t = 0; t < chunk.length; t++) line[from + t] = castTo(chunk[t], dtype);
  }
  if (rightPad > 0) {
    const sliceStart = length - rightPad - period;
    const chunk = line.slice(sliceStart, sliceStart + Math.min(period, rightPad));
    const from = length - rightPad;
    if (rightPad > period) newRight = rightPad - period;
    for (let t = 0; t < chunk.length; t++) line[from + t] = castTo(chunk[t], dtype);
  }
  return [newLeft, newRight];
}
