import type { CallContext } from '../builtins';
import { toArray, toArrayAs } from '../builtins/convert';
import { castPythonNumber, isComplexDType, isFloatDType, isIntegerDType, isIntegral } from '../dtypes';
import { MatError } from '../errors';
import { fitsInt64, INT64_OVERFLOW } from '../int64';
import { NDArray } from '../ndarray';
import { astype } from '../ops';
import type { Complex } from '../ops/complexMath';
import {
  type DTypeValue,
  type ExceptionValue,
  pyBool,
  pyComplex,
  pyFloat,
  pyInt,
  typeName,
  type Value,
} from '../values';
import { intFromBig } from './pyarith';
import { asComplex } from './pycomplex';
import { truthy } from './pyops';

/**
 * Calling a type: Python's `int(x)`, `float(x)`, `bool(x)` (strings
 * parsed, floats truncated, with Python's errors), NumPy's scalar types
 * (`np.float64(x)`), and exception classes (`ValueError('bad')`).
 */

const EXCEPTIONS = [
  'Exception',
  'ValueError',
  'TypeError',
  'IndexError',
  'KeyError',
  'ZeroDivisionError',
  'RuntimeError',
  'AssertionError',
  'ArithmeticError',
  'NotImplementedError',
  'AttributeError',
  'NameError',
  'OverflowError',
  'StopIteration',
  'LookupError',
] as const;

/** A bare exception class name's value. */
export function exceptionClass(name: string): ExceptionValue | undefined {
  return (EXCEPTIONS as readonly string[]).includes(name)
    ? { kind: 'exception', pythonType: name, message: '', instance: false }
    : undefined;
}

export function isPythonType(value: Value): boolean {
  return !(value instanceof NDArray) && value.kind === 'exception' && !value.instance;
}

export function callType(
  callee: Value,
  positional: readonly Value[],
  keywords: ReadonlyMap<string, Value>,
  _ctx: CallContext,
): Value {
  if (callee instanceof NDArray)
    throw new MatError(`'${typeName(callee)}' object is not callable`, 'TypeError');
  if (callee.kind === 'exception') {
    if (callee.instance) throw new MatError(`'${callee.pythonType}' object is not callable`, 'TypeError');
    const message =
      positional.length === 1 && !(positional[0] instanceof NDArray) && positional[0].kind === 'string'
        ? positional[0].value
        : positional.length === 0
          ? ''
          : positional.map((v) => (v instanceof NDArray ? String(v.data[0]) : typeName(v))).join(', ');
    return { kind: 'exception', pythonType: callee.pythonType, message, instance: true };
  }
  if (callee.kind !== 'dtype')
    throw new MatError(`'${typeName(callee)}' object is not callable`, 'TypeError');
  if (callee.label === 'complex') return complexOf(positional, keywords);
  if (isComplexDType(callee.dtype)) return numpyComplex(callee, positional, keywords);
  if (keywords.size > 0) throw new MatError(`${callee.label}() takes no keyword arguments`, 'TypeError');
  if (callee.label === 'int' && positional.length === 2) return intWithBase(positional[0], positional[1]);
  if (positional.length > 1) {
    throw new MatError(
      `${callee.label}() takes at most ${callee.label === 'int' ? 2 : 1} argument${callee.label === 'int' ? 's' : ''} (${positional.length} given)`,
      'TypeError',
    );
  }
  const python = callee.label === 'int' || callee.label === 'float' || callee.label === 'bool';
  if (positional.length === 0) {
    const zero = NDArray.scalar(0, callee.dtype);
    if (python) zero.python = true;
    return python
      ? callee.dtype === 'bool'
        ? pyBool(false)
        : callee.dtype === 'int64'
          ? pyInt(0)
          : pyFloat(0)
      : zero;
  }
  const arg = positional[0];
  if (python) return pythonConversion(callee, arg);
  return numpyConversion(callee, arg);
}

function pythonConversion(callee: DTypeValue, arg: Value): Value {
  if (callee.dtype === 'bool') return pyBool(truthy(arg));
  if (!(arg instanceof NDArray) && arg.kind === 'string') return parseNumber(callee, arg.value);
  if (!(arg instanceof NDArray)) {
    throw new MatError(
      `${callee.label}() argument must be a string or a real number, not '${typeName(arg)}'`,
      'TypeError',
    );
  }
  if (arg.ndim > 0) {
    throw new MatError('only 0-dimensional arrays can be converted to Python scalars', 'TypeError');
  }
  if (arg.python && arg.im) {
    throw new MatError(
      callee.label === 'int'
        ? "int() argument must be a string, a bytes-like object or a real number, not 'complex'"
        : "float() argument must be a string or a real number, not 'complex'",
      'TypeError',
    );
  }
  const x = arg.data[0];
  if (callee.dtype === 'float64') return pyFloat(x);
  if (arg.big !== undefined) return intFromBig(arg.big);
  if (Number.isNaN(x)) throw new MatError('cannot convert float NaN to integer', 'ValueError');
  if (!Number.isFinite(x)) throw new MatError('cannot convert float infinity to integer', 'OverflowError');
  const t = Math.trunc(x);
  return Number.isSafeInteger(t) ? pyInt(t === 0 ? 0 : t) : intFromBig(BigInt(t));
}

