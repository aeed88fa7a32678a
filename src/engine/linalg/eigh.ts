/**
 * `numpy.linalg.eigh` and `eigvalsh` for real symmetric matrices, ported
 * from the LAPACK routines NumPy calls (dsyevd) so that the eigenvalue
 * order and the eigenvector signs come out as NumPy's:
 *
 * - dsyevd: scales matrices with tiny or huge entries (dlansy, dlascl);
 * - dsytd2: Householder reduction to tridiagonal form (dlarfg). dsytrd
 *   takes this unblocked path up to 32×32 and a blocked one (dlatrd)
 *   above, which builds the same reflectors up to rounding;
 * - eigvalsh: dsterf, the square-root-free QL/QR iteration, dlasrt sort;
 * - eigh: dstedc('I'), which for n ≤ 25 is dsteqr (implicit QL/QR with
 *   dlaev2 2×2 blocks and dlartg rotations, then a selection sort), then
 *   dormtr (dorm2r/dorm2l with dlarf) to apply the reflectors.
 *
 * NaN and infinity go through the same comparisons as in Fortran, so they
 * give NumPy's NaN patterns and its "Eigenvalues did not converge" errors.
 *
 * Deviation: above 25×25 dstedc splits the tridiagonal matrix at negligible
 * off-diagonal entries and hands each block larger than 25 to divide and
 * conquer (dlaed0), which is not ported: such blocks go through dsteqr
 * here. The eigenvalues still agree to rounding and each eigenvector spans
 * the same line, but its sign may differ from NumPy's above 25×25.
 * The BLAS steps are the reference loops; OpenBLAS orders its sums
 * differently (and per CPU), so results agree with NumPy's to rounding, not
 * to the bit. The tridiagonal steps (dsteqr, dsterf) involve no BLAS and
 * give LAPACK's bits on the same input. Where a sign hinges on rounding
 * (eigenvalues spread over many orders of magnitude, wildly scaled
 * entries) it can differ from NumPy's, as NumPy's own differs between
 * OpenBLAS's Haswell and AVX-512 kernels on such matrices.
 *
 * Matrices are column-major inside, as LAPACK sees them, and loop indices
 * keep Fortran's 1-based values so each line can be read against the source.
 */
import { allocate, checkDeadline } from '../limits';
import { NDArray, shapeSize } from '../ndarray';
import { assertStackedSquare, linAlgError } from './common';

// dlamch's constants for IEEE double precision.
const SAFE_MIN = 2 ** -1022; // dlamch('S')
const UNIT_ROUNDOFF = 2 ** -53; // dlamch('E')
const PRECISION = 2 ** -52; // dlamch('P')
const OVERFLOW = Number.MAX_VALUE; // dlamch('O')
/** ilaenv(9, 'DSTEDC'): the largest block dstedc solves with dsteqr. */
const SMLSIZ = 25;
/** dsteqr/dsterf give up after 30·n QL/QR sweeps. */
const MAXIT = 30;

/** NumPy's `linalg.eigh` (stacks too): ascending eigenvalues and the eigenvectors as columns. */
export function eigh(a: NDArray, upper = false): { values: NDArray; vectors: NDArray } {
  assertStackedSquare(a);
  const n = a.shape[a.ndim - 1];
  const batch = a.shape.slice(0, a.ndim - 2);
  const count = shapeSize(batch);
  const data = a.data;
  const values = allocate(count * n);
  const vectors = allocate(count * n * n);
  for (let t = 0; t < count; t++) syevd(data, t * n * n, n, upper, values, t * n, vectors, t * n * n);
  return {
    values: new NDArray(values, [...batch, n], 'float64'),
    vectors: new NDArray(vectors, [...batch, n, n], 'float64'),
  };
}

/** NumPy's `linalg.eigvalsh` (stacks too): the ascending eigenvalues only. */
export function eigvalsh(a: NDArray, upper = false): NDArray {
  assertStackedSquare(a);
  const n = a.shape[a.ndim - 1];
  const batch = a.shape.slice(0, a.ndim - 2);
  const count = shapeSize(batch);
  const data = a.data;
  const values = allocate(count * n);
  for (let t = 0; t < count; t++) syevd(data, t * n * n, n, upper, values, t * n, null, 0);
  return new NDArray(values, [...batch, n], 'float64');
}

/**
 * dsyevd on the row-major n×n block of `src` at `offset`, reading its lower
 * (or upper) triangle. Writes the eigenvalues at `values[valuesAt…]` and,
 * when `vectors` is given, the eigenvectors as columns, row-major.
 */
function syevd(
  src: Float64Array,
  offset: number,
  n: number,
  upper: boolean,
  values: Float64Array,
  valuesAt: number,
  vectors: Float64Array | null,
  vectorsAt: number,
): void {
  if (n === 0) return;
  if (n === 1) {
    values[valuesAt] = src[offset];
    if (vectors) vectors[vectorsAt] = 1;
    return;
  }
  // NumPy hands LAPACK the matrix as the user sees it: column j of `a` is column j of A.
  const a = allocate(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i + j * n] = src[offset + i * n + j];

  const smallNum = SAFE_MIN / PRECISION;
  const rmin = Math.sqrt(smallNum);
  const rmax = Math.sqrt(1 / smallNum);
  const anrm = triangleMaxAbs(a, n, upper);
  let sigma = 1;
  let scaled = false;
  if (anrm > 0 && anrm < rmin) {
    scaled = true;
    sigma = rmin / anrm;
  } else if (anrm > rmax) {
    scaled = true;
    sigma = rmax / anrm;
  }
  if (scaled) {
    for (const mul of lasclFactors(1, sigma)) {
      for (let j = 0; j < n; j++) {
        const from = upper ? 0 : j;
        const to = upper ? j : n - 1;
        for (let i = from; i <= to; i++) a[i + j * n] *= mul;
      }
    }
  }

  const d = allocate(n);
  const e = allocate(n);
  const tau = allocate(n);
  sytd2(a, n, upper, d, e, tau);
  let info: number;
  let z: Float64Array | null = null;
  if (!vectors) {
    info = sterf(n, d, e);
  } else {
    z = allocate(n * n);
    info = stedc(n, d, e, z);
    ormtr(a, n, upper, tau, z);
  }
  // LAPACK's info > 0: NumPy fills NaN and raises through its floating-point error callback.
  if (info !== 0) throw linAlgError('Eigenvalues did not converge');
  if (scaled) {
    const unscale = 1 / sigma;
    for (let i = 0; i < n; i++) d[i] *= unscale;
  }
  values.set(d, valuesAt);
  if (vectors && z) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) vectors[vectorsAt + i * n + j] = z[i + j * n];
  }
}

