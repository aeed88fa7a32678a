import { DTYPES, isFloatDType, roundInto } from '../dtypes';
import { MatError } from '../errors';
import { allocate } from '../limits';
import { NDArray } from '../ndarray';
import {
  argsort,
  argwhere,
  arrayEqual,
  binary,
  broadcastTo,
  checkSortKind,
  concatenate,
  cumulate,
  diff,
  flatnonzero,
  isclose,
  isfinite,
  isinf,
  isnan,
  nanToNum,
  nonzero,
  normalizeAxis,
  reduce,
  searchsorted,
  sort,
  unique,
  uniqueAlong,
} from '../ops';
import { noteWrite } from '../run/heap';
import { checkWritable, wrote } from '../run/views';
import { isArray, NONE, pyBool, typeName, type Value } from '../values';
import { optional, required, toArray, toAxis, toBool, toDType, toInt, toNumber } from './convert';
import { accumulationOut, outArgument } from './out';
import { type BoundArgs, type BuiltinImpl, bindArguments, params } from './registry';

/** A string argument (`kind=`, `side=`), or undefined when absent or None. */
function toText(value: Value | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isArray(value) && value.kind === 'string') return value.value;
  throw new MatError(`${what} must be a string, not ${typeName(value)}`, 'TypeError');
}

/** An `axis=` that must be one int or None (sort, cumsum: a tuple is refused as NumPy refuses it). */
function singleAxis(value: Value | undefined): number | null {
  const axis = toAxis(value);
  if (Array.isArray(axis))
    throw new MatError("'tuple' object cannot be interpreted as an integer", 'TypeError');
  return axis;
}

/** `axis` of sort/argsort: -1 when absent, None when passed as None. */
function sortAxis(args: BoundArgs): number | null {
  return args.named.has('axis') ? singleAxis(optional(args, 'axis')) : -1;
}

function tupleOf(items: Value[]): Value {
  return { kind: 'tuple', items };
}

/** A bool predicate ufunc (`isnan`): a Python scalar gives a NumPy bool scalar, as NumPy's ufuncs do. */
function predicate(name: string, fn: (a: NDArray) => NDArray): BuiltinImpl {
  return { name, params: params('x'), call: (args) => fn(toArray(required(args, 'x'), 'x')) };
}

function cumulative(name: 'cumsum' | 'cumprod'): BuiltinImpl {
  return {
    name,
    params: params('a', 'axis?', 'dtype?', 'out?'),
    call: (args) => {
      const out = outArgument(args);
      const result = cumulate(
        name === 'cumsum' ? 'sum' : 'prod',
        toArray(required(args, 'a'), 'a'),
        singleAxis(optional(args, 'axis')),
        toDType(optional(args, 'dtype')),
      );
      return accumulationOut(result, out);
    },
  };
}

/** `isclose`'s arguments, shared with `allclose`. */
function closeness(args: BoundArgs): NDArray {
  const rtol = optional(args, 'rtol');
  const atol = optional(args, 'atol');
  const equalNan = optional(args, 'equal_nan');
  return isclose(
    toArray(required(args, 'a'), 'a'),
    toArray(required(args, 'b'), 'b'),
    rtol ? toNumber(rtol, 'rtol') : 1e-5,
    atol ? toNumber(atol, 'atol') : 1e-8,
    equalNan ? toBool(equalNan) : false,
  );
}

const MAX_FLOAT = Number.MAX_VALUE;

/**
 * `np.partition`/`np.argpartition`: the kth indices checked as NumPy checks
 * them, then the lanes fully sorted (argsort stably). NumPy's own order of
 * the other elements comes from its selection kernel: for one kth on this
 * kind of x86 machine (AVX-512) that is a sorting network, which sorts
 * lanes of up to 256 elements fully, so the results agree there; for
 * longer lanes or several kths NumPy's order differs (still a partition).
 */
function partitioned(name: 'partition' | 'argpartition', args: BoundArgs): NDArray {
  let a = toArray(required(args, 'a'), 'a');
  const kind = toText(optional(args, 'kind'), 'kind') ?? 'introselect';
  if (kind !== 'introselect') throw new MatError(`select kind must be 'introselect' (got '${kind}')`);
  let axis = args.named.has('axis') ? singleAxis(optional(args, 'axis')) : -1;
  if (axis === null) {
    a = new NDArray(a.data, [a.size], a.dtype);
    axis = -1;
  }
  const ax = normalizeAxis(axis, a.ndim);
  checkKth(required(args, 'kth'), a.shape[ax]);
  return name === 'partition' ? sort(a, ax) : argsort(a, ax);
}

