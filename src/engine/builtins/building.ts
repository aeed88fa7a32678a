import { printText } from '../display';
import { DTYPES, isFloatDType, isIntegerDType } from '../dtypes';
import { MatError } from '../errors';
import { allocate } from '../limits';
import { dot, vdot } from '../linalg';
import { type DType, NDArray, shapeSize, shapeTextCompact } from '../ndarray';
import {
  arange,
  astype,
  broadcastShapesMany,
  broadcastTo,
  CASTINGS,
  type Casting,
  type ClipMode,
  canCast,
  castTo,
  checkPythonSubscripts,
  clipMode,
  countingRange,
  einsum,
  geomspace,
  getIndex,
  type IndexSpec,
  indexGrid,
  logspace,
  nonzero,
  normalizeAxis,
  PAD_MODES,
  type PadMode,
  type Pairs,
  pad,
  padSimple,
  ravelMultiIndex,
  scaledGrid,
  setIndex,
  take,
  triangleIndices,
  unravelIndex,
  zeros,
} from '../ops';
import { type EinsumPathRequest, einsumPath } from '../ops/einsumPath';
import { hypot } from '../ops/numerics';
import { noteWrite } from '../run/heap';
import { hashKey, newDict, newList } from '../run/pyops';
import {
  broadcastView,
  checkWritable,
  indexView,
  reshapedView,
  steppedView,
  transposedView,
  wrote,
} from '../run/views';
import { isArray, NONE, pyInt, typeName, type Value } from '../values';
import { optional, required, toArray, toBool, toDType, toInt, toShape, weakScalar } from './convert';
import { type BoundArgs, type BuiltinImpl, type CallContext, params } from './registry';

/**
 * NumPy's functions that build arrays (grids, log-spaced sequences,
 * padding, broadcasting), that turn between kinds of indices (`take`,
 * `unravel_index`, `ix_`, triangle indices), and the general products
 * `einsum`, `tensordot` and `vdot`. Their catalog entries are in
 * ./buildingCatalog.ts; the kernels in ops/building.ts and ops/einsum.ts.
 */

const tuple = (items: Value[]): Value => ({ kind: 'tuple', items });

/** A string argument, or `fallback` when absent or None. */
function textArg(value: Value | undefined, fallback: string, what: string): string {
  if (value === undefined || (!isArray(value) && value.kind === 'none')) return fallback;
  if (!isArray(value) && value.kind === 'string') return value.value;
  throw new MatError(`${what} must be a string, not ${typeName(value)}`, 'TypeError');
}

function intArg(args: BoundArgs, name: string, fallback: number): number {
  const value = optional(args, name);
  return value === undefined ? fallback : toInt(value, name);
}

function boolArg(args: BoundArgs, name: string, fallback: boolean): boolean {
  const value = args.named.get(name);
  return value === undefined ? fallback : toBool(value, name);
}

function arrayArg(args: BoundArgs, name: string): NDArray {
  return toArray(required(args, name), name);
}

/** Python's `tuple(x)` of ints, for `dimensions`/`shape` that must be iterable. */
function iterableInts(value: Value, what: string): number[] {
  if (!isArray(value) && (value.kind === 'tuple' || value.kind === 'list')) {
    return value.items.map((item) => toInt(item, what));
  }
  if (isArray(value) && value.ndim === 0) {
    throw new MatError(`'${typeName(value)}' object is not iterable`, 'TypeError');
  }
  return toShape(value);
}

/** An `order=` argument: 'C', 'F', 'A' or 'K' (NumPy's layouts; values are the same here). */
function checkOrder(value: Value | undefined): string {
  const order = textArg(value, 'C', 'order');
  if (!['C', 'F', 'A', 'K'].includes(order)) {
    throw new MatError(`order must be one of 'C', 'F', 'A', or 'K' (got '${order}')`);
  }
  return order;
}

/** `order=` of unravel_index / ravel_multi_index: only C or F. */
function fortranOrder(value: Value | undefined): boolean {
  const order = checkOrder(value);
  if (order !== 'C' && order !== 'F') throw new MatError("only 'C' or 'F' order is permitted");
  return order === 'F';
}

/** A `mode=` of take/ravel_multi_index: 'raise', 'wrap', 'clip', or NumPy's ints for them (0 clip, 1 wrap, 2 raise). */
function clipModeOf(value: Value | undefined): ClipMode {
  if (value === undefined || (!isArray(value) && value.kind === 'none')) return 'raise';
  if (isArray(value) && value.ndim === 0 && isIntegerDType(value.dtype)) {
    const mode = (['clip', 'wrap', 'raise'] as const)[value.data[0]];
    if (mode) return mode;
    throw new MatError("integer clipmode must be RAISE, WRAP, or CLIP from 'numpy._core.multiarray'");
  }
  if (isArray(value) || value.kind !== 'string') throw new MatError('clipmode not understood', 'TypeError');
  return clipMode(value.value);
}

/** Index arrays for unravel_index / ravel_multi_index: ints (or bools), with NumPy's messages. */
function integralIndices(value: Value): NDArray {
  const indices = toArray(value, 'indices');
  if (isFloatDType(indices.dtype)) {
    if (!isArray(value) && indices.size === 0) {
      throw new MatError(
        "indices must be integral: the provided empty sequence was inferred as float. Wrap it with 'np.array(indices, dtype=np.intp)'",
        'TypeError',
      );
    }
    throw new MatError('only int indices permitted', 'TypeError');
  }
  return indices;
}

/** Arrays of equal shape from `np.broadcast_arrays`-style inputs (copies). */
function broadcastAll(arrays: readonly NDArray[]): NDArray[] {
  const shape = broadcastShapesMany(arrays.map((a) => a.shape));
  return arrays.map((a) => broadcastTo(a, shape));
}

/**
 * `np.meshgrid(*xi)`: each input flattened along its own axis (the first two
 * swapped for 'xy'), then broadcast to the full grid unless `sparse`.
 */
