/**
 * NumPy's `linalg.svd` with LAPACK's singular vectors, signs included: a
 * port of the path NumPy takes through LAPACK's dgesdd (JOBZ 'A' for
 * `full_matrices=True`, 'S' for False, 'N' for values only).
 *
 * NumPy copies its row-major array into Fortran order, so LAPACK factors
 * the M×N matrix the user sees; here it is held column-major as well, and
 * the routines are followed statement by statement (1-based indices where
 * that keeps the port close to the Fortran), as LAPACK 3.12.0 has them:
 * that is the release OpenBLAS 0.3.31 bundles, and 3.12.1 changed results
 * (dlarf1f's sums, a −0 singular value turned into +0):
 *
 * - dgesdd: scaling into [SMLNUM, BIGNUM] (dlange, dlascl); with MNTHR =
 *   INT(MINMN·11/6), a QR (dgeqrf → dgeqr2, dorgqr → dorg2r) or LQ
 *   (dgelqf → dgelq2, dorglq → dorgl2) first when one side is that much
 *   longer (paths 1, 3, 4 and 1t, 3t, 4t), else straight to the
 *   bidiagonal (paths 5, 5t);
 * - dgebrd → dgebd2 (the unblocked reduction dgebrd runs below 128
 *   columns), reflectors by dlarfg and applied by dlarf;
 * - dbdsdc → dlasdq → dbdsqr: implicit zero-shift and shifted QR on the
 *   bidiagonal (dlartg, dlas2, dlasv2, dlasr) with its convergence tests,
 *   direction choice, final sign fix and sorts; for values only dbdsqr's
 *   dqds (dlasq1–dlasq6, in dlasq.ts);
 * - dormbr → dormqr/dormlq → dorm2r/dorml2, then dgemm for the QR/LQ paths.
 *
 * The BLAS calls round as OpenBLAS's kernels do on an AVX-512 machine
 * (openblas.ts), so for min(M, N) ≤ 25 the results are NumPy's to the last
 * bit: values, vectors, their signs and the bases of null spaces (checked
 * on 4,000 random, integer, sparse, scaled and rank-deficient matrices and
 * stacks against NumPy 2.4.6 with OpenBLAS 0.3.31, SkylakeX kernels).
 *
 * Deviations, on purpose:
 * - above min(M, N) = 25 dbdsdc divides and conquers (dlasd0 and its
 *   secular-equation solvers), which is not ported: dlasdq serves every
 *   size, so there the values agree to rounding but the vectors' signs
 *   may differ from NumPy's; plain arithmetic replaces OpenBLAS's there
 *   (exactness is out of reach, and the emulation costs 5–10×). The blocked
 *   variants LAPACK switches to at that size (dgebrd from 128 columns,
 *   dormqr above 32 reflectors) are the same maths, rounded differently;
 * - an infinite entry gives NaN vectors (see svdLapack).
 */
import { allocate, checkDeadline } from '../limits';
import { NDArray, shapeSize } from '../ndarray';
import { assertStacked, linAlgError } from './common';
import { dlas2, dlascl, dlasq1 } from './dlasq';
import { dgemm, dgemvN, dgemvT, dger, dnrm2, drot, dscal, dswap, setOpenBlasRounding } from './openblas';

/** dlamch('E'): the unit roundoff. */
const EPS = 2 ** -53;
/** dlamch('S'): the safe minimum. */
const SAFMIN = 2 ** -1022;
const SAFMAX = 1 / SAFMIN;
/** dlamch('O'). */
const HUGE = Number.MAX_VALUE;
const RTMIN = Math.sqrt(SAFMIN);
const RTMAX = Math.sqrt(SAFMAX / 2);
/**
 * dbdsqr's TOLMUL = max(10, min(100, eps**(-1/8))), as glibc's pow rounds it
 * (V8's Math.pow is one ulp above).
 */
const TOLMUL = 98.70149282610821;
/** dbdsqr's MAXITR. */
const MAXITR = 6;
/** ILAENV(9, 'DBDSDC'): dbdsdc's divide-and-conquer threshold. */
const SMLSIZ = 25;

/** Fortran's SIGN(a, b): |a| with b's sign, −0 counting as negative (as gfortran does). */
function sign(a: number, b: number): number {
  const m = Math.abs(a);
  return b < 0 || Object.is(b, -0) ? -m : m;
}

// --- LAPACK auxiliaries -------------------------------------------------------

/** LAPACK's dlapy2: sqrt(x² + y²) without needless overflow. */
function dlapy2(x: number, y: number): number {
  if (Number.isNaN(x)) return x;
  if (Number.isNaN(y)) return y;
  const xa = Math.abs(x);
  const ya = Math.abs(y);
  const w = Math.max(xa, ya);
  const z = Math.min(xa, ya);
  if (z === 0 || w > HUGE) return w;
  const q = z / w;
  return w * Math.sqrt(1 + q * q);
}

/** Outputs of dlartg (c, s, r), kept here to spare an allocation per rotation. */
let rotC = 0;
let rotS = 0;
let rotR = 0;

/** dlartg (LAPACK 3.10's dlartg.f90): c ≥ 0, r carries f's sign. */
function dlartg(f: number, g: number): void {
  const f1 = Math.abs(f);
  const g1 = Math.abs(g);
  if (g === 0) {
    rotC = 1;
    rotS = 0;
    rotR = f;
  } else if (f === 0) {
    rotC = 0;
    rotS = sign(1, g);
    rotR = g1;
  } else if (f1 > RTMIN && f1 < RTMAX && g1 > RTMIN && g1 < RTMAX) {
    const d = Math.sqrt(f * f + g * g);
    rotC = f1 / d;
    rotR = sign(d, f);
    rotS = g / rotR;
  } else {
    const u = Math.min(SAFMAX, Math.max(SAFMIN, f1, g1));
    const fs = f / u;
    const gs = g / u;
    const d = Math.sqrt(fs * fs + gs * gs);
    rotC = Math.abs(fs) / d;
    rotR = sign(d, f);
    rotS = gs / rotR;
    rotR *= u;
  }
}

