/**
 * LAPACK's dqds: the singular values of a bidiagonal matrix without
 * vectors, as dbdsqr computes them when none are wanted (dlasq1 → dlasq2 →
 * dlasq3, dlasq4, dlasq5, dlasq6). Ported statement for statement, so that
 * on the same bidiagonal the values come out bit for bit as LAPACK's: that
 * is how NumPy's `svd(a, compute_uv=False)` gets them (dgesdd with JOBZ='N').
 *
 * Arrays are 1-based (index 0 unused) to keep the Fortran's index algebra.
 * The IEEE variant of dlasq5 is the one taken (ILAENV(10) = 1 on IEEE
 * machines). MIN and MAX follow gfortran: a NaN argument is ignored unless
 * it comes first, which matters where dlasq5 lets NaN through.
 */
import { checkDeadline } from '../limits';

/** dlamch('P'): ε·base. */
const PREC = 2 ** -52;
/** dlamch('S'). */
const SAFMIN = 2 ** -1022;
const CBIAS = 1.5;
const HUNDRD = 100;
const QURTR = 0.25;
const THIRD = 0.333;
const CNST1 = 0.563;
const CNST2 = 1.01;
const CNST3 = 1.05;

/** gfortran's MIN(a, b): b when b < a or a is NaN. */
function min(a: number, b: number): number {
  return b < a || Number.isNaN(a) ? b : a;
}

/** gfortran's MAX(a, b): b when b > a or a is NaN. */
function max(a: number, b: number): number {
  return b > a || Number.isNaN(a) ? b : a;
}

/** dlascl('G'): multiplies the m×n matrix at `ao` (leading dimension lda) by cto/cfrom without over/underflow. */
export function dlascl(
  cfrom: number,
  cto: number,
  m: number,
  n: number,
  a: Float64Array,
  ao: number,
  lda: number,
): void {
  const smlnum = SAFMIN;
  const bignum = 1 / smlnum;
  let cfromc = cfrom;
  let ctoc = cto;
  for (let done = false; !done; ) {
    const cfrom1 = cfromc * smlnum;
    let mul: number;
    if (cfrom1 === cfromc) {
      // cfrom is infinite: a correctly signed zero, or NaN if cto is infinite too.
      mul = ctoc / cfromc;
      done = true;
    } else {
      const cto1 = ctoc / bignum;
      if (cto1 === ctoc) {
        // cto is 0 or infinite: it is the factor itself.
        mul = ctoc;
        done = true;
        cfromc = 1;
      } else if (Math.abs(cfrom1) > Math.abs(ctoc) && ctoc !== 0) {
        mul = smlnum;
        done = false;
        cfromc = cfrom1;
      } else if (Math.abs(cto1) > Math.abs(cfromc)) {
        mul = bignum;
        done = false;
        ctoc = cto1;
      } else {
        mul = ctoc / cfromc;
        done = true;
        if (mul === 1) return;
      }
    }
    for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) a[ao + i + j * lda] *= mul;
  }
}

/** dlas2's larger and smaller singular value of [[f, g], [0, h]], as [ssmin, ssmax]. */
export function dlas2(f: number, g: number, h: number): [number, number] {
  const fa = Math.abs(f);
  const ga = Math.abs(g);
  const ha = Math.abs(h);
  const fhmn = Math.min(fa, ha);
  const fhmx = Math.max(fa, ha);
  if (fhmn === 0) {
    if (fhmx === 0) return [0, ga];
    const q = Math.min(fhmx, ga) / Math.max(fhmx, ga);
    return [0, Math.max(fhmx, ga) * Math.sqrt(1 + q * q)];
  }
  if (ga < fhmx) {
    const as = 1 + fhmn / fhmx;
    const at = (fhmx - fhmn) / fhmx;
    const q = ga / fhmx;
    const au = q * q;
    const c = 2 / (Math.sqrt(as * as + au) + Math.sqrt(at * at + au));
    return [fhmn * c, fhmx / c];
  }
  const au = fhmx / ga;
  if (au === 0) return [(fhmn * fhmx) / ga, ga];
  const as = 1 + fhmn / fhmx;
  const at = (fhmx - fhmn) / fhmx;
  const p = as * au;
  const q = at * au;
  const c = 1 / (Math.sqrt(1 + p * p) + Math.sqrt(1 + q * q));
  let ssmin = fhmn * c * au;
  ssmin += ssmin;
  return [ssmin, ga / (c + c)];
}

/** dlasrt('D'): sorts x(i0 … i0+n−1) into decreasing order. */
function sortDecreasing(x: Float64Array, i0: number, n: number): void {
  x.subarray(i0, i0 + n).sort((a, b) => b - a);
}

/**
 * dlasq1: the singular values of the n×n upper bidiagonal (d(1:n),
 * e(1:n−1)), decreasing, into d. `work` holds 4n entries from index 1.
 * Returns INFO (0; 1–3 when dqds failed, 2 leaving a partial result).
 */
