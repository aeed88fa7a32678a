import type { Expr, Param } from './ast';
import { type DType, NDArray } from './ndarray';

/**
 * Every value a `.mat` statement can produce. Arrays (and NumPy scalars, as
 * 0-d arrays) are `NDArray`s; the rest are small tagged records.
 */
export type Value =
  | NDArray
  | TupleValue
  | NoneValue
  | StringValue
  | DTypeValue
  | FunctionValue
  | BuiltinValue
  | ModuleValue
  | RecordValue
  | PrintedValue
  | MethodValue;

/** `a.sum` without a call yet: a method bound to its array. */
export interface MethodValue {
  readonly kind: 'method';
  readonly self: NDArray;
  readonly name: string;
}

/** `a.shape`, `(4, 3)`. */
export interface TupleValue {
  readonly kind: 'tuple';
  readonly items: readonly Value[];
}

export interface NoneValue {
  readonly kind: 'none';
}

export interface StringValue {
  readonly kind: 'string';
  readonly value: string;
}

/** `a.dtype`, `float`, `np.int64`: a dtype specifier. */
export interface DTypeValue {
  readonly kind: 'dtype';
  readonly dtype: DType;
  /** How the user named it (`float`, `np.float64`), for display. */
  readonly label: string;
}

/** A `lambda` or a one-line `def`. */
export interface FunctionValue {
  readonly kind: 'function';
  readonly name: string;
  readonly params: readonly Param[];
  readonly body: Expr;
  /** Values of enclosing lambda parameters, captured when the lambda was made. */
  readonly closure: ReadonlyMap<string, Value> | undefined;
  /** Defaults evaluated when the function was defined, as Python does. */
  readonly defaults: ReadonlyMap<string, Value>;
}

export interface BuiltinValue {
  readonly kind: 'builtin';
  /** Qualified name, e.g. `linalg.pinv`. */
  readonly name: string;
}

/** `np`, `np.linalg`, `np.random`. */
export interface ModuleValue {
  readonly kind: 'module';
  /** `numpy`, `numpy.linalg`, `numpy.random`. */
  readonly name: string;
}

/** A result with named fields, such as `train(...)`'s: `net.output`. */
export interface RecordValue {
  readonly kind: 'record';
  readonly typeName: string;
  readonly fields: ReadonlyMap<string, Value>;
}

/** What `print(a, b)` shows: its values and the exact text print writes. */
export interface PrintedValue {
  readonly kind: 'printed';
  readonly values: readonly Value[];
}

export const NONE: NoneValue = { kind: 'none' };

export function isArray(value: Value): value is NDArray {
  return value instanceof NDArray;
}

/** Python's name for a value's type, as used in error messages. */
export function typeName(value: Value): string {
  if (value instanceof NDArray) {
    if (value.ndim > 0) return 'numpy.ndarray';
    return value.dtype === 'bool' ? 'bool' : value.dtype === 'int64' ? 'int' : 'float';
  }
  switch (value.kind) {
    case 'tuple':
      return 'tuple';
    case 'none':
      return 'NoneType';
    case 'string':
      return 'str';
    case 'dtype':
      return 'type';
    case 'function':
      return 'function';
    case 'builtin':
      return 'builtin_function_or_method';
    case 'module':
      return 'module';
    case 'record':
      return value.typeName;
    case 'printed':
      return 'NoneType';
    case 'method':
      return 'builtin_function_or_method';
  }
}