function meshgrid(args: BoundArgs): Value {
  const indexingValue = args.named.get('indexing');
  const indexing = indexingValue === undefined ? 'xy' : textArg(indexingValue, '', 'indexing');
  if (indexing !== 'xy' && indexing !== 'ij') {
    throw new MatError("Valid values for `indexing` are 'xy' and 'ij'.");
  }
  const copy = boolArg(args, 'copy', true);
  const sparse = boolArg(args, 'sparse', false);
  const ndim = args.rest.length;
  const shaped = args.rest.map((value, i) => {
    const a = toArray(value, 'xi');
    const shape = new Array<number>(ndim).fill(1);
    let axis = i;
    if (indexing === 'xy' && ndim > 1 && i < 2) axis = 1 - i;
    shape[axis] = a.size;
    // Without a copy, an array's reshape is a view of it.
    if (!copy && a === value) return reshapedView(a, shape);
    const data = allocate(a.size);
    data.set(a.data);
    return new NDArray(data, shape, a.dtype);
  });
  // A dense grid repeats elements, which the engine cannot write through: it is always a copy.
  if (!sparse) return tuple(broadcastAll(shaped));
  // NumPy returns its list of reshaped inputs as it is when nothing is copied.
  return copy ? tuple(shaped) : newList(shaped);
}

/** `np.fromfunction(function, shape, dtype=float, **kwargs)`: the function called on the index grids. */
function fromfunction(args: BoundArgs, ctx: CallContext): Value {
  const dims = iterableInts(required(args, 'shape'), 'shape');
  const dtype = toDType(optional(args, 'dtype')) ?? 'float64';
  const grid = indexGrid(dims, dtype);
  const size = shapeSize(dims);
  const coordinates = dims.map(
    (_, k) => new NDArray(grid.data.subarray(k * size, (k + 1) * size), dims, dtype),
  );
  return ctx.callValue(required(args, 'function'), coordinates, args.extra ?? new Map());
}

/** `np.broadcast_to(array, shape)`: a read-only view, with the checks and messages of NumPy's iterator. */
function broadcastToView(array: NDArray, shapeValue: Value): NDArray {
  const shape = toShape(shapeValue);
  if (shape.length === 0 && array.ndim > 0) {
    throw new MatError('cannot broadcast a non-scalar to a scalar array');
  }
  if (shape.some((d) => d < 0)) throw new MatError('all elements of broadcast shape must be non-negative');
  if (array.ndim > shape.length) {
    throw new MatError('input operand has more dimensions than allowed by the axis remapping');
  }
  const pad = shape.length - array.ndim;
  if (array.shape.some((d, i) => d !== 1 && d !== shape[pad + i])) {
    throw new MatError(
      `operands could not be broadcast together with remapped shapes [original->remapped]: ${shapeTextCompact(array.shape)}  and requested shape ${shapeTextCompact(shape)}`,
    );
  }
  return broadcastView(array, shape);
}

/** `np.full_like` / `np.empty_like`: the prototype's shape and dtype unless given. */
function like(args: BoundArgs, prototype: string): NDArray {
  const a = arrayArg(args, prototype);
  checkOrder(optional(args, 'order'));
  const shape = optional(args, 'shape');
  return zeros(shape ? toShape(shape) : a.shape, toDType(optional(args, 'dtype')) ?? a.dtype);
}

/** One value, or one per side, given as a scalar or a pair (not a column of two): NumPy's fast paths of `_as_pairs`. */
function isScalarOrPair(x: NDArray): boolean {
  const column = x.ndim === 2 && x.shape[0] === 2 && x.shape[1] === 1;
  return x.ndim < 3 && (x.size === 1 || (x.size === 2 && !column));
}

/** NumPy's `_as_pairs`: a scalar, a pair, or one pair per axis, broadcast to (ndim, 2). */
function asPairs(x: NDArray, ndim: number, asIndex: boolean): Pairs<number> {
  const data = x.data;
  const negative = () => {
    if (asIndex && data.some((v) => v < 0)) throw new MatError("index can't contain negative values");
  };
  if (isScalarOrPair(x)) {
    negative();
    const [before, after] = x.size === 1 ? [data[0], data[0]] : [data[0], data[1]];
    return Array.from({ length: ndim }, () => [before, after] as const);
  }
  if (asIndex && x.size === 0) {
    throw new MatError('zero-size array to reduction operation minimum which has no identity');
  }
  negative();
  const pairs = broadcastToView(x, tuple([pyInt(ndim), pyInt(2)])).data;
  return Array.from({ length: ndim }, (_, i) => [pairs[2 * i], pairs[2 * i + 1]] as const);
}

/** `pad_width` as (before, after) per axis: ints, a dict {axis: width} (NumPy 2.3), broadcast. */
function padWidths(value: Value, ndim: number): Pairs<number> {
  let widths: Value = value;
  if (!isArray(value) && value.kind === 'dict') {
    const seq: Value[] = Array.from({ length: ndim }, () => tuple([pyInt(0), pyInt(0)]));
    for (const { key, value: width } of value.entries.values()) {
      let axis = toInt(key, 'axis');
      if (axis < 0) axis += ndim;
      if (axis < 0 || axis >= ndim) throw new MatError('list assignment index out of range', 'IndexError');
      const pythonInt = (v: Value) => isArray(v) && v.python && v.dtype !== 'float64';
      if (isArray(width) && pythonInt(width)) seq[axis] = tuple([width, width]);
      else if (
        !isArray(width) &&
        width.kind === 'tuple' &&
        width.items.length === 2 &&
        width.items.every(pythonInt)
      ) {
        seq[axis] = width;
      } else {
        throw new MatError(`Expected code to be unreachable, but got: ${printText(width)}`, 'AssertionError');
      }
    }
    widths = tuple(seq);
  }
  const array = toArray(widths, 'pad_width');
  // NumPy checks `pad_width.dtype.kind == 'i'`: signed ints only.
  if (DTYPES[array.dtype].kind !== 'i')
    throw new MatError('`pad_width` must be of integral type.', 'TypeError');
  return asPairs(array, ndim, true);
}