export function dlasq1(n: number, d: Float64Array, e: Float64Array, work: Float64Array): number {
  if (n === 0) return 0;
  if (n === 1) {
    d[1] = Math.abs(d[1]);
    return 0;
  }
  if (n === 2) {
    const [sigmn, sigmx] = dlas2(d[1], e[1], d[2]);
    d[1] = sigmx;
    d[2] = sigmn;
    return 0;
  }
  let sigmx = 0;
  for (let i = 1; i <= n - 1; i++) {
    d[i] = Math.abs(d[i]);
    sigmx = max(sigmx, Math.abs(e[i]));
  }
  d[n] = Math.abs(d[n]);
  if (sigmx === 0) {
    sortDecreasing(d, 1, n);
    return 0;
  }
  for (let i = 1; i <= n; i++) sigmx = max(sigmx, d[i]);
  // Scale into a safe range and square: dqds works on q = d², e = e².
  const scale = Math.sqrt(PREC / SAFMIN);
  for (let i = 1; i <= n; i++) work[2 * i - 1] = d[i];
  for (let i = 1; i <= n - 1; i++) work[2 * i] = e[i];
  dlascl(sigmx, scale, 2 * n - 1, 1, work, 1, 2 * n - 1);
  for (let i = 1; i <= 2 * n - 1; i++) work[i] *= work[i];
  work[2 * n] = 0;
  const info = dlasq2(n, work);
  if (info === 0) {
    for (let i = 1; i <= n; i++) d[i] = Math.sqrt(work[i]);
    dlascl(scale, sigmx, n, 1, d, 1, n);
  } else if (info === 2) {
    for (let i = 1; i <= n; i++) {
      d[i] = Math.sqrt(work[2 * i - 1]);
      e[i] = Math.sqrt(work[2 * i]);
    }
    dlascl(scale, sigmx, n, 1, d, 1, n);
    dlascl(scale, sigmx, n, 1, e, 1, n);
  }
  return info;
}

/** The scalars dlasq2 shares with dlasq3–dlasq6 (Fortran passes them by reference). */
interface State {
  n0: number;
  pp: number;
  dmin: number;
  sigma: number;
  desig: number;
  qmax: number;
  nfail: number;
  iter: number;
  ndiv: number;
  ttype: number;
  dmin1: number;
  dmin2: number;
  dn: number;
  dn1: number;
  dn2: number;
  g: number;
  tau: number;
}

