import {
  castPythonNumber,
  castValue,
  DTYPES,
  isFloatDType,
  isIntegral,
  type Operand,
  resultType,
  roundInto,
} from '../dtypes';
import { MatError } from '../errors';
import { fitsInt64All, wrapInt64Results } from '../int64';
import { allocate } from '../limits';
import { type DType, NDArray, shapeSize } from '../ndarray';
import { broadcastShapesMany, broadcastTo, forEachBlock, forEachRun, resultDType } from './broadcast';
import { complexBinary } from './complexArrays';
import { binaryFloatErrors, floatErrorsWatched, reportFloatErrors } from './floatErrors';

/** The arithmetic operators of the language. */
export type ArithmeticOp = '+' | '-' | '*' | '/' | '//' | '%' | '**';
/** The comparison operators; they give bool arrays. */
export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
/** Every element-wise binary operator `binary` accepts. */
export type BinaryOp = ArithmeticOp | CompareOp;

// How a kernel treats its inputs: IEEE doubles, exact integers, or 0/1 bools.
const FLOAT = 0;
const INT = 1;
const BOOL = 2;
/** Integers of at most 32 bits, whose products wrap around (computed modulo 2**32). */
const WRAP32 = 3;
type Mode = typeof FLOAT | typeof INT | typeof BOOL | typeof WRAP32;

const BOOL_SUBTRACT =
  'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.';

/** The dtype of `a op b` under NumPy 2's rules (Python numbers weak, as NEP 50 has them). */
export function binaryResultDType(op: BinaryOp, a: Operand, b: Operand): DType {
  return outputDType(op, resultType([a, b]));
}

/** The output dtype of `op`'s loop for the operands' common type `t`. */
function outputDType(op: BinaryOp, t: DType): DType {
  switch (op) {
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return 'bool';
    case '/':
      // true_divide has float loops only: integers divide as float64, float32 stays float32.
      return isFloatDType(t) ? t : 'float64';
    default:
      if (t !== 'bool') return t;
      if (op === '-') throw new MatError(BOOL_SUBTRACT, 'TypeError');
      // bool + bool is logical or, bool * bool and; the other operators use NumPy's int8 loop.
      return op === '+' || op === '*' ? 'bool' : 'int8';
  }
}

/**
 * An operand as the loop sees it: a weak Python number converted to the
 * loop's dtype first (`float32_array * 0.1` multiplies by float32(0.1);
 * `int8_array + 300` is NumPy's OverflowError).
 */
function loopOperand(x: NDArray, dtype: DType, op: BinaryOp): NDArray {
  if (!x.weak || x.dtype === dtype || dtype === 'bool') return x;
  const comparison = op === '==' || op === '!=' || op === '<' || op === '<=' || op === '>' || op === '>=';
  if (comparison) {
    // NumPy 2 compares a Python int out of the array's range by value (uint8_array < 300 is all True).
    if (isIntegral(dtype) && !isFloatDType(x.dtype)) return x;
    return isFloatDType(dtype) && isFloatDType(x.dtype)
      ? NDArray.scalar(castValue(x.data[0], dtype), dtype)
      : x;
  }
  return NDArray.scalar(castPythonNumber(x.data[0], isFloatDType(x.dtype), dtype), dtype);
}

/** The common shape of operands (fast when they already agree). */
function outShape(arrays: readonly NDArray[]): readonly number[] {
  const first = arrays[0].shape;
  const same = arrays.every(
    (x) => x.shape.length === first.length && x.shape.every((d, i) => d === first[i]),
  );
  return same ? first : broadcastShapesMany(arrays.map((x) => x.shape));
}

/**
 * `a op b` element-wise with broadcasting and NumPy's dtype rules: true
 * division gives float64, `//` and `%` follow Python's signs (integer
 * division by zero gives 0, as NumPy does), bool `+`/`*` are logical or/and.
 * `operator` says the program wrote `a * b` (not `np.multiply(a, b)`): NumPy
 * words its floating-point errors differently then (`ufuncName`).
 */
