/**
 * Error-free transformations for double-double arithmetic, shared by the
 * correctly rounded `log` (./crlog) and glibc-like `exp`
 * (src/engine/linalg/accurate). Each returns only the rounding error of one
 * floating-point operation the caller has already done, so no call allocates
 * a pair: `a + b = s + twoSumError(a, b, s)` exactly, for `s = a + b`.
 */

const SPLITTER = 134217729; // 2^27 + 1, Dekker's split constant

/** The rounding error of s = fl(a + b) (Knuth's TwoSum), so a + b = s + result exactly. */
export function twoSumError(a: number, b: number, s: number): number {
  const bb = s - a;
  return a - (s - bb) + (b - bb);
}

/** The high half of a (Dekker's split): a's top 26 bits, so a - result is exact and products of halves are too. */
export function splitHigh(a: number): number {
  const t = SPLITTER * a;
  return t - (t - a);
}

/**
 * The rounding error of p = fl(a * b) (Dekker's TwoProduct through the
 * split: JavaScript has no fused multiply-add), so a * b = p + result exactly.
 */
export function twoProductError(a: number, b: number, p: number): number {
  const ah = splitHigh(a);
  const al = a - ah;
  const bh = splitHigh(b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

// Results of the double-double operations below, read right after each call
// (returning pairs would allocate on every call).
export let ddHi = 0;
export let ddLo = 0;

/** Double-double product (aH + aL)(bH + bL), into ddHi/ddLo. */
export function ddMul(aH: number, aL: number, bH: number, bL: number): void {
  const hi = aH * bH;
  const lo = twoProductError(aH, bH, hi) + (aH * bL + aL * bH);
  ddHi = hi + lo;
  ddLo = lo - (ddHi - hi);
}

/** Double-double sum (aH + aL) + (bH + bL), into ddHi/ddLo. */
export function ddAdd(aH: number, aL: number, bH: number, bL: number): void {
  const hi = aH + bH;
  const lo = twoSumError(aH, bH, hi) + aL + bL;
  ddHi = hi + lo;
  ddLo = lo - (ddHi - hi);
}

/** Double-double quotient num / (dH + dL) for a double num, into ddHi/ddLo. */
export function ddDivInto(num: number, dH: number, dL: number): void {
  const q = num / dH;
  const p = q * dH;
  // num - p is exact (Sterbenz): p is within an ulp of num.
  const r = num - p - twoProductError(q, dH, p) - q * dL;
  const lo = r / dH;
  ddHi = q + lo;
  ddLo = lo - (ddHi - q);
}
