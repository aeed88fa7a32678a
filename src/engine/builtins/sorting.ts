import { canCastSameKind, DTYPES, isFloatDType, isIntegerDType, resultType, roundInto } from '../dtypes';
import { MatError } from '../errors';
import { allocate } from '../limits';
import { NDArray } from '../ndarray';
import {
  argsort,
  argwhere,
  arrayEqual,
  astype,
  binary,
  broadcastShapesMany,
  broadcastTo,
  checkSortKind,
  compareNumbers,
  concatenate,
  cumulate,
  diff,
  flatnonzero,
  getIndex,
  type IndexSpec,
  isclose,
  isfinite,
  isinf,
  isnan,
  nanToNum,
  nonzero,
  normalizeAxis,
  ravel,
  reduce,
  searchsorted,
  sort,
  unique,
  uniqueAlong,
} from '../ops';
import { noteWrite } from '../run/heap';
import { checkWritable, wrote } from '../run/views';
import { isArray, NONE, pyBool, pyFloat, pyInt, typeName, type Value } from '../values';
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

/** `a` as a NumPy array rather than a weak Python number (the set functions call np.asarray first). */
function strong(a: NDArray): NDArray {
  return a.weak ? new NDArray(a.data, a.shape, a.dtype, a.im?.data) : a;
}

function flagArgument(args: BoundArgs, name: string): boolean {
  const value = optional(args, name);
  return value ? toBool(value, name) : false;
}

/** The 1-D array of the elements at `positions` of flat `a`. */
function pick(a: NDArray, positions: readonly number[], dtype = a.dtype): NDArray {
  return new NDArray(
    Float64Array.from(positions, (p) => a.data[p]),
    [positions.length],
    dtype,
  );
}

function int64Vector(values: readonly number[]): NDArray {
  return new NDArray(Float64Array.from(values), [values.length], 'int64');
}

/** `np.isin`'s membership test (NaN is in nothing, -0 equals 0); a Python set is one object, which no element equals. */
function membership(element: NDArray, test: Value, invert: boolean): NDArray {
  const members = new Set<number>();
  if (isArray(test) || test.kind !== 'set') {
    for (const v of toArray(test, 'test_elements').data) if (!Number.isNaN(v)) members.add(v);
  }
  const out = Float64Array.from(element.data, (v) => (members.has(v) !== invert ? 1 : 0));
  const result = new NDArray(out, element.shape, 'bool');
  result.zeroDim = element.ndim === 0;
  return result;
}

/** NumPy's `kind=` of isin: None, 'sort' or 'table' (integers and bools only). */
function checkIsinKind(kind: string | undefined, element: NDArray, test: Value): void {
  if (kind === undefined || kind === 'sort') return;
  if (kind !== 'table') {
    throw new MatError(`Invalid kind: '${kind}'. Please use None, 'sort' or 'table'.`);
  }
  const integral = (a: NDArray) => a.dtype === 'bool' || isIntegerDType(a.dtype);
  if (!integral(element) || (!(!isArray(test) && test.kind === 'set') && !integral(toArray(test)))) {
    throw new MatError(
      "The 'table' method is only supported for boolean or integer arrays. Please select 'sort' or None for kind.",
    );
  }
}

/** The flattened input, or its sorted distinct values unless `assume_unique` (the set functions' first step). */
function setInput(value: Value, what: string, assumeUnique: boolean): NDArray {
  const a = strong(toArray(value, what));
  return assumeUnique ? ravel(a) : unique(a).values;
}

/** `np.intersect1d`: the sorted values in both, with where they first are in each when asked. */
function intersection(args: BoundArgs): Value {
  const assumeUnique = flagArgument(args, 'assume_unique');
  const withIndices = flagArgument(args, 'return_indices');
  const a1 = strong(toArray(required(args, 'ar1'), 'ar1'));
  const a2 = strong(toArray(required(args, 'ar2'), 'ar2'));
  const u1 = assumeUnique ? { values: ravel(a1), index: null } : unique(a1);
  const u2 = assumeUnique ? { values: ravel(a2), index: null } : unique(a2);
  const joined = concatenate([u1.values, u2.values], 0);
  const order = Array.from(argsort(joined, 0).data);
  const values: number[] = [];
  const first: number[] = [];
  const second: number[] = [];
  for (let k = 0; k + 1 < order.length; k++) {
    const [p, q] = [order[k], order[k + 1]];
    if (joined.data[p] === joined.data[q]) {
      values.push(p);
      first.push(u1.index ? u1.index.data[p] : p);
      const at = q - u1.values.size;
      second.push(u2.index ? u2.index.data[at] : at);
    }
  }
  const result = pick(joined, values);
  if (!withIndices) return result;
  return tupleOf([result, int64Vector(first), int64Vector(second)]);
}

