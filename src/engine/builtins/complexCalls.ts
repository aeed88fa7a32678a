import { complexDType } from '../dtypes';
import { MatError } from '../errors';
import { complexArray, imagPart, realPart } from '../ops/complexArrays';
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

const NATIVE: ReadonlySet<string> = new Set([
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
  'exp',
  'log',
  'sqrt',
  'square',
  'reciprocal',
  'sign',
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
  'conjugate',
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
  const own = OWN[spec.name];
  if (own) return own(args);
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

/** NumPy's complex sum: each part summed with the complex loop's own pairwise grouping. */
function complexSum(args: BoundArgs): Value {
  refuseKeywords(args, 'sum', ['a', 'axis', 'keepdims']);
  const a = toArray(required(args, 'a'), 'a');
  const { axis, keepdims } = reductionAxes(args);
  const re = sumComplexPart(realPart(a), axis, keepdims);
  const im = sumComplexPart(imagPart(a), axis, keepdims);
  return complexArray(re.data, im.data, re.shape, complexDType(a.dtype));
}

/** NumPy's complex mean: the sum divided by the count, which NumPy's complex division does as a product with 1/n. */
function complexMean(args: BoundArgs): Value {
  refuseKeywords(args, 'mean', ['a', 'axis', 'keepdims']);
  const a = toArray(required(args, 'a'), 'a');
  const { axis, keepdims } = reductionAxes(args);
  const re = sumComplexPart(realPart(a), axis, keepdims);
  const im = sumComplexPart(imagPart(a), axis, keepdims);
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
  const reduced = new Set(axes);
  const shape = a.shape;
  const strides = a.strides;
  const keptAxes = shape.map((_, i) => i).filter((i) => !reduced.has(i));
  const keptShape = keptAxes.map((i) => shape[i]);
  const redAxes = axes;
  const outerCount = keptShape.reduce((p, d) => p * d, 1);
  const innerCount = redAxes.reduce((p, i) => p * shape[i], 1);
  const re = a.data;
  const im = imagPart(a).data;
  const offsetOf = (index: number, axesList: readonly number[]): number => {
    let off = 0;
    for (let k = axesList.length - 1; k >= 0; k--) {
      const d = shape[axesList[k]];
      off += (index % d) * strides[axesList[k]];
      index = Math.floor(index / d);
    }
    return off;
  };
  if (cumulative) {
    const outRe = new Float64Array(a.size);
    const outIm = new Float64Array(a.size);
    for (let o = 0; o < outerCount; o++) {
      const base = offsetOf(o, keptAxes);
      let acc = { re: 1, im: 0 };
      for (let t = 0; t < innerCount; t++) {
        const at = base + offsetOf(t, redAxes);
        acc = t === 0 ? { re: re[at], im: im[at] } : cmul(acc, { re: re[at], im: im[at] });
        outRe[at] = acc.re;
        outIm[at] = acc.im;
      }
    }
    return complexArray(outRe, outIm, shape, complexDType(a.dtype));
  }
  const outRe = new Float64Array(outerCount);
  const outIm = new Float64Array(outerCount);
  for (let o = 0; o < outerCount; o++) {
    const base = offsetOf(o, keptAxes);
    let acc = { re: 1, im: 0 };
    for (let t = 0; t < innerCount; t++) {
      const at = base + offsetOf(t, redAxes);
      acc = cmul(acc, { re: re[at], im: im[at] });
    }
    outRe[o] = acc.re;
    outIm[o] = acc.im;
  }
  const outShape = keepdims ? shape.map((d, i) => (reduced.has(i) ? 1 : d)) : keptShape;
  return complexArray(outRe, outIm, outShape, complexDType(a.dtype));
}

const OWN: Readonly<Record<string, (args: BoundArgs) => Value>> = {
  sum: complexSum,
  mean: complexMean,
  prod: (args) => complexProducts(args, false),
  cumprod: (args) => complexProducts(args, true),
};
