import { isFloatDType } from '../dtypes';
import { MatError } from '../errors';
import { NDArray, shapeTextCompact } from '../ndarray';
import {
  astype,
  binary,
  broadcastTo,
  concatenate,
  cross,
  diagFromVector,
  diagonal,
  getIndex,
  type IndexSpec,
  inner,
  kron,
  median,
  normalizeAxis,
  quantile,
  ravel,
  reduce,
  repeat,
  roll,
  tile,
  tri,
  triangle,
} from '../ops';
import { newList } from '../run/pyops';
import { indexView, reshapedView, transposedView } from '../run/views';
import { isArray, typeName, type Value } from '../values';
import { arrayList } from './arrays';
import { optional, required, toArray, toAxis, toBool, toDType, toInt } from './convert';
import { type BuiltinImpl, params } from './registry';

/** An int or a sequence of ints (`shift=(1, 2)`, `reps=[2, 2]`). */
function intList(value: Value, what: string): number[] {
  if (!isArray(value) && (value.kind === 'tuple' || value.kind === 'list')) {
    return value.items.map((item) => toInt(item, what));
  }
  const array = toArray(value, what);
  if (array.ndim === 0) return [toInt(array, what)];
  if (isFloatDType(array.dtype)) {
    throw new MatError(`'float' object cannot be interpreted as an integer`, 'TypeError');
  }
  return Array.from(array.data);
}

/** NumPy's `normalize_axis_tuple`: resolved axes, AxisError out of range, ValueError when repeated. */
function axisTuple(axes: readonly number[], ndim: number, argument?: string): number[] {
  const out = axes.map((axis) => {
    try {
      return normalizeAxis(axis, ndim);
    } catch (e) {
      if (e instanceof MatError && argument) e.message = `${argument}: ${e.message}`;
      throw e;
    }
  });
  if (new Set(out).size !== out.length) {
    throw new MatError(argument ? `repeated axis in \`${argument}\` argument` : 'repeated axis');
  }
  return out;
}

/** `a` itself when it is an array (so views share its memory), else a new array from the array-like. */
function arrayArg(args: Parameters<BuiltinImpl['call']>[0], name: string): NDArray {
  return toArray(required(args, name), name);
}

/** `a[::-1]` along the given axes, as NumPy's flip: a view. */
function flipped(a: NDArray, axes: readonly number[]): NDArray {
  const specs: IndexSpec[] = a.shape.map((_, axis) =>
    axes.includes(axis)
      ? { kind: 'slice', start: null, stop: null, step: -1 }
      : { kind: 'slice', start: null, stop: null, step: null },
  );
  return indexView(a, specs) ?? getIndex(a, specs);
}

/** `a[start:stop]` along `axis` (Python's slice clamping), a view as NumPy's split gives. */
function sliceAlong(a: NDArray, axis: number, start: number, stop: number): NDArray {
  const specs: IndexSpec[] = a.shape.map((_, k) =>
    k === axis
      ? { kind: 'slice', start, stop, step: null }
      : { kind: 'slice', start: null, stop: null, step: null },
  );
  return indexView(a, specs) ?? getIndex(a, specs);
}

/** The length of `axis`, or Python's IndexError as NumPy's `ary.shape[axis]` raises it. */
function axisLength(a: NDArray, axis: number): number {
  if (axis < -a.ndim || axis >= a.ndim) throw new MatError('tuple index out of range', 'IndexError');
  return a.shape[axis < 0 ? axis + a.ndim : axis];
}

/** `np.array_split` (and `np.split` once its sections are checked): a list of views. */
function splitInto(a: NDArray, sections: Value, axisValue: Value | undefined): Value {
  const axis = axisValue ? toInt(axisValue, 'axis') : 0;
  const total = axisLength(a, axis);
  const ax = axis < 0 ? axis + a.ndim : axis;
  let points: number[];
  if (isArray(sections) && sections.ndim === 0) {
    const count = toInt(sections, 'sections');
    if (count <= 0) throw new MatError('number sections must be larger than 0.');
    const each = Math.floor(total / count);
    const extras = total % count;
    points = [0];
    for (let i = 0; i < count; i++) points.push(points[i] + each + (i < extras ? 1 : 0));
  } else {
    points = [0, ...intList(sections, 'indices_or_sections'), total];
  }
  const parts: Value[] = [];
  for (let i = 0; i + 1 < points.length; i++) parts.push(sliceAlong(a, ax, points[i], points[i + 1]));
  return newList(parts);
}

