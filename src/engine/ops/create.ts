import { castValue, isFloatDType, isIntegerDType, roundInto } from '../dtypes';
import { MatError } from '../errors';
import { allocate, tick } from '../limits';
import { type DType, NDArray, shapeSize, shapeText } from '../ndarray';
import { broadcastTo, commonDType, resultDType } from './broadcast';
import { complexArray } from './complexArrays';
import { astype } from './unary';

/**
 * An item of a list literal: an evaluated value, or a nested list literal
 * whose items have not been stacked yet. Passing nested literals as JS
 * arrays lets `arrayFromItems` report a ragged list exactly as NumPy does
 * ("after 2 dimensions", not after 1).
 */
export type ListItem = NDArray | readonly ListItem[];

interface Discovery {
  maxDims: number;
  shape: number[];
  reached: boolean;
  ragged: boolean;
}

/** NumPy's `update_shape` (array_coercion.c): merges one item's shape at depth `curr`. */
function updateShape(st: Discovery, curr: number, dims: readonly number[], sequence: boolean): boolean {
  let ok = true;
  const reached = st.reached;
  let n = dims.length;
  if (curr + n > st.maxDims) {
    ok = false;
    n = st.maxDims - curr;
  } else if (!sequence && st.maxDims !== curr + n) {
    st.maxDims = curr + n;
    if (reached) ok = false;
  }
  for (let i = 0; i < n; i++) {
    if (!reached) st.shape[curr + i] = dims[i];
    else if (dims[i] !== st.shape[curr + i]) {
      ok = false;
      if (!sequence) st.maxDims -= n - i;
      else st.maxDims = curr;
      break;
    }
  }
  if (!sequence) st.reached = true;
  return ok;
}

/** NumPy's shape discovery, depth first, so ragged lists fail with NumPy's wording. */
function discover(item: ListItem, curr: number, st: Discovery): void {
  tick();
  if (item instanceof NDArray) {
    if (!updateShape(st, curr, item.shape, false)) st.ragged = true;
    return;
  }
  if (!updateShape(st, curr, [item.length], true)) {
    st.ragged = true;
    return;
  }
  if (item.length === 0) {
    st.reached = true;
    st.maxDims = curr + 1;
    return;
  }
  for (const x of item) discover(x, curr + 1, st);
}

function leaves(item: ListItem, out: NDArray[]): void {
  tick();
  if (item instanceof NDArray) out.push(item);
  else for (const x of item) leaves(x, out);
}

/**
 * The array of a list literal `[a, b, ...]` (also `np.array([...])`): items
 * of equal shape stack along a new first axis, the dtype is the widest of
 * the items' (bool < int64 < float64), `[]` is float64 of shape (0,), and a
 * ragged list is NumPy 2's ValueError.
 */
export function arrayFromItems(items: readonly ListItem[]): NDArray {
  const st: Discovery = { maxDims: 64, shape: [], reached: false, ragged: false };
  discover(items, 0, st);
  if (st.ragged) {
    const shape = st.shape.slice(0, st.maxDims);
    throw new MatError(
      `setting an array element with a sequence. The requested array has an inhomogeneous shape after ${st.maxDims} dimensions. The detected shape was ${shapeText(shape)} + inhomogeneous part.`,
    );
  }
  const shape = st.shape.slice(0, st.maxDims);
  const parts: NDArray[] = [];
  leaves(items, parts);
  const out = allocate(shapeSize(shape));
  const complex = parts.some((p) => p.im !== undefined);
  const imag = complex ? allocate(out.length) : undefined;
  let o = 0;
  for (const p of parts) {
    tick();
    out.set(p.data, o);
    if (imag && p.im) imag.set(p.imag, o);
    o += p.size;
  }
  // Array coercion has no weak numbers: np.array([np.int8(1), 2]) is int64.
  const dtype = parts.length === 0 ? 'float64' : commonDType(parts.map((p) => p.dtype));
  if (imag) return complexArray(out, imag, shape, dtype);
  return new NDArray(out, shape, dtype);
}

function checkShape(shape: readonly number[]): void {
  if (shape.some((d) => d < 0)) throw new MatError('negative dimensions are not allowed');
}

/** `np.zeros(shape, dtype)`. */
export function zeros(shape: readonly number[], dtype: DType = 'float64'): NDArray {
  checkShape(shape);
  return new NDArray(allocate(shapeSize(shape)), [...shape], dtype);
}

/** `np.ones(shape, dtype)`. */
export function ones(shape: readonly number[], dtype: DType = 'float64'): NDArray {
  const z = zeros(shape, dtype);
  z.data.fill(1);
  return z;
}

/** `np.full(shape, fill, dtype)`: the dtype defaults to the fill value's; an array fill is broadcast. */
export function full(shape: readonly number[], fill: NDArray, dtype?: DType): NDArray {
  checkShape(shape);
  const value = astype(fill, dtype ?? fill.dtype);
  return broadcastTo(value, shape);
}

/** `np.zeros_like(a, dtype)`. */
export function zerosLike(a: NDArray, dtype?: DType): NDArray {
  return zeros(a.shape, dtype ?? a.dtype);
}

/** `np.ones_like(a, dtype)`. */
export function onesLike(a: NDArray, dtype?: DType): NDArray {
  return ones(a.shape, dtype ?? a.dtype);
}