/** `stat_length` pairs: None (the whole axis) or rounded non-negative ints. */
function statLengths(value: Value | undefined, ndim: number): Pairs<number | null> {
  if (value === undefined || (!isArray(value) && value.kind === 'none')) {
    return Array.from({ length: ndim }, () => [null, null] as const);
  }
  const lengths = toArray(value, 'stat_length');
  const rounded = new NDArray(lengths.data.map(Math.round), lengths.shape, 'int64');
  return asPairs(rounded, ndim, true);
}

function isCallable(value: Value): boolean {
  if (isArray(value)) return false;
  if (value.kind === 'builtin') return !value.name.startsWith('index:');
  return value.kind === 'function' || value.kind === 'method' || value.kind === 'bound-method';
}

/**
 * `np.pad` with a function as mode: each 1-D line of the zero-padded array
 * along each axis, as a writable view, goes to `function(vector, pad_width[axis], axis, kwargs)`.
 */
function padWithFunction(
  a: NDArray,
  widths: Pairs<number>,
  widthValues: Value[],
  fn: Value,
  kwargs: ReadonlyMap<string, Value>,
  ctx: CallContext,
): NDArray {
  const padded = padSimple(a, widths);
  const dict = newDict();
  for (const [key, value] of kwargs) {
    const name: Value = { kind: 'string', value: key };
    dict.entries.set(hashKey(name), { key: name, value });
  }
  for (let axis = 0; axis < padded.ndim; axis++) {
    const lines = shapeSize(padded.shape.filter((_, k) => k !== axis));
    // Every line along `axis`, the other axes' indices in row-major order (NumPy's ndindex).
    for (let line = 0; line < lines; line++) {
      const specs = new Array<IndexSpec>(padded.ndim);
      let rest = line;
      for (let k = padded.ndim - 1; k >= 0; k--) {
        if (k === axis) {
          specs[k] = { kind: 'slice', start: null, stop: null, step: null };
          continue;
        }
        specs[k] = { kind: 'int', value: rest % padded.shape[k] };
        rest = Math.floor(rest / padded.shape[k]);
      }
      const vector = indexView(padded, specs) ?? getIndex(padded, specs);
      ctx.callValue(fn, [vector, widthValues[axis], pyInt(axis), dict]);
    }
  }
  return padded;
}

/** `np.pad(array, pad_width, mode='constant', **kwargs)`. */
function padBuiltin(args: BoundArgs, ctx: CallContext): Value {
  const a = arrayArg(args, 'array');
  const widthValue = required(args, 'pad_width');
  const widths = padWidths(widthValue, a.ndim);
  const modeValue = optional(args, 'mode');
  const kwargs = args.extra ?? new Map<string, Value>();
  if (modeValue && isCallable(modeValue)) {
    // NumPy hands each axis its pair as NumPy ints (one or two values given) or as a list of Python ints.
    const asScalars =
      isArray(widthValue) || widthValue.kind !== 'dict'
        ? isScalarOrPair(toArray(widthValue, 'pad_width'))
        : false;
    const widthValues = widths.map(([before, after]) =>
      asScalars
        ? tuple([NDArray.scalar(before, 'int64'), NDArray.scalar(after, 'int64')])
        : newList([pyInt(before), pyInt(after)]),
    );
    return padWithFunction(a, widths, widthValues, modeValue, kwargs, ctx);
  }
  const mode = textArg(modeValue, 'constant', 'mode');
  if (!Object.hasOwn(PAD_MODES, mode)) throw new MatError(`mode '${mode}' is not supported`);
  const allowed = PAD_MODES[mode as PadMode];
  const unsupported = [...kwargs.keys()].filter((key) => !allowed.includes(key));
  if (unsupported.length > 0) {
    throw new MatError(
      `unsupported keyword arguments for mode '${mode}': {${unsupported.map((key) => `'${key}'`).join(', ')}}`,
    );
  }
  const valuesKey = mode === 'linear_ramp' ? 'end_values' : 'constant_values';
  const valuesArg = kwargs.get(valuesKey);
  const values = asPairs(
    valuesArg ? toArray(valuesArg, valuesKey) : NDArray.scalar(0, 'int64'),
    a.ndim,
    false,
  );
  const reflect = kwargs.get('reflect_type');
  return pad(a, widths, mode as PadMode, {
    values,
    statLength: statLengths(kwargs.get('stat_length'), a.ndim),
    odd: reflect !== undefined && textArg(reflect, 'even', 'reflect_type') === 'odd',
  });
}

/** `np.take(a, indices, axis=None, out=None, mode='raise')`. */
function takeBuiltin(args: BoundArgs): Value {
  const a = arrayArg(args, 'a');
  const indices = arrayArg(args, 'indices');
  const axis = optional(args, 'axis');
  const mode = clipModeOf(optional(args, 'mode'));
  const result = take(a, indices, axis === undefined ? null : toInt(axis, 'axis'), mode);
  const out = optional(args, 'out');
  if (!out) return result;
  return writeInto(out, result, () => {
    if (!isArray(out)) throw new MatError('output must be an array', 'TypeError');
    // NumPy's take checks this direction of cast (out's dtype to a's), whatever it then writes.
    if (!canCast(out.dtype, a.dtype, 'safe')) {
      throw new MatError(
        `Cannot cast array data from dtype('${out.dtype}') to dtype('${a.dtype}') according to the rule 'safe'`,
        'TypeError',
      );
    }
    if (out.size !== result.size || out.ndim !== result.ndim) {
      throw new MatError('output array does not match result of ndarray.take');
    }
  });
}

