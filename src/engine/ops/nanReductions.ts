import { castValue, isFloatDType, roundInto, sumDType } from '../dtypes';
import { MatError } from '../errors';
import { allocate, checkDeadline } from '../limits';
import { type DType, NDArray } from '../ndarray';
import { binary, maximum } from './elementwise';
import { axisTuple } from './numerics';
import { isDiscreteMethod, type QuantileMethod, quantileDType, sortedQuantile } from './quantileMethods';
import { normalizeAxes, reduce } from './reduce';
import { cumulate } from './sorting';
import { type Lanes, lanesAlong as lanesOf } from './statistics';
import { astype, isnan, logicalNot, unaryMath } from './unary';

/**
 * NumPy's NaN-ignoring reductions (`np.nansum`, `np.nanmean`, …) and
 * `np.ptp`, built as NumPy's own Python code builds them: NaN replaced by
 * the operation's neutral value, then the ordinary reduction, so sums
 * round as NumPy's do. Integer and bool arrays hold no NaN and reduce as
 * they are.
 */

type Axis = number | readonly number[] | null;

/** `a` with NaN replaced by `value` (NumPy's `_replace_nan`); a non-float array comes back unchanged. */
export function replaceNan(a: NDArray, value: number): NDArray {
  if (!isFloatDType(a.dtype)) return a;
  const out = allocate(a.size);
  const x = a.data;
  for (let i = 0; i < x.length; i++) out[i] = Number.isNaN(x[i]) ? value : x[i];
  return new NDArray(out, a.shape, a.dtype);
}

/** An array's values as `dtype`, as NumPy casts them (floats truncate into ints; nonzero is True). */
function cast(a: NDArray, dtype: DType): NDArray {
  return a.dtype === dtype ? a : astype(a, dtype);
}

/** The dtype `np.mean`/`np.var` give without `dtype=`: floats keep theirs, ints and bools float64. */
function meanDType(dtype: DType): DType {
  return isFloatDType(dtype) ? dtype : 'float64';
}

/** `a` as `dtype` with every element rounded (the kernels here compute in doubles). */
function rounded(a: NDArray, dtype: DType): NDArray {
  return new NDArray(roundInto(a.data.slice(), dtype), a.shape, dtype);
}

/**
 * `np.sum`/`np.prod` with `dtype=` and `initial=`: the elements cast to
 * the dtype first; bool sums and products are NumPy's logical or/and.
 */
export function reduceInDType(
  kind: 'sum' | 'prod',
  a: NDArray,
  axis: Axis,
  keepdims: boolean,
  dtype?: DType,
  initial?: number,
  where?: NDArray,
): NDArray {
  if (dtype === 'bool') {
    const r = reduce(kind === 'sum' ? 'any' : 'all', a, axis, keepdims, { where });
    if (initial === undefined) return r;
    const start = initial !== 0;
    return new NDArray(
      r.data.map((v) => +(kind === 'sum' ? v !== 0 || start : v !== 0 && start)),
      r.shape,
      'bool',
    );
  }
  const x = dtype === undefined ? a : cast(a, dtype);
  // `initial` is cast (C cast: truncated, wrapped) into the reduction's dtype (int8 sums in int64).
  const start = initial === undefined ? undefined : castValue(initial, sumDType(x.dtype));
  const result = reduce(kind, x, axis, keepdims, { initial: start, where });
  // dtype=int8 accumulates in int8: the wider sum wrapped once is the same number.
  return dtype === undefined || result.dtype === dtype ? result : cast(result, dtype);
}

/** `np.nansum(a, axis, dtype, keepdims, initial)`. */
export function nanSum(a: NDArray, axis: Axis, keepdims: boolean, dtype?: DType, initial?: number): NDArray {
  return reduceInDType('sum', replaceNan(a, 0), axis, keepdims, dtype, initial);
}

/** `np.nanprod(a, axis, dtype, keepdims, initial)`. */
export function nanProd(a: NDArray, axis: Axis, keepdims: boolean, dtype?: DType, initial?: number): NDArray {
  return reduceInDType('prod', replaceNan(a, 1), axis, keepdims, dtype, initial);
}

/** `np.nancumsum(a, axis, dtype)`: running sums with NaN counted as zero. */
export function nanCumsum(a: NDArray, axis: number | null, dtype?: DType): NDArray {
  return cumulate('sum', replaceNan(a, 0), axis, dtype);
}

