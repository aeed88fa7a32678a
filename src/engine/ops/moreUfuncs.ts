/**
 * Kernels of NumPy's element-wise functions that have no operator:
 * degrees/radians, fabs, copysign, fmod, float_power, heaviside, gcd and
 * lcm. Each gives NumPy's result dtype and computes as its C loop does.
 */
import {
  castPythonNumber,
  floatResultDType,
  isFloatDType,
  isIntegerDType,
  resultType,
  roundInto,
} from '../dtypes';
import { MatError } from '../errors';
import { allocate } from '../limits';
import { type DType, NDArray } from '../ndarray';
import { binaryFloatErrors, floatErrorsWatched, reportFloatErrors, unaryFloatErrors } from './floatErrors';
import { pairs } from './numerics';

/** NumPy's class of an operand's dtype, as its "did not contain a loop" messages name it. */
function dtypeClassName(x: NDArray): string {
  // A Python bool is not weak in NumPy: it is a numpy.bool already.
  if (x.weak && x.dtype !== 'bool') {
    return x.im ? '_PyComplexDType' : isFloatDType(x.dtype) ? '_PyFloatDType' : '_PyLongDType';
  }
  const name = x.dtype.replace(/^uint/, 'UInt').replace(/^[a-z]/, (c) => c.toUpperCase());
  return `${name}DType`;
}

function dtypeClass(x: NDArray): string {
  return `<class 'numpy.dtypes.${dtypeClassName(x)}'>`;
}

/** NumPy's message for a ufunc with no loop for the inputs (and the `dtype=` asked for, if any). */
export function noLoop(ufunc: string, inputs: readonly NDArray[], output?: DType): MatError {
  const types = inputs.map(dtypeClass).join(', ');
  const out = output === undefined ? 'None' : dtypeClass(NDArray.scalar(0, output));
  return new MatError(
    `ufunc '${ufunc}' did not contain a loop with signature matching types (${types}) -> ${out}`,
    'UFuncTypeError',
  );
}

/** Refuses complex inputs as the ufuncs without complex loops do (fabs, fmod, bitwise_and, …). */
export function refuseComplex(ufunc: string, inputs: readonly NDArray[]): void {
  if (inputs.some((x) => x.im !== undefined)) {
    throw new MatError(
      `ufunc '${ufunc}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''`,
      'TypeError',
    );
  }
}

/** `degrees`/`rad2deg` and `radians`/`deg2rad`. */
export type AngleUfunc = 'degrees' | 'rad2deg' | 'radians' | 'deg2rad';

/**
 * x * (180/pi) or x * (pi/180), as NumPy's npy_rad2deg/npy_deg2rad: the
 * constant and the product in the loop's precision (float32's constant is
 * 180f/pi_f; float16 goes through the float32 loop).
 */
export function angleConversion(name: AngleUfunc, a: NDArray): NDArray {
  const dtype = floatResultDType(a.dtype);
  const toDegrees = name === 'degrees' || name === 'rad2deg';
  const x = a.data;
  const out = allocate(x.length);
  if (dtype === 'float64') {
    const factor = toDegrees ? 180.0 / Math.PI : Math.PI / 180.0;
    for (let i = 0; i < x.length; i++) out[i] = x[i] * factor;
  } else {
    const pi = Math.fround(Math.PI);
    const factor = Math.fround(toDegrees ? 180 / pi : pi / 180);
    for (let i = 0; i < x.length; i++) out[i] = Math.fround(Math.fround(x[i]) * factor);
  }
  const result = new NDArray(roundInto(out, dtype), a.shape, dtype);
  if (floatErrorsWatched()) reportFloatErrors(unaryFloatErrors(name, a, result), name);
  return result;
}

