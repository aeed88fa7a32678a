/**
 * The values Python's string formatting receives (`FormatArg`) and what
 * `str()`, `repr()`, `ascii()` and `format(value, spec)` give for each, after
 * CPython 3.11 (`unicode_repr` for str).
 */

import { MatError } from '../errors';
import { complexRepr, floatRepr } from './pythonFloat';
import { isPrintable } from './pythonPrintable';
import { formatBool, formatComplex, formatFloat, formatInt, formatString, intRepr } from './pythonSpec';

/**
 * A value handed to `%`, `str.format` or an f-string field. `other` is any
 * value the caller renders itself (a list, None, a NumPy array or scalar):
 * `str`/`repr` are its texts, `typeName` its Python type name for messages
 * (default 'numpy.ndarray'), `number` its value when it is a real number
 * usable by `%d`/`%f` and format specs (a NumPy scalar), `integer` whether
 * that number is an integer type (has `__index__`: `%x`, `%c`, int specs),
 * and `mapping` whether Python treats it as a mapping in `str % value`
 * (a list or dict: no "not all arguments converted" error).
 */
export type FormatArg =
  | { kind: 'int'; value: number | bigint }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'str'; value: string }
  | { kind: 'complex'; re: number; im: number }
  | {
      kind: 'other';
      str: string;
      repr: string;
      number?: number | bigint;
      typeName?: string;
      integer?: boolean;
      mapping?: boolean;
    };

// --- repr of str ---------------------------------------------------------------

const PLAIN_ASCII = /^[ !#-&(-[\]-~]*$/;

function hexEscape(code: number): string {
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

/** Python's `repr(str)`: quotes chosen as Python does, escapes for what is not printable. */
export function stringRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  if (PLAIN_ASCII.test(s)) return quote + s + quote;
  let out = quote;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x7f) {
      const ch = s[i];
      if (ch === quote || ch === '\\') out += `\\${ch}`;
      else if (c === 9) out += '\\t';
      else if (c === 10) out += '\\n';
      else if (c === 13) out += '\\r';
      else if (c < 32) out += hexEscape(c);
      else out += ch;
      continue;
    }
    let code = c;
    let ch = s[i];
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        code = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        ch = s.slice(i, i + 2);
        i++;
      }
    }
    out += isPrintable(code) ? ch : hexEscape(code);
  }
  return out + quote;
}

/** Python's `ascii()` of a text that is already a repr: every non-ASCII character escaped. */
export function asciiEscape(text: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    const code = text.codePointAt(i)!;
    out += text.slice(last, i) + hexEscape(code);
    if (code > 0xffff) i++;
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

// --- the value protocol ----------------------------------------------------------

export function typeNameOf(arg: FormatArg): string {
  return arg.kind === 'other' ? (arg.typeName ?? 'numpy.ndarray') : arg.kind;
}

/** `str(value)`. */
export function argStr(arg: FormatArg): string {
  switch (arg.kind) {
    case 'int':
      return intRepr(arg.value);
    case 'float':
      return floatRepr(arg.value);
    case 'bool':
      return arg.value ? 'True' : 'False';
    case 'str':
      return arg.value;
    case 'complex':
      return complexRepr(arg.re, arg.im);
    default:
      return arg.str;
  }
}

/** `repr(value)`. */
export function argRepr(arg: FormatArg): string {
  if (arg.kind === 'str') return stringRepr(arg.value);
  return arg.kind === 'other' ? arg.repr : argStr(arg);
}

/** `ascii(value)`. */
export function argAscii(arg: FormatArg): string {
  return asciiEscape(argRepr(arg));
}

/** `format(value, spec)`: what an f-string field or a `str.format` field does with its value. */
export function formatValue(arg: FormatArg, spec: string): string {
  switch (arg.kind) {
    case 'int':
      return formatInt(arg.value, spec);
    case 'float':
      return formatFloat(arg.value, spec);
    case 'bool':
      return formatBool(arg.value, spec);
    case 'str':
      return formatString(arg.value, spec);
    case 'complex':
      return formatComplex(arg.re, arg.im, spec);
    default:
      // NumPy scalars format as the Python int/float they hold (float32 shows all its digits).
      if (arg.number !== undefined && !(arg.integer && spec === '')) {
        return arg.integer ? formatInt(arg.number, spec) : formatFloat(Number(arg.number), spec);
      }
      if (spec === '') return arg.str;
      throw new MatError(`unsupported format string passed to ${typeNameOf(arg)}.__format__`, 'TypeError');
  }
}
