import { type DType, isFloatDType, isIntegerDType } from '../dtypes';
import { MatError } from '../errors';
import { allocate } from '../limits';
import { NDArray, shapeSize, shapeText, shapeTextCompact } from '../ndarray';
import {
  argwhere,
  astype,
  binary,
  broadcastTo,
  concatenate,
  cross,
  diagFromVector,
  diagonal,
  flatnonzero,
  getIndex,
  type IndexSpec,
  inner,
  kron,
  median,
  normalizeAxis,
  quantile,
  ravel,
  reduce,
  repeat,
  roll,
  sliceIndices,
  tile,
  tri,
  triangle,
} from '../ops';
import { newList } from '../run/pyops';
import { broadcastView, indexView, reshapedView, transposedView } from '../run/views';
import { isArray, pyBool, pyInt, type SliceValue, typeName, type Value } from '../values';
import { arrayList } from './arrays';
import { optional, required, toArray, toArrayAs, toAxis, toBool, toDType, toInt, toShape } from './convert';
import { type BoundArgs, type BuiltinImpl, params } from './registry';

/** An int or a sequence of ints (`shift=(1, 2)`, `reps=[2, 2]`). */
function intList(value: Value, what: string): number[] {
  if (!isArray(value) && (value.kind === 'tuple' || value.kind === 'list')) {
    return value.items.map((item) => toInt(item, what));
  }
  const array = toArray(value, what);
  if (array.ndim === 0) return [toInt(array, what)];
  if (isFloatDType(array.dtype)) {
    throw new MatError(`'float' object cannot be interpreted as an integer`, 'TypeError');
  }
  return Array.from(array.data);
}

/** NumPy's `normalize_axis_tuple`: resolved axes, AxisError out of range, ValueError when repeated. */
function axisTuple(axes: readonly number[], ndim: number, argument?: string): number[] {
  const out = axes.map((axis) => {
    try {
      return normalizeAxis(axis, ndim);
    } catch (e) {
      if (e instanceof MatError && argument) e.message = `${argument}: ${e.message}`;
      throw e;
    }
  });
  if (new Set(out).size !== out.length) {
    throw new MatError(argument ? `repeated axis in \`${argument}\` argument` : 'repeated axis');
  }
  return out;
}

/** `a` itself when it is an array (so views share its memory), else a new array from the array-like. */
function arrayArg(args: Parameters<BuiltinImpl['call']>[0], name: string): NDArray {
  return toArray(required(args, name), name);
}

/** `a[::-1]` along the given axes, as NumPy's flip: a view. */
function flipped(a: NDArray, axes: readonly number[]): NDArray {
  const specs: IndexSpec[] = a.shape.map((_, axis) =>
    axes.includes(axis)
      ? { kind: 'slice', start: null, stop: null, step: -1 }
      : { kind: 'slice', start: null, stop: null, step: null },
  );
  return indexView(a, specs) ?? getIndex(a, specs);
}

/** `a[start:stop]` along `axis` (Python's slice clamping), a view as NumPy's split gives. */
function sliceAlong(a: NDArray, axis: number, start: number, stop: number): NDArray {
  const specs: IndexSpec[] = a.shape.map((_, k) =>
    k === axis
      ? { kind: 'slice', start, stop, step: null }
      : { kind: 'slice', start: null, stop: null, step: null },
  );
  return indexView(a, specs) ?? getIndex(a, specs);
}

/** The length of `axis`, or Python's IndexError as NumPy's `ary.shape[axis]` raises it. */
function axisLength(a: NDArray, axis: number): number {
  if (axis < -a.ndim || axis >= a.ndim) throw new MatError('tuple index out of range', 'IndexError');
  return a.shape[axis < 0 ? axis + a.ndim : axis];
}

/** `np.array_split` (and `np.split` once its sections are checked): a list of views. */
function splitInto(a: NDArray, sections: Value, axisValue: Value | undefined): Value {
  const axis = axisValue ? toInt(axisValue, 'axis') : 0;
  const total = axisLength(a, axis);
  const ax = axis < 0 ? axis + a.ndim : axis;
  let points: number[];
  if (isArray(sections) && sections.ndim === 0) {
    const count = toInt(sections, 'sections');
    if (count <= 0) throw new MatError('number sections must be larger than 0.');
    const each = Math.floor(total / count);
    const extras = total % count;
    points = [0];
    for (let i = 0; i < count; i++) points.push(points[i] + each + (i < extras ? 1 : 0));
  } else {
    points = [0, ...intList(sections, 'indices_or_sections'), total];
  }
  const parts: Value[] = [];
  for (let i = 0; i + 1 < points.length; i++) parts.push(sliceAlong(a, ax, points[i], points[i + 1]));
  return newList(parts);
}

