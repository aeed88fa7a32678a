import { canCastSameKind, DTYPE_ORDER, isFloatDType, isIntegerDType } from '../dtypes';
import { MatError } from '../errors';
import { stringRepr } from '../format/pythonValue';
import { checkInt64 } from '../int64';
import { type DType, NDArray } from '../ndarray';
import {
  astype,
  axisTuple,
  type Bins,
  binary,
  bincount,
  type ConvolveMode,
  convolve,
  corrcoef,
  cov,
  type FloatBinaryName,
  floatBinary,
  gradient,
  gradientSpacings,
  type HistogramEdge,
  histogram,
  interp,
  isBinEstimator,
  isQuantileMethod,
  type LogicalName,
  logical,
  logicalNot,
  nanArgExtremum,
  nanCumsum,
  nanExtremum,
  nanMean,
  nanMedian,
  nanProd,
  nanQuantile,
  nanStd,
  nanSum,
  nanVar,
  negative,
  periodicSamples,
  polyfit,
  polyfitCovariance,
  positive,
  ptp,
  QUANTILE_METHODS,
  type QuantileMethod,
  reciprocal,
  type UnaryMathName,
  unaryMath,
} from '../ops';
import { complexUnary } from '../ops/complexArrays';
import { angleConversion, fabs, floatPair, fmod, gcdLcm, noLoop, refuseComplex } from '../ops/moreUfuncs';
import { bitwise, invert } from '../run/operators';
import { truthy } from '../run/pyops';
import { isArray, NONE, typeName, type Value } from '../values';
import { optional, required, toArray, toAxis, toBool, toDType, toInt, toNumber } from './convert';
import { accumulationOut, outArgument, reductionOut, ufuncOut } from './out';
import { polyvalOf } from './polynomial';
import { type BoundArgs, type BuiltinImpl, params } from './registry';

/**
 * NumPy's element-wise extras (trunc, hypot, logical_and, …), its
 * NaN-ignoring reductions, and its numerics for data (cov, histogram,
 * interp, gradient, convolve, polyfit, …); their catalog entries are in
 * ./numericsCatalog.ts and their kernels in ../ops.
 */

/** A Python None (an argument given as None, not left out). */
function isNone(value: Value | undefined): boolean {
  return value !== undefined && !isArray(value) && value.kind === 'none';
}

/** An ndarray of one or more dimensions (not a list, a Python number or a NumPy scalar). */
function isNdarray(value: Value): boolean {
  return isArray(value) && !value.python && value.ndim > 0;
}

/** `out=` writes into an existing array in NumPy; here results are assigned instead. */
function refuseOut(args: BoundArgs, name: string): void {
  if (optional(args, 'out') !== undefined) {
    throw new MatError(
      `${name}'s out= is not supported in .mat files: assign the result instead`,
      'TypeError',
    );
  }
}

/** A boolean keyword (keepdims=, full=, …), false when left out or None. */
function flag(args: BoundArgs, name: string): boolean {
  const value = optional(args, name);
  return value === undefined ? false : toBool(value, name);
}

/** A number keyword, or undefined when left out or None. */
function numberArg(args: BoundArgs, name: string): number | undefined {
  const value = optional(args, name);
  return value === undefined ? undefined : toNumber(value, name);
}

function arrayArg(args: BoundArgs, name: string): NDArray {
  return toArray(required(args, name), name);
}

function tuple(items: Value[]): Value {
  return { kind: 'tuple', items };
}

/**
 * A 1-D argument as NumPy's C functions convert it, with their messages:
 * a nested list and a 2-D array are refused differently.
 */
function vector(value: Value, what: string): NDArray {
  const a = toArray(value, what);
  if (a.ndim === 0) throw new MatError('object of too small depth for desired array');
  if (a.ndim > 1) {
    throw new MatError(
      isNdarray(value)
        ? 'object too deep for desired array'
        : 'setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1.',
    );
  }
  return a;
}

// ---- element-wise ----

/**
 * The inputs of a ufunc called with `dtype=`: NumPy looks for a loop of
 * that type (TypeError when there is none) and casts the inputs to it
 * under the 'same_kind' rule (UFuncTypeError for float to int, int to bool).
 */
function inLoop(name: string, loops: readonly DType[], args: BoundArgs, inputs: NDArray[]): NDArray[] {
  const dtype = toDType(optional(args, 'dtype'));
  if (dtype === undefined) return inputs;
  if (!loops.includes(dtype)) {
    throw new MatError(
      `No loop matching the specified signature and casting was found for ufunc ${name}`,
      'TypeError',
    );
  }
  for (const x of inputs) {
    if (!canCastSameKind(x.dtype, dtype)) {
      throw new MatError(
        `Cannot cast ufunc '${name}' input from dtype('${x.dtype}') to dtype('${dtype}') with casting rule 'same_kind'`,
        'UFuncTypeError',
      );
    }
  }
  return inputs.map((x) => (x.dtype === dtype ? x : astype(x, dtype)));
}

