/**
 * CPython's float-to-text core, `PyOS_double_to_string` (Python/pystrtod.c,
 * `format_float_short`), on top of exact decimal digits.
 *
 * The digits come from the engine's correctly rounded conversions where they
 * provably equal what David Gay's dtoa (CPython's digit generator) gives:
 * `toExponential()` is the shortest round-trip string (mode 0, ties between
 * shortest candidates to even, as dtoa); `toFixed(p)` / `toExponential(p)`
 * round the exact binary value to nearest like dtoa modes 3 and 2, except on
 * an exact decimal tie, where ECMAScript rounds up and dtoa to even. Ties are
 * detected exactly from the bits (`isTie`) and, like precisions beyond the
 * engine's 100 digits, go to an exact BigInt rounding (a scaled division:
 * dragon4.ts, NumPy's printer, only exposes NumPy-formatted strings).
 */

import { MatError } from '../errors';

/** `Py_DTSF_SIGN`: always write a sign. */
export const DTSF_SIGN = 1;
/** `Py_DTSF_ADD_DOT_0`: `1.0`, not `1`, when no exponent. */
export const DTSF_ADD_DOT_0 = 2;
/** `Py_DTSF_ALT`: the `#` alternate form (keep the point and trailing zeros). */
export const DTSF_ALT = 4;
/** `Py_DTSF_NO_NEG_0`: the `z` option (a result that shows zero loses its minus sign). */
export const DTSF_NO_NEG_0 = 8;

/** Digits without trailing zeros and the decimal point position, as dtoa returns them. */
interface Digits {
  digits: string;
  decpt: number;
}

const view = new DataView(new ArrayBuffer(8));

/** The exponent of the lowest set bit of a finite non-zero |x| (x = odd * 2**lsb). */
function lowestBit(a: number): number {
  view.setFloat64(0, a);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const exponent = biased === 0 ? -1074 : biased - 1075;
  if (lo !== 0) return exponent + 31 - Math.clz32(lo & -lo);
  const top = (hi & 0xfffff) | (biased === 0 ? 0 : 0x100000);
  return exponent + 32 + 31 - Math.clz32(top & -top);
}

/**
 * Whether rounding |x| to `q` decimals (q < 0: to a multiple of 10**-q)
 * meets an exact tie, i.e. the exact decimal expansion ends with a 5 just
 * past the cutoff. A double with k binary fraction digits has exactly k
 * decimal fraction digits, the last a 5; an integer odd * 2**b has its last
 * non-zero digit, a 5, at 10**(j-1) only when b = j - 1 and 5**j divides it.
 */
function isTie(a: number, q: number): boolean {
  const lsb = lowestBit(a);
  if (lsb < 0) return -lsb === q + 1;
  if (q >= 0) return false;
  const j = -q;
  if (lsb !== j - 1 || j > 22) return false;
  return (a / 2 ** lsb) % 5 ** j === 0;
}

const bigPow10: bigint[] = [];
function pow10(n: number): bigint {
  let p = bigPow10[n];
  if (p === undefined) {
    p = 10n ** BigInt(n);
    if (n < 400) bigPow10[n] = p;
  }
  return p;
}

/** round-half-even(|x| * 10**q) exactly; `a` finite, positive. */
function exactScaled(a: number, q: number): bigint {
  view.setFloat64(0, a);
  const hi = view.getUint32(0);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  if (biased !== 0) mantissa |= 1n << 52n;
  const e = biased === 0 ? -1074 : biased - 1075;
  let num = mantissa;
  let den = 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  if (q >= 0) num *= pow10(q);
  else den *= pow10(-q);
  const n = num / den;
  const twice = (num - n * den) * 2n;
  if (twice > den || (twice === den && (n & 1n) === 1n)) return n + 1n;
  return n;
}

function stripZeros(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 48) end--;
  return end === s.length ? s : s.slice(0, end);
}

/** Mode 0: the shortest digits that round-trip. */
function shortestDigits(a: number): Digits {
  const s = a.toExponential();
  const e = s.indexOf('e');
  const digits = s.charCodeAt(1) === 46 ? s[0] + s.slice(2, e) : s.slice(0, e);
  return { digits, decpt: Number(s.slice(e + 1)) + 1 };
}

/** Mode 2: `n` significant digits, correctly rounded (half to even), trailing zeros dropped. */
function significantDigits(a: number, n: number): Digits {
  if (n <= 101) {
    const s = a.toExponential(n - 1);
    const e = s.indexOf('e');
    const exponent = Number(s.slice(e + 1));
    if (!isTie(a, n - 1 - exponent)) {
      const digits = n === 1 ? s.slice(0, e) : s[0] + s.slice(2, e);
      return { digits: stripZeros(digits), decpt: exponent + 1 };
    }
  }
  let k = Math.floor(Math.log10(a));
  for (let i = 0; ; i++) {
    const text = exactScaled(a, n - 1 - k).toString();
    if (text.length === n || i > 4) return { digits: stripZeros(text), decpt: k + 1 + (text.length - n) };
    k += text.length > n ? 1 : -1;
  }
}