/** `np.atleast_1d/2d/3d`: where the array's axes go in the result (NumPy's padding rules). */
function atLeast(a: NDArray, ndim: 1 | 2 | 3): NDArray {
  if (a.ndim >= ndim) return a;
  let shape: number[];
  if (ndim === 1) shape = [1];
  else if (ndim === 2) shape = a.ndim === 0 ? [1, 1] : [1, a.shape[0]];
  else if (a.ndim === 0) shape = [1, 1, 1];
  else if (a.ndim === 1) shape = [1, a.shape[0], 1];
  else shape = [...a.shape, 1];
  return reshapedView(a, shape);
}

function atLeastBuiltin(ndim: 1 | 2 | 3): BuiltinImpl {
  return {
    name: `atleast_${ndim}d`,
    params: [],
    varargs: 'arys',
    call: (args) => {
      const arrays = args.rest.map((value) => atLeast(toArray(value, 'arys'), ndim));
      return arrays.length === 1 ? arrays[0] : { kind: 'tuple', items: arrays };
    },
  };
}

/** The `axis=` of squeeze/flip/...: undefined for None. */
function axesOf(value: Value | undefined): number[] | undefined {
  const axis = toAxis(value);
  return axis === null ? undefined : typeof axis === 'number' ? [axis] : axis;
}

function squeezed(a: NDArray, axisValue: Value | undefined): NDArray {
  const given = axesOf(axisValue);
  const drop = given ? axisTuple(given, a.ndim) : a.shape.flatMap((d, i) => (d === 1 ? [i] : []));
  if (drop.some((axis) => a.shape[axis] !== 1)) {
    throw new MatError('cannot select an axis to squeeze out which has size not equal to one');
  }
  return reshapedView(
    a,
    a.shape.filter((_, i) => !drop.includes(i)),
  );
}

/** `np.moveaxis`'s permutation (NumPy's algorithm: insert each moved axis at its destination). */
function movedOrder(ndim: number, source: number[], destination: number[]): number[] {
  if (source.length !== destination.length) {
    throw new MatError('`source` and `destination` arguments must have the same number of elements');
  }
  const order = Array.from({ length: ndim }, (_, i) => i).filter((i) => !source.includes(i));
  const pairs = destination.map((d, i) => [d, source[i]]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  for (const [dest, src] of pairs) order.splice(dest, 0, src);
  return order;
}

function rotated(m: NDArray, turns: number, axes: readonly number[]): NDArray {
  if (axes.length !== 2) throw new MatError('len(axes) must be 2.');
  const [first, second] = axes;
  if (first === second || Math.abs(first - second) === m.ndim) throw new MatError('Axes must be different.');
  if (first >= m.ndim || first < -m.ndim || second >= m.ndim || second < -m.ndim) {
    throw new MatError(`Axes=(${first}, ${second}) out of range for array of ndim=${m.ndim}.`);
  }
  const k = ((turns % 4) + 4) % 4;
  const i = normalizeAxis(first, m.ndim);
  const j = normalizeAxis(second, m.ndim);
  if (k === 0) return sliceAlong(m, 0, 0, m.shape[0]);
  if (k === 2) return flipped(m, [i, j]);
  const order = m.shape.map((_, axis) => (axis === i ? j : axis === j ? i : axis));
  return k === 1 ? transposedView(flipped(m, [j]), order) : flipped(transposedView(m, order), [j]);
}

/** q as fractions (divided by `scale`), checked to be in [0, 1], with the caller's wording. */
function fractions(q: NDArray, scale: number, message: string): NDArray {
  const data = q.data.map((x) => x / scale);
  for (const x of data) if (!(x >= 0 && x <= 1)) throw new MatError(message);
  const out = new NDArray(data, q.shape, 'float64');
  // A Python number q stays weak: np.quantile(float32_array, 0.5) is float32.
  out.weak = q.weak;
  return out;
}

function quantileBuiltin(name: 'percentile' | 'quantile'): BuiltinImpl {
  return {
    name,
    params: params('a', 'q', 'axis?', '*keepdims?'),
    call: (args) => {
      const q =
        name === 'percentile'
          ? fractions(arrayArg(args, 'q'), 100, 'Percentiles must be in the range [0, 100]')
          : fractions(arrayArg(args, 'q'), 1, 'Quantiles must be in the range [0, 1]');
      const keepdims = optional(args, 'keepdims');
      return quantile(
        arrayArg(args, 'a'),
        q,
        toAxis(optional(args, 'axis')),
        keepdims ? toBool(keepdims) : false,
      );
    },
  };
}

/** `np.average` with weights: sum(a * w) / sum(w), w laid along `axis` when it is 1-D. */
function weightedAverage(
  a: NDArray,
  weights: NDArray,
  axis: number | number[] | null,
  keepdims: boolean,
): [NDArray, NDArray] {
  let w = astype(weights, 'float64');
  const sameShape = a.ndim === w.ndim && a.shape.every((d, i) => d === w.shape[i]);
  if (!sameShape) {
    if (axis === null) {
      throw new MatError('Axis must be specified when shapes of a and weights differ.', 'TypeError');
    }
    const axes = axisTuple(typeof axis === 'number' ? [axis] : axis, a.ndim);
    const along = axes.map((ax) => a.shape[ax]);
    if (w.ndim !== along.length || w.shape.some((d, i) => d !== along[i])) {
      throw new MatError('Shape of weights must be consistent with shape of a along specified axis.');
    }
    const sorted = [...axes].sort((x, y) => x - y);
    w = transposedView(
      w,
      sorted.map((ax) => axes.indexOf(ax)),
    );
    w = ravel(w);
    w =
      w.size === 0
        ? w
        : reshapedView(
            w,
            a.shape.map((d, ax) => (axes.includes(ax) ? d : 1)),
          );
  }
  const scale = reduce('sum', w, axis, keepdims);
  if (scale.data.some((x) => x === 0)) {
    throw new MatError("Weights sum to zero, can't be normalized", 'ZeroDivisionError');
  }
  const total = reduce('sum', binary('*', astype(a, 'float64'), w), axis, keepdims);
  return [binary('/', total, scale), scale];
}

/** `a` as a NumPy array rather than a weak Python number (`np.ravel(5)` is int64, as `np.append` sees it). */
function strong(a: NDArray): NDArray {
  return a.weak ? new NDArray(a.data, a.shape, a.dtype, a.im?.data) : a;
}

/** One lane of the result: lane `at` (along the axis) of `source`. */
interface Lane {
  readonly source: NDArray;
  readonly at: number;
}

/** A new array of `shape` whose k-th lane along `axis` is `lanes[k]` (each source has this shape off the axis, in `dtype`). */
function gatherLanes(shape: readonly number[], axis: number, dtype: DType, lanes: readonly Lane[]): NDArray {
  const outer = shapeSize(shape.slice(0, axis));
  const inner = shapeSize(shape.slice(axis + 1));
  const n = lanes.length;
  const out = allocate(outer * n * inner);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < n; k++) {
      const { source, at } = lanes[k];
      const base = (o * source.shape[axis] + at) * inner;
      out.set(source.data.subarray(base, base + inner), (o * n + k) * inner);
    }
  }
  return new NDArray(out, shape, dtype);
}

