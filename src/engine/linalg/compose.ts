/**
 * The functions of `numpy.linalg` that NumPy itself builds from other ones,
 * following `numpy/linalg/_linalg.py` step by step: `matrix_power` (its
 * binary decomposition, so the products and their rounding are NumPy's),
 * `multi_dot` (its cheapest-order search), `cond`, `lstsq`, and `svd`
 * of a symmetric matrix (`hermitian=True`) from its eigendecomposition.
 */
import { MatError } from '../errors';
import { allocate, checkDeadline } from '../limits';
import { NDArray, shapeSize } from '../ndarray';
import { eye } from '../ops/create';
import { assertStacked, assertStackedSquare, linAlgError } from './common';
import { eigh, eigvalsh } from './eigh';
import { at, dlarf, svdLapack } from './gesdd';
import { inv } from './lu';
import { type NormOrder, norm } from './norm';
import { dot, matmul } from './products';
import { householderQR } from './qr';
import { svdFactors } from './svd';

/** NumPy's `linalg.matrix_power(a, n)`: `a` itself for n = 1, as NumPy returns it. */
export function matrixPower(a: NDArray, n: number): NDArray {
  assertStackedSquare(a);
  if (n === 0) {
    const size = a.shape[a.ndim - 1];
    const one = eye(size, null, 0, a.dtype);
    const out = allocate(a.size);
    for (let t = 0; t < a.size; t += one.size) out.set(one.data, t);
    return new NDArray(out, [...a.shape], a.dtype);
  }
  let base = a;
  if (n < 0) {
    base = inv(a);
    n = -n;
  }
  if (n === 1) return base;
  if (n === 2) return matmul(base, base);
  if (n === 3) return matmul(matmul(base, base), base);
  let z: NDArray | undefined;
  let result: NDArray | undefined;
  while (n > 0) {
    checkDeadline();
    z = z === undefined ? base : matmul(z, z);
    const bit = n % 2;
    n = Math.floor(n / 2);
    if (bit) result = result === undefined ? z : matmul(result, z);
  }
  return result!;
}

function assertTwoDimensional(a: NDArray): void {
  if (a.ndim !== 2) throw linAlgError(`${a.ndim}-dimensional array given. Array must be two-dimensional`);
}

/** NumPy's `linalg.multi_dot(arrays)`: the product in the order with the fewest multiplications. */
export function multiDot(arrays: readonly NDArray[]): NDArray {
  const n = arrays.length;
  if (n < 2) throw new MatError('Expecting at least two arrays.', 'ValueError');
  if (n === 2) return dot(arrays[0], arrays[1]);
  const first = arrays[0].ndim;
  const last = arrays[n - 1].ndim;
  const chain = [...arrays];
  if (first === 1) chain[0] = new NDArray(chain[0].data, [1, chain[0].size], chain[0].dtype);
  if (last === 1) chain[n - 1] = new NDArray(chain[n - 1].data, [chain[n - 1].size, 1], chain[n - 1].dtype);
  for (const a of chain) assertTwoDimensional(a);
  let result: NDArray;
  if (n === 3) {
    const [a, b, c] = chain;
    const cost1 = a.shape[0] * c.shape[0] * (a.shape[1] + c.shape[1]);
    const cost2 = a.shape[1] * c.shape[1] * (a.shape[0] + c.shape[0]);
    result = cost1 < cost2 ? dot(dot(a, b), c) : dot(a, dot(b, c));
  } else {
    const order = chainOrder(chain);
    const product = (i: number, j: number): NDArray =>
      i === j ? chain[i] : dot(product(i, order[i][j]), product(order[i][j] + 1, j));
    result = product(0, n - 1);
  }
  if (first === 1 && last === 1) return new NDArray(Float64Array.of(result.data[0]), [], result.dtype);
  if (first === 1 || last === 1) return new NDArray(result.data, [result.size], result.dtype);
  return result;
}

