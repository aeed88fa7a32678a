/**
 * Singular value decomposition by one-sided Jacobi (Hestenes) rotations.
 *
 * Why Jacobi: it is short, needs no bidiagonalisation, and is at least as
 * accurate as LAPACK's bidiagonal methods (singular values to eps·‖A‖ or
 * better), so the rank decisions of `matrix_rank` and `pinv`, which compare
 * singular values with a cutoff, come out as NumPy's on rank-deficient and
 * ill-conditioned matrices (Hilbert, Vandermonde, outer products).
 * Its cost is 8–12 sweeps of O(p²·L) work (p = min(M, N), L = max(M, N)):
 * about 50 ms for 100×100 with vectors, 0.4 s for 200×200, a few seconds
 * at 400×400; the time limit stops larger ones.
 */
import { allocate, checkDeadline, reserve } from '../limits';
import { NDArray, shapeSize } from '../ndarray';
import { assertStacked, linAlgError } from './common';
import { type SimdKernel, simdKernel } from './wasm';

const EPS = 2 ** -52;
const MAX_SWEEPS = 60;

/**
 * One matrix's SVD, `A = U·diag(s)·Vh`, in the reduced form: `s` descending
 * (length p = min(rows, cols)), `uT` = Uᵀ (p × rows) and `vh` (p × cols),
 * both row-major. `uT`/`vh` are null when only the values were asked for.
 * Rows of a factor that belong to a zero singular value are zero here.
 */
export interface SvdFactors {
  readonly s: Float64Array;
  readonly uT: Float64Array | null;
  readonly vh: Float64Array | null;
  readonly rows: number;
  readonly cols: number;
}

/** The reduced SVD of the `rows × cols` block of `data` at `offset`. */
export function svdFactors(
  data: Float64Array,
  offset: number,
  rows: number,
  cols: number,
  vectors: boolean,
): SvdFactors {
  const tall = rows >= cols;
  const p = Math.min(rows, cols);
  const len = Math.max(rows, cols);
  // g holds p rows of length `len`: the columns of A when A is tall, its rows
  // otherwise; Jacobi rotations make these rows mutually orthogonal. With
  // WebAssembly, g and q live in the SIMD kernel's memory (only while this
  // function runs: nothing returned points into it).
  const qSize = vectors ? p * p : 0;
  const kernel = simdKernel((p * len + qSize) * 8);
  if (kernel) reserve(p * len + qSize);
  const g = kernel ? kernel.f64.subarray(0, p * len) : allocate(p * len);
  let maxAbs = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = data[offset + i * cols + j];
      if (tall) g[j * len + i] = v;
      else g[i * len + j] = v;
      const av = Math.abs(v);
      if (av > maxAbs) maxAbs = av;
      // LAPACK fails on NaN, which NumPy reports as non-convergence.
      if (Number.isNaN(v)) throw linAlgError('SVD did not converge');
    }
  }
  if (maxAbs === Number.POSITIVE_INFINITY) {
    // LAPACK returns NaN for everything when the input holds an infinity.
    const nan = (n: number) => allocate(n).fill(Number.NaN);
    return { s: nan(p), uT: vectors ? nan(p * rows) : null, vh: vectors ? nan(p * cols) : null, rows, cols };
  }
  // Scale by a power of two (exact) so squared norms neither overflow nor underflow.
  const scale = maxAbs > 0 ? 2 ** Math.min(1000, -Math.floor(Math.log2(maxAbs))) : 1;
  if (scale !== 1) for (let i = 0; i < g.length; i++) g[i] *= scale;
  const q = vectors
    ? kernel
      ? kernel.f64.subarray(p * len, p * len + qSize).fill(0)
      : allocate(qSize)
    : null;
  if (q) for (let i = 0; i < p; i++) q[i * p + i] = 1;

  rotate(g, q, p, len, kernel);

  const norms = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let ss = 0;
    for (let i = 0; i < len; i++) ss += g[j * len + i] * g[j * len + i];
    norms[j] = Math.sqrt(ss);
  }
  const order = Array.from({ length: p }, (_, j) => j).sort((x, y) => norms[y] - norms[x] || x - y);
  const s = allocate(p);
  for (let j = 0; j < p; j++) s[j] = norms[order[j]] / scale;
  if (!vectors || !q) return { s, uT: null, vh: null, rows, cols };

  // The long factor: rotated rows normalised; the short factor: accumulated rotations.
  const long = allocate(p * len);
  const short = allocate(p * p);
  for (let j = 0; j < p; j++) {
    const src = order[j];
    const nj = norms[src];
    if (nj > 0) for (let i = 0; i < len; i++) long[j * len + i] = g[src * len + i] / nj;
    short.set(q.subarray(src * p, (src + 1) * p), j * p);
  }
  return tall ? { s, uT: long, vh: short, rows, cols } : { s, uT: short, vh: long, rows, cols };
}

