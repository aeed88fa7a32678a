/**
 * Python's `template % args` (`PyUnicode_Format` in CPython 3.11's
 * Objects/unicodeobject.c), ported step by step: `%(key)` lookups, flags
 * `-+ #0`, `*` widths and precisions, conversions d i u o x X e E f F g G c
 * r s a, and CPython's errors.
 */

import { MatError } from '../errors';
import { DTSF_ALT, doubleToString } from './pythonFloat';
import { codePointLength, codePointPrefix } from './pythonPrintable';
import { intToFloat } from './pythonSpec';
import { argAscii, argRepr, argStr, type FormatArg, stringRepr, typeNameOf } from './pythonValue';

const F_LJUST = 1;
const F_SIGN = 2;
const F_BLANK = 4;
const F_ALT = 8;
const F_ZERO = 16;
const INT_MAX = 2147483647;
const MAX_OUTPUT = 100_000_000;
const SSIZE_MAX = 9223372036854775807n;

function typeError(message: string): MatError {
  return new MatError(message, 'TypeError');
}

function keyError(key: string): MatError {
  return new MatError(stringRepr(key), 'KeyError');
}

/** Python's `dict` repr of a mapping of str keys (the mapping itself used as a `%s` argument). */
function mappingArg(map: ReadonlyMap<string, FormatArg>): FormatArg {
  const items = [...map].map(([k, v]) => `${stringRepr(k)}: ${argRepr(v)}`);
  const text = `{${items.join(', ')}}`;
  return { kind: 'other', str: text, repr: text, typeName: 'dict', mapping: true };
}

function wrongType(arg: FormatArg, type: string, indexOnly: boolean): MatError {
  const wanted = indexOnly ? 'an integer' : 'a real number';
  return typeError(`%${type} format: ${wanted} is required, not ${typeNameOf(arg)}`);
}

/** `int(value)` for `%d`-style conversions (`mainformatlong`). */
function percentInteger(arg: FormatArg, type: string): number | bigint {
  const indexOnly = type === 'o' || type === 'x' || type === 'X';
  let x: number | bigint;
  switch (arg.kind) {
    case 'int':
      return arg.value;
    case 'bool':
      return arg.value ? 1 : 0;
    case 'float':
      if (indexOnly) throw wrongType(arg, type, indexOnly);
      x = arg.value;
      break;
    case 'other':
      if (arg.number === undefined || (indexOnly && !arg.integer)) throw wrongType(arg, type, indexOnly);
      x = arg.number;
      break;
    default:
      throw wrongType(arg, type, indexOnly);
  }
  if (typeof x === 'bigint') return x;
  if (Number.isNaN(x)) throw new MatError('cannot convert float NaN to integer', 'ValueError');
  if (!Number.isFinite(x)) throw new MatError('cannot convert float infinity to integer', 'OverflowError');
  x = Math.trunc(x);
  return Number.isSafeInteger(x) ? x : BigInt(x);
}

/** `float(value)` for `%f`-style conversions (`PyFloat_AsDouble`). */
function percentFloat(arg: FormatArg): number {
  switch (arg.kind) {
    case 'float':
      return arg.value;
    case 'int':
      return intToFloat(arg.value);
    case 'bool':
      return arg.value ? 1 : 0;
    case 'other':
      if (arg.number !== undefined) return Number(arg.number);
      break;
  }
  throw typeError(`must be real number, not ${typeNameOf(arg)}`);
}

/** `formatchar`: the character of `%c`. */
function percentChar(arg: FormatArg): string {
  let code: number;
  if (arg.kind === 'str') {
    if (codePointLength(arg.value) === 1) return arg.value;
    throw typeError('%c requires int or char');
  }
  if (arg.kind === 'int') code = Number(arg.value);
  else if (arg.kind === 'bool') code = arg.value ? 1 : 0;
  else if (arg.kind === 'other' && arg.integer && arg.number !== undefined) code = Number(arg.number);
  else throw typeError('%c requires int or char');
  if (!(code >= 0 && code <= 0x10ffff)) throw new MatError('%c arg not in range(0x110000)', 'OverflowError');
  return String.fromCodePoint(code);
}

/** `_PyUnicode_FormatLong`: digits, `#` prefix and precision zeros of `%d %o %x %X`. */
function percentLong(v: number | bigint, alt: boolean, prec: number, type: string): string {
  const base = type === 'o' ? 8 : type === 'x' || type === 'X' ? 16 : 10;
  const negative = v < 0;
  const abs = typeof v === 'bigint' ? (negative ? -v : v) : Math.abs(v);
  let digits = abs.toString(base);
  if (prec > digits.length) {
    if (prec > MAX_OUTPUT)
      throw new MatError(`format precision too large (over ${MAX_OUTPUT})`, 'MemoryError');
    digits = '0'.repeat(prec - digits.length) + digits;
  }
  const prefix = alt && base !== 10 ? (base === 8 ? '0o' : '0x') : '';
  const text = (negative ? '-' : '') + prefix + digits;
  return type === 'X' ? text.toUpperCase() : text;
}

