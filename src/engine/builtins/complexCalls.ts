import { complexDType, componentDType } from '../dtypes';
import { MatError } from '../errors';
import { checkDeadline } from '../limits';
import { dot } from '../linalg';
import { NDArray } from '../ndarray';
import { binary } from '../ops';
import { COMPLEX_UNARY_NAMES, complexAbs, complexArray, imagPart, realPart } from '../ops/complexArrays';
import { cmul } from '../ops/complexMath';
import { normalizeAxes, sumComplexPart } from '../ops/reduce';
import { newList } from '../run/pyops';
import { isArray, type Value } from '../values';
import { optional, required, toArray, toAxis, toBool } from './convert';
import type { BoundArgs, BuiltinSpec, CallContext } from './registry';

/**
 * Which NumPy built-ins take complex numbers, and how. Most kernels compute
 * on one Float64Array per array; a complex array keeps its imaginary parts
 * beside it. So that no kernel silently drops them, a NumPy built-in sees a
 * complex argument only when it is listed here:
 *
 * - NATIVE: its kernels handle complex arrays (element-wise arithmetic, the
 *   functions with complex loops, creation, products);
 * - PARTWISE: it is linear and moves or combines elements without looking
 *   at them (reshape, concatenate, cumsum), so it runs on the real parts
 *   and on the imaginary parts apart;
 * - OWN: implemented below for complex numbers (sum's grouping, mean, prod).
 *
 * Any other built-in refuses complex arguments with a clear error.
 */

const NATIVE: ReadonlySet<string> = new Set<string>([
  ...COMPLEX_UNARY_NAMES,
  'array',
  'asarray',
  'copy',
  'zeros',
  'ones',
  'zeros_like',
  'ones_like',
  'empty',
  'empty_like',
  'full',
  'full_like',
  'eye',
  'identity',
  'shape',
  'add',
  'subtract',
  'multiply',
  'divide',
  'true_divide',
  'power',
  'floor_divide',
  'mod',
  'remainder',
  'abs',
  'absolute',
  'isnan',
  'isinf',
  'isfinite',
  'dot',
  'matmul',
  'inner',
  'outer',
  'vdot',
  'real',
  'imag',
  'conj',
  'angle',
  'iscomplex',
  'isreal',
  'iscomplexobj',
  'isrealobj',
  'real_if_close',
  'shares_memory',
  'may_share_memory',
  'result_type',
  'can_cast',
  'sort',
  'argsort',
  'isclose',
  'allclose',
  'array_equal',
  'equal',
  'not_equal',
  'less',
  'less_equal',
  'greater',
  'greater_equal',
  // No complex loop in NumPy: their kernels raise NumPy's own TypeError for complex input.
  'degrees',
  'radians',
  'rad2deg',
  'deg2rad',
  'fabs',
  'bitwise_and',
  'bitwise_or',
  'bitwise_xor',
  'invert',
  'left_shift',
  'right_shift',
  'copysign',
  'fmod',
  'heaviside',
  'gcd',
  'lcm',
]);

/** Linear in these parameters (a sequence of arrays when the name starts with `*`); the other arguments are passed as they are. */
const PARTWISE: Readonly<Record<string, readonly string[]>> = {
  reshape: ['a'],
  transpose: ['a'],
  ravel: ['a'],
  squeeze: ['a'],
  expand_dims: ['a'],
  swapaxes: ['a'],
  moveaxis: ['a'],
  flip: ['m'],
  fliplr: ['m'],
  flipud: ['m'],
  rot90: ['m'],
  roll: ['a'],
  tile: ['A'],
  repeat: ['a'],
  take: ['a'],
  diagonal: ['a'],
  diag: ['v'],
  diagflat: ['v'],
  triu: ['m'],
  tril: ['m'],
  atleast_1d: ['*arys'],
  atleast_2d: ['*arys'],
  atleast_3d: ['*arys'],
  broadcast_to: ['array'],
  trace: ['a'],
  cumsum: ['a'],
  diff: ['a'],
  split: ['ary'],
  array_split: ['ary'],
  hsplit: ['ary'],
  vsplit: ['ary'],
  append: ['arr', 'values'],
  delete: ['arr'],
  resize: ['a'],
  take_along_axis: ['arr'],
  concatenate: ['*arrays'],
  stack: ['*arrays'],
  vstack: ['*tup'],
  hstack: ['*tup'],
  column_stack: ['*tup'],
  dstack: ['*tup'],
  where: ['x', 'y'],
  interp: ['fp', 'left', 'right'],
  linspace: ['start', 'stop'],
  round: ['a'],
  around: ['a'],
};