export function binary(op: BinaryOp, a: NDArray, b: NDArray, operator = false): NDArray {
  if (a.im || b.im) return complexBinary(op, a, b);
  const loopType = resultType([a, b]);
  const dtype = outputDType(op, loopType);
  const scalar = operator && a.ndim === 0 && b.ndim === 0 && !(a.python && b.python);
  const exponent = b;
  a = loopOperand(a, loopType, op);
  b = loopOperand(b, loopType, op);
  const shape = outShape([a, b]);
  const size = shapeSize(shape);
  const kind = DTYPES[dtype].kind;
  // Narrow ints multiply with Math.imul: their products can pass 2**53, where doubles lose the low bits.
  const mode: Mode =
    kind === 'f'
      ? FLOAT
      : kind === 'b'
        ? BOOL
        : DTYPES[dtype].itemsize <= 4 && (op === '*' || op === '**')
          ? WRAP32
          : INT;
  if (op === '**' && (mode === INT || mode === WRAP32) && size > 0 && b.data.some((v) => v < 0)) {
    throw new MatError('Integers to negative integer powers are not allowed.');
  }
  const out = allocate(size);
  const x = a.data;
  const y = b.data;
  if (size === a.size && size === b.size) {
    // Same shape: one flat run, no iterator.
    kernel(op, mode, out, x, 0, 1, 0, y, 0, 1, 0, size, 1);
  } else if (b.size === 1 && size === a.size) {
    kernel(op, mode, out, x, 0, 1, 0, y, 0, 0, 0, size, 1);
  } else if (a.size === 1 && size === b.size) {
    kernel(op, mode, out, x, 0, 0, 0, y, 0, 1, 0, size, 1);
  } else {
    let o = 0;
    forEachBlock(shape, [a.shape, b.shape], (blk, n, m) => {
      const { offsets: s, steps: st, rowSteps: rs } = blk;
      kernel(op, mode, out.subarray(o, o + n * m), x, s[0], st[0], rs[0], y, s[1], st[1], rs[1], n, m);
      o += n * m;
    });
  }
  const data = roundInto(out, dtype);
  if (floatErrorsWatched() && op in UFUNC_NAMES) {
    const arithmetic = op as ArithmeticOp;
    const result = new NDArray(data, shape, dtype);
    reportFloatErrors(
      binaryFloatErrors(arithmetic, a, b, result, scalar),
      ufuncName(arithmetic, exponent, operator, scalar),
      result,
    );
  }
  if (dtype === 'int64' && (op === '+' || op === '-' || op === '*' || op === '**') && !fitsInt64All(out)) {
    // NumPy wraps around: the overflowed elements again, exactly.
    wrapInt64Results(op, out, broadcastTo(a, shape).data, broadcastTo(b, shape).data);
  }
  return new NDArray(data, shape, dtype);
}

/** The ufunc each operator calls, as NumPy names it in its floating-point error messages. */
export const UFUNC_NAMES: Readonly<Record<ArithmeticOp, string>> = {
  '+': 'add',
  '-': 'subtract',
  '*': 'multiply',
  '/': 'divide',
  '//': 'floor_divide',
  '%': 'remainder',
  '**': 'power',
};

/**
 * The name an error of `op` reports: NumPy scalars' own arithmetic says
 * `scalar multiply`; `array ** 2`, `** -1` and `** 0.5` with a Python
 * number run square, reciprocal and sqrt instead of power.
 */
function ufuncName(op: ArithmeticOp, exponent: NDArray, operator: boolean, scalar: boolean): string {
  if (scalar) return `scalar ${UFUNC_NAMES[op]}`;
  if (operator && op === '**' && (exponent.python || exponent.weak) && exponent.ndim === 0) {
    const e = exponent.data[0];
    if (exponent.dtype === 'float64') {
      if (e === 0.5) return 'sqrt';
    } else if (e === 2) return 'square';
    else if (e === -1) return 'reciprocal';
  }
  return UFUNC_NAMES[op];
}

/**
 * One block: `out[r * n + t] = x[ix + r*rx + t*sx] op y[iy + r*ry + t*sy]`
 * for m rows of n, the op switched outside the loops.
 */
