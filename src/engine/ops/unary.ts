import {
  canCastSafely,
  castValue,
  floatResultDType,
  isFloatDType,
  isIntegerDType,
  isIntegral,
  roundInto,
} from '../dtypes';
import { MatError } from '../errors';
import { allocate } from '../limits';
import { type DType, NDArray } from '../ndarray';
import {
  COMPLEX_UNARY_NAMES,
  type ComplexUnaryName,
  castComplex,
  complexAbs,
  complexPredicate,
  complexUnary,
  noComplexLoop,
} from './complexArrays';
import { floatErrorsWatched, reportFloatErrors, unaryFloatErrors } from './floatErrors';

/** The element-wise math functions `unaryMath` knows, by NumPy name. */
export type UnaryMathName =
  | 'exp'
  | 'exp2'
  | 'expm1'
  | 'log'
  | 'log2'
  | 'log10'
  | 'log1p'
  | 'sqrt'
  | 'cbrt'
  | 'sin'
  | 'cos'
  | 'tan'
  | 'arcsin'
  | 'arccos'
  | 'arctan'
  | 'sinh'
  | 'cosh'
  | 'tanh'
  | 'arcsinh'
  | 'arccosh'
  | 'arctanh'
  | 'floor'
  | 'ceil'
  | 'trunc'
  | 'rint'
  | 'sign'
  | 'square';

const FUNCTIONS: Record<UnaryMathName, (v: number) => number> = {
  exp: Math.exp,
  exp2: (v) => 2 ** v,
  expm1: Math.expm1,
  log: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
  sqrt: Math.sqrt,
  cbrt: Math.cbrt,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  arcsin: Math.asin,
  arccos: Math.acos,
  arctan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  arcsinh: Math.asinh,
  arccosh: Math.acosh,
  arctanh: Math.atanh,
  floor: Math.floor,
  ceil: Math.ceil,
  trunc: Math.trunc,
  rint: (v) => rint(v),
  sign: (v) => (v > 0 ? 1 : v < 0 ? -1 : v === 0 ? 0 : v),
  square: (v) => v * v,
};

/** Functions that keep an integer or bool input's dtype (NumPy 2: floor of an int is an int). */
const KEEPS_DTYPE = new Set<UnaryMathName>(['floor', 'ceil', 'trunc', 'sign', 'square']);

function noLoop(ufunc: string): MatError {
  return new MatError(
    `ufunc '${ufunc}' did not contain a loop with signature matching types <class 'numpy.dtypes.BoolDType'> -> None`,
    'UFuncTypeError',
  );
}

/**
 * A NumPy math ufunc applied element-wise. Float functions give the input's
 * float type, or for ints and bools the narrowest float that holds them;
 * floor/ceil/trunc/sign/square of integers (and bools) keep an integer
 * dtype as NumPy 2 does. Results are computed in doubles and rounded to the
 * dtype (NumPy's float32 exp or sin may differ from that in the last bit).
 */
export function unaryMath(name: UnaryMathName | 'abs' | 'absolute', a: NDArray): NDArray {
  if (a.im) return complexMath(name, a);
  // `abs` keeps every dtype, unlike the table's functions.
  if (name === 'abs' || name === 'absolute') return absolute(a);
  if (!Object.hasOwn(FUNCTIONS, name)) throw new MatError(`unknown function '${name}'`, 'NameError');
  if (name === 'sign' && a.dtype === 'bool') throw noLoop('sign');
  // Float functions of ints give the narrowest float that holds them (sqrt of int8 is float16).
  let dtype: DType = isFloatDType(a.dtype) || !KEEPS_DTYPE.has(name) ? floatResultDType(a.dtype) : a.dtype;
  if (name === 'square' && dtype === 'bool') dtype = 'int8';
  const x = a.data;
  const n = x.length;
  const out = allocate(n);
  // The hot functions (the trainer's exp and tanh) get their own loop; the
  // rest go through the table.
  switch (name) {
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]);
      break;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]);
      break;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]);
      break;
    case 'sqrt':
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]);
      break;
    default: {
      const f = FUNCTIONS[name];
      for (let i = 0; i < n; i++) out[i] = f(x[i]);
    }
  }
  const result = new NDArray(roundInto(out, dtype), a.shape, dtype);
  if (floatErrorsWatched()) reportFloatErrors(unaryFloatErrors(name, a, result), name);
  return result;
}

/** C's rint: round half to even, keeping the sign of a zero result (rint(-0.4) is -0). */
export function rint(x: number): number {
  const f = Math.floor(x);
  const d = x - f; // exact: x and floor(x) share their binade
  const r = d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  return r === 0 && (x < 0 || Object.is(x, -0)) ? -0 : r;
}

/** NumPy's `power_of_ten`: a table up to 1e8, then repeated multiplication (so 1e23 is NumPy's). */
function powerOfTen(n: number): number {
  if (n < 9) return 10 ** n;
  let r = 1e9;
  for (let i = 9; i < n; i++) r *= 10;
  return r;
}

/**
 * NumPy's `round(a, decimals)`: half to even, computed as NumPy does
 * (`rint(a * 10**d) / 10**d`, or `rint(a / 10**-d) * 10**-d`), so results such
 * as round(2.675, 2) == 2.67 agree. Integers with decimals >= 0 are unchanged.
 */