/** `np.setxor1d`: the sorted values in exactly one of the inputs (NaN, equal to nothing, stays). */
function symmetricDifference(args: BoundArgs): NDArray {
  const assumeUnique = flagArgument(args, 'assume_unique');
  const joined = concatenate(
    [
      setInput(required(args, 'ar1'), 'ar1', assumeUnique),
      setInput(required(args, 'ar2'), 'ar2', assumeUnique),
    ],
    0,
  );
  const sorted = sort(joined, 0);
  const d = sorted.data;
  const kept: number[] = [];
  for (let k = 0; k < d.length; k++) {
    const differsBefore = k === 0 || d[k] !== d[k - 1];
    const differsAfter = k === d.length - 1 || d[k] !== d[k + 1];
    if (differsBefore && differsAfter) kept.push(k);
  }
  return pick(sorted, kept);
}

/** NumPy's `_monotonicity` of digitize's bins: 1 rising (or constant), -1 falling, 0 neither. */
function monotonicity(bins: NDArray): number {
  if (bins.ndim === 0) throw new MatError('object of too small depth for desired array');
  if (bins.ndim > 1) throw new MatError('object too deep for desired array');
  // compiled_base.c's check_array_monotonic, comparison for comparison (nan compares false).
  const d = bins.data;
  if (d.length === 0) return 1;
  let i = 1;
  while (i < d.length && d[i] === d[0]) i++;
  if (i === d.length) return 1;
  const rising = d[0] < d[i];
  for (i += 1; i < d.length; i++) {
    if (rising ? d[i - 1] > d[i] : d[i - 1] < d[i]) return 0;
  }
  return rising ? 1 : -1;
}

/** `np.lexsort`: the stable order by the last key, ties broken by the key before it, and so on. */
function lexOrder(keysValue: Value, axisValue: Value | undefined): NDArray {
  let keys: NDArray[];
  if (!isArray(keysValue) && (keysValue.kind === 'list' || keysValue.kind === 'tuple')) {
    keys = keysValue.items.map((item) => strong(toArray(item, 'keys')));
  } else {
    const array = toArray(keysValue, 'keys');
    keys = array.ndim === 0 ? [array] : arrayRows(array);
  }
  if (keys.length === 0) throw new MatError('need sequence of keys with len > 0 in lexsort', 'TypeError');
  const shape = keys[0].shape;
  if (keys.some((k) => k.ndim !== shape.length || k.shape.some((d, i) => d !== shape[i]))) {
    throw new MatError('all keys need to be the same shape');
  }
  if (shape.length === 0) return NDArray.scalar(0, 'int64');
  const axis = normalizeAxis(axisValue ? toInt(axisValue, 'axis') : -1, shape.length);
  const n = shape[axis];
  let inner = 1;
  for (let i = axis + 1; i < shape.length; i++) inner *= shape[i];
  const outer = keys[0].size / Math.max(n * inner, 1);
  const out = allocate(keys[0].size);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const start = o * n * inner + i;
      const order = Array.from({ length: n }, (_, k) => k).sort((p, q) => {
        for (let key = keys.length - 1; key >= 0; key--) {
          const data = keys[key].data;
          const c = compareNumbers(data[start + p * inner], data[start + q * inner]);
          if (c !== 0) return c;
        }
        return 0;
      });
      order.forEach((k, rank) => {
        out[start + rank * inner] = k;
      });
    }
  }
  return new NDArray(out, shape, 'int64');
}