/** dlasv2: the SVD of [[f, g], [0, h]]: [ssmin, ssmax, snr, csr, snl, csl]. */
function dlasv2(f: number, g: number, h: number): [number, number, number, number, number, number] {
  let ft = f;
  let fa = Math.abs(ft);
  let ht = h;
  let ha = Math.abs(h);
  let pmax = 1;
  const swap = ha > fa;
  if (swap) {
    pmax = 3;
    [ft, ht] = [ht, ft];
    [fa, ha] = [ha, fa];
  }
  const gt = g;
  const ga = Math.abs(gt);
  let ssmin: number;
  let ssmax: number;
  let clt: number;
  let crt: number;
  let slt: number;
  let srt: number;
  if (ga === 0) {
    ssmin = ha;
    ssmax = fa;
    clt = 1;
    crt = 1;
    slt = 0;
    srt = 0;
  } else {
    let gasmal = true;
    ssmin = 0;
    ssmax = 0;
    clt = 0;
    crt = 0;
    slt = 0;
    srt = 0;
    if (ga > fa) {
      pmax = 2;
      if (fa / ga < EPS) {
        gasmal = false;
        ssmax = ga;
        ssmin = ha > 1 ? fa / (ga / ha) : (fa / ga) * ha;
        clt = 1;
        slt = ht / gt;
        srt = 1;
        crt = ft / gt;
      }
    }
    if (gasmal) {
      const d = fa - ha;
      let l = d === fa ? 1 : d / fa;
      const m = gt / ft;
      let t = 2 - l;
      const mm = m * m;
      const tt = t * t;
      const s = Math.sqrt(tt + mm);
      const r = l === 0 ? Math.abs(m) : Math.sqrt(l * l + mm);
      const a = 0.5 * (s + r);
      ssmin = ha / a;
      ssmax = fa * a;
      if (mm === 0) {
        if (l === 0) t = sign(2, ft) * sign(1, gt);
        else t = gt / sign(d, ft) + m / t;
      } else {
        t = (m / (s + t) + m / (r + l)) * (1 + a);
      }
      l = Math.sqrt(t * t + 4);
      crt = 2 / l;
      srt = t / l;
      clt = (crt + srt * m) / a;
      slt = ((ht / ft) * srt) / a;
    }
  }
  let csl: number;
  let snl: number;
  let csr: number;
  let snr: number;
  if (swap) {
    csl = srt;
    snl = crt;
    csr = slt;
    snr = clt;
  } else {
    csl = clt;
    snl = slt;
    csr = crt;
    snr = srt;
  }
  let tsign = 1;
  if (pmax === 1) tsign = sign(1, csr) * sign(1, csl) * sign(1, f);
  if (pmax === 2) tsign = sign(1, snr) * sign(1, csl) * sign(1, g);
  if (pmax === 3) tsign = sign(1, snr) * sign(1, snl) * sign(1, h);
  ssmax = sign(ssmax, tsign);
  ssmin = sign(ssmin, tsign * sign(1, f) * sign(1, h));
  return [ssmin, ssmax, snr, csr, snl, csl];
}

/**
 * dlasr with PIVOT='V': applies the plane rotations (c[ci+j], s[si+j]),
 * j = 0 … k−2, to the m×n matrix at `ao` (column-major, leading dimension
 * lda) from the left (rows j, j+1) or the right (columns j, j+1), forward
 * or backward.
 */
function dlasr(
  left: boolean,
  forward: boolean,
  m: number,
  n: number,
  c: Float64Array,
  ci: number,
  s: Float64Array,
  si: number,
  a: Float64Array,
  ao: number,
  lda: number,
): void {
  if (m === 0 || n === 0) return;
  const k = left ? m : n;
  for (let step = 0; step < k - 1; step++) {
    const j = forward ? step : k - 2 - step;
    const ct = c[ci + j];
    const st = s[si + j];
    if (ct === 1 && st === 0) continue;
    if (left) {
      for (let i = 0; i < n; i++) {
        const p = ao + j + i * lda;
        const temp = a[p + 1];
        a[p + 1] = ct * temp - st * a[p];
        a[p] = st * temp + ct * a[p];
      }
    } else {
      for (let i = 0; i < m; i++) {
        const p = ao + i + j * lda;
        const temp = a[p + lda];
        a[p + lda] = ct * temp - st * a[p];
        a[p] = st * temp + ct * a[p];
      }
    }
  }
}

// --- Householder reflectors ---------------------------------------------------

/**
 * dlarfg: the reflector H = I − τ·v·vᵀ with H·[α; x] = [β; 0], v = [1; x/(α−β)]
 * and β = −sign(α)·‖[α; x]‖. Writes β over α and v(2:n) over x; returns τ
 * (0, and H = I, when x is zero).
 */
function dlarfg(n: number, a: Float64Array, ia: number, ix: number, incx: number): number {
  if (n <= 1) return 0;
  let xnorm = dnrm2(n - 1, a, ix, incx);
  if (xnorm === 0) return 0;
  let alpha = a[ia];
  let beta = -sign(dlapy2(alpha, xnorm), alpha);
  const safmin = SAFMIN / EPS;
  let knt = 0;
  if (Math.abs(beta) < safmin) {
    const rsafmn = 1 / safmin;
    do {
      knt++;
      dscal(n - 1, rsafmn, a, ix, incx);
      beta *= rsafmn;
      alpha *= rsafmn;
    } while (Math.abs(beta) < safmin && knt < 20);
    xnorm = dnrm2(n - 1, a, ix, incx);
    beta = -sign(dlapy2(alpha, xnorm), alpha);
  }
  const tau = (beta - alpha) / beta;
  dscal(n - 1, 1 / (alpha - beta), a, ix, incx);
  for (let j = 0; j < knt; j++) beta *= safmin;
  a[ia] = beta;
  return tau;
}

/**
 * dlarf: applies H = I − τ·v·vᵀ to the m×n matrix C at `co` from the left
 * (H·C) or the right (C·H). v(1) = 1 is written in for the call, as the
 * callers of LAPACK ≤ 3.12.0 do (OpenBLAS bundles that dlarf, not 3.12.1's
 * dlarf1f, whose sums round differently). Trailing zeros of v and zero
 * columns (rows) of C are skipped, as in LAPACK.
 */
export function dlarf(
  left: boolean,
  m: number,
  n: number,
  v: Float64Array,
  vo: number,
  incv: number,
  tau: number,
  c: Float64Array,
  co: number,
  ldc: number,
  work: Float64Array,
): void {
  if (tau === 0) return;
  const saved = v[vo];
  v[vo] = 1;
  let lastv = left ? m : n;
  let i = vo + (lastv - 1) * incv;
  while (lastv > 0 && v[i] === 0) {
    lastv--;
    i -= incv;
  }
  if (left) {
    // ILADLC: the last column of C(1:lastv, :) with a nonzero.
    let lastc = n;
    search: for (; lastc > 0; lastc--) {
      for (let r = 0; r < lastv; r++) if (c[co + r + (lastc - 1) * ldc] !== 0) break search;
    }
    // w := C(1:lastv, 1:lastc)ᵀ·v; C := C − τ·v·wᵀ
    dgemvT(lastv, lastc, c, co, ldc, v, vo, incv, work);
    dger(lastv, lastc, -tau, v, vo, incv, work, 0, 1, c, co, ldc);
  } else {
    // ILADLR: the last row of C(:, 1:lastv) with a nonzero.
    let lastc = 0;
    for (let col = 0; col < lastv; col++) {
      let r = m;
      while (r > lastc && c[co + r - 1 + col * ldc] === 0) r--;
      if (r > lastc) lastc = r;
    }
    // w := C(1:lastc, 1:lastv)·v; C := C − τ·w·vᵀ
    dgemvN(lastc, lastv, c, co, ldc, v, vo, incv, work);
    dger(lastc, lastv, -tau, work, 0, 1, v, vo, incv, c, co, ldc);
  }
  v[vo] = saved;
}

