/**
 * A port of NumPy's Dragon4 float printer (numpy/_core/src/multiarray/dragon4.c,
 * itself Ryan Juckett's implementation) for IEEE binary64, binary32 and
 * binary16 (float64, float32, float16), using BigInt for the exact arithmetic.
 * A float32 or float16 value is held in a double; its digits are those that
 * identify it among float32 (float16) numbers, as NumPy prints them.
 *
 * NumPy's array printing depends on Dragon4's precise semantics: shortest
 * round-trip digits ("unique" mode) that are *cut off* at a digit position,
 * with a particular rounding rule at the cutoff, and with `min_digits`
 * extending the output with exact digits. Reimplementing those on top of
 * `Number.prototype.toString`/`toFixed` would only approximate them, so this
 * file follows the C code step by step (minus the block-size bookkeeping that
 * BigInt makes unnecessary). A fast path (`fastDigits`) answers the common
 * cases from the engine's own correctly rounded conversions where they
 * provably agree (for float64 only), and is tested against this code digit
 * for digit.
 */

import { f16round } from '../dtypes';

/** How NumPy's Dragon4 treats trailing zeros and the decimal point (its `TrimMode`). */
export type TrimMode =
  /** 'k': keep trailing zeros, always leave a decimal point. */
  | 'none'
  /** '0': trim all but the zero after the decimal point (`3.0`). */
  | 'leaveOneZero'
  /** '.': trim trailing zeros, keep the decimal point (`3.`). */
  | 'zeros'
  /** '-': trim trailing zeros and the decimal point (`3`). */
  | 'dptZeros';

/** The binary float formats Dragon4 prints. */
export type FloatDType = 'float16' | 'float32' | 'float64';

/** Options shared by positional and scientific output; -1 means "not set", as in C. */
export interface Dragon4Options {
  /** The format the value is a number of (default float64): it decides which digits identify it. */
  dtype?: FloatDType;
  /** true: shortest round-trip digits; false: exact digits. */
  unique: boolean;
  /** Maximum digits: past the decimal point (positional) or after the first digit (scientific). */
  precision: number;
  /** Minimum digits, same counting as `precision`. */
  minDigits: number;
  trim: TrimMode;
  /** Pad with spaces on the left until this many characters precede the decimal point. */
  padLeft: number;
  /** Write `+` before a positive value (NumPy's sign='+', a complex number's imaginary part). */
  plus?: boolean;
}

/** The digit string Dragon4 produced and the base-10 exponent of its first digit. */
interface Digits {
  digits: string;
  exponent: number;
}

/** The pieces of a finite double as Dragon4 sees them: value = mantissa * 2**exponent. */
interface Decomposed {
  negative: boolean;
  mantissa: bigint;
  exponent: number;
  mantissaBit: number;
  unequalMargins: boolean;
}

// The double nearest log10(2), as the C constant 0.30102999566398119521... rounds to.
const LOG10_2 = 0.3010299956639812;
/** The C code's output buffer size bounds digit generation when no cutoff is set. */
const BUFFER_SIZE = 16384;

const scratch = new DataView(new ArrayBuffer(8));

function decompose(value: number, dtype: FloatDType = 'float64'): Decomposed {
  return dtype === 'float64' ? decomposeDouble(value) : decomposeNarrow(value, NARROW_FORMATS[dtype]);
}

function decomposeDouble(value: number): Decomposed {
  scratch.setFloat64(0, value);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const negative = hi >>> 31 !== 0;
  const floatExponent = (hi >>> 20) & 0x7ff;
  const floatMantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (floatExponent !== 0) {
    return {
      negative,
      mantissa: (1n << 52n) | floatMantissa,
      exponent: floatExponent - 1023 - 52,
      mantissaBit: 52,
      unequalMargins: floatExponent !== 1 && floatMantissa === 0n,
    };
  }
  // Subnormal (or zero): no implied leading bit.
  return {
    negative,
    mantissa: floatMantissa,
    exponent: 1 - 1023 - 52,
    mantissaBit: floatMantissa === 0n ? 0 : floatMantissa.toString(2).length - 1,
    unequalMargins: false,
  };
}

/** A binary format narrower than a double: stored mantissa bits, smallest normal exponent, rounding into it. */
interface NarrowFormat {
  readonly mantissaBits: number;
  readonly minExponent: number;
  readonly round: (x: number) => number;
}

