/**
 * NumPy's `FloatingFormat` (numpy/_core/arrayprint.py) for float64, float32
 * and float16 arrays with every floatmode and sign, legacy=False, and
 * the `str()` of a float scalar (scalartypes.c.src).
 */

import { f16round } from '../dtypes';
import { type FloatDType, formatPositional, formatScientific } from './dragon4';
import type { FloatMode, SignMode } from './options';

/** A double rounded into `dtype`, as NumPy's float32/float16 arithmetic leaves it. */
function rounderOf(dtype: FloatDType): (x: number) => number {
  return dtype === 'float32' ? Math.fround : dtype === 'float16' ? f16round : (x) => x;
}

/**
 * `10**min(8, finfo(dtype).precision)`: the magnitude from which an array
 * prints in scientific notation (finfo precision: 15, 6 and 3).
 */
const ARRAY_MAX_POSITIONAL: Readonly<Record<FloatDType, number>> = {
  float64: 1e8,
  float32: 1e6,
  float16: 1e3,
};

/** scalartypes.c.src's `max_positional`: from here on a scalar's str() is scientific. */
const SCALAR_MAX_POSITIONAL: Readonly<Record<FloatDType, number>> = {
  float64: 1e16,
  float32: 1e6,
  float16: 1e3,
};

/** Formats one element of an array so that all elements line up. */
export type ElementFormatter = (x: number) => string;

/** The print options that shape float elements besides `precision` and `suppress` (NumPy's defaults when left out). */
export interface FloatStyle {
  floatmode?: FloatMode;
  sign?: SignMode;
  nanstr?: string;
  infstr?: string;
}

/** Python's len(): code points, not UTF-16 units. */
function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * Build NumPy's float element formatter from the values that will be shown
 * (after summarisation). Mirrors `FloatingFormat.fillFormat` + `__call__`
 * with legacy=False; `style.sign` '+' is also how a complex number's
 * imaginary parts are formatted.
 */
export function floatFormatter(
  values: ArrayLike<number>,
  precision: number,
  suppress: boolean,
  dtype: FloatDType = 'float64',
  style: FloatStyle = {},
): ElementFormatter {
  const floatmode = style.floatmode ?? 'maxprec';
  const sign = style.sign ?? '-';
  const nanstr = style.nanstr ?? 'nan';
  const infstr = style.infstr ?? 'inf';
  const plus = sign === '+';
  // 'fixed' prints exact digits to `precision`; the other modes the shortest digits, cut there.
  const unique = floatmode !== 'fixed';
  const maxDigits = floatmode === 'unique' ? -1 : precision;
  const firstTrim = unique ? 'zeros' : 'none';
  // Elements are already numbers of `dtype`; rounding again is a no-op that keeps Dragon4's input exact.
  const round = rounderOf(dtype);
  const finite: number[] = [];
  let hasNonFinite = false;
  let hasNegInf = false;
  let anyNegative = false;
  for (let i = 0; i < values.length; i++) {
    const v = round(values[i]);
    if (Number.isFinite(v)) {
      finite.push(v);
      if (v < 0 || Object.is(v, -0)) anyNegative = true;
    } else {
      hasNonFinite = true;
      if (v === -Infinity) hasNegInf = true;
    }
  }

  const expFormat = chooseScientific(finite, suppress, dtype);
  let padLeft = 0;
  let padRight = 0;
  // Fractional digits every value is printed with (scientific mode only).
  let sciDigits = 0;
  let expDigits = -1;
  // Positional mode: the digit cutoff, the minimum digits and the trimming of the second pass.
  let posPrecision = maxDigits;
  let posMinDigits = 0;
  let posTrim: 'zeros' | 'none' = 'zeros';
  if (finite.length > 0 && expFormat) {
    // First pass: the digits each value would get, only to learn widths.
    let expWidth = 0;
    for (const v of finite) {
      const s = formatScientific(v, {
        dtype,
        unique,
        precision: maxDigits,
        minDigits: -1,
        trim: firstTrim,
        padLeft: -1,
        expDigits: -1,
        plus,
      });
      const e = s.indexOf('e');
      const dot = s.indexOf('.');
      padLeft = Math.max(padLeft, dot);
      sciDigits = Math.max(sciDigits, e - dot - 1);
      expWidth = Math.max(expWidth, s.length - e - 1);
    }
    expDigits = expWidth - 1;
    // Only used for the nan/inf width below.
    padRight = expDigits + 2 + sciDigits;
  } else if (finite.length > 0) {
    for (const v of finite) {
      const s = formatPositional(v, {
        dtype,
        unique,
        precision: maxDigits,
        minDigits: -1,
        trim: firstTrim,
        padLeft: -1,
        padRight: -1,
        plus,
      });
      const dot = s.indexOf('.');
      padLeft = Math.max(padLeft, dot);
      padRight = Math.max(padRight, s.length - dot - 1);
    }
    if (floatmode === 'fixed' || floatmode === 'maxprec_equal') {
      // Every element gets as many digits as the longest.
      posPrecision = posMinDigits = padRight;
      posTrim = 'none';
    }
  }

  // sign=' ' leaves a column for the sign unless some value (-0.0 included) has one.
  if (sign === ' ' && !anyNegative) padLeft += 1;

  // nan/inf are right-aligned in the full width; the integer part widens if
  // they would not fit otherwise ('-inf' needs a column for its sign, so does
  // any infinity when positive numbers are signed).
  if (hasNonFinite) {
    const offset = padRight + 1;
    const signColumn = hasNegInf || sign !== '-' ? 1 : 0;
    padLeft = Math.max(padLeft, textLength(nanstr) - offset, textLength(infstr) + signColumn - offset);
  }
  const width = padLeft + padRight + 1;
  const padded = (text: string) => ' '.repeat(Math.max(0, width - textLength(text))) + text;

  return (element) => {
    const x = round(element);
    if (Number.isNaN(x)) return padded(`${plus ? '+' : ''}${nanstr}`);
    if (!Number.isFinite(x)) return padded(`${x < 0 ? '-' : plus ? '+' : ''}${infstr}`);
    if (expFormat) {
      // Scientific values are all padded with digits to the same count.
      return formatScientific(x, {
        dtype,
        unique,
        precision: sciDigits,
        minDigits: sciDigits,
        trim: 'none',
        padLeft,
        expDigits,
        plus,
      });
    }
    return formatPositional(x, {
      dtype,
      unique,
      precision: posPrecision,
      minDigits: posMinDigits,
      trim: posTrim,
      padLeft,
      padRight,
      plus,
    });
  };
}

