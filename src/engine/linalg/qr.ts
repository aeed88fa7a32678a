/**
 * NumPy's `linalg.qr` through LAPACK's Householder QR as NumPy calls it:
 * `dgeqr2` (reflectors from `dlarfg`, β = −sign(α)·‖x‖) and `dorg2r` to
 * form Q, the ports in gesdd.ts with OpenBLAS's kernels, so R and Q are
 * NumPy's to the bit — the noise below a rank-deficient R's diagonal too.
 * (LAPACK's blocked variants, used from 128 columns on, differ from these
 * in rounding only.) Work buffers are column-major, as LAPACK's.
 */
import { MatError } from '../errors';
import { allocate } from '../limits';
import { NDArray, shapeSize } from '../ndarray';
import { transpose } from '../ops/shape';
import { assertStacked } from './common';
import { dgeqr2, dorg2r } from './gesdd';
import { setOpenBlasRounding } from './openblas';

/**
 * NumPy's `linalg.qr` result: `[Q, R]` (modes 'reduced', 'complete'), R
 * alone ('r'), `[h, tau]` ('raw'), the factored array ('economic').
 */
export type QRResult =
  | { mode: 'r' | 'economic'; array: NDArray }
  | { mode: 'raw' | 'reduced' | 'complete'; parts: [NDArray, NDArray] };

/** NumPy's `linalg.qr(a, mode)` for real stacks `(..., M, N)`. */
export function qr(a: NDArray, requested: string): QRResult {
  // NumPy still accepts its deprecated names (with a warning, which goes to stderr).
  const mode =
    requested === 'f' || requested === 'full' ? 'reduced' : requested === 'e' ? 'economic' : requested;
  if (!['reduced', 'complete', 'r', 'raw', 'economic'].includes(mode)) {
    throw new MatError(`Unrecognized mode '${requested}'`, 'ValueError');
  }
  assertStacked(a);
  const m = a.shape[a.ndim - 2];
  const n = a.shape[a.ndim - 1];
  const k = Math.min(m, n);
  const batch = a.shape.slice(0, -2);
  const count = shapeSize(batch);
  const qCols = mode === 'complete' && m > n ? m : k;
  const rRows = mode === 'r' ? k : qCols;
  const rOut = allocate(count * rRows * n);
  const qOut = mode === 'reduced' || mode === 'complete' ? allocate(count * m * qCols) : null;
  const raw = mode === 'raw' || mode === 'economic' ? allocate(count * m * n) : null;
  const tauOut = mode === 'raw' ? allocate(count * k) : null;
  const data = a.data;
  for (let t = 0; t < count; t++) {
    const work = allocate(m * n);
    const base = t * m * n;
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) work[j * m + i] = data[base + i * n + j];
    const tau = householderQR(work, m, n);
    const rBase = t * rRows * n;
    for (let i = 0; i < rRows; i++) for (let j = i; j < n; j++) rOut[rBase + i * n + j] = work[j * m + i];
    if (raw) raw.set(work, t * m * n);
    tauOut?.set(tau.subarray(1), t * k);
    if (qOut) {
      const q = formQ(work, m, tau, qCols);
      const qBase = t * m * qCols;
      for (let i = 0; i < m; i++) for (let j = 0; j < qCols; j++) qOut[qBase + i * qCols + j] = q[j * m + i];
    }
  }
  if (mode === 'r') return { mode, array: new NDArray(rOut, [...batch, k, n], 'float64') };
  if (raw) {
    // Each matrix is column-major here: as (..., n, m) it is LAPACK's array transposed.
    const columnMajor = new NDArray(raw, [...batch, n, m], 'float64');
    const d = batch.length;
    if (mode === 'economic') {
      const axes = [...Array(d).keys(), d + 1, d];
      return { mode, array: d === 0 ? transpose(columnMajor) : transpose(columnMajor, axes) };
    }
    // NumPy's raw h is LAPACK's array with the last two axes swapped: column-major as it is here.
    const h = columnMajor;
    return { mode: 'raw', parts: [h, new NDArray(tauOut!, [...batch, k], 'float64')] };
  }
  return {
    mode: mode as 'reduced' | 'complete',
    parts: [
      new NDArray(qOut!, [...batch, m, qCols], 'float64'),
      new NDArray(rOut, [...batch, rRows, n], 'float64'),
    ],
  };
}

/**
 * `dgeqr2` on the column-major m×n `a`: R on and above the diagonal,
 * reflectors below; returns τ, 1-based as LAPACK's (τ[1..k]).
 */
export function householderQR(a: Float64Array, m: number, n: number): Float64Array {
  const tau = allocate(Math.min(m, n) + 1);
  setOpenBlasRounding(true);
  dgeqr2(m, n, a, 0, m, tau, allocate(Math.max(n, 1)));
  return tau;
}

/** `dorg2r`: the first `cols` columns of Q from `householderQR`'s reflectors and τ. */
function formQ(factored: Float64Array, m: number, tau: Float64Array, cols: number): Float64Array {
  const k = tau.length - 1;
  const q = allocate(m * cols);
  q.set(factored.subarray(0, m * Math.min(k, cols)));
  setOpenBlasRounding(true);
  dorg2r(m, cols, k, q, 0, m, tau, allocate(Math.max(cols, 1)));
  return q;
}
