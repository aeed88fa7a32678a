import { NDArray } from '../ndarray';
import { type IndexSpec, sliceIndices } from '../ops';

/**
 * NumPy's views, where they are contiguous: a row `m[1]`, a run of rows
 * `m[1:3]`, the tail of a row `m[0, 2:]`, and `reshape`/`ravel` of an
 * array share their base's memory (a `subarray` of its buffer), so
 * writing through one changes the other, as in NumPy. Views NumPy makes
 * with strides (`.T`, `m[:, 1]`, `m[::2]`) are still copies here.
 */

/** The array a view shares memory with (NumPy's `.base`). */
const bases = new WeakMap<NDArray, NDArray>();

export function baseOf(a: NDArray): NDArray | undefined {
  return bases.get(a);
}

/** A view of `base`'s elements `[offset, offset + size)` in the given shape. */
export function viewOf(base: NDArray, offset: number, shape: readonly number[]): NDArray {
  let size = 1;
  for (const d of shape) size *= d;
  const view = new NDArray(base.data.subarray(offset, offset + size), shape, base.dtype);
  view.origin = base.origin;
  bases.set(view, bases.get(base) ?? base);
  return view;
}

/** `a[specs]` as a view when basic indexing gives a contiguous block; undefined otherwise. */
export function contiguousView(a: NDArray, specs: readonly IndexSpec[]): NDArray | undefined {
  if (specs.length === 0 || specs.length > a.ndim) return undefined;
  const strides = a.strides;
  let offset = 0;
  let axis = 0;
  // Leading integers pick one sub-array.
  while (axis < specs.length && specs[axis].kind === 'int') {
    const n = a.shape[axis];
    let i = (specs[axis] as { value: number }).value;
    if (i < 0) i += n;
    if (i < 0 || i >= n) return undefined;
    offset += i * strides[axis];
    axis++;
  }
  const shape: number[] = [];
  if (axis < specs.length) {
    // Then at most one slice with step 1 on the next axis, and nothing after it.
    const spec = specs[axis];
    if (spec.kind !== 'slice' || axis !== specs.length - 1 || (spec.step ?? 1) !== 1) return undefined;
    const picked = sliceIndices(a.shape[axis], spec.start, spec.stop, spec.step);
    offset += (picked.count > 0 ? picked.start : 0) * strides[axis];
    shape.push(picked.count);
    axis++;
  }
  if (shape.length === 0 && axis === a.ndim) return undefined; // a single element: a NumPy scalar, not a view
  for (let k = axis; k < a.ndim; k++) shape.push(a.shape[k]);
  return viewOf(a, offset, shape);
}
