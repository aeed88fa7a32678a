import type { ArithmeticOp, ReduceKind, UnaryMathName } from '../ops';
import { absolute, binary, clip, maximum, minimum, reduce, round, unaryMath, where } from '../ops';
import { optional, required, toArray, toAxis, toBool, toInt } from './convert';
import { type BuiltinSpec, params } from './registry';

/** Element-wise arithmetic under NumPy's ufunc names (`np.multiply(a, b)` is `a * b`). */
function ufunc2(name: string, op: ArithmeticOp, doc: string): BuiltinSpec {
  return {
    name,
    signature: `${name}(x1, x2)`,
    doc,
    params: params('x1', 'x2'),
    call: (args) => binary(op, toArray(required(args, 'x1'), 'x1'), toArray(required(args, 'x2'), 'x2')),
  };
}

function ufunc1(name: string, fn: UnaryMathName, doc: string): BuiltinSpec {
  return {
    name,
    signature: `${name}(x)`,
    doc,
    params: params('x'),
    call: (args) => unaryMath(fn, toArray(required(args, 'x'), 'x')),
  };
}

function reduction(name: string, kind: ReduceKind, doc: string): BuiltinSpec {
  return {
    name,
    signature: `${name}(a, axis=None, keepdims=False)`,
    doc,
    params: params('a', 'axis?', 'keepdims?'),
    call: (args) => {
      const keep = optional(args, 'keepdims');
      return reduce(
        kind,
        toArray(required(args, 'a'), 'a'),
        toAxis(optional(args, 'axis')),
        keep ? toBool(keep) : false,
      );
    },
  };
}

/** `argmax`/`argmin`: like a reduction, but `keepdims` is keyword-only, as in NumPy. */
function argReduction(name: 'argmax' | 'argmin', doc: string): BuiltinSpec {
  return {
    name,
    signature: `${name}(a, axis=None)`,
    doc,
    params: params('a', 'axis?', '*keepdims?'),
    call: (args) => {
      const keep = optional(args, 'keepdims');
      return reduce(
        name,
        toArray(required(args, 'a'), 'a'),
        toAxis(optional(args, 'axis')),
        keep ? toBool(keep) : false,
      );
    },
  };
}

