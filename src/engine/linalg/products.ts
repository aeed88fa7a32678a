/**
 * NumPy's products: `matmul` (`@`), `dot`, `inner`, `outer`, `vdot` and
 * `trace`, with NumPy's shapes, dtypes and error texts. Every product
 * goes through the `gemm` kernel; bool products are NumPy's "or of ands".
 */
import { complexDType, DTYPES, promoteTypes, roundInto } from '../dtypes';
import { MatError } from '../errors';
import { checkInt64 } from '../int64';
import { allocate, checkDeadline } from '../limits';
import { type DType, NDArray, shapeSize, shapeTextCompact } from '../ndarray';
import { complexArray, complexUnary, imagPart, realPart } from '../ops/complexArrays';
import { batchIndices, broadcastBatch, normalizeAxis } from './common';
import { gemm, gemmNT } from './gemm';

const MATMUL_SIGNATURE = '(n?,k),(k,m?)->(n?,m?)';

/**
 * Sums of 0/1 products become bools: any nonzero sum is True. Narrow ints
 * wrap (int8 @ int8 is int8, as NumPy's loop casts its sum back). float32
 * products are summed in doubles and rounded once: NumPy's float32 BLAS
 * (sgemm/sdot) sums in float32, so the last digit may differ.
 */
function finish(data: Float64Array, shape: readonly number[], dtype: DType): NDArray {
  if (dtype === 'bool') {
    for (let i = 0; i < data.length; i++) data[i] = data[i] !== 0 ? 1 : 0;
  }
  if (dtype === 'int64') checkInt64(data);
  return new NDArray(roundInto(data, dtype), shape, dtype);
}

/**
 * A product with a complex operand from four real ones:
 * (A + iB)(C + iD) = (AC − BD) + i(AD + BC). NumPy's complex BLAS sums
 * each element's terms in its own order, so the last digit may differ.
 */
export function complexProduct(
  product: (a: NDArray, b: NDArray) => NDArray,
  a: NDArray,
  b: NDArray,
): NDArray {
  const [ar, ai, br, bi] = [realPart(a), imagPart(a), realPart(b), imagPart(b)];
  const acBd = [product(ar, br), product(ai, bi)];
  const adBc = [product(ar, bi), product(ai, br)];
  const re = allocate(acBd[0].size);
  const im = allocate(re.length);
  for (let i = 0; i < re.length; i++) {
    re[i] = acBd[0].data[i] - acBd[1].data[i];
    im[i] = adBc[0].data[i] + adBc[1].data[i];
  }
  return complexArray(re, im, acBd[0].shape, complexDType(promoteTypes(a.dtype, b.dtype)));
}

/** Element-wise product with a 0-d operand (how `dot` and `inner` treat scalars). */
function scale(a: NDArray, b: NDArray): NDArray {
  const dtype = promoteTypes(a.dtype, b.dtype);
  const [scalar, array] = a.ndim === 0 ? [a.data[0], b] : [b.data[0], a];
  const out = allocate(array.size);
  const src = array.data;
  for (let i = 0; i < out.length; i++) out[i] = scalar * src[i];
  return finish(out, array.shape, dtype);
}

