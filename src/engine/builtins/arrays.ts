import { MatError } from '../errors';
import { NDArray } from '../ndarray';
import {
  arange,
  astype,
  concatenate,
  eye,
  full,
  hstack,
  identity,
  linspace,
  ones,
  ravel,
  reshape,
  stack,
  vstack,
  zeros,
} from '../ops';
import { mayShareMemory, reshapedView, sharesMemory, transposedView } from '../run/views';
import { isArray, pyBool, pyInt, type Value } from '../values';
import { optional, required, toArray, toArrayAs, toBool, toDType, toInt, toNumber, toShape } from './convert';
import { type BuiltinImpl, params } from './registry';

/** A sequence of arrays (`(a, b)`, `[a, b]`, or an array's rows), as NumPy's joining functions take. */
export function arrayList(value: Value, what: string): NDArray[] {
  if (!isArray(value) && (value.kind === 'tuple' || value.kind === 'list')) {
    return value.items.map((item) => toArray(item, what));
  }
  const array = toArray(value, what);
  if (array.ndim === 0) throw new MatError('zero-dimensional arrays cannot be concatenated', 'ValueError');
  // A list literal of arrays arrives stacked: split it back along its first axis.
  const rowSize = array.size / array.shape[0];
  const rows: NDArray[] = [];
  for (let i = 0; i < array.shape[0]; i++) {
    rows.push(
      new NDArray(array.data.slice(i * rowSize, (i + 1) * rowSize), array.shape.slice(1), array.dtype),
    );
  }
  return rows;
}

function filled(name: string, value: 0 | 1): BuiltinImpl {
  return {
    name,
    params: params('shape', 'dtype?'),
    call: (args) =>
      (value === 0 ? zeros : ones)(
        toShape(required(args, 'shape')),
        toDType(optional(args, 'dtype')) ?? 'float64',
      ),
  };
}

function filledLike(name: string, value: 0 | 1): BuiltinImpl {
  return {
    name,
    params: params('a', 'dtype?'),
    call: (args) => {
      const a = toArray(required(args, 'a'), 'a');
      return (value === 0 ? zeros : ones)(a.shape, toDType(optional(args, 'dtype')) ?? a.dtype);
    },
  };
}

