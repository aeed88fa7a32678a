/**
 * `numpy.linalg.eig` and `eigvals` for real matrices, ported from the
 * LAPACK routine NumPy calls, dgeev (JOBVL = 'N'; JOBVR = 'V' for eig, 'N'
 * for eigvals), as LAPACK 3.12.0 (the one in NumPy's OpenBLAS) has it, so
 * that the eigenvalue order and the eigenvector signs come out as NumPy's:
 *
 * - dgeev scales matrices with tiny or huge entries (dlange, dlascl);
 * - dgebal('B'): permutes rows and columns to isolate eigenvalues, then
 *   scales by powers of 2 to balance row and column norms;
 * - dgehrd: Householder reduction to upper Hessenberg form. Up to a
 *   balanced block of 129 rows dgehrd takes its unblocked path, dgehd2
 *   (dlarfg, dlarf), which is what is ported; above, LAPACK's blocked
 *   dlahr2 builds the same reflectors up to rounding;
 * - dorghr: the orthogonal Q of those reflectors (dorg2r, likewise
 *   LAPACK's own path up to 129 rows);
 * - dhseqr: up to 75×75 (n ≤ NMIN = 75, iparmq) it is dlahqr, the
 *   double-shift QR iteration with its deflation tests, exceptional shifts
 *   and dlanv2's standard form of 2×2 blocks; that is what runs here for
 *   every size;
 * - dtrevc3('R', 'B'): eigenvectors of the quasi-triangular Schur form by
 *   back substitution (dlaln2, dladiv), multiplied by the Schur vectors.
 *   With the workspace NumPy passes, LAPACK takes the blocked path (a
 *   dgemm over all of columns 1…k of Q, then each vector divided by its
 *   entry of largest magnitude), which is the order followed here;
 * - dgebak undoes the balancing, and dgeev scales each vector to unit
 *   2-norm (dnrm2) and turns each complex one so that its component of
 *   largest modulus is real (dlartg, drot).
 *
 * NumPy turns dgeev's packed output into complex arrays: a real eigenvalue's
 * vector is one real column; a pair a ± bi (a + bi first) has the vectors
 * u ± i·w from the two columns (u, w) dgeev returns. The results here are
 * the real and imaginary parts of those complex arrays.
 *
 * Deviations: above 75×75 NumPy's dhseqr uses dlaqr0 (aggressive early
 * deflation), which is not ported; there dlahqr runs instead. The
 * eigenvalues agree to rounding, but their order and the eigenvectors'
 * signs (or phases) may differ from NumPy's above 75×75. When dlahqr fails
 * to converge, LAPACK retries with dlaqr0; here that raises
 * "Eigenvalues did not converge" (LAPACK's iteration limit is seldom met).
 * The BLAS steps are the reference loops; OpenBLAS orders its sums
 * differently (and per CPU), so results agree with NumPy's to rounding, not
 * always to the bit. Given OpenBLAS's Hessenberg form, this dlahqr and
 * dtrevc3 give its Schur form and vectors to 1e-15.
 *
 * Some signs hinge on rounding in LAPACK itself, and NumPy's own answer
 * changes with OpenBLAS's kernel (OPENBLAS_CORETYPE) there:
 * - a complex pair's sign: when a 2×2 block splits off in dlahqr, the last
 *   reflector of the sweep before is built from two entries that are
 *   rounding noise, so the block's basis is arbitrary; after dgeev's
 *   normalisation one sign is left. Over random matrices up to 60×60 it
 *   differs from NumPy's for one pair in 18, as often as NumPy's Haswell
 *   kernel differs from its SkylakeX one;
 * - which component dgeev makes real when several have the largest modulus
 *   (permutation and companion matrices of xⁿ ± 1);
 * - matrices whose Hessenberg form has entries that are 0 in exact
 *   arithmetic (ones((4, 4))), and repeated defective eigenvalues, whose
 *   computed values scatter by eps^(1/k) and may come out real or complex.
 *
 * Matrices are column-major inside, as LAPACK sees them, and loop indices
 * keep Fortran's 1-based values so each line can be read against the source.
 */
import { allocate, checkDeadline } from '../limits';
import { NDArray, shapeSize } from '../ndarray';
import { assertStackedSquare, linAlgError } from './common';
import { lapy2, larfg, larfLeft, lartg, lasclFactors, nrm2, out, sign } from './eigh';

// dlamch's constants for IEEE double precision.
const SAFE_MIN = 2 ** -1022; // dlamch('S')
const PRECISION = 2 ** -52; // dlamch('P')
const EPSILON = 2 ** -53; // dlamch('E')
const OVERFLOW = Number.MAX_VALUE; // dlamch('O')

/** The eigenvalues' and the eigenvectors' real and imaginary parts, as NumPy's complex results hold them. */
export interface EigResult {
  real: NDArray;
  imag: NDArray;
  vectorsReal: NDArray;
  vectorsImag: NDArray;
}

/** NumPy's `linalg.eig` (stacks too): eigenvalues, and the unit eigenvectors as columns. */
export function eig(a: NDArray): EigResult {
  assertStackedSquare(a);
  assertFinite(a);
  const n = a.shape[a.ndim - 1];
  const batch = a.shape.slice(0, a.ndim - 2);
  const count = shapeSize(batch);
  const real = allocate(count * n);
  const imag = allocate(count * n);
  const vectorsReal = allocate(count * n * n);
  const vectorsImag = allocate(count * n * n);
  for (let t = 0; t < count; t++) {
    geev(a.data, t * n * n, n, real, imag, t * n, { re: vectorsReal, im: vectorsImag, at: t * n * n });
  }
  return {
    real: new NDArray(real, [...batch, n], 'float64'),
    imag: new NDArray(imag, [...batch, n], 'float64'),
    vectorsReal: new NDArray(vectorsReal, [...batch, n, n], 'float64'),
    vectorsImag: new NDArray(vectorsImag, [...batch, n, n], 'float64'),
  };
}

/** NumPy's `linalg.eigvals` (stacks too): the eigenvalues only, in dgeev's order. */
export function eigvals(a: NDArray): { real: NDArray; imag: NDArray } {
  assertStackedSquare(a);
  assertFinite(a);
  const n = a.shape[a.ndim - 1];
  const batch = a.shape.slice(0, a.ndim - 2);
  const count = shapeSize(batch);
  const real = allocate(count * n);
  const imag = allocate(count * n);
  for (let t = 0; t < count; t++) geev(a.data, t * n * n, n, real, imag, t * n, null);
  return {
    real: new NDArray(real, [...batch, n], 'float64'),
    imag: new NDArray(imag, [...batch, n], 'float64'),
  };
}

/** NumPy checks the whole stack before calling LAPACK. */
function assertFinite(a: NDArray): void {
  const data = a.data;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw linAlgError('Array must not contain infs or NaNs');
  }
}

interface VectorsOut {
  re: Float64Array;
  im: Float64Array;
  at: number;
}

/**
 * dgeev on the row-major n×n block of `src` at `offset`. Writes the
 * eigenvalues at `wrOut/wiOut[valuesAt…]` and, when `vectors` is given, the
 * complex eigenvectors as columns, row-major.
 */