/** The policy tables, for the test that checks them against the built-ins' names and parameters. */
export const COMPLEX_POLICY = { native: NATIVE, partwise: PARTWISE, own: () => Object.keys(OWN) } as const;

function holdsComplex(value: Value, depth = 0): boolean {
  if (isArray(value)) return value.im !== undefined;
  if ((value.kind === 'list' || value.kind === 'tuple') && depth < 64) {
    return value.items.some((item) => holdsComplex(item, depth + 1));
  }
  return false;
}

/** Does the call need this module: a built-in not NATIVE given a complex argument? */
export function needsComplexCall(
  spec: BuiltinSpec,
  positional: readonly Value[],
  keywords: ReadonlyMap<string, Value>,
): boolean {
  if (NATIVE.has(spec.name)) return false;
  for (const value of positional) if (holdsComplex(value)) return true;
  for (const value of keywords.values()) if (holdsComplex(value)) return true;
  return false;
}

/** Runs `spec` on complex arguments by its policy above, or refuses them. */
export function callWithComplex(spec: BuiltinSpec, args: BoundArgs, ctx: CallContext): Value {
  const own = Object.hasOwn(OWN, spec.name) ? OWN[spec.name] : undefined;
  if (own) return own(args, ctx, spec);
  const linear = Object.hasOwn(PARTWISE, spec.name) ? PARTWISE[spec.name] : undefined;
  if (!linear) {
    throw new MatError(
      `np.${spec.name} of complex numbers is not supported in Matrix Playground yet (element-wise arithmetic, abs, sqrt, exp, log, sums, products, reshaping and joining are)`,
      'NotImplementedError',
    );
  }
  const parts = (which: 're' | 'im'): BoundArgs => {
    const named = new Map(args.named);
    let rest = args.rest;
    for (const param of linear) {
      const sequence = param.startsWith('*');
      const name = sequence ? param.slice(1) : param;
      if (sequence && name === spec.varargs) rest = rest.map((v) => partOf(v, which));
      const value = named.get(name);
      if (value === undefined) continue;
      named.set(name, sequence && !isArray(value) ? sequenceParts(value, which) : partOf(value, which));
    }
    return { ...args, named, rest };
  };
  return combine(spec.call(parts('re'), ctx), spec.call(parts('im'), ctx));
}

function partOf(value: Value, which: 're' | 'im'): Value {
  const a = toArray(value);
  return which === 're' ? realPart(a) : imagPart(a);
}

function sequenceParts(value: Value, which: 're' | 'im'): Value {
  if (!isArray(value) && (value.kind === 'list' || value.kind === 'tuple')) {
    const items = value.items.map((item) => partOf(item, which));
    return value.kind === 'list' ? newList(items) : { kind: 'tuple', items };
  }
  return partOf(value, which);
}

/** The complex result from the two parts' results (arrays, or lists and tuples of them). */
function combine(re: Value, im: Value): Value {
  if (isArray(re) && isArray(im)) {
    const dtype = complexDType(re.dtype);
    return complexArray(re.data.slice(), im.data.slice(), re.shape, dtype);
  }
  if (!isArray(re) && !isArray(im) && (re.kind === 'list' || re.kind === 'tuple') && re.kind === im.kind) {
    const items = re.items.map((item, i) => combine(item, im.items[i]));
    return re.kind === 'list' ? newList(items) : { kind: 'tuple', items };
  }
  throw new Error('internal: a complex built-in gave parts of different kinds');
}

/** A reduction's axes and keepdims. */
function reductionAxes(args: BoundArgs): { axis: number | number[] | null; keepdims: boolean } {
  const keepdims = optional(args, 'keepdims');
  return {
    axis: toAxis(optional(args, 'axis')),
    keepdims: keepdims !== undefined && toBool(keepdims, 'keepdims'),
  };
}

function refuseKeywords(args: BoundArgs, name: string, allowed: readonly string[]): void {
  for (const key of args.named.keys()) {
    if (!allowed.includes(key) && args.named.get(key) !== undefined) {
      throw new MatError(
        `np.${name}(..., ${key}=) of complex numbers is not supported yet`,
        'NotImplementedError',
      );
    }
  }
}

/** NumPy's complex sum of `a` over the call's axes: each part summed with the complex loop's own pairwise grouping. */
function partSums(args: BoundArgs, name: string): { a: NDArray; re: NDArray; im: NDArray } {
  refuseKeywords(args, name, ['a', 'axis', 'keepdims']);
  const a = toArray(required(args, 'a'), 'a');
  const { axis, keepdims } = reductionAxes(args);
  return {
    a,
    re: sumComplexPart(realPart(a), axis, keepdims),
    im: sumComplexPart(imagPart(a), axis, keepdims),
  };
}

