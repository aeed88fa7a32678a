import { MatError } from '../errors';
import { reserve } from '../limits';
import { NDArray } from '../ndarray';
import { astype, reshape } from '../ops';
import { newList } from '../run/pyops';
import { reshapedView, transposedView } from '../run/views';
import { isArray, pyBool, pyFloat, pyInt, type Value } from '../values';
import { dtypeValue, toDType, toInt, toShape } from './convert';
import { BUILTINS } from './index';
import { bindArguments, type CallContext } from './registry';
import { sortInPlace } from './sorting';

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
    return spec.call(bindArguments(spec, [self, ...positional], keywords), ctx);
  };
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
      return reshapedView(self, shaped.shape);
    },
  ],
  [
    'transpose',
    (self, positional, keywords) => {
      noKeywords(keywords);
      return transposedView(self, positional.length ? shapeArgs(positional) : undefined);
    },
  ],
  [
    'astype',
    (self, positional, keywords) => {
      const dtype = toDType(positional[0] ?? keywords.get('dtype'));
      if (!dtype) throw new MatError("astype() missing required argument 'dtype'", 'TypeError');
      return astype(self, dtype);
    },
  ],
  ['copy', (self) => new NDArray(self.data.slice(), self.shape, self.dtype)],
  ['flatten', (self) => new NDArray(self.data.slice(), [self.size], self.dtype)],
  ['ravel', (self) => reshapedView(self, [self.size])],
  [
    'item',
    (self) => {
      if (self.size !== 1)
        throw new MatError('can only convert an array of size 1 to a Python scalar', 'ValueError');
      return pythonScalar(self.data[0], self.dtype);
    },
  ],
  ['tolist', (self) => toList(self)],
]);

function pythonScalar(x: number, dtype: NDArray['dtype']): Value {
  return dtype === 'bool' ? pyBool(x !== 0) : dtype === 'int64' ? pyInt(x) : pyFloat(x);
}

/** `a.tolist()`: nested Python lists of Python scalars (a 0-d array gives its scalar). */
function toList(a: NDArray): Value {
  const data = a.data;
  reserve(a.size);
  let at = 0;
  const build = (axis: number): Value => {
    if (axis === a.ndim) return pythonScalar(data[at++], a.dtype);
    const items: Value[] = [];
    for (let i = 0; i < a.shape[axis]; i++) items.push(build(axis + 1));
    return newList(items);
  };
  return build(0);
}

/** Attributes of arrays that are values, not methods. */
export function arrayAttribute(self: NDArray, name: string): Value | undefined {
  switch (name) {
    case 'T':
      return transposedView(self);
    case 'shape':
      return { kind: 'tuple', items: self.shape.map((d) => pyInt(d)) };
    case 'ndim':
      return pyInt(self.ndim);
    case 'size':
      return pyInt(self.size);
    case 'dtype':
      return dtypeValue(self.dtype);
    default:
      return ARRAY_METHODS.has(name) ? { kind: 'method', self, name } : undefined;
  }
}
