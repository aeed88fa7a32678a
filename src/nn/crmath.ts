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
 * `log` is ./crlog.ts's (a grid of double-double logarithms and an atanh
 * series); `exp` reduces by multiples of ln2/64 and sums its Taylor
 * series in double-double.
 */
import { correctlyRoundedLog, logDoubleDouble, logHi, logLo } from './crlog';
import { ddAdd, ddDivInto, ddHi, ddLo, ddMul, twoProductError, twoSumError } from './doubleDouble';

/** The natural logarithm, correctly rounded (C's `log`: log(0) = -inf, log(x < 0) = NaN). */
export const crLog = correctlyRoundedLog;

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
    INV_FACT_HI[k] = ddHi;
    INV_FACT_LO[k] = ddLo;
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
    POW2_HI[j] = ddHi;
    POW2_LO[j] = ddLo;
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
    ddAdd(ddHi, ddLo, INV_FACT_HI[k], INV_FACT_LO[k]);
    accH = ddHi;
    accL = ddLo;
  }
  const j = ((n % 64) + 64) % 64;
  const m = (n - j) / 64;
  ddMul(accH, accL, POW2_HI[j], POW2_LO[j]);
  return scaleRounded(ddHi, ddLo, m);
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
  logDoubleDouble(x);
  const lH = logHi;
  const lL = logLo;
  const tH = y * lH;
  if (!(Math.abs(tH) < 1e300)) return tH > 0 ? Number.POSITIVE_INFINITY : 0;
  const tL = twoProductError(y, lH, tH) + y * lL;
  const t = tH + tL;
  return expRounded(t, tL - (t - tH));
}
