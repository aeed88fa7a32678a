/**
 * The BLAS kernels LAPACK's SVD path calls, computed as NumPy's OpenBLAS
 * computes them: OpenBLAS 0.3.31 (in NumPy 2.4's wheels, built for every
 * x86-64 core) on a machine with AVX-512, where it picks its SkylakeX
 * kernels. Fused multiply-adds where the kernels fuse, their summation
 * orders and lane splits, and dnrm2 in x87 extended precision, each
 * checked against the library bit for bit: dgemv_t_4.c with the Haswell
 * microkernel, dgemv_n_4.c with the SkylakeX one, daxpy.c, the generic
 * ger.c, drot.c, nrm2.S and dgemm_small_kernel_nn_skylakex.c.
 *
 * Why: the bidiagonal form, and through the QR iteration's path the signs
 * of the singular vectors, depend on these roundings; with them, dgesdd's
 * results come out as NumPy's to the last bit. (On AVX2-only machines
 * OpenBLAS takes its Haswell kernels, which round some sums differently;
 * NumPy's own results then differ in the last bits and in the bases it
 * picks for null spaces.)
 *
 * The emulation costs several times plain arithmetic, so
 * `setOpenBlasRounding(false)` switches to plain loops in reference-BLAS
 * order, for where exactness cannot be had anyway. Arrays are column-major
 * with explicit offsets.
 */
import { checkDeadline } from '../limits';

/** Whether the kernels round as OpenBLAS does (else plain loops). */
let openblas = true;

/** Chooses OpenBLAS's rounding (exact, slower) or plain arithmetic for the kernels below. */
export function setOpenBlasRounding(on: boolean): void {
  openblas = on;
}

/** Views of one double's bits. */
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
/** Index of the low 32 bits of a double in U32 (the platform's byte order). */
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp's splitting constant

/** The rounding error of p = fl(a·b), exactly (Dekker; |a|, |b| < 2^996 and no underflow). */
function productError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/**
 * dnrm2 as OpenBLAS's x86-64 kernel (nrm2.S) computes it, on the x87 unit:
 * squares and sums in 80-bit extended precision (64-bit significands, four
 * accumulators for the unrolled part, combined as D + ((C + A) + B)), an
 * extended square root, then one rounding to double. Each extended value
 * is held exactly as a pair of doubles; where a rounding decision is too
 * close to call that way, the integer version (dnrm2Exact) decides.
 */
export function dnrm2(n: number, x: Float64Array, ix: number, incx: number): number {
  if (n < 1 || incx === 0) return 0;
  let big = 0;
  for (let k = 0, i = ix; k < n; k++, i += incx) {
    const v = Math.abs(x[i]);
    if (!(v <= big)) big = v; // NaN too
  }
  if (big === 0 || !Number.isFinite(big)) return dnrm2Exact(n, x, ix, incx);
  // A power-of-two scaling (exact; the x87 roundings do not depend on it) keeps squares in range.
  const sc = 2 ** (2 * Math.round(-Math.log2(big) / 2));
  if (!openblas) {
    let sum = 0;
    for (let k = 0, i = ix; k < n; k++, i += incx) sum += (x[i] * sc) ** 2;
    return Math.sqrt(sum) / sc;
  }
  const accH = [0, 0, 0, 0];
  const accL = [0, 0, 0, 0];
  const unrolled = n & -8;
  for (let k = 0, i = ix; k < n; k++, i += incx) {
    const y = x[i] * sc;
    if (y === 0) continue;
    const slot = k < unrolled ? k & 3 : 0;
    const p = y * y;
    if (p < 2 ** -900 || !round64(p, productError(y, y, p), 0, false)) return dnrm2Exact(n, x, ix, incx);
    if (!extAdd(accH[slot], accL[slot], outH, outL)) return dnrm2Exact(n, x, ix, incx);
    accH[slot] = outH;
    accL[slot] = outL;
  }
  if (!extAdd(accH[2], accL[2], accH[0], accL[0])) return dnrm2Exact(n, x, ix, incx);
  if (!extAdd(outH, outL, accH[1], accL[1])) return dnrm2Exact(n, x, ix, incx);
  if (!extAdd(accH[3], accL[3], outH, outL)) return dnrm2Exact(n, x, ix, incx);
  const vh = outH;
  const vl = outL;
  // √V ≈ r + δ, r = √vh, δ from the exact residual V − r²; then rounded to 64 bits, and to double.
  const r = Math.sqrt(vh);
  const pp = r * r;
  const delta = (vh - pp - productError(r, r, pp) + vl) / (2 * r);
  if (!round64(r, delta, 0, true)) return dnrm2Exact(n, x, ix, incx);
  return outH / sc;
}

