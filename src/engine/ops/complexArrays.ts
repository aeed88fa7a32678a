/**
 * NumPy's complex64 and complex128 arrays: element-wise arithmetic with
 * NumPy's loops (its multiply, Smith's division with a reciprocal, integer
 * powers by repeated squaring), the C library's csqrt/cexp/clog as glibc
 * computes them, and the conversions between complex and real arrays.
 *
 * A complex array keeps its real parts in `data` and its imaginary parts in
 * `im` (a float array of the same shape), so every real kernel can work on
 * either part.
 */

import type { BinaryOp } from '../ast';
import { complexDType, componentDType, type DType, isComplexDType, resultType, roundInto } from '../dtypes';
import { MatError } from '../errors';
import { allocate } from '../limits';
import { NDArray, shapeSize } from '../ndarray';
import { broadcastShapes, broadcastTo } from './broadcast';
import { COMPLEX_UNARY_NAMES, type Complex, type ComplexUnaryName, cmul } from './complexMath';
import { hypot } from './numerics';

/** A complex array from its parts (rounded to complex64's float32 parts when `dtype` is complex64). */
export function complexArray(
  re: Float64Array,
  im: Float64Array,
  shape: readonly number[],
  dtype: DType,
): NDArray {
  const part = componentDType(dtype);
  return NDArray.complex(roundInto(re, part), roundInto(im, part), shape, dtype);
}

/** The real parts of any array, as a float array of the part type (the array itself when it is real). */
export function realPart(a: NDArray): NDArray {
  if (!a.im) return a;
  return new NDArray(a.data, a.shape, componentDType(a.dtype));
}

/** The imaginary parts of any array (zeros of the array's own float type for a real one). */
export function imagPart(a: NDArray): NDArray {
  if (a.im) return a.im;
  return new NDArray(
    allocate(a.size),
    a.shape,
    isComplexDType(a.dtype) ? componentDType(a.dtype) : 'float64',
  );
}

/** Both parts, broadcast to `shape`. */
function partsIn(a: NDArray, shape: readonly number[]): [Float64Array, Float64Array] {
  const re = broadcastTo(realPart(a), shape).data;
  const im = a.im ? broadcastTo(a.im, shape).data : new Float64Array(re.length);
  return [re, im];
}

/** `a.astype(complex)` and the casts out of complex (the imaginary part is dropped, as NumPy does with a ComplexWarning). */
export function castComplex(a: NDArray, dtype: DType): NDArray | undefined {
  if (isComplexDType(dtype)) {
    const part = componentDType(dtype);
    const re = roundInto(Float64Array.from(a.data), part);
    const im = a.im ? roundInto(Float64Array.from(a.imag), part) : allocate(a.size);
    return NDArray.complex(re, im, a.shape, dtype);
  }
  if (!a.im) return undefined;
  if (dtype === 'bool') {
    const out = allocate(a.size);
    for (let i = 0; i < out.length; i++) out[i] = a.data[i] !== 0 || a.imag[i] !== 0 ? 1 : 0;
    return new NDArray(out, a.shape, 'bool');
  }
  return undefined;
}

/** NumPy's complex division loop: Smith's method, multiplying by the reciprocal of the scaled denominator. */
export function numpyDivide(ar: number, ai: number, br: number, bi: number): Complex {
  const absR = Math.abs(br);
  const absI = Math.abs(bi);
  if (absR >= absI) {
    if (absR === 0 && absI === 0) return { re: ar / absR, im: ai / absR };
    const rat = bi / br;
    const scl = 1 / (br + bi * rat);
    return { re: (ar + ai * rat) * scl, im: (ai - ar * rat) * scl };
  }
  const rat = br / bi;
  const scl = 1 / (bi + br * rat);
  return { re: (ar * rat + ai) * scl, im: (ai * rat - ar) * scl };
}