function complexSum(args: BoundArgs): Value {
  const { a, re, im } = partSums(args, 'sum');
  return complexArray(re.data, im.data, re.shape, complexDType(a.dtype));
}

/** NumPy's complex mean: the sum divided by the count, which NumPy's complex division does as a product with 1/n. */
function complexMean(args: BoundArgs): Value {
  const { a, re, im } = partSums(args, 'mean');
  const count = a.size / Math.max(re.size, 1);
  const scale = 1 / (re.size === 0 ? 0 : count);
  for (let i = 0; i < re.size; i++) {
    const [x, y] = [re.data[i], im.data[i]];
    re.data[i] = (x + y * 0) * scale;
    im.data[i] = (y - x * 0) * scale;
  }
  return complexArray(re.data, im.data, re.shape, complexDType(a.dtype));
}

/** Products along an axis (or all elements), one complex multiplication at a time as NumPy's loop does. */
function complexProducts(args: BoundArgs, cumulative: boolean): Value {
  refuseKeywords(args, cumulative ? 'cumprod' : 'prod', ['a', 'axis', 'keepdims']);
  let a = toArray(required(args, 'a'), 'a');
  const { axis, keepdims } = reductionAxes(args);
  let axes = normalizeAxes(axis, a.ndim, true);
  if (cumulative && axis === null) {
    a = a.reshapedCopy([a.size]);
    axes = [0];
  }
  if (cumulative && axes.length !== 1)
    throw new MatError("'tuple' object cannot be interpreted as an integer", 'TypeError');
  const [re, im] = [a.data, imagPart(a).data];
  const dtype = complexDType(a.dtype);
  if (cumulative) {
    const outRe = new Float64Array(a.size);
    const outIm = new Float64Array(a.size);
    forEachLane(a, axes, (_, offsets) => {
      let acc = { re: 1, im: 0 };
      offsets.forEach((at, t) => {
        acc = t === 0 ? { re: re[at], im: im[at] } : cmul(acc, { re: re[at], im: im[at] });
        outRe[at] = acc.re;
        outIm[at] = acc.im;
      });
    });
    return complexArray(outRe, outIm, a.shape, dtype);
  }
  const outRe: number[] = [];
  const outIm: number[] = [];
  const shape = forEachLane(a, axes, (o, offsets) => {
    let acc = { re: 1, im: 0 };
    for (const at of offsets) acc = cmul(acc, { re: re[at], im: im[at] });
    outRe[o] = acc.re;
    outIm[o] = acc.im;
  });
  const outShape = keepdims ? a.shape.map((d, k) => (axes.includes(k) ? 1 : d)) : shape;
  return complexArray(Float64Array.from(outRe), Float64Array.from(outIm), outShape, dtype);
}

/** Visits each lane of `a` along the reduced `axes`: `visit(o, offsets)` with the output index and the lane's flat offsets. */
function forEachLane(
  a: NDArray,
  axes: readonly number[],
  visit: (o: number, offsets: number[]) => void,
): number[] {
  const reduced = new Set(axes);
  const strides = a.strides;
  const kept = a.shape.map((_, i) => i).filter((i) => !reduced.has(i));
  const offsetOf = (index: number, along: readonly number[]): number => {
    let off = 0;
    for (let k = along.length - 1; k >= 0; k--) {
      const d = a.shape[along[k]];
      off += (index % d) * strides[along[k]];
      index = Math.floor(index / d);
    }
    return off;
  };
  const outer = kept.reduce((p, i) => p * a.shape[i], 1);
  const inner = axes.reduce((p, i) => p * a.shape[i], 1);
  for (let o = 0; o < outer; o++) {
    if ((o & 1023) === 1023) checkDeadline();
    const base = offsetOf(o, kept);
    visit(
      o,
      Array.from({ length: inner }, (_, t) => base + offsetOf(t, axes)),
    );
  }
  return kept.map((i) => a.shape[i]);
}

const isNan = (re: number, im: number) => Number.isNaN(re) || Number.isNaN(im);