/** `arr` and the axis of insert/delete: axis=None ravels the array and works on its only axis. */
function editedAxis(arr: NDArray, axisValue: Value | undefined): { a: NDArray; axis: number } {
  if (axisValue === undefined) {
    const a = arr.ndim === 1 ? arr : ravel(arr);
    return { a, axis: 0 };
  }
  return { a: arr, axis: normalizeAxis(toInt(axisValue, 'axis'), arr.ndim) };
}

/** The positions a Python slice object selects along an axis of length n. */
function slicePositions(value: SliceValue, n: number): number[] {
  const bound = (v: Value) => (!isArray(v) && v.kind === 'none' ? null : toInt(v, 'slice'));
  const { start, step, count } = sliceIndices(n, bound(value.start), bound(value.stop), bound(value.step));
  return Array.from({ length: count }, (_, k) => start + k * step);
}

function isSlice(value: Value): value is SliceValue {
  return !isArray(value) && value.kind === 'slice';
}

/** An index as NumPy's fancy indexing reads it on an axis of length n (negative from the end), or its IndexError. */
function wrapIndex(index: number, n: number, axis: number): number {
  if (index < -n || index >= n) {
    throw new MatError(`index ${index} is out of bounds for axis ${axis} with size ${n}`, 'IndexError');
  }
  return index < 0 ? index + n : index;
}

/** `obj` as printed in insert's IndexError: a list as `[5]`, a tuple as `(5,)`, an array as its str. */
function objText(obj: Value, index: number): string {
  if (!isArray(obj) && obj.kind === 'list') return `[${index}]`;
  if (!isArray(obj) && obj.kind === 'tuple') return `(${index},)`;
  if (isArray(obj) && obj.ndim === 1) return `[${index}]`;
  return `${index}`;
}

function refuseFloatIndices(indices: NDArray): void {
  if (indices.dtype !== 'bool' && !isIntegerDType(indices.dtype)) {
    throw new MatError('arrays used as indices must be of integer (or boolean) type', 'IndexError');
  }
}