function geev(
  src: Float64Array,
  offset: number,
  n: number,
  wrOut: Float64Array,
  wiOut: Float64Array,
  valuesAt: number,
  vectors: VectorsOut | null,
): void {
  if (n === 0) return;
  // NumPy hands LAPACK the matrix as the user sees it: column j of `a` is column j of A.
  const a = allocate(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i + j * n] = src[offset + i * n + j];

  // Scale A if its largest entry is outside [SMLNUM, BIGNUM].
  const smlnum = Math.sqrt(SAFE_MIN) / PRECISION;
  const bignum = 1 / smlnum;
  let anrm = 0;
  for (let k = 0; k < n * n; k++) {
    const v = Math.abs(a[k]);
    if (anrm < v || Number.isNaN(v)) anrm = v;
  }
  let scalea = false;
  let cscale = 1;
  if (anrm > 0 && anrm < smlnum) {
    scalea = true;
    cscale = smlnum;
  } else if (anrm > bignum) {
    scalea = true;
    cscale = bignum;
  }
  if (scalea) for (const mul of lasclFactors(anrm, cscale)) for (let k = 0; k < n * n; k++) a[k] *= mul;

  const balance = allocate(n);
  const [ilo, ihi] = gebal(a, n, balance);
  const tau = allocate(n);
  gehrd(a, n, ilo, ihi, tau);

  const wantv = vectors !== null;
  let vr: Float64Array | null = null;
  if (wantv) {
    vr = allocate(n * n);
    vr.set(a);
    orghr(vr, n, ilo, ihi, tau);
  }
  const wr = allocate(n);
  const wi = allocate(n);
  const info = hseqr(wantv, a, n, ilo, ihi, wr, wi, vr);
  // LAPACK's info > 0: NumPy fills NaN and raises through its floating-point error callback.
  if (info !== 0) throw linAlgError('Eigenvalues did not converge');

  if (vr && vectors) {
    trevc3(a, n, vr);
    gebak(balance, n, ilo, ihi, vr);
    normalize(vr, n, wi);
    // NumPy's mk_geev_complex_eigenvectors: a pair's columns (u, w) become u + iw and u − iw.
    const { re, im, at } = vectors;
    let j = 0;
    while (j < n) {
      if (wi[j] === 0) {
        for (let i = 0; i < n; i++) re[at + i * n + j] = vr[i + j * n];
        j++;
      } else {
        for (let i = 0; i < n; i++) {
          const u = vr[i + j * n];
          const w = vr[i + (j + 1) * n];
          re[at + i * n + j] = u;
          im[at + i * n + j] = w;
          re[at + i * n + j + 1] = u;
          im[at + i * n + j + 1] = -w;
        }
        j += 2;
      }
    }
  }
  if (scalea) {
    const factors = lasclFactors(cscale, anrm);
    for (const mul of factors) {
      for (let i = 0; i < n; i++) {
        wr[i] *= mul;
        wi[i] *= mul;
      }
    }
  }
  wrOut.set(wr, valuesAt);
  wiOut.set(wi, valuesAt);
}

/** idamax: the first index (0-based, from `at`) of the entry of largest magnitude among `count` with stride `inc`. */
function idamax(x: Float64Array, at: number, count: number, inc: number): number {
  let best = 0;
  let max = Math.abs(x[at]);
  for (let i = 1; i < count; i++) {
    const v = Math.abs(x[at + i * inc]);
    if (v > max) {
      max = v;
      best = i;
    }
  }
  return best;
}

/**
 * dgebal('B'): permutes A to isolate eigenvalues at the top and bottom and
 * balances the rest by powers of 2. Writes LAPACK's SCALE (permutation
 * indices outside ilo…ihi, scale factors inside) and returns [ilo, ihi].
 */
function gebal(a: Float64Array, n: number, scale: Float64Array): [number, number] {
  const ix = (r: number, c: number): number => r - 1 + (c - 1) * n;
  const swapColumns = (rows: number, c1: number, c2: number): void => {
    for (let r = 1; r <= rows; r++) {
      const t = a[ix(r, c1)];
      a[ix(r, c1)] = a[ix(r, c2)];
      a[ix(r, c2)] = t;
    }
  };
  const swapRows = (from: number, r1: number, r2: number): void => {
    for (let c = from; c <= n; c++) {
      const t = a[ix(r1, c)];
      a[ix(r1, c)] = a[ix(r2, c)];
      a[ix(r2, c)] = t;
    }
  };
  let k = 1;
  let l = n;
  // Rows with zeros off the diagonal (within columns 1…l) go to the bottom.
  let noconv = true;
  while (noconv) {
    noconv = false;
    // Fortran fixes the DO bounds on entry: i runs from this l down to 1 while l shrinks.
    for (let i = l; i >= 1; i--) {
      let canswap = true;
      for (let j = 1; j <= l; j++) {
        if (i !== j && a[ix(i, j)] !== 0) {
          canswap = false;
          break;
        }
      }
      if (canswap) {
        scale[l - 1] = i;
        if (i !== l) {
          swapColumns(l, i, l);
          swapRows(k, i, l);
        }
        noconv = true;
        if (l === 1) return [1, 1];
        l--;
      }
    }
  }
  // Columns with zeros off the diagonal (within rows k…l) go to the left.
  noconv = true;
  while (noconv) {
    noconv = false;
    for (let j = k; j <= l; j++) {
      let canswap = true;
      for (let i = k; i <= l; i++) {
        if (i !== j && a[ix(i, j)] !== 0) {
          canswap = false;
          break;
        }
      }
      if (canswap) {
        scale[k - 1] = j;
        if (j !== k) {
          swapColumns(l, j, k);
          swapRows(k, j, k);
        }
        noconv = true;
        k++;
      }
    }
  }
  for (let i = k; i <= l; i++) scale[i - 1] = 1;

  // Balance the submatrix in rows and columns k…l.
  const sclfac = 2;
  const factor = 0.95;
  const sfmin1 = SAFE_MIN / PRECISION;
  const sfmax1 = 1 / sfmin1;
  const sfmin2 = sfmin1 * sclfac;
  const sfmax2 = 1 / sfmin2;
  const row = allocate(n);
  noconv = true;
  while (noconv) {
    checkDeadline();
    noconv = false;
    for (let i = k; i <= l; i++) {
      let c = nrm2(a, ix(k, i), l - k + 1);
      for (let j = k; j <= l; j++) row[j - k] = a[ix(i, j)];
      let r = nrm2(row, 0, l - k + 1);
      const ica = idamax(a, ix(1, i), l, 1) + 1;
      let ca = Math.abs(a[ix(ica, i)]);
      const ira = idamax(a, ix(i, k), n - k + 1, n) + 1;
      let ra = Math.abs(a[ix(i, ira + k - 1)]);
      if (c === 0 || r === 0) continue;
      // LAPACK's DISNAN(C+CA+R+RA) exit needs a NaN, which finite input cannot produce here.
      let g = r / sclfac;
      let f = 1;
      const s = c + r;
      while (c < g && Math.max(f, c, ca) < sfmax2 && Math.min(r, g, ra) > sfmin2) {
        f *= sclfac;
        c *= sclfac;
        ca *= sclfac;
        r /= sclfac;
        g /= sclfac;
        ra /= sclfac;
      }
      g = c / sclfac;
      while (g >= r && Math.max(r, ra) < sfmax2 && Math.min(f, c, g, ca) > sfmin2) {
        f /= sclfac;
        c /= sclfac;
        g /= sclfac;
        ca /= sclfac;
        r *= sclfac;
        ra *= sclfac;
      }
      if (c + r >= factor * s) continue;
      if (f < 1 && scale[i - 1] < 1 && f * scale[i - 1] <= sfmin1) continue;
      if (f > 1 && scale[i - 1] > 1 && scale[i - 1] >= sfmax1 / f) continue;
      g = 1 / f;
      scale[i - 1] *= f;
      noconv = true;
      for (let j = k; j <= n; j++) a[ix(i, j)] *= g;
      for (let j = 1; j <= l; j++) a[ix(j, i)] *= f;
    }
  }
  return [k, l];
}

/**
 * dgehrd through dgehd2: Qᵀ·A·Q = H (upper Hessenberg) by reflectors
 * H(ilo)…H(ihi−1), stored below the subdiagonal as LAPACK stores them.
 */