/** Mode 3: rounded to `p` decimals; no digits at all (decpt -p) when that is zero. */
function fixedDigits(a: number, p: number): Digits {
  let text: string;
  if (a < 1e21 && p <= 100 && !isTie(a, p)) {
    const s = a.toFixed(p);
    text = p === 0 ? s : s.slice(0, s.length - p - 1) + s.slice(s.length - p);
    let start = 0;
    while (start < text.length && text.charCodeAt(start) === 48) start++;
    text = text.slice(start);
  } else {
    const n = exactScaled(a, p);
    text = n === 0n ? '' : n.toString();
  }
  if (text === '') return { digits: '', decpt: -p };
  return { digits: stripZeros(text), decpt: text.length - p };
}

const LOWER = { inf: 'inf', nan: 'nan', e: 'e' };
const UPPER = { inf: 'INF', nan: 'NAN', e: 'E' };

/**
 * `PyOS_double_to_string(x, code, precision, flags)`: `code` is one of
 * e E f F g G r (r: repr's shortest digits, `precision` unused).
 */
export function doubleToString(x: number, code: string, precision: number, flags: number): string {
  let strings = LOWER;
  let mode: 0 | 2 | 3;
  switch (code) {
    case 'E':
      strings = UPPER;
      code = 'e';
      mode = 2;
      precision++;
      break;
    case 'e':
      mode = 2;
      precision++;
      break;
    case 'F':
      strings = UPPER;
      code = 'f';
      mode = 3;
      break;
    case 'f':
      mode = 3;
      break;
    case 'G':
      strings = UPPER;
      code = 'g';
      mode = 2;
      if (precision === 0) precision = 1;
      break;
    case 'g':
      mode = 2;
      if (precision === 0) precision = 1;
      break;
    case 'r':
      mode = 0;
      break;
    default:
      throw new MatError(`bad float format code ${code}`, 'SystemError');
  }
  const alwaysSign = (flags & DTSF_SIGN) !== 0;
  if (Number.isNaN(x)) return (alwaysSign ? '+' : '') + strings.nan;
  let negative = x < 0 || Object.is(x, -0);
  if (!Number.isFinite(x)) return (negative ? '-' : alwaysSign ? '+' : '') + strings.inf;

  const a = Math.abs(x);
  let { digits, decpt } =
    a === 0
      ? { digits: '0', decpt: 1 }
      : mode === 0
        ? shortestDigits(a)
        : mode === 3
          ? fixedDigits(a, precision)
          : significantDigits(a, precision);
  const addDot0 = (flags & DTSF_ADD_DOT_0) !== 0;
  const alt = (flags & DTSF_ALT) !== 0;
  if ((flags & DTSF_NO_NEG_0) !== 0 && negative && (digits === '' || digits === '0')) negative = false;

  const digitsLen = digits.length;
  let vEnd = digitsLen;
  let useExp = false;
  switch (code) {
    case 'e':
      useExp = true;
      vEnd = precision;
      break;
    case 'f':
      vEnd = decpt + precision;
      break;
    case 'g':
      if (decpt <= -4 || decpt > (addDot0 ? precision - 1 : precision)) useExp = true;
      if (alt) vEnd = precision;
      break;
    default:
      if (decpt <= -4 || decpt > 16) useExp = true;
  }
  let exp = 0;
  if (useExp) {
    exp = decpt - 1;
    decpt = 1;
  }
  const vStart = decpt <= 0 ? decpt - 1 : 0;
  vEnd = Math.max(vEnd, !useExp && addDot0 ? decpt + 1 : decpt);

  let out = negative ? '-' : alwaysSign ? '+' : '';
  if (decpt <= 0) out += `${'0'.repeat(decpt - vStart)}.${'0'.repeat(-decpt)}`;
  else if (vStart < 0) out += '0'.repeat(-vStart);
  if (decpt > 0 && decpt <= digitsLen) out += `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  else out += digits;
  if (digitsLen < decpt) out += `${'0'.repeat(decpt - digitsLen)}.${'0'.repeat(vEnd - decpt)}`;
  else if (vEnd > digitsLen) out += '0'.repeat(vEnd - digitsLen);
  if (!alt && out.charCodeAt(out.length - 1) === 46) out = out.slice(0, -1);
  if (useExp) {
    const abs = Math.abs(exp);
    out += `${strings.e}${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  }
  return out;
}

/** Python's `repr(float)` (also `str`): `0.1`, `3.0`, `1e-05`, `1e+16`, `inf`, `nan`, `-0.0`. */
export function floatRepr(x: number): string {
  return doubleToString(x, 'r', 0, DTSF_ADD_DOT_0);
}

/** Python's `repr(complex)`: `(1+2j)`, `2j`, `(-0-1j)`, `(nan+infj)`. */
export function complexRepr(re: number, im: number): string {
  if (re === 0 && !Object.is(re, -0)) return `${doubleToString(im, 'r', 0, 0)}j`;
  return `(${doubleToString(re, 'r', 0, 0)}${doubleToString(im, 'r', 0, DTSF_SIGN)}j)`;
}
