/**
 * `np.random.multivariate_normal` (the legacy RandomState) and
 * `Generator.multivariate_normal`, as NumPy computes them
 * (numpy/random/mtrand.pyx and _generator.pyx): standard normal draws in the
 * shape `size + (N,)`, seen as rows of N, times a factor A of the
 * covariance with AᵀA = cov, plus the mean.
 *
 * - legacy: `(u, s, v) = svd(cov)`, `x = dot(x, sqrt(s)[:, None] * v)`, `x += mean`;
 * - Generator: `x = mean + x @ factor.T`, the factor `u * sqrt(s)` (svd, the
 *   default), `u * sqrt(abs(s))` (eigh) or `cholesky(cov)`.
 *
 * The draws are NumPy's, and so are the factors for small covariances
 * (svd is bit-exact up to 25×25: ../linalg/gesdd.ts). The product's
 * last bits depend on the BLAS: NumPy hands it to OpenBLAS, whose AVX-512
 * kernels sum each element with fused multiply-adds. `blasProduct` below
 * follows the kernels NumPy's calls reach (see there).
 */
import { fma } from '../../nn/log1p';
import { MatError } from '../errors';
import { allocate, tick } from '../limits';
import { cholesky, eigh, svdLapack } from '../linalg';
import { dgemm, dgemvN, dgemvT, setOpenBlasRounding } from '../linalg/openblas';
import { NDArray, shapeSize } from '../ndarray';
import { astype } from '../ops';
import { isArray, type Value } from '../values';
import { optional, required, toArray, toNumber } from './convert';
import type { BoundArgs } from './registry';
import { sizeShape } from './sampling';

export type FactorMethod = 'svd' | 'eigh' | 'cholesky';

const METHODS: readonly FactorMethod[] = ['svd', 'eigh', 'cholesky'];

/** Generator's `method=`: checked before anything else, as NumPy does. */
export function factorMethod(value: Value | undefined): FactorMethod {
  if (value === undefined) return 'svd';
  const text = !isArray(value) && value.kind === 'string' ? value.value : undefined;
  const found = METHODS.find((m) => m === text);
  if (!found) throw new MatError("method must be one of {'eigh', 'svd', 'cholesky'}", 'ValueError');
  return found;
}

/**
 * The whole draw. `draw` gives one standard normal value (legacy_gauss or
 * the ziggurat); `legacy` picks mtrand's product and mean (`dot(x, A)`,
 * then `+= mean`) over the Generator's (`mean + x @ factor.T`).
 */
export function multivariateNormal(
  args: BoundArgs,
  draw: () => number,
  how: { legacy: true } | { legacy: false; method: FactorMethod },
): NDArray {
  const mean = toArray(required(args, 'mean'), 'mean');
  const cov = toArray(required(args, 'cov'), 'cov');
  if (mean.ndim !== 1) throw new MatError('mean must be 1 dimensional', 'ValueError');
  if (cov.ndim !== 2 || cov.shape[0] !== cov.shape[1]) {
    throw new MatError('cov must be 2 dimensional and square', 'ValueError');
  }
  const n = mean.shape[0];
  if (n !== cov.shape[0]) throw new MatError('mean and cov must have same length', 'ValueError');
  const finalShape = [...samplesShape(optional(args, 'size')), n];

  // x = standard_normal(final_shape).reshape(-1, N)
  const x = allocate(shapeSize(finalShape));
  for (let i = 0; i < x.length; i++) {
    tick();
    x[i] = draw();
  }
  const rows = n === 0 ? 0 : x.length / n;

  const covariance = astype(cov, 'float64');
  const checkValid = optional(args, 'check_valid');
  const mode =
    checkValid === undefined
      ? 'warn'
      : !isArray(checkValid) && checkValid.kind === 'string'
        ? checkValid.value
        : '';
  const tolValue = optional(args, 'tol');
  const tol = tolValue === undefined ? 1e-8 : toNumber(tolValue, 'tol');
  const method = how.legacy ? 'svd' : how.method;

  // The factor F with x·Fᵀ the samples (legacy: A = sqrt(s)[:, None] * v, used as x·A, so F = Aᵀ).
  let factor: Float64Array;
  let psd = true;
  if (method === 'cholesky') {
    factor = cholesky(covariance).data;
  } else if (method === 'eigh') {
    const { values, vectors } = eigh(covariance);
    factor = scaledColumns(vectors.data, values.data, n, true);
    psd = !values.data.some((s) => s < -tol);
  } else {
    const { u, s, vh } = svdLapack(covariance);
    if (mode !== 'ignore') psd = reconstructsCovariance(vh.data, s.data, covariance.data, n, tol);
    factor = how.legacy ? legacyFactor(vh.data, s.data, n) : scaledColumns(u.data, s.data, n, false);
  }
  // Cholesky has checked the matrix itself; check_valid is not even read then.
  if (mode !== 'ignore' && method !== 'cholesky') {
    if (mode !== 'warn' && mode !== 'raise') {
      throw new MatError("check_valid must equal 'warn', 'raise', or 'ignore'", 'ValueError');
    }
    // 'warn' is a RuntimeWarning on stderr, which the playground does not show.
    if (!psd && mode === 'raise') {
      throw new MatError('covariance is not symmetric positive-semidefinite.', 'ValueError');
    }
  }

  const out = allocate(x.length);
  blasProduct(x, rows, n, factor, out, how.legacy);
  const shift = astype(mean, 'float64').data;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < n; j++) out[r * n + j] += shift[j];
  }
  return new NDArray(out, finalShape, 'float64');
}

