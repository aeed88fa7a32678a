import { castValue, floatResultDType, isFloatDType, isIntegerDType, roundInto } from '../dtypes';
import { MatError } from '../errors';
import { checkInt64 } from '../int64';
import { allocate, checkDeadline } from '../limits';
import { type DType, NDArray, shapeSize } from '../ndarray';
import { broadcastShapesMany, forEachRun, resultDType } from './broadcast';
import { binary, remainder } from './elementwise';
import { getIndex, type IndexSpec, setIndex } from './indexing';
import { normalizeAxis } from './reduce';
import { argsort } from './sorting';
import { astype, negative } from './unary';

/**
 * NumPy's element-wise `hypot`, `arctan2`, `reciprocal` and logical
 * functions, and the 1-D numerics `interp`, `convolve` and `gradient`,
 * computed as NumPy's C loops and Python code compute them.
 */

const SCALE = 2 ** -600;
const LARGE = 2 ** 511;
const TINY = 2 ** -511;
const EPS = 2 ** -54;

/** glibc's hypot kernel (Borges' correction of sqrt(x² + y²)), for ax >= ay, both finite and in range. */
function hypotKernel(ax: number, ay: number): number {
  let h = Math.sqrt(ax * ax + ay * ay);
  let t1: number;
  let t2: number;
  if (h <= 2 * ay) {
    const delta = h - ay;
    t1 = ax * (2 * delta - ax);
    t2 = (delta - 2 * (ax - ay)) * delta;
  } else {
    const delta = h - ax;
    t1 = 2 * delta * (ax - 2 * ay);
    t2 = (4 * delta - ay) * ay + delta * delta;
  }
  h -= (t1 + t2) / (2 * h);
  return h;
}

/** C's `hypot` as glibc computes it (correctly rounded in practice, unlike a plain sqrt of squares). */
export function hypot(x: number, y: number): number {
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    if (Math.abs(x) === Number.POSITIVE_INFINITY || Math.abs(y) === Number.POSITIVE_INFINITY) {
      return Number.POSITIVE_INFINITY;
    }
    return Number.NaN;
  }
  const a = Math.abs(x);
  const b = Math.abs(y);
  const ax = Math.max(a, b);
  const ay = Math.min(a, b);
  if (ax > LARGE) {
    if (ay <= ax * EPS) return ax + ay;
    return hypotKernel(ax * SCALE, ay * SCALE) / SCALE;
  }
  if (ay < TINY) {
    if (ax >= ay / EPS) return ax + ay;
    return hypotKernel(ax / SCALE, ay / SCALE) * SCALE;
  }
  if (ay <= ax * EPS) return ax + ay;
  return hypotKernel(ax, ay);
}

/** The two-argument float ufuncs. */
export type FloatBinaryName = 'hypot' | 'arctan2';

const FLOAT_BINARY: Record<FloatBinaryName, (x: number, y: number) => number> = {
  hypot,
  arctan2: Math.atan2,
};

/** Applies `fn` to the broadcast pairs of `a` and `b` into a new array of `dtype`. */
function broadcastPairs(a: NDArray, b: NDArray, dtype: DType, fn: (x: number, y: number) => number): NDArray {
  const [out, shape] = pairs(a, b, fn);
  return new NDArray(roundInto(out, dtype), shape, dtype);
}

/** Applies `fn` to the broadcast pairs of `a` and `b`: the results, unrounded, and their shape. */
export function pairs(
  a: NDArray,
  b: NDArray,
  fn: (x: number, y: number) => number,
): [Float64Array, number[]] {
  const shape = broadcastShapesMany([a.shape, b.shape]);
  const out = allocate(shapeSize(shape));
  const x = a.data;
  const y = b.data;
  let o = 0;
  forEachRun(shape, [a.shape, b.shape], (offsets, steps, n) => {
    let i = offsets[0];
    let j = offsets[1];
    for (let t = 0; t < n; t++, i += steps[0], j += steps[1]) out[o++] = fn(x[i], y[j]);
  });
  return [out, [...shape]];
}

/**
 * `np.hypot(x1, x2)` / `np.arctan2(x1, x2)` with broadcasting: the float
 * loop of the operands' common type (float32 for float32, float16 for int8
 * or bool, float64 for int32), computed in doubles and rounded into it.
 */
export function floatBinary(name: FloatBinaryName, a: NDArray, b: NDArray): NDArray {
  return broadcastPairs(a, b, floatResultDType(resultDType(a, b)), FLOAT_BINARY[name]);
}