/** The result of round64 and extAdd: an extended value as outH + outL, outH its rounding to double. */
let outH = 0;
let outL = 0;

/**
 * Rounds h + l + l2 (h = fl(h + l); l2 far below l's last bit) to a 64-bit
 * significand, to nearest, ties to even, into outH + outL. Returns false
 * when the decision is too close to call: within 2⁻³⁰ of a tie when the
 * input is `approximate` or l2 ≠ 0.
 */
function round64(h: number, l: number, l2: number, approximate: boolean): boolean {
  if (h === 0) {
    outH = 0;
    outL = 0;
    return l === 0 && l2 === 0;
  }
  F64[0] = h;
  const hi = U32[1 - LO];
  const biased = (hi >>> 20) & 0x7ff;
  if (biased === 0) return false; // subnormal
  // The 64-bit grid spacing at h, finer just below a power of two.
  let u = 2 ** (biased - 1023 - 63);
  if ((hi & 0xfffff) === 0 && U32[LO] === 0 && (l < 0 || (l === 0 && l2 < 0))) u /= 2;
  // h is on the grid with an even multiple (it has 53 bits); round l (+ l2) to it.
  const y = l / u;
  const fl = Math.floor(y);
  const fr = y - fl;
  let k: number;
  if (l2 === 0 && !approximate) {
    k = fr > 0.5 ? fl + 1 : fr < 0.5 ? fl : fl % 2 === 0 ? fl : fl + 1;
  } else {
    const z = fr + l2 / u;
    if (Math.abs(z - 0.5) < 2 ** -30) return false;
    k = z > 0.5 ? fl + 1 : fl;
  }
  const t = u * k;
  outH = h + t;
  const bb = outH - h;
  outL = h - (outH - bb) + (t - bb);
  return true;
}

/** (ah + al) + (bh + bl), each an extended value, rounded to extended into outH + outL (false: too close to call). */
function extAdd(ah: number, al: number, bh: number, bl: number): boolean {
  const s = ah + bh;
  let bb = s - ah;
  const t = ah - (s - bb) + (bh - bb);
  const t1 = t + al;
  bb = t1 - t;
  const w1 = t - (t1 - bb) + (al - bb);
  const t2 = t1 + bl;
  bb = t2 - t1;
  const w2 = t1 - (t2 - bb) + (bl - bb);
  const h = s + t2;
  bb = h - s;
  const l = s - (h - bb) + (t2 - bb);
  return round64(h, l, w1 + w2, false);
}

/** dnrm2's x87 arithmetic on integer significands (BigInt): exact, slower. */
function dnrm2Exact(n: number, x: Float64Array, ix: number, incx: number): number {
  if (n < 1 || incx === 0) return 0;
  for (let k = 0, i = ix; k < n; k++, i += incx) {
    if (!Number.isFinite(x[i])) {
      let s = 0;
      for (let kk = 0, ii = ix; kk < n; kk++, ii += incx) s += x[ii] * x[ii];
      return Math.sqrt(s);
    }
  }
  const acc = [EXT_ZERO, EXT_ZERO, EXT_ZERO, EXT_ZERO];
  let k = 0;
  for (let i = ix; k + 8 <= n; k += 8) {
    for (let h = 0; h < 8; h++, i += incx) acc[h & 3] = extAddExact(acc[h & 3], extSquare(x[i]));
  }
  for (let i = ix + k * incx; k < n; k++, i += incx) acc[0] = extAddExact(acc[0], extSquare(x[i]));
  // faddp order of the kernel's epilogue: D + ((C + A) + B).
  const total = extAddExact(acc[3], extAddExact(extAddExact(acc[2], acc[0]), acc[1]));
  const root = extSqrt(total);
  const d = round(root.m, root.e, 53);
  return scale2(Number(d.m), d.e);
}

/** A non-negative x87 extended-precision value m·2^e (m < 2^64). */
interface Ext {
  readonly m: bigint;
  readonly e: number;
}

const EXT_ZERO: Ext = { m: 0n, e: 0 };

