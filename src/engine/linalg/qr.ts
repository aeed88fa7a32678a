/**
 * NumPy's `linalg.qr` through LAPACK's Householder QR as NumPy calls it:
 * `dgeqr2` (reflectors from `dlarfg`, β = −sign(α)·‖x‖) and `dorg2r` to
 * form Q. Following the same reflector convention gives NumPy's signs: R's
 * diagonal is negative where the column's leading entry is positive.
 * (LAPACK's blocked variants, used from 128 columns on, differ from these
 * in rounding only.) Work buffers are column-major, as LAPACK's.
 */
import { MatError } from '../errors';
import { allocate, checkDeadline } from '../limits';
import { NDArray, shapeSize } from '../ndarray';
import { transpose } from '../ops/shape';
import { assertStacked } from './common';

const SAFE_MIN = 2.2250738585072014e-308 / 2 ** -53;

/** `dnrm2` of `n` entries of `x` from `start`, scaled against overflow. */
function norm2(x: Float64Array, start: number, n: number): number {
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(x[start + i]));
  if (scale === 0 || !Number.isFinite(scale)) return scale;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = x[start + i] / scale;
    sum += v * v;
  }
  return scale * Math.sqrt(sum);
}

/** `dlapy2`: √(x² + y²) without overflow. */
function pythag(x: number, y: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  const w = Math.max(ax, ay);
  const z = Math.min(ax, ay);
  if (z === 0 || w > Number.MAX_VALUE) return w;
  return w * Math.sqrt(1 + (z / w) ** 2);
}

/**
 * `dlarfg`: the reflector H = I − τ·v·vᵀ (v₀ = 1) with H·[α; x] = [β; 0].
 * `x` is the `n − 1` entries of `a` from `start`, overwritten by v's tail;
 * returns [β, τ].
 */
export function reflector(alpha: number, a: Float64Array, start: number, n: number): [number, number] {
  if (n <= 1) return [alpha, 0];
  let xnorm = norm2(a, start, n - 1);
  if (xnorm === 0) return [alpha, 0];
  let beta = -Math.sign(alpha || 1) * pythag(alpha, xnorm);
  let rescaled = 0;
  if (Math.abs(beta) < SAFE_MIN) {
    // Tiny columns are scaled up (exactly, by powers of two) so τ keeps its precision.
    const up = 1 / SAFE_MIN;
    do {
      rescaled++;
      for (let i = 0; i < n - 1; i++) a[start + i] *= up;
      beta *= up;
      alpha *= up;
    } while (Math.abs(beta) < SAFE_MIN && rescaled < 20);
    xnorm = norm2(a, start, n - 1);
    beta = -Math.sign(alpha || 1) * pythag(alpha, xnorm);
  }
  const tau = (beta - alpha) / beta;
  const recip = 1 / (alpha - beta);
  for (let i = 0; i < n - 1; i++) a[start + i] *= recip;
  for (let k = 0; k < rescaled; k++) beta *= SAFE_MIN;
  return [beta, tau];
}

/**
 * `dlarf1f('Left')`: applies H = I − τ·v·vᵀ to the `rows × cols` block of
 * the column-major `c` (leading dimension `ld`) at (`r0`, `c0`); v is
 * `rows` entries of `a` from `vStart`, its first taken as 1.
 */
export function applyReflectorLeft(
  a: Float64Array,
  vStart: number,
  tau: number,
  c: Float64Array,
  ld: number,
  r0: number,
  c0: number,
  rows: number,
  cols: number,
): void {
  if (tau === 0) return;
  for (let j = 0; j < cols; j++) {
    const col = (c0 + j) * ld + r0;
    let w = c[col];
    for (let i = 1; i < rows; i++) w += c[col + i] * a[vStart + i];
    w *= tau;
    c[col] -= w;
    for (let i = 1; i < rows; i++) c[col + i] -= w * a[vStart + i];
  }
}

/** `dgeqr2` on the column-major m×n `a`: R on and above the diagonal, reflectors below; returns τ. */
export function householderQR(a: Float64Array, m: number, n: number): Float64Array {
  const k = Math.min(m, n);
  const tau = allocate(k);
  for (let i = 0; i < k; i++) {
    checkDeadline();
    const diag = i * m + i;
    const [beta, t] = reflector(a[diag], a, diag + 1, m - i);
    a[diag] = beta;
    tau[i] = t;
    if (i < n - 1) applyReflectorLeft(a, diag, t, a, m, i, i + 1, m - i, n - i - 1);
  }
  return tau;
}

/**
 * `dorg2r`: the first `cols` columns of Q = H₀·H₁·…·H_{k−1}, from the
 * reflectors in the column-major m×n `factored` (k = τ's length).
 */
export function formQ(factored: Float64Array, m: number, tau: Float64Array, cols: number): Float64Array {
  const k = tau.length;
  const q = allocate(m * cols);
  // The reflectors' columns, then the identity's columns after them.
  q.set(factored.subarray(0, m * Math.min(k, cols)));
  for (let j = k; j < cols; j++) q[j * m + j] = 1;
  for (let i = k - 1; i >= 0; i--) {
    checkDeadline();
    const diag = i * m + i;
    if (i < cols - 1) applyReflectorLeft(q, diag, tau[i], q, m, i, i + 1, m - i, cols - i - 1);
    for (let r = i + 1; r < m; r++) q[i * m + r] *= -tau[i];
    q[diag] = 1 - tau[i];
    for (let r = 0; r < i; r++) q[i * m + r] = 0;
  }
  return q;
}

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
    tauOut?.set(tau, t * k);
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