/** dlasq2: the eigenvalues of the qd array z (4n entries from index 1), decreasing, into z(1:n). */
function dlasq2(n: number, z: Float64Array): number {
  const eps = PREC;
  const safmin = SAFMIN;
  const tol = eps * HUNDRD;
  const tol2 = tol * tol;
  if (n === 0) return 0;
  if (n === 1) return z[1] < 0 ? -201 : 0;
  if (n === 2) {
    if (z[1] < 0) return -201;
    if (z[2] < 0) return -202;
    if (z[3] < 0) return -203;
    if (z[3] > z[1]) {
      const d = z[3];
      z[3] = z[1];
      z[1] = d;
    }
    z[5] = z[1] + z[2] + z[3];
    if (z[2] > z[3] * tol2) {
      let t = 0.5 * (z[1] - z[3] + z[2]);
      let s = z[3] * (z[2] / t);
      if (s <= t) s = z[3] * (z[2] / (t * (1 + Math.sqrt(1 + s / t))));
      else s = z[3] * (z[2] / (t + Math.sqrt(t) * Math.sqrt(t + s)));
      t = z[1] + (s + z[2]);
      z[3] *= z[1] / t;
      z[1] = t;
    }
    z[2] = z[3];
    z[6] = z[2] + z[1];
    return 0;
  }
  // Check for negative data and compute sums of q's and e's.
  z[2 * n] = 0;
  let emin = z[2];
  let qmax = 0;
  let zmax = 0;
  let d = 0;
  let e = 0;
  for (let k = 1; k <= 2 * (n - 1); k += 2) {
    if (z[k] < 0) return -(200 + k);
    if (z[k + 1] < 0) return -(200 + k + 1);
    d += z[k];
    e += z[k + 1];
    qmax = max(qmax, z[k]);
    emin = min(emin, z[k + 1]);
    zmax = max(max(qmax, zmax), z[k + 1]);
  }
  if (z[2 * n - 1] < 0) return -(200 + 2 * n - 1);
  d += z[2 * n - 1];
  qmax = max(qmax, z[2 * n - 1]);
  zmax = max(qmax, zmax);
  // Diagonal already.
  if (e === 0) {
    for (let k = 2; k <= n; k++) z[k] = z[2 * k - 1];
    sortDecreasing(z, 1, n);
    z[2 * n - 1] = d;
    return 0;
  }
  const trace = d + e;
  if (trace === 0) {
    z[2 * n - 1] = 0;
    return 0;
  }
  // Rearrange for locality: z = (q1, qq1, e1, ee1, q2, qq2, e2, ee2, …).
  for (let k = 2 * n; k >= 2; k -= 2) {
    z[2 * k] = 0;
    z[2 * k - 1] = z[k];
    z[2 * k - 2] = 0;
    z[2 * k - 3] = z[k - 1];
  }
  let i0 = 1;
  const n0 = n;
  // Reverse the qd array if warranted.
  if (CBIAS * z[4 * i0 - 3] < z[4 * n0 - 3]) {
    const ipn4 = 4 * (i0 + n0);
    for (let i4 = 4 * i0; i4 <= 2 * (i0 + n0 - 1); i4 += 4) {
      let temp = z[i4 - 3];
      z[i4 - 3] = z[ipn4 - i4 - 3];
      z[ipn4 - i4 - 3] = temp;
      temp = z[i4 - 1];
      z[i4 - 1] = z[ipn4 - i4 - 5];
      z[ipn4 - i4 - 5] = temp;
    }
  }
  // Initial split checking via dqd and Li's test.
  let pp = 0;
  for (let k = 1; k <= 2; k++) {
    d = z[4 * n0 + pp - 3];
    for (let i4 = 4 * (n0 - 1) + pp; i4 >= 4 * i0 + pp; i4 -= 4) {
      if (z[i4 - 1] <= tol2 * d) {
        z[i4 - 1] = -0;
        d = z[i4 - 3];
      } else {
        d = z[i4 - 3] * (d / (d + z[i4 - 1]));
      }
    }
    // dqd maps Z to ZZ plus Li's test.
    emin = z[4 * i0 + pp + 1];
    d = z[4 * i0 + pp - 3];
    for (let i4 = 4 * i0 + pp; i4 <= 4 * (n0 - 1) + pp; i4 += 4) {
      z[i4 - 2 * pp - 2] = d + z[i4 - 1];
      if (z[i4 - 1] <= tol2 * d) {
        z[i4 - 1] = -0;
        z[i4 - 2 * pp - 2] = d;
        z[i4 - 2 * pp] = 0;
        d = z[i4 + 1];
      } else if (safmin * z[i4 + 1] < z[i4 - 2 * pp - 2] && safmin * z[i4 - 2 * pp - 2] < z[i4 + 1]) {
        const temp = z[i4 + 1] / z[i4 - 2 * pp - 2];
        z[i4 - 2 * pp] = z[i4 - 1] * temp;
        d *= temp;
      } else {
        z[i4 - 2 * pp] = z[i4 + 1] * (z[i4 - 1] / z[i4 - 2 * pp - 2]);
        d = z[i4 + 1] * (d / z[i4 - 2 * pp - 2]);
      }
      emin = min(emin, z[i4 - 2 * pp]);
    }
    z[4 * n0 - pp - 2] = d;
    // Now find qmax.
    qmax = z[4 * i0 - pp - 2];
    for (let i4 = 4 * i0 - pp + 2; i4 <= 4 * n0 - pp - 2; i4 += 4) qmax = max(qmax, z[i4]);
    // Prepare for the next iteration on K.
    pp = 1 - pp;
  }
  const st: State = {
    n0,
    pp: 0,
    dmin: 0,
    sigma: 0,
    desig: 0,
    qmax,
    nfail: 0,
    iter: 2,
    ndiv: 2 * (n0 - i0),
    ttype: 0,
    dmin1: 0,
    dmin2: 0,
    dn: 0,
    dn1: 0,
    dn2: 0,
    g: 0,
    tau: 0,
  };
  for (let iwhila = 1; iwhila <= n + 1; iwhila++) {
    checkDeadline();
    if (st.n0 < 1) {
      // Move q's to the front, sort, and report.
      for (let k = 2; k <= n; k++) z[k] = z[4 * k - 3];
      sortDecreasing(z, 1, n);
      let sum = 0;
      for (let k = n; k >= 1; k--) sum += z[k];
      z[2 * n + 1] = trace;
      z[2 * n + 2] = sum;
      z[2 * n + 3] = st.iter;
      z[2 * n + 4] = st.ndiv / n ** 2;
      z[2 * n + 5] = (HUNDRD * st.nfail) / st.iter;
      return 0;
    }
    // While array unfinished: E(N0) holds the value of SIGMA when submatrix in I0:N0 splits from the rest.
    st.desig = 0;
    st.sigma = st.n0 === n ? 0 : -z[4 * st.n0 - 1];
    if (st.sigma < 0) return 1;
    // Find the last unreduced submatrix's top index I0, its qmax and emin.
    let emax = 0;
    emin = st.n0 > i0 ? Math.abs(z[4 * st.n0 - 5]) : 0;
    let qmin = z[4 * st.n0 - 3];
    qmax = qmin;
    let i4 = 4 * st.n0;
    let found = false;
    for (; i4 >= 8; i4 -= 4) {
      if (z[i4 - 5] <= 0) {
        found = true;
        break;
      }
      if (qmin >= 4 * emax) {
        qmin = min(qmin, z[i4 - 3]);
        emax = max(emax, z[i4 - 5]);
      }
      qmax = max(qmax, z[i4 - 7] + z[i4 - 5]);
      emin = min(emin, z[i4 - 5]);
    }
    if (!found) i4 = 4;
    i0 = Math.trunc(i4 / 4);
    st.pp = 0;
    if (st.n0 - i0 > 1) {
      let dee = z[4 * i0 - 3];
      let deemin = dee;
      let kmin = i0;
      for (let j4 = 4 * i0 + 1; j4 <= 4 * st.n0 - 3; j4 += 4) {
        dee = z[j4] * (dee / (dee + z[j4 - 2]));
        if (dee <= deemin) {
          deemin = dee;
          kmin = Math.trunc((j4 + 3) / 4);
        }
      }
      if ((kmin - i0) * 2 < st.n0 - kmin && deemin <= 0.5 * z[4 * st.n0 - 3]) {
        const ipn4 = 4 * (i0 + st.n0);
        st.pp = 2;
        for (let j4 = 4 * i0; j4 <= 2 * (i0 + st.n0 - 1); j4 += 4) {
          let temp = z[j4 - 3];
          z[j4 - 3] = z[ipn4 - j4 - 3];
          z[ipn4 - j4 - 3] = temp;
          temp = z[j4 - 2];
          z[j4 - 2] = z[ipn4 - j4 - 2];
          z[ipn4 - j4 - 2] = temp;
          temp = z[j4 - 1];
          z[j4 - 1] = z[ipn4 - j4 - 5];
          z[ipn4 - j4 - 5] = temp;
          temp = z[j4];
          z[j4] = z[ipn4 - j4 - 4];
          z[ipn4 - j4 - 4] = temp;
        }
      }
    }
    // Put -(initial shift) into DMIN.
    st.dmin = -max(0, qmin - 2 * Math.sqrt(qmin) * Math.sqrt(emax));
    st.qmax = qmax;
    // Now I0:N0 is unreduced: PP = 0 for ping, PP = 1 for pong; PP = 2 flips once.
    const nbig = 100 * (st.n0 - i0 + 1);
    let done = false;
    for (let iwhilb = 1; iwhilb <= nbig; iwhilb++) {
      if (i0 > st.n0) {
        done = true;
        break;
      }
      dlasq3(i0, z, st);
      st.pp = 1 - st.pp;
      // When EMIN is very small check for splits.
      if (st.pp === 0 && st.n0 - i0 >= 3) {
        if (z[4 * st.n0] <= tol2 * st.qmax || z[4 * st.n0 - 1] <= tol2 * st.sigma) {
          let splt = i0 - 1;
          st.qmax = z[4 * i0 - 3];
          emin = z[4 * i0 - 1];
          let oldemn = z[4 * i0];
          for (let j4 = 4 * i0; j4 <= 4 * (st.n0 - 3); j4 += 4) {
            if (z[j4] <= tol2 * z[j4 - 3] || z[j4 - 1] <= tol2 * st.sigma) {
              z[j4 - 1] = -st.sigma;
              splt = j4 / 4;
              st.qmax = 0;
              emin = z[j4 + 3];
              oldemn = z[j4 + 4];
            } else {
              st.qmax = max(st.qmax, z[j4 + 1]);
              emin = min(emin, z[j4 - 1]);
              oldemn = min(oldemn, z[j4]);
            }
          }
          z[4 * st.n0 - 1] = emin;
          z[4 * st.n0] = oldemn;
          i0 = splt + 1;
        }
      }
    }
    if (done) continue;
    // Maximum number of iterations exceeded: restore the shift SIGMA and place the new d's and e's in a qd array.
    let i1 = i0;
    let n1 = st.n0;
    for (;;) {
      checkDeadline();
      let tempq = z[4 * i0 - 3];
      z[4 * i0 - 3] += st.sigma;
      for (let k = i0 + 1; k <= st.n0; k++) {
        const tempe = z[4 * k - 5];
        z[4 * k - 5] *= tempq / z[4 * k - 7];
        tempq = z[4 * k - 3];
        z[4 * k - 3] = z[4 * k - 3] + st.sigma + tempe - z[4 * k - 5];
      }
      // Prepare to do this on the previous block if there is one.
      if (i1 > 1) {
        n1 = i1 - 1;
        while (i1 >= 2 && z[4 * i1 - 5] >= 0) i1--;
        st.sigma = -z[4 * n1 - 1];
        continue;
      }
      break;
    }
    for (let k = 1; k <= n; k++) {
      z[2 * k - 1] = z[4 * k - 3];
      // Only the block 1..N0 is unfinished; the rest of the e's must be essentially zero.
      z[2 * k] = k < st.n0 ? z[4 * k - 1] : 0;
    }
    return 2;
  }
  return 3;
}