/**
 * A ufunc's inputs, positional-only in NumPy: a missing one gets NumPy's
 * count of positional arguments (a ufunc takes its inputs and one `out`).
 */
function ufuncInputs(name: string, args: BoundArgs, names: readonly string[]): NDArray[] {
  const given = names.filter((input) => args.named.has(input)).length;
  if (given < names.length) {
    throw new MatError(
      `${name}() takes from ${names.length} to ${names.length + 1} positional arguments but ${given} ${given === 1 ? 'was' : 'were'} given`,
      'TypeError',
    );
  }
  return names.map((input) => arrayArg(args, input));
}

/** The dtypes of NumPy's loops: float ufuncs (e, f, d), number ufuncs (every int and float), all. */
const FLOAT_LOOPS: readonly DType[] = DTYPE_ORDER.filter(isFloatDType);
const NUMBER_LOOPS: readonly DType[] = DTYPE_ORDER.filter((d) => d !== 'bool');
const ALL_LOOPS: readonly DType[] = DTYPE_ORDER;
/** bool, then the integer types (the bitwise ufuncs; gcd and shifts skip bool). */
const INTEGER_LOOPS: readonly DType[] = DTYPE_ORDER.filter((d) => d === 'bool' || isIntegerDType(d));

/** A one-argument ufunc: `name(x, out=None, *, dtype=None)`. */
function ufunc1(name: string, loops: readonly DType[], kernel: (x: NDArray) => NDArray): BuiltinImpl {
  return {
    name,
    params: params('x?', 'out?', '*dtype?'),
    call: (args) => {
      const inputs = ufuncInputs(name, args, ['x']);
      const [x] = inLoop(name, loops, args, inputs);
      return ufuncOut(name, inputs, kernel(x), outArgument(args));
    },
  };
}

function mathUfunc(name: UnaryMathName, loops: readonly DType[]): BuiltinImpl {
  return ufunc1(name, loops, (x) => {
    const result = unaryMath(name, x);
    // An integer square can leave int64, where NumPy wraps around silently.
    if (result.dtype === 'int64') checkInt64(result.data);
    return result;
  });
}

/** A two-argument ufunc: `name(x1, x2, out=None, *, dtype=None)`. */
function ufunc2(
  name: string,
  loops: readonly DType[],
  kernel: (x1: NDArray, x2: NDArray) => NDArray,
): BuiltinImpl {
  return {
    name,
    params: params('x1?', 'x2?', 'out?', '*dtype?'),
    call: (args) => {
      const inputs = ufuncInputs(name, args, ['x1', 'x2']);
      const [x1, x2] = inLoop(name, loops, args, inputs);
      return ufuncOut(name, inputs, kernel(x1, x2), outArgument(args));
    },
  };
}

/** The comparison ufuncs (`np.greater(a, b)` is `a > b`): bool loops, so only dtype=bool. */
function comparisonUfunc(name: string, op: '==' | '!=' | '<' | '<=' | '>' | '>='): BuiltinImpl {
  return boolUfunc2(name, (x1, x2) => binary(op, x1, x2));
}

/** A two-input ufunc with bool loops only (so dtype=bool alone): the comparisons and the logical ones. */
function boolUfunc2(name: string, kernel: (x1: NDArray, x2: NDArray) => NDArray): BuiltinImpl {
  return {
    name,
    params: params('x1?', 'x2?', 'out?', '*dtype?'),
    call: (args) => {
      const [x1, x2] = ufuncInputs(name, args, ['x1', 'x2']);
      logicalDType(name, args);
      return ufuncOut(name, [x1, x2], kernel(x1, x2), outArgument(args));
    },
  };
}

/** `bitwise_and` and the other operators' ufuncs, on bools and integers. */
function bitwiseUfunc(name: string, op: '&' | '|' | '^' | '<<' | '>>'): BuiltinImpl {
  const loops = op === '<<' || op === '>>' ? INTEGER_LOOPS.slice(1) : INTEGER_LOOPS;
  return ufunc2(
    name,
    loops,
    realOnly2(name, (x1, x2) => bitwise(op, x1, x2)),
  );
}

/** A one-argument kernel behind NumPy's refusal of complex input (a ufunc with no complex loop). */
function realOnly(name: string, kernel: (x: NDArray) => NDArray): (x: NDArray) => NDArray {
  return (x) => {
    refuseComplex(name, [x]);
    return kernel(x);
  };
}