/** Writes `result` into the `out=` array after `check`, and returns `out`, as NumPy's out= does. */
function writeInto(out: Value, result: NDArray, check: () => void): Value {
  check();
  const target = out as NDArray;
  checkWritable(target);
  noteWrite(target);
  target.data.set(astype(result, target.dtype).data);
  wrote(target);
  return target;
}

/** NumPy's `_make_along_axis_idx`: the fancy index that picks `indices` along `axis`. */
function alongAxisIndex(shape: readonly number[], indices: NDArray, axis: number): IndexSpec[] {
  if (!isIntegerDType(indices.dtype)) throw new MatError('`indices` must be an integer array', 'IndexError');
  if (shape.length !== indices.ndim) {
    throw new MatError('`indices` and `arr` must have the same number of dimensions');
  }
  return shape.map((n, dim): IndexSpec => {
    if (dim === axis) return { kind: 'array', array: indices };
    const reshaped = shape.map((_, k) => (k === dim ? n : 1));
    return { kind: 'array', array: new NDArray(countingRange(n, 'int64').data, reshaped, 'int64') };
  });
}

/** The array arguments of take/put_along_axis, which NumPy reads attributes of (lists fail). */
function alongAxisArgs(args: BoundArgs): { arr: NDArray; indices: NDArray; axis: number | null } {
  const arr = required(args, 'arr');
  const indices = required(args, 'indices');
  const axisValue = args.named.get('axis');
  const axis = axisValue === undefined ? -1 : optional(args, 'axis');
  const missing = (value: Value, attribute: string) =>
    new MatError(`'${typeName(value)}' object has no attribute '${attribute}'`, 'AttributeError');
  if (axis === undefined) {
    if (!isArray(indices)) throw missing(indices, 'ndim');
    if (indices.ndim !== 1) throw new MatError('when axis=None, `indices` must have a single dimension.');
    if (!isArray(arr)) throw missing(arr, 'flat');
    return { arr, indices, axis: null };
  }
  if (!isArray(arr)) throw missing(arr, 'ndim');
  if (typeof axis !== 'number' && isArray(axis) && isFloatDType(axis.dtype)) {
    throw new MatError('integer argument expected, got float', 'TypeError');
  }
  const resolved = normalizeAxis(typeof axis === 'number' ? axis : toInt(axis, 'axis'), arr.ndim);
  if (!isArray(indices)) throw missing(indices, 'dtype');
  return { arr, indices, axis: resolved };
}

function takeAlongAxis(args: BoundArgs): Value {
  const { arr, indices, axis } = alongAxisArgs(args);
  if (axis === null) {
    const flat = new NDArray(arr.data, [arr.size], arr.dtype);
    return getIndex(flat, alongAxisIndex(flat.shape, indices, 0));
  }
  return getIndex(arr, alongAxisIndex(arr.shape, indices, axis));
}

function putAlongAxis(args: BoundArgs): Value {
  const { arr, indices, axis } = alongAxisArgs(args);
  const target = axis === null ? new NDArray(arr.data, [arr.size], arr.dtype) : arr;
  const specs = alongAxisIndex(target.shape, indices, axis ?? 0);
  checkWritable(arr);
  const updated = setIndex(target, specs, arrayArg(args, 'values'));
  noteWrite(arr);
  arr.data.set(updated.data);
  wrote(arr);
  return NONE;
}

/** `np.unravel_index(indices, shape, order='C')`: a tuple of coordinate arrays. */
function unravel(args: BoundArgs): Value {
  const indices = integralIndices(required(args, 'indices'));
  const dims = toShape(required(args, 'shape'));
  const fortran = fortranOrder(optional(args, 'order'));
  return tuple(unravelIndex(indices, dims, fortran));
}

/** `np.ravel_multi_index(multi_index, dims, mode='raise', order='C')`. */
function ravelMulti(args: BoundArgs): Value {
  const multi = required(args, 'multi_index');
  const dims = toShape(required(args, 'dims'));
  const items =
    !isArray(multi) && (multi.kind === 'tuple' || multi.kind === 'list')
      ? multi.items
      : isArray(multi) && multi.ndim > 0
        ? Array.from({ length: multi.shape[0] }, (_, i) => getIndex(multi, [{ kind: 'int', value: i }]))
        : undefined;
  if (items === undefined) {
    throw new MatError('dispatcher for __array_function__ did not return an iterable', 'TypeError');
  }
  if (items.length !== dims.length) {
    throw new MatError(`parameter multi_index must be a sequence of length ${dims.length}`);
  }
  const modeValue = optional(args, 'mode');
  let modes: ClipMode[];
  if (modeValue && !isArray(modeValue) && (modeValue.kind === 'tuple' || modeValue.kind === 'list')) {
    if (modeValue.items.length !== dims.length) {
      throw new MatError(
        `list of clipmodes has wrong length (${modeValue.items.length} instead of ${dims.length})`,
      );
    }
    modes = modeValue.items.map(clipModeOf);
  } else {
    const mode = clipModeOf(modeValue);
    modes = dims.map(() => mode);
  }
  const fortran = fortranOrder(optional(args, 'order'));
  const coordinates = broadcastAll(items.map((item) => integralIndices(item)));
  return ravelMultiIndex(coordinates, dims, modes, fortran);
}

/** `np.ix_(*args)`: open-mesh index arrays, each 1-D input along its own axis (bool masks as positions). */
function ix(args: BoundArgs): Value {
  const n = args.rest.length;
  return tuple(
    args.rest.map((value, k) => {
      let a = toArray(value, 'args');
      if (a !== value && a.size === 0) a = astype(a, 'int64');
      if (a.ndim !== 1) throw new MatError('Cross index must be 1 dimensional');
      if (a.dtype === 'bool') [a] = nonzero(a);
      const shape = Array.from({ length: n }, (_, i) => (i === k ? a.size : 1));
      return a === value ? reshapedView(a, shape) : new NDArray(a.data, shape, a.dtype);
    }),
  );
}