/** dlasq3: checks for deflation, computes a shift (dlasq4) and one dqds transform (dlasq5, or dlasq6 on failure). */
function dlasq3(i0: number, z: Float64Array, st: State): void {
  const n0in = st.n0;
  const eps = PREC;
  const tol = eps * HUNDRD;
  const tol2 = tol * tol;
  // Check for deflation.
  for (;;) {
    if (st.n0 < i0) return;
    let deflate1 = st.n0 === i0;
    const nn = 4 * st.n0 + st.pp;
    let deflate2 = false;
    if (!deflate1) {
      if (st.n0 === i0 + 1) deflate2 = true;
      else if (!(z[nn - 5] > tol2 * (st.sigma + z[nn - 3]) && z[nn - 2 * st.pp - 4] > tol2 * z[nn - 7])) {
        deflate1 = true;
      } else if (!(z[nn - 9] > tol2 * st.sigma && z[nn - 2 * st.pp - 8] > tol2 * z[nn - 11])) {
        deflate2 = true;
      } else {
        break;
      }
    }
    if (deflate1) {
      z[4 * st.n0 - 3] = z[4 * st.n0 + st.pp - 3] + st.sigma;
      st.n0 -= 1;
      continue;
    }
    if (deflate2) {
      if (z[nn - 3] > z[nn - 7]) {
        const s = z[nn - 3];
        z[nn - 3] = z[nn - 7];
        z[nn - 7] = s;
      }
      let t = 0.5 * (z[nn - 7] - z[nn - 3] + z[nn - 5]);
      if (z[nn - 5] > z[nn - 3] * tol2 && t !== 0) {
        let s = z[nn - 3] * (z[nn - 5] / t);
        if (s <= t) s = z[nn - 3] * (z[nn - 5] / (t * (1 + Math.sqrt(1 + s / t))));
        else s = z[nn - 3] * (z[nn - 5] / (t + Math.sqrt(t) * Math.sqrt(t + s)));
        t = z[nn - 7] + (s + z[nn - 5]);
        z[nn - 3] *= z[nn - 7] / t;
        z[nn - 7] = t;
      }
      z[4 * st.n0 - 7] = z[nn - 7] + st.sigma;
      z[4 * st.n0 - 3] = z[nn - 3] + st.sigma;
      st.n0 -= 2;
    }
  }
  if (st.pp === 2) st.pp = 0;
  // Reverse the qd array, if warranted.
  if (st.dmin <= 0 || st.n0 < n0in) {
    const pp = st.pp;
    if (CBIAS * z[4 * i0 + pp - 3] < z[4 * st.n0 + pp - 3]) {
      const ipn4 = 4 * (i0 + st.n0);
      for (let j4 = 4 * i0; j4 <= 2 * (i0 + st.n0 - 1); j4 += 4) {
        let temp = z[j4 - 3];
        z[j4 - 3] = z[ipn4 - j4 - 3];
        z[ipn4 - j4 - 3] = temp;
        temp = z[j4 - 2];
        z[j4 - 2] = z[ipn4 - j4 - 2];
        z[ipn4 - j4 - 2] = temp;
        temp = z[j4 - 1];
        z[j4 - 1] = z[ipn4 - j4 - 5];
        z[ipn4 - j4 - 5] = temp;
        temp = z[j4];
        z[j4] = z[ipn4 - j4 - 4];
        z[ipn4 - j4 - 4] = temp;
      }
      if (st.n0 - i0 <= 4) {
        z[4 * st.n0 + pp - 1] = z[4 * i0 + pp - 1];
        z[4 * st.n0 - pp] = z[4 * i0 - pp];
      }
      st.dmin2 = min(st.dmin2, z[4 * st.n0 + pp - 1]);
      z[4 * st.n0 + pp - 1] = min(min(z[4 * st.n0 + pp - 1], z[4 * i0 + pp - 1]), z[4 * i0 + pp + 3]);
      z[4 * st.n0 - pp] = min(min(z[4 * st.n0 - pp], z[4 * i0 - pp]), z[4 * i0 - pp + 4]);
      st.qmax = max(max(st.qmax, z[4 * i0 + pp - 3]), z[4 * i0 + pp + 1]);
      st.dmin = -0;
    }
  }
  // Choose a shift.
  dlasq4(i0, z, st, n0in);
  // Call dqds until DMIN > 0.
  let useDqd = false;
  for (;;) {
    dlasq5(i0, z, st, eps);
    st.ndiv += st.n0 - i0 + 2;
    st.iter += 1;
    // Check status.
    if (st.dmin >= 0 && st.dmin1 >= 0) break; // success
    if (
      st.dmin < 0 &&
      st.dmin1 > 0 &&
      z[4 * (st.n0 - 1) - st.pp] < tol * (st.sigma + st.dn1) &&
      Math.abs(st.dn) < tol * st.sigma
    ) {
      // Convergence hidden by negative DN.
      z[4 * (st.n0 - 1) - st.pp + 2] = 0;
      st.dmin = 0;
      break;
    }
    if (st.dmin < 0) {
      // TAU too big. Select new TAU and try again.
      st.nfail += 1;
      if (st.ttype < -22) {
        // Failed twice. Play it safe.
        st.tau = 0;
      } else if (st.dmin1 > 0) {
        // Late failure. Gives excellent shift.
        st.tau = (st.tau + st.dmin) * (1 - 2 * eps);
        st.ttype -= 11;
      } else {
        // Early failure. Divide by 4.
        st.tau = QURTR * st.tau;
        st.ttype -= 12;
      }
      continue;
    }
    if (Number.isNaN(st.dmin)) {
      // NaN.
      if (st.tau === 0) {
        useDqd = true;
        break;
      }
      st.tau = 0;
      continue;
    }
    // Possible underflow. Play it safe.
    useDqd = true;
    break;
  }
  if (useDqd) {
    // Risk of underflow.
    dlasq6(i0, z, st);
    st.ndiv += st.n0 - i0 + 2;
    st.iter += 1;
    st.tau = 0;
  }
  if (st.tau < st.sigma) {
    st.desig += st.tau;
    const t = st.sigma + st.desig;
    st.desig -= t - st.sigma;
    st.sigma = t;
  } else {
    const t = st.sigma + st.tau;
    st.desig = st.sigma - (t - st.tau) + st.desig;
    st.sigma = t;
  }
}