/** NumPy's `nc_pow`: small integer exponents by repeated squaring, the rest as the C library's cpow. */
export function numpyPower(a: Complex, b: Complex): Complex {
  if (b.re === 0 && b.im === 0) return { re: 1, im: 0 };
  if (a.re === 0 && a.im === 0) {
    return b.re > 0 && b.im === 0 ? { re: 0, im: 0 } : { re: Number.NaN, im: Number.NaN };
  }
  if (b.im === 0 && Number.isInteger(b.re) && b.re > -100 && b.re < 100) {
    let n = b.re;
    if (n === 1) return a;
    if (n === 2) return cmul(a, a);
    if (n === 3) return cmul(a, cmul(a, a));
    if (n < 0) n = -n;
    let aa: Complex = { re: 1, im: 0 };
    let p = a;
    for (let mask = 1; ; mask *= 2) {
      if (Math.floor(n / mask) % 2 === 1) aa = cmul(aa, p);
      if (n < mask * 2) break;
      p = cmul(p, p);
    }
    if (b.re < 0) {
      // nc_quot: the plain formula.
      const d = aa.re * aa.re + aa.im * aa.im;
      return { re: aa.re / d, im: -aa.im / d };
    }
    return aa;
  }
  return cexp(cmul(b, clog(a)));
}

const MIN_NORMAL = 2.2250738585072014e-308;
const MAX_DOUBLE = Number.MAX_VALUE;
const EPSILON = Number.EPSILON;

/** glibc's csqrt for finite parts, its special values otherwise. */
export function csqrt(z: Complex): Complex {
  const { re: x, im: y } = z;
  if (!Number.isFinite(x) || !Number.isFinite(y)) {
    // C99 Annex G's special values.
    const negative = y < 0 || Object.is(y, -0);
    if (Math.abs(y) === Number.POSITIVE_INFINITY) return { re: Number.POSITIVE_INFINITY, im: y };
    if (x === Number.NEGATIVE_INFINITY) {
      if (Number.isNaN(y)) return { re: Number.NaN, im: Number.POSITIVE_INFINITY };
      return { re: 0, im: negative ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY };
    }
    if (x === Number.POSITIVE_INFINITY) return { re: x, im: Number.isNaN(y) ? y : negative ? -0 : 0 };
    return { re: Number.NaN, im: Number.NaN };
  }
  if (y === 0) {
    if (x < 0) return { re: 0, im: Object.is(y, -0) ? -Math.sqrt(-x) : Math.sqrt(-x) };
    return { re: Math.abs(Math.sqrt(x)), im: y };
  }
  if (x === 0) {
    const r = Math.abs(y) >= 2 * MIN_NORMAL ? Math.sqrt(0.5 * Math.abs(y)) : 0.5 * Math.sqrt(2 * Math.abs(y));
    return { re: r, im: y < 0 ? -r : r };
  }
  let scale = 0;
  let sx = x;
  let sy = y;
  if (Math.abs(x) > MAX_DOUBLE / 4) {
    scale = 1;
    sx = x / 4;
    sy = y / 4;
  } else if (Math.abs(y) > MAX_DOUBLE / 4) {
    scale = 1;
    sx = Math.abs(x) >= 4 * MIN_NORMAL ? x / 4 : 0;
    sy = y / 4;
  } else if (Math.abs(x) < 2 * MIN_NORMAL && Math.abs(y) < 2 * MIN_NORMAL) {
    scale = -27;
    sx = x * 2 ** 54;
    sy = y * 2 ** 54;
  }
  const d = hypot(sx, sy);
  let r: number;
  let s: number;
  if (sx > 0) {
    r = Math.sqrt(0.5 * (d + sx));
    s = 0.5 * (sy / r);
  } else {
    s = Math.sqrt(0.5 * (d - sx));
    r = Math.abs(0.5 * (sy / s));
  }
  if (scale) {
    r *= 2 ** scale;
    s *= 2 ** scale;
  }
  return { re: r, im: y < 0 ? -Math.abs(s) : Math.abs(s) };
}