/** Column-major element (i, j), 1-based, of the matrix at offset o with leading dimension ld. */
export function at(o: number, ld: number, i: number, j: number): number {
  return o + (i - 1) + (j - 1) * ld;
}

/** dgeqr2 (what dgeqrf runs below 128 columns): A = Q·R, reflectors below the diagonal. */
export function dgeqr2(
  m: number,
  n: number,
  a: Float64Array,
  ao: number,
  lda: number,
  tau: Float64Array,
  work: Float64Array,
) {
  const k = Math.min(m, n);
  for (let i = 1; i <= k; i++) {
    checkDeadline();
    tau[i] = dlarfg(m - i + 1, a, at(ao, lda, i, i), at(ao, lda, Math.min(i + 1, m), i), 1);
    if (i < n)
      dlarf(true, m - i + 1, n - i, a, at(ao, lda, i, i), 1, tau[i], a, at(ao, lda, i, i + 1), lda, work);
  }
}

/** dgelq2 (what dgelqf runs below 128 rows): A = L·Q, reflectors right of the diagonal. */
function dgelq2(
  m: number,
  n: number,
  a: Float64Array,
  ao: number,
  lda: number,
  tau: Float64Array,
  work: Float64Array,
) {
  const k = Math.min(m, n);
  for (let i = 1; i <= k; i++) {
    checkDeadline();
    tau[i] = dlarfg(n - i + 1, a, at(ao, lda, i, i), at(ao, lda, i, Math.min(i + 1, n)), lda);
    if (i < m)
      dlarf(false, m - i, n - i + 1, a, at(ao, lda, i, i), lda, tau[i], a, at(ao, lda, i + 1, i), lda, work);
  }
}

/** dorg2r: the m×n Q with orthonormal columns from k reflectors of dgeqr2. */
export function dorg2r(
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  ao: number,
  lda: number,
  tau: Float64Array,
  work: Float64Array,
): void {
  if (n <= 0) return;
  for (let j = k + 1; j <= n; j++) {
    for (let l = 1; l <= m; l++) a[at(ao, lda, l, j)] = 0;
    a[at(ao, lda, j, j)] = 1;
  }
  for (let i = k; i >= 1; i--) {
    checkDeadline();
    if (i < n)
      dlarf(true, m - i + 1, n - i, a, at(ao, lda, i, i), 1, tau[i], a, at(ao, lda, i, i + 1), lda, work);
    if (i < m) dscal(m - i, -tau[i], a, at(ao, lda, i + 1, i), 1);
    a[at(ao, lda, i, i)] = 1 - tau[i];
    for (let l = 1; l <= i - 1; l++) a[at(ao, lda, l, i)] = 0;
  }
}

/** dorgl2: the m×n Q with orthonormal rows from k reflectors of dgelq2. */
function dorgl2(
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  ao: number,
  lda: number,
  tau: Float64Array,
  work: Float64Array,
): void {
  if (m <= 0) return;
  if (k < m) {
    for (let j = 1; j <= n; j++) {
      for (let l = k + 1; l <= m; l++) a[at(ao, lda, l, j)] = 0;
      if (j > k && j <= m) a[at(ao, lda, j, j)] = 1;
    }
  }
  for (let i = k; i >= 1; i--) {
    checkDeadline();
    if (i < n) {
      if (i < m) {
        dlarf(
          false,
          m - i,
          n - i + 1,
          a,
          at(ao, lda, i, i),
          lda,
          tau[i],
          a,
          at(ao, lda, i + 1, i),
          lda,
          work,
        );
      }
      dscal(n - i, -tau[i], a, at(ao, lda, i, i + 1), lda);
    }
    a[at(ao, lda, i, i)] = 1 - tau[i];
    for (let l = 1; l <= i - 1; l++) a[at(ao, lda, i, l)] = 0;
  }
}

/**
 * dorm2r (dormqr below 33 reflectors): C := Q·C, Qᵀ·C, C·Q or C·Qᵀ with
 * Q = H(1)…H(k) from dgeqr2-style reflectors stored in the columns of A
 * (tau 1-based from `ti`).
 */
function dorm2r(
  left: boolean,
  notran: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  ao: number,
  lda: number,
  tau: Float64Array,
  ti: number,
  c: Float64Array,
  co: number,
  ldc: number,
  work: Float64Array,
): void {
  if (m === 0 || n === 0 || k === 0) return;
  const up = (left && !notran) || (!left && notran);
  for (let step = 0; step < k; step++) {
    checkDeadline();
    const i = up ? 1 + step : k - step;
    if (left)
      dlarf(true, m - i + 1, n, a, at(ao, lda, i, i), 1, tau[ti + i - 1], c, at(co, ldc, i, 1), ldc, work);
    else
      dlarf(false, m, n - i + 1, a, at(ao, lda, i, i), 1, tau[ti + i - 1], c, at(co, ldc, 1, i), ldc, work);
  }
}

/** dorml2 (dormlq below 33 reflectors): as dorm2r for Q = H(k)…H(1) stored in the rows of A. */
function dorml2(
  left: boolean,
  notran: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  ao: number,
  lda: number,
  tau: Float64Array,
  ti: number,
  c: Float64Array,
  co: number,
  ldc: number,
  work: Float64Array,
): void {
  if (m === 0 || n === 0 || k === 0) return;
  const up = (left && notran) || (!left && !notran);
  for (let step = 0; step < k; step++) {
    checkDeadline();
    const i = up ? 1 + step : k - step;
    if (left)
      dlarf(true, m - i + 1, n, a, at(ao, lda, i, i), lda, tau[ti + i - 1], c, at(co, ldc, i, 1), ldc, work);
    else
      dlarf(false, m, n - i + 1, a, at(ao, lda, i, i), lda, tau[ti + i - 1], c, at(co, ldc, 1, i), ldc, work);
  }
}

/**
 * dormbr: applies Q (vect 'Q') or Pᵀ (vect 'P', trans 'T') of dgebrd to C
 * (m×n), as dgesdd calls it: Q from the left without transposition, Pᵀ
 * from the right.
 */
