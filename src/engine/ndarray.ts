/**
 * The array value of the language: a row-major, contiguous block of numbers
 * with a shape and one of NumPy's three dtypes we model. int64 values are
 * kept in a Float64Array (exact up to 2**53); bools as 0/1.
 *
 * Arrays are immutable once built: statements keep snapshots of the
 * environment, so an operation always returns a new array.
 */

export type DType = 'int64' | 'float64' | 'bool';

export class NDArray {
  readonly size: number;

  constructor(
    readonly data: Float64Array,
    readonly shape: readonly number[],
    readonly dtype: DType,
  ) {
    this.size = shapeSize(shape);
    if (data.length !== this.size) {
      throw new Error(`internal: data length ${data.length} does not match shape (${shape.join(', ')})`);
    }
  }

  get ndim(): number {
    return this.shape.length;
  }

  /** Row-major strides in elements. */
  get strides(): number[] {
    return stridesOf(this.shape);
  }

  static scalar(value: number, dtype: DType): NDArray {
    return new NDArray(Float64Array.of(value), [], dtype);
  }

  static filled(shape: readonly number[], value: number, dtype: DType): NDArray {
    const data = new Float64Array(shapeSize(shape));
    if (value !== 0) data.fill(value);
    return new NDArray(data, shape, dtype);
  }

  /** The single element of a size-1 array. */
  item(): number {
    return this.data[0];
  }
}

export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

/** NumPy's tuple spelling of a shape: `(2, 3)`, `(3,)`, `()`. */
export function shapeText(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

/** NumPy's `a.shape` spelling without spaces, as used in error messages: `(2,3)`. */
export function shapeTextCompact(shape: readonly number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(',')})`;
}
