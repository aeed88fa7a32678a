import { DTYPES } from '../dtypes';
import { MatError } from '../errors';
import { reserve } from '../limits';
import { NDArray } from '../ndarray';
import { astype, normalizeAxis, reshape, sort, take } from '../ops';
import { complexUnary } from '../ops/complexArrays';
import { noteWrite } from '../run/heap';
import { newList, toItems } from '../run/pyops';
import {
  broadcastView,
  checkWritable,
  elementSteps,
  reshapedView,
  transposedView,
  wrote,
} from '../run/views';
import { isArray, NONE, pyBool, pyComplex, pyFloat, pyInt, type Value } from '../values';
import { callNumpyBuiltin } from './call';
import { realOf } from './complex';
import { dtypeValue, optional, toArray, toDType, toInt, toShape } from './convert';
import { BUILTINS } from './index';
import { type BuiltinImpl, bindArguments, type CallContext, params } from './registry';
import { checkKth, sortInPlace } from './sorting';

type Method = (
  self: NDArray,
  positional: readonly Value[],
  keywords: ReadonlyMap<string, Value>,
  ctx: CallContext,
) => Value;

/** `a.sum(axis=0)` is `np.sum(a, axis=0)`: the array becomes the first argument. */
function viaBuiltin(name: string): Method {
  return (self, positional, keywords, ctx) => {
    const spec = BUILTINS.get(name);
    if (!spec) throw new Error(`internal: no built-in '${name}'`);
    return callNumpyBuiltin(spec, [self, ...positional], keywords, ctx);
  };
}

/** A method whose kernels know real arrays only: a complex array's call is refused rather than computed on its real parts. */
function realOnly(name: string, method: Method): Method {
  return (self, positional, keywords, ctx) => {
    if (self.im)
      throw new MatError(
        `a.${name}() of a complex array is not supported in Matrix Playground yet`,
        'NotImplementedError',
      );
    return method(self, positional, keywords, ctx);
  };
}

/**
 * A view of a 0-d ndarray is one too (a NumPy scalar's `.T` is the scalar),
 * and so is any array reshaped to `()` (`toZeroDims`).
 */
function zeroDimView(self: NDArray, view: NDArray, toZeroDims = false): NDArray {
  if (view !== self && view.ndim === 0 && (self.zeroDim || toZeroDims)) view.zeroDim = true;
  return view;
}

/** `a.reshape(2, 3)` and `a.reshape((2, 3))` both work, as in NumPy. */
function shapeArgs(positional: readonly Value[]): number[] {
  if (positional.length === 1 && !(isArray(positional[0]) && positional[0].ndim === 0))
    return toShape(positional[0]);
  return positional.map((v) => toInt(v, 'dimension'));
}

/** NumPy's C methods take no keywords there, and say so this way. */
function noKeywords(keywords: ReadonlyMap<string, Value>): void {
  for (const key of keywords.keys()) {
    throw new MatError(`'${key}' is an invalid keyword argument for this function`, 'TypeError');
  }
}