function dormbr(
  applyQ: boolean,
  left: boolean,
  notran: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  ao: number,
  lda: number,
  tau: Float64Array,
  c: Float64Array,
  co: number,
  ldc: number,
  work: Float64Array,
): void {
  const nq = left ? m : n;
  if (m === 0 || n === 0) return;
  if (applyQ) {
    if (nq >= k) dorm2r(left, notran, m, n, k, a, ao, lda, tau, 1, c, co, ldc, work);
    else if (nq > 1) {
      if (left)
        dorm2r(
          left,
          notran,
          m - 1,
          n,
          nq - 1,
          a,
          at(ao, lda, 2, 1),
          lda,
          tau,
          1,
          c,
          at(co, ldc, 2, 1),
          ldc,
          work,
        );
      else
        dorm2r(
          left,
          notran,
          m,
          n - 1,
          nq - 1,
          a,
          at(ao, lda, 2, 1),
          lda,
          tau,
          1,
          c,
          at(co, ldc, 1, 2),
          ldc,
          work,
        );
    }
  } else {
    const transt = !notran; // P is applied as Pᵀ's transpose: dormlq with the other TRANS
    if (nq > k) dorml2(left, transt, m, n, k, a, ao, lda, tau, 1, c, co, ldc, work);
    else if (nq > 1) {
      if (left)
        dorml2(
          left,
          transt,
          m - 1,
          n,
          nq - 1,
          a,
          at(ao, lda, 1, 2),
          lda,
          tau,
          1,
          c,
          at(co, ldc, 2, 1),
          ldc,
          work,
        );
      else
        dorml2(
          left,
          transt,
          m,
          n - 1,
          nq - 1,
          a,
          at(ao, lda, 1, 2),
          lda,
          tau,
          1,
          c,
          at(co, ldc, 1, 2),
          ldc,
          work,
        );
    }
  }
}

/**
 * dgebd2 (dgebrd's reduction below 128 columns): Qᵀ·A·P = B, upper
 * bidiagonal when m ≥ n, lower otherwise. d, e, tauq, taup are 1-based.
 */
function dgebd2(
  m: number,
  n: number,
  a: Float64Array,
  ao: number,
  lda: number,
  d: Float64Array,
  e: Float64Array,
  tauq: Float64Array,
  taup: Float64Array,
  work: Float64Array,
): void {
  if (m >= n) {
    for (let i = 1; i <= n; i++) {
      checkDeadline();
      tauq[i] = dlarfg(m - i + 1, a, at(ao, lda, i, i), at(ao, lda, Math.min(i + 1, m), i), 1);
      d[i] = a[at(ao, lda, i, i)];
      if (i < n)
        dlarf(true, m - i + 1, n - i, a, at(ao, lda, i, i), 1, tauq[i], a, at(ao, lda, i, i + 1), lda, work);
      if (i < n) {
        taup[i] = dlarfg(n - i, a, at(ao, lda, i, i + 1), at(ao, lda, i, Math.min(i + 2, n)), lda);
        e[i] = a[at(ao, lda, i, i + 1)];
        dlarf(
          false,
          m - i,
          n - i,
          a,
          at(ao, lda, i, i + 1),
          lda,
          taup[i],
          a,
          at(ao, lda, i + 1, i + 1),
          lda,
          work,
        );
      } else {
        taup[i] = 0;
      }
    }
  } else {
    for (let i = 1; i <= m; i++) {
      checkDeadline();
      taup[i] = dlarfg(n - i + 1, a, at(ao, lda, i, i), at(ao, lda, i, Math.min(i + 1, n)), lda);
      d[i] = a[at(ao, lda, i, i)];
      if (i < m)
        dlarf(
          false,
          m - i,
          n - i + 1,
          a,
          at(ao, lda, i, i),
          lda,
          taup[i],
          a,
          at(ao, lda, i + 1, i),
          lda,
          work,
        );
      if (i < m) {
        tauq[i] = dlarfg(m - i, a, at(ao, lda, i + 1, i), at(ao, lda, Math.min(i + 2, m), i), 1);
        e[i] = a[at(ao, lda, i + 1, i)];
        dlarf(
          true,
          m - i,
          n - i,
          a,
          at(ao, lda, i + 1, i),
          1,
          tauq[i],
          a,
          at(ao, lda, i + 1, i + 1),
          lda,
          work,
        );
      } else {
        tauq[i] = 0;
      }
    }
  }
}

// --- the bidiagonal SVD ---------------------------------------------------------

/**
 * dbdsqr for an upper bidiagonal (d(1:n), e(1:n−1), 1-based): B = Q·S·Pᵀ,
 * VT := Pᵀ·VT (ncvt columns), U := U·Q (nru rows). Returns LAPACK's INFO
 * (> 0: not converged). `work` holds 4n entries from index 1.
 */
