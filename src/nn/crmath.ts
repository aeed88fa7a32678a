/**
 * Correctly rounded `exp`, `log` and `pow`, for NumPy's random
 * distributions (its `log1p` is glibc's own algorithm: ./log1p.ts).
 *
 * NumPy's samplers call the C library's `exp`, `log` and `pow`. glibc's
 * are correctly rounded on all but about 0.1% of inputs, V8's
 * `Math.*` (fdlibm ports) differ from them on several percent, and every
 * difference changes a draw in its last bits (or, in a rejection sampler,
 * which candidate is accepted). So these compute the exactly rounded value:
 * the same as glibc's except on glibc's own rare misroundings.
 *
 * Method: each function evaluates its result as a double-double (about 100
 * bits) and rounds it once. The relative error before that rounding is below
 * about 2^-85 (2^-78 for `pow` with a result near the overflow threshold),
 * so the rounding is wrong only for results that close to a rounding
 * midpoint; none are known among the inputs NumPy's samplers produce.
 * `log` works as in ./crlog.ts (a grid of double-double logarithms and an
 * atanh series); `exp` reduces by multiples of ln2/64 and sums its Taylor
 * series in double-double.
 */
import { splitHigh, twoProductError, twoSumError } from './doubleDouble';

// Double-double results: a function can return one number, and returning
// pairs would allocate on every call.
let resultHi = 0;
let resultLo = 0;

/** (aH + aL)(bH + bL) into resultHi/resultLo. */
function ddMul(aH: number, aL: number, bH: number, bL: number): void {
  const hi = aH * bH;
  const lo = twoProductError(aH, bH, hi) + (aH * bL + aL * bH);
  resultHi = hi + lo;
  resultLo = lo - (resultHi - hi);
}

/** (aH + aL) + (bH + bL) into resultHi/resultLo. */
function ddAdd(aH: number, aL: number, bH: number, bL: number): void {
  const hi = aH + bH;
  const lo = twoSumError(aH, bH, hi) + aL + bL;
  resultHi = hi + lo;
  resultLo = lo - (resultHi - hi);
}

/** num / (dH + dL) for a double num, into resultHi/resultLo. */
function ddDivInto(num: number, dH: number, dL: number): void {
  const q = num / dH;
  const p = q * dH;
  const r = num - p - twoProductError(q, dH, p) - q * dL;
  const lo = r / dH;
  resultHi = q + lo;
  resultLo = lo - (resultHi - q);
}

// ------------------------------------------------------------------ log

const LN2_HI = Math.LN2;
const LN2_LO = 2.3190468138462996e-17;
const THIRD_HI = 0.3333333333333333;
const THIRD_LO = 1.850371707708594e-17;
const GRID = 128;
const TWO_54 = 18014398509481984;

const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
// The high word (sign, exponent, top of the mantissa) is words[1] on little-endian hosts.
const HIGH = (() => {
  scratch[0] = 1;
  return words[1] === 0x3ff00000 ? 1 : 0;
})();

/** log(c) for the grid points c = 0.75 + j/128, j = 0..96, as double-doubles (atanh series). */
const LOG_TABLE_SIZE = (1.5 - 0.75) * GRID + 1;
const logcHi = new Float64Array(LOG_TABLE_SIZE);
const logcLo = new Float64Array(LOG_TABLE_SIZE);
for (let j = 0; j < LOG_TABLE_SIZE; j++) {
  const c = 0.75 + j / GRID;
  ddDivInto(c - 1, c + 1, 0);
  const sH = resultHi;
  const sL = resultLo;
  ddMul(sH, sL, sH, sL);
  const tH = resultHi;
  const tL = resultLo;
  let accH = 0;
  let accL = 0;
  for (let n = 40; n >= 0; n--) {
    ddDivInto(1, 2 * n + 1, 0);
    const cH = resultHi;
    const cL = resultLo;
    ddMul(accH, accL, tH, tL);
    ddAdd(resultHi, resultLo, cH, cL);
    accH = resultHi;
    accL = resultLo;
  }
  ddMul(accH, accL, sH, sL);
  logcHi[j] = 2 * resultHi;
  logcLo[j] = 2 * resultLo;
}