/** `np.atleast_1d/2d/3d`: where the array's axes go in the result (NumPy's padding rules). */
function atLeast(a: NDArray, ndim: 1 | 2 | 3): NDArray {
  if (a.ndim >= ndim) return a;
  let shape: number[];
  if (ndim === 1) shape = [1];
  else if (ndim === 2) shape = a.ndim === 0 ? [1, 1] : [1, a.shape[0]];
  else if (a.ndim === 0) shape = [1, 1, 1];
  else if (a.ndim === 1) shape = [1, a.shape[0], 1];
  else shape = [...a.shape, 1];
  return reshapedView(a, shape);
}

function atLeastBuiltin(ndim: 1 | 2 | 3): BuiltinImpl {
  return {
    name: `atleast_${ndim}d`,
    params: [],
    varargs: 'arys',
    call: (args) => {
      const arrays = args.rest.map((value) => atLeast(toArray(value, 'arys'), ndim));
      return arrays.length === 1 ? arrays[0] : { kind: 'tuple', items: arrays };
    },
  };
}

/** The `axis=` of squeeze/flip/...: undefined for None. */
function axesOf(value: Value | undefined): number[] | undefined {
  const axis = toAxis(value);
  return axis === null ? undefined : typeof axis === 'number' ? [axis] : axis;
}

function squeezed(a: NDArray, axisValue: Value | undefined): NDArray {
  const given = axesOf(axisValue);
  const drop = given ? axisTuple(given, a.ndim) : a.shape.flatMap((d, i) => (d === 1 ? [i] : []));
  if (drop.some((axis) => a.shape[axis] !== 1)) {
    throw new MatError('cannot select an axis to squeeze out which has size not equal to one');
  }
  return reshapedView(
    a,
    a.shape.filter((_, i) => !drop.includes(i)),
  );
}

