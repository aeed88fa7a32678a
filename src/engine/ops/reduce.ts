import { pairwiseSumExact as pairwiseSum } from '../../nn/sums';
import { isFloatDType, isIntegerDType, roundInto, sumDType } from '../dtypes';
import { MatError } from '../errors';
import { fitsInt64All, heldInt64 } from '../int64';
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
  /** NumPy's `where=`: a mask broadcastable to the input; only its true places are reduced. */
  readonly where?: NDArray;
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
  const mask = options.where ? maskOf(options.where, a.shape) : undefined;
  if ((kind === 'max' || kind === 'min') && mask && options.initial === undefined) {
    throw new MatError(
      `reduction operation '${UFUNC_NAME[kind]}' does not have an identity, so to use a where mask one has to specify 'initial'`,
    );
  }
  // With a mask, each output counts only its unmasked elements (NumPy's `_count_reduce_items`).
  const counts = mask ? accumulate('sum', new NDArray(mask.data, a.shape, 'float64'), reduced) : undefined;
  const countAt = (i: number) => (counts ? counts[i] : count);

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
            : sumDType(a.dtype);
      const out = accumulate(kind, a, reduced, options.initial, mask, singleSum(dtype));
      // An integer product such as -2 * 0 must not show as -0.
      if (isIntegerDType(dtype)) {
        for (let i = 0; i < out.length; i++) out[i] += 0;
        if (dtype === 'int64' && (kind === 'sum' || kind === 'prod') && !fitsInt64All(out)) {
          // NumPy wraps around: the sums or products again, exactly.
          out.set(exactInt64Fold(kind, a, reduced, options.initial, mask));
        }
      }
      return new NDArray(roundInto(out, dtype), outShape, dtype);
    }
    case 'mean': {
      // Floats average in their own type (float16 in float32, as NumPy's loop does); ints in float64.
      const dtype = isFloatDType(a.dtype) ? a.dtype : 'float64';
      const single = singleSum(dtype);
      const sum = accumulate('sum', a, reduced, undefined, mask, single);
      for (let i = 0; i < sum.length; i++)
        sum[i] = single ? Math.fround(sum[i] / countAt(i)) : sum[i] / countAt(i);
      return new NDArray(roundInto(sum, dtype), outShape, dtype);
    }
    case 'var':
    case 'std': {
      // NumPy's _var: x = a - mean(keepdims); sum(x * x) / max(n - ddof, 0).
      const mean = accumulate('sum', a, reduced, undefined, mask);
      for (let i = 0; i < mean.length; i++) mean[i] /= countAt(i);
      const x = binary('-', a, new NDArray(mean, keptShape, 'float64'));
      const sq = binary('*', x, x);
      const out = accumulate('sum', sq, reduced, undefined, mask);
      for (let i = 0; i < out.length; i++) {
        out[i] /= Math.max(countAt(i) - (options.ddof ?? 0), 0);
        if (kind === 'std') out[i] = Math.sqrt(out[i]);
      }
      // Computed in doubles; NumPy computes a float32 array's in float32 (the last digit may differ).
      const dtype = isFloatDType(a.dtype) ? a.dtype : 'float64';
      return new NDArray(roundInto(out, dtype), outShape, dtype);
    }
  }
}

/** An int64 sum or product over the `reduced` axes with NumPy's wrap-around, in BigInt (the overflow path). */
function exactInt64Fold(
  kind: 'sum' | 'prod',
  a: NDArray,
  reduced: ReadonlySet<number>,
  initial: number | undefined,
  mask: Mask | undefined,
): Float64Array {
  const kept = a.shape.map((d, i) => (reduced.has(i) ? 1 : d));
  const keptStrides = stridesOf(kept);
  const acc = new Array<bigint>(shapeSize(kept)).fill(BigInt(initial ?? (kind === 'sum' ? 0 : 1)));
  const counter = new Array<number>(a.ndim).fill(0);
  const data = a.data;
  for (let i = 0; i < a.size; i++) {
    if ((i & 1023) === 1023) checkDeadline();
    if (mask?.data[i] !== 0) {
      let o = 0;
      for (let ax = 0; ax < a.ndim; ax++) if (!reduced.has(ax)) o += counter[ax] * keptStrides[ax];
      const v = BigInt(data[i]);
      acc[o] = BigInt.asIntN(64, kind === 'sum' ? acc[o] + v : acc[o] * v);
    }
    for (let ax = a.ndim - 1; ax >= 0; ax--) {
      if (++counter[ax] < a.shape[ax]) break;
      counter[ax] = 0;
    }
  }
  return Float64Array.from(acc, heldInt64);
}