function gehrd(a: Float64Array, n: number, ilo: number, ihi: number, tau: Float64Array): void {
  for (let i = 1; i <= ilo - 1; i++) tau[i - 1] = 0;
  for (let i = Math.max(1, ihi); i <= n - 1; i++) tau[i - 1] = 0;
  if (ihi - ilo + 1 <= 1) return;
  const work = allocate(n);
  for (let i = ilo; i <= ihi - 1; i++) {
    checkDeadline();
    // H(i) annihilates A(i+2:ihi, i); v = A(i+1:ihi, i) with v(1) = 1.
    const vAt = i + (i - 1) * n; // A(i+1, i)
    tau[i - 1] = larfg(ihi - i, a, vAt, Math.min(i + 2, n) - 1 + (i - 1) * n);
    const aii = a[vAt];
    a[vAt] = 1;
    // A(1:ihi, i+1:ihi) = A·H(i), then A(i+1:ihi, i+1:n) = H(i)·A.
    larfRight(ihi, ihi - i, a, vAt, tau[i - 1], a, i * n, n, work);
    larfLeft(ihi - i, n - i, a, vAt, tau[i - 1], a, i + i * n, n, work);
    a[vAt] = aii;
  }
}

/** iladlr: the last row of the m×n block at `at` with a non-zero entry (0 if none). */
function lastNonZeroRow(m: number, n: number, c: Float64Array, at: number, ldc: number): number {
  if (m === 0) return 0;
  if (c[at + m - 1] !== 0 || c[at + (n - 1) * ldc + m - 1] !== 0) return m;
  let last = 0;
  for (let j = 0; j < n; j++) {
    let i = m;
    while (i >= 1 && c[at + j * ldc + i - 1] === 0) i--;
    last = Math.max(last, i);
  }
  return last;
}

/**
 * dlarf('R'): C = C·(I − τ·v·vᵀ) for the m×n block of `c` at `cAt`, v at
 * v[vAt…vAt+n). Trailing zeros of v and zero rows of C are skipped, as
 * LAPACK does.
 */
function larfRight(
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
  let lastv = n;
  while (lastv > 0 && v[vAt + lastv - 1] === 0) lastv--;
  if (lastv === 0) return;
  const lastc = lastNonZeroRow(m, lastv, c, cAt, ldc);
  // dgemv: w = C(1:lastc, 1:lastv)·v, then dger: C −= τ·w·vᵀ.
  work.fill(0, 0, lastc);
  for (let j = 0; j < lastv; j++) {
    const temp = v[vAt + j];
    const colAt = cAt + j * ldc;
    for (let i = 0; i < lastc; i++) work[i] += temp * c[colAt + i];
  }
  for (let j = 0; j < lastv; j++) {
    const temp = -tau * v[vAt + j];
    const colAt = cAt + j * ldc;
    for (let i = 0; i < lastc; i++) c[colAt + i] += work[i] * temp;
  }
}

/**
 * dorghr: overwrites `a` (a copy of gehrd's output) with the orthogonal Q
 * of its reflectors: shifts them one column right, sets the rows and
 * columns outside ilo…ihi to the identity and calls dorg2r.
 */
function orghr(a: Float64Array, n: number, ilo: number, ihi: number, tau: Float64Array): void {
  const ix = (r: number, c: number): number => r - 1 + (c - 1) * n;
  const nh = ihi - ilo;
  for (let j = ihi; j >= ilo + 1; j--) {
    for (let i = 1; i <= j - 1; i++) a[ix(i, j)] = 0;
    for (let i = j + 1; i <= ihi; i++) a[ix(i, j)] = a[ix(i, j - 1)];
    for (let i = ihi + 1; i <= n; i++) a[ix(i, j)] = 0;
  }
  for (let j = 1; j <= ilo; j++) {
    for (let i = 1; i <= n; i++) a[ix(i, j)] = 0;
    a[ix(j, j)] = 1;
  }
  for (let j = ihi + 1; j <= n; j++) {
    for (let i = 1; i <= n; i++) a[ix(i, j)] = 0;
    a[ix(j, j)] = 1;
  }
  if (nh > 0) org2r(nh, nh, nh, a, ix(ilo + 1, ilo + 1), n, tau, ilo - 1);
}

/**
 * dorg2r: the m×nn block of `a` at `at` becomes the first nn columns of
 * H(1)·…·H(k), reflector i being the column below A(i, i) with τ =
 * tau[tauAt + i − 1].
 */
function org2r(
  m: number,
  nn: number,
  k: number,
  a: Float64Array,
  at: number,
  lda: number,
  tau: Float64Array,
  tauAt: number,
): void {
  if (nn <= 0) return;
  const ix = (r: number, c: number): number => at + r - 1 + (c - 1) * lda;
  const work = allocate(nn);
  for (let j = k + 1; j <= nn; j++) {
    for (let l = 1; l <= m; l++) a[ix(l, j)] = 0;
    a[ix(j, j)] = 1;
  }
  for (let i = k; i >= 1; i--) {
    checkDeadline();
    const taui = tau[tauAt + i - 1];
    if (i < nn) {
      a[ix(i, i)] = 1;
      larfLeft(m - i + 1, nn - i, a, ix(i, i), taui, a, ix(i, i + 1), lda, work);
    }
    if (i < m) {
      const mul = -taui;
      for (let l = i + 1; l <= m; l++) a[ix(l, i)] *= mul;
    }
    a[ix(i, i)] = 1 - taui;
    for (let l = 1; l <= i - 1; l++) a[ix(l, i)] = 0;
  }
}

/**
 * dhseqr for n < 75 (dlahqr): the eigenvalues (wr, wi) of the Hessenberg
 * `h`; with `wantt` also the Schur form T in `h` and the Schur vectors
 * accumulated into `z`. Returns LAPACK's info.
 */
function hseqr(
  wantt: boolean,
  h: Float64Array,
  n: number,
  ilo: number,
  ihi: number,
  wr: Float64Array,
  wi: Float64Array,
  z: Float64Array | null,
): number {
  const ix = (r: number, c: number): number => r - 1 + (c - 1) * n;
  for (let i = 1; i <= ilo - 1; i++) {
    wr[i - 1] = h[ix(i, i)];
    wi[i - 1] = 0;
  }
  for (let i = ihi + 1; i <= n; i++) {
    wr[i - 1] = h[ix(i, i)];
    wi[i - 1] = 0;
  }
  if (ilo === ihi) {
    wr[ilo - 1] = h[ix(ilo, ilo)];
    wi[ilo - 1] = 0;
    return 0;
  }
  // LAPACK takes dlaqr0 above NMIN = 75 (not ported) and when dlahqr fails.
  const info = lahqr(wantt, wantt && z !== null, n, ilo, ihi, h, wr, wi, 1, n, z);
  if (info !== 0) return info;
  // dlaset: clear what the reflectors left below the subdiagonal.
  if (wantt && n > 2) for (let j = 1; j <= n - 2; j++) for (let i = j + 2; i <= n; i++) h[ix(i, j)] = 0;
  return 0;
}

/** Exceptional shifts: every KEXSH-th iteration without deflation. */
const KEXSH = 10;
const DAT1 = 3 / 4;
const DAT2 = -0.4375;

/**
 * dlahqr: the double-shift QR iteration on rows and columns ilo…ihi of
 * the Hessenberg `h`, accumulating the transformations into rows
 * iloz…ihiz of `z` when `wantz`. Returns LAPACK's info: 0, or the index
 * of the eigenvalue that failed to converge.
 */