/** dlasq4: an approximation TAU to the smallest eigenvalue, by the shift strategy TTYPE. */
function dlasq4(i0: number, z: Float64Array, st: State, n0in: number): void {
  const { n0, pp, dmin, dmin1, dmin2, dn, dn1, dn2 } = st;
  // A negative DMIN forces the shift to take that absolute value; TTYPE records the type of shift.
  if (dmin <= 0) {
    st.tau = -dmin;
    st.ttype = -1;
    return;
  }
  const nn = 4 * n0 + pp;
  let s = 0;
  let a2: number;
  let b1: number;
  let b2: number;
  let gap1: number;
  let gap2: number;
  if (n0in === n0) {
    // No eigenvalues deflated.
    if (dmin === dn || dmin === dn1) {
      b1 = Math.sqrt(z[nn - 3]) * Math.sqrt(z[nn - 5]);
      b2 = Math.sqrt(z[nn - 7]) * Math.sqrt(z[nn - 9]);
      a2 = z[nn - 7] + z[nn - 5];
      // Cases 2 and 3.
      if (dmin === dn && dmin1 === dn1) {
        gap2 = dmin2 - a2 - dmin2 * QURTR;
        if (gap2 > 0 && gap2 > b2) gap1 = a2 - dn - (b2 / gap2) * b2;
        else gap1 = a2 - dn - (b1 + b2);
        if (gap1 > 0 && gap1 > b1) {
          s = max(dn - (b1 / gap1) * b1, 0.5 * dmin);
          st.ttype = -2;
        } else {
          s = 0;
          if (dn > b1) s = dn - b1;
          if (a2 > b1 + b2) s = min(s, a2 - (b1 + b2));
          s = max(s, THIRD * dmin);
          st.ttype = -3;
        }
      } else {
        // Case 4.
        st.ttype = -4;
        s = QURTR * dmin;
        let gam: number;
        let np: number;
        if (dmin === dn) {
          gam = dn;
          a2 = 0;
          if (z[nn - 5] > z[nn - 7]) return; // as in LAPACK, TAU keeps its previous value
          b2 = z[nn - 5] / z[nn - 7];
          np = nn - 9;
        } else {
          np = nn - 2 * pp;
          gam = dn1;
          if (z[np - 4] > z[np - 2]) return; // as in LAPACK, TAU keeps its previous value
          a2 = z[np - 4] / z[np - 2];
          if (z[nn - 9] > z[nn - 11]) return; // as in LAPACK, TAU keeps its previous value
          b2 = z[nn - 9] / z[nn - 11];
          np = nn - 13;
        }
        // Approximate contribution to norm squared from I < NN-1.
        a2 += b2;
        for (let i4 = np; i4 >= 4 * i0 - 1 + pp; i4 -= 4) {
          if (b2 === 0) break;
          b1 = b2;
          if (z[i4] > z[i4 - 2]) return; // as in LAPACK, TAU keeps its previous value
          b2 *= z[i4] / z[i4 - 2];
          a2 += b2;
          if (HUNDRD * max(b2, b1) < a2 || CNST1 < a2) break;
        }
        a2 = CNST3 * a2;
        // Rayleigh quotient residual bound.
        if (a2 < CNST1) s = (gam * (1 - Math.sqrt(a2))) / (1 + a2);
      }
    } else if (dmin === dn2) {
      // Case 5.
      st.ttype = -5;
      s = QURTR * dmin;
      // Compute contribution to norm squared from I > NN-2.
      const np = nn - 2 * pp;
      b1 = z[np - 2];
      b2 = z[np - 6];
      const gam = dn2;
      if (z[np - 8] > b2 || z[np - 4] > b1) return; // as in LAPACK, TAU keeps its previous value
      a2 = (z[np - 8] / b2) * (1 + z[np - 4] / b1);
      // Approximate contribution to norm squared from I < NN-2.
      if (n0 - i0 > 2) {
        b2 = z[nn - 13] / z[nn - 15];
        a2 += b2;
        for (let i4 = nn - 17; i4 >= 4 * i0 - 1 + pp; i4 -= 4) {
          if (b2 === 0) break;
          b1 = b2;
          if (z[i4] > z[i4 - 2]) return; // as in LAPACK, TAU keeps its previous value
          b2 *= z[i4] / z[i4 - 2];
          a2 += b2;
          if (HUNDRD * max(b2, b1) < a2 || CNST1 < a2) break;
        }
        a2 = CNST3 * a2;
      }
      if (a2 < CNST1) s = (gam * (1 - Math.sqrt(a2))) / (1 + a2);
    } else {
      // Case 6, no information to guide us.
      if (st.ttype === -6) st.g += THIRD * (1 - st.g);
      else if (st.ttype === -18) st.g = QURTR * THIRD;
      else st.g = QURTR;
      s = st.g * dmin;
      st.ttype = -6;
    }
  } else if (n0in === n0 + 1) {
    // One eigenvalue just deflated. Use DMIN1, DN1 for DMIN and DN.
    if (dmin1 === dn1 && dmin2 === dn2) {
      // Cases 7 and 8.
      st.ttype = -7;
      s = THIRD * dmin1;
      if (z[nn - 5] > z[nn - 7]) return; // as in LAPACK, TAU keeps its previous value
      b1 = z[nn - 5] / z[nn - 7];
      b2 = b1;
      if (b2 !== 0) {
        for (let i4 = 4 * n0 - 9 + pp; i4 >= 4 * i0 - 1 + pp; i4 -= 4) {
          a2 = b1;
          if (z[i4] > z[i4 - 2]) return; // as in LAPACK, TAU keeps its previous value
          b1 *= z[i4] / z[i4 - 2];
          b2 += b1;
          if (HUNDRD * max(b1, a2) < b2) break;
        }
      }
      b2 = Math.sqrt(CNST3 * b2);
      a2 = dmin1 / (1 + b2 * b2);
      gap2 = 0.5 * dmin2 - a2;
      if (gap2 > 0 && gap2 > b2 * a2) {
        s = max(s, a2 * (1 - CNST2 * a2 * (b2 / gap2) * b2));
      } else {
        s = max(s, a2 * (1 - CNST2 * b2));
        st.ttype = -8;
      }
    } else {
      // Case 9.
      s = QURTR * dmin1;
      if (dmin1 === dn1) s = 0.5 * dmin1;
      st.ttype = -9;
    }
  } else if (n0in === n0 + 2) {
    // Two eigenvalues deflated. Use DMIN2, DN2 for DMIN and DN.
    if (dmin2 === dn2 && 2 * z[nn - 5] < z[nn - 7]) {
      // Cases 10 and 11.
      st.ttype = -10;
      s = THIRD * dmin2;
      if (z[nn - 5] > z[nn - 7]) return; // as in LAPACK, TAU keeps its previous value
      b1 = z[nn - 5] / z[nn - 7];
      b2 = b1;
      if (b2 !== 0) {
        for (let i4 = 4 * n0 - 9 + pp; i4 >= 4 * i0 - 1 + pp; i4 -= 4) {
          if (z[i4] > z[i4 - 2]) return; // as in LAPACK, TAU keeps its previous value
          b1 *= z[i4] / z[i4 - 2];
          b2 += b1;
          if (HUNDRD * b1 < b2) break;
        }
      }
      b2 = Math.sqrt(CNST3 * b2);
      a2 = dmin2 / (1 + b2 * b2);
      gap2 = z[nn - 7] + z[nn - 9] - Math.sqrt(z[nn - 11]) * Math.sqrt(z[nn - 9]) - a2;
      if (gap2 > 0 && gap2 > b2 * a2) s = max(s, a2 * (1 - CNST2 * a2 * (b2 / gap2) * b2));
      else s = max(s, a2 * (1 - CNST2 * b2));
    } else {
      s = QURTR * dmin2;
      st.ttype = -11;
    }
  } else if (n0in > n0 + 2) {
    // Case 12, more than two eigenvalues deflated. No information.
    s = 0;
    st.ttype = -12;
  }
  st.tau = s;
}

