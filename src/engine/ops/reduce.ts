import { pairwiseSumExact as pairwiseSum } from '../../nn/sums';
import { MatError } from '../errors';
import { checkInt64 } from '../int64';
import { allocate, checkDeadline } from '../limits';
import { type DType, NDArray, shapeSize, stridesOf } from '../ndarray';
import { binary } from './elementwise';

/** The reductions `reduce` computes, by NumPy name. */
export type ReduceKind =
  | 'sum'
  | 'mean'
  | 'max'
  | 'min'
  | 'argmax'
  | 'argmin'
  | 'prod'
  | 'std'
  | 'var'
  | 'all'
  | 'any';

/** Extra arguments some reductions take. */
export interface ReduceOptions {
  /** Delta degrees of freedom for `std`/`var` (NumPy's `ddof`, default 0). */
  readonly ddof?: number;
  /** NumPy's `initial=` for sum/prod/max/min: the value each reduction starts from. */
  readonly initial?: number;
}

/** Resolves a possibly negative axis, or throws NumPy's AxisError. */
export function normalizeAxis(axis: number, ndim: number): number {
  if (axis < -ndim || axis >= ndim) {
    throw new MatError(`axis ${axis} is out of bounds for array of dimension ${ndim}`, 'AxisError');
  }
  return axis < 0 ? axis + ndim : axis;
}

/**
 * The reduced axes of an `axis=` argument (null: all), resolved and checked
 * for duplicates. As NumPy's ufunc reductions allow, a 0-d array accepts
 * axis 0 or -1 unless `zeroDimAxis` is false (mean/std/var refuse it).
 */
export function normalizeAxes(
  axis: number | readonly number[] | null,
  ndim: number,
  zeroDimAxis = true,
): number[] {
  if (axis === null) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : axis;
  if (ndim === 0 && zeroDimAxis) {
    for (const ax of list) if (ax !== 0 && ax !== -1) normalizeAxis(ax, 0);
    return [];
  }
  const out = list.map((ax) => normalizeAxis(ax, ndim));
  if (new Set(out).size !== out.length) throw new MatError("duplicate value in 'axis'");
  return out;
}

const UFUNC_NAME: Partial<Record<ReduceKind, string>> = { max: 'maximum', min: 'minimum' };

/**
 * NumPy's reductions (`a.sum(axis=..., keepdims=...)` and friends) with
 * NumPy's result dtypes: sum/prod of bools and ints are int64, mean/std/var
 * float64, max/min keep the dtype, argmax/argmin int64, all/any bool.
 *
 * Float sums follow NumPy's summation order so the last bits agree: the
 * trailing run of reduced axes (which NumPy's iterator hands to the inner
 * loop as one contiguous block) is summed pairwise exactly as NumPy's
 * `pairwise_sum`, and blocks are added to the result in row-major order.
 * When the last axis is kept (e.g. `sum(axis=0)` of a matrix) NumPy adds
 * element by element in order, and so do we. Buffered cases (int→float
 * casts in `mean` of ints) may group additions differently; for integer
 * data that is exact anyway.
 */