function lahqr(
  wantt: boolean,
  wantz: boolean,
  n: number,
  ilo: number,
  ihi: number,
  h: Float64Array,
  wr: Float64Array,
  wi: Float64Array,
  iloz: number,
  ihiz: number,
  z: Float64Array | null,
): number {
  const ix = (r: number, c: number): number => r - 1 + (c - 1) * n;
  if (n === 0) return 0;
  if (ilo === ihi) {
    wr[ilo - 1] = h[ix(ilo, ilo)];
    wi[ilo - 1] = 0;
    return 0;
  }
  // Clear out the trash below the subdiagonal the bulges pass through.
  for (let j = ilo; j <= ihi - 3; j++) {
    h[ix(j + 2, j)] = 0;
    h[ix(j + 3, j)] = 0;
  }
  if (ilo <= ihi - 2) h[ix(ihi, ihi - 2)] = 0;
  const nh = ihi - ilo + 1;
  const nz = ihiz - iloz + 1;
  const ulp = PRECISION;
  const smlnum = SAFE_MIN * (nh / ulp);
  // I1 and I2 bound the columns and rows the transformations touch.
  let i1 = 0;
  let i2 = 0;
  if (wantt) {
    i1 = 1;
    i2 = n;
  }
  const itmax = 30 * Math.max(10, nh);
  let kdefl = 0;
  const v = new Float64Array(3);
  // The active block is rows and columns l…i; i moves up as eigenvalues converge.
  let i = ihi;
  for (;;) {
    let l = ilo;
    if (i < ilo) return 0;
    let converged = false;
    for (let its = 0; its <= itmax; its++) {
      checkDeadline();
      // Look for a single small subdiagonal element.
      let k: number;
      for (k = i; k >= l + 1; k--) {
        const hkk1 = Math.abs(h[ix(k, k - 1)]);
        if (hkk1 <= smlnum) break;
        let tst = Math.abs(h[ix(k - 1, k - 1)]) + Math.abs(h[ix(k, k)]);
        if (tst === 0) {
          if (k - 2 >= ilo) tst += Math.abs(h[ix(k - 1, k - 2)]);
          if (k + 1 <= ihi) tst += Math.abs(h[ix(k + 1, k)]);
        }
        // Ahues & Kressner's conservative small-subdiagonal deflation criterion.
        if (hkk1 <= ulp * tst) {
          const hk1k = Math.abs(h[ix(k - 1, k)]);
          const ab = Math.max(hkk1, hk1k);
          const ba = Math.min(hkk1, hk1k);
          const hkk = Math.abs(h[ix(k, k)]);
          const diff = Math.abs(h[ix(k - 1, k - 1)] - h[ix(k, k)]);
          const aa = Math.max(hkk, diff);
          const bb = Math.min(hkk, diff);
          const s = aa + ab;
          if (ba * (ab / s) <= Math.max(smlnum, ulp * (bb * (aa / s)))) break;
        }
      }
      l = k;
      // H(l, l−1) is negligible.
      if (l > ilo) h[ix(l, l - 1)] = 0;
      // Exit when a 1×1 or 2×2 block has split off.
      if (l >= i - 1) {
        converged = true;
        break;
      }
      kdefl++;
      // Without the Schur form, only the active block is transformed.
      if (!wantt) {
        i1 = l;
        i2 = i;
      }
      let h11: number;
      let h12: number;
      let h21: number;
      let h22: number;
      let s: number;
      if (kdefl % (2 * KEXSH) === 0) {
        // Exceptional shift from the bottom.
        s = Math.abs(h[ix(i, i - 1)]) + Math.abs(h[ix(i - 1, i - 2)]);
        h11 = DAT1 * s + h[ix(i, i)];
        h12 = DAT2 * s;
        h21 = s;
        h22 = h11;
      } else if (kdefl % KEXSH === 0) {
        // Exceptional shift from the top.
        s = Math.abs(h[ix(l + 1, l)]) + Math.abs(h[ix(l + 2, l + 1)]);
        h11 = DAT1 * s + h[ix(l, l)];
        h12 = DAT2 * s;
        h21 = s;
        h22 = h11;
      } else {
        // The Francis shifts: the eigenvalues of the trailing 2×2 block.
        h11 = h[ix(i - 1, i - 1)];
        h21 = h[ix(i, i - 1)];
        h12 = h[ix(i - 1, i)];
        h22 = h[ix(i, i)];
      }
      s = Math.abs(h11) + Math.abs(h12) + Math.abs(h21) + Math.abs(h22);
      let rt1r: number;
      let rt1i: number;
      let rt2r: number;
      let rt2i: number;
      if (s === 0) {
        rt1r = 0;
        rt1i = 0;
        rt2r = 0;
        rt2i = 0;
      } else {
        h11 /= s;
        h21 /= s;
        h12 /= s;
        h22 /= s;
        const tr = (h11 + h22) / 2;
        const det = (h11 - tr) * (h22 - tr) - h12 * h21;
        const rtdisc = Math.sqrt(Math.abs(det));
        if (det >= 0) {
          // A complex conjugate pair of shifts.
          rt1r = tr * s;
          rt2r = rt1r;
          rt1i = rtdisc * s;
          rt2i = -rt1i;
        } else {
          // Real shifts: use only the one closer to H(i, i), twice.
          rt1r = tr + rtdisc;
          rt2r = tr - rtdisc;
          if (Math.abs(rt1r - h22) <= Math.abs(rt2r - h22)) {
            rt1r = rt1r * s;
            rt2r = rt1r;
          } else {
            rt2r = rt2r * s;
            rt1r = rt2r;
          }
          rt1i = 0;
          rt2i = 0;
        }
      }
      // Look for two consecutive small subdiagonal elements.
      let m: number;
      for (m = i - 2; m >= l; m--) {
        // The first column of (H − rt1)(H − rt2), scaled to avoid overflow.
        const hmm = h[ix(m, m)];
        let h21s = h[ix(m + 1, m)];
        s = Math.abs(hmm - rt2r) + Math.abs(rt2i) + Math.abs(h21s);
        h21s = h[ix(m + 1, m)] / s;
        v[0] = h21s * h[ix(m, m + 1)] + (hmm - rt1r) * ((hmm - rt2r) / s) - rt1i * (rt2i / s);
        v[1] = h21s * (hmm + h[ix(m + 1, m + 1)] - rt1r - rt2r);
        v[2] = h21s * h[ix(m + 2, m + 1)];
        s = Math.abs(v[0]) + Math.abs(v[1]) + Math.abs(v[2]);
        v[0] /= s;
        v[1] /= s;
        v[2] /= s;
        if (m === l) break;
        const h00 = Math.abs(h[ix(m, m - 1)]) * (Math.abs(v[1]) + Math.abs(v[2]));
        const h01 =
          ulp *
          Math.abs(v[0]) *
          (Math.abs(h[ix(m - 1, m - 1)]) + Math.abs(hmm) + Math.abs(h[ix(m + 1, m + 1)]));
        if (h00 <= h01) break;
      }
      // The double-shift QR step: chase the bulge from row m down to i.
      for (k = m; k <= i - 1; k++) {
        // The first reflector comes from v; later ones restore the Hessenberg form.
        const nr = Math.min(3, i - k + 1);
        if (k > m) for (let r = 0; r < nr; r++) v[r] = h[ix(k + r, k - 1)];
        const t1 = larfg(nr, v, 0, 1);
        if (k > m) {
          h[ix(k, k - 1)] = v[0];
          h[ix(k + 1, k - 1)] = 0;
          if (k < i - 1) h[ix(k + 2, k - 1)] = 0;
        } else if (m > l) {
          // Use the following instead of H(k, k−1) = −H(k, k−1) to avoid a bug when v(2) and v(3) underflow.
          h[ix(k, k - 1)] = h[ix(k, k - 1)] * (1 - t1);
        }
        const v2 = v[1];
        const t2 = t1 * v2;
        if (nr === 3) {
          const v3 = v[2];
          const t3 = t1 * v3;
          // Apply G from the left to rows k…k+2 of H.
          for (let j = k; j <= i2; j++) {
            const sum = h[ix(k, j)] + v2 * h[ix(k + 1, j)] + v3 * h[ix(k + 2, j)];
            h[ix(k, j)] = h[ix(k, j)] - sum * t1;
            h[ix(k + 1, j)] = h[ix(k + 1, j)] - sum * t2;
            h[ix(k + 2, j)] = h[ix(k + 2, j)] - sum * t3;
          }
          // Apply G from the right to columns k…k+2 of H.
          const last = Math.min(k + 3, i);
          for (let j = i1; j <= last; j++) {
            const sum = h[ix(j, k)] + v2 * h[ix(j, k + 1)] + v3 * h[ix(j, k + 2)];
            h[ix(j, k)] = h[ix(j, k)] - sum * t1;
            h[ix(j, k + 1)] = h[ix(j, k + 1)] - sum * t2;
            h[ix(j, k + 2)] = h[ix(j, k + 2)] - sum * t3;
          }
          if (wantz && z) {
            for (let j = iloz; j <= ihiz; j++) {
              const sum = z[ix(j, k)] + v2 * z[ix(j, k + 1)] + v3 * z[ix(j, k + 2)];
              z[ix(j, k)] = z[ix(j, k)] - sum * t1;
              z[ix(j, k + 1)] = z[ix(j, k + 1)] - sum * t2;
              z[ix(j, k + 2)] = z[ix(j, k + 2)] - sum * t3;
            }
          }
        } else if (nr === 2) {
          for (let j = k; j <= i2; j++) {
            const sum = h[ix(k, j)] + v2 * h[ix(k + 1, j)];
            h[ix(k, j)] = h[ix(k, j)] - sum * t1;
            h[ix(k + 1, j)] = h[ix(k + 1, j)] - sum * t2;
          }
          for (let j = i1; j <= i; j++) {
            const sum = h[ix(j, k)] + v2 * h[ix(j, k + 1)];
            h[ix(j, k)] = h[ix(j, k)] - sum * t1;
            h[ix(j, k + 1)] = h[ix(j, k + 1)] - sum * t2;
          }
          if (wantz && z) {
            for (let j = iloz; j <= ihiz; j++) {
              const sum = z[ix(j, k)] + v2 * z[ix(j, k + 1)];
              z[ix(j, k)] = z[ix(j, k)] - sum * t1;
              z[ix(j, k + 1)] = z[ix(j, k + 1)] - sum * t2;
            }
          }
        }
      }
    }
    // Failure to converge in the remaining iterations.
    if (!converged) return i;
    if (l === i) {
      // A 1×1 block: a real eigenvalue.
      wr[i - 1] = h[ix(i, i)];
      wi[i - 1] = 0;
    } else if (l === i - 1) {
      // A 2×2 block: its eigenvalues, and its standard form when wanted.
      lanv2(h[ix(i - 1, i - 1)], h[ix(i - 1, i)], h[ix(i, i - 1)], h[ix(i, i)]);
      h[ix(i - 1, i - 1)] = std.a;
      h[ix(i - 1, i)] = std.b;
      h[ix(i, i - 1)] = std.c;
      h[ix(i, i)] = std.d;
      wr[i - 2] = std.rt1r;
      wi[i - 2] = std.rt1i;
      wr[i - 1] = std.rt2r;
      wi[i - 1] = std.rt2i;
      const { cs, sn } = std;
      if (wantt) {
        // Apply the rotation to the rest of H.
        if (i2 > i) rot(i2 - i, h, ix(i - 1, i + 1), n, h, ix(i, i + 1), n, cs, sn);
        rot(i - i1 - 1, h, ix(i1, i - 1), 1, h, ix(i1, i), 1, cs, sn);
      }
      if (wantz && z) rot(nz, z, ix(iloz, i - 1), 1, z, ix(iloz, i), 1, cs, sn);
    }
    // Reset the deflation counter and go on with the rest of the matrix.
    kdefl = 0;
    i = l - 1;
  }
}