/** `size`: None gives one sample, an int a row of them, a tuple or list their shape. */
function samplesShape(size: Value | undefined): number[] {
  if (size !== undefined && isArray(size) && size.ndim === 0 && size.dtype === 'float64') {
    // list(size[:]) on a float (Python 3.11's message for the slice).
    throw new MatError("'float' object is unsliceable", 'TypeError');
  }
  return sizeShape(size) ?? [];
}

/** Fᵀ = sqrt(s)[:, None] * v, i.e. F[j][i] = sqrt(s[i])·v[i][j] (mtrand's factor, transposed). */
function legacyFactor(v: Float64Array, s: Float64Array, n: number): Float64Array {
  const f = allocate(n * n);
  for (let i = 0; i < n; i++) {
    const root = Math.sqrt(s[i]);
    for (let j = 0; j < n; j++) f[j * n + i] = root * v[i * n + j];
  }
  return f;
}

/** u * sqrt(s) (or sqrt(abs(s)), as eigh's factor takes it): column j scaled by sqrt(s[j]). */
function scaledColumns(u: Float64Array, s: Float64Array, n: number, absolute: boolean): Float64Array {
  const f = allocate(n * n);
  for (let j = 0; j < n; j++) {
    const root = Math.sqrt(absolute ? Math.abs(s[j]) : s[j]);
    for (let i = 0; i < n; i++) f[i * n + j] = u[i * n + j] * root;
  }
  return f;
}

/**
 * `np.allclose(np.dot(v.T * s, v), cov, rtol=tol, atol=tol)`: does
 * Vᵀ·diag(s)·V give the covariance back? (It does not for a matrix that is
 * not symmetric positive-semidefinite.) NaN never counts as close.
 */
function reconstructsCovariance(
  v: Float64Array,
  s: Float64Array,
  cov: Float64Array,
  n: number,
  tol: number,
): boolean {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum = fma(v[k * n + i] * s[k], v[k * n + j], sum);
      const want = cov[i * n + j];
      if (sum === want) continue;
      if (!(Math.abs(sum - want) <= tol + tol * Math.abs(want))) return false;
    }
  }
  return true;
}

/** OpenBLAS 0.3's `dgemm_small_kernel_permit` (SkylakeX) for the transposed-A case NumPy's `x @ F.T` reaches. */
function smallTransposedKernel(m: number, n: number, k: number): boolean {
  return m * n * k <= 1e6 && m * n <= 1200 && k >= 32;
}