/** The sub-arrays along the first axis of an array (a 2-D array of keys: one key per row). */
function arrayRows(a: NDArray): NDArray[] {
  const rowSize = a.size / Math.max(a.shape[0], 1);
  return Array.from(
    { length: a.shape[0] },
    (_, i) => new NDArray(a.data.slice(i * rowSize, (i + 1) * rowSize), a.shape.slice(1), a.dtype),
  );
}

/** `a[start:stop]` along `axis` as a copy (`stop` null for the end). */
function along(a: NDArray, axis: number, start: number, stop: number | null): NDArray {
  const specs: IndexSpec[] = a.shape.map((_, k) =>
    k === axis
      ? { kind: 'slice', start, stop, step: null }
      : { kind: 'slice', start: null, stop: null, step: null },
  );
  return getIndex(a, specs);
}

/** `np.trapezoid`: sum(d * (y[1:] + y[:-1]) / 2.0) along the axis, d the spacing (dx, or the differences of x). */
function trapezoidal(args: BoundArgs): NDArray {
  const y = strong(toArray(required(args, 'y'), 'y'));
  const axisValue = optional(args, 'axis');
  const axisArg = axisValue ? toInt(axisValue, 'axis') : -1;
  if (y.ndim === 0) throw new MatError('list assignment index out of range', 'IndexError');
  const axis = normalizeAxis(axisArg, y.ndim);
  const xValue = optional(args, 'x');
  let d: NDArray;
  if (xValue) {
    const x = strong(toArray(xValue, 'x'));
    if (x.ndim === 1) {
      const spacing = diff(x, 1, 0);
      d = spacing.reshapedCopy(y.shape.map((_, k) => (k === axis ? spacing.size : 1)));
    } else d = diff(x, 1, axisArg);
  } else {
    const dx = optional(args, 'dx');
    d = dx ? toArray(dx, 'dx') : toArray(pyFloat(1), 'dx');
  }
  const n = y.shape[axis];
  const pairSum = binary('+', along(y, axis, 1, null), along(y, axis, 0, Math.max(n - 1, 0)));
  const halves = binary('/', binary('*', d, pairSum), toArray(pyFloat(2), 'divisor'));
  return reduce('sum', halves, axis, false);
}

/** `np.ediff1d`: the differences of the flattened array, with to_begin and to_end around them. */
function edgeDifferences(args: BoundArgs): NDArray {
  const ary = ravel(strong(toArray(required(args, 'ary'), 'ary')));
  const n = ary.size;
  const differences = binary(
    '-',
    new NDArray(ary.data.slice(Math.min(1, n)), [Math.max(n - 1, 0)], ary.dtype),
    new NDArray(ary.data.slice(0, Math.max(n - 1, 0)), [Math.max(n - 1, 0)], ary.dtype),
  );
  const begin = optional(args, 'to_begin');
  const end = optional(args, 'to_end');
  if (!begin && !end) return differences;
  const edge = (value: Value | undefined, name: string): NDArray[] => {
    if (!value) return [];
    const array = strong(toArray(value, name));
    if (!canCastSameKind(array.dtype, ary.dtype)) {
      throw new MatError(
        `dtype of \`${name}\` must be compatible with input \`ary\` under the \`same_kind\` rule.`,
        'TypeError',
      );
    }
    return [astype(ravel(array), ary.dtype)];
  };
  const parts = [...edge(begin, 'to_begin'), astype(differences, ary.dtype), ...edge(end, 'to_end')];
  return concatenate(parts, 0);
}

/** The items of a list or tuple argument (an array's rows). */
function sequenceItems(value: Value, what: string): Value[] {
  if (!isArray(value) && (value.kind === 'list' || value.kind === 'tuple')) return [...value.items];
  const array = toArray(value, what);
  if (array.ndim === 0) throw new MatError(`len() of unsized object`, 'TypeError');
  return arrayRows(array);
}