/** drot: (x, y) ← (c·x + s·y, c·y − s·x) elementwise, with strides. */
function rot(
  count: number,
  x: Float64Array,
  xAt: number,
  incx: number,
  y: Float64Array,
  yAt: number,
  incy: number,
  c: number,
  s: number,
): void {
  for (let k = 0; k < count; k++) {
    const xi = xAt + k * incx;
    const yi = yAt + k * incy;
    const temp = c * x[xi] + s * y[yi];
    y[yi] = c * y[yi] - s * x[xi];
    x[xi] = temp;
  }
}

/** The outputs of dlanv2, reused to spare allocations. */
const std = { a: 0, b: 0, c: 0, d: 0, rt1r: 0, rt1i: 0, rt2r: 0, rt2i: 0, cs: 1, sn: 0 };

/** dlanv2's SAFMN2: 2^INT(log₂(SAFMIN/EPS)/2). */
const SAFMN2 = 2 ** -485;
const SAFMX2 = 1 / SAFMN2;
const MULTPL = 4;

/**
 * dlanv2: the Schur factorisation of the real 2×2 [[a, b], [c, d]] in
 * standard form: either c = 0, or a = d and b·c < 0 (a complex pair),
 * with the rotation (cs, sn) that produces it.
 */
function lanv2(a0: number, b0: number, c0: number, d0: number): void {
  let a = a0;
  let b = b0;
  let c = c0;
  let d = d0;
  const eps = PRECISION;
  let cs: number;
  let sn: number;
  if (c === 0) {
    cs = 1;
    sn = 0;
  } else if (b === 0) {
    // Swap rows and columns.
    cs = 0;
    sn = 1;
    const temp = d;
    d = a;
    a = temp;
    b = -c;
    c = 0;
  } else if (a - d === 0 && sign(1, b) !== sign(1, c)) {
    cs = 1;
    sn = 0;
  } else {
    let temp = a - d;
    let p = 0.5 * temp;
    const bcmax = Math.max(Math.abs(b), Math.abs(c));
    const bcmis = Math.min(Math.abs(b), Math.abs(c)) * sign(1, b) * sign(1, c);
    let scale = Math.max(Math.abs(p), bcmax);
    let z = (p / scale) * p + (bcmax / scale) * bcmis;
    // If z is of the order of the machine accuracy, postpone the decision on the nature of the eigenvalues.
    if (z >= MULTPL * eps) {
      // Real eigenvalues: compute a and d.
      z = p + sign(Math.sqrt(scale) * Math.sqrt(z), p);
      a = d + z;
      d = d - (bcmax / z) * bcmis;
      const tau = lapy2(c, z);
      cs = z / tau;
      sn = c / tau;
      b = b - c;
      c = 0;
    } else {
      // Complex eigenvalues, or real (almost) equal ones: make the diagonal entries equal.
      let count = 0;
      let sigma = b + c;
      for (;;) {
        count++;
        scale = Math.max(Math.abs(temp), Math.abs(sigma));
        if (scale >= SAFMX2) {
          sigma *= SAFMN2;
          temp *= SAFMN2;
          if (count <= 20) continue;
        }
        if (scale <= SAFMN2) {
          sigma *= SAFMX2;
          temp *= SAFMX2;
          if (count <= 20) continue;
        }
        break;
      }
      p = 0.5 * temp;
      let tau = lapy2(sigma, temp);
      cs = Math.sqrt(0.5 * (1 + Math.abs(sigma) / tau));
      sn = -(p / (tau * cs)) * sign(1, sigma);
      // [aa bb; cc dd] = [a b; c d]·[cs −sn; sn cs].
      const aa = a * cs + b * sn;
      const bb = -a * sn + b * cs;
      const cc = c * cs + d * sn;
      const dd = -c * sn + d * cs;
      // [a b; c d] = [cs sn; −sn cs]·[aa bb; cc dd].
      a = aa * cs + cc * sn;
      b = bb * cs + dd * sn;
      c = -aa * sn + cc * cs;
      d = -bb * sn + dd * cs;
      temp = 0.5 * (a + d);
      a = temp;
      d = temp;
      if (c !== 0) {
        if (b !== 0) {
          if (sign(1, b) === sign(1, c)) {
            // Real eigenvalues: reduce to upper triangular form.
            const sab = Math.sqrt(Math.abs(b));
            const sac = Math.sqrt(Math.abs(c));
            p = sign(sab * sac, c);
            tau = 1 / Math.sqrt(Math.abs(b + c));
            a = temp + p;
            d = temp - p;
            b = b - c;
            c = 0;
            const cs1 = sab * tau;
            const sn1 = sac * tau;
            temp = cs * cs1 - sn * sn1;
            sn = cs * sn1 + sn * cs1;
            cs = temp;
          }
        } else {
          b = -c;
          c = 0;
          temp = cs;
          cs = -sn;
          sn = temp;
        }
      }
    }
  }
  std.a = a;
  std.b = b;
  std.c = c;
  std.d = d;
  std.rt1r = a;
  std.rt2r = d;
  if (c === 0) {
    std.rt1i = 0;
    std.rt2i = 0;
  } else {
    std.rt1i = Math.sqrt(Math.abs(b)) * Math.sqrt(Math.abs(c));
    std.rt2i = -std.rt1i;
  }
  std.cs = cs;
  std.sn = sn;
}