/** glibc's cexp: exp(x)·(cos y, sin y), scaled where exp(x) alone would overflow. */
export function cexp(z: Complex): Complex {
  const { re: x, im: y } = z;
  if (Number.isFinite(x) && Number.isFinite(y)) {
    const t = 709;
    let sin = y;
    let cos = 1;
    if (Math.abs(y) > MIN_NORMAL) {
      sin = Math.sin(y);
      cos = Math.cos(y);
    }
    let rx = x;
    if (rx > t) {
      const expT = Math.exp(t);
      rx -= t;
      sin *= expT;
      cos *= expT;
      if (rx > t) {
        rx -= t;
        sin *= expT;
        cos *= expT;
      }
    }
    if (rx > t) return { re: MAX_DOUBLE * cos, im: MAX_DOUBLE * sin };
    const e = Math.exp(rx);
    return { re: e * cos, im: e * sin };
  }
  if (Number.isFinite(y) || x === Number.NEGATIVE_INFINITY) {
    if (x === Number.NEGATIVE_INFINITY) return { re: 0, im: Number.isFinite(y) ? y * 0 : 0 };
    if (x === Number.POSITIVE_INFINITY) {
      if (y === 0) return { re: x, im: y };
      return { re: x * Math.cos(y), im: x * Math.sin(y) };
    }
  }
  if (x === Number.POSITIVE_INFINITY) return { re: x, im: Number.NaN };
  return { re: Number.NaN, im: y === 0 ? y : Number.NaN };
}

/** sin and cos of a part, as glibc takes them (a tiny argument is its own sine, cosine 1). */
function sinCos(x: number): [number, number] {
  return Math.abs(x) > MIN_NORMAL ? [Math.sin(x), Math.cos(x)] : [x, 1];
}

/** sinh and cosh of a part, glibc's way for tiny arguments. */
function sinhCosh(x: number): [number, number] {
  return Math.abs(x) > MIN_NORMAL ? [Math.sinh(x), Math.cosh(x)] : [x, 1];
}

/** glibc's csinh for finite parts: sinh x cos y + i cosh x sin y. */
function csinh(z: Complex): Complex {
  const [sin, cos] = sinCos(z.im);
  const [sinh, cosh] = sinhCosh(z.re);
  return { re: sinh * cos, im: cosh * sin };
}

/** glibc's ccosh for finite parts: cosh x cos y + i sinh x sin y. */
function ccosh(z: Complex): Complex {
  const [sin, cos] = sinCos(z.im);
  const [sinh, cosh] = sinhCosh(z.re);
  return { re: cosh * cos, im: sinh * sin };
}

/** glibc's ctanh: (sinh x cosh x + i sin y cos y) / (sinh² x + cos² y), exact in the limits. */
function ctanh(z: Complex): Complex {
  if (Math.abs(z.re) > 354) {
    // tanh's real part is ±1 there; the imaginary part underflows to a signed zero.
    const exp2t = Math.exp(-2 * Math.abs(z.re));
    const [sin, cos] = sinCos(z.im);
    return { re: Math.sign(z.re), im: 4 * sin * cos * exp2t };
  }
  const [sin, cos] = sinCos(z.im);
  const [sinh, cosh] = sinhCosh(z.re);
  const den = Math.abs(sinh) > Math.abs(cos) * EPSILON ? sinh * sinh + cos * cos : cos * cos;
  return { re: (sinh * cosh) / den, im: (sin * cos) / den };
}

/** glibc's clog: log|z| (with log1p near |z| = 1) and atan2 for the angle. */
export function clog(z: Complex): Complex {
  const { re: x, im: y } = z;
  if (x === 0 && y === 0) {
    const angle = Object.is(x, -0) ? Math.PI : 0;
    return { re: Number.NEGATIVE_INFINITY, im: Object.is(y, -0) ? -angle : angle };
  }
  if (Number.isNaN(x) || Number.isNaN(y)) {
    const inf = Math.abs(x) === Number.POSITIVE_INFINITY || Math.abs(y) === Number.POSITIVE_INFINITY;
    return { re: inf ? Number.POSITIVE_INFINITY : Number.NaN, im: Number.NaN };
  }
  let ax = Math.abs(x);
  let ay = Math.abs(y);
  if (ax < ay) [ax, ay] = [ay, ax];
  let re: number;
  let scale = 0;
  if (ax > MAX_DOUBLE / 2) {
    scale = -1;
    ax /= 2;
    ay = ay >= MIN_NORMAL * 2 ? ay / 2 : 0;
  } else if (ax < MIN_NORMAL && ay < MIN_NORMAL) {
    scale = 53;
    ax *= 2 ** 53;
    ay *= 2 ** 53;
  }
  if (ax === 1 && scale === 0) re = Math.log1p(ay * ay) / 2;
  else if (ax > 1 && ax < 2 && ay < 1 && scale === 0) {
    let d2m1 = (ax - 1) * (ax + 1);
    if (ay >= EPSILON) d2m1 += ay * ay;
    re = Math.log1p(d2m1) / 2;
  } else if (ax < 1 && ax >= 0.5 && ay < EPSILON / 2 && scale === 0) {
    re = Math.log1p((ax - 1) * (ax + 1)) / 2;
  } else if (ax < 1 && ax >= 0.5 && scale === 0 && ax * ax + ay * ay >= 0.5) {
    re = Math.log1p((ax - 1) * (ax + 1) + ay * ay) / 2;
  } else re = Math.log(hypot(ax, ay)) - scale * Math.LN2;
  return { re, im: Math.atan2(y, x) };
}

