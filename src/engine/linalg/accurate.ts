/**
 * `exp` rounded like glibc's (which NumPy calls), in double-double
 * arithmetic; the matching `log` is `src/nn/crlog.ts`.
 *
 * V8's `Math.exp` (fdlibm) is within 1 ulp but not correctly rounded: about
 * 8% of its results differ from NumPy's in the last bit. NumPy's `det` is
 * `sign·exp(Σ log|uᵢᵢ|)`, so `det([[1, 2], [3, 4]])` prints
 * -2.0000000000000004 in NumPy but -2.0 with Math.log and Math.exp. This
 * version carries about 10 extra bits, so it matches a correctly rounded
 * exp except near rounding midpoints; the remaining differences from
 * NumPy (about 0.2% of inputs) are glibc's own misroundings.
 */
import { twoProductError, twoSumError } from '../../nn/doubleDouble';

// ln 2 split so that k·LN2_HI is exact for |k| < 2^11 (fdlibm's constants).
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const FACTORIALS = [1];
for (let j = 1; j <= 18; j++) FACTORIALS.push(FACTORIALS[j - 1] * j);

/** e^y, rounded like glibc's `exp`. */
export function exp(y: number): number {
  if (Number.isNaN(y)) return y;
  if (y > 709.782712893384) return Number.POSITIVE_INFINITY;
  if (y < -745.1332191019412) return 0;
  const k = Math.round(y * Math.LOG2E);
  // y = k·ln2 + r, with r carried as rh + rl.
  const hi = y - k * LN2_HI; // exact
  const shift = -k * LN2_LO;
  const rh = hi + shift;
  const rl = twoSumError(hi, shift, rh);
  // exp r = 1 + r + r²/2 + r³·(1/6 + r/24 + ...), |r| ≤ 0.347.
  let poly = 1 / FACTORIALS[18];
  for (let j = 17; j >= 3; j--) poly = poly * rh + 1 / FACTORIALS[j];
  const tail = rh * rh * rh * poly;
  const qh = rh * rh;
  const ql = twoProductError(rh, rh, qh);
  const sh = 1 + rh;
  let sl = twoSumError(1, rh, sh) + rl;
  const th = sh + qh / 2;
  const tl = twoSumError(sh, qh / 2, th);
  sl += tl + ql / 2 + rh * rl + tail;
  const value = th + sl;
  // Scale by 2^k in two steps so that 2^k itself never overflows or underflows.
  const k1 = Math.trunc(k / 2);
  return value * 2 ** k1 * 2 ** (k - k1);
}