/**
 * dtrevc3('R', 'B'): the right eigenvectors of the quasi-triangular Schur
 * form `t`, multiplied by the Schur vectors in `vr` (overwritten). A real
 * eigenvalue's vector takes one column; a complex pair's takes two (real
 * and imaginary parts of the vector of the eigenvalue with positive
 * imaginary part). Each is scaled so its largest entry (in |re| + |im|)
 * has magnitude 1.
 */
function trevc3(t: Float64Array, n: number, vr: Float64Array): void {
  const ix = (r: number, c: number): number => r - 1 + (c - 1) * n;
  const ulp = PRECISION;
  const smlnum = SAFE_MIN * (n / ulp);
  const bignum = (1 - ulp) / smlnum;
  // 1-norms of the strictly upper triangular columns of T, to control overflow.
  const cnorm = allocate(n);
  for (let j = 2; j <= n; j++) {
    let sum = 0;
    for (let i = 1; i <= j - 1; i++) sum += Math.abs(t[ix(i, j)]);
    cnorm[j - 1] = sum;
  }
  // LAPACK's WORK columns IV−1 and IV: the vector in the Schur basis (real, imaginary parts).
  const re = allocate(n);
  const im = allocate(n);
  const prodRe = allocate(n);
  const prodIm = allocate(n);
  const x = laln2Out;
  const scal = (count: number, alpha: number, y: Float64Array): void => {
    for (let k = 0; k < count; k++) y[k] *= alpha;
  };
  // daxpy: y(1:count) += alpha·T(1:count, col).
  const axpy = (count: number, alpha: number, col: number, y: Float64Array): void => {
    const at = ix(1, col);
    for (let k = 0; k < count; k++) y[k] += alpha * t[at + k];
  };
  // ip: 0 for a real eigenvalue, −1 for the second of a pair (its first is skipped next).
  let ip = 0;
  for (let ki = n; ki >= 1; ki--) {
    checkDeadline();
    if (ip === -1) {
      ip = 1;
      continue;
    }
    if (ki === 1) ip = 0;
    else if (t[ix(ki, ki - 1)] === 0) ip = 0;
    else ip = -1;
    const wr = t[ix(ki, ki)];
    let wi = 0;
    if (ip !== 0) wi = Math.sqrt(Math.abs(t[ix(ki, ki - 1)])) * Math.sqrt(Math.abs(t[ix(ki - 1, ki)]));
    const smin = Math.max(ulp * (Math.abs(wr) + Math.abs(wi)), smlnum);

    if (ip === 0) {
      // A real right eigenvector: solve the upper quasi-triangular (T(1:ki−1, 1:ki−1) − wr)·x = scale·rhs.
      re[ki - 1] = 1;
      for (let k = 1; k <= ki - 1; k++) re[k - 1] = -t[ix(k, ki)];
      let jnxt = ki - 1;
      for (let j = ki - 1; j >= 1; j--) {
        if (j > jnxt) continue;
        let j1 = j;
        jnxt = j - 1;
        if (j > 1 && t[ix(j, j - 1)] !== 0) {
          j1 = j - 1;
          jnxt = j - 2;
        }
        if (j1 === j) {
          // A 1×1 diagonal block.
          laln2(1, 1, smin, t, ix(j, j), n, re[j - 1], 0, 0, 0, wr, 0);
          // Scale x(1,1) to avoid overflow when updating the right-hand side.
          if (x.xnorm > 1 && cnorm[j - 1] > bignum / x.xnorm) {
            x.x11 = x.x11 / x.xnorm;
            x.scale = x.scale / x.xnorm;
          }
          if (x.scale !== 1) scal(ki, x.scale, re);
          re[j - 1] = x.x11;
          axpy(j - 1, -x.x11, j, re);
        } else {
          // A 2×2 diagonal block.
          laln2(2, 1, smin, t, ix(j - 1, j - 1), n, re[j - 2], re[j - 1], 0, 0, wr, 0);
          if (x.xnorm > 1) {
            const beta = Math.max(cnorm[j - 2], cnorm[j - 1]);
            if (beta > bignum / x.xnorm) {
              x.x11 = x.x11 / x.xnorm;
              x.x21 = x.x21 / x.xnorm;
              x.scale = x.scale / x.xnorm;
            }
          }
          if (x.scale !== 1) scal(ki, x.scale, re);
          re[j - 2] = x.x11;
          re[j - 1] = x.x21;
          axpy(j - 2, -x.x11, j - 1, re);
          axpy(j - 2, -x.x21, j, re);
        }
      }
      // Back-transform (the blocked path's dgemm): VR(:, ki) = VR(:, 1:ki)·x, then scale by the largest entry.
      backTransform(vr, n, ki, re, prodRe);
      const ii = idamax(prodRe, 0, n, 1);
      const remax = 1 / Math.abs(prodRe[ii]);
      for (let r = 0; r < n; r++) vr[ix(r + 1, ki)] = prodRe[r] * remax;
    } else {
      // A complex right eigenvector for wr + i·wi, from the 2×2 block at rows ki−1, ki.
      // Initial solve [(T(ki−1, ki−1) T(ki−1, ki); T(ki, ki−1) T(ki, ki)) − (wr − i·wi)]·x = 0.
      if (Math.abs(t[ix(ki - 1, ki)]) >= Math.abs(t[ix(ki, ki - 1)])) {
        re[ki - 2] = 1;
        im[ki - 1] = wi / t[ix(ki - 1, ki)];
      } else {
        re[ki - 2] = -wi / t[ix(ki, ki - 1)];
        im[ki - 1] = 1;
      }
      re[ki - 1] = 0;
      im[ki - 2] = 0;
      // Form the right-hand side.
      for (let k = 1; k <= ki - 2; k++) {
        re[k - 1] = -re[ki - 2] * t[ix(k, ki - 1)];
        im[k - 1] = -im[ki - 1] * t[ix(k, ki)];
      }
      // Solve the upper quasi-triangular system (T(1:ki−2, 1:ki−2) − (wr + i·wi))·x = scale·(re + i·im).
      let jnxt = ki - 2;
      for (let j = ki - 2; j >= 1; j--) {
        if (j > jnxt) continue;
        let j1 = j;
        jnxt = j - 1;
        if (j > 1 && t[ix(j, j - 1)] !== 0) {
          j1 = j - 1;
          jnxt = j - 2;
        }
        if (j1 === j) {
          laln2(1, 2, smin, t, ix(j, j), n, re[j - 1], 0, im[j - 1], 0, wr, wi);
          if (x.xnorm > 1 && cnorm[j - 1] > bignum / x.xnorm) {
            x.x11 = x.x11 / x.xnorm;
            x.x12 = x.x12 / x.xnorm;
            x.scale = x.scale / x.xnorm;
          }
          if (x.scale !== 1) {
            scal(ki, x.scale, re);
            scal(ki, x.scale, im);
          }
          re[j - 1] = x.x11;
          im[j - 1] = x.x12;
          axpy(j - 1, -x.x11, j, re);
          axpy(j - 1, -x.x12, j, im);
        } else {
          laln2(2, 2, smin, t, ix(j - 1, j - 1), n, re[j - 2], re[j - 1], im[j - 2], im[j - 1], wr, wi);
          if (x.xnorm > 1) {
            const beta = Math.max(cnorm[j - 2], cnorm[j - 1]);
            if (beta > bignum / x.xnorm) {
              const rec = 1 / x.xnorm;
              x.x11 *= rec;
              x.x12 *= rec;
              x.x21 *= rec;
              x.x22 *= rec;
              x.scale *= rec;
            }
          }
          if (x.scale !== 1) {
            scal(ki, x.scale, re);
            scal(ki, x.scale, im);
          }
          re[j - 2] = x.x11;
          re[j - 1] = x.x21;
          im[j - 2] = x.x12;
          im[j - 1] = x.x22;
          axpy(j - 2, -x.x11, j - 1, re);
          axpy(j - 2, -x.x21, j, re);
          axpy(j - 2, -x.x12, j - 1, im);
          axpy(j - 2, -x.x22, j, im);
        }
      }
      backTransform(vr, n, ki, re, prodRe);
      backTransform(vr, n, ki, im, prodIm);
      let emax = 0;
      for (let r = 0; r < n; r++) emax = Math.max(emax, Math.abs(prodRe[r]) + Math.abs(prodIm[r]));
      const remax = 1 / emax;
      for (let r = 0; r < n; r++) {
        vr[ix(r + 1, ki - 1)] = prodRe[r] * remax;
        vr[ix(r + 1, ki)] = prodIm[r] * remax;
      }
    }
  }
}