/** dlansy('M'): the largest |aᵢⱼ| of the triangle, NaN if it holds one. */
function triangleMaxAbs(a: Float64Array, n: number, upper: boolean): number {
  let value = 0;
  for (let j = 0; j < n; j++) {
    const from = upper ? 0 : j;
    const to = upper ? j : n - 1;
    for (let i = from; i <= to; i++) {
      const sum = Math.abs(a[i + j * n]);
      if (value < sum || Number.isNaN(sum)) value = sum;
    }
  }
  return value;
}

/** dlanst('M') of the tridiagonal matrix with diagonal d[at…at+n) and off-diagonal e[at…]. */
function tridiagonalMaxAbs(n: number, d: Float64Array, e: Float64Array, at: number): number {
  if (n <= 0) return 0;
  let anorm = Math.abs(d[at + n - 1]);
  for (let i = 0; i < n - 1; i++) {
    let sum = Math.abs(d[at + i]);
    if (anorm < sum || Number.isNaN(sum)) anorm = sum;
    sum = Math.abs(e[at + i]);
    if (anorm < sum || Number.isNaN(sum)) anorm = sum;
  }
  return anorm;
}

/**
 * The factors dlascl multiplies by, in turn, to scale by cto/cfrom without
 * overflow or underflow in between (none when LAPACK rejects the arguments).
 */
export function lasclFactors(cfrom: number, cto: number): number[] {
  const factors: number[] = [];
  if (cfrom === 0 || Number.isNaN(cfrom) || Number.isNaN(cto)) return factors;
  const smallNum = SAFE_MIN;
  const bigNum = 1 / smallNum;
  let cfromc = cfrom;
  let ctoc = cto;
  for (;;) {
    const cfrom1 = cfromc * smallNum;
    let mul: number;
    let done: boolean;
    if (cfrom1 === cfromc) {
      // cfromc is infinite.
      mul = ctoc / cfromc;
      done = true;
    } else {
      const cto1 = ctoc / bigNum;
      if (cto1 === ctoc) {
        // ctoc is zero or infinite.
        mul = ctoc;
        done = true;
        cfromc = 1;
      } else if (Math.abs(cfrom1) > Math.abs(ctoc) && ctoc !== 0) {
        mul = smallNum;
        done = false;
        cfromc = cfrom1;
      } else if (Math.abs(cto1) > Math.abs(cfromc)) {
        mul = bigNum;
        done = false;
        ctoc = cto1;
      } else {
        mul = ctoc / cfromc;
        done = true;
        if (mul === 1) return factors;
      }
    }
    factors.push(mul);
    if (done) return factors;
  }
}

function scaleRange(x: Float64Array, at: number, count: number, factors: readonly number[]): void {
  for (const mul of factors) for (let i = at; i < at + count; i++) x[i] *= mul;
}

/** Fortran's SIGN(a, b): |a| with b's sign (a negative zero counts, as in gfortran). */
export function sign(a: number, b: number): number {
  const m = Math.abs(a);
  return b < 0 || Object.is(b, -0) ? -m : m;
}

/** dlapy2: √(x² + y²) without needless overflow; NaN in, NaN out. */
export function lapy2(x: number, y: number): number {
  if (Number.isNaN(y)) return y;
  if (Number.isNaN(x)) return x;
  const xa = Math.abs(x);
  const ya = Math.abs(y);
  const w = Math.max(xa, ya);
  const z = Math.min(xa, ya);
  if (z === 0 || w > OVERFLOW) return w;
  const q = z / w;
  return w * Math.sqrt(1 + q * q);
}

/**
 * dnrm2 of x[at…at+count). OpenBLAS sums the squares in x87 extended
 * precision; a double-double sum of power-of-two-scaled squares comes as
 * close to that, without overflow or underflow.
 */
export function nrm2(x: Float64Array, at: number, count: number): number {
  let maxAbs = 0;
  for (let i = at; i < at + count; i++) {
    const v = Math.abs(x[i]);
    if (Number.isNaN(v)) return v;
    if (v > maxAbs) maxAbs = v;
  }
  if (maxAbs === 0 || maxAbs === Number.POSITIVE_INFINITY) return maxAbs;
  const scale = maxAbs > 2 ** 500 ? 2 ** -600 : maxAbs < 2 ** -500 ? 2 ** 600 : 1;
  let hi = 0;
  let lo = 0;
  for (let i = at; i < at + count; i++) {
    const v = x[i] * scale;
    const sq = v * v;
    const split = 134217729 * v; // Veltkamp: v = vh + vl exactly, each with 26 bits
    const vh = split - (split - v);
    const vl = v - vh;
    const sqErr = vh * vh - sq + 2 * vh * vl + vl * vl;
    const sum = hi + sq;
    const bv = sum - hi;
    lo += hi - (sum - bv) + (sq - bv) + sqErr;
    hi = sum;
  }
  const total = hi + lo;
  const root = Math.sqrt(total);
  // One Newton step on the double-double sum: root + (total − root²)/(2·root).
  const split = 134217729 * root;
  const rh = split - (split - root);
  const rl = root - rh;
  const rootSq = root * root;
  const rootSqErr = rh * rh - rootSq + 2 * rh * rl + rl * rl;
  const residual = hi - rootSq + lo - rootSqErr;
  return (root + residual / (2 * root)) / scale;
}

