import { MatError } from '../errors';
import { allocate, checkDeadline } from '../limits';
import { type DType, NDArray, stridesOf } from '../ndarray';
import { type IndexSpec, normalizeAxis, selectOffsets, sliceIndices } from '../ops';

/**
 * NumPy's views. Every view has a root: the array that owns the memory
 * (NumPy's `.base`).
 *
 * - A view over consecutive elements of its root (a row `m[1]`, rows
 *   `m[1:3]`, `reshape`, `ravel`) is a `subarray` of the root's buffer:
 *   the two share memory, as in NumPy.
 * - A strided view (`.T`, a column `m[:, 1]`, `m[::2]`) cannot be a
 *   subarray. It is a `StridedView`: its own buffer plus, per element, the
 *   root element it stands for. It reads its root afresh whenever the root
 *   was written since it last looked (every writer calls `wrote`), and a
 *   write into it goes back to its root, so both behave as NumPy's shared
 *   memory does.
 */

/** The array a view shares memory with (NumPy's `.base`). */
const bases = new WeakMap<NDArray, NDArray>();

/** How many writes each root that has strided views has seen. */
const writeCounts = new WeakMap<NDArray, { count: number }>();

export function baseOf(a: NDArray): NDArray | undefined {
  return bases.get(a);
}

function rootOf(a: NDArray): NDArray {
  return bases.get(a) ?? a;
}

/** An array whose elements are elements of its root, in any order (see above). */
class StridedView extends NDArray {
  declare buffer: Float64Array;
  declare root: NDArray;
  /** `index[i]` is where element i lives in the root's buffer. */
  declare index: Float64Array;
  declare writes: { count: number };
  /** The root's write count when `buffer` was last read from it. */
  declare seen: number;
}

// `data` reads the root again when it changed: every kernel sees the root's current values.
Object.defineProperty(StridedView.prototype, 'data', {
  get(this: StridedView): Float64Array {
    if (this.seen !== this.writes.count) {
      gather(this.buffer, this.root.data, this.index);
      this.seen = this.writes.count;
    }
    return this.buffer;
  },
  set(this: StridedView, buffer: Float64Array) {
    this.buffer = buffer;
  },
});

function gather(out: Float64Array, from: Float64Array, index: Float64Array): void {
  for (let i = 0; i < index.length; i++) out[i] = from[index[i]];
}

/** Where each of `a`'s elements `offsets` lives in its root's buffer. */
function rootOffsets(a: NDArray, offsets: Float64Array): Float64Array {
  if (a instanceof StridedView) {
    const out = new Float64Array(offsets.length);
    for (let i = 0; i < offsets.length; i++) out[i] = a.index[offsets[i]];
    return out;
  }
  const shift = offsetInRoot(a);
  if (shift !== 0) for (let i = 0; i < offsets.length; i++) offsets[i] += shift;
  return offsets;
}

/** Where a slice's first element is in its root's buffer (0 for a root). */
function offsetInRoot(a: NDArray): number {
  return (a.data.byteOffset - rootOf(a).data.byteOffset) / Float64Array.BYTES_PER_ELEMENT;
}

function isRun(index: Float64Array): boolean {
  for (let i = 1; i < index.length; i++) if (index[i] !== index[0] + i) return false;
  return true;
}

/** A view of `root`'s consecutive elements `[offset, offset + size)` in the given shape. */
function sliceOf(root: NDArray, offset: number, shape: readonly number[], dtype: DType): NDArray {
  let size = 1;
  for (const d of shape) size *= d;
  const view = new NDArray(root.data.subarray(offset, offset + size), shape, dtype);
  view.origin = root.origin;
  bases.set(view, root);
  return view;
}

/**
 * The view of `a` whose elements are `a`'s elements at `offsets` (row-major
 * positions in `a`), in the given shape: a slice of the root's memory when
 * they are consecutive there, a strided view otherwise.
 */
function viewAt(a: NDArray, offsets: Float64Array, shape: readonly number[]): NDArray {
  const root = rootOf(a);
  const index = rootOffsets(a, offsets);
  if (isRun(index)) return sliceOf(root, index.length > 0 ? index[0] : 0, shape, a.dtype);
  const buffer = allocate(index.length);
  gather(buffer, root.data, index);
  const view = new StridedView(buffer, shape, a.dtype);
  let writes = writeCounts.get(root);
  if (!writes) {
    writes = { count: 0 };
    writeCounts.set(root, writes);
  }
  view.root = root;
  view.index = index;
  view.writes = writes;
  view.seen = writes.count;
  view.origin = root.origin;
  bases.set(view, root);
  return view;
}

/**
 * After a write into `a` (an in-place operator, an item assignment): a
 * strided view's new elements go to its root, and every strided view of
 * that root reads it again before its next use.
 */
export function wrote(a: NDArray): void {
  const root = rootOf(a);
  const writes = writeCounts.get(root);
  if (!writes) return;
  if (a instanceof StridedView) {
    const to = root.data;
    const { buffer, index } = a;
    for (let i = 0; i < index.length; i++) to[index[i]] = buffer[i];
  }
  writes.count++;
  if (a instanceof StridedView) a.seen = writes.count;
}

