import { castPythonNumber, dtypeFromString, isComplexDType, isFloatDType } from '../dtypes';
import { MatError } from '../errors';
import { reserve, tick } from '../limits';
import { type DType, NDArray } from '../ndarray';
import { arrayFromItems, astype, type ListItem } from '../ops';
import { type DTypeValue, isArray, typeName, type Value } from '../values';
import type { BoundArgs } from './registry';

/**
 * Conversions from evaluated arguments to what the numeric kernels take,
 * with Python's and NumPy's messages when an argument has the wrong type.
 */

/** Any array-like (array, scalar, tuple of numbers) as an array. */
export function toArray(value: Value, what = 'argument'): NDArray {
  if (isArray(value)) return value.python ? weakScalar(value) : value;
  if (value.kind === 'tuple' || value.kind === 'list') {
    return arrayFromItems(listItems(value.items, what, new Map()));
  }
  if (value.kind === 'range') {
    const out = new Float64Array(Math.max(0, Math.ceil((value.stop - value.start) / value.step)));
    for (let i = 0; i < out.length; i++) out[i] = value.start + i * value.step;
    return new NDArray(out, [out.length], 'int64');
  }
  if (value.kind === 'printed') {
    throw new MatError(`${what} is the result of print(), which is None`, 'TypeError');
  }
  // An object with NumPy's `__array__` (np.poly1d: its coefficients).
  if (value.kind === 'record' && value.pythonClass?.array) return value.pythonClass.array(value);
  throw new MatError(`${what} must be an array or a number, not ${typeName(value)}`, 'TypeError');
}

/**
 * An array-like converted to `dtype` as `np.array(x, dtype=...)` converts it:
 * the Python numbers in it are range-checked (`np.array([300], dtype=np.uint8)`
 * is an OverflowError), NumPy values are cast as `astype` casts them.
 */
export function toArrayAs(value: Value, dtype: DType, what = 'argument'): NDArray {
  checkPythonNumbers(value, dtype, new Set());
  const array = toArray(value, what);
  return array.dtype === dtype ? array : astype(array, dtype);
}

function checkPythonNumbers(value: Value, dtype: DType, seen: Set<object>): void {
  if (isArray(value)) {
    if (value.python && value.im && !isComplexDType(dtype))
      throw new MatError(
        `${dtype === 'bool' || dtype.startsWith('float') ? 'float' : 'int'}() argument must be a string or a real number, not 'complex'`,
        'TypeError',
      );
    if (value.python) castPythonNumber(value.data[0], value.dtype === 'float64', dtype, value.big);
    return;
  }
  if ((value.kind === 'list' || value.kind === 'tuple') && !seen.has(value)) {
    seen.add(value);
    tick();
    for (const item of value.items) checkPythonNumbers(item, dtype, seen);
  }
}

/**
 * A Python number handed to NumPy: a NumPy scalar of its default dtype,
 * marked weak for promotion (NEP 50) for the duration of the call.
 */
export function weakScalar(value: NDArray): NDArray {
  const scalar = value.im
    ? NDArray.complex(Float64Array.of(value.data[0]), Float64Array.of(value.imag[0]), [], value.dtype)
    : NDArray.scalar(value.data[0], value.dtype);
  scalar.weak = true;
  return scalar;
}

/** A call's result with the weak marks of its own conversions cleared (`np.asarray(5)` returns a plain NumPy scalar). */
export function settled(value: Value): Value {
  if (isArray(value)) value.weak = false;
  else if (value.kind === 'tuple') for (const item of value.items) settled(item);
  return value;
}

/** Nested lists and tuples stay nested until the array is built, so a ragged list gets NumPy's exact message. */
function listItems(items: readonly Value[], what: string, seen: Map<object, ListItem[]>): ListItem[] {
  // Nested sequences can share items (x = (x, x) line after line): each distinct one is converted
  // once, and counted against the size limit, so a structure of 2**30 leaves stops at the limit.
  tick();
  reserve(items.length);
  return items.map((item) => {
    if (isArray(item) || (item.kind !== 'list' && item.kind !== 'tuple')) return toArray(item, what);
    let converted = seen.get(item);
    if (!converted) {
      converted = listItems(item.items, what, seen);
      seen.set(item, converted);
    }
    return converted;
  });
}