/**
 * dlarfg: the reflector H = I − τ·v·vᵀ (v₁ = 1) with H·[α; x] = [β; 0].
 * α is a[alphaAt], x the n − 1 entries from a[xAt]; β replaces α and v₂…
 * replace x. Returns τ (0 when x is already zero).
 */
export function larfg(n: number, a: Float64Array, alphaAt: number, xAt: number): number {
  if (n <= 1) return 0;
  let xnorm = nrm2(a, xAt, n - 1);
  if (xnorm === 0) return 0;
  let alpha = a[alphaAt];
  let beta = -sign(lapy2(alpha, xnorm), alpha);
  const safmin = SAFE_MIN / UNIT_ROUNDOFF;
  let knt = 0;
  if (Math.abs(beta) < safmin) {
    // x and β may be inaccurate: scale up and compute them again.
    const rsafmn = 1 / safmin;
    do {
      knt++;
      for (let i = xAt; i < xAt + n - 1; i++) a[i] *= rsafmn;
      beta *= rsafmn;
      alpha *= rsafmn;
    } while (Math.abs(beta) < safmin && knt < 20);
    xnorm = nrm2(a, xAt, n - 1);
    beta = -sign(lapy2(alpha, xnorm), alpha);
  }
  const tau = (beta - alpha) / beta;
  const recip = 1 / (alpha - beta);
  for (let i = xAt; i < xAt + n - 1; i++) a[i] *= recip;
  for (let j = 0; j < knt; j++) beta *= safmin;
  a[alphaAt] = beta;
  return tau;
}

/**
 * dsytd2: Qᵀ·A·Q = T (tridiagonal) by n − 1 reflectors, stored below the
 * subdiagonal (lower) or above the superdiagonal (upper) of `a`, as LAPACK
 * stores them; d and e receive T's diagonal and off-diagonal.
 */
function sytd2(
  a: Float64Array,
  n: number,
  upper: boolean,
  d: Float64Array,
  e: Float64Array,
  tau: Float64Array,
): void {
  const w = allocate(n);
  if (upper) {
    for (let i = n - 1; i >= 1; i--) {
      checkDeadline();
      // H(i) annihilates A(1:i-1, i+1); v = A(1:i, i+1) with v(i) = 1.
      const col = i * n;
      const taui = larfg(i, a, col + i - 1, col);
      e[i - 1] = a[col + i - 1];
      if (taui !== 0) {
        a[col + i - 1] = 1;
        symvUpper(i, taui, a, 0, n, a, col, w);
        const alpha = -0.5 * taui * dot(i, w, 0, a, col);
        for (let k = 0; k < i; k++) w[k] += alpha * a[col + k];
        syr2Upper(i, a, col, w, a, 0, n);
        a[col + i - 1] = e[i - 1];
      }
      d[i] = a[col + i];
      tau[i - 1] = taui;
    }
    d[0] = a[0];
  } else {
    for (let i = 1; i <= n - 1; i++) {
      checkDeadline();
      // H(i) annihilates A(i+2:n, i); v = A(i+1:n, i) with v(1) = 1.
      const col = (i - 1) * n;
      const taui = larfg(n - i, a, col + i, col + Math.min(i + 1, n - 1));
      e[i - 1] = a[col + i];
      if (taui !== 0) {
        a[col + i] = 1;
        const m = n - i;
        const trailing = i + i * n;
        symvLower(m, taui, a, trailing, n, a, col + i, w);
        const alpha = -0.5 * taui * dot(m, w, 0, a, col + i);
        for (let k = 0; k < m; k++) w[k] += alpha * a[col + i + k];
        syr2Lower(m, a, col + i, w, a, trailing, n);
        a[col + i] = e[i - 1];
      }
      d[i - 1] = a[col + i - 1];
      tau[i - 1] = taui;
    }
    d[n - 1] = a[n * n - 1];
  }
}

function dot(n: number, x: Float64Array, xAt: number, y: Float64Array, yAt: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[xAt + i] * y[yAt + i];
  return sum;
}

/** dsymv('L', beta = 0): y = α·A·x from the lower triangle of the n×n block of `a` at `at`. */
function symvLower(
  n: number,
  alpha: number,
  a: Float64Array,
  at: number,
  lda: number,
  x: Float64Array,
  xAt: number,
  y: Float64Array,
): void {
  y.fill(0, 0, n);
  for (let j = 0; j < n; j++) {
    const temp1 = alpha * x[xAt + j];
    let temp2 = 0;
    const colAt = at + j * lda;
    y[j] += temp1 * a[colAt + j];
    for (let i = j + 1; i < n; i++) {
      y[i] += temp1 * a[colAt + i];
      temp2 += a[colAt + i] * x[xAt + i];
    }
    y[j] += alpha * temp2;
  }
}

/** dsymv('U', beta = 0): y = α·A·x from the upper triangle. */
function symvUpper(
  n: number,
  alpha: number,
  a: Float64Array,
  at: number,
  lda: number,
  x: Float64Array,
  xAt: number,
  y: Float64Array,
): void {
  y.fill(0, 0, n);
  for (let j = 0; j < n; j++) {
    const temp1 = alpha * x[xAt + j];
    let temp2 = 0;
    const colAt = at + j * lda;
    for (let i = 0; i < j; i++) {
      y[i] += temp1 * a[colAt + i];
      temp2 += a[colAt + i] * x[xAt + i];
    }
    y[j] += temp1 * a[colAt + j] + alpha * temp2;
  }
}