/** The matrix-chain order NumPy computes: `order[i][j]` splits the product of arrays i..j. */
function chainOrder(chain: readonly NDArray[]): number[][] {
  const n = chain.length;
  const dims = [...chain.map((a) => a.shape[0]), chain[n - 1].shape[1]];
  const cost = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const order = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let l = 1; l < n; l++) {
    for (let i = 0; i < n - l; i++) {
      const j = i + l;
      cost[i][j] = Number.POSITIVE_INFINITY;
      for (let k = i; k < j; k++) {
        const q = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1];
        if (q < cost[i][j]) {
          cost[i][j] = q;
          order[i][j] = k;
        }
      }
    }
  }
  return order;
}

/**
 * NumPy's `linalg.cond(x, p=None)`: σ_max/σ_min for p = None, 2, −2 (the
 * reverse), otherwise ‖x‖·‖x⁻¹‖ in that norm; a singular matrix gives inf
 * (NaN only when x holds a NaN).
 */
export function cond(x: NDArray, p: NormOrder): NDArray {
  assertStacked(x);
  const rows = x.shape[x.ndim - 2];
  const cols = x.shape[x.ndim - 1];
  if (rows === 0 || cols === 0) throw linAlgError('cond is not defined on empty arrays');
  const batch = x.shape.slice(0, -2);
  const count = shapeSize(batch);
  const out = allocate(count);
  const byValues = p === null || p === 2 || p === -2;
  if (!byValues) assertStackedSquare(x);
  for (let t = 0; t < count; t++) {
    const offset = t * rows * cols;
    if (byValues) {
      // NumPy's svd(compute_uv=False), whose last value is LAPACK's, not an exact 0.
      const matrix = new NDArray(x.data.slice(offset, offset + rows * cols), [rows, cols], 'float64');
      const s = (svdLapack(matrix, false, false) as NDArray).data;
      out[t] = p === -2 ? s[s.length - 1] / s[0] : s[0] / s[s.length - 1];
    } else {
      const matrix = new NDArray(x.data.slice(offset, offset + rows * cols), [rows, cols], 'float64');
      let inverse: NDArray | undefined;
      try {
        inverse = inv(matrix);
      } catch (error) {
        // NumPy ignores the singular inverse's error: its NaNs make the result inf below.
        if (!(error instanceof MatError && error.pythonType === 'LinAlgError')) throw error;
      }
      out[t] = inverse ? norm(matrix, p, [-2, -1]).data[0] * norm(inverse, p, [-2, -1]).data[0] : Number.NaN;
    }
    if (Number.isNaN(out[t]) && !x.data.subarray(offset, offset + rows * cols).some(Number.isNaN)) {
      out[t] = Number.POSITIVE_INFINITY;
    }
  }
  return new NDArray(out, batch, 'float64');
}

/** NumPy's `linalg.lstsq` result: solution, residuals, rank and singular values. */
export interface LeastSquares {
  readonly x: NDArray;
  readonly residuals: NDArray;
  readonly rank: number;
  readonly s: NDArray;
}

/**
 * NumPy's `linalg.lstsq(a, b, rcond=None)`: the minimum-norm least-squares
 * solution, as LAPACK's `dgelsd` defines it — singular values at or below
 * `rcond·σ_max` count as zero (default rcond: eps·max(M, N)). Residuals (the
 * squared 2-norm of each column of b − a·x) exist only when the rank is N
 * and M > N; they are the tail of Qᵀb from a Householder QR, as LAPACK's
 * orthogonal transformations give them, not a cancelling difference.
 */