/** `np.indices(dimensions, dtype=int, sparse=False)`. */
function indicesBuiltin(args: BoundArgs): Value {
  const dims = iterableInts(required(args, 'dimensions'), 'dimensions');
  const dtype = toDType(optional(args, 'dtype')) ?? 'int64';
  if (!boolArg(args, 'sparse', false)) return indexGrid(dims, dtype);
  return tuple(
    dims.map((d, i) => {
      const range = countingRange(d, dtype);
      return new NDArray(
        range.data,
        dims.map((_, k) => (k === i ? range.size : 1)),
        dtype,
      );
    }),
  );
}

function diagIndices(n: NDArray, ndim: number): Value {
  const index = arange(n);
  // NumPy repeats the one array: (idx,) * ndim.
  return tuple(Array.from({ length: Math.max(ndim, 0) }, () => index));
}

function trianglePairs(args: BoundArgs, lower: boolean): Value {
  const n = toInt(required(args, 'n'), 'n');
  const m = optional(args, 'm');
  return tuple(triangleIndices(n, intArg(args, 'k', 0), m ? toInt(m, 'm') : n, lower));
}

function trianglePairsFrom(args: BoundArgs, lower: boolean): Value {
  const arr = arrayArg(args, 'arr');
  if (arr.ndim !== 2) throw new MatError('input array must be 2-d');
  return tuple(triangleIndices(arr.shape[0], intArg(args, 'k', 0), arr.shape[1], lower));
}

/** einsum's sublist format: ints 0–25 are 'A'–'Z', 26–51 'a'–'z', Ellipsis is '...'. */
function sublistSubscripts(value: Value): string {
  if (isArray(value) || (value.kind !== 'list' && value.kind !== 'tuple')) {
    throw new MatError('the subscripts for each operand must be a list or a tuple', 'TypeError');
  }
  let out = '';
  let ellipsis = false;
  for (const item of value.items) {
    if (!isArray(item) && item.kind === 'ellipsis') {
      if (ellipsis) throw new MatError('each subscripts list may have only one ellipsis');
      ellipsis = true;
      out += '...';
      continue;
    }
    if (!isArray(item) || item.ndim !== 0 || !isIntegerDType(item.dtype)) {
      throw new MatError('each subscript must be either an integer or an ellipsis', 'TypeError');
    }
    const s = item.data[0];
    if (s < 0 || s >= 52) throw new MatError('subscript is not within the valid range [0, 52)');
    out += String.fromCharCode(s < 26 ? 65 + s : 97 + s - 26);
  }
  return out;
}

/**
 * einsum's `optimize=` as NumPy's `einsum_path` reads it: false for the C
 * path (Python's False itself), else a path name ('greedy' for True) or
 * 'explicit' for a path list, with NumPy's errors for anything else.
 */
function optimizeArg(value: Value | undefined): string | false {
  if (value === undefined) return false;
  if (isArray(value) && value.python && value.dtype === 'bool') return value.data[0] !== 0 ? 'greedy' : false;
  if (!isArray(value) && value.kind === 'none') return 'none';
  if (!isArray(value) && value.kind === 'string') return value.value;
  if (isArray(value) && value.ndim === 0) {
    throw new MatError(`object of type '${typeName(value)}' has no len()`, 'TypeError');
  }
  const items = !isArray(value) && (value.kind === 'list' || value.kind === 'tuple') ? value.items : [];
  const isText = (v: Value | undefined) => v !== undefined && !isArray(v) && v.kind === 'string';
  if (items.length > 0 && isText(items[0]) && (items[0] as { value: string }).value === 'einsum_path') {
    return 'explicit';
  }
  if (items.length === 2 && isText(items[0]) && isArray(items[1]) && items[1].ndim === 0) {
    return (items[0] as { value: string }).value;
  }
  throw new MatError(`Did not understand the path: ${printText(value)}`, 'TypeError');
}

/**
 * einsum's operands: a subscripts string then the arrays, or each array
 * followed by its sublist of label numbers (and an output sublist last).
 */
function einsumInput(positional: readonly Value[]): { subscripts: string; operands: NDArray[] } {
  if (positional.length === 0) {
    throw new MatError(
      'must specify the einstein sum subscripts string and at least one operand, or at least one operand and its corresponding subscripts list',
    );
  }
  const first = positional[0];
  if (!isArray(first) && first.kind === 'string') {
    if (positional.length < 2) {
      throw new MatError('must specify the einstein sum subscripts string and at least one operand');
    }
    return { subscripts: first.value, operands: positional.slice(1).map((v) => toArray(v, 'operand')) };
  }
  const count = Math.floor(positional.length / 2);
  if (count === 0) throw new MatError('must provide at least an operand and a subscripts list to einsum');
  const operands = Array.from({ length: count }, (_, i) => toArray(positional[2 * i], 'operand'));
  const groups = Array.from({ length: count }, (_, i) => sublistSubscripts(positional[2 * i + 1]));
  let subscripts = groups.join(',');
  if (positional.length === 2 * count + 1) subscripts += `->${sublistSubscripts(positional[2 * count])}`;
  return { subscripts, operands };
}

/**
 * `optimize=` as `einsum_path` reads it, with NumPy's errors: True is
 * 'greedy', False and None no optimization, `['einsum_path', (0, 1), ...]`
 * a path to follow, `(name, memory_limit)` a search with a size limit.
 */