/** dsyr2('L', alpha = −1): A −= x·yᵀ + y·xᵀ on the lower triangle. */
function syr2Lower(
  n: number,
  x: Float64Array,
  xAt: number,
  y: Float64Array,
  a: Float64Array,
  at: number,
  lda: number,
): void {
  for (let j = 0; j < n; j++) {
    const temp1 = -y[j];
    const temp2 = -x[xAt + j];
    const colAt = at + j * lda;
    for (let i = j; i < n; i++) a[colAt + i] += x[xAt + i] * temp1 + y[i] * temp2;
  }
}

/** dsyr2('U', alpha = −1): A −= x·yᵀ + y·xᵀ on the upper triangle. */
function syr2Upper(
  n: number,
  x: Float64Array,
  xAt: number,
  y: Float64Array,
  a: Float64Array,
  at: number,
  lda: number,
): void {
  for (let j = 0; j < n; j++) {
    const temp1 = -y[j];
    const temp2 = -x[xAt + j];
    const colAt = at + j * lda;
    for (let i = 0; i <= j; i++) a[colAt + i] += x[xAt + i] * temp1 + y[i] * temp2;
  }
}

/**
 * dormtr('L', uplo, 'N'): C = Q·C for the n×n column-major `c`, Q being the
 * product of sytd2's reflectors (dorm2r below the diagonal, dorm2l above).
 * Each reflector's implicit unit entry is written into `a` while it is
 * applied, as LAPACK 3.12 (the one in NumPy's OpenBLAS) does.
 */
function ormtr(a: Float64Array, n: number, upper: boolean, tau: Float64Array, c: Float64Array): void {
  const work = allocate(n);
  const k = n - 1;
  if (upper) {
    // dorm2l on C(1:n-1, :): H(1) first; H(i)'s v = A(1:i, i+1) with v(i) = 1.
    for (let i = 1; i <= k; i++) {
      checkDeadline();
      const vAt = i * n;
      const saved = a[vAt + i - 1];
      a[vAt + i - 1] = 1;
      larfLeft(i, n, a, vAt, tau[i - 1], c, 0, n, work);
      a[vAt + i - 1] = saved;
    }
  } else {
    // dorm2r on C(2:n, :): H(k) first; H(i)'s v = A(i+1:n, i) with v(1) = 1.
    for (let i = k; i >= 1; i--) {
      checkDeadline();
      const vAt = i + (i - 1) * n;
      const saved = a[vAt];
      a[vAt] = 1;
      larfLeft(n - i, n, a, vAt, tau[i - 1], c, i, n, work);
      a[vAt] = saved;
    }
  }
}

/** iladlc: the last column of the m×n block at `at` with a non-zero entry (0 if none). */
function lastNonZeroColumn(m: number, n: number, c: Float64Array, at: number, ldc: number): number {
  if (n === 0) return 0;
  if (c[at + (n - 1) * ldc] !== 0 || c[at + (n - 1) * ldc + m - 1] !== 0) return n;
  for (let col = n; col >= 1; col--) {
    for (let i = 0; i < m; i++) if (c[at + (col - 1) * ldc + i] !== 0) return col;
  }
  return 0;
}

/**
 * dlarf('L'): C = (I − τ·v·vᵀ)·C for the m×n block of `c` at `cAt`, v at
 * v[vAt…vAt+m). Trailing zeros of v and zero columns of C are skipped, as
 * LAPACK does (which decides where a NaN can spread).
 */
export function larfLeft(
  m: number,
  n: number,
  v: Float64Array,
  vAt: number,
  tau: number,
  c: Float64Array,
  cAt: number,
  ldc: number,
  work: Float64Array,
): void {
  if (tau === 0) return;
  let lastv = m;
  while (lastv > 0 && v[vAt + lastv - 1] === 0) lastv--;
  if (lastv === 0) return;
  const lastc = lastNonZeroColumn(lastv, n, c, cAt, ldc);
  // dgemv: w = C(1:lastv, 1:lastc)ᵀ·v, then dger: C −= τ·v·wᵀ.
  for (let j = 0; j < lastc; j++) {
    const colAt = cAt + j * ldc;
    let sum = 0;
    for (let i = 0; i < lastv; i++) sum += c[colAt + i] * v[vAt + i];
    work[j] = sum;
  }
  for (let j = 0; j < lastc; j++) {
    const colAt = cAt + j * ldc;
    const temp = -tau * work[j];
    for (let i = 0; i < lastv; i++) c[colAt + i] += v[vAt + i] * temp;
  }
}

/** The outputs of dlae2/dlaev2/dlartg, reused to spare allocations. */
export const out = { rt1: 0, rt2: 0, cs: 0, sn: 0, r: 0 };

/** dlae2: the eigenvalues rt1 (larger in magnitude) and rt2 of [[a, b], [b, c]]. */
function lae2(a: number, b: number, c: number): void {
  const sm = a + c;
  const df = a - c;
  const adf = Math.abs(df);
  const tb = b + b;
  const ab = Math.abs(tb);
  let acmx: number;
  let acmn: number;
  if (Math.abs(a) > Math.abs(c)) {
    acmx = a;
    acmn = c;
  } else {
    acmx = c;
    acmn = a;
  }
  let rt: number;
  if (adf > ab) {
    const q = ab / adf;
    rt = adf * Math.sqrt(1 + q * q);
  } else if (adf < ab) {
    const q = adf / ab;
    rt = ab * Math.sqrt(1 + q * q);
  } else {
    rt = ab * Math.SQRT2;
  }
  if (sm < 0) {
    out.rt1 = 0.5 * (sm - rt);
    out.rt2 = (acmx / out.rt1) * acmn - (b / out.rt1) * b;
  } else if (sm > 0) {
    out.rt1 = 0.5 * (sm + rt);
    out.rt2 = (acmx / out.rt1) * acmn - (b / out.rt1) * b;
  } else {
    out.rt1 = 0.5 * rt;
    out.rt2 = -0.5 * rt;
  }
}