export function lstsq(a: NDArray, b: NDArray, rcond: number | null): LeastSquares {
  const vector = b.ndim === 1;
  const rhs = vector ? new NDArray(b.data, [b.size, 1], b.dtype) : b;
  assertTwoDimensional(a);
  assertTwoDimensional(rhs);
  const [m, n] = a.shape;
  const [m2, k] = rhs.shape;
  if (m !== m2) throw linAlgError('Incompatible dimensions');
  const cutoffRatio = rcond === null ? 2 ** -52 * Math.max(m, n) : rcond < 0 ? 2 ** -52 : rcond;
  const p = Math.min(m, n);
  const { s, uT, vh } =
    p > 0 ? svdFactors(a.data, 0, m, n, true) : { s: allocate(0), uT: allocate(0), vh: allocate(0) };
  const cutoff = cutoffRatio * (p > 0 ? s[0] : 0);
  let rank = 0;
  while (rank < p && s[rank] > cutoff) rank++;
  const x = allocate(n * k);
  const coefficient = allocate(rank);
  for (let c = 0; c < k; c++) {
    checkDeadline();
    for (let i = 0; i < rank; i++) {
      let sum = 0;
      for (let r = 0; r < m; r++) sum += uT![i * m + r] * rhs.data[r * k + c];
      coefficient[i] = sum / s[i];
    }
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let i = 0; i < rank; i++) sum += vh![i * n + j] * coefficient[i];
      x[j * k + c] = sum;
    }
  }
  let residuals = new NDArray(allocate(0), [0], 'float64');
  if (rank === n && m > n) {
    // Qᵀ applied to each column of b; what falls below row N is the residual.
    const work = allocate(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) work[j * m + i] = a.data[i * n + j];
    const tau = householderQR(work, m, n);
    const columns = allocate(m * k);
    for (let r = 0; r < m; r++) for (let c = 0; c < k; c++) columns[c * m + r] = rhs.data[r * k + c];
    const scratch = allocate(Math.max(k, 1));
    for (let i = 1; i <= n; i++) {
      dlarf(true, m - i + 1, k, work, at(0, m, i, i), 1, tau[i], columns, at(0, m, i, 1), m, scratch);
    }
    const sums = allocate(k);
    for (let c = 0; c < k; c++) for (let r = n; r < m; r++) sums[c] += columns[c * m + r] ** 2;
    residuals = new NDArray(sums, [k], 'float64');
  }
  return {
    x: new NDArray(x, vector ? [n] : [n, k], 'float64'),
    residuals,
    rank,
    s: new NDArray(s, [p], 'float64'),
  };
}

/**
 * NumPy's `linalg.svd(a, hermitian=True)`: from `eigh`, singular values
 * |λ| in descending order (NumPy reverses an ascending argsort, so equal
 * values come last index first), U the eigenvectors in that order, and
 * Vh = (U·sign(λ))ᵀ. Without vectors, the sorted |λ| of `eigvalsh`.
 */
export function svdHermitian(
  a: NDArray,
  computeUV: boolean,
): { u: NDArray; s: NDArray; vh: NDArray } | NDArray {
  assertStackedSquare(a);
  const n = a.shape[a.ndim - 1];
  if (!computeUV) {
    const values = eigvalsh(a);
    const out = allocate(values.size);
    for (let t = 0; t < values.size; t += n) {
      const sorted = Array.from(values.data.subarray(t, t + n), Math.abs).sort((x, y) => x - y);
      for (let i = 0; i < n; i++) out[t + i] = sorted[n - 1 - i];
    }
    return new NDArray(out, values.shape, 'float64');
  }
  const { values, vectors } = eigh(a);
  const s = allocate(values.size);
  const u = allocate(vectors.size);
  const vh = allocate(vectors.size);
  for (let t = 0; t < values.size / Math.max(n, 1); t++) {
    const lambda = values.data.subarray(t * n, (t + 1) * n);
    // A stable ascending order of |λ|, read backwards.
    const ascending = [...Array(n).keys()].sort((i, j) => Math.abs(lambda[i]) - Math.abs(lambda[j]) || i - j);
    const order = ascending.reverse();
    for (let k = 0; k < n; k++) {
      const from = order[k];
      s[t * n + k] = Math.abs(lambda[from]);
      const sign = Math.sign(lambda[from]);
      for (let r = 0; r < n; r++) {
        const value = vectors.data[t * n * n + r * n + from];
        u[t * n * n + r * n + k] = value;
        vh[t * n * n + k * n + r] = value * sign;
      }
    }
  }
  return {
    u: new NDArray(u, vectors.shape, 'float64'),
    s: new NDArray(s, values.shape, 'float64'),
    vh: new NDArray(vh, vectors.shape, 'float64'),
  };
}