/** NumPy's `matmul` (the `@` operator), including stacks and 1-D operands. */
export function matmul(a: NDArray, b: NDArray): NDArray {
  if (a.im || b.im) return complexProduct(matmul, a, b);
  for (const [i, x] of [a, b].entries()) {
    if (x.ndim === 0) {
      throw new MatError(
        `matmul: Input operand ${i} does not have enough dimensions (has 0, gufunc core with signature ${MATMUL_SIGNATURE} requires 1)`,
      );
    }
  }
  const aVec = a.ndim === 1;
  const bVec = b.ndim === 1;
  const n = aVec ? 1 : a.shape[a.ndim - 2];
  const k = a.shape[a.ndim - 1];
  const kb = bVec ? b.shape[0] : b.shape[b.ndim - 2];
  const m = bVec ? 1 : b.shape[b.ndim - 1];
  if (kb !== k) {
    throw new MatError(
      `matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature ${MATMUL_SIGNATURE} (size ${kb} is different from ${k})`,
    );
  }
  const outCore = [...(aVec ? [] : [n]), ...(bVec ? [] : [m])];
  const aCore = aVec ? 1 : 2;
  const bCore = bVec ? 1 : 2;
  const batch = broadcastBatch(a, aCore, b, bCore, outCore);
  const dtype = promoteTypes(a.dtype, b.dtype);
  const count = shapeSize(batch);
  const out = allocate(count * n * m);
  const aBatch = a.shape.slice(0, a.ndim - aCore);
  const bBatch = b.shape.slice(0, b.ndim - bCore);
  if (shapeSize(bBatch) === 1 && shapeSize(aBatch) === count) {
    // One right operand for the whole stack: the stack is one tall matrix.
    gemm(a.data, 0, b.data, 0, out, 0, count * n, k, m);
  } else {
    const ai = batchIndices(batch, aBatch);
    const bi = batchIndices(batch, bBatch);
    for (let t = 0; t < count; t++) {
      if ((t & 1023) === 1023) checkDeadline();
      gemm(a.data, ai[t] * n * k, b.data, bi[t] * k * m, out, t * n * m, n, k, m);
    }
  }
  return finish(out, [...batch, ...outCore], dtype);
}

/** NumPy's `dot`: scalars multiply, otherwise sum over a's last axis and b's second-to-last. */
export function dot(a: NDArray, b: NDArray): NDArray {
  if (a.im || b.im) return complexProduct(dot, a, b);
  if (a.ndim === 0 || b.ndim === 0) return scale(a, b);
  const k = a.shape[a.ndim - 1];
  const bAxis = Math.max(b.ndim - 2, 0);
  const kb = b.shape[bAxis];
  if (kb !== k) {
    throw new MatError(
      `shapes ${shapeTextCompact(a.shape)} and ${shapeTextCompact(b.shape)} not aligned: ${k} (dim ${a.ndim - 1}) != ${kb} (dim ${bAxis})`,
    );
  }
  const rows = shapeSize(a.shape.slice(0, -1));
  const m = b.ndim === 1 ? 1 : b.shape[b.ndim - 1];
  const stacks = shapeSize(b.shape.slice(0, -2));
  let right = b.data;
  if (stacks > 1) {
    // Lay b's stack side by side as one k × (stacks·m) matrix, whose
    // product with a is already in dot's output order (rows, stack, m).
    right = allocate(k * stacks * m);
    const src = b.data;
    for (let q = 0; q < stacks; q++) {
      for (let p = 0; p < k; p++) {
        right.set(src.subarray((q * k + p) * m, (q * k + p + 1) * m), p * stacks * m + q * m);
      }
    }
  }
  const out = allocate(rows * stacks * m);
  gemm(a.data, 0, right, 0, out, 0, rows, k, stacks * m);
  const shape = [...a.shape.slice(0, -1), ...b.shape.slice(0, -2), ...(b.ndim >= 2 ? [m] : [])];
  return finish(out, shape, promoteTypes(a.dtype, b.dtype));
}

/** NumPy's `inner`: sums over the last axis of both operands. */
export function inner(a: NDArray, b: NDArray): NDArray {
  if (a.im || b.im) return complexProduct(inner, a, b);
  if (a.ndim === 0 || b.ndim === 0) return scale(a, b);
  const k = a.shape[a.ndim - 1];
  const kb = b.shape[b.ndim - 1];
  if (kb !== k) {
    // NumPy reports the mismatch on b with its last axis moved forward.
    const shown = [...b.shape];
    if (b.ndim >= 2) [shown[b.ndim - 2], shown[b.ndim - 1]] = [shown[b.ndim - 1], shown[b.ndim - 2]];
    throw new MatError(
      `shapes ${shapeTextCompact(a.shape)} and ${shapeTextCompact(shown)} not aligned: ${k} (dim ${a.ndim - 1}) != ${kb} (dim ${Math.max(b.ndim - 2, 0)})`,
    );
  }
  const rows = shapeSize(a.shape.slice(0, -1));
  const cols = shapeSize(b.shape.slice(0, -1));
  const out = allocate(rows * cols);
  gemmNT(a.data, 0, b.data, 0, out, 0, rows, k, cols);
  return finish(out, [...a.shape.slice(0, -1), ...b.shape.slice(0, -1)], promoteTypes(a.dtype, b.dtype));
}