/** Python's `complex(real=0, imag=0)` (complexobject.c's complex_new): either may itself be complex, or the first a string. */
function complexOf(positional: readonly Value[], keywords: ReadonlyMap<string, Value>): Value {
  if (positional.length > 2)
    throw new MatError(`complex() takes at most 2 arguments (${positional.length} given)`, 'TypeError');
  const args = new Map<string, Value>();
  positional.forEach((value, i) => {
    args.set(i === 0 ? 'real' : 'imag', value);
  });
  for (const [name, value] of keywords) {
    if (name !== 'real' && name !== 'imag')
      throw new MatError(`complex() got an unexpected keyword argument '${name}'`, 'TypeError');
    if (args.has(name))
      throw new MatError(
        `argument for complex() given by name ('${name}') and position (${name === 'real' ? 1 : 2})`,
        'TypeError',
      );
    args.set(name, value);
  }
  const r = args.get('real');
  const i = args.get('imag');
  if (r !== undefined && !(r instanceof NDArray) && r.kind === 'string') {
    if (i !== undefined)
      throw new MatError("complex() can't take second arg if first is a string", 'TypeError');
    return parseComplex(r.value);
  }
  if (i !== undefined && !(i instanceof NDArray) && i.kind === 'string')
    throw new MatError("complex() second arg can't be a string", 'TypeError');
  const part = (value: Value | undefined, which: string): Complex => {
    if (value === undefined) return { re: 0, im: 0 };
    if (!(value instanceof NDArray) || value.ndim !== 0)
      throw new MatError(
        `complex() ${which} argument must be a ${which === 'first' ? 'string or a ' : ''}number, not '${typeName(value)}'`,
        'TypeError',
      );
    return asComplex(value);
  };
  const cr = part(r, 'first');
  const ci = part(i, 'second');
  const rIsComplex = r instanceof NDArray && r.im !== undefined;
  const iIsComplex = i instanceof NDArray && i.im !== undefined;
  let re = cr.re;
  let im = i === undefined ? cr.im : ci.re;
  if (iIsComplex) re -= ci.im;
  if (rIsComplex && i !== undefined) im += cr.im;
  return pyComplex(re, im);
}

const REAL_NUMBER = String.raw`(?:(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:e[+-]?\d(?:_?\d)*)?|inf(?:inity)?|nan)`;
const COMPLEX_TEXT = new RegExp(
  `^(?:([+-]?${REAL_NUMBER})|([+-]?${REAL_NUMBER})?([+-]${REAL_NUMBER}?)j|([+-]?${REAL_NUMBER}?)j)$`,
  'i',
);

/** `complex('1+2j')`: Python's syntax for a complex in a string, parentheses and spaces allowed around it. */
function parseComplex(text: string): Value {
  let s = text.trim();
  if (s.startsWith('(') && s.endsWith(')')) s = s.slice(1, -1).trim();
  const m = COMPLEX_TEXT.exec(s);
  if (!m) throw new MatError('complex() arg is a malformed string', 'ValueError');
  const num = (t: string): number => {
    const u = t.replace(/_/g, '').toLowerCase();
    const sign = u.startsWith('-') ? -1 : 1;
    const body = u.replace(/^[+-]/, '');
    if (body === '') return sign;
    if (body.startsWith('inf')) return sign * Number.POSITIVE_INFINITY;
    if (body === 'nan') return Number.NaN;
    return sign * Number(body);
  };
  if (m[1] !== undefined) return pyComplex(num(m[1]), 0);
  if (m[3] !== undefined) return pyComplex(m[2] === undefined ? 0 : num(m[2]), num(m[3]));
  return pyComplex(0, num(m[4] ?? ''));
}

