/**
 * Shared helpers of the linear-algebra functions: dtype promotion, NumPy's
 * error texts, and walking the stack (batch) dimensions of `(..., M, N)`
 * arrays the way NumPy's gufuncs do.
 */
import { MatError } from '../errors';
import { allocate } from '../limits';
import { type DType, NDArray, shapeSize, shapeTextCompact } from '../ndarray';

/** `LinAlgError`, the exception class of `numpy.linalg`. */
export function linAlgError(message: string): MatError {
  return new MatError(message, 'LinAlgError');
}

/** NumPy's `AxisError` for an axis outside `[-ndim, ndim)`. */
export function normalizeAxis(axis: number, ndim: number): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new MatError(`axis ${axis} is out of bounds for array of dimension ${ndim}`, 'AxisError');
  }
  return axis < 0 ? axis + ndim : axis;
}

/** `numpy.linalg`'s check that an argument has at least two dimensions. */
export function assertStacked(a: NDArray): void {
  if (a.ndim < 2) {
    throw linAlgError(`${a.ndim}-dimensional array given. Array must be at least two-dimensional`);
  }
}

/** `numpy.linalg`'s check that the last two dimensions are square. */
export function assertStackedSquare(a: NDArray): void {
  assertStacked(a);
  if (a.shape[a.ndim - 1] !== a.shape[a.ndim - 2]) {
    throw linAlgError('Last 2 dimensions of the array must be square');
  }
}

/**
 * Broadcasts two stacks' batch shapes (the dimensions before each core).
 * On failure throws the gufunc message, which shows each operand's shape
 * with its core dimensions replaced by `newaxis` and the output core shape.
 */
export function broadcastBatch(
  a: NDArray,
  aCore: number,
  b: NDArray,
  bCore: number,
  outCore: readonly number[],
): number[] {
  const aBatch = a.shape.slice(0, a.ndim - aCore);
  const bBatch = b.shape.slice(0, b.ndim - bCore);
  const n = Math.max(aBatch.length, bBatch.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i - (n - aBatch.length) >= 0 ? aBatch[i - (n - aBatch.length)] : 1;
    const db = i - (n - bBatch.length) >= 0 ? bBatch[i - (n - bBatch.length)] : 1;
    if (da !== db && da !== 1 && db !== 1) {
      const remap = (x: NDArray, batch: number[], core: number): string => {
        const parts = [...batch.map(String), ...new Array<string>(core).fill('newaxis')];
        return `${shapeTextCompact(x.shape)}->(${parts.join(',')})`;
      };
      throw new MatError(
        `operands could not be broadcast together with remapped shapes [original->remapped]: ${remap(a, aBatch, aCore)} ${remap(b, bBatch, bCore)}  and requested shape (${outCore.join(',')})`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * For each position of the broadcast batch shape `batch`, the index of the
 * matching matrix in an operand whose own batch shape is `own` (its
 * broadcast dimensions of size 1 repeat the same matrix).
 */
export function batchIndices(batch: readonly number[], own: readonly number[]): Int32Array {
  const total = shapeSize(batch);
  const idx = new Int32Array(total);
  const offset = batch.length - own.length;
  const counter = new Array<number>(batch.length).fill(0);
  for (let t = 0; t < total; t++) {
    let flat = 0;
    for (let d = 0; d < own.length; d++) {
      flat = flat * own[d] + (own[d] === 1 ? 0 : counter[d + offset]);
    }
    idx[t] = flat;
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++counter[d] < batch[d]) break;
      counter[d] = 0;
    }
  }
  return idx;
}

/**
 * Applies `fn` to each `rows × cols` matrix of a stack and gathers the
 * per-matrix results (each of `outShape`) into one float64 array of shape
 * `(...batch, ...outShape)`.
 */
export function mapMatrices(
  a: NDArray,
  outShape: readonly number[],
  fn: (
    data: Float64Array,
    offset: number,
    rows: number,
    cols: number,
    out: Float64Array,
    outOffset: number,
  ) => void,
  dtype: DType = 'float64',
): NDArray {
  const rows = a.shape[a.ndim - 2];
  const cols = a.shape[a.ndim - 1];
  const batch = a.shape.slice(0, a.ndim - 2);
  const count = shapeSize(batch);
  const outSize = shapeSize(outShape);
  const out = allocate(count * outSize);
  for (let t = 0; t < count; t++) fn(a.data, t * rows * cols, rows, cols, out, t * outSize);
  return new NDArray(out, [...batch, ...outShape], dtype);
}

/** Copies a `rows × cols` row-major block into a new work buffer. */
export function copyMatrix(data: Float64Array, offset: number, rows: number, cols: number): Float64Array {
  const out = allocate(rows * cols);
  out.set(data.subarray(offset, offset + rows * cols));
  return out;
}