const NARROW_FORMATS: Readonly<Record<'float16' | 'float32', NarrowFormat>> = {
  float32: { mantissaBits: 23, minExponent: -126, round: Math.fround },
  float16: { mantissaBits: 10, minExponent: -14, round: f16round },
};

/**
 * A float32 or float16 value as dragon4.c's `Dragon4_*_Float`/`_Half` see it:
 * the 24-bit (11-bit) mantissa with its implied bit, or a subnormal's bits
 * below `minExponent`, and unequal margins at a power of two above the
 * smallest normal. The value is rounded into the format first, so that a
 * stray double cannot lose bits in the shift (every float32 or float16 is a
 * normal double, so the scaling below is exact).
 */
function decomposeNarrow(value: number, format: NarrowFormat): Decomposed {
  const x = format.round(value);
  const negative = x < 0 || Object.is(x, -0);
  const magnitude = Math.abs(x);
  const subnormalExponent = format.minExponent - format.mantissaBits;
  if (magnitude === 0) {
    return { negative, mantissa: 0n, exponent: subnormalExponent, mantissaBit: 0, unequalMargins: false };
  }
  scratch.setFloat64(0, magnitude);
  const top = ((scratch.getUint32(0) >>> 20) & 0x7ff) - 1023; // floor(log2(magnitude))
  const exponent = Math.max(top, format.minExponent) - format.mantissaBits;
  const mantissa = magnitude * 2 ** -exponent; // an integer below 2**(mantissaBits + 1)
  return {
    negative,
    mantissa: BigInt(mantissa),
    exponent,
    mantissaBit: 31 - Math.clz32(mantissa),
    unequalMargins: top > format.minExponent && mantissa === 2 ** format.mantissaBits,
  };
}

const pow10Cache = new Map<number, bigint>();

/** 10**n as a BigInt; cached because the same few hundred powers recur for every element. */
function pow10(n: number): bigint {
  let p = pow10Cache.get(n);
  if (p === undefined) {
    p = 10n ** BigInt(n);
    pow10Cache.set(n, p);
  }
  return p;
}

/**
 * The core digit generator (`Dragon4()` in dragon4.c). `fractionCutoff`
 * selects NumPy's CutoffMode_FractionLength (cutoffs count digits past the
 * decimal point) versus CutoffMode_TotalLength (significant digits).
 */