function kernel(
  op: BinaryOp,
  mode: Mode,
  out: Float64Array,
  x: Float64Array,
  ix: number,
  sx: number,
  rx: number,
  y: Float64Array,
  iy: number,
  sy: number,
  ry: number,
  n: number,
  m: number,
): void {
  let o = 0;
  // `+ 0` in integer products turns -0 (from -2 * 0) into 0; floats keep IEEE zeros.
  switch (op) {
    case '+':
      if (mode === BOOL) {
        for (let r = 0; r < m; r++) {
          for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
            out[o++] = x[i] + y[j] > 0 ? 1 : 0;
        }
        return;
      }
      for (let r = 0; r < m; r++) {
        for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
          out[o++] = x[i] + y[j];
      }
      return;
    case '-':
      for (let r = 0; r < m; r++) {
        for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
          out[o++] = x[i] - y[j];
      }
      return;
    case '*':
      if (mode === WRAP32) {
        for (let r = 0; r < m; r++) {
          for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
            out[o++] = Math.imul(x[i], y[j]);
        }
        return;
      }
      if (mode === FLOAT) {
        for (let r = 0; r < m; r++) {
          for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
            out[o++] = x[i] * y[j];
        }
        return;
      }
      for (let r = 0; r < m; r++) {
        for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
          out[o++] = x[i] * y[j] + 0;
      }
      return;
    case '/':
      for (let r = 0; r < m; r++) {
        for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
          out[o++] = x[i] / y[j];
      }
      return;
    case '//':
      if (mode === FLOAT) {
        for (let r = 0; r < m; r++) {
          for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
            out[o++] = floorDivide(x[i], y[j]);
        }
        return;
      }
      for (let r = 0; r < m; r++) {
        for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
          out[o++] = intFloorDivide(x[i], y[j]);
      }
      return;
    case '%':
      if (mode === FLOAT) {
        for (let r = 0; r < m; r++) {
          for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
            out[o++] = remainder(x[i], y[j]);
        }
        return;
      }
      for (let r = 0; r < m; r++) {
        for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
          out[o++] = intRemainder(x[i], y[j]);
      }
      return;
    case '**':
      if (mode === FLOAT) {
        for (let r = 0; r < m; r++) {
          for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
            out[o++] = floatPower(x[i], y[j]);
        }
        return;
      }
      if (mode === WRAP32) {
        for (let r = 0; r < m; r++) {
          for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
            out[o++] = wrappedPower(x[i], y[j]);
        }
        return;
      }
      for (let r = 0; r < m; r++) {
        for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
          out[o++] = intPower(x[i], y[j]);
      }
      return;
    case '==':
      for (let r = 0; r < m; r++) {
        for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
          out[o++] = x[i] === y[j] ? 1 : 0;
      }
      return;
    case '!=':
      for (let r = 0; r < m; r++) {
        for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
          out[o++] = x[i] !== y[j] ? 1 : 0;
      }
      return;
    case '<':
      for (let r = 0; r < m; r++) {
        for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
          out[o++] = x[i] < y[j] ? 1 : 0;
      }
      return;
    case '<=':
      for (let r = 0; r < m; r++) {
        for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
          out[o++] = x[i] <= y[j] ? 1 : 0;
      }
      return;
    case '>':
      for (let r = 0; r < m; r++) {
        for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
          out[o++] = x[i] > y[j] ? 1 : 0;
      }
      return;
    case '>=':
      for (let r = 0; r < m; r++) {
        for (let t = 0, i = ix + r * rx, j = iy + r * ry; t < n; t++, i += sx, j += sy)
          out[o++] = x[i] >= y[j] ? 1 : 0;
      }
      return;
  }
}

function copySignZero(s: number): number {
  return s < 0 || Object.is(s, -0) ? -0 : 0;
}

/** NumPy's `npy_divmod`: the floor quotient and Python-signed remainder of doubles. */
function divmod(a: number, b: number): [number, number] {
  let mod = a % b; // JavaScript's % is C's fmod
  if (b === 0) return [a / b, mod];
  let div = (a - mod) / b;
  // C truthiness: nan is true.
  if (mod !== 0) {
    if (b < 0 !== mod < 0) {
      mod += b;
      div -= 1;
    }
  } else {
    mod = copySignZero(b);
  }
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else {
    floordiv = copySignZero(a / b);
  }
  return [floordiv, mod];
}

/** NumPy's float `//`. */
export function floorDivide(a: number, b: number): number {
  return b === 0 ? a / b : divmod(a, b)[0];
}

/** NumPy's float `%` (Python's sign convention; x % 0 is nan). */
export function remainder(a: number, b: number): number {
  return b === 0 ? a % b : divmod(a, b)[1];
}

function intFloorDivide(a: number, b: number): number {
  // Exact for |a| < 2**53: a non-integral quotient is never rounded onto an integer.
  return b === 0 ? 0 : Math.floor(a / b) + 0;
}