/** dlaev2: dlae2's eigenvalues plus (cs, sn), the unit eigenvector of rt1. */
function laev2(a: number, b: number, c: number): void {
  const sm = a + c;
  const df = a - c;
  const adf = Math.abs(df);
  const tb = b + b;
  const ab = Math.abs(tb);
  let acmx: number;
  let acmn: number;
  if (Math.abs(a) > Math.abs(c)) {
    acmx = a;
    acmn = c;
  } else {
    acmx = c;
    acmn = a;
  }
  let rt: number;
  if (adf > ab) {
    const q = ab / adf;
    rt = adf * Math.sqrt(1 + q * q);
  } else if (adf < ab) {
    const q = adf / ab;
    rt = ab * Math.sqrt(1 + q * q);
  } else {
    rt = ab * Math.SQRT2;
  }
  let sgn1: number;
  if (sm < 0) {
    out.rt1 = 0.5 * (sm - rt);
    sgn1 = -1;
    out.rt2 = (acmx / out.rt1) * acmn - (b / out.rt1) * b;
  } else if (sm > 0) {
    out.rt1 = 0.5 * (sm + rt);
    sgn1 = 1;
    out.rt2 = (acmx / out.rt1) * acmn - (b / out.rt1) * b;
  } else {
    out.rt1 = 0.5 * rt;
    out.rt2 = -0.5 * rt;
    sgn1 = 1;
  }
  let cs: number;
  let sgn2: number;
  if (df >= 0) {
    cs = df + rt;
    sgn2 = 1;
  } else {
    cs = df - rt;
    sgn2 = -1;
  }
  let cs1: number;
  let sn1: number;
  if (Math.abs(cs) > ab) {
    const ct = -tb / cs;
    sn1 = 1 / Math.sqrt(1 + ct * ct);
    cs1 = ct * sn1;
  } else if (ab === 0) {
    cs1 = 1;
    sn1 = 0;
  } else {
    const tn = -cs / tb;
    cs1 = 1 / Math.sqrt(1 + tn * tn);
    sn1 = tn * cs1;
  }
  if (sgn1 === sgn2) {
    const tn = cs1;
    cs1 = -sn1;
    sn1 = tn;
  }
  out.cs = cs1;
  out.sn = sn1;
}

const RT_MIN = Math.sqrt(SAFE_MIN);
const RT_MAX = Math.sqrt(1 / SAFE_MIN / 2);

/** dlartg (LAPACK ≥ 3.10): the plane rotation with [c s; −s c]·[f; g] = [r; 0]. */
export function lartg(f: number, g: number): void {
  const f1 = Math.abs(f);
  const g1 = Math.abs(g);
  if (g === 0) {
    out.cs = 1;
    out.sn = 0;
    out.r = f;
  } else if (f === 0) {
    out.cs = 0;
    out.sn = sign(1, g);
    out.r = g1;
  } else if (f1 > RT_MIN && f1 < RT_MAX && g1 > RT_MIN && g1 < RT_MAX) {
    const d = Math.sqrt(f * f + g * g);
    out.cs = f1 / d;
    out.r = sign(d, f);
    out.sn = g / out.r;
  } else {
    const u = Math.min(1 / SAFE_MIN, Math.max(SAFE_MIN, f1, g1));
    const fs = f / u;
    const gs = g / u;
    const d = Math.sqrt(fs * fs + gs * gs);
    out.cs = Math.abs(fs) / d;
    const r = sign(d, f);
    out.sn = gs / r;
    out.r = r * u;
  }
}

/**
 * dlasr('R', 'V', 'B' or 'F'): applies the plane rotations (cw[k], sw[k]),
 * k = csAt…csAt+count−2, to the column pairs (j, j+1) of the rows × count
 * block of `z` at `zAt`: last pair first when `backward`.
 */
function rotateColumns(
  backward: boolean,
  rows: number,
  count: number,
  cw: Float64Array,
  sw: Float64Array,
  csAt: number,
  z: Float64Array,
  zAt: number,
  ldz: number,
): void {
  for (let step = 1; step <= count - 1; step++) {
    const j = backward ? count - step : step;
    const ct = cw[csAt + j - 1];
    const st = sw[csAt + j - 1];
    if (ct !== 1 || st !== 0) {
      const left = zAt + (j - 1) * ldz;
      const right = left + ldz;
      for (let i = 0; i < rows; i++) {
        const temp = z[right + i];
        z[right + i] = ct * temp - st * z[left + i];
        z[left + i] = st * temp + ct * z[left + i];
      }
    }
  }
}

/**
 * dstedc('I'): the eigenvalues (d, ascending) and eigenvectors (columns of
 * the n×n `z`) of the tridiagonal matrix (d, e). Returns LAPACK's info.
 */
function stedc(n: number, d: Float64Array, e: Float64Array, z: Float64Array): number {
  if (n === 1) {
    z[0] = 1;
    return 0;
  }
  if (n <= SMLSIZ) return steqr(n, d, e, z, 0, n);
  z.fill(0);
  for (let i = 0; i < n; i++) z[i + i * n] = 1;
  if (tridiagonalMaxAbs(n, d, e, 0) === 0) return 0;
  // Split where an off-diagonal entry is negligible; solve each block apart.
  let start = 1;
  while (start <= n) {
    let finish = start;
    while (finish < n) {
      const tiny = UNIT_ROUNDOFF * Math.sqrt(Math.abs(d[finish - 1])) * Math.sqrt(Math.abs(d[finish]));
      if (!(Math.abs(e[finish - 1]) > tiny)) break;
      finish++;
    }
    const m = finish - start + 1;
    if (m > 1) {
      // LAPACK solves blocks larger than SMLSIZ by divide and conquer (dlaed0); here dsteqr does.
      const blockAt = start - 1 + (start - 1) * n;
      const info = steqr(m, d.subarray(start - 1), e.subarray(start - 1), z, blockAt, n);
      if (info !== 0) return start * (n + 1) + finish;
    }
    start = finish + 1;
  }
  selectionSort(n, d, z, 0, n, n);
  return 0;
}