function pathRequest(value: Value): EinsumPathRequest {
  if (isArray(value) && value.python && value.dtype === 'bool') {
    return value.data[0] !== 0 ? { kind: 'search', name: 'greedy' } : { kind: 'none' };
  }
  if (!isArray(value) && value.kind === 'none') return { kind: 'none' };
  if (!isArray(value) && value.kind === 'string') return { kind: 'search', name: value.value };
  if (isArray(value) && value.ndim === 0) {
    throw new MatError(`object of type '${typeName(value)}' has no len()`, 'TypeError');
  }
  const items = !isArray(value) && (value.kind === 'list' || value.kind === 'tuple') ? value.items : [];
  const head = items[0];
  if (head !== undefined && !isArray(head) && head.kind === 'string' && head.value === 'einsum_path') {
    return { kind: 'explicit', path: items.slice(1).map(pathStep) };
  }
  const limit = items[1];
  if (
    items.length === 2 &&
    !isArray(head) &&
    head.kind === 'string' &&
    isArray(limit) &&
    limit.python &&
    limit.ndim === 0 &&
    limit.dtype !== 'bool'
  ) {
    return { kind: 'search', name: head.value, memoryLimit: Math.trunc(limit.data[0]) };
  }
  throw new MatError(`Did not understand the path: ${printText(value)}`, 'TypeError');
}

/** One contraction of an explicit path: the positions of the operands it takes. */
function pathStep(step: Value): number[] {
  if (isArray(step) || (step.kind !== 'list' && step.kind !== 'tuple')) {
    throw new MatError(`'${typeName(step)}' object is not iterable`, 'TypeError');
  }
  return step.items.map((position) => {
    if (!isArray(position) || position.ndim !== 0 || !isIntegerDType(position.dtype)) {
      throw new MatError(`'${typeName(position)}' object cannot be interpreted as an integer`, 'TypeError');
    }
    return position.data[0];
  });
}

/** `np.einsum_path(subscripts, *operands, optimize='greedy')`: `(['einsum_path', (0, 1), ...], report)`. */
function einsumPathBuiltin(args: BoundArgs): Value {
  const optimizeValue = args.named.get('optimize');
  const request =
    optimizeValue === undefined ? { kind: 'search' as const, name: 'greedy' } : pathRequest(optimizeValue);
  const { subscripts, operands } = einsumInput(args.rest);
  checkPythonSubscripts(subscripts, operands, request.kind === 'search' ? request.name : request.kind);
  const { path, report } = einsumPath(subscripts, operands, request);
  // A path the program gave comes back as it was given (lists stay lists).
  const given =
    optimizeValue !== undefined && request.kind === 'explicit' && !isArray(optimizeValue)
      ? (optimizeValue as { items: readonly Value[] }).items.slice(1)
      : undefined;
  const steps = given ?? path.map((step) => tuple(step.map((p) => pyInt(p))));
  return tuple([
    newList([{ kind: 'string', value: 'einsum_path' }, ...steps]),
    { kind: 'string', value: report },
  ]);
}

/** `np.einsum(subscripts, *operands, out=None, dtype=None, order='K', casting='safe', optimize=False)`. */
function einsumBuiltin(args: BoundArgs): Value {
  const optimize = optimizeArg(args.named.get('optimize'));
  const unknown = [...(args.extra?.keys() ?? [])];
  if (unknown.length > 0) {
    throw new MatError(
      optimize
        ? `Did not understand the following kwargs: [${unknown.map((k) => `'${k}'`).join(', ')}]`
        : `einsum() got an unexpected keyword argument '${unknown[0]}'`,
      'TypeError',
    );
  }
  const { subscripts, operands } = einsumInput(args.rest);
  // A path given explicitly is followed by NumPy: one it cannot follow is an error.
  if (optimize === 'explicit') {
    checkPythonSubscripts(subscripts, operands, optimize);
    einsumPath(subscripts, operands, pathRequest(args.named.get('optimize') as Value));
  }
  const casting = textArg(optional(args, 'casting'), 'safe', 'casting');
  if (!CASTINGS.includes(casting as Casting)) {
    throw new MatError(
      `casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got '${casting}')`,
    );
  }
  checkOrder(optional(args, 'order'));
  const outValue = optional(args, 'out');
  if (outValue && !isArray(outValue)) {
    throw new MatError('out must be an array', 'TypeError');
  }
  const out = outValue as NDArray | undefined;
  const result = einsum(subscripts, operands, {
    dtype: toDType(optional(args, 'dtype')),
    casting: casting as Casting,
    optimize,
    out,
  });
  if (result.kind === 'view') {
    const operand = operands[0];
    return result.shape.length === 0 ? operand : steppedView(operand, result.shape, result.steps);
  }
  return out ? writeInto(out, result.array, () => {}) : result.array;
}

/** An axis list of tensordot (`axes_a` or `axes_b`): a sequence of ints, or one int. */
function axisList(value: Value): number[] {
  if (!isArray(value) && (value.kind === 'tuple' || value.kind === 'list')) {
    return value.items.map((item) => toInt(item, 'axes'));
  }
  const a = toArray(value, 'axes');
  if (a.ndim === 0) return [toInt(a, 'axes')];
  return Array.from(astype(a, 'int64').data);
}