function realOnly2(
  name: string,
  kernel: (x1: NDArray, x2: NDArray) => NDArray,
): (x1: NDArray, x2: NDArray) => NDArray {
  return (x1, x2) => {
    refuseComplex(name, [x1, x2]);
    return kernel(x1, x2);
  };
}

/**
 * `gcd`/`lcm`: integer loops only. NumPy words a `dtype=` it has no loop
 * for as a missing loop of that output type (UFuncTypeError).
 */
function gcdUfunc(name: 'gcd' | 'lcm'): BuiltinImpl {
  return {
    name,
    params: params('x1?', 'x2?', 'out?', '*dtype?'),
    call: (args) => {
      const inputs = ufuncInputs(name, args, ['x1', 'x2']);
      const dtype = toDType(optional(args, 'dtype'));
      if (dtype !== undefined && !isIntegerDType(dtype)) throw noLoop(name, inputs, dtype);
      const [x1, x2] = inLoop(name, INTEGER_LOOPS, args, inputs);
      return ufuncOut(name, inputs, gcdLcm(name, x1, x2), outArgument(args));
    },
  };
}

/** `np.binary_repr(num, width=None)`: binary digits, two's complement in `width` bits for negatives. */
function binaryRepr(num: bigint, width: number | undefined): string {
  const insufficient = (binwidth: number) => {
    if (width !== undefined && width < binwidth) {
      throw new MatError(`Insufficient bit width=${width} provided for binwidth=${binwidth}`);
    }
  };
  if (num === 0n) return '0'.repeat(width || 1);
  if (num > 0n) {
    const binary = num.toString(2);
    insufficient(binary.length);
    return binary.padStart(width ?? 0, '0');
  }
  if (width === undefined) return `-${(-num).toString(2)}`;
  let poswidth = (-num).toString(2).length;
  // A power of two needs no extra digit (NumPy's gh-8679).
  if (2n ** BigInt(poswidth - 1) === -num) poswidth -= 1;
  const binary = (2n ** BigInt(poswidth + 1) + num).toString(2);
  insufficient(binary.length);
  return '1'.repeat(Math.max(0, width - binary.length)) + binary;
}

/** Python's operator.index of a value: an int (or bool), exactly. */
function pythonIndex(value: Value): bigint {
  if (isArray(value) && value.ndim === 0 && !isFloatDType(value.dtype) && value.im === undefined) {
    return value.big ?? BigInt(value.data[0]);
  }
  throw new MatError(`'${typeName(value)}' object cannot be interpreted as an integer`, 'TypeError');
}

function floatUfunc2(name: FloatBinaryName): BuiltinImpl {
  return {
    name,
    params: params('x1?', 'x2?', 'out?', '*dtype?'),
    call: (args) => {
      const inputs = ufuncInputs(name, args, ['x1', 'x2']);
      const [x1, x2] = inLoop(name, FLOAT_LOOPS, args, inputs);
      return ufuncOut(name, inputs, floatBinary(name, x1, x2), outArgument(args));
    },
  };
}

/** The logical ufuncs have bool loops for every input type: dtype=bool is the only choice, with no cast check. */
function logicalDType(name: string, args: BoundArgs): void {
  const dtype = toDType(optional(args, 'dtype'));
  if (dtype !== undefined && dtype !== 'bool') {
    throw new MatError(
      `No loop matching the specified signature and casting was found for ufunc ${name}`,
      'TypeError',
    );
  }
}

function logicalUfunc2(name: LogicalName): BuiltinImpl {
  return boolUfunc2(name, (x1, x2) => logical(name, x1, x2));
}

// ---- NaN-ignoring reductions ----

function keepdimsOf(args: BoundArgs): boolean {
  return flag(args, 'keepdims');
}

/** `nansum`/`nanprod(a, axis, dtype, out, keepdims, initial)`. */
function nanAccumulation(name: 'nansum' | 'nanprod'): BuiltinImpl {
  return {
    name,
    params: params('a', 'axis?', 'dtype?', 'out?', 'keepdims?', 'initial?'),
    call: (args) => {
      const reduction = name === 'nansum' ? nanSum : nanProd;
      const a = arrayArg(args, 'a');
      const axis = toAxis(optional(args, 'axis'));
      const keepdims = keepdimsOf(args);
      const result = reduction(
        a,
        axis,
        keepdims,
        toDType(optional(args, 'dtype')),
        numberArg(args, 'initial'),
      );
      return reductionOut(
        name === 'nansum' ? 'add' : 'multiply',
        a,
        axis,
        keepdims,
        result,
        outArgument(args),
      );
    },
  };
}