/** `unicode_format_arg_output`: sign, `#` prefix, zero or space padding, justification. */
function percentOutput(
  str: string,
  ch: string,
  flags: number,
  width: number,
  prec: number,
  sign: boolean,
): string {
  const fill = sign && flags & F_ZERO ? '0' : ' ';
  let len = codePointLength(str);
  if ((width === -1 || width <= len) && (prec === -1 || prec >= len) && !(flags & (F_SIGN | F_BLANK)))
    return str;
  if ((ch === 's' || ch === 'r' || ch === 'a') && prec >= 0 && len > prec) {
    str = codePointPrefix(str, prec);
    len = prec;
  }
  if (width > MAX_OUTPUT) throw new MatError(`format width too large (over ${MAX_OUTPUT})`, 'MemoryError');
  let at = 0;
  let signChar = '';
  if (sign) {
    const first = str[0];
    if (first === '-' || first === '+') {
      signChar = first;
      len--;
      at++;
    } else if (flags & F_SIGN) signChar = '+';
    else if (flags & F_BLANK) signChar = ' ';
    else sign = false;
  }
  if (width < len) width = len;
  let out = '';
  if (sign) {
    if (fill !== ' ') out += signChar;
    if (width > len) width--;
  }
  const altPrefix = (flags & F_ALT) !== 0 && (ch === 'x' || ch === 'X' || ch === 'o');
  if (altPrefix) {
    if (fill !== ' ') out += str.slice(at, at + 2);
    at += 2;
    width = Math.max(0, width - 2);
    len -= 2;
  }
  if (width > len && !(flags & F_LJUST)) {
    out += fill.repeat(width - len);
    width = len;
  }
  if (fill === ' ') {
    if (sign) out += signChar;
    if (altPrefix) out += str.slice(at - 2, at);
  }
  out += str.slice(at);
  if (width > len) out += ' '.repeat(width - len);
  return out;
}

/** A `*` width or precision argument: Python wants an int. */
function starValue(arg: FormatArg, max: bigint, cType: string): number {
  let v: number | bigint;
  if (arg.kind === 'int') v = arg.value;
  else if (arg.kind === 'bool') v = arg.value ? 1 : 0;
  else throw typeError('* wants int');
  if (v > max || v < -max - 1n) {
    throw new MatError(`Python int too large to convert to C ${cType}`, 'OverflowError');
  }
  return Number(v);
}

/** Where `%` is in its arguments (`arglen` -1: one value, not a tuple). */
interface ArgState {
  single: FormatArg | undefined;
  tuple: readonly FormatArg[] | undefined;
  arglen: number;
  argidx: number;
}

/** `unicode_format_getnextarg`. */
function nextArg(state: ArgState): FormatArg {
  if (state.argidx < state.arglen) {
    state.argidx++;
    return state.arglen < 0 ? state.single! : state.tuple![state.argidx - 1];
  }
  throw typeError('not enough arguments for format string');
}

/**
 * Python's `template % args`: `args` is one value, a tuple (an array), or a
 * mapping for `%(name)s` (a Map; `%s` without a name then shows the mapping
 * as a dict).
 */