/** A Python int (an int or bool scalar); floats are refused as Python refuses them. */
export function toInt(value: Value, what = 'argument'): number {
  if (isArray(value) && value.ndim === 0) {
    if (isFloatDType(value.dtype)) {
      throw new MatError(`'${typeName(value)}' object cannot be interpreted as an integer`, 'TypeError');
    }
    return value.item();
  }
  throw new MatError(`${what} must be an integer, not ${typeName(value)}`, 'TypeError');
}

/** A real number from a scalar of any dtype. */
export function toNumber(value: Value, what = 'argument'): number {
  if (isArray(value) && value.ndim === 0) return value.item();
  if (isArray(value) && value.size === 1) {
    throw new MatError(
      `${what} must be a number, not an array of shape (${value.shape.join(', ')})`,
      'TypeError',
    );
  }
  throw new MatError(`${what} must be a number, not ${typeName(value)}`, 'TypeError');
}

export function toBool(value: Value, what = 'argument'): boolean {
  if (isArray(value) && value.size === 1) return value.data[0] !== 0;
  if (isArray(value)) {
    throw new MatError(
      'The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()',
      'ValueError',
    );
  }
  if (value.kind === 'none') return false;
  throw new MatError(`${what} must be True or False, not ${typeName(value)}`, 'TypeError');
}

/** A shape: an int or a tuple or list of ints. */
export function toShape(value: Value): number[] {
  if (isArray(value) && value.ndim === 0) return [toInt(value)];
  if (isArray(value) && value.ndim === 1) {
    if (isFloatDType(value.dtype)) {
      throw new MatError(`'numpy.${value.dtype}' object cannot be interpreted as an integer`, 'TypeError');
    }
    return Array.from(value.data);
  }
  if (!isArray(value) && (value.kind === 'tuple' || value.kind === 'list')) {
    return value.items.map((item) => toInt(item));
  }
  throw new MatError(`expected a shape (an int or a tuple of ints), not ${typeName(value)}`, 'TypeError');
}

/** An `axis=` argument: None, an int, or a tuple of ints. */
export function toAxis(value: Value | undefined): number | number[] | null {
  if (value === undefined || (!isArray(value) && value.kind === 'none')) return null;
  if (!isArray(value) && value.kind === 'tuple') return value.items.map((item) => toInt(item, 'axis'));
  return toInt(value, 'axis');
}

/** A `dtype=` argument: `float`, `np.float32`, `a.dtype`, `'int8'`, `'f4'`, … */
export function toDType(value: Value | undefined): DType | undefined {
  if (value === undefined || (!isArray(value) && value.kind === 'none')) return undefined;
  if (!isArray(value) && value.kind === 'dtype') return value.dtype;
  if (!isArray(value) && value.kind === 'string') {
    const dtype = dtypeFromString(value.value);
    if (dtype) return dtype;
    throw new MatError(`data type '${value.value}' not understood`, 'TypeError');
  }
  throw new MatError(`Cannot interpret '${typeName(value)}' as a data type`, 'TypeError');
}

export function dtypeValue(dtype: DType, label: string = dtype): DTypeValue {
  return { kind: 'dtype', dtype, label };
}

/** The value of an optional argument, or `undefined` when absent or None. */
export function optional(args: BoundArgs, name: string): Value | undefined {
  const value = args.named.get(name);
  if (value === undefined) return undefined;
  if (!isArray(value) && value.kind === 'none') return undefined;
  return value;
}

/** The value of a required argument (binding already checked it is present). */
export function required(args: BoundArgs, name: string): Value {
  return args.named.get(name) as Value;
}

export function scalar(value: number, dtype: DType): NDArray {
  return NDArray.scalar(value, dtype);
}
