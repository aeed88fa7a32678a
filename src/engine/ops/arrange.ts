import { castValue, isFloatDType, roundInto } from '../dtypes';
import { MatError } from '../errors';
import { allocate, checkDeadline } from '../limits';
import { complexProduct } from '../linalg/products';
import { type DType, NDArray, shapeSize, shapeTextCompact, stridesOf } from '../ndarray';
import { broadcastShapes, broadcastTo, copyStrided, promoteTypes } from './broadcast';
import { normalizeAxis } from './reduce';

/**
 * Kernels that build or rearrange arrays by copying (NumPy's views are made
 * by run/views.ts): diagonals and triangles, roll, tile, repeat, and the
 * products kron, inner and cross.
 */

/** `np.diag(v, k)` of a 1-D array: a square matrix with v on the k-th diagonal. */
export function diagFromVector(v: NDArray, k: number): NDArray {
  const n = v.size + Math.abs(k);
  const out = allocate(n * n);
  for (let i = 0; i < v.size; i++) out[k >= 0 ? i * n + i + k : (i - k) * n + i] = v.data[i];
  return new NDArray(out, [n, n], v.dtype);
}

/** `np.diagonal(a, offset, axis1, axis2)`: the other axes in order, then the diagonal. */
export function diagonal(a: NDArray, offset = 0, axis1 = 0, axis2 = 1): NDArray {
  if (a.ndim < 2) throw new MatError('diag requires an array of at least two dimensions');
  const i = normalizeAxis(axis1, a.ndim);
  const j = normalizeAxis(axis2, a.ndim);
  if (i === j) throw new MatError('axis1 and axis2 cannot be the same');
  const strides = a.strides;
  const rows = a.shape[i];
  const cols = a.shape[j];
  const length = Math.max(0, offset >= 0 ? Math.min(rows, cols - offset) : Math.min(rows + offset, cols));
  const start = length === 0 ? 0 : offset >= 0 ? offset * strides[j] : -offset * strides[i];
  const others = a.shape.map((_, axis) => axis).filter((axis) => axis !== i && axis !== j);
  const shape = [...others.map((axis) => a.shape[axis]), length];
  const steps = [...others.map((axis) => strides[axis]), strides[i] + strides[j]];
  return new NDArray(copyStrided(a.data, start, shape, steps), shape, a.dtype);
}

/** `np.tri(N, M, k)`: ones at and below the k-th diagonal. */
export function tri(n: number, m: number, k: number, dtype: DType): NDArray {
  if (n < 0 || m < 0) throw new MatError('negative dimensions are not allowed');
  const out = allocate(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m && j <= i + k; j++) out[i * m + j] = 1;
  return new NDArray(out, [n, m], dtype);
}

/** `np.tril` / `np.triu` over the last two axes (a 1-D array is taken as every row of a square). */
export function triangle(a: NDArray, k: number, lower: boolean): NDArray {
  if (a.ndim === 0) throw new MatError('tril/triu needs an array of at least one dimension');
  const source = a.ndim === 1 ? broadcastTo(a, [a.size, a.size]) : a;
  const rows = source.shape[source.ndim - 2];
  const cols = source.shape[source.ndim - 1];
  const out = allocate(source.size);
  const data = source.data;
  for (let base = 0; base < source.size; base += rows * cols) {
    checkDeadline();
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const keep = lower ? j <= i + k : j >= i + k;
        if (keep) out[base + i * cols + j] = data[base + i * cols + j];
      }
    }
  }
  return new NDArray(out, source.shape, a.dtype);
}

/** `np.roll`: each (axis, shift) pair rotates the elements along that axis. */
export function roll(a: NDArray, shifts: ReadonlyMap<number, number>): NDArray {
  let data = a.data;
  for (const [axis, shift] of shifts) {
    const n = a.shape[axis];
    if (n === 0) continue;
    const by = ((shift % n) + n) % n;
    if (by === 0) continue;
    const inner = shapeSize(a.shape.slice(axis + 1));
    const outer = shapeSize(a.shape.slice(0, axis));
    const out = allocate(a.size);
    for (let o = 0; o < outer; o++) {
      checkDeadline();
      const base = o * n * inner;
      for (let j = 0; j < n; j++) {
        const to = base + ((j + by) % n) * inner;
        out.set(data.subarray(base + j * inner, base + (j + 1) * inner), to);
      }
    }
    data = out;
  }
  return new NDArray(data === a.data ? data.slice() : data, a.shape, a.dtype);
}