/** NumPy's `outer`: both operands flattened, `out[i, j] = a[i]·b[j]`. */
export function outer(a: NDArray, b: NDArray): NDArray {
  if (a.im || b.im) return complexProduct(outer, a, b);
  const out = allocate(a.size * b.size);
  for (let i = 0; i < a.size; i++) {
    const x = a.data[i];
    const row = i * b.size;
    for (let j = 0; j < b.size; j++) out[row + j] = x * b.data[j];
  }
  return finish(out, [a.size, b.size], promoteTypes(a.dtype, b.dtype));
}

/** NumPy's `vdot` for real arrays: the dot product of the flattened operands. */
export function vdot(a: NDArray, b: NDArray): NDArray {
  // The first operand is conjugated.
  if (a.im || b.im) return complexProduct(vdot, a.im ? complexUnary('conjugate', a) : a, b);
  if (a.size !== b.size) {
    throw new MatError(`cannot reshape array of size ${b.size} into shape (${a.size},)`);
  }
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i] * b.data[i];
  return finish(Float64Array.of(s), [], promoteTypes(a.dtype, b.dtype));
}

/**
 * NumPy's `trace`: the sum along a diagonal (shifted by `offset`) of the
 * planes spanned by `axis1` and `axis2`. Ints and bools sum to int64.
 */
export function trace(a: NDArray, offset = 0, axis1 = 0, axis2 = 1): NDArray {
  if (a.ndim < 2) throw new MatError('diag requires an array of at least two dimensions');
  const ax1 = normalizeAxisNamed(axis1, a.ndim, 'axis1');
  const ax2 = normalizeAxisNamed(axis2, a.ndim, 'axis2');
  if (ax1 === ax2) throw new MatError('axis1 and axis2 cannot be the same');
  const strides = a.strides;
  const restAxes = a.shape.map((_, i) => i).filter((i) => i !== ax1 && i !== ax2);
  const restShape = restAxes.map((i) => a.shape[i]);
  const restStrides = restAxes.map((i) => strides[i]);
  // Diagonal elements (i, i + offset) that lie inside the plane.
  const start1 = Math.max(-offset, 0);
  const start2 = Math.max(offset, 0);
  const length = Math.max(0, Math.min(a.shape[ax1] - start1, a.shape[ax2] - start2));
  const base = start1 * strides[ax1] + start2 * strides[ax2];
  const step = strides[ax1] + strides[ax2];
  const count = shapeSize(restShape);
  const out = allocate(count);
  const counter = new Array<number>(restShape.length).fill(0);
  for (let t = 0; t < count; t++) {
    let pos = base;
    for (let d = 0; d < restShape.length; d++) pos += counter[d] * restStrides[d];
    let s = 0;
    for (let i = 0; i < length; i++) s += a.data[pos + i * step];
    out[t] = s;
    for (let d = restShape.length - 1; d >= 0; d--) {
      if (++counter[d] < restShape[d]) break;
      counter[d] = 0;
    }
  }
  // np.add.reduce's dtype: floats keep theirs, narrower ints widen to int64 (unsigned: uint64).
  const info = DTYPES[a.dtype];
  const dtype = info.kind === 'f' || info.itemsize === 8 ? a.dtype : info.kind === 'u' ? 'uint64' : 'int64';
  return finish(out, restShape, dtype);
}

/** `normalizeAxis` with NumPy's argument-name prefix (`axis2: axis 2 is out of bounds ...`). */
function normalizeAxisNamed(axis: number, ndim: number, name: string): number {
  try {
    return normalizeAxis(axis, ndim);
  } catch (e) {
    if (e instanceof MatError) throw new MatError(`${name}: ${e.message}`, e.pythonType);
    throw e;
  }
}