/** Lexicographic order, as NumPy orders complex numbers (real parts first). */
function ordered(op: BinaryOp, ar: number, ai: number, br: number, bi: number): boolean {
  switch (op) {
    case '<':
      return ar < br || (ar === br && ai < bi);
    case '<=':
      return ar < br || (ar === br && ai <= bi);
    case '>':
      return ar > br || (ar === br && ai > bi);
    default:
      return ar > br || (ar === br && ai >= bi);
  }
}

const NO_LOOP: Readonly<Record<string, string>> = {
  '//': 'floor_divide',
  '%': 'remainder',
  '&': 'bitwise_and',
  '|': 'bitwise_or',
  '^': 'bitwise_xor',
  '<<': 'left_shift',
  '>>': 'right_shift',
};

/** NumPy's message for a ufunc that has no complex loop. */
export function noComplexLoop(ufunc: string): MatError {
  return new MatError(
    `ufunc '${ufunc}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''`,
    'TypeError',
  );
}

/** `a op b` where either operand is complex (or a weak Python complex makes the result complex). */
export function complexBinary(op: BinaryOp, a: NDArray, b: NDArray): NDArray {
  if (Object.hasOwn(NO_LOOP, op)) throw noComplexLoop(NO_LOOP[op]);
  const dtype = resultType([a, b]);
  const loopType = isComplexDType(dtype) ? dtype : complexDType(dtype);
  const shape = broadcastShapes(a.shape, b.shape);
  const n = shapeSize(shape);
  const part = componentDType(loopType);
  // A weak Python number is first a number of the loop's part type (float32 for complex64).
  const operand = (x: NDArray) => (x.weak && part === 'float32' ? (castComplex(x, loopType) ?? x) : x);
  const [ar, ai] = partsIn(operand(a), shape);
  const [br, bi] = partsIn(operand(b), shape);
  if (op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=') {
    const out = allocate(n);
    for (let i = 0; i < n; i++) {
      const equal = ar[i] === br[i] && ai[i] === bi[i];
      out[i] = (op === '==' ? equal : op === '!=' ? !equal : ordered(op, ar[i], ai[i], br[i], bi[i])) ? 1 : 0;
    }
    return new NDArray(out, shape, 'bool');
  }
  const re = allocate(n);
  const im = allocate(n);
  for (let i = 0; i < n; i++) {
    let z: Complex;
    switch (op) {
      case '+':
        re[i] = ar[i] + br[i];
        im[i] = ai[i] + bi[i];
        continue;
      case '-':
        re[i] = ar[i] - br[i];
        im[i] = ai[i] - bi[i];
        continue;
      case '*':
        re[i] = ar[i] * br[i] - ai[i] * bi[i];
        im[i] = ar[i] * bi[i] + ai[i] * br[i];
        continue;
      case '/':
        z = numpyDivide(ar[i], ai[i], br[i], bi[i]);
        break;
      case '**':
        z = numpyPower({ re: ar[i], im: ai[i] }, { re: br[i], im: bi[i] });
        break;
      default:
        throw new MatError(`unsupported operand type(s) for ${op}: complex arrays`, 'TypeError');
    }
    re[i] = z.re;
    im[i] = z.im;
  }
  return complexArray(re, im, shape, loopType);
}

/** The element-wise functions with a complex loop here. */
export type { ComplexUnaryName } from './complexMath';
export { COMPLEX_UNARY_NAMES };

function mapComplex(a: NDArray, f: (re: number, im: number) => Complex): NDArray {
  const re = allocate(a.size);
  const im = allocate(a.size);
  const x = a.data;
  const y = imagPart(a).data;
  for (let i = 0; i < re.length; i++) {
    const z = f(x[i], y[i]);
    re[i] = z.re;
    im[i] = z.im;
  }
  return complexArray(re, im, a.shape, complexDType(a.dtype));
}