/**
 * NumPy switches the whole array to scientific notation when the largest
 * magnitude reaches 10**min(8, finfo(dtype).precision), or, unless
 * `suppress`, when the smallest non-zero magnitude is below 1e-4 or the
 * dynamic range exceeds 1e3. Zeros do not count. NumPy compares and divides
 * in the array's dtype (the Python floats are weak scalars): float32's 1e-4
 * is 9.9999997e-05, and the range is rounded to the dtype before it is
 * compared with 1000 (a rounding of the double quotient, which is what the
 * dtype's own division gives: double carries more than twice its bits).
 */
function chooseScientific(finite: readonly number[], suppress: boolean, dtype: FloatDType): boolean {
  let maxVal = -Infinity;
  let minVal = Infinity;
  for (const v of finite) {
    if (v === 0) continue;
    const a = Math.abs(v);
    if (a > maxVal) maxVal = a;
    if (a < minVal) minVal = a;
  }
  if (maxVal === -Infinity) return false;
  const round = rounderOf(dtype);
  // max / min may overflow to inf, which NumPy also treats as "> 1000".
  return (
    maxVal >= ARRAY_MAX_POSITIONAL[dtype] ||
    (!suppress && (minVal < round(0.0001) || round(maxVal / minVal) > 1000))
  );
}

/** `str(np.float64(x))`, which matches Python's `repr(float)`: see {@link floatScalarTextOf}. */
export function floatScalarText(x: number): string {
  return floatScalarTextOf(x, 'float64');
}

/**
 * `str(np.float64(x))`, `str(np.float32(x))`, `str(np.float16(x))`: the
 * shortest digits that identify the value among numbers of its dtype,
 * positional for 1e-4 <= |x| < 1e16 (float32: 1e6, float16: 1e3) and zero
 * with at least one fractional digit, scientific otherwise without a bare
 * trailing point (`1e-05`, `1.2345679e+08`).
 */
export function floatScalarTextOf(
  value: number,
  dtype: FloatDType,
  trim: 'leaveOneZero' | 'dptZeros' = 'leaveOneZero',
  plus = false,
): string {
  const x = rounderOf(dtype)(value);
  const sign = plus ? '+' : '';
  if (Number.isNaN(x)) return `${sign}nan`;
  if (x === Infinity) return `${sign}inf`;
  if (x === -Infinity) return '-inf';
  const a = Math.abs(x);
  if (a === 0 || (a >= 1e-4 && a < SCALAR_MAX_POSITIONAL[dtype])) {
    return formatPositional(x, {
      dtype,
      unique: true,
      precision: -1,
      minDigits: -1,
      trim,
      padLeft: -1,
      padRight: -1,
      plus,
    });
  }
  return formatScientific(x, {
    dtype,
    unique: true,
    precision: -1,
    minDigits: -1,
    trim: 'dptZeros',
    padLeft: -1,
    expDigits: -1,
    plus,
  });
}

/**
 * `str()` of a NumPy complex scalar (scalartypes.c.src): `(1+2j)`, `1j` when
 * the real part is +0, each part with its float type's shortest digits and
 * no bare `.0`.
 */
export function complexScalarText(re: number, im: number, dtype: FloatDType): string {
  const imText = `${floatScalarTextOf(im, dtype, 'dptZeros', true)}j`;
  if (re === 0 && !Object.is(re, -0)) return imText.startsWith('+') ? imText.slice(1) : imText;
  return `(${floatScalarTextOf(re, dtype, 'dptZeros')}${imText})`;
}