/** Creating arrays and changing their shape. */
export const ARRAY_BUILTINS: readonly BuiltinImpl[] = [
  {
    name: 'array',
    params: params('object', 'dtype?'),
    call: (args) => {
      const dtype = toDType(optional(args, 'dtype'));
      return dtype
        ? toArrayAs(required(args, 'object'), dtype, 'object')
        : toArray(required(args, 'object'), 'object');
    },
  },
  {
    name: 'asarray',
    params: params('a', 'dtype?'),
    call: (args) => {
      const dtype = toDType(optional(args, 'dtype'));
      return dtype ? toArrayAs(required(args, 'a'), dtype, 'a') : toArray(required(args, 'a'), 'a');
    },
  },
  {
    name: 'copy',
    params: params('a'),
    call: (args) => {
      const a = toArray(required(args, 'a'), 'a');
      return a.copy();
    },
  },
  filled('zeros', 0),
  filled('ones', 1),
  filledLike('zeros_like', 0),
  filledLike('ones_like', 1),
  {
    name: 'full',
    params: params('shape', 'fill_value', 'dtype?'),
    call: (args) =>
      full(
        toShape(required(args, 'shape')),
        toArray(required(args, 'fill_value'), 'fill_value'),
        toDType(optional(args, 'dtype')),
      ),
  },
  {
    name: 'eye',
    params: params('N', 'M?', 'k?', 'dtype?'),
    call: (args) => {
      const m = optional(args, 'M');
      const k = optional(args, 'k');
      return eye(
        toInt(required(args, 'N'), 'N'),
        m ? toInt(m, 'M') : undefined,
        k ? toInt(k, 'k') : 0,
        toDType(optional(args, 'dtype')) ?? 'float64',
      );
    },
  },
  {
    name: 'identity',
    params: params('n', 'dtype?'),
    call: (args) => {
      const n = toInt(required(args, 'n'), 'n');
      const dtype = toDType(optional(args, 'dtype'));
      return dtype ? astype(identity(n), dtype) : identity(n);
    },
  },
  {
    name: 'arange',
    params: params('start?', 'stop?', 'step?', 'dtype?'),
    call: (args) => {
      let start = optional(args, 'start');
      let stop = optional(args, 'stop');
      const step = optional(args, 'step');
      if (start === undefined && stop === undefined) {
        throw new MatError('arange() requires stop to be specified.', 'TypeError');
      }
      // arange(stop=4) counts from 0, like arange(4).
      if (start === undefined) [start, stop] = [stop as Value, undefined];
      return arange(
        toArray(start, 'start'),
        stop ? toArray(stop, 'stop') : undefined,
        step ? toArray(step, 'step') : undefined,
        toDType(optional(args, 'dtype')),
      );
    },
  },
  {
    name: 'linspace',
    params: params('start', 'stop', 'num?', 'endpoint?', 'retstep?', 'dtype?'),
    call: (args) => {
      const num = optional(args, 'num');
      const endpoint = optional(args, 'endpoint');
      const start = toNumber(required(args, 'start'), 'start');
      const stop = toNumber(required(args, 'stop'), 'stop');
      const count = num ? toInt(num, 'num') : 50;
      const closed = endpoint ? toBool(endpoint) : true;
      const samples = linspace(start, stop, count, closed, toDType(optional(args, 'dtype')));
      const retstep = optional(args, 'retstep');
      if (!retstep || !toBool(retstep)) return samples;
      // NumPy's step: (stop - start) / div, nan when there are no intervals.
      const div = closed ? count - 1 : count;
      const step = div > 0 ? (stop - start) / div : Number.NaN;
      return { kind: 'tuple', items: [samples, NDArray.scalar(step, 'float64')] };
    },
  },
  {
    name: 'reshape',
    params: params('a', 'shape?', '*newshape?'),
    call: (args) => {
      const shape = optional(args, 'shape') ?? optional(args, 'newshape');
      if (!shape) throw new MatError("reshape() missing required argument 'shape'", 'TypeError');
      const input = required(args, 'a');
      const a = toArray(input, 'a');
      const shaped = reshape(a, toShape(shape));
      // An array's reshape shares its memory (a view); a list's is a new array.
      return a === input ? reshapedView(a, shaped.shape) : shaped;
    },
  },
  {
    name: 'transpose',
    params: params('a', 'axes?'),
    call: (args) => {
      const axes = optional(args, 'axes');
      return transposedView(toArray(required(args, 'a'), 'a'), axes ? toShape(axes) : undefined);
    },
  },
  {
    name: 'ravel',
    params: params('a'),
    call: (args) => {
      const input = required(args, 'a');
      const a = toArray(input, 'a');
      return a === input ? reshapedView(a, [a.size]) : ravel(a);
    },
  },
  {
    name: 'shares_memory',
    params: params('a', 'b'),
    call: (args) =>
      pyBool(sharesMemory(toArray(required(args, 'a'), 'a'), toArray(required(args, 'b'), 'b'))),
  },
  {
    name: 'may_share_memory',
    params: params('a', 'b'),
    call: (args) =>
      pyBool(mayShareMemory(toArray(required(args, 'a'), 'a'), toArray(required(args, 'b'), 'b'))),
  },
  {
    name: 'concatenate',
    params: params('arrays', 'axis?'),
    call: (args) => {
      // axis=None joins the flattened arrays; an absent axis is 0.
      const axis = args.named.get('axis');
      const flat = axis !== undefined && !isArray(axis) && axis.kind === 'none';
      return concatenate(
        arrayList(required(args, 'arrays'), 'arrays'),
        flat ? null : axis ? toInt(axis, 'axis') : 0,
      );
    },
  },
  {
    name: 'stack',
    params: params('arrays', 'axis?'),
    call: (args) => {
      const axis = optional(args, 'axis');
      return stack(arrayList(required(args, 'arrays'), 'arrays'), axis ? toInt(axis, 'axis') : 0);
    },
  },
  {
    name: 'vstack',
    params: params('tup'),
    call: (args) => vstack(arrayList(required(args, 'tup'), 'tup')),
  },
  {
    name: 'hstack',
    params: params('tup'),
    call: (args) => hstack(arrayList(required(args, 'tup'), 'tup')),
  },
  {
    name: 'shape',
    params: params('a'),
    call: (args) => ({
      kind: 'tuple',
      items: toArray(required(args, 'a'), 'a').shape.map((d) => pyInt(d)),
    }),
  },
];
