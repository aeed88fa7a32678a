import { MatError } from '../errors';
import { allocate, checkDeadline, reserve } from '../limits';
import { type DType, NDArray, shapeSize, stridesOf } from '../ndarray';
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
  /**
   * Where its elements are in the root's buffer: `start` plus, per axis, `steps`
   * (a transpose, built without an index), or element by element in `index`,
   * made on first need.
   */
  declare start: number;
  declare steps: readonly number[] | undefined;
  declare index: Float64Array | undefined;
  declare writes: { count: number };
  /** The root's write count when `buffer` was last read from it. */
  declare seen: number;
}

/** `view`'s elements' places in its root's buffer. */
function indexOf(view: StridedView): Float64Array {
  if (!view.index) {
    const index = stridedOffsets(view.shape, view.steps as readonly number[]);
    if (view.start !== 0) for (let i = 0; i < index.length; i++) index[i] += view.start;
    view.index = index;
  }
  return view.index;
}

function gather(view: StridedView): void {
  const from = view.root.data;
  const out = view.buffer;
  if (view.steps && view.shape.length === 2) {
    // A transposed matrix, the common case, without building its index.
    const [rows, cols] = view.shape;
    const [down, across] = view.steps;
    for (let i = 0, o = 0; i < rows; i++) {
      for (let j = 0, at = view.start + i * down; j < cols; j++, at += across) out[o++] = from[at];
    }
    return;
  }
  const index = indexOf(view);
  for (let i = 0; i < index.length; i++) out[i] = from[index[i]];
}

// `data` reads the root again when it changed: every kernel sees the root's current values.
Object.defineProperty(StridedView.prototype, 'data', {
  get(this: StridedView): Float64Array {
    if (this.seen !== this.writes.count) {
      gather(this);
      this.seen = this.writes.count;
    }
    return this.buffer;
  },
  set(this: StridedView, buffer: Float64Array) {
    this.buffer = buffer;
  },
});

/** Where each of `a`'s elements `offsets` lives in its root's buffer. */
function rootOffsets(a: NDArray, offsets: Float64Array): Float64Array {
  if (a instanceof StridedView) {
    const out = new Float64Array(offsets.length);
    const index = indexOf(a);
    for (let i = 0; i < offsets.length; i++) out[i] = index[offsets[i]];
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
  return stridedView(root, shape, a.dtype, 0, undefined, index);
}

function stridedView(
  root: NDArray,
  shape: readonly number[],
  dtype: DType,
  start: number,
  steps: readonly number[] | undefined,
  index: Float64Array | undefined,
): StridedView {
  let size = 1;
  for (const d of shape) size *= d;
  const view = new StridedView(allocate(size), shape, dtype);
  let writes = writeCounts.get(root);
  if (!writes) {
    writes = { count: 0 };
    writeCounts.set(root, writes);
  }
  view.root = root;
  view.start = start;
  view.steps = steps;
  view.index = index;
  view.writes = writes;
  view.origin = root.origin;
  bases.set(view, root);
  gather(view);
  view.seen = writes.count;
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
    const buffer = a.buffer;
    const index = indexOf(a);
    for (let i = 0; i < index.length; i++) to[index[i]] = buffer[i];
  }
  writes.count++;
  if (a instanceof StridedView) a.seen = writes.count;
  if (a.im) wrote(a.im);
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
  return withImag(a, keepReadOnly(a, reshaped(a, shape)), (im) => reshapedView(im, shape));
}

/**
 * A complex array's view is the same view of its real parts (`view`, made
 * from `a`) and of its imaginary parts (`make(a.im)`), so that both share
 * memory with `a` as NumPy's interleaved elements do.
 */
function withImag<T extends NDArray | undefined>(
  a: NDArray,
  view: T,
  make: (im: NDArray) => NDArray | undefined,
): T {
  if (a.im && view && view !== a) view.im = make(a.im);
  return view;
}

function reshaped(a: NDArray, shape: readonly number[]): NDArray {
  if (a instanceof StridedView) {
    const index = indexOf(a);
    if (index.length > 0 && isRun(index)) return sliceOf(a.root, index[0], shape, a.dtype);
    return a.reshapedCopy(shape);
  }
  return sliceOf(rootOf(a), offsetInRoot(a), shape, a.dtype);
}

/** `a.T`, `a.transpose(axes)`, `np.transpose(a, axes)`: a view with its axes permuted. */
export function transposedView(a: NDArray, axes?: readonly number[]): NDArray {
  return withImag(a, keepReadOnly(a, transposed(a, axes)), (im) => transposedView(im, axes));
}