/** Row-major positions, in an array of `strides`, of the elements of `shape` (a transpose's order). */
function stridedOffsets(shape: readonly number[], strides: readonly number[]): Float64Array {
  let total = 1;
  for (const d of shape) total *= d;
  const out = new Float64Array(total);
  const nd = shape.length;
  if (total === 0 || nd === 0) return out;
  const n = shape[nd - 1];
  const step = strides[nd - 1];
  const counter = new Array<number>(nd).fill(0);
  let at = 0;
  for (let o = 0; o < total; ) {
    if ((o & 65535) < n) checkDeadline();
    for (let t = 0, i = at; t < n; t++, i += step) out[o++] = i;
    for (let axis = nd - 2; axis >= 0; axis--) {
      if (++counter[axis] < shape[axis]) {
        at += strides[axis];
        break;
      }
      counter[axis] = 0;
      at -= strides[axis] * (shape[axis] - 1);
    }
  }
  return out;
}

/**
 * `reshape`/`ravel` as a view: always one when `a`'s elements are consecutive
 * in memory, as NumPy's; of a strided view, a copy (as NumPy's, for the
 * transposes and columns such views are).
 */
export function reshapedView(a: NDArray, shape: readonly number[]): NDArray {
  if (a instanceof StridedView) {
    const index = a.index;
    if (index.length > 0 && isRun(index)) return sliceOf(a.root, index[0], shape, a.dtype);
    return new NDArray(a.data.slice(), shape, a.dtype);
  }
  return sliceOf(rootOf(a), offsetInRoot(a), shape, a.dtype);
}

/** `a.T`, `a.transpose(axes)`, `np.transpose(a, axes)`: a view with its axes permuted. */
export function transposedView(a: NDArray, axes?: readonly number[]): NDArray {
  const nd = a.ndim;
  let perm: number[];
  if (axes === undefined) perm = Array.from({ length: nd }, (_, i) => nd - 1 - i);
  else {
    if (axes.length !== nd) throw new MatError("axes don't match array");
    perm = axes.map((axis) => normalizeAxis(axis, nd));
    if (new Set(perm).size !== nd) throw new MatError('repeated axis in transpose');
  }
  const strides = stridesOf(a.shape);
  const shape = perm.map((axis) => a.shape[axis]);
  return viewAt(
    a,
    stridedOffsets(
      shape,
      perm.map((axis) => strides[axis]),
    ),
    shape,
  );
}

/**
 * `a[specs]` as a view when the index is basic (integers, slices, `None`,
 * `...`) and selects more than one element; undefined otherwise (fancy
 * indexing copies; a single element is a NumPy scalar).
 */
export function indexView(a: NDArray, specs: readonly IndexSpec[]): NDArray | undefined {
  if (specs.some((spec) => spec.kind === 'array')) return undefined;
  const contiguous = a instanceof StridedView ? undefined : contiguousOffset(a, specs);
  if (contiguous) return sliceOf(rootOf(a), contiguous.offset, contiguous.shape, a.dtype);
  const selection = selectOffsets(a, specs);
  if (selection.shape.length === 0) return undefined;
  return viewAt(a, selection.offsets, selection.shape);
}

/**
 * The common case without building an index: leading integers, then at most
 * one step-1 slice, pick a consecutive block (a row, a run of rows).
 */
function contiguousOffset(
  a: NDArray,
  specs: readonly IndexSpec[],
): { offset: number; shape: number[] } | undefined {
  if (specs.length === 0 || specs.length > a.ndim) return undefined;
  const strides = a.strides;
  let offset = offsetInRoot(a);
  let axis = 0;
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
    const spec = specs[axis];
    if (spec.kind !== 'slice' || axis !== specs.length - 1 || (spec.step ?? 1) !== 1) return undefined;
    const picked = sliceIndices(a.shape[axis], spec.start, spec.stop, spec.step);
    offset += (picked.count > 0 ? picked.start : 0) * strides[axis];
    shape.push(picked.count);
    axis++;
  }
  if (shape.length === 0 && axis === a.ndim) return undefined;
  for (let k = axis; k < a.ndim; k++) shape.push(a.shape[k]);
  return { offset, shape };
}

/** Where each of `a`'s elements lives in its root's buffer. */
function placesInRoot(a: NDArray): Float64Array {
  if (a instanceof StridedView) return a.index;
  const out = new Float64Array(a.size);
  const offset = offsetInRoot(a);
  for (let i = 0; i < out.length; i++) out[i] = offset + i;
  return out;
}

/** `np.shares_memory(a, b)`: does some element of one live where an element of the other does? */
export function sharesMemory(a: NDArray, b: NDArray): boolean {
  const root = rootOf(a);
  if (root !== rootOf(b) || a.size === 0 || b.size === 0) return false;
  const used = new Uint8Array(root.size);
  for (const i of placesInRoot(a)) used[i] = 1;
  for (const i of placesInRoot(b)) if (used[i]) return true;
  return false;
}

/** `np.may_share_memory(a, b)`: do the memory extents of the two overlap (NumPy's quick bounds check)? */
export function mayShareMemory(a: NDArray, b: NDArray): boolean {
  if (rootOf(a) !== rootOf(b) || a.size === 0 || b.size === 0) return false;
  const extent = (x: NDArray) => {
    const places = placesInRoot(x);
    let low = places[0];
    let high = places[0];
    for (const i of places) {
      if (i < low) low = i;
      if (i > high) high = i;
    }
    return [low, high];
  };
  const [lowA, highA] = extent(a);
  const [lowB, highB] = extent(b);
  return lowA <= highB && lowB <= highA;
}
