import { MatError } from './errors';

/**
 * int64 values are held in doubles. NumPy wraps around silently when an
 * int64 result leaves [-2**63, 2**63); element-wise operators, sums and
 * products redo such results exactly and keep the wrapped value when a
 * double holds it (`wrapInt64Results`, `heldInt64`). Otherwise, and in the
 * kernels that only check (`checkInt64`), the result is an error that says
 * what happened instead of a wrong number or an `inf` int.
 */
const LIMIT = 2 ** 63;

export const INT64_OVERFLOW =
  'integer overflow: the result does not fit in int64 (NumPy would silently wrap around); use floats for numbers this large, such as 10.0 ** 400';

/** Throws an OverflowError when any of `data` lies outside the int64 range. */
export function checkInt64(data: Float64Array): void {
  if (!fitsInt64All(data)) throw new MatError(INT64_OVERFLOW, 'OverflowError');
}

/** Do all of `data` lie in the int64 range? */
export function fitsInt64All(data: Float64Array): boolean {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!(v < LIMIT && v >= -LIMIT)) return false;
  }
  return true;
}

/** Does an integer literal's value fit in int64? */
export function fitsInt64(value: number): boolean {
  return value < LIMIT && value >= -LIMIT;
}

const EXACT = 2 ** 53;

/** NumPy's int64 `x op y` with wrap-around, exactly (BigInt), for ops whose double result overflowed. */
function wrappedOp(op: '+' | '-' | '*' | '**', x: bigint, y: bigint): bigint {
  switch (op) {
    case '+':
      return BigInt.asIntN(64, x + y);
    case '-':
      return BigInt.asIntN(64, x - y);
    case '*':
      return BigInt.asIntN(64, x * y);
    case '**': {
      // Square-and-multiply modulo 2**64, as NumPy's loop (the exponent is non-negative here).
      let result = 1n;
      let base = BigInt.asIntN(64, x);
      for (let e = y; e > 0n; e >>= 1n) {
        if (e & 1n) result = BigInt.asIntN(64, result * base);
        base = BigInt.asIntN(64, base * base);
      }
      return result;
    }
  }
}

/** A wrapped int64 held in a double when the double is exactly it (below 2**53, or -2**63), else the engine's OverflowError. */
export function heldInt64(value: bigint): number {
  const n = Number(value);
  if (Math.abs(n) > EXACT && BigInt(n) !== value) throw new MatError(INT64_OVERFLOW, 'OverflowError');
  return n;
}

/**
 * An int64 element-wise result with NumPy's wrap-around where the doubles
 * overflowed: those elements are computed again exactly from the (broadcast)
 * operands and wrapped modulo 2**64, kept when a double holds the wrapped
 * value exactly (`np.array([2**62]) * 4` is `[0]` in NumPy, as here).
 */
export function wrapInt64Results(
  op: '+' | '-' | '*' | '**',
  out: Float64Array,
  x: Float64Array,
  y: Float64Array,
): void {
  for (let i = 0; i < out.length; i++) {
    const v = out[i];
    if (v < LIMIT && v >= -LIMIT) continue;
    out[i] = heldInt64(wrappedOp(op, BigInt(x[i]), BigInt(y[i])));
  }
}
