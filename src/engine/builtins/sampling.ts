import { MatError } from '../errors';
import { allocate, reserve, tick } from '../limits';
import { NDArray, shapeSize, shapeText } from '../ndarray';
import { astype, broadcastOrNull, normalizeAxis } from '../ops';
import { noteWrite } from '../run/heap';
import { checkWritable, wrote } from '../run/views';
import { isArray, NONE, pyFloat, pyInt, typeName, type Value } from '../values';
import { toArray, toShape } from './convert';

/**
 * What NumPy's random samplers share (numpy/random/_common.pyx `cont` and
 * `disc`): parameters as float64 arrays checked against their constraints
 * with NumPy's messages, the output shape from `size` or from broadcasting
 * the parameters, and one draw per output element in row-major order.
 */

/** NumPy's parameter constraints (`CONS_*` in _common.pyx). */
export type Constraint =
  | 'none'
  | 'nonNegative'
  | 'positive'
  | 'bounded01'
  | 'boundedGt01'
  | 'legacyPoisson'
  | 'nonNegativeLong';

/** `LEGACY_POISSON_LAM_MAX`: int64's maximum less ten of its square roots. */
const LEGACY_POISSON_LAM_MAX = 2 ** 63 - Math.sqrt(2 ** 63) * 10;

/** `check_constraint`: one scalar parameter, with NumPy's scalar messages. */
export function checkConstraint(value: number, name: string, constraint: Constraint): void {
  switch (constraint) {
    case 'nonNegative':
      // NumPy tests the sign bit: -0.0 is refused too.
      if (!Number.isNaN(value) && (value < 0 || Object.is(value, -0))) throw valueError(`${name} < 0`);
      return;
    case 'positive':
      if (value <= 0) throw valueError(`${name} <= 0`);
      return;
    case 'bounded01':
      if (!(value >= 0) || !(value <= 1)) throw valueError(`${name} < 0, ${name} > 1 or ${name} is NaN`);
      return;
    case 'boundedGt01':
      if (!(value > 0) || !(value <= 1))
        throw valueError(`${name} <= 0, ${name} > 1 or ${name} contains NaNs`);
      return;
    case 'legacyPoisson':
      if (!(value >= 0)) throw valueError(`${name} < 0 or ${name} is NaN`);
      if (!(value <= LEGACY_POISSON_LAM_MAX)) throw valueError(`${name} value too large`);
      return;
    case 'nonNegativeLong':
      if (value < 0) throw valueError(`${name} < 0`);
      return;
    case 'none':
      return;
  }
}

/** `check_array_constraint`: every element of an array parameter, with NumPy's array messages. */
export function checkArrayConstraint(values: Float64Array, name: string, constraint: Constraint): void {
  const all = (test: (x: number) => boolean) => values.every(test);
  switch (constraint) {
    case 'nonNegative':
      if (!all((x) => Number.isNaN(x) || !(x < 0 || Object.is(x, -0)))) throw valueError(`${name} < 0`);
      return;
    case 'positive':
      if (!all((x) => !(x <= 0))) throw valueError(`${name} <= 0`);
      return;
    case 'bounded01':
      if (!all((x) => x >= 0 && x <= 1))
        throw valueError(`${name} < 0, ${name} > 1 or ${name} contains NaNs`);
      return;
    case 'boundedGt01':
      if (!all((x) => x > 0 && x <= 1))
        throw valueError(`${name} <= 0, ${name} > 1 or ${name} contains NaNs`);
      return;
    case 'legacyPoisson':
      if (!all((x) => x <= LEGACY_POISSON_LAM_MAX)) throw valueError(`${name} value too large`);
      if (!all((x) => x >= 0)) throw valueError(`${name} < 0 or ${name} contains NaNs`);
      return;
    case 'nonNegativeLong':
      if (!all((x) => x >= 0)) throw valueError(`${name} < 0`);
      return;
    case 'none':
      return;
  }
}

function valueError(message: string): MatError {
  return new MatError(message, 'ValueError');
}

/** A `size=` argument: null for None, else the shape (NumPy refuses negative dimensions). */
export function sizeShape(size: Value | undefined): number[] | null {
  if (size === undefined || (!isArray(size) && size.kind === 'none')) return null;
  const shape = toShape(size);
  if (shape.some((d) => d < 0)) throw valueError('negative dimensions are not allowed');
  return shape;
}

/** One parameter of a sampler: its argument (undefined: the default), its name in messages, its constraint. */
export interface SamplerParam {
  readonly value: Value | undefined;
  readonly fallback: number;
  readonly name: string;
  readonly constraint: Constraint;
}

/**
 * Draws like NumPy's `cont` (float64 results) or `disc` (int64): with all
 * parameters scalar, `size` draws of `draw(a, b, ...)`, or one Python
 * number when `size` is None; with an array parameter, one draw per element
 * of the broadcast shape (or of `size`, which the parameters must
 * broadcast to), each with that element's parameters.
 */