/** `np.moveaxis`'s permutation (NumPy's algorithm: insert each moved axis at its destination). */
function movedOrder(ndim: number, source: number[], destination: number[]): number[] {
  if (source.length !== destination.length) {
    throw new MatError('`source` and `destination` arguments must have the same number of elements');
  }
  const order = Array.from({ length: ndim }, (_, i) => i).filter((i) => !source.includes(i));
  const pairs = destination.map((d, i) => [d, source[i]]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  for (const [dest, src] of pairs) order.splice(dest, 0, src);
  return order;
}

function rotated(m: NDArray, turns: number, axes: readonly number[]): NDArray {
  if (axes.length !== 2) throw new MatError('len(axes) must be 2.');
  const [first, second] = axes;
  if (first === second || Math.abs(first - second) === m.ndim) throw new MatError('Axes must be different.');
  if (first >= m.ndim || first < -m.ndim || second >= m.ndim || second < -m.ndim) {
    throw new MatError(`Axes=(${first}, ${second}) out of range for array of ndim=${m.ndim}.`);
  }
  const k = ((turns % 4) + 4) % 4;
  const i = normalizeAxis(first, m.ndim);
  const j = normalizeAxis(second, m.ndim);
  if (k === 0) return sliceAlong(m, 0, 0, m.shape[0]);
  if (k === 2) return flipped(m, [i, j]);
  const order = m.shape.map((_, axis) => (axis === i ? j : axis === j ? i : axis));
  return k === 1 ? transposedView(flipped(m, [j]), order) : flipped(transposedView(m, order), [j]);
}

/** q as fractions (divided by `scale`), checked to be in [0, 1], with the caller's wording. */
function fractions(q: NDArray, scale: number, message: string): NDArray {
  const data = q.data.map((x) => x / scale);
  for (const x of data) if (!(x >= 0 && x <= 1)) throw new MatError(message);
  const out = new NDArray(data, q.shape, 'float64');
  // A Python number q stays weak: np.quantile(float32_array, 0.5) is float32.
  out.weak = q.weak;
  return out;
}

function quantileBuiltin(name: 'percentile' | 'quantile'): BuiltinImpl {
  return {
    name,
    params: params('a', 'q', 'axis?', '*keepdims?'),
    call: (args) => {
      const q =
        name === 'percentile'
          ? fractions(arrayArg(args, 'q'), 100, 'Percentiles must be in the range [0, 100]')
          : fractions(arrayArg(args, 'q'), 1, 'Quantiles must be in the range [0, 1]');
      const keepdims = optional(args, 'keepdims');
      return quantile(
        arrayArg(args, 'a'),
        q,
        toAxis(optional(args, 'axis')),
        keepdims ? toBool(keepdims) : false,
      );
    },
  };
}

/** `np.average` with weights: sum(a * w) / sum(w), w laid along `axis` when it is 1-D. */
function weightedAverage(
  a: NDArray,
  weights: NDArray,
  axis: number | number[] | null,
  keepdims: boolean,
): [NDArray, NDArray] {
  let w = astype(weights, 'float64');
  const sameShape = a.ndim === w.ndim && a.shape.every((d, i) => d === w.shape[i]);
  if (!sameShape) {
    if (axis === null) {
      throw new MatError('Axis must be specified when shapes of a and weights differ.', 'TypeError');
    }
    const axes = axisTuple(typeof axis === 'number' ? [axis] : axis, a.ndim);
    const along = axes.map((ax) => a.shape[ax]);
    if (w.ndim !== along.length || w.shape.some((d, i) => d !== along[i])) {
      throw new MatError('Shape of weights must be consistent with shape of a along specified axis.');
    }
    const sorted = [...axes].sort((x, y) => x - y);
    w = transposedView(
      w,
      sorted.map((ax) => axes.indexOf(ax)),
    );
    w = ravel(w);
    w =
      w.size === 0
        ? w
        : reshapedView(
            w,
            a.shape.map((d, ax) => (axes.includes(ax) ? d : 1)),
          );
  }
  const scale = reduce('sum', w, axis, keepdims);
  if (scale.data.some((x) => x === 0)) {
    throw new MatError("Weights sum to zero, can't be normalized", 'ZeroDivisionError');
  }
  const total = reduce('sum', binary('*', astype(a, 'float64'), w), axis, keepdims);
  return [binary('/', total, scale), scale];
}

/** Building and rearranging arrays, and statistics along axes; their catalog entries are in ./shapingCatalog.ts. */
export const SHAPING_BUILTINS: readonly BuiltinImpl[] = [
  {
    name: 'diag',
    params: params('v', 'k?'),
    call: (args) => {
      const v = arrayArg(args, 'v');
      const kValue = optional(args, 'k');
      const k = kValue ? toInt(kValue, 'k') : 0;
      if (v.ndim === 1) return diagFromVector(v, k);
      if (v.ndim === 2) return diagonal(v, k);
      throw new MatError('Input must be 1- or 2-d.');
    },
  },
  {
    name: 'diagflat',
    params: params('v', 'k?'),
    call: (args) => {
      const kValue = optional(args, 'k');
      return diagFromVector(ravel(arrayArg(args, 'v')), kValue ? toInt(kValue, 'k') : 0);
    },
  },
  {
    name: 'diagonal',
    params: params('a', 'offset?', 'axis1?', 'axis2?'),
    call: (args) => {
      const int = (name: string, fallback: number) => {
        const value = optional(args, name);
        return value ? toInt(value, name) : fallback;
      };
      return diagonal(arrayArg(args, 'a'), int('offset', 0), int('axis1', 0), int('axis2', 1));
    },
  },
  {
    name: 'tri',
    params: params('N', 'M?', 'k?', 'dtype?'),
    call: (args) => {
      const n = toInt(required(args, 'N'), 'N');
      const m = optional(args, 'M');
      const k = optional(args, 'k');
      return tri(
        n,
        m ? toInt(m, 'M') : n,
        k ? toInt(k, 'k') : 0,
        toDType(optional(args, 'dtype')) ?? 'float64',
      );
    },
  },
  ...(['tril', 'triu'] as const).map(
    (name): BuiltinImpl => ({
      name,
      params: params('m', 'k?'),
      call: (args) => {
        const k = optional(args, 'k');
        return triangle(arrayArg(args, 'm'), k ? toInt(k, 'k') : 0, name === 'tril');
      },
    }),
  ),
  {
    name: 'column_stack',
    params: params('tup'),
    call: (args) => {
      const columns = arrayList(required(args, 'tup'), 'tup').map((a) =>
        a.ndim === 0 ? reshapedView(a, [1, 1]) : a.ndim === 1 ? reshapedView(a, [a.size, 1]) : a,
      );
      return concatenate(columns, 1);
    },
  },
  {
    name: 'dstack',
    params: params('tup'),
    call: (args) =>
      concatenate(
        arrayList(required(args, 'tup'), 'tup').map((a) => atLeast(a, 3)),
        2,
      ),
  },
  atLeastBuiltin(1),
  atLeastBuiltin(2),
  atLeastBuiltin(3),
  {
    name: 'split',
    params: params('ary', 'indices_or_sections', 'axis?'),
    call: (args) => {
      const ary = required(args, 'ary');
      const a = toArray(ary, 'ary');
      const sections = required(args, 'indices_or_sections');
      const axis = optional(args, 'axis');
      if (isArray(sections) && sections.ndim === 0) {
        // NumPy reads `ary.shape` here, which a list or tuple lacks.
        if (!isArray(ary)) {
          throw new MatError(`'${typeName(ary)}' object has no attribute 'shape'`, 'AttributeError');
        }
        const count = toInt(sections, 'indices_or_sections');
        const total = axisLength(a, axis ? toInt(axis, 'axis') : 0);
        if (count === 0) throw new MatError('integer modulo by zero', 'ZeroDivisionError');
        if (total % count !== 0) throw new MatError('array split does not result in an equal division');
      }
      return splitInto(a, sections, axis);
    },
  },
  {
    name: 'array_split',
    params: params('ary', 'indices_or_sections', 'axis?'),
    call: (args) =>
      splitInto(arrayArg(args, 'ary'), required(args, 'indices_or_sections'), optional(args, 'axis')),
  },
  {
    name: 'squeeze',
    params: params('a', 'axis?'),
    call: (args) => squeezed(arrayArg(args, 'a'), optional(args, 'axis')),
  },
  {
    name: 'expand_dims',
    params: params('a', 'axis'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const given = axesOf(required(args, 'axis')) ?? [];
      const at = axisTuple(given, a.ndim + given.length);
      const shape: number[] = [];
      for (let i = 0, k = 0; i < a.ndim + at.length; i++) shape.push(at.includes(i) ? 1 : a.shape[k++]);
      return reshapedView(a, shape);
    },
  },
  {
    name: 'swapaxes',
    params: params('a', 'axis1', 'axis2'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const [i] = axisTuple([toInt(required(args, 'axis1'), 'axis1')], a.ndim, 'axis1');
      const [j] = axisTuple([toInt(required(args, 'axis2'), 'axis2')], a.ndim, 'axis2');
      return transposedView(
        a,
        a.shape.map((_, k) => (k === i ? j : k === j ? i : k)),
      );
    },
  },
  {
    name: 'moveaxis',
    params: params('a', 'source', 'destination'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const source = axisTuple(intList(required(args, 'source'), 'source'), a.ndim, 'source');
      const destination = axisTuple(
        intList(required(args, 'destination'), 'destination'),
        a.ndim,
        'destination',
      );
      return transposedView(a, movedOrder(a.ndim, source, destination));
    },
  },
  {
    name: 'flip',
    params: params('m', 'axis?'),
    call: (args) => {
      const m = arrayArg(args, 'm');
      const given = axesOf(optional(args, 'axis'));
      return flipped(m, given ? axisTuple(given, m.ndim) : m.shape.map((_, i) => i));
    },
  },
  {
    name: 'fliplr',
    params: params('m'),
    call: (args) => {
      const m = arrayArg(args, 'm');
      if (m.ndim < 2) throw new MatError('Input must be >= 2-d.');
      return flipped(m, [1]);
    },
  },
  {
    name: 'flipud',
    params: params('m'),
    call: (args) => {
      const m = arrayArg(args, 'm');
      if (m.ndim < 1) throw new MatError('Input must be >= 1-d.');
      return flipped(m, [0]);
    },
  },
  {
    name: 'rot90',
    params: params('m', 'k?', 'axes?'),
    call: (args) => {
      const k = optional(args, 'k');
      const axes = optional(args, 'axes');
      return rotated(arrayArg(args, 'm'), k ? toInt(k, 'k') : 1, axes ? intList(axes, 'axes') : [0, 1]);
    },
  },
  {
    name: 'roll',
    params: params('a', 'shift', 'axis?'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const shifts = intList(required(args, 'shift'), 'shift');
      const given = axesOf(optional(args, 'axis'));
      if (!given) {
        // Rolled as the flattened array, then given its shape back.
        const flat = roll(ravel(a), new Map([[0, shifts.reduce((s, x) => s + x, 0)]]));
        return reshapedView(flat, a.shape);
      }
      const axes = given.map((axis) => normalizeAxis(axis, a.ndim));
      const n = Math.max(shifts.length, axes.length);
      if ((shifts.length !== n && shifts.length !== 1) || (axes.length !== n && axes.length !== 1)) {
        throw new MatError(
          `shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0 with shape ${shapeTextCompact([shifts.length])} and arg 1 with shape ${shapeTextCompact([axes.length])}.`,
        );
      }
      const byAxis = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const axis = axes[axes.length === 1 ? 0 : i];
        byAxis.set(axis, (byAxis.get(axis) ?? 0) + shifts[shifts.length === 1 ? 0 : i]);
      }
      return roll(a, byAxis);
    },
  },
  {
    name: 'tile',
    params: params('A', 'reps'),
    call: (args) => tile(arrayArg(args, 'A'), intList(required(args, 'reps'), 'reps')),
  },
  {
    name: 'repeat',
    params: params('a', 'repeats', 'axis?'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const repeats = arrayArg(args, 'repeats');
      if (isFloatDType(repeats.dtype)) {
        throw new MatError(
          "Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'",
          'TypeError',
        );
      }
      const axis = optional(args, 'axis');
      return axis ? repeat(a, repeats, toInt(axis, 'axis')) : repeat(ravel(a), repeats, 0);
    },
  },
  {
    name: 'median',
    params: params('a', 'axis?', '*keepdims?'),
    call: (args) => {
      const keepdims = optional(args, 'keepdims');
      return median(arrayArg(args, 'a'), toAxis(optional(args, 'axis')), keepdims ? toBool(keepdims) : false);
    },
  },
  quantileBuiltin('percentile'),
  quantileBuiltin('quantile'),
  {
    name: 'average',
    params: params('a', 'axis?', 'weights?', 'returned?', '*keepdims?'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const axis = toAxis(optional(args, 'axis'));
      const keepValue = optional(args, 'keepdims');
      const keepdims = keepValue ? toBool(keepValue) : false;
      const weights = optional(args, 'weights');
      let average: NDArray;
      let scale: NDArray;
      if (weights) {
        [average, scale] = weightedAverage(a, toArray(weights, 'weights'), axis, keepdims);
      } else {
        average = reduce('mean', a, axis, keepdims);
        scale = NDArray.filled(average.shape, a.size / average.size, 'float64');
      }
      const returned = optional(args, 'returned');
      if (!returned || !toBool(returned)) return average;
      // The sum of weights comes back in the average's shape.
      scale = broadcastTo(scale, average.shape);
      return { kind: 'tuple', items: [average, scale] };
    },
  },
  {
    name: 'inner',
    params: params('a', 'b'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const b = arrayArg(args, 'b');
      return a.ndim === 0 || b.ndim === 0 ? binary('*', a, b) : inner(a, b);
    },
  },
  {
    name: 'kron',
    params: params('a', 'b'),
    call: (args) => {
      const a = arrayArg(args, 'a');
      const b = arrayArg(args, 'b');
      return a.ndim === 0 || b.ndim === 0 ? binary('*', a, b) : kron(a, b);
    },
  },
  {
    name: 'cross',
    params: params('a', 'b'),
    call: (args) => cross(arrayArg(args, 'a'), arrayArg(args, 'b')),
  },
];