/** `nanmax`/`nanmin(a, axis, out, keepdims, initial)`. */
function nanExtreme(name: 'nanmax' | 'nanmin'): BuiltinImpl {
  return {
    name,
    params: params('a', 'axis?', 'out?', 'keepdims?', 'initial?'),
    call: (args) => {
      refuseOut(args, name);
      const value = required(args, 'a');
      return nanExtremum(
        name === 'nanmax' ? 'max' : 'min',
        toArray(value, 'a'),
        toAxis(optional(args, 'axis')),
        keepdimsOf(args),
        numberArg(args, 'initial'),
        isNdarray(value),
      );
    },
  };
}

function nanArgExtreme(name: 'nanargmax' | 'nanargmin'): BuiltinImpl {
  return {
    name,
    params: params('a', 'axis?', 'out?', '*keepdims?'),
    call: (args) => {
      refuseOut(args, name);
      return nanArgExtremum(
        name === 'nanargmax' ? 'argmax' : 'argmin',
        arrayArg(args, 'a'),
        toAxis(optional(args, 'axis')),
        keepdimsOf(args),
      );
    },
  };
}

/** `ddof`, or `correction` (its Array-API name); NumPy refuses both at once. */
function ddofOf(args: BoundArgs): number {
  const ddof = numberArg(args, 'ddof') ?? 0;
  const correction = numberArg(args, 'correction');
  if (correction === undefined) return ddof;
  if (ddof !== 0) throw new MatError("ddof and correction can't be provided simultaneously.");
  return correction;
}

function nanSpread(name: 'nanvar' | 'nanstd'): BuiltinImpl {
  return {
    name,
    params: params('a', 'axis?', 'dtype?', 'out?', 'ddof?', 'keepdims?', '*correction?'),
    call: (args) => {
      refuseOut(args, name);
      const spread = name === 'nanvar' ? nanVar : nanStd;
      return spread(
        arrayArg(args, 'a'),
        toAxis(optional(args, 'axis')),
        keepdimsOf(args),
        ddofOf(args),
        toDType(optional(args, 'dtype')),
      );
    },
  };
}

/** An `axis=` that must be one int or None. */
function singleAxis(value: Value | undefined): number | null {
  const axis = toAxis(value);
  if (Array.isArray(axis))
    throw new MatError("'tuple' object cannot be interpreted as an integer", 'TypeError');
  return axis;
}

function textArg(value: Value, what: string): string {
  if (!isArray(value) && value.kind === 'string') return value.value;
  throw new MatError(`${what} must be a string, not ${typeName(value)}`, 'TypeError');
}

/** `method=` of nanpercentile, with NumPy's message for an unknown name. */
function quantileMethod(method: string): QuantileMethod {
  if (isQuantileMethod(method)) return method;
  const names = QUANTILE_METHODS.map((m) => `'${m}'`).join(', ');
  throw new MatError(`${stringRepr(method)} is not a valid method. Use one of: dict_keys([${names}])`);
}

// ---- statistics and numerics ----

/** `bias == 0` in Python (so the default ddof is 1): False, 0 and 0.0 are; None and strings are not. */
function biasIsZero(value: Value | undefined): boolean {
  if (value === undefined) return true;
  return isArray(value) && value.size === 1 && value.data[0] === 0;
}

/** `ddof=` of cov: None, or a number equal to an integer. */
function covDdof(value: Value | undefined): number | null {
  if (value === undefined || isNone(value)) return null;
  const ddof = toNumber(value, 'ddof');
  if (Number.isNaN(ddof)) throw new MatError('cannot convert float NaN to integer');
  if (ddof !== Math.trunc(ddof)) throw new MatError('ddof must be integer');
  return ddof;
}

/** Python's `not rowvar` turned around: rowvar is true unless a false value is given. */
function rowvarOf(args: BoundArgs): boolean {
  const value = args.named.get('rowvar');
  return value === undefined ? true : truthy(value);
}

/** `bins=` of histogram: a count (an integer) or the edges (a 1-D increasing array). */
function binsOf(value: Value | undefined): Bins {
  if (value === undefined) return { count: 10 };
  if (!isArray(value) && value.kind === 'string') {
    if (!isBinEstimator(value.value)) {
      throw new MatError(`${stringRepr(value.value)} is not a valid estimator for \`bins\``);
    }
    return { estimator: value.value };
  }
  const bins = toArray(value, 'bins');
  if (bins.ndim === 0) {
    if (isFloatDType(bins.dtype)) {
      throw new MatError('`bins` must be an integer, a string, or an array', 'TypeError');
    }
    return { count: bins.data[0] };
  }
  if (bins.ndim > 1) throw new MatError('`bins` must be 1d, when an array');
  for (let i = 0; i + 1 < bins.size; i++) {
    if (bins.data[i] > bins.data[i + 1])
      throw new MatError('`bins` must increase monotonically, when an array');
  }
  return { edges: bins };
}