export function round(a: NDArray, decimals = 0): NDArray {
  if (a.dtype === 'bool' && decimals !== 0) {
    const ufunc = decimals > 0 ? 'multiply' : 'divide';
    throw new MatError(
      `Cannot cast ufunc '${ufunc}' output from dtype('float64') to dtype('bool') with casting rule 'same_kind'`,
      'UFuncTypeError',
    );
  }
  const x = a.data;
  const n = x.length;
  const out = allocate(n);
  if (isIntegerDType(a.dtype) && decimals >= 0) {
    out.set(x);
    return new NDArray(out, a.shape, a.dtype);
  }
  const dtype: DType = a.dtype === 'bool' ? 'float16' : a.dtype;
  if (decimals >= 0) {
    const f = powerOfTen(decimals);
    for (let i = 0; i < n; i++) out[i] = rint(x[i] * f) / f;
  } else {
    const f = powerOfTen(-decimals);
    for (let i = 0; i < n; i++) out[i] = rint(x[i] / f) * f;
    if (isIntegerDType(dtype)) for (let i = 0; i < n; i++) out[i] = Math.trunc(out[i]) + 0;
  }
  return new NDArray(roundInto(out, dtype), a.shape, dtype);
}

/** Converts one double to an int64 value as NumPy's cast does (truncation; nan/inf give INT64_MIN). */
export function toInt64(v: number): number {
  return Number.isFinite(v) && Math.abs(v) < 2 ** 63 ? Math.trunc(v) + 0 : -(2 ** 63);
}

/** `a.astype(dtype)`: NumPy's C casts (floats truncate toward zero into ints, ints wrap, anything nonzero is True). */
export function astype(a: NDArray, dtype: DType): NDArray {
  const complex = castComplex(a, dtype);
  if (complex) return complex;
  const x = a.data;
  const out = allocate(x.length);
  if (dtype === 'bool') for (let i = 0; i < x.length; i++) out[i] = x[i] !== 0 ? 1 : 0;
  else if (canCastSafely(a.dtype, dtype)) out.set(x);
  else {
    const fromInteger = isIntegral(a.dtype);
    for (let i = 0; i < x.length; i++) out[i] = castValue(x[i], dtype, fromInteger);
  }
  return new NDArray(out, a.shape, dtype);
}

/** Unary minus; NumPy refuses it for bools. */
export function negative(a: NDArray): NDArray {
  if (a.im) return complexUnary('negative', a);
  if (a.dtype === 'bool') {
    throw new MatError(
      'The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.',
      'TypeError',
    );
  }
  const x = a.data;
  const out = allocate(x.length);
  if (isIntegerDType(a.dtype)) for (let i = 0; i < x.length; i++) out[i] = 0 - x[i];
  else for (let i = 0; i < x.length; i++) out[i] = -x[i];
  return new NDArray(roundInto(out, a.dtype), a.shape, a.dtype);
}

/** Unary plus (a copy); NumPy has no bool loop for it. */
export function positive(a: NDArray): NDArray {
  if (a.im) return complexUnary('positive', a);
  if (a.dtype === 'bool') throw noLoop('positive');
  const out = allocate(a.size);
  out.set(a.data);
  return new NDArray(out, a.shape, a.dtype);
}

/** `abs(a)`, keeping the dtype (bools are unchanged). */
export function absolute(a: NDArray): NDArray {
  if (a.im) return complexAbs(a);
  const x = a.data;
  const out = allocate(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.abs(x[i]);
  // abs(int8(-128)) wraps back to -128, as in C.
  return new NDArray(roundInto(out, a.dtype), a.shape, a.dtype);
}

const COMPLEX_LOOPS: ReadonlySet<string> = new Set<string>(COMPLEX_UNARY_NAMES);

/** The functions of the table for a complex array: those NumPy has complex loops for, here. */
function complexMath(name: UnaryMathName | 'abs' | 'absolute', a: NDArray): NDArray {
  if (name === 'abs' || name === 'absolute') return complexAbs(a);
  if (COMPLEX_LOOPS.has(name)) return complexUnary(name as ComplexUnaryName, a);
  if (name === 'floor' || name === 'ceil' || name === 'trunc' || name === 'rint') throw noComplexLoop(name);
  throw new MatError(`np.${name} of complex numbers is not supported yet`, 'NotImplementedError');
}

function predicate(a: NDArray, test: (v: number) => boolean): NDArray {
  const x = a.data;
  const out = allocate(x.length);
  for (let i = 0; i < x.length; i++) out[i] = test(x[i]) ? 1 : 0;
  return new NDArray(out, a.shape, 'bool');
}

/** Element-wise `isnan`, as a bool array. */
export function isnan(a: NDArray): NDArray {
  if (a.im) return complexPredicate('isnan', a);
  return predicate(a, Number.isNaN);
}

/** Element-wise `isinf`, as a bool array. */
export function isinf(a: NDArray): NDArray {
  if (a.im) return complexPredicate('isinf', a);
  return predicate(a, (v) => v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY);
}

/** Element-wise `isfinite`, as a bool array. */
export function isfinite(a: NDArray): NDArray {
  if (a.im) return complexPredicate('isfinite', a);
  return predicate(a, Number.isFinite);
}

/** Element-wise `logical_not` (`~` of a bool array), as a bool array. */
export function logicalNot(a: NDArray): NDArray {
  return predicate(a, (v) => v === 0);
}

/** Whether every element is truthy (nan counts as true, as in NumPy); true for an empty array. */
export function allTrue(a: NDArray): boolean {
  return a.data.every((v) => v !== 0);
}

/** Whether any element is truthy; false for an empty array. */
export function anyTrue(a: NDArray): boolean {
  return a.data.some((v) => v !== 0);
}