/** Arithmetic, element-wise functions and reductions. */
export const MATH_BUILTINS: readonly BuiltinSpec[] = [
  ufunc2('add', '+', 'Element-wise sum, with broadcasting (same as x1 + x2).'),
  ufunc2('subtract', '-', 'Element-wise difference, with broadcasting (same as x1 - x2).'),
  ufunc2(
    'multiply',
    '*',
    'Element-wise (Hadamard) product, with broadcasting (same as x1 * x2) — not the matrix product.',
  ),
  ufunc2('divide', '/', 'Element-wise true division (same as x1 / x2); always gives floats.'),
  ufunc2('true_divide', '/', 'Element-wise true division (same as x1 / x2).'),
  ufunc2('floor_divide', '//', 'Element-wise floor division (same as x1 // x2).'),
  ufunc2('power', '**', 'Element-wise power (same as x1 ** x2).'),
  ufunc2('mod', '%', 'Element-wise remainder with the sign of the divisor (same as x1 % x2).'),
  ufunc2('remainder', '%', 'Element-wise remainder with the sign of the divisor (same as x1 % x2).'),
  ufunc1('exp', 'exp', 'Element-wise e**x.'),
  ufunc1('log', 'log', 'Element-wise natural logarithm.'),
  ufunc1('log2', 'log2', 'Element-wise base-2 logarithm.'),
  ufunc1('log10', 'log10', 'Element-wise base-10 logarithm.'),
  ufunc1('sqrt', 'sqrt', 'Element-wise non-negative square root.'),
  ufunc1('sin', 'sin', 'Element-wise sine (radians).'),
  ufunc1('cos', 'cos', 'Element-wise cosine (radians).'),
  ufunc1('tan', 'tan', 'Element-wise tangent (radians).'),
  ufunc1('tanh', 'tanh', 'Element-wise hyperbolic tangent.'),
  ufunc1('floor', 'floor', 'Element-wise floor.'),
  ufunc1('ceil', 'ceil', 'Element-wise ceiling.'),
  ufunc1('sign', 'sign', 'Element-wise sign: -1, 0 or 1.'),
  {
    name: 'abs',
    signature: 'abs(x)',
    doc: 'Element-wise absolute value.',
    params: params('x'),
    call: (args) => absolute(toArray(required(args, 'x'), 'x')),
  },
  {
    name: 'absolute',
    signature: 'absolute(x)',
    doc: 'Element-wise absolute value.',
    params: params('x'),
    call: (args) => absolute(toArray(required(args, 'x'), 'x')),
  },
  {
    name: 'maximum',
    signature: 'maximum(x1, x2)',
    doc: 'Element-wise maximum of two arrays, with broadcasting (NaN wins).',
    params: params('x1', 'x2'),
    call: (args) => maximum(toArray(required(args, 'x1'), 'x1'), toArray(required(args, 'x2'), 'x2')),
  },
  {
    name: 'minimum',
    signature: 'minimum(x1, x2)',
    doc: 'Element-wise minimum of two arrays, with broadcasting (NaN wins).',
    params: params('x1', 'x2'),
    call: (args) => minimum(toArray(required(args, 'x1'), 'x1'), toArray(required(args, 'x2'), 'x2')),
  },
  {
    name: 'clip',
    signature: 'clip(a, a_min, a_max)',
    doc: 'Limits the values to the interval [a_min, a_max] (either may be None; also min=, max=).',
    params: params('a', 'a_min?', 'a_max?', '*min?', '*max?'),
    call: (args) => {
      const lo = optional(args, 'a_min') ?? optional(args, 'min');
      const hi = optional(args, 'a_max') ?? optional(args, 'max');
      return clip(
        toArray(required(args, 'a'), 'a'),
        lo ? toArray(lo, 'a_min') : null,
        hi ? toArray(hi, 'a_max') : null,
      );
    },
  },
  {
    name: 'round',
    signature: 'round(a, decimals=0)',
    doc: 'Rounds to the given number of decimals (halves to even, as NumPy does).',
    params: params('a', 'decimals?'),
    call: (args) => {
      const decimals = optional(args, 'decimals');
      return round(toArray(required(args, 'a'), 'a'), decimals ? toInt(decimals, 'decimals') : 0);
    },
  },
  {
    name: 'where',
    signature: 'where(condition, x, y)',
    doc: 'Chooses x where the condition is True and y elsewhere, with broadcasting.',
    params: params('condition', 'x', 'y'),
    call: (args) =>
      where(
        toArray(required(args, 'condition'), 'condition'),
        toArray(required(args, 'x'), 'x'),
        toArray(required(args, 'y'), 'y'),
      ),
  },
  reduction('sum', 'sum', 'Sum of the elements, over all of them or along an axis.'),
  reduction('prod', 'prod', 'Product of the elements, over all of them or along an axis.'),
  reduction('mean', 'mean', 'Arithmetic mean, over all elements or along an axis.'),
  reduction('std', 'std', 'Standard deviation (population, ddof=0), over all elements or along an axis.'),
  reduction('var', 'var', 'Variance (population, ddof=0), over all elements or along an axis.'),
  reduction('max', 'max', 'Largest element, over all elements or along an axis.'),
  reduction('amax', 'max', 'Largest element, over all elements or along an axis.'),
  reduction('min', 'min', 'Smallest element, over all elements or along an axis.'),
  reduction('amin', 'min', 'Smallest element, over all elements or along an axis.'),
  reduction('all', 'all', 'True when every element is non-zero.'),
  reduction('any', 'any', 'True when some element is non-zero.'),
  argReduction('argmax', 'Index of the largest element (in the flattened array when axis is None).'),
  argReduction('argmin', 'Index of the smallest element (in the flattened array when axis is None).'),
];
