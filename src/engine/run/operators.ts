import type { BinaryOp } from '../ast';
import { toArray } from '../builtins/convert';
import {
  castPythonNumber,
  DTYPES,
  type DType,
  isFloatDType,
  isIntegral,
  resultType,
  roundInto,
} from '../dtypes';
import { MatError } from '../errors';
import { reserve } from '../limits';
import { matmul } from '../linalg';
import { NDArray } from '../ndarray';
import { type ArithmeticOp, binary, negative, positive } from '../ops';
import { broadcastShapes, broadcastTo } from '../ops/broadcast';
import {
  isPythonScalar,
  pyBool,
  type RecordValue,
  recordClass,
  type SetValue,
  typeName,
  type Value,
} from '../values';
import { percentArgs } from './formatting';
import { own } from './heap';
import { type PyArithOp, pyArith, pyUnary } from './pyarith';
import { complexCompare } from './pycomplex';
import { bigOf, contains, newList, orderSequences, pyEquals } from './pyops';

/**
 * Python's binary and unary operators over every value: Python scalars
 * follow Python's arithmetic, anything involving a NumPy array or scalar
 * goes to NumPy's element-wise kernels (a list or tuple beside an array is
 * an array-like, as in NumPy), sequences concatenate and repeat.
 */

export const BITWISE_UFUNC: Readonly<Record<string, string>> = {
  '&': 'bitwise_and',
  '|': 'bitwise_or',
  '^': 'bitwise_xor',
  '<<': 'left_shift',
  '>>': 'right_shift',
};

/** Element-wise `==` of two array-likes (what `in` and `==` use when an array is involved). */
export function compareArrays(a: Value, b: Value): Value {
  return binary('==', toArray(a), toArray(b));
}

function isNumpy(value: Value): value is NDArray {
  return value instanceof NDArray && !value.python;
}

function isArrayLike(value: Value): boolean {
  return (
    value instanceof NDArray ||
    value.kind === 'list' ||
    value.kind === 'tuple' ||
    recordClass(value)?.array !== undefined
  );
}

/**
 * `left op right` by the special methods of a built-in's class (np.poly1d's
 * `__add__`, then the right operand's reflected `__radd__`); undefined when
 * neither implements it. A NumPy array or scalar on the left takes the
 * object as an array-like (its `__array__`) instead, as NumPy does for a
 * class without `__array_ufunc__ = None`.
 */
function classBinary(op: BinaryOp, left: Value, right: Value): Value | undefined {
  const result = recordClass(left)?.binary?.(left as RecordValue, op, right, false);
  if (result !== undefined || isNumpy(left)) return result;
  return recordClass(right)?.binary?.(right as RecordValue, op, left, true);
}

/** `left op right` with Python's and NumPy's semantics. */
export function binaryOp(op: BinaryOp, left: Value, right: Value): Value {
  switch (op) {
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
    case 'in':
    case 'not in':
    case 'is':
    case 'is not':
      return compare(op, left, right);
  }
  const special = classBinary(op, left, right);
  if (special !== undefined) return special;
  if (isPythonScalar(left) && isPythonScalar(right)) {
    if (op === '@') throw unsupported(op, left, right);
    return pyArith(op as PyArithOp, left, right);
  }
  if ((isNumpy(left) && isArrayLike(right)) || (isNumpy(right) && isArrayLike(left))) {
    return numpyBinary(op, toArray(left, 'left operand'), toArray(right, 'right operand'));
  }
  return sequenceOp(op, left, right);
}

function numpyBinary(op: BinaryOp, a: NDArray, b: NDArray): NDArray {
  if (op === '@') {
    if (a.ndim === 0 || b.ndim === 0) {
      throw new MatError(
        'matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)'.replace(
          'operand 0',
          a.ndim === 0 ? 'operand 0' : 'operand 1',
        ),
      );
    }
    return matmul(a, b);
  }
  if (op in BITWISE_UFUNC) return bitwise(op, a, b);
  return binary(op as ArithmeticOp, a, b, true);
}

/**
 * `& | ^ << >>` on bool and int arrays (masks: `(a > 0) & (a < 5)`), in the
 * operands' promoted dtype; also np.bitwise_and and the other bitwise ufuncs.
 */
export function bitwise(op: BinaryOp, a: NDArray, b: NDArray): NDArray {
  const dtype = resultType([a, b]);
  if (!isIntegral(dtype)) {
    throw new MatError(
      `ufunc '${BITWISE_UFUNC[op]}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''`,
      'TypeError',
    );
  }
  // A Python int is range-checked against the array's dtype (uint8_array & 300 is an OverflowError).
  for (const x of [a, b]) if (x.weak && dtype !== 'bool') castPythonNumber(x.data[0], false, dtype);
  // NumPy shifts bools with its int8 loop.
  return bitwiseKernel(op, a, b, dtype === 'bool' && (op === '<<' || op === '>>') ? 'int8' : dtype);
}