function bitLength(m: bigint): number {
  let b = Math.floor(Math.log2(Number(m))) + 1;
  while (b > 1 && m >> BigInt(b - 1) === 0n) b--;
  while (m >> BigInt(b) !== 0n) b++;
  return b;
}

/** m·2^e rounded to `bits` significant bits, to nearest, ties to even. */
function round(m: bigint, e: number, bits: number): Ext {
  if (m === 0n) return EXT_ZERO;
  const b = bitLength(m);
  if (b <= bits) return { m, e };
  let s = b - bits;
  const sh = BigInt(s);
  let q = m >> sh;
  const rem = m - (q << sh);
  const half = 1n << (sh - 1n);
  if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  if (q >> BigInt(bits) !== 0n) {
    q >>= 1n;
    s++;
  }
  return { m: q, e: e + s };
}

/** x² rounded to extended precision (x finite). */
function extSquare(x: number): Ext {
  if (x === 0) return EXT_ZERO;
  F64[0] = x;
  const hi = U32[1 - LO];
  const biased = (hi >>> 20) & 0x7ff;
  const frac = (hi & 0xfffff) * 2 ** 32 + U32[LO];
  const m = BigInt(biased === 0 ? frac : frac + 2 ** 52);
  const e = biased === 0 ? -1074 : biased - 1075;
  return round(m * m, 2 * e, 64);
}

/** a + b rounded to extended precision (both non-negative). */
function extAddExact(a: Ext, b: Ext): Ext {
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  const ta = a.e + bitLength(a.m);
  const tb = b.e + bitLength(b.m);
  // A term below the other's last bit by more than two places cannot change its rounding.
  if (ta - tb > 67) return a;
  if (tb - ta > 67) return b;
  const e = Math.min(a.e, b.e);
  return round((a.m << BigInt(a.e - e)) + (b.m << BigInt(b.e - e)), e, 64);
}

/** √a rounded to extended precision. */
function extSqrt(a: Ext): Ext {
  if (a.m === 0n) return EXT_ZERO;
  let m = a.m;
  let e = a.e;
  if (e & 1) {
    m <<= 1n;
    e -= 1;
  }
  // 70 extra bit pairs: the integer root carries ≥ 66 bits, its remainder the rest.
  const big = m << 140n;
  // Newton's iteration from above (the float estimate, raised past any rounding) decreases to ⌊√big⌋.
  let r = BigInt(Math.ceil(Math.sqrt(Number(big)) * (1 + 2 ** -40))) + 1n;
  for (;;) {
    const next = (r + big / r) >> 1n;
    if (next >= r) break;
    r = next;
  }
  while (r * r > big) r -= 1n;
  while ((r + 1n) * (r + 1n) <= big) r += 1n;
  const exact = r * r === big;
  const b = bitLength(r);
  let s = b - 64;
  const sh = BigInt(s);
  let q = r >> sh;
  const rem = r - (q << sh);
  const half = 1n << (sh - 1n);
  if (rem > half || (rem === half && (!exact || (q & 1n) === 1n))) q += 1n;
  if (q >> 64n !== 0n) {
    q >>= 1n;
    s++;
  }
  return { m: q, e: e / 2 - 70 + s };
}

/**
 * fma(a, b, c) = a·b + c rounded once, emulated: the product exactly as
 * p + e (Dekker), c + p exactly as th + tl (Knuth), then th + (tl + e).
 * Rounding tl + e first can only go wrong on a tie of the final sum
 * (Boldo and Melquiond round it to odd for that); a tie is detected and
 * settled by the sign of the rounding error of tl + e.
 */
function fma(a: number, b: number, c: number): number {
  const p = a * b;
  if (a === 0 || b === 0 || c === 0 || !Number.isFinite(p) || !Number.isFinite(c)) return p + c;
  const ap = Math.abs(p);
  if (ap < 2 ** -900 || ap > 2 ** 900 || Math.abs(a) > 2 ** 900 || Math.abs(b) > 2 ** 900)
    return fmaExact(a, b, c);
  const e = productError(a, b, p);
  const th = c + p;
  const bv = th - c;
  const tl = c - (th - bv) + (p - bv);
  const v = tl + e;
  const bz = v - tl;
  const err = tl - (v - bz) + (e - bz);
  const r = th + v;
  if (err === 0) return r;
  // th + v is a tie exactly when 2v is the gap to th's neighbour on v's side.
  const tie = r === th ? th + 2 * v - th === 2 * v : r - th === 2 * v;
  if (!tie) return r;
  return err > 0 === v > 0 ? th + 2 * v : th;
}