/**
 * Sweeps of pairwise rotations of the rows of g (p × len), mirrored on q (p × p).
 * Squared row norms are cached and updated after each rotation, so that a
 * pair that needs no rotation costs one dot product; they are recomputed
 * at each sweep, and for a row whose norm just shrank (cancellation).
 * The dot products and rotations run in the SIMD kernel when there is one
 * (about 3× faster), else in plain loops.
 */
function rotate(
  g: Float64Array,
  q: Float64Array | null,
  p: number,
  len: number,
  kernel: SimdKernel | null,
): void {
  const tol = Math.sqrt(len) * EPS;
  const gAt = (r: number) => g.byteOffset + r * len * 8;
  const qAt = (r: number) => (q ? q.byteOffset + r * p * 8 : 0);
  const dot = kernel
    ? (j: number, k: number) => kernel.dot(gAt(j), gAt(k), len)
    : (j: number, k: number) => {
        let sum = 0;
        for (let i = 0, x = j * len, y = k * len; i < len; i++) sum += g[x + i] * g[y + i];
        return sum;
      };
  const turn = kernel
    ? (j: number, k: number, c: number, s: number) => {
        kernel.rot(gAt(j), gAt(k), len, c, s);
        if (q) kernel.rot(qAt(j), qAt(k), p, c, s);
      }
    : (j: number, k: number, c: number, s: number) => {
        turnRows(g, j * len, k * len, len, c, s);
        if (q) turnRows(q, j * p, k * p, p, c, s);
      };
  const sq = new Float64Array(p);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let rotated = false;
    for (let j = 0; j < p; j++) sq[j] = dot(j, j);
    for (let j = 0; j < p - 1; j++) {
      checkDeadline();
      for (let k = j + 1; k < p; k++) {
        const alpha = sq[j];
        const beta = sq[k];
        const gamma = dot(j, k);
        if (gamma === 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
        rotated = true;
        // Rutishauser's stable rotation that zeroes the pair's inner product.
        const zeta = (beta - alpha) / (2 * gamma);
        const root = Math.abs(zeta) < 1e150 ? Math.sqrt(1 + zeta * zeta) : Math.abs(zeta);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + root);
        const c = 1 / Math.sqrt(1 + t * t);
        turn(j, k, c, c * t);
        // The rotation moves t·γ of squared length from row j to row k.
        const nj = alpha - t * gamma;
        const nk = beta + t * gamma;
        sq[j] = nj < 0.25 * alpha ? dot(j, j) : nj;
        sq[k] = nk < 0.25 * beta ? dot(k, k) : nk;
      }
    }
    if (!rotated) return;
  }
}

/** Rows x, y of m (at offsets, `len` long) ← c·x − s·y, s·x + c·y. */
function turnRows(m: Float64Array, x: number, y: number, len: number, c: number, s: number): void {
  for (let i = 0; i < len; i++) {
    const a = m[x + i];
    const b = m[y + i];
    m[x + i] = c * a - s * b;
    m[y + i] = s * a + c * b;
  }
}

/**
 * Fills the rows of `m` (count × len, row-major) whose `ok` flag is false
 * with unit vectors orthogonal to every other row, completing an
 * orthonormal set (for zero singular values and `full_matrices`).
 */
