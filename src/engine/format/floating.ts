/**
 * NumPy's `FloatingFormat` (numpy/_core/arrayprint.py) for float64 arrays
 * with floatmode 'maxprec', sign '-', legacy=False, and the `str()` of a
 * float64 scalar (scalartypes.c).
 */

import { formatPositional, formatScientific } from './dragon4';

/** Formats one element of an array so that all elements line up. */
export type ElementFormatter = (x: number) => string;

/**
 * Build NumPy's float element formatter from the values that will be shown
 * (after summarisation). Mirrors `FloatingFormat.fillFormat` + `__call__`.
 */
export function floatFormatter(
  values: ArrayLike<number>,
  precision: number,
  suppress: boolean,
): ElementFormatter {
  const finite: number[] = [];
  let hasNonFinite = false;
  let hasNegInf = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) finite.push(v);
    else {
      hasNonFinite = true;
      if (v === -Infinity) hasNegInf = true;
    }
  }

  const expFormat = chooseScientific(finite, suppress);
  let padLeft = 0;
  let padRight = 0;
  // Fractional digits every value is printed with (scientific mode only).
  let sciDigits = 0;
  let expDigits = -1;
  if (finite.length > 0 && expFormat) {
    // First pass: shortest digits cut to `precision`, only to learn widths.
    let expWidth = 0;
    for (const v of finite) {
      const s = formatScientific(v, {
        unique: true,
        precision,
        minDigits: -1,
        trim: 'zeros',
        padLeft: -1,
        expDigits: -1,
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
        unique: true,
        precision,
        minDigits: -1,
        trim: 'zeros',
        padLeft: -1,
        padRight: -1,
      });
      const dot = s.indexOf('.');
      padLeft = Math.max(padLeft, dot);
      padRight = Math.max(padRight, s.length - dot - 1);
    }
  }

  // nan/inf are right-aligned in the full width; the integer part widens if
  // they would not fit otherwise ('-inf' needs four columns).
  if (hasNonFinite) {
    const offset = padRight + 1;
    padLeft = Math.max(padLeft, 3 - offset, 3 + (hasNegInf ? 1 : 0) - offset);
  }
  const width = padLeft + padRight + 1;

  return (x) => {
    if (Number.isNaN(x)) return 'nan'.padStart(width);
    if (!Number.isFinite(x)) return (x < 0 ? '-inf' : 'inf').padStart(width);
    if (expFormat) {
      // Scientific values are all padded with exact digits to the same count.
      return formatScientific(x, {
        unique: true,
        precision: sciDigits,
        minDigits: sciDigits,
        trim: 'none',
        padLeft,
        expDigits,
      });
    }
    return formatPositional(x, { unique: true, precision, minDigits: 0, trim: 'zeros', padLeft, padRight });
  };
}

/**
 * NumPy switches the whole array to scientific notation when the largest
 * magnitude reaches 1e8 (10**min(8, finfo(float64).precision)), or, unless
 * `suppress`, when the smallest non-zero magnitude is below 1e-4 or the
 * dynamic range exceeds 1e3. Zeros do not count.
 */
function chooseScientific(finite: readonly number[], suppress: boolean): boolean {
  let maxVal = -Infinity;
  let minVal = Infinity;
  for (const v of finite) {
    if (v === 0) continue;
    const a = Math.abs(v);
    if (a > maxVal) maxVal = a;
    if (a < minVal) minVal = a;
  }
  if (maxVal === -Infinity) return false;
  // max / min may overflow to inf, which NumPy also treats as "> 1000".
  return maxVal >= 1e8 || (!suppress && (minVal < 0.0001 || maxVal / minVal > 1000));
}

/**
 * `str(np.float64(x))`: shortest round-trip digits, positional for
 * 1e-4 <= |x| < 1e16 (and zero) with at least one fractional digit,
 * scientific otherwise without a bare trailing point. Matches Python's
 * `repr(float)`.
 */
export function floatScalarText(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const a = Math.abs(x);
  if (a === 0 || (a >= 1e-4 && a < 1e16)) {
    return formatPositional(x, {
      unique: true,
      precision: -1,
      minDigits: -1,
      trim: 'leaveOneZero',
      padLeft: -1,
      padRight: -1,
    });
  }
  return formatScientific(x, {
    unique: true,
    precision: -1,
    minDigits: -1,
    trim: 'dptZeros',
    padLeft: -1,
    expDigits: -1,
  });
}