/** How many elements each reduction counts (the reduced axes' sizes multiplied), as NumPy's `_count_reduce_items`. */
function countOf(a: NDArray, axis: Axis): number {
  const axes = normalizeAxes(axis, a.ndim, false);
  let count = 1;
  for (const ax of axes) count *= a.shape[ax];
  return count;
}

/**
 * How many elements each output of a reduction counts: the reduced axes'
 * sizes multiplied, or under a `where=` mask its true places (NumPy's
 * `_count_reduce_items`), as an int64 array of the result's shape.
 */
function countsOf(a: NDArray, axis: Axis, keepdims: boolean, where?: NDArray): NDArray {
  if (!where) return NDArray.scalar(countOf(a, axis), 'int64');
  return reduce('sum', ones(a), axis, keepdims, { where });
}

/** int64 ones of `a`'s shape (summed under a mask, they count its true places). */
function ones(a: NDArray): NDArray {
  return new NDArray(allocate(a.size).fill(1), a.shape, 'int64');
}

/**
 * `np.mean(a, axis, dtype, keepdims, where)`: float64 unless `dtype` asks
 * otherwise, when the sum in that dtype divided by the count is cast back
 * to it (so an int mean truncates), as NumPy's `_mean`.
 */
export function meanInDType(
  a: NDArray,
  axis: Axis,
  keepdims: boolean,
  dtype?: DType,
  where?: NDArray,
): NDArray {
  if (dtype === undefined || dtype === meanDType(a.dtype))
    return reduce('mean', a, axis, keepdims, { where });
  const total = reduceInDType('sum', a, axis, keepdims, dtype, undefined, where);
  return cast(binary('/', total, countsOf(a, axis, keepdims, where)), dtype);
}

function meanOf(a: NDArray, axis: Axis, keepdims: boolean, dtype?: DType): NDArray {
  return meanInDType(a, axis, keepdims, dtype);
}

function requireInexact(dtype: DType | undefined): void {
  if (dtype !== undefined && !isFloatDType(dtype)) {
    throw new MatError('If a is inexact, then dtype must be inexact', 'TypeError');
  }
}

/** `np.nanmean(a, axis, dtype, keepdims)`: the sum of the non-NaN elements over their count (NaN when none). */
export function nanMean(a: NDArray, axis: Axis, keepdims: boolean, dtype?: DType): NDArray {
  if (!isFloatDType(a.dtype)) return meanOf(a, axis, keepdims, dtype);
  requireInexact(dtype);
  const work = dtype ?? a.dtype;
  const count = reduce('sum', logicalNot(isnan(a)), axis, keepdims);
  const total = reduce('sum', cast(replaceNan(a, 0), work), axis, keepdims);
  // NumPy divides into the sum's own array (`out=tot`): float32 stays float32.
  return rounded(binary('/', total, count), work);
}

/**
 * `np.var`/`np.std(a, axis, dtype, ddof, keepdims, where)`: float64 unless
 * `dtype` asks for another, when NumPy's `_var` runs step by step with the
 * mean and the result each cast to the dtype (std: the square root, cast).
 */
export function spreadInDType(
  kind: 'var' | 'std',
  a: NDArray,
  axis: Axis,
  keepdims: boolean,
  ddof: number,
  dtype?: DType,
  where?: NDArray,
): NDArray {
  if (dtype === undefined || dtype === meanDType(a.dtype))
    return reduce(kind, a, axis, keepdims, { ddof, where });
  const mean = cast(
    binary('/', reduceInDType('sum', a, axis, true, dtype, undefined, where), countsOf(a, axis, true, where)),
    dtype,
  );
  const deviation = binary('-', a, mean);
  const squares = reduceInDType(
    'sum',
    binary('*', deviation, deviation),
    axis,
    keepdims,
    dtype,
    undefined,
    where,
  );
  const dof = binary('-', countsOf(a, axis, keepdims, where), NDArray.scalar(ddof, 'float64'));
  const variance = cast(binary('/', squares, maximum(dof, NDArray.scalar(0, 'float64'))), dtype);
  return kind === 'var' ? variance : cast(unaryMath('sqrt', variance), dtype);
}