type AccumulateKind = 'sum' | 'prod' | 'max' | 'min' | 'all' | 'any';

/**
 * A `where=` mask spread over the input's shape (row-major, 1 where the
 * element takes part), with the mask's own steps per input axis (0 where it
 * is broadcast): NumPy's iterator merges axes only where every operand,
 * the mask too, walks them as one run, and that decides how sums group.
 */
interface Mask {
  readonly data: Float64Array;
  readonly steps: readonly number[];
}

function maskOf(where: NDArray, shape: readonly number[]): Mask {
  const nd = shape.length;
  const pad = nd - where.ndim;
  const fits = pad >= 0 && where.shape.every((d, i) => d === 1 || d === shape[pad + i]);
  if (!fits) {
    const show = (s: readonly number[]) => `(${s.join(',')}${s.length === 1 ? ',' : ''})`;
    throw new MatError(
      `operands could not be broadcast together with remapped shapes [original->remapped]: ${show(shape)} ${show(where.shape)} `,
    );
  }
  const own = stridesOf(where.shape);
  const steps = shape.map((_, ax) => (ax < pad || where.shape[ax - pad] === 1 ? 0 : own[ax - pad]));
  const data = allocate(shapeSize(shape));
  const w = where.data;
  if (data.length > 0) {
    const counter = new Array<number>(nd).fill(0);
    let at = 0;
    for (let o = 0; o < data.length; o++) {
      data[o] = w[at] !== 0 ? 1 : 0;
      for (let ax = nd - 1; ax >= 0; ax--) {
        if (++counter[ax] < shape[ax]) {
          at += steps[ax];
          break;
        }
        counter[ax] = 0;
        at -= steps[ax] * (shape[ax] - 1);
      }
    }
  }
  return { data, steps };
}

/**
 * Reduces `a` over the axes in `reduced` into a buffer of the kept axes'
 * size (row-major), visiting elements in NumPy's order (see `reduce`).
 */