/** `np.select`: from the first true condition's choice, element by element, else the default. */
function selected(args: BoundArgs): NDArray {
  const condValues = sequenceItems(required(args, 'condlist'), 'condlist');
  const choiceValues = sequenceItems(required(args, 'choicelist'), 'choicelist');
  if (condValues.length !== choiceValues.length) {
    throw new MatError('list of cases must be same length as list of conditions');
  }
  if (condValues.length === 0) throw new MatError('select with an empty condition list is not possible');
  const defaultValue = args.named.get('default');
  // Python ints, floats and complexes stay weak in the promotion (NumPy's select keeps them as they are).
  const choices = [...choiceValues, defaultValue ?? pyInt(0)].map((v) => {
    const choice = toArray(v, 'choicelist');
    return choice.dtype === 'bool' ? strong(choice) : choice;
  });
  const dtype = resultType(choices);
  const conditions = condValues.map((v) => strong(toArray(v, 'condlist')));
  const condShape = broadcastShapesMany(conditions.map((c) => c.shape));
  const choiceShape = broadcastShapesMany(choices.map((c) => c.shape));
  conditions.forEach((c, i) => {
    if (c.dtype !== 'bool') {
      throw new MatError(`invalid entry ${i} in condlist: should be boolean ndarray`, 'TypeError');
    }
  });
  const shape = choiceShape.length === 0 ? condShape : broadcastShapesMany([condShape, choiceShape]);
  const fill = broadcastTo(choices[choices.length - 1], shape);
  const out = Float64Array.from(fill.data);
  for (let i = conditions.length - 1; i >= 0; i--) {
    const condition = broadcastTo(conditions[i], shape).data;
    const choice = broadcastTo(choices[i], shape).data;
    for (let k = 0; k < out.length; k++) if (condition[k] !== 0) out[k] = choice[k];
  }
  return new NDArray(roundInto(out, dtype), shape, dtype);
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
    name: 'lexsort',
    params: params('keys', 'axis?'),
    call: (args) => lexOrder(required(args, 'keys'), optional(args, 'axis')),
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
  { name: 'select', params: params('condlist', 'choicelist', 'default?'), call: selected },
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
    name: 'isin',
    params: params('element', 'test_elements', 'assume_unique?', 'invert?', '*kind?'),
    call: (args) => {
      const element = strong(toArray(required(args, 'element'), 'element'));
      const test = required(args, 'test_elements');
      checkIsinKind(toText(optional(args, 'kind'), 'kind'), element, test);
      return membership(element, test, flagArgument(args, 'invert'));
    },
  },
  {
    name: 'intersect1d',
    params: params('ar1', 'ar2', 'assume_unique?', 'return_indices?'),
    call: intersection,
  },
  {
    name: 'union1d',
    params: params('ar1', 'ar2'),
    call: (args) =>
      unique(
        concatenate(
          [strong(toArray(required(args, 'ar1'), 'ar1')), strong(toArray(required(args, 'ar2'), 'ar2'))],
          null,
        ),
      ).values,
  },
  {
    name: 'setdiff1d',
    params: params('ar1', 'ar2', 'assume_unique?'),
    call: (args) => {
      const assumeUnique = flagArgument(args, 'assume_unique');
      const a1 = setInput(required(args, 'ar1'), 'ar1', assumeUnique);
      const a2 = setInput(required(args, 'ar2'), 'ar2', assumeUnique);
      const kept = membership(a1, a2, true).data;
      return pick(a1, a1.shape[0] === 0 ? [] : Array.from(kept.keys()).filter((k) => kept[k] !== 0));
    },
  },
  {
    name: 'setxor1d',
    params: params('ar1', 'ar2', 'assume_unique?'),
    call: symmetricDifference,
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
  {
    name: 'digitize',
    params: params('x', 'bins', 'right?'),
    call: (args) => {
      const x = strong(toArray(required(args, 'x'), 'x'));
      const bins = strong(toArray(required(args, 'bins'), 'bins'));
      const side = flagArgument(args, 'right') ? 'left' : 'right';
      const direction = monotonicity(bins);
      if (direction === 0) throw new MatError('bins must be monotonically increasing or decreasing');
      if (direction === 1) return searchsorted(bins, x, side, null);
      const reversed = new NDArray(bins.data.slice().reverse(), bins.shape, bins.dtype);
      return binary('-', NDArray.scalar(bins.size, 'int64'), searchsorted(reversed, x, side, null));
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
  {
    name: 'ediff1d',
    params: params('ary', 'to_end?', 'to_begin?'),
    call: edgeDifferences,
  },
  {
    name: 'trapezoid',
    params: params('y', 'x?', 'dx?', 'axis?'),
    call: trapezoidal,
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