/** fma through exact integer arithmetic, for operands near the ends of the exponent range. */
function fmaExact(a: number, b: number, c: number): number {
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const ep = ea + eb;
  const e = Math.min(ep, ec);
  const sum = ((ma * mb) << BigInt(ep - e)) + (mc << BigInt(ec - e));
  if (sum === 0n) return a * b + c;
  // Round the integer to 53 bits (Number() rounds to nearest even), then scale.
  return scale2(Number(sum), e);
}

/** x = m·2^e with m an integer (BigInt). */
function decompose(x: number): [bigint, number] {
  if (x === 0) return [0n, 0];
  let e = 0;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2 ** 64;
    e -= 64;
  }
  while (Math.abs(m) >= 2 ** 1000) {
    m /= 2 ** 64;
    e += 64;
  }
  return [BigInt(m), e];
}

/** x·2^e in steps that stay exact until the last. */
function scale2(x: number, e: number): number {
  while (e > 600) {
    x *= 2 ** 600;
    e -= 600;
  }
  while (e < -600) {
    x *= 2 ** -600;
    e += 600;
  }
  return x * 2 ** e;
}

/** Rows per block of OpenBLAS's dgemv kernels. */
const NBMAX = 2048;

/** The row blocks OpenBLAS's dgemv walks: [start, rows] each, multiples of 4; the last m mod 4 rows follow. */
function dgemvBlocks(m: number): number[] {
  const m3 = m & 3;
  let m1 = m & -4;
  const m2 = (m & (NBMAX - 1)) - m3;
  const out: number[] = [];
  let nb = NBMAX;
  let r = 0;
  while (nb === NBMAX) {
    m1 -= nb;
    if (m1 < 0) {
      if (m2 === 0) break;
      nb = m2;
    }
    out.push(r, nb);
    r += nb;
  }
  return out;
}

/** y(0:n) := Aᵀ·x for the m×n matrix at `ao` (OpenBLAS dgemv_t, α = 1, β = 0). */
export function dgemvT(
  m: number,
  n: number,
  a: Float64Array,
  ao: number,
  lda: number,
  x: Float64Array,
  xo: number,
  incx: number,
  y: Float64Array,
): void {
  y.fill(0, 0, n);
  if (m < 1 || n < 1) return;
  if (!openblas) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0, p = ao + j * lda, px = xo; i < m; i++, p++, px += incx) s += a[p] * x[px];
      y[j] = s;
    }
    return;
  }
  const blocks = dgemvBlocks(m);
  let r0 = 0;
  for (let b = 0; b < blocks.length; b += 2) {
    const r = blocks[b];
    const nb = blocks[b + 1];
    r0 = r + nb;
    const n4 = n & -4;
    let j = 0;
    // Four columns at a time: four lanes of fused multiply-adds (rows mod 4).
    for (; j < n4; j++) {
      const col = ao + j * lda + r;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0, px = xo + r * incx; i < nb; i += 4, px += 4 * incx) {
        s0 = fma(a[col + i], x[px], s0);
        s1 = fma(a[col + i + 1], x[px + incx], s1);
        s2 = fma(a[col + i + 2], x[px + 2 * incx], s2);
        s3 = fma(a[col + i + 3], x[px + 3 * incx], s3);
      }
      y[j] += s0 + s2 + (s1 + s3);
    }
    if (n & 2) {
      // Two columns: two SSE lanes (even and odd rows), multiply then add.
      for (let jj = j; jj < j + 2; jj++) {
        const col = ao + jj * lda + r;
        let s0 = 0;
        let s1 = 0;
        for (let i = 0, px = xo + r * incx; i < nb; i += 2, px += 2 * incx) {
          s0 += a[col + i] * x[px];
          s1 += a[col + i + 1] * x[px + incx];
        }
        y[jj] += s0 + s1;
      }
      j += 2;
    }
    if (n & 1) {
      const col = ao + j * lda + r;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0, px = xo + r * incx; i < nb; i += 4, px += 4 * incx) {
        s0 += a[col + i] * x[px];
        s1 += a[col + i + 1] * x[px + incx];
        s2 += a[col + i + 2] * x[px + 2 * incx];
        s3 += a[col + i + 3] * x[px + 3 * incx];
      }
      y[j] += s0 + s2 + (s1 + s3);
    }
  }
  // The last m mod 4 rows, in C (the compiler fuses the first product of each sum).
  const m3 = m & 3;
  if (m3 === 0) return;
  const x0 = x[xo + r0 * incx];
  const x1 = m3 > 1 ? x[xo + (r0 + 1) * incx] : 0;
  const x2 = m3 > 2 ? x[xo + (r0 + 2) * incx] : 0;
  for (let j = 0; j < n; j++) {
    const p = ao + j * lda + r0;
    if (m3 === 3) y[j] += fma(a[p + 2], x2, fma(a[p], x0, a[p + 1] * x1));
    else if (m3 === 2) y[j] += fma(a[p], x0, a[p + 1] * x1);
    else y[j] = fma(a[p], x0, y[j]);
  }
}