function accumulate(
  kind: AccumulateKind,
  a: NDArray,
  reduced: ReadonlySet<number>,
  initial?: number,
  mask?: Mask,
  single = false,
  complexParts = false,
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
  const maskS: number[] = [];
  a.shape.forEach((d, i) => {
    if (d === 1) return;
    dims.push(d);
    maskS.push(mask ? mask.steps[i] : 0);
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
  // The mask's step across the run so far: an axis joins only if the mask walks on as one run too.
  let runStep: number | undefined;
  while (dims.length > 0 && isReduced[dims.length - 1] === trailingReduced) {
    const last = dims.length - 1;
    if (runStep !== undefined && maskS[last] !== runStep) break;
    const d = dims.pop()!;
    runStep = maskS[last] * d;
    if (trailingReduced) block *= d;
    else vector *= d;
    inS.pop();
    outS.pop();
    isReduced.pop();
    maskS.pop();
  }

  const data = a.data;
  const visits = a.size / (block * vector);
  const counter = new Array<number>(dims.length).fill(0);
  let io = 0;
  let oo = 0;
  for (let v = 0; v < visits; v++) {
    if ((v & 1023) === 1023) checkDeadline();
    if (mask) {
      if (trailingReduced)
        out[oo] = combineMaskedBlock(kind, out[oo], data, mask.data, io, block, single, complexParts);
      else combineMaskedVector(kind, out, oo, data, mask.data, io, vector, single);
    } else if (trailingReduced) out[oo] = combineBlock(kind, out[oo], data, io, block, single, complexParts);
    else if (single && kind === 'sum')
      for (let t = 0; t < vector; t++) out[oo + t] = Math.fround(out[oo + t] + data[io + t]);
    else if (single && kind === 'prod')
      for (let t = 0; t < vector; t++) out[oo + t] = Math.fround(out[oo + t] * data[io + t]);
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
function combineBlock(
  kind: AccumulateKind,
  acc: number,
  data: Float64Array,
  off: number,
  n: number,
  single = false,
  complexParts = false,
): number {
  const end = off + n;
  switch (kind) {
    case 'sum':
      if (complexParts) return acc + complexPartSum(data, off, n);
      return single ? Math.fround(acc + pairwiseSumSingle(data, off, n)) : acc + pairwiseSum(data, off, n);
    case 'prod':
      if (single) for (let i = off; i < end; i++) acc = Math.fround(acc * data[i]);
      else for (let i = off; i < end; i++) acc *= data[i];
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

/**
 * A block under a mask: NumPy's masked loop hands each run of unmasked
 * elements to the ordinary loop, so a sum adds each run's pairwise sum.
 */
function combineMaskedBlock(
  kind: AccumulateKind,
  acc: number,
  data: Float64Array,
  mask: Float64Array,
  off: number,
  n: number,
  single: boolean,
  complexParts = false,
): number {
  const end = off + n;
  let i = off;
  while (i < end) {
    while (i < end && mask[i] === 0) i++;
    const start = i;
    while (i < end && mask[i] !== 0) i++;
    if (i > start) acc = combineBlock(kind, acc, data, start, i - start, single, complexParts);
  }
  return acc;
}

function combineMaskedVector(
  kind: AccumulateKind,
  out: Float64Array,
  oo: number,
  data: Float64Array,
  mask: Float64Array,
  io: number,
  n: number,
  single: boolean,
): void {
  for (let t = 0; t < n; t++) {
    if (mask[io + t] !== 0) out[oo + t] = combineBlock(kind, out[oo + t], data, io + t, 1, single);
  }
}

/**
 * One part (real or imaginary) of NumPy's complex `pairwise_sum`: it walks
 * the interleaved pairs with four accumulators per part where the real
 * version has eight, so the same numbers group differently.
 */
function complexPartSum(a: Float64Array, offset: number, n: number): number {
  if (n < 4) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[offset + i];
    return res;
  }
  if (n <= 64) {
    let r0 = a[offset];
    let r1 = a[offset + 1];
    let r2 = a[offset + 2];
    let r3 = a[offset + 3];
    let i = 4;
    for (const end = n - (n % 4); i < end; i += 4) {
      const p = offset + i;
      r0 += a[p];
      r1 += a[p + 1];
      r2 += a[p + 2];
      r3 += a[p + 3];
    }
    let res = r0 + r1 + (r2 + r3);
    for (; i < n; i++) res += a[offset + i];
    return res;
  }
  // NumPy halves the count of doubles (2n) at a multiple of 8 doubles.
  const half = (n - (n % 8)) / 2;
  return complexPartSum(a, offset, half) + complexPartSum(a, offset + half, n - half);
}

/**
 * A sum of one part of a complex array over `axis` (NumPy's complex add
 * reduction adds the two parts independently, in its own grouping).
 */
export function sumComplexPart(
  part: NDArray,
  axis: number | readonly number[] | null,
  keepdims: boolean,
  where?: NDArray,
): NDArray {
  const axes = normalizeAxes(axis, part.ndim, true);
  const reduced = new Set(axes);
  const outShape = keepdims
    ? part.shape.map((d, i) => (reduced.has(i) ? 1 : d))
    : part.shape.filter((_, i) => !reduced.has(i));
  const mask = where ? maskOf(where, part.shape) : undefined;
  return new NDArray(accumulate('sum', part, reduced, undefined, mask, false, true), outShape, 'float64');
}

/** Does a sum of this dtype accumulate in float32 (float32, and float16 whose loop adds in float32)? */
function singleSum(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float16';
}

/** NumPy's `pairwise_sum` for float32: the same grouping as `pairwiseSum`, every addition rounded to float32. */
function pairwiseSumSingle(a: Float64Array, offset: number, n: number): number {
  const f = Math.fround;
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res = f(res + a[offset + i]);
    return res;
  }
  if (n <= 128) {
    const r = [
      a[offset],
      a[offset + 1],
      a[offset + 2],
      a[offset + 3],
      a[offset + 4],
      a[offset + 5],
      a[offset + 6],
      a[offset + 7],
    ];
    let i = 8;
    for (const end = n - (n % 8); i < end; i += 8) {
      for (let k = 0; k < 8; k++) r[k] = f(r[k] + a[offset + i + k]);
    }
    let res = f(f(f(r[0] + r[1]) + f(r[2] + r[3])) + f(f(r[4] + r[5]) + f(r[6] + r[7])));
    for (; i < n; i++) res = f(res + a[offset + i]);
    return res;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return f(pairwiseSumSingle(a, offset, half) + pairwiseSumSingle(a, offset + half, n - half));
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