export function percentFormat(
  template: string,
  args: FormatArg | readonly FormatArg[] | ReadonlyMap<string, FormatArg>,
): string {
  const state: ArgState = { single: undefined, tuple: undefined, arglen: -1, argidx: -2 };
  let dict: ReadonlyMap<string, FormatArg> | undefined;
  let listLike: FormatArg | undefined;
  if (Array.isArray(args)) {
    state.tuple = args as readonly FormatArg[];
    state.arglen = state.tuple.length;
    state.argidx = 0;
  } else if (args instanceof Map) {
    dict = args as ReadonlyMap<string, FormatArg>;
    state.single = mappingArg(dict);
  } else {
    state.single = args as FormatArg;
    if (state.single.kind === 'other' && state.single.mapping) listLike = state.single;
  }

  const s = template;
  const n = s.length;
  let out = '';
  let pos = 0;
  let cnt = n;
  while (--cnt >= 0) {
    if (s.charCodeAt(pos) !== 37) {
      let next = s.indexOf('%', pos + 1);
      if (next < 0) next = n;
      out += s.slice(pos, next);
      cnt -= next - pos - 1;
      pos = next;
      continue;
    }
    pos++;
    let ch = pos < n ? s[pos] : '\0';
    if (ch === '%') {
      pos++;
      cnt--;
      out += '%';
      continue;
    }
    let flags = 0;
    let width = -1;
    let prec = -1;
    if (ch === '(') {
      if (!dict && !listLike) throw typeError('format requires a mapping');
      pos++;
      cnt--;
      const keyStart = pos;
      let depth = 1;
      while (depth > 0 && --cnt >= 0) {
        const c = s[pos];
        if (c === ')') depth--;
        else if (c === '(') depth++;
        pos++;
      }
      if (cnt < 0 || depth > 0) throw new MatError('incomplete format key', 'ValueError');
      const key = s.slice(keyStart, pos - 1);
      if (!dict) throw typeError(`${typeNameOf(listLike!)} indices must be integers or slices, not str`);
      const value = dict.get(key);
      if (value === undefined) throw keyError(key);
      state.single = value;
      state.tuple = undefined;
      state.arglen = -1;
      state.argidx = -2;
    }
    while (--cnt >= 0) {
      ch = s[pos++];
      if (ch === '-') flags |= F_LJUST;
      else if (ch === '+') flags |= F_SIGN;
      else if (ch === ' ') flags |= F_BLANK;
      else if (ch === '#') flags |= F_ALT;
      else if (ch === '0') flags |= F_ZERO;
      else break;
    }
    if (ch === '*') {
      width = starValue(nextArg(state), SSIZE_MAX, 'ssize_t');
      if (width < 0) {
        flags |= F_LJUST;
        width = -width;
      }
      if (--cnt >= 0) ch = s[pos++];
    } else if (ch >= '0' && ch <= '9') {
      width = ch.charCodeAt(0) - 48;
      while (--cnt >= 0) {
        ch = s[pos++];
        if (ch < '0' || ch > '9') break;
        width = width * 10 + ch.charCodeAt(0) - 48;
        if (width > Number.MAX_SAFE_INTEGER) throw new MatError('width too big', 'ValueError');
      }
    }
    if (ch === '.') {
      prec = 0;
      if (--cnt >= 0) ch = s[pos++];
      if (ch === '*') {
        prec = Math.max(0, starValue(nextArg(state), 2147483647n, 'int'));
        if (--cnt >= 0) ch = s[pos++];
      } else if (ch >= '0' && ch <= '9') {
        prec = ch.charCodeAt(0) - 48;
        while (--cnt >= 0) {
          ch = s[pos++];
          if (ch < '0' || ch > '9') break;
          if (prec > (INT_MAX - (ch.charCodeAt(0) - 48)) / 10) {
            throw new MatError('precision too big', 'ValueError');
          }
          prec = prec * 10 + ch.charCodeAt(0) - 48;
        }
      }
    }
    if (cnt >= 0 && (ch === 'h' || ch === 'l' || ch === 'L')) {
      if (--cnt >= 0) ch = s[pos++];
    }
    if (cnt < 0) throw new MatError('incomplete format', 'ValueError');

    const arg = nextArg(state);
    let text: string;
    let sign = false;
    switch (ch) {
      case 's':
        text = argStr(arg);
        break;
      case 'r':
        text = argRepr(arg);
        break;
      case 'a':
        text = argAscii(arg);
        break;
      case 'i':
      case 'd':
      case 'u':
      case 'o':
      case 'x':
      case 'X':
        text = percentLong(percentInteger(arg, ch), (flags & F_ALT) !== 0, prec, ch);
        sign = true;
        break;
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
        if (prec > MAX_OUTPUT)
          throw new MatError(`format precision too large (over ${MAX_OUTPUT})`, 'MemoryError');
        text = doubleToString(percentFloat(arg), ch, prec < 0 ? 6 : prec, flags & F_ALT ? DTSF_ALT : 0);
        sign = true;
        break;
      case 'c':
        text = percentChar(arg);
        break;
      default: {
        const code = s.codePointAt(pos - 1)!;
        const shown = code >= 31 && code <= 126 ? String.fromCharCode(code) : '?';
        const index = codePointLength(s.slice(0, pos - 1));
        throw new MatError(
          `unsupported format character '${shown}' (0x${code.toString(16)}) at index ${index}`,
          'ValueError',
        );
      }
    }
    out += percentOutput(text, ch, flags, width, prec, sign);
  }
  if (state.argidx < state.arglen && !dict && !listLike) {
    throw typeError('not all arguments converted during string formatting');
  }
  return out;
}