function varianceInDType(a: NDArray, axis: Axis, keepdims: boolean, ddof: number, dtype: DType): NDArray {
  return spreadInDType('var', a, axis, keepdims, ddof, dtype);
}

/**
 * `np.nanvar(a, axis, dtype, ddof, keepdims)`: NumPy's computation — the
 * mean of the non-NaN elements (kept dims), the squared deviations with
 * NaN places zeroed, their sum over (count - ddof); NaN where that is <= 0.
 */
export function nanVar(a: NDArray, axis: Axis, keepdims: boolean, ddof: number, dtype?: DType): NDArray {
  if (!isFloatDType(a.dtype)) {
    if (dtype === undefined || dtype === 'float64') return reduce('var', a, axis, keepdims, { ddof });
    return varianceInDType(a, axis, keepdims, ddof, dtype);
  }
  requireInexact(dtype);
  // Each step of NumPy's nanvar writes into an array of the working dtype (float32 rounds at each).
  const work = dtype ?? a.dtype;
  const mask = isnan(a);
  const filled = cast(replaceNan(a, 0), work);
  const counts = reduce('sum', logicalNot(mask), axis, true);
  const mean = rounded(binary('/', reduce('sum', filled, axis, true), counts), work);
  const deviation = rounded(binary('-', filled, mean), work);
  const d = deviation.data;
  for (let i = 0; i < d.length; i++) if (mask.data[i] !== 0) d[i] = 0;
  const total = reduce('sum', rounded(binary('*', deviation, deviation), work), axis, keepdims);
  const dof = binary('-', new NDArray(counts.data, total.shape, 'int64'), NDArray.scalar(ddof, 'float64'));
  const out = rounded(binary('/', total, dof), work);
  for (let i = 0; i < out.size; i++) if (!(dof.data[i] > 0)) out.data[i] = Number.NaN;
  return out;
}

/** `np.nanstd`: the square root of `nanVar`. */
export function nanStd(a: NDArray, axis: Axis, keepdims: boolean, ddof: number, dtype?: DType): NDArray {
  const variance = nanVar(a, axis, keepdims, ddof, dtype);
  return cast(unaryMath('sqrt', variance), variance.dtype);
}

/**
 * `np.nanmax`/`np.nanmin`. An ndarray goes through NumPy's `fmax.reduce`
 * (an all-NaN slice gives NaN, or `initial` when given); anything else
 * through `amax` of the NaN-replaced values, then NaN for all-NaN slices
 * even with `initial` — NumPy's two paths, with their own error names.
 */
export function nanExtremum(
  kind: 'max' | 'min',
  a: NDArray,
  axis: Axis,
  keepdims: boolean,
  initial: number | undefined,
  ndarrayInput: boolean,
): NDArray {
  const reduced = normalizeAxes(axis, a.ndim);
  const lanes = lanesOf(a, reduced, keepdims);
  const start = initial === undefined ? undefined : castValue(initial, a.dtype);
  if (lanes.length === 0 && start === undefined) {
    const ufunc = ndarrayInput ? (kind === 'max' ? 'fmax' : 'fmin') : kind === 'max' ? 'maximum' : 'minimum';
    throw new MatError(`zero-size array to reduction operation ${ufunc} which has no identity`);
  }
  const better = kind === 'max' ? (x: number, y: number) => x > y : (x: number, y: number) => x < y;
  const out = allocate(lanes.count);
  for (let i = 0; i < lanes.count; i++) {
    if ((i & 1023) === 1023) checkDeadline();
    let found = false;
    let acc = Number.NaN;
    for (let k = i * lanes.length; k < (i + 1) * lanes.length; k++) {
      const x = lanes.data[k];
      if (Number.isNaN(x)) continue;
      if (!found || better(x, acc)) acc = x;
      found = true;
    }
    if (start !== undefined && (!found || better(start, acc))) {
      acc = found || ndarrayInput || !isFloatDType(a.dtype) ? start : Number.NaN;
    }
    out[i] = acc;
  }
  return new NDArray(out, lanes.shape, a.dtype);
}

/**
 * `np.nanargmax`/`np.nanargmin`: ValueError when a slice is all NaN (for a
 * non-empty float array), else argmax/argmin with NaN as -inf/+inf.
 */