export function reduce(
  kind: ReduceKind,
  a: NDArray,
  axis: number | readonly number[] | null,
  keepdims: boolean,
  options: ReduceOptions = {},
): NDArray {
  if (kind === 'argmax' || kind === 'argmin') {
    if (axis !== null && typeof axis !== 'number') {
      throw new MatError("'tuple' object cannot be interpreted as an integer", 'TypeError');
    }
    return argReduce(kind, a, axis, keepdims);
  }
  const axes = normalizeAxes(axis, a.ndim, kind !== 'mean' && kind !== 'std' && kind !== 'var');
  const reduced = new Set(axes);
  const keptShape = a.shape.map((d, i) => (reduced.has(i) ? 1 : d));
  const outShape = keepdims ? keptShape : a.shape.filter((_, i) => !reduced.has(i));
  let count = 1;
  for (const ax of axes) count *= a.shape[ax];

  switch (kind) {
    case 'sum':
    case 'prod':
    case 'max':
    case 'min':
    case 'all':
    case 'any': {
      if ((kind === 'max' || kind === 'min') && count === 0 && options.initial === undefined) {
        throw new MatError(
          `zero-size array to reduction operation ${UFUNC_NAME[kind]} which has no identity`,
        );
      }
      const dtype: DType =
        kind === 'all' || kind === 'any'
          ? 'bool'
          : kind === 'max' || kind === 'min'
            ? a.dtype
            : a.dtype === 'float64'
              ? 'float64'
              : 'int64';
      const out = accumulate(kind, a, reduced, options.initial);
      // An integer product such as -2 * 0 must not show as -0.
      if (dtype === 'int64') {
        for (let i = 0; i < out.length; i++) out[i] += 0;
        checkInt64(out);
      }
      return new NDArray(out, outShape, dtype);
    }
    case 'mean': {
      const sum = accumulate('sum', a, reduced);
      for (let i = 0; i < sum.length; i++) sum[i] /= count;
      return new NDArray(sum, outShape, 'float64');
    }
    case 'var':
    case 'std': {
      // NumPy's _var: x = a - mean(keepdims); sum(x * x) / max(n - ddof, 0).
      const mean = accumulate('sum', a, reduced);
      for (let i = 0; i < mean.length; i++) mean[i] /= count;
      const x = binary('-', a, new NDArray(mean, keptShape, 'float64'));
      const sq = binary('*', x, x);
      const out = accumulate('sum', sq, reduced);
      const div = Math.max(count - (options.ddof ?? 0), 0);
      for (let i = 0; i < out.length; i++) {
        out[i] /= div;
        if (kind === 'std') out[i] = Math.sqrt(out[i]);
      }
      return new NDArray(out, outShape, 'float64');
    }
  }
}

type AccumulateKind = 'sum' | 'prod' | 'max' | 'min' | 'all' | 'any';

/**
 * Reduces `a` over the axes in `reduced` into a buffer of the kept axes'
 * size (row-major), visiting elements in NumPy's order (see `reduce`).
 */
function accumulate(
  kind: AccumulateKind,
  a: NDArray,
  reduced: ReadonlySet<number>,
  initial?: number,
): Float64Array {
  const inStrides = stridesOf(a.shape);
  const kept = a.shape.map((d, i) => (reduced.has(i) ? 1 : d));
  const outStrides = stridesOf(kept);
  const out = allocate(shapeSize(kept));
  const init =
    initial ??
    (kind === 'prod' || kind === 'all' ? 1 : kind === 'max' ? -Infinity : kind === 'min' ? Infinity : 0);
  if (init !== 0) out.fill(init);
  if (a.size === 0) return out;

  // Size-1 axes do not change the order of visits; NumPy's iterator drops them too.
  const dims: number[] = [];
  const inS: number[] = [];
  const outS: number[] = [];
  const isReduced: boolean[] = [];
  a.shape.forEach((d, i) => {
    if (d === 1) return;
    dims.push(d);
    inS.push(inStrides[i]);
    outS.push(reduced.has(i) ? 0 : outStrides[i]);
    isReduced.push(reduced.has(i));
  });
  // The trailing axes come as one contiguous run per visit: reduced ones fold
  // into one output (pairwise for sums), kept ones update a run of outputs
  // element by element (so each output still sees its inputs in order).
  let block = 1;
  let vector = 1;
  const trailingReduced = dims.length > 0 && isReduced[dims.length - 1];
  while (dims.length > 0 && isReduced[dims.length - 1] === trailingReduced) {
    const d = dims.pop()!;
    if (trailingReduced) block *= d;
    else vector *= d;
    inS.pop();
    outS.pop();
    isReduced.pop();
  }

  const data = a.data;
  const visits = a.size / (block * vector);
  const counter = new Array<number>(dims.length).fill(0);
  let io = 0;
  let oo = 0;
  for (let v = 0; v < visits; v++) {
    if ((v & 1023) === 1023) checkDeadline();
    if (trailingReduced) out[oo] = combineBlock(kind, out[oo], data, io, block);
    else combineVector(kind, out, oo, data, io, vector);
    for (let ax = dims.length - 1; ax >= 0; ax--) {
      if (++counter[ax] < dims[ax]) {
        io += inS[ax];
        oo += outS[ax];
        break;
      }
      counter[ax] = 0;
      io -= inS[ax] * (dims[ax] - 1);
      oo -= outS[ax] * (dims[ax] - 1);
    }
  }
  return out;
}