/**
 * out (rows×n) := x (rows×n) · Fᵀ, each element Σₗ x[r][l]·F[j][l], summed as
 * NumPy's BLAS calls sum it on an AVX-512 machine (NumPy 2.4's OpenBLAS 0.3.31):
 * - n = 1: one product per element (NumPy multiplies by a scalar);
 * - one row: a matrix-vector product, `dgemv_n` for legacy `dot(x, A)` (A
 *   C-ordered, transposed by cblas) and `dgemv_t` for the Generator's
 *   `x @ factor.T` (a vector-matrix matmul);
 * - more rows: `dgemm`, NN for legacy `dot` (the small-matrix kernel up to
 *   10⁶ multiply-adds) and TN for `@` with the transposed factor, whose
 *   small kernel OpenBLAS only takes for k ≥ 32 and at most 1200 outputs
 *   per column block; elsewhere its blocked kernel sums each element as one
 *   chain of fused multiply-adds along l (checked against NumPy up to
 *   n = 40; above 256 OpenBLAS splits l into blocks and the last bits may
 *   differ).
 */
function blasProduct(
  x: Float64Array,
  rows: number,
  n: number,
  f: Float64Array,
  out: Float64Array,
  legacy: boolean,
): void {
  if (rows === 0 || n === 0) return;
  if (n === 1) {
    for (let r = 0; r < rows; r++) out[r] = x[r] * f[0];
    return;
  }
  setOpenBlasRounding(true);
  if (rows === 1) {
    const y = allocate(n);
    // Column-major, F's rows are the columns: dgemv_t sums down each row of F; dgemv_n takes Fᵀ's columns.
    if (legacy) {
      const ft = allocate(n * n);
      for (let i = 0; i < n; i++) for (let l = 0; l < n; l++) ft[l * n + i] = f[i * n + l];
      dgemvN(n, n, ft, 0, n, x, 0, 1, y);
    } else dgemvT(n, n, f, 0, n, x, 0, 1, y);
    out.set(y);
    return;
  }
  if (legacy) {
    // Column-major C (n×rows) = A'(n×n) · X (n×rows) with A'(j, l) = F[j][l]: A' is Fᵀ read row-major.
    const ft = allocate(n * n);
    for (let j = 0; j < n; j++) for (let l = 0; l < n; l++) ft[l * n + j] = f[j * n + l];
    dgemm(n, rows, n, ft, 0, n, x, 0, n, out, 0, n);
    return;
  }
  if (smallTransposedKernel(n, rows, n)) {
    transposedSmallKernel(x, rows, n, f, out);
    return;
  }
  for (let r = 0; r < rows; r++) {
    if ((r & 255) === 255) tick();
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let l = 0; l < n; l++) s = fma(f[j * n + l], x[r * n + l], s);
      out[r * n + j] = s;
    }
  }
}

/**
 * OpenBLAS's `dgemm_small_kernel_tn` (SkylakeX), column-major M = n output
 * columns by N = rows: eight lanes of fused multiply-adds along l (lane
 * l mod 8), then a reduction whose order depends on the output's tile:
 * columns in groups of four, or rows in groups of four, reduce by permutes
 * (REDUCE_4); the rest by `_mm512_reduce_add_pd`.
 */
function transposedSmallKernel(
  x: Float64Array,
  rows: number,
  n: number,
  f: Float64Array,
  out: Float64Array,
): void {
  const lanes = new Float64Array(8);
  const m4 = n & ~3;
  const rows4 = rows & ~3;
  for (let j = 0; j < n; j++) {
    for (let r = 0; r < rows; r++) {
      lanes.fill(0);
      for (let l = 0; l < n; l++) lanes[l & 7] = fma(f[j * n + l], x[r * n + l], lanes[l & 7]);
      const permuted = j < m4 || r < rows4;
      out[r * n + j] = permuted
        ? lanes[0] + lanes[1] + (lanes[2] + lanes[3]) + (lanes[4] + lanes[5] + (lanes[6] + lanes[7]))
        : lanes[0] + lanes[4] + (lanes[2] + lanes[6]) + (lanes[1] + lanes[5] + (lanes[3] + lanes[7]));
    }
  }
}