/** The logical ufuncs of two arguments. */
export type LogicalName = 'logical_and' | 'logical_or' | 'logical_xor';

const LOGICAL: Record<LogicalName, (x: boolean, y: boolean) => boolean> = {
  logical_and: (x, y) => x && y,
  logical_or: (x, y) => x || y,
  logical_xor: (x, y) => x !== y,
};

/** `np.logical_and` and friends: truth of each element (nan is true), with broadcasting, as bools. */
export function logical(name: LogicalName, a: NDArray, b: NDArray): NDArray {
  const op = LOGICAL[name];
  return broadcastPairs(a, b, 'bool', (x, y) => (op(x !== 0, y !== 0) ? 1 : 0));
}

/**
 * `np.reciprocal(x)`: 1/x for floats (rounded into float32/16); for
 * integers NumPy's integer loop, the double 1/x cast back as C casts it
 * (so 1/0 is INT64_MIN for int64, 0 for int8, and 1/2 is 0). Bools go
 * through NumPy's int8 loop, which gives 1 for True and 0 for False.
 */
export function reciprocal(a: NDArray): NDArray {
  const x = a.data;
  const out = allocate(x.length);
  const dtype = a.dtype === 'bool' ? 'int8' : a.dtype;
  if (a.dtype === 'bool') out.set(x);
  else for (let i = 0; i < x.length; i++) out[i] = castValue(1 / x[i], dtype);
  return new NDArray(out, a.shape, dtype);
}

/**
 * NumPy's `binary_search_with_guess`: the index i with arr[i] <= key < arr[i + 1]
 * (-1 below the range, len above it), checking near the previous answer first.
 * Kept step for step so unsorted `xp` picks the same interval as NumPy.
 */
function searchWithGuess(key: number, arr: Float64Array, guessIn: number): number {
  const len = arr.length;
  const cache = 8;
  let imin = 0;
  let imax = len;
  if (key > arr[len - 1]) return len;
  if (key < arr[0]) return -1;
  if (len <= 4) {
    let i = 1;
    while (i < len && key >= arr[i]) i++;
    return i - 1;
  }
  const guess = Math.max(Math.min(guessIn, len - 3), 1);
  if (key < arr[guess]) {
    if (key < arr[guess - 1]) {
      imax = guess - 1;
      if (guess > cache && key >= arr[guess - cache]) imin = guess - cache;
    } else {
      return guess - 1;
    }
  } else if (key < arr[guess + 1]) {
    return guess;
  } else if (key < arr[guess + 2]) {
    return guess + 1;
  } else {
    imin = guess + 2;
    if (guess < len - cache - 1 && key < arr[guess + cache]) imax = guess + cache;
  }
  while (imin < imax) {
    const imid = imin + ((imax - imin) >> 1);
    if (key >= arr[imid]) imin = imid + 1;
    else imax = imid;
  }
  return imin - 1;
}

/** NumPy's message when a 1-D argument has another number of dimensions. */
export function oneDimensional(a: NDArray): NDArray {
  if (a.ndim > 1) throw new MatError('object too deep for desired array');
  if (a.ndim < 1) throw new MatError('object of too small depth for desired array');
  return a;
}

/**
 * `np.interp(x, xp, fp, left, right)`: NumPy's compiled loop, with its
 * guess-first search, its precomputed slopes and its retry from the right
 * end when the left one gives nan. `left`/`right` default to fp's ends.
 */
export function interp(
  x: NDArray,
  xp: NDArray,
  fp: NDArray,
  left: number | null,
  right: number | null,
): NDArray {
  const dy = oneDimensional(fp).data;
  const dx = oneDimensional(xp).data;
  const n = dx.length;
  if (n === 0) throw new MatError('array of sample points is empty');
  if (dy.length !== n) throw new MatError('fp and xp are not of the same length.');
  const lval = left ?? dy[0];
  const rval = right ?? dy[n - 1];
  const dz = x.data;
  const out = allocate(dz.length);
  if (n === 1) {
    for (let i = 0; i < dz.length; i++) {
      const v = dz[i];
      out[i] = v < dx[0] ? lval : v > dx[0] ? rval : dy[0];
    }
    return new NDArray(out, x.shape, 'float64');
  }
  // NumPy precomputes the slopes only when there are no more of them than points to interpolate.
  let slopes: Float64Array | null = null;
  if (n <= dz.length) {
    slopes = allocate(n - 1);
    for (let i = 0; i < n - 1; i++) slopes[i] = (dy[i + 1] - dy[i]) / (dx[i + 1] - dx[i]);
  }
  let j = 0;
  for (let i = 0; i < dz.length; i++) {
    if ((i & 4095) === 4095) checkDeadline();
    const v = dz[i];
    if (Number.isNaN(v)) {
      out[i] = v;
      continue;
    }
    j = searchWithGuess(v, dx, j);
    if (j === -1) out[i] = lval;
    else if (j === n) out[i] = rval;
    else if (j === n - 1 || dx[j] === v) out[i] = dy[j];
    else {
      const slope = slopes ? slopes[j] : (dy[j + 1] - dy[j]) / (dx[j + 1] - dx[j]);
      let r = slope * (v - dx[j]) + dy[j];
      if (Number.isNaN(r)) {
        r = slope * (v - dx[j + 1]) + dy[j + 1];
        if (Number.isNaN(r) && dy[j] === dy[j + 1]) r = dy[j];
      }
      out[i] = r;
    }
  }
  return new NDArray(out, x.shape, 'float64');
}