/** log(x) for a positive finite x, as a double-double in resultHi/resultLo. */
function logDD(x: number): void {
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
  // The nearest grid point: near 1 that is c = 1 with log(c) = 0 exactly,
  // which keeps full relative accuracy for x near 1.
  const j = Math.round((f - 0.75) * GRID);
  const c = 0.75 + j / GRID;

  // s = (f - c) / (f + c) as sH + sL; f - c is exact (Sterbenz).
  const dH = f + c;
  const dL = twoSumError(f, c, dH);
  const num = f - c;
  const q = num / dH;
  const p = q * dH;
  const corr = (num - p - twoProductError(q, dH, p) - q * dL) / dH;
  const sH = q + corr;
  const sL = corr - (sH - q);

  // t = s^2 as tH + tL.
  const sh = splitHigh(sH);
  const sl = sH - sh;
  const s2 = sH * sH;
  const s2e = sh * sh - s2 + 2 * sh * sl + sl * sl + 2 * sH * sL;
  const tH = s2 + s2e;
  const tL = s2e - (tH - s2);

  // atanh(s)/s = 1 + t/3 + t^2/5 + ...; beyond 1/3 the terms are below 2^-17.
  const tail = tH * (1 / 5 + tH * (1 / 7 + tH * (1 / 9 + tH * (1 / 11))));
  const qH0 = THIRD_HI + tail;
  const qL0 = THIRD_HI - (qH0 - tail) + THIRD_LO;
  const m = sH * tH;
  const mL = twoProductError(sH, tH, m) + (sH * tL + sL * tH);
  const w = m * qH0;
  const wL = twoProductError(m, qH0, w) + (m * qL0 + mL * qH0);
  const r = sH + w;
  const rL = twoSumError(sH, w, r) + sL + wL;

  // k ln2 + log(c) + 2 atanh(s), summed from the largest part down.
  const kH = k * LN2_HI;
  const kL = twoProductError(k, LN2_HI, kH) + k * LN2_LO;
  const cH = logcHi[j];
  const a = kH + cH;
  const aL = twoSumError(kH, cH, a) + kL + logcLo[j];
  const r2 = 2 * r;
  const total = a + r2;
  const totalL = twoSumError(a, r2, total) + aL + 2 * rL;
  resultHi = total + totalL;
  resultLo = totalL - (resultHi - total);
}

/** The natural logarithm, correctly rounded (C's `log`: log(0) = -inf, log(x < 0) = NaN). */
export function crLog(x: number): number {
  if (!(x > 0) || x === Number.POSITIVE_INFINITY) return Math.log(x);
  logDD(x);
  return resultHi + resultLo;
}

// ------------------------------------------------------------------ exp

/** 64/ln2, and ln2/64 split so that n*EXP_C1 is exact for |n| < 2^17. */
const INV_STEP = 92.33248261689366;
const EXP_C1 = 0.010830424696223417;
const EXP_C2 = 2.572804622327669e-14;
const EXP_C3 = -1.5746795524851787e-30;

/** 1/k! as double-doubles, k = 0..5 (the DD part of the Taylor series). */
const INV_FACT_HI = new Float64Array(6);
const INV_FACT_LO = new Float64Array(6);
{
  let fact = 1;
  for (let k = 0; k < 6; k++) {
    if (k > 0) fact *= k;
    ddDivInto(1, fact, 0);
    INV_FACT_HI[k] = resultHi;
    INV_FACT_LO[k] = resultLo;
  }
}

/** 2^(j/64) as double-doubles: 2^(1/64) by six double-double square roots, then its powers. */
const POW2_HI = new Float64Array(64);
const POW2_LO = new Float64Array(64);
{
  let rootH = 2;
  let rootL = 0;
  for (let i = 0; i < 6; i++) {
    const s = Math.sqrt(rootH);
    const sq = s * s;
    const e = (rootH - sq - twoProductError(s, s, sq) + rootL) / (2 * s);
    rootH = s + e;
    rootL = e - (rootH - s);
  }
  POW2_HI[0] = 1;
  POW2_LO[0] = 0;
  for (let j = 1; j < 64; j++) {
    // Pairs of halves keep the chain of products short (at most 6 deep).
    if (j % 2 === 0) ddMul(POW2_HI[j / 2], POW2_LO[j / 2], POW2_HI[j / 2], POW2_LO[j / 2]);
    else ddMul(POW2_HI[j - 1], POW2_LO[j - 1], rootH, rootL);
    POW2_HI[j] = resultHi;
    POW2_LO[j] = resultLo;
  }
}