/** `np.tensordot(a, b, axes=2)`: sums over the given axes, via a transpose, a reshape and `dot`. */
function tensordot(args: BoundArgs): Value {
  const axesValue = optional(args, 'axes') ?? pyInt(2);
  let axesA: number[];
  let axesB: number[];
  const sequence =
    (!isArray(axesValue) && (axesValue.kind === 'tuple' || axesValue.kind === 'list')) ||
    (isArray(axesValue) && axesValue.ndim > 0);
  if (!sequence) {
    const n = toInt(axesValue, 'axes');
    axesA = Array.from({ length: Math.max(n, 0) }, (_, i) => i - n);
    axesB = Array.from({ length: Math.max(n, 0) }, (_, i) => i);
  } else {
    const pair = isArray(axesValue)
      ? Array.from(
          { length: axesValue.shape[0] },
          (_, i): Value => getIndex(axesValue, [{ kind: 'int', value: i }]),
        )
      : (axesValue as { items: readonly Value[] }).items;
    if (pair.length < 2) {
      throw new MatError(`not enough values to unpack (expected 2, got ${pair.length})`);
    }
    if (pair.length > 2) throw new MatError('too many values to unpack (expected 2)');
    axesA = axisList(pair[0]);
    axesB = axisList(pair[1]);
  }
  for (const axes of [axesA, axesB]) {
    if (new Set(axes).size !== axes.length) throw new MatError('duplicate axes are not allowed in tensordot');
  }
  const a = arrayArg(args, 'a');
  const b = arrayArg(args, 'b');
  let equal = axesA.length === axesB.length;
  for (let k = 0; equal && k < axesA.length; k++) {
    const at = (shape: readonly number[], axis: number) => {
      const i = axis < 0 ? axis + shape.length : axis;
      if (i < 0 || i >= shape.length) throw new MatError('tuple index out of range', 'IndexError');
      return shape[i];
    };
    if (at(a.shape, axesA[k]) !== at(b.shape, axesB[k])) {
      equal = false;
      break;
    }
    if (axesA[k] < 0) axesA[k] += a.ndim;
    if (axesB[k] < 0) axesB[k] += b.ndim;
  }
  if (!equal) throw new MatError('shape-mismatch for sum');
  const restA = a.shape.map((_, k) => k).filter((k) => !axesA.includes(k));
  const restB = b.shape.map((_, k) => k).filter((k) => !axesB.includes(k));
  const sum = shapeSize(axesA.map((k) => a.shape[k]));
  const keptA = restA.map((k) => a.shape[k]);
  const keptB = restB.map((k) => b.shape[k]);
  const left = transposedView(a, [...restA, ...axesA]);
  const right = transposedView(b, [...axesB, ...restB]);
  const product = dot(
    new NDArray(left.data.slice(), [shapeSize(keptA), sum], a.dtype),
    new NDArray(right.data.slice(), [sum, shapeSize(keptB)], b.dtype),
  );
  return new NDArray(product.data, [...keptA, ...keptB], product.dtype);
}

/**
 * `np.mgrid[...]` and `np.ogrid[...]` (NumPy's `nd_grid.__getitem__`): a
 * slice `start:stop:step` is `arange(start, stop, step)`; several slices
 * give a dense grid (mgrid, one array) or an open one (ogrid, a tuple).
 */
export function ndGrid(sparse: boolean, key: Value): Value {
  if (!isArray(key) && key.kind === 'tuple') return gridOfSlices(sparse, key.items);
  if (isArray(key) || key.kind !== 'slice') {
    throw new MatError(`'${typeName(key)}' object has no attribute 'step'`, 'AttributeError');
  }
  // One slice: NumPy's fallback, a plain arange.
  const bound = (v: Value) => (isArray(v) ? v : null);
  const start = bound(key.start) ?? NDArray.scalar(0, 'int64');
  const step = bound(key.step);
  if (step?.im) {
    // A complex step `5j` is a number of points, stop included (as linspace).
    const stop = bound(key.stop);
    if (!stop) throw new MatError("unsupported operand type(s) for -: 'NoneType' and 'int'", 'TypeError');
    const count = Math.trunc(hypot(step.data[0], step.imag[0]));
    const spacing = count !== 1 ? (stop.data[0] - start.data[0]) / (count - 1) : 1;
    const out = allocate(Math.max(count, 0));
    for (let i = 0; i < out.length; i++) out[i] = i * spacing + start.data[0];
    return new NDArray(out, [out.length], 'float64');
  }
  return arange(start, bound(key.stop), step);
}

function gridOfSlices(sparse: boolean, items: readonly Value[]): Value {
  const starts: number[] = [];
  const steps: number[] = [];
  const sizes: number[] = [];
  let float = false;
  for (const item of items) {
    if (isArray(item) || item.kind !== 'slice') {
      throw new MatError(`'${typeName(item)}' object has no attribute 'step'`, 'AttributeError');
    }
    const number = (v: Value, fallback: number | undefined) => {
      if (isArray(v) && v.ndim === 0) {
        if (isFloatDType(v.dtype)) float = true;
        return v.data[0];
      }
      if (!isArray(v) && v.kind === 'none' && fallback !== undefined) return fallback;
      // NumPy's arithmetic on the bounds fails, and it falls back to reading the tuple as one slice.
      throw new MatError("'tuple' object has no attribute 'step'", 'AttributeError');
    };
    const start = number(item.start, 0);
    const stop = number(item.stop, undefined);
    if (isArray(item.step) && item.step.im) {
      // A complex step `5j` is a number of points, stop included (as linspace).
      const count = Math.trunc(hypot(item.step.data[0], item.step.imag[0]));
      float = true;
      starts.push(start);
      steps.push(count !== 1 ? (stop - start) / (count - 1) : 1);
      sizes.push(count);
      continue;
    }
    const step = number(item.step, 1);
    if (step === 0) {
      throw new MatError(float ? 'float division by zero' : 'division by zero', 'ZeroDivisionError');
    }
    starts.push(start);
    steps.push(step);
    sizes.push(Math.ceil((stop - start) / step));
  }
  const dtype: DType = float ? 'float64' : 'int64';
  if (sparse) {
    return tuple(
      sizes.map((size, k) => {
        const line = scaledGrid(countingRange(size, dtype), steps[k], starts[k]);
        return new NDArray(
          line.data,
          sizes.map((_, i) => (i === k ? line.size : 1)),
          dtype,
        );
      }),
    );
  }
  const grid = indexGrid(sizes, dtype);
  const block = shapeSize(sizes);
  for (let k = 0; k < sizes.length; k++) {
    const part = grid.data.subarray(k * block, (k + 1) * block);
    for (let i = 0; i < part.length; i++) part[i] = part[i] * steps[k] + starts[k];
  }
  return grid;
}