export function sample(
  params: readonly SamplerParam[],
  size: Value | undefined,
  dtype: 'float64' | 'int64',
  draw: (args: Float64Array) => number,
): Value {
  const arrays = params.map((p) =>
    astype(
      p.value === undefined ? NDArray.scalar(p.fallback, 'float64') : toArray(p.value, p.name),
      'float64',
    ),
  );
  const shape = sizeShape(size);
  const args = new Float64Array(params.length);
  if (arrays.every((a) => a.ndim === 0)) {
    arrays.forEach((a, i) => {
      args[i] = a.data[0];
      checkConstraint(args[i], params[i].name, params[i].constraint);
    });
    if (shape === null) {
      const value = draw(args);
      return dtype === 'float64' ? pyFloat(value) : pyInt(value);
    }
    const out = allocate(shapeSize(shape));
    for (let i = 0; i < out.length; i++) {
      tick();
      out[i] = draw(args);
    }
    return new NDArray(out, shape, dtype);
  }
  arrays.forEach((a, i) => {
    checkArrayConstraint(a.data, params[i].name, params[i].constraint);
  });
  const outShape = outputShape(
    shape,
    arrays.map((a) => a.shape),
  );
  const indexes = arrays.map((a) => broadcastIndex(outShape, a.shape));
  const out = allocate(shapeSize(outShape));
  for (let i = 0; i < out.length; i++) {
    tick();
    for (let k = 0; k < arrays.length; k++) args[k] = arrays[k].data[indexes[k][i]];
    out[i] = draw(args);
  }
  return new NDArray(out, outShape, dtype);
}

/**
 * The output shape: `size` when given, which the parameters must broadcast
 * to (NumPy's `validate_output_shape`), else the parameters' broadcast shape.
 */
export function outputShape(
  size: readonly number[] | null,
  shapes: readonly (readonly number[])[],
): number[] {
  const operands = size === null ? shapes : [size, ...shapes];
  operands.forEach((s, i) => {
    if (broadcastOrNull(operands.slice(0, i + 1)) === null) {
      const first = operands.findIndex((t) => broadcastOrNull([t, s]) === null);
      throw valueError(
        `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg ${first} with shape ${shapeText(operands[first])} and arg ${i} with shape ${shapeText(s)}.`,
      );
    }
  });
  const broadcast = broadcastOrNull(operands) as number[];
  if (size === null) return broadcast;
  if (broadcast.length !== size.length || broadcast.some((d, i) => d !== size[i])) {
    throw valueError(
      `Output size ${shapeText(size)} is not compatible with broadcast dimensions of inputs ${shapeText(broadcast)}.`,
    );
  }
  return [...size];
}

/** For each element of `outShape` (row-major), the element of a `shape` array that broadcasts to it. */
export function broadcastIndex(outShape: readonly number[], shape: readonly number[]): Float64Array {
  const total = shapeSize(outShape);
  reserve(total);
  const index = new Float64Array(total);
  const nd = outShape.length;
  const pad = nd - shape.length;
  // The source's stride along each output axis (0 where it is broadcast).
  const steps = new Array<number>(nd).fill(0);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    if (shape[axis] !== 1) steps[pad + axis] = stride;
    stride *= shape[axis];
  }
  const counter = new Array<number>(nd).fill(0);
  let at = 0;
  for (let i = 0; i < total; i++) {
    index[i] = at;
    for (let axis = nd - 1; axis >= 0; axis--) {
      counter[axis]++;
      at += steps[axis];
      if (counter[axis] < outShape[axis]) break;
      at -= steps[axis] * counter[axis];
      counter[axis] = 0;
    }
  }
  return index;
}

/** NumPy's `kahan_sum` (how `choice` and `multinomial` add up probabilities). */
export function kahanSum(values: Float64Array, n = values.length): number {
  if (n <= 0) return 0.0;
  let sum = values[0];
  let c = 0.0;
  for (let i = 1; i < n; i++) {
    const y = values[i] - c;
    const t = sum + y;
    c = t - sum - y;
    sum = t;
  }
  return sum;
}

/** `cdf.searchsorted(u, side='right')`: how many entries of the sorted `cdf` are <= u. */
export function searchRight(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `cdf = p.cumsum(); cdf /= cdf[-1]`, as NumPy computes it (sequential sums, then one division each). */
export function normalizedCdf(p: Float64Array): Float64Array {
  const cdf = allocate(p.length);
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    sum = i === 0 ? p[0] : sum + p[i];
    cdf[i] = sum;
  }
  const last = cdf[cdf.length - 1];
  for (let i = 0; i < cdf.length; i++) cdf[i] /= last;
  return cdf;
}

/**
 * Without replacement and with probabilities (both generators): draw
 * uniforms, map them through the cdf of the probabilities not yet taken,
 * keep the new distinct picks in order of first appearance, repeat.
 */