function bitwiseKernel(op: BinaryOp, a: NDArray, b: NDArray, dtype: DType): NDArray {
  const shape = broadcastShapes(a.shape, b.shape);
  const ea = broadcastTo(a, shape).data;
  const eb = broadcastTo(b, shape).data;
  const out = new Float64Array(ea.length);
  const bits = BigInt(DTYPES[dtype].itemsize * 8);
  for (let i = 0; i < out.length; i++) {
    const x = BigInt(ea[i]);
    const y = BigInt(eb[i]);
    let r: bigint;
    if (op === '&') r = x & y;
    else if (op === '|') r = x | y;
    else if (op === '^') r = x ^ y;
    // A shift count out of [0, bits) gives NumPy's defined results (it compares the count as unsigned).
    else if (op === '<<') r = y < 0n || y >= bits ? 0n : x << y;
    else r = y < 0n || y >= bits ? (x < 0n ? -1n : 0n) : x >> y;
    out[i] = Number(dtype === 'int64' ? BigInt.asIntN(64, r) : r);
  }
  return new NDArray(roundInto(out, dtype), shape, dtype);
}

function unsupported(op: string, left: Value, right: Value): MatError {
  return new MatError(
    `unsupported operand type(s) for ${op}: '${typeName(left)}' and '${typeName(right)}'`,
    'TypeError',
  );
}

function repeatCount(count: Value, _sequence: Value): number {
  if (!(count instanceof NDArray) || count.ndim !== 0 || isFloatDType(count.dtype)) {
    throw new MatError(`can't multiply sequence by non-int of type '${typeName(count)}'`, 'TypeError');
  }
  return Math.max(0, count.data[0]);
}

/** Python's set algebra: `a | b`, `a & b`, `a - b`, `a ^ b` (both operands sets). */
function setOp(op: BinaryOp, l: SetValue, r: SetValue): Value | undefined {
  const entries = new Map<string, Value>();
  switch (op) {
    case '|':
      for (const [hash, item] of l.entries) entries.set(hash, item);
      for (const [hash, item] of r.entries) if (!entries.has(hash)) entries.set(hash, item);
      break;
    case '&':
      for (const [hash, item] of l.entries) if (r.entries.has(hash)) entries.set(hash, item);
      break;
    case '-':
      for (const [hash, item] of l.entries) if (!r.entries.has(hash)) entries.set(hash, item);
      break;
    case '^':
      for (const [hash, item] of l.entries) if (!r.entries.has(hash)) entries.set(hash, item);
      for (const [hash, item] of r.entries) if (!l.entries.has(hash)) entries.set(hash, item);
      break;
    default:
      return undefined;
  }
  reserve(entries.size);
  return own<SetValue>({ kind: 'set', entries });
}

function sequenceOp(op: BinaryOp, left: Value, right: Value): Value {
  if (left instanceof NDArray && right instanceof NDArray) throw unsupported(op, left, right);
  const l = left instanceof NDArray ? undefined : left;
  const r = right instanceof NDArray ? undefined : right;
  if (l?.kind === 'set' && r?.kind === 'set') {
    const result = setOp(op, l, r);
    if (result) return result;
  }
  if (op === '+') {
    if (l?.kind === 'string') {
      if (r?.kind !== 'string') {
        throw new MatError(`can only concatenate str (not "${typeName(right)}") to str`, 'TypeError');
      }
      reserve(l.value.length + r.value.length);
      return { kind: 'string', value: l.value + r.value };
    }
    if (l?.kind === 'list' || l?.kind === 'tuple') {
      if (r?.kind !== l.kind) {
        throw new MatError(
          `can only concatenate ${l.kind} (not "${typeName(right)}") to ${l.kind}`,
          'TypeError',
        );
      }
      // Counted before it is built: `t = t + t` line after line doubles a tuple past any memory.
      reserve(l.items.length + r.items.length);
      const items = l.items.concat(r.items);
      return l.kind === 'list' ? own({ kind: 'list', items }) : { kind: 'tuple', items };
    }
  }
  if (op === '*') {
    const sequence = l && (l.kind === 'list' || l.kind === 'tuple' || l.kind === 'string') ? left : right;
    const count = sequence === left ? right : left;
    if (!(sequence instanceof NDArray)) {
      if (sequence.kind === 'string') {
        const n = repeatCount(count, sequence);
        reserve(sequence.value.length * n);
        return { kind: 'string', value: sequence.value.repeat(n) };
      }
      if (sequence.kind === 'list' || sequence.kind === 'tuple') {
        const n = repeatCount(count, sequence);
        reserve(sequence.items.length * n);
        const items: Value[] = [];
        for (let i = 0; i < n; i++) for (const item of sequence.items) items.push(item);
        return sequence.kind === 'list' ? newList(items) : { kind: 'tuple', items };
      }
    }
  }
  if (op === '%' && l?.kind === 'string') return { kind: 'string', value: percentArgs(l.value, right) };
  if (op === '|' && l?.kind === 'dict' && r?.kind === 'dict') {
    const out = { kind: 'dict' as const, entries: new Map(l.entries) };
    for (const [hash, entry] of r.entries) out.entries.set(hash, entry);
    return out;
  }
  throw unsupported(op, left, right);
}