/** NumPy's building functions, index conversions and general products; their catalog is ./buildingCatalog.ts. */
export const BUILDING_BUILTINS: readonly BuiltinImpl[] = [
  {
    name: 'empty',
    params: params('shape', 'dtype?', 'order?'),
    call: (args) => {
      checkOrder(optional(args, 'order'));
      // NumPy leaves the memory uninitialised; zeros are one of the values it may show.
      return zeros(toShape(required(args, 'shape')), toDType(optional(args, 'dtype')) ?? 'float64');
    },
  },
  {
    name: 'empty_like',
    params: params('prototype', 'dtype?', 'order?', 'subok?', 'shape?'),
    call: (args) => like(args, 'prototype'),
  },
  {
    name: 'full_like',
    params: params('a', 'fill_value', 'dtype?', 'order?', 'subok?', 'shape?'),
    call: (args) => {
      const out = like(args, 'a');
      const value = arrayArg(args, 'fill_value');
      // As NumPy's copyto, leading length-1 axes of the value are dropped first.
      let shape = value.shape;
      while (shape.length > out.ndim && shape[0] === 1) shape = shape.slice(1);
      const fill = broadcastTo(new NDArray(value.data, shape, value.dtype, value.im?.data), out.shape);
      for (let i = 0; i < out.size; i++) out.data[i] = castTo(fill.data[i], out.dtype);
      // A complex array's imaginary parts too (into a real one NumPy drops them).
      if (out.im)
        for (let i = 0; i < out.size; i++) out.imag[i] = fill.im ? castTo(fill.imag[i], out.dtype) : 0;
      return out;
    },
  },
  {
    name: 'logspace',
    params: params('start', 'stop', 'num?', 'endpoint?', 'base?', 'dtype?', 'axis?'),
    call: (args) => {
      const base = optional(args, 'base');
      return logspace(
        arrayArg(args, 'start'),
        arrayArg(args, 'stop'),
        intArg(args, 'num', 50),
        boolArg(args, 'endpoint', true),
        base ? toArray(base, 'base') : weakScalar(NDArray.scalar(10, 'float64')),
        intArg(args, 'axis', 0),
        toDType(optional(args, 'dtype')),
      );
    },
  },
  {
    name: 'geomspace',
    params: params('start', 'stop', 'num?', 'endpoint?', 'dtype?', 'axis?'),
    call: (args) =>
      geomspace(
        arrayArg(args, 'start'),
        arrayArg(args, 'stop'),
        intArg(args, 'num', 50),
        boolArg(args, 'endpoint', true),
        intArg(args, 'axis', 0),
        toDType(optional(args, 'dtype')),
      ),
  },
  {
    name: 'meshgrid',
    params: params('*copy?', '*sparse?', '*indexing?'),
    varargs: 'xi',
    call: meshgrid,
  },
  {
    name: 'fromfunction',
    params: params('function', 'shape', '*dtype?', '*like?'),
    keywords: true,
    call: fromfunction,
  },
  {
    name: 'indices',
    params: params('dimensions', 'dtype?', 'sparse?'),
    call: indicesBuiltin,
  },
  {
    name: 'broadcast_to',
    params: params('array', 'shape', 'subok?'),
    call: (args) => broadcastToView(arrayArg(args, 'array'), required(args, 'shape')),
  },
  {
    name: 'pad',
    params: params('array', 'pad_width', 'mode?'),
    keywords: true,
    call: padBuiltin,
  },
  {
    name: 'take',
    params: params('a', 'indices', 'axis?', 'out?', 'mode?'),
    call: takeBuiltin,
  },
  {
    name: 'take_along_axis',
    params: params('arr', 'indices', 'axis?'),
    call: takeAlongAxis,
  },
  {
    name: 'put_along_axis',
    params: params('arr', 'indices', 'values', 'axis'),
    call: putAlongAxis,
  },
  {
    name: 'unravel_index',
    params: params('indices', 'shape', 'order?'),
    call: unravel,
  },
  {
    name: 'ravel_multi_index',
    params: params('multi_index', 'dims', 'mode?', 'order?'),
    call: ravelMulti,
  },
  { name: 'ix_', params: [], varargs: 'args', call: ix },
  {
    name: 'diag_indices',
    params: params('n', 'ndim?'),
    call: (args) => diagIndices(arrayArg(args, 'n'), intArg(args, 'ndim', 2)),
  },
  {
    name: 'diag_indices_from',
    params: params('arr'),
    call: (args) => {
      const arr = arrayArg(args, 'arr');
      if (arr.ndim < 2) throw new MatError('input array must be at least 2-d');
      if (arr.shape.some((d) => d !== arr.shape[0])) {
        throw new MatError('All dimensions of input must be of equal length');
      }
      return diagIndices(NDArray.scalar(arr.shape[0], 'int64'), arr.ndim);
    },
  },
  { name: 'tril_indices', params: params('n', 'k?', 'm?'), call: (args) => trianglePairs(args, true) },
  { name: 'triu_indices', params: params('n', 'k?', 'm?'), call: (args) => trianglePairs(args, false) },
  { name: 'tril_indices_from', params: params('arr', 'k?'), call: (args) => trianglePairsFrom(args, true) },
  { name: 'triu_indices_from', params: params('arr', 'k?'), call: (args) => trianglePairsFrom(args, false) },
  {
    name: 'einsum',
    params: params('*out?', '*dtype?', '*order?', '*casting?', '*optimize?'),
    varargs: 'operands',
    keywords: true,
    call: einsumBuiltin,
  },
  {
    name: 'einsum_path',
    params: params('*optimize?'),
    varargs: 'operands',
    call: einsumPathBuiltin,
  },
  {
    name: 'tensordot',
    params: params('a', 'b', 'axes?'),
    call: tensordot,
  },
  {
    name: 'vdot',
    params: params('a', 'b'),
    call: (args) => vdot(arrayArg(args, 'a'), arrayArg(args, 'b')),
  },
];