/** Folds `data[io + t]` into `out[oo + t]` for t < n (one reduction step for a run of outputs). */
function combineVector(
  kind: AccumulateKind,
  out: Float64Array,
  oo: number,
  data: Float64Array,
  io: number,
  n: number,
): void {
  switch (kind) {
    case 'sum':
      for (let t = 0; t < n; t++) out[oo + t] += data[io + t];
      return;
    case 'prod':
      for (let t = 0; t < n; t++) out[oo + t] *= data[io + t];
      return;
    case 'max':
      for (let t = 0; t < n; t++) {
        const acc = out[oo + t];
        if (!(acc >= data[io + t]) && !Number.isNaN(acc)) out[oo + t] = data[io + t];
      }
      return;
    case 'min':
      for (let t = 0; t < n; t++) {
        const acc = out[oo + t];
        if (!(acc <= data[io + t]) && !Number.isNaN(acc)) out[oo + t] = data[io + t];
      }
      return;
    case 'all':
      for (let t = 0; t < n; t++) if (data[io + t] === 0) out[oo + t] = 0;
      return;
    case 'any':
      for (let t = 0; t < n; t++) if (data[io + t] !== 0) out[oo + t] = 1;
      return;
  }
}

/** Folds `data[off..off+n)` into `acc`. */
function combineBlock(kind: AccumulateKind, acc: number, data: Float64Array, off: number, n: number): number {
  const end = off + n;
  switch (kind) {
    case 'sum':
      return acc + pairwiseSum(data, off, n);
    case 'prod':
      for (let i = off; i < end; i++) acc *= data[i];
      return acc;
    case 'max':
      // nan propagates: once acc is nan it stays; a nan element replaces acc.
      for (let i = off; i < end; i++) if (!(acc >= data[i]) && !Number.isNaN(acc)) acc = data[i];
      return acc;
    case 'min':
      for (let i = off; i < end; i++) if (!(acc <= data[i]) && !Number.isNaN(acc)) acc = data[i];
      return acc;
    case 'all':
      for (let i = off; i < end; i++) if (data[i] === 0) return 0;
      return acc;
    case 'any':
      for (let i = off; i < end; i++) if (data[i] !== 0) return 1;
      return acc;
  }
}

/** argmax/argmin: the first index of the extreme value (the first nan, if any), as int64. */
function argReduce(kind: 'argmax' | 'argmin', a: NDArray, axis: number | null, keepdims: boolean): NDArray {
  // NumPy takes the argmax of a 0-d array as of a 1-element 1-d one.
  if (axis !== null && a.ndim === 0) normalizeAxis(axis, 1);
  const ax = axis === null || a.ndim === 0 ? null : normalizeAxis(axis, a.ndim);
  let len: number;
  let outShape: number[];
  if (ax === null) {
    // axis=None (or a 0-d array): over the flattened array.
    len = a.size;
    outShape = keepdims ? a.shape.map(() => 1) : [];
  } else {
    len = a.shape[ax];
    outShape = keepdims ? a.shape.map((d, i) => (i === ax ? 1 : d)) : a.shape.filter((_, i) => i !== ax);
  }
  if (len === 0) throw new MatError(`attempt to get ${kind} of an empty sequence`);
  const inner = ax === null ? 1 : stridesOf(a.shape)[ax];
  const outer = a.size / (len * inner);
  const out = allocate(outer * inner);
  const d = a.data;
  const max = kind === 'argmax';
  for (let o = 0; o < outer; o++) {
    checkDeadline();
    for (let j = 0; j < inner; j++) {
      const base = o * len * inner + j;
      let best = d[base];
      let at = 0;
      // NumPy's loop: `!(v <= best)` also takes the first nan, after which it stops.
      if (!Number.isNaN(best)) {
        for (let k = 1; k < len; k++) {
          const v = d[base + k * inner];
          if (max ? !(v <= best) : !(v >= best)) {
            best = v;
            at = k;
            if (Number.isNaN(v)) break;
          }
        }
      }
      out[o * inner + j] = at;
    }
  }
  return new NDArray(out, outShape, 'int64');
}

/** NumPy's `pairwise_sum` for doubles (shared with the trainer), re-exported for the engine. */
export { pairwiseSum };