function dbdsqr(
  n: number,
  ncvt: number,
  nru: number,
  d: Float64Array,
  e: Float64Array,
  vt: Float64Array,
  vto: number,
  ldvt: number,
  u: Float64Array,
  uo: number,
  ldu: number,
  work: Float64Array,
): number {
  if (n === 0) return 0;
  // Values only: dqds. Should it run out of iterations (INFO = 2), QR carries on from where it stopped.
  if (n > 1 && ncvt === 0 && nru === 0) {
    const info = dlasq1(n, d, e, work);
    if (info !== 2) return info;
  }
  if (n > 1) {
    const nm1 = n - 1;
    const nm12 = nm1 + nm1;
    const nm13 = nm12 + nm1;
    let idir = 0;
    const eps = EPS;
    const unfl = SAFMIN;
    const tol = TOLMUL * eps;
    // tol > 0: the relative-accuracy criteria (LAPACK's TOL ≥ 0 branches).
    let sminoa = Math.abs(d[1]);
    if (sminoa !== 0) {
      let mu = sminoa;
      for (let i = 2; i <= n; i++) {
        mu = Math.abs(d[i]) * (mu / (mu + Math.abs(e[i - 1])));
        sminoa = Math.min(sminoa, mu);
        if (sminoa === 0) break;
      }
    }
    sminoa /= Math.sqrt(n);
    const thresh = Math.max(tol * sminoa, MAXITR * (n * (n * unfl)));
    const maxitdivn = MAXITR * n;
    let iterdivn = 0;
    let iter = -1;
    let oldll = -1;
    let oldm = -1;
    let m = n;
    let smin = 0;
    let oldcs = 0;
    let oldsn = 0;
    main: for (;;) {
      checkDeadline();
      if (m <= 1) break;
      if (iter >= n) {
        iter -= n;
        iterdivn++;
        if (iterdivn >= maxitdivn) {
          let info = 0;
          for (let i = 1; i <= n - 1; i++) if (e[i] !== 0) info++;
          return info;
        }
      }
      // Find the diagonal block to work on: a negligible e(ll) splits it.
      let smax = Math.abs(d[m]);
      let ll = 0;
      let split = false;
      for (let lll = 1; lll <= m - 1; lll++) {
        ll = m - lll;
        const abss = Math.abs(d[ll]);
        const abse = Math.abs(e[ll]);
        if (abse <= thresh) {
          split = true;
          break;
        }
        smax = Math.max(smax, abss, abse);
      }
      if (split) {
        e[ll] = 0;
        if (ll === m - 1) {
          m--;
          continue;
        }
      } else {
        ll = 0;
      }
      ll++;
      if (ll === m - 1) {
        // A 2×2 block: finish it directly.
        const [sigmn, sigmx, sinr, cosr, sinl, cosl] = dlasv2(d[m - 1], e[m - 1], d[m]);
        d[m - 1] = sigmx;
        e[m - 1] = 0;
        d[m] = sigmn;
        if (ncvt > 0) drot(ncvt, vt, at(vto, ldvt, m - 1, 1), ldvt, at(vto, ldvt, m, 1), ldvt, cosr, sinr);
        if (nru > 0) drot(nru, u, at(uo, ldu, 1, m - 1), 1, at(uo, ldu, 1, m), 1, cosl, sinl);
        m -= 2;
        continue;
      }
      // A new block: chase the bulge from the larger end of the diagonal.
      if (ll > oldm || m < oldll) idir = Math.abs(d[ll]) >= Math.abs(d[m]) ? 1 : 2;
      if (idir === 1) {
        if (Math.abs(e[m - 1]) <= Math.abs(tol) * Math.abs(d[m])) {
          e[m - 1] = 0;
          continue;
        }
        let mu = Math.abs(d[ll]);
        smin = mu;
        for (let lll = ll; lll <= m - 1; lll++) {
          if (Math.abs(e[lll]) <= tol * mu) {
            e[lll] = 0;
            continue main;
          }
          mu = Math.abs(d[lll + 1]) * (mu / (mu + Math.abs(e[lll])));
          smin = Math.min(smin, mu);
        }
      } else {
        if (Math.abs(e[ll]) <= Math.abs(tol) * Math.abs(d[ll])) {
          e[ll] = 0;
          continue;
        }
        let mu = Math.abs(d[m]);
        smin = mu;
        for (let lll = m - 1; lll >= ll; lll--) {
          if (Math.abs(e[lll]) <= tol * mu) {
            e[lll] = 0;
            continue main;
          }
          mu = Math.abs(d[lll]) * (mu / (mu + Math.abs(e[lll])));
          smin = Math.min(smin, mu);
        }
      }
      oldll = ll;
      oldm = m;
      // The shift: zero when it would spoil the relative accuracy.
      let shift: number;
      if (n * tol * (smin / smax) <= Math.max(eps, 0.01 * tol)) {
        shift = 0;
      } else {
        let sll: number;
        if (idir === 1) {
          sll = Math.abs(d[ll]);
          shift = dlas2(d[m - 1], e[m - 1], d[m])[0];
        } else {
          sll = Math.abs(d[m]);
          shift = dlas2(d[ll], e[ll], d[ll + 1])[0];
        }
        if (sll > 0) {
          const q = shift / sll;
          if (q * q < eps) shift = 0;
        }
      }
      iter += m - ll;
      if (shift === 0) {
        if (idir === 1) {
          let cs = 1;
          oldcs = 1;
          for (let i = ll; i <= m - 1; i++) {
            dlartg(d[i] * cs, e[i]);
            cs = rotC;
            const sn = rotS;
            const r = rotR;
            if (i > ll) e[i - 1] = oldsn * r;
            dlartg(oldcs * r, d[i + 1] * sn);
            oldcs = rotC;
            oldsn = rotS;
            d[i] = rotR;
            work[i - ll + 1] = cs;
            work[i - ll + 1 + nm1] = sn;
            work[i - ll + 1 + nm12] = oldcs;
            work[i - ll + 1 + nm13] = oldsn;
          }
          const h = d[m] * cs;
          d[m] = h * oldcs;
          e[m - 1] = h * oldsn;
          if (ncvt > 0) dlasr(true, true, m - ll + 1, ncvt, work, 1, work, n, vt, at(vto, ldvt, ll, 1), ldvt);
          if (nru > 0)
            dlasr(false, true, nru, m - ll + 1, work, nm12 + 1, work, nm13 + 1, u, at(uo, ldu, 1, ll), ldu);
          if (Math.abs(e[m - 1]) <= thresh) e[m - 1] = 0;
        } else {
          let cs = 1;
          oldcs = 1;
          for (let i = m; i >= ll + 1; i--) {
            dlartg(d[i] * cs, e[i - 1]);
            cs = rotC;
            const sn = rotS;
            const r = rotR;
            if (i < m) e[i] = oldsn * r;
            dlartg(oldcs * r, d[i - 1] * sn);
            oldcs = rotC;
            oldsn = rotS;
            d[i] = rotR;
            work[i - ll] = cs;
            work[i - ll + nm1] = -sn;
            work[i - ll + nm12] = oldcs;
            work[i - ll + nm13] = -oldsn;
          }
          const h = d[ll] * cs;
          d[ll] = h * oldcs;
          e[ll] = h * oldsn;
          if (ncvt > 0)
            dlasr(
              true,
              false,
              m - ll + 1,
              ncvt,
              work,
              nm12 + 1,
              work,
              nm13 + 1,
              vt,
              at(vto, ldvt, ll, 1),
              ldvt,
            );
          if (nru > 0) dlasr(false, false, nru, m - ll + 1, work, 1, work, n, u, at(uo, ldu, 1, ll), ldu);
          if (Math.abs(e[ll]) <= thresh) e[ll] = 0;
        }
      } else if (idir === 1) {
        // Chase the bulge from top to bottom.
        let f = (Math.abs(d[ll]) - shift) * (sign(1, d[ll]) + shift / d[ll]);
        let g = e[ll];
        for (let i = ll; i <= m - 1; i++) {
          dlartg(f, g);
          const cosr = rotC;
          const sinr = rotS;
          if (i > ll) e[i - 1] = rotR;
          f = cosr * d[i] + sinr * e[i];
          e[i] = cosr * e[i] - sinr * d[i];
          g = sinr * d[i + 1];
          d[i + 1] = cosr * d[i + 1];
          dlartg(f, g);
          const cosl = rotC;
          const sinl = rotS;
          d[i] = rotR;
          f = cosl * e[i] + sinl * d[i + 1];
          d[i + 1] = cosl * d[i + 1] - sinl * e[i];
          if (i < m - 1) {
            g = sinl * e[i + 1];
            e[i + 1] = cosl * e[i + 1];
          }
          work[i - ll + 1] = cosr;
          work[i - ll + 1 + nm1] = sinr;
          work[i - ll + 1 + nm12] = cosl;
          work[i - ll + 1 + nm13] = sinl;
        }
        e[m - 1] = f;
        if (ncvt > 0) dlasr(true, true, m - ll + 1, ncvt, work, 1, work, n, vt, at(vto, ldvt, ll, 1), ldvt);
        if (nru > 0)
          dlasr(false, true, nru, m - ll + 1, work, nm12 + 1, work, nm13 + 1, u, at(uo, ldu, 1, ll), ldu);
        if (Math.abs(e[m - 1]) <= thresh) e[m - 1] = 0;
      } else {
        // Chase the bulge from bottom to top.
        let f = (Math.abs(d[m]) - shift) * (sign(1, d[m]) + shift / d[m]);
        let g = e[m - 1];
        for (let i = m; i >= ll + 1; i--) {
          dlartg(f, g);
          const cosr = rotC;
          const sinr = rotS;
          if (i < m) e[i] = rotR;
          f = cosr * d[i] + sinr * e[i - 1];
          e[i - 1] = cosr * e[i - 1] - sinr * d[i];
          g = sinr * d[i - 1];
          d[i - 1] = cosr * d[i - 1];
          dlartg(f, g);
          const cosl = rotC;
          const sinl = rotS;
          d[i] = rotR;
          f = cosl * e[i - 1] + sinl * d[i - 1];
          d[i - 1] = cosl * d[i - 1] - sinl * e[i - 1];
          if (i > ll + 1) {
            g = sinl * e[i - 2];
            e[i - 2] = cosl * e[i - 2];
          }
          work[i - ll] = cosr;
          work[i - ll + nm1] = -sinr;
          work[i - ll + nm12] = cosl;
          work[i - ll + nm13] = -sinl;
        }
        e[ll] = f;
        if (Math.abs(e[ll]) <= thresh) e[ll] = 0;
        if (ncvt > 0)
          dlasr(
            true,
            false,
            m - ll + 1,
            ncvt,
            work,
            nm12 + 1,
            work,
            nm13 + 1,
            vt,
            at(vto, ldvt, ll, 1),
            ldvt,
          );
        if (nru > 0) dlasr(false, false, nru, m - ll + 1, work, 1, work, n, u, at(uo, ldu, 1, ll), ldu);
      }
    }
  }
  // All singular values converged: make them positive (negating rows of VT)…
  // (LAPACK 3.12.0 leaves a −0 as it is; NumPy shows it as -0.)
  for (let i = 1; i <= n; i++) {
    if (d[i] < 0) {
      d[i] = -d[i];
      if (ncvt > 0) dscal(ncvt, -1, vt, at(vto, ldvt, i, 1), ldvt);
    }
  }
  // …and sort them into decreasing order (selection sort, moving the smallest last).
  for (let i = 1; i <= n - 1; i++) {
    let isub = 1;
    let smin = d[1];
    for (let j = 2; j <= n + 1 - i; j++) {
      if (d[j] <= smin) {
        isub = j;
        smin = d[j];
      }
    }
    const last = n + 1 - i;
    if (isub !== last) {
      d[isub] = d[last];
      d[last] = smin;
      if (ncvt > 0) dswap(ncvt, vt, at(vto, ldvt, isub, 1), ldvt, at(vto, ldvt, last, 1), ldvt);
      if (nru > 0) dswap(nru, u, at(uo, ldu, 1, isub), 1, at(uo, ldu, 1, last), 1);
    }
  }
  return 0;
}