function transposed(a: NDArray, axes?: readonly number[]): NDArray {
  const nd = a.ndim;
  let perm: number[];
  if (axes === undefined) perm = Array.from({ length: nd }, (_, i) => nd - 1 - i);
  else {
    if (axes.length !== nd) throw new MatError("axes don't match array");
    perm = axes.map((axis) => normalizeAxis(axis, nd));
    if (new Set(perm).size !== nd) throw new MatError('repeated axis in transpose');
  }
  const shape = perm.map((axis) => a.shape[axis]);
  if (a instanceof StridedView && !a.steps) {
    const strides = stridesOf(a.shape);
    return viewAt(
      a,
      stridedOffsets(
        shape,
        perm.map((axis) => strides[axis]),
      ),
      shape,
    );
  }
  // Permuted steps through the root: no index is built unless someone needs it.
  const from = a instanceof StridedView ? (a.steps as readonly number[]) : stridesOf(a.shape);
  const steps = perm.map((axis) => from[axis]);
  const start = a instanceof StridedView ? a.start : offsetInRoot(a);
  const root = rootOf(a);
  if (isRowMajor(shape, steps)) return sliceOf(root, start, shape, a.dtype);
  return stridedView(root, shape, a.dtype, start, steps, undefined);
}

/** Do these steps walk the shape's elements consecutively (a transpose that changes nothing)? */
function isRowMajor(shape: readonly number[], steps: readonly number[]): boolean {
  let expected = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    if (shape[axis] !== 1 && steps[axis] !== expected) return false;
    expected *= shape[axis];
  }
  return true;
}

/**
 * `a[specs]` as a view when the index is basic (integers, slices, `None`,
 * `...`) and selects more than one element; undefined otherwise (fancy
 * indexing copies; a single element is a NumPy scalar).
 */
export function indexView(a: NDArray, specs: readonly IndexSpec[]): NDArray | undefined {
  const view = indexed(a, specs);
  return withImag(a, view && keepReadOnly(a, view), (im) => indexView(im, specs));
}

function indexed(a: NDArray, specs: readonly IndexSpec[]): NDArray | undefined {
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
  if (a instanceof StridedView) return indexOf(a);
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

/**
 * Views NumPy makes read-only (`np.broadcast_to`'s): many of their elements
 * are one element of the base, so a write could not mean anything.
 */
const readOnly = new WeakSet<NDArray>();

/** A view of a read-only view is read-only too, as in NumPy; a copy is not. */
function keepReadOnly(a: NDArray, view: NDArray): NDArray {
  if (view !== a && readOnly.has(a) && bases.has(view)) readOnly.add(view);
  return view;
}

/**
 * Refuses a write into a read-only array, with the wording of the writer
 * (NumPy: "assignment destination", "output array", "sort array").
 */
export function checkWritable(a: NDArray, what = 'assignment destination'): void {
  if (readOnly.has(a)) throw new MatError(`${what} is read-only`);
}

/**
 * The view of `a` whose element (i0, i1, …) is `a`'s element at row-major
 * position `start + i0 * steps[0] + i1 * steps[1] + …`: a diagonal (summed
 * steps), a permutation, or a broadcast (steps of 0).
 */
export function steppedView(
  a: NDArray,
  shape: readonly number[],
  steps: readonly number[],
  start = 0,
): NDArray {
  // The index of element places is memory too: counted before it is built, so a huge broadcast stops at the limit.
  reserve(shapeSize(shape));
  const offsets = stridedOffsets(shape, steps);
  if (start !== 0) for (let i = 0; i < offsets.length; i++) offsets[i] += start;
  return withImag(a, keepReadOnly(a, viewAt(a, offsets, shape)), (im) =>
    steppedView(im, shape, steps, start),
  );
}

/** `np.broadcast_to(a, shape)`: a read-only view repeating `a` along stretched axes (shape already checked). */
export function broadcastView(a: NDArray, shape: readonly number[]): NDArray {
  const own = stridesOf(a.shape);
  const pad = shape.length - a.ndim;
  const steps = shape.map((_, axis) => (axis < pad || a.shape[axis - pad] === 1 ? 0 : own[axis - pad]));
  const view = steppedView(a, shape, steps);
  readOnly.add(view);
  if (view.im) readOnly.add(view.im);
  return view;
}

/**
 * `a.strides` in elements: the steps through its root's memory per axis, as
 * NumPy reports them (row-major steps for an array of consecutive elements;
 * a view's own steps; an axis of length 1 shows the row-major step).
 */
export function elementSteps(a: NDArray): number[] {
  const own = stridesOf(a.shape);
  if (!(a instanceof StridedView)) return own;
  if (a.steps) return a.steps.map((s, axis) => (a.shape[axis] === 1 ? own[axis] : s));
  const index = indexOf(a);
  return a.shape.map((d, axis) => (d > 1 ? index[own[axis]] - index[0] : own[axis]));
}