/** The final sort of dsteqr/dstedc: selection sort, swapping eigenvector columns along. */
function selectionSort(
  n: number,
  d: Float64Array,
  z: Float64Array,
  zAt: number,
  rows: number,
  ldz: number,
): void {
  for (let ii = 2; ii <= n; ii++) {
    const i = ii - 1;
    let k = i;
    let p = d[i - 1];
    for (let j = ii; j <= n; j++) {
      if (d[j - 1] < p) {
        k = j;
        p = d[j - 1];
      }
    }
    if (k !== i) {
      d[k - 1] = d[i - 1];
      d[i - 1] = p;
      const ci = zAt + (i - 1) * ldz;
      const ck = zAt + (k - 1) * ldz;
      for (let r = 0; r < rows; r++) {
        const t = z[ci + r];
        z[ci + r] = z[ck + r];
        z[ck + r] = t;
      }
    }
  }
}

/**
 * dsteqr('I'): implicit QL/QR on the n×n tridiagonal (d, e), accumulating
 * the rotations into the n×n block of `z` at `zAt` (set to the identity
 * first). Returns LAPACK's info: the count of unconverged off-diagonals.
 */
function steqr(
  n: number,
  d: Float64Array,
  e: Float64Array,
  z: Float64Array,
  zAt: number,
  ldz: number,
): number {
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) z[zAt + i + j * ldz] = i === j ? 1 : 0;
  if (n === 1) return 0;
  const eps = UNIT_ROUNDOFF;
  const eps2 = eps * eps;
  const safmin = SAFE_MIN;
  const ssfmax = Math.sqrt(1 / safmin) / 3;
  const ssfmin = Math.sqrt(safmin) / eps2;
  // WORK(i) and WORK(n-1+i) of LAPACK: the rotations of one sweep.
  const cw = allocate(n);
  const sw = allocate(n);
  const nmaxit = n * MAXIT;
  let jtot = 0;
  let l1 = 1;
  for (;;) {
    checkDeadline();
    if (l1 > n) {
      selectionSort(n, d, z, zAt, n, ldz);
      return 0;
    }
    if (l1 > 1) e[l1 - 2] = 0;
    // Look for a small off-diagonal entry to split the matrix at.
    let m = n;
    for (let mm = l1; mm <= n - 1; mm++) {
      const tst = Math.abs(e[mm - 1]);
      if (tst === 0) {
        m = mm;
        break;
      }
      if (tst <= Math.sqrt(Math.abs(d[mm - 1])) * Math.sqrt(Math.abs(d[mm])) * eps) {
        e[mm - 1] = 0;
        m = mm;
        break;
      }
    }
    let l = l1;
    const lsv = l;
    let lend = m;
    const lendsv = lend;
    l1 = m + 1;
    if (lend === l) continue;
    // Scale the block (d(l:lend), e(l:lend-1)) when its norm is near overflow or underflow.
    const anorm = tridiagonalMaxAbs(lend - l + 1, d, e, l - 1);
    let iscale = 0;
    if (anorm === 0) continue;
    if (anorm > ssfmax) {
      iscale = 1;
      const factors = lasclFactors(anorm, ssfmax);
      scaleRange(d, l - 1, lend - l + 1, factors);
      scaleRange(e, l - 1, lend - l, factors);
    } else if (anorm < ssfmin) {
      iscale = 2;
      const factors = lasclFactors(anorm, ssfmin);
      scaleRange(d, l - 1, lend - l + 1, factors);
      scaleRange(e, l - 1, lend - l, factors);
    }
    // QL when the top end is the larger, QR otherwise.
    if (Math.abs(d[lend - 1]) < Math.abs(d[l - 1])) {
      lend = lsv;
      l = lendsv;
    }
    if (lend > l) {
      // QL iteration.
      for (;;) {
        m = lend;
        if (l !== lend) {
          for (let k = l; k <= lend - 1; k++) {
            const tst = e[k - 1] * e[k - 1];
            if (tst <= eps2 * Math.abs(d[k - 1]) * Math.abs(d[k]) + safmin) {
              m = k;
              break;
            }
          }
        }
        if (m < lend) e[m - 1] = 0;
        let p = d[l - 1];
        if (m === l) {
          // An eigenvalue has converged.
          d[l - 1] = p;
          l++;
          if (l <= lend) continue;
          break;
        }
        if (m === l + 1) {
          // A 2×2 block: solve it directly.
          laev2(d[l - 1], e[l - 1], d[l]);
          cw[l - 1] = out.cs;
          sw[l - 1] = out.sn;
          rotateColumns(true, n, 2, cw, sw, l - 1, z, zAt + (l - 1) * ldz, ldz);
          d[l - 1] = out.rt1;
          d[l] = out.rt2;
          e[l - 1] = 0;
          l += 2;
          if (l <= lend) continue;
          break;
        }
        if (jtot === nmaxit) break;
        jtot++;
        // Wilkinson's shift.
        let g = (d[l] - p) / (2 * e[l - 1]);
        let r = lapy2(g, 1);
        g = d[m - 1] - p + e[l - 1] / (g + sign(r, g));
        let s = 1;
        let c = 1;
        p = 0;
        for (let i = m - 1; i >= l; i--) {
          const f = s * e[i - 1];
          const b = c * e[i - 1];
          lartg(g, f);
          c = out.cs;
          s = out.sn;
          r = out.r;
          if (i !== m - 1) e[i] = r;
          g = d[i] - p;
          r = (d[i - 1] - g) * s + 2 * c * b;
          p = s * r;
          d[i] = g + p;
          g = c * r - b;
          cw[i - 1] = c;
          sw[i - 1] = -s;
        }
        rotateColumns(true, n, m - l + 1, cw, sw, l - 1, z, zAt + (l - 1) * ldz, ldz);
        d[l - 1] = d[l - 1] - p;
        e[l - 1] = g;
      }
    } else {
      // QR iteration.
      for (;;) {
        m = lend;
        if (l !== lend) {
          for (let k = l; k >= lend + 1; k--) {
            const tst = e[k - 2] * e[k - 2];
            if (tst <= eps2 * Math.abs(d[k - 1]) * Math.abs(d[k - 2]) + safmin) {
              m = k;
              break;
            }
          }
        }
        if (m > lend) e[m - 2] = 0;
        let p = d[l - 1];
        if (m === l) {
          d[l - 1] = p;
          l--;
          if (l >= lend) continue;
          break;
        }
        if (m === l - 1) {
          laev2(d[l - 2], e[l - 2], d[l - 1]);
          cw[m - 1] = out.cs;
          sw[m - 1] = out.sn;
          rotateColumns(false, n, 2, cw, sw, m - 1, z, zAt + (l - 2) * ldz, ldz);
          d[l - 2] = out.rt1;
          d[l - 1] = out.rt2;
          e[l - 2] = 0;
          l -= 2;
          if (l >= lend) continue;
          break;
        }
        if (jtot === nmaxit) break;
        jtot++;
        let g = (d[l - 2] - p) / (2 * e[l - 2]);
        let r = lapy2(g, 1);
        g = d[m - 1] - p + e[l - 2] / (g + sign(r, g));
        let s = 1;
        let c = 1;
        p = 0;
        for (let i = m; i <= l - 1; i++) {
          const f = s * e[i - 1];
          const b = c * e[i - 1];
          lartg(g, f);
          c = out.cs;
          s = out.sn;
          r = out.r;
          if (i !== m) e[i - 2] = r;
          g = d[i - 1] - p;
          r = (d[i] - g) * s + 2 * c * b;
          p = s * r;
          d[i - 1] = g + p;
          g = c * r - b;
          cw[i - 1] = c;
          sw[i - 1] = s;
        }
        rotateColumns(false, n, l - m + 1, cw, sw, m - 1, z, zAt + (m - 1) * ldz, ldz);
        d[l - 1] = d[l - 1] - p;
        e[l - 2] = g;
      }
    }
    // Undo the scaling.
    if (iscale === 1) {
      const factors = lasclFactors(ssfmax, anorm);
      scaleRange(d, lsv - 1, lendsv - lsv + 1, factors);
      scaleRange(e, lsv - 1, lendsv - lsv, factors);
    } else if (iscale === 2) {
      const factors = lasclFactors(ssfmin, anorm);
      scaleRange(d, lsv - 1, lendsv - lsv + 1, factors);
      scaleRange(e, lsv - 1, lendsv - lsv, factors);
    }
    if (jtot < nmaxit) continue;
    let info = 0;
    for (let i = 0; i < n - 1; i++) if (e[i] !== 0) info++;
    return info;
  }
}