/** `range=(lo, hi)` of histogram, unpacked as Python unpacks it. */
function histogramRange(value: Value | undefined): [HistogramEdge, HistogramEdge] | null {
  if (value === undefined) return null;
  let items: NDArray[];
  if (!isArray(value) && (value.kind === 'tuple' || value.kind === 'list')) {
    items = value.items.map((item) => toArray(item, 'range'));
  } else if (isArray(value) && value.ndim >= 1) {
    const count = value.shape[0];
    if (count === 2 && value.ndim > 1) {
      // Python compares the two rows, whose truth is ambiguous.
      throw new MatError(
        'The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()',
      );
    }
    items = Array.from(value.data.subarray(0, count), (v) => NDArray.scalar(v, value.dtype));
  } else {
    throw new MatError(`cannot unpack non-iterable ${typeName(value)} object`, 'TypeError');
  }
  if (items.length > 2) throw new MatError('too many values to unpack (expected 2)');
  if (items.length < 2) throw new MatError(`not enough values to unpack (expected 2, got ${items.length})`);
  const edge = (a: NDArray) => ({ value: toNumber(a, 'range'), dtype: a.dtype });
  return [edge(items[0]), edge(items[1])];
}

/** The x of bincount: an integer array, or a list whose numbers NumPy truncates (with a deprecation warning). */
function countedValues(value: Value): Float64Array {
  if (isNdarray(value)) {
    const a = value as NDArray;
    if (a.ndim > 1) throw new MatError('object too deep for desired array');
    // bincount casts x to intp ('safe'): floats and uint64 cannot be.
    if (isFloatDType(a.dtype) || a.dtype === 'uint64') {
      throw new MatError(
        `Cannot cast array data from dtype('${a.dtype}') to dtype('int64') according to the rule 'safe'`,
        'TypeError',
      );
    }
    return a.data;
  }
  const a = vector(value, 'x');
  if (!isFloatDType(a.dtype)) return a.data;
  return a.data.map((v) => {
    if (Number.isNaN(v)) throw new MatError('cannot convert float NaN to integer');
    if (!Number.isFinite(v)) throw new MatError('cannot convert float infinity to integer', 'OverflowError');
    return Math.trunc(v);
  });
}

/** `left=`/`right=` of interp: a real number (C's PyFloat_AsDouble). */
function fillValue(args: BoundArgs, name: string): number | null {
  const value = optional(args, name);
  if (value === undefined) return null;
  if (isArray(value)) {
    if (value.ndim > 0) {
      throw new MatError('only 0-dimensional arrays can be converted to Python scalars', 'TypeError');
    }
    return value.data[0];
  }
  throw new MatError(`must be real number, not ${typeName(value)}`, 'TypeError');
}

/** `mode=` of convolve, as NumPy's correlate parses it. */
function convolveMode(value: Value | undefined): ConvolveMode {
  if (value === undefined) return 2;
  if (!isArray(value) && value.kind === 'string') {
    const modes: Record<string, ConvolveMode> = { valid: 0, same: 1, full: 2 };
    if (Object.hasOwn(modes, value.value)) return modes[value.value];
    if (/^[vsfVSF]/.test(value.value)) {
      throw new MatError("Use one of 'valid', 'same', or 'full' for convolve/correlate mode");
    }
    throw new MatError(`mode must be one of 'valid', 'same', or 'full' (got ${stringRepr(value.value)})`);
  }
  if (isArray(value) && value.ndim === 0 && isIntegerDType(value.dtype)) {
    const mode = value.data[0];
    if (mode === 0 || mode === 1 || mode === 2) return mode;
    throw new MatError('integer convolve/correlate mode must be 0, 1, or 2');
  }
  throw new MatError('convolve/correlate mode not understood', 'TypeError');
}

/** `deg` of polyfit, as Python's int() takes it. */
function degreeOf(value: Value): number {
  const deg = toNumber(value, 'deg');
  if (Number.isNaN(deg)) throw new MatError('cannot convert float NaN to integer');
  if (!Number.isFinite(deg)) throw new MatError('cannot convert float infinity to integer', 'OverflowError');
  return deg;
}