/** e^(yH + yL), correctly rounded; |yL| is at most an ulp of yH. */
function expRounded(yH: number, yL: number): number {
  if (yH > 710) return Number.POSITIVE_INFINITY;
  if (yH < -746) return 0;
  // y = (64m + j) ln2/64 + r with |r| <= ln2/128.
  const n = Math.round(yH * INV_STEP);
  const rh = yH - n * EXP_C1; // exact (Sterbenz, or n = 0)
  const p2 = n * EXP_C2;
  const s = rh - p2;
  const lo = twoSumError(rh, -p2, s) - twoProductError(n, EXP_C2, p2) - n * EXP_C3 + yL;
  const rH = s + lo;
  const rL = lo - (rH - s);

  // e^r: the terms from r^6/6! on (below 2^-54) in doubles, the rest in double-double.
  const tail =
    1 / 720 + rH * (1 / 5040 + rH * (1 / 40320 + rH * (1 / 362880 + rH * (1 / 3628800 + rH / 39916800))));
  let accH = tail;
  let accL = 0;
  for (let k = 5; k >= 0; k--) {
    ddMul(accH, accL, rH, rL);
    ddAdd(resultHi, resultLo, INV_FACT_HI[k], INV_FACT_LO[k]);
    accH = resultHi;
    accL = resultLo;
  }
  const j = ((n % 64) + 64) % 64;
  const m = (n - j) / 64;
  ddMul(accH, accL, POW2_HI[j], POW2_LO[j]);
  return scaleRounded(resultHi, resultLo, m);
}

/** (hi + lo) * 2^m rounded once, subnormal results included. */
function scaleRounded(hi: number, lo: number, m: number): number {
  if (m >= -1021) {
    const v = hi + lo;
    // Two steps so that 2^m itself never overflows.
    return m > 1000 ? v * 2 ** (m - 1000) * 2 ** 1000 : v * 2 ** m;
  }
  // Subnormal: count units of 2^-1074 and round that count to nearest even.
  if (m < -1130) return 0;
  const scale = 2 ** (1074 + m);
  const t = hi * scale; // exact: a power-of-two scaling in the normal range
  const tl = lo * scale;
  let k = Math.floor(t);
  const frac = t - k + tl;
  if (frac > 0.5 || (frac === 0.5 && k % 2 === 1)) k += 1;
  else if (frac < -0.5) k -= 1;
  return k * 5e-324;
}

/** e^x, correctly rounded (C's `exp`). */
export function crExp(x: number): number {
  if (Number.isNaN(x)) return x;
  return expRounded(x, 0);
}

/** x^y, correctly rounded, with C's special cases (`pow(1, nan)` is 1, `pow(-8, 1/3)` is nan). */
export function crPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (!Number.isFinite(x) || !Number.isFinite(y) || x === 0) {
    // Math.pow follows C here, except that C's pow(-1, ±inf) is 1.
    if (x === -1 && (y === Number.POSITIVE_INFINITY || y === Number.NEGATIVE_INFINITY)) return 1;
    return x ** y;
  }
  if (x < 0) {
    if (!Number.isInteger(y)) return Number.NaN;
    const magnitude = powPositive(-x, y);
    return Math.abs(y) < 2 ** 53 && y % 2 !== 0 ? -magnitude : magnitude;
  }
  return powPositive(x, y);
}

/** x^y for x > 0 and finite y != 0. */
function powPositive(x: number, y: number): number {
  // Exact cases that IEEE operations already round correctly.
  if (y === 1) return x;
  if (y === 2) return x * x;
  if (y === 0.5) return Math.sqrt(x);
  if (y === -1) return 1 / x;
  logDD(x);
  const lH = resultHi;
  const lL = resultLo;
  const tH = y * lH;
  if (!(Math.abs(tH) < 1e300)) return tH > 0 ? Number.POSITIVE_INFINITY : 0;
  const tL = twoProductError(y, lH, tH) + y * lL;
  const t = tH + tL;
  return expRounded(t, tL - (t - tH));
}