function dragon4(
  d: Decomposed,
  unique: boolean,
  fractionCutoff: boolean,
  cutoffMax: number,
  cutoffMin: number,
): Digits {
  const { mantissa, exponent, mantissaBit, unequalMargins } = d;
  if (mantissa === 0n) return { digits: '0', exponent: 0 };
  const isEven = (mantissa & 1n) === 0n;

  // value = scaledValue / scale; the margins are half the distance to the
  // neighbouring doubles, scaled the same way (the high margin is double the
  // low one at a power of two, where the gap below is half the gap above).
  let scale: bigint;
  let scaledValue: bigint;
  let marginLow: bigint;
  if (unequalMargins) {
    if (exponent > 0) {
      scaledValue = mantissa << BigInt(exponent + 2);
      scale = 4n;
      marginLow = 1n << BigInt(exponent);
    } else {
      scaledValue = mantissa << 2n;
      scale = 1n << BigInt(-exponent + 2);
      marginLow = 1n;
    }
  } else if (exponent > 0) {
    scaledValue = mantissa << BigInt(exponent + 1);
    scale = 2n;
    marginLow = 1n << BigInt(exponent);
  } else {
    scaledValue = mantissa << 1n;
    scale = 1n << BigInt(-exponent + 1);
    marginLow = 1n;
  }
  const marginHigh = (low: bigint) => (unequalMargins ? low * 2n : low);

  // Estimate of floor(log10(v)) + 1, correct or one too small (as in C,
  // including the 0.69 offset, so the clamping below behaves identically).
  let digitExponent = Math.ceil((mantissaBit + exponent) * LOG10_2 - 0.69);
  if (cutoffMax >= 0 && fractionCutoff && digitExponent <= -cutoffMax) {
    digitExponent = -cutoffMax + 1;
  }
  if (digitExponent > 0) {
    scale *= pow10(digitExponent);
  } else if (digitExponent < 0) {
    const p = pow10(-digitExponent);
    scaledValue *= p;
    marginLow *= p;
  }
  if (scaledValue >= scale) {
    digitExponent += 1;
  } else {
    scaledValue *= 10n;
    marginLow *= 10n;
  }

  let cutoffMaxExponent = digitExponent - BUFFER_SIZE;
  if (cutoffMax >= 0) {
    const desired = fractionCutoff ? -cutoffMax : digitExponent - cutoffMax;
    if (desired > cutoffMaxExponent) cutoffMaxExponent = desired;
  }
  let cutoffMinExponent = digitExponent;
  if (cutoffMin >= 0) {
    const desired = fractionCutoff ? -cutoffMin : digitExponent - cutoffMin;
    if (desired < cutoffMinExponent) cutoffMinExponent = desired;
  }
  let outExponent = digitExponent - 1;

  const digits: number[] = [];
  let outputDigit: number;
  let low = false;
  let high = false;
  if (unique) {
    for (;;) {
      digitExponent -= 1;
      outputDigit = Number(scaledValue / scale);
      scaledValue %= scale;
      const scaledValueHigh = scaledValue + marginHigh(marginLow);
      low = isEven ? scaledValue <= marginLow : scaledValue < marginLow;
      high = isEven ? scaledValueHigh >= scale : scaledValueHigh > scale;
      if (((low || high) && digitExponent <= cutoffMinExponent) || digitExponent === cutoffMaxExponent) break;
      digits.push(outputDigit);
      scaledValue *= 10n;
      marginLow *= 10n;
    }
  } else {
    for (;;) {
      digitExponent -= 1;
      outputDigit = Number(scaledValue / scale);
      scaledValue %= scale;
      if (scaledValue === 0n || digitExponent === cutoffMaxExponent) break;
      digits.push(outputDigit);
      scaledValue *= 10n;
    }
  }

  // Round the final digit: down if only the low side is in range, up if only
  // the high side is, otherwise to nearest with ties to an even digit.
  let roundDown = low;
  if (low === high) {
    const twice = scaledValue * 2n;
    roundDown = twice < scale;
    if (twice === scale) roundDown = (outputDigit & 1) === 0;
  }
  if (roundDown) {
    digits.push(outputDigit);
  } else if (outputDigit === 9) {
    // Carry through trailing nines; an all-nines prefix becomes "1" one
    // decade higher.
    for (;;) {
      if (digits.length === 0) {
        digits.push(1);
        outExponent += 1;
        break;
      }
      const last = digits.pop()!;
      if (last !== 9) {
        digits.push(last + 1);
        break;
      }
    }
  } else {
    digits.push(outputDigit + 1);
  }
  return { digits: digits.join(''), exponent: outExponent };
}

let fastPathEnabled = true;
const MIN_NORMAL = 2.2250738585072014e-308;

/** Runs `fn` with every digit from the BigInt Dragon4 (tests compare it with the fast path). */
export function withExactDigits<T>(fn: () => T): T {
  fastPathEnabled = false;
  try {
    return fn();
  } finally {
    fastPathEnabled = true;
  }
}

/**
 * What Dragon4's unique mode gives, from the engine's own correctly rounded
 * conversions, in the cases where they provably agree; undefined otherwise
 * (the caller then runs Dragon4). Unique mode yields the shortest
 * round-trip digits (`toExponential()`, which breaks ties between shortest
 * candidates to even as Dragon4 does) unless a cutoff stops it first; then
 * it rounds the exact value at the cutoff to nearest (`toFixed`,
 * `toExponential(n)`), except on an exact tie, where it rounds to even and
 * those round up: ties are left to Dragon4. `x` is finite and positive.
 *
 * The cases, by where the shortest digits' last digit falls against the
 * cutoffs (`maxExponent`: the last digit `precision` allows; `minExponent`:
 * the last digit `minDigits` asks for):
 *
 * | input | path | why it is exact |
 * | --- | --- | --- |
 * | shortest digits end within both cutoffs | `toExponential()` as it is | Dragon4 stops at the shortest round-trip digits too, ties to even alike |
 * | they end before `minExponent`, at most 15 significant digits asked | shortest digits then zeros, or alone when the exact value (`toExponential(100)`) is below them | within 15 digits a double's exact digits are the shortest ones then zeros, or one less then nines that Dragon4 carries back and drops |
 * | they go past `maxExponent`, no possible tie there | `toFixed`/`toExponential(n)`, a carry's trailing zeros dropped | both round the exact value to nearest at the cutoff; they differ only on exact ties (ECMAScript up, Dragon4 to even) |
 * | anything else: zero, subnormal, ≥ 1e21, `minDigits` past `precision`, more than 15 digits asked, a possible tie, a value below the cutoff's resolution, more than 100 places | undefined: Dragon4 | the reasoning above does not hold, or the conversions cannot express it |
 */