/**
 * dsterf: the eigenvalues (ascending, in d) of the tridiagonal (d, e) by
 * the Pal–Walker–Kahan QL/QR iteration on squared off-diagonals. Returns
 * LAPACK's info: the count of unconverged off-diagonals.
 */
function sterf(n: number, d: Float64Array, e: Float64Array): number {
  if (n <= 1) return 0;
  const eps = UNIT_ROUNDOFF;
  const eps2 = eps * eps;
  const safmin = SAFE_MIN;
  const ssfmax = Math.sqrt(1 / safmin) / 3;
  const ssfmin = Math.sqrt(safmin) / eps2;
  const nmaxit = n * MAXIT;
  let sigma = 0;
  let jtot = 0;
  let l1 = 1;
  for (;;) {
    checkDeadline();
    if (l1 > n) {
      lasrtIncreasing(n, d);
      return 0;
    }
    if (l1 > 1) e[l1 - 2] = 0;
    let m = n;
    for (let mm = l1; mm <= n - 1; mm++) {
      if (Math.abs(e[mm - 1]) <= Math.sqrt(Math.abs(d[mm - 1])) * Math.sqrt(Math.abs(d[mm])) * eps) {
        e[mm - 1] = 0;
        m = mm;
        break;
      }
    }
    let l = l1;
    const lsv = l;
    let lend = m;
    const lendsv = lend;
    l1 = m + 1;
    if (lend === l) continue;
    const anorm = tridiagonalMaxAbs(lend - l + 1, d, e, l - 1);
    let iscale = 0;
    if (anorm === 0) continue;
    if (anorm > ssfmax) {
      iscale = 1;
      const factors = lasclFactors(anorm, ssfmax);
      scaleRange(d, l - 1, lend - l + 1, factors);
      scaleRange(e, l - 1, lend - l, factors);
    } else if (anorm < ssfmin) {
      iscale = 2;
      const factors = lasclFactors(anorm, ssfmin);
      scaleRange(d, l - 1, lend - l + 1, factors);
      scaleRange(e, l - 1, lend - l, factors);
    }
    for (let i = l; i <= lend - 1; i++) e[i - 1] = e[i - 1] * e[i - 1];
    if (Math.abs(d[lend - 1]) < Math.abs(d[l - 1])) {
      lend = lsv;
      l = lendsv;
    }
    if (lend >= l) {
      // QL iteration.
      for (;;) {
        m = lend;
        if (l !== lend) {
          for (let k = l; k <= lend - 1; k++) {
            if (Math.abs(e[k - 1]) <= eps2 * Math.abs(d[k - 1] * d[k])) {
              m = k;
              break;
            }
          }
        }
        if (m < lend) e[m - 1] = 0;
        let p = d[l - 1];
        if (m === l) {
          d[l - 1] = p;
          l++;
          if (l <= lend) continue;
          break;
        }
        if (m === l + 1) {
          lae2(d[l - 1], Math.sqrt(e[l - 1]), d[l]);
          d[l - 1] = out.rt1;
          d[l] = out.rt2;
          e[l - 1] = 0;
          l += 2;
          if (l <= lend) continue;
          break;
        }
        if (jtot === nmaxit) break;
        jtot++;
        const rte = Math.sqrt(e[l - 1]);
        sigma = (d[l] - p) / (2 * rte);
        const r0 = lapy2(sigma, 1);
        sigma = p - rte / (sigma + sign(r0, sigma));
        let c = 1;
        let s = 0;
        let gamma = d[m - 1] - sigma;
        p = gamma * gamma;
        for (let i = m - 1; i >= l; i--) {
          const bb = e[i - 1];
          const r = p + bb;
          if (i !== m - 1) e[i] = s * r;
          const oldc = c;
          c = p / r;
          s = bb / r;
          const oldgam = gamma;
          const alpha = d[i - 1];
          gamma = c * (alpha - sigma) - s * oldgam;
          d[i] = oldgam + (alpha - gamma);
          p = c !== 0 ? (gamma * gamma) / c : oldc * bb;
        }
        e[l - 1] = s * p;
        d[l - 1] = sigma + gamma;
      }
    } else {
      // QR iteration.
      for (;;) {
        m = lend;
        for (let k = l; k >= lend + 1; k--) {
          if (Math.abs(e[k - 2]) <= eps2 * Math.abs(d[k - 1] * d[k - 2])) {
            m = k;
            break;
          }
        }
        if (m > lend) e[m - 2] = 0;
        let p = d[l - 1];
        if (m === l) {
          d[l - 1] = p;
          l--;
          if (l >= lend) continue;
          break;
        }
        if (m === l - 1) {
          lae2(d[l - 1], Math.sqrt(e[l - 2]), d[l - 2]);
          d[l - 1] = out.rt1;
          d[l - 2] = out.rt2;
          e[l - 2] = 0;
          l -= 2;
          if (l >= lend) continue;
          break;
        }
        if (jtot === nmaxit) break;
        jtot++;
        const rte = Math.sqrt(e[l - 2]);
        sigma = (d[l - 2] - p) / (2 * rte);
        const r0 = lapy2(sigma, 1);
        sigma = p - rte / (sigma + sign(r0, sigma));
        let c = 1;
        let s = 0;
        let gamma = d[m - 1] - sigma;
        p = gamma * gamma;
        for (let i = m; i <= l - 1; i++) {
          const bb = e[i - 1];
          const r = p + bb;
          if (i !== m) e[i - 2] = s * r;
          const oldc = c;
          c = p / r;
          s = bb / r;
          const oldgam = gamma;
          const alpha = d[i];
          gamma = c * (alpha - sigma) - s * oldgam;
          d[i - 1] = oldgam + (alpha - gamma);
          p = c !== 0 ? (gamma * gamma) / c : oldc * bb;
        }
        e[l - 2] = s * p;
        d[l - 1] = sigma + gamma;
      }
    }
    // Undo the scaling (dsterf leaves e scaled: it is not returned).
    if (iscale === 1) scaleRange(d, lsv - 1, lendsv - lsv + 1, lasclFactors(ssfmax, anorm));
    if (iscale === 2) scaleRange(d, lsv - 1, lendsv - lsv + 1, lasclFactors(ssfmin, anorm));
    if (jtot < nmaxit) continue;
    let info = 0;
    for (let i = 0; i < n - 1; i++) if (e[i] !== 0) info++;
    return info;
  }
}