export function completeOrthonormal(m: Float64Array, ok: boolean[], len: number): void {
  const count = ok.length;
  const done = ok.map((v, r) => (v ? r : -1)).filter((r) => r >= 0);
  const v = new Float64Array(len);
  let candidate = 0;
  for (let r = 0; r < count; r++) {
    if (ok[r]) continue;
    for (;;) {
      checkDeadline();
      v.fill(0);
      v[candidate % len] = 1;
      candidate++;
      // Two passes of Gram–Schmidt keep the new row orthogonal to working precision.
      for (let pass = 0; pass < 2; pass++) {
        for (const d of done) {
          let dp = 0;
          for (let i = 0; i < len; i++) dp += m[d * len + i] * v[i];
          for (let i = 0; i < len; i++) v[i] -= dp * m[d * len + i];
        }
      }
      let nn = 0;
      for (let i = 0; i < len; i++) nn += v[i] * v[i];
      // Some unit vector keeps at least 1/len of its squared length; accept half of that.
      if (nn > 0.5 / len) {
        const inv = 1 / Math.sqrt(nn);
        for (let i = 0; i < len; i++) m[r * len + i] = v[i] * inv;
        done.push(r);
        break;
      }
    }
  }
}

/** NumPy's `linalg.svd(a, compute_uv=True)`: `{ u, s, vh }`, stacks too. */
export interface SvdResult {
  readonly u: NDArray;
  readonly s: NDArray;
  readonly vh: NDArray;
}

/**
 * NumPy's `linalg.svd`: singular values descending; with `computeUV` the
 * factors `u`, `vh` (square when `fullMatrices`, NumPy's default). Their
 * signs may differ from LAPACK's, as any SVD's may.
 */
export function svd(a: NDArray, computeUV?: true, fullMatrices?: boolean): SvdResult;
export function svd(a: NDArray, computeUV: false, fullMatrices?: boolean): NDArray;
export function svd(a: NDArray, computeUV = true, fullMatrices = true): SvdResult | NDArray {
  assertStacked(a);
  const rows = a.shape[a.ndim - 2];
  const cols = a.shape[a.ndim - 1];
  const p = Math.min(rows, cols);
  const batch = a.shape.slice(0, -2);
  const count = shapeSize(batch);
  const sOut = allocate(count * p);
  const uRows = fullMatrices ? rows : p;
  const vRows = fullMatrices ? cols : p;
  const uOut = computeUV ? allocate(count * rows * uRows) : null;
  const vOut = computeUV ? allocate(count * vRows * cols) : null;
  for (let t = 0; t < count; t++) {
    const f = svdFactors(a.data, t * rows * cols, rows, cols, computeUV);
    sOut.set(f.s, t * p);
    if (!uOut || !vOut || !f.uT || !f.vh) continue;
    if (Number.isNaN(f.s[0])) {
      uOut.fill(Number.NaN, t * rows * uRows, (t + 1) * rows * uRows);
      vOut.fill(Number.NaN, t * vRows * cols, (t + 1) * vRows * cols);
      continue;
    }
    // Only the long factor (U of a tall matrix, Vh of a wide one) has rows
    // to fill in: those of zero singular values and, for full matrices, the
    // extra ones. The short factor's rows are rotations, orthonormal already.
    const nonzero = Array.from(f.s, (x) => x > 0);
    const all = new Array<boolean>(p).fill(true);
    const uOk = [...(rows >= cols ? nonzero : all), ...new Array<boolean>(uRows - p).fill(false)];
    const vOk = [...(rows >= cols ? all : nonzero), ...new Array<boolean>(vRows - p).fill(false)];
    const uT = allocate(uRows * rows);
    uT.set(f.uT);
    completeOrthonormal(uT, uOk, rows);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < uRows; j++) uOut[t * rows * uRows + i * uRows + j] = uT[j * rows + i];
    }
    const vh = vOut.subarray(t * vRows * cols, (t + 1) * vRows * cols);
    vh.set(f.vh);
    completeOrthonormal(vh, vOk, cols);
  }
  const s = new NDArray(sOut, [...batch, p], 'float64');
  if (!uOut || !vOut) return s;
  return {
    u: new NDArray(uOut, [...batch, rows, uRows], 'float64'),
    s,
    vh: new NDArray(vOut, [...batch, vRows, cols], 'float64'),
  };
}
