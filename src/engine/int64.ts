import { MatError } from './errors';

/**
 * int64 values are held in doubles. NumPy wraps around silently when an
 * int64 result leaves [-2**63, 2**63); a double cannot reproduce that
 * wrap-around (nor Python's exact big ints), so such a result is an error
 * that says what happened instead of a wrong number or an `inf` int.
 */
const LIMIT = 2 ** 63;

export const INT64_OVERFLOW =
  'integer overflow: the result does not fit in int64 (NumPy would silently wrap around); use floats for numbers this large, such as 10.0 ** 400';

/** Throws an OverflowError when any of `data` lies outside the int64 range. */
export function checkInt64(data: Float64Array): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!(v < LIMIT && v >= -LIMIT)) throw new MatError(INT64_OVERFLOW, 'OverflowError');
  }
}

/** Does an integer literal's value fit in int64? */
export function fitsInt64(value: number): boolean {
  return value < LIMIT && value >= -LIMIT;
}