/** y(0:m) := A·x for the m×n matrix at `ao` (OpenBLAS dgemv_n, α = 1, β = 0). */
export function dgemvN(
  m: number,
  n: number,
  a: Float64Array,
  ao: number,
  lda: number,
  x: Float64Array,
  xo: number,
  incx: number,
  y: Float64Array,
): void {
  y.fill(0, 0, m);
  if (m < 1 || n < 1) return;
  if (!openblas) {
    for (let j = 0; j < n; j++) {
      const xj = x[xo + j * incx];
      for (let i = 0, p = ao + j * lda; i < m; i++, p++) y[i] += xj * a[p];
    }
    return;
  }
  const blocks = dgemvBlocks(m);
  let r0 = 0;
  for (let b = 0; b < blocks.length; b += 2) {
    const r = blocks[b];
    const nb = blocks[b + 1];
    r0 = r + nb;
    let j = 0;
    for (let g = 0; g < n >> 2; g++, j += 4) {
      const x0 = x[xo + j * incx];
      const x1 = x[xo + (j + 1) * incx];
      const x2 = x[xo + (j + 2) * incx];
      const x3 = x[xo + (j + 3) * incx];
      const c0 = ao + j * lda;
      for (let i = r; i < r + nb; i++) {
        y[i] += fma(
          a[c0 + 3 * lda + i],
          x3,
          fma(a[c0 + 2 * lda + i], x2, fma(a[c0 + i], x0, a[c0 + lda + i] * x1)),
        );
      }
    }
    if (incx === 1 && n & 2) {
      const x0 = x[xo + j];
      const x1 = x[xo + j + 1];
      const c0 = ao + j * lda;
      for (let i = r; i < r + nb; i++) y[i] += fma(a[c0 + i], x0, a[c0 + lda + i] * x1);
      j += 2;
    }
    for (; j < n; j++) {
      const xj = x[xo + j * incx];
      const c0 = ao + j * lda;
      for (let i = r; i < r + nb; i++) y[i] += a[c0 + i] * xj;
    }
  }
  const m3 = m & 3;
  for (let i = r0; i < r0 + m3; i++) {
    let temp = 0;
    let j = 0;
    if (incx === 1 && lda === m3 && m3 >= 2) {
      for (; j < (n & -4); j += 2)
        temp += fma(a[ao + i + j * lda], x[xo + j], a[ao + i + (j + 1) * lda] * x[xo + j + 1]);
    } else if (incx === 1 && lda === 1 && m3 === 1) {
      for (; j < (n & -4); j += 4) {
        const p = ao + i + j;
        temp += fma(
          a[p + 3],
          x[xo + j + 3],
          fma(a[p + 2], x[xo + j + 2], fma(a[p], x[xo + j], a[p + 1] * x[xo + j + 1])),
        );
      }
    }
    for (; j < n; j++) temp = fma(a[ao + i + j * lda], x[xo + j * incx], temp);
    y[i] += temp;
  }
}

/** y := α·x + y (OpenBLAS daxpy: fused, except the strided loop's first n − n mod 4 elements). */
export function daxpy(
  n: number,
  alpha: number,
  x: Float64Array,
  xo: number,
  incx: number,
  y: Float64Array,
  yo: number,
  incy: number,
): void {
  const plain = !openblas ? n : incx === 1 && incy === 1 ? 0 : n & -4;
  for (let k = 0; k < n; k++, xo += incx, yo += incy) {
    y[yo] = k < plain ? y[yo] + alpha * x[xo] : fma(alpha, x[xo], y[yo]);
  }
}