/** NumPy's checks of `kth`: integers (one or a sequence), each within the axis. */
export function checkKth(value: Value, n: number): void {
  const kth = toArray(value, 'kth');
  if (isFloatDType(kth.dtype)) throw new MatError('Partition index must be integer', 'TypeError');
  if (kth.ndim > 1) throw new MatError('kth array must have dimension <= 1');
  for (const k of kth.data) {
    if (k < -n || k >= n) throw new MatError(`kth(=${k < 0 ? k + n : k}) out of bounds (${n})`);
  }
}

/** Sorting, searching, counting and comparing arrays; their catalog entries are in ./sortingCatalog.ts. */
export const SORTING_BUILTINS: readonly BuiltinImpl[] = [
  {
    name: 'sort',
    params: params('a', 'axis?', 'kind?', 'order?', '*stable?'),
    call: (args) => {
      checkSortKind(toText(optional(args, 'kind'), 'kind'));
      return sort(toArray(required(args, 'a'), 'a'), sortAxis(args));
    },
  },
  {
    name: 'argsort',
    params: params('a', 'axis?', 'kind?', 'order?', '*stable?'),
    call: (args) => {
      // NumPy's argsort does not check kind= (sort does).
      return argsort(toArray(required(args, 'a'), 'a'), sortAxis(args));
    },
  },
  {
    name: 'nonzero',
    params: params('a'),
    call: (args) => tupleOf(nonzero(toArray(required(args, 'a'), 'a'))),
  },
  {
    name: 'argwhere',
    params: params('a'),
    call: (args) => argwhere(toArray(required(args, 'a'), 'a')),
  },
  {
    name: 'flatnonzero',
    params: params('a'),
    call: (args) => flatnonzero(toArray(required(args, 'a'), 'a')),
  },
  {
    name: 'count_nonzero',
    params: params('a', 'axis?', '*keepdims?'),
    call: (args) => {
      const a = toArray(required(args, 'a'), 'a');
      const keep = optional(args, 'keepdims');
      const truthy = binary('!=', a, NDArray.scalar(0, 'int64'));
      return reduce('sum', truthy, toAxis(optional(args, 'axis')), keep ? toBool(keep) : false);
    },
  },
  {
    name: 'unique',
    params: params(
      'ar',
      'return_index?',
      'return_inverse?',
      'return_counts?',
      'axis?',
      '*equal_nan?',
      '*sorted?',
    ),
    call: (args) => {
      const ar = toArray(required(args, 'ar'), 'ar');
      const axis = toAxis(optional(args, 'axis'));
      if (Array.isArray(axis)) {
        throw new MatError("'tuple' object cannot be interpreted as an integer", 'TypeError');
      }
      const equalNan = optional(args, 'equal_nan');
      if (equalNan && !toBool(equalNan)) {
        throw new MatError('unique(..., equal_nan=False) is not supported here', 'ValueError');
      }
      const flag = (name: string) => {
        const value = optional(args, name);
        return value ? toBool(value) : false;
      };
      const result = axis === null ? unique(ar) : uniqueAlong(ar, axis);
      const parts: NDArray[] = [result.values];
      if (flag('return_index')) parts.push(result.index);
      if (flag('return_inverse')) parts.push(result.inverse);
      if (flag('return_counts')) parts.push(result.counts);
      return parts.length === 1 ? parts[0] : tupleOf(parts);
    },
  },
  {
    name: 'searchsorted',
    params: params('a', 'v', 'side?', 'sorter?'),
    call: (args) => {
      const side = toText(optional(args, 'side'), 'side') ?? 'left';
      if (side !== 'left' && side !== 'right') {
        throw new MatError(`search side must be 'left' or 'right' (got '${side}')`, 'ValueError');
      }
      const sorter = optional(args, 'sorter');
      return searchsorted(
        toArray(required(args, 'a'), 'a'),
        toArray(required(args, 'v'), 'v'),
        side,
        sorter ? toArray(sorter, 'sorter') : null,
      );
    },
  },
  predicate('isnan', isnan),
  predicate('isinf', isinf),
  predicate('isfinite', isfinite),
  {
    name: 'isclose',
    params: params('a', 'b', 'rtol?', 'atol?', 'equal_nan?'),
    call: (args) => closeness(args),
  },
  {
    name: 'allclose',
    params: params('a', 'b', 'rtol?', 'atol?', 'equal_nan?'),
    call: (args) => pyBool(closeness(args).data.every((v) => v !== 0)),
  },
  {
    name: 'array_equal',
    params: params('a1', 'a2', 'equal_nan?'),
    call: (args) => {
      const equalNan = optional(args, 'equal_nan');
      return pyBool(
        arrayEqual(
          toArray(required(args, 'a1'), 'a1'),
          toArray(required(args, 'a2'), 'a2'),
          equalNan ? toBool(equalNan) : false,
        ),
      );
    },
  },
  {
    name: 'nan_to_num',
    params: params('x', 'copy?', 'nan?', 'posinf?', 'neginf?'),
    call: (args) => {
      const x = toArray(required(args, 'x'), 'x');
      const copyArg = optional(args, 'copy');
      const inPlace = copyArg !== undefined && !toBool(copyArg) && x.ndim > 0;
      const number = (name: string, fallback: number) => {
        const value = optional(args, name);
        return value ? toNumber(value, name) : fallback;
      };
      const nan = number('nan', 0);
      // The defaults are the dtype's largest finite values (np.finfo(float32).max for float32).
      const largest = isFloatDType(x.dtype) ? DTYPES[x.dtype].max : MAX_FLOAT;
      const posinf = number('posinf', largest);
      const neginf = number('neginf', -largest);
      // Only floats hold nan and inf: other dtypes come back as they are (copied unless copy=False).
      if (!isFloatDType(x.dtype)) return inPlace ? x : x.copy();
      if (inPlace) {
        checkWritable(x);
        noteWrite(x);
        nanToNum(x.data, x.data, nan, posinf, neginf);
        roundInto(x.data, x.dtype);
        wrote(x);
        return x;
      }
      const out = allocate(x.size);
      nanToNum(x.data, out, nan, posinf, neginf);
      return new NDArray(roundInto(out, x.dtype), x.shape, x.dtype);
    },
  },
  {
    name: 'partition',
    params: params('a', 'kth', 'axis?', 'kind?', 'order?'),
    call: (args) => partitioned('partition', args),
  },
  {
    name: 'argpartition',
    params: params('a', 'kth', 'axis?', 'kind?', 'order?'),
    call: (args) => partitioned('argpartition', args),
  },
  cumulative('cumsum'),
  cumulative('cumprod'),
  {
    name: 'diff',
    params: params('a', 'n?', 'axis?', 'prepend?', 'append?'),
    call: (args) => {
      const n = optional(args, 'n');
      const order = n ? toInt(n, 'n') : 1;
      const axisArg = optional(args, 'axis');
      const axis = axisArg ? toInt(axisArg, 'axis') : -1;
      let a = toArray(required(args, 'a'), 'a');
      if (order === 0) return a;
      const prepend = optional(args, 'prepend');
      const append = optional(args, 'append');
      if (prepend || append) {
        if (a.ndim === 0) {
          throw new MatError('diff requires input that is at least one dimensional', 'ValueError');
        }
        const ax = normalizeAxis(axis, a.ndim);
        // A scalar is repeated along the axis once, as NumPy's broadcast_to does.
        const edge = (value: Value) => {
          const array = toArray(value);
          return array.ndim === 0
            ? broadcastTo(
                array,
                a.shape.map((d, i) => (i === ax ? 1 : d)),
              )
            : array;
        };
        const parts = [...(prepend ? [edge(prepend)] : []), a, ...(append ? [edge(append)] : [])];
        a = concatenate(parts, ax);
      }
      return diff(a, order, axis);
    },
  },
];

/** `a.sort(axis=-1, kind=None)`'s parameters: bound as a built-in's, for Python's messages. */
const SORT_METHOD: BuiltinImpl = {
  name: 'sort',
  params: params('axis?', 'kind?', 'order?', '*stable?'),
  call: () => NONE,
};

/** `a.sort()`: sorts the array in place (views of it see the change) and returns None. */
export function sortInPlace(
  self: NDArray,
  positional: readonly Value[],
  keywords: ReadonlyMap<string, Value>,
): Value {
  const args = bindArguments(SORT_METHOD, positional, keywords);
  checkSortKind(toText(optional(args, 'kind'), 'kind'));
  const axis = args.named.get('axis');
  // ndarray.sort takes no axis=None (np.sort does).
  if (axis && !isArray(axis) && axis.kind === 'none') {
    throw new MatError("'NoneType' object cannot be interpreted as an integer", 'TypeError');
  }
  checkWritable(self, 'sort array');
  const sorted = sort(self, axis ? toInt(axis, 'axis') : -1);
  noteWrite(self);
  self.data.set(sorted.data);
  if (self.im) self.imag.set(sorted.imag);
  wrote(self);
  return NONE;
}