/** `np.tile(A, reps)`: the array repeated reps[i] times along each axis. */
export function tile(a: NDArray, reps: readonly number[]): NDArray {
  if (reps.some((r) => r < 0)) throw new MatError('negative dimensions are not allowed');
  const nd = Math.max(a.ndim, reps.length);
  const shape = [...new Array<number>(nd - a.ndim).fill(1), ...a.shape];
  const counts = [...new Array<number>(nd - reps.length).fill(1), ...reps];
  let data: Float64Array = a.data;
  for (let axis = nd - 1; axis >= 0; axis--) {
    const r = counts[axis];
    if (r === 1) continue;
    const outer = shapeSize(shape.slice(0, axis));
    const chunk = shapeSize(shape.slice(axis));
    const out = allocate(outer * chunk * r);
    for (let o = 0; o < outer; o++) {
      checkDeadline();
      const block = data.subarray(o * chunk, (o + 1) * chunk);
      for (let t = 0; t < r; t++) out.set(block, (o * r + t) * chunk);
    }
    shape[axis] *= r;
    data = out;
  }
  const result = data === a.data ? data.slice() : data;
  return new NDArray(result, shape, a.dtype);
}

/** `np.repeat(a, repeats, axis)`: each element (or slice along axis) repeated. */
export function repeat(a: NDArray, repeats: NDArray, axis: number): NDArray {
  const ax = normalizeAxis(axis, a.ndim);
  const n = a.shape[ax];
  if (repeats.ndim > 1 || (repeats.size !== 1 && repeats.size !== n)) {
    throw new MatError(
      `operands could not be broadcast together with shape ${shapeTextCompact([n])} ${shapeTextCompact(repeats.shape)}`,
    );
  }
  const counts = Array.from({ length: n }, (_, j) => repeats.data[repeats.size === 1 ? 0 : j]);
  if (counts.some((c) => c < 0)) {
    // One count is broadcast (NumPy's message is then the allocation's).
    throw new MatError(
      repeats.size === 1 ? 'negative dimensions are not allowed' : 'repeats may not contain negative values.',
    );
  }
  const total = counts.reduce((s, c) => s + c, 0);
  const inner = shapeSize(a.shape.slice(ax + 1));
  const outer = shapeSize(a.shape.slice(0, ax));
  const out = allocate(outer * total * inner);
  let o = 0;
  for (let i = 0; i < outer; i++) {
    checkDeadline();
    for (let j = 0; j < n; j++) {
      const block = a.data.subarray((i * n + j) * inner, (i * n + j + 1) * inner);
      for (let t = 0; t < counts[j]; t++, o += inner) out.set(block, o);
    }
  }
  const shape = [...a.shape];
  shape[ax] = total;
  return new NDArray(out, shape, a.dtype);
}

/** The product of two elements in the dtype NumPy multiplies them in (bool: logical and). */
function product(x: number, y: number, dtype: DType): number {
  return dtype === 'bool' ? (x !== 0 && y !== 0 ? 1 : 0) : x * y;
}

/** `np.kron(a, b)`: the Kronecker product, shapes multiplied axis by axis. */
export function kron(a: NDArray, b: NDArray): NDArray {
  const dtype = promoteTypes(a.dtype, b.dtype);
  const nd = Math.max(a.ndim, b.ndim);
  const as = [...new Array<number>(nd - a.ndim).fill(1), ...a.shape];
  const bs = [...new Array<number>(nd - b.ndim).fill(1), ...b.shape];
  const shape = as.map((d, i) => d * bs[i]);
  const outStrides = stridesOf(shape);
  // Where each element of a, and of b, lands in the result: out[i*bs + j] along every axis.
  const places = (dims: readonly number[], scale: readonly number[]) => {
    const at = new Float64Array(shapeSize(dims));
    const strides = stridesOf(dims);
    for (let flat = 0; flat < at.length; flat++) {
      let offset = 0;
      for (let k = 0; k < nd; k++) {
        offset += (Math.floor(flat / strides[k]) % dims[k]) * scale[k] * outStrides[k];
      }
      at[flat] = offset;
    }
    return at;
  };
  const fromA = places(as, bs);
  const fromB = places(
    bs,
    bs.map(() => 1),
  );
  const out = allocate(shapeSize(shape));
  for (let i = 0; i < fromA.length; i++) {
    checkDeadline();
    for (let j = 0; j < fromB.length; j++) {
      out[fromA[i] + fromB[j]] = product(a.data[i], b.data[j], dtype);
    }
  }
  // int8 products wrap, float32 ones round, as NumPy multiplies in the common dtype.
  return new NDArray(roundInto(out, dtype), shape, dtype);
}

