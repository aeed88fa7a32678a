/**
 * Python's format-spec mini-language (`format(value, spec)`, f-string fields,
 * `str.format`), after Python/formatter_unicode.c of CPython 3.11:
 * `[[fill]align][sign][z][#][0][width][grouping][.precision][type]` for
 * `str`, `int` (and `bool`), `float` and `complex`, with CPython's messages
 * for every invalid spec.
 */

import { MatError } from '../errors';
import {
  complexRepr,
  DTSF_ADD_DOT_0,
  DTSF_ALT,
  DTSF_NO_NEG_0,
  doubleToString,
  floatRepr,
} from './pythonFloat';
import { codePointLength, codePointPrefix } from './pythonPrintable';

/** A parsed spec (`InternalFormatSpec`). `type` is '' when omitted for float/complex. */
interface Spec {
  fill: string;
  align: string;
  sign: string;
  noNeg0: boolean;
  alternate: boolean;
  width: number;
  /** The grouping separator ('' none) and how many digits per group. */
  separator: string;
  groupSize: number;
  precision: number;
  type: string;
}

const INT_MAX = 2147483647;
/** Beyond this many characters a width or precision is refused rather than built. */
const MAX_OUTPUT = 100_000_000;
const PY_SSIZE_T_MAX = 9223372036854775807n;

const specCache = new Map<string, Spec>();

function valueError(message: string): MatError {
  return new MatError(message, 'ValueError');
}

/** `'%c'` of a code point in CPython's messages: the character when printable ASCII, else `\x..`. */
function codeText(c: string): string {
  const code = c.codePointAt(0)!;
  return code > 32 && code < 128 ? c : `\\x${code.toString(16)}`;
}

function unknownType(type: string, typeName: string): MatError {
  return valueError(`Unknown format code '${codeText(type)}' for object of type '${typeName}'`);
}

function tooBig(what: string): MatError {
  return new MatError(`format ${what} too large (over ${MAX_OUTPUT} characters)`, 'MemoryError');
}

/** Reads a run of decimal digits at `pos` (`get_integer`): [value, next position], value -1 if none. */
function readInteger(chars: readonly string[], pos: number): [number, number] {
  const start = pos;
  while (pos < chars.length && chars[pos] >= '0' && chars[pos] <= '9' && chars[pos].length === 1) pos++;
  if (pos === start) return [-1, pos];
  const text = chars.slice(start, pos).join('');
  if (text.length > 18 && BigInt(text) > PY_SSIZE_T_MAX)
    throw valueError('Too many decimal digits in format string');
  return [Number(text), pos];
}