/** NumPy's complex max/min: lexicographic order, a nan in either part winning (as its maximum loop propagates it). */
function complexExtreme(args: BoundArgs, kind: 'max' | 'min'): Value {
  refuseKeywords(args, kind, ['a', 'axis', 'keepdims']);
  const a = toArray(required(args, 'a'), 'a');
  const { axis, keepdims } = reductionAxes(args);
  const axes = normalizeAxes(axis, a.ndim, true);
  if (a.size === 0 || axes.some((i) => a.shape[i] === 0)) {
    throw new MatError(
      `zero-size array to reduction operation ${kind === 'max' ? 'maximum' : 'minimum'} which has no identity`,
    );
  }
  const [re, im] = [a.data, a.imag];
  const outRe: number[] = [];
  const outIm: number[] = [];
  const shape = forEachLane(a, axes, (o, offsets) => {
    let [r, i] = [re[offsets[0]], im[offsets[0]]];
    for (const at of offsets.slice(1)) {
      if (isNan(r, i)) break;
      const [x, y] = [re[at], im[at]];
      const better = kind === 'max' ? x > r || (x === r && y > i) : x < r || (x === r && y < i);
      if (better || isNan(x, y)) [r, i] = [x, y];
    }
    outRe[o] = r;
    outIm[o] = i;
  });
  const outShape = keepdims ? a.shape.map((d, k) => (axes.includes(k) ? 1 : d)) : shape;
  return complexArray(Float64Array.from(outRe), Float64Array.from(outIm), outShape, a.dtype);
}

/** NumPy's complex argmax/argmin: the first extreme element in lexicographic order, or the first nan. */
function complexArgExtreme(args: BoundArgs, kind: 'argmax' | 'argmin'): Value {
  refuseKeywords(args, kind, ['a', 'axis', 'keepdims']);
  let a = toArray(required(args, 'a'), 'a');
  const axisValue = optional(args, 'axis');
  const keepdims = optional(args, 'keepdims');
  const keep = keepdims !== undefined && toBool(keepdims, 'keepdims');
  let axes: number[];
  if (axisValue === undefined || (!isArray(axisValue) && axisValue.kind === 'none')) {
    a = a.reshapedCopy([a.size]);
    axes = [0];
  } else axes = normalizeAxes(toAxis(axisValue), a.ndim, false);
  if (a.shape[axes[0]] === 0) throw new MatError(`attempt to get ${kind} of an empty sequence`);
  const [re, im] = [a.data, a.imag];
  const out: number[] = [];
  const shape = forEachLane(a, axes, (o, offsets) => {
    let best = 0;
    for (let t = 1; t < offsets.length; t++) {
      const [r, i] = [re[offsets[best]], im[offsets[best]]];
      const [x, y] = [re[offsets[t]], im[offsets[t]]];
      const better = kind === 'argmax' ? x > r || (x === r && y > i) : x < r || (x === r && y < i);
      if (better || isNan(x, y)) {
        best = t;
        if (isNan(x, y)) break;
      }
    }
    out[o] = best;
  });
  const outShape = keep
    ? axisValue === undefined
      ? a.shape.map(() => 1)
      : a.shape.map((d, k) => (axes.includes(k) ? 1 : d))
    : shape;
  return new NDArray(Float64Array.from(out), outShape, 'int64');
}

/**
 * `np.linalg.norm` of complex numbers: NumPy's 2-norm of the flattened array
 * (sqrt(re·re + im·im), the default), and a vector's other norms from the
 * moduli, as NumPy takes them.
 */
function complexNorm(args: BoundArgs, ctx: CallContext, spec: BuiltinSpec): Value {
  const x = toArray(required(args, 'x'), 'x');
  const ord = optional(args, 'ord');
  const axis = optional(args, 'axis');
  const none = (v: Value | undefined) => v === undefined || (!isArray(v) && v.kind === 'none');
  const keep = optional(args, 'keepdims');
  if (none(ord) && none(axis) && !(keep !== undefined && toBool(keep, 'keepdims'))) {
    const re = realPart(x).reshapedCopy([x.size]);
    const im = imagPart(x).reshapedCopy([x.size]);
    const square = binary('+', dot(re, re), dot(im, im));
    return NDArray.scalar(Math.sqrt(square.data[0]), componentDType(complexDType(x.dtype)));
  }
  if (x.ndim === 1 || (axis !== undefined && isArray(axis) && axis.ndim === 0)) {
    const named = new Map(args.named);
    named.set('x', complexAbs(x));
    return spec.call({ ...args, named }, ctx);
  }
  throw new MatError(
    'np.linalg.norm of a complex matrix is supported for the default norm only',
    'NotImplementedError',
  );
}

const OWN: Readonly<Record<string, (args: BoundArgs, ctx: CallContext, spec: BuiltinSpec) => Value>> = {
  'linalg.norm': complexNorm,
  max: (args) => complexExtreme(args, 'max'),
  amax: (args) => complexExtreme(args, 'max'),
  min: (args) => complexExtreme(args, 'min'),
  amin: (args) => complexExtreme(args, 'min'),
  argmax: (args) => complexArgExtreme(args, 'argmax'),
  argmin: (args) => complexArgExtreme(args, 'argmin'),
  sum: complexSum,
  mean: complexMean,
  prod: (args) => complexProducts(args, false),
  cumprod: (args) => complexProducts(args, true),
};
