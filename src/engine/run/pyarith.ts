import { MatError } from '../errors';
import type { NDArray } from '../ndarray';
import { floorDivide, remainder } from '../ops/elementwise';
import { pyBool, pyFloat, pyInt, type Value } from '../values';
import { complexArith, complexUnary } from './pycomplex';

/**
 * Arithmetic between Python ints, floats and bools, as Python does it:
 * ints never overflow (BigInt past 2**53), `/` is true division, `//` and
 * `%` floor, and dividing by zero raises ZeroDivisionError instead of
 * giving NumPy's inf.
 */

function isInt(a: NDArray): boolean {
  return a.dtype === 'int64' || a.dtype === 'bool';
}

function big(a: NDArray): bigint {
  return a.big ?? BigInt(a.data[0]);
}

/** A Python int from a BigInt: a plain double when exact. */
export function intFromBig(x: bigint): NDArray {
  const n = Number(x);
  return Number.isSafeInteger(n) ? pyInt(n) : pyInt(n, x);
}

/** The exact int, or its BigInt when beyond 2**53. */
function intResult(x: number, exact: () => bigint): NDArray {
  return Number.isSafeInteger(x) ? pyInt(x) : intFromBig(exact());
}

export type PyArithOp = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '&' | '|' | '^' | '<<' | '>>';

/** `a op b` for two Python scalars; comparisons are done by the caller. */
export function pyArith(op: PyArithOp, a: NDArray, b: NDArray): Value {
  if (a.im || b.im) return complexArith(op, a, b);
  if (isInt(a) && isInt(b)) return intArith(op, a, b);
  const x = a.data[0];
  const y = b.data[0];
  switch (op) {
    case '+':
      return pyFloat(x + y);
    case '-':
      return pyFloat(x - y);
    case '*':
      return pyFloat(x * y);
    case '/':
      if (y === 0) throw new MatError('float division by zero', 'ZeroDivisionError');
      return pyFloat(x / y);
    case '//':
      if (y === 0) throw new MatError('float floor division by zero', 'ZeroDivisionError');
      return pyFloat(floorDivide(x, y));
    case '%':
      if (y === 0) throw new MatError('float modulo', 'ZeroDivisionError');
      return pyFloat(remainder(x, y));
    case '**': {
      if (x === 0 && y < 0)
        throw new MatError('0.0 cannot be raised to a negative power', 'ZeroDivisionError');
      // A negative number to a fractional power is complex (float_pow hands it to complex_pow).
      if (x < 0 && Number.isFinite(y) && y !== Math.floor(y)) return complexArith('**', a, b);
      const r = x ** y;
      if (!Number.isFinite(r) && Number.isFinite(x) && Number.isFinite(y)) {
        throw new MatError("(34, 'Numerical result out of range')", 'OverflowError');
      }
      return pyFloat(r);
    }
    default:
      throw new MatError(
        `unsupported operand type(s) for ${op}: '${a.dtype === 'float64' ? 'float' : 'int'}' and '${b.dtype === 'float64' ? 'float' : 'int'}'`,
        'TypeError',
      );
  }
}