/** dlasq5: one dqds transform in ping-pong form (the IEEE variant), shift TAU. */
function dlasq5(i0: number, z: Float64Array, st: State, eps: number): void {
  const { n0, pp, sigma } = st;
  let tau = st.tau;
  if (n0 - i0 - 1 <= 0) return;
  const dthresh = eps * (sigma + tau);
  if (tau < dthresh * 0.5) tau = 0;
  st.tau = tau;
  let j4 = 4 * i0 + pp - 3;
  let emin = z[j4 + 4];
  let d = z[j4] - tau;
  let dmin = d;
  st.dmin1 = -z[j4];
  const flush = tau === 0;
  // Code for IEEE arithmetic (with the small-d flush to zero when TAU = 0).
  if (pp === 0) {
    for (j4 = 4 * i0; j4 <= 4 * (n0 - 3); j4 += 4) {
      z[j4 - 2] = d + z[j4 - 1];
      const temp = z[j4 + 1] / z[j4 - 2];
      d = d * temp - tau;
      if (flush && d < dthresh) d = 0;
      dmin = min(dmin, d);
      z[j4] = z[j4 - 1] * temp;
      emin = min(z[j4], emin);
    }
  } else {
    for (j4 = 4 * i0; j4 <= 4 * (n0 - 3); j4 += 4) {
      z[j4 - 3] = d + z[j4];
      const temp = z[j4 + 2] / z[j4 - 3];
      d = d * temp - tau;
      if (flush && d < dthresh) d = 0;
      dmin = min(dmin, d);
      z[j4 - 1] = z[j4] * temp;
      emin = min(z[j4 - 1], emin);
    }
  }
  // Unroll the last two steps.
  const dnm2 = d;
  st.dmin2 = dmin;
  j4 = 4 * (n0 - 2) - pp;
  let j4p2 = j4 + 2 * pp - 1;
  z[j4 - 2] = dnm2 + z[j4p2];
  z[j4] = z[j4p2 + 2] * (z[j4p2] / z[j4 - 2]);
  const dnm1 = z[j4p2 + 2] * (dnm2 / z[j4 - 2]) - tau;
  dmin = min(dmin, dnm1);
  st.dmin1 = dmin;
  j4 += 4;
  j4p2 = j4 + 2 * pp - 1;
  z[j4 - 2] = dnm1 + z[j4p2];
  z[j4] = z[j4p2 + 2] * (z[j4p2] / z[j4 - 2]);
  const dn = z[j4p2 + 2] * (dnm1 / z[j4 - 2]) - tau;
  dmin = min(dmin, dn);
  z[j4 + 2] = dn;
  z[4 * n0 - pp] = emin;
  st.dn = dn;
  st.dn1 = dnm1;
  st.dn2 = dnm2;
  st.dmin = dmin;
}

