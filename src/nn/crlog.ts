/**
 * A correctly rounded natural logarithm, for NumPy's normal draws.
 *
 * NumPy's legacy Box-Muller step calls the C library's `log`; V8's
 * `Math.log` (an fdlibm port) rounds differently from glibc on about 3% of
 * the inputs seen there, and every such difference changes a normal draw in
 * its last bits. glibc's `log` is correctly rounded on all but roughly 0.1%
 * of inputs, so computing the exactly rounded value reproduces NumPy's
 * normals far more often than `Math.log` does. (No implementation matches
 * every platform: NumPy's normals themselves differ between glibc, macOS and
 * Windows builds in those rare cases.)
 *
 * Method: x = 2^k * f with f in [0.75, 1.5); f = c * (1 + u) for the grid
 * point c = 0.75 + j/128 nearest f; log(f / c) = 2 atanh(s) with
 * s = (f - c) / (f + c), |s| < 2^-8.5, summed as a double-double together
 * with k*ln2 and a double-double table of log(c). The error of the unrounded
 * sum is below about 2^-88 relative, so the final rounding is wrong only for
 * inputs whose logarithm lies that close to a rounding midpoint.
 */
import { ddAdd, ddDivInto, ddHi, ddLo, ddMul, splitHigh, twoProductError, twoSumError } from './doubleDouble';

const LN2_HI = Math.LN2;
const LN2_LO = 2.3190468138462996e-17;
const THIRD_HI = 0.3333333333333333;
const THIRD_LO = 1.850371707708594e-17;
const GRID = 128;
const TWO_54 = 18014398509481984;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
// The high word (sign, exponent, top of the mantissa) is words[1] on
// little-endian hosts, which every JS engine we target is; checked once.
const HIGH = (() => {
  scratch[0] = 1;
  return words[1] === 0x3ff00000 ? 1 : 0;
})();

/**
 * log(c) for the grid points c = 0.75 + j/128, j = 0..96, as double-doubles,
 * built once by summing the atanh series entirely in double-double (slow, but
 * 97 values): log(c) = 2 (s + s^3/3 + s^5/5 + ...), s = (c - 1)/(c + 1).
 */
const TABLE_SIZE = (1.5 - 0.75) * GRID + 1;
const logcHi = new Float64Array(TABLE_SIZE);
const logcLo = new Float64Array(TABLE_SIZE);
for (let j = 0; j < TABLE_SIZE; j++) {
  const c = 0.75 + j / GRID;
  // c - 1 and c + 1 are exact: c has 7 fraction bits.
  ddDivInto(c - 1, c + 1, 0);
  const sH = ddHi;
  const sL = ddLo;
  ddMul(sH, sL, sH, sL);
  const tH = ddHi;
  const tL = ddLo;
  // |s| <= 0.2, so 40 terms are far past 2^-110.
  let accH = 0;
  let accL = 0;
  for (let n = 40; n >= 0; n--) {
    ddDivInto(1, 2 * n + 1, 0);
    const cH = ddHi;
    const cL = ddLo;
    ddMul(accH, accL, tH, tL);
    ddAdd(ddHi, ddLo, cH, cL);
    accH = ddHi;
    accL = ddLo;
  }
  ddMul(accH, accL, sH, sL);
  logcHi[j] = 2 * ddHi;
  logcLo[j] = 2 * ddLo;
}

/**
 * The natural logarithm of x, correctly rounded to nearest (see the module
 * comment for the rare exception). Non-positive, infinite and NaN inputs
 * give what `Math.log` gives.
 */
export function correctlyRoundedLog(x: number): number {
  if (!(x > 0) || x === Number.POSITIVE_INFINITY) return Math.log(x);
  logDoubleDouble(x);
  return logHi + logLo;
}

// logDoubleDouble's result (returning a pair would allocate on every call).
export let logHi = 0;
export let logLo = 0;

/** log(x) for a positive finite x, as a double-double in logHi/logLo (for `pow`: ./crmath.ts). */
export function logDoubleDouble(x: number): void {
  // The double-double steps are written out here, not through ddMul/ddAdd:
  // this runs once per normal pair, and those helpers made it about 5x slower.
  let k = 0;
  if (x < 2.2250738585072014e-308) {
    // Subnormal: scale into the normal range so the exponent field is exact.
    x *= TWO_54;
    k = -54;
  }
  scratch[0] = x;
  const high = words[HIGH];
  k += (high >>> 20) - 1023;
  words[HIGH] = (high & 0x000fffff) | 0x3ff00000;
  let f = scratch[0];
  if (f >= 1.5) {
    f *= 0.5;
    k += 1;
  }
  // Nearest grid point, so f near 1 uses c = 1 and log(c) = 0 exactly,
  // keeping full relative accuracy for x near 1.
  const j = Math.round((f - 0.75) * GRID);
  const c = 0.75 + j / GRID;

  // den = f + c exactly as dH + dL (TwoSum).
  const dH = f + c;
  const dL = twoSumError(f, c, dH);
  // s = (f - c) / den; f - c is exact (Sterbenz). One correction step.
  const num = f - c;
  const q = num / dH;
  const p = q * dH;
  const corr = (num - p - twoProductError(q, dH, p) - q * dL) / dH;
  const sH = q + corr;
  const sL = corr - (sH - q);

  // t = s^2 as tH + tL. The square's error is Dekker's product error with
  // its two cross terms merged (2·sh·sl), which rounds differently: keep it.
  const sh = splitHigh(sH);
  const sl = sH - sh;
  const s2 = sH * sH;
  const s2e = sh * sh - s2 + 2 * sh * sl + sl * sl + 2 * sH * sL;
  const tH = s2 + s2e;
  const tL = s2e - (tH - s2);

  // q = 1/3 + tail; the tail is below 2^-17 relative, so plain doubles carry it.
  const tail = tH * (1 / 5 + tH * (1 / 7 + tH * (1 / 9 + tH * (1 / 11))));
  const qH0 = THIRD_HI + tail;
  const qL0 = THIRD_HI - (qH0 - tail) + THIRD_LO;

  // m = s * t (only ~2^-17 of the result, so its low part needs little care).
  const m = sH * tH;
  const mL = twoProductError(sH, tH, m) + (sH * tL + sL * tH);
  // w = m * q
  const w = m * qH0;
  const wL = twoProductError(m, qH0, w) + (m * qL0 + mL * qH0);

  // r = 2 (s + w): log(f / c)
  const r = sH + w;
  const rL = twoSumError(sH, w, r) + sL + wL;

  // total = k ln2 + log(c) + r, summed from the largest part down.
  const kH = k * LN2_HI;
  const kL = twoProductError(k, LN2_HI, kH) + k * LN2_LO;
  const cH = logcHi[j];
  const a = kH + cH;
  const aL = twoSumError(kH, cH, a) + kL + logcLo[j];
  const r2 = 2 * r;
  const total = a + r2;
  const totalL = twoSumError(a, r2, total) + aL + 2 * rL;
  logHi = total + totalL;
  logLo = totalL - (logHi - total);
}