/** dlasdq for an upper bidiagonal, SQRE = 0: dbdsqr, then LAPACK's re-sort into ascending order. */
function dlasdq(
  n: number,
  ncvt: number,
  nru: number,
  d: Float64Array,
  e: Float64Array,
  vt: Float64Array,
  vto: number,
  ldvt: number,
  u: Float64Array,
  uo: number,
  ldu: number,
  work: Float64Array,
): number {
  if (n === 0) return 0;
  const info = dbdsqr(n, ncvt, nru, d, e, vt, vto, ldvt, u, uo, ldu, work);
  for (let i = 1; i <= n; i++) {
    let isub = i;
    let smin = d[i];
    for (let j = i + 1; j <= n; j++) {
      if (d[j] < smin) {
        isub = j;
        smin = d[j];
      }
    }
    if (isub !== i) {
      d[isub] = d[i];
      d[i] = smin;
      if (ncvt > 0) dswap(ncvt, vt, at(vto, ldvt, isub, 1), ldvt, at(vto, ldvt, i, 1), ldvt);
      if (nru > 0) dswap(nru, u, at(uo, ldu, 1, isub), 1, at(uo, ldu, 1, i), 1);
    }
  }
  return info;
}

/**
 * dbdsdc with COMPQ 'N' (vectors null) or 'I' (U, VT set to the n×n
 * singular vectors of B), for an upper or lower bidiagonal; always by
 * dlasdq (LAPACK divides and conquers above n = 25). Returns INFO.
 */
function dbdsdc(
  lower: boolean,
  n: number,
  d: Float64Array,
  e: Float64Array,
  vectors: { u: Float64Array; uo: number; ldu: number; vt: Float64Array; vto: number; ldvt: number } | null,
): number {
  if (n === 0) return 0;
  if (n === 1) {
    if (vectors) {
      vectors.u[vectors.uo] = sign(1, d[1]);
      vectors.vt[vectors.vto] = 1;
    }
    d[1] = Math.abs(d[1]);
    return 0;
  }
  const nm1 = n - 1;
  // Lower bidiagonal: rotate to upper, keeping the rotations for U.
  const rot = vectors && lower ? allocate(2 * n) : null;
  if (lower) {
    for (let i = 1; i <= n - 1; i++) {
      dlartg(d[i], e[i]);
      d[i] = rotR;
      e[i] = rotS * d[i + 1];
      d[i + 1] = rotC * d[i + 1];
      if (rot) {
        rot[i] = rotC;
        rot[nm1 + i] = -rotS;
      }
    }
  }
  const work = allocate(4 * n + 1);
  let info: number;
  if (!vectors) {
    info = dlasdq(n, 0, 0, d, e, work, 0, 1, work, 0, 1, work);
  } else {
    const { u, uo, ldu, vt, vto, ldvt } = vectors;
    for (let j = 1; j <= n; j++) {
      for (let i = 1; i <= n; i++) {
        u[at(uo, ldu, i, j)] = i === j ? 1 : 0;
        vt[at(vto, ldvt, i, j)] = i === j ? 1 : 0;
      }
    }
    info = dlasdq(n, n, n, d, e, vt, vto, ldvt, u, uo, ldu, work);
  }
  // Selection sort into decreasing order, as few swaps of vectors as can be.
  for (let ii = 2; ii <= n; ii++) {
    const i = ii - 1;
    let kk = i;
    let p = d[i];
    for (let j = ii; j <= n; j++) {
      if (d[j] > p) {
        kk = j;
        p = d[j];
      }
    }
    if (kk !== i) {
      d[kk] = d[i];
      d[i] = p;
      if (vectors) {
        const { u, uo, ldu, vt, vto, ldvt } = vectors;
        dswap(n, u, at(uo, ldu, 1, i), 1, at(uo, ldu, 1, kk), 1);
        dswap(n, vt, at(vto, ldvt, i, 1), ldvt, at(vto, ldvt, kk, 1), ldvt);
      }
    }
  }
  if (rot && vectors) dlasr(true, false, n, n, rot, 1, rot, n, vectors.u, vectors.uo, vectors.ldu);
  return info;
}

// --- the driver -----------------------------------------------------------------

type Jobz = 'N' | 'S' | 'A';

interface Gesdd {
  /** Singular values, 1-based (s[1] … s[minmn]). */
  s: Float64Array;
  /** U: m × (m for 'A', minmn for 'S'), column-major, leading dimension m. */
  u: Float64Array | null;
  /** VT: (n for 'A', minmn for 'S') × n, column-major, leading dimension ldvt. */
  vt: Float64Array | null;
  ldvt: number;
}

