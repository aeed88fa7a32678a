/**
 * `log1p` computed as glibc computes it, for NumPy's samplers that call it
 * (the ziggurats' tails, the geometric distribution's inversion).
 *
 * glibc's `log1p` is not correctly rounded (it is within 1 ulp), so the
 * correctly rounded value would differ from NumPy's on about 5% of inputs,
 * and V8's `Math.log1p` (fdlibm's) on about 0.04%. This is glibc's
 * algorithm (sysdeps/ieee754/dbl-64/s_log1p.c) operation for operation, as
 * x86-64 runs it on any processor with FMA (every one since 2013; glibc
 * then selects its build with fused multiply-adds): each `fma` below is
 * where that build fuses a multiply and an add, read from its machine code.
 * It gives glibc's result bit for bit. The algorithm is fdlibm's:
 *
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * (Modified by Naohiko Shimizu/Tokai University, Japan 1997/08/25,
 * for performance improvement on pipelined processors.)
 *
 * Method: 1 + x = 2^k (1 + f) with sqrt(2)/2 < 1 + f < sqrt(2), plus a
 * correction c/u for the rounding of u = 1 + x; then
 * log(1 + f) = f - (hfsq - s (hfsq + R)) with s = f / (2 + f), hfsq = f²/2
 * and R a degree-14 polynomial in s.
 */
import { twoProductError, twoSumError } from './doubleDouble';

const LN2_HI = 0.6931471803691238; // 0x3fe62e42 fee00000
const LN2_LO = 1.9082149292705877e-10; // 0x3dea39ef 35793c76
const LP1 = 0.6666666666666735;
const LP2 = 0.3999999999940942;
const LP3 = 0.2857142874366239;
const LP4 = 0.22222198432149784;
const LP5 = 0.1818357216161805;
const LP6 = 0.15313837699209373;
const LP7 = 0.14798198605116586;

const scratch = new Float64Array(1);
const words = new Int32Array(scratch.buffer);
// The high word (sign, exponent, top of the mantissa) is words[1] on little-endian hosts.
const HIGH = (() => {
  scratch[0] = 1;
  return words[1] === 0x3ff00000 ? 1 : 0;
})();

function highWord(x: number): number {
  scratch[0] = x;
  return words[HIGH];
}

function withHighWord(x: number, high: number): number {
  scratch[0] = x;
  words[HIGH] = high;
  return scratch[0];
}

/** log(1 + x), rounded exactly as glibc's `log1p` rounds it. */
export function log1p(x: number): number {
  const hx = highWord(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let c = 0;
  let hu = 0;
  if (hx < 0x3fda827a) {
    // x < 0.41422
    if (ax >= 0x3ff00000) {
      // x <= -1.0
      if (x === -1.0) return Number.NEGATIVE_INFINITY;
      return Number.NaN;
    }
    if (ax < 0x3e200000) {
      // |x| < 2^-29 (halving x² is exact, so fusing its subtraction changes nothing)
      if (ax < 0x3c900000) return x; // |x| < 2^-54
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (0xbfd2bec3 | 0)) {
      // -0.2929 < x < 0.41422
      k = 0;
      f = x;
      hu = 1;
    }
  } else if (hx >= 0x7ff00000) {
    return x + x;
  }
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1.0 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // correction term
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u = withHighWord(u, hu | 0x3ff00000); // normalize u
    } else {
      k += 1;
      u = withHighWord(u, hu | 0x3fe00000); // normalize u/2
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1.0;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      return fma(k, LN2_HI, fma(k, LN2_LO, c));
    }
    const R = hfsq * fma(-f, 0.6666666666666666, 1.0);
    if (k === 0) return f - R;
    return fma(k, LN2_HI, -(R - fma(k, LN2_LO, c) - f));
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const R2 = fma(z, LP3, LP2);
  const R3 = fma(z, LP5, LP4);
  const R4 = fma(z, LP7, LP6);
  // R1 + z2 R2 + z4 R3 + z6 R4, with R1 = z Lp1 fused into the first sum.
  const R = fma(z6, R4, fma(z4, R3, fma(z, LP1, z2 * R2)));
  if (k === 0) return f - (hfsq - s * (hfsq + R));
  return fma(k, LN2_HI, -(hfsq - (s * (hfsq + R) + fma(k, LN2_LO, c)) - f));
}

// The two halves of scratch's bit pattern, low word first on little-endian hosts.
const unsignedWords = new Uint32Array(scratch.buffer);
const LOW = 1 - HIGH;

/**
 * a·b + c rounded once, as a fused multiply-add does (Boldo and Melquiond's
 * emulation: the exact product and sum as pairs, their low parts added with
 * rounding to odd, then one rounding to nearest). Exact for the finite,
 * non-underflowing operands used here.
 */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  const pLow = twoProductError(a, b, p);
  const s = c + p;
  const sLow = twoSumError(c, p, s);
  let low = sLow + pLow;
  const lowError = twoSumError(sLow, pLow, low);
  if (lowError !== 0) {
    // Round to odd: keep low when its last bit is odd, else step to its odd neighbor toward the exact value.
    scratch[0] = low;
    const lowWord = unsignedWords[LOW];
    if ((lowWord & 1) === 0) {
      if (lowError > 0 === low > 0) {
        // One ulp away from zero: the bit pattern plus one.
        unsignedWords[LOW] = lowWord + 1;
        if (lowWord === 0xffffffff) unsignedWords[HIGH] += 1;
      } else {
        // One ulp toward zero: the bit pattern minus one.
        unsignedWords[LOW] = lowWord - 1;
        if (lowWord === 0) unsignedWords[HIGH] -= 1;
      }
      low = scratch[0];
    }
  }
  return s + low;
}