/** Comparison operators, `in` and `is`. */
export function compare(op: BinaryOp, left: Value, right: Value): Value {
  switch (op) {
    case 'is':
      return pyBool(identical(left, right));
    case 'is not':
      return pyBool(!identical(left, right));
    case 'in':
      return pyBool(contains(right, left, compareArrays));
    case 'not in':
      return pyBool(!contains(right, left, compareArrays));
  }
  const special = classBinary(op, left, right);
  if (special !== undefined) return special;
  if (isPythonScalar(left) && isPythonScalar(right)) {
    if (left.im || right.im) return complexCompare(op, left, right);
    const exact = (x: NDArray) => x.big !== undefined || (x.dtype !== 'float64' && true);
    if ((left.big !== undefined || right.big !== undefined) && exact(left) && exact(right)) {
      return pyBool(numberCompare(op, bigOf(left), bigOf(right)));
    }
    if (left.big !== undefined || right.big !== undefined) {
      // A huge int against a float: compare as numbers (exact enough except within one ulp of 2**1024).
      const a = left.big !== undefined ? Number(left.big) : left.data[0];
      const b = right.big !== undefined ? Number(right.big) : right.data[0];
      return pyBool(numberCompare(op, a, b));
    }
    return pyBool(numberCompare(op, left.data[0], right.data[0]));
  }
  if (
    (isNumpy(left) && (isArrayLike(right) || isNone(right))) ||
    (isNumpy(right) && (isArrayLike(left) || isNone(left)))
  ) {
    if (isNone(left) || isNone(right)) {
      if (op !== '==' && op !== '!=') throw orderError(op, left, right);
      const array = (isNone(left) ? right : left) as NDArray;
      return binary('==', array, NDArray.scalar(op === '==' ? Number.NaN : 0, 'float64')).ndim === 0
        ? NDArray.scalar(op === '==' ? 0 : 1, 'bool')
        : new NDArray(new Float64Array(array.size).fill(op === '==' ? 0 : 1), array.shape, 'bool');
    }
    return binary(op as ArithmeticOp, toArray(left), toArray(right));
  }
  if (op === '==' || op === '!=') {
    const equal = pyEquals(left, right, compareArrays);
    return pyBool(op === '==' ? equal : !equal);
  }
  const order = orderSequences(
    op,
    left,
    right,
    (a, b) => truthOf(compare('<', a, b)),
    (a, b) => pyEquals(a, b, compareArrays),
  );
  return pyBool(numberCompare(op, order, 0));
}

/** `a is b`: built-in functions and types are one object per name, whatever lookup made them. */
function identical(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a instanceof NDArray || b instanceof NDArray) return false;
  if (a.kind === 'builtin' && b.kind === 'builtin') return a.name === b.name;
  if (a.kind === 'module' && b.kind === 'module') return a.name === b.name;
  if (a.kind === 'none' && b.kind === 'none') return true;
  return false;
}

function isNone(value: Value): boolean {
  return !(value instanceof NDArray) && value.kind === 'none';
}

function orderError(op: string, left: Value, right: Value): MatError {
  return new MatError(
    `'${op}' not supported between instances of '${typeName(left)}' and '${typeName(right)}'`,
    'TypeError',
  );
}

function truthOf(value: Value): boolean {
  return value instanceof NDArray && value.data[0] !== 0;
}

/** `a op b` for two numbers or two BigInts (a Python int past 2**53). */
function numberCompare<T extends number | bigint>(op: BinaryOp, a: T, b: T): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

/** `~x` of a NumPy array or scalar (np.invert): bitwise not; logical not for bools. */
export function invert(operand: NDArray): NDArray {
  if (!isIntegral(operand.dtype)) {
    throw new MatError(
      "ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
      'TypeError',
    );
  }
  const out = new Float64Array(operand.size);
  for (let i = 0; i < out.length; i++) {
    out[i] = operand.dtype === 'bool' ? (operand.data[i] ? 0 : 1) : -operand.data[i] - 1;
  }
  return new NDArray(roundInto(out, operand.dtype), operand.shape, operand.dtype);
}

/** `-x`, `+x`, `~x`. */
export function unaryOp(op: '-' | '+' | '~', operand: Value): Value {
  if (isPythonScalar(operand)) return pyUnary(op, operand);
  if (operand instanceof NDArray) {
    if (op === '-') return negative(operand);
    if (op === '+') return positive(operand);
    return invert(operand);
  }
  const special = recordClass(operand)?.unary?.(operand as RecordValue, op);
  if (special !== undefined) return special;
  throw new MatError(`bad operand type for unary ${op}: '${typeName(operand)}'`, 'TypeError');
}