function parseNumber(callee: DTypeValue, text: string): Value {
  const s = text.trim().replace(/(\d)_(?=\d)/g, '$1');
  if (callee.dtype === 'int64') {
    if (!/^[+-]?\d+$/.test(s)) {
      throw new MatError(`invalid literal for int() with base 10: ${quote(text)}`, 'ValueError');
    }
    return intFromBig(BigInt(s));
  }
  const lower = s.toLowerCase();
  const special: Record<string, number> = {
    inf: Infinity,
    '+inf': Infinity,
    '-inf': -Infinity,
    infinity: Infinity,
    '+infinity': Infinity,
    '-infinity': -Infinity,
    nan: Number.NaN,
    '+nan': Number.NaN,
    '-nan': Number.NaN,
  };
  if (Object.hasOwn(special, lower)) return pyFloat(special[lower]);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) {
    throw new MatError(`could not convert string to float: ${quote(text)}`, 'ValueError');
  }
  return pyFloat(Number(s));
}

/** `int('ff', 16)`: Python's digits for bases 2 to 36 (and 0: from the prefix). */
function intWithBase(value: Value, baseValue: Value): Value {
  if (value instanceof NDArray || value.kind !== 'string') {
    throw new MatError("int() can't convert non-string with explicit base", 'TypeError');
  }
  if (!(baseValue instanceof NDArray) || baseValue.dtype === 'float64') {
    throw new MatError(`'${typeName(baseValue)}' object cannot be interpreted as an integer`, 'TypeError');
  }
  let base = baseValue.data[0];
  if (base !== 0 && (base < 2 || base > 36))
    throw new MatError('int() base must be >= 2 and <= 36, or 0', 'ValueError');
  let s = value.value.trim().replace(/_/g, '').toLowerCase();
  const sign = s.startsWith('-') ? -1n : 1n;
  s = s.replace(/^[+-]/, '');
  const prefixes: Record<string, number> = { '0x': 16, '0o': 8, '0b': 2 };
  const prefix = s.slice(0, 2);
  if (Object.hasOwn(prefixes, prefix) && (base === 0 || base === prefixes[prefix])) {
    base = prefixes[prefix];
    s = s.slice(2);
  } else if (base === 0) base = 10;
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, base);
  if (s === '' || [...s].some((c) => !digits.includes(c))) {
    throw new MatError(
      `invalid literal for int() with base ${baseValue.data[0]}: ${quote(value.value)}`,
      'ValueError',
    );
  }
  let n = 0n;
  for (const c of s) n = n * BigInt(base) + BigInt(digits.indexOf(c));
  return intFromBig(sign * n);
}

function quote(text: string): string {
  return text.includes("'") && !text.includes('"') ? `"${text}"` : `'${text.replace(/'/g, "\\'")}'`;
}

/** `np.complex128(x)`, `np.complex128(re, im)`: Python's complex() made a NumPy scalar; an array argument is converted element-wise. */
function numpyComplex(
  callee: DTypeValue,
  positional: readonly Value[],
  keywords: ReadonlyMap<string, Value>,
): Value {
  const arg = positional[0];
  if (positional.length === 1 && keywords.size === 0 && arg instanceof NDArray && !arg.python && arg.ndim > 0)
    return astype(arg, callee.dtype);
  if (
    positional.length === 1 &&
    keywords.size === 0 &&
    arg !== undefined &&
    !(arg instanceof NDArray) &&
    arg.kind !== 'string'
  )
    return toArrayAs(arg, callee.dtype);
  const z = complexOf(positional, keywords) as NDArray;
  return astype(
    z.python ? NDArray.complex(z.data.slice(), z.imag.slice(), [], 'complex128') : z,
    callee.dtype,
  );
}

function numpyConversion(callee: DTypeValue, arg: Value): Value {
  if (!(arg instanceof NDArray) && arg.kind === 'string') {
    const parsed = parseNumber(
      { ...callee, label: isIntegral(callee.dtype) ? 'int' : 'float' },
      arg.value,
    ) as NDArray;
    return NDArray.scalar(castPythonNumber(parsed.data[0], false, callee.dtype, parsed.big), callee.dtype);
  }
  if (arg instanceof NDArray && arg.python) {
    // A Python number: range-checked (np.uint8(300) is an OverflowError, not 44).
    const isFloat = arg.dtype === 'float64';
    return NDArray.scalar(castPythonNumber(arg.data[0], isFloat, callee.dtype, arg.big), callee.dtype);
  }
  const array = toArray(arg);
  if (array.ndim > 0) return toArrayAs(arg, callee.dtype);
  if (isIntegerDType(callee.dtype) && isFloatDType(array.dtype)) {
    const x = array.data[0];
    if (Number.isNaN(x)) throw new MatError('cannot convert float NaN to integer', 'ValueError');
    if (!Number.isFinite(x)) throw new MatError('cannot convert float infinity to integer', 'OverflowError');
    if (callee.dtype === 'int64' && !fitsInt64(Math.trunc(x)))
      throw new MatError(INT64_OVERFLOW, 'OverflowError');
  }
  return astype(NDArray.scalar(array.data[0], array.dtype), callee.dtype);
}