/**
 * dgesdd on the column-major m×n matrix `a` (overwritten), m, n ≥ 1 and
 * finite. Throws LinAlgError when the bidiagonal QR does not converge.
 */
function dgesdd(jobz: Jobz, m: number, n: number, a: Float64Array): Gesdd {
  const minmn = Math.min(m, n);
  const wantVectors = jobz !== 'N';
  const ucol = jobz === 'A' ? m : minmn;
  const ldvt = jobz === 'A' ? n : minmn;
  const u = wantVectors ? allocate(m * ucol) : null;
  const vt = wantVectors ? allocate(ldvt * n) : null;
  const lda = m;
  const mnthr = Math.trunc((minmn * 11) / 6);
  const s = allocate(minmn + 1);
  const e = allocate(minmn + 1);
  const tauq = allocate(minmn + 1);
  const taup = allocate(minmn + 1);
  const tau = allocate(minmn + 1);
  const work = allocate(Math.max(m, n) + 1);
  // Where dbdsdc would divide and conquer, exact rounding buys nothing.
  setOpenBlasRounding(minmn <= SMLSIZ);

  // Scale A into [SMLNUM, BIGNUM] when its largest entry is outside.
  const smlnum = Math.sqrt(SAFMIN) / (2 * EPS);
  const bignum = 1 / smlnum;
  let anrm = 0;
  for (let i = 0; i < m * n; i++) {
    const t = Math.abs(a[i]);
    if (anrm < t) anrm = t;
  }
  let iscl = false;
  if (anrm > 0 && anrm < smlnum) {
    iscl = true;
    dlascl(anrm, smlnum, m, n, a, 0, lda);
  } else if (anrm > bignum) {
    iscl = true;
    dlascl(anrm, bignum, m, n, a, 0, lda);
  }

  let info = 0;
  const bd = (
    lower: boolean,
    k: number,
    uu: Float64Array,
    uo: number,
    ldu: number,
    v: Float64Array,
    ld: number,
  ) => dbdsdc(lower, k, s, e, { u: uu, uo, ldu, vt: v, vto: 0, ldvt: ld });

  if (m >= n) {
    if (m >= mnthr) {
      if (!u || !vt) {
        // Path 1: QR, then the values of R.
        dgeqr2(m, n, a, 0, lda, tau, work);
        for (let j = 1; j < n; j++) for (let i = j + 1; i <= n; i++) a[at(0, lda, i, j)] = 0;
        dgebd2(n, n, a, 0, lda, s, e, tauq, taup, work);
        info = dbdsdc(false, n, s, e, null);
      } else if (jobz === 'S') {
        // Path 3: R's SVD, then U = Q·U_R.
        dgeqr2(m, n, a, 0, lda, tau, work);
        const r = allocate(n * n);
        for (let j = 1; j <= n; j++) for (let i = 1; i <= j; i++) r[at(0, n, i, j)] = a[at(0, lda, i, j)];
        dorg2r(m, n, n, a, 0, lda, tau, work);
        dgebd2(n, n, r, 0, n, s, e, tauq, taup, work);
        info = bd(false, n, u, 0, m, vt, ldvt);
        dormbr(true, true, true, n, n, n, r, 0, n, tauq, u, 0, m, work);
        dormbr(false, false, false, n, n, n, r, 0, n, taup, vt, 0, ldvt, work);
        for (let j = 1; j <= n; j++) for (let i = 1; i <= n; i++) r[at(0, n, i, j)] = u[at(0, m, i, j)];
        dgemm(m, n, n, a, 0, lda, r, 0, n, u, 0, m);
      } else {
        // Path 4: the full Q in U, R's SVD, then U(:, 1:n) = Q(:, 1:n)·U_R.
        dgeqr2(m, n, a, 0, lda, tau, work);
        for (let j = 1; j <= n; j++) for (let i = j; i <= m; i++) u[at(0, m, i, j)] = a[at(0, lda, i, j)];
        dorg2r(m, m, n, u, 0, m, tau, work);
        for (let j = 1; j < n; j++) for (let i = j + 1; i <= n; i++) a[at(0, lda, i, j)] = 0;
        dgebd2(n, n, a, 0, lda, s, e, tauq, taup, work);
        const iu = allocate(n * n);
        info = bd(false, n, iu, 0, n, vt, ldvt);
        dormbr(true, true, true, n, n, n, a, 0, lda, tauq, iu, 0, n, work);
        dormbr(false, false, false, n, n, n, a, 0, lda, taup, vt, 0, ldvt, work);
        dgemm(m, n, n, u, 0, m, iu, 0, n, a, 0, lda);
        for (let j = 1; j <= n; j++) for (let i = 1; i <= m; i++) u[at(0, m, i, j)] = a[at(0, lda, i, j)];
      }
    } else {
      // Path 5: bidiagonalise A itself.
      dgebd2(m, n, a, 0, lda, s, e, tauq, taup, work);
      if (!u || !vt) {
        info = dbdsdc(false, n, s, e, null);
      } else if (jobz === 'S') {
        info = bd(false, n, u, 0, m, vt, ldvt);
        dormbr(true, true, true, m, n, n, a, 0, lda, tauq, u, 0, m, work);
        dormbr(false, false, false, n, n, n, a, 0, lda, taup, vt, 0, ldvt, work);
      } else {
        info = bd(false, n, u, 0, m, vt, ldvt);
        for (let i = n + 1; i <= m; i++) u[at(0, m, i, i)] = 1;
        dormbr(true, true, true, m, m, n, a, 0, lda, tauq, u, 0, m, work);
        dormbr(false, false, false, n, n, m, a, 0, lda, taup, vt, 0, ldvt, work);
      }
    }
  } else if (n >= mnthr) {
    if (!u || !vt) {
      // Path 1t: LQ, then the values of L.
      dgelq2(m, n, a, 0, lda, tau, work);
      for (let j = 2; j <= m; j++) for (let i = 1; i < j; i++) a[at(0, lda, i, j)] = 0;
      dgebd2(m, m, a, 0, lda, s, e, tauq, taup, work);
      info = dbdsdc(false, m, s, e, null);
    } else if (jobz === 'S') {
      // Path 3t: L's SVD, then VT = VT_L·Q.
      dgelq2(m, n, a, 0, lda, tau, work);
      const l = allocate(m * m);
      for (let j = 1; j <= m; j++) for (let i = j; i <= m; i++) l[at(0, m, i, j)] = a[at(0, lda, i, j)];
      dorgl2(m, n, m, a, 0, lda, tau, work);
      dgebd2(m, m, l, 0, m, s, e, tauq, taup, work);
      info = bd(false, m, u, 0, m, vt, ldvt);
      dormbr(true, true, true, m, m, m, l, 0, m, tauq, u, 0, m, work);
      dormbr(false, false, false, m, m, m, l, 0, m, taup, vt, 0, ldvt, work);
      for (let j = 1; j <= m; j++) for (let i = 1; i <= m; i++) l[at(0, m, i, j)] = vt[at(0, ldvt, i, j)];
      dgemm(m, n, m, l, 0, m, a, 0, lda, vt, 0, ldvt);
    } else {
      // Path 4t: the full Q in VT, L's SVD, then VT(1:m, :) = VT_L·Q(1:m, :).
      dgelq2(m, n, a, 0, lda, tau, work);
      for (let j = 1; j <= n; j++)
        for (let i = 1; i <= Math.min(j, m); i++) vt[at(0, n, i, j)] = a[at(0, lda, i, j)];
      dorgl2(n, n, m, vt, 0, n, tau, work);
      for (let j = 2; j <= m; j++) for (let i = 1; i < j; i++) a[at(0, lda, i, j)] = 0;
      dgebd2(m, m, a, 0, lda, s, e, tauq, taup, work);
      const ivt = allocate(m * m);
      info = bd(false, m, u, 0, m, ivt, m);
      dormbr(true, true, true, m, m, m, a, 0, lda, tauq, u, 0, m, work);
      dormbr(false, false, false, m, m, m, a, 0, lda, taup, ivt, 0, m, work);
      dgemm(m, n, m, ivt, 0, m, vt, 0, n, a, 0, lda);
      for (let j = 1; j <= n; j++) for (let i = 1; i <= m; i++) vt[at(0, n, i, j)] = a[at(0, lda, i, j)];
    }
  } else {
    // Path 5t: bidiagonalise A itself (lower bidiagonal).
    dgebd2(m, n, a, 0, lda, s, e, tauq, taup, work);
    if (!u || !vt) {
      info = dbdsdc(true, m, s, e, null);
    } else if (jobz === 'S') {
      info = bd(true, m, u, 0, m, vt, ldvt);
      dormbr(true, true, true, m, m, n, a, 0, lda, tauq, u, 0, m, work);
      dormbr(false, false, false, m, n, m, a, 0, lda, taup, vt, 0, ldvt, work);
    } else {
      info = bd(true, m, u, 0, m, vt, ldvt);
      for (let i = m + 1; i <= n; i++) vt[at(0, n, i, i)] = 1;
      dormbr(true, true, true, m, m, n, a, 0, lda, tauq, u, 0, m, work);
      dormbr(false, false, false, n, n, m, a, 0, lda, taup, vt, 0, ldvt, work);
    }
  }
  if (info !== 0) throw linAlgError('SVD did not converge');
  if (iscl) {
    if (anrm > bignum) dlascl(bignum, anrm, minmn, 1, s, 1, minmn);
    if (anrm < smlnum) dlascl(smlnum, anrm, minmn, 1, s, 1, minmn);
  }
  return { s, u, vt, ldvt };
}