/**
 * The product Q(:, 1:ki)·x(1:ki) into `out`, summed over the columns in
 * order as the reference dgemm does. Columns ki and above of `q` may
 * already hold finished eigenvectors; columns 1…ki are still Schur vectors.
 */
function backTransform(q: Float64Array, n: number, ki: number, x: Float64Array, out: Float64Array): void {
  out.fill(0, 0, n);
  for (let l = 0; l < ki; l++) {
    const temp = x[l];
    const colAt = l * n;
    for (let r = 0; r < n; r++) out[r] += temp * q[colAt + r];
  }
}

/** The outputs of dlaln2: X (2×2, column-major names), its scale and norm. */
const laln2Out = { x11: 0, x21: 0, x12: 0, x22: 0, scale: 1, xnorm: 0 };

/** dlaln2's pivot table IPIVOT(4, 4), column by column, and its swap flags. */
const IPIVOT = [
  [1, 2, 3, 4],
  [2, 1, 4, 3],
  [3, 4, 1, 2],
  [4, 3, 2, 1],
];
const ZSWAP = [false, false, true, true];
const RSWAP = [false, true, false, true];

/**
 * dlaln2 with LTRANS = false, CA = 1 and D1 = D2 = 1 (as dtrevc3 calls it):
 * solves (A − (wr + i·wi))·X = scale·B for the na×na block of `t` at `at`
 * (na = 1 or 2) and nw = 1 (real) or 2 (complex) right-hand sides, B given
 * by its entries b11, b21 (real parts) and b12, b22 (imaginary parts),
 * perturbing A by up to smin when it is nearly singular. The multiplications
 * by CA and D are by 1, which is exact, so they are left out.
 */
function laln2(
  na: number,
  nw: number,
  smin: number,
  t: Float64Array,
  at: number,
  ldt: number,
  b11: number,
  b21: number,
  b12: number,
  b22: number,
  wr: number,
  wi: number,
): void {
  const x = laln2Out;
  const smlnum = 2 * SAFE_MIN;
  const bignum = 1 / smlnum;
  const smini = Math.max(smin, smlnum);
  x.scale = 1;
  if (na === 1) {
    if (nw === 1) {
      // Real 1×1: (a − wr)·x = b.
      let csr = t[at] - wr;
      let cnorm = Math.abs(csr);
      if (cnorm < smini) {
        csr = smini;
        cnorm = smini;
      }
      const bnorm = Math.abs(b11);
      if (cnorm < 1 && bnorm > 1 && bnorm > bignum * cnorm) x.scale = 1 / bnorm;
      x.x11 = (b11 * x.scale) / csr;
      x.xnorm = Math.abs(x.x11);
    } else {
      // Complex 1×1: (a − wr − i·wi)·x = b.
      let csr = t[at] - wr;
      let csi = -wi;
      let cnorm = Math.abs(csr) + Math.abs(csi);
      if (cnorm < smini) {
        csr = smini;
        csi = 0;
        cnorm = smini;
      }
      const bnorm = Math.abs(b11) + Math.abs(b12);
      if (cnorm < 1 && bnorm > 1 && bnorm > bignum * cnorm) x.scale = 1 / bnorm;
      ladiv(x.scale * b11, x.scale * b12, csr, csi);
      x.x11 = div.p;
      x.x12 = div.q;
      x.xnorm = Math.abs(x.x11) + Math.abs(x.x12);
    }
    return;
  }
  // 2×2: CR (column-major CRV(1…4)) = A − wr·I.
  const crv = [t[at] - wr, t[at + 1], t[at + ldt], t[at + 1 + ldt] - wr];
  if (nw === 1) {
    // Real 2×2: find the largest element of C.
    let cmax = 0;
    let icmax = -1;
    for (let j = 0; j < 4; j++) {
      if (Math.abs(crv[j]) > cmax) {
        cmax = Math.abs(crv[j]);
        icmax = j;
      }
    }
    // If the norm of C is below smini, use smini·I.
    if (cmax < smini) {
      const bnorm = Math.max(Math.abs(b11), Math.abs(b21));
      if (smini < 1 && bnorm > 1 && bnorm > bignum * smini) x.scale = 1 / bnorm;
      const temp = x.scale / smini;
      x.x11 = temp * b11;
      x.x21 = temp * b21;
      x.xnorm = temp * bnorm;
      return;
    }
    // Gaussian elimination with complete pivoting.
    const piv = IPIVOT[icmax];
    const ur11 = crv[icmax];
    const cr21 = crv[piv[1] - 1];
    const ur12 = crv[piv[2] - 1];
    const cr22 = crv[piv[3] - 1];
    const ur11r = 1 / ur11;
    const lr21 = ur11r * cr21;
    let ur22 = cr22 - ur12 * lr21;
    if (Math.abs(ur22) < smini) ur22 = smini;
    let br1: number;
    let br2: number;
    if (RSWAP[icmax]) {
      br1 = b21;
      br2 = b11;
    } else {
      br1 = b11;
      br2 = b21;
    }
    br2 = br2 - lr21 * br1;
    const bbnd = Math.max(Math.abs(br1 * (ur22 * ur11r)), Math.abs(br2));
    if (bbnd > 1 && Math.abs(ur22) < 1 && bbnd >= bignum * Math.abs(ur22)) x.scale = 1 / bbnd;
    const xr2 = (br2 * x.scale) / ur22;
    const xr1 = x.scale * br1 * ur11r - xr2 * (ur11r * ur12);
    if (ZSWAP[icmax]) {
      x.x11 = xr2;
      x.x21 = xr1;
    } else {
      x.x11 = xr1;
      x.x21 = xr2;
    }
    x.xnorm = Math.max(Math.abs(xr1), Math.abs(xr2));
    // Further scaling if norm(A)·norm(X) > overflow.
    if (x.xnorm > 1 && cmax > 1 && x.xnorm > bignum / cmax) {
      const temp = cmax / bignum;
      x.x11 *= temp;
      x.x21 *= temp;
      x.xnorm *= temp;
      x.scale *= temp;
    }
    return;
  }
  // Complex 2×2: CI = −wi·I.
  const civ = [-wi, 0, 0, -wi];
  let cmax = 0;
  let icmax = -1;
  for (let j = 0; j < 4; j++) {
    if (Math.abs(crv[j]) + Math.abs(civ[j]) > cmax) {
      cmax = Math.abs(crv[j]) + Math.abs(civ[j]);
      icmax = j;
    }
  }
  if (cmax < smini) {
    const bnorm = Math.max(Math.abs(b11) + Math.abs(b12), Math.abs(b21) + Math.abs(b22));
    if (smini < 1 && bnorm > 1 && bnorm > bignum * smini) x.scale = 1 / bnorm;
    const temp = x.scale / smini;
    x.x11 = temp * b11;
    x.x21 = temp * b21;
    x.x12 = temp * b12;
    x.x22 = temp * b22;
    x.xnorm = temp * bnorm;
    return;
  }
  const piv = IPIVOT[icmax];
  const ur11 = crv[icmax];
  const ui11 = civ[icmax];
  const cr21 = crv[piv[1] - 1];
  const ci21 = civ[piv[1] - 1];
  const ur12 = crv[piv[2] - 1];
  const ui12 = civ[piv[2] - 1];
  const cr22 = crv[piv[3] - 1];
  const ci22 = civ[piv[3] - 1];
  let ur11r: number;
  let ui11r: number;
  let lr21: number;
  let li21: number;
  let ur12s: number;
  let ui12s: number;
  let ur22: number;
  let ui22: number;
  if (icmax === 0 || icmax === 3) {
    // Code when off-diagonals of the pivoted C are real.
    if (Math.abs(ur11) > Math.abs(ui11)) {
      const temp = ui11 / ur11;
      ur11r = 1 / (ur11 * (1 + temp * temp));
      ui11r = -temp * ur11r;
    } else {
      const temp = ur11 / ui11;
      ui11r = -1 / (ui11 * (1 + temp * temp));
      ur11r = -temp * ui11r;
    }
    lr21 = cr21 * ur11r;
    li21 = cr21 * ui11r;
    ur12s = ur12 * ur11r;
    ui12s = ur12 * ui11r;
    ur22 = cr22 - ur12 * lr21;
    ui22 = ci22 - ur12 * li21;
  } else {
    // Code when the diagonals of the pivoted C are real.
    ur11r = 1 / ur11;
    ui11r = 0;
    lr21 = cr21 * ur11r;
    li21 = ci21 * ur11r;
    ur12s = ur12 * ur11r;
    ui12s = ui12 * ur11r;
    ur22 = cr22 - ur12 * lr21 + ui12 * li21;
    ui22 = -ur12 * li21 - ui12 * lr21;
  }
  const u22abs = Math.abs(ur22) + Math.abs(ui22);
  // If smaller pivot < smini, use smini.
  if (u22abs < smini) {
    ur22 = smini;
    ui22 = 0;
  }
  let br1: number;
  let br2: number;
  let bi1: number;
  let bi2: number;
  if (RSWAP[icmax]) {
    br2 = b11;
    br1 = b21;
    bi2 = b12;
    bi1 = b22;
  } else {
    br1 = b11;
    br2 = b21;
    bi1 = b12;
    bi2 = b22;
  }
  br2 = br2 - lr21 * br1 + li21 * bi1;
  bi2 = bi2 - li21 * br1 - lr21 * bi1;
  const bbnd = Math.max(
    (Math.abs(br1) + Math.abs(bi1)) * (u22abs * (Math.abs(ur11r) + Math.abs(ui11r))),
    Math.abs(br2) + Math.abs(bi2),
  );
  if (bbnd > 1 && u22abs < 1 && bbnd >= bignum * u22abs) {
    x.scale = 1 / bbnd;
    br1 = x.scale * br1;
    bi1 = x.scale * bi1;
    br2 = x.scale * br2;
    bi2 = x.scale * bi2;
  }
  ladiv(br2, bi2, ur22, ui22);
  const xr2 = div.p;
  const xi2 = div.q;
  const xr1 = ur11r * br1 - ui11r * bi1 - ur12s * xr2 + ui12s * xi2;
  const xi1 = ui11r * br1 + ur11r * bi1 - ui12s * xr2 - ur12s * xi2;
  if (ZSWAP[icmax]) {
    x.x11 = xr2;
    x.x21 = xr1;
    x.x12 = xi2;
    x.x22 = xi1;
  } else {
    x.x11 = xr1;
    x.x21 = xr2;
    x.x12 = xi1;
    x.x22 = xi2;
  }
  x.xnorm = Math.max(Math.abs(xr1) + Math.abs(xi1), Math.abs(xr2) + Math.abs(xi2));
  // Further scaling if norm(A)·norm(X) > overflow.
  if (x.xnorm > 1 && cmax > 1 && x.xnorm > bignum / cmax) {
    const temp = cmax / bignum;
    x.x11 *= temp;
    x.x21 *= temp;
    x.x12 *= temp;
    x.x22 *= temp;
    x.xnorm *= temp;
    x.scale *= temp;
  }
}