/** `np.insert`, following NumPy's algorithm: one index (values broadcast into one slot) or several (one lane each). */
function inserted(args: BoundArgs): NDArray {
  const { a, axis } = editedAxis(strong(arrayArg(args, 'arr')), optional(args, 'axis'));
  const obj = required(args, 'obj');
  const n = a.shape[axis];
  let indices: NDArray;
  if (isSlice(obj)) {
    const positions = slicePositions(obj, n);
    indices = new NDArray(Float64Array.from(positions), [positions.length], 'int64');
  } else {
    indices = strong(toArray(obj, 'obj'));
    if (indices.dtype === 'bool') {
      if (indices.ndim !== 1)
        throw new MatError('boolean array argument obj to insert must be one dimensional');
      indices = flatnonzero(indices);
    } else if (indices.ndim > 1) {
      throw new MatError('index array argument obj to insert must be one dimensional or scalar');
    }
  }
  const shape = [...a.shape];
  if (indices.size === 1) {
    if (!isIntegerDType(indices.dtype) && indices.dtype !== 'bool') {
      throw new MatError('slice indices must be integers or None or have an __index__ method', 'TypeError');
    }
    let index = indices.data[0];
    if (index < -n || index > n) {
      throw new MatError(
        `index ${objText(obj, index)} is out of bounds for axis ${axis} with size ${n}`,
        'IndexError',
      );
    }
    if (index < 0) index += n;
    let values = toArrayAs(required(args, 'values'), a.dtype, 'values');
    if (values.ndim < a.ndim)
      values = reshapedView(values, [...Array(a.ndim - values.ndim).fill(1), ...values.shape]);
    if (indices.ndim === 0 && values.ndim > 0) {
      values = transposedView(values, movedOrder(values.ndim, [0], [axis]));
    }
    const count = values.shape[axis];
    shape[axis] += count;
    const slot = broadcastTo(
      values,
      shape.map((d, k) => (k === axis ? count : d)),
    ).copy();
    const lanes: Lane[] = [];
    for (let k = 0; k < index; k++) lanes.push({ source: a, at: k });
    for (let k = 0; k < count; k++) lanes.push({ source: slot, at: k });
    for (let k = index; k < n; k++) lanes.push({ source: a, at: k });
    return gatherLanes(shape, axis, a.dtype, lanes);
  }
  if (indices.size > 0 || isArray(obj)) refuseFloatIndices(indices);
  const count = indices.size;
  const positions = Array.from(indices.data, (i) => (i < 0 ? i + n : i));
  // Each index moves right by the number of indices sorted (stably) before it.
  const order = positions.map((_, k) => k).sort((p, q) => positions[p] - positions[q]);
  order.forEach((k, rank) => {
    positions[k] += rank;
  });
  shape[axis] += count;
  const total = shape[axis];
  const slot = broadcastTo(
    toArrayAs(required(args, 'values'), a.dtype, 'values'),
    shape.map((d, k) => (k === axis ? count : d)),
  ).copy();
  const fromValues: (number | undefined)[] = new Array(total).fill(undefined);
  positions.forEach((p, k) => {
    fromValues[wrapIndex(p, total, 0)] = k;
  });
  const lanes: Lane[] = [];
  let next = 0;
  for (let p = 0; p < total; p++) {
    const k = fromValues[p];
    lanes.push(k === undefined ? { source: a, at: next++ } : { source: slot, at: k });
  }
  if (next !== n) {
    throw new MatError(
      `shape mismatch: value array of shape ${shapeTextCompact([n])} could not be broadcast to indexing result of shape ${shapeTextCompact([next])}`,
    );
  }
  return gatherLanes(shape, axis, a.dtype, lanes);
}

/** `np.delete`, following NumPy's algorithm: a slice, one index, a bool mask or an index array. */
function deleted(args: BoundArgs): NDArray {
  const { a, axis } = editedAxis(strong(arrayArg(args, 'arr')), optional(args, 'axis'));
  const obj = required(args, 'obj');
  const n = a.shape[axis];
  const keep = new Array<boolean>(n).fill(true);
  if (isSlice(obj)) {
    for (const p of slicePositions(obj, n)) keep[p] = false;
  } else {
    let indices = strong(toArray(obj, 'obj'));
    const pythonInt = isArray(obj) && obj.python && obj.dtype === 'int64';
    if (indices.size === 0 && !(isArray(obj) && !obj.python))
      indices = NDArray.filled(indices.shape, 0, 'int64');
    if (pythonInt || (indices.size === 1 && isIntegerDType(indices.dtype))) {
      const index = indices.data[0];
      if (index < -n || index >= n) {
        throw new MatError(`index ${index} is out of bounds for axis ${axis} with size ${n}`, 'IndexError');
      }
      keep[index < 0 ? index + n : index] = false;
    } else if (indices.dtype === 'bool') {
      if (indices.ndim !== 1 || indices.shape[0] !== n) {
        throw new MatError(
          `boolean array argument obj to delete must be one dimensional and match the axis length of ${n}`,
        );
      }
      indices.data.forEach((v, k) => {
        if (v !== 0) keep[k] = false;
      });
    } else {
      refuseFloatIndices(indices);
      for (const i of indices.data) keep[wrapIndex(i, n, 0)] = false;
    }
  }
  const lanes: Lane[] = [];
  keep.forEach((kept, k) => {
    if (kept) lanes.push({ source: a, at: k });
  });
  const shape = a.shape.map((d, k) => (k === axis ? lanes.length : d));
  return gatherLanes(shape, axis, a.dtype, lanes);
}

/** `np.resize`: the flattened data repeated (or cut) to fill the new shape; zeros when either is empty. */
function resized(a: NDArray, shapeValue: Value): NDArray {
  const shape = toShape(shapeValue);
  if (shape.some((d) => d < 0)) throw new MatError('all elements of `new_shape` must be non-negative');
  const size = shapeSize(shape);
  if (a.size === 0 || size === 0) return NDArray.filled(shape, 0, a.dtype);
  const flat = ravel(a);
  const out = allocate(size);
  for (let i = 0; i < size; i += flat.size) out.set(flat.data.subarray(0, Math.min(flat.size, size - i)), i);
  return new NDArray(out, shape, a.dtype);
}

