import { printText, reprText } from '../display';
import { isFloatDType, isIntegerDType } from '../dtypes';
import { MatError } from '../errors';
import { type FormatArg, formatValue, percentFormat, strFormat } from '../format/python';
import { NDArray } from '../ndarray';
import type { Value } from '../values';

/**
 * Values as the Python formatting functions take them (format/python.ts):
 * f-string fields, `format(x, spec)`, `str % args` and `str.format`.
 */

/** A value as a formatting argument: Python scalars by kind, anything else by its texts. */
export function formatArg(value: Value): FormatArg {
  if (value instanceof NDArray && value.ndim === 0) {
    if (value.python) {
      if (value.dtype === 'bool') return { kind: 'bool', value: value.data[0] !== 0 };
      if (value.dtype === 'int64') return { kind: 'int', value: value.big ?? value.data[0] };
      if (value.im) return { kind: 'complex', re: value.data[0], im: value.imag[0] };
      return { kind: 'float', value: value.data[0] };
    }
    if (value.im) return { kind: 'complex', re: value.data[0], im: value.imag[0] };
    // NumPy scalars format as the Python number they hold.
    if (isFloatDType(value.dtype)) return { kind: 'float', value: value.data[0] };
    if (isIntegerDType(value.dtype)) return { kind: 'int', value: value.data[0] };
    return { kind: 'other', str: printText(value), repr: reprText(value), number: value.data[0] };
  }
  if (!(value instanceof NDArray) && value.kind === 'string') return { kind: 'str', value: value.value };
  return { kind: 'other', str: printText(value), repr: reprText(value) };
}

/** `format(value, spec)`, an f-string field. */
export function formatWithSpec(value: Value, spec: string): string {
  // A float32 formats as the Python float it holds (f'{np.float32(0.1)}' shows all its digits), unlike its str().
  if (
    spec === '' &&
    !(
      value instanceof NDArray &&
      value.ndim === 0 &&
      !value.python &&
      isFloatDType(value.dtype) &&
      value.dtype !== 'float64'
    )
  )
    return printText(value);
  return formatValue(formatArg(value), spec);
}

/** `template % args` (a tuple spreads; a dict maps `%(name)s`). */
export function percentArgs(template: string, args: Value): string {
  if (!(args instanceof NDArray) && args.kind === 'tuple') {
    return percentFormat(template, args.items.map(formatArg));
  }
  if (!(args instanceof NDArray) && args.kind === 'dict') {
    const map = new Map<string, FormatArg>();
    for (const entry of args.entries.values()) {
      if (!(entry.key instanceof NDArray) && entry.key.kind === 'string') {
        map.set(entry.key.value, formatArg(entry.value));
      }
    }
    return percentFormat(template, map);
  }
  return percentFormat(template, formatArg(args));
}

/** `template.format(*positional, **keywords)`. */
export function formatMethod(
  template: string,
  positional: readonly Value[],
  keywords: ReadonlyMap<string, Value>,
): string {
  const named = new Map<string, FormatArg>();
  for (const [key, value] of keywords) named.set(key, formatArg(value));
  return strFormat(template, positional.map(formatArg), named);
}

/** `!r`, `!s`, `!a` of an f-string field. */
export function convertField(value: Value, conversion: 'r' | 's' | 'a'): Value {
  if (conversion === 's') return { kind: 'string', value: printText(value) };
  const repr = reprText(value);
  if (conversion === 'r') return { kind: 'string', value: repr };
  let ascii = '';
  for (const ch of repr) ascii += (ch.codePointAt(0) ?? 0) > 0x7f ? asciiEscape(ch) : ch;
  return { kind: 'string', value: ascii };
}

function asciiEscape(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

export { MatError };
