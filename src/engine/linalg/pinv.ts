/**
 * `pinv` and `matrix_rank`, both NumPy 2.4's algorithms on top of the
 * Jacobi SVD: singular values at or below a cutoff relative to the
 * largest count as zero.
 */
import { MatError } from '../errors';
import { allocate } from '../limits';
import { NDArray } from '../ndarray';
import { assertStacked, assertStackedSquare, mapMatrices } from './common';
import { gemm } from './gemm';
import { svdFactors } from './svd';

const EPS = 2 ** -52;

/** NumPy's default `rcond` of `pinv` (when neither `rcond` nor `rtol` is given). */
export const PINV_DEFAULT_RCOND = 1e-15;

/**
 * `hermitian=True` in NumPy goes through `eigh`, which reads only the lower
 * triangle; mirroring it gives the same matrix the SVD then works on.
 */
function lowerSymmetric(data: Float64Array, offset: number, n: number): Float64Array {
  const out = allocate(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const v = data[offset + i * n + j];
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}

/**
 * NumPy's `linalg.pinv(a, rcond=None, hermitian=False, *, rtol)`:
 * `V·diag(1/s)·Uᵀ` over the singular values `s > rcond·max(s)`. Without
 * `rcond` and `rtol` the cutoff is NumPy's 1e-15; `rtol: null` asks for the
 * array-API default `max(M, N)·eps`. Stacks too; float64 result.
 */
export function pinv(a: NDArray, rcond?: number | null, hermitian = false, rtol?: number | null): NDArray {
  assertStacked(a);
  const rows = a.shape[a.ndim - 2];
  const cols = a.shape[a.ndim - 1];
  // eigh, which NumPy uses for hermitian=True, accepts only square matrices.
  if (hermitian) assertStackedSquare(a);
  if (rcond != null && rtol !== undefined) throw new MatError("`rtol` and `rcond` can't be both set.");
  const relative = rcond ?? (rtol === undefined ? PINV_DEFAULT_RCOND : (rtol ?? Math.max(rows, cols) * EPS));
  return mapMatrices(a, [cols, rows], (data, offset, _r, _c, out, outOffset) => {
    const src = hermitian ? lowerSymmetric(data, offset, rows) : data;
    const f = svdFactors(src, hermitian ? 0 : offset, rows, cols, true);
    const p = f.s.length;
    if (p === 0) return;
    if (Number.isNaN(f.s[0])) {
      // An infinite input: NumPy's product of NaN factors is NaN throughout.
      out.fill(Number.NaN, outOffset, outOffset + rows * cols);
      return;
    }
    const cutoff = relative * f.s[0];
    let kept = 0;
    while (kept < p && f.s[kept] > cutoff) kept++;
    // out (cols × rows) = Vhᵀ[:, :kept] · (diag(1/s) · Uᵀ)[:kept, :], like NumPy's matmul.
    const v = allocate(cols * kept);
    for (let j = 0; j < kept; j++) {
      for (let i = 0; i < cols; i++) v[i * kept + j] = f.vh![j * cols + i];
    }
    const su = allocate(kept * rows);
    for (let j = 0; j < kept; j++) {
      const inv = 1 / f.s[j];
      for (let l = 0; l < rows; l++) su[j * rows + l] = inv * f.uT![j * rows + l];
    }
    gemm(v, 0, su, 0, out, outOffset, cols, kept, rows);
  });
}

/**
 * NumPy's `linalg.matrix_rank(A, tol=None, hermitian=False, *, rtol=None)`:
 * the number of singular values above `tol` (default `S.max() · rtol`,
 * `rtol` defaulting to `max(M, N) · eps`). An int64 scalar for a
 * matrix, an int64 array for a stack; 0 or 1 for a vector or scalar.
 */
export function matrixRank(
  a: NDArray,
  tol?: number | null,
  hermitian = false,
  rtol?: number | null,
): NDArray {
  if (tol != null && rtol != null) throw new MatError("`tol` and `rtol` can't be both set.");
  if (a.ndim < 2) {
    let any = 0;
    for (let i = 0; i < a.size; i++) {
      if (a.data[i] !== 0) {
        any = 1;
        break;
      }
    }
    return NDArray.scalar(any, 'int64');
  }
  if (hermitian) assertStackedSquare(a);
  const rows = a.shape[a.ndim - 2];
  const cols = a.shape[a.ndim - 1];
  const relative = rtol ?? Math.max(rows, cols) * EPS;
  return mapMatrices(
    a,
    [],
    (data, offset, _r, _c, out, outOffset) => {
      const src = hermitian ? lowerSymmetric(data, offset, rows) : data;
      const s = svdFactors(src, hermitian ? 0 : offset, rows, cols, false).s;
      const limit = tol ?? (s.length > 0 ? s[0] : 0) * relative;
      let rank = 0;
      for (const x of s) if (x > limit) rank++;
      out[outOffset] = rank;
    },
    'int64',
  );
}