/**
 * `np.interp(..., period=p)`'s preparation: x and xp taken modulo the
 * period, xp sorted (fp with it) and padded with one point on each side
 * from the other end, so the plain interpolation wraps around.
 */
export function periodicSamples(
  x: NDArray,
  xp: NDArray,
  fp: NDArray,
  period: number,
): { x: NDArray; xp: NDArray; fp: NDArray } {
  if (xp.ndim !== 1 || fp.ndim !== 1) throw new MatError('Data points must be 1-D sequences');
  if (xp.shape[0] !== fp.shape[0]) throw new MatError('fp and xp are not of the same length');
  const wrappedX = allocate(x.size);
  for (let i = 0; i < x.size; i++) wrappedX[i] = remainder(x.data[i], period);
  const wrapped = new NDArray(
    xp.data.map((v) => remainder(v, period)),
    xp.shape,
    'float64',
  );
  const order = argsort(wrapped, 0).data;
  const n = order.length;
  const sortedXp = allocate(n + 2);
  const sortedFp = allocate(n + 2);
  for (let k = 0; k < n; k++) {
    sortedXp[k + 1] = wrapped.data[order[k]];
    sortedFp[k + 1] = fp.data[order[k]];
  }
  // An empty xp stays empty: interp then reports it.
  if (n === 0) {
    return { x: new NDArray(wrappedX, x.shape, 'float64'), xp: new NDArray(allocate(0), [0], 'float64'), fp };
  }
  sortedXp[0] = sortedXp[n] - period;
  sortedFp[0] = sortedFp[n];
  sortedXp[n + 1] = sortedXp[1] + period;
  sortedFp[n + 1] = sortedFp[1];
  return {
    x: new NDArray(wrappedX, x.shape, 'float64'),
    xp: new NDArray(sortedXp, [n + 2], 'float64'),
    fp: new NDArray(sortedFp, [n + 2], 'float64'),
  };
}

/** Multiply-adds between two checks of the time limit. */
const WORK_PER_CHECK = 1e6;

/** `np.convolve`'s modes as NumPy's correlate numbers them: valid 0, same 1, full 2. */
export type ConvolveMode = 0 | 1 | 2;

/**
 * `np.convolve(a, v, mode)`: NumPy's `correlate(a, v[::-1], mode)` after
 * making `a` the longer one, each output a dot product summed from its
 * first term, as NumPy's loop does. Bools give the or of ands.
 */