function intArith(op: PyArithOp, a: NDArray, b: NDArray): NDArray {
  const bools = a.dtype === 'bool' && b.dtype === 'bool';
  if (a.big !== undefined || b.big !== undefined) return bigArith(op, big(a), big(b));
  const x = a.data[0];
  const y = b.data[0];
  switch (op) {
    case '+':
      return intResult(x + y, () => BigInt(x) + BigInt(y));
    case '-':
      return intResult(x - y, () => BigInt(x) - BigInt(y));
    case '*':
      return Number.isSafeInteger(x * y) ? pyInt(x * y) : bigArith('*', BigInt(x), BigInt(y));
    case '/':
      if (y === 0) throw new MatError('division by zero', 'ZeroDivisionError');
      return pyFloat(x / y);
    case '//':
      if (y === 0) throw new MatError('integer division or modulo by zero', 'ZeroDivisionError');
      return pyInt(Math.floor(x / y) === x / y ? x / y : floorDivide(x, y));
    case '%':
      if (y === 0) throw new MatError('integer modulo by zero', 'ZeroDivisionError');
      return pyInt(remainder(x, y));
    case '**':
      if (y < 0) {
        if (x === 0) throw new MatError('0.0 cannot be raised to a negative power', 'ZeroDivisionError');
        return pyFloat(x ** y);
      }
      return Number.isSafeInteger(x ** y) ? pyInt(x ** y) : bigArith('**', BigInt(x), BigInt(y));
    case '&':
      return bools ? pyBool((x & y) !== 0) : bigArith('&', BigInt(x), BigInt(y));
    case '|':
      return bools ? pyBool((x | y) !== 0) : bigArith('|', BigInt(x), BigInt(y));
    case '^':
      return bools ? pyBool((x ^ y) !== 0) : bigArith('^', BigInt(x), BigInt(y));
    case '<<':
    case '>>':
      return bigArith(op, BigInt(x), BigInt(y));
  }
}

/** Most bits a Python int may grow to here: `2 ** 10**9` would take the worker's memory. */
const MAX_BITS = 100_000;

function bigArith(op: PyArithOp, x: bigint, y: bigint): NDArray {
  switch (op) {
    case '+':
      return intFromBig(x + y);
    case '-':
      return intFromBig(x - y);
    case '*':
      checkBits(bits(x) + bits(y));
      return intFromBig(x * y);
    case '/':
      if (y === 0n) throw new MatError('division by zero', 'ZeroDivisionError');
      return pyFloat(Number(x) / Number(y));
    case '//': {
      if (y === 0n) throw new MatError('integer division or modulo by zero', 'ZeroDivisionError');
      const q = x / y;
      return intFromBig(q * y !== x && x < 0n !== y < 0n ? q - 1n : q);
    }
    case '%': {
      if (y === 0n) throw new MatError('integer modulo by zero', 'ZeroDivisionError');
      const r = x % y;
      return intFromBig(r !== 0n && r < 0n !== y < 0n ? r + y : r);
    }
    case '**':
      if (y < 0n) return pyFloat(Number(x) ** Number(y));
      checkBits(bits(x) * Number(y));
      return intFromBig(x ** y);
    case '&':
      return intFromBig(x & y);
    case '|':
      return intFromBig(x | y);
    case '^':
      return intFromBig(x ^ y);
    case '<<':
      if (y < 0n) throw new MatError('negative shift count', 'ValueError');
      checkBits(bits(x) + Number(y));
      return intFromBig(x << y);
    case '>>':
      if (y < 0n) throw new MatError('negative shift count', 'ValueError');
      return intFromBig(x >> y);
  }
}

function bits(x: bigint): number {
  return (x < 0n ? -x : x).toString(2).length;
}

function checkBits(n: number): void {
  if (n > MAX_BITS) {
    throw new MatError(
      `integer result too large: more than ${MAX_BITS.toLocaleString('en-US')} bits`,
      'OverflowError',
    );
  }
}

/** `-a`, `+a`, `~a` of a Python scalar. */
export function pyUnary(op: '-' | '+' | '~', a: NDArray): NDArray {
  if (a.im) return complexUnary(op, a);
  if (op === '~') {
    if (a.dtype === 'float64') throw new MatError("bad operand type for unary ~: 'float'", 'TypeError');
    return a.big !== undefined ? intFromBig(~a.big) : pyInt(-a.data[0] - 1);
  }
  if (a.dtype === 'float64') return op === '-' ? pyFloat(-a.data[0]) : a;
  if (a.big !== undefined) return op === '-' ? intFromBig(-a.big) : a;
  const x = a.data[0];
  return pyInt(op === '-' ? (x === 0 ? 0 : -x) : x);
}