/** `np.eye(n, m, k, dtype)`: ones on the k-th diagonal. */
export function eye(n: number, m: number | null = null, k = 0, dtype: DType = 'float64'): NDArray {
  const cols = m ?? n;
  const out = zeros([n, cols], dtype);
  for (let i = 0; i < n; i++) {
    const j = i + k;
    if (j >= 0 && j < cols) out.data[i * cols + j] = 1;
  }
  return out;
}

/** `np.identity(n, dtype)`. */
export function identity(n: number, dtype: DType = 'float64'): NDArray {
  return eye(n, null, 0, dtype);
}

/**
 * `np.arange(start, stop, step, dtype)` (`arange(stop)` when `stop` is
 * null). Integer arguments give int64. As NumPy does, the length is
 * ceil((stop - start) / step) and element i is start + i * delta, where
 * delta is (start + step) - start in the result dtype.
 */
export function arange(
  start: NDArray,
  stop: NDArray | null = null,
  step: NDArray | null = null,
  dtype?: DType,
): NDArray {
  let lo = 0;
  let hi: number;
  const args = [start, stop, step].filter((x): x is NDArray => x !== null);
  if (stop === null) hi = start.item();
  else {
    lo = start.item();
    hi = stop.item();
  }
  const st = step === null ? 1 : step.item();
  const promoted = resultDType(...args);
  const natural = isFloatDType(promoted) ? promoted : 'int64';
  const out = dtype ?? natural;
  if (st === 0) {
    throw new MatError(
      isFloatDType(natural) ? 'float division by zero' : 'division by zero',
      'ZeroDivisionError',
    );
  }
  const q = Math.ceil((hi - lo) / st);
  if (Number.isNaN(q)) throw new MatError('arange: cannot compute length');
  if (!Number.isFinite(q)) throw new MatError('Maximum allowed size exceeded');
  const len = Math.max(q, 0);
  const data = allocate(len);
  const cast = (v: number) => castValue(v, out);
  // NumPy stores start and start + step, then fills the rest from their difference.
  const first = cast(lo);
  const second = cast(lo + st);
  const delta = second - first;
  if (out === 'bool' && len > 2) throw new MatError('no fill-function for data-type.');
  if (len > 0) data[0] = first;
  if (len > 1) data[1] = second;
  for (let i = 2; i < len; i++) data[i] = first + i * delta;
  return new NDArray(roundInto(data, out), [len], out);
}

/**
 * `np.linspace(start, stop, num, endpoint, dtype)` with NumPy's arithmetic:
 * i * step + start (or i / div * delta + start when step underflows to 0),
 * the last element set to `stop` exactly; integer dtypes take the floor.
 */
export function linspace(
  start: number,
  stop: number,
  num = 50,
  endpoint = true,
  dtype: DType = 'float64',
): NDArray {
  if (num < 0) throw new MatError(`Number of samples, ${num}, must be non-negative.`);
  const div = endpoint ? num - 1 : num;
  const delta = stop - start;
  const y = allocate(num);
  if (div > 0) {
    const step = delta / div;
    if (step === 0) for (let i = 0; i < num; i++) y[i] = (i / div) * delta + start;
    else for (let i = 0; i < num; i++) y[i] = i * step + start;
  } else {
    for (let i = 0; i < num; i++) y[i] = i * delta + start;
  }
  if (endpoint && num > 1) y[num - 1] = stop;
  if (isIntegerDType(dtype)) for (let i = 0; i < num; i++) y[i] = Math.floor(y[i]);
  const r = new NDArray(y, [num], 'float64');
  return dtype === 'float64' ? r : astype(r, dtype);
}

/** Whether `a` is 0-d (a scalar). */
export function isScalar(a: NDArray): boolean {
  return a.ndim === 0;
}

/** The number in a 0-d array; `what` names the argument in the error for anything else. */
export function toScalarNumber(a: NDArray, what: string): number {
  if (a.ndim !== 0)
    throw new MatError(`${what} must be a scalar, not an array of shape ${shapeText(a.shape)}`, 'TypeError');
  return a.data[0];
}

/** A shape-like argument (an int or a tuple/list of ints) as a list of integers. */
export function toIntList(a: NDArray): number[] {
  if (isFloatDType(a.dtype))
    throw new MatError("'float' object cannot be interpreted as an integer", 'TypeError');
  if (a.ndim > 1)
    throw new MatError('only a single integer or a flat sequence of integers is allowed here', 'TypeError');
  return Array.from(a.data);
}

/** A nested JS value of an array's elements (booleans for bool arrays), for JSON and the webview. */
export type Nested = number | boolean | Nested[];

/** `a.tolist()`: nested arrays of numbers (or booleans); a 0-d array gives its single value. */
export function toNested(a: NDArray): Nested {
  const conv = (v: number): number | boolean => (a.dtype === 'bool' ? v !== 0 : v);
  const build = (dim: number, off: number, stride: number): Nested => {
    if (dim === a.ndim) return conv(a.data[off]);
    const n = a.shape[dim];
    const inner = stride / Math.max(n, 1);
    const out: Nested[] = [];
    for (let i = 0; i < n; i++) out.push(build(dim + 1, off + i * inner, inner));
    return out;
  };
  return build(0, 0, a.size);
}