export function choiceWithoutReplacement(
  probabilities: Float64Array,
  count: number,
  uniforms: (n: number) => Float64Array,
): Float64Array {
  const p = Float64Array.from(probabilities);
  const found = allocate(count);
  let unique = 0;
  while (unique < count) {
    tick();
    const x = uniforms(count - unique);
    for (let i = 0; i < unique; i++) p[found[i]] = 0;
    const cdf = normalizedCdf(p);
    const seen = new Set<number>();
    for (let i = 0; i < x.length; i++) {
      const pick = searchRight(cdf, x[i]);
      if (!seen.has(pick)) {
        seen.add(pick);
        found[unique++] = pick;
      }
    }
  }
  return found;
}

/** The permutation of 0..n-1 that a Fisher-Yates pass with `interval(i)` (a draw in [0, i]) makes, from i = n - 1 down. */
export function fisherYates(n: number, interval: (max: number) => number, first = 1): Float64Array {
  const order = allocate(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i >= first; i--) {
    tick();
    const j = interval(i);
    const held = order[j];
    order[j] = order[i];
    order[i] = held;
  }
  return order;
}

/** `a.take(indices, axis)`: `a` with its axis `axis` replaced by the indices (of shape `indicesShape`). */
export function takeAlong(
  a: NDArray,
  indices: Float64Array,
  indicesShape: readonly number[],
  axis: number,
): NDArray {
  const outer = shapeSize(a.shape.slice(0, axis));
  const inner = shapeSize(a.shape.slice(axis + 1));
  const dim = a.shape[axis];
  const source = a.data;
  const count = indices.length;
  const out = allocate(outer * count * inner);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < count; k++) {
      const from = (o * dim + indices[k]) * inner;
      out.set(source.subarray(from, from + inner), (o * count + k) * inner);
    }
  }
  return new NDArray(out, [...a.shape.slice(0, axis), ...indicesShape, ...a.shape.slice(axis + 1)], a.dtype);
}

/**
 * `shuffle(x)`: reorders an array along `axis` (RandomState: always 0) or a
 * list's items in place, by a Fisher-Yates pass of `interval` draws from
 * the last position down. Returns None, as NumPy does.
 */
export function shuffleInPlace(x: Value, interval: (max: number) => number, axis = 0): Value {
  if (isArray(x) && !x.python && x.ndim > 0) {
    checkWritable(x, 'array');
    const ax = normalizeAxis(axis, x.ndim);
    // An empty array is left alone without drawing.
    if (x.size === 0) return NONE;
    const order = fisherYates(x.shape[ax], interval);
    const shuffled = takeAlong(x, order, [order.length], ax);
    noteWrite(x);
    x.data.set(shuffled.data);
    wrote(x);
    return NONE;
  }
  if (!isArray(x) && x.kind === 'list') {
    if (axis !== 0) {
      throw new MatError('Axis argument is only supported on ndarray objects', 'NotImplementedError');
    }
    const items = x.items;
    if (items.length > 1) noteWrite(x);
    for (let i = items.length - 1; i >= 1; i--) {
      tick();
      const j = interval(i);
      const held = items[i];
      items[i] = items[j];
      items[j] = held;
    }
    return NONE;
  }
  if (!isArray(x) && (x.kind === 'tuple' || x.kind === 'string')) {
    const n = x.kind === 'tuple' ? x.items.length : [...x.value].length;
    if (axis !== 0) {
      throw new MatError('Axis argument is only supported on ndarray objects', 'NotImplementedError');
    }
    // Python fails at the first swap, after its draw.
    if (n > 1) {
      interval(n - 1);
      throw new MatError(`'${typeName(x)}' object does not support item assignment`, 'TypeError');
    }
    return NONE;
  }
  throw new MatError(`object of type '${typeName(x)}' has no len()`, 'TypeError');
}

/**
 * `permutation(x)`: a shuffled `arange(x)` for an integer, else a shuffled
 * copy of the array along `axis` (the same draws as shuffling it).
 */
export function permutationOf(
  x: Value,
  interval: (max: number) => number,
  axis: number | undefined,
): NDArray {
  if (isArray(x) && x.ndim === 0 && x.dtype !== 'float64' && (x.dtype === 'int64' || x.python)) {
    const n = Math.max(0, x.data[0]);
    const order = fisherYates(n, interval);
    return new NDArray(order, [n], 'int64');
  }
  const arr = toArray(x, 'x');
  if (axis === undefined) {
    // RandomState has no axis: a scalar is refused as not an integer.
    if (arr.ndim < 1) throw new MatError('x must be an integer or at least 1-dimensional', 'IndexError');
    axis = 0;
  }
  const ax = normalizeAxis(axis, arr.ndim);
  const order = fisherYates(arr.shape[ax], interval);
  return takeAlong(arr, order, [order.length], ax);
}