/** `np.fabs`: the absolute value as a float (int8 gives float16, as NumPy's float loops do). */
export function fabs(a: NDArray): NDArray {
  const dtype = floatResultDType(a.dtype);
  const x = a.data;
  const out = allocate(x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.abs(x[i]);
  return new NDArray(roundInto(out, dtype), a.shape, dtype);
}

/** The two-argument float functions of this file. */
export type FloatPairUfunc = 'copysign' | 'heaviside' | 'float_power';

function copysign(x: number, y: number): number {
  const magnitude = Math.abs(x);
  return y < 0 || Object.is(y, -0) ? -magnitude : magnitude;
}

function heaviside(x: number, h0: number): number {
  if (Number.isNaN(x)) return x;
  return x < 0 ? 0 : x > 0 ? 1 : h0;
}

/**
 * `copysign` and `heaviside` in the float loop of the operands' common type
 * (float16 for int8, float64 for int32); `float_power` always in float64,
 * its smallest loop.
 */
export function floatPair(name: FloatPairUfunc, a: NDArray, b: NDArray): NDArray {
  const dtype = name === 'float_power' ? 'float64' : floatResultDType(resultType([a, b]));
  [a, b] = inLoop([a, b], dtype);
  const fn =
    name === 'copysign' ? copysign : name === 'heaviside' ? heaviside : (x: number, y: number) => x ** y;
  const [out, shape] = pairs(a, b, fn);
  const result = new NDArray(roundInto(out, dtype), shape, dtype);
  if (name === 'float_power' && floatErrorsWatched()) {
    reportFloatErrors(binaryFloatErrors('**', a, b, result, false), name, result);
  }
  return result;
}

/**
 * The operands as the loop of `dtype` sees them: a weak Python number is
 * converted first (`np.fmod(float32_array, 0.1)` divides by float32(0.1);
 * `np.gcd(int8_array, 300)` overflows).
 */
function inLoop(inputs: readonly NDArray[], dtype: DType): NDArray[] {
  return inputs.map((x) =>
    x.weak && x.dtype !== dtype
      ? NDArray.scalar(castPythonNumber(x.data[0], isFloatDType(x.dtype), dtype), dtype)
      : x,
  );
}

/**
 * `np.fmod`: C's remainder, with the sign of the dividend. Integers keep
 * their common type (bools use the int8 loop) and give 0 for a zero
 * divisor with a divide-by-zero error; floats give nan there (invalid).
 */
export function fmod(a: NDArray, b: NDArray): NDArray {
  const common = resultType([a, b]);
  const dtype = common === 'bool' ? 'int8' : common;
  [a, b] = inLoop([a, b], dtype);
  const integer = isIntegerDType(dtype);
  const [out, shape] = pairs(a, b, integer ? (x, y) => (y === 0 ? 0 : (x % y) + 0) : (x, y) => x % y);
  const result = new NDArray(roundInto(out, dtype), shape, dtype);
  if (floatErrorsWatched()) reportFloatErrors(binaryFloatErrors('%', a, b, result, false), 'fmod', result);
  return result;
}

function gcdOf(x: bigint, y: bigint): bigint {
  let a = x < 0n ? -x : x;
  let b = y < 0n ? -y : y;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * `np.gcd` / `np.lcm` of integers, in their common type: NumPy computes on
 * the absolute values in the unsigned type of the same width, so results
 * wrap there (gcd(int8(-128), 0) is -128, lcm overflows silently).
 */
export function gcdLcm(name: 'gcd' | 'lcm', a: NDArray, b: NDArray): NDArray {
  const dtype = resultType([a, b]);
  if (!isIntegerDType(dtype)) throw noLoop(name, [a, b]);
  [a, b] = inLoop([a, b], dtype);
  const bits = dtypeBits(dtype);
  const signed = !dtype.startsWith('u');
  const [out, shape] = pairs(a, b, (x, y) => {
    const bx = BigInt(x);
    const by = BigInt(y);
    const g = gcdOf(bx, by);
    let r = g;
    if (name === 'lcm') r = g === 0n ? 0n : ((bx < 0n ? -bx : bx) / g) * (by < 0n ? -by : by);
    return Number(signed ? BigInt.asIntN(bits, r) : BigInt.asUintN(bits, r));
  });
  return new NDArray(out, shape, dtype);
}

function dtypeBits(dtype: DType): number {
  return Number(/\d+$/.exec(dtype)?.[0] ?? 64);
}