function intRemainder(a: number, b: number): number {
  if (b === 0) return 0;
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r + 0;
}

/** C's pow, which differs from Math.pow for a base of 1 or -1 with a nan/infinite exponent. */
export function floatPower(a: number, b: number): number {
  if (b === 2) return a * a;
  if (a === 1 || b === 0) return 1;
  if (a === -1 && (b === Number.POSITIVE_INFINITY || b === Number.NEGATIVE_INFINITY)) return 1;
  return a ** b;
}

/** NumPy's integer power by squaring (exponent checked non-negative beforehand). */
function intPower(a: number, b: number): number {
  if (b === 0 || a === 1) return 1;
  let out = b % 2 === 1 ? a : 1;
  b = Math.floor(b / 2);
  while (b > 0) {
    a *= a;
    if (b % 2 === 1) out *= a;
    b = Math.floor(b / 2);
  }
  return out + 0;
}

/** Integer power by squaring modulo 2**32 (the result is then wrapped to its width). */
function wrappedPower(a: number, b: number): number {
  let out = 1;
  let base = a | 0;
  while (b > 0) {
    if (b % 2 === 1) out = Math.imul(out, base);
    base = Math.imul(base, base);
    b = Math.floor(b / 2);
  }
  return out;
}

/** NumPy's `maximum`: element-wise, nan-propagating. */
export function maximum(a: NDArray, b: NDArray): NDArray {
  return extremum(a, b, true);
}

/** NumPy's `minimum`: element-wise, nan-propagating. */
export function minimum(a: NDArray, b: NDArray): NDArray {
  return extremum(a, b, false);
}

function extremum(a: NDArray, b: NDArray, max: boolean): NDArray {
  const shape = outShape([a, b]);
  const out = allocate(shapeSize(shape));
  const x = a.data;
  const y = b.data;
  let o = 0;
  forEachRun(shape, [a.shape, b.shape], (offs, steps, n) => {
    let ix = offs[0];
    let iy = offs[1];
    const [sx, sy] = steps;
    const end = o + n;
    // As NumPy's loop: a nan first operand wins; otherwise ties and nans give the second.
    if (max)
      for (; o < end; o++, ix += sx, iy += sy) out[o] = Number.isNaN(x[ix]) || x[ix] > y[iy] ? x[ix] : y[iy];
    else
      for (; o < end; o++, ix += sx, iy += sy) out[o] = Number.isNaN(x[ix]) || x[ix] < y[iy] ? x[ix] : y[iy];
  });
  return new NDArray(out, shape, resultDType(a, b));
}

/**
 * NumPy's `clip`: `minimum(maximum(a, lo), hi)` with either bound optional,
 * broadcasting all three and promoting to their common dtype.
 */
export function clip(a: NDArray, lo: NDArray | null, hi: NDArray | null): NDArray {
  const operands = [a, lo, hi].filter((x): x is NDArray => x !== null);
  // Checked together first so a mismatch lists every operand, as NumPy's message does.
  outShape(operands);
  let r = a;
  if (lo !== null) r = maximum(r, lo);
  if (hi !== null) r = minimum(r, hi);
  if (r === a) {
    // NumPy 2 returns a copy when neither bound is given.
    const copy = allocate(a.size);
    copy.set(a.data);
    return new NDArray(copy, a.shape, a.dtype);
  }
  const dtype = resultDType(...operands);
  return r.dtype === dtype ? r : new NDArray(r.data, r.shape, dtype);
}

/** NumPy's `where(cond, x, y)`: broadcast all three, pick from x where cond is truthy. */
export function where(cond: NDArray, x: NDArray, y: NDArray): NDArray {
  const shape = outShape([cond, x, y]);
  const out = allocate(shapeSize(shape));
  const c = cond.data;
  const xd = x.data;
  const yd = y.data;
  let o = 0;
  forEachRun(shape, [cond.shape, x.shape, y.shape], (offs, steps, n) => {
    let ic = offs[0];
    let ix = offs[1];
    let iy = offs[2];
    const [sc, sx, sy] = steps;
    // A nan condition is truthy (nonzero), as in NumPy.
    for (let t = 0; t < n; t++, ic += sc, ix += sx, iy += sy) out[o++] = c[ic] !== 0 ? xd[ix] : yd[iy];
  });
  return new NDArray(out, shape, resultDType(x, y));
}