/** Methods of arrays, by name. */
export const ARRAY_METHODS: ReadonlyMap<string, Method> = new Map<string, Method>([
  ['dot', viaBuiltin('dot')],
  ['sum', viaBuiltin('sum')],
  ['prod', viaBuiltin('prod')],
  ['mean', viaBuiltin('mean')],
  ['std', viaBuiltin('std')],
  ['var', viaBuiltin('var')],
  ['max', viaBuiltin('max')],
  ['min', viaBuiltin('min')],
  ['all', viaBuiltin('all')],
  ['any', viaBuiltin('any')],
  ['argmax', viaBuiltin('argmax')],
  ['argmin', viaBuiltin('argmin')],
  ['clip', viaBuiltin('clip')],
  ['round', viaBuiltin('round')],
  ['trace', viaBuiltin('trace')],
  ['sort', sortInPlace],
  ['argsort', viaBuiltin('argsort')],
  ['nonzero', viaBuiltin('nonzero')],
  ['searchsorted', viaBuiltin('searchsorted')],
  ['cumsum', viaBuiltin('cumsum')],
  ['cumprod', viaBuiltin('cumprod')],
  ['squeeze', viaBuiltin('squeeze')],
  ['repeat', viaBuiltin('repeat')],
  ['swapaxes', viaBuiltin('swapaxes')],
  ['diagonal', viaBuiltin('diagonal')],
  [
    'reshape',
    (self, positional, keywords) => {
      noKeywords(keywords);
      // A reshape of a contiguous array shares its memory (a view), as NumPy's does.
      const shaped = reshape(self, shapeArgs(positional));
      return zeroDimView(self, reshapedView(self, shaped.shape), true);
    },
  ],
  [
    'transpose',
    (self, positional, keywords) => {
      noKeywords(keywords);
      return zeroDimView(self, transposedView(self, positional.length ? shapeArgs(positional) : undefined));
    },
  ],
  [
    'astype',
    (self, positional, keywords) => {
      const dtype = toDType(positional[0] ?? keywords.get('dtype'));
      if (!dtype) throw new MatError("astype() missing required argument 'dtype'", 'TypeError');
      const cast = astype(self, dtype);
      if (self.zeroDim) cast.zeroDim = true;
      return cast;
    },
  ],
  ['copy', (self) => self.copy()],
  ['flatten', (self) => self.reshapedCopy([self.size])],
  ['ravel', (self) => reshapedView(self, [self.size])],
  ['item', item],
  ['tolist', (self) => toList(self)],
  ['take', viaBuiltin('take')],
  ['argpartition', viaBuiltin('argpartition')],
  ['partition', realOnly('partition', partitionInPlace)],
  ['fill', realOnly('fill', fill)],
  ['put', realOnly('put', put)],
  ['compress', realOnly('compress', compress)],
  ['conj', (self) => (self.im ? complexUnary('conjugate', self) : self.copy())],
  ['conjugate', (self) => (self.im ? complexUnary('conjugate', self) : self.copy())],
  [
    'resize',
    () => {
      throw new MatError(
        'a.resize() (resizing an array in place) is not supported in .mat files: assign np.resize(a, new_shape) or a.reshape(new_shape) instead',
        'TypeError',
      );
    },
  ],
]);

/** Binds a method's arguments by its NumPy signature, for Python's messages. */
function bindMethod(
  name: string,
  names: readonly string[],
  positional: readonly Value[],
  keywords: ReadonlyMap<string, Value>,
) {
  const spec: BuiltinImpl = { name, params: params(...names), call: () => NONE };
  return bindArguments(spec, positional, keywords);
}

/** A value cast into `dtype` as NumPy's setitem casts it (truncated into ints, nonzero for bools). */
function castInto(values: NDArray, dtype: NDArray['dtype']): Float64Array {
  return values.dtype === dtype ? values.data : astype(values, dtype).data;
}

/** Writes `data` (already in place order) into `self` and tells its views. */
function writeAll(self: NDArray, update: (data: Float64Array) => void): void {
  checkWritable(self);
  noteWrite(self);
  update(self.data);
  wrote(self);
}

/** `a.fill(value)`: every element set to the value, cast to a's dtype. */
function fill(self: NDArray, positional: readonly Value[], keywords: ReadonlyMap<string, Value>): Value {
  const args = bindMethod('fill', ['value'], positional, keywords);
  const value = toArray(args.named.get('value') as Value, 'value');
  if (value.size !== 1) {
    throw new MatError('setting an array element with a sequence.', 'ValueError');
  }
  const [x] = castInto(new NDArray(value.data.slice(0, 1), [], value.dtype), self.dtype);
  writeAll(self, (data) => data.fill(x));
  return NONE;
}