function fastDigits(
  x: number,
  fractionCutoff: boolean,
  cutoffMax: number,
  cutoffMin: number,
): Digits | undefined {
  // Subnormals carry too few bits for the "within 15 digits" reasoning below.
  if (!fastPathEnabled || !(x >= MIN_NORMAL) || x >= 1e21) return undefined;
  const shortest = x.toExponential();
  const e = shortest.indexOf('e');
  const digits =
    shortest.length > 1 && shortest[1] === '.' ? shortest[0] + shortest.slice(2, e) : shortest.slice(0, e);
  const exponent = Number(shortest.slice(e + 1));
  const last = exponent - (digits.length - 1);
  // The exponents of the last digit the cutoffs allow and ask for (as Dragon4 computes them).
  const maxExponent =
    cutoffMax < 0 ? Number.NEGATIVE_INFINITY : fractionCutoff ? -cutoffMax : exponent + 1 - cutoffMax;
  const minExponent =
    cutoffMin < 0 ? Number.POSITIVE_INFINITY : fractionCutoff ? -cutoffMin : exponent + 1 - cutoffMin;
  if (minExponent < maxExponent) return undefined;
  if (last >= maxExponent) {
    if (last <= minExponent) return { digits, exponent };
    // Shorter than the digits asked for: Dragon4 goes on with the exact value's digits. Within 15
    // significant digits those are the shortest ones then zeros when the exact value is not below
    // them; below, they are nines that carry back into the shortest digits, and the nines are dropped.
    if (exponent - minExponent > 14) return undefined;
    const precise = x.toExponential(100);
    const at = precise.indexOf('e');
    const notBelow =
      Number(precise.slice(at + 1)) === exponent && (precise[0] + precise.slice(2, at)).startsWith(digits);
    return { digits: notBelow ? digits + '0'.repeat(last - minExponent) : digits, exponent };
  }
  // Longer than the cutoff allows: the exact value rounded there, unless it may be a tie, or the
  // value lies below the cutoff's resolution (Dragon4 clamps where it starts).
  if (exponent < maxExponent || (last === maxExponent - 1 && digits.endsWith('5'))) return undefined;
  const places = fractionCutoff ? -maxExponent : exponent - maxExponent;
  if (places > 100) return undefined;
  const rounded = parseDigits(fractionCutoff ? x.toFixed(places) : x.toExponential(places));
  if (!rounded) return undefined;
  // Dragon4 writes every digit down to the cutoff, except where rounding up carried through
  // nines: those it drops.
  const kept = digits.slice(0, exponent - maxExponent + 1);
  const zeros = rounded.digits.length - rounded.digits.replace(/0+$/, '').length;
  const carried = rounded.exponent > exponent || (zeros > 0 && /^9+$/.test(kept.slice(kept.length - zeros)));
  return carried ? { digits: rounded.digits.replace(/0+$/, ''), exponent: rounded.exponent } : rounded;
}

/** The digits and the exponent of the first one, of `toFixed`/`toExponential` output. */
function parseDigits(text: string): Digits | undefined {
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const point = mantissa.indexOf('.');
  const whole = point < 0 ? mantissa : mantissa.slice(0, point);
  const all = point < 0 ? mantissa : whole + mantissa.slice(point + 1);
  const first = all.search(/[1-9]/);
  if (first < 0) return undefined;
  const digits = all.slice(first);
  const exponent = (e < 0 ? 0 : Number(text.slice(e + 1))) + whole.length - 1 - first;
  return { digits, exponent };
}

/**
 * NumPy's `dragon4_positional(x, ..., fractional=True)`: `ddd.ddd` with the
 * fractional-digit cutoff, trimming and space padding of `FormatPositional`.
 * `value` must be finite.
 */