/** The output of dladiv: p + i·q. */
const div = { p: 0, q: 0 };

/** dladiv: (a + i·b)/(c + i·d) by Baudin and Smith's robust algorithm, with its scalings. */
function ladiv(a: number, b: number, c: number, d: number): void {
  let aa = a;
  let bb = b;
  let cc = c;
  let dd = d;
  const ab = Math.max(Math.abs(a), Math.abs(b));
  const cd = Math.max(Math.abs(c), Math.abs(d));
  let s = 1;
  const ov = OVERFLOW;
  const un = SAFE_MIN;
  const eps = EPSILON;
  const be = 2 / (eps * eps);
  if (ab >= 0.5 * ov) {
    aa = 0.5 * aa;
    bb = 0.5 * bb;
    s = 2 * s;
  }
  if (cd >= 0.5 * ov) {
    cc = 0.5 * cc;
    dd = 0.5 * dd;
    s = 0.5 * s;
  }
  if (ab <= (un * 2) / eps) {
    aa = aa * be;
    bb = bb * be;
    s = s / be;
  }
  if (cd <= (un * 2) / eps) {
    cc = cc * be;
    dd = dd * be;
    s = s * be;
  }
  if (Math.abs(d) <= Math.abs(c)) {
    ladiv1(aa, bb, cc, dd);
  } else {
    ladiv1(bb, aa, dd, cc);
    div.q = -div.q;
  }
  div.p = div.p * s;
  div.q = div.q * s;
}

function ladiv1(a: number, b: number, c: number, d: number): void {
  const r = d / c;
  const t = 1 / (c + d * r);
  div.p = ladiv2(a, b, c, d, r, t);
  div.q = ladiv2(b, -a, c, d, r, t);
}

function ladiv2(a: number, b: number, c: number, d: number, r: number, t: number): number {
  if (r !== 0) {
    const br = b * r;
    if (br !== 0) return (a + br) * t;
    return a * t + b * t * r;
  }
  return (a + d * (b / c)) * t;
}

/**
 * dgebak('B', 'R'): undoes dgebal on the eigenvectors (rows of `v`):
 * scales rows ilo…ihi back, then swaps rows in the order LAPACK does.
 */
function gebak(scale: Float64Array, n: number, ilo: number, ihi: number, v: Float64Array): void {
  if (ilo !== ihi) {
    for (let i = ilo; i <= ihi; i++) {
      const s = scale[i - 1];
      for (let c = 0; c < n; c++) v[i - 1 + c * n] *= s;
    }
  }
  for (let ii = 1; ii <= n; ii++) {
    let i = ii;
    if (i >= ilo && i <= ihi) continue;
    if (i < ilo) i = ilo - ii;
    const k = Math.trunc(scale[i - 1]);
    if (k === i) continue;
    for (let c = 0; c < n; c++) {
      const temp = v[i - 1 + c * n];
      v[i - 1 + c * n] = v[k - 1 + c * n];
      v[k - 1 + c * n] = temp;
    }
  }
}

/**
 * dgeev's last step: each real eigenvector to unit 2-norm; each complex
 * pair (u, w) scaled to ‖u + iw‖ = 1 and rotated so that its component of
 * largest modulus (the first such) is real.
 */
function normalize(vr: Float64Array, n: number, wi: Float64Array): void {
  const work = allocate(n);
  for (let i = 1; i <= n; i++) {
    const col = (i - 1) * n;
    if (wi[i - 1] === 0) {
      const scl = 1 / nrm2(vr, col, n);
      for (let k = 0; k < n; k++) vr[col + k] *= scl;
    } else if (wi[i - 1] > 0) {
      const next = col + n;
      const scl = 1 / lapy2(nrm2(vr, col, n), nrm2(vr, next, n));
      for (let k = 0; k < n; k++) vr[col + k] *= scl;
      for (let k = 0; k < n; k++) vr[next + k] *= scl;
      for (let k = 0; k < n; k++) work[k] = vr[col + k] * vr[col + k] + vr[next + k] * vr[next + k];
      const k = idamax(work, 0, n, 1);
      lartg(vr[col + k], vr[next + k]);
      rot(n, vr, col, 1, vr, next, 1, out.cs, out.sn);
      vr[next + k] = 0;
    }
  }
}