/**
 * dlasrt('I'): insertion sort for runs of up to 20, median-of-three
 * quicksort above. Ported as is because its order of NaNs and signed
 * zeros is what NumPy returns.
 */
function lasrtIncreasing(n: number, d: Float64Array): void {
  const select = 20;
  if (n <= 1) return;
  const stack: [number, number][] = [[1, n]];
  while (stack.length > 0) {
    const [start, endd] = stack.pop()!;
    if (endd - start <= select && endd - start > 0) {
      outer: for (let i = start + 1; i <= endd; i++) {
        for (let j = i; j >= start + 1; j--) {
          if (!(d[j - 1] < d[j - 2])) continue outer;
          const t = d[j - 1];
          d[j - 1] = d[j - 2];
          d[j - 2] = t;
        }
      }
    } else if (endd - start > select) {
      const d1 = d[start - 1];
      const d2 = d[endd - 1];
      const d3 = d[Math.floor((start + endd) / 2) - 1];
      let pivot: number;
      if (d1 < d2) {
        if (d3 < d1) pivot = d1;
        else if (d3 < d2) pivot = d3;
        else pivot = d2;
      } else {
        if (d3 < d2) pivot = d2;
        else if (d3 < d1) pivot = d3;
        else pivot = d1;
      }
      let i = start - 1;
      let j = endd + 1;
      for (;;) {
        do j--;
        while (d[j - 1] > pivot);
        do i++;
        while (d[i - 1] < pivot);
        if (i >= j) break;
        const t = d[i - 1];
        d[i - 1] = d[j - 1];
        d[j - 1] = t;
      }
      // LAPACK pushes the larger part first, so the smaller one is sorted next.
      if (j - start > endd - j - 1) {
        stack.push([start, j], [j + 1, endd]);
      } else {
        stack.push([j + 1, endd], [start, j]);
      }
    }
  }
}