export function convolve(a: NDArray, v: NDArray, mode: ConvolveMode): NDArray {
  const asVector = (x: NDArray) => (x.ndim === 0 ? new NDArray(x.data, [1], x.dtype) : x);
  let long = asVector(a);
  let short = asVector(v);
  if (long.shape[0] === 0) throw new MatError('a cannot be empty');
  if (short.shape[0] === 0) throw new MatError('v cannot be empty');
  if (short.shape[0] > long.shape[0]) [long, short] = [short, long];
  oneDimensional(long);
  oneDimensional(short);
  const dtype = resultDType(long, short);
  const n1 = long.size;
  const n2 = short.size;
  const data = long.data;
  const kernel = short.data.slice().reverse();
  let length = n1;
  let nLeft = 0;
  let nRight = 0;
  if (mode === 0) length = n1 - n2 + 1;
  else if (mode === 1) {
    nLeft = Math.floor(n2 / 2);
    nRight = n2 - nLeft - 1;
  } else {
    nLeft = n2 - 1;
    nRight = n2 - 1;
    length = n1 + n2 - 1;
  }
  const out = allocate(length);
  let work = 0;
  const dot = (i1: number, i2: number, n: number) => {
    work += n;
    if (work > WORK_PER_CHECK) {
      checkDeadline();
      work = 0;
    }
    let sum = 0;
    if (dtype === 'bool') {
      for (let k = 0; k < n; k++) if (data[i1 + k] !== 0 && kernel[i2 + k] !== 0) return 1;
      return 0;
    }
    for (let k = 0; k < n; k++) sum += data[i1 + k] * kernel[i2 + k];
    return sum;
  };
  let o = 0;
  let i1 = 0;
  let i2 = nLeft;
  let n = n2 - nLeft;
  for (let i = 0; i < nLeft; i++) {
    out[o++] = dot(i1, i2, n);
    n++;
    i2--;
  }
  for (let i = 0; i < n1 - n2 + 1; i++) {
    out[o++] = dot(i1, i2, n);
    i1++;
  }
  for (let i = 0; i < nRight; i++) {
    n--;
    out[o++] = dot(i1, i2, n);
    i1++;
  }
  if (dtype === 'int64') {
    for (let i = 0; i < out.length; i++) out[i] += 0;
    checkInt64(out);
  }
  // Narrow ints wrap as NumPy's dot loop's cast back does. float32 sums in doubles, rounded once:
  // NumPy's float32 dot (BLAS sdot) sums in float32, so the last digit may differ.
  roundInto(out, dtype);
  return new NDArray(out, [length], dtype);
}

/** `a[...]` with `index` (an int or a slice) on `axis` and every other axis whole. */
function along(a: NDArray, axis: number, index: IndexSpec): IndexSpec[] {
  return a.shape.map(
    (_, k): IndexSpec => (k === axis ? index : { kind: 'slice', start: null, stop: null, step: null }),
  );
}

const slice = (start: number | null, stop: number | null): IndexSpec => ({
  kind: 'slice',
  start,
  stop,
  step: null,
});
const at = (value: number): IndexSpec => ({ kind: 'int', value });
/** A Python float, as NumPy's gradient code writes its constants (weak: float32 data stays float32). */
const float = (value: number) => {
  const scalar = NDArray.scalar(value, 'float64');
  scalar.weak = true;
  return scalar;
};

/**
 * The spacing of `np.gradient` along each axis from its `*varargs`: a 0-d
 * array for uniform spacing, else the differences of the coordinates
 * (reduced to their common value when they are all equal), as NumPy's
 * argument handling gives them.
 */
export function gradientSpacings(
  f: NDArray,
  varargs: readonly NDArray[],
  axes: readonly number[],
): NDArray[] {
  if (varargs.length === 0) return axes.map(() => float(1));
  if (varargs.length === 1 && varargs[0].ndim === 0) return axes.map(() => varargs[0]);
  if (varargs.length !== axes.length) throw new MatError('invalid number of arguments', 'TypeError');
  return varargs.map((distances, i) => {
    if (distances.ndim === 0) return distances;
    if (distances.ndim !== 1) throw new MatError('distances must be either scalars or 1d');
    if (distances.shape[0] !== f.shape[axes[i]]) {
      throw new MatError('when 1d, distances must match the length of the corresponding dimension');
    }
    // NumPy makes integer coordinates float64 before taking their differences.
    const coordinates = isIntegerDType(distances.dtype) ? astype(distances, 'float64') : distances;
    const m = coordinates.size - 1;
    const differences = allocate(Math.max(m, 0));
    for (let k = 0; k < m; k++) {
      const x = coordinates.data[k];
      const y = coordinates.data[k + 1];
      differences[k] = coordinates.dtype === 'bool' ? +(x !== y) : y - x;
    }
    if (m <= 0) throw new MatError('index 0 is out of bounds for axis 0 with size 0', 'IndexError');
    const diffs = new NDArray(roundInto(differences, coordinates.dtype), [m], coordinates.dtype);
    return differences.every((d) => d === differences[0]) ? getIndex(diffs, [at(0)]) : diffs;
  });
}

/**
 * `np.gradient(f, *varargs, axis, edge_order)` for resolved axes and
 * spacings (see `gradientSpacings`): second-order central differences
 * inside, first- or second-order one-sided differences at the ends, each
 * step the same array arithmetic as NumPy's, so results and errors match.
 */