/** NumPy's `linalg.svd(a, compute_uv=True)`: `{ u, s, vh }`, stacks too. */
export interface SvdLapackResult {
  readonly u: NDArray;
  readonly s: NDArray;
  readonly vh: NDArray;
}

/**
 * NumPy's `linalg.svd` as LAPACK's dgesdd computes it: singular values
 * descending and, with `computeUV`, `u` and `vh` (square when
 * `fullMatrices`); stacks `(..., M, N)` matrix by matrix. For
 * min(M, N) ≤ 25 the results are NumPy's bit for bit (as its OpenBLAS
 * computes them on AVX-512 machines), signs and null-space bases included;
 * above, values agree to rounding and vectors up to sign.
 * NaN input raises "SVD did not converge" as NumPy does. An infinity gives
 * NaN values, as in NumPy, and NaN vectors: NumPy's are partly garbage
 * (2×2) or never come back (its LAPACK loops forever, e.g. on 20×3).
 */
export function svdLapack(a: NDArray, computeUV?: true, fullMatrices?: boolean): SvdLapackResult;
export function svdLapack(a: NDArray, computeUV: false, fullMatrices?: boolean): NDArray;
export function svdLapack(a: NDArray, computeUV: boolean, fullMatrices: boolean): SvdLapackResult | NDArray;
export function svdLapack(a: NDArray, computeUV = true, fullMatrices = true): SvdLapackResult | NDArray {
  assertStacked(a);
  const rows = a.shape[a.ndim - 2];
  const cols = a.shape[a.ndim - 1];
  const p = Math.min(rows, cols);
  const batch = a.shape.slice(0, -2);
  const count = shapeSize(batch);
  const uCols = fullMatrices ? rows : p;
  const vRows = fullMatrices ? cols : p;
  const jobz: Jobz = !computeUV ? 'N' : fullMatrices ? 'A' : 'S';
  // LAPACK refuses NaN anywhere (INFO = −4), which NumPy reports as non-convergence.
  for (let i = 0; i < a.size; i++) if (Number.isNaN(a.data[i])) throw linAlgError('SVD did not converge');
  const sOut = allocate(count * p);
  const uOut = computeUV ? allocate(count * rows * uCols) : null;
  const vOut = computeUV ? allocate(count * vRows * cols) : null;
  const size = rows * cols;
  for (let t = 0; t < count; t++) {
    const uBlock = uOut?.subarray(t * rows * uCols, (t + 1) * rows * uCols);
    const vBlock = vOut?.subarray(t * vRows * cols, (t + 1) * vRows * cols);
    if (p === 0) {
      // Nothing to factor: full matrices are identities, as NumPy returns them.
      if (uBlock && fullMatrices) for (let i = 0; i < rows; i++) uBlock[i * rows + i] = 1;
      if (vBlock && fullMatrices) for (let i = 0; i < cols; i++) vBlock[i * cols + i] = 1;
      continue;
    }
    // NumPy hands LAPACK the matrix in Fortran order: column-major, as the user sees it.
    const work = allocate(size);
    let infinite = false;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = a.data[t * size + i * cols + j];
        if (!Number.isFinite(v)) infinite = true;
        work[i + j * rows] = v;
      }
    }
    if (infinite) {
      sOut.fill(Number.NaN, t * p, (t + 1) * p);
      uBlock?.fill(Number.NaN);
      vBlock?.fill(Number.NaN);
      continue;
    }
    const f = dgesdd(jobz, rows, cols, work);
    sOut.set(f.s.subarray(1, p + 1), t * p);
    if (!uBlock || !vBlock || !f.u || !f.vt) continue;
    for (let i = 0; i < rows; i++) for (let j = 0; j < uCols; j++) uBlock[i * uCols + j] = f.u[i + j * rows];
    for (let i = 0; i < vRows; i++)
      for (let j = 0; j < cols; j++) vBlock[i * cols + j] = f.vt[i + j * f.ldvt];
  }
  const s = new NDArray(sOut, [...batch, p], 'float64');
  if (!uOut || !vOut) return s;
  return {
    u: new NDArray(uOut, [...batch, rows, uCols], 'float64'),
    s,
    vh: new NDArray(vOut, [...batch, vRows, cols], 'float64'),
  };
}