/** `a.put(indices, values, mode='raise')`: flat positions set in place, values repeated as needed. */
function put(self: NDArray, positional: readonly Value[], keywords: ReadonlyMap<string, Value>): Value {
  const args = bindMethod('put', ['indices', 'values', 'mode?'], positional, keywords);
  const indices = toArray(args.named.get('indices') as Value, 'indices');
  const values = toArray(args.named.get('values') as Value, 'values');
  const modeValue = optional(args, 'mode');
  const mode = modeValue && !isArray(modeValue) && modeValue.kind === 'string' ? modeValue.value : 'raise';
  if (indices.dtype === 'float64') {
    throw new MatError(
      "Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'",
      'TypeError',
    );
  }
  const n = self.size;
  const places = Array.from(indices.data, (i) => {
    if (mode === 'wrap') return ((i % n) + n) % n;
    if (mode === 'clip') return Math.min(Math.max(i, 0), n - 1);
    if (i < -n || i >= n) {
      throw new MatError(`index ${i} is out of bounds for axis 0 with size ${n}`, 'IndexError');
    }
    return i < 0 ? i + n : i;
  });
  if (places.length === 0) return NONE;
  if (values.size === 0) return NONE;
  const v = castInto(values, self.dtype);
  writeAll(self, (data) => {
    places.forEach((at, k) => {
      data[at] = v[k % v.length];
    });
  });
  return NONE;
}

/** `a.compress(condition, axis=None)`: the slices along an axis where the condition is true. */
function compress(self: NDArray, positional: readonly Value[], keywords: ReadonlyMap<string, Value>): Value {
  const args = bindMethod('compress', ['condition', 'axis?', 'out?'], positional, keywords);
  if (optional(args, 'out') !== undefined) {
    throw new MatError(
      "compress's out= is not supported in .mat files: assign the result instead",
      'TypeError',
    );
  }
  const condition = toArray(args.named.get('condition') as Value, 'condition');
  if (condition.ndim !== 1) throw new MatError('condition must be a 1-d array');
  const axisValue = optional(args, 'axis');
  const a = axisValue === undefined ? new NDArray(self.data, [self.size], self.dtype) : self;
  const axis = axisValue === undefined ? 0 : normalizeAxis(toInt(axisValue, 'axis'), a.ndim);
  const picks: number[] = [];
  condition.data.forEach((c, i) => {
    if (c !== 0) picks.push(i);
  });
  const length = a.shape[axis];
  if (picks.length > 0 && picks[picks.length - 1] >= length) {
    throw new MatError(
      `index ${picks[picks.length - 1]} is out of bounds for axis ${axis} with size ${length}`,
      'IndexError',
    );
  }
  return take(a, new NDArray(Float64Array.from(picks), [picks.length], 'int64'), axis, 'raise');
}

/** `a.partition(kth, axis=-1)`: partitions in place (here: sorts each lane, see np.partition). */
function partitionInPlace(
  self: NDArray,
  positional: readonly Value[],
  keywords: ReadonlyMap<string, Value>,
): Value {
  const args = bindMethod('partition', ['kth', 'axis?', 'kind?', 'order?'], positional, keywords);
  const kind = optional(args, 'kind');
  if (kind && !(!isArray(kind) && kind.kind === 'string' && kind.value === 'introselect')) {
    const shown = !isArray(kind) && kind.kind === 'string' ? kind.value : '?';
    throw new MatError(`select kind must be 'introselect' (got '${shown}')`);
  }
  const axisValue = args.named.get('axis');
  if (axisValue && !isArray(axisValue) && axisValue.kind === 'none') {
    throw new MatError("'NoneType' object cannot be interpreted as an integer", 'TypeError');
  }
  const axis = normalizeAxis(axisValue ? toInt(axisValue, 'axis') : -1, self.ndim);
  checkKth(args.named.get('kth') as Value, self.shape[axis]);
  checkWritable(self, 'partition array');
  const sorted = sort(self, axis);
  writeAll(self, (data) => data.set(sorted.data));
  return NONE;
}