export function gradient(
  f: NDArray,
  spacings: readonly NDArray[],
  axes: readonly number[],
  edgeOrder: number,
): NDArray[] {
  if (edgeOrder > 2) throw new MatError("'edge_order' greater than 2 not supported");
  // Integers become floats first, so differences cannot overflow; bools stay (and fail to subtract, as in NumPy).
  const values = isIntegerDType(f.dtype) ? astype(f, 'float64') : f;
  // NumPy's `otype`: a float keeps its dtype (float32 gradients are float32), anything else float64.
  const outDType = isFloatDType(f.dtype) ? f.dtype : 'float64';
  const add = (x: NDArray, y: NDArray) => binary('+', x, y);
  const sub = (x: NDArray, y: NDArray) => binary('-', x, y);
  const mul = (x: NDArray, y: NDArray) => binary('*', x, y);
  const div = (x: NDArray, y: NDArray) => binary('/', x, y);
  return axes.map((axis, i) => {
    checkDeadline();
    if (values.shape[axis] < edgeOrder + 1) {
      throw new MatError(
        'Shape of array too small to calculate a numerical gradient, at least (edge_order + 1) elements are required.',
      );
    }
    const dx = spacings[i];
    const uniform = dx.ndim === 0;
    const part = (index: IndexSpec) => getIndex(values, along(values, axis, index));
    let out = new NDArray(allocate(values.size), values.shape, outDType);
    const assign = (index: IndexSpec, value: NDArray) => {
      out = setIndex(out, along(out, axis, index), value);
    };
    // Coefficients laid along `axis`, to broadcast against the slices of f.
    const alongAxis = (c: NDArray) =>
      new NDArray(
        c.data,
        values.shape.map((_, k) => (k === axis ? c.size : 1)),
        c.dtype,
      );

    if (uniform) {
      assign(slice(1, -1), div(sub(part(slice(2, null)), part(slice(null, -2))), mul(float(2), dx)));
    } else {
      const dx1 = getIndex(dx, [slice(0, -1)]);
      const dx2 = getIndex(dx, [slice(1, null)]);
      const a = div(negative(dx2), mul(dx1, add(dx1, dx2)));
      const b = div(sub(dx2, dx1), mul(dx1, dx2));
      const c = div(dx1, mul(dx2, add(dx1, dx2)));
      assign(
        slice(1, -1),
        add(
          add(mul(alongAxis(a), part(slice(null, -2))), mul(alongAxis(b), part(slice(1, -1)))),
          mul(alongAxis(c), part(slice(2, null))),
        ),
      );
    }

    const first = (k: number) => getIndex(dx, [at(k)]);
    if (edgeOrder === 1) {
      assign(at(0), div(sub(part(at(1)), part(at(0))), uniform ? dx : first(0)));
      assign(at(-1), div(sub(part(at(-1)), part(at(-2))), uniform ? dx : first(-1)));
    } else {
      let a: NDArray;
      let b: NDArray;
      let c: NDArray;
      if (uniform) {
        a = div(float(-1.5), dx);
        b = div(float(2), dx);
        c = div(float(-0.5), dx);
      } else {
        const dx1 = first(0);
        const dx2 = first(1);
        a = div(negative(add(mul(float(2), dx1), dx2)), mul(dx1, add(dx1, dx2)));
        b = div(add(dx1, dx2), mul(dx1, dx2));
        c = div(negative(dx1), mul(dx2, add(dx1, dx2)));
      }
      assign(at(0), add(add(mul(a, part(at(0))), mul(b, part(at(1)))), mul(c, part(at(2)))));
      if (uniform) {
        a = div(float(0.5), dx);
        b = div(float(-2), dx);
        c = div(float(1.5), dx);
      } else {
        const dx1 = first(-2);
        const dx2 = first(-1);
        a = div(dx2, mul(dx1, add(dx1, dx2)));
        b = div(negative(add(dx2, dx1)), mul(dx1, dx2));
        c = div(add(mul(float(2), dx2), dx1), mul(dx2, add(dx1, dx2)));
      }
      assign(at(-1), add(add(mul(a, part(at(-3))), mul(b, part(at(-2)))), mul(c, part(at(-1)))));
    }
    return out;
  });
}

/** NumPy's `normalize_axis_tuple`: each axis resolved, AxisError out of range, ValueError when repeated. */
export function axisTuple(axes: readonly number[], ndim: number): number[] {
  const out = axes.map((axis) => normalizeAxis(axis, ndim));
  if (new Set(out).size !== out.length) throw new MatError('repeated axis');
  return out;
}