export function nanArgExtremum(
  kind: 'argmax' | 'argmin',
  a: NDArray,
  axis: Axis,
  keepdims: boolean,
): NDArray {
  if (isFloatDType(a.dtype) && a.size > 0) {
    const allNan = reduce('all', isnan(a), axis, false);
    if (allNan.data.some((v) => v !== 0)) throw new MatError('All-NaN slice encountered');
  }
  const filled = replaceNan(a, kind === 'argmax' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY);
  return reduce(kind, filled, axis, keepdims);
}

/** `np.ptp`: max minus min (so bools fail to subtract, as in NumPy). */
export function ptp(a: NDArray, axis: Axis, keepdims: boolean): NDArray {
  return binary('-', reduce('max', a, axis, keepdims), reduce('min', a, axis, keepdims));
}

/** A lane's values without NaN, sorted ascending. */
function sortedNumbers(lanes: Lanes, i: number): Float64Array {
  if ((i & 1023) === 0) checkDeadline();
  return lanes.data
    .subarray(i * lanes.length, (i + 1) * lanes.length)
    .filter((x) => !Number.isNaN(x))
    .sort();
}

/**
 * The reduced axes as NumPy's `_ureduce` resolves them (each checked,
 * repeats refused), and whether the kernel then sees a 1-D array: with
 * axis=None, a 1-D input, or every axis reduced.
 */
function ureduceAxes(a: NDArray, axis: Axis): { reduced: number[]; flat: boolean } {
  if (axis === null) return { reduced: a.shape.map((_, i) => i), flat: true };
  const reduced = axisTuple(typeof axis === 'number' ? [axis] : axis, a.ndim);
  return { reduced, flat: a.ndim === 1 || reduced.length === a.ndim };
}

/**
 * `np.nanmedian(a, axis, keepdims)`: the median of each slice's non-NaN
 * values (NaN when there are none); an empty array gives nanmean's NaNs.
 * Along an axis of fewer than 600 elements NumPy uses a masked median,
 * which averages the middle element with itself for odd counts.
 */
export function nanMedian(a: NDArray, axis: Axis, keepdims: boolean): NDArray {
  if (a.size === 0) return nanMean(a, axis, keepdims);
  const { reduced, flat } = ureduceAxes(a, axis);
  const lanes = lanesOf(a, reduced, keepdims);
  const masked = !flat && lanes.length < 600;
  const out = allocate(lanes.count);
  for (let i = 0; i < lanes.count; i++) {
    const values = sortedNumbers(lanes, i);
    const n = values.length;
    const mid = n >> 1;
    if (n === 0) out[i] = Number.NaN;
    else if (n % 2 === 0) out[i] = (values[mid - 1] + values[mid]) / 2;
    else out[i] = masked ? (values[mid] + values[mid]) / 2 : values[mid];
  }
  // A float keeps its dtype (the mean of two float32s, rounded once, is float32's); ints give float64.
  const dtype = meanDType(a.dtype);
  return new NDArray(roundInto(out, dtype), lanes.shape, dtype);
}

/**
 * `np.nanpercentile`/`np.nanquantile` with q as fractions in [0, 1]: each
 * slice's non-NaN values through the quantile `method` (NaN when there
 * are none); the result has q's shape followed by the reduced shape, and
 * keeps an integer input's dtype for the methods that pick a value. An
 * empty array gives nanmean's NaN whatever q is, as NumPy does.
 */
export function nanQuantile(
  a: NDArray,
  q: NDArray,
  axis: Axis,
  keepdims: boolean,
  method: QuantileMethod = 'linear',
): NDArray {
  if (a.size === 0) return nanMean(a, axis, keepdims);
  const { reduced } = ureduceAxes(a, axis);
  // NumPy's `_lerp` subtracts the two neighbours, which bools refuse (NumPy's own TypeError).
  if (a.dtype === 'bool' && !isDiscreteMethod(method)) binary('-', a, a);
  const lanes = lanesOf(a, reduced, keepdims);
  const out = allocate(q.size * lanes.count);
  for (let i = 0; i < lanes.count; i++) {
    const values = sortedNumbers(lanes, i);
    for (let k = 0; k < q.size; k++) {
      out[k * lanes.count + i] = values.length === 0 ? Number.NaN : sortedQuantile(values, q.data[k], method);
    }
  }
  const dtype = quantileDType(a, q, method);
  return new NDArray(roundInto(out, dtype), [...q.shape, ...lanes.shape], dtype);
}