export function formatPositional(value: number, opt: Dragon4Options & { padRight: number }): string {
  const sign = value < 0 || Object.is(value, -0) ? '-' : opt.plus ? '+' : '';
  const double = (opt.dtype ?? 'float64') === 'float64';
  const { digits, exponent } =
    (double && opt.unique && fastDigits(Math.abs(value), true, opt.precision, opt.minDigits)) ||
    dragon4(decompose(value, opt.dtype), opt.unique, true, opt.precision, opt.minDigits);
  let body: string;
  let numWholeDigits: number;
  let numFractionDigits: number;
  if (exponent >= 0) {
    numWholeDigits = exponent + 1;
    if (digits.length <= numWholeDigits) {
      body = digits + '0'.repeat(numWholeDigits - digits.length);
      numFractionDigits = 0;
    } else {
      body = `${digits.slice(0, numWholeDigits)}.${digits.slice(numWholeDigits)}`;
      numFractionDigits = digits.length - numWholeDigits;
    }
  } else {
    const zeros = -(exponent + 1);
    body = `0.${'0'.repeat(zeros)}${digits}`;
    numWholeDigits = 1;
    numFractionDigits = zeros + digits.length;
  }
  if (opt.trim !== 'dptZeros' && numFractionDigits === 0) body += '.';

  const addDigits = opt.unique ? opt.minDigits : opt.precision;
  const desiredFractionDigits = Math.max(addDigits, 0);
  if (opt.trim === 'leaveOneZero') {
    if (numFractionDigits === 0) {
      body += '0';
      numFractionDigits++;
    }
  } else if (opt.trim === 'none' && desiredFractionDigits > numFractionDigits) {
    body += '0'.repeat(desiredFractionDigits - numFractionDigits);
    numFractionDigits = desiredFractionDigits;
  }

  // Rounding can leave trailing zeros; trim them as the mode asks.
  if (opt.trim !== 'none' && numFractionDigits > 0) {
    while (body.endsWith('0')) {
      body = body.slice(0, -1);
      numFractionDigits--;
    }
    if (body.endsWith('.')) {
      if (opt.trim === 'leaveOneZero') {
        body += '0';
        numFractionDigits++;
      } else if (opt.trim === 'dptZeros') {
        body = body.slice(0, -1);
      }
    }
  }

  let out = sign + body;
  if (opt.padRight >= numFractionDigits) {
    if (opt.trim === 'dptZeros' && numFractionDigits === 0) out += ' ';
    out += ' '.repeat(opt.padRight - numFractionDigits);
  }
  const leftWidth = numWholeDigits + sign.length;
  if (opt.padLeft > leftWidth) out = ' '.repeat(opt.padLeft - leftWidth) + out;
  return out;
}

/**
 * NumPy's `dragon4_scientific`: `d.ddde+XX` as written by `FormatScientific`.
 * `expDigits` is the minimum exponent width (-1 means 2). `value` must be finite.
 */
export function formatScientific(value: number, opt: Dragon4Options & { expDigits: number }): string {
  const sign = value < 0 || Object.is(value, -0) ? '-' : opt.plus ? '+' : '';
  const cutoffMax = opt.precision < 0 ? -1 : opt.precision + 1;
  const cutoffMin = opt.minDigits < 0 ? -1 : opt.minDigits + 1;
  // The fast path's conversions give a double's digits: float32 and float16 always take Dragon4.
  const double = (opt.dtype ?? 'float64') === 'float64';
  const { digits, exponent } =
    (double && opt.unique && fastDigits(Math.abs(value), false, cutoffMax, cutoffMin)) ||
    dragon4(decompose(value, opt.dtype), opt.unique, false, cutoffMax, cutoffMin);
  const leftChars = 1 + sign.length;
  let out = opt.padLeft > leftChars ? ' '.repeat(opt.padLeft - leftChars) : '';
  out += sign + digits[0];
  let fraction = digits.slice(1);
  let hasPoint = fraction.length > 0;
  if (opt.trim !== 'dptZeros' && fraction.length === 0) hasPoint = true;

  const addDigits = Math.max(0, opt.unique ? opt.minDigits : opt.precision);
  if (opt.trim === 'leaveOneZero') {
    if (fraction.length === 0) fraction = '0';
  } else if (opt.trim === 'none' && addDigits > fraction.length) {
    fraction += '0'.repeat(addDigits - fraction.length);
  }
  if (opt.trim !== 'none' && fraction.length > 0) {
    fraction = fraction.replace(/0+$/, '');
    if (opt.trim === 'leaveOneZero' && fraction.length === 0) fraction = '0';
  }
  if (hasPoint) out += `.${fraction}`;

  const expWidth = opt.expDigits < 0 ? 2 : Math.min(opt.expDigits, 5);
  const expSign = exponent >= 0 ? '+' : '-';
  return `${out}e${expSign}${String(Math.abs(exponent)).padStart(expWidth, '0')}`;
}