/** Element-wise extras, NaN-ignoring reductions and numerics; their catalog entries are in ./numericsCatalog.ts. */
export const NUMERICS_BUILTINS: readonly BuiltinImpl[] = [
  mathUfunc('trunc', ALL_LOOPS),
  {
    name: 'fix',
    params: params('x', 'out?'),
    call: (args) => {
      const x = arrayArg(args, 'x');
      return ufuncOut('trunc', [x], unaryMath('trunc', x), outArgument(args));
    },
  },
  mathUfunc('rint', FLOAT_LOOPS),
  mathUfunc('square', NUMBER_LOOPS),
  ufunc1('reciprocal', NUMBER_LOOPS, (x) => (x.im ? complexUnary('reciprocal', x) : reciprocal(x))),
  mathUfunc('log1p', FLOAT_LOOPS),
  mathUfunc('expm1', FLOAT_LOOPS),
  floatUfunc2('hypot'),
  floatUfunc2('arctan2'),
  logicalUfunc2('logical_and'),
  logicalUfunc2('logical_or'),
  logicalUfunc2('logical_xor'),
  {
    name: 'logical_not',
    params: params('x?', 'out?', '*dtype?'),
    call: (args) => {
      const [x] = ufuncInputs('logical_not', args, ['x']);
      logicalDType('logical_not', args);
      return ufuncOut('logical_not', [x], logicalNot(x), outArgument(args));
    },
  },
  mathUfunc('arcsin', FLOAT_LOOPS),
  mathUfunc('arccos', FLOAT_LOOPS),
  mathUfunc('arctan', FLOAT_LOOPS),
  mathUfunc('sinh', FLOAT_LOOPS),
  mathUfunc('cosh', FLOAT_LOOPS),
  mathUfunc('arcsinh', FLOAT_LOOPS),
  mathUfunc('arccosh', FLOAT_LOOPS),
  mathUfunc('arctanh', FLOAT_LOOPS),
  mathUfunc('exp2', FLOAT_LOOPS),
  mathUfunc('cbrt', FLOAT_LOOPS),
  ufunc1(
    'degrees',
    FLOAT_LOOPS,
    realOnly('degrees', (x) => angleConversion('degrees', x)),
  ),
  ufunc1(
    'radians',
    FLOAT_LOOPS,
    realOnly('radians', (x) => angleConversion('radians', x)),
  ),
  ufunc1(
    'rad2deg',
    FLOAT_LOOPS,
    realOnly('rad2deg', (x) => angleConversion('rad2deg', x)),
  ),
  ufunc1(
    'deg2rad',
    FLOAT_LOOPS,
    realOnly('deg2rad', (x) => angleConversion('deg2rad', x)),
  ),
  ufunc1('fabs', FLOAT_LOOPS, realOnly('fabs', fabs)),
  ufunc1('negative', NUMBER_LOOPS, negative),
  ufunc1('positive', NUMBER_LOOPS, positive),
  comparisonUfunc('equal', '=='),
  comparisonUfunc('not_equal', '!='),
  comparisonUfunc('less', '<'),
  comparisonUfunc('less_equal', '<='),
  comparisonUfunc('greater', '>'),
  comparisonUfunc('greater_equal', '>='),
  bitwiseUfunc('bitwise_and', '&'),
  bitwiseUfunc('bitwise_or', '|'),
  bitwiseUfunc('bitwise_xor', '^'),
  ufunc1('invert', INTEGER_LOOPS, realOnly('invert', invert)),
  bitwiseUfunc('left_shift', '<<'),
  bitwiseUfunc('right_shift', '>>'),
  ufunc2(
    'copysign',
    FLOAT_LOOPS,
    realOnly2('copysign', (x1, x2) => floatPair('copysign', x1, x2)),
  ),
  ufunc2('fmod', NUMBER_LOOPS, realOnly2('fmod', fmod)),
  ufunc2('float_power', ['float64'], (x1, x2) => floatPair('float_power', x1, x2)),
  ufunc2(
    'heaviside',
    FLOAT_LOOPS,
    realOnly2('heaviside', (x1, x2) => floatPair('heaviside', x1, x2)),
  ),
  gcdUfunc('gcd'),
  gcdUfunc('lcm'),
  {
    name: 'binary_repr',
    params: params('num', 'width?'),
    call: (args) => {
      const width = optional(args, 'width');
      return {
        kind: 'string',
        value: binaryRepr(
          pythonIndex(required(args, 'num')),
          width === undefined ? undefined : toInt(width, 'width'),
        ),
      };
    },
  },
  nanAccumulation('nansum'),
  nanAccumulation('nanprod'),
  {
    name: 'nanmean',
    params: params('a', 'axis?', 'dtype?', 'out?', 'keepdims?'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const axis = toAxis(optional(args, 'axis'));
      const keepdims = keepdimsOf(args);
      const result = nanMean(a, axis, keepdims, toDType(optional(args, 'dtype')));
      return reductionOut('add', a, axis, keepdims, result, outArgument(args));
    },
  },
  nanSpread('nanvar'),
  nanSpread('nanstd'),
  nanExtreme('nanmax'),
  nanExtreme('nanmin'),
  nanArgExtreme('nanargmax'),
  nanArgExtreme('nanargmin'),
  {
    name: 'nanmedian',
    params: params('a', 'axis?', 'out?', 'overwrite_input?', 'keepdims?'),
    call: (args) => {
      // overwrite_input only lets NumPy scramble its input; the median is the same.
      const result = nanMedian(arrayArg(args, 'a'), toAxis(optional(args, 'axis')), keepdimsOf(args));
      return ufuncOut('nanmedian', [result], result, outArgument(args));
    },
  },
  {
    name: 'nanpercentile',
    params: params('a', 'q', 'axis?', 'out?', 'overwrite_input?', 'method?', 'keepdims?', '*weights?'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const q = arrayArg(args, 'q');
      const fractions = new NDArray(
        q.data.map((x) => x / 100),
        q.shape,
        'float64',
      );
      // A Python number q stays weak: np.nanpercentile(float32_array, 50) is float32.
      fractions.weak = q.weak;
      if (!fractions.data.every((x) => x >= 0 && x <= 1)) {
        throw new MatError('Percentiles must be in the range [0, 100]');
      }
      const methodValue = optional(args, 'method');
      const method = methodValue === undefined ? 'linear' : textArg(methodValue, 'method');
      if (optional(args, 'weights') !== undefined) {
        if (method !== 'inverted_cdf') {
          throw new MatError(`Only method 'inverted_cdf' supports weights. Got: ${method}.`);
        }
        throw new MatError("nanpercentile's weights= is not supported in .mat files", 'TypeError');
      }
      // NumPy looks the method up only when some slice has a number to take a quantile of.
      const known = a.data.some((x) => !Number.isNaN(x)) ? quantileMethod(method) : 'linear';
      const axis = toAxis(optional(args, 'axis'));
      const keepdims = keepdimsOf(args);
      const result = nanQuantile(a, fractions, axis, keepdims, known);
      // NumPy checks the output against the quantiles' shape, not a reduction's.
      return ufuncOut('nanpercentile', [result], result, outArgument(args));
    },
  },
  {
    name: 'nancumsum',
    params: params('a', 'axis?', 'dtype?', 'out?'),
    call: (args) => {
      const out = outArgument(args);
      const result = nanCumsum(
        arrayArg(args, 'a'),
        singleAxis(optional(args, 'axis')),
        toDType(optional(args, 'dtype')),
      );
      return accumulationOut(result, out);
    },
  },
  {
    name: 'ptp',
    params: params('a', 'axis?', 'out?', 'keepdims?'),
    call: (args) => {
      refuseOut(args, 'ptp');
      return ptp(arrayArg(args, 'a'), toAxis(optional(args, 'axis')), keepdimsOf(args));
    },
  },
  {
    name: 'cov',
    params: params('m', 'y?', 'rowvar?', 'bias?', 'ddof?', 'fweights?', 'aweights?', '*dtype?'),
    call: (args) => {
      const ddof = covDdof(args.named.get('ddof'));
      const y = optional(args, 'y');
      const fweights = optional(args, 'fweights');
      const aweights = optional(args, 'aweights');
      return cov(arrayArg(args, 'm'), {
        y: y === undefined ? null : toArray(y, 'y'),
        rowvar: rowvarOf(args),
        unbiased: biasIsZero(args.named.get('bias')),
        ddof,
        fweights: fweights === undefined ? null : toArray(fweights, 'fweights'),
        aweights: aweights === undefined ? null : toArray(aweights, 'aweights'),
        dtype: toDType(optional(args, 'dtype')),
      });
    },
  },
  {
    name: 'corrcoef',
    params: params('x', 'y?', 'rowvar?', '*dtype?'),
    call: (args) => {
      const y = optional(args, 'y');
      return corrcoef(arrayArg(args, 'x'), {
        y: y === undefined ? null : toArray(y, 'y'),
        rowvar: rowvarOf(args),
        unbiased: true,
        dtype: toDType(optional(args, 'dtype')),
      });
    },
  },
  {
    name: 'histogram',
    params: params('a', 'bins?', 'range?', 'density?', 'weights?'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const weightsValue = optional(args, 'weights');
      let weights: NDArray | null = null;
      if (weightsValue !== undefined) {
        weights = toArray(weightsValue, 'weights');
        if (weights.ndim !== a.ndim || weights.shape.some((d, i) => d !== a.shape[i])) {
          throw new MatError('weights should have the same shape as a.');
        }
        weights = new NDArray(weights.data, [weights.size], weights.dtype);
      }
      const bins = binsOf(optional(args, 'bins'));
      // The range matters only for equal bins, and is read after their count is checked.
      const range =
        'edges' in bins || ('count' in bins && bins.count < 1)
          ? null
          : histogramRange(optional(args, 'range'));
      const [hist, edges] = histogram(
        new NDArray(a.data, [a.size], a.dtype),
        bins,
        range,
        truthy(args.named.get('density') ?? NONE),
        weights,
      );
      return tuple([hist, edges]);
    },
  },
  {
    name: 'bincount',
    params: params('x', 'weights?', 'minlength?'),
    call: (args) => {
      const values = countedValues(required(args, 'x'));
      const minlengthValue = args.named.get('minlength');
      if (isNone(minlengthValue)) throw new MatError('use 0 instead of None for minlength', 'TypeError');
      const minlength = minlengthValue === undefined ? 0 : toInt(minlengthValue, 'minlength');
      const weights = optional(args, 'weights');
      return bincount(values, weights === undefined ? null : () => vector(weights, 'weights'), minlength);
    },
  },
  {
    name: 'interp',
    params: params('x', 'xp', 'fp', 'left?', 'right?', 'period?'),
    call: (args) => {
      let fp = arrayArg(args, 'fp');
      const periodValue = optional(args, 'period');
      if (periodValue === undefined) {
        oneDimensionalFp(fp);
        const xp = vector(required(args, 'xp'), 'xp');
        return interp(arrayArg(args, 'x'), xp, fp, fillValue(args, 'left'), fillValue(args, 'right'));
      }
      if (isArray(periodValue) && periodValue.size !== 1) truthy(periodValue);
      if (!isArray(periodValue)) {
        throw new MatError(`bad operand type for abs(): '${typeName(periodValue)}'`, 'TypeError');
      }
      const period = periodValue.data[0];
      if (period === 0) throw new MatError('period must be a non-zero value');
      const asFloat = (a: NDArray) => (a.dtype === 'float64' ? a : astype(a, 'float64'));
      fp = asFloat(fp);
      const samples = periodicSamples(
        asFloat(arrayArg(args, 'x')),
        asFloat(arrayArg(args, 'xp')),
        fp,
        Math.abs(period),
      );
      return interp(samples.x, samples.xp, samples.fp, null, null);
    },
  },
  {
    name: 'gradient',
    params: params('f', '*axis?', '*edge_order?'),
    varargs: 'varargs',
    call: (args) => {
      const f = arrayArg(args, 'f');
      const axis = toAxis(optional(args, 'axis'));
      const axes =
        axis === null
          ? f.shape.map((_, i) => i)
          : axisTuple(typeof axis === 'number' ? [axis] : axis, f.ndim);
      const spacings = gradientSpacings(
        f,
        args.rest.map((value) => toArray(value, 'varargs')),
        axes,
      );
      const edgeOrder = numberArg(args, 'edge_order') ?? 1;
      const outputs = gradient(f, spacings, axes, edgeOrder);
      return outputs.length === 1 ? outputs[0] : tuple(outputs);
    },
  },
  {
    name: 'convolve',
    params: params('a', 'v', 'mode?'),
    call: (args) => convolve(arrayArg(args, 'a'), arrayArg(args, 'v'), convolveMode(args.named.get('mode'))),
  },
  {
    name: 'polyfit',
    params: params('x', 'y', 'deg', 'rcond?', 'full?', 'w?', 'cov?'),
    call: (args) => {
      const rcondValue = optional(args, 'rcond');
      const w = optional(args, 'w');
      const y = arrayArg(args, 'y');
      const fit = polyfit(
        arrayArg(args, 'x'),
        y,
        degreeOf(required(args, 'deg')),
        rcondValue === undefined ? null : toNumber(rcondValue, 'rcond'),
        w === undefined ? null : toArray(w, 'w'),
      );
      if (flag(args, 'full')) {
        return tuple([
          fit.coefficients,
          fit.residuals,
          NDArray.scalar(fit.rank, 'int64'),
          fit.singularValues,
          rcondValue ?? NDArray.scalar(fit.rcond, 'float64'),
        ]);
      }
      const covValue = args.named.get('cov');
      if (covValue !== undefined && truthy(covValue)) {
        const unscaled = !isArray(covValue) && covValue.kind === 'string' && covValue.value === 'unscaled';
        return tuple([fit.coefficients, polyfitCovariance(fit, unscaled, y.ndim === 2)]);
      }
      return fit.coefficients;
    },
  },
  {
    name: 'polyval',
    params: params('p', 'x'),
    call: (args) => polyvalOf(required(args, 'p'), required(args, 'x')),
  },
];

/** interp's fp is an array already (NumPy's Python code converts it first), so a 2-D one is "too deep". */
function oneDimensionalFp(fp: NDArray): void {
  if (fp.ndim > 1) throw new MatError('object too deep for desired array');
  if (fp.ndim < 1) throw new MatError('object of too small depth for desired array');
}
