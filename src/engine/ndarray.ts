/**
 * The array value of the language: a row-major, contiguous block of numbers
 * with a shape and one of NumPy's three dtypes we model. int64 values are
 * kept in a Float64Array (exact up to 2**53); bools as 0/1. A 0-d array is
 * a NumPy scalar, or a Python scalar when `python` is set.
 *
 * Arrays are mutable, as NumPy's are (`a += 1`, `a[0] = 5` write in place);
 * every kernel returns a new array, and writers go through run/heap.ts so
 * that older statements' states stay valid.
 */

/** The statement run now executing; set by run/heap.ts (here to avoid an import cycle). */
export const currentOrigin: { value: object | undefined } = { value: undefined };

import type { DType } from './dtypes';

export type { DType } from './dtypes';

export class NDArray {
  readonly size: number;
  /**
   * A Python `int`, `float` or `bool` rather than a NumPy scalar or array:
   * same numbers, Python's arithmetic, repr and type name. Python scalars
   * are shared (small ints are cached): they are never written to.
   */
  python = false;
  /**
   * A Python number converted for one NumPy call (builtins/convert.ts toArray):
   * weak in promotion (NEP 50), so `int8_array + 1` stays int8. The call
   * clears it from what it returns.
   */
  weak = false;
  /**
   * A 0-d ndarray (`np.array(5)`, `np.zeros(())`) rather than a NumPy scalar:
   * it prints as `array(5)`, is an ndarray to `type()` and changes in place.
   * Arithmetic on it gives scalars, as NumPy's ufuncs do.
   */
  zeroDim = false;
  /** A Python int beyond 2**53, exactly (its `data[0]` is the nearest double). */
  big: bigint | undefined = undefined;
  /**
   * A complex array's imaginary parts: a float array of the same shape (its
   * `data` holds the real parts). Views of a complex array are views of both
   * parts (run/views.ts), so writes through them reach both.
   */
  im: NDArray | undefined = undefined;
  /** A statement's recorded value waiting to be kept if another statement writes here (run/heap.ts). */
  watcher: unknown = undefined;
  /** The statement run that created it (run/heap.ts): who may mutate it without invalidating older states. */
  origin: object | undefined = currentOrigin.value;

  /**
   * The elements, row-major. Declared, not a class field, so that it is set by assignment:
   * a strided view (run/views.ts) reads it through an accessor.
   */
  declare readonly data: Float64Array;

  constructor(
    data: Float64Array,
    readonly shape: readonly number[],
    readonly dtype: DType,
    /** A complex array's imaginary parts; zeros when a complex array is made without them. */
    imag?: Float64Array,
  ) {
    (this as { data: Float64Array }).data = data;
    this.size = shapeSize(shape);
    if (data.length !== this.size) {
      throw new Error(`internal: data length ${data.length} does not match shape (${shape.join(', ')})`);
    }
    if (dtype === 'complex128' || dtype === 'complex64') {
      this.im = new NDArray(
        imag ?? new Float64Array(this.size),
        shape,
        dtype === 'complex64' ? 'float32' : 'float64',
      );
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

  /** A complex array from its real and imaginary parts (`dtype` complex64 or complex128). */
  static complex(re: Float64Array, im: Float64Array, shape: readonly number[], dtype: DType): NDArray {
    return new NDArray(re, shape, dtype, im);
  }

  /** A copy with its own memory (both parts of a complex array). */
  copy(): NDArray {
    return this.reshapedCopy(this.shape);
  }

  /** The same elements in another shape, copied. */
  reshapedCopy(shape: readonly number[]): NDArray {
    const out = new NDArray(this.data.slice(), shape, this.dtype, this.im?.data.slice());
    out.zeroDim = shape.length === 0 && this.zeroDim;
    return out;
  }

  /** This array as a 0-d ndarray: itself when it is one already, a copy of a scalar otherwise (scalars are immutable). */
  asZeroDim(): NDArray {
    if (this.zeroDim || this.ndim !== 0) return this;
    const out = this.copy();
    out.zeroDim = true;
    return out;
  }

  /** The imaginary parts of a complex array (an internal error for a real one: callers check the dtype). */
  get imag(): Float64Array {
    if (!this.im) throw new Error(`internal: a ${this.dtype} array without imaginary parts`);
    return this.im.data;
  }

  static filled(shape: readonly number[], value: number, dtype: DType): NDArray {
    const data = new Float64Array(shapeSize(shape));
    if (value !== 0) data.fill(value);
    return new NDArray(data, shape, dtype);
  }

  /** Element `i` (row-major) as a NumPy scalar of this dtype, both parts of a complex one. */
  element(i: number): NDArray {
    return new NDArray(
      Float64Array.of(this.data[i]),
      [],
      this.dtype,
      this.im ? Float64Array.of(this.im.data[i]) : undefined,
    );
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