/** A complex array's element-wise function, as NumPy's complex loops compute it. */
export function complexUnary(name: ComplexUnaryName, a: NDArray): NDArray {
  switch (name) {
    case 'sqrt':
      return mapComplex(a, (re, im) => csqrt({ re, im }));
    case 'exp':
      return mapComplex(a, (re, im) => cexp({ re, im }));
    case 'log':
      return mapComplex(a, (re, im) => clog({ re, im }));
    case 'square':
      return mapComplex(a, (re, im) => ({ re: re * re - im * im, im: re * im + im * re }));
    case 'negative':
      return mapComplex(a, (re, im) => ({ re: -re, im: -im }));
    case 'positive':
      return mapComplex(a, (re, im) => ({ re, im }));
    case 'conjugate':
      return mapComplex(a, (re, im) => ({ re, im: -im }));
    case 'reciprocal':
      return mapComplex(a, (re, im) => {
        if (Math.abs(im) <= Math.abs(re)) {
          const r = im / re;
          const d = re + im * r;
          return { re: 1 / d, im: -r / d };
        }
        const r = re / im;
        const d = re * r + im;
        return { re: r / d, im: -1 / d };
      });
    case 'sinh':
      return mapComplex(a, (re, im) => csinh({ re, im }));
    case 'cosh':
      return mapComplex(a, (re, im) => ccosh({ re, im }));
    case 'tanh':
      return mapComplex(a, (re, im) => ctanh({ re, im }));
    // sin z = -i sinh(iz), cos z = cosh(iz), tan z = -i tanh(iz), as glibc derives them.
    case 'sin':
      return mapComplex(a, (re, im) => {
        const w = csinh({ re: -im, im: re });
        return { re: w.im, im: -w.re };
      });
    case 'cos':
      return mapComplex(a, (re, im) => ccosh({ re: -im, im: re }));
    case 'tan':
      return mapComplex(a, (re, im) => {
        const w = ctanh({ re: -im, im: re });
        return { re: w.im, im: -w.re };
      });
    case 'sign':
      return mapComplex(a, (re, im) => {
        if (Number.isNaN(re) || Number.isNaN(im)) return { re: Number.NaN, im: Number.NaN };
        if (re === 0 && im === 0) return { re: 0, im: 0 };
        const r = hypot(re, im);
        return { re: re / r, im: im / r };
      });
  }
}

/** `np.abs` of a complex array: the moduli, as a float array. */
export function complexAbs(a: NDArray): NDArray {
  const out = allocate(a.size);
  const x = a.data;
  const y = a.imag;
  for (let i = 0; i < out.length; i++) out[i] = hypot(x[i], y[i]);
  const part = componentDType(a.dtype);
  return new NDArray(roundInto(out, part), a.shape, part);
}

/** `np.angle`: atan2 of the parts, in radians or degrees. */
export function complexAngle(a: NDArray, degrees: boolean): NDArray {
  const out = allocate(a.size);
  const y = imagPart(a).data;
  for (let i = 0; i < out.length; i++) {
    out[i] = Math.atan2(y[i], a.data[i]);
    if (degrees) out[i] *= 180 / Math.PI;
  }
  const part = a.im ? componentDType(a.dtype) : 'float64';
  return new NDArray(roundInto(out, part), a.shape, part);
}

/** `np.isnan`, `np.isinf`, `np.isfinite` of a complex array: of either part (both for isfinite). */
export function complexPredicate(name: 'isnan' | 'isinf' | 'isfinite', a: NDArray): NDArray {
  const out = allocate(a.size);
  const x = a.data;
  const y = a.imag;
  for (let i = 0; i < out.length; i++) {
    const test =
      name === 'isnan'
        ? Number.isNaN(x[i]) || Number.isNaN(y[i])
        : name === 'isinf'
          ? Math.abs(x[i]) === Number.POSITIVE_INFINITY || Math.abs(y[i]) === Number.POSITIVE_INFINITY
          : Number.isFinite(x[i]) && Number.isFinite(y[i]);
    out[i] = test ? 1 : 0;
  }
  return new NDArray(out, a.shape, 'bool');
}