const ALIGNS = '<>=^';
/** Types that take ',' and '_' every three digits (PEP 378); b o x X take '_' every four (PEP 515). */
const GROUPED_TYPES = new Set(['d', 'e', 'f', 'g', 'E', 'F', 'G', '%', '']);
const FLOAT_TYPES = new Set(['', 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%']);

/**
 * `parse_internal_render_format_spec`. `defaultType` is 's', 'd' or '' and
 * `defaultAlign` '<' (str) or '>' (numbers); `typeName` names the value's
 * type in the "Invalid format specifier" message.
 */
function parseSpec(spec: string, defaultType: string, defaultAlign: string, typeName: string): Spec {
  const key = `${typeName}\u0000${spec}`;
  const cached = specCache.get(key);
  if (cached) return cached;
  const chars = Array.from(spec);
  const end = chars.length;
  let pos = 0;
  let fill = ' ';
  let align = defaultAlign;
  let fillSpecified = false;
  let alignSpecified = false;
  if (end >= 2 && ALIGNS.includes(chars[1])) {
    align = chars[1];
    fill = chars[0];
    fillSpecified = alignSpecified = true;
    pos = 2;
  } else if (end >= 1 && ALIGNS.includes(chars[0])) {
    align = chars[0];
    alignSpecified = true;
    pos = 1;
  }
  let sign = '';
  if (pos < end && (chars[pos] === ' ' || chars[pos] === '+' || chars[pos] === '-')) sign = chars[pos++];
  let noNeg0 = false;
  if (pos < end && chars[pos] === 'z') {
    noNeg0 = true;
    pos++;
  }
  let alternate = false;
  if (pos < end && chars[pos] === '#') {
    alternate = true;
    pos++;
  }
  if (!fillSpecified && pos < end && chars[pos] === '0') {
    fill = '0';
    if (!alignSpecified && defaultAlign === '>') align = '=';
    pos++;
  }
  const [width, afterWidth] = readInteger(chars, pos);
  pos = afterWidth;
  let separator = '';
  if (pos < end && chars[pos] === ',') {
    separator = ',';
    pos++;
  }
  if (pos < end && chars[pos] === '_') {
    if (separator !== '') throw valueError("Cannot specify both ',' and '_'.");
    separator = '_';
    pos++;
  }
  if (pos < end && chars[pos] === ',' && separator === '_')
    throw valueError("Cannot specify both ',' and '_'.");
  let precision = -1;
  if (pos < end && chars[pos] === '.') {
    [precision, pos] = readInteger(chars, pos + 1);
    if (precision < 0) throw valueError('Format specifier missing precision');
  }
  if (end - pos > 1) throw valueError(`Invalid format specifier '${spec}' for object of type '${typeName}'`);
  const type = end - pos === 1 ? chars[pos] : defaultType;
  let groupSize = separator === '' ? 0 : 3;
  if (separator !== '' && !GROUPED_TYPES.has(type)) {
    if (separator === '_' && (type === 'b' || type === 'o' || type === 'x' || type === 'X')) groupSize = 4;
    else throw valueError(`Cannot specify '${separator}' with '${codeText(type)}'.`);
  }
  const parsed: Spec = { fill, align, sign, noNeg0, alternate, width, separator, groupSize, precision, type };
  if (specCache.size >= 512) specCache.clear();
  specCache.set(key, parsed);
  return parsed;
}

/** `_PyUnicode_InsertThousandsGrouping`: digits grouped from the right, zero-padded to `minWidth`. */
function groupDigits(digits: string, minWidth: number, separator: string, size: number): string {
  let remaining = digits.length;
  let out = '';
  let first = true;
  for (;;) {
    // A group of `size` (the last one: whatever is left, or the zeros `minWidth` still asks for).
    const len =
      size > 0 ? Math.min(size, Math.max(remaining, minWidth, 1)) : Math.max(remaining, minWidth, 1);
    const chars = Math.max(0, Math.min(remaining, len));
    const group = digits.slice(remaining - chars, remaining);
    out = (len > chars ? '0'.repeat(len - chars) + group : group) + (first ? '' : separator) + out;
    first = false;
    remaining -= chars;
    minWidth -= len;
    if (size === 0 || (remaining <= 0 && minWidth <= 0)) return out;
    minWidth -= separator.length;
  }
}

/** The pieces of a number before padding: sign, prefix ('0x'), digits to group, and the rest. */
interface NumberParts {
  negative: boolean;
  prefix: string;
  digits: string;
  /** Decimal point, fraction, exponent, '%', or a 'c' character. */
  tail: string;
  tailLength: number;
}

/** `calc_number_widths` + `fill_number`: sign, padding, grouping and alignment of a number. */
function renderNumber(
  p: NumberParts,
  spec: Spec,
  separator: string,
  groupSize: number,
  upper: boolean,
): string {
  const sign = p.negative ? '-' : spec.sign === '+' ? '+' : spec.sign === ' ' ? ' ' : '';
  const nonDigits = sign.length + p.prefix.length + p.tailLength;
  const minWidth = spec.fill === '0' && spec.align === '=' ? spec.width - nonDigits : 0;
  let grouped = p.digits.length === 0 ? '' : groupDigits(p.digits, minWidth, separator, groupSize);
  let prefix = p.prefix;
  if (upper) {
    grouped = grouped.toUpperCase();
    prefix = prefix.toUpperCase();
  }
  const padding = spec.width - (nonDigits + grouped.length);
  if (padding <= 0) return sign + prefix + grouped + p.tail;
  if (spec.width > MAX_OUTPUT) throw tooBig('width');
  switch (spec.align) {
    case '<':
      return sign + prefix + grouped + p.tail + spec.fill.repeat(padding);
    case '^': {
      const left = padding >> 1;
      return spec.fill.repeat(left) + sign + prefix + grouped + p.tail + spec.fill.repeat(padding - left);
    }
    case '=':
      return sign + prefix + spec.fill.repeat(padding) + grouped + p.tail;
    default:
      return spec.fill.repeat(padding) + sign + prefix + grouped + p.tail;
  }
}

/** Splits `doubleToString` output into sign, integer digits and the rest (`parse_number`). */
function numberParts(text: string): NumberParts {
  const negative = text.charCodeAt(0) === 45;
  const start = negative ? 1 : 0;
  let end = start;
  while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
  const tail = text.slice(end);
  return { negative, prefix: '', digits: text.slice(start, end), tail, tailLength: tail.length };
}

/** `calc_padding` + `fill_padding` for text of `length` code points. */
function pad(text: string, length: number, width: number, align: string, fill: string): string {
  if (width <= length) return text;
  if (width > MAX_OUTPUT) throw tooBig('width');
  const total = width - length;
  const left = align === '>' ? total : align === '^' ? total >> 1 : 0;
  return fill.repeat(left) + text + fill.repeat(total - left);
}

/** `format(s, spec)` for a Python str. */
export function formatString(s: string, spec: string): string {
  if (spec === '') return s;
  const f = parseSpec(spec, 's', '<', 'str');
  if (f.type !== 's') throw unknownType(f.type, 'str');
  if (f.sign === ' ') throw valueError('Space not allowed in string format specifier');
  if (f.sign !== '') throw valueError('Sign not allowed in string format specifier');
  if (f.noNeg0) throw valueError('Negative zero coercion (z) not allowed in string format specifier');
  if (f.alternate) throw valueError('Alternate form (#) not allowed in string format specifier');
  if (f.align === '=') throw valueError("'=' alignment not allowed in string format specifier");
  let length = codePointLength(s);
  if (f.precision >= 0 && length > f.precision) {
    s = codePointPrefix(s, f.precision);
    length = f.precision;
  }
  return pad(s, length, f.width, f.align, f.fill);
}

/** A Python int as a JS value: exact digits in `base` of |x| and its sign. */
function intDigits(x: number | bigint, base: number): { negative: boolean; digits: string } {
  if (typeof x === 'number') {
    if (!Number.isInteger(x)) throw new MatError(`not an integer: ${x}`, 'TypeError');
    const a = Math.abs(x);
    return {
      negative: x < 0,
      digits: a <= Number.MAX_SAFE_INTEGER ? a.toString(base) : BigInt(a).toString(base),
    };
  }
  return { negative: x < 0n, digits: (x < 0n ? -x : x).toString(base) };
}

/** Python's `float(int)`: correctly rounded, OverflowError past the largest double. */
export function intToFloat(x: number | bigint): number {
  const v = Number(x);
  if (!Number.isFinite(v)) throw new MatError('int too large to convert to float', 'OverflowError');
  return v;
}

/** Python's `repr(int)`. */
export function intRepr(x: number | bigint): string {
  const { negative, digits } = intDigits(x, 10);
  return negative ? `-${digits}` : digits;
}

function formatIntParsed(x: number | bigint, f: Spec, typeName: string): string {
  switch (f.type) {
    case 'b':
    case 'c':
    case 'd':
    case 'n':
    case 'o':
    case 'x':
    case 'X':
      break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%':
      return formatFloatParsed(intToFloat(x), f);
    default:
      throw unknownType(f.type, typeName);
  }
  if (f.precision !== -1) throw valueError('Precision not allowed in integer format specifier');
  if (f.noNeg0) throw valueError('Negative zero coercion (z) not allowed in integer format specifier');
  if (f.type === 'c') {
    if (f.sign !== '') throw valueError("Sign not allowed with integer format specifier 'c'");
    if (f.alternate) throw valueError("Alternate form (#) not allowed with integer format specifier 'c'");
    const code = Number(x);
    if (code >= 2 ** 63 || code < -(2 ** 63)) {
      throw new MatError('Python int too large to convert to C long', 'OverflowError');
    }
    if (!(code >= 0 && code <= 0x10ffff))
      throw new MatError('%c arg not in range(0x110000)', 'OverflowError');
    const ch = String.fromCodePoint(code);
    return renderNumber(
      { negative: false, prefix: '', digits: '', tail: ch, tailLength: 1 },
      f,
      '',
      0,
      false,
    );
  }
  const base = f.type === 'b' ? 2 : f.type === 'o' ? 8 : f.type === 'x' || f.type === 'X' ? 16 : 10;
  const { negative, digits } = intDigits(x, base);
  const prefix = f.alternate && base !== 10 ? (base === 2 ? '0b' : base === 8 ? '0o' : '0x') : '';
  const separator = f.type === 'n' ? '' : f.separator;
  return renderNumber(
    { negative, prefix, digits, tail: '', tailLength: 0 },
    f,
    separator,
    separator === '' ? 0 : f.groupSize,
    f.type === 'X',
  );
}

/** `format(n, spec)` for a Python int (`typeName` 'bool' for a bool given a non-empty spec). */
export function formatInt(x: number | bigint, spec: string, typeName = 'int'): string {
  if (spec === '') return intRepr(x);
  return formatIntParsed(x, parseSpec(spec, 'd', '>', typeName), typeName);
}

/** `format(b, spec)` for a Python bool: 'True'/'False' with an empty spec, an int otherwise. */
export function formatBool(b: boolean, spec: string): string {
  if (spec === '') return b ? 'True' : 'False';
  return formatInt(b ? 1 : 0, spec, 'bool');
}

function floatFlags(f: Spec): number {
  return (f.alternate ? DTSF_ALT : 0) | (f.noNeg0 ? DTSF_NO_NEG_0 : 0);
}

/** `format_float_internal` for a parsed spec whose type is a float type. */
function formatFloatParsed(x: number, f: Spec): string {
  if (f.precision > INT_MAX) throw valueError('precision too big');
  if (f.precision > MAX_OUTPUT) throw tooBig('precision');
  let type = f.type;
  let flags = floatFlags(f);
  let defaultPrecision = 6;
  if (type === '') {
    flags |= DTSF_ADD_DOT_0;
    type = 'r';
    defaultPrecision = 0;
  }
  if (type === 'n') type = 'g';
  let percent = false;
  if (type === '%') {
    type = 'f';
    x *= 100;
    percent = true;
  }
  let precision = f.precision;
  if (precision < 0) precision = defaultPrecision;
  else if (type === 'r') type = 'g';
  let text = doubleToString(x, type, precision, flags);
  if (percent) text += '%';
  if (f.sign !== '+' && f.sign !== ' ' && f.width === -1 && f.type !== 'n' && f.separator === '') return text;
  return renderNumber(numberParts(text), f, f.type === 'n' ? '' : f.separator, f.type === 'n' ? 0 : 3, false);
}

/** `format(x, spec)` for a Python float. */
export function formatFloat(x: number, spec: string): string {
  if (spec === '') return floatRepr(x);
  const f = parseSpec(spec, '', '>', 'float');
  if (!FLOAT_TYPES.has(f.type)) throw unknownType(f.type, 'float');
  return formatFloatParsed(x, f);
}

/** `format(z, spec)` for a Python complex. */
export function formatComplex(re: number, im: number, spec: string): string {
  if (spec === '') return complexRepr(re, im);
  const f = parseSpec(spec, '', '>', 'complex');
  if (!FLOAT_TYPES.has(f.type) || f.type === '%') throw unknownType(f.type, 'complex');
  if (f.precision > INT_MAX) throw valueError('precision too big');
  if (f.precision > MAX_OUTPUT) throw tooBig('precision');
  if (f.fill === '0') throw valueError('Zero padding is not allowed in complex format specifier');
  if (f.align === '=') throw valueError("'=' alignment flag is not allowed in complex format specifier");
  let type = f.type;
  const flags = floatFlags(f);
  let defaultPrecision = 6;
  let skipRe = false;
  let parens = false;
  if (type === '') {
    type = 'r';
    defaultPrecision = 0;
    if (re === 0 && !Object.is(re, -0)) skipRe = true;
    else parens = true;
  }
  if (type === 'n') type = 'g';
  let precision = f.precision;
  if (precision < 0) precision = defaultPrecision;
  else if (type === 'r') type = 'g';
  const separator = f.type === 'n' ? '' : f.separator;
  const groupSize = separator === '' ? 0 : 3;
  const plain: Spec = { ...f, fill: ' ', align: '<', width: -1 };
  const reText = skipRe
    ? ''
    : renderNumber(
        numberParts(doubleToString(re, type, precision, flags)),
        plain,
        separator,
        groupSize,
        false,
      );
  const imSpec = skipRe ? plain : { ...plain, sign: '+' };
  const imText = renderNumber(
    numberParts(doubleToString(im, type, precision, flags)),
    imSpec,
    separator,
    groupSize,
    false,
  );
  const body = parens ? `(${reText}${imText}j)` : `${reText}${imText}j`;
  return pad(body, body.length, f.width, f.align, f.fill);
}