/** dlasq6: one dqd transform (zero shift) in ping-pong form, guarding against underflow. */
function dlasq6(i0: number, z: Float64Array, st: State): void {
  const { n0, pp } = st;
  if (n0 - i0 - 1 <= 0) return;
  const safmin = SAFMIN;
  let j4 = 4 * i0 + pp - 3;
  let emin = z[j4 + 4];
  let d = z[j4];
  let dmin = d;
  if (pp === 0) {
    for (j4 = 4 * i0; j4 <= 4 * (n0 - 3); j4 += 4) {
      z[j4 - 2] = d + z[j4 - 1];
      if (z[j4 - 2] === 0) {
        z[j4] = 0;
        d = z[j4 + 1];
        dmin = d;
        emin = 0;
      } else if (safmin * z[j4 + 1] < z[j4 - 2] && safmin * z[j4 - 2] < z[j4 + 1]) {
        const temp = z[j4 + 1] / z[j4 - 2];
        z[j4] = z[j4 - 1] * temp;
        d *= temp;
      } else {
        z[j4] = z[j4 + 1] * (z[j4 - 1] / z[j4 - 2]);
        d = z[j4 + 1] * (d / z[j4 - 2]);
      }
      dmin = min(dmin, d);
      emin = min(emin, z[j4]);
    }
  } else {
    for (j4 = 4 * i0; j4 <= 4 * (n0 - 3); j4 += 4) {
      z[j4 - 3] = d + z[j4];
      if (z[j4 - 3] === 0) {
        z[j4 - 1] = 0;
        d = z[j4 + 2];
        dmin = d;
        emin = 0;
      } else if (safmin * z[j4 + 2] < z[j4 - 3] && safmin * z[j4 - 3] < z[j4 + 2]) {
        const temp = z[j4 + 2] / z[j4 - 3];
        z[j4 - 1] = z[j4] * temp;
        d *= temp;
      } else {
        z[j4 - 1] = z[j4 + 2] * (z[j4] / z[j4 - 3]);
        d = z[j4 + 2] * (d / z[j4 - 3]);
      }
      dmin = min(dmin, d);
      emin = min(emin, z[j4 - 1]);
    }
  }
  // Unroll the last two steps.
  const dnm2 = d;
  st.dmin2 = dmin;
  j4 = 4 * (n0 - 2) - pp;
  let j4p2 = j4 + 2 * pp - 1;
  z[j4 - 2] = dnm2 + z[j4p2];
  let dnm1: number;
  if (z[j4 - 2] === 0) {
    z[j4] = 0;
    dnm1 = z[j4p2 + 2];
    dmin = dnm1;
    emin = 0;
  } else if (safmin * z[j4p2 + 2] < z[j4 - 2] && safmin * z[j4 - 2] < z[j4p2 + 2]) {
    const temp = z[j4p2 + 2] / z[j4 - 2];
    z[j4] = z[j4p2] * temp;
    dnm1 = dnm2 * temp;
  } else {
    z[j4] = z[j4p2 + 2] * (z[j4p2] / z[j4 - 2]);
    dnm1 = z[j4p2 + 2] * (dnm2 / z[j4 - 2]);
  }
  dmin = min(dmin, dnm1);
  st.dmin1 = dmin;
  j4 += 4;
  j4p2 = j4 + 2 * pp - 1;
  z[j4 - 2] = dnm1 + z[j4p2];
  let dn: number;
  if (z[j4 - 2] === 0) {
    z[j4] = 0;
    dn = z[j4p2 + 2];
    dmin = dn;
    emin = 0;
  } else if (safmin * z[j4p2 + 2] < z[j4 - 2] && safmin * z[j4 - 2] < z[j4p2 + 2]) {
    const temp = z[j4p2 + 2] / z[j4 - 2];
    z[j4] = z[j4p2] * temp;
    dn = dnm1 * temp;
  } else {
    z[j4] = z[j4p2 + 2] * (z[j4p2] / z[j4 - 2]);
    dn = z[j4p2 + 2] * (dnm1 / z[j4 - 2]);
  }
  dmin = min(dmin, dn);
  z[j4 + 2] = dn;
  z[4 * n0 - pp] = emin;
  st.dn = dn;
  st.dn1 = dnm1;
  st.dn2 = dnm2;
  st.dmin = dmin;
}