/** A := α·x·yᵀ + A (OpenBLAS ger: one fused axpy per column with α·y(j)). */
export function dger(
  m: number,
  n: number,
  alpha: number,
  x: Float64Array,
  xo: number,
  incx: number,
  y: Float64Array,
  yo: number,
  incy: number,
  a: Float64Array,
  ao: number,
  lda: number,
): void {
  for (let j = 0; j < n; j++) {
    const t = alpha * y[yo + j * incy];
    const col = ao + j * lda;
    if (openblas) for (let i = 0; i < m; i++) a[col + i] = fma(t, x[xo + i * incx], a[col + i]);
    else for (let i = 0; i < m; i++) a[col + i] += x[xo + i * incx] * t;
  }
}

/** OpenBLAS drot: x := c·x + s·y, y := c·y − s·x, each fused at its first product. */
export function drot(
  n: number,
  x: Float64Array,
  ix: number,
  incx: number,
  iy: number,
  incy: number,
  c: number,
  s: number,
) {
  for (let k = 0; k < n; k++, ix += incx, iy += incy) {
    const t = openblas ? fma(c, x[ix], s * x[iy]) : c * x[ix] + s * x[iy];
    x[iy] = openblas ? fma(c, x[iy], -(s * x[ix])) : c * x[iy] - s * x[ix];
    x[ix] = t;
  }
}

/**
 * C (m×n) := A (m×k)·B (k×n), column-major, as OpenBLAS's SkylakeX small-matrix
 * kernel (dgemm_small_kernel_nn, used up to m·n·k = 10⁶) computes it: fused
 * multiply-adds along k; for the last m mod 8 ≤ 4 rows with k ≥ 16, eight
 * partial sums (k mod 8) reduced in the kernel's two orders. Above 10⁶ the
 * plain chain stands in for the blocked kernel.
 */
export function dgemm(
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  ao: number,
  lda: number,
  b: Float64Array,
  bo: number,
  ldb: number,
  c: Float64Array,
  co: number,
  ldc: number,
): void {
  if (!openblas) {
    for (let j = 0; j < n; j++) {
      checkDeadline();
      for (let i = 0; i < m; i++) c[co + i + j * ldc] = 0;
      for (let l = 0; l < k; l++) {
        const temp = b[bo + l + j * ldb];
        for (let i = 0; i < m; i++) c[co + i + j * ldc] += temp * a[ao + i + l * lda];
      }
    }
    return;
  }
  const m8 = m & ~7;
  const mm = m - m8;
  const dotStyle = m * n * k <= 1e6 && mm > 0 && mm <= 4 && k >= 16;
  const lanes = new Float64Array(8);
  for (let j = 0; j < n; j++) {
    checkDeadline();
    const bc = bo + j * ldb;
    for (let i = 0; i < m; i++) {
      if (!dotStyle || i < m8) {
        let s = 0;
        for (let l = 0; l < k; l++) s = fma(a[ao + i + l * lda], b[bc + l], s);
        c[co + i + j * ldc] = s;
        continue;
      }
      lanes.fill(0);
      for (let l = 0; l < k; l++) lanes[l & 7] = fma(a[ao + i + l * lda], b[bc + l], lanes[l & 7]);
      // Rows in a group of four, and any row for the first n − n mod 4 columns,
      // are reduced by permutes (REDUCE_4); the rest by _mm512_reduce_add_pd.
      const permuted = mm === 4 || j < (n & ~3);
      c[co + i + j * ldc] = permuted
        ? lanes[0] + lanes[1] + (lanes[2] + lanes[3]) + (lanes[4] + lanes[5] + (lanes[6] + lanes[7]))
        : lanes[0] + lanes[4] + (lanes[2] + lanes[6]) + (lanes[1] + lanes[5] + (lanes[3] + lanes[7]));
    }
  }
}

/** x := α·x (exact products: every BLAS agrees). */
export function dscal(n: number, alpha: number, x: Float64Array, ix: number, incx: number): void {
  for (let k = 0; k < n; k++, ix += incx) x[ix] *= alpha;
}

export function dswap(n: number, x: Float64Array, ix: number, incx: number, iy: number, incy: number): void {
  for (let k = 0; k < n; k++, ix += incx, iy += incy) {
    const t = x[ix];
    x[ix] = x[iy];
    x[iy] = t;
  }
}