/** `a.item()`, `a.item(i)` (a flat index), `a.item(i, j, …)` or `a.item((i, j))`. */
function item(self: NDArray, positional: readonly Value[]): Value {
  let indices = positional;
  if (indices.length === 1 && !isArray(indices[0]) && indices[0].kind === 'tuple') {
    indices = toItems(indices[0]);
  }
  if (indices.length === 0) {
    if (self.size !== 1)
      throw new MatError('can only convert an array of size 1 to a Python scalar', 'ValueError');
    return pythonItem(self, 0);
  }
  if (indices.length === 1) {
    const i = toInt(indices[0], 'index');
    const n = self.size;
    if (i < -n || i >= n) throw new MatError(`index ${i} is out of bounds for size ${n}`, 'IndexError');
    return pythonItem(self, i < 0 ? i + n : i);
  }
  if (indices.length !== self.ndim) throw new MatError('incorrect number of indices for array', 'ValueError');
  let at = 0;
  indices.forEach((value, axis) => {
    const i = toInt(value, 'index');
    const d = self.shape[axis];
    if (i < -d || i >= d) {
      throw new MatError(`index ${i} is out of bounds for axis ${axis} with size ${d}`, 'IndexError');
    }
    at = at * d + (i < 0 ? i + d : i);
  });
  return pythonItem(self, at);
}

/** Element `at` of `a` as a Python number (a complex array's as a Python complex). */
function pythonItem(a: NDArray, at: number): Value {
  return a.im ? pyComplex(a.data[at], a.imag[at]) : pythonScalar(a.data[at], a.dtype);
}

function pythonScalar(x: number, dtype: NDArray['dtype']): Value {
  return dtype === 'bool' ? pyBool(x !== 0) : dtype === 'int64' ? pyInt(x) : pyFloat(x);
}

/** `a.tolist()`: nested Python lists of Python scalars (a 0-d array gives its scalar). */
function toList(a: NDArray): Value {
  reserve(a.size);
  let at = 0;
  const build = (axis: number): Value => {
    if (axis === a.ndim) return pythonItem(a, at++);
    const items: Value[] = [];
    for (let i = 0; i < a.shape[axis]; i++) items.push(build(axis + 1));
    return newList(items);
  };
  return build(0);
}

function itemSize(a: NDArray): number {
  return DTYPES[a.dtype].itemsize;
}

/** Attributes of arrays that are values, not methods. */
export function arrayAttribute(self: NDArray, name: string): Value | undefined {
  switch (name) {
    case 'T':
      return zeroDimView(self, transposedView(self));
    case 'shape':
      return { kind: 'tuple', items: self.shape.map((d) => pyInt(d)) };
    case 'ndim':
      return pyInt(self.ndim);
    case 'size':
      return pyInt(self.size);
    case 'dtype':
      return dtypeValue(self.dtype);
    case 'itemsize':
      return pyInt(itemSize(self));
    case 'nbytes':
      return pyInt(self.size * itemSize(self));
    case 'strides':
      return { kind: 'tuple', items: elementSteps(self).map((s) => pyInt(s * itemSize(self))) };
    case 'real':
      // A real array's real part is the array itself, as NumPy returns it.
      return realOf(self);
    case 'imag': {
      if (self.im) return self.im;
      // A real array's imaginary part: zeros NumPy will not let you write.
      const zeros = new NDArray(new Float64Array(self.size), self.shape, self.dtype);
      return broadcastView(zeros, self.shape);
    }
    case 'flat':
      // The elements in row-major order, as a 1-D view (NumPy's flatiter indexes and iterates so).
      return reshapedView(self, [self.size]);
    default:
      return ARRAY_METHODS.has(name) ? { kind: 'method', self, name } : undefined;
  }
}