/** `np.trim_zeros`: the input sliced to the bounding box of its nonzero elements along the trimmed axes. */
function trimmedZeros(args: BoundArgs): Value {
  const filt = required(args, 'filt');
  const a = toArray(filt, 'filt');
  const trimValue = optional(args, 'trim');
  const trim = trimValue === undefined ? 'fb' : toText(trimValue, 'trim').toLowerCase();
  if (!['fb', 'bf', 'f', 'b'].includes(trim)) {
    throw new MatError(`unexpected character(s) in \`trim\`: '${trim}'`);
  }
  const given = axesOf(optional(args, 'axis'));
  const axes = given ? axisTuple(given, a.ndim, 'axis') : a.shape.map((_, k) => k);
  if (axes.length === 0) return filt;
  const found = argwhere(a);
  const rows = found.shape[0];
  const starts = a.shape.map(() => 0);
  const stops = a.shape.map(() => 0);
  if (rows > 0) {
    for (let ax = 0; ax < a.ndim; ax++) {
      let lo = Number.POSITIVE_INFINITY;
      let hi = Number.NEGATIVE_INFINITY;
      for (let r = 0; r < rows; r++) {
        const v = found.data[r * a.ndim + ax];
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      starts[ax] = trim.includes('f') ? lo : 0;
      stops[ax] = trim.includes('b') ? hi + 1 : a.shape[ax];
    }
  }
  const bounds = (ax: number) => (axes.includes(ax) ? [starts[ax], stops[ax]] : [0, a.shape[ax]]);
  // A 1-D list or tuple is sliced as itself (NumPy slices the input object).
  if (a.ndim === 1 && !isArray(filt) && (filt.kind === 'list' || filt.kind === 'tuple')) {
    const [start, stop] = bounds(0);
    const items = filt.items.slice(start, stop);
    return filt.kind === 'list' ? newList(items) : { kind: 'tuple', items };
  }
  const specs: IndexSpec[] = a.shape.map((_, ax) => {
    const [start, stop] = bounds(ax);
    return { kind: 'slice', start, stop, step: null };
  });
  return indexView(a, specs) ?? getIndex(a, specs);
}

/** A string argument (`trim=`). */
function toText(value: Value, what: string): string {
  if (!isArray(value) && value.kind === 'string') return value.value;
  throw new MatError(`${what} must be a string, not ${typeName(value)}`, 'TypeError');
}

/** Where in the nested lists of `np.block` an item is, as NumPy's messages print it: `arrays[1][0]`. */
function blockIndex(path: readonly number[]): string {
  return `arrays${path.map((i) => `[${i}]`).join('')}`;
}

/** NumPy's `_block_check_depths_match`: the depth of the nested lists, the same for every leaf. */
function blockDepth(value: Value, path: number[]): { depth: number; path: number[] } {
  if (!isArray(value) && value.kind === 'tuple') {
    throw new MatError(
      `${blockIndex(path)} is a tuple. Only lists can be used to arrange blocks, and np.block does not allow implicit conversion from tuple to ndarray.`,
      'TypeError',
    );
  }
  if (isArray(value) || value.kind !== 'list') return { depth: 0, path };
  if (value.items.length === 0) throw new MatError(`List at ${blockIndex(path)} cannot be empty`);
  let first: { depth: number; path: number[] } | undefined;
  value.items.forEach((item, i) => {
    const inner = blockDepth(item, [...path, i]);
    if (!first) first = inner;
    else if (inner.depth !== first.depth) {
      throw new MatError(
        `List depths are mismatched. First element was at depth ${first.path.length}, but there is an element at depth ${inner.path.length} (${blockIndex(inner.path)})`,
      );
    }
  });
  const deepest = first as { depth: number; path: number[] };
  return { depth: deepest.depth + 1, path: deepest.path };
}

/** The largest ndim of the leaves of `np.block`'s nested lists. */
function blockLeaves(value: Value): NDArray[] {
  if (!isArray(value) && value.kind === 'list') return value.items.flatMap(blockLeaves);
  return [strong(toArray(value, 'arrays'))];
}

/** NumPy's `_block`: the innermost lists joined along the last axis, the outer ones along earlier axes. */
function blockJoin(value: Value, depth: number, listDepth: number, ndim: number): NDArray {
  if (depth < listDepth && !isArray(value) && value.kind === 'list') {
    const parts = value.items.map((item) => blockJoin(item, depth + 1, listDepth, ndim));
    return concatenate(parts, -(listDepth - depth));
  }
  const leaf = strong(toArray(value, 'arrays'));
  return leaf.ndim >= ndim
    ? leaf.copy()
    : leaf.reshapedCopy([...Array(ndim - leaf.ndim).fill(1), ...leaf.shape]);
}

/** A list of arrays, `np.hsplit`/`np.vsplit` checked as `np.split` checks its sections. */
function splitChecked(ary: Value, sections: Value, axis: number): Value {
  const a = toArray(ary, 'ary');
  if (isArray(sections) && sections.ndim === 0) {
    const count = toInt(sections, 'indices_or_sections');
    const total = axisLength(a, axis);
    if (count === 0) throw new MatError('integer modulo by zero', 'ZeroDivisionError');
    if (total % count !== 0) throw new MatError('array split does not result in an equal division');
  }
  return splitInto(a, sections, pyInt(axis));
}

/** `np.broadcast_shapes`' message: the first argument that fixed the clashing length, and the one that clashes. */
function broadcastShapesChecked(shapes: readonly (readonly number[])[]): number[] {
  const ndim = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(ndim).fill(1);
  const setBy = new Array<number>(ndim).fill(-1);
  shapes.forEach((shape, i) => {
    shape.forEach((d, k) => {
      const at = ndim - shape.length + k;
      if (d === 1) return;
      if (out[at] === 1) {
        out[at] = d;
        setBy[at] = i;
      } else if (out[at] !== d) {
        const j = setBy[at];
        throw new MatError(
          `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg ${j} with shape ${shapeText(shapes[j])} and arg ${i} with shape ${shapeText(shape)}.`,
        );
      }
    });
  });
  return out;
}

/** A shape argument of `np.broadcast_shapes`: an int or a tuple of ints. */
function shapeArgument(value: Value): number[] {
  return toShape(value);
}

/** `np.isscalar`: Python and NumPy scalars and strings, not 0-d arrays or sequences. */
function isScalarValue(value: Value): boolean {
  if (isArray(value)) return value.ndim === 0 && !value.zeroDim;
  return value.kind === 'string';
}

/** Building and rearranging arrays, and statistics along axes; their catalog entries are in ./shapingCatalog.ts. */
export const SHAPING_BUILTINS: readonly BuiltinImpl[] = [
  {
    name: 'diag',
    params: params('v', 'k?'),
    call: (args) => {
      const v = arrayArg(args, 'v');
      const kValue = optional(args, 'k');
      const k = kValue ? toInt(kValue, 'k') : 0;
      if (v.ndim === 1) return diagFromVector(v, k);
      if (v.ndim === 2) return diagonal(v, k);
      throw new MatError('Input must be 1- or 2-d.');
    },
  },
  {
    name: 'diagflat',
    params: params('v', 'k?'),
    call: (args) => {
      const kValue = optional(args, 'k');
      return diagFromVector(ravel(arrayArg(args, 'v')), kValue ? toInt(kValue, 'k') : 0);
    },
  },
  {
    name: 'diagonal',
    params: params('a', 'offset?', 'axis1?', 'axis2?'),
    call: (args) => {
      const int = (name: string, fallback: number) => {
        const value = optional(args, name);
        return value ? toInt(value, name) : fallback;
      };
      return diagonal(arrayArg(args, 'a'), int('offset', 0), int('axis1', 0), int('axis2', 1));
    },
  },
  {
    name: 'tri',
    params: params('N', 'M?', 'k?', 'dtype?'),
    call: (args) => {
      const n = toInt(required(args, 'N'), 'N');
      const m = optional(args, 'M');
      const k = optional(args, 'k');
      return tri(
        n,
        m ? toInt(m, 'M') : n,
        k ? toInt(k, 'k') : 0,
        toDType(optional(args, 'dtype')) ?? 'float64',
      );
    },
  },
  ...(['tril', 'triu'] as const).map(
    (name): BuiltinImpl => ({
      name,
      params: params('m', 'k?'),
      call: (args) => {
        const k = optional(args, 'k');
        return triangle(arrayArg(args, 'm'), k ? toInt(k, 'k') : 0, name === 'tril');
      },
    }),
  ),
  {
    name: 'column_stack',
    params: params('tup'),
    call: (args) => {
      const columns = arrayList(required(args, 'tup'), 'tup').map((a) =>
        a.ndim === 0 ? reshapedView(a, [1, 1]) : a.ndim === 1 ? reshapedView(a, [a.size, 1]) : a,
      );
      return concatenate(columns, 1);
    },
  },
  {
    name: 'dstack',
    params: params('tup'),
    call: (args) =>
      concatenate(
        arrayList(required(args, 'tup'), 'tup').map((a) => atLeast(a, 3)),
        2,
      ),
  },
  atLeastBuiltin(1),
  atLeastBuiltin(2),
  atLeastBuiltin(3),
  {
    name: 'split',
    params: params('ary', 'indices_or_sections', 'axis?'),
    call: (args) => {
      const ary = required(args, 'ary');
      const a = toArray(ary, 'ary');
      const sections = required(args, 'indices_or_sections');
      const axis = optional(args, 'axis');
      if (isArray(sections) && sections.ndim === 0) {
        // NumPy reads `ary.shape` here, which a list or tuple lacks.
        if (!isArray(ary)) {
          throw new MatError(`'${typeName(ary)}' object has no attribute 'shape'`, 'AttributeError');
        }
        const count = toInt(sections, 'indices_or_sections');
        const total = axisLength(a, axis ? toInt(axis, 'axis') : 0);
        if (count === 0) throw new MatError('integer modulo by zero', 'ZeroDivisionError');
        if (total % count !== 0) throw new MatError('array split does not result in an equal division');
      }
      return splitInto(a, sections, axis);
    },
  },
  {
    name: 'array_split',
    params: params('ary', 'indices_or_sections', 'axis?'),
    call: (args) =>
      splitInto(arrayArg(args, 'ary'), required(args, 'indices_or_sections'), optional(args, 'axis')),
  },
  {
    name: 'hsplit',
    params: params('ary', 'indices_or_sections'),
    call: (args) => {
      const a = arrayArg(args, 'ary');
      if (a.ndim === 0) throw new MatError('hsplit only works on arrays of 1 or more dimensions');
      return splitChecked(a, required(args, 'indices_or_sections'), a.ndim > 1 ? 1 : 0);
    },
  },
  {
    name: 'vsplit',
    params: params('ary', 'indices_or_sections'),
    call: (args) => {
      const a = arrayArg(args, 'ary');
      if (a.ndim < 2) throw new MatError('vsplit only works on arrays of 2 or more dimensions');
      return splitChecked(a, required(args, 'indices_or_sections'), 0);
    },
  },
  {
    name: 'append',
    params: params('arr', 'values', 'axis?'),
    call: (args) => {
      const arr = strong(arrayArg(args, 'arr'));
      const values = strong(arrayArg(args, 'values'));
      const axis = optional(args, 'axis');
      if (axis === undefined) return concatenate([ravel(arr), ravel(values)], 0);
      return concatenate([arr, values], toInt(axis, 'axis'));
    },
  },
  { name: 'insert', params: params('arr', 'obj', 'values', 'axis?'), call: inserted },
  { name: 'delete', params: params('arr', 'obj', 'axis?'), call: deleted },
  {
    name: 'resize',
    params: params('a', 'new_shape'),
    call: (args) => resized(strong(arrayArg(args, 'a')), required(args, 'new_shape')),
  },
  { name: 'trim_zeros', params: params('filt', 'trim?', 'axis?'), call: trimmedZeros },
  {
    name: 'block',
    params: params('arrays'),
    call: (args) => {
      const arrays = required(args, 'arrays');
      const listDepth = blockDepth(arrays, []).depth;
      const ndim = Math.max(listDepth, ...blockLeaves(arrays).map((a) => a.ndim));
      const result = blockJoin(arrays, 0, listDepth, ndim);
      result.zeroDim = result.ndim === 0;
      return result;
    },
  },
  {
    name: 'broadcast_arrays',
    params: params('*subok?'),
    varargs: 'args',
    call: (args) => {
      const arrays = args.rest.map((value) => strong(toArray(value, 'args')));
      const shape = broadcastShapesChecked(arrays.map((a) => a.shape));
      return {
        kind: 'tuple',
        items: arrays.map((a) =>
          a.ndim === shape.length && a.shape.every((d, k) => d === shape[k]) ? a : broadcastView(a, shape),
        ),
      };
    },
  },
  {
    name: 'broadcast_shapes',
    params: [],
    varargs: 'args',
    call: (args) => ({
      kind: 'tuple',
      items: broadcastShapesChecked(args.rest.map(shapeArgument)).map((d) => pyInt(d)),
    }),
  },
  {
    name: 'ndim',
    params: params('a'),
    call: (args) => pyInt(arrayArg(args, 'a').ndim),
  },
  {
    name: 'size',
    params: params('a', 'axis?'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const given = axesOf(optional(args, 'axis'));
      if (!given) return pyInt(a.size);
      return pyInt(axisTuple(given, a.ndim).reduce((p, ax) => p * a.shape[ax], 1));
    },
  },
  {
    name: 'isscalar',
    params: params('element'),
    call: (args) => pyBool(isScalarValue(required(args, 'element'))),
  },
  {
    name: 'squeeze',
    params: params('a', 'axis?'),
    call: (args) => squeezed(arrayArg(args, 'a'), optional(args, 'axis')),
  },
  {
    name: 'expand_dims',
    params: params('a', 'axis'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const given = axesOf(required(args, 'axis')) ?? [];
      const at = axisTuple(given, a.ndim + given.length);
      const shape: number[] = [];
      for (let i = 0, k = 0; i < a.ndim + at.length; i++) shape.push(at.includes(i) ? 1 : a.shape[k++]);
      return reshapedView(a, shape);
    },
  },
  {
    name: 'swapaxes',
    params: params('a', 'axis1', 'axis2'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const [i] = axisTuple([toInt(required(args, 'axis1'), 'axis1')], a.ndim, 'axis1');
      const [j] = axisTuple([toInt(required(args, 'axis2'), 'axis2')], a.ndim, 'axis2');
      return transposedView(
        a,
        a.shape.map((_, k) => (k === i ? j : k === j ? i : k)),
      );
    },
  },
  {
    name: 'moveaxis',
    params: params('a', 'source', 'destination'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const source = axisTuple(intList(required(args, 'source'), 'source'), a.ndim, 'source');
      const destination = axisTuple(
        intList(required(args, 'destination'), 'destination'),
        a.ndim,
        'destination',
      );
      return transposedView(a, movedOrder(a.ndim, source, destination));
    },
  },
  {
    name: 'flip',
    params: params('m', 'axis?'),
    call: (args) => {
      const m = arrayArg(args, 'm');
      const given = axesOf(optional(args, 'axis'));
      return flipped(m, given ? axisTuple(given, m.ndim) : m.shape.map((_, i) => i));
    },
  },
  {
    name: 'fliplr',
    params: params('m'),
    call: (args) => {
      const m = arrayArg(args, 'm');
      if (m.ndim < 2) throw new MatError('Input must be >= 2-d.');
      return flipped(m, [1]);
    },
  },
  {
    name: 'flipud',
    params: params('m'),
    call: (args) => {
      const m = arrayArg(args, 'm');
      if (m.ndim < 1) throw new MatError('Input must be >= 1-d.');
      return flipped(m, [0]);
    },
  },
  {
    name: 'rot90',
    params: params('m', 'k?', 'axes?'),
    call: (args) => {
      const k = optional(args, 'k');
      const axes = optional(args, 'axes');
      return rotated(arrayArg(args, 'm'), k ? toInt(k, 'k') : 1, axes ? intList(axes, 'axes') : [0, 1]);
    },
  },
  {
    name: 'roll',
    params: params('a', 'shift', 'axis?'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const shifts = intList(required(args, 'shift'), 'shift');
      const given = axesOf(optional(args, 'axis'));
      if (!given) {
        // Rolled as the flattened array, then given its shape back.
        const flat = roll(ravel(a), new Map([[0, shifts.reduce((s, x) => s + x, 0)]]));
        return reshapedView(flat, a.shape);
      }
      const axes = given.map((axis) => normalizeAxis(axis, a.ndim));
      const n = Math.max(shifts.length, axes.length);
      if ((shifts.length !== n && shifts.length !== 1) || (axes.length !== n && axes.length !== 1)) {
        throw new MatError(
          `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape ${shapeTextCompact([shifts.length])} and arg 1 with shape ${shapeTextCompact([axes.length])}.`,
        );
      }
      const byAxis = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const axis = axes[axes.length === 1 ? 0 : i];
        byAxis.set(axis, (byAxis.get(axis) ?? 0) + shifts[shifts.length === 1 ? 0 : i]);
      }
      return roll(a, byAxis);
    },
  },
  {
    name: 'tile',
    params: params('A', 'reps'),
    call: (args) => tile(arrayArg(args, 'A'), intList(required(args, 'reps'), 'reps')),
  },
  {
    name: 'repeat',
    params: params('a', 'repeats', 'axis?'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const repeats = arrayArg(args, 'repeats');
      if (isFloatDType(repeats.dtype)) {
        throw new MatError(
          "Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'",
          'TypeError',
        );
      }
      const axis = optional(args, 'axis');
      return axis ? repeat(a, repeats, toInt(axis, 'axis')) : repeat(ravel(a), repeats, 0);
    },
  },
  {
    name: 'median',
    params: params('a', 'axis?', '*keepdims?'),
    call: (args) => {
      const keepdims = optional(args, 'keepdims');
      return median(arrayArg(args, 'a'), toAxis(optional(args, 'axis')), keepdims ? toBool(keepdims) : false);
    },
  },
  quantileBuiltin('percentile'),
  quantileBuiltin('quantile'),
  {
    name: 'average',
    params: params('a', 'axis?', 'weights?', 'returned?', '*keepdims?'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const axis = toAxis(optional(args, 'axis'));
      const keepValue = optional(args, 'keepdims');
      const keepdims = keepValue ? toBool(keepValue) : false;
      const weights = optional(args, 'weights');
      let average: NDArray;
      let scale: NDArray;
      if (weights) {
        [average, scale] = weightedAverage(a, toArray(weights, 'weights'), axis, keepdims);
      } else {
        average = reduce('mean', a, axis, keepdims);
        scale = NDArray.filled(average.shape, a.size / average.size, 'float64');
      }
      const returned = optional(args, 'returned');
      if (!returned || !toBool(returned)) return average;
      // The sum of weights comes back in the average's shape.
      scale = broadcastTo(scale, average.shape);
      return { kind: 'tuple', items: [average, scale] };
    },
  },
  {
    name: 'inner',
    params: params('a', 'b'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const b = arrayArg(args, 'b');
      return a.ndim === 0 || b.ndim === 0 ? binary('*', a, b) : inner(a, b);
    },
  },
  {
    name: 'kron',
    params: params('a', 'b'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const b = arrayArg(args, 'b');
      return a.ndim === 0 || b.ndim === 0 ? binary('*', a, b) : kron(a, b);
    },
  },
  {
    name: 'cross',
    params: params('a', 'b'),
    call: (args) => cross(arrayArg(args, 'a'), arrayArg(args, 'b')),
  },
];