/** `np.inner(a, b)`: sums of products over the last axes of both (scalars multiply). */
export function inner(a: NDArray, b: NDArray): NDArray {
  if (a.im || b.im) return complexProduct(inner, a, b);
  const dtype = promoteTypes(a.dtype, b.dtype);
  const n = a.shape[a.ndim - 1];
  const m = b.shape[b.ndim - 1];
  if (n !== m) {
    throw new MatError(
      `shapes ${shapeTextCompact(a.shape)} and ${shapeTextCompact(b.shape)} not aligned: ${n} (dim ${a.ndim - 1}) != ${m} (dim ${b.ndim - 1})`,
    );
  }
  const rowsA = n === 0 ? shapeSize(a.shape.slice(0, -1)) : a.size / n;
  const rowsB = n === 0 ? shapeSize(b.shape.slice(0, -1)) : b.size / n;
  const out = allocate(rowsA * rowsB);
  for (let i = 0; i < rowsA; i++) {
    checkDeadline();
    for (let j = 0; j < rowsB; j++) {
      let sum = 0;
      for (let t = 0; t < n; t++) sum += product(a.data[i * n + t], b.data[j * n + t], dtype);
      out[i * rowsB + j] = dtype === 'bool' ? (sum !== 0 ? 1 : 0) : sum;
    }
  }
  // Narrow ints wrap; float32 is summed in doubles and rounded once (NumPy's float32
  // BLAS sums in float32, so the last digit may differ).
  return new NDArray(roundInto(out, dtype), [...a.shape.slice(0, -1), ...b.shape.slice(0, -1)], dtype);
}

function negate(x: number, dtype: DType): number {
  return isFloatDType(dtype) ? -x : 0 - x;
}

/** `np.cross(a, b)` of 2- and 3-vectors along the last axis, broadcast over the others. */
export function cross(a: NDArray, b: NDArray): NDArray {
  if (a.ndim < 1 || b.ndim < 1) throw new MatError('At least one array has zero dimension');
  const na = a.shape[a.ndim - 1];
  const nb = b.shape[b.ndim - 1];
  if ((na !== 2 && na !== 3) || (nb !== 2 && nb !== 3)) {
    throw new MatError('incompatible dimensions for cross product\n(dimension must be 2 or 3)');
  }
  const lead = broadcastShapes(a.shape.slice(0, -1), b.shape.slice(0, -1));
  const x = broadcastTo(a, [...lead, na]).data;
  const y = broadcastTo(b, [...lead, nb]).data;
  const dtype = promoteTypes(a.dtype, b.dtype);
  const width = na === 2 && nb === 2 ? 1 : 3;
  const count = shapeSize(lead);
  const out = allocate(count * width);
  // Each product and difference rounds into the dtype as NumPy's float32 (or float16) steps do;
  // narrow ints wrap at the end (exact: the doubles hold every int8..int32 product).
  const r = isFloatDType(dtype) ? (v: number) => castValue(v, dtype) : (v: number) => v;
  const mul = (u: number, v: number) => r(u * v);
  for (let i = 0; i < count; i++) {
    const [a0, a1, a2] = [x[i * na], x[i * na + 1], na === 3 ? x[i * na + 2] : 0];
    const [b0, b1, b2] = [y[i * nb], y[i * nb + 1], nb === 3 ? y[i * nb + 2] : 0];
    const z = r(mul(a0, b1) - mul(a1, b0));
    if (width === 1) out[i] = z;
    else if (na === 3 && nb === 3) {
      out[i * 3] = r(mul(a1, b2) - mul(a2, b1));
      out[i * 3 + 1] = r(mul(a2, b0) - mul(a0, b2));
      out[i * 3 + 2] = z;
    } else {
      // NumPy negates a product here (no subtraction), so a float zero becomes -0.
      out[i * 3] = na === 3 ? negate(mul(a2, b1), dtype) : mul(a1, b2);
      out[i * 3 + 1] = na === 3 ? mul(a2, b0) : negate(mul(a0, b2), dtype);
      out[i * 3 + 2] = z;
    }
  }
  return new NDArray(roundInto(out, dtype), width === 1 ? lead : [...lead, 3], dtype);
}
